import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bytes, throwsCompile } from './fixtures.test.js';
import { decodeUtf8, Reader, UNEXPECTED_END } from './reader.js';
import { Writer } from './writer.js';

const rd = (...hex: string[]) => new Reader(bytes(...hex));

test('u8 / peek / running off the end', () => {
  const r = rd('07');
  assert.is(r.peek(), 7);
  assert.is(r.u8(), 7);
  assert.is(r.peek(), -1);
  assert.ok(r.atEnd());
  throwsCompile(() => r.u8(), UNEXPECTED_END, 1);
});

test('u32: values, non-minimal encodings, edges', () => {
  assert.is(rd('00').u32(), 0);
  assert.is(rd('7f').u32(), 127);
  assert.is(rd('80 01').u32(), 128);
  assert.is(rd('e5 8e 26').u32(), 624485);
  assert.is(rd('ff ff ff ff 0f').u32(), 0xffff_ffff);
  assert.is(rd('80 80 80 80 00').u32(), 0);
  const r = rd('82 80 00 05');
  assert.is(r.u32(), 2);
  assert.is(r.pos, 3);
});

test('u32: malformed encodings (spec §5.2.2)', () => {
  throwsCompile(() => rd('80 80 80 80 80 00').u32(), 'integer representation too long', 5);
  throwsCompile(() => rd('8f 80 80 80 80 00').u32(), 'integer representation too long');
  throwsCompile(() => rd('ff ff ff ff 1f').u32(), 'integer too large', 4);
  throwsCompile(() => rd('82 80 80 80 70').u32(), 'integer too large');
  throwsCompile(() => rd('82 80 80 80 90 00').u32(), 'integer too large');
  throwsCompile(() => rd('80 80').u32(), UNEXPECTED_END);
});

test('uN(1): the 2.0 limits flag', () => {
  assert.is(rd('00').uN(1), 0);
  assert.is(rd('01').uN(1), 1);
  throwsCompile(() => rd('02').uN(1), 'integer too large', 0);
  throwsCompile(() => rd('81 00').uN(1), 'integer representation too long', 1);
});

test('s32: values and sign extension', () => {
  assert.is(rd('00').s32(), 0);
  assert.is(rd('3f').s32(), 63);
  assert.is(rd('c0 00').s32(), 64);
  assert.is(rd('40').s32(), -64);
  assert.is(rd('7f').s32(), -1);
  assert.is(rd('bf 7f').s32(), -65);
  assert.is(rd('ff ff ff ff 07').s32(), 0x7fff_ffff);
  assert.is(rd('80 80 80 80 78').s32(), -0x8000_0000);
  assert.is(rd('ff ff ff ff 7f').s32(), -1);
  assert.is(rd('80 80 80 80 00').s32(), 0);
});

test('s32: malformed encodings', () => {
  throwsCompile(() => rd('ff ff ff ff 0f').s32(), 'integer too large', 4);
  throwsCompile(() => rd('80 80 80 80 70').s32(), 'integer too large');
  throwsCompile(() => rd('80 80 80 80 80 00').s32(), 'integer representation too long', 5);
  throwsCompile(() => rd('ff ff ff ff ff 7f').s32(), 'integer representation too long');
});

test('s33: the full 33-bit range', () => {
  assert.is(rd('ff ff ff ff 0f').s33(), 2 ** 32 - 1);
  assert.is(rd('80 80 80 80 70').s33(), -(2 ** 32));
  throwsCompile(() => rd('ff ff ff ff 1f').s33(), 'integer too large');
  throwsCompile(() => rd('80 80 80 80 60').s33(), 'integer too large');
});

test('s64: values and malformed encodings', () => {
  assert.is(rd('7f').s64(), -1n);
  assert.is(rd('ff 00').s64(), 127n);
  assert.is(rd('ff ff ff ff ff ff ff ff ff 00').s64(), 2n ** 63n - 1n);
  assert.is(rd('80 80 80 80 80 80 80 80 80 7f').s64(), -(2n ** 63n));
  assert.is(rd('ff ff ff ff ff ff ff ff ff 7f').s64(), -1n);
  throwsCompile(() => rd('ff ff ff ff ff ff ff ff ff 01').s64(), 'integer too large', 9);
  throwsCompile(() => rd('80 80 80 80 80 80 80 80 80 02').s64(), 'integer too large');
  throwsCompile(() => rd('ff ff ff ff ff ff ff ff ff 41').s64(), 'integer too large');
  throwsCompile(() => rd('80 80 80 80 80 80 80 80 80 80 00').s64(), 'integer representation too long', 10);
});

test('LEB128 fast paths agree with the encoder at every length (s64 up to 10 bytes, s32, u32)', () => {
  const i64s: bigint[] = [0n, 1n, -1n];
  for (let bits = 1n; bits < 64n; bits++) {
    const p = 2n ** bits;
    i64s.push(p - 1n, p, -p, -p - 1n, -p + 1n);
  }
  for (let k = 0n; k < 200n; k++) i64s.push(BigInt.asIntN(64, k * 0x9e37_79b9_7f4a_7c15n), BigInt.asIntN(64, -k * 0x1234_5678_9abcn));
  for (const v of i64s) {
    const x = BigInt.asIntN(64, v);
    const w = new Writer();
    w.s64(x);
    w.u8(0x2a); // what follows must stay unread
    const r = new Reader(w.finish());
    assert.is(r.s64(), x, `s64 ${x}`);
    assert.is(r.u8(), 0x2a);
  }
  for (const v of [0, 63, 64, -64, -65, 8191, 8192, -8192, -8193, 2 ** 20, -(2 ** 27), 2 ** 31 - 1, -(2 ** 31)]) {
    const w = new Writer();
    w.s32(v);
    w.u8(0x2a);
    const r = new Reader(w.finish());
    assert.is(r.s32(), v, `s32 ${v}`);
    assert.is(r.u8(), 0x2a);
  }
  for (const v of [0, 127, 128, 16383, 16384, 2 ** 21, 2 ** 32 - 1]) {
    const w = new Writer();
    w.u32(v);
    w.u8(0x2a);
    const r = new Reader(w.finish());
    assert.is(r.u32(), v, `u32 ${v}`);
    assert.is(r.u8(), 0x2a);
  }
  // A two-byte value is too wide for a 7-bit field: the general path's error.
  throwsCompile(() => rd('80 01').uN(7), 'integer representation too long');
  // Cut short inside a fast-path length: the general path's end-of-input error.
  throwsCompile(() => rd('80 80').s64(), UNEXPECTED_END);
});

test('u64 and u64Number', () => {
  assert.is(rd('05').u64(), 5n);
  assert.is(rd('ff ff ff ff ff ff ff ff ff 01').u64(), 2n ** 64n - 1n);
  assert.is(rd('80 80 80 80 10').u64(), 2n ** 32n);
  throwsCompile(() => rd('ff ff ff ff ff ff ff ff ff 02').u64(), 'integer too large', 9);
  throwsCompile(() => rd('80 80 80 80 80 80 80 80 80 80 00').u64(), 'integer representation too long');
  assert.is(rd('05').u64Number(), 5);
  assert.is(rd('80 80 80 80 10').u64Number(), 2 ** 32);
});

test('f32 / f64 keep raw bits, NaN payloads included', () => {
  assert.is(rd('00 00 80 3f').f32Bits(), 0x3f80_0000);
  assert.is(rd('01 00 c0 ff').f32Bits(), 0xffc0_0001 | 0);
  assert.is(rd('00 00 00 00 00 00 f0 3f').f64Bits(), 0x3ff0_0000_0000_0000n);
  assert.is(rd('01 00 00 00 00 00 f8 ff').f64Bits(), BigInt.asIntN(64, 0xfff8_0000_0000_0001n));
  throwsCompile(() => rd('00 00 80').f32Bits(), UNEXPECTED_END, 3);
  throwsCompile(() => rd('00 00 00 00 00 00 f0').f64Bits(), UNEXPECTED_END, 7);
});

test('len32 bounds a length by the bytes left from the length itself', () => {
  const ok = rd('03 aa bb');
  assert.is(ok.len32(), 3); // 3 bytes counted from the length byte: accepted
  throwsCompile(() => rd('04 aa bb').len32(), 'length out of bounds', 0);
  throwsCompile(() => rd('ff ff ff ff 0f').len32(), 'length out of bounds', 0);
});

test('bytesN copies, and runs out as "unexpected end"', () => {
  const input = bytes('01 02 03');
  const r = new Reader(input);
  const b = r.bytesN(2);
  input[0] = 9;
  assert.equal([...b], [1, 2]);
  throwsCompile(() => r.bytesN(2), UNEXPECTED_END);
  throwsCompile(() => new Reader(input).bytesN(-1), UNEXPECTED_END);
});

test('name: UTF-8 validated (spec §5.2.4)', () => {
  assert.is(rd('03 61 62 63').name(), 'abc');
  assert.is(rd('00').name(), '');
  assert.is(rd('05 c3 a9 e2 82 ac').name(), 'é€');
  assert.is(rd('04 f0 9f 98 80').name(), '😀');
  for (const bad of ['02 c0 80', '03 ed a0 80', '04 f4 90 80 80', '02 e2 82', '01 80', '01 ff', '04 f8 88 80 80']) {
    throwsCompile(() => rd(bad).name(), 'malformed UTF-8 encoding', 0);
  }
  throwsCompile(() => rd('05 61 62').name(), 'length out of bounds', 0);
});

test('decodeUtf8: ranges and long strings', () => {
  const b = bytes('ef bb bf 61'); // a leading BOM is kept
  assert.is(decodeUtf8(b, 0, b.length), '\ufeffa');
  assert.is(decodeUtf8(bytes('f4 8f bf bf'), 0, 4), '\u{10ffff}');
  assert.is(decodeUtf8(bytes('e0 9f bf'), 0, 3), undefined); // overlong 3-byte
  const long = new Uint8Array(10_000).fill(0x41);
  assert.is(decodeUtf8(long, 0, long.length), 'A'.repeat(10_000));
});

test('zeroByte: a single 0x00, not a long zero', () => {
  const r = rd('00');
  r.zeroByte();
  assert.is(r.pos, 1);
  throwsCompile(() => rd('01').zeroByte(), 'zero byte expected', 0);
  throwsCompile(() => rd('80 00').zeroByte(), 'zero byte expected', 0);
});


/**
 * The LEB128 readers' fast paths (one to five bytes in integer arithmetic, s64 from two 32-bit
 * halves) against a reference written with BigInt per byte: the same value, position and error
 * (message and offset) on random byte strings — valid, overlong, too large and truncated ones.
 */
test('LEB128 fast paths agree with a BigInt reference on random input', () => {
  const reference = (r: Reader, bits: number, signed: boolean): bigint => {
    let result = 0n;
    let shift = 0n;
    for (let left = bits; ; left -= 7) {
      if (left <= 0) r.fail('integer representation too long');
      const b = r.u8();
      if (left < 7) {
        if (signed) {
          const mask = (-1 << (left - 1)) & 0x7f;
          if ((b & mask) !== 0 && (b & mask) !== mask) r.fail('integer too large', r.pos - 1);
        } else if ((b & 0x7f) >= 1 << left) {
          r.fail('integer too large', r.pos - 1);
        }
      }
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) return signed && b & 0x40 ? result - (1n << shift) : result;
    }
  };
  const outcome = (f: () => unknown, r: Reader): string => {
    try {
      return `${String(f())} at ${r.pos}`;
    } catch (e) {
      return `${(e as Error).message} @${(e as { offset?: number }).offset}`;
    }
  };
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
  const interesting = [0x00, 0x01, 0x0f, 0x10, 0x3f, 0x40, 0x70, 0x78, 0x7f, 0x80, 0x8f, 0xff];
  for (let t = 0; t < 10000; t++) {
    const b = new Uint8Array(1 + Math.floor(random() * 12));
    for (let k = 0; k < b.length; k++) {
      const x = random();
      b[k] = x < 0.55 ? 0x80 | Math.floor(random() * 128) : x < 0.8 ? interesting[Math.floor(random() * 12)] : Math.floor(random() * 256);
    }
    const at = Math.floor(random() * b.length);
    const cases: [string, (r: Reader) => unknown, (r: Reader) => unknown][] = [
      ['u32', (r) => r.u32(), (r) => Number(reference(r, 32, false))],
      ['uN(1)', (r) => r.uN(1), (r) => Number(reference(r, 1, false))],
      ['s32', (r) => r.s32(), (r) => Number(reference(r, 32, true))],
      ['s33', (r) => r.s33(), (r) => Number(reference(r, 33, true))],
      ['s64', (r) => r.s64(), (r) => BigInt.asIntN(64, reference(r, 64, true))],
      ['u64Number', (r) => r.u64Number(), (r) => Number(reference(r, 64, false))],
    ];
    for (const [name, fast, ref] of cases) {
      const r1 = new Reader(b, at);
      const r2 = new Reader(b, at);
      const got = outcome(() => fast(r1), r1);
      const want = outcome(() => ref(r2), r2);
      assert.is(got, want, `${name} of ${Array.from(b, (x) => x.toString(16)).join(' ')} from ${at}`);
    }
  }
});

test('f32Bits / f64Bits: little-endian raw bits', () => {
  assert.is(rd('00 00 c0 7f').f32Bits(), 0x7fc00000);
  assert.is(rd('01 00 80 ff').f32Bits(), 0xff800001 | 0);
  assert.is(rd('00 00 00 00 00 00 f8 7f').f64Bits(), 0x7ff8000000000000n);
  assert.is(rd('01 02 03 04 05 06 07 88').f64Bits(), BigInt.asIntN(64, 0x8807060504030201n));
  throwsCompile(() => rd('00 00 00').f32Bits(), UNEXPECTED_END);
});

test('bytesN: copies, small and large', () => {
  const src = new Uint8Array(200).map((_, k) => k);
  const r = new Reader(src, 3);
  const small = r.bytesN(16);
  const large = r.bytesN(100);
  const large2 = r.bytesN(70);
  src.fill(0);
  assert.equal([...small], Array.from({ length: 16 }, (_, k) => 3 + k));
  assert.equal([...large], Array.from({ length: 100 }, (_, k) => 19 + k));
  assert.equal([...large2], Array.from({ length: 70 }, (_, k) => 119 + k));
  assert.is(r.pos, 189);
  throwsCompile(() => r.bytesN(12), UNEXPECTED_END);
});

test('decodeUtf8: ASCII and longer strings', () => {
  const ascii = 'abcdefghijklmnopqrstuvwxyz_0123456789';
  for (let n = 0; n <= ascii.length; n++) {
    const b = new TextEncoder().encode(ascii.slice(0, n));
    assert.is(decodeUtf8(b, 0, b.length), ascii.slice(0, n));
  }
  const mixed = new TextEncoder().encode('abc\u00e9\u{1f600}z');
  assert.is(decodeUtf8(mixed, 0, mixed.length), 'abc\u00e9\u{1f600}z');
});

test.run();
