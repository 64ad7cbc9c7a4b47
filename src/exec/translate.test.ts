/**
 * Golden tests of the translator: Wasm text in, pinned `dumpIR` out. Each case shows one rule of
 * translate.ts; registers print as r<slot> (params first, then locals, then temporaries).
 */

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { canonicalTypeIds } from '../runtime/canon.js';
import { CompileError } from '../errors.js';
import { wasm2, wasm3, type Features } from '../syntax/features.js';
import { parseWat } from '../text/wat.js';
import { validateModule } from '../valid/module.js';
import { dumpIR } from './ir.js';
import { translateFunc, type CompiledFunc } from './translate.js';

/** Translates the last function of a module given by its fields. */
function translate(fields: string, features: Features = wasm2): CompiledFunc {
  const m = parseWat(`(module ${fields})`, features);
  validateModule(m, features);
  return translateFunc(m, m.funcs.length - 1);
}

function golden(fields: string, expected: string, features?: Features): void {
  const lines = expected.trim().split('\n').map((l) => l.trim());
  assert.equal(dumpIR(translate(fields, features).code).split('\n').map((l) => l.trim()), lines);
}

test('fused local.set: local.get 0; local.get 1; i32.add; local.set 0 is one instruction', () => {
  golden(`(func (param i32 i32) local.get 0 local.get 1 i32.add local.set 0)`, `
    0: i32.add r0, r0, r1
    4: return`);
});

test('immediate forms; a constant on the left of a comparison flips it; fused return', () => {
  golden(`(func (param i32) (result i32) (i32.lt_s (i32.const 10) (i32.sub (local.get 0) (i32.const 1))))`, `
    0: i32.add_imm r2, r0, -1
    4: i32.gt_s_imm r0, r2, 10
    8: return`);
});

test('a deferred local.get is materialized before its local is overwritten', () => {
  golden(`(func (param i32) (result i32) local.get 0 i32.const 5 local.set 0 local.get 0 i32.add)`, `
    0: copy32 r1, r0
    3: const32 r0, 5
    6: i32.add r0, r1, r0
    10: return`);
});

test('fused local.tee: the product goes straight to local 1, which is then read', () => {
  golden(`(func (param i32) (result i32) (local i32)
      (local.tee 1 (i32.mul (local.get 0) (local.get 0))) (local.get 1) i32.add)`, `
    0: i32.mul r1, r0, r0
    4: i32.add r0, r1, r1
    8: return`);
});

test('br_if carrying a value that is not in place: moves behind a br_unless', () => {
  golden(`(func (param i32) (result i32)
      (block (result i32) (br_if 0 (local.get 0) (local.get 0)) drop (i32.const 7)))`, `
    0: br_unless r0, @8
    3: copy32 r1, r0
    6: br @11
    8: const32 r1, 7
    11: copy32 r0, r1
    14: return`);
});

test('loop with a parameter: the value lives in the loop label home; br_if needs no moves, takes the step in', () => {
  golden(`(func (param i32) (result i32) (local i32)
      (local.get 0)
      (loop $l (param i32) (result i32)
        (local.set 1 (i32.add (local.get 1) (i32.const 3)))
        (br_if $l (i32.sub (i32.const 1)) (i32.ne (local.get 1) (i32.const 30)))))`, `
    0: copy32 r2, r0
    3: step3_br_ne_imm r1, r1, 3, r1, r1, 0, r2, r2, -1, r1, 30, @3
    16: copy32 r0, r2
    19: return`);
});

test('address arithmetic folds into the load: (x << k) + c, p + c; a shift a local keeps stays', () => {
  golden(`(memory 1) (func (param i32 i32) (result i32) (local i32)
      (i32.load offset=4 (i32.add (i32.shl (local.get 0) (i32.const 2)) (i32.const 1024)))
      (i32.load8_u (i32.add (local.get 1) (i32.const 3)))
      (i32.add)
      (i32.add (local.tee 2 (i32.shl (local.get 0) (i32.const 3))) (i32.const 8))
      (i32.load)
      (i32.add))`, `
    0: load32_add r3, r0, 2, 1024, 4
    6: i32.load8_u_add r4, r1, 0, 3, 0
    12: i32.add r3, r3, r4
    16: i32.shl_imm r2, r0, 3
    20: load32_add r4, r2, 0, 8, 0
    26: i32.add r0, r3, r4
    30: return`);
});

test('base + index folds into the load; (x >>u s) & c is one bit-field extract', () => {
  golden(`(memory 1) (func (param i32 i32) (result i32)
      (i32.load8_u offset=3 (i32.add (local.get 0) (local.get 1)))
      (i32.load (i32.add (local.get 1) (i32.shl (local.get 0) (i32.const 2))))
      (i32.and (i32.shr_u (local.get 1) (i32.const 35)) (i32.const 0xff))
      (i32.add)
      (i32.add))`, `
    0: i32.load8_u_idx r2, r0, r1, 3
    5: load32_sidx r3, r1, r0, 2, 0
    11: i32.shr_u_and_imm r4, r1, 3, 255
    16: i32.add r3, r3, r4
    20: i32.add r0, r2, r3
    24: return`);
});

test('store address folding: the add moves into the store unless a branch or a write of its base is between', () => {
  golden(`(memory 1) (func (param i32 i32) (local i32)
      (i64.store (i32.add (local.get 0) (i32.const 8)) (i64.load offset=16 (local.get 1)))
      (i32.store16 offset=2 (i32.add (i32.shl (local.get 1) (i32.const 1)) (i32.const 64)) (local.get 0))
      (i32.store (i32.add (local.get 0) (i32.const 4)) (local.tee 0 (i32.load (local.get 1))))
      (i32.store8 (i32.add (local.get 1) (i32.const 1))
        (block (result i32) (drop (br_if 0 (local.get 0) (local.get 1))) (i32.const 0))))`, `
    0: load64 r4, r1, 16
    4: store64_add r0, 0, 8, r4, 0
    10: store16_add r1, 1, 64, r0, 2
    16: i32.add_imm r3, r0, 4
    20: load32 r0, r1, 0
    24: store32 r3, r0, 0
    28: step_br_unless r3, r1, 1, r1, @39
    34: copy32 r4, r0
    37: br @42
    39: const32 r4, 0
    42: store8 r3, r4, 0
    46: return`);
});

test('compute and store: a float sum, difference or multiply-add goes straight to memory', () => {
  golden(`(memory 1) (func (param i32 f32 f64)
      (f32.store offset=4 (local.get 0) (f32.add (local.get 1) (local.get 1)))
      (f32.store (local.get 0) (f32.sub (local.get 1) (f32.load (local.get 0))))
      (f64.store (local.get 0) (f64.add (local.get 2) (local.get 2)))
      (f64.store offset=8 (local.get 0) (f64.add (local.get 2) (f64.mul (local.get 2) (local.get 2))))
      (f64.store (local.get 0) (f64.sub (local.get 2) (f64.mul (local.get 2) (local.get 2))))
      (f64.store (local.get 0) (f64.mul (local.get 2) (local.get 2))))`, `
    0: f32.add_store r0, 4, r1, r1
    5: load32 r5, r0, 0
    9: f32.sub_store r0, 0, r1, r5
    14: f64.add_store r0, 0, r2, r2
    19: f64.mul_add_store r0, 8, r2, r2, r2
    25: f64.mul_sub_store r0, 0, r2, r2, r2
    31: f64.mul r4, r2, r2
    35: store64 r0, r4, 0
    39: return`);
});

test('store address folding, base + index: registers and constants; not when the index is written between', () => {
  golden(`(memory 1) (func (param i32 i32 i64)
      (i32.store8 (i32.add (local.get 0) (local.get 1)) (i32.const 1))
      (i32.store offset=4 (i32.add (local.get 0) (local.get 1)) (i32.const -1))
      (i64.store (i32.add (local.get 0) (local.get 1)) (local.get 2))
      (i32.store16 (i32.add (local.get 0) (local.get 1)) (local.tee 1 (i32.load (local.get 0)))))`, `
    0: store8_imm_idx r0, r1, 1, 0
    5: store32_imm_idx r0, r1, -1, 4
    10: store64_idx r0, r1, r2, 0
    15: i32.add r3, r0, r1
    19: load32 r1, r0, 0
    23: store16 r3, r1, 0
    27: return`);
});

test('constant addresses: the access carries u32(c) + offset; past 2^32 it keeps the plain form', () => {
  golden(`(memory 1) (func (param i32 f64)
      (i32.store offset=8 (i32.const 1024) (i32.load offset=4 (i32.const 12)))
      (f64.store (i32.const 16) (f64.load (i32.const 24)))
      (drop (i32.load offset=1 (i32.const -1))))`, `
    0: load32_abs r3, 16
    3: store32_abs r3, 1032
    6: load64_abs r3, 24
    9: store64_abs r3, 16
    12: const32 r2, -1
    15: load32 r2, r2, 1
    19: return`);
});

test('known-zero locals: setting a declared local to 0 before any write or loop emits nothing', () => {
  golden(`(func (param i32) (result i32) (local i32 i64)
      (local.set 1 (i32.const 0))
      (local.set 2 (i64.const 0))
      (block (br_if 0 (local.get 0)) (local.set 1 (i32.const 5)))
      (local.set 1 (i32.const 0))
      (loop $l (local.set 2 (i64.const 0)) (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (local.get 1))`, `
    0: br_if r0, @6
    3: const32 r1, 5
    6: const32 r1, 0
    9: const64 r2, 0x0
    13: step_br_if r0, r0, -1, r0, @9
    19: copy32 r0, r1
    22: return`);
});

test('a load through an address a tee keeps: the add, the local write and the load are one', () => {
  golden(`(memory 1) (func (param i32) (result i64) (local i32)
      (i64.load offset=8 (local.tee 1 (i32.add (local.get 0) (i32.const 16))))
      (i64.store (local.get 1) (i64.const 0)))`, `
    0: load64_tee r2, r1, r0, 16, 8
    6: store64_imm r1, 0x0, 0
    11: copy64 r0, r2
    14: return`);
});

test('fused arithmetic: a product feeding an add or sub, an i64 rotate or shift feeding an xor', () => {
  golden(`(func (param f64 f64 f32 f32 i64 i64) (result f64) (local f64)
      (local.set 6 (f64.add (local.get 6) (f64.mul (local.get 0) (local.get 1))))
      (local.set 6 (f64.add (f64.mul (local.get 0) (local.get 1)) (local.get 6)))
      (local.set 6 (f64.sub (local.get 6) (f64.mul (local.get 0) (local.get 1))))
      (local.set 6 (f64.sub (f64.mul (local.get 0) (local.get 1)) (local.get 6)))
      (local.set 2 (f32.add (local.get 3) (f32.mul (local.get 2) (local.get 3))))
      (local.set 3 (f32.sub (local.get 3) (f32.mul (local.get 2) (local.get 2))))
      (local.set 4 (i64.add (local.get 4) (i64.mul (local.get 5) (i64.const 3))))
      (local.set 4 (i64.xor (i64.rotr (local.get 5) (i64.const 1)) (local.get 4)))
      (local.set 4 (i64.xor (local.get 4) (i64.shr_u (local.get 5) (i64.const 7))))
      (f64.add (f64.const 1) (f64.mul (local.get 0) (local.get 1))))`, `
    0: f64.mul_add r6, r6, r0, r1
    5: f64.mul_add r6, r6, r0, r1
    10: f64.mul_sub r6, r6, r0, r1
    15: f64.mul r7, r0, r1
    19: f64.sub r6, r7, r6
    23: f32.mul_add r2, r3, r2, r3
    28: f32.mul_sub r3, r3, r2, r2
    33: i64.mul_imm_add r4, r4, r5, 0x3
    39: i64.rotl_imm_xor r4, r4, r5, 63
    44: i64.shr_u_imm_xor r4, r4, r5, 7
    49: const64 r7, 0x3ff0000000000000
    53: f64.mul_add r0, r7, r0, r1
    58: return`);
});

test('f32.mul_mul_add: two products in temporaries, added; f32.mul_load_add: a folded-address load times a value', () => {
  golden(`(memory 1) (func (param f32 f32 f32 f32 i32) (result f32) (local f32)
      (local.set 5 (f32.add (f32.mul (local.get 0) (local.get 1)) (f32.mul (local.get 2) (local.get 3))))
      (local.set 5 (f32.add (local.tee 5 (f32.mul (local.get 0) (local.get 1))) (f32.mul (local.get 2) (local.get 3))))
      (local.set 5 (f32.sub (f32.mul (local.get 0) (local.get 1)) (f32.mul (local.get 2) (local.get 3))))
      (local.set 5 (f32.mul (f32.load offset=4 (i32.add (i32.shl (local.get 4) (i32.const 2)) (i32.const 8))) (local.get 0)))
      (f32.mul (local.get 5) (f32.load (i32.add (local.get 4) (i32.const 16)))))`, `
    0: f32.mul_mul_add r5, r0, r1, r2, r3
    6: f32.mul r5, r0, r1
    10: f32.mul_add r5, r5, r2, r3
    15: f32.mul_mul_sub r5, r0, r1, r2, r3
    21: f32.mul_load_add r5, r0, r4, 2, 8, 4
    28: f32.mul_load_add r0, r5, r4, 0, 16, 0
    35: return`);
});

test('i64.rotl_imm_mul_imm: a rotate kept by local.tee or in a temporary, then multiplied by a constant', () => {
  golden(`(func (param i64 i64) (result i64) (local i64)
      (local.set 0 (i64.mul (local.tee 2 (i64.rotl (local.get 1) (i64.const 31))) (i64.const 3)))
      (local.set 1 (i64.mul (i64.const 5) (i64.rotr (local.get 0) (i64.const 1))))
      (local.set 0 (i64.mul (local.tee 2 (i64.rotl (local.get 1) (i64.const 7))) (local.get 1)))
      (block (local.set 2 (i64.rotl (local.get 1) (i64.const 9))))
      (i64.mul (local.get 2) (i64.const 11)))`, `
    0: i64.rotl_imm_mul_imm r0, r2, r1, 31, 0x3
    7: i64.rotl_imm_mul_imm r1, r4, r0, 63, 0x5
    14: i64.rotl_imm r2, r1, 7
    18: i64.mul r0, r2, r1
    22: i64.rotl_imm r2, r1, 9
    26: i64.mul_imm r0, r2, 0xb
    31: return`);
});

test('fused arithmetic: i32 multiply-add, a sum of three i64s', () => {
  golden(`(func (param i32 i32 i64 i64) (result i64)
      (local.set 0 (i32.add (local.get 0) (i32.mul (local.get 1) (local.get 1))))
      (i64.add (i64.add (local.get 2) (local.get 3)) (local.get 2)))`, `
    0: i32.mul_add r0, r0, r1, r1
    5: i64.add3 r0, r2, r2, r3
    10: return`);
});

test('pairs: two consecutive steps of locals, consecutive copies of a class (three in one), not across a label; a branch takes a step in', () => {
  golden(`(func (param i32 i32 i64 i64 i32) (local i32 i64)
      (loop $l
        (local.set 0 (i32.add (local.get 0) (i32.const 4)))
        (local.set 1 (i32.sub (local.get 1) (i32.const 1)))
        (local.set 4 (i32.add (local.get 4) (i32.const 1)))
        (local.set 6 (local.get 3))
        (local.set 3 (local.get 2))
        (local.set 2 (local.get 6))
        (local.set 5 (local.get 0))
        (br_if $l (local.get 1)))
      (local.set 0 (i32.add (local.get 0) (i32.const 1)))
      (block (br_if 0 (local.get 4)))
      (local.set 1 (i32.add (local.get 1) (i32.const 1))))`, `
    0: i32.add_imm2 r0, r0, 4, r1, r1, -1
    7: i32.add_imm r4, r4, 1
    11: copy64x3 r6, r3, r3, r2, r2, r6
    18: copy32 r5, r0
    21: br_if r1, @0
    24: step_br_if r0, r0, 1, r4, @30
    30: i32.add_imm r1, r1, 1
    34: return`);
});

test('fused compare-and-branch: br_if, a br_if with moves and an if take the comparison', () => {
  golden(`(func (param i32 i32) (result i32)
      (block (result i32)
        (drop (br_if 0 (local.get 1) (i32.lt_u (local.get 0) (local.get 1))))
        (if (i32.ge_s (local.get 0) (local.get 1)) (then (return (i32.const 1))))
        (drop (br_if 1 (local.get 0) (i32.gt_s (local.get 0) (i32.const 9))))
        (local.get 1)))`, `
    0: br_ge_u r0, r1, @9
    4: copy32 r2, r1
    7: br @25
    9: br_lt_s r0, r1, @17
    13: const32 r0, 1
    16: return
    17: br_le_s_imm r0, 9, @22
    21: return
    22: copy32 r2, r1
    25: copy32 r0, r2
    28: return`);
});

test('step and branch: a branch right behind an i32.add_imm takes it in, not across a label', () => {
  golden(`(func (param i32 i32) (result i32) (local i32)
      (loop $l
        (local.set 2 (i32.add (local.get 2) (i32.const 8)))
        (br_if $l (i32.ne (local.get 1) (local.tee 0 (i32.add (local.get 0) (i32.const 1))))))
      (if (i32.gt_u (i32.add (local.get 0) (i32.const -3)) (i32.const 5))
        (then (local.set 1 (i32.add (local.get 1) (i32.const 2))))
        (else (local.set 1 (i32.const 0))))
      (block (block (br_if 0 (local.get 1)) (local.set 0 (i32.add (local.get 0) (i32.const 1))))
        (br_if 0 (local.get 0)))
      (local.get 1))`, `
    0: step3_br_ne r2, r2, 8, r2, r2, 0, r0, r0, 1, r1, r0, @0
    13: step_br_le_u_imm r3, r0, -3, r3, 5, @25
    20: step_br r1, r1, 2, @28
    25: const32 r1, 0
    28: br_if r1, @35
    31: i32.add_imm r0, r0, 1
    35: br_if r0, @38
    38: copy32 r0, r1
    41: return`);
});

test('if/else with a result; an i32.eqz condition flips the branch instead of being computed', () => {
  golden(`(func (param i32 f64) (result f64)
      (if (result f64) (i32.eqz (local.get 0)) (then (local.get 1)) (else (f64.neg (local.get 1)))))`, `
    0: br_if r0, @8
    3: copy64 r2, r1
    6: br @11
    8: f64.neg r2, r1
    11: copy64 r0, r2
    14: return`);
});

test('br_table: targets whose value must move get trampolines; a loop target is its header', () => {
  golden(`(func (param i32) (result i32)
      (block $a (result i32) (block $b (result i32) (block $c (result i32)
          (br_table $c $b $a (i32.const 10) (local.get 0)))
        (i32.const 20) i32.add) (i32.const 1) i32.add))`, `
    0: br_table r0, [@6 @11] default @16
    6: const32 r1, 10
    9: br @21
    11: const32 r1, 10
    14: br @25
    16: const32 r1, 10
    19: br @29
    21: i32.add_imm r1, r1, 20
    25: i32.add_imm r1, r1, 1
    29: copy32 r0, r1
    32: return`);
  golden(`(func (param i32) (block $a (block $b (loop $c (br_table $c $b $a (local.get 0))))))`, `
    0: br_table r0, [@0 @6] default @6
    6: return`);
});

test('calls: arguments in consecutive homes, results where the first argument was', () => {
  const fields = `(type $t (func (param i64 i32) (result i32)))
    (table 1 funcref)
    (func $f (param i64 i32) (result i32) (local.get 1))
    (func (param i32) (result i32)
      (i32.add (local.get 0) (call $f (i64.const 5) (local.get 0)))
      (call_indirect (type $t) (i64.const -1) (local.get 0) (i32.const 0)) i32.add)`;
  const m = parseWat(`(module ${fields})`, wasm2);
  const id = canonicalTypeIds(m)[0];
  golden(fields, `
    0: const64 r2, 0x5
    4: copy32 r3, r0
    7: call f0, r2
    10: i32.add r1, r0, r2
    14: const32 r4, 0
    17: const64 r2, 0xffffffffffffffff
    21: copy32 r3, r0
    24: call_indirect type#${id}, t0, r4, r2
    29: i32.add r0, r1, r2
    33: return`);
});

test('returning swapped parameters saves only the one an earlier move overwrites', () => {
  golden(`(func (param i32 i32) (result i32 i32) local.get 1 local.get 0)`, `
    0: copy32x3 r3, r0, r0, r1, r1, r3
    7: return`);
});

test('br_if to the function label is a conditional return', () => {
  golden(`(func (param i32 i32) (result i32) (br_if 0 (local.get 1) (local.get 0)) (i32.const 0) (return))`, `
    0: br_unless r0, @7
    3: copy32 r0, r1
    6: return
    7: const32 r0, 0
    10: return`);
});

test('unreachable code is not translated', () => {
  golden(`(func (param i32) (result i32)
      (block (br 0) (i32.const 1) drop (loop (br 0))) (return (local.get 0)) (i32.const 99))`, `
    0: br @2
    2: return`);
});

test('i32.wrap_i64 and reinterpretations emit nothing: registers hold raw bits', () => {
  golden(`(func (param i64) (result f32) (f32.reinterpret_i32 (i32.wrap_i64 (local.get 0))))`, `
    0: return`);
});

test('memory: f32 accesses share the 32-bit forms, a constant i64.store8 stores its low word', () => {
  golden(`(memory 1) (func (param i32) (result f32)
      (f32.store offset=8 (local.get 0) (f32.load offset=4 (local.get 0)))
      (i64.store8 (i32.const 0) (i64.const 258))
      (f32.load offset=8 (local.get 0)))`, `
    0: load32 r2, r0, 4
    4: store32 r0, r2, 8
    8: const32 r1, 0
    11: store8_imm r1, 258, 0
    15: load32 r0, r0, 8
    19: return`);
});

test('select, globals, tables and references', () => {
  golden(`(global $g (mut i64) (i64.const 0)) (table $t 2 funcref) (elem declare func 0)
      (func (param i32 i64) (result i32)
        (global.set $g (select (local.get 1) (global.get $g) (local.get 0)))
        (table.set $t (local.get 0) (ref.func 0))
        (ref.is_null (table.get $t (local.get 0))))`, `
    0: global.get64 r3, g0
    3: select64 r2, r1, r3, r0
    8: global.set64 g0, r2
    11: ref.func r3, f0
    14: table.set t0, r0, r3
    18: table.get r2, t0, r0
    22: ref.is_null r0, r2
    25: return`);
});

test('3.0 tail calls: arguments move to r0… (saving a parameter an earlier move overwrites)', () => {
  golden(`(func $f (param i64 i32) (result i32)
      (if (result i32) (i64.eqz (local.get 0)) (then (local.get 1))
        (else (return_call $f (i64.sub (local.get 0) (i64.const 1)) (local.get 1)))))`, `
    0: i64.eqz r2, r0
    3: br_unless r2, @11
    6: copy32 r2, r1
    9: br @21
    11: i64.add_imm r2, r0, 0xffffffffffffffff
    16: copy64 r0, r2
    19: return_call f0
    21: copy32 r0, r2
    24: return`, wasm3);
  golden(`(func $f (param i32 i32) (result i32) (return_call $f (local.get 1) (local.get 0)))`, `
    0: copy32x3 r3, r0, r0, r1, r1, r3
    7: return_call f0`, wasm3);
});

test('3.0 br_on_null and call_ref: the operand below the reference is dropped on the null path', () => {
  golden(`(type $t (func (result i32)))
      (func (param (ref null $t)) (result i32)
        (block $l (result i32)
          (block $n (br_on_null $n (i32.const 7) (local.get 0)) (call_ref $t) (br $l))
          (i32.const -1)))`, `
    0: br_on_null r0, @11
    3: call_ref r0, r2
    6: copy32 r1, r2
    9: br @14
    11: const32 r1, -1
    14: copy32 r0, r1
    17: return`, wasm3);
});

test('frame layout: params, zeroed locals, temporaries; a ref local is flagged', () => {
  const c = translate(`(func (param i64 f32) (result i32) (local i32 externref)
      (i32.add (i32.const 1) (i32.add (i32.const 2) (local.get 2))))`);
  assert.is(c.paramWords, 4);
  assert.is(c.localWords, 8);
  assert.ok(c.frameWords >= 10, 'room for temporaries');
  assert.ok(c.refLocals);
  assert.not.ok(translate('(func (param externref))').refLocals, 'parameters are not zeroed');
});

test('input the interpreter cannot run yet is a CompileError, not a JS error', () => {
  const m = parseWat(`(module (memory 1) (memory 1) (func (i32.store 1 (i32.const 0) (i32.const 0))))`, wasm3);
  validateModule(m, wasm3);
  assert.throws(() => translateFunc(m, 0), (e: unknown) => e instanceof CompileError && /not supported.*multiple memories/.test((e as Error).message));
  // A 64-bit memory's addresses are i64: refused rather than read as their low word.
  const m64 = parseWat(`(module (memory i64 1) (func (param i64) (result i32) (i32.load (local.get 0))))`, wasm3);
  validateModule(m64, wasm3);
  assert.throws(() => translateFunc(m64, 0), (e: unknown) => e instanceof CompileError && /64-bit memories/.test((e as Error).message));
});

test('v128: four-word registers, one simd_* instruction per shape naming its SIMD op, fused local.set', () => {
  golden(`(memory 1) (global $g (mut v128) (v128.const i32x4 0 0 0 0))
    (func (param v128 v128 i32) (result i32)
      (local.set 0 (i8x16.avgr_u (local.get 0) (local.get 1)))
      (local.set 1 (i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31 (local.get 0) (v128.const i32x4 1 2 3 -1)))
      (v128.store offset=16 (local.get 2) (v128.load64_zero (local.get 2)))
      (global.set $g (select (local.get 0) (local.get 1) (local.get 2)))
      (v128.store8_lane 15 (local.get 2) (i32x4.replace_lane 3 (local.get 1) (local.get 2)))
      (i32.add (i16x8.extract_lane_s 7 (local.get 0)) (v128.any_true (v128.bitselect (local.get 0) (local.get 1) (global.get $g)))))`, `
     0: simd_binary r0, i8x16.avgr_u, r0, r2
     5: const128 r7, i32x4 0x1 0x2 0x3 0xffffffff
    11: i8x16.shuffle_w r2, r0.0 rotr 0 & 0b0101, r7.0 rotr 0 & 0b1010, r0.1 rotr 0 & 0b0101, r7.1 rotr 0 & 0b1010, r1.0 rotr 0 & 0b0101, r8.0 rotr 0 & 0b1010, r1.1 rotr 0 & 0b0101, r8.1 rotr 0 & 0b1010
    21: simd_load r6, v128.load64_zero, r4, 0
    26: v128.store r4, r6, 16
    30: select128 r5, r0, r2, r4
    35: global.set128 g0, r5
    38: simd_replace r6, i32x4.replace_lane, r2, r4, 3
    44: simd_store_lane v128.store8_lane, r4, r6, 0, 15
    50: simd_extract r5, i16x8.extract_lane_s, r0, 7
    55: global.get128 r10, g0
    58: simd_ternary r6, v128.bitselect, r0, r2, r10
    64: simd_unary r6, v128.any_true, r6
    68: i32.add r0, r5, r6
    72: return`);
});

test('hot SIMD instructions inline: v128.load absorbs its address add, shifts take constant counts', () => {
  // The first shuffle's terms: lane 17 is byte 1 of b = r1 (word 0 of slot 1), moved to byte 0
  // by a rotation; lane 0 is byte 0 of a = r4, copied to the other bytes. The second needs four
  // terms for word 0 (a byte from each word), so it keeps the byte form, whose selectors are
  // word << 5 | bit: lane 4 is byte 0 of a's word 9, 9 << 5 = 288; lane 31, byte 3 of b's word 5: 5 << 5 | 24 = 184.
  golden(`(memory 1)
    (func (param i32 v128) (result v128) (local i32)
      (v128.store (local.get 0) (f32x4.sub (v128.load offset=4 (i32.add (local.get 0) (i32.const 16))) (local.get 1)))
      (local.set 1 (i32x4.shr_u (v128.load (local.tee 2 (i32.add (local.get 0) (i32.const 32)))) (i32.const 33)))
      (v128.store32_lane 3 (local.get 2) (i32x4.splat (i32x4.extract_lane 2 (local.get 1))))
      (local.set 1 (i8x16.shuffle 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 (v128.load16x4_s (local.get 0)) (local.get 1)))
      (i8x16.shuffle 0 4 8 31 0 0 0 0 0 0 0 0 0 0 0 0 (local.get 1) (local.get 1)))`, `
     0: v128.load_add r5, r0, 0, 16, 4
     6: f32x4.sub r5, r5, r1
    10: v128.store r0, r5, 0
    14: v128.load_tee r4, r3, r0, 32, 0
    20: i32x4.shr_u_imm r1, r4, 1
    24: i32x4.extract_lane r5, r1, 2
    28: i32x4.splat r5, r5
    31: v128.store32_lane r3, r5, 0, 3
    36: v128.load16x4_s r4, r0, 0
    40: i8x16.shuffle_w r1, r1.0 rotr 8 & 0b0001, r4.0 byte 0 to 0b1110, r4.0 byte 0 to 0b1111, r4.0 byte 0 to 0b1111, r4.0 byte 0 to 0b1111, r4.0 byte 0 to 0b1111, r4.0 byte 0 to 0b1111, r4.0 byte 0 to 0b1111
    50: i8x16.shuffle r0, 64, 96, 128, 184, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64
    68: return`);
});

test('metering: meter at the entry (body outside loops) and at each loop header (its body)', () => {
  const m = parseWat(`(module (func (param i32) (result i32)
    (loop (br_if 0 (local.get 0)))
    (block (loop (loop (br 0)) (br 0)))
    (local.get 0)))`, wasm2);
  validateModule(m, wasm2);
  // A `loop` is charged to the region around it, its `end` to the loop itself.
  assert.equal(dumpIR(translateFunc(m, 0, true).code).split('\n').map((l) => l.trim()), [
    '0: meter 5', // loop, block, loop, end (of the block), local.get
    '2: meter 3', // local.get, br_if, end
    '4: br_if r0, @2',
    '7: meter 3', // loop (the inner one), br, end
    '9: meter 2', // br, end
    '11: br @9',
    '13: br @7',
    '15: return',
  ]);
  // Unmetered code has none.
  assert.not.match(dumpIR(translateFunc(m, 0).code), 'meter');
});

test('xor of rotates: Σ (rotr ^ rotr ^ rotr) and σ (rotr ^ rotr ^ shr) of SHA-512, and a pair', () => {
  golden(`(func (param i64 i64) (result i64)
      (local.set 1 (i64.xor (i64.xor (i64.rotr (local.get 0) (i64.const 28)) (i64.rotr (local.get 0) (i64.const 34)))
        (i64.rotr (local.get 1) (i64.const 39))))
      (local.set 0 (i64.xor (i64.xor (i64.rotr (local.get 1) (i64.const 1)) (i64.rotr (local.get 0) (i64.const 8)))
        (i64.shr_u (local.get 1) (i64.const 7))))
      (i64.xor (i64.rotl (local.get 0) (i64.const 3)) (i64.rotl (local.get 1) (i64.const 5))))`, `
    0: i64.rotl3_xor r1, r0, 36, r0, 30, r1, 25
    8: i64.rotl2_shr_xor r0, r1, 63, r0, 56, r1, 7
    16: i64.rotl2_xor r0, r0, 3, r1, 5
    22: return`);
});

test('bitwise pairs: and of a xor, xor of an and, and of a xor with a constant; copies in threes', () => {
  golden(`(func (param i64 i64 i64 i32 i32 i32) (result i64) (local i64 i32)
      (local.set 0 (i64.and (local.get 0) (i64.xor (local.get 1) (local.get 2))))
      (local.set 1 (i64.xor (i64.and (local.get 1) (local.get 2)) (local.get 0)))
      (loop $l
        (local.set 6 (local.get 2)) (local.set 2 (local.get 1)) (local.set 1 (local.get 0)) (local.set 0 (local.get 6))
        (local.set 7 (local.get 5)) (local.set 5 (local.get 4)) (local.set 4 (local.get 3)) (local.set 3 (local.get 7))
        (br_if $l (local.get 3)))
      (i64.and (local.get 2) (i64.xor (local.get 0) (i64.const -1))))`, `
    0: i64.xor_and r0, r0, r1, r2
    5: i64.and_xor r1, r0, r1, r2
    10: copy64x3 r6, r2, r2, r1, r1, r0
    17: copy64 r0, r6
    20: copy32x3 r7, r5, r5, r4, r4, r3
    27: copy32 r3, r7
    30: br_if r3, @10
    33: i64.xor_imm_and r0, r2, r0, 0xffffffffffffffff
    39: return`);
});

test('i64.load_mul_imm_add: a loaded word times a constant, added (load64 and load64_add addresses; a constant addend keeps add_imm)', () => {
  golden(`(memory 1) (func (param i32 i64) (result i64)
      (local.set 1 (i64.add (local.get 1) (i64.mul (i64.load (local.get 0)) (i64.const 3))))
      (local.set 1 (i64.add (i64.mul (i64.load offset=8 (i32.add (local.get 0) (i32.const 16))) (i64.const -7)) (local.get 1)))
      (i64.add (i64.const 5) (i64.mul (i64.load (local.get 0)) (i64.const 9))))`, `
    0: i64.load_mul_imm_add r1, r1, r0, 0, 0, 0, 0x3
    9: i64.load_mul_imm_add r1, r1, r0, 0, 16, 8, 0xfffffffffffffff9
    18: load64 r3, r0, 0
    22: i64.mul_imm r3, r3, 0x9
    27: i64.add_imm r0, r3, 0x5
    32: return`);
});

test('i64 sums absorbing their term: σ added, a loaded word added (twice), majority and choice added', () => {
  golden(`(memory 1) (func (param i32 i64 i64 i64) (result i64)
      (local.set 1 (i64.add (local.get 2) (i64.xor (i64.xor (i64.rotr (local.get 1) (i64.const 1))
        (i64.rotr (local.get 1) (i64.const 8))) (i64.shr_u (local.get 1) (i64.const 7)))))
      (local.set 2 (i64.add (local.get 2) (i64.load offset=8 (i32.add (local.get 0) (i32.const 16)))))
      (local.set 3 (i64.add (local.get 3) (i64.add (local.get 2) (i64.load (i32.add (local.get 0) (i32.const 24))))))
      (local.set 1 (i64.add (local.get 1) (i64.xor (i64.and (local.get 2) (local.get 3)) (local.get 1))))
      (i64.add (local.get 1) (i64.and (local.get 2) (i64.xor (local.get 3) (i64.const -1)))))`, `
    0: i64.rotl2_shr_xor_add r1, r2, r1, 63, r1, 56, r1, 7
    9: i64.add_mem r2, r2, r0, 0, 16, 8
    16: i64.add3_mem r3, r3, r2, r0, 0, 24, 0
    24: i64.and_xor_add r1, r1, r1, r2, r3
    30: i64.xor_imm_and_add r0, r1, r2, r3, 0xffffffffffffffff
    37: return`);
});

test('i64 shift and mask, or-ed in; a tree of them reversing one register\'s bytes is one i64.bswap', () => {
  const tree = (last: string) => `(i64.or (i64.or (i64.or (i64.shl (local.get 0) (i64.const 56))
        (i64.and (i64.shl (local.get 0) (i64.const 40)) (i64.const 0xff000000000000)))
        (i64.or (i64.and (i64.shl (local.get 0) (i64.const 24)) (i64.const 0xff0000000000))
          (i64.and (i64.shl (local.get 0) (i64.const 8)) (i64.const 0xff00000000))))
        (i64.or (i64.or (i64.and (i64.shr_u (local.get 0) (i64.const 8)) (i64.const 0xff000000))
          (i64.and (i64.shr_u (local.get 0) (i64.const 24)) (i64.const 0xff0000)))
          (i64.or (i64.and (i64.shr_u (local.get 0) (i64.const 40)) (i64.const 0xff00)) ${last})))`;
  // LLVM's expansion of a 64-bit byte swap.
  golden(`(func (param i64) (result i64) ${tree('(i64.shr_u (local.get 0) (i64.const 56))')})`, `
    0: i64.bswap r0, r0
    3: return`);
  // The top byte from another register: no byte swap, the shifts and masks as they are.
  golden(`(func (param i64 i64) (result i64) ${tree('(i64.shr_u (local.get 1) (i64.const 56))')})`, `
    0: i64.shl_imm r2, r0, 56
    4: i64.shl_and_imm_or r2, r2, r0, 40, 0xff000000000000
    11: i64.shl_and_imm r3, r0, 24, 0xff0000000000
    17: i64.shl_and_imm_or r3, r3, r0, 8, 0xff00000000
    24: i64.or r2, r2, r3
    28: i64.shr_u_and_imm r3, r0, 8, 0xff000000
    34: i64.shr_u_and_imm_or r3, r3, r0, 24, 0xff0000
    41: i64.shr_u_and_imm r4, r0, 40, 0xff00
    47: i64.shr_u_and_imm_or r4, r4, r1, 56, 0xffffffffffffffff
    54: i64.or r3, r3, r4
    58: i64.or r0, r2, r3
    62: return`);
  // The local the tree reads written inside it (a tee), or a byte twice: no byte swap either.
  assert.not.match(dumpIR(translate(`(func (param i64) (result i64)
    ${tree('(i64.shr_u (local.tee 0 (i64.shl (local.get 0) (i64.const 8))) (i64.const 56))')})`).code), 'bswap');
  assert.not.match(dumpIR(translate(`(func (param i64) (result i64)
    ${tree('(i64.shr_u (local.get 0) (i64.const 48))')})`).code), 'bswap');
});

test('pairs: two i64.add and copy64x3 + copy64x2 run as one, not where a branch targets the second', () => {
  golden(`(func (param i64 i64 i64 i64 i32) (result i64) (local i64)
      (local.set 0 (i64.add (local.get 1) (local.get 2)))
      (local.set 1 (i64.add (local.get 0) (local.get 3)))
      (block (br_if 0 (local.get 4)) (local.set 2 (i64.add (local.get 1) (local.get 2))))
      (local.set 3 (i64.add (local.get 2) (local.get 2)))
      (loop $l
        (local.set 5 (local.get 3)) (local.set 3 (local.get 2)) (local.set 2 (local.get 1)) (local.set 1 (local.get 0))
        (local.set 0 (local.get 5))
        (br_if $l (local.tee 4 (i32.sub (local.get 4) (i32.const 1)))))
      (i64.add (local.get 0) (local.get 3)))`, `
    0: i64.add2 r0, r1, r2
    4: i64.add r1, r0, r3
    8: br_if r4, @15
    11: i64.add r2, r1, r2
    15: i64.add r3, r2, r2
    19: copy64x5 r5, r3, r3, r2, r2, r1
    26: copy64x2 r1, r0, r0, r5
    31: step_br_if r4, r4, -1, r4, @19
    37: i64.add r0, r0, r3
    41: return`);
});

test('pairs of the SHA-2 loops: a sum and its and, the majority, a load and a step, an address and a load, a load and its σ, moves and a Σ, a back edge', () => {
  golden(`(memory 1) (func (param i64 i64 i64 i64 i32 i64 i32) (result i64) (local i64 i64 i64)
      (local.set 0 (i64.add (local.get 3) (i64.add (local.get 1) (i64.and (local.get 2) (local.get 0)))))
      (local.set 0 (i64.add (local.get 0) (i64.xor (i64.and (local.get 1) (i64.xor (local.get 2) (local.get 3)))
        (i64.and (local.get 2) (local.get 3)))))
      (local.set 5 (i64.load (i32.add (local.get 4) (local.get 6))))
      (local.set 6 (i32.add (local.get 6) (i32.const 8)))
      (local.set 4 (i32.add (local.get 4) (local.get 6)))
      (local.set 5 (i64.load offset=8 (i32.add (local.get 4) (i32.const 16))))
      (local.set 1 (i64.load (i32.add (local.get 4) (i32.const 24))))
      (local.set 0 (i64.add (local.get 0) (i64.xor (i64.xor (i64.rotr (local.get 1) (i64.const 19))
        (i64.rotr (local.get 1) (i64.const 61))) (i64.shr_u (local.get 1) (i64.const 6)))))
      (block $x (loop $l
        (local.set 9 (local.get 3)) (local.set 3 (local.get 2)) (local.set 2 (local.get 1))
        (local.set 0 (i64.xor (i64.xor (i64.rotr (local.get 2) (i64.const 28)) (i64.rotr (local.get 2) (i64.const 34)))
          (i64.rotr (local.get 2) (i64.const 39))))
        (br_if $x (i32.eqz (local.get 6)))
        (local.set 6 (i32.sub (local.get 6) (i32.const 1)))
        (local.set 1 (local.get 0)) (local.set 7 (local.get 9)) (local.set 8 (local.get 3)) (local.set 5 (local.get 7))
        (local.set 0 (local.get 8))
        (br $l)))
      (i64.add (local.get 0) (local.get 5)))`, `
    0: i64.and_then_add3 r12, r2, r0
    4: i64.add3 r0, r3, r1, r12
    9: i64.xor_and_then_and_xor_add r11, r1, r2, r3
    14: i64.and_xor_add r0, r0, r11, r2, r3
    20: load64_idx_then_add_imm r5, r4, r6, 0
    25: i32.add_imm r6, r6, 8
    29: i32.add_then_load64_add r4, r4, r6
    33: load64_add r5, r4, 0, 16, 8
    39: load64_add_then_rotl2_shr_xor_add r1, r4, 0, 24, 0
    45: i64.rotl2_shr_xor_add r0, r0, r1, 45, r1, 3, r1, 6
    54: copy64x3_then_rotl3_xor r9, r3, r3, r2, r2, r1
    61: i64.rotl3_xor r0, r2, 36, r2, 30, r2, 25
    69: br_unless r6, @90
    72: i32.add_imm r6, r6, -1
    76: copy64x5_br r1, r0, r7, r9, r8, r3
    83: copy64x2 r5, r7, r0, r8
    88: br @54
    90: i64.add r0, r0, r5
    94: return`);
});

test('pairs of the other programs: a register step and its branch, a product and its sum, an argument and its call, xxHash\'s round', () => {
  golden(`(memory 1)
    (func $g (param i32) (result i32) (local.get 0))
    (func (param i32 i32 i32 f64 f64 i64) (result i32) (local f64)
      (loop $l
        (local.set 0 (i32.add (local.get 0) (local.get 1)))
        (br_if $l (i32.le_u (local.get 0) (local.get 2))))
      (local.set 6 (f64.mul (local.get 3) (local.get 4)))
      (local.set 3 (f64.add (local.get 6) (local.get 3)))
      (local.set 1 (call $g (i32.add (local.get 1) (i32.const -1))))
      (loop $m
        (local.set 2 (i32.add (local.get 2) (local.get 1)))
        (br_if $m (i32.gt_u (local.tee 0 (i32.add (local.get 0) (i32.const -2))) (i32.const 1))))
      (local.set 5 (i64.mul (i64.rotl (i64.add (local.get 5) (i64.mul (i64.load (local.get 0)) (i64.const -4417276706812531889)))
        (i64.const 31)) (i64.const -7046029288634856825)))
      (i32.add (local.get 0) (i32.wrap_i64 (local.get 5))))`, `
    0: i32.add_then_br_le_u r0, r0, r1
    4: br_le_u r0, r2, @0
    8: f64.mul_then_add r6, r3, r4
    12: f64.add r3, r6, r3
    16: i32.add_imm_then_call r7, r1, -1
    20: call f0, r7
    23: copy32 r1, r7
    26: i32.add_then_step_br_gt_u_imm r2, r2, r1
    30: step_br_gt_u_imm r0, r0, -2, r0, 1, @26
    37: i64.load_mul_imm_add_then_rotl_imm_mul_imm r7, r5, r0, 0, 0, 0, 0xc2b2ae3d27d4eb4f
    46: i64.rotl_imm_mul_imm r5, r7, r7, 31, 0x9e3779b185ebca87
    53: i32.add r0, r0, r5
    57: return`);
});

test('constant registers: a constant an operand reads in a loop is set once at entry (a zero needs no code)', () => {
  golden(`(func (param f64 i32) (result f64)
      (loop $l
        (local.set 0 (f64.add (f64.mul (local.get 0) (f64.const 0.5)) (f64.const 0)))
        (br_if $l (f64.gt (local.get 0) (f64.const 4))))
      (f64.mul (local.get 0) (f64.const 0.5)))`, `
    0: const64 r2, 0x3fe0000000000000
    4: const64 r4, 0x4010000000000000
    8: f64.mul_then_add r5, r0, r2
    12: f64.add r0, r5, r3
    16: br_f64_gt r0, r4, @8
    20: f64.mul r0, r0, r2
    24: return`);
  // Outside loops, a constant read once is still written where it is used.
  golden(`(func (param f64) (result f64) (f64.mul (local.get 0) (f64.const 0.5)))`, `
    0: const64 r2, 0x3fe0000000000000
    4: f64.mul r0, r0, r2
    8: return`);
});

test('i32.mul_shl_imm, f32.mul_mul_sub (the first product may lie further back), three steps and a branch', () => {
  golden(`(func (param i32 i32) (result i32) (i32.shl (i32.mul (local.get 0) (local.get 1)) (i32.const 34)))`, `
    0: i32.mul_shl_imm r0, r0, r1, 2
    5: return`);
  // The load a local.tee keeps lies between the two products: the first one moves after it.
  golden(`(func (param f32 f32 i32) (result f32) (local f32)
      (f32.sub (f32.mul (local.get 0) (local.get 1)) (f32.mul (local.tee 3 (f32.load (local.get 2))) (local.get 1))))
      (memory 1)`, `
    0: load32 r3, r2, 0
    4: f32.mul_mul_sub r0, r0, r1, r3, r1
    10: return`);
  // Not when an instruction between writes a register the first product reads.
  golden(`(func (param f32 f32 i32) (result f32)
      (f32.add (f32.mul (local.get 0) (local.get 1)) (f32.mul (local.tee 0 (f32.load (local.get 2))) (local.get 1))))
      (memory 1)`, `
    0: f32.mul r3, r0, r1
    4: load32 r0, r2, 0
    8: f32.mul_add r0, r3, r0, r1
    13: return`);
  // Two pointers and a counter (i32.add_imm2, then step_br_if); one pointer and a counter.
  golden(`(func (param i32 i32 i32)
      (loop $l
        (i32.store (local.get 0) (i32.load (local.get 1)))
        (local.set 0 (i32.add (local.get 0) (i32.const 4)))
        (local.set 1 (i32.add (local.get 1) (i32.const 4)))
        (br_if $l (local.tee 2 (i32.sub (local.get 2) (i32.const 1))))))
      (memory 1)`, `
    0: load32 r4, r1, 0
    4: store32 r0, r4, 0
    8: step3_br_if r0, r0, 4, r1, r1, 4, r2, r2, -1, r2, @0
    20: return`);
  golden(`(func (param i32 i32 i32)
      (loop $l
        (i32.store (local.get 0) (i32.const 7))
        (local.set 0 (i32.add (local.get 0) (i32.const 4)))
        (br_if $l (i32.ne (local.tee 1 (i32.add (local.get 1) (i32.const 1))) (local.get 2)))))
      (memory 1)`, `
    0: store32_imm r0, 7, 0
    4: step3_br_ne r0, r0, 4, r0, r0, 0, r1, r1, 1, r1, r2, @0
    17: return`);
});

test('compound assignment: *p += x · y drops the reload of *p (f64.mul_add_to), not across a store', () => {
  golden(`(func (param i32 i32 f64)
      (f64.store offset=8 (local.get 0) (f64.add (f64.load offset=8 (local.get 0)) (f64.mul (local.get 2) (f64.load (local.get 1))))))
      (memory 1)`, `
    0: f64.mul_load_add_to r0, 8, r2, r1, 0, 0, 0
    8: return`);
  golden(`(func (param i32 i32 f64)
      (f64.store (local.get 0) (f64.sub (f64.load (local.get 0)) (f64.mul (local.get 2) (f64.load (local.get 1))))))
      (memory 1)`, `
    0: load64 r6, r1, 0
    4: f64.mul_sub_to r0, 0, r2, r6
    9: return`);
  golden(`(func (param i32 i32 f64)
      (f64.store (local.get 0) (f64.add (f64.load (local.get 0))
        (f64.mul (local.get 2) (block (result f64) (f64.store (local.get 1) (local.get 2)) (f64.load (local.get 1)))))))
      (memory 1)`, `
    0: load64 r4, r0, 0
    4: copy32 r3, r0
    7: copy64 r5, r2
    10: store64 r1, r2, 0
    14: load64 r6, r1, 0
    18: f64.mul_add_store r3, 0, r4, r5, r6
    24: return`);
});

test('three steps and a branch: behind an i32.add_imm2 alone (br), a step of a local before a step_br_ne_imm', () => {
  golden(`(func (param i32 i32 i32)
      (loop $l
        (local.set 0 (i32.add (local.get 0) (i32.const 1)))
        (local.set 1 (i32.add (local.get 1) (i32.const 2)))
        (br $l))
      (loop $m
        (local.set 2 (i32.add (local.get 2) (i32.const 96)))
        (br_if $m (i32.ne (local.tee 0 (i32.add (local.get 0) (i32.const 4))) (i32.const 48)))))`, `
    0: step3_br r0, r0, 1, r1, r1, 2, r0, r0, 0, @0
    11: step3_br_ne_imm r2, r2, 96, r2, r2, 0, r0, r0, 4, r0, 48, @11
    24: return`);
});

test('axpy: f64.mul_add_to takes in the load of its other factor; a tee-kept address keeps its add', () => {
  golden(`(func (param i32 i32 f64) (local i32)
      (f64.store (local.tee 3 (i32.add (local.get 0) (i32.const 8)))
        (f64.add (f64.load (local.get 3)) (f64.mul (f64.load offset=8 (local.get 1)) (local.get 2)))))
      (memory 1)`, `
    0: i32.add_imm r3, r0, 8
    4: f64.mul_load_add_to r3, 0, r2, r1, 0, 0, 8
    12: return`);
});

test('compound addition: *p += x drops the reload of *p whichever side of the add it is on (f64.add_to)', () => {
  golden(`(func (param i32 f64)
      (f64.store (local.get 0) (f64.add (f64.load (local.get 0)) (f64.mul (local.get 1) (local.get 1))))
      (f64.store offset=8 (local.get 0) (f64.add (f64.sqrt (local.get 1)) (f64.load offset=8 (local.get 0))))
      (f64.store offset=16 (local.get 0) (f64.add (f64.mul (local.get 1) (local.get 1)) (f64.load offset=16 (local.get 0)))))
      (memory 1)`, `
    0: f64.mul_add_to r0, 0, r1, r1
    5: f64.sqrt r3, r1
    8: f64.add_to r0, 8, r3
    12: f64.mul_add_to r0, 16, r1, r1
    17: return`);
});

test('f64.mul2_add_to / mul2_sub_to: *p ± (x · y) · z takes in the first product, from further back too, not across a write of x', () => {
  golden(`(func (param i32 f64 f64 f64)
      (f64.store (local.get 0) (f64.sub (f64.load (local.get 0)) (f64.mul (f64.mul (local.get 1) (local.get 2)) (local.get 3))))
      (f64.store offset=8 (local.get 0) (f64.add (f64.load offset=8 (local.get 0)) (f64.mul (local.get 3) (f64.mul (local.get 1) (local.get 2)))))
      (f64.store offset=16 (local.get 0) (f64.add (f64.mul (local.get 3) (f64.mul (local.get 1) (local.get 2))) (f64.load offset=16 (local.get 0))))
      (f64.store offset=24 (local.get 0) (f64.sub (f64.load offset=24 (local.get 0))
        (f64.mul (f64.mul (local.get 1) (local.get 2)) (f64.div (local.get 3) (local.get 1)))))
      (f64.store offset=32 (local.get 0) (f64.sub (f64.load offset=32 (local.get 0))
        (f64.mul (f64.mul (local.get 1) (local.get 2)) (local.tee 1 (local.get 3))))))
      (memory 1)`, `
    0: f64.mul2_sub_to r0, 0, r1, r2, r3
    6: f64.mul2_add_to r0, 8, r1, r2, r3
    12: f64.mul2_add_to r0, 16, r1, r2, r3
    18: f64.div r7, r3, r1
    22: f64.mul2_sub_to r0, 24, r1, r2, r7
    28: f64.mul r6, r1, r2
    32: copy64 r1, r3
    35: f64.mul_sub_to r0, 32, r6, r3
    40: return`);
});

test('an i32.add_imm setting a local moves into a later load of it (load32_tee), not past a read of it, a write of its base or a branch', () => {
  golden(`(func (param i32 i32) (result i32) (local i32 i32)
      (local.set 2 (i32.add (local.get 0) (i32.const 16)))
      (local.set 1 (i32.load (local.get 1)))
      (local.set 3 (i32.add (local.get 1) (i32.load offset=4 (local.get 2))))
      (local.set 2 (i32.add (local.get 0) (i32.const 8)))
      (local.set 1 (i32.add (local.get 2) (local.get 1)))
      (local.set 3 (i32.add (local.get 3) (i32.load (local.get 2))))
      (local.set 2 (i32.add (local.get 0) (i32.const 8)))
      (local.set 0 (i32.const 5))
      (local.set 3 (i32.add (local.get 3) (i32.load (local.get 2))))
      (local.set 2 (i32.add (local.get 0) (i32.const 24)))
      (block (br_if 0 (local.get 1)))
      (i32.add (local.get 3) (i32.load (local.get 2))))
      (memory 1)`, `
    0: load32 r1, r1, 0
    4: load32_tee r5, r2, r0, 16, 4
    10: i32.add r3, r1, r5
    14: i32.add_imm r2, r0, 8
    18: i32.add r1, r2, r1
    22: load32 r5, r2, 0
    26: i32.add r3, r3, r5
    30: i32.add_imm r2, r0, 8
    34: const32 r0, 5
    37: load32 r5, r2, 0
    41: i32.add r3, r3, r5
    45: step_br_if r2, r0, 24, r1, @51
    51: load32 r5, r2, 0
    55: i32.add r0, r3, r5
    59: return`);
});

test('compound assignment to a C global: the load64_abs reload is dropped, a load64_abs factor taken in through the address register', () => {
  golden(`(func (param f64)
      (f64.store offset=24 (i32.const 0) (f64.add (f64.load offset=24 (i32.const 0)) (f64.mul (f64.load offset=40 (i32.const 0)) (local.get 0))))
      (f64.store offset=32 (i32.const 0) (f64.sub (f64.load offset=32 (i32.const 0)) (f64.mul (local.get 0) (local.get 0))))
      (f64.store offset=48 (i32.const 0) (f64.sub (f64.load offset=56 (i32.const 0)) (f64.mul (local.get 0) (local.get 0)))))
      (memory 1)`, `
    0: f64.mul_load_add_to r1, 24, r0, r1, 0, 40, 0
    8: f64.mul_sub_to r1, 32, r0, r0
    13: load64_abs r3, 56
    16: f64.mul_sub_store r1, 48, r3, r0, r0
    22: return`);
});

test('f64.sub_load_add (x − p[k], the load on the right only) and f64.sqrt_mul (either side)', () => {
  golden(`(func (param i32 f64) (result f64)
      (f64.sub (local.get 1) (f64.load offset=8 (i32.add (local.get 0) (i32.const 16))))
      (f64.sub (local.get 1) (f64.load (local.get 0)))
      (f64.sub (f64.load (local.get 0)) (local.get 1))
      (f64.mul (local.get 1) (f64.sqrt (local.get 1)))
      (f64.mul (f64.sqrt (local.get 1)) (local.get 1))
      (f64.add) (f64.add) (f64.add) (f64.add))
      (memory 1)`, `
    0: f64.sub_load_add r2, r1, r0, 0, 16, 8
    7: f64.sub_load_add r3, r1, r0, 0, 0, 0
    14: load64 r4, r0, 0
    18: f64.sub r4, r4, r1
    22: f64.sqrt_mul r5, r1, r1
    26: f64.sqrt_mul r6, r1, r1
    30: f64.add r5, r5, r6
    34: f64.add r4, r4, r5
    38: f64.add r3, r3, r4
    42: f64.add r0, r2, r3
    46: return`);
});

test('f32.add_store2: two f32.add_store in a row, not across a label', () => {
  golden(`(func (param i32 i32 f32 f32)
      (f32.store (local.get 0) (f32.add (local.get 2) (local.get 3)))
      (f32.store offset=4 (local.get 1) (f32.add (local.get 3) (local.get 3)))
      (block (f32.store (local.get 0) (f32.add (local.get 2) (local.get 2)))))
      (memory 1)`, `
    0: f32.add_store2 r0, 0, r2, r3, r1, 4, r3, r3
    9: f32.add_store r0, 0, r2, r2
    14: return`);
});

test('br_table_add: a br_table takes in the i32.add_imm computing its index', () => {
  golden(`(func (param i32) (result i32)
      (block (block (block (br_table 0 1 2 (i32.sub (local.get 0) (i32.const 97)))) (return (i32.const 10))) (return (i32.const 11)))
      (i32.const 12))`, `
    0: br_table_add r0, -97, [@7 @11] default @15
    7: const32 r0, 10
    10: return
    11: const32 r0, 11
    14: return
    15: const32 r0, 12
    18: return`);
});

test('load32_sidx: base + (index << s), the shift and the add taken into the load (either order of the add)', () => {
  golden(`(func (param i32 i32) (result i32)
      (i32.add (i32.load offset=4 (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 2))))
        (i32.load (i32.add (i32.shl (local.get 1) (i32.const 3)) (local.get 0)))))
      (memory 1)`, `
    0: load32_sidx r2, r0, r1, 2, 4
    6: load32_sidx r3, r0, r1, 3, 0
    12: i32.add r0, r2, r3
    16: return`);
});

test('v128.store absorbs the add computing its address, as the scalar stores do', () => {
  golden(`(memory 1)
    (func (param i32 i32 v128)
      (v128.store offset=4 (i32.add (local.get 0) (i32.const 16)) (f32x4.mul (local.get 2) (local.get 2)))
      (v128.store (i32.add (i32.shl (local.get 0) (i32.const 4)) (i32.const 32)) (local.get 2))
      (v128.store offset=8 (i32.add (local.get 0) (local.get 1)) (i32x4.add (local.get 2) (local.get 2))))`, `
     0: f32x4.mul r5, r2, r2
     4: v128.store_add r0, 0, 16, r5, 4
    10: v128.store_add r0, 4, 32, r2, 0
    16: i32x4.add r5, r2, r2
    20: v128.store_idx r0, r1, r5, 8
    25: return`);
});

test('fused vector arithmetic: a product feeding an add, a load or conversion feeding a multiply, a shift a xor', () => {
  golden(`(memory 1)
    (func (param v128 v128 i32) (result v128)
      (local.set 0 (f32x4.add (local.get 0) (f32x4.mul (local.get 1) (local.get 1))))
      (local.set 1 (i32x4.add (i32x4.mul (local.get 0) (local.get 1)) (local.get 1)))
      (local.set 0 (f32x4.mul (local.get 1) (f32x4.convert_i32x4_s (local.get 0))))
      (local.set 1 (v128.xor (local.get 1) (i32x4.shl (local.get 0) (i32.const 13))))
      (local.set 1 (v128.xor (i32x4.shr_u (local.get 1) (i32.const 17)) (local.get 1)))
      (local.set 0 (f32x4.min (f32x4.max (local.get 0) (local.get 1)) (local.get 1)))
      (local.set 1 (f32x4.sub (local.get 1) (v128.load (i32.add (local.get 2) (i32.const 32)))))
      (f32x4.mul (local.get 1) (v128.load offset=4 (i32.add (local.get 2) (i32.const 16)))))`, `
     0: f32x4.mul_add r0, r0, r2, r2
     5: i32x4.mul_add r2, r2, r0, r2
    10: f32x4.mul_convert_s r0, r2, r0
    14: i32x4.shl_xor r2, r2, r0, 13
    19: i32x4.shr_u_xor r2, r2, r2, 17
    24: f32x4.max_min r0, r2, r0, r2
    29: f32x4.sub_load_add_ac r2, r2, r4, 0, 32, 0
    36: f32x4.mul_load_add r0, r2, r4, 0, 16, 4
    43: return`);
});

test('f32x4.mul_load_add_add: an f32x4.add of an f32x4.mul_load_add; a plain v128.load fuses as v128.load_add with s = c = 0', () => {
  golden(`(memory 1)
    (func (param v128 v128 i32) (result v128)
      (local.set 0 (f32x4.add (local.get 0) (f32x4.mul (local.get 1) (v128.load offset=4 (i32.add (local.get 2) (i32.const 16))))))
      (local.set 1 (f32x4.sub (local.get 1) (v128.load offset=8 (local.get 2))))
      (f32x4.add (f32x4.mul (v128.load (local.get 2)) (local.get 1)) (local.get 0)))`, `
     0: f32x4.mul_load_add_add r0, r0, r2, r4, 0, 16, 4
     8: f32x4.sub_load_add r2, r2, r4, 0, 0, 8
    15: f32x4.mul_load_add_add r0, r0, r2, r4, 0, 0, 0
    23: return`);
});

test('more fused vector arithmetic: i32x4.add3, i32x4.mul_load16x4_s_add, i32x4.trunc_sat_mul_load_add, f32x4.mul_load_tee', () => {
  golden(`(memory 1)
    (func (param i32 v128 v128) (result v128) (local i32)
      (local.set 1 (i32x4.add (local.get 1) (i32x4.add (local.get 2) (local.get 1))))
      (local.set 1 (i32x4.mul (local.get 1) (v128.load16x4_s offset=2 (i32.add (local.get 0) (i32.const 8)))))
      (local.set 2 (i32x4.mul (v128.load16x4_s (local.get 0)) (local.get 2)))
      (local.set 1 (i32x4.add (local.get 1) (i32x4.trunc_sat_f32x4_s (f32x4.mul (local.get 2) (v128.load offset=4 (local.get 0))))))
      (f32x4.mul (v128.load offset=16 (local.tee 3 (i32.add (local.get 0) (i32.const 32)))) (local.get 1)))`, `
     0: i32x4.add3 r1, r1, r3, r1
     5: i32x4.mul_load16x4_s_add r1, r1, r0, 0, 8, 2
    12: i32x4.mul_load16x4_s_add_ac r3, r3, r0, 0, 0, 0
    19: i32x4.trunc_sat_mul_load_add r8, r3, r0, 0, 0, 4
    26: i32x4.add r1, r1, r8
    30: f32x4.mul_load_tee r0, r1, r5, r0, 32, 16
    37: return`);
});

test('i64x2.mul_load_add(_add): a loaded vector times a value, then added; a plain v128.load fuses with s = c = 0', () => {
  golden(`(memory 1)
    (func (param v128 v128 i32) (result v128)
      (local.set 0 (i64x2.mul (local.get 1) (v128.load offset=4 (i32.add (local.get 2) (i32.const 16)))))
      (local.set 1 (i64x2.add (local.get 0) (i64x2.mul (v128.load (local.get 2)) (local.get 1))))
      (i64x2.add (i64x2.mul (local.get 1) (v128.load offset=8 (local.get 2))) (local.get 0)))`, `
     0: i64x2.mul_load_add r0, r2, r4, 0, 16, 4
     7: i64x2.mul_load_add_add r2, r0, r2, r4, 0, 0, 0
    15: i64x2.mul_load_add_add r0, r0, r2, r4, 0, 0, 8
    23: return`);
});

test('f32x4.mul_convert_load_add: integers a v128.load(_add) just loaded, converted and multiplied', () => {
  // Not when something else (the i32x4.add) comes between the load and the conversion.
  golden(`(memory 1)
    (func (param i32 v128) (result v128)
      (local.set 1 (f32x4.mul (local.get 1) (f32x4.convert_i32x4_s (v128.load offset=16 (i32.add (local.get 0) (i32.const 32))))))
      (local.set 1 (f32x4.mul (f32x4.convert_i32x4_s (v128.load (local.get 0))) (local.get 1)))
      (f32x4.mul (local.get 1) (f32x4.convert_i32x4_s (i32x4.add (v128.load (local.get 0)) (local.get 1)))))`, `
     0: f32x4.mul_convert_load_add r1, r1, r0, 0, 32, 16
     7: f32x4.mul_convert_load_add_ac r1, r1, r0, 0, 0, 0
    14: v128.load r5, r0, 0
    18: i32x4.add r5, r5, r1
    22: f32x4.mul_convert_s r0, r1, r5
    26: return`);
});

test('a v128 constant made between a producer and its consumer moves before the producer, and the two fuse', () => {
  // The clamp's 4.0 is a temporary: it gets a register of its own (r11) above the frame. The
  // 0.25 is tee'd into local 3 (r5): the load does not read it, so the constant moves before the
  // load. The last convert reads local 3, which the constant then overwrites: nothing moves.
  golden(`(memory 1)
    (func (param i32 v128 v128) (result v128) (local v128)
      (local.set 1 (f32x4.min (f32x4.max (local.get 1) (local.get 2)) (v128.const f32x4 4 4 4 4)))
      (local.set 1 (f32x4.add (local.get 1) (f32x4.mul (v128.load (local.get 0)) (local.tee 3 (v128.const f32x4 0.25 0.25 0.25 0.25)))))
      (f32x4.mul (f32x4.convert_i32x4_s (local.get 3)) (local.tee 3 (v128.const f32x4 2 2 2 2))))`, `
     0: const128 r11, i32x4 0x40800000 0x40800000 0x40800000 0x40800000
     6: f32x4.max_min r1, r11, r1, r3
    11: const128 r5, i32x4 0x3e800000 0x3e800000 0x3e800000 0x3e800000
    17: f32x4.mul_load_add_add r1, r1, r5, r0, 0, 0, 0
    25: f32x4.convert_i32x4_s r7, r5
    28: const128 r5, i32x4 0x40000000 0x40000000 0x40000000 0x40000000
    34: f32x4.mul r0, r7, r5
    38: return`);
  // A v128.load_tee as the producer: it writes its address local (r5), not the constant's (r3),
  // so the constant moves before it and the two fuse into f32x4.mul_load_tee.
  golden(`(memory 1)
    (func (param i32 v128) (result v128) (local v128 i32)
      (local.set 1 (f32x4.mul (v128.load (local.tee 3 (i32.add (local.get 0) (i32.const 16))))
        (local.tee 2 (v128.const f32x4 0.5 0.5 0.5 0.5))))
      (f32x4.add (local.get 1) (local.get 2)))`, `
     0: const128 r3, i32x4 0x3f000000 0x3f000000 0x3f000000 0x3f000000
     6: f32x4.mul_load_tee r1, r3, r5, r0, 16, 0
    13: f32x4.add r0, r1, r3
    17: return`);
});

test('loop-invariant v128 constants move to the loop head, and the back edge jumps past them', () => {
  // r3 (local 2) is hoisted; the temporary r9 holds two constants, so each gets a register of its
  // own (r11, r13) that its reader reads; local 3 (r5) is also written by an add, so its constant
  // stays; in the second loop the constant comes after a branch.
  const loops = `(func (param i32 v128) (result v128) (local v128 v128)
      (loop $l
        (local.set 1 (f32x4.mul (local.get 1) (v128.const f32x4 0.5 0.5 0.5 0.5)))
        (local.set 2 (v128.const i32x4 1 2 3 4))
        (local.set 1 (i32x4.add (local.get 1) (local.get 2)))
        (local.set 3 (i32x4.add (local.get 3) (v128.const i32x4 7 7 7 7)))
        (local.set 3 (v128.const i32x4 9 9 9 9))
        (br_if $l (local.tee 0 (i32.add (local.get 0) (i32.const -1)))))
      (block $b
        (loop $m
          (br_if $b (i32.eqz (local.get 0)))
          (local.set 2 (v128.const i32x4 5 5 5 5))
          (local.set 0 (i32.add (local.get 0) (i32.const -1)))
          (br $m)))
      (i32x4.add (local.get 1) (local.get 2)))`;
  golden(loops, `
     0: const128 r11, i32x4 0x3f000000 0x3f000000 0x3f000000 0x3f000000
     6: const128 r3, i32x4 0x1 0x2 0x3 0x4
    12: const128 r13, i32x4 0x7 0x7 0x7 0x7
    18: f32x4.mul r1, r1, r11
    22: i32x4.add r1, r1, r3
    26: i32x4.add r5, r5, r13
    30: const128 r5, i32x4 0x9 0x9 0x9 0x9
    36: step_br_if r0, r0, -1, r0, @18
    42: br_unless r0, @56
    45: const128 r3, i32x4 0x5 0x5 0x5 0x5
    51: step_br r0, r0, -1, @42
    56: i32x4.add r0, r1, r3
    60: return`);
  // A local read in the loop before its constant is written keeps it (the first iteration reads
  // the value from before the loop); the other constant moves above both.
  golden(`(func (param i32 v128) (result v128) (local v128 v128)
      (local.set 3 (local.get 1))
      (loop $l
        (local.set 1 (i32x4.add (local.get 1) (local.get 3)))
        (local.set 3 (v128.const i32x4 1 2 3 4))
        (local.set 2 (v128.const i32x4 10 20 30 40))
        (local.set 1 (i32x4.mul (local.get 1) (local.get 2)))
        (br_if $l (local.tee 0 (i32.add (local.get 0) (i32.const -1)))))
      (i32x4.add (local.get 1) (local.get 2)))`, `
     0: copy128 r5, r1
     3: const128 r3, i32x4 0xa 0x14 0x1e 0x28
     9: i32x4.add r1, r1, r5
    13: const128 r5, i32x4 0x1 0x2 0x3 0x4
    19: i32x4.mul r1, r1, r3
    23: step_br_if r0, r0, -1, r0, @9
    29: i32x4.add r0, r1, r3
    33: return`);
  // A loop that calls, and metered code (the meter heads the loop), keep every constant in place.
  golden(`(func $g (param i32) (result i32) (local.get 0))
    (func $f (param i32 v128) (result v128) (local v128)
      (loop $l
        (local.set 2 (v128.const i32x4 1 2 3 4))
        (local.set 1 (i32x4.add (local.get 1) (local.get 2)))
        (br_if $l (call $g (local.tee 0 (i32.add (local.get 0) (i32.const -1))))))
      (local.get 1))`, `
     0: const128 r3, i32x4 0x1 0x2 0x3 0x4
     6: i32x4.add r1, r1, r3
    10: i32.add_imm r0, r0, -1
    14: copy32 r5, r0
    17: call f0, r5
    20: br_if r5, @0
    23: copy128 r0, r1
    26: return`);
  const m = parseWat(`(module ${loops})`, wasm2);
  validateModule(m, wasm2);
  assert.match(dumpIR(translateFunc(m, 0, true).code), /2: meter \d+\n +4: const128 r9, [^\n]*\n +10: f32x4.mul r1, r1, r9\n +\d+: const128 r3,/);
});

test('a shuffle of a splat just made reads the splatted scalar', () => {
  golden(`(memory 1)
    (func (param i32 v128) (result v128)
      (i8x16.shuffle 16 1 2 3 17 5 6 7 18 9 10 11 19 13 14 15 (local.get 1) (i32x4.splat (i32.load offset=4 (local.get 0)))))`, `
     0: load32 r5, r0, 4
     4: i8x16.shuffle_w r0, r5.0 rotr 0 & 0b0001, r1.0 rotr 0 & 0b1110, r5.0 rotr 8 & 0b0001, r1.1 rotr 0 & 0b1110, r5.0 rotr 16 & 0b0001, r2.0 rotr 0 & 0b1110, r5.0 rotr 24 & 0b0001, r2.1 rotr 0 & 0b1110
    14: return`);
});

test('a v128 local known to hold zero gives zero bytes: one term a word (i8x16.shuffle_w4, here i32x4.widen8_u)', () => {
  // Local 2 (r3) is written with a zero constant at the top of the loop (which the constant is
  // then hoisted out of): the zero-extension of the loaded word needs one term a word (its bytes
  // zero-extended: i32x4.widen8_u). After the
  // block, whose end is a label (local 2 may have been overwritten on the way there), it is not
  // known to be zero: two terms a word.
  golden(`(memory 1)
    (func (param i32 v128) (result v128) (local v128)
      (loop
        (local.set 2 (v128.const i32x4 0 0 0 0))
        (local.set 1 (i8x16.shuffle 16 1 2 3 17 5 6 7 18 9 10 11 19 13 14 15 (local.get 2) (i32x4.splat (local.get 0))))
        (br_if 0 (local.get 0)))
      (block (br_if 0 (local.get 0)) (local.set 2 (local.get 1)))
      (i8x16.shuffle 16 1 2 3 17 5 6 7 18 9 10 11 19 13 14 15 (local.get 2) (local.get 1)))`, `
     0: const128 r3, i32x4 0x0 0x0 0x0 0x0
     6: i32x4.widen8_u r1, r0
     9: br_if r0, @6
    12: br_if r0, @18
    15: copy128 r3, r1
    18: i8x16.shuffle_w r0, r1.0 rotr 0 & 0b0001, r3.0 rotr 0 & 0b1110, r1.0 rotr 8 & 0b0001, r3.1 rotr 0 & 0b1110, r1.0 rotr 16 & 0b0001, r4.0 rotr 0 & 0b1110, r1.0 rotr 24 & 0b0001, r4.1 rotr 0 & 0b1110
    28: return`);
});

test('a shuffle of a loaded word splatted takes the load in (v128.load32_shuffle, v128.load8x4_u); an abs of a sub is one i32x4.abs_sub(_load8x4_u)', () => {
  // The sum of absolute differences of compiled C: bytes loaded four at a time, zero-extended
  // by a shuffle with a zero local (v128.load8x4_u), subtracted, abs; the abs of the sub takes
  // the second load in (i32x4.abs_sub_load8x4_u), which has no add to absorb. The third shuffle
  // puts byte 0 in word 1: v128.load32_shuffle.
  golden(`(memory 1)
    (func (param i32 i32) (result v128) (local v128)
      (local.set 2 (v128.const i32x4 0 0 0 0))
      (i32x4.abs (i32x4.sub
        (i8x16.shuffle 16 1 2 3 17 5 6 7 18 9 10 11 19 13 14 15 (local.get 2) (i32x4.splat (i32.load (i32.add (local.get 0) (i32.const 4)))))
        (i8x16.shuffle 16 1 2 3 17 5 6 7 18 9 10 11 19 13 14 15 (local.get 2) (i32x4.splat (i32.load offset=8 (local.get 1))))))
      (i8x16.shuffle 17 1 2 3 16 5 6 7 18 9 10 11 19 13 14 15 (local.get 2) (i32x4.splat (i32.load (local.get 1))))
      i32x4.add)`, `
     0: const128 r2, i32x4 0x0 0x0 0x0 0x0
     6: v128.load8x4_u_ac r4, r0, 0, 4, 0
    12: i32x4.abs_sub_load8x4_u r4, r4, r1, 0, 0, 8
    19: v128.load32_shuffle r6, r1, 0, 0, 0, r8.0 rotr 8 & 0b0001, r8.0 rotr 0 & 0b0001, r8.0 rotr 16 & 0b0001, r8.0 rotr 24 & 0b0001
    29: i32x4.add r0, r4, r6
    33: return`);
});

test('lane stores absorb the add computing their address (not an i32.add of two registers)', () => {
  golden(`(memory 1)
    (func (param i32 i32 v128)
      (v128.store32_lane offset=3 2 (i32.add (local.get 0) (i32.const 16)) (i32x4.add (local.get 2) (local.get 2)))
      (v128.store64_lane 1 (i32.add (i32.shl (local.get 0) (i32.const 3)) (i32.const 8)) (local.get 2))
      (v128.store64_lane 0 (i32.add (local.get 0) (local.get 1)) (local.get 2)))`, `
     0: i32x4.add r5, r2, r2
     4: v128.store32_lane_add r0, 0, 16, r5, 3, 2
    11: v128.store64_lane_add r0, 3, 8, r2, 0, 1
    18: i32.add r4, r0, r1
    22: v128.store64_lane r4, r2, 0, 0
    27: return`);
});

test('a lane store of a shuffle just made stores the lane\'s bytes by their selectors (v128.store32_shuffle / _64, store8x4_narrow / store16x4_narrow)', () => {
  // Lane 0 of the first shuffle: byte 0 of each word of a = r1 (words 2–5), selectors 64, 96,
  // 128, 160 — a narrowing to bytes: v128.store8x4_narrow of word 2 (r1), bit 0; the second stores
  // lane 1 (bytes 8–15) of a half-word gather: v128.store16x4_narrow. The third and fourth pick
  // bytes in no such pattern (reversed; two from one word): selectors. A shuffle whose result is
  // read again (the tee) stays.
  golden(`(memory 1)
    (func (param i32 v128) (local v128)
      (v128.store32_lane 0 (i32.add (local.get 0) (i32.const 4)) (i8x16.shuffle 0 4 8 12 0 0 0 0 0 0 0 0 0 0 0 0 (local.get 1) (local.get 1)))
      (v128.store64_lane offset=8 1 (local.get 0) (i8x16.shuffle 0 0 0 0 0 0 0 0 0 1 4 5 8 9 12 13 (local.get 1) (local.get 1)))
      (v128.store32_lane 0 (i32.add (local.get 0) (i32.const 4)) (i8x16.shuffle 12 8 4 0 0 0 0 0 0 0 0 0 0 0 0 0 (local.get 1) (local.get 1)))
      (v128.store64_lane offset=8 1 (local.get 0) (i8x16.shuffle 0 0 0 0 0 0 0 0 0 1 4 5 8 9 13 12 (local.get 1) (local.get 1)))
      (v128.store32_lane 0 (local.get 0) (local.tee 2 (i8x16.shuffle 0 4 8 12 0 0 0 0 0 0 0 0 0 0 0 0 (local.get 1) (local.get 1)))))`, `
     0: v128.store8x4_narrow_ac r0, 0, 4, 0, r1, 0
     7: v128.store16x4_narrow r0, 0, 0, 8, r1, 0
    14: v128.store32_shuffle r0, 0, 4, 0, 160, 128, 96, 64
    23: v128.store64_shuffle r0, 0, 0, 8, 64, 72, 96, 104, 128, 136, 168, 160
    36: i8x16.shuffle r3, 64, 96, 128, 160, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64
    54: v128.store32_lane r0, r3, 0, 0
    59: return`);
});

test('a shuffle zero-extending eight bytes of a vector to 16-bit lanes is one i16x8.widen8_u; wrapping i32 lanes to i16 one i16x8.pack_lo', () => {
  // Local 2 (r3) holds zero: bytes 0–7 of r1 (words 2 and 3) interleaved with zeros, and bytes
  // 8–15 (words 4 and 5, r2). With the zero bytes in the other order it stays a shuffle_w. Then
  // the low half-words of r1's four words, the other lanes byte 0 (LLVM's don't-care lanes):
  // i16x8.pack_lo; with byte 1 there, a shuffle_w.
  golden(`(memory 1)
    (func (param i32 v128) (result v128) (local v128)
      (local.set 2 (v128.const i32x4 0 0 0 0))
      (local.set 1 (i8x16.shuffle 0 16 1 17 2 18 3 19 4 20 5 21 6 22 7 23 (local.get 1) (local.get 2)))
      (local.set 1 (i8x16.shuffle 8 16 9 17 10 18 11 19 12 20 13 21 14 22 15 23 (local.get 1) (local.get 2)))
      (local.set 1 (i8x16.shuffle 16 0 17 1 18 2 19 3 20 4 21 5 22 6 23 7 (local.get 1) (local.get 2)))
      (local.set 1 (i8x16.shuffle 0 1 4 5 8 9 12 13 0 0 0 0 0 0 0 0 (local.get 1) (local.get 2)))
      (i8x16.shuffle 0 1 4 5 8 9 12 13 0 0 0 0 0 0 0 1 (local.get 1) (local.get 2)))`, `
     0: const128 r3, i32x4 0x0 0x0 0x0 0x0
     6: i16x8.widen8_u r1, r1
     9: i16x8.widen8_u r1, r2
    12: i8x16.shuffle_w r1, r1.0 rotr 24 & 0b0010, r1.0 rotr 16 & 0b1000, r1.0 rotr 8 & 0b0010, r1.0 rotr 0 & 0b1000, r1.1 rotr 24 & 0b0010, r1.1 rotr 16 & 0b1000, r1.1 rotr 8 & 0b0010, r1.1 rotr 0 & 0b1000
    22: i16x8.pack_lo r1, r1
    25: i8x16.shuffle_w r0, r1.0 rotr 0 & 0b0011, r1.1 rotr 16 & 0b1100, r2.0 rotr 0 & 0b0011, r2.1 rotr 16 & 0b1100, r1.0 byte 0 to 0b1111, r1.0 byte 0 to 0b1111, r1.0 byte 0 to 0b0111, r1.0 rotr 16 & 0b1100
    35: return`);
});

test('a shuffle of a vector just shifted by whole bytes reads the unshifted vector; a zero shifted in is no term', () => {
  // Byte 0 of x >>u 8 is byte 1 of x (selector 2 << 5 | 8 = 72; of each word: v128.store8x4_narrow
  // of bit 8). The second and third pick
  // zeros shifted in: no term covers them (word 0 of the second, words 1–3 of the third, whose
  // other bytes are byte 0 of x << 16, a zero too); no selector names them, so the lane store
  // stays apart.
  golden(`(memory 1)
    (func (param i32 v128)
      (v128.store32_lane 0 (local.get 0) (i8x16.shuffle 0 4 8 12 0 0 0 0 0 0 0 0 0 0 0 0 (i32x4.shr_u (local.get 1) (i32.const 8)) (local.get 1)))
      (v128.store32_lane 0 (local.get 0) (i8x16.shuffle 3 7 11 15 0 0 0 0 0 0 0 0 0 0 0 0 (i32x4.shr_u (local.get 1) (i32.const 8)) (local.get 1)))
      (v128.store32_lane 0 (local.get 0) (i8x16.shuffle 3 6 9 12 0 0 0 0 0 0 0 0 0 0 0 0 (i32x4.shl (local.get 1) (i32.const 16)) (local.get 1))))`, `
     0: v128.store8x4_narrow_ac r0, 0, 0, 0, r1, 8
     7: i8x16.shuffle_w4 r4, r0.0 rotr 0 & 0b0000, r1.0 byte 1 to 0b1111, r1.0 byte 1 to 0b1111, r1.0 byte 1 to 0b1111
    13: v128.store32_lane r0, r4, 0, 0
    18: i8x16.shuffle_w r4, r1.0 rotr 8 & 0b0001, r1.1 rotr 24 & 0b0010, r0.0 rotr 0 & 0b0000, r0.0 rotr 0 & 0b0000, r0.0 rotr 0 & 0b0000, r0.0 rotr 0 & 0b0000, r0.0 rotr 0 & 0b0000, r0.0 rotr 0 & 0b0000
    28: v128.store32_lane r0, r4, 0, 0
    33: return`);
});

test('extending v128 loads absorb the add computing their address', () => {
  golden(`(memory 1)
    (func (param i32) (result v128)
      (i32x4.add (v128.load16x4_s offset=2 (i32.add (local.get 0) (i32.const 24)))
        (v128.load8x8_u (i32.add (i32.shl (local.get 0) (i32.const 3)) (i32.const 8)))))`, `
     0: v128.load16x4_s_add r1, r0, 0, 24, 2
     6: v128.load8x8_u_add r3, r0, 3, 8, 0
    12: i32x4.add r0, r1, r3
    16: return`);
});

test('an extracted lane shifted and offset is one i32x4.lane_shl_add_imm (not when the lane went into a local)', () => {
  golden(`(func (param v128) (result i32) (local i32)
      (local.set 1 (i32x4.extract_lane 2 (local.get 0)))
      (i32.add (i32.add (i32.shl (local.get 1) (i32.const 2)) (i32.const 16))
        (i32.add (i32.shl (i32x4.extract_lane 3 (local.get 0)) (i32.const 2)) (i32.const 1040))))`, `
     0: i32x4.extract_lane r2, r0, 2
     4: i32.shl_add_imm r3, r2, 2, 16
     9: i32x4.lane_shl_add_imm r4, r0, 3, 2, 1040
    15: i32.add r0, r3, r4
    19: return`);
});

test('a 32-bit vector load whose address is a lane scaled and offset reads the lane itself (v128.load32_*_lx)', () => {
  // The lane load's address was computed before the splat's: it is taken in from there. In the
  // second pair the zero load's result goes into local 0, the index vector, after the lane load's
  // address was computed from it: that address stays.
  golden(`(memory 1)
    (func (param v128 v128) (result v128)
      (v128.load32_lane 2 (i32.add (i32.shl (i32x4.extract_lane 1 (local.get 0)) (i32.const 2)) (i32.const 1040))
        (v128.load32_splat offset=4 (i32.add (i32.shl (i32x4.extract_lane 0 (local.get 0)) (i32.const 2)) (i32.const 1040))))
      (v128.load32_lane 1 (i32.add (i32.shl (i32x4.extract_lane 3 (local.get 0)) (i32.const 2)) (i32.const 8))
        (local.tee 0 (v128.load32_zero (i32.add (i32.shl (i32x4.extract_lane 2 (local.get 0)) (i32.const 2)) (i32.const 8)))))
      i32x4.add)`, `
     0: v128.load32x2_splat_lx r4, r0, 0, 2, 1040, 4, 1, 0, 2
    10: i32x4.lane_shl_add_imm r6, r0, 3, 2, 8
    16: v128.load32_zero_lx r0, r0, 2, 2, 8, 0
    23: v128.load32_lane r6, r6, r0, 0, 1
    29: i32x4.add r0, r4, r6
    33: return`);
});

test('two lanes of a gather (v128.load32x2_splat_lx / _zero_lx): the same index vector, shift and constant', () => {
  // The first pair fuses (offsets may differ); in the second the lane load adds another constant.
  golden(`(memory 1)
    (func (param v128) (result v128)
      (v128.load32_lane offset=8 3 (i32.add (i32.shl (i32x4.extract_lane 2 (local.get 0)) (i32.const 2)) (i32.const 64))
        (v128.load32_zero (i32.add (i32.shl (i32x4.extract_lane 1 (local.get 0)) (i32.const 2)) (i32.const 64))))
      (v128.load32_lane 1 (i32.add (i32.shl (i32x4.extract_lane 3 (local.get 0)) (i32.const 2)) (i32.const 8))
        (v128.load32_splat (i32.add (i32.shl (i32x4.extract_lane 0 (local.get 0)) (i32.const 2)) (i32.const 16))))
      i32x4.add)`, `
     0: v128.load32x2_zero_lx r2, r0, 1, 2, 64, 0, 2, 8, 3
    10: v128.load32_splat_lx r5, r0, 0, 2, 16, 0
    17: v128.load32_lane_lx r4, r0, 3, 2, 8, r5, 0, 1
    26: i32x4.add r0, r2, r4
    30: return`);
});

test('a loop constant in a temporary the loop reuses gets a register of its own, read by its one reader', () => {
  golden(`(func (param i32 v128 v128) (result v128)
      (loop $l
        (local.set 1 (i32x4.add (local.get 1) (v128.const i32x4 1 2 3 4)))
        (local.set 2 (i32x4.mul (local.get 2) (v128.const i32x4 3 3 3 3)))
        (local.set 1 (i8x16.shuffle 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31 (local.get 1) (v128.const i32x4 -1 0 -1 0)))
        (local.set 2 (i32x4.add (local.get 2) (i32x4.splat (i32x4.extract_lane 2 (v128.const i32x4 5 6 7 8)))))
        (br_if $l (local.tee 0 (i32.add (local.get 0) (i32.const -1)))))
      (i32x4.add (local.get 1) (local.get 2)))`, `
     0: const128 r9, i32x4 0x1 0x2 0x3 0x4
     6: const128 r11, i32x4 0x3 0x3 0x3 0x3
    12: const128 r13, i32x4 0xffffffff 0x0 0xffffffff 0x0
    18: const128 r15, i32x4 0x5 0x6 0x7 0x8
    24: i32x4.add r1, r1, r9
    28: i32x4.mul r3, r3, r11
    32: i8x16.shuffle_w r1, r1.0 rotr 0 & 0b0101, r13.0 rotr 0 & 0b1010, r1.1 rotr 0 & 0b0101, r13.1 rotr 0 & 0b1010, r2.0 rotr 0 & 0b0101, r14.0 rotr 0 & 0b1010, r2.1 rotr 0 & 0b0101, r14.1 rotr 0 & 0b1010
    42: i32x4.extract_lane r7, r15, 2
    46: i32x4.splat r7, r7
    49: i32x4.add r3, r3, r7
    53: step_br_if r0, r0, -1, r0, @24
    59: i32x4.add r0, r1, r3
    63: return`);
  // A constant whose reader comes after a branch (the value also leaves by br_if), and one after
  // a branch, keep their places.
  golden(`(func (param i32 v128) (result v128)
      (block $b (result v128)
        (loop $l
          (local.set 1 (i32x4.add (local.get 1) (br_if $b (v128.const i32x4 9 9 9 9) (local.get 0))))
          (local.set 1 (i32x4.sub (local.get 1) (v128.const i32x4 1 1 1 1)))
          (br_if $l (local.tee 0 (i32.add (local.get 0) (i32.const -1)))))
        (local.get 1)))`, `
     0: const128 r5, i32x4 0x9 0x9 0x9 0x9
     6: br_unless r0, @14
     9: copy128 r3, r5
    12: br @37
    14: i32x4.add r1, r1, r5
    18: const128 r5, i32x4 0x1 0x1 0x1 0x1
    24: i32x4.sub r1, r1, r5
    28: step_br_if r0, r0, -1, r0, @0
    34: copy128 r3, r1
    37: copy128 r0, r3
    40: return`);
});

test('a v128 store right before the step_br_if of a loop joins it', () => {
  golden(`(memory 1)
    (func (param $n i32) (param $v v128)
      (loop $l
        (v128.store offset=2 (i32.shl (local.get $n) (i32.const 4)) (local.get $v))
        (br_if $l (local.tee $n (i32.add (local.get $n) (i32.const -1)))))
      (loop $m
        (v128.store (i32.add (i32.shl (local.get $n) (i32.const 4)) (i32.const 1024)) (local.get $v))
        (br_if $m (local.tee $n (i32.add (local.get $n) (i32.const 1))))))`, `
     0: i32.shl_imm r3, r0, 4
     4: v128.store_step_br_if r3, r1, 2, r0, r0, -1, r0, @0
    13: v128.store_add_step_br_if r0, 4, 1024, r1, 0, r0, r0, 1, r0, @13
    24: return`);
});

test('a vector computed into a temporary only a v128.store reads is computed and stored by one instruction', () => {
  // The store's address folded as v128.store_add's, or plain (s = c = 0); a value tee'd into a
  // local is stored by a v128.store of its own.
  golden(`(memory 1)
    (func (param i32 v128 v128) (local v128)
      (v128.store offset=2 (i32.add (local.get 0) (i32.const 32))
        (f32x4.add (local.get 1) (f32x4.mul (local.get 2) (v128.load offset=4 (i32.add (local.get 0) (i32.const 16))))))
      (v128.store (local.get 0) (i32x4.trunc_sat_f32x4_s (f32x4.mul (local.get 1) (v128.load (local.get 0)))))
      (v128.store offset=16 (local.get 0) (f32x4.min (f32x4.max (local.get 1) (local.get 2)) (local.get 3)))
      (v128.store (local.get 0) (local.tee 3 (f32x4.min (f32x4.max (local.get 1) (local.get 2)) (local.get 3)))))`, `
     0: f32x4.mul_load_add_add_store r1, r3, r0, 0, 16, 4, r0, 0, 32, 2
    11: i32x4.trunc_sat_mul_load_add_store_ac r1, r0, 0, 0, 0, r0, 0, 0, 0
    21: f32x4.max_min_store r5, r1, r3, r0, 0, 0, 16
    29: f32x4.max_min r5, r5, r1, r3
    34: v128.store r0, r5, 0
    38: return`);
});

test.run();
