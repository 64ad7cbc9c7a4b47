/**
 * Numeric semantics — spec §4.3 (Execution › Numerics), as small pure helpers the interpreter
 * calls for every operation that is not a single JS operator.
 *
 * Value conventions (shared with the interpreter):
 * - i32: a JS number holding an int32 (`x | 0`). Unsigned views are taken with `>>> 0`.
 * - i64: a `bigint` holding a signed 64-bit value, always normalized with BigInt.asIntN(64, …).
 *   (An allocation-free two-int32-halves variant lives in numerics-halves.ts.)
 * - f32: a JS number exactly representable as float32 (already Math.fround'ed); f64: a JS number.
 *
 * Operations that are one JS operator and exactly right are not wrapped here:
 * - i32 add/sub/and/or/xor: `(a + b) | 0`, `(a - b) | 0`, `a & b`, …; i32 mul: `Math.imul(a, b)`.
 * - i32 shl/shr_s/shr_u: `a << b`, `a >> b`, `(a >>> b) | 0` — JS masks the count to 5 bits,
 *   exactly like spec §4.3.2 ishl/ishr_s/ishr_u (`k = i₂ mod N`).
 * - i32 clz: `Math.clz32(a)` (32 for 0, like spec §4.3.2 iclz).
 * - i32 comparisons: `a < b` signed, `(a >>> 0) < (b >>> 0)` unsigned.
 * - f64 add/sub/mul/div/sqrt and comparisons: the JS operators and Math.sqrt are IEEE 754
 *   binary64 round-to-nearest, which is what §4.3.3 asks for. (f64 abs/neg/copysign must keep
 *   NaN payloads, so they are helpers working on the bits: f64Abs, f64Neg, f64Copysign.)
 * - f32 add/sub/mul/div/sqrt: `Math.fround(a op b)`, `Math.fround(Math.sqrt(a))`. Computing in
 *   binary64 and then rounding to binary32 rounds twice, but for these five operations double
 *   rounding is harmless: the exact result of an operation on p-bit operands, rounded to a
 *   precision of at least 2p + 2 bits, then to p bits, equals the directly rounded result
 *   (Figueroa, "When is double rounding innocuous?", 1995). Here 53 ≥ 2·24 + 2 = 50.
 *   (It is not harmless for i64 → f32 conversion; see f32ConvertI64S.)
 *
 * NaN: JS has a single NaN *value*, but a float64 NaN carries a payload in its bits. Spec
 * §4.3.3 lets arithmetic return any quiet ("arithmetic") NaN, canonical if every NaN operand
 * was; JS arithmetic produces such NaNs, so the float helpers take and return plain numbers
 * (those that could hand a signaling NaN back return the canonical `NaN` instead). Where bits
 * must survive exactly (reinterpret, loads/stores, f32 values in general — see f32FromBits) the
 * interpreter moves raw bits itself. Beware: V8 quiets a NaN written into a JS array with double
 * elements; a Float64Array or a plain variable keeps the payload.
 */

import { trap, TrapCode } from '../errors.js';

// ---------------------------------------------------------------------------------------------
// Scratch buffers for bit reinterpretation (no allocation per call).

const scratch = new ArrayBuffer(8);
const scratchF64 = new Float64Array(scratch);
const scratchF32 = new Float32Array(scratch, 0, 1);
const scratchI32 = new Int32Array(scratch);
const scratchI64 = new BigInt64Array(scratch);
/** Index of the low / high 32-bit word of a 64-bit value in `scratchI32` (platform endianness). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;

const TWO_32 = 4294967296;
const TWO_63 = 9223372036854775808;
const TWO_64 = 18446744073709551616;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

// ---------------------------------------------------------------------------------------------
// i32 (spec §4.3.2 Integer Operations, N = 32)

/** spec §4.3.2 idiv_s: traps on zero divisor and on INT_MIN / -1 (result 2^31 unrepresentable). */
export function i32DivS(a: number, b: number): number {
  if (b === 0) throw trap(TrapCode.IntegerDivideByZero);
  if (a === -0x80000000 && b === -1) throw trap(TrapCode.IntegerOverflow);
  // The double quotient of two int32s never rounds across an integer, so truncation is exact.
  return (a / b) | 0;
}

/** spec §4.3.2 idiv_u. */
export function i32DivU(a: number, b: number): number {
  if (b === 0) throw trap(TrapCode.IntegerDivideByZero);
  return ((a >>> 0) / (b >>> 0)) | 0;
}

/** spec §4.3.2 irem_s: the sign follows the dividend (JS `%`); INT_MIN rem -1 is 0, no trap. */
export function i32RemS(a: number, b: number): number {
  if (b === 0) throw trap(TrapCode.IntegerDivideByZero);
  return (a % b) | 0; // `| 0` also turns a -0 result into 0
}

/** spec §4.3.2 irem_u. */
export function i32RemU(a: number, b: number): number {
  if (b === 0) throw trap(TrapCode.IntegerDivideByZero);
  return ((a >>> 0) % (b >>> 0)) | 0;
}

/** spec §4.3.2 ictz: count of trailing zero bits; 32 for 0. */
export function i32Ctz(a: number): number {
  return a === 0 ? 32 : 31 - Math.clz32(a & -a);
}

/** spec §4.3.2 ipopcnt: count of set bits (SWAR bit-sum). */
export function i32Popcnt(a: number): number {
  a = a - ((a >>> 1) & 0x55555555);
  a = (a & 0x33333333) + ((a >>> 2) & 0x33333333);
  a = (a + (a >>> 4)) & 0x0f0f0f0f;
  return Math.imul(a, 0x01010101) >>> 24;
}

/** spec §4.3.2 irotl: JS masks both shift counts to 5 bits, so a count of 0 yields `a | a`. */
export function i32Rotl(a: number, b: number): number {
  return (a << b) | (a >>> (32 - b));
}

/** spec §4.3.2 irotr. */
export function i32Rotr(a: number, b: number): number {
  return (a >>> b) | (a << (32 - b));
}

/** spec §4.3.2 iextend_s (M = 8), i32.extend8_s. */
export function i32Extend8S(a: number): number {
  return (a << 24) >> 24;
}

/** spec §4.3.2 iextend_s (M = 16), i32.extend16_s. */
export function i32Extend16S(a: number): number {
  return (a << 16) >> 16;
}

// ---------------------------------------------------------------------------------------------
// i64 on bigint (spec §4.3.2 Integer Operations, N = 64). Inputs and results are signed 64-bit.

/** spec §4.3.2 iadd. */
export function i64Add(a: bigint, b: bigint): bigint {
  return BigInt.asIntN(64, a + b);
}

/** spec §4.3.2 isub. */
export function i64Sub(a: bigint, b: bigint): bigint {
  return BigInt.asIntN(64, a - b);
}

/** spec §4.3.2 imul. */
export function i64Mul(a: bigint, b: bigint): bigint {
  return BigInt.asIntN(64, a * b);
}

/** spec §4.3.2 idiv_s: BigInt division truncates toward zero, as the spec's trunc does. */
export function i64DivS(a: bigint, b: bigint): bigint {
  if (b === 0n) throw trap(TrapCode.IntegerDivideByZero);
  if (a === I64_MIN && b === -1n) throw trap(TrapCode.IntegerOverflow);
  return a / b;
}

/** spec §4.3.2 idiv_u. */
export function i64DivU(a: bigint, b: bigint): bigint {
  if (b === 0n) throw trap(TrapCode.IntegerDivideByZero);
  return BigInt.asIntN(64, BigInt.asUintN(64, a) / BigInt.asUintN(64, b));
}

/** spec §4.3.2 irem_s: the sign follows the dividend; INT_MIN rem -1 is 0, no trap. */
export function i64RemS(a: bigint, b: bigint): bigint {
  if (b === 0n) throw trap(TrapCode.IntegerDivideByZero);
  return a % b;
}

/** spec §4.3.2 irem_u. */
export function i64RemU(a: bigint, b: bigint): bigint {
  if (b === 0n) throw trap(TrapCode.IntegerDivideByZero);
  return BigInt.asIntN(64, BigInt.asUintN(64, a) % BigInt.asUintN(64, b));
}

/** spec §4.3.2 ishl: the count is taken modulo 64. */
export function i64Shl(a: bigint, b: bigint): bigint {
  return BigInt.asIntN(64, a << (b & 63n));
}

/** spec §4.3.2 ishr_s: BigInt `>>` is an arithmetic shift. */
export function i64ShrS(a: bigint, b: bigint): bigint {
  return a >> (b & 63n);
}

/** spec §4.3.2 ishr_u. */
export function i64ShrU(a: bigint, b: bigint): bigint {
  return BigInt.asIntN(64, BigInt.asUintN(64, a) >> (b & 63n));
}

/** spec §4.3.2 irotl. */
export function i64Rotl(a: bigint, b: bigint): bigint {
  const k = b & 63n;
  const u = BigInt.asUintN(64, a);
  return BigInt.asIntN(64, (u << k) | (u >> ((64n - k) & 63n)));
}

/** spec §4.3.2 irotr. */
export function i64Rotr(a: bigint, b: bigint): bigint {
  const k = b & 63n;
  const u = BigInt.asUintN(64, a);
  return BigInt.asIntN(64, (u >> k) | (u << ((64n - k) & 63n)));
}

/** spec §4.3.2 iclz: 64 for 0. */
export function i64Clz(a: bigint): bigint {
  const hi = Number(BigInt.asIntN(32, a >> 32n));
  return BigInt(hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(Number(BigInt.asIntN(32, a))));
}

/** spec §4.3.2 ictz: 64 for 0. */
export function i64Ctz(a: bigint): bigint {
  const lo = Number(BigInt.asIntN(32, a));
  return BigInt(lo !== 0 ? i32Ctz(lo) : 32 + i32Ctz(Number(BigInt.asIntN(32, a >> 32n))));
}

/** spec §4.3.2 ipopcnt. */
export function i64Popcnt(a: bigint): bigint {
  return BigInt(i32Popcnt(Number(BigInt.asIntN(32, a))) + i32Popcnt(Number(BigInt.asIntN(32, a >> 32n))));
}

/** spec §4.3.2 ilt_u (signed comparisons are the plain `<` on normalized bigints). */
export function i64LtU(a: bigint, b: bigint): number {
  return BigInt.asUintN(64, a) < BigInt.asUintN(64, b) ? 1 : 0;
}

/** spec §4.3.2 igt_u. */
export function i64GtU(a: bigint, b: bigint): number {
  return BigInt.asUintN(64, a) > BigInt.asUintN(64, b) ? 1 : 0;
}

/** spec §4.3.2 ile_u. */
export function i64LeU(a: bigint, b: bigint): number {
  return BigInt.asUintN(64, a) <= BigInt.asUintN(64, b) ? 1 : 0;
}

/** spec §4.3.2 ige_u. */
export function i64GeU(a: bigint, b: bigint): number {
  return BigInt.asUintN(64, a) >= BigInt.asUintN(64, b) ? 1 : 0;
}

/** spec §4.3.2 iextend_s (M = 8), i64.extend8_s. */
export function i64Extend8S(a: bigint): bigint {
  return BigInt.asIntN(8, a);
}

/** spec §4.3.2 iextend_s (M = 16), i64.extend16_s. */
export function i64Extend16S(a: bigint): bigint {
  return BigInt.asIntN(16, a);
}

/** spec §4.3.2 iextend_s (M = 32), i64.extend32_s. */
export function i64Extend32S(a: bigint): bigint {
  return BigInt.asIntN(32, a);
}

/** spec §4.3.4 extend_s, i64.extend_i32_s. */
export function i64FromI32S(a: number): bigint {
  return BigInt(a);
}

/** spec §4.3.4 extend_u, i64.extend_i32_u. */
export function i64FromI32U(a: number): bigint {
  return BigInt(a >>> 0);
}

/** spec §4.3.4 wrap, i32.wrap_i64. */
export function i32WrapI64(a: bigint): number {
  return Number(BigInt.asIntN(32, a));
}

// ---------------------------------------------------------------------------------------------
// Floats (spec §4.3.3 Floating-Point Operations). f32 values are doubles that are exact floats,
// and every helper below maps such values to such values, so one helper serves both widths.

/**
 * spec §4.3.3 fnearest: round to the nearest integer, ties to even; keeps -0, NaN → NaN.
 * Math.round rounds ties toward +∞, so a tie that landed on an odd integer steps back by one.
 * `r - x` is exact: both are doubles of the same binade (or r is 0) less than 1 apart.
 */
export function f64Nearest(x: number): number {
  if (x !== x) return NaN;
  if (!(Math.abs(x) < 4503599627370496)) return x; // ±∞, |x| ≥ 2^52: already integral
  const r = Math.round(x); // keeps the sign of zero: Math.round(-0.4) is -0
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** spec §4.3.3 fnearest, N = 32: an f32 is a double, and its nearest integer is an f32 too. */
export function f32Nearest(x: number): number {
  return f64Nearest(x);
}

// NaN results: spec §4.3.3 requires an arithmetic (quiet) NaN, and a canonical one if every NaN
// operand is canonical. V8's Math.floor/ceil/trunc return a signaling NaN operand unchanged, so
// the helpers below return the canonical NaN (which is also arithmetic) for any NaN operand.

/** spec §4.3.3 fmin: Math.min orders -0 below +0, so min(-0, +0) = -0. */
export function fMin(a: number, b: number): number {
  return a !== a || b !== b ? NaN : Math.min(a, b);
}

/** spec §4.3.3 fmax: Math.max orders +0 above -0, so max(-0, +0) = +0. */
export function fMax(a: number, b: number): number {
  return a !== a || b !== b ? NaN : Math.max(a, b);
}

/** spec §4.3.3 ftrunc: Math.trunc keeps the sign of zero (trunc(-0.5) = -0). */
export function fTrunc(x: number): number {
  return x !== x ? NaN : Math.trunc(x);
}

/** spec §4.3.3 fceil: Math.ceil(-0.5) = -0 as required. */
export function fCeil(x: number): number {
  return x !== x ? NaN : Math.ceil(x);
}

/** spec §4.3.3 ffloor: Math.floor(0.5) = +0 as required. */
export function fFloor(x: number): number {
  return x !== x ? NaN : Math.floor(x);
}

/** spec §4.3.3 fabs for f64, on the bits: Math.abs would not keep a NaN's payload. */
export function f64Abs(x: number): number {
  scratchF64[0] = x;
  scratchI32[HI] &= 0x7fffffff;
  return scratchF64[0];
}

/** spec §4.3.3 fneg for f64, on the bits: flips the sign of NaNs too. */
export function f64Neg(x: number): number {
  scratchF64[0] = x;
  scratchI32[HI] ^= 0x80000000;
  return scratchF64[0];
}

/** spec §4.3.3 fcopysign for f64, on the bits: the sign of a NaN `b` counts too. */
export function f64Copysign(a: number, b: number): number {
  scratchF64[0] = b;
  const sign = scratchI32[HI] & 0x80000000;
  scratchF64[0] = a;
  scratchI32[HI] = (scratchI32[HI] & 0x7fffffff) | sign;
  return scratchF64[0];
}

// ---------------------------------------------------------------------------------------------
// Float → integer conversions (spec §4.3.4 trunc_s / trunc_u / trunc_sat_s / trunc_sat_u).
// An f32 is exactly a double, so the f32 and f64 versions share one range test: the spec's
// condition is on trunc(z), i.e. the open interval (min − 1, max + 1) on z itself.

/** spec §4.3.4 trunc_s, N = 32: accepts (-2^31 − 1, 2^31), e.g. -2147483648.9 but not -2147483649. */
export function i32TruncF64S(x: number): number {
  if (x !== x) throw trap(TrapCode.InvalidConversionToInteger);
  if (!(x > -2147483649 && x < 2147483648)) throw trap(TrapCode.IntegerOverflow);
  return x | 0; // ToInt32 truncates toward zero
}

/** spec §4.3.4 trunc_u, N = 32: accepts (-1, 2^32). */
export function i32TruncF64U(x: number): number {
  if (x !== x) throw trap(TrapCode.InvalidConversionToInteger);
  if (!(x > -1 && x < TWO_32)) throw trap(TrapCode.IntegerOverflow);
  return x | 0; // truncates, then wraps into the int32 holding the unsigned bits
}

/** spec §4.3.4 trunc_s, M = 32, N = 32 (i32.trunc_f32_s). */
export const i32TruncF32S: (x: number) => number = i32TruncF64S;
/** spec §4.3.4 trunc_u, M = 32, N = 32 (i32.trunc_f32_u). */
export const i32TruncF32U: (x: number) => number = i32TruncF64U;

/** spec §4.3.4 trunc_s, N = 64: accepts [-2^63, 2^63) (no double lies strictly in (-2^63 − 1, -2^63)). */
export function i64TruncF64S(x: number): bigint {
  if (x !== x) throw trap(TrapCode.InvalidConversionToInteger);
  if (!(x >= -TWO_63 && x < TWO_63)) throw trap(TrapCode.IntegerOverflow);
  return BigInt(Math.trunc(x));
}

/** spec §4.3.4 trunc_u, N = 64: accepts (-1, 2^64). */
export function i64TruncF64U(x: number): bigint {
  if (x !== x) throw trap(TrapCode.InvalidConversionToInteger);
  if (!(x > -1 && x < TWO_64)) throw trap(TrapCode.IntegerOverflow);
  return BigInt.asIntN(64, BigInt(Math.trunc(x)));
}

/** spec §4.3.4 trunc_s, M = 32, N = 64 (i64.trunc_f32_s). */
export const i64TruncF32S: (x: number) => bigint = i64TruncF64S;
/** spec §4.3.4 trunc_u, M = 32, N = 64 (i64.trunc_f32_u). */
export const i64TruncF32U: (x: number) => bigint = i64TruncF64U;

/** spec §4.3.4 trunc_sat_s, N = 32: NaN → 0, out of range → clamped. */
export function i32TruncSatF64S(x: number): number {
  if (x !== x) return 0;
  if (x <= -2147483648) return -2147483648;
  if (x >= 2147483647) return 2147483647;
  return x | 0;
}

/** spec §4.3.4 trunc_sat_u, N = 32: NaN → 0, out of range → clamped (0xffffffff is -1). */
export function i32TruncSatF64U(x: number): number {
  if (x !== x || x <= 0) return 0;
  if (x >= 4294967295) return -1;
  return x | 0;
}

/** spec §4.3.4 trunc_sat_s, M = 32, N = 32 (i32.trunc_sat_f32_s). */
export const i32TruncSatF32S: (x: number) => number = i32TruncSatF64S;
/** spec §4.3.4 trunc_sat_u, M = 32, N = 32 (i32.trunc_sat_f32_u). */
export const i32TruncSatF32U: (x: number) => number = i32TruncSatF64U;

/** spec §4.3.4 trunc_sat_s, N = 64. */
export function i64TruncSatF64S(x: number): bigint {
  if (x !== x) return 0n;
  if (x <= -TWO_63) return I64_MIN;
  if (x >= TWO_63) return I64_MAX;
  return BigInt(Math.trunc(x));
}

/** spec §4.3.4 trunc_sat_u, N = 64 (2^64 − 1 is -1 as a signed bigint). */
export function i64TruncSatF64U(x: number): bigint {
  if (x !== x || x <= 0) return 0n;
  if (x >= TWO_64) return -1n;
  return BigInt.asIntN(64, BigInt(Math.trunc(x)));
}

/** spec §4.3.4 trunc_sat_s, M = 32, N = 64 (i64.trunc_sat_f32_s). */
export const i64TruncSatF32S: (x: number) => bigint = i64TruncSatF64S;
/** spec §4.3.4 trunc_sat_u, M = 32, N = 64 (i64.trunc_sat_f32_u). */
export const i64TruncSatF32U: (x: number) => bigint = i64TruncSatF64U;

// ---------------------------------------------------------------------------------------------
// Integer → float conversions (spec §4.3.4 convert_s / convert_u), demote, promote.

/** spec §4.3.4 convert_s, M = 32, N = 32: an int32 is an exact double, so one rounding. */
export function f32ConvertI32S(a: number): number {
  return Math.fround(a);
}

/** spec §4.3.4 convert_u, M = 32, N = 32. */
export function f32ConvertI32U(a: number): number {
  return Math.fround(a >>> 0);
}

/** spec §4.3.4 convert_u, M = 32, N = 64 (f64.convert_i32_s is the identity on the number). */
export function f64ConvertI32U(a: number): number {
  return a >>> 0;
}

/**
 * The unsigned 64-bit value hi·2^32 + lo (both given as int32 bit patterns) correctly rounded to
 * binary32 (spec §4.3.4 convert_u, N = 32). Below 2^53 the value is an exact double and
 * Math.fround rounds once. Above, hi·2^32 + lo would round to 53 bits first, and that double
 * rounding is wrong for inputs like 0x8000008000000001 (just above a binary32 tie). So the low
 * 21 bits are folded into a sticky bit: the value is truncated to a multiple of 2^21 and 2^20 is
 * added if anything was cut off. That keeps every bit binary32 rounding looks at (the value has
 * ≥ 54 bits, so the rounding bit is at position ≥ 30) and whether anything below is non-zero;
 * the result has at most 44 significant bits, so it is an exact double, and Math.fround rounds once.
 */
export function f32FromU64Halves(lo: number, hi: number): number {
  const uhi = hi >>> 0;
  const ulo = lo >>> 0;
  if (uhi < 0x200000) return Math.fround(uhi * TWO_32 + ulo);
  const sticky = (ulo & 0x1fffff) !== 0 ? 0x100000 : 0;
  return Math.fround(uhi * TWO_32 + ((ulo & 0xffe00000) >>> 0) + sticky);
}

/** spec §4.3.4 convert_s, M = 64, N = 32: the magnitude is rounded, since rounding is symmetric. */
export function f32FromI64Halves(lo: number, hi: number): number {
  if (hi >= 0) return f32FromU64Halves(lo, hi);
  // Two's-complement negation of (lo, hi); -2^63 stays (0, 0x80000000), read unsigned as 2^63.
  const nlo = -lo | 0;
  const nhi = (~hi + (nlo === 0 ? 1 : 0)) | 0;
  return -f32FromU64Halves(nlo, nhi);
}

/** spec §4.3.4 convert_s, M = 64, N = 32: correctly rounded directly to binary32. */
export function f32ConvertI64S(a: bigint): number {
  return f32FromI64Halves(Number(BigInt.asIntN(32, a)), Number(BigInt.asIntN(32, a >> 32n)));
}

/** spec §4.3.4 convert_u, M = 64, N = 32: correctly rounded directly to binary32. */
export function f32ConvertI64U(a: bigint): number {
  return f32FromU64Halves(Number(BigInt.asIntN(32, a)), Number(BigInt.asIntN(32, a >> 32n)));
}

/** spec §4.3.4 convert_s, M = 64, N = 64: Number(bigint) rounds to nearest, ties to even (ECMA-262 §21.1.1.1). */
export function f64ConvertI64S(a: bigint): number {
  return Number(a);
}

/** spec §4.3.4 convert_u, M = 64, N = 64. */
export function f64ConvertI64U(a: bigint): number {
  return Number(BigInt.asUintN(64, a));
}

/** spec §4.3.4 demote: round to nearest binary32 (NaN stays NaN). */
export function f32DemoteF64(x: number): number {
  return Math.fround(x);
}

/** spec §4.3.4 promote: every binary32 value is already an exact double. */
export function f64PromoteF32(x: number): number {
  return x;
}

// ---------------------------------------------------------------------------------------------
// Reinterpretation (spec §4.3.4 reinterpret), through one shared scratch buffer.

/** spec §4.3.4 reinterpret, f32 → i32: the binary32 bits as an int32. */
export function f32ToBits(x: number): number {
  scratchF32[0] = x;
  return scratchI32[0];
}

/**
 * spec §4.3.4 reinterpret, i32 → f32. Caution: reading a signaling NaN out of the Float32Array
 * widens it to a double, and the hardware conversion quiets it (sets the top mantissa bit), so
 * f32ToBits(f32FromBits(0x7fa00000)) is 0x7fe00000. That is why the interpreter keeps f32
 * values it only moves (locals, loads, stores, reinterpret) as raw int32 bits.
 */
export function f32FromBits(bits: number): number {
  scratchI32[0] = bits;
  return scratchF32[0];
}

/** spec §4.3.4 reinterpret, f64 → i64: the binary64 bits as a signed 64-bit bigint. */
export function f64ToBits(x: number): bigint {
  scratchF64[0] = x;
  return scratchI64[0];
}

/** spec §4.3.4 reinterpret, i64 → f64. */
export function f64FromBits(bits: bigint): number {
  scratchI64[0] = bits;
  return scratchF64[0];
}

/** The low 32 bits of an f64's bit pattern, as an int32 (spec §4.3.1 bits_f64). */
export function f64BitsLo(x: number): number {
  scratchF64[0] = x;
  return scratchI32[LO];
}

/** The high 32 bits of an f64's bit pattern (sign, exponent, top of the mantissa), as an int32. */
export function f64BitsHi(x: number): number {
  scratchF64[0] = x;
  return scratchI32[HI];
}

/** The f64 whose bit pattern is hi·2^32 + lo (both int32 bit patterns). */
export function f64FromBitsHalves(lo: number, hi: number): number {
  scratchI32[LO] = lo;
  scratchI32[HI] = hi;
  return scratchF64[0];
}
