/**
 * Each helper of numerics.ts on its own, on edge cases taken from the official suite
 * (i32, i64, f32, f64, conversions, float_misc .wast) and on random inputs checked against an
 * independent BigInt / exact-rational reference. numerics-suite.test.ts runs the suite's
 * assertions themselves.
 */

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RuntimeError } from '../errors.js';
import * as n from './numerics.js';

const MIN32 = -0x80000000;
const MIN64 = -(1n << 63n);
const MAX64 = (1n << 63n) - 1n;

function traps(f: () => unknown, message: string): void {
  try {
    f();
  } catch (e) {
    assert.instance(e, RuntimeError);
    assert.is((e as RuntimeError).message, message);
    return;
  }
  assert.unreachable(`expected trap "${message}"`);
}

/** Object.is, so that -0 and +0 differ and NaN equals NaN. */
function same(actual: number, expected: number, what = ''): void {
  assert.ok(Object.is(actual, expected), `${what} got ${actual}, expected ${expected}`);
}

/** A hex float literal (as in the .wast files) that is an exact double. */
function hf(lit: string): number {
  const m = /^0x([0-9a-f]*)(?:\.([0-9a-f]*))?p([+-]?\d+)$/i.exec(lit);
  if (!m) throw new Error(`bad hex float ${lit}`);
  const frac = m[2] ?? '';
  const mant = BigInt('0x0' + m[1] + frac);
  assert.ok(mant < 1n << 53n, `${lit} is not an exact double`);
  return Number(mant) * 2 ** (Number(m[3]) - 4 * frac.length);
}

/** A small deterministic PRNG (xorshift32), so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s ^= s << 13; s ^= s >>> 17; s ^= s << 5;
    return s;
  };
}

/** Random int32s biased toward edges: small values, powers of two ±1, extremes. */
function int32s(count: number, seed: number): number[] {
  const r = rng(seed);
  const out = [0, 1, -1, 2, -2, MIN32, 0x7fffffff, MIN32 + 1, 0x7ffffffe];
  while (out.length < count) {
    const x = r();
    switch (x & 3) {
      case 0: out.push(x); break;
      case 1: out.push((x >> 24)); break;
      case 2: out.push(((1 << ((x >>> 8) & 31)) + ((x >> 16) % 2)) | 0); break;
      default: out.push(~(1 << ((x >>> 8) & 31))); break;
    }
  }
  return out;
}

function int64s(count: number, seed: number): bigint[] {
  const a = int32s(count, seed), b = int32s(count, seed ^ 0x5bd1e995);
  return a.map((lo, i) => BigInt.asIntN(64, (BigInt(b[(i * 7) % count]) << 32n) | BigInt(lo >>> 0)));
}

// ---------------------------------------------------------------------------------------------
// i32

test('i32DivS / i32DivU: truncation, traps (i32.wast)', () => {
  assert.is(n.i32DivS(7, 2), 3);
  assert.is(n.i32DivS(-7, 2), -3);
  assert.is(n.i32DivS(7, -2), -3);
  assert.is(n.i32DivS(-7, -2), 3);
  assert.is(n.i32DivS(MIN32, 2), -0x40000000);
  assert.is(n.i32DivS(0, -1), 0); // not -0
  same(n.i32DivS(-1, 2), 0);
  traps(() => n.i32DivS(1, 0), 'integer divide by zero');
  traps(() => n.i32DivS(0, 0), 'integer divide by zero');
  traps(() => n.i32DivS(MIN32, -1), 'integer overflow');
  assert.is(n.i32DivU(MIN32, 2), 0x40000000);
  assert.is(n.i32DivU(-1, 2), 0x7fffffff);
  assert.is(n.i32DivU(MIN32 + 1, -1), 0);
  assert.is(n.i32DivU(-1, 1), -1); // 0xffffffff as int32
  assert.is(n.i32DivU(0x8ff00ff0 | 0, 0x10001), 0x8fef);
  traps(() => n.i32DivU(1, 0), 'integer divide by zero');
});

test('i32RemS / i32RemU: sign of dividend, INT_MIN rem -1 = 0 (i32.wast)', () => {
  same(n.i32RemS(MIN32, -1), 0);
  same(n.i32RemS(-4, 2), 0); // not -0
  assert.is(n.i32RemS(-7, 2), -1);
  assert.is(n.i32RemS(7, -2), 1);
  assert.is(n.i32RemS(0x7fffffff, -1), 0);
  assert.is(n.i32RemS(MIN32, 2), 0);
  assert.is(n.i32RemS(-11, 5), -1);
  traps(() => n.i32RemS(1, 0), 'integer divide by zero');
  assert.is(n.i32RemU(MIN32, -1), MIN32);
  assert.is(n.i32RemU(-1, 2), 1);
  assert.is(n.i32RemU(0x8ff00ff0 | 0, 0x10001), 0x8001);
  traps(() => n.i32RemU(1, 0), 'integer divide by zero');
});

test('i32 div/rem agree with BigInt on random inputs', () => {
  const xs = int32s(300, 1);
  for (const a of xs) for (const b of xs.slice(0, 60)) {
    if (b === 0 || (a === MIN32 && b === -1)) continue;
    assert.is(n.i32DivS(a, b), Number(BigInt.asIntN(32, BigInt(a) / BigInt(b))));
    assert.is(n.i32RemS(a, b), Number(BigInt(a) % BigInt(b)));
    const ua = BigInt(a >>> 0), ub = BigInt(b >>> 0);
    assert.is(n.i32DivU(a, b), Number(BigInt.asIntN(32, ua / ub)));
    assert.is(n.i32RemU(a, b), Number(BigInt.asIntN(32, ua % ub)));
  }
});

test('i32Ctz / i32Popcnt (i32.wast)', () => {
  assert.is(n.i32Ctz(-1), 0);
  assert.is(n.i32Ctz(0), 32);
  assert.is(n.i32Ctz(0x00008000), 15);
  assert.is(n.i32Ctz(0x00010000), 16);
  assert.is(n.i32Ctz(MIN32), 31);
  assert.is(n.i32Ctz(0x7fffffff), 0);
  assert.is(n.i32Popcnt(-1), 32);
  assert.is(n.i32Popcnt(0), 0);
  assert.is(n.i32Popcnt(0x00008000), 1);
  assert.is(n.i32Popcnt(0x80008000 | 0), 2);
  assert.is(n.i32Popcnt(0x7fffffff), 31);
  assert.is(n.i32Popcnt(0xaaaaaaaa | 0), 16);
  assert.is(n.i32Popcnt(0xdeadbeef | 0), 24);
  for (const x of int32s(500, 2)) {
    const bits = (x >>> 0).toString(2).padStart(32, '0');
    assert.is(n.i32Popcnt(x), [...bits].filter(c => c === '1').length);
    assert.is(n.i32Ctz(x), x === 0 ? 32 : 31 - bits.lastIndexOf('1'));
  }
});

test('i32Rotl / i32Rotr: counts modulo 32 (i32.wast)', () => {
  assert.is(n.i32Rotl(1, 1), 2);
  assert.is(n.i32Rotl(1, 0), 1);
  assert.is(n.i32Rotl(-1, 1), -1);
  assert.is(n.i32Rotl(1, 32), 1);
  assert.is(n.i32Rotl(0xabcd9876 | 0, 1), 0x579b30ed);
  assert.is(n.i32Rotl(0xfe00dc00 | 0, 4), 0xe00dc00f | 0);
  assert.is(n.i32Rotl(0xb0c1d2e3 | 0, 5), 0x183a5c76);
  assert.is(n.i32Rotl(0x00008000, 37), 0x00100000);
  assert.is(n.i32Rotl(0xb0c1d2e3 | 0, 0xff05), 0x183a5c76);
  assert.is(n.i32Rotl(0x769abcdf, 0xffffffed | 0), 0x579beed3);
  assert.is(n.i32Rotl(0x769abcdf, 0x8000000d | 0), 0x579beed3);
  assert.is(n.i32Rotl(1, 31), MIN32);
  assert.is(n.i32Rotl(MIN32, 1), 1);
  assert.is(n.i32Rotr(1, 1), MIN32);
  assert.is(n.i32Rotr(1, 0), 1);
  assert.is(n.i32Rotr(-1, 1), -1);
  assert.is(n.i32Rotr(1, 32), 1);
  assert.is(n.i32Rotr(0xff00cc00 | 0, 1), 0x7f806600);
  assert.is(n.i32Rotr(0x00080000, 4), 0x00008000);
  assert.is(n.i32Rotr(0xb0c1d2e3 | 0, 5), 0x1d860e97);
  assert.is(n.i32Rotr(0x00008000, 37), 0x00000400);
  assert.is(n.i32Rotr(0xb0c1d2e3 | 0, 0xff05), 0x1d860e97);
  assert.is(n.i32Rotr(0x769abcdf, 0xffffffed | 0), 0xe6fbb4d5 | 0);
  assert.is(n.i32Rotr(MIN32, 31), 1);
});

test('i32Extend8S / i32Extend16S (i32.wast)', () => {
  assert.is(n.i32Extend8S(0x7f), 127);
  assert.is(n.i32Extend8S(0x80), -128);
  assert.is(n.i32Extend8S(0xff), -1);
  assert.is(n.i32Extend8S(0x01234500), 0);
  assert.is(n.i32Extend8S(0xfedcba80 | 0), -0x80);
  assert.is(n.i32Extend16S(0x7fff), 32767);
  assert.is(n.i32Extend16S(0x8000), -32768);
  assert.is(n.i32Extend16S(0x01230000), 0);
  assert.is(n.i32Extend16S(0xfedc8000 | 0), -0x8000);
});

// ---------------------------------------------------------------------------------------------
// i64 on bigint

test('i64Add / i64Sub / i64Mul wrap modulo 2^64 (i64.wast)', () => {
  assert.is(n.i64Add(MAX64, 1n), MIN64);
  assert.is(n.i64Add(MIN64, -1n), MAX64);
  assert.is(n.i64Add(MIN64, MIN64), 0n);
  assert.is(n.i64Add(0x3fffffffn, 1n), 0x40000000n);
  assert.is(n.i64Sub(MIN64, 1n), MAX64);
  assert.is(n.i64Sub(MAX64, -1n), MIN64);
  assert.is(n.i64Sub(MIN64, MIN64), 0n);
  assert.is(n.i64Mul(0x1000000000000000n, 4096n), 0n);
  assert.is(n.i64Mul(MIN64, -1n), MIN64);
  assert.is(n.i64Mul(0x0123456789abcdefn, BigInt.asIntN(64, 0xfedcba9876543210n)), 0x2236d88fe5618cf0n);
  assert.is(n.i64Mul(MAX64, MAX64), 1n);
});

test('i64DivS / i64DivU / i64RemS / i64RemU (i64.wast)', () => {
  traps(() => n.i64DivS(1n, 0n), 'integer divide by zero');
  traps(() => n.i64DivS(MIN64, -1n), 'integer overflow');
  assert.is(n.i64DivS(MIN64 + 1n, -1n), MAX64);
  assert.is(n.i64DivS(-7n, 2n), -3n);
  assert.is(n.i64DivS(7n, -2n), -3n);
  assert.is(n.i64DivS(MIN64, 2n), -(1n << 62n));
  assert.is(n.i64DivS(-5n, 2n), -2n);
  traps(() => n.i64DivU(1n, 0n), 'integer divide by zero');
  assert.is(n.i64DivU(MIN64, -1n), 0n);
  assert.is(n.i64DivU(MIN64, 2n), 1n << 62n);
  assert.is(n.i64DivU(-1n, 2n), MAX64);
  assert.is(n.i64DivU(BigInt.asIntN(64, 0x8ff00ff00ff00ff0n), 0x100000001n), 0x8ff00fefn);
  traps(() => n.i64RemS(1n, 0n), 'integer divide by zero');
  assert.is(n.i64RemS(MIN64, -1n), 0n);
  assert.is(n.i64RemS(-7n, 2n), -1n);
  assert.is(n.i64RemS(7n, -2n), 1n);
  assert.is(n.i64RemS(MAX64, -1n), 0n);
  traps(() => n.i64RemU(1n, 0n), 'integer divide by zero');
  assert.is(n.i64RemU(MIN64, -1n), MIN64);
  assert.is(n.i64RemU(-1n, 2n), 1n);
  assert.is(n.i64RemU(BigInt.asIntN(64, 0x8ff00ff00ff00ff0n), 0x100000001n), 0x80000001n);
});

test('i64 shifts and rotates: counts modulo 64 (i64.wast)', () => {
  assert.is(n.i64Shl(1n, 63n), MIN64);
  assert.is(n.i64Shl(1n, 64n), 1n);
  assert.is(n.i64Shl(1n, -1n), MIN64);
  assert.is(n.i64Shl(MAX64, 1n), -2n);
  assert.is(n.i64ShrS(MIN64, 63n), -1n);
  assert.is(n.i64ShrS(-1n, 64n), -1n);
  assert.is(n.i64ShrS(1n, 65n), 0n);
  assert.is(n.i64ShrS(MIN64, 1n), -(1n << 62n));
  assert.is(n.i64ShrU(MIN64, 63n), 1n);
  assert.is(n.i64ShrU(-1n, 1n), MAX64);
  assert.is(n.i64ShrU(-1n, 64n), -1n);
  assert.is(n.i64ShrU(-1n, -1n), 1n);
  assert.is(n.i64Rotl(1n, 1n), 2n);
  assert.is(n.i64Rotl(1n, 0n), 1n);
  assert.is(n.i64Rotl(-1n, 1n), -1n);
  assert.is(n.i64Rotl(1n, 64n), 1n);
  assert.is(n.i64Rotl(BigInt.asIntN(64, 0xabd1234ef567809cn), 63n), 0x55e891a77ab3c04en);
  assert.is(n.i64Rotl(BigInt.asIntN(64, 0xabcd1234ef567809n), 0xf5n), 0x013579a2469deacfn);
  assert.is(n.i64Rotl(BigInt.asIntN(64, 0xabcd7294ef567809n), -19n), BigInt.asIntN(64, 0xcf013579ae529dean));
  assert.is(n.i64Rotl(1n, 63n), MIN64);
  assert.is(n.i64Rotr(1n, 1n), MIN64);
  assert.is(n.i64Rotr(1n, 64n), 1n);
  assert.is(n.i64Rotr(BigInt.asIntN(64, 0xabcd1234ef567809n), 0xf5n), 0x6891a77ab3c04d5en);
  assert.is(n.i64Rotr(BigInt.asIntN(64, 0xabd1234ef567809cn), BigInt.asIntN(64, 0x800000000000003fn)), 0x57a2469deacf0139n);
  assert.is(n.i64Rotr(BigInt.asIntN(64, 0xabd1234ef567809cn), 63n), 0x57a2469deacf0139n);
  assert.is(n.i64Rotr(BigInt.asIntN(64, 0xabcd7294ef567809n), -19n), BigInt.asIntN(64, 0x94a77ab3c04d5e6bn));
  assert.is(n.i64Rotr(MIN64, 63n), 1n);
});

test('i64 shifts and rotates agree with a bit-string reference', () => {
  const xs = int64s(80, 3);
  for (const a of xs) {
    const bits = BigInt.asUintN(64, a).toString(2).padStart(64, '0');
    for (const k of [0n, 1n, 13n, 31n, 32n, 33n, 63n, 64n, 100n, -1n]) {
      const m = Number(BigInt.asUintN(6, k));
      const fromBits = (s: string) => BigInt.asIntN(64, BigInt('0b' + s));
      assert.is(n.i64Rotl(a, k), fromBits(bits.slice(m) + bits.slice(0, m)));
      assert.is(n.i64Rotr(a, k), fromBits(bits.slice(64 - m) + bits.slice(0, 64 - m)));
      assert.is(n.i64Shl(a, k), fromBits(bits.slice(m) + '0'.repeat(m)));
      assert.is(n.i64ShrU(a, k), fromBits('0'.repeat(m) + bits.slice(0, 64 - m)));
      assert.is(n.i64ShrS(a, k), fromBits(bits[0].repeat(m) + bits.slice(0, 64 - m)));
    }
  }
});

test('i64Clz / i64Ctz / i64Popcnt (i64.wast)', () => {
  assert.is(n.i64Clz(-1n), 0n);
  assert.is(n.i64Clz(0n), 64n);
  assert.is(n.i64Clz(0x00008000n), 48n);
  assert.is(n.i64Clz(0xffn), 56n);
  assert.is(n.i64Clz(MIN64), 0n);
  assert.is(n.i64Clz(1n), 63n);
  assert.is(n.i64Clz(2n), 62n);
  assert.is(n.i64Clz(MAX64), 1n);
  assert.is(n.i64Ctz(-1n), 0n);
  assert.is(n.i64Ctz(0n), 64n);
  assert.is(n.i64Ctz(0x00008000n), 15n);
  assert.is(n.i64Ctz(0x00010000n), 16n);
  assert.is(n.i64Ctz(MIN64), 63n);
  assert.is(n.i64Ctz(MAX64), 0n);
  assert.is(n.i64Popcnt(-1n), 64n);
  assert.is(n.i64Popcnt(0n), 0n);
  assert.is(n.i64Popcnt(0x00008000n), 1n);
  assert.is(n.i64Popcnt(BigInt.asIntN(64, 0x8000800080008000n)), 4n);
  assert.is(n.i64Popcnt(MAX64), 63n);
  assert.is(n.i64Popcnt(BigInt.asIntN(64, 0xaaaaaaaa55555555n)), 32n);
  assert.is(n.i64Popcnt(BigInt.asIntN(64, 0x99999999aaaaaaaan)), 32n);
  assert.is(n.i64Popcnt(BigInt.asIntN(64, 0xdeadbeefdeadbeefn)), 48n);
  for (const a of int64s(300, 4)) {
    const bits = BigInt.asUintN(64, a).toString(2).padStart(64, '0');
    assert.is(n.i64Clz(a), BigInt(a === 0n ? 64 : bits.indexOf('1')));
    assert.is(n.i64Ctz(a), BigInt(a === 0n ? 64 : 63 - bits.lastIndexOf('1')));
    assert.is(n.i64Popcnt(a), BigInt([...bits].filter(c => c === '1').length));
  }
});

test('i64 unsigned comparisons (i64.wast)', () => {
  assert.is(n.i64LtU(1n, -1n), 1);
  assert.is(n.i64LtU(-1n, 1n), 0);
  assert.is(n.i64LtU(MIN64, MAX64), 0);
  assert.is(n.i64LtU(MAX64, MIN64), 1);
  assert.is(n.i64LtU(0n, 0n), 0);
  assert.is(n.i64GtU(-1n, 1n), 1);
  assert.is(n.i64GtU(MIN64, MAX64), 1);
  assert.is(n.i64GtU(0n, 0n), 0);
  assert.is(n.i64LeU(0n, 0n), 1);
  assert.is(n.i64LeU(-1n, 1n), 0);
  assert.is(n.i64LeU(MIN64, MIN64), 1);
  assert.is(n.i64GeU(0n, 0n), 1);
  assert.is(n.i64GeU(1n, -1n), 0);
  assert.is(n.i64GeU(MIN64, MAX64), 1);
});

test('i64 sign extensions and i32 ↔ i64 (i64.wast, conversions.wast)', () => {
  assert.is(n.i64Extend8S(0x7fn), 127n);
  assert.is(n.i64Extend8S(0x80n), -128n);
  assert.is(n.i64Extend8S(0x0123456789abcd00n), 0n);
  assert.is(n.i64Extend8S(BigInt.asIntN(64, 0xfedcba9876543280n)), -0x80n);
  assert.is(n.i64Extend16S(0x8000n), -32768n);
  assert.is(n.i64Extend16S(0x0123456789ab7fffn), 0x7fffn);
  assert.is(n.i64Extend32S(0x80000000n), -0x80000000n);
  assert.is(n.i64Extend32S(0x0123456700000000n), 0n);
  assert.is(n.i64Extend32S(BigInt.asIntN(64, 0xfedcba9880000000n)), -0x80000000n);
  assert.is(n.i64FromI32S(-10000), -10000n);
  assert.is(n.i64FromI32S(MIN32), -0x80000000n);
  assert.is(n.i64FromI32U(-10000), 0xffffd8f0n);
  assert.is(n.i64FromI32U(MIN32), 0x80000000n);
  assert.is(n.i32WrapI64(-1n), -1);
  assert.is(n.i32WrapI64(-100000n), -100000);
  assert.is(n.i32WrapI64(0x80000000n), MIN32);
  assert.is(n.i32WrapI64(BigInt.asIntN(64, 0xffffffff7fffffffn)), 0x7fffffff);
  assert.is(n.i32WrapI64(0xffffffff00000000n), 0);
  assert.is(n.i32WrapI64(0x0000000100000001n), 1);
  assert.is(n.i32WrapI64(MIN64), 0);
});

// ---------------------------------------------------------------------------------------------
// Floats

test('f64Nearest / f32Nearest: ties to even, signed zero, NaN (f32/f64.wast, float_misc.wast)', () => {
  const cases: [number, number][] = [
    [0.5, 0], [-0.5, -0], [1.5, 2], [-1.5, -2], [2.5, 2], [-2.5, -2], [3.5, 4], [-3.5, -4],
    [0.4999999999999999, 0], [-0.4999999999999999, -0], [0.49999999999999994, 0],
    [4.5, 4], [-4.5, -4], [-0, -0], [0, 0], [1e-300, 0], [-1e-300, -0], [0.6, 1], [-0.6, -1],
    [4503599627370497, 4503599627370497], [-4503599627370497, -4503599627370497],
    [4503599627370495.5, 4503599627370496], [-4503599627370495.5, -4503599627370496],
    [2251799813685247.5, 2251799813685248], [2251799813685246.5, 2251799813685246],
    [Infinity, Infinity], [-Infinity, -Infinity],
  ];
  for (const [x, r] of cases) same(n.f64Nearest(x), r, `nearest(${x})`);
  same(n.f64Nearest(NaN), NaN);
  // float_misc.wast f32 cases: 8388609 and hf('0x1.fffffep+22') stay exact, 4.5 → 4, -3.5 → -4.
  same(n.f32Nearest(Math.fround(8388609)), 8388609);
  same(n.f32Nearest(Math.fround(hf('0x1.fffffep+22'))), 8388608);
  same(n.f32Nearest(Math.fround(-hf('0x1.fffffep+22'))), -8388608);
  same(n.f32Nearest(Math.fround(8388607.5)), 8388608);
  same(n.f32Nearest(Math.fround(-8388607.5)), -8388608);
  same(n.f32Nearest(Math.fround(hf('0x1.fffffep-2'))), 0);
});

test('fMin / fMax: NaN, signed zeros, infinities (f32/f64.wast)', () => {
  same(n.fMin(-0, 0), -0); same(n.fMin(0, -0), -0);
  same(n.fMax(-0, 0), 0); same(n.fMax(0, -0), 0);
  same(n.fMin(-0, -0), -0); same(n.fMax(-0, -0), -0);
  same(n.fMin(NaN, 1), NaN); same(n.fMin(1, NaN), NaN); same(n.fMax(NaN, -Infinity), NaN);
  same(n.fMin(Infinity, 3), 3); same(n.fMin(-Infinity, 3), -Infinity);
  same(n.fMax(-Infinity, 3), 3); same(n.fMax(Infinity, 3), Infinity);
  same(n.fMin(-1, 1), -1); same(n.fMax(-1, 1), 1);
  // A signaling NaN operand gives a quiet (here canonical) NaN.
  const sNaN = n.f64FromBits(0x7ff4000000000000n);
  assert.is(n.f64ToBits(n.fMin(sNaN, 1)), 0x7ff8000000000000n);
  assert.is(n.f64ToBits(n.fMax(1, sNaN)), 0x7ff8000000000000n);
});

test('fTrunc / fCeil / fFloor: signed zeros, NaN quieted (f32/f64.wast)', () => {
  same(n.fTrunc(-0.5), -0); same(n.fTrunc(0.5), 0); same(n.fTrunc(-1.5), -1); same(n.fTrunc(-0), -0);
  same(n.fCeil(-0.5), -0); same(n.fCeil(0.5), 1); same(n.fCeil(-1.5), -1); same(n.fCeil(-0), -0);
  same(n.fFloor(0.5), 0); same(n.fFloor(-0.5), -1); same(n.fFloor(1.5), 1); same(n.fFloor(-0), -0);
  same(n.fCeil(Math.fround(-hf('0x1.fffffep+22'))), -8388607);
  same(n.fFloor(Math.fround(hf('0x1.fffffep+22'))), 8388607);
  same(n.fTrunc(Math.fround(-8388607.5)), -8388607);
  same(n.fFloor(-Infinity), -Infinity); same(n.fCeil(Infinity), Infinity);
  const sNaN = n.f64FromBits(BigInt.asIntN(64, 0xfff4000000000000n));
  for (const f of [n.fTrunc, n.fCeil, n.fFloor, n.f64Nearest]) {
    const bits = n.f64ToBits(f(sNaN));
    assert.is(bits & 0x7ff8000000000000n, 0x7ff8000000000000n, 'quiet NaN');
  }
});

test('f64Abs / f64Neg / f64Copysign keep NaN payloads (f64_bitwise.wast, float_misc.wast)', () => {
  const bitsOf = (x: number) => BigInt.asUintN(64, n.f64ToBits(x));
  const nan = (b: bigint) => n.f64FromBits(BigInt.asIntN(64, b));
  same(n.f64Abs(-0), 0); same(n.f64Abs(-Infinity), Infinity); same(n.f64Abs(-2.5), 2.5);
  same(n.f64Neg(0), -0); same(n.f64Neg(-0), 0); same(n.f64Neg(Infinity), -Infinity);
  assert.is(bitsOf(n.f64Abs(nan(0xfff4000000000001n))), 0x7ff4000000000001n);
  assert.is(bitsOf(n.f64Neg(nan(0x7ff4000000000001n))), 0xfff4000000000001n);
  assert.is(bitsOf(n.f64Neg(nan(0xfff8000000000000n))), 0x7ff8000000000000n);
  same(n.f64Copysign(1, -0), -1); same(n.f64Copysign(-1, 0), 1);
  same(n.f64Copysign(Infinity, -2), -Infinity); same(n.f64Copysign(-0, 3), 0);
  same(n.f64Copysign(5, nan(0xfff8000000000000n)), -5);
  same(n.f64Copysign(-5, nan(0x7ff8000000000000n)), 5);
  assert.is(bitsOf(n.f64Copysign(nan(0x7ff00000f1e27a6bn), -1)), 0xfff00000f1e27a6bn);
  assert.is(bitsOf(n.f64Copysign(nan(0xfff00000f1e27a6bn), 1)), 0x7ff00000f1e27a6bn);
});

test('f32 arithmetic as Math.fround(a op b) is correctly rounded (float_misc.wast)', () => {
  const f = Math.fround;
  // float_misc.wast: cases chosen to catch double rounding and extended precision.
  same(f(f(1.1234567890) + f(1.2345e-10)), f(1.1234568357467651));
  same(f(f(hf('0x1.000002p+0')) * f(hf('0x1.000002p+0'))), f(hf('0x1.000004p+0')));
  same(f(f(hf('0x1.fffffep-1')) * f(hf('0x1.fffffep-1'))), f(hf('0x1.fffffcp-1')));
  same(f(f(1) + f(hf('0x1p-24'))), 1); // tie → even
  same(f(f(1) + f(hf('0x1.000002p-24'))), f(hf('0x1.000002p+0')));
  same(f(Math.sqrt(f(hf('0x1.fffffep+127')))), f(hf('0x1.fffffep+63')));
  same(f(f(hf('0x1p-149')) / 2), 0); same(f(f(hf('0x1.8p-148')) / 2), f(hf('0x1p-148'))); // subnormal ties
  // Exhaustive-ish: single rounding via exact BigInt rationals on random f32 pairs.
  const r = rng(5);
  const toF32 = (bits: number) => n.f32FromBits(bits & 0x7f7fffff | (bits & 0x80000000));
  for (let i = 0; i < 2000; i++) {
    const a = toF32(r()), b = toF32(r() & 0x8fffffff | 0x30000000);
    for (const op of ['+', '*', '/'] as const) {
      const viaDouble = op === '+' ? f(a + b) : op === '*' ? f(a * b) : f(a / b);
      assert.is(n.f32ToBits(viaDouble), exactF32(a, b, op), `${a} ${op} ${b}`);
    }
  }
});

/** Exact a op b rounded once to binary32 (subnormals included, overflow → ±∞), as int32 bits. */
function exactF32(a: number, b: number, op: '+' | '*' | '/'): number {
  const frac = (x: number): [bigint, bigint] => {
    // x = m · 2^e exactly, with m an integer below 2^24.
    const bits = n.f32ToBits(x), e = (bits >>> 23) & 0xff, m = bits & 0x7fffff;
    const mant = BigInt(e === 0 ? m : m | 0x800000) * (bits < 0 ? -1n : 1n);
    const exp = (e === 0 ? 1 : e) - 150;
    return exp >= 0 ? [mant << BigInt(exp), 1n] : [mant, 1n << BigInt(-exp)];
  };
  const [an, ad] = frac(a), [bn, bd] = frac(b);
  let num = op === '+' ? an * bd + bn * ad : op === '*' ? an * bn : an * bd;
  let den = op === '+' ? ad * bd : op === '*' ? ad * bd : ad * bn;
  if (den < 0n) { num = -num; den = -den; }
  const neg = num < 0n;
  if (neg) num = -num;
  if (num === 0n) return neg ? MIN32 : 0;
  let E = num.toString(2).length - den.toString(2).length;
  if ((E >= 0 ? num : num << BigInt(-E)) < (E >= 0 ? den << BigInt(E) : den)) E--;
  E = Math.max(E, -126);
  const sh = 23 - E;
  const n2 = sh >= 0 ? num << BigInt(sh) : num, d2 = sh >= 0 ? den : den << BigInt(-sh);
  let q = n2 / d2;
  const r2 = (n2 % d2) * 2n;
  if (r2 > d2 || (r2 === d2 && (q & 1n) === 1n)) q++;
  const value = Number(q) * 2 ** (E - 23);
  return n.f32ToBits(Math.fround(neg ? -value : value)); // exact: q·2^(E−23) is a binary32 or ±∞
}

// ---------------------------------------------------------------------------------------------
// Conversions

test('i32 trunc: exact boundaries and traps (conversions.wast)', () => {
  const f = Math.fround;
  assert.is(n.i32TruncF64S(-2147483648.9), MIN32);
  assert.is(n.i32TruncF64S(2147483647.9), 0x7fffffff);
  assert.is(n.i32TruncF64S(-0.9), 0);
  same(n.i32TruncF64S(-0), 0);
  traps(() => n.i32TruncF64S(-2147483649.0), 'integer overflow');
  traps(() => n.i32TruncF64S(2147483648.0), 'integer overflow');
  traps(() => n.i32TruncF64S(Infinity), 'integer overflow');
  traps(() => n.i32TruncF64S(NaN), 'invalid conversion to integer');
  assert.is(n.i32TruncF32S(f(-2147483648)), MIN32);
  assert.is(n.i32TruncF32S(f(hf('0x1.fffffep+30'))), 2147483520);
  traps(() => n.i32TruncF32S(f(2147483648)), 'integer overflow');
  traps(() => n.i32TruncF32S(f(-hf('0x1.000002p+31'))), 'integer overflow');
  traps(() => n.i32TruncF32S(n.f32FromBits(0x7fa00000)), 'invalid conversion to integer');
  assert.is(n.i32TruncF64U(4294967295.9), -1);
  assert.is(n.i32TruncF64U(-0.9), 0);
  assert.is(n.i32TruncF64U(2147483648), MIN32);
  assert.is(n.i32TruncF64U(1e8), 100000000);
  traps(() => n.i32TruncF64U(4294967296), 'integer overflow');
  traps(() => n.i32TruncF64U(-1), 'integer overflow');
  traps(() => n.i32TruncF64U(-Infinity), 'integer overflow');
  traps(() => n.i32TruncF64U(NaN), 'invalid conversion to integer');
  assert.is(n.i32TruncF32U(f(hf('0x1.fffffep+31'))), -256);
  assert.is(n.i32TruncF32U(f(-hf('0x1.ccccccp-1'))), 0);
  traps(() => n.i32TruncF32U(f(4294967296)), 'integer overflow');
});

test('i64 trunc: exact boundaries and traps (conversions.wast)', () => {
  const f = Math.fround;
  assert.is(n.i64TruncF64S(-9223372036854775808), MIN64);
  assert.is(n.i64TruncF64S(9223372036854774784), 9223372036854774784n);
  assert.is(n.i64TruncF64S(-1.5), -1n);
  assert.is(n.i64TruncF64S(4294967296), 4294967296n);
  traps(() => n.i64TruncF64S(9223372036854775808), 'integer overflow');
  traps(() => n.i64TruncF64S(-9223372036854777856), 'integer overflow');
  traps(() => n.i64TruncF64S(NaN), 'invalid conversion to integer');
  assert.is(n.i64TruncF32S(f(-hf('0x1p+63'))), MIN64);
  assert.is(n.i64TruncF32S(f(hf('0x1.fffffep+62'))), 9223371487098961920n);
  traps(() => n.i64TruncF32S(f(hf('0x1p+63'))), 'integer overflow');
  traps(() => n.i64TruncF32S(f(-hf('0x1.000002p+63'))), 'integer overflow');
  assert.is(n.i64TruncF64U(18446744073709549568), -2048n);
  assert.is(n.i64TruncF64U(9223372036854775808), MIN64);
  assert.is(n.i64TruncF64U(-0.9), 0n);
  assert.is(n.i64TruncF64U(1e16), 10000000000000000n);
  traps(() => n.i64TruncF64U(18446744073709551616), 'integer overflow');
  traps(() => n.i64TruncF64U(-1), 'integer overflow');
  traps(() => n.i64TruncF64U(NaN), 'invalid conversion to integer');
  assert.is(n.i64TruncF32U(f(hf('0x1.fffffep+63'))), -1099511627776n);
  traps(() => n.i64TruncF32U(f(18446744073709551616)), 'integer overflow');
});

test('saturating truncations clamp and map NaN to 0 (conversions.wast)', () => {
  const f = Math.fround;
  assert.is(n.i32TruncSatF64S(NaN), 0);
  assert.is(n.i32TruncSatF64S(-Infinity), MIN32);
  assert.is(n.i32TruncSatF64S(Infinity), 0x7fffffff);
  assert.is(n.i32TruncSatF64S(-2147483649), MIN32);
  assert.is(n.i32TruncSatF64S(2147483648), 0x7fffffff);
  assert.is(n.i32TruncSatF64S(-2147483648.9), MIN32);
  assert.is(n.i32TruncSatF64S(-1.9), -1);
  assert.is(n.i32TruncSatF32S(f(2147483648)), 0x7fffffff);
  assert.is(n.i32TruncSatF64U(NaN), 0);
  assert.is(n.i32TruncSatF64U(-1), 0);
  assert.is(n.i32TruncSatF64U(-Infinity), 0);
  assert.is(n.i32TruncSatF64U(4294967295.9), -1);
  assert.is(n.i32TruncSatF64U(4294967296), -1);
  assert.is(n.i32TruncSatF64U(Infinity), -1);
  assert.is(n.i32TruncSatF64U(2147483648), MIN32);
  assert.is(n.i32TruncSatF32U(f(-hf('0x1.ccccccp-1'))), 0);
  assert.is(n.i64TruncSatF64S(NaN), 0n);
  assert.is(n.i64TruncSatF64S(9223372036854775808), MAX64);
  assert.is(n.i64TruncSatF64S(-9223372036854777856), MIN64);
  assert.is(n.i64TruncSatF64S(-Infinity), MIN64);
  assert.is(n.i64TruncSatF64S(-1.5), -1n);
  assert.is(n.i64TruncSatF32S(f(hf('0x1p+63'))), MAX64);
  assert.is(n.i64TruncSatF64U(NaN), 0n);
  assert.is(n.i64TruncSatF64U(-1), 0n);
  assert.is(n.i64TruncSatF64U(18446744073709551616), -1n);
  assert.is(n.i64TruncSatF64U(18446744073709549568), -2048n);
  assert.is(n.i64TruncSatF32U(f(Infinity)), -1n);
});

test('int → float conversions (conversions.wast)', () => {
  same(n.f32ConvertI32S(0x7fffffff), 2147483648);
  same(n.f32ConvertI32S(MIN32), -2147483648);
  same(n.f32ConvertI32S(16777217), 16777216);
  same(n.f32ConvertI32S(-16777217), -16777216);
  same(n.f32ConvertI32S(16777219), 16777220);
  same(n.f32ConvertI32S(1234567890), Math.fround(hf('0x1.26580cp+30')));
  same(n.f32ConvertI32U(-1), 4294967296);
  same(n.f32ConvertI32U(MIN32), 2147483648);
  same(n.f32ConvertI32U(0x7fffffbf), Math.fround(hf('0x1.fffffep+30'))); // just below the tie
  same(n.f32ConvertI32U(0x7fffffc0), 2147483648); // tie → even
  same(n.f32ConvertI32U(0x80000080 | 0), 2147483648);
  same(n.f32ConvertI32U(0x80000081 | 0), Math.fround(hf('0x1.000002p+31')));
  same(n.f32ConvertI32U(0x80000180 | 0), Math.fround(hf('0x1.000004p+31')));
  same(n.f64ConvertI32U(-1), 4294967295);
  same(n.f64ConvertI32U(MIN32), 2147483648);
  same(n.f64ConvertI64S(MAX64), 9223372036854775807);
  same(n.f64ConvertI64S(MIN64), -9223372036854775808);
  same(n.f64ConvertI64S(9007199254740993n), 9007199254740992);
  same(n.f64ConvertI64S(-9007199254740993n), -9007199254740992);
  same(n.f64ConvertI64S(9007199254740995n), 9007199254740996);
  same(n.f64ConvertI64S(4669201609102990n), 4669201609102990);
  same(n.f64ConvertI64U(-1n), 18446744073709551616);
  same(n.f64ConvertI64U(MIN64), 9223372036854775808);
  same(n.f64ConvertI64U(0x8000000000000401n), hf('0x1.0000000000001p+63'));
  same(n.f64ConvertI64U(BigInt.asIntN(64, 0xfffffffffffff401n)), hf('0x1.fffffffffffffp+63'));
  same(n.f64ConvertI64U(BigInt.asIntN(64, 0x8000000000000400n)), hf('0x1p+63')); // tie → even
  same(n.f64ConvertI64U(0x20000000000001n), 9007199254740992);
  same(n.f64ConvertI64U(0x20000000000003n), 9007199254740996);
});

test('f32ConvertI64S / f32ConvertI64U round once, directly to binary32 (conversions.wast)', () => {
  const f = Math.fround;
  same(n.f32ConvertI64S(MAX64), 9223372036854775808);
  same(n.f32ConvertI64S(MIN64), -9223372036854775808);
  same(n.f32ConvertI64S(314159265358979n), f(hf('0x1.1db9e8p+48')));
  same(n.f32ConvertI64S(16777217n), 16777216);
  same(n.f32ConvertI64S(-16777219n), -16777220);
  same(n.f32ConvertI64S(0x7fffff4000000001n), f(hf('0x1.fffffep+62')));
  same(n.f32ConvertI64S(BigInt.asIntN(64, 0x8000004000000001n)), -f(hf('0x1.fffffep+62')));
  same(n.f32ConvertI64S(0x0020000020000001n), f(hf('0x1.000002p+53')));
  same(n.f32ConvertI64S(BigInt.asIntN(64, 0xffdfffffdfffffffn)), -f(hf('0x1.000002p+53')));
  same(n.f32ConvertI64U(-1n), 18446744073709551616);
  same(n.f32ConvertI64U(MIN64), 9223372036854775808);
  same(n.f32ConvertI64U(0x0020000020000001n), f(hf('0x1.000002p+53')));
  same(n.f32ConvertI64U(0x7fffffbfffffffffn), f(hf('0x1.fffffep+62')));
  same(n.f32ConvertI64U(BigInt.asIntN(64, 0x8000008000000001n)), f(hf('0x1.000002p+63')));
  same(n.f32ConvertI64U(BigInt.asIntN(64, 0xfffffe8000000001n)), f(hf('0x1.fffffep+63')));
  // The naive Math.fround(Number(x)) gets the 0x8000008000000001 case wrong — it double-rounds.
  assert.is.not(Math.fround(Number(0x8000008000000001n)), n.f32ConvertI64U(BigInt.asIntN(64, 0x8000008000000001n)));
  same(n.f32ConvertI64S(0n), 0);
});

test('f32ConvertI64U / S match an exact BigInt rounding on random and near-tie inputs', () => {
  /** Round u (0 ≤ u < 2^64) to 24 significant bits, ties to even, with BigInt only. */
  const reference = (u: bigint): number => {
    const len = u.toString(2).length;
    if (len <= 24) return Number(u);
    const sh = BigInt(len - 24);
    let q = u >> sh;
    const rem = u & ((1n << sh) - 1n), half = 1n << (sh - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q++;
    return Number(q << sh);
  };
  const inputs = int64s(3000, 6);
  // Near-ties at every magnitude: a 24-bit mantissa, then 1, then a pattern around the tie.
  for (let len = 25; len <= 64; len++) {
    for (const tail of [-1n, 0n, 1n]) {
      const tie = ((1n << 23n) | 0x2aaaabn) << BigInt(len - 24) | (1n << BigInt(len - 25));
      inputs.push(BigInt.asIntN(64, tie + tail), BigInt.asIntN(64, -(tie + tail)));
    }
  }
  for (const a of inputs) {
    same(n.f32ConvertI64U(a), reference(BigInt.asUintN(64, a)), `u ${a}`);
    same(n.f32ConvertI64S(a), a < 0n ? -reference(-a) : reference(a), `s ${a}`);
  }
});

test('f64ConvertI64U / S match an exact BigInt rounding', () => {
  const reference = (u: bigint): number => {
    const len = u.toString(2).length;
    if (len <= 53) return Number(u);
    const sh = BigInt(len - 53);
    let q = u >> sh;
    const rem = u & ((1n << sh) - 1n), half = 1n << (sh - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q++;
    return Number(q) * 2 ** Number(sh);
  };
  for (const a of int64s(3000, 7)) {
    same(n.f64ConvertI64U(a), reference(BigInt.asUintN(64, a)));
    same(n.f64ConvertI64S(a), a < 0n ? -reference(-a) : reference(a));
  }
});

test('f32DemoteF64 / f64PromoteF32 (conversions.wast)', () => {
  const f = Math.fround;
  same(n.f32DemoteF64(hf('0x1.fffffe0000000p-127')), f(hf('0x1p-126')));
  same(n.f32DemoteF64(hf('0x1p-149')), f(hf('0x1p-149')));
  same(n.f32DemoteF64(hf('0x1.0000000000001p-150')), f(hf('0x1p-149')));
  same(n.f32DemoteF64(hf('0x1p-150')), 0); // tie → even (0)
  same(n.f32DemoteF64(-hf('0x1p-150')), -0);
  same(n.f32DemoteF64(hf('0x1.fffffefffffffp+127')), f(hf('0x1.fffffep+127')));
  same(n.f32DemoteF64(hf('0x1.ffffffp+127')), Infinity);
  same(n.f32DemoteF64(1.5e-45), f(hf('0x1p-149')));
  same(n.f32DemoteF64(hf('0x1.4p+0')), 1.25);
  same(n.f32DemoteF64(hf('0x1.000001p+0')), 1); // tie → even
  same(n.f32DemoteF64(hf('0x1.0000010000001p+0')), f(hf('0x1.000002p+0')));
  same(n.f32DemoteF64(NaN), NaN);
  same(n.f64PromoteF32(f(hf('0x1p-149'))), hf('0x1p-149'));
  same(n.f64PromoteF32(-0), -0);
  same(n.f64PromoteF32(f(hf('0x1.fffffep+127'))), hf('0x1.fffffep+127'));
});

test('reinterpretation: bit helpers (conversions.wast)', () => {
  assert.is(n.f32ToBits(-0), MIN32);
  assert.is(n.f32ToBits(Math.fround(hf('0x1p-149'))), 1);
  assert.is(n.f32ToBits(1), 1065353216);
  assert.is(n.f32ToBits(Math.fround(3.1415926)), 1078530010);
  assert.is(n.f32ToBits(-Infinity), 0xff800000 | 0);
  assert.is(n.f32ToBits(Math.fround(-hf('0x1.fffffep+127'))), -8388609);
  same(n.f32FromBits(1), Math.fround(hf('0x1p-149')));
  same(n.f32FromBits(123456789), Math.fround(hf('0x1.b79a2ap-113')));
  same(n.f32FromBits(MIN32), -0);
  same(n.f32FromBits(0x7f800000), Infinity);
  assert.is(n.f32ToBits(n.f32FromBits(0xffc00001 | 0)), 0xffc00001 | 0); // quiet NaN payload kept
  assert.is(n.f32ToBits(n.f32FromBits(-1)), -1);
  // A signaling f32 NaN comes back at least quiet; its payload and sign survive.
  assert.is(n.f32ToBits(n.f32FromBits(0x7fa00000)) & ~0x00400000, 0x7fa00000);
  assert.is(n.f64ToBits(-0), MIN64);
  assert.is(n.f64ToBits(hf('0x1p-1074')), 1n);
  assert.is(n.f64ToBits(1), 4607182418800017408n);
  assert.is(n.f64ToBits(-Infinity), BigInt.asIntN(64, 0xfff0000000000000n));
  same(n.f64FromBits(1234567890n), hf('0x0.00000499602d2p-1022'));
  same(n.f64FromBits(-9223372036854775807n), -hf('0x1p-1074'));
  same(n.f64FromBits(MIN64), -0);
  for (const b of [0x7ff4000000000000n, -1n, BigInt.asIntN(64, 0xfff4000000000001n), 0x7ff0000000000001n]) {
    assert.is(n.f64ToBits(n.f64FromBits(b)), b); // f64 NaN payloads survive a plain number
  }
  for (const b of int64s(500, 8)) {
    assert.is(n.f64ToBits(n.f64FromBits(b)), b);
    const x = n.f64FromBits(b);
    assert.is(n.f64BitsLo(x), Number(BigInt.asIntN(32, b)));
    assert.is(n.f64BitsHi(x), Number(BigInt.asIntN(32, b >> 32n)));
    assert.is(n.f64ToBits(n.f64FromBitsHalves(n.f64BitsLo(x), n.f64BitsHi(x))), b);
  }
});

test.run();
