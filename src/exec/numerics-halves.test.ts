/**
 * The two-halves i64 helpers, differentially against the bigint helpers of numerics.ts on edge
 * values (0, ±1, powers of two and their neighbours, INT64_MIN/MAX, values near 2^53 where the
 * division fast path ends) and on random values, all pairs.
 */

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RuntimeError } from '../errors.js';
import * as n from './numerics.js';
import * as h from './numerics-halves.js';

const MIN64 = -(1n << 63n);
const MAX64 = (1n << 63n) - 1n;

const lo = (x: bigint) => Number(BigInt.asIntN(32, x));
const hi = (x: bigint) => Number(BigInt.asIntN(32, x >> 32n));
const out = () => h.i64FromHalves(h.i64Out[0], h.i64Out[1]);

/** Edge values plus deterministic pseudo-random ones (xorshift64 on bigints). */
function values(randomCount: number, seed: bigint): bigint[] {
  const edges = new Set<bigint>([0n, 1n, -1n, 2n, -2n, 3n, -3n, 7n, -7n, MIN64, MAX64, MIN64 + 1n, MAX64 - 1n]);
  for (let k = 1n; k < 64n; k++) {
    for (const d of [-1n, 0n, 1n]) {
      edges.add(BigInt.asIntN(64, (1n << k) + d));
      edges.add(BigInt.asIntN(64, -(1n << k) + d));
    }
  }
  const out = [...edges];
  let s = seed;
  for (let i = 0; i < randomCount; i++) {
    s ^= BigInt.asUintN(64, s << 13n); s ^= s >> 7n; s ^= BigInt.asUintN(64, s << 17n);
    // Mix full-width values with narrower ones so both division paths get exercised.
    const width = BigInt([64, 64, 54, 53, 52, 40, 33, 32, 20, 8][i % 10]);
    out.push(BigInt.asIntN(64, BigInt.asIntN(Number(width), s)));
  }
  return out;
}

const xs = values(150, 0x9e3779b97f4a7c15n);

/** Result or trap message, for comparing two implementations including their traps. */
function outcome(f: () => bigint | number): string {
  try {
    return String(f());
  } catch (e) {
    assert.instance(e, RuntimeError);
    return `trap: ${(e as Error).message}`;
  }
}

function binary(
  name: string,
  big: (a: bigint, b: bigint) => bigint | number,
  halves: (alo: number, ahi: number, blo: number, bhi: number) => void | number,
): void {
  test(`${name}: halves = bigint on ${xs.length}² pairs`, () => {
    for (const a of xs) for (const b of xs) {
      const expected = outcome(() => big(a, b));
      const actual = outcome(() => {
        const r = halves(lo(a), hi(a), lo(b), hi(b));
        return typeof r === 'number' ? r : out();
      });
      if (actual !== expected) assert.is(actual, expected, `${name}(${a}, ${b})`);
    }
  });
}

binary('add', n.i64Add, h.i64AddHalves);
binary('sub', n.i64Sub, h.i64SubHalves);
binary('mul', n.i64Mul, h.i64MulHalves);
binary('div_s', n.i64DivS, h.i64DivSHalves);
binary('div_u', n.i64DivU, h.i64DivUHalves);
binary('rem_s', n.i64RemS, h.i64RemSHalves);
binary('rem_u', n.i64RemU, h.i64RemUHalves);
binary('eq', (a, b) => (a === b ? 1 : 0), h.i64EqHalves);
binary('ne', (a, b) => (a !== b ? 1 : 0), h.i64NeHalves);
binary('lt_s', (a, b) => (a < b ? 1 : 0), h.i64LtSHalves);
binary('gt_s', (a, b) => (a > b ? 1 : 0), h.i64GtSHalves);
binary('le_s', (a, b) => (a <= b ? 1 : 0), h.i64LeSHalves);
binary('ge_s', (a, b) => (a >= b ? 1 : 0), h.i64GeSHalves);
binary('lt_u', n.i64LtU, h.i64LtUHalves);
binary('gt_u', n.i64GtU, h.i64GtUHalves);
binary('le_u', n.i64LeU, h.i64LeUHalves);
binary('ge_u', n.i64GeU, h.i64GeUHalves);

test('division traps: by zero, and INT64_MIN / -1 overflows while rem is 0', () => {
  assert.throws(() => h.i64DivSHalves(5, 0, 0, 0), (e: Error) => e.message === 'integer divide by zero');
  assert.throws(() => h.i64DivUHalves(5, 0, 0, 0), (e: Error) => e.message === 'integer divide by zero');
  assert.throws(() => h.i64RemSHalves(5, 0, 0, 0), (e: Error) => e.message === 'integer divide by zero');
  assert.throws(() => h.i64RemUHalves(5, 0, 0, 0), (e: Error) => e.message === 'integer divide by zero');
  assert.throws(() => h.i64DivSHalves(0, -0x80000000, -1, -1), (e: Error) => e.message === 'integer overflow');
  h.i64RemSHalves(0, -0x80000000, -1, -1);
  assert.is(out(), 0n);
  h.i64DivUHalves(0, -0x80000000, -1, -1);
  assert.is(out(), 0n);
  // -2^53 / -1 is on the double fast path and must give +2^53, not overflow.
  h.i64DivSHalves(0, -0x200000, -1, -1);
  assert.is(out(), 1n << 53n);
  h.i64RemSHalves(-4, -1, 2, 0); // -4 rem 2 is 0, not -0
  assert.equal([h.i64Out[0], h.i64Out[1]], [0, 0]);
});

test('shifts and rotates: halves = bigint for every count 0..127', () => {
  const ops: [string, (a: bigint, k: bigint) => bigint, (alo: number, ahi: number, k: number) => void][] = [
    ['shl', n.i64Shl, h.i64ShlHalves], ['shr_s', n.i64ShrS, h.i64ShrSHalves],
    ['shr_u', n.i64ShrU, h.i64ShrUHalves], ['rotl', n.i64Rotl, h.i64RotlHalves],
    ['rotr', n.i64Rotr, h.i64RotrHalves],
  ];
  for (const [name, big, halves] of ops) {
    for (const a of xs) for (let k = 0; k < 128; k++) {
      halves(lo(a), hi(a), k);
      const expected = big(a, BigInt(k));
      if (out() !== expected) assert.is(out(), expected, `${name}(${a}, ${k})`);
    }
    // Only the low word of the count matters (the count is taken modulo 64).
    halves(lo(-1n), hi(-1n), lo(BigInt.asIntN(64, 0x800000000000003fn)));
    assert.is(out(), big(-1n, BigInt.asIntN(64, 0x800000000000003fn)), name);
  }
});

test('clz / ctz / popcnt / eqz / sign extensions: halves = bigint', () => {
  for (const a of xs) {
    assert.is(BigInt(h.i64ClzHalves(lo(a), hi(a))), n.i64Clz(a), `clz ${a}`);
    assert.is(BigInt(h.i64CtzHalves(lo(a), hi(a))), n.i64Ctz(a), `ctz ${a}`);
    assert.is(BigInt(h.i64PopcntHalves(lo(a), hi(a))), n.i64Popcnt(a), `popcnt ${a}`);
    assert.is(h.i64EqzHalves(lo(a), hi(a)), a === 0n ? 1 : 0);
    h.i64Extend8SHalves(lo(a)); assert.is(out(), n.i64Extend8S(a));
    h.i64Extend16SHalves(lo(a)); assert.is(out(), n.i64Extend16S(a));
    h.i64Extend32SHalves(lo(a)); assert.is(out(), n.i64Extend32S(a));
    h.i64ToHalves(a); assert.is(out(), a);
  }
});

test('i64 → float conversions: halves = bigint', () => {
  for (const a of xs) {
    assert.ok(Object.is(h.f64ConvertI64SHalves(lo(a), hi(a)), n.f64ConvertI64S(a)), `f64 s ${a}`);
    assert.ok(Object.is(h.f64ConvertI64UHalves(lo(a), hi(a)), n.f64ConvertI64U(a)), `f64 u ${a}`);
    assert.ok(Object.is(h.f32ConvertI64SHalves(lo(a), hi(a)), n.f32ConvertI64S(a)), `f32 s ${a}`);
    assert.ok(Object.is(h.f32ConvertI64UHalves(lo(a), hi(a)), n.f32ConvertI64U(a)), `f32 u ${a}`);
  }
});

test('float → i64 truncations: halves = bigint, traps included', () => {
  const floats = [
    0, -0, 0.5, -0.5, -0.9999, 1.5, -1.5, 4294967295.5, 4294967296, -4294967296.5, 2 ** 52 + 1,
    2 ** 53, -(2 ** 53), 2 ** 62, 9223372036854774784, -9223372036854775808, 9223372036854775808,
    -9223372036854777856, 18446744073709549568, 18446744073709551616, Infinity, -Infinity, NaN,
    Math.fround(0x7fffff80) * 2 ** 32, 1e-300, -1e300,
  ];
  for (const a of xs) floats.push(Number(a), n.f32ConvertI64S(a), Number(BigInt.asUintN(64, a)));
  const pairs: [(x: number) => bigint, (x: number) => void][] = [
    [n.i64TruncF64S, h.i64TruncSHalves], [n.i64TruncF64U, h.i64TruncUHalves],
    [n.i64TruncSatF64S, h.i64TruncSatSHalves], [n.i64TruncSatF64U, h.i64TruncSatUHalves],
  ];
  for (const [big, halves] of pairs) {
    for (const x of floats) {
      const expected = outcome(() => big(x));
      const actual = outcome(() => (halves(x), out()));
      if (actual !== expected) assert.is(actual, expected, `${big.name}(${x})`);
    }
  }
});

test.run();
