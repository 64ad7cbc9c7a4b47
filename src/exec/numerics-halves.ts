/**
 * i64 operations on two int32 halves — spec §4.3.2 (Integer Operations, N = 64) and the i64
 * conversions of §4.3.4, without BigInt.
 *
 * An i64 is passed as `(lo, hi)`: two int32 numbers holding the low and high 32 bits, so the
 * value is hi·2^32 + (lo >>> 0) read as signed. A 64-bit result is written to the shared
 * scratch `i64Out` (`i64Out[0]` = lo, `i64Out[1]` = hi), which the caller copies out before the
 * next call; nothing is allocated. Results that fit one number (counts, booleans, floats) are
 * returned instead.
 *
 * These take i64 registers directly as the word pairs of the register file (see ir.ts), with no
 * BigInt per instruction; docs/RATIONALE.md "Numerics" has the measurements against the bigint
 * helpers of numerics.ts, which the tests check these functions against differentially.
 */

import { trap, TrapCode } from '../errors.js';
import { f32FromI64Halves, f32FromU64Halves } from './numerics.js';

/** The 64-bit result of the last call: [lo, hi]. */
export const i64Out = new Int32Array(2);

const TWO_32 = 4294967296;
const TWO_63 = 9223372036854775808;
const TWO_64 = 18446744073709551616;

/** Writes an integral number n with |n| < 2^64 (any sign) to i64Out, wrapping modulo 2^64. */
function outNumber(n: number): void {
  i64Out[0] = n | 0; // ToInt32 is exact modulo 2^32 for every finite double
  i64Out[1] = Math.floor(n / TWO_32) | 0; // n / 2^32 is exact; floor borrows for negative n
}

/** Writes a bigint to i64Out (wrapping modulo 2^64). */
export function i64ToHalves(a: bigint): void {
  i64Out[0] = Number(BigInt.asIntN(32, a));
  i64Out[1] = Number(BigInt.asIntN(32, a >> 32n));
}

/** The signed bigint hi·2^32 + (lo >>> 0). */
export function i64FromHalves(lo: number, hi: number): bigint {
  return (BigInt(hi) << 32n) | BigInt(lo >>> 0);
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

/** spec §4.3.2 iadd: the low words' carry is detected by unsigned wrap-around. */
export function i64AddHalves(alo: number, ahi: number, blo: number, bhi: number): void {
  const lo = (alo + blo) | 0;
  i64Out[0] = lo;
  i64Out[1] = (ahi + bhi + ((lo >>> 0) < (alo >>> 0) ? 1 : 0)) | 0;
}

/** spec §4.3.2 isub: a borrow when the low word of b exceeds that of a (unsigned). */
export function i64SubHalves(alo: number, ahi: number, blo: number, bhi: number): void {
  i64Out[0] = (alo - blo) | 0;
  i64Out[1] = (ahi - bhi - ((alo >>> 0) < (blo >>> 0) ? 1 : 0)) | 0;
}

/**
 * spec §4.3.2 imul, modulo 2^64: (ahi·2^32 + alo)(bhi·2^32 + blo) ≡ alo·blo + 2^32(alo·bhi +
 * ahi·blo). The cross terms only matter modulo 2^32 (Math.imul). alo·blo needs its full 64
 * bits: its low word is Math.imul(alo, blo); its high word is summed from 16×16-bit partial
 * products, each exact as a double.
 */
export function i64MulHalves(alo: number, ahi: number, blo: number, bhi: number): void {
  const a0 = alo & 0xffff, a1 = alo >>> 16;
  const b0 = blo & 0xffff, b1 = blo >>> 16;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  // Carry out of bits 16..31 of the low word: at most 3·(2^16 − 1), so >>> 16 is 0..2.
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const highOfLow = p11 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16); // < 2^32
  i64Out[0] = Math.imul(alo, blo);
  i64Out[1] = (highOfLow + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
}

/** True if hi·2^32 + (lo >>> 0), read signed, lies in [-2^53, 2^53): then it is an exact double. */
function signedFitsDouble(hi: number): boolean {
  return hi >= -0x200000 && hi < 0x200000;
}

/**
 * spec §4.3.2 idiv_s. Operands of at most 53 bits (the common case) are divided as doubles:
 * `%` is exact on doubles, and (a − a % b) / b is then an exact integer quotient. Wider operands
 * fall back to BigInt (see RATIONALE "Numerics" for the measurement).
 */
export function i64DivSHalves(alo: number, ahi: number, blo: number, bhi: number): void {
  if ((blo | bhi) === 0) throw trap(TrapCode.IntegerDivideByZero);
  if (signedFitsDouble(ahi) && signedFitsDouble(bhi)) {
    const a = ahi * TWO_32 + (alo >>> 0), b = bhi * TWO_32 + (blo >>> 0);
    outNumber((a - (a % b)) / b);
    return;
  }
  if (alo === 0 && ahi === -0x80000000 && (blo & bhi) === -1) throw trap(TrapCode.IntegerOverflow);
  i64ToHalves(i64FromHalves(alo, ahi) / i64FromHalves(blo, bhi));
}

/** spec §4.3.2 irem_s: the sign follows the dividend; INT_MIN rem -1 is 0. */
export function i64RemSHalves(alo: number, ahi: number, blo: number, bhi: number): void {
  if ((blo | bhi) === 0) throw trap(TrapCode.IntegerDivideByZero);
  if (signedFitsDouble(ahi) && signedFitsDouble(bhi)) {
    outNumber((ahi * TWO_32 + (alo >>> 0)) % (bhi * TWO_32 + (blo >>> 0)));
    return;
  }
  i64ToHalves(i64FromHalves(alo, ahi) % i64FromHalves(blo, bhi));
}

/** spec §4.3.2 idiv_u: a double fast path below 2^53, BigInt above. */
export function i64DivUHalves(alo: number, ahi: number, blo: number, bhi: number): void {
  if ((blo | bhi) === 0) throw trap(TrapCode.IntegerDivideByZero);
  if ((ahi >>> 0) < 0x200000 && (bhi >>> 0) < 0x200000) {
    const a = (ahi >>> 0) * TWO_32 + (alo >>> 0), b = (bhi >>> 0) * TWO_32 + (blo >>> 0);
    outNumber((a - (a % b)) / b);
    return;
  }
  i64ToHalves(
    BigInt.asUintN(64, i64FromHalves(alo, ahi)) / BigInt.asUintN(64, i64FromHalves(blo, bhi)),
  );
}

/** spec §4.3.2 irem_u. */
export function i64RemUHalves(alo: number, ahi: number, blo: number, bhi: number): void {
  if ((blo | bhi) === 0) throw trap(TrapCode.IntegerDivideByZero);
  if ((ahi >>> 0) < 0x200000 && (bhi >>> 0) < 0x200000) {
    outNumber(((ahi >>> 0) * TWO_32 + (alo >>> 0)) % ((bhi >>> 0) * TWO_32 + (blo >>> 0)));
    return;
  }
  i64ToHalves(
    BigInt.asUintN(64, i64FromHalves(alo, ahi)) % BigInt.asUintN(64, i64FromHalves(blo, bhi)),
  );
}

// ---------------------------------------------------------------------------------------------
// Shifts and rotates. `count` is the low word of the i64 count operand: the spec takes the
// count modulo 64, which only its low 6 bits decide.

/** spec §4.3.2 ishl. */
export function i64ShlHalves(alo: number, ahi: number, count: number): void {
  const k = count & 63;
  if (k === 0) {
    i64Out[0] = alo; i64Out[1] = ahi;
  } else if (k < 32) {
    i64Out[0] = alo << k; i64Out[1] = (ahi << k) | (alo >>> (32 - k));
  } else {
    i64Out[0] = 0; i64Out[1] = alo << (k - 32);
  }
}

/** spec §4.3.2 ishr_s. */
export function i64ShrSHalves(alo: number, ahi: number, count: number): void {
  const k = count & 63;
  if (k === 0) {
    i64Out[0] = alo; i64Out[1] = ahi;
  } else if (k < 32) {
    i64Out[0] = (alo >>> k) | (ahi << (32 - k)); i64Out[1] = ahi >> k;
  } else {
    i64Out[0] = ahi >> (k - 32); i64Out[1] = ahi >> 31;
  }
}

/** spec §4.3.2 ishr_u. */
export function i64ShrUHalves(alo: number, ahi: number, count: number): void {
  const k = count & 63;
  if (k === 0) {
    i64Out[0] = alo; i64Out[1] = ahi;
  } else if (k < 32) {
    i64Out[0] = (alo >>> k) | (ahi << (32 - k)); i64Out[1] = ahi >>> k;
  } else {
    i64Out[0] = ahi >>> (k - 32); i64Out[1] = 0;
  }
}

/** spec §4.3.2 irotl: a rotation by 32 or more swaps the halves first. */
export function i64RotlHalves(alo: number, ahi: number, count: number): void {
  let k = count & 63;
  if (k >= 32) {
    const t = alo; alo = ahi; ahi = t;
    k -= 32;
  }
  if (k === 0) {
    i64Out[0] = alo; i64Out[1] = ahi;
  } else {
    i64Out[0] = (alo << k) | (ahi >>> (32 - k));
    i64Out[1] = (ahi << k) | (alo >>> (32 - k));
  }
}

/** spec §4.3.2 irotr: rotating right by k is rotating left by 64 − k. */
export function i64RotrHalves(alo: number, ahi: number, count: number): void {
  i64RotlHalves(alo, ahi, 64 - (count & 63));
}

// ---------------------------------------------------------------------------------------------
// Bit counts (the i64 result is the returned count, with a high word of 0)

/** spec §4.3.2 iclz. */
export function i64ClzHalves(lo: number, hi: number): number {
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
}

/** spec §4.3.2 ictz. */
export function i64CtzHalves(lo: number, hi: number): number {
  if (lo !== 0) return 31 - Math.clz32(lo & -lo);
  return hi !== 0 ? 63 - Math.clz32(hi & -hi) : 64;
}

/** spec §4.3.2 ipopcnt: SWAR bit-sum of each half. */
export function i64PopcntHalves(lo: number, hi: number): number {
  return popcnt32(lo) + popcnt32(hi);
}

function popcnt32(a: number): number {
  a = a - ((a >>> 1) & 0x55555555);
  a = (a & 0x33333333) + ((a >>> 2) & 0x33333333);
  a = (a + (a >>> 4)) & 0x0f0f0f0f;
  return Math.imul(a, 0x01010101) >>> 24;
}

/** spec §4.3.2 iextend_s (M = 8). */
export function i64Extend8SHalves(lo: number): void {
  i64Out[0] = (lo << 24) >> 24; i64Out[1] = i64Out[0] >> 31;
}

/** spec §4.3.2 iextend_s (M = 16). */
export function i64Extend16SHalves(lo: number): void {
  i64Out[0] = (lo << 16) >> 16; i64Out[1] = i64Out[0] >> 31;
}

/** spec §4.3.2 iextend_s (M = 32); also §4.3.4 extend_s (i64.extend_i32_s). */
export function i64Extend32SHalves(lo: number): void {
  i64Out[0] = lo; i64Out[1] = lo >> 31;
}

// ---------------------------------------------------------------------------------------------
// Comparisons (spec §4.3.2 ieqz, ieq, ine, ilt, igt, ile, ige) → 0 | 1.
// Signed: compare the high words signed, then the low words unsigned.

/** spec §4.3.2 ieqz. */
export function i64EqzHalves(lo: number, hi: number): number {
  return (lo | hi) === 0 ? 1 : 0;
}

/** spec §4.3.2 ieq. */
export function i64EqHalves(alo: number, ahi: number, blo: number, bhi: number): number {
  return alo === blo && ahi === bhi ? 1 : 0;
}

/** spec §4.3.2 ine. */
export function i64NeHalves(alo: number, ahi: number, blo: number, bhi: number): number {
  return alo !== blo || ahi !== bhi ? 1 : 0;
}

/** spec §4.3.2 ilt_s. */
export function i64LtSHalves(alo: number, ahi: number, blo: number, bhi: number): number {
  return ahi < bhi || (ahi === bhi && (alo >>> 0) < (blo >>> 0)) ? 1 : 0;
}

/** spec §4.3.2 ilt_u. */
export function i64LtUHalves(alo: number, ahi: number, blo: number, bhi: number): number {
  return ahi !== bhi ? ((ahi >>> 0) < (bhi >>> 0) ? 1 : 0) : (alo >>> 0) < (blo >>> 0) ? 1 : 0;
}

/** spec §4.3.2 igt_s. */
export function i64GtSHalves(alo: number, ahi: number, blo: number, bhi: number): number {
  return i64LtSHalves(blo, bhi, alo, ahi);
}

/** spec §4.3.2 igt_u. */
export function i64GtUHalves(alo: number, ahi: number, blo: number, bhi: number): number {
  return i64LtUHalves(blo, bhi, alo, ahi);
}

/** spec §4.3.2 ile_s. */
export function i64LeSHalves(alo: number, ahi: number, blo: number, bhi: number): number {
  return 1 - i64LtSHalves(blo, bhi, alo, ahi);
}

/** spec §4.3.2 ile_u. */
export function i64LeUHalves(alo: number, ahi: number, blo: number, bhi: number): number {
  return 1 - i64LtUHalves(blo, bhi, alo, ahi);
}

/** spec §4.3.2 ige_s. */
export function i64GeSHalves(alo: number, ahi: number, blo: number, bhi: number): number {
  return 1 - i64LtSHalves(alo, ahi, blo, bhi);
}

/** spec §4.3.2 ige_u. */
export function i64GeUHalves(alo: number, ahi: number, blo: number, bhi: number): number {
  return 1 - i64LtUHalves(alo, ahi, blo, bhi);
}

// ---------------------------------------------------------------------------------------------
// Conversions (spec §4.3.4)

/** spec §4.3.4 convert_s, M = 64, N = 64: hi·2^32 and lo are exact, so the sum rounds once. */
export function f64ConvertI64SHalves(lo: number, hi: number): number {
  return hi * TWO_32 + (lo >>> 0);
}

/** spec §4.3.4 convert_u, M = 64, N = 64. */
export function f64ConvertI64UHalves(lo: number, hi: number): number {
  return (hi >>> 0) * TWO_32 + (lo >>> 0);
}

/** spec §4.3.4 convert_s, M = 64, N = 32 (correctly rounded; see f32FromU64Halves). */
export const f32ConvertI64SHalves: (lo: number, hi: number) => number = f32FromI64Halves;
/** spec §4.3.4 convert_u, M = 64, N = 32. */
export const f32ConvertI64UHalves: (lo: number, hi: number) => number = f32FromU64Halves;

/** spec §4.3.4 trunc_s, N = 64 (f32 or f64 input): accepts [-2^63, 2^63). */
export function i64TruncSHalves(x: number): void {
  if (x !== x) throw trap(TrapCode.InvalidConversionToInteger);
  if (!(x >= -TWO_63 && x < TWO_63)) throw trap(TrapCode.IntegerOverflow);
  outNumber(Math.trunc(x));
}

/** spec §4.3.4 trunc_u, N = 64 (f32 or f64 input): accepts (-1, 2^64). */
export function i64TruncUHalves(x: number): void {
  if (x !== x) throw trap(TrapCode.InvalidConversionToInteger);
  if (!(x > -1 && x < TWO_64)) throw trap(TrapCode.IntegerOverflow);
  outNumber(Math.trunc(x));
}

/** spec §4.3.4 trunc_sat_s, N = 64: NaN → 0, out of range → clamped. */
export function i64TruncSatSHalves(x: number): void {
  if (x !== x) {
    i64Out[0] = 0; i64Out[1] = 0;
  } else if (x <= -TWO_63) {
    i64Out[0] = 0; i64Out[1] = -0x80000000;
  } else if (x >= TWO_63) {
    i64Out[0] = -1; i64Out[1] = 0x7fffffff;
  } else {
    outNumber(Math.trunc(x));
  }
}

/** spec §4.3.4 trunc_sat_u, N = 64: NaN → 0, out of range → clamped. */
export function i64TruncSatUHalves(x: number): void {
  if (x !== x || x <= 0) {
    i64Out[0] = 0; i64Out[1] = 0;
  } else if (x >= TWO_64) {
    i64Out[0] = -1; i64Out[1] = -1;
  } else {
    outNumber(Math.trunc(x));
  }
}
