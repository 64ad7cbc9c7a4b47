/**
 * The SIMD instructions the interpreter runs inline (ir.ts "Hot SIMD instructions") against the
 * generic handlers of exec/simd.ts, which the spec suite pins: the same Wasm instruction through
 * both paths, on edge and pseudo-random vectors, must give the same bits. Constant shift counts
 * (the `_imm` forms) and folded v128.load addresses are covered here too, since the spec suite
 * mostly passes counts and addresses as parameters.
 */

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RuntimeError } from '../errors.js';
import { instantiate, invoke, type MemoryInst, type ModuleInstance, type RawValue } from '../runtime/index.js';
import { wasm2 } from '../syntax/features.js';
import { parseWat } from '../text/wat.js';
import { validateModule } from '../valid/module.js';
import { dumpIR } from './ir.js';
import { S, simdBinary, simdExtract, simdLoad, simdLoadLane, simdOps, simdStoreLane, simdUnary } from './simd.js';
import { shuffleWordTerms, translateFunc } from './translate.js';

function instance(src: string): ModuleInstance {
  const m = parseWat(src, wasm2);
  validateModule(m, wasm2);
  return instantiate(m, () => undefined);
}

function call(inst: ModuleInstance, name: string, ...args: RawValue[]): RawValue[] {
  const e = inst.exports.get(name);
  if (e?.kind !== 'func') throw new Error(`no function ${name}`);
  return invoke(e.value, args);
}

/** The memory an instance exports as "mem". */
function memoryOf(inst: ModuleInstance): MemoryInst {
  const e = inst.exports.get('mem');
  if (e?.kind !== 'memory') throw new Error('no memory');
  return e.value;
}

/** f32 lanes equal, any NaN matching any NaN (their payloads may differ: spec §4.3.3). */
function sameF32(x: Uint8Array, y: Uint8Array, what: string): void {
  const fx = new Float32Array(x.buffer.slice(0)), fy = new Float32Array(y.buffer.slice(0));
  for (let i = 0; i < 4; i++) {
    if (Number.isNaN(fx[i]) && Number.isNaN(fy[i])) continue;
    assert.is(new Int32Array(fx.buffer)[i], new Int32Array(fy.buffer)[i], `${what} lane ${i}`);
  }
}

/** The IR of every function of a module, disassembled, to check which forms were chosen. */
function irOf(src: string): string {
  const m = parseWat(src, wasm2);
  validateModule(m, wasm2);
  return m.funcs.map((_, i) => dumpIR(translateFunc(m, i).code)).join('\n');
}

/** Deterministic test vectors: edge lanes first, then xorshift32 noise; float NaNs, ±0, ±inf. */
function vectors(): Uint8Array[] {
  const words: number[][] = [
    [0, 0, 0, 0], [-1, -1, -1, -1], [0x80000000, 0x7fffffff, 0x80008000, 0x7fff7fff],
    [0x80808080, 0x7f7f7f7f, 0x00ff00ff, 0xff00ff00], [0x7fc00000, 0xffc00001, 0x7f800000, 0xff800000],
    [0x80000000, 0, 0x3f800000, 0xbf800000], [0x4f000000, 0xcf000001, 0x7fa00001, 0x00000001],
    [0x01000100, 0x00ff0100, 0xffff0001, 0x8000ffff], [0x0000ffff, 0xffff0000, 0x00010000, 0x7fff0100],
    [0x00000100, 0x000000ff, 0x00010000, 0x0000ffff],
  ];
  let x = 0x6c078965;
  for (let n = 0; n < 12; n++) {
    const w: number[] = [];
    for (let i = 0; i < 4; i++) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
      w.push(x);
    }
    words.push(w);
  }
  return words.map((w) => new Uint8Array(Int32Array.from(w).buffer));
}

const regs = new Int32Array(16);
const regBytes = new Uint8Array(regs.buffer);

/** The generic handler's result for `name` on a and b (registers at words 4 and 8, result at 0). */
function reference(name: string, a: Uint8Array, b: Uint8Array | number): Uint8Array {
  const [fam, x] = simdOps.get(name)!;
  regs.fill(0);
  regBytes.set(a, 16);
  if (typeof b === 'number') regs[8] = b;
  else regBytes.set(b, 32);
  if (fam === 0) simdUnary(regs, x, 0, 4);
  else simdBinary(regs, x, 0, 4, 8);
  return regBytes.slice(0, 16);
}

const binaries = [
  'v128.and', 'v128.andnot', 'v128.or', 'v128.xor', 'i8x16.add', 'i8x16.sub', 'i16x8.add', 'i16x8.sub',
  'i16x8.mul', 'i32x4.add', 'i32x4.sub', 'i32x4.mul', 'i32x4.min_s', 'i32x4.min_u', 'i32x4.max_s',
  'i32x4.max_u', 'f32x4.add', 'f32x4.sub', 'f32x4.mul', 'f32x4.div', 'f32x4.min', 'f32x4.max',
  'f64x2.add', 'f64x2.sub', 'f64x2.mul', 'i16x8.narrow_i32x4_u', 'i8x16.narrow_i16x8_u',
  'i16x8.add_sat_s', 'i64x2.add', 'i64x2.mul', 'i8x16.min_u', 'i8x16.max_u',
];
const unaries = ['i32x4.abs', 'f32x4.convert_i32x4_s', 'i32x4.trunc_sat_f32x4_s'];
const shifts = ['i16x8.shl', 'i16x8.shr_s', 'i16x8.shr_u', 'i32x4.shl', 'i32x4.shr_s', 'i32x4.shr_u', 'i64x2.shl', 'i64x2.shr_u'];
const counts = [0, 1, 7, 8, 13, 15, 16, 17, 31, 32, 33, 63, 64, 100, -1];

test('inline lane-wise instructions give the generic handlers\' bits, also into an operand', () => {
  const src = `(module
    ${binaries.map((n) => `(func (export "${n}") (param v128 v128) (result v128) (${n} (local.get 0) (local.get 1)))
      (func (export "${n} in place") (param v128 v128) (result v128) (local.set 0 (${n} (local.get 0) (local.get 1))) (local.get 0))`).join('\n')}
    ${unaries.map((n) => `(func (export "${n}") (param v128) (result v128) (${n} (local.get 0)))`).join('\n')})`;
  const ir = irOf(src);
  for (const n of [...binaries, ...unaries]) assert.ok(ir.includes(` ${n} r`), `${n} runs inline`);
  assert.not.ok(ir.includes('simd_'), 'no generic instruction');
  const inst = instance(src);
  const vs = vectors();
  for (const n of binaries) {
    for (const a of vs) {
      for (const b of vs) {
        const want = reference(n, a, b);
        assert.equal(call(inst, n, a, b)[0], want, n);
        assert.equal(call(inst, `${n} in place`, a, b)[0], want, `${n} in place`);
      }
    }
  }
  for (const n of unaries) for (const a of vs) assert.equal(call(inst, n, a)[0], reference(n, a, a), n);
});

test('shifts by a constant: the count is reduced modulo the lane width, as the generic shifts do', () => {
  const src = `(module ${shifts.map((n) => counts.map((c) =>
    `(func (export "${n} ${c}") (param v128) (result v128) (${n} (local.get 0) (i32.const ${c})))`).join('\n')).join('\n')})`;
  const ir = irOf(src);
  for (const n of shifts) assert.ok(ir.includes(` ${n}_imm r`), `${n} has an immediate form`);
  assert.not.ok(ir.includes('const32'), 'no count register');
  const inst = instance(src);
  for (const n of shifts) {
    for (const c of counts) {
      for (const a of vectors()) assert.equal(call(inst, `${n} ${c}`, a)[0], reference(n, a, c), `${n} by ${c}`);
    }
  }
});

test('splat, extract_lane and i8x16.shuffle move bits exactly; a shuffle may write its operand', () => {
  const inst = instance(`(module
    (func (export "splat") (param f32) (result v128) (f32x4.splat (local.get 0)))
    (func (export "extract") (param v128) (result f32 i32) (f32x4.extract_lane 3 (local.get 0)) (i32x4.extract_lane 1 (local.get 0)))
    (func (export "shuffle") (param v128 v128) (result v128)
      (local.set 0 (i8x16.shuffle 31 0 17 2 19 4 21 6 23 8 25 10 27 12 29 15 (local.get 0) (local.get 1)))
      (local.get 0)))`);
  assert.equal(call(inst, 'splat', 0x7fa00001)[0], new Uint8Array(Int32Array.of(0x7fa00001, 0x7fa00001, 0x7fa00001, 0x7fa00001).buffer));
  const v = new Uint8Array(Int32Array.of(1, 2, 3, 0x7fa00001).buffer);
  assert.equal(call(inst, 'extract', v), [0x7fa00001, 2]);
  const a = Uint8Array.from({ length: 16 }, (_, i) => i), b = Uint8Array.from({ length: 16 }, (_, i) => 16 + i);
  const lanes = [31, 0, 17, 2, 19, 4, 21, 6, 23, 8, 25, 10, 27, 12, 29, 15];
  assert.equal(call(inst, 'shuffle', a, b)[0], Uint8Array.from(lanes));
});

test('extending loads, lane stores and folded v128.load addresses match the generic forms and trap alike', () => {
  const loads = [
    'v128.load8x8_s', 'v128.load8x8_u', 'v128.load16x4_s', 'v128.load16x4_u', 'v128.load32_splat', 'v128.load32_zero',
  ];
  const src = `(module (memory (export "mem") 1)
    ${loads.map((n) => `(func (export "${n}") (param i32) (result v128) (${n} offset=3 (local.get 0)))`).join('\n')}
    (func (export "load32_lane") (param i32 v128) (result v128) (v128.load32_lane offset=2 3 (local.get 0) (local.get 1)))
    (func (export "load32_lane in place") (param i32 v128) (result v128)
      (local.set 1 (v128.load32_lane 0 (local.get 0) (local.get 1))) (local.get 1))
    (func (export "store32_lane") (param i32 v128) (v128.store32_lane offset=1 2 (local.get 0) (local.get 1)))
    (func (export "store64_lane") (param i32 v128) (v128.store64_lane 1 (local.get 0) (local.get 1)))
    (func (export "add") (param i32) (result v128) (v128.load offset=2 (i32.add (local.get 0) (i32.const 16))))
    (func (export "shl_add") (param i32) (result v128) (v128.load (i32.add (i32.shl (local.get 0) (i32.const 4)) (i32.const 32))))
    (func (export "tee") (param i32) (result v128 i32) (local i32)
      (v128.load offset=1 (local.tee 1 (i32.add (local.get 0) (i32.const 8)))) (local.get 1)))`;
  const ir = irOf(src);
  for (const n of [...loads, 'v128.load32_lane', 'v128.store32_lane', 'v128.store64_lane', 'v128.load_add', 'v128.load_tee']) {
    assert.ok(ir.includes(` ${n} r`), `${n} runs inline`);
  }
  const inst = instance(src);
  const memory = memoryOf(inst);
  const mem = { get buf(): ArrayBuffer { return memory.buffer; } };
  const noise = vectors().flatMap((v) => [...v]);
  new Uint8Array(mem.buf).set(noise.slice(0, 200));
  const view = new DataView(mem.buf);
  for (const n of loads) {
    for (const at of [0, 5, 64, 65536 - 11]) {
      regs.fill(0);
      simdLoad(regs, simdOps.get(n)![1], view, 0, at + 3);
      assert.equal(call(inst, n, at)[0], regBytes.slice(0, 16), `${n} at ${at}`);
    }
    assert.throws(() => call(inst, n, 65536 - 6), (e: unknown) => e instanceof RuntimeError);
  }
  const into = vectors()[8];
  for (const [n, offset, lane] of [['load32_lane', 2, 3], ['load32_lane in place', 0, 0]] as const) {
    regs.fill(0);
    regBytes.set(into, 16);
    simdLoadLane(regs, S.v128_load32_lane, view, 0, 4, 9 + offset, lane);
    assert.equal(call(inst, n, 9, into)[0], regBytes.slice(0, 16), n);
    assert.throws(() => call(inst, n, 65536 - 3 - offset, into), (e: unknown) => e instanceof RuntimeError);
  }
  const v = vectors()[9];
  for (const [n, x, lane, offset] of [['store32_lane', S.v128_store32_lane, 2, 1], ['store64_lane', S.v128_store64_lane, 1, 0]] as const) {
    const expected = new Uint8Array(64);
    regs.fill(0);
    regBytes.set(v, 0);
    simdStoreLane(regs, x, new DataView(expected.buffer), 0, 7 + offset, lane);
    new Uint8Array(mem.buf).fill(0, 0, 64);
    call(inst, n, 7, v);
    assert.equal(new Uint8Array(mem.buf).slice(0, 64), expected, n);
    assert.throws(() => call(inst, n, 65536 - 4, v), (e: unknown) => e instanceof RuntimeError);
  }
  const bytesAt = (at: number): Uint8Array => new Uint8Array(mem.buf).slice(at, at + 16);
  assert.equal(call(inst, 'add', 5)[0], bytesAt(23));
  assert.equal(call(inst, 'shl_add', 2)[0], bytesAt(64));
  assert.equal(call(inst, 'tee', 3), [bytesAt(12), 11]);
  assert.throws(() => call(inst, 'add', -17), (e: unknown) => e instanceof RuntimeError, 'the add wraps, the offset does not');
  assert.throws(() => call(inst, 'tee', 65536 - 20), (e: unknown) => e instanceof RuntimeError);
  // The extract handler and the inline extract agree on the lane's bits.
  regs.fill(0);
  regBytes.set(v, 16);
  simdExtract(regs, S.i32x4_extract_lane, 0, 4, 3);
  assert.is(regs[0], new Int32Array(v.buffer)[3]);
});

test('scalar instructions between vector ones (run inside runVector) compute as in run', () => {
  // Loops mixing vector instructions with the scalar ones runVector also runs: copy32, const32,
  // load32, load32_add, i32.add, i32.shl_add_imm, br, br_if, br_unless and the step-and-branch
  // forms (a pair of steps before a step_br_if becomes step3_br_if). Checked against the same loops written in JS.
  const src = `(module (memory (export "mem") 1)
    (func (export "f") (param $p i32) (param $n i32) (result v128) (local $acc v128) (local $i i32) (local $q i32) (local $k i32)
      (local.set $q (local.get $p))
      (loop $l
        (local.set $acc (i32x4.add (local.get $acc) (v128.load (local.get $q))))
        (local.set $k (local.get $i))
        (local.set $acc (i32x4.add (local.get $acc) (i32x4.splat (i32.load (local.get $q)))))
        (local.set $acc (i32x4.add (local.get $acc) (i32x4.splat (i32.add (i32.shl (local.get $k) (i32.const 3)) (i32.const 7)))))
        (local.set $acc (i32x4.add (local.get $acc) (i32x4.splat (i32.add (local.get $k) (local.get $n)))))
        (local.set $acc (i32x4.add (local.get $acc) (i32x4.splat (i32.const 5))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
      (local.get $acc))
    (func (export "g") (param $p i32) (param $n i32) (result v128) (local $acc v128) (local $i i32) (local $q i32) (local $r i32)
      (local.set $q (local.get $p))
      (local.set $i (local.get $n))
      (loop $l
        (local.set $acc (i32x4.add (local.get $acc) (v128.load (local.get $q))))
        (local.set $acc (i32x4.add (local.get $acc) (i32x4.splat (i32.load offset=4 (i32.add (local.get $q) (i32.const 8))))))
        (if (i32.and (local.get $i) (i32.const 1))
          (then (local.set $acc (i32x4.add (local.get $acc) (i32x4.splat (local.get $i)))))
          (else (local.set $acc (i32x4.sub (local.get $acc) (i32x4.splat (local.get $r))))))
        (block $b
          (br_if $b (i32.and (local.get $i) (i32.const 2)))
          (local.set $acc (v128.xor (local.get $acc) (i32x4.splat (local.get $q)))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (local.set $r (i32.add (local.get $r) (i32.const 3)))
        (br_if $l (local.tee $i (i32.add (local.get $i) (i32.const -1)))))
      (local.get $acc))
    (func (export "h") (param $p i32) (param $n i32) (result v128) (local $acc v128) (local $i i32)
      (loop $l
        (local.set $acc (i32x4.add (local.get $acc) (v128.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 4))))))
        (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 8))))
      (loop $m
        (local.set $acc (i32x4.mul (local.get $acc) (v128.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 4))))))
        (br_if $m (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
      (local.get $acc)))`;
  const ir = irOf(src);
  for (const n of ['copy32', 'const32', 'load32', 'load32_add', 'i32.add', 'step3_br_if', 'i32.shl_add_imm', 'br', 'br_if',
    'br_unless', 'step3_br_if', 'step3_br_ne', 'step_br_ne_imm', 'step_br_lt_u']) {
    assert.ok(ir.includes(` ${n} `), `${n} is used`);
  }
  const inst = instance(src);
  const memory = memoryOf(inst);
  const words = new Int32Array(memory.buffer, 0, 1024);
  let x = 0x2545f491;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    words[i] = x;
  }
  const p = 64, w = (at: number): number => words[at >> 2];
  const bytes = (acc: number[]): Uint8Array => new Uint8Array(Int32Array.from(acc).buffer);
  const addAll = (acc: number[], f: (j: number) => number): void => {
    for (let j = 0; j < 4; j++) acc[j] = (acc[j] + f(j)) | 0;
  };
  for (const n of [1, 2, 7, 13]) {
    let acc = [0, 0, 0, 0];
    for (let i = 0, q = p; i < n; i++, q += 16) {
      addAll(acc, (j) => w(q + 4 * j));
      addAll(acc, () => w(q) + i * 8 + 7 + i + n + 5);
    }
    assert.equal(call(inst, 'f', p, n)[0], bytes(acc), `f ${n}`);
    acc = [0, 0, 0, 0];
    for (let i = n, q = p, r = 0; i !== 0; i--, q += 16, r += 3) {
      addAll(acc, (j) => w(q + 4 * j));
      addAll(acc, () => w(q + 12));
      addAll(acc, () => (i & 1 ? i : -r));
      if (!(i & 2)) acc = acc.map((a) => a ^ q);
    }
    assert.equal(call(inst, 'g', p, n)[0], bytes(acc), `g ${n}`);
    acc = [0, 0, 0, 0];
    let i = 0;
    do addAll(acc, (j) => w(p + 16 * i + 4 * j)); while (++i !== 8);
    do acc = acc.map((a, j) => Math.imul(a, w(p + 16 * i + 4 * j))); while (++i < n + 8);
    assert.equal(call(inst, 'h', p, n + 8)[0], bytes(acc), `h ${n}`);
  }
});

test('i8x16.shuffle by word terms (i8x16.shuffle_w) moves the bytes i8x16.shuffle does, also into an operand', () => {
  // Patterns of compiled code (each word needs at most two terms) and pseudo-random ones (mostly
  // more, then the byte form runs); every shuffle is checked byte by byte, written to a fresh
  // register and to its first operand.
  const patterns: number[][] = [
    [0, 17, 18, 19, 1, 21, 22, 23, 2, 25, 26, 27, 3, 29, 30, 31], [0, 1, 4, 5, 8, 9, 12, 13, 0, 0, 0, 0, 0, 0, 0, 0],
    [15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0], [8, 9, 10, 11, 12, 13, 14, 15, 0, 0, 0, 0, 0, 0, 0, 0],
    [4, 5, 6, 7, 16, 17, 18, 19, 31, 30, 29, 28, 5, 5, 5, 5], [1, 2, 3, 16, 5, 6, 7, 20, 9, 10, 11, 24, 13, 14, 15, 28],
    [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15], [3, 3, 19, 19, 7, 23, 7, 23, 0, 1, 0, 1, 30, 31, 30, 31],
    // i16x8.pack_lo (as pattern 1) of b, and of a's word 3 and b's words 0–2 (consecutive words).
    [16, 17, 20, 21, 24, 25, 28, 29, 16, 16, 16, 16, 16, 16, 16, 16], [12, 13, 16, 17, 20, 21, 24, 25, 12, 12, 12, 12, 12, 12, 12, 12],
  ];
  let x = 0x1234567;
  for (let n = 0; n < 40; n++) {
    patterns.push(Array.from({ length: 16 }, () => {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
      return (x >>> 0) % 32;
    }));
  }
  const src = `(module ${patterns.map((l, i) => `
    (func (export "s${i}") (param v128 v128) (result v128) (i8x16.shuffle ${l.join(' ')} (local.get 0) (local.get 1)))
    (func (export "t${i}") (param v128 v128) (result v128)
      (local.set 0 (i8x16.shuffle ${l.join(' ')} (local.get 0) (local.get 1))) (local.get 0))`).join('')})`;
  const ir = irOf(src);
  assert.ok(ir.includes(' i8x16.shuffle_w r'), 'the word form is chosen');
  assert.ok(ir.includes(' i8x16.shuffle r'), 'the byte form is kept for the others');
  assert.is(ir.split(' i16x8.pack_lo r').length - 1, 6, 'low half-words gathered: i16x8.pack_lo (patterns 1, 8, 9)');
  const inst = instance(src);
  const vs = vectors();
  patterns.forEach((lanes, i) => {
    for (let k = 0; k + 1 < vs.length; k += 3) {
      const a = vs[k], b = vs[k + 1];
      const expected = Uint8Array.from(lanes, (j) => (j < 16 ? a[j] : b[j - 16]));
      assert.equal(call(inst, `s${i}`, a, b)[0], expected, `shuffle ${lanes}`);
      assert.equal(call(inst, `t${i}`, a, b)[0], expected, `shuffle ${lanes} into its operand`);
    }
  });
  // The operands in place: shuffle_w terms are [w, r, …] of register words, 2 a word.
  const words = shuffleWordTerms(patterns[0].map((j) => [(j < 16 ? 10 : 20) + ((j & 15) >> 2), j & 3]));
  assert.ok(words !== null && words.length === 8);
  assert.is(shuffleWordTerms(patterns[6].map((j) => [(j < 16 ? 10 : 20) + ((j & 15) >> 2), j & 3])), null, 'a transpose needs four terms a word');
});

test('a v128 local known to hold zero: shuffles with it (i8x16.shuffle_w4 / _w, i32x4.widen8_u) give the bytes i8x16.shuffle does', () => {
  // z1: zero written just before; z2: written before a loop that does not write it; z3: used at
  // the top of a loop that overwrites it at the bottom (zero only in the first iteration); z4:
  // overwritten in an `if` arm (zero only when the arm did not run).
  const zx = '16 1 2 3 17 5 6 7 18 9 10 11 19 13 14 15', zx1 = '20 1 2 3 21 5 6 7 22 9 10 11 23 13 14 15';
  const rx = '19 1 2 3 18 5 6 7 17 9 10 11 16 13 14 15', il = '0 17 1 19 2 21 3 23 4 25 5 27 6 29 7 31';
  const src = `(module
    (func (export "z1") (param v128 v128 i32) (result v128) (local v128)
      (local.set 3 (v128.const i32x4 0 0 0 0))
      (i8x16.shuffle ${zx} (local.get 3) (local.get 1)))
    (func (export "z2") (param v128 v128 i32) (result v128) (local v128 v128)
      (local.set 3 (v128.const i32x4 0 0 0 0))
      (loop
        (local.set 4 (i8x16.shuffle ${il} (local.get 0) (local.get 3)))
        (br_if 0 (local.tee 2 (i32.sub (local.get 2) (i32.const 1)))))
      (local.get 4))
    (func (export "z3") (param v128 v128 i32) (result v128) (local v128 v128)
      (local.set 3 (v128.const i32x4 0 0 0 0))
      (loop
        (local.set 4 (i8x16.shuffle ${zx} (local.get 3) (local.get 1)))
        (local.set 3 (local.get 0))
        (br_if 0 (local.tee 2 (i32.sub (local.get 2) (i32.const 1)))))
      (local.get 4))
    (func (export "z4") (param v128 v128 i32) (result v128) (local v128)
      (local.set 3 (v128.const i32x4 0 0 0 0))
      (if (local.get 2) (then (local.set 3 (local.get 0))))
      (i8x16.shuffle ${zx} (local.get 3) (local.get 1)))
    (func (export "z5") (param v128 v128 i32) (result v128) (local v128)
      (local.set 3 (v128.const i32x4 0 0 0 0))
      (i8x16.shuffle ${rx} (local.get 3) (local.get 1)))
    (func (export "z6") (param v128 v128 i32) (result v128) (local v128)
      (local.set 3 (v128.const i32x4 0 0 0 0))
      (i8x16.shuffle ${zx1} (local.get 3) (local.get 1))))`;
  const ir = irOf(src);
  // z1 and z6 zero-extend the bytes of one word (i32x4.widen8_u), z5 in reverse order.
  assert.is(ir.split(' i32x4.widen8_u r').length - 1, 2, 'z1 and z6 widen bytes');
  assert.is(ir.split(' i8x16.shuffle_w4 r').length - 1, 1, 'z5 has one term a word');
  assert.is(ir.split(' i16x8.widen8_u r').length - 1, 1, 'z2 zero-extends bytes 0–7 to 16-bit lanes');
  assert.is(ir.split(' i8x16.shuffle_w r').length - 1, 2, 'the others keep the zero vector\'s terms');
  const inst = instance(src);
  const shuffle = (lanes: string, a: Uint8Array, b: Uint8Array): Uint8Array =>
    Uint8Array.from(lanes.split(' ').map(Number), (j) => (j < 16 ? a[j] : b[j - 16]));
  const zero = new Uint8Array(16), vs = vectors();
  for (let k = 0; k + 1 < vs.length; k += 2) {
    const a = vs[k], b = vs[k + 1];
    assert.equal(call(inst, 'z1', a, b, 0)[0], shuffle(zx, zero, b), 'z1');
    assert.equal(call(inst, 'z2', a, b, 3)[0], shuffle(il, a, zero), 'z2');
    assert.equal(call(inst, 'z3', a, b, 1)[0], shuffle(zx, zero, b), 'z3, one iteration');
    assert.equal(call(inst, 'z3', a, b, 2)[0], shuffle(zx, a, b), 'z3, two iterations');
    assert.equal(call(inst, 'z4', a, b, 0)[0], shuffle(zx, zero, b), 'z4, arm not run');
    assert.equal(call(inst, 'z4', a, b, 1)[0], shuffle(zx, a, b), 'z4, arm run');
    assert.equal(call(inst, 'z5', a, b, 0)[0], shuffle(rx, zero, b), 'z5');
    assert.equal(call(inst, 'z6', a, b, 0)[0], shuffle(zx1, zero, b), 'z6');
  }
});

test('a lane store of a shuffle (v128.store32_shuffle / _64) writes what the shuffle and the store do, and traps alike', () => {
  const patterns = [
    [0, 4, 8, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 1, 4, 5, 8, 9, 12, 13, 16, 17, 20, 21, 24, 25, 28, 29],
    [31, 0, 17, 2, 19, 4, 21, 6, 23, 8, 25, 10, 27, 12, 29, 15], [15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    [3, 7, 11, 15, 19, 23, 27, 31, 2, 6, 10, 14, 18, 22, 26, 30],
    // Narrowings (v128.store8x4_narrow / store16x4_narrow): half-words at bit 16, bytes at bit 8
    // and 16; then four bytes from a's word 3 and b's words 0–2 (consecutive register words).
    [2, 3, 6, 7, 10, 11, 14, 15, 1, 5, 9, 13, 18, 22, 26, 30], [12, 16, 20, 24, 13, 17, 21, 25, 0, 0, 0, 0, 0, 0, 0, 0],
  ];
  const forms: string[] = [];
  patterns.forEach((l, i) => {
    for (const [bits, lanes] of [[32, 4], [64, 2]] as const) {
      for (let lane = 0; lane < lanes; lane++) {
        const sh = `(i8x16.shuffle ${l.join(' ')} (local.get 1) (local.get 2))`;
        forms.push(`
          (func (export "f${i}_${bits}_${lane}") (param i32 v128 v128) (v128.store${bits}_lane offset=1 ${lane} (i32.add (local.get 0) (i32.const 7)) ${sh}))
          (func (export "g${i}_${bits}_${lane}") (param i32 v128 v128) (local v128) (v128.store${bits}_lane offset=1 ${lane} (i32.add (local.get 0) (i32.const 7)) (local.tee 3 ${sh})))`);
      }
    }
  });
  const src = `(module (memory (export "mem") 1) ${forms.join('')})`;
  const ir = irOf(src);
  assert.ok(ir.includes(' v128.store32_shuffle r') && ir.includes(' v128.store64_shuffle r'), 'the fused forms are chosen');
  for (const k of [0, 8, 16, 24]) assert.ok(ir.includes(` v128.store8x4_narrow r0, 0, 7, 1, r1, ${k}`), `narrowing to bytes at bit ${k}`);
  for (const k of [0, 16]) assert.ok(ir.includes(` v128.store16x4_narrow r0, 0, 7, 1, r1, ${k}`), `narrowing to half-words at bit ${k}`);
  assert.ok(ir.includes(' v128.store8x4_narrow r0, 0, 7, 1, r2.5, 0') && ir.includes(' v128.store16x4_narrow r0, 0, 7, 1, r3, 0'), 'b and across a and b');
  const inst = instance(src);
  const memory = memoryOf(inst);
  const bytes = (): Uint8Array => new Uint8Array(memory.buffer);
  const vs = vectors();
  patterns.forEach((_, i) => {
    for (const [bits, lanes] of [[32, 4], [64, 2]] as const) {
      for (let lane = 0; lane < lanes; lane++) {
        for (const at of [0, 5, 65536 - 8 - bits / 8, 65536 - 7 - bits / 8]) {
          const a = vs[(i + lane) % vs.length], b = vs[(i + 2 * lane + 3) % vs.length];
          const ok = at + 8 + bits / 8 <= 65536;
          const results: Uint8Array[] = [];
          for (const f of ['g', 'f']) {
            bytes().fill(0x5a);
            if (ok) call(inst, `${f}${i}_${bits}_${lane}`, at, a, b);
            else assert.throws(() => call(inst, `${f}${i}_${bits}_${lane}`, at, a, b), (x: unknown) => x instanceof RuntimeError);
            results.push(bytes().slice());
          }
          assert.equal(results[1], results[0], `pattern ${i}, store${bits}_lane ${lane} at ${at}`);
        }
      }
    }
  });
});

test('v128.load32_shuffle (a shuffle of a loaded word splatted), v128.load8x4_u, i32x4.abs_sub and i32x4.abs_sub_load8x4_u give the bytes of the unfused forms, and trap alike', () => {
  // a: the zero local, b: the splatted word; zero-extended bytes, half-words, a byte splat, and
  // a shuffle of the word alone; each also at an address whose load traps.
  const patterns = [
    [16, 1, 2, 3, 17, 5, 6, 7, 18, 9, 10, 11, 19, 13, 14, 15], [16, 17, 2, 3, 18, 19, 6, 7, 20, 21, 10, 11, 22, 23, 14, 15],
    [19, 19, 19, 19, 18, 18, 18, 18, 17, 17, 17, 17, 16, 16, 16, 16], [17, 18, 19, 16, 21, 22, 23, 20, 25, 26, 27, 24, 29, 30, 31, 28],
  ];
  const src = `(module (memory (export "mem") 1)
    ${patterns.map((l, i) => `(func (export "s${i}") (param i32) (result v128) (local v128)
      (local.set 1 (v128.const i32x4 0 0 0 0))
      (i8x16.shuffle ${l.join(' ')} (local.get 1) (i32x4.splat (i32.load offset=1 (i32.add (local.get 0) (i32.const 2))))))`).join('\n')}
    (func (export "abs_sub") (param v128 v128) (result v128) (i32x4.abs (i32x4.sub (local.get 0) (local.get 1))))
    (func (export "sad r") (param i32 v128) (result v128) (local v128)
      (local.set 2 (v128.const i32x4 0 0 0 0))
      (i32x4.abs (i32x4.sub (local.get 1) (i8x16.shuffle ${patterns[0].join(' ')} (local.get 2) (i32x4.splat (i32.load offset=1 (local.get 0)))))))
    (func (export "sad l") (param i32 v128) (result v128) (local v128)
      (local.set 2 (v128.const i32x4 0 0 0 0))
      (i32x4.abs (i32x4.sub (i8x16.shuffle ${patterns[0].join(' ')} (local.get 2) (i32x4.splat (i32.load offset=1 (local.get 0)))) (local.get 1))))
    (func (export "sad unfused") (param i32 v128) (result v128) (local v128 v128)
      (local.set 2 (v128.const i32x4 0 0 0 0))
      (local.set 3 (i8x16.shuffle ${patterns[0].join(' ')} (local.get 2) (i32x4.splat (i32.load offset=1 (local.get 0)))))
      (i32x4.abs (i32x4.sub (local.get 1) (local.get 3)))))`;
  const ir = irOf(src);
  // The first (bytes zero-extended to words) is v128.load8x4_u.
  assert.is(ir.split(' v128.load32_shuffle r').length - 1, patterns.length - 1, 'every shuffle takes its load in');
  assert.is(ir.split(' v128.load8x4_u r').length - 1, 2, 'bytes zero-extended: v128.load8x4_u');
  assert.is(ir.split(' i32x4.abs_sub_load8x4_u r').length - 1, 2, 'either operand of abs_sub');
  assert.ok(ir.includes(' i32x4.abs_sub r'), 'abs of sub is one instruction');
  const inst = instance(src);
  const memory = memoryOf(inst);
  const mem = new Uint8Array(memory.buffer);
  mem.set(vectors().flatMap((v) => [...v]).slice(0, 256));
  patterns.forEach((lanes, i) => {
    for (const at of [0, 7, 61, 65536 - 7]) {
      const word = mem.slice(at + 3, at + 7), b = Uint8Array.from({ length: 16 }, (_, k) => word[k & 3]);
      assert.equal(call(inst, `s${i}`, at)[0], Uint8Array.from(lanes, (j) => (j < 16 ? 0 : b[j - 16])), `pattern ${i} at ${at}`);
    }
    assert.throws(() => call(inst, `s${i}`, 65536 - 6), (x: unknown) => x instanceof RuntimeError);
    assert.throws(() => call(inst, `s${i}`, -3), (x: unknown) => x instanceof RuntimeError);
  });
  const vs = vectors();
  for (const a of vs) {
    for (const b of vs) {
      const want = reference('i32x4.abs', reference('i32x4.sub', a, b), 0);
      assert.equal(call(inst, 'abs_sub', a, b)[0], want, 'abs_sub');
    }
    for (const at of [0, 7, 61, 65536 - 5]) {
      const want = call(inst, 'sad unfused', at, a)[0];
      assert.equal(call(inst, 'sad r', at, a)[0], want, `abs_sub_load8x4_u at ${at}`);
      assert.equal(call(inst, 'sad l', at, a)[0], want, `abs_sub_load8x4_u, load on the left, at ${at}`);
    }
  }
  for (const f of ['sad r', 'sad l', 'sad unfused']) {
    for (const at of [65536 - 4, -2]) assert.throws(() => call(inst, f, at, vs[0]), (x: unknown) => x instanceof RuntimeError, `${f} at ${at}`);
  }
});

test('a shuffle of a vector just shifted by whole bytes picks the bytes from the unshifted vector', () => {
  // i32x4.shr_u / shl by 8, 16, 24 (and 13, which stays a shift) into either operand, with
  // patterns of compiled code and pseudo-random ones (zeros shifted in are picked, and some need
  // the byte form, where the shift then stays).
  const patterns: number[][] = [
    [0, 4, 8, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 1, 4, 5, 8, 9, 12, 13, 0, 0, 0, 0, 0, 0, 0, 0],
    [3, 7, 11, 15, 19, 23, 27, 31, 1, 5, 9, 13, 17, 21, 25, 29], [16, 1, 2, 3, 17, 5, 6, 7, 18, 9, 10, 11, 19, 13, 14, 15],
  ];
  let r = 0x2545f491;
  for (let n = 0; n < 12; n++) {
    patterns.push(Array.from({ length: 16 }, () => {
      r ^= r << 13; r ^= r >>> 17; r ^= r << 5;
      return (r >>> 0) % 32;
    }));
  }
  const shifts = [['shr_u', 8], ['shr_u', 16], ['shr_u', 24], ['shl', 8], ['shl', 24], ['shr_u', 13]] as const;
  const funcs: string[] = [];
  patterns.forEach((l, i) => shifts.forEach(([op, k], s) => {
    funcs.push(`(func (export "a${i}_${s}") (param v128 v128) (result v128) (i8x16.shuffle ${l.join(' ')} (local.get 1) (i32x4.${op} (local.get 0) (i32.const ${k}))))`);
    funcs.push(`(func (export "b${i}_${s}") (param v128 v128) (result v128) (i8x16.shuffle ${l.join(' ')} (i32x4.${op} (local.get 0) (i32.const ${k})) (local.get 1)))`);
  }));
  const src = `(module ${funcs.join('\n')})`;
  const ir = irOf(src);
  const left = ir.split(' i32x4.shr_u_imm r').length - 1 + ir.split(' i32x4.shl_imm r').length - 1;
  assert.ok(left >= 2 * patterns.length && left <= 12 * patterns.length - 24, `shifts by whole bytes are folded (${left} left)`);
  const inst = instance(src);
  const vs = vectors();
  const shifted = (v: Uint8Array, op: string, k: number): Uint8Array => {
    const w = new Int32Array(v.buffer.slice(0));
    return new Uint8Array(w.map((x) => (op === 'shl' ? x << k : x >>> k)).buffer);
  };
  patterns.forEach((lanes, i) => shifts.forEach(([op, k], s) => {
    for (let n = 0; n + 1 < vs.length; n += 4) {
      const x = vs[n], y = vs[n + 1], sx = shifted(x, op, k);
      assert.equal(call(inst, `a${i}_${s}`, x, y)[0], Uint8Array.from(lanes, (j) => (j < 16 ? y[j] : sx[j - 16])), `a ${lanes} ${op} ${k}`);
      assert.equal(call(inst, `b${i}_${s}`, x, y)[0], Uint8Array.from(lanes, (j) => (j < 16 ? sx[j] : y[j - 16])), `b ${lanes} ${op} ${k}`);
    }
  }));
});

test('v128.store through a folded address (v128.store_add, v128.store_idx) writes where v128.store does and traps alike', () => {
  const src = `(module (memory (export "mem") 1)
    (func (export "add") (param i32 v128) (v128.store offset=3 (i32.add (local.get 0) (i32.const 16)) (local.get 1)))
    (func (export "shl_add") (param i32 v128) (v128.store (i32.add (i32.shl (local.get 0) (i32.const 4)) (i32.const -32)) (local.get 1)))
    (func (export "idx") (param i32 i32 v128) (v128.store offset=1 (i32.add (local.get 0) (local.get 1)) (local.get 2))))`;
  const ir = irOf(src);
  assert.ok(ir.includes(' v128.store_add r') && ir.includes(' v128.store_idx r'));
  const inst = instance(src);
  const memory = memoryOf(inst);
  const mem = (): Uint8Array => new Uint8Array(memory.buffer);
  const v = vectors()[10];
  const storedAt = (at: number, f: () => void): void => {
    mem().fill(0);
    f();
    const expected = new Uint8Array(65536);
    expected.set(v, at);
    assert.equal(mem(), expected, `stored at ${at}`);
  };
  storedAt(5 + 16 + 3, () => call(inst, 'add', 5, v));
  storedAt(65536 - 16, () => call(inst, 'add', 65536 - 35, v));
  storedAt(3 * 16 - 32, () => call(inst, 'shl_add', 3, v));
  storedAt(100 + 7 + 1, () => call(inst, 'idx', 100, 7, v));
  storedAt(9, () => call(inst, 'idx', -2, 10, v));
  const traps = (f: () => void): void => assert.throws(f, (x: unknown) => x instanceof RuntimeError);
  traps(() => call(inst, 'add', 65536 - 34, v));
  traps(() => call(inst, 'add', -17, v)); // the add wraps to -1, the offset does not
  traps(() => call(inst, 'shl_add', 1, v));
  traps(() => call(inst, 'idx', 65536 - 16, 0, v));
});

test('fused vector arithmetic (f32x4.mul_add, i32x4.mul_add, f32x4.mul_load_add, f32x4.mul_load_add_add) computes what the unfused pair does', () => {
  // The unfused twins put the inner result into a local first, which keeps the two instructions.
  const src = `(module (memory (export "mem") 1)
    (func (export "f32 ma") (param v128 v128 v128) (result v128) (f32x4.add (local.get 0) (f32x4.mul (local.get 1) (local.get 2))))
    (func (export "f32 am") (param v128 v128 v128) (result v128) (f32x4.add (f32x4.mul (local.get 1) (local.get 2)) (local.get 0)))
    (func (export "f32 ma unfused") (param v128 v128 v128) (result v128) (local v128)
      (local.set 3 (f32x4.mul (local.get 1) (local.get 2))) (f32x4.add (local.get 0) (local.get 3)))
    (func (export "i32 ma") (param v128 v128 v128) (result v128) (i32x4.add (i32x4.mul (local.get 1) (local.get 2)) (local.get 0)))
    (func (export "i32 ma unfused") (param v128 v128 v128) (result v128) (local v128)
      (local.set 3 (i32x4.mul (local.get 1) (local.get 2))) (i32x4.add (local.get 0) (local.get 3)))
    (func (export "ml") (param v128 i32) (result v128) (f32x4.mul (local.get 0) (v128.load offset=4 (i32.add (local.get 1) (i32.const 16)))))
    (func (export "ml unfused") (param v128 i32) (result v128) (local v128)
      (local.set 2 (v128.load offset=4 (i32.add (local.get 1) (i32.const 16)))) (f32x4.mul (local.get 0) (local.get 2)))
    (func (export "mla") (param v128 i32 v128) (result v128)
      (f32x4.add (local.get 2) (f32x4.mul (local.get 0) (v128.load offset=4 (i32.add (local.get 1) (i32.const 16))))))
    (func (export "mla plain") (param v128 i32 v128) (result v128)
      (f32x4.add (f32x4.mul (v128.load offset=20 (local.get 1)) (local.get 0)) (local.get 2)))
    (func (export "mla unfused") (param v128 i32 v128) (result v128) (local v128)
      (local.set 3 (f32x4.mul (local.get 0) (v128.load offset=4 (i32.add (local.get 1) (i32.const 16)))))
      (f32x4.add (local.get 2) (local.get 3))))`;
  const ir = irOf(src);
  assert.is(ir.split(' f32x4.mul_add r').length - 1, 2);
  assert.is(ir.split(' i32x4.mul_add r').length - 1, 1);
  assert.is(ir.split(' f32x4.mul_load_add r').length - 1, 2);
  assert.is(ir.split(' f32x4.mul_load_add_add r').length - 1, 2);
  const inst = instance(src);
  const memory = memoryOf(inst);
  const vs = vectors();
  new Uint8Array(memory.buffer).set(vs.flatMap((v) => [...v]));
  for (let i = 0; i + 2 < vs.length; i++) {
    const [a, b, c] = [vs[i], vs[i + 1], vs[(i * 7) % vs.length]];
    const want = call(inst, 'f32 ma unfused', a, b, c)[0] as Uint8Array;
    sameF32(call(inst, 'f32 ma', a, b, c)[0] as Uint8Array, want, 'f32x4.mul_add');
    sameF32(call(inst, 'f32 am', a, b, c)[0] as Uint8Array, want, 'f32x4.mul_add, product on the left');
    assert.equal(call(inst, 'i32 ma', a, b, c)[0], call(inst, 'i32 ma unfused', a, b, c)[0], 'i32x4.mul_add');
    for (const at of [0, 3, 100, 65536 - 36]) {
      sameF32(call(inst, 'ml', a, at)[0] as Uint8Array, call(inst, 'ml unfused', a, at)[0] as Uint8Array, `f32x4.mul_load_add at ${at}`);
      const mla = call(inst, 'mla unfused', a, at, c)[0] as Uint8Array;
      sameF32(call(inst, 'mla', a, at, c)[0] as Uint8Array, mla, `f32x4.mul_load_add_add at ${at}`);
      sameF32(call(inst, 'mla plain', a, at, c)[0] as Uint8Array, mla, `f32x4.mul_load_add_add of a plain load at ${at}`);
    }
  }
  assert.throws(() => call(inst, 'ml', vs[0], 65536 - 35), (x: unknown) => x instanceof RuntimeError);
  assert.throws(() => call(inst, 'ml', vs[0], -17), (x: unknown) => x instanceof RuntimeError);
  for (const f of ['mla', 'mla plain']) {
    assert.throws(() => call(inst, f, vs[0], 65536 - 35, vs[1]), (x: unknown) => x instanceof RuntimeError);
    assert.throws(() => call(inst, f, vs[0], -17, vs[1]), (x: unknown) => x instanceof RuntimeError);
  }
});

test('i32x4.add3, i32x4.mul_load16x4_s_add, i32x4.trunc_sat_mul_load_add, f32x4.mul_load_tee and f32x4.mul_convert_load_add compute what the unfused pairs do', () => {
  // Each f has a twin g that puts the inner result into a local first (no fusion).
  const pairs: [string, string, string][] = [
    ['add3', '(i32x4.add (local.get 1) (i32x4.add (local.get 2) (local.get 1)))', '(i32x4.add (local.get 2) (local.get 1))'],
    ['mul16', '(i32x4.mul (local.get 1) (v128.load16x4_s offset=2 (i32.add (local.get 0) (i32.const 8))))',
      '(v128.load16x4_s offset=2 (i32.add (local.get 0) (i32.const 8)))'],
    ['mul16 plain', '(i32x4.mul (v128.load16x4_s offset=10 (local.get 0)) (local.get 1))', '(v128.load16x4_s offset=10 (local.get 0))'],
    ['trunc', '(i32x4.trunc_sat_f32x4_s (f32x4.mul (local.get 2) (v128.load offset=4 (local.get 0))))',
      '(f32x4.mul (local.get 2) (v128.load offset=4 (local.get 0)))'],
    ['tee', '(f32x4.mul (v128.load offset=16 (local.tee 3 (i32.add (local.get 0) (i32.const 32)))) (local.get 1))',
      '(v128.load offset=16 (local.tee 3 (i32.add (local.get 0) (i32.const 32))))'],
    ['convert', '(f32x4.mul (local.get 1) (f32x4.convert_i32x4_s (v128.load offset=16 (i32.add (local.get 0) (i32.const 32)))))',
      '(f32x4.convert_i32x4_s (v128.load offset=16 (i32.add (local.get 0) (i32.const 32))))'],
    ['convert plain', '(f32x4.mul (f32x4.convert_i32x4_s (v128.load offset=48 (local.get 0))) (local.get 1))',
      '(f32x4.convert_i32x4_s (v128.load offset=48 (local.get 0)))'],
  ];
  const outer: Record<string, (x: string) => string> = {
    add3: (x) => `(i32x4.add (local.get 1) ${x})`, mul16: (x) => `(i32x4.mul (local.get 1) ${x})`,
    'mul16 plain': (x) => `(i32x4.mul ${x} (local.get 1))`, trunc: (x) => `(i32x4.trunc_sat_f32x4_s ${x})`,
    tee: (x) => `(f32x4.mul ${x} (local.get 1))`, convert: (x) => `(f32x4.mul (local.get 1) ${x})`,
    'convert plain': (x) => `(f32x4.mul ${x} (local.get 1))`,
  };
  const src = `(module (memory (export "mem") 1)
    ${pairs.map(([n, fused, inner]) => `
    (func (export "f ${n}") (param i32 v128 v128) (result v128 i32) (local i32 v128) ${fused} (local.get 3))
    (func (export "g ${n}") (param i32 v128 v128) (result v128 i32) (local i32 v128)
      (local.set 4 ${inner}) ${outer[n]('(local.get 4)')} (local.get 3))`).join('')})`;
  const ir = irOf(src);
  for (const n of ['i32x4.add3', 'i32x4.mul_load16x4_s_add', 'i32x4.trunc_sat_mul_load_add', 'f32x4.mul_load_tee', 'f32x4.mul_convert_load_add']) {
    assert.ok(ir.includes(` ${n} r`), n);
  }
  const inst = instance(src);
  const memory = memoryOf(inst);
  const vs = vectors();
  new Uint8Array(memory.buffer).set(vs.flatMap((v) => [...v]));
  for (const [n] of pairs) {
    for (let k = 0; k + 1 < vs.length; k++) {
      for (const at of [0, 5, 100, 65536 - 64]) {
        assert.equal(call(inst, `f ${n}`, at, vs[k], vs[k + 1]), call(inst, `g ${n}`, at, vs[k], vs[k + 1]), `${n} at ${at}`);
      }
    }
    if (n === 'add3') continue;
    for (const at of [65536 - 9, -40]) {
      assert.throws(() => call(inst, `f ${n}`, at, vs[0], vs[1]), (x: unknown) => x instanceof RuntimeError, `${n} at ${at}`);
    }
  }
});

test('i64x2.mul_load_add and i64x2.mul_load_add_add compute what the unfused pairs do, and trap alike', () => {
  // The unfused twins put the load or the product into a local first (no fusion).
  const src = `(module (memory (export "mem") 1)
    (func (export "ml") (param v128 i32) (result v128) (i64x2.mul (local.get 0) (v128.load offset=4 (i32.add (local.get 1) (i32.const 16)))))
    (func (export "ml unfused") (param v128 i32) (result v128) (local v128)
      (local.set 2 (v128.load offset=4 (i32.add (local.get 1) (i32.const 16)))) (i64x2.mul (local.get 0) (local.get 2)))
    (func (export "mla") (param v128 i32 v128) (result v128)
      (i64x2.add (local.get 2) (i64x2.mul (v128.load offset=20 (local.get 1)) (local.get 0))))
    (func (export "mla into") (param v128 i32 v128) (result v128)
      (local.set 0 (i64x2.add (local.get 0) (i64x2.mul (local.get 0) (v128.load offset=20 (local.get 1))))) (local.get 0))
    (func (export "mla unfused") (param v128 i32 v128) (result v128) (local v128)
      (local.set 3 (i64x2.mul (v128.load offset=20 (local.get 1)) (local.get 0))) (i64x2.add (local.get 2) (local.get 3))))`;
  const ir = irOf(src);
  assert.is(ir.split(' i64x2.mul_load_add r').length - 1, 2); // ml, and mla unfused's product
  assert.is(ir.split(' i64x2.mul_load_add_add r').length - 1, 2);
  const inst = instance(src);
  const memory = memoryOf(inst);
  const vs = vectors();
  new Uint8Array(memory.buffer).set(vs.flatMap((v) => [...v]));
  for (let i = 0; i + 1 < vs.length; i++) {
    const [a, c] = [vs[i], vs[(i * 7 + 3) % vs.length]];
    for (const at of [0, 3, 100, 65536 - 36]) {
      assert.equal(call(inst, 'ml', a, at), call(inst, 'ml unfused', a, at), `i64x2.mul_load_add at ${at}`);
      const want = call(inst, 'mla unfused', a, at, c);
      assert.equal(call(inst, 'mla', a, at, c), want, `i64x2.mul_load_add_add at ${at}`);
      assert.equal(call(inst, 'mla into', a, at, a), call(inst, 'mla unfused', a, at, a), `i64x2.mul_load_add_add into its operand at ${at}`);
    }
  }
  for (const at of [65536 - 35, -17]) {
    assert.throws(() => call(inst, 'ml', vs[0], at), (x: unknown) => x instanceof RuntimeError, `i64x2.mul_load_add at ${at}`);
    assert.throws(() => call(inst, 'mla', vs[0], at, vs[1]), (x: unknown) => x instanceof RuntimeError, `i64x2.mul_load_add_add at ${at}`);
  }
});

test('a constant moved before the producer it is fused with: the same results as unfused', () => {
  // f: the three cases of the golden test in translate.test.ts; g: the same through locals
  // (nothing fuses); compared on every pair of test vectors, in a loop (where the constants are
  // hoisted out) and outside one.
  const body = (fused: boolean): string => fused ? `
      (local.set 1 (f32x4.min (f32x4.max (local.get 1) (local.get 2)) (v128.const f32x4 4 4 4 4)))
      (local.set 1 (f32x4.add (local.get 1) (f32x4.mul (v128.load (local.get 0)) (local.tee 3 (v128.const f32x4 0.25 0.25 0.25 0.25)))))
      (local.set 1 (f32x4.mul (f32x4.convert_i32x4_s (local.get 3)) (local.tee 3 (v128.const f32x4 2 2 2 2))))` : `
      (local.set 4 (f32x4.max (local.get 1) (local.get 2)))
      (local.set 1 (f32x4.min (local.get 4) (v128.const f32x4 4 4 4 4)))
      (local.set 4 (v128.load (local.get 0)))
      (local.set 3 (v128.const f32x4 0.25 0.25 0.25 0.25))
      (local.set 4 (f32x4.mul (local.get 4) (local.get 3)))
      (local.set 1 (f32x4.add (local.get 1) (local.get 4)))
      (local.set 4 (f32x4.convert_i32x4_s (local.get 3)))
      (local.set 3 (v128.const f32x4 2 2 2 2))
      (local.set 1 (f32x4.mul (local.get 4) (local.get 3)))`;
  const src = `(module (memory (export "mem") 1)
    ${['f', 'g'].map((n) => `(func (export "${n}") (param i32 v128 v128) (result v128) (local v128 v128)
      (loop ${body(n === 'f')} (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 16)))))
      ${body(n === 'f')} (local.get 1))`).join('\n')})`;
  const ir = irOf(src);
  assert.is(ir.split(' f32x4.max_min r').length - 1, 2, 'the clamp fuses, in the loop too');
  assert.is(ir.split(' f32x4.mul_load_add_add r').length - 1, 2);
  const inst = instance(src);
  const memory = memoryOf(inst);
  const vs = vectors();
  new Uint8Array(memory.buffer).set(vs.flatMap((v) => [...v]));
  for (const a of vs) {
    for (const b of vs.slice(0, 8)) {
      for (const n of [16, 48]) assert.equal(call(inst, 'f', n, a, b)[0], call(inst, 'g', n, a, b)[0], `${n}`);
    }
  }
});

test('v128 constants hoisted out of loops: the loops compute what they did', () => {
  const src = `(module
    (func (export "f") (param i32 v128) (result v128) (local v128 v128)
      (local.set 3 (local.get 1))
      (loop $l
        (local.set 1 (i32x4.add (local.get 1) (local.get 3)))
        (local.set 3 (v128.const i32x4 1 2 3 4))
        (local.set 2 (v128.const i32x4 10 20 30 40))
        (local.set 1 (i32x4.mul (local.get 1) (local.get 2)))
        (br_if $l (local.tee 0 (i32.add (local.get 0) (i32.const -1)))))
      (i32x4.add (local.get 1) (local.get 2)))
    (func (export "g") (param $n i32) (param $v v128) (result v128) (local $a v128) (local $k v128) (local $i i32)
      (loop $outer
        (local.set $i (i32.const 3))
        (loop $inner
          (local.set $k (v128.const i32x4 1 2 3 4))
          (local.set $v (i32x4.add (i32x4.mul (local.get $v) (local.get $k)) (v128.const i32x4 5 6 7 8)))
          (br_if $inner (local.tee $i (i32.add (local.get $i) (i32.const -1)))))
        (local.set $a (i32x4.add (local.get $a) (local.get $v)))
        (br_if $outer (local.tee $n (i32.add (local.get $n) (i32.const -1)))))
      (i32x4.add (local.get $a) (local.get $k))))`;
  const ir = irOf(src);
  assert.match(ir, /^ +3: const128 r3, i32x4 0xa 0x14 0x1e 0x28$/m, 'f: the multiplier is hoisted');
  const inst = instance(src);
  const lanes = (v: Uint8Array): number[] => [...new Int32Array(v.buffer.slice(0))];
  const bytes = (w: number[]): Uint8Array => new Uint8Array(Int32Array.from(w).buffer);
  const map = (x: number[], f: (a: number, i: number) => number): number[] => x.map((a, i) => f(a, i) | 0);
  for (const n of [1, 2, 5]) {
    for (const v of vectors().slice(0, 8)) {
      let x = lanes(v), k = lanes(v);
      const m = [10, 20, 30, 40], c = [1, 2, 3, 4];
      for (let i = n; i !== 0; i--) {
        x = map(x, (a, j) => a + k[j]);
        k = c;
        x = map(x, (a, j) => Math.imul(a, m[j]));
      }
      assert.equal(call(inst, 'f', n, v)[0], bytes(map(x, (a, j) => a + m[j])), `f ${n}`);
      let acc = [0, 0, 0, 0], kk = [0, 0, 0, 0], y = lanes(v);
      for (let o = n; o !== 0; o--) {
        for (let i = 3; i !== 0; i--) {
          kk = c;
          y = map(y, (a, j) => Math.imul(a, kk[j]) + 5 + j);
        }
        acc = map(acc, (a, j) => a + y[j]);
      }
      assert.equal(call(inst, 'g', n, v)[0], bytes(map(acc, (a, j) => a + kk[j])), `g ${n}`);
    }
  }
});

test('a shuffle of a splat reads the splatted scalar (the splat is dropped), in either operand and either form', () => {
  const cases = [
    [0, 17, 18, 19, 1, 21, 22, 23, 2, 25, 26, 27, 3, 29, 30, 31], [16, 1, 2, 3, 17, 5, 6, 7, 18, 9, 10, 11, 19, 13, 14, 15],
    [0, 17, 5, 30, 4, 8, 12, 16, 31, 0, 1, 2, 3, 15, 14, 13],
  ];
  const src = `(module (memory (export "mem") 1) ${cases.map((l, i) => `
    (func (export "a${i}") (param i32 v128) (result v128) (i8x16.shuffle ${l.join(' ')} (i32x4.splat (local.get 0)) (local.get 1)))
    (func (export "b${i}") (param i32 v128) (result v128) (i8x16.shuffle ${l.join(' ')} (local.get 1) (f32x4.splat (f32.reinterpret_i32 (local.get 0)))))`).join('')})`;
  const ir = irOf(src);
  assert.not.ok(ir.includes('splat'), 'no splat is left');
  assert.ok(ir.includes(' i8x16.shuffle r') && ir.includes(' i8x16.shuffle_w r'), 'both forms');
  const inst = instance(src);
  const vs = vectors();
  cases.forEach((lanes, i) => {
    for (let k = 0; k + 1 < vs.length; k += 2) {
      const x = new Int32Array(vs[k].buffer.slice(0))[1], v = vs[k + 1];
      const splat = new Uint8Array(Int32Array.of(x, x, x, x).buffer);
      assert.equal(call(inst, `a${i}`, x, v)[0], Uint8Array.from(lanes, (j) => (j < 16 ? splat[j] : v[j - 16])), `a${i}`);
      assert.equal(call(inst, `b${i}`, x, v)[0], Uint8Array.from(lanes, (j) => (j < 16 ? v[j] : splat[j - 16])), `b${i}`);
    }
  });
});

test('lane stores through a folded address (v128.store32_lane_add, store64_lane_add) write and trap as the plain ones', () => {
  const src = `(module (memory (export "mem") 1)
    (func (export "s32") (param i32 v128) (v128.store32_lane offset=3 2 (i32.add (local.get 0) (i32.const 16)) (i32x4.add (local.get 1) (local.get 1))))
    (func (export "s64") (param i32 v128) (v128.store64_lane 1 (i32.add (i32.shl (local.get 0) (i32.const 3)) (i32.const -8)) (local.get 1))))`;
  const ir = irOf(src);
  assert.ok(ir.includes(' v128.store32_lane_add r') && ir.includes(' v128.store64_lane_add r'));
  const inst = instance(src);
  const memory = memoryOf(inst);
  const mem = (): Uint8Array => new Uint8Array(memory.buffer);
  const v = vectors()[11];
  const doubled = new Uint8Array(Int32Array.from(new Int32Array(v.buffer.slice(0)), (x) => x * 2).buffer);
  for (const [f, at, arg, bytes] of [['s32', 5 + 16 + 3, 5, doubled.slice(8, 12)], ['s32', 65536 - 4, 65536 - 23, doubled.slice(8, 12)],
    ['s64', 4 * 8 - 8, 4, v.slice(8, 16)], ['s64', 65536 - 8, 8192, v.slice(8, 16)]] as const) {
    mem().fill(0);
    call(inst, f, arg, v);
    const expected = new Uint8Array(65536);
    expected.set(bytes, at);
    assert.equal(mem(), expected, `${f} at ${at}`);
  }
  const traps = (f: () => void): void => assert.throws(f, (x: unknown) => x instanceof RuntimeError);
  traps(() => call(inst, 's32', 65536 - 22, v));
  traps(() => call(inst, 's32', -17, v)); // the add wraps to -1, the offset does not
  traps(() => call(inst, 's64', 8193, v));
  traps(() => call(inst, 's64', 0, v));
});

test('extending loads through a folded address (v128.load16x4_s_add …) read and trap as the plain ones', () => {
  const loads = ['v128.load8x8_s', 'v128.load8x8_u', 'v128.load16x4_s', 'v128.load16x4_u'];
  const src = `(module (memory (export "mem") 1)
    ${loads.map((n) => `(func (export "${n}") (param i32) (result v128) (${n} offset=3 (i32.add (local.get 0) (i32.const 24))))
      (func (export "${n} shl") (param i32) (result v128) (${n} (i32.add (i32.shl (local.get 0) (i32.const 3)) (i32.const -8))))`).join('\n')})`;
  const ir = irOf(src);
  for (const n of loads) assert.is(ir.split(` ${n}_add r`).length - 1, 2, `${n}_add`);
  const inst = instance(src);
  const memory = memoryOf(inst);
  new Uint8Array(memory.buffer).set(vectors().flatMap((v) => [...v]).slice(0, 300));
  const view = new DataView(memory.buffer);
  for (const n of loads) {
    for (const [f, arg, ea] of [[n, 5, 5 + 24 + 3], [n, 65536 - 35, 65536 - 8], [`${n} shl`, 7, 48], [`${n} shl`, 8192, 65536 - 8]] as const) {
      regs.fill(0);
      simdLoad(regs, simdOps.get(n)![1], view, 0, ea);
      assert.equal(call(inst, f, arg)[0], regBytes.slice(0, 16), `${f} at ${ea}`);
    }
    const traps = (f: () => void): void => assert.throws(f, (x: unknown) => x instanceof RuntimeError);
    traps(() => call(inst, n, 65536 - 34));
    traps(() => call(inst, n, -25)); // the add wraps to -1, the offset does not
    traps(() => call(inst, `${n} shl`, 8193));
    traps(() => call(inst, `${n} shl`, 0));
  }
});

test('an extracted lane scaled and offset (i32x4.lane_shl_add_imm) computes (lane << s) + c', () => {
  const src = `(module
    (func (export "f") (param v128) (result i32 i32)
      (i32.add (i32.shl (i32x4.extract_lane 3 (local.get 0)) (i32.const 2)) (i32.const 1040))
      (i32.sub (i32.shl (i32x4.extract_lane 0 (local.get 0)) (i32.const 31)) (i32.const 7)))
    (func (export "in place") (param v128) (result i32) (local i32)
      (local.set 1 (i32.add (i32.shl (i32x4.extract_lane 1 (local.get 0)) (i32.const 4)) (i32.const -1)))
      (local.get 1)))`;
  assert.is(irOf(src).split(' i32x4.lane_shl_add_imm r').length - 1, 3);
  const inst = instance(src);
  for (const v of vectors()) {
    const w = new Int32Array(v.buffer.slice(0));
    assert.equal(call(inst, 'f', v), [((w[3] << 2) + 1040) | 0, ((w[0] << 31) - 7) | 0]);
    assert.equal(call(inst, 'in place', v), [((w[1] << 4) - 1) | 0]);
  }
});

test('gathered 32-bit loads (v128.load32_splat_lx / _zero_lx / _lane_lx, load32x2_splat_lx / _zero_lx) load what the unfused forms do, and trap alike', () => {
  // f: a gather of two pairs of words by the lanes of an index vector (the pair forms); h: the
  // same with another constant in each pair's second address (the single forms); g: the same as
  // f with the addresses in locals first (no fusion).
  const gather = (addr: (l: number) => string): string => `
      (v128.load32_lane offset=8 2 ${addr(1)} (v128.load32_splat offset=4 ${addr(0)}))
      (v128.load32_lane 3 ${addr(3)} (v128.load32_zero ${addr(2)}))
      i32x4.add`;
  const lane = (l: number): string => `(i32.add (i32.shl (i32x4.extract_lane ${l} (local.get 0)) (i32.const 2)) (i32.const 12))`;
  const lane2 = (l: number): string => (l & 1) === 0 ? lane(l)
    : `(i32.add (i32.shl (i32x4.extract_lane ${l} (local.get 0)) (i32.const 2)) (i32.const 4))`;
  const src = `(module (memory (export "mem") 1)
    (func (export "f") (param v128) (result v128) ${gather(lane)})
    (func (export "h") (param v128) (result v128) ${gather(lane2)})
    (func (export "g") (param v128) (result v128) (local i32 i32 i32 i32)
      (local.set 1 ${lane(0)}) (local.set 2 ${lane(1)}) (local.set 3 ${lane(2)}) (local.set 4 ${lane(3)})
      ${gather((l) => `(local.get ${l + 1})`)})
    (func (export "h unfused") (param v128) (result v128) (local i32 i32 i32 i32)
      (local.set 1 ${lane2(0)}) (local.set 2 ${lane2(1)}) (local.set 3 ${lane2(2)}) (local.set 4 ${lane2(3)})
      ${gather((l) => `(local.get ${l + 1})`)}))`;
  const ir = irOf(src);
  for (const n of ['splat', 'zero', 'lane']) assert.is(ir.split(` v128.load32_${n}_lx r`).length - 1, n === 'lane' ? 2 : 1, n);
  for (const n of ['splat', 'zero']) assert.is(ir.split(` v128.load32x2_${n}_lx r`).length - 1, 1, n);
  const inst = instance(src);
  const memory = memoryOf(inst);
  new Uint8Array(memory.buffer).set(vectors().flatMap((v) => [...v]));
  const ix = (w: number[]): Uint8Array => new Uint8Array(Int32Array.from(w).buffer);
  for (const w of [[0, 1, 2, 3], [7, 0, 50, 9], [16377, 16377, 16379, 16378], [-3, -1, -3, -1]]) {
    assert.equal(call(inst, 'f', ix(w))[0], call(inst, 'g', ix(w))[0], `indices ${w}`);
    assert.equal(call(inst, 'h', ix(w))[0], call(inst, 'h unfused', ix(w))[0], `indices ${w}, single forms`);
  }
  for (const w of [[16380, 0, 0, 0], [0, 16379, 0, 0], [0, 0, 16381, 0], [0, 0, 0, -4], [-4, 16379, 0, 0]]) {
    assert.throws(() => call(inst, 'f', ix(w)), (x: unknown) => x instanceof RuntimeError, `indices ${w}`);
    assert.throws(() => call(inst, 'g', ix(w)), (x: unknown) => x instanceof RuntimeError, `indices ${w}, unfused`);
  }
  for (const w of [[16380, 0, 0, 0], [0, 16381, 0, 0], [0, 0, 16381, 0], [0, 0, 0, -4]]) {
    assert.throws(() => call(inst, 'h', ix(w)), (x: unknown) => x instanceof RuntimeError, `indices ${w}, single forms`);
  }
});

test('loop constants given registers of their own: the loop computes what it did', () => {
  const src = `(module
    (func (export "f") (param i32 v128 v128) (result v128)
      (loop $l
        (local.set 1 (i32x4.add (local.get 1) (v128.const i32x4 1 2 3 4)))
        (local.set 2 (i32x4.mul (local.get 2) (v128.const i32x4 3 3 3 3)))
        (local.set 1 (i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31 (local.get 1) (v128.const i32x4 -1 0 -1 0)))
        (local.set 2 (i32x4.add (local.get 2) (i32x4.splat (i32x4.extract_lane 2 (v128.const i32x4 5 6 7 8)))))
        (br_if $l (local.tee 0 (i32.add (local.get 0) (i32.const -1)))))
      (i32x4.add (local.get 1) (local.get 2))))`;
  assert.match(irOf(src), /^ +18: const128 r15, i32x4 0x5 0x6 0x7 0x8$/m, 'the constants moved to the head');
  const inst = instance(src);
  const vs = vectors();
  for (const n of [1, 3, 10]) {
    for (let k = 0; k + 1 < vs.length; k += 3) {
      let x = [...new Int32Array(vs[k].buffer.slice(0))], y = [...new Int32Array(vs[k + 1].buffer.slice(0))];
      for (let i = n; i !== 0; i--) {
        x = x.map((a, j) => (a + j + 1) | 0);
        y = y.map((a) => Math.imul(a, 3));
        // Bytes 1 and 3 of each word from (-1, 0, -1, 0), bytes 0 and 2 kept.
        x = x.map((a, j) => (a & 0x00ff00ff) | (j % 2 === 0 ? 0xff00ff00 : 0));
        y = y.map((a) => (a + 7) | 0);
      }
      assert.equal(call(inst, 'f', n, vs[k], vs[k + 1])[0], new Uint8Array(Int32Array.from(x, (a, j) => a + y[j]).buffer), `f ${n}`);
    }
  }
});

test('a v128 store joined to the step-and-branch of a loop (v128.store_step_br_if, …_add_…) stores, steps and branches', () => {
  const src = `(module (memory (export "mem") 1)
    (func (export "a") (param $n i32) (param $v v128)
      (loop $l
        (local.set $v (i32x4.add (local.get $v) (local.get $v)))
        (v128.store offset=2 (i32.shl (local.get $n) (i32.const 4)) (local.get $v))
        (br_if $l (local.tee $n (i32.add (local.get $n) (i32.const -1))))))
    (func (export "b") (param $n i32) (param $v v128)
      (loop $l
        (local.set $v (i32x4.add (local.get $v) (local.get $v)))
        (v128.store (i32.add (i32.shl (local.get $n) (i32.const 4)) (i32.const 1024)) (i32x4.mul (local.get $v) (local.get $v)))
        (br_if $l (local.tee $n (i32.add (local.get $n) (i32.const -1))))))
    (func (export "c") (param $n i32) (param $v v128)
      (loop $l
        (local.set $v (i32x4.add (local.get $v) (local.get $v)))
        (v128.store (i32.add (local.get $n) (i32.const 1024)) (i32x4.mul (local.get $v) (local.get $v)))
        (br_if $l (local.tee $n (i32.add (local.get $n) (i32.const -16)))))))`;
  const ir = irOf(src);
  assert.ok(ir.includes(' v128.store_step_br_if r') && ir.includes(' v128.store_add_step_br_if r'));
  assert.ok(ir.includes(' v128.store_add_step_br_if_ac r'), 'c: the compact address (s = u = 0)');
  const inst = instance(src);
  const memory = memoryOf(inst);
  const v = vectors()[12];
  for (const [f, at, square] of [['a', 2, false], ['b', 1024, true], ['c', 1024, true]] as const) {
    for (const n of [1, 5]) {
      new Uint8Array(memory.buffer).fill(0);
      call(inst, f, f === 'c' ? 16 * n : n, v);
      const expected = new Uint8Array(65536), dv = new DataView(expected.buffer);
      let x = [...new Int32Array(v.buffer.slice(0))];
      for (let i = n; i !== 0; i--) {
        x = x.map((a) => (a + a) | 0);
        x.forEach((a, j) => dv.setInt32(at + 16 * i + 4 * j, square ? Math.imul(a, a) : a, true));
      }
      assert.equal(new Uint8Array(memory.buffer), expected, `${f} ${n}`);
    }
  }
  // The store traps before the step: the first iteration's address is out of bounds.
  assert.throws(() => call(inst, 'a', 4096, v), (x: unknown) => x instanceof RuntimeError);
  assert.throws(() => call(inst, 'b', 4096 - 64, v), (x: unknown) => x instanceof RuntimeError);
  assert.throws(() => call(inst, 'c', 65536 - 1024 - 8, v), (x: unknown) => x instanceof RuntimeError);
});

test('f32x4.mul_convert_s, i32x4.shl_xor and i32x4.shr_u_xor compute what the unfused pairs do', () => {
  const src = `(module
    (func (export "mc") (param v128 v128) (result v128) (f32x4.mul (local.get 0) (f32x4.convert_i32x4_s (local.get 1))))
    (func (export "cm") (param v128 v128) (result v128) (f32x4.mul (f32x4.convert_i32x4_s (local.get 1)) (local.get 0)))
    (func (export "mc unfused") (param v128 v128) (result v128) (local v128)
      (local.set 2 (f32x4.convert_i32x4_s (local.get 1))) (f32x4.mul (local.get 0) (local.get 2)))
    (func (export "shl") (param v128 v128) (result v128) (v128.xor (local.get 0) (i32x4.shl (local.get 1) (i32.const 45))))
    (func (export "shl unfused") (param v128 v128) (result v128) (local v128)
      (local.set 2 (i32x4.shl (local.get 1) (i32.const 45))) (v128.xor (local.get 0) (local.get 2)))
    (func (export "shr") (param v128 v128) (result v128) (v128.xor (i32x4.shr_u (local.get 1) (i32.const 7)) (local.get 0)))
    (func (export "shr unfused") (param v128 v128) (result v128) (local v128)
      (local.set 2 (i32x4.shr_u (local.get 1) (i32.const 7))) (v128.xor (local.get 0) (local.get 2))))`;
  const ir = irOf(src);
  assert.is(ir.split(' f32x4.mul_convert_s r').length - 1, 2);
  assert.ok(ir.includes(' i32x4.shl_xor r') && ir.includes(' i32x4.shr_u_xor r'));
  const inst = instance(src);
  const vs = vectors();
  for (const a of vs) {
    for (const b of vs) {
      const want = call(inst, 'mc unfused', a, b)[0] as Uint8Array;
      sameF32(call(inst, 'mc', a, b)[0] as Uint8Array, want, 'f32x4.mul_convert_s');
      sameF32(call(inst, 'cm', a, b)[0] as Uint8Array, want, 'f32x4.mul_convert_s, converted on the left');
      assert.equal(call(inst, 'shl', a, b)[0], call(inst, 'shl unfused', a, b)[0], 'i32x4.shl_xor');
      assert.equal(call(inst, 'shr', a, b)[0], call(inst, 'shr unfused', a, b)[0], 'i32x4.shr_u_xor');
    }
  }
});

test('f32x4.sub_load_add and f32x4.max_min (a clamp) compute what the unfused pairs do', () => {
  const src = `(module (memory (export "mem") 1)
    (func (export "sl") (param v128 i32) (result v128) (f32x4.sub (local.get 0) (v128.load offset=4 (i32.add (local.get 1) (i32.const 16)))))
    (func (export "sl unfused") (param v128 i32) (result v128) (local v128)
      (local.set 2 (v128.load offset=4 (i32.add (local.get 1) (i32.const 16)))) (f32x4.sub (local.get 0) (local.get 2)))
    (func (export "clamp") (param v128 v128 v128) (result v128) (f32x4.min (f32x4.max (local.get 0) (local.get 1)) (local.get 2)))
    (func (export "clamp2") (param v128 v128 v128) (result v128) (f32x4.min (local.get 2) (f32x4.max (local.get 0) (local.get 1))))
    (func (export "clamp unfused") (param v128 v128 v128) (result v128) (local v128)
      (local.set 3 (f32x4.max (local.get 0) (local.get 1))) (f32x4.min (local.get 3) (local.get 2))))`;
  const ir = irOf(src);
  assert.is(ir.split(' f32x4.sub_load_add r').length - 1, 1);
  assert.is(ir.split(' f32x4.max_min r').length - 1, 2);
  const inst = instance(src);
  const memory = memoryOf(inst);
  const vs = vectors();
  new Uint8Array(memory.buffer).set(vs.flatMap((v) => [...v]));
  for (const a of vs) {
    for (const at of [0, 5, 65536 - 36]) {
      sameF32(call(inst, 'sl', a, at)[0] as Uint8Array, call(inst, 'sl unfused', a, at)[0] as Uint8Array, `sub_load_add at ${at}`);
    }
    for (const b of vs) {
      for (const c of [vs[0], vs[2], vs[4], vs[5]]) {
        const want = call(inst, 'clamp unfused', a, b, c)[0] as Uint8Array;
        // Bit for bit, NaN lanes included (the canonical NaN, as f32x4.max and f32x4.min make it).
        assert.equal(call(inst, 'clamp', a, b, c)[0] as Uint8Array, want, 'max_min');
        assert.equal(call(inst, 'clamp2', a, b, c)[0] as Uint8Array, want, 'max_min, max on the right');
      }
    }
  }
  assert.throws(() => call(inst, 'sl', vs[0], 65536 - 35), (x: unknown) => x instanceof RuntimeError);
});

test('a vector computed and stored (f32x4.mul_load_add_add_store, …) writes what the unfused pair does, also over what it loads, and traps alike', () => {
  // Each function twice: the value straight into v128.store (fused), and through local.tee (not).
  const bodies: [string, string, string][] = [
    ['mla', '(param i32 i32 v128 v128) (local v128)',
      '(f32x4.add (local.get 2) (f32x4.mul (local.get 3) (v128.load offset=4 (i32.add (local.get 1) (i32.const 16)))))'],
    ['trunc', '(param i32 i32 v128 v128) (local v128)',
      '(i32x4.trunc_sat_f32x4_s (f32x4.mul (local.get 2) (v128.load offset=4 (i32.add (local.get 1) (i32.const 16)))))'],
    ['clamp', '(param i32 i32 v128 v128) (local v128)',
      '(f32x4.min (f32x4.max (local.get 2) (v128.load (local.get 1))) (local.get 3))'],
    // Loads without an offset: stored without one too (the "at" forms), every address has s = u = 0
    // (the compact _ac forms, ir.ts), which wrap as i32.add does (ld = -16 below).
    ['mla0', '(param i32 i32 v128 v128) (local v128)',
      '(f32x4.add (local.get 2) (f32x4.mul (local.get 3) (v128.load (i32.add (local.get 1) (i32.const 16)))))'],
    ['trunc0', '(param i32 i32 v128 v128) (local v128)',
      '(i32x4.trunc_sat_f32x4_s (f32x4.mul (local.get 2) (v128.load (i32.add (local.get 1) (i32.const 16)))))'],
  ];
  const src = `(module (memory (export "mem") 1)
    ${bodies.map(([n, sig, e]) => `
      (func (export "${n}") ${sig} (v128.store offset=2 (i32.add (local.get 0) (i32.const 8)) ${e}))
      (func (export "${n} at") ${sig} (v128.store (local.get 0) ${e}))
      (func (export "${n} unfused") ${sig} (v128.store offset=2 (i32.add (local.get 0) (i32.const 8)) (local.tee 4 ${e})))
      (func (export "${n} at unfused") ${sig} (v128.store (local.get 0) (local.tee 4 ${e})))`).join('\n')})`;
  const ir = irOf(src);
  for (const [op, general, compact] of [['f32x4.mul_load_add_add_store', 3, 1], ['i32x4.trunc_sat_mul_load_add_store', 3, 1], ['f32x4.max_min_store', 1, 1]] as const) {
    assert.is(ir.split(` ${op} r`).length - 1, general, op);
    assert.is(ir.split(` ${op}_ac r`).length - 1, compact, `${op}_ac`);
  }
  const inst = instance(src);
  const memory = memoryOf(inst);
  const vs = vectors();
  const fill = vs.flatMap((v) => [...v]);
  const run = (name: string, args: RawValue[]): Uint8Array | string => {
    new Uint8Array(memory.buffer).fill(0).set(fill);
    try {
      call(inst, name, ...args);
    } catch (e) {
      assert.ok(e instanceof RuntimeError, `${name} traps with a RuntimeError`);
      return 'trap';
    }
    return new Uint8Array(memory.buffer).slice(0);
  };
  for (const [n] of bodies) {
    // Stores beside, over and inside what the operation loads; near and past the end of memory.
    const places = [[0, 100], [40, 20], [22, 0], [30, 10], [65536 - 26, 16], [65536 - 25, 16], [16, 65536 - 36], [16, 65536 - 35], [100, -16]];
    for (const [st, ld] of places) {
      for (const [a, b] of [[vs[1], vs[2]], [vs[4], vs[5]], [vs[12], vs[6]], [vs[15], vs[3]]]) {
        const want = run(`${n} unfused`, [st, ld, a, b]), got = run(n, [st, ld, a, b]);
        if (typeof want === 'string' || typeof got === 'string') assert.is(got, want, `${n} ${st} ${ld}`);
        else {
          const g = new Int32Array(got.buffer), w = new Int32Array(want.buffer);
          for (let i = 0; i < g.length; i++) {
            if (g[i] !== w[i]) sameF32(got.slice(4 * i, 4 * i + 16), want.slice(4 * i, 4 * i + 16), `${n} ${st} ${ld} word ${i}`);
          }
        }
        const wantAt = run(`${n} at unfused`, [st + 10, ld, a, b]), gotAt = run(`${n} at`, [st + 10, ld, a, b]);
        if (typeof wantAt === 'string' || typeof gotAt === 'string') assert.is(gotAt, wantAt, `${n} at ${st} ${ld}`);
        else assert.equal(gotAt, wantAt, `${n} at ${st + 10} ${ld}`);
      }
    }
  }
});


test('compact addresses (the _ac forms: s = u = 0) compute, store and trap as the forms with an offset', () => {
  // Each operation twice: through (i32.add p 16) and no offset (the compact form), and through
  // p with offset=16 (the general form): the same address while p + 16 does not wrap; p = -16
  // wraps to 0 in the first (in bounds) and is out of bounds in the second.
  const ops: [string, string][] = [
    ['v128.load_ac', '(v128.load MEMARG ADDR)'],
    ['f32x4.mul_load_add_ac', '(f32x4.mul (local.get 1) (v128.load MEMARG ADDR))'],
    ['f32x4.sub_load_add_ac', '(f32x4.sub (local.get 1) (v128.load MEMARG ADDR))'],
    ['f32x4.mul_convert_load_add_ac', '(f32x4.mul (local.get 1) (f32x4.convert_i32x4_s (v128.load MEMARG ADDR)))'],
    ['v128.load8x4_u_ac', '(i8x16.shuffle 16 1 2 3 17 5 6 7 18 9 10 11 19 13 14 15 (local.get 2) (i32x4.splat (i32.load MEMARG ADDR)))'],
    ['i32x4.abs_sub_load8x4_u_ac', `(i32x4.abs (i32x4.sub (local.get 1)
      (i8x16.shuffle 16 1 2 3 17 5 6 7 18 9 10 11 19 13 14 15 (local.get 2) (i32x4.splat (i32.load MEMARG ADDR)))))`],
    ['v128.load16x4_s_add_ac', '(v128.load16x4_s MEMARG ADDR)'],
    ['i32x4.mul_load16x4_s_add_ac', '(i32x4.mul (local.get 1) (v128.load16x4_s MEMARG ADDR))'],
    ['v128.store8x4_narrow_ac', '(v128.store32_lane MEMARG 0 ADDR (i8x16.shuffle 1 5 9 13 0 0 0 0 0 0 0 0 0 0 0 0 (local.get 1) (local.get 1))) (local.get 1)'],
  ];
  const fn = (name: string, body: string, memarg: string, addr: string): string => `
    (func (export "${name}") (param i32 v128) (result v128) (local v128)
      (local.set 2 (v128.const i32x4 0 0 0 0))
      ${body.replace('MEMARG', memarg).replace('ADDR', addr)})`;
  const src = `(module (memory (export "mem") 1) ${ops.map(([, body], i) =>
    fn(`c${i}`, body, '', '(i32.add (local.get 0) (i32.const 16))') + fn(`g${i}`, body, 'offset=16', '(local.get 0)')).join('')})`;
  const ir = irOf(src);
  for (const [op] of ops) assert.is(ir.split(` ${op} r`).length - 1, 1, op);
  const inst = instance(src);
  const memory = memoryOf(inst);
  const vs = vectors(), fill = vs.flatMap((v) => [...v]);
  const run = (name: string, p: number, v: Uint8Array): string => {
    new Uint8Array(memory.buffer).fill(0).set(fill);
    try {
      const r = call(inst, name, p, v)[0] as Uint8Array;
      return [...r, ...new Uint8Array(memory.buffer).slice(0, 256)].join();
    } catch (e) {
      assert.ok(e instanceof RuntimeError, `${name} traps with a RuntimeError`);
      return 'trap';
    }
  };
  ops.forEach(([op], i) => {
    for (const p of [0, 4, 37, 65536 - 32, 65536 - 20, 65536 - 19, 65536 - 16]) {
      for (const v of [vs[1], vs[7], vs[12]]) assert.is(run(`c${i}`, p, v), run(`g${i}`, p, v), `${op} at ${p}`);
    }
    assert.ok(run(`c${i}`, -16, vs[3]) !== 'trap' && run(`g${i}`, -16, vs[3]) === 'trap', `${op}: p + 16 wraps to 0`);
  });
});

test.run();
