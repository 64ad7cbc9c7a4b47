import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checksumOf, Variants } from './engines.js';
import { formatMs, formatRatio, geomean, median, renderSvg } from './report.js';

test('median: middle value, mean of the middle two, input untouched', () => {
  const xs = [5, 1, 3];
  assert.is(median(xs), 3);
  assert.equal(xs, [5, 1, 3]);
  assert.is(median([4, 1, 3, 2]), 2.5);
  assert.throws(() => median([]), (e: unknown) => e instanceof RangeError);
});

test('geomean: of ratios, NaN when empty', () => {
  assert.ok(Math.abs(geomean([2, 8]) - 4) < 1e-12);
  assert.ok(Math.abs(geomean([0.5, 2]) - 1) < 1e-12);
  assert.ok(Number.isNaN(geomean([])));
});

test('formatting: about three significant digits', () => {
  assert.is(formatMs(0.1234), '0.123');
  assert.is(formatMs(1.234), '1.23');
  assert.is(formatMs(12.34), '12.3');
  assert.is(formatMs(1234.5), '1235');
  assert.is(formatRatio(0.523), '0.52×');
  assert.is(formatRatio(27.34), '27.3×');
  assert.is(formatRatio(112.4), '112×');
  assert.is(formatRatio(NaN), '–');
});

test('checksumOf: unsigned decimal of an i32, an i64 BigInt and a Long', () => {
  assert.is(checksumOf(-1), '4294967295');
  assert.is(checksumOf(7), '7');
  assert.is(checksumOf(-1n), '18446744073709551615');
  assert.is(checksumOf({ low: -1, high: 1 }), String(2n ** 33n - 1n));
  assert.throws(() => checksumOf(1.5));
  assert.throws(() => checksumOf(undefined));
});

test('Variants: distinct copies, each the module plus one well-formed custom section', () => {
  const bytes = Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0);
  const v = new Variants(bytes);
  const a = v.next(), b = v.next();
  assert.is(a.length, b.length);
  assert.equal(a.subarray(0, bytes.length), bytes);
  assert.not.equal(a, b);
  // id 0, then the size, which covers exactly the rest of the copy.
  assert.is(a[bytes.length], 0);
  assert.is(a[bytes.length + 1], a.length - bytes.length - 2);
  const nameLength = a[bytes.length + 2];
  const name = new TextDecoder().decode(a.subarray(bytes.length + 3, bytes.length + 3 + nameLength));
  assert.is(name, 'vitrine-bench');
  assert.is(new TextDecoder().decode(b.subarray(b.length - 8)), '00000001');
});

test('renderSvg: a row per program plus the geometric mean, bars from 1× on a log axis', () => {
  const svg = renderSvg({
    title: 'T & <co>',
    subtitle: 'S',
    axisLabel: 'A',
    names: ['fib', 'sieve'],
    series: [
      { label: 'V / H', color: '#000', values: [20, undefined], notes: [undefined, 'wrong result'], geomean: 20 },
      { label: 'P / H', color: '#111', values: [0.5, 2], geomean: 1 },
    ],
  });
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  assert.ok(svg.trimEnd().endsWith('</svg>'));
  assert.ok(svg.includes('T &amp; &lt;co&gt;'));
  for (const label of ['fib', 'sieve', 'geomean', '20.0×', '0.50×', '2.00×', 'wrong result']) assert.ok(svg.includes(`>${label}<`), label);
  // The axis spans whole decades around every value and 1: 0.1× to 100×.
  assert.ok(svg.includes('>0.1×<'));
  assert.ok(svg.includes('>100×<'));
  // Bars: two of the first series (one row has no value), three of the second.
  assert.is(svg.match(/<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="9"/g)?.length, 5);
});

test.run();
