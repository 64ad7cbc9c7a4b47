/**
 * SIMD semantics (exec/simd.ts) on a small register file: lane helpers, aliasing of destination
 * and sources, NaN bits, saturation, and the relaxed choices. The spec suite's simd folders check
 * every instruction end to end; these pin the corner cases each handler must get right alone.
 */

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RuntimeError } from '../errors.js';
import {
  Fam, pmaxPicksSecond, pminPicksSecond, q15mulrSatS, S, sat16s, sat16u, sat8s, sat8u, simdBinary,
  simdExtract, simdLoad, simdLoadLane, simdNames, simdOps, simdReplace, simdStoreLane,
  simdTernary, simdUnary, swarAdd, swarSub, v128FromRegs, v128ToRegs, v128Words,
} from './simd.js';

const regs = new Int32Array(64);
const bytes = new Uint8Array(regs.buffer);
const i16 = new Int16Array(regs.buffer);
const f32 = new Float32Array(regs.buffer);
const f64 = new Float64Array(regs.buffer);

/** Sets the v128 at word w from 16 byte values. */
function setBytes(w: number, bs: readonly number[]): void {
  bs.forEach((b, i) => (bytes[w * 4 + i] = b));
}
function getBytes(w: number): number[] {
  return [...bytes.slice(w * 4, w * 4 + 16)];
}
const iota = (n: number, f: (i: number) => number = (i) => i): number[] => Array.from({ length: n }, (_, i) => f(i));

test('the numbering of S matches the mnemonic table, family by family', () => {
  const probes: [S, string, Fam][] = [
    [S.v128_not, 'v128.not', Fam.Unary], [S.i32x4_relaxed_trunc_f64x2_u_zero, 'i32x4.relaxed_trunc_f64x2_u_zero', Fam.Unary],
    [S.v128_and, 'v128.and', Fam.Binary], [S.i16x8_relaxed_dot_i8x16_i7x16_s, 'i16x8.relaxed_dot_i8x16_i7x16_s', Fam.Binary],
    [S.f64x2_relaxed_max, 'f64x2.relaxed_max', Fam.Binary], [S.v128_bitselect, 'v128.bitselect', Fam.Ternary],
    [S.i32x4_relaxed_dot_i8x16_i7x16_add_s, 'i32x4.relaxed_dot_i8x16_i7x16_add_s', Fam.Ternary],
    [S.i8x16_extract_lane_s, 'i8x16.extract_lane_s', Fam.Extract], [S.f64x2_replace_lane, 'f64x2.replace_lane', Fam.Replace],
    [S.v128_load8x8_s, 'v128.load8x8_s', Fam.Load], [S.v128_load64_zero, 'v128.load64_zero', Fam.Load],
    [S.v128_load8_lane, 'v128.load8_lane', Fam.LoadLane], [S.v128_store64_lane, 'v128.store64_lane', Fam.StoreLane],
  ];
  for (const [x, name, fam] of probes) {
    assert.is(simdNames[x], name);
    assert.equal(simdOps.get(name), [fam, x]);
  }
  assert.is(simdNames.length, S.v128_store64_lane + 1);
  assert.is(new Set(simdNames).size, simdNames.length, 'no mnemonic twice');
});

test('saturation and q15mulr helpers (spec §4.3.2)', () => {
  assert.equal([sat8s(-129), sat8s(-128), sat8s(127), sat8s(128)], [-128, -128, 127, 127]);
  assert.equal([sat8u(-1), sat8u(255), sat8u(256)], [0, 255, 255]);
  assert.equal([sat16s(-40000), sat16s(40000), sat16u(-5), sat16u(70000)], [-32768, 32767, 0, 65535]);
  assert.is(q15mulrSatS(-32768, -32768), 32767, 'the one overflowing product saturates');
  assert.is(q15mulrSatS(16384, 16384), 8192);
  assert.is(q15mulrSatS(-1, 16384), 0, 'rounds half up: (-16384 + 16384) >> 15');
});

test('pmin/pmax pick an operand by a strict comparison (NaN and ±0 keep the first)', () => {
  assert.ok(pminPicksSecond(2, 1));
  assert.not.ok(pminPicksSecond(NaN, 1));
  assert.not.ok(pminPicksSecond(0, -0));
  assert.ok(pmaxPicksSecond(1, 2));
  assert.not.ok(pmaxPicksSecond(1, NaN));
});

test('SWAR add/sub equal lane-by-lane arithmetic modulo 2^8 and 2^16', () => {
  let seed = 1;
  const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) | 0);
  const lanes = (w: number, bits: number): number[] => iota(32 / bits, (i) => (w >>> (i * bits)) & ((1 << bits) - 1));
  for (let n = 0; n < 2000; n++) {
    const x = n < 4 ? [0, -1, 0x80808080, 0x7fff7fff][n] : rnd(), y = n < 4 ? [-1, -1, 0x80808080, 1][n] : rnd();
    for (const [bits, h] of [[8, 0x80808080], [16, 0x80008000]]) {
      const m = (1 << bits) - 1;
      const xs = lanes(x, bits), ys = lanes(y, bits);
      assert.equal(lanes(swarAdd(x, y, h | 0), bits), xs.map((v, i) => (v + ys[i]) & m));
      assert.equal(lanes(swarSub(x, y, h | 0), bits), xs.map((v, i) => (v - ys[i]) & m));
    }
  }
});

test('lane-wise ops may write their own operand; cross-lane ops go through scratch', () => {
  setBytes(0, iota(16));
  setBytes(4, iota(16, () => 250));
  simdBinary(regs, S.i8x16_add, 0, 0, 4);
  assert.equal(getBytes(0), iota(16, (i) => (i + 250) & 0xff), 'wraps modulo 2^8, in place');
  setBytes(0, iota(16, (i) => (i % 2 === 0 ? -3 : 5) & 0xff));
  simdUnary(regs, S.i16x8_extend_low_i8x16_s, 0, 0);
  assert.equal([...i16.slice(0, 8)], [-3, 5, -3, 5, -3, 5, -3, 5], 'widening reads before writing');
  setBytes(0, iota(16, (i) => 15 - i));
  setBytes(4, [0, 1, 15, 16, 200, 255, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
  simdBinary(regs, S.i8x16_swizzle, 4, 0, 4);
  assert.equal(getBytes(4).slice(0, 7), [15, 14, 0, 0, 0, 0, 12], 'indices ≥ 16 select 0');
});

test('narrowing saturates signed inputs; shifts take the count modulo the lane width', () => {
  i16.set([-200, 200, 127, -128, 0, 1, -1, 300], 0);
  i16.set([255, 256, -1, 0, 0, 0, 0, 0], 8);
  simdBinary(regs, S.i8x16_narrow_i16x8_u, 8, 0, 4);
  assert.equal(getBytes(8), [0, 200, 127, 0, 0, 1, 0, 255, 255, 255, 0, 0, 0, 0, 0, 0]);
  simdBinary(regs, S.i8x16_narrow_i16x8_s, 8, 0, 4);
  assert.equal(getBytes(8).slice(0, 8), [0x80, 0x7f, 0x7f, 0x80, 0, 1, 0xff, 0x7f]);
  regs.set([1, -8, 0x40000000, 7], 0);
  regs[4] = 33;
  simdBinary(regs, S.i32x4_shr_s, 8, 0, 4);
  assert.equal([...regs.slice(8, 12)], [0, -4, 0x20000000, 3]);
  regs[4] = 65;
  regs.set([1, 0x80000000 | 0, 3, 0], 0);
  simdBinary(regs, S.i64x2_shl, 8, 0, 4);
  assert.equal([...regs.slice(8, 12)], [2, 0, 6, 0], 'i64 lanes: count mod 64, carries between words');
});

test('i64x2 arithmetic carries between the words of a lane', () => {
  regs.set([-1, 0, 0, 1], 0);
  regs.set([1, 0, -1, -1], 4);
  simdBinary(regs, S.i64x2_add, 8, 0, 4);
  assert.equal([...regs.slice(8, 12)], [0, 1, -1, 0]);
  simdBinary(regs, S.i64x2_sub, 8, 0, 4);
  assert.equal([...regs.slice(8, 12)], [-2, 0, 1, 1]);
  simdUnary(regs, S.i64x2_neg, 8, 0);
  assert.equal([...regs.slice(8, 12)], [1, -1, 0, -1]);
  simdBinary(regs, S.i64x2_lt_s, 8, 0, 4);
  assert.equal([...regs.slice(8, 12)], [0, 0, 0, 0]);
});

test('float bit operations keep NaN payloads; arithmetic gives quiet NaNs', () => {
  regs.set([0x7fa00001, 0xffa00001 | 0, 0x3f800000, 0], 0);
  simdUnary(regs, S.f32x4_neg, 4, 0);
  assert.equal([...regs.slice(4, 8)], [0xffa00001 | 0, 0x7fa00001, 0xbf800000 | 0, 0x80000000 | 0]);
  simdUnary(regs, S.f32x4_abs, 4, 0);
  assert.is(regs[5], 0x7fa00001, 'signaling NaN unchanged');
  regs.set([0x7fa00001, 0x3f800000, 0, 0], 4);
  simdBinary(regs, S.f32x4_pmin, 8, 0, 4);
  assert.is(regs[8], 0x7fa00001, 'pmin returns its first operand bit for bit');
  simdBinary(regs, S.f32x4_add, 8, 0, 4);
  assert.is(regs[8] & 0x7fc00000, 0x7fc00000, 'an arithmetic NaN');
  f32.set([-0, 0, NaN, 1], 0);
  f32.set([0, -0, 1, 2], 4);
  simdBinary(regs, S.f32x4_min, 8, 0, 4);
  assert.equal([...regs.slice(8, 12)], [0x80000000 | 0, 0x80000000 | 0, 0x7fc00000, 0x3f800000]);
  f64.set([2.5, -2.5], 0);
  simdUnary(regs, S.f64x2_nearest, 4, 0);
  assert.equal([...f64.slice(2, 4)], [2, -2]);
});

test('conversions: trunc_sat, convert_low and demote/promote in place', () => {
  f32.set([NaN, -1e10, 1e10, -1.9], 0);
  simdUnary(regs, S.i32x4_trunc_sat_f32x4_s, 0, 0);
  assert.equal([...regs.slice(0, 4)], [0, -2147483648, 2147483647, -1]);
  regs.set([-1, 7, 9, 9], 0);
  simdUnary(regs, S.f64x2_convert_low_i32x4_u, 0, 0);
  assert.equal([...f64.slice(0, 2)], [4294967295, 7]);
  f64.set([1 + 2 ** -30, 1e300], 0);
  simdUnary(regs, S.f32x4_demote_f64x2_zero, 0, 0);
  assert.equal([...f32.slice(0, 2)], [1, Infinity]);
  assert.equal([...regs.slice(2, 4)], [0, 0]);
  f32.set([1.5, -0], 0);
  simdUnary(regs, S.f64x2_promote_low_f32x4, 0, 0);
  assert.equal([...f64.slice(0, 2)], [1.5, -0]);
});

test('dot products, extmul, extadd_pairwise, q15mulr, bitmask, all_true, popcnt', () => {
  i16.set([-32768, -32768, 2, 3, 0, 0, 0, 0], 0);
  i16.set([-32768, -32768, 4, 5, 0, 0, 0, 0], 8);
  simdBinary(regs, S.i32x4_dot_i16x8_s, 0, 0, 4);
  assert.equal([...regs.slice(0, 2)], [-2147483648, 23], '2^31 wraps');
  setBytes(0, [255, 255, 1, 2, ...iota(12)]);
  setBytes(4, [255, 2, 3, 4, ...iota(12)]);
  simdBinary(regs, S.i16x8_extmul_low_i8x16_u, 8, 0, 4);
  assert.equal([...i16.slice(16, 20)], [255 * 255 - 65536, 510, 3, 8]);
  simdUnary(regs, S.i16x8_extadd_pairwise_i8x16_s, 8, 0);
  assert.equal([...i16.slice(16, 18)], [-2, 3]);
  setBytes(0, iota(16, (i) => (i === 3 || i === 15 ? 0x80 : 1)));
  simdUnary(regs, S.i8x16_bitmask, 8, 0);
  assert.is(regs[8], (1 << 3) | (1 << 15));
  simdUnary(regs, S.i8x16_all_true, 8, 0);
  assert.is(regs[8], 1);
  simdUnary(regs, S.i8x16_popcnt, 4, 0);
  assert.equal(getBytes(4).slice(0, 4), [1, 1, 1, 1]);
});

test('relaxed choices: dot is signed × signed (i16 pairs saturate), madd is unfused', () => {
  setBytes(0, [0x80, 0x80, ...iota(14, () => 0)]);
  setBytes(4, [0x80, 0x80, ...iota(14, () => 0)]);
  simdBinary(regs, S.i16x8_relaxed_dot_i8x16_i7x16_s, 8, 0, 4);
  assert.is(i16[16], 32767);
  regs.set([1, 2, 3, 4], 12);
  setBytes(4, [0x81, 0x81, 0x81, 0x81, ...iota(12, () => 0)]);
  setBytes(0, [0x80, 0x80, 0x80, 0x80, ...iota(12, () => 0)]);
  simdTernary(regs, S.i32x4_relaxed_dot_i8x16_i7x16_add_s, 8, 0, 4, 12);
  assert.equal([...regs.slice(8, 12)], [65025, 2, 3, 4]);
  // (1 + 2^-23)² = 1 + 2^-22 + 2^-46: rounding the product first loses 2^-46.
  const x = 1 + 2 ** -23;
  f32.set([x, x, x, x], 0);
  f32.set([-(1 + 2 ** -22), 0, 0, 0], 4);
  simdTernary(regs, S.f32x4_relaxed_madd, 8, 0, 0, 4);
  assert.is(f32[8], 0, 'unfused: fl(fl(a·b) + c)');
});

test('lane access: extract sign/zero-extends, replace copies then writes one lane', () => {
  setBytes(0, iota(16, (i) => 0xf0 + i));
  simdExtract(regs, S.i8x16_extract_lane_s, 8, 0, 1);
  assert.is(regs[8], -15);
  simdExtract(regs, S.i8x16_extract_lane_u, 8, 0, 1);
  assert.is(regs[8], 0xf1);
  regs.set([5, 6], 8);
  simdReplace(regs, S.i64x2_replace_lane, 4, 0, 8, 1);
  assert.equal([...regs.slice(4, 8)], [regs[0], regs[1], 5, 6]);
  simdExtract(regs, S.f64x2_extract_lane, 10, 4, 1);
  assert.equal([...regs.slice(10, 12)], [5, 6]);
});

test('memory: bounds checked before any write, lanes little-endian', () => {
  const mem = new DataView(new ArrayBuffer(32));
  for (let i = 0; i < 32; i++) mem.setUint8(i, i);
  simdLoad(regs, S.v128_load16x4_s, mem, 0, 24);
  assert.equal([...regs.slice(0, 4)], [0x1918, 0x1b1a, 0x1d1c, 0x1f1e]);
  assert.throws(() => simdLoad(regs, S.v128_load16x4_s, mem, 0, 25), (e: unknown) => e instanceof RuntimeError && /out of bounds memory access/.test((e as Error).message));
  simdLoad(regs, S.v128_load8_splat, mem, 0, 31);
  assert.equal(getBytes(0), iota(16, () => 31));
  regs.set([0, 0, 0, 0], 4);
  assert.throws(() => simdLoadLane(regs, S.v128_load64_lane, mem, 4, 0, 25, 1), /out of bounds/);
  assert.equal([...regs.slice(4, 8)], [0, 0, 0, 0], 'a trapping load_lane writes nothing');
  simdLoadLane(regs, S.v128_load32_lane, mem, 4, 4, 0, 3);
  assert.is(regs[7], 0x03020100);
  simdStoreLane(regs, S.v128_store16_lane, mem, 4, 30, 6);
  assert.equal([mem.getUint8(30), mem.getUint8(31)], [0x00, 0x01]);
  assert.throws(() => simdStoreLane(regs, S.v128_store16_lane, mem, 4, 31, 6), /out of bounds/);
});

test('every instruction: writes only its destination, and the same result when it overwrites an operand', () => {
  let seed = 7;
  const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) | 0);
  const run = (fam: Fam, x: S, d: number, a: number, b: number, c: number): void => {
    switch (fam) {
      case Fam.Unary: return simdUnary(regs, x, d, a);
      case Fam.Binary: return simdBinary(regs, x, d, a, b);
      case Fam.Ternary: return simdTernary(regs, x, d, a, b, c);
      case Fam.Extract: return simdExtract(regs, x, d, a, 1);
      case Fam.Replace: return simdReplace(regs, x, d, a, b, 1);
      default: return simdLoadLane(regs, x, new DataView(new ArrayBuffer(16)), d, a, 0, 1);
    }
  };
  for (const [name, [fam, x]] of simdOps) {
    if (fam === Fam.Load || fam === Fam.StoreLane) continue;
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 16; i++) regs[i] = rnd();
      regs[4] &= round < 10 ? 15 : -1; // shift counts: small and large
      const before = regs.slice(0, 16);
      run(fam, x, 12, 0, 4, 8);
      const separate = regs.slice(12, 16);
      assert.equal([...regs.slice(0, 12)], [...before.slice(0, 12)], `${name} wrote outside its destination`);
      regs.set(before);
      run(fam, x, 0, 0, 4, 8);
      const scalar = fam === Fam.Extract || /any_true|all_true|bitmask/.test(name);
      const words = !scalar ? 4 : fam === Fam.Extract && /^[if]64/.test(name) ? 2 : 1;
      assert.equal([...regs.slice(0, words)], [...separate.slice(0, words)], `${name} with d = a`);
      if (fam === Fam.Unary || fam === Fam.Extract) continue;
      regs.set(before);
      run(fam, x, 4, 0, 4, 8);
      if (!/shl|shr/.test(name)) assert.equal([...regs.slice(4, 4 + words)], [...separate.slice(0, words)], `${name} with d = b`);
    }
  }
});

test('boundary: 16 bytes in and out of registers, constants as words', () => {
  const v = Uint8Array.from(iota(16, (i) => i * 3));
  v128ToRegs(regs, 4, v);
  assert.equal([...v128FromRegs(regs, 4)], [...v]);
  assert.equal(v128Words(v), [regs[4], regs[5], regs[6], regs[7]]);
});

test.run();
