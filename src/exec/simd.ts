/**
 * SIMD execution — spec §4.3.2–4.3.4 lifted lane-wise (§4.4.3 Vector Instructions) and §4.4.7
 * vector memory instructions, plus the 3.0 relaxed SIMD instructions with one deterministic choice
 * each (see RATIONALE "Why these relaxed SIMD choices?").
 *
 * A v128 lives in four consecutive words of the register file, lane 0 in the lowest bytes (the
 * host is little-endian). Every handler receives the register file's Int32Array and *absolute*
 * word offsets (fp + operand) and reads lanes through typed-array views on the same buffer — no
 * DataView, no allocation, no closure per operation (see RATIONALE "Why v128 lanes through views
 * of the register file?"). Byte lane i of the vector at word w is `U8[4w + i]`, 16-bit lane i is
 * `I16[2w + i]`, 32-bit lane i is `R[w + i]`, f64 lane i is `F64[(w >> 1) + i]` (w is even: every
 * register slot is two words).
 *
 * Destinations may alias sources (a fused `local.set` writes a local that was an operand).
 * Lane-wise operations read lane i of every source before writing lane i; operations that move
 * values across lanes compute into the scratch vector `T` first and then copy it out.
 *
 * Floats: lanes are read as JS numbers and written through Float32Array/Float64Array, which
 * round once, exactly as the scalar instructions do (RATIONALE "Numerics"). Results of
 * arithmetic on NaN are quiet NaNs (canonical when every NaN operand was). Operations the spec
 * defines on bits — abs, neg, splat, extract/replace, pmin/pmax (which return an operand), the
 * bitwise ops — copy words, so NaN payloads survive.
 */

import { trap, TrapCode } from '../errors.js';
import {
  f32Nearest, f64Nearest, fCeil, fFloor, fMax, fMin, fTrunc, i32TruncSatF64S, i32TruncSatF64U,
} from './numerics.js';
import {
  i64GeSHalves, i64GtSHalves, i64LeSHalves, i64LtSHalves, i64MulHalves, i64Out, i64ShlHalves,
  i64ShrSHalves, i64ShrUHalves,
} from './numerics-halves.js';

/** Families: the operand shape of each SIMD instruction in the IR (exec/ir.ts `simd_*`). */
export const enum Fam { Unary, Binary, Ternary, Extract, Replace, Load, LoadLane, StoreLane }

/** SIMD instructions, numbered family by family in the order of `familyNames`. */
export const enum S {
  // Unary (69)
  v128_not, v128_any_true, i8x16_all_true, i8x16_bitmask, i16x8_all_true, i16x8_bitmask,
  i32x4_all_true, i32x4_bitmask, i64x2_all_true, i64x2_bitmask, i8x16_splat, i16x8_splat,
  i32x4_splat, i64x2_splat, f32x4_splat, f64x2_splat, i8x16_abs, i8x16_neg, i8x16_popcnt,
  i16x8_abs, i16x8_neg, i32x4_abs, i32x4_neg, i64x2_abs, i64x2_neg, f32x4_abs, f32x4_neg,
  f32x4_sqrt, f32x4_ceil, f32x4_floor, f32x4_trunc, f32x4_nearest, f64x2_abs, f64x2_neg,
  f64x2_sqrt, f64x2_ceil, f64x2_floor, f64x2_trunc, f64x2_nearest, i16x8_extend_low_i8x16_s,
  i16x8_extend_high_i8x16_s, i16x8_extend_low_i8x16_u, i16x8_extend_high_i8x16_u,
  i32x4_extend_low_i16x8_s, i32x4_extend_high_i16x8_s, i32x4_extend_low_i16x8_u,
  i32x4_extend_high_i16x8_u, i64x2_extend_low_i32x4_s, i64x2_extend_high_i32x4_s,
  i64x2_extend_low_i32x4_u, i64x2_extend_high_i32x4_u, i16x8_extadd_pairwise_i8x16_s,
  i16x8_extadd_pairwise_i8x16_u, i32x4_extadd_pairwise_i16x8_s, i32x4_extadd_pairwise_i16x8_u,
  i32x4_trunc_sat_f32x4_s, i32x4_trunc_sat_f32x4_u, i32x4_trunc_sat_f64x2_s_zero,
  i32x4_trunc_sat_f64x2_u_zero, f32x4_convert_i32x4_s, f32x4_convert_i32x4_u,
  f64x2_convert_low_i32x4_s, f64x2_convert_low_i32x4_u, f32x4_demote_f64x2_zero,
  f64x2_promote_low_f32x4, i32x4_relaxed_trunc_f32x4_s, i32x4_relaxed_trunc_f32x4_u,
  i32x4_relaxed_trunc_f64x2_s_zero, i32x4_relaxed_trunc_f64x2_u_zero,
  // Binary (139)
  v128_and, v128_andnot, v128_or, v128_xor, i8x16_swizzle, i8x16_relaxed_swizzle, i8x16_eq,
  i8x16_ne, i8x16_lt_s, i8x16_lt_u, i8x16_gt_s, i8x16_gt_u, i8x16_le_s, i8x16_le_u, i8x16_ge_s,
  i8x16_ge_u, i16x8_eq, i16x8_ne, i16x8_lt_s, i16x8_lt_u, i16x8_gt_s, i16x8_gt_u, i16x8_le_s,
  i16x8_le_u, i16x8_ge_s, i16x8_ge_u, i32x4_eq, i32x4_ne, i32x4_lt_s, i32x4_lt_u, i32x4_gt_s,
  i32x4_gt_u, i32x4_le_s, i32x4_le_u, i32x4_ge_s, i32x4_ge_u, i64x2_eq, i64x2_ne, i64x2_lt_s,
  i64x2_gt_s, i64x2_le_s, i64x2_ge_s, f32x4_eq, f32x4_ne, f32x4_lt, f32x4_gt, f32x4_le, f32x4_ge,
  f64x2_eq, f64x2_ne, f64x2_lt, f64x2_gt, f64x2_le, f64x2_ge, i8x16_add, i8x16_add_sat_s,
  i8x16_add_sat_u, i8x16_sub, i8x16_sub_sat_s, i8x16_sub_sat_u, i8x16_min_s, i8x16_min_u,
  i8x16_max_s, i8x16_max_u, i8x16_avgr_u, i8x16_narrow_i16x8_s, i8x16_narrow_i16x8_u, i8x16_shl,
  i8x16_shr_s, i8x16_shr_u, i16x8_add, i16x8_add_sat_s, i16x8_add_sat_u, i16x8_sub,
  i16x8_sub_sat_s, i16x8_sub_sat_u, i16x8_mul, i16x8_min_s, i16x8_min_u, i16x8_max_s, i16x8_max_u,
  i16x8_avgr_u, i16x8_q15mulr_sat_s, i16x8_relaxed_q15mulr_s, i16x8_narrow_i32x4_s,
  i16x8_narrow_i32x4_u, i16x8_extmul_low_i8x16_s, i16x8_extmul_high_i8x16_s,
  i16x8_extmul_low_i8x16_u, i16x8_extmul_high_i8x16_u, i16x8_shl, i16x8_shr_s, i16x8_shr_u,
  i16x8_relaxed_dot_i8x16_i7x16_s, i32x4_add, i32x4_sub, i32x4_mul, i32x4_min_s, i32x4_min_u,
  i32x4_max_s, i32x4_max_u, i32x4_dot_i16x8_s, i32x4_extmul_low_i16x8_s, i32x4_extmul_high_i16x8_s,
  i32x4_extmul_low_i16x8_u, i32x4_extmul_high_i16x8_u, i32x4_shl, i32x4_shr_s, i32x4_shr_u,
  i64x2_add, i64x2_sub, i64x2_mul, i64x2_extmul_low_i32x4_s, i64x2_extmul_high_i32x4_s,
  i64x2_extmul_low_i32x4_u, i64x2_extmul_high_i32x4_u, i64x2_shl, i64x2_shr_s, i64x2_shr_u,
  f32x4_add, f32x4_sub, f32x4_mul, f32x4_div, f32x4_min, f32x4_max, f32x4_pmin, f32x4_pmax,
  f32x4_relaxed_min, f32x4_relaxed_max, f64x2_add, f64x2_sub, f64x2_mul, f64x2_div, f64x2_min,
  f64x2_max, f64x2_pmin, f64x2_pmax, f64x2_relaxed_min, f64x2_relaxed_max,
  // Ternary (10)
  v128_bitselect, i8x16_relaxed_laneselect, i16x8_relaxed_laneselect, i32x4_relaxed_laneselect,
  i64x2_relaxed_laneselect, f32x4_relaxed_madd, f32x4_relaxed_nmadd, f64x2_relaxed_madd,
  f64x2_relaxed_nmadd, i32x4_relaxed_dot_i8x16_i7x16_add_s,
  // Extract (8)
  i8x16_extract_lane_s, i8x16_extract_lane_u, i16x8_extract_lane_s, i16x8_extract_lane_u,
  i32x4_extract_lane, i64x2_extract_lane, f32x4_extract_lane, f64x2_extract_lane,
  // Replace (6)
  i8x16_replace_lane, i16x8_replace_lane, i32x4_replace_lane, i64x2_replace_lane,
  f32x4_replace_lane, f64x2_replace_lane,
  // Load (12)
  v128_load8x8_s, v128_load8x8_u, v128_load16x4_s, v128_load16x4_u, v128_load32x2_s,
  v128_load32x2_u, v128_load8_splat, v128_load16_splat, v128_load32_splat, v128_load64_splat,
  v128_load32_zero, v128_load64_zero,
  // LoadLane (4)
  v128_load8_lane, v128_load16_lane, v128_load32_lane, v128_load64_lane,
  // StoreLane (4)
  v128_store8_lane, v128_store16_lane, v128_store32_lane, v128_store64_lane,
}

/** Mnemonics by family, in the order of `Fam` and `S` (checked by simd.test.ts). */
const familyNames: readonly string[] = [
  // Unary
  `
    v128.not v128.any_true i8x16.all_true i8x16.bitmask i16x8.all_true i16x8.bitmask i32x4.all_true
    i32x4.bitmask i64x2.all_true i64x2.bitmask i8x16.splat i16x8.splat i32x4.splat i64x2.splat
    f32x4.splat f64x2.splat i8x16.abs i8x16.neg i8x16.popcnt i16x8.abs i16x8.neg i32x4.abs
    i32x4.neg i64x2.abs i64x2.neg f32x4.abs f32x4.neg f32x4.sqrt f32x4.ceil f32x4.floor f32x4.trunc
    f32x4.nearest f64x2.abs f64x2.neg f64x2.sqrt f64x2.ceil f64x2.floor f64x2.trunc f64x2.nearest
    i16x8.extend_low_i8x16_s i16x8.extend_high_i8x16_s i16x8.extend_low_i8x16_u
    i16x8.extend_high_i8x16_u i32x4.extend_low_i16x8_s i32x4.extend_high_i16x8_s
    i32x4.extend_low_i16x8_u i32x4.extend_high_i16x8_u i64x2.extend_low_i32x4_s
    i64x2.extend_high_i32x4_s i64x2.extend_low_i32x4_u i64x2.extend_high_i32x4_u
    i16x8.extadd_pairwise_i8x16_s i16x8.extadd_pairwise_i8x16_u i32x4.extadd_pairwise_i16x8_s
    i32x4.extadd_pairwise_i16x8_u i32x4.trunc_sat_f32x4_s i32x4.trunc_sat_f32x4_u
    i32x4.trunc_sat_f64x2_s_zero i32x4.trunc_sat_f64x2_u_zero f32x4.convert_i32x4_s
    f32x4.convert_i32x4_u f64x2.convert_low_i32x4_s f64x2.convert_low_i32x4_u
    f32x4.demote_f64x2_zero f64x2.promote_low_f32x4 i32x4.relaxed_trunc_f32x4_s
    i32x4.relaxed_trunc_f32x4_u i32x4.relaxed_trunc_f64x2_s_zero i32x4.relaxed_trunc_f64x2_u_zero`,
  // Binary
  `
    v128.and v128.andnot v128.or v128.xor i8x16.swizzle i8x16.relaxed_swizzle i8x16.eq i8x16.ne
    i8x16.lt_s i8x16.lt_u i8x16.gt_s i8x16.gt_u i8x16.le_s i8x16.le_u i8x16.ge_s i8x16.ge_u
    i16x8.eq i16x8.ne i16x8.lt_s i16x8.lt_u i16x8.gt_s i16x8.gt_u i16x8.le_s i16x8.le_u i16x8.ge_s
    i16x8.ge_u i32x4.eq i32x4.ne i32x4.lt_s i32x4.lt_u i32x4.gt_s i32x4.gt_u i32x4.le_s i32x4.le_u
    i32x4.ge_s i32x4.ge_u i64x2.eq i64x2.ne i64x2.lt_s i64x2.gt_s i64x2.le_s i64x2.ge_s f32x4.eq
    f32x4.ne f32x4.lt f32x4.gt f32x4.le f32x4.ge f64x2.eq f64x2.ne f64x2.lt f64x2.gt f64x2.le
    f64x2.ge i8x16.add i8x16.add_sat_s i8x16.add_sat_u i8x16.sub i8x16.sub_sat_s i8x16.sub_sat_u
    i8x16.min_s i8x16.min_u i8x16.max_s i8x16.max_u i8x16.avgr_u i8x16.narrow_i16x8_s
    i8x16.narrow_i16x8_u i8x16.shl i8x16.shr_s i8x16.shr_u i16x8.add i16x8.add_sat_s
    i16x8.add_sat_u i16x8.sub i16x8.sub_sat_s i16x8.sub_sat_u i16x8.mul i16x8.min_s i16x8.min_u
    i16x8.max_s i16x8.max_u i16x8.avgr_u i16x8.q15mulr_sat_s i16x8.relaxed_q15mulr_s
    i16x8.narrow_i32x4_s i16x8.narrow_i32x4_u i16x8.extmul_low_i8x16_s i16x8.extmul_high_i8x16_s
    i16x8.extmul_low_i8x16_u i16x8.extmul_high_i8x16_u i16x8.shl i16x8.shr_s i16x8.shr_u
    i16x8.relaxed_dot_i8x16_i7x16_s i32x4.add i32x4.sub i32x4.mul i32x4.min_s i32x4.min_u
    i32x4.max_s i32x4.max_u i32x4.dot_i16x8_s i32x4.extmul_low_i16x8_s i32x4.extmul_high_i16x8_s
    i32x4.extmul_low_i16x8_u i32x4.extmul_high_i16x8_u i32x4.shl i32x4.shr_s i32x4.shr_u i64x2.add
    i64x2.sub i64x2.mul i64x2.extmul_low_i32x4_s i64x2.extmul_high_i32x4_s i64x2.extmul_low_i32x4_u
    i64x2.extmul_high_i32x4_u i64x2.shl i64x2.shr_s i64x2.shr_u f32x4.add f32x4.sub f32x4.mul
    f32x4.div f32x4.min f32x4.max f32x4.pmin f32x4.pmax f32x4.relaxed_min f32x4.relaxed_max
    f64x2.add f64x2.sub f64x2.mul f64x2.div f64x2.min f64x2.max f64x2.pmin f64x2.pmax
    f64x2.relaxed_min f64x2.relaxed_max`,
  // Ternary
  `
    v128.bitselect i8x16.relaxed_laneselect i16x8.relaxed_laneselect i32x4.relaxed_laneselect
    i64x2.relaxed_laneselect f32x4.relaxed_madd f32x4.relaxed_nmadd f64x2.relaxed_madd
    f64x2.relaxed_nmadd i32x4.relaxed_dot_i8x16_i7x16_add_s`,
  // Extract
  `
    i8x16.extract_lane_s i8x16.extract_lane_u i16x8.extract_lane_s i16x8.extract_lane_u
    i32x4.extract_lane i64x2.extract_lane f32x4.extract_lane f64x2.extract_lane`,
  // Replace
  `
    i8x16.replace_lane i16x8.replace_lane i32x4.replace_lane i64x2.replace_lane f32x4.replace_lane
    f64x2.replace_lane`,
  // Load
  `
    v128.load8x8_s v128.load8x8_u v128.load16x4_s v128.load16x4_u v128.load32x2_s v128.load32x2_u
    v128.load8_splat v128.load16_splat v128.load32_splat v128.load64_splat v128.load32_zero
    v128.load64_zero`,
  // LoadLane
  `
    v128.load8_lane v128.load16_lane v128.load32_lane v128.load64_lane`,
  // StoreLane
  `
    v128.store8_lane v128.store16_lane v128.store32_lane v128.store64_lane`,
];

/** Mnemonic of each SIMD instruction, indexed by `S`. */
export const simdNames: readonly string[] = familyNames.join(' ').trim().split(/\s+/);

/** Family and number of each SIMD mnemonic: how the translator finds its IR form. */
export const simdOps: ReadonlyMap<string, readonly [Fam, S]> = (() => {
  const m = new Map<string, readonly [Fam, S]>();
  let x = 0;
  familyNames.forEach((names, fam) => {
    for (const name of names.trim().split(/\s+/)) m.set(name, [fam as Fam, x++ as S]);
  });
  return m;
})();

// ── Views ─────────────────────────────────────────────────────────────────────────────────────

type Buf = ArrayBufferLike;
let R: Int32Array<Buf> = new Int32Array(0);
let U8: Uint8Array<Buf> = new Uint8Array(0), I8: Int8Array<Buf> = new Int8Array(0);
let U16: Uint16Array<Buf> = new Uint16Array(0), I16: Int16Array<Buf> = new Int16Array(0);
let U32: Uint32Array<Buf> = new Uint32Array(0), F32: Float32Array<Buf> = new Float32Array(0);
let F64: Float64Array<Buf> = new Float64Array(0);

/** Re-creates the views when the register file was replaced (it grows by copying). */
function views(r: Int32Array): void {
  const b = r.buffer;
  R = r;
  U8 = new Uint8Array(b); I8 = new Int8Array(b); U16 = new Uint16Array(b); I16 = new Int16Array(b);
  U32 = new Uint32Array(b); F32 = new Float32Array(b); F64 = new Float64Array(b);
}

/** The scratch vector for cross-lane results, with its views. */
const T = new Int32Array(4);
const TU8 = new Uint8Array(T.buffer), TI16 = new Int16Array(T.buffer), TF64 = new Float64Array(T.buffer);

/** Copies the scratch vector to the register at word d. */
function out(d: number): void {
  R[d] = T[0]; R[d + 1] = T[1]; R[d + 2] = T[2]; R[d + 3] = T[3];
}

/** Popcount of every byte (i8x16.popcnt). */
const POPCNT8 = Uint8Array.from({ length: 256 }, (_, i) => {
  let n = 0;
  for (let v = i; v !== 0; v >>= 1) n += v & 1;
  return n;
});

// ── Saturation (spec §4.3.2 sat_s / sat_u) ────────────────────────────────────────────────────

/** sat_s to N = 8 bits. */
export function sat8s(x: number): number { return x < -128 ? -128 : x > 127 ? 127 : x; }
/** sat_u to N = 8 bits. */
export function sat8u(x: number): number { return x < 0 ? 0 : x > 255 ? 255 : x; }
/** sat_s to N = 16 bits. */
export function sat16s(x: number): number { return x < -32768 ? -32768 : x > 32767 ? 32767 : x; }
/** sat_u to N = 16 bits. */
export function sat16u(x: number): number { return x < 0 ? 0 : x > 65535 ? 65535 : x; }

/** Four signed 16-bit lanes (the halves of words w0, w1, low first) narrowed to four u8 bytes, saturated. */
export function narrow8u(w0: number, w1: number): number {
  return sat8u((w0 << 16) >> 16) | (sat8u(w0 >> 16) << 8) | (sat8u((w1 << 16) >> 16) << 16) | (sat8u(w1 >> 16) << 24);
}

/** spec §4.3.2 iq15mulr_sat_s: (a·b + 2^14) >> 15, saturated (only -2^15 · -2^15 overflows). */
export function q15mulrSatS(a: number, b: number): number {
  return sat16s((a * b + 0x4000) >> 15);
}

/** spec §4.3.3 fpmin: z2 if z2 < z1 else z1 — an operand, so the caller copies its bits. */
export function pminPicksSecond(z1: number, z2: number): boolean { return z2 < z1; }
/** spec §4.3.3 fpmax: z2 if z1 < z2 else z1. */
export function pmaxPicksSecond(z1: number, z2: number): boolean { return z1 < z2; }

// ── Handlers, called by the interpreter with absolute word offsets ───────────────────────────

/** One-operand instructions: r[d] = op(r[a]); a may be an i32/i64/f32/f64 register (splat). */
export function simdUnary(r: Int32Array, x: S, d: number, a: number): void {
  if (r !== R) views(r);
  const d8 = d << 2, a8 = a << 2, d16 = d << 1, a16 = a << 1, d64 = d >> 1, a64 = a >> 1;
  switch (x) {
    case S.v128_not:
      for (let i = 0; i < 4; i++) R[d + i] = ~R[a + i];
      return;
    case S.v128_any_true:
      R[d] = (R[a] | R[a + 1] | R[a + 2] | R[a + 3]) !== 0 ? 1 : 0;
      return;
    case S.i8x16_all_true: {
      let all = 1;
      for (let i = 0; i < 16; i++) if (U8[a8 + i] === 0) all = 0;
      R[d] = all;
      return;
    }
    case S.i8x16_bitmask: {
      let m = 0;
      for (let i = 0; i < 16; i++) m |= (U8[a8 + i] >> 7) << i;
      R[d] = m;
      return;
    }
    case S.i16x8_all_true: {
      let all = 1;
      for (let i = 0; i < 8; i++) if (U16[a16 + i] === 0) all = 0;
      R[d] = all;
      return;
    }
    case S.i16x8_bitmask: {
      let m = 0;
      for (let i = 0; i < 8; i++) m |= (U16[a16 + i] >> 15) << i;
      R[d] = m;
      return;
    }
    case S.i32x4_all_true:
      R[d] = R[a] !== 0 && R[a + 1] !== 0 && R[a + 2] !== 0 && R[a + 3] !== 0 ? 1 : 0;
      return;
    case S.i32x4_bitmask:
      R[d] = (R[a] >>> 31) | ((R[a + 1] >>> 31) << 1) | ((R[a + 2] >>> 31) << 2) | ((R[a + 3] >>> 31) << 3);
      return;
    case S.i64x2_all_true:
      R[d] = (R[a] | R[a + 1]) !== 0 && (R[a + 2] | R[a + 3]) !== 0 ? 1 : 0;
      return;
    case S.i64x2_bitmask:
      R[d] = (R[a + 1] >>> 31) | ((R[a + 3] >>> 31) << 1);
      return;
    case S.i8x16_splat: {
      const v = Math.imul(R[a] & 0xff, 0x01010101);
      R[d] = v; R[d + 1] = v; R[d + 2] = v; R[d + 3] = v;
      return;
    }
    case S.i16x8_splat: {
      const v = Math.imul(R[a] & 0xffff, 0x10001);
      R[d] = v; R[d + 1] = v; R[d + 2] = v; R[d + 3] = v;
      return;
    }
    case S.i32x4_splat:
    case S.f32x4_splat: {
      const v = R[a];
      R[d] = v; R[d + 1] = v; R[d + 2] = v; R[d + 3] = v;
      return;
    }
    case S.i64x2_splat:
    case S.f64x2_splat: {
      const lo = R[a], hi = R[a + 1];
      R[d] = lo; R[d + 1] = hi; R[d + 2] = lo; R[d + 3] = hi;
      return;
    }
    case S.i8x16_abs:
      for (let i = 0; i < 16; i++) U8[d8 + i] = Math.abs(I8[a8 + i]);
      return;
    case S.i8x16_neg:
      for (let i = 0; i < 16; i++) U8[d8 + i] = -U8[a8 + i];
      return;
    case S.i8x16_popcnt:
      for (let i = 0; i < 16; i++) U8[d8 + i] = POPCNT8[U8[a8 + i]];
      return;
    case S.i16x8_abs:
      for (let i = 0; i < 8; i++) U16[d16 + i] = Math.abs(I16[a16 + i]);
      return;
    case S.i16x8_neg:
      for (let i = 0; i < 8; i++) U16[d16 + i] = -U16[a16 + i];
      return;
    case S.i32x4_abs:
      for (let i = 0; i < 4; i++) R[d + i] = Math.abs(R[a + i]);
      return;
    case S.i32x4_neg:
      for (let i = 0; i < 4; i++) R[d + i] = -R[a + i];
      return;
    case S.i64x2_abs:
      for (let i = 0; i < 4; i += 2) {
        const lo = R[a + i], hi = R[a + i + 1];
        if (hi < 0) neg64(d + i, lo, hi);
        else { R[d + i] = lo; R[d + i + 1] = hi; }
      }
      return;
    case S.i64x2_neg:
      for (let i = 0; i < 4; i += 2) neg64(d + i, R[a + i], R[a + i + 1]);
      return;
    case S.f32x4_abs:
      for (let i = 0; i < 4; i++) R[d + i] = R[a + i] & 0x7fffffff;
      return;
    case S.f32x4_neg:
      for (let i = 0; i < 4; i++) R[d + i] = R[a + i] ^ 0x80000000;
      return;
    case S.f32x4_sqrt:
      for (let i = 0; i < 4; i++) F32[d + i] = Math.sqrt(F32[a + i]);
      return;
    case S.f32x4_ceil:
      for (let i = 0; i < 4; i++) F32[d + i] = fCeil(F32[a + i]);
      return;
    case S.f32x4_floor:
      for (let i = 0; i < 4; i++) F32[d + i] = fFloor(F32[a + i]);
      return;
    case S.f32x4_trunc:
      for (let i = 0; i < 4; i++) F32[d + i] = fTrunc(F32[a + i]);
      return;
    case S.f32x4_nearest:
      for (let i = 0; i < 4; i++) F32[d + i] = f32Nearest(F32[a + i]);
      return;
    case S.f64x2_abs:
      R[d] = R[a]; R[d + 1] = R[a + 1] & 0x7fffffff; R[d + 2] = R[a + 2]; R[d + 3] = R[a + 3] & 0x7fffffff;
      return;
    case S.f64x2_neg:
      R[d] = R[a]; R[d + 1] = R[a + 1] ^ 0x80000000; R[d + 2] = R[a + 2]; R[d + 3] = R[a + 3] ^ 0x80000000;
      return;
    case S.f64x2_sqrt:
      F64[d64] = Math.sqrt(F64[a64]); F64[d64 + 1] = Math.sqrt(F64[a64 + 1]);
      return;
    case S.f64x2_ceil:
      F64[d64] = fCeil(F64[a64]); F64[d64 + 1] = fCeil(F64[a64 + 1]);
      return;
    case S.f64x2_floor:
      F64[d64] = fFloor(F64[a64]); F64[d64 + 1] = fFloor(F64[a64 + 1]);
      return;
    case S.f64x2_trunc:
      F64[d64] = fTrunc(F64[a64]); F64[d64 + 1] = fTrunc(F64[a64 + 1]);
      return;
    case S.f64x2_nearest:
      F64[d64] = f64Nearest(F64[a64]); F64[d64 + 1] = f64Nearest(F64[a64 + 1]);
      return;
    // Widening reads half of the operand into the whole result: through the scratch vector.
    case S.i16x8_extend_low_i8x16_s:
      for (let i = 0; i < 8; i++) TI16[i] = I8[a8 + i];
      return out(d);
    case S.i16x8_extend_high_i8x16_s:
      for (let i = 0; i < 8; i++) TI16[i] = I8[a8 + 8 + i];
      return out(d);
    case S.i16x8_extend_low_i8x16_u:
      for (let i = 0; i < 8; i++) TI16[i] = U8[a8 + i];
      return out(d);
    case S.i16x8_extend_high_i8x16_u:
      for (let i = 0; i < 8; i++) TI16[i] = U8[a8 + 8 + i];
      return out(d);
    case S.i32x4_extend_low_i16x8_s:
      for (let i = 0; i < 4; i++) T[i] = I16[a16 + i];
      return out(d);
    case S.i32x4_extend_high_i16x8_s:
      for (let i = 0; i < 4; i++) T[i] = I16[a16 + 4 + i];
      return out(d);
    case S.i32x4_extend_low_i16x8_u:
      for (let i = 0; i < 4; i++) T[i] = U16[a16 + i];
      return out(d);
    case S.i32x4_extend_high_i16x8_u:
      for (let i = 0; i < 4; i++) T[i] = U16[a16 + 4 + i];
      return out(d);
    case S.i64x2_extend_low_i32x4_s:
    case S.i64x2_extend_high_i32x4_s: {
      const h = x === S.i64x2_extend_high_i32x4_s ? 2 : 0;
      const v0 = R[a + h], v1 = R[a + h + 1];
      R[d] = v0; R[d + 1] = v0 >> 31; R[d + 2] = v1; R[d + 3] = v1 >> 31;
      return;
    }
    case S.i64x2_extend_low_i32x4_u:
    case S.i64x2_extend_high_i32x4_u: {
      const h = x === S.i64x2_extend_high_i32x4_u ? 2 : 0;
      const v0 = R[a + h], v1 = R[a + h + 1];
      R[d] = v0; R[d + 1] = 0; R[d + 2] = v1; R[d + 3] = 0;
      return;
    }
    // Pairwise: result lane i uses exactly the bytes of lane i, read before it is written.
    case S.i16x8_extadd_pairwise_i8x16_s:
      for (let i = 0; i < 8; i++) I16[d16 + i] = I8[a8 + 2 * i] + I8[a8 + 2 * i + 1];
      return;
    case S.i16x8_extadd_pairwise_i8x16_u:
      for (let i = 0; i < 8; i++) I16[d16 + i] = U8[a8 + 2 * i] + U8[a8 + 2 * i + 1];
      return;
    case S.i32x4_extadd_pairwise_i16x8_s:
      for (let i = 0; i < 4; i++) R[d + i] = I16[a16 + 2 * i] + I16[a16 + 2 * i + 1];
      return;
    case S.i32x4_extadd_pairwise_i16x8_u:
      for (let i = 0; i < 4; i++) R[d + i] = U16[a16 + 2 * i] + U16[a16 + 2 * i + 1];
      return;
    case S.i32x4_trunc_sat_f32x4_s:
    case S.i32x4_relaxed_trunc_f32x4_s:
      for (let i = 0; i < 4; i++) R[d + i] = i32TruncSatF64S(F32[a + i]);
      return;
    case S.i32x4_trunc_sat_f32x4_u:
    case S.i32x4_relaxed_trunc_f32x4_u:
      for (let i = 0; i < 4; i++) R[d + i] = i32TruncSatF64U(F32[a + i]);
      return;
    case S.i32x4_trunc_sat_f64x2_s_zero:
    case S.i32x4_relaxed_trunc_f64x2_s_zero: {
      const v0 = F64[a64], v1 = F64[a64 + 1];
      R[d] = i32TruncSatF64S(v0); R[d + 1] = i32TruncSatF64S(v1); R[d + 2] = 0; R[d + 3] = 0;
      return;
    }
    case S.i32x4_trunc_sat_f64x2_u_zero:
    case S.i32x4_relaxed_trunc_f64x2_u_zero: {
      const v0 = F64[a64], v1 = F64[a64 + 1];
      R[d] = i32TruncSatF64U(v0); R[d + 1] = i32TruncSatF64U(v1); R[d + 2] = 0; R[d + 3] = 0;
      return;
    }
    case S.f32x4_convert_i32x4_s:
      for (let i = 0; i < 4; i++) F32[d + i] = R[a + i];
      return;
    case S.f32x4_convert_i32x4_u:
      for (let i = 0; i < 4; i++) F32[d + i] = U32[a + i];
      return;
    case S.f64x2_convert_low_i32x4_s: {
      const v0 = R[a], v1 = R[a + 1];
      F64[d64] = v0; F64[d64 + 1] = v1;
      return;
    }
    case S.f64x2_convert_low_i32x4_u: {
      const v0 = U32[a], v1 = U32[a + 1];
      F64[d64] = v0; F64[d64 + 1] = v1;
      return;
    }
    case S.f32x4_demote_f64x2_zero: {
      const v0 = F64[a64], v1 = F64[a64 + 1];
      F32[d] = v0; F32[d + 1] = v1; R[d + 2] = 0; R[d + 3] = 0;
      return;
    }
    case S.f64x2_promote_low_f32x4: {
      const v0 = F32[a], v1 = F32[a + 1];
      F64[d64] = v0; F64[d64 + 1] = v1;
      return;
    }
    default:
      throw new Error(`internal error: bad SIMD unary ${x}`);
  }
}

/** −(lo, hi) mod 2^64 into the word pair at w. */
function neg64(w: number, lo: number, hi: number): void {
  R[w] = -lo;
  R[w + 1] = lo === 0 ? -hi : ~hi;
}

/** Two-operand instructions: r[d] = op(r[a], r[b]); for shifts r[b] is an i32 register. */
export function simdBinary(r: Int32Array, x: S, d: number, a: number, b: number): void {
  if (r !== R) views(r);
  const d8 = d << 2, a8 = a << 2, b8 = b << 2, d16 = d << 1, a16 = a << 1, b16 = b << 1;
  const d64 = d >> 1, a64 = a >> 1, b64 = b >> 1;
  switch (x) {
    case S.v128_and:
      for (let i = 0; i < 4; i++) R[d + i] = R[a + i] & R[b + i];
      return;
    case S.v128_andnot:
      for (let i = 0; i < 4; i++) R[d + i] = R[a + i] & ~R[b + i];
      return;
    case S.v128_or:
      for (let i = 0; i < 4; i++) R[d + i] = R[a + i] | R[b + i];
      return;
    case S.v128_xor:
      for (let i = 0; i < 4; i++) R[d + i] = R[a + i] ^ R[b + i];
      return;
    case S.i8x16_swizzle:
    case S.i8x16_relaxed_swizzle:
      // Lane indices ≥ 16 select 0 (the relaxed form does the same, see RATIONALE).
      for (let i = 0; i < 16; i++) {
        const j = U8[b8 + i];
        TU8[i] = j < 16 ? U8[a8 + j] : 0;
      }
      return out(d);
    case S.i8x16_eq: for (let i = 0; i < 16; i++) U8[d8 + i] = U8[a8 + i] === U8[b8 + i] ? 255 : 0; return;
    case S.i8x16_ne: for (let i = 0; i < 16; i++) U8[d8 + i] = U8[a8 + i] !== U8[b8 + i] ? 255 : 0; return;
    case S.i8x16_lt_s: for (let i = 0; i < 16; i++) U8[d8 + i] = I8[a8 + i] < I8[b8 + i] ? 255 : 0; return;
    case S.i8x16_lt_u: for (let i = 0; i < 16; i++) U8[d8 + i] = U8[a8 + i] < U8[b8 + i] ? 255 : 0; return;
    case S.i8x16_gt_s: for (let i = 0; i < 16; i++) U8[d8 + i] = I8[a8 + i] > I8[b8 + i] ? 255 : 0; return;
    case S.i8x16_gt_u: for (let i = 0; i < 16; i++) U8[d8 + i] = U8[a8 + i] > U8[b8 + i] ? 255 : 0; return;
    case S.i8x16_le_s: for (let i = 0; i < 16; i++) U8[d8 + i] = I8[a8 + i] <= I8[b8 + i] ? 255 : 0; return;
    case S.i8x16_le_u: for (let i = 0; i < 16; i++) U8[d8 + i] = U8[a8 + i] <= U8[b8 + i] ? 255 : 0; return;
    case S.i8x16_ge_s: for (let i = 0; i < 16; i++) U8[d8 + i] = I8[a8 + i] >= I8[b8 + i] ? 255 : 0; return;
    case S.i8x16_ge_u: for (let i = 0; i < 16; i++) U8[d8 + i] = U8[a8 + i] >= U8[b8 + i] ? 255 : 0; return;
    case S.i16x8_eq: for (let i = 0; i < 8; i++) I16[d16 + i] = U16[a16 + i] === U16[b16 + i] ? -1 : 0; return;
    case S.i16x8_ne: for (let i = 0; i < 8; i++) I16[d16 + i] = U16[a16 + i] !== U16[b16 + i] ? -1 : 0; return;
    case S.i16x8_lt_s: for (let i = 0; i < 8; i++) I16[d16 + i] = I16[a16 + i] < I16[b16 + i] ? -1 : 0; return;
    case S.i16x8_lt_u: for (let i = 0; i < 8; i++) I16[d16 + i] = U16[a16 + i] < U16[b16 + i] ? -1 : 0; return;
    case S.i16x8_gt_s: for (let i = 0; i < 8; i++) I16[d16 + i] = I16[a16 + i] > I16[b16 + i] ? -1 : 0; return;
    case S.i16x8_gt_u: for (let i = 0; i < 8; i++) I16[d16 + i] = U16[a16 + i] > U16[b16 + i] ? -1 : 0; return;
    case S.i16x8_le_s: for (let i = 0; i < 8; i++) I16[d16 + i] = I16[a16 + i] <= I16[b16 + i] ? -1 : 0; return;
    case S.i16x8_le_u: for (let i = 0; i < 8; i++) I16[d16 + i] = U16[a16 + i] <= U16[b16 + i] ? -1 : 0; return;
    case S.i16x8_ge_s: for (let i = 0; i < 8; i++) I16[d16 + i] = I16[a16 + i] >= I16[b16 + i] ? -1 : 0; return;
    case S.i16x8_ge_u: for (let i = 0; i < 8; i++) I16[d16 + i] = U16[a16 + i] >= U16[b16 + i] ? -1 : 0; return;
    case S.i32x4_eq: for (let i = 0; i < 4; i++) R[d + i] = R[a + i] === R[b + i] ? -1 : 0; return;
    case S.i32x4_ne: for (let i = 0; i < 4; i++) R[d + i] = R[a + i] !== R[b + i] ? -1 : 0; return;
    case S.i32x4_lt_s: for (let i = 0; i < 4; i++) R[d + i] = R[a + i] < R[b + i] ? -1 : 0; return;
    case S.i32x4_lt_u: for (let i = 0; i < 4; i++) R[d + i] = U32[a + i] < U32[b + i] ? -1 : 0; return;
    case S.i32x4_gt_s: for (let i = 0; i < 4; i++) R[d + i] = R[a + i] > R[b + i] ? -1 : 0; return;
    case S.i32x4_gt_u: for (let i = 0; i < 4; i++) R[d + i] = U32[a + i] > U32[b + i] ? -1 : 0; return;
    case S.i32x4_le_s: for (let i = 0; i < 4; i++) R[d + i] = R[a + i] <= R[b + i] ? -1 : 0; return;
    case S.i32x4_le_u: for (let i = 0; i < 4; i++) R[d + i] = U32[a + i] <= U32[b + i] ? -1 : 0; return;
    case S.i32x4_ge_s: for (let i = 0; i < 4; i++) R[d + i] = R[a + i] >= R[b + i] ? -1 : 0; return;
    case S.i32x4_ge_u: for (let i = 0; i < 4; i++) R[d + i] = U32[a + i] >= U32[b + i] ? -1 : 0; return;
    case S.i64x2_eq:
      for (let i = 0; i < 4; i += 2) mask64(d + i, R[a + i] === R[b + i] && R[a + i + 1] === R[b + i + 1]);
      return;
    case S.i64x2_ne:
      for (let i = 0; i < 4; i += 2) mask64(d + i, R[a + i] !== R[b + i] || R[a + i + 1] !== R[b + i + 1]);
      return;
    case S.i64x2_lt_s:
      for (let i = 0; i < 4; i += 2) mask64(d + i, i64LtSHalves(R[a + i], R[a + i + 1], R[b + i], R[b + i + 1]) !== 0);
      return;
    case S.i64x2_gt_s:
      for (let i = 0; i < 4; i += 2) mask64(d + i, i64GtSHalves(R[a + i], R[a + i + 1], R[b + i], R[b + i + 1]) !== 0);
      return;
    case S.i64x2_le_s:
      for (let i = 0; i < 4; i += 2) mask64(d + i, i64LeSHalves(R[a + i], R[a + i + 1], R[b + i], R[b + i + 1]) !== 0);
      return;
    case S.i64x2_ge_s:
      for (let i = 0; i < 4; i += 2) mask64(d + i, i64GeSHalves(R[a + i], R[a + i + 1], R[b + i], R[b + i + 1]) !== 0);
      return;
    case S.f32x4_eq: for (let i = 0; i < 4; i++) R[d + i] = F32[a + i] === F32[b + i] ? -1 : 0; return;
    case S.f32x4_ne: for (let i = 0; i < 4; i++) R[d + i] = F32[a + i] !== F32[b + i] ? -1 : 0; return;
    case S.f32x4_lt: for (let i = 0; i < 4; i++) R[d + i] = F32[a + i] < F32[b + i] ? -1 : 0; return;
    case S.f32x4_gt: for (let i = 0; i < 4; i++) R[d + i] = F32[a + i] > F32[b + i] ? -1 : 0; return;
    case S.f32x4_le: for (let i = 0; i < 4; i++) R[d + i] = F32[a + i] <= F32[b + i] ? -1 : 0; return;
    case S.f32x4_ge: for (let i = 0; i < 4; i++) R[d + i] = F32[a + i] >= F32[b + i] ? -1 : 0; return;
    case S.f64x2_eq: for (let i = 0; i < 2; i++) mask64(d + 2 * i, F64[a64 + i] === F64[b64 + i]); return;
    case S.f64x2_ne: for (let i = 0; i < 2; i++) mask64(d + 2 * i, F64[a64 + i] !== F64[b64 + i]); return;
    case S.f64x2_lt: for (let i = 0; i < 2; i++) mask64(d + 2 * i, F64[a64 + i] < F64[b64 + i]); return;
    case S.f64x2_gt: for (let i = 0; i < 2; i++) mask64(d + 2 * i, F64[a64 + i] > F64[b64 + i]); return;
    case S.f64x2_le: for (let i = 0; i < 2; i++) mask64(d + 2 * i, F64[a64 + i] <= F64[b64 + i]); return;
    case S.f64x2_ge: for (let i = 0; i < 2; i++) mask64(d + 2 * i, F64[a64 + i] >= F64[b64 + i]); return;

    // i8x16 arithmetic: stores into Uint8Array wrap modulo 2^8.
    // add/sub: four lanes per word at once (SWAR, see RATIONALE "Why v128 lanes through views…").
    case S.i8x16_add: for (let i = 0; i < 4; i++) R[d + i] = swarAdd(R[a + i], R[b + i], 0x80808080); return;
    case S.i8x16_add_sat_s: for (let i = 0; i < 16; i++) I8[d8 + i] = sat8s(I8[a8 + i] + I8[b8 + i]); return;
    case S.i8x16_add_sat_u: for (let i = 0; i < 16; i++) U8[d8 + i] = sat8u(U8[a8 + i] + U8[b8 + i]); return;
    case S.i8x16_sub: for (let i = 0; i < 4; i++) R[d + i] = swarSub(R[a + i], R[b + i], 0x80808080); return;
    case S.i8x16_sub_sat_s: for (let i = 0; i < 16; i++) I8[d8 + i] = sat8s(I8[a8 + i] - I8[b8 + i]); return;
    case S.i8x16_sub_sat_u: for (let i = 0; i < 16; i++) U8[d8 + i] = sat8u(U8[a8 + i] - U8[b8 + i]); return;
    case S.i8x16_min_s: for (let i = 0; i < 16; i++) I8[d8 + i] = Math.min(I8[a8 + i], I8[b8 + i]); return;
    case S.i8x16_min_u: for (let i = 0; i < 16; i++) U8[d8 + i] = Math.min(U8[a8 + i], U8[b8 + i]); return;
    case S.i8x16_max_s: for (let i = 0; i < 16; i++) I8[d8 + i] = Math.max(I8[a8 + i], I8[b8 + i]); return;
    case S.i8x16_max_u: for (let i = 0; i < 16; i++) U8[d8 + i] = Math.max(U8[a8 + i], U8[b8 + i]); return;
    case S.i8x16_avgr_u: for (let i = 0; i < 16; i++) U8[d8 + i] = (U8[a8 + i] + U8[b8 + i] + 1) >> 1; return;
    case S.i8x16_narrow_i16x8_s:
      for (let i = 0; i < 8; i++) {
        TU8[i] = sat8s(I16[a16 + i]);
        TU8[8 + i] = sat8s(I16[b16 + i]);
      }
      return out(d);
    case S.i8x16_narrow_i16x8_u:
      for (let i = 0; i < 8; i++) {
        TU8[i] = sat8u(I16[a16 + i]);
        TU8[8 + i] = sat8u(I16[b16 + i]);
      }
      return out(d);
    case S.i8x16_shl: {
      const s = R[b] & 7;
      for (let i = 0; i < 16; i++) U8[d8 + i] = U8[a8 + i] << s;
      return;
    }
    case S.i8x16_shr_s: {
      const s = R[b] & 7;
      for (let i = 0; i < 16; i++) I8[d8 + i] = I8[a8 + i] >> s;
      return;
    }
    case S.i8x16_shr_u: {
      const s = R[b] & 7;
      for (let i = 0; i < 16; i++) U8[d8 + i] = U8[a8 + i] >>> s;
      return;
    }

    // i16x8 arithmetic
    case S.i16x8_add: for (let i = 0; i < 4; i++) R[d + i] = swarAdd(R[a + i], R[b + i], 0x80008000); return;
    case S.i16x8_add_sat_s: for (let i = 0; i < 8; i++) I16[d16 + i] = sat16s(I16[a16 + i] + I16[b16 + i]); return;
    case S.i16x8_add_sat_u: for (let i = 0; i < 8; i++) U16[d16 + i] = sat16u(U16[a16 + i] + U16[b16 + i]); return;
    case S.i16x8_sub: for (let i = 0; i < 4; i++) R[d + i] = swarSub(R[a + i], R[b + i], 0x80008000); return;
    case S.i16x8_sub_sat_s: for (let i = 0; i < 8; i++) I16[d16 + i] = sat16s(I16[a16 + i] - I16[b16 + i]); return;
    case S.i16x8_sub_sat_u: for (let i = 0; i < 8; i++) U16[d16 + i] = sat16u(U16[a16 + i] - U16[b16 + i]); return;
    case S.i16x8_mul: for (let i = 0; i < 8; i++) U16[d16 + i] = Math.imul(U16[a16 + i], U16[b16 + i]); return;
    case S.i16x8_min_s: for (let i = 0; i < 8; i++) I16[d16 + i] = Math.min(I16[a16 + i], I16[b16 + i]); return;
    case S.i16x8_min_u: for (let i = 0; i < 8; i++) U16[d16 + i] = Math.min(U16[a16 + i], U16[b16 + i]); return;
    case S.i16x8_max_s: for (let i = 0; i < 8; i++) I16[d16 + i] = Math.max(I16[a16 + i], I16[b16 + i]); return;
    case S.i16x8_max_u: for (let i = 0; i < 8; i++) U16[d16 + i] = Math.max(U16[a16 + i], U16[b16 + i]); return;
    case S.i16x8_avgr_u: for (let i = 0; i < 8; i++) U16[d16 + i] = (U16[a16 + i] + U16[b16 + i] + 1) >> 1; return;
    case S.i16x8_q15mulr_sat_s:
    case S.i16x8_relaxed_q15mulr_s:
      for (let i = 0; i < 8; i++) I16[d16 + i] = q15mulrSatS(I16[a16 + i], I16[b16 + i]);
      return;
    case S.i16x8_narrow_i32x4_s:
      for (let i = 0; i < 4; i++) {
        TI16[i] = sat16s(R[a + i]);
        TI16[4 + i] = sat16s(R[b + i]);
      }
      return out(d);
    case S.i16x8_narrow_i32x4_u:
      for (let i = 0; i < 4; i++) {
        TI16[i] = sat16u(R[a + i]);
        TI16[4 + i] = sat16u(R[b + i]);
      }
      return out(d);
    case S.i16x8_extmul_low_i8x16_s:
      for (let i = 0; i < 8; i++) TI16[i] = I8[a8 + i] * I8[b8 + i];
      return out(d);
    case S.i16x8_extmul_high_i8x16_s:
      for (let i = 0; i < 8; i++) TI16[i] = I8[a8 + 8 + i] * I8[b8 + 8 + i];
      return out(d);
    case S.i16x8_extmul_low_i8x16_u:
      for (let i = 0; i < 8; i++) TI16[i] = U8[a8 + i] * U8[b8 + i];
      return out(d);
    case S.i16x8_extmul_high_i8x16_u:
      for (let i = 0; i < 8; i++) TI16[i] = U8[a8 + 8 + i] * U8[b8 + 8 + i];
      return out(d);
    case S.i16x8_shl: {
      const s = R[b] & 15;
      for (let i = 0; i < 8; i++) U16[d16 + i] = U16[a16 + i] << s;
      return;
    }
    case S.i16x8_shr_s: {
      const s = R[b] & 15;
      for (let i = 0; i < 8; i++) I16[d16 + i] = I16[a16 + i] >> s;
      return;
    }
    case S.i16x8_shr_u: {
      const s = R[b] & 15;
      for (let i = 0; i < 8; i++) U16[d16 + i] = U16[a16 + i] >>> s;
      return;
    }
    case S.i16x8_relaxed_dot_i8x16_i7x16_s:
      // Signed × signed, pairs added with saturation (see RATIONALE on relaxed SIMD).
      for (let i = 0; i < 8; i++) {
        const j = a8 + 2 * i, k = b8 + 2 * i;
        I16[d16 + i] = sat16s(I8[j] * I8[k] + I8[j + 1] * I8[k + 1]);
      }
      return;

    // i32x4 arithmetic
    case S.i32x4_add: for (let i = 0; i < 4; i++) R[d + i] = R[a + i] + R[b + i]; return;
    case S.i32x4_sub: for (let i = 0; i < 4; i++) R[d + i] = R[a + i] - R[b + i]; return;
    case S.i32x4_mul: for (let i = 0; i < 4; i++) R[d + i] = Math.imul(R[a + i], R[b + i]); return;
    case S.i32x4_min_s: for (let i = 0; i < 4; i++) R[d + i] = Math.min(R[a + i], R[b + i]); return;
    case S.i32x4_min_u: for (let i = 0; i < 4; i++) U32[d + i] = Math.min(U32[a + i], U32[b + i]); return;
    case S.i32x4_max_s: for (let i = 0; i < 4; i++) R[d + i] = Math.max(R[a + i], R[b + i]); return;
    case S.i32x4_max_u: for (let i = 0; i < 4; i++) U32[d + i] = Math.max(U32[a + i], U32[b + i]); return;
    case S.i32x4_dot_i16x8_s:
      // Lane i reads the two 16-bit lanes that share its bytes; the sum wraps modulo 2^32.
      for (let i = 0; i < 4; i++) {
        const j = a16 + 2 * i, k = b16 + 2 * i;
        R[d + i] = I16[j] * I16[k] + I16[j + 1] * I16[k + 1];
      }
      return;
    case S.i32x4_extmul_low_i16x8_s:
      for (let i = 0; i < 4; i++) T[i] = I16[a16 + i] * I16[b16 + i];
      return out(d);
    case S.i32x4_extmul_high_i16x8_s:
      for (let i = 0; i < 4; i++) T[i] = I16[a16 + 4 + i] * I16[b16 + 4 + i];
      return out(d);
    case S.i32x4_extmul_low_i16x8_u:
      for (let i = 0; i < 4; i++) T[i] = U16[a16 + i] * U16[b16 + i];
      return out(d);
    case S.i32x4_extmul_high_i16x8_u:
      for (let i = 0; i < 4; i++) T[i] = U16[a16 + 4 + i] * U16[b16 + 4 + i];
      return out(d);
    case S.i32x4_shl: {
      const s = R[b] & 31;
      for (let i = 0; i < 4; i++) R[d + i] = R[a + i] << s;
      return;
    }
    case S.i32x4_shr_s: {
      const s = R[b] & 31;
      for (let i = 0; i < 4; i++) R[d + i] = R[a + i] >> s;
      return;
    }
    case S.i32x4_shr_u: {
      const s = R[b] & 31;
      for (let i = 0; i < 4; i++) R[d + i] = R[a + i] >>> s;
      return;
    }

    // i64x2 arithmetic on word pairs (low word first), as the scalar i64 instructions.
    case S.i64x2_add:
      for (let i = 0; i < 4; i += 2) {
        const al = R[a + i], lo = (al + R[b + i]) | 0;
        R[d + i + 1] = (R[a + i + 1] + R[b + i + 1] + ((lo >>> 0) < (al >>> 0) ? 1 : 0)) | 0;
        R[d + i] = lo;
      }
      return;
    case S.i64x2_sub:
      for (let i = 0; i < 4; i += 2) {
        const al = R[a + i], bl = R[b + i];
        R[d + i + 1] = (R[a + i + 1] - R[b + i + 1] - ((al >>> 0) < (bl >>> 0) ? 1 : 0)) | 0;
        R[d + i] = (al - bl) | 0;
      }
      return;
    case S.i64x2_mul:
      for (let i = 0; i < 4; i += 2) {
        i64MulHalves(R[a + i], R[a + i + 1], R[b + i], R[b + i + 1]);
        R[d + i] = i64Out[0]; R[d + i + 1] = i64Out[1];
      }
      return;
    case S.i64x2_extmul_low_i32x4_s:
    case S.i64x2_extmul_high_i32x4_s: {
      const h = x === S.i64x2_extmul_high_i32x4_s ? 2 : 0;
      for (let i = 0; i < 2; i++) {
        const p = R[a + h + i], q = R[b + h + i];
        i64MulHalves(p, p >> 31, q, q >> 31);
        T[2 * i] = i64Out[0]; T[2 * i + 1] = i64Out[1];
      }
      return out(d);
    }
    case S.i64x2_extmul_low_i32x4_u:
    case S.i64x2_extmul_high_i32x4_u: {
      const h = x === S.i64x2_extmul_high_i32x4_u ? 2 : 0;
      for (let i = 0; i < 2; i++) {
        i64MulHalves(R[a + h + i], 0, R[b + h + i], 0);
        T[2 * i] = i64Out[0]; T[2 * i + 1] = i64Out[1];
      }
      return out(d);
    }
    case S.i64x2_shl: {
      const s = R[b] & 63;
      for (let i = 0; i < 4; i += 2) {
        i64ShlHalves(R[a + i], R[a + i + 1], s);
        R[d + i] = i64Out[0]; R[d + i + 1] = i64Out[1];
      }
      return;
    }
    case S.i64x2_shr_s: {
      const s = R[b] & 63;
      for (let i = 0; i < 4; i += 2) {
        i64ShrSHalves(R[a + i], R[a + i + 1], s);
        R[d + i] = i64Out[0]; R[d + i + 1] = i64Out[1];
      }
      return;
    }
    case S.i64x2_shr_u: {
      const s = R[b] & 63;
      for (let i = 0; i < 4; i += 2) {
        i64ShrUHalves(R[a + i], R[a + i + 1], s);
        R[d + i] = i64Out[0]; R[d + i + 1] = i64Out[1];
      }
      return;
    }

    // Float arithmetic: one rounding by the Float32Array/Float64Array store.
    case S.f32x4_add: for (let i = 0; i < 4; i++) F32[d + i] = F32[a + i] + F32[b + i]; return;
    case S.f32x4_sub: for (let i = 0; i < 4; i++) F32[d + i] = F32[a + i] - F32[b + i]; return;
    case S.f32x4_mul: for (let i = 0; i < 4; i++) F32[d + i] = F32[a + i] * F32[b + i]; return;
    case S.f32x4_div: for (let i = 0; i < 4; i++) F32[d + i] = F32[a + i] / F32[b + i]; return;
    case S.f32x4_min:
    case S.f32x4_relaxed_min:
      for (let i = 0; i < 4; i++) F32[d + i] = fMin(F32[a + i], F32[b + i]);
      return;
    case S.f32x4_max:
    case S.f32x4_relaxed_max:
      for (let i = 0; i < 4; i++) F32[d + i] = fMax(F32[a + i], F32[b + i]);
      return;
    case S.f32x4_pmin:
      for (let i = 0; i < 4; i++) R[d + i] = pminPicksSecond(F32[a + i], F32[b + i]) ? R[b + i] : R[a + i];
      return;
    case S.f32x4_pmax:
      for (let i = 0; i < 4; i++) R[d + i] = pmaxPicksSecond(F32[a + i], F32[b + i]) ? R[b + i] : R[a + i];
      return;
    case S.f64x2_add: for (let i = 0; i < 2; i++) F64[d64 + i] = F64[a64 + i] + F64[b64 + i]; return;
    case S.f64x2_sub: for (let i = 0; i < 2; i++) F64[d64 + i] = F64[a64 + i] - F64[b64 + i]; return;
    case S.f64x2_mul: for (let i = 0; i < 2; i++) F64[d64 + i] = F64[a64 + i] * F64[b64 + i]; return;
    case S.f64x2_div: for (let i = 0; i < 2; i++) F64[d64 + i] = F64[a64 + i] / F64[b64 + i]; return;
    case S.f64x2_min:
    case S.f64x2_relaxed_min:
      for (let i = 0; i < 2; i++) F64[d64 + i] = fMin(F64[a64 + i], F64[b64 + i]);
      return;
    case S.f64x2_max:
    case S.f64x2_relaxed_max:
      for (let i = 0; i < 2; i++) F64[d64 + i] = fMax(F64[a64 + i], F64[b64 + i]);
      return;
    case S.f64x2_pmin:
      for (let i = 0; i < 4; i += 2) {
        const second = pminPicksSecond(F64[a64 + (i >> 1)], F64[b64 + (i >> 1)]);
        const s = second ? b + i : a + i;
        R[d + i] = R[s]; R[d + i + 1] = R[s + 1];
      }
      return;
    case S.f64x2_pmax:
      for (let i = 0; i < 4; i += 2) {
        const second = pmaxPicksSecond(F64[a64 + (i >> 1)], F64[b64 + (i >> 1)]);
        const s = second ? b + i : a + i;
        R[d + i] = R[s]; R[d + i + 1] = R[s + 1];
      }
      return;
    default:
      throw new Error(`internal error: bad SIMD binary ${x}`);
  }
}

/**
 * Lane-wise x + y of the 8- or 16-bit lanes packed in a word, `h` the lanes' top bits: the low
 * bits are added with their carries stopped at each lane's top bit, which is then the xor of the
 * operands' top bits and that carry (Hacker's Delight §2-18).
 */
export function swarAdd(x: number, y: number, h: number): number {
  return ((x & ~h) + (y & ~h)) ^ ((x ^ y) & h);
}

/** Lane-wise x − y of packed lanes: each lane borrows from its own top bit, set beforehand. */
export function swarSub(x: number, y: number, h: number): number {
  return ((x | h) - (y & ~h)) ^ ((x ^ ~y) & h);
}

/** All ones or all zeros in the 64-bit lane at word w. */
function mask64(w: number, c: boolean): void {
  const m = c ? -1 : 0;
  R[w] = m;
  R[w + 1] = m;
}

/** Three-operand instructions: r[d] = op(r[a], r[b], r[c]). */
export function simdTernary(r: Int32Array, x: S, d: number, a: number, b: number, c: number): void {
  if (r !== R) views(r);
  switch (x) {
    case S.v128_bitselect:
    case S.i8x16_relaxed_laneselect:
    case S.i16x8_relaxed_laneselect:
    case S.i32x4_relaxed_laneselect:
    case S.i64x2_relaxed_laneselect:
      // (a & c) | (b & ~c): the relaxed laneselects select bit by bit too (see RATIONALE).
      for (let i = 0; i < 4; i++) {
        const m = R[c + i];
        R[d + i] = (R[a + i] & m) | (R[b + i] & ~m);
      }
      return;
    case S.f32x4_relaxed_madd:
      // Unfused: a·b rounded to f32, then + c rounded (see RATIONALE).
      for (let i = 0; i < 4; i++) F32[d + i] = Math.fround(F32[a + i] * F32[b + i]) + F32[c + i];
      return;
    case S.f32x4_relaxed_nmadd:
      for (let i = 0; i < 4; i++) F32[d + i] = Math.fround(-F32[a + i] * F32[b + i]) + F32[c + i];
      return;
    case S.f64x2_relaxed_madd: {
      const d64 = d >> 1, a64 = a >> 1, b64 = b >> 1, c64 = c >> 1;
      for (let i = 0; i < 2; i++) F64[d64 + i] = F64[a64 + i] * F64[b64 + i] + F64[c64 + i];
      return;
    }
    case S.f64x2_relaxed_nmadd: {
      const d64 = d >> 1, a64 = a >> 1, b64 = b >> 1, c64 = c >> 1;
      for (let i = 0; i < 2; i++) F64[d64 + i] = -F64[a64 + i] * F64[b64 + i] + F64[c64 + i];
      return;
    }
    case S.i32x4_relaxed_dot_i8x16_i7x16_add_s: {
      // Signed × signed; the four products of lane i summed exactly, then + c (wrapping).
      const a8 = a << 2, b8 = b << 2;
      for (let i = 0; i < 4; i++) {
        const j = a8 + 4 * i, k = b8 + 4 * i;
        const dot = I8[j] * I8[k] + I8[j + 1] * I8[k + 1] + I8[j + 2] * I8[k + 2] + I8[j + 3] * I8[k + 3];
        R[d + i] = dot + R[c + i];
      }
      return;
    }
    default:
      throw new Error(`internal error: bad SIMD ternary ${x}`);
  }
}

/** extract_lane: r[d] = lane l of r[a] (i32 / i64 / raw f32 / raw f64 bits). */
export function simdExtract(r: Int32Array, x: S, d: number, a: number, l: number): void {
  if (r !== R) views(r);
  switch (x) {
    case S.i8x16_extract_lane_s: R[d] = I8[(a << 2) + l]; return;
    case S.i8x16_extract_lane_u: R[d] = U8[(a << 2) + l]; return;
    case S.i16x8_extract_lane_s: R[d] = I16[(a << 1) + l]; return;
    case S.i16x8_extract_lane_u: R[d] = U16[(a << 1) + l]; return;
    case S.i32x4_extract_lane:
    case S.f32x4_extract_lane:
      R[d] = R[a + l];
      return;
    case S.i64x2_extract_lane:
    case S.f64x2_extract_lane: {
      const lo = R[a + 2 * l], hi = R[a + 2 * l + 1];
      R[d] = lo; R[d + 1] = hi;
      return;
    }
    default:
      throw new Error(`internal error: bad SIMD extract ${x}`);
  }
}

/** replace_lane: r[d] = r[a] with lane l set to the scalar r[b] (bits). */
export function simdReplace(r: Int32Array, x: S, d: number, a: number, b: number, l: number): void {
  if (r !== R) views(r);
  const lo = R[b], hi = R[b + 1];
  if (d !== a) {
    R[d] = R[a]; R[d + 1] = R[a + 1]; R[d + 2] = R[a + 2]; R[d + 3] = R[a + 3];
  }
  switch (x) {
    case S.i8x16_replace_lane: U8[(d << 2) + l] = lo; return;
    case S.i16x8_replace_lane: U16[(d << 1) + l] = lo; return;
    case S.i32x4_replace_lane:
    case S.f32x4_replace_lane:
      R[d + l] = lo;
      return;
    case S.i64x2_replace_lane:
    case S.f64x2_replace_lane:
      R[d + 2 * l] = lo; R[d + 2 * l + 1] = hi;
      return;
    default:
      throw new Error(`internal error: bad SIMD replace ${x}`);
  }
}

// ── Memory (spec §4.4.7): ea = u32(address) + offset; ea + width > size traps. ──────────────

/** Bytes each load/store family instruction reads or writes in memory. */
function memWidth(x: S): number {
  switch (x) {
    case S.v128_load8_splat: case S.v128_load8_lane: case S.v128_store8_lane: return 1;
    case S.v128_load16_splat: case S.v128_load16_lane: case S.v128_store16_lane: return 2;
    case S.v128_load32_splat: case S.v128_load32_zero: case S.v128_load32_lane: case S.v128_store32_lane: return 4;
    default: return 8;
  }
}

/** The extending, splatting and zero-filling loads: r[d] = load(ea). */
export function simdLoad(r: Int32Array, x: S, mem: DataView, d: number, ea: number): void {
  if (r !== R) views(r);
  if (ea + memWidth(x) > mem.byteLength) throw trap(TrapCode.MemoryOutOfBounds);
  const d16 = d << 1;
  switch (x) {
    case S.v128_load8x8_s: for (let i = 0; i < 8; i++) I16[d16 + i] = mem.getInt8(ea + i); return;
    case S.v128_load8x8_u: for (let i = 0; i < 8; i++) I16[d16 + i] = mem.getUint8(ea + i); return;
    case S.v128_load16x4_s: for (let i = 0; i < 4; i++) R[d + i] = mem.getInt16(ea + 2 * i, true); return;
    case S.v128_load16x4_u: for (let i = 0; i < 4; i++) R[d + i] = mem.getUint16(ea + 2 * i, true); return;
    case S.v128_load32x2_s: {
      const v0 = mem.getInt32(ea, true), v1 = mem.getInt32(ea + 4, true);
      R[d] = v0; R[d + 1] = v0 >> 31; R[d + 2] = v1; R[d + 3] = v1 >> 31;
      return;
    }
    case S.v128_load32x2_u:
      R[d] = mem.getInt32(ea, true); R[d + 1] = 0; R[d + 2] = mem.getInt32(ea + 4, true); R[d + 3] = 0;
      return;
    case S.v128_load8_splat: {
      const v = Math.imul(mem.getUint8(ea), 0x01010101);
      R[d] = v; R[d + 1] = v; R[d + 2] = v; R[d + 3] = v;
      return;
    }
    case S.v128_load16_splat: {
      const v = Math.imul(mem.getUint16(ea, true), 0x10001);
      R[d] = v; R[d + 1] = v; R[d + 2] = v; R[d + 3] = v;
      return;
    }
    case S.v128_load32_splat: {
      const v = mem.getInt32(ea, true);
      R[d] = v; R[d + 1] = v; R[d + 2] = v; R[d + 3] = v;
      return;
    }
    case S.v128_load64_splat: {
      const lo = mem.getInt32(ea, true), hi = mem.getInt32(ea + 4, true);
      R[d] = lo; R[d + 1] = hi; R[d + 2] = lo; R[d + 3] = hi;
      return;
    }
    case S.v128_load32_zero:
      R[d] = mem.getInt32(ea, true); R[d + 1] = 0; R[d + 2] = 0; R[d + 3] = 0;
      return;
    case S.v128_load64_zero:
      R[d] = mem.getInt32(ea, true); R[d + 1] = mem.getInt32(ea + 4, true); R[d + 2] = 0; R[d + 3] = 0;
      return;
    default:
      throw new Error(`internal error: bad SIMD load ${x}`);
  }
}

/** load_lane: r[d] = r[v] with lane l loaded from ea. */
export function simdLoadLane(r: Int32Array, x: S, mem: DataView, d: number, v: number, ea: number, l: number): void {
  if (r !== R) views(r);
  if (ea + memWidth(x) > mem.byteLength) throw trap(TrapCode.MemoryOutOfBounds);
  if (d !== v) {
    R[d] = R[v]; R[d + 1] = R[v + 1]; R[d + 2] = R[v + 2]; R[d + 3] = R[v + 3];
  }
  switch (x) {
    case S.v128_load8_lane: U8[(d << 2) + l] = mem.getUint8(ea); return;
    case S.v128_load16_lane: U16[(d << 1) + l] = mem.getUint16(ea, true); return;
    case S.v128_load32_lane: R[d + l] = mem.getInt32(ea, true); return;
    case S.v128_load64_lane:
      R[d + 2 * l] = mem.getInt32(ea, true); R[d + 2 * l + 1] = mem.getInt32(ea + 4, true);
      return;
    default:
      throw new Error(`internal error: bad SIMD load lane ${x}`);
  }
}

/** store_lane: stores lane l of r[v] at ea. */
export function simdStoreLane(r: Int32Array, x: S, mem: DataView, v: number, ea: number, l: number): void {
  if (r !== R) views(r);
  if (ea + memWidth(x) > mem.byteLength) throw trap(TrapCode.MemoryOutOfBounds);
  switch (x) {
    case S.v128_store8_lane: mem.setUint8(ea, U8[(v << 2) + l]); return;
    case S.v128_store16_lane: mem.setUint16(ea, U16[(v << 1) + l], true); return;
    case S.v128_store32_lane: mem.setInt32(ea, R[v + l], true); return;
    case S.v128_store64_lane:
      mem.setInt32(ea, R[v + 2 * l], true); mem.setInt32(ea + 4, R[v + 2 * l + 1], true);
      return;
    default:
      throw new Error(`internal error: bad SIMD store lane ${x}`);
  }
}

// ── Boundary: v128 values as 16 bytes (globals, constants) ───────────────────────────────────

/** Writes 16 bytes (a v128 constant or global value) into the register at word d. */
export function v128ToRegs(r: Int32Array, d: number, bytes: Uint8Array): void {
  if (r !== R) views(r);
  U8.set(bytes, d << 2);
}

/** The v128 in the register at word a as a new 16-byte array (for global.set). */
export function v128FromRegs(r: Int32Array, a: number): Uint8Array {
  return new Uint8Array(r.buffer.slice(a << 2, (a << 2) + 16));
}

/** A v128 constant's 16 bytes as four little-endian words, for an IR immediate. */
export function v128Words(bytes: Uint8Array): [number, number, number, number] {
  const w = (i: number): number => bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
  return [w(0), w(4), w(8), w(12)];
}
