import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CompileError } from '../errors.js';
import { wasm2, wasm3 } from '../syntax/features.js';
import type { Features } from '../syntax/features.js';
import type { BlockType, Catch, Global, Instr, Module } from '../syntax/module.js';
import { emptyModule } from '../syntax/module.js';
import { Op, opcodes } from '../syntax/opcodes.js';
import type { SubType, ValType } from '../syntax/types.js';
import { externref, funcref, refType } from '../syntax/types.js';
import { validateModule } from './module.js';

const ft = (params: ValType[], results: ValType[]): SubType => ({ final: true, supers: [], comp: { kind: 'func', params, results } });
const i = (op: number, imm: Omit<Instr, 'op'> = {}): Instr => ({ op, ...imm });
const i32 = (value: number): Instr => i(Op.i32_const, { value });
const mem1 = { limits: { min: 1 }, addr: 'i32', shared: false } as const;

interface Fn {
  params?: ValType[];
  results?: ValType[];
  locals?: ValType[];
  /** Extra types, after the function's own type 0. */
  types?: SubType[];
  module?: Partial<Module>;
}

/** A module whose function 0 (type 0) has `body`. */
/** A module whose function 0 (type 0) has `body`; `o.module.funcs` follow it. */
function fn(body: Instr[], o: Fn = {}): Module {
  const { funcs = [], ...rest } = o.module ?? {};
  return {
    ...emptyModule(),
    types: [ft(o.params ?? [], o.results ?? []), ...(o.types ?? [])],
    funcs: [{ typeIdx: 0, locals: o.locals ?? [], body }, ...funcs],
    ...rest,
  };
}

function valid(m: Module, features: Features = wasm2): void {
  validateModule(m, features);
}

function invalid(m: Module, prefix: string, features: Features = wasm2): string {
  try {
    validateModule(m, features);
  } catch (e) {
    assert.instance(e, CompileError);
    const msg = (e as Error).message;
    assert.ok(msg.startsWith(prefix), `"${msg}" does not start with "${prefix}"`);
    return msg;
  }
  return assert.unreachable(`validated; expected "${prefix}"`) as never;
}

test('fixed-type instructions are typed from the opcode table', () => {
  valid(fn([i32(1), i32(2), i(Op.i32_add)], { results: ['i32'] }));
  valid(fn([i(Op.f64_const, { value: 0n }), i(Op.i64_trunc_f64_s)], { results: ['i64'] }));
  const msg = invalid(fn([i32(1), i(Op.f32_const, { value: 0 }), i(Op.i32_add)], { results: ['i32'] }), 'type mismatch');
  assert.ok(msg.includes('instruction requires [i32 i32] but stack has [i32 f32]'), msg);
  assert.ok(msg.endsWith('(at instruction 2, i32.add) (in function 0)'), msg);
  invalid(fn([i32(1), i(Op.i32_add)], { results: ['i32'] }), 'type mismatch: instruction requires [i32 i32] but stack has [i32]');
});

test('the function body must leave exactly its results', () => {
  invalid(fn([], { results: ['i32'] }), 'type mismatch');
  invalid(fn([i32(1)]), 'type mismatch');
  invalid(fn([i32(1), i32(1)], { results: ['i32'] }), 'type mismatch');
});

test('unreachable code: the stack is polymorphic, but known operands still count', () => {
  valid(fn([i(Op.unreachable), i(Op.i32_add)], { results: ['i32'] }));
  valid(fn([i(Op.unreachable)], { results: ['i32', 'f64'] }));
  valid(fn([i(Op.return), i(Op.drop), i(Op.drop)], { results: [] }));
  invalid(fn([i(Op.unreachable), i(Op.i64_const, { value: 0n }), i(Op.i32_add)], { results: ['i32'] }), 'type mismatch');
  invalid(fn([i(Op.unreachable), i32(0), i(Op.i32_eqz)], { results: ['i64'] }), 'type mismatch');
  // 3.0: a reference made from the bottom type is still a reference.
  invalid(fn([i(Op.unreachable), i(Op.ref_as_non_null), i(Op.i32_eqz)], { results: ['i32'] }), 'type mismatch', wasm3);
  valid(fn([i(Op.unreachable), i(Op.ref_as_non_null)], { results: [refType(false, 'func')] }), wasm3);
  // Unreachability ends with the block.
  invalid(fn([i(Op.block, { bt: null }), i(Op.unreachable), i(Op.end), i(Op.i32_add)], { results: ['i32'] }), 'type mismatch');
});

test('blocks and loops: parameters, results, and what their labels carry', () => {
  const types = [ft(['i32'], ['i64'])];
  valid(fn([i32(1), i(Op.block, { bt: 1 }), i(Op.i64_extend_i32_s), i(Op.end)], { results: ['i64'], types }));
  invalid(fn([i(Op.block, { bt: 1 }), i(Op.drop), i(Op.i64_const, { value: 1n }), i(Op.end)], { results: ['i64'], types }), 'type mismatch');
  // A branch to a loop carries the loop's parameters, to a block its results.
  valid(fn([i32(1), i(Op.loop, { bt: 1 }), i(Op.br, { idx: 0 }), i(Op.end)], { results: ['i64'], types }));
  invalid(fn([i32(1), i(Op.block, { bt: 1 }), i(Op.br, { idx: 0 }), i(Op.end)], { results: ['i64'], types }), 'type mismatch');
  invalid(fn([i(Op.block, { bt: 7 }), i(Op.end)]), 'unknown type 7');
  invalid(fn([i(Op.br, { idx: 1 })]), 'unknown label 1');
  invalid(fn([i(Op.block, { bt: null })]), 'unbalanced block structure');
  invalid(fn([i(Op.end)]), 'unbalanced block structure');
  invalid(fn([i(Op.else)]), 'else without matching if');
});

test('if: condition, both arms, and the implicit empty else', () => {
  const body = (bt: BlockType, arms: Instr[]) => [i32(1), i(Op.if, { bt }), ...arms, i(Op.end)];
  valid(fn(body('i32', [i32(1), i(Op.else), i32(2)]), { results: ['i32'] }));
  invalid(fn(body('i32', [i32(1)]), { results: ['i32'] }), 'type mismatch');
  invalid(fn(body('i32', [i32(1), i(Op.else)]), { results: ['i32'] }), 'type mismatch');
  // [i32] -> [i32] without else is fine: the value passes through.
  valid(fn([i32(5), ...body(1, [])], { results: ['i32'], types: [ft(['i32'], ['i32'])] }));
  invalid(fn([i(Op.if, { bt: null }), i(Op.end)]), 'type mismatch');
});

test('br_if and br_table', () => {
  const block = (bt: ValType, inner: Instr[]) => [i(Op.block, { bt }), ...inner, i(Op.end)];
  valid(fn(block('i32', [i32(1), i32(0), i(Op.br_if, { idx: 0 })]), { results: ['i32'] }));
  valid(fn(block('i32', block('i32', [i32(1), i32(0), i(Op.br_table, { labels: [0, 1], idx: 0 })])), { results: ['i32'] }));
  invalid(fn(block('i32', block('f32', [i32(1), i32(0), i(Op.br_table, { labels: [0], idx: 1 })])), { results: ['i32'] }), 'type mismatch');
  // Different arities are rejected even when the stack is polymorphic.
  invalid(fn([i(Op.block, { bt: null }), ...block('i32', [i(Op.unreachable), i(Op.br_table, { labels: [1], idx: 0 })]), i(Op.drop), i(Op.end)]),
    'type mismatch');
  // Same arity, different types: fine with an unknown operand.
  valid(fn(block('i32', [i(Op.block, { bt: 'f32' }), i(Op.unreachable), i(Op.br_table, { labels: [0], idx: 1 }), i(Op.end), i(Op.drop), i32(0)]), { results: ['i32'] }));
  invalid(fn([i32(0), i(Op.br_table, { labels: [3], idx: 0 })]), 'unknown label 3');
});

test('select: untyped only for numbers and vectors; typed select has one result', () => {
  const sel = (a: Instr, b: Instr) => [a, b, i32(1), i(Op.select)];
  valid(fn(sel(i32(1), i32(2)), { results: ['i32'] }));
  invalid(fn(sel(i32(1), i(Op.i64_const, { value: 2n })), { results: ['i32'] }), 'type mismatch');
  const nullFunc = i(Op.ref_null, { heap: 'func' });
  invalid(fn(sel(nullFunc, nullFunc), { results: [funcref] }), 'type mismatch');
  invalid(fn([i(Op.unreachable), nullFunc, i32(1), i(Op.select), i(Op.drop)]), 'type mismatch');
  valid(fn([nullFunc, nullFunc, i32(1), i(Op.select_t, { types: [funcref] })], { results: [funcref] }));
  invalid(fn([i32(1), i32(1), i32(1), i(Op.select_t, { types: [] })]), 'invalid result arity');
  invalid(fn([i32(1), i32(1), i32(1), i(Op.select_t, { types: ['i32', 'i32'] })]), 'invalid result arity');
});

test('locals and globals', () => {
  valid(fn([i(Op.local_get, { idx: 0 }), i(Op.local_tee, { idx: 1 })], { params: ['i32'], locals: ['i32'], results: ['i32'] }));
  invalid(fn([i(Op.local_get, { idx: 2 }), i(Op.drop)], { params: ['i32'], locals: ['i32'] }), 'unknown local 2');
  invalid(fn([i(Op.f32_const, { value: 0 }), i(Op.local_set, { idx: 0 })], { locals: ['i32'] }), 'type mismatch');
  const globals: Global[] = [
    { type: { type: 'i32', mutable: false }, init: [i32(0)] },
    { type: { type: 'i32', mutable: true }, init: [i32(0)] },
  ];
  const module = { globals };
  valid(fn([i(Op.global_get, { idx: 0 }), i(Op.global_set, { idx: 1 })], { module }));
  invalid(fn([i32(0), i(Op.global_set, { idx: 0 })], { module }), 'global is immutable');
  // The 3.0 suite words the same fault differently.
  invalid(fn([i32(0), i(Op.global_set, { idx: 0 })], { module }), 'immutable global', wasm3);
  invalid(fn([i(Op.global_get, { idx: 2 }), i(Op.drop)], { module }), 'unknown global 2');
  invalid(fn([i(Op.global_get, { idx: 1 })], { module, results: ['i64'] }), 'type mismatch');
});

test('3.0 non-defaultable locals must be set before use, per block', () => {
  const nonNull = refType(false, 'func');
  const get = i(Op.local_get, { idx: 0 });
  const set = [i(Op.ref_func, { idx: 0 }), i(Op.local_set, { idx: 0 })];
  const module = { exports: [{ name: 'f', kind: 'func' as const, idx: 0 }] };
  invalid(fn([get, i(Op.drop)], { locals: [nonNull], module }), 'uninitialized local 0', wasm3);
  valid(fn([...set, get, i(Op.drop)], { locals: [nonNull], module }), wasm3);
  invalid(fn([i(Op.block, { bt: null }), ...set, i(Op.end), get, i(Op.drop)], { locals: [nonNull], module }), 'uninitialized local 0', wasm3);
  // Parameters are always set.
  valid(fn([get, i(Op.drop)], { params: [nonNull] }), wasm3);
});

test('memory instructions: memory present, alignment at most natural, address type', () => {
  const module = { mems: [mem1] };
  const load = (align: number, mem = 0) => i(Op.i64_load32_u, { mem: { align, offset: 0, mem } });
  valid(fn([i32(0), load(2)], { results: ['i64'], module }));
  invalid(fn([i32(0), load(3)], { results: ['i64'], module }), 'alignment must not be larger than natural');
  invalid(fn([i32(0), load(0)], { results: ['i64'] }), 'unknown memory 0');
  invalid(fn([i32(0), load(0, 1)], { results: ['i64'], module }), 'unknown memory 1');
  invalid(fn([i(Op.i64_const, { value: 0n }), load(0)], { results: ['i64'], module }), 'type mismatch');
  const mem64 = { mems: [{ ...mem1, addr: 'i64' as const }] };
  valid(fn([i(Op.i64_const, { value: 0n }), load(0)], { results: ['i64'], module: mem64 }), wasm3);
  valid(fn([i(Op.memory_size, { idx: 0 })], { results: ['i64'], module: mem64 }), wasm3);
  invalid(fn([i32(0), i(Op.i32_const, { value: 0 }), i(Op.i32_store, { mem: { align: 2, offset: 2 ** 32, mem: 0 } })], { module }), 'offset out of range');
  valid(fn([i32(0), i32(0), i32(0), i(Op.memory_fill, { idx: 0 })], { module }));
  invalid(fn([i32(0), i32(0), i32(0), i(Op.memory_copy, { idx: 0, idx2: 0 })]), 'unknown memory 0');
  const datas = [{ mode: 'passive' as const, bytes: new Uint8Array() }];
  valid(fn([i32(0), i32(0), i32(0), i(Op.memory_init, { idx: 0, idx2: 0 }), i(Op.data_drop, { idx: 0 })], { module: { ...module, datas } }));
  invalid(fn([i(Op.data_drop, { idx: 1 })], { module: { ...module, datas } }), 'unknown data segment 1');
  invalid(fn([i32(0), i32(0), i32(0), i(Op.memory_init, { idx: 1, idx2: 0 })]), 'unknown memory 0');
});

test('table instructions: element types must agree', () => {
  const table = (elem = funcref) => ({ type: { limits: { min: 1 }, addr: 'i32' as const, elem } });
  const elems = [{ mode: 'passive' as const, type: externref, init: [] }];
  valid(fn([i32(0), i(Op.table_get, { idx: 0 })], { results: [funcref], module: { tables: [table()] } }));
  invalid(fn([i32(0), i(Op.table_get, { idx: 1 })], { results: [funcref], module: { tables: [table()] } }), 'unknown table 1');
  invalid(fn([i32(0), i32(0), i32(0), i(Op.table_init, { idx: 0, idx2: 0 })], { module: { tables: [table()], elems } }), 'type mismatch');
  valid(fn([i32(0), i32(0), i32(0), i(Op.table_init, { idx: 0, idx2: 0 })], { module: { tables: [table(externref)], elems } }));
  invalid(fn([i(Op.elem_drop, { idx: 4 })], { module: { elems } }), 'unknown elem segment 4');
  invalid(fn([i32(0), i32(0), i32(0), i(Op.table_copy, { idx: 0, idx2: 1 })], { module: { tables: [table(), table(externref)] } }), 'type mismatch');
  valid(fn([i(Op.ref_null, { heap: 'extern' }), i32(1), i(Op.table_grow, { idx: 0 })], { results: ['i32'], module: { tables: [table(externref)] } }));
  invalid(fn([i(Op.ref_null, { heap: 'func' }), i32(1), i(Op.table_grow, { idx: 0 })], { results: ['i32'], module: { tables: [table(externref)] } }), 'type mismatch');
});

test('calls: function types, call_indirect through a funcref table', () => {
  const types = [ft(['i32'], ['i32'])];
  const module = { funcs: [{ typeIdx: 1, locals: [], body: [i(Op.local_get, { idx: 0 })] }] };
  valid(fn([i32(1), i(Op.call, { idx: 1 }), i(Op.drop)], { types, module }));
  invalid(fn([i(Op.call, { idx: 1 }), i(Op.drop)], { types, module }), 'type mismatch');
  invalid(fn([i(Op.call, { idx: 9 })]), 'unknown function 9');
  const tables = (elem = funcref) => [{ type: { limits: { min: 1 }, addr: 'i32' as const, elem } }];
  valid(fn([i32(1), i32(0), i(Op.call_indirect, { idx: 1, idx2: 0 })], { results: ['i32'], types, module: { tables: tables() } }));
  invalid(fn([i32(1), i32(0), i(Op.call_indirect, { idx: 1, idx2: 0 })], { results: ['i32'], types }), 'unknown table 0');
  invalid(fn([i32(1), i32(0), i(Op.call_indirect, { idx: 5, idx2: 0 })], { results: ['i32'], types, module: { tables: tables() } }), 'unknown type 5');
  invalid(fn([i32(1), i32(0), i(Op.call_indirect, { idx: 1, idx2: 0 })], { results: ['i32'], types, module: { tables: tables(externref) } }),
    'type mismatch');
});

test('ref.func needs a declared function; ref.is_null needs a reference', () => {
  const body = [i(Op.ref_func, { idx: 0 }), i(Op.ref_is_null)];
  invalid(fn(body, { results: ['i32'] }), 'undeclared function reference');
  valid(fn(body, { results: ['i32'], module: { exports: [{ name: 'f', kind: 'func', idx: 0 }] } }));
  invalid(fn([i(Op.ref_func, { idx: 3 }), i(Op.drop)]), 'unknown function 3');
  invalid(fn([i32(0), i(Op.ref_is_null)], { results: ['i32'] }), 'type mismatch');
  // 3.0: ref.func has the exact type (ref $t).
  valid(fn([i(Op.ref_func, { idx: 0 })], { results: [refType(false, 0)], module: { exports: [{ name: 'f', kind: 'func', idx: 0 }] } }), wasm3);
});

test('3.0 instructions are rejected unless their feature is on', () => {
  invalid(fn([i(Op.return_call, { idx: 0 })]), 'return_call requires the tailCall feature');
  invalid(fn([i(Op.ref_null, { heap: 'func' }), i(Op.ref_as_non_null), i(Op.drop)]), 'ref.as_non_null requires the functionReferences feature');
  invalid(fn([i(Op.ref_null, { heap: 'any' }), i(Op.drop)]), 'heap type any requires the gc feature');
  invalid(fn([i(Op.throw_ref)]), 'throw_ref requires the exceptions feature');
});

test('tail calls: the callee must return what the caller returns', () => {
  const types = [ft([], ['i64'])];
  const module = { funcs: [{ typeIdx: 1, locals: [], body: [i(Op.i64_const, { value: 0n })] }] };
  invalid(fn([i(Op.return_call, { idx: 1 })], { results: ['i32'], types, module }), 'type mismatch', wasm3);
  valid(fn([i(Op.return_call, { idx: 0 })], { results: ['i32'], types, module }), wasm3);
});

test('3.0 br_on_null and br_on_non_null', () => {
  const nonNull = refType(false, 'func');
  valid(fn([i(Op.block, { bt: null }), i(Op.ref_null, { heap: 'func' }), i(Op.br_on_null, { idx: 0 }), i(Op.drop), i(Op.end)]), wasm3);
  valid(fn([i(Op.block, { bt: nonNull }), i(Op.ref_null, { heap: 'func' }), i(Op.br_on_non_null, { idx: 0 }), i(Op.unreachable), i(Op.end), i(Op.drop)]), wasm3);
  invalid(fn([i(Op.block, { bt: null }), i(Op.ref_null, { heap: 'func' }), i(Op.br_on_non_null, { idx: 0 }), i(Op.end)]), 'type mismatch', wasm3);
  invalid(fn([i(Op.block, { bt: null }), i32(0), i(Op.br_on_null, { idx: 0 }), i(Op.end)]), 'type mismatch', wasm3);
});

test('3.0 exceptions: throw, try_table catch clauses', () => {
  const types = [ft(['i32'], [])];
  const module = { tags: [{ typeIdx: 1 }] };
  valid(fn([i32(1), i(Op.throw, { idx: 0 })], { types, module }), wasm3);
  invalid(fn([i(Op.throw, { idx: 0 })], { types, module }), 'type mismatch', wasm3);
  invalid(fn([i(Op.throw, { idx: 1 })], { types, module }), 'unknown tag 1', wasm3);
  const tryTable = (c: Catch) => [i(Op.try_table, { bt: null, catches: [c] }), i(Op.end)];
  valid(fn([i(Op.block, { bt: 'i32' }), ...tryTable({ kind: 'catch', tag: 0, label: 0 }), i32(0), i(Op.end), i(Op.drop)], { types, module }), wasm3);
  invalid(fn([i(Op.block, { bt: null }), ...tryTable({ kind: 'catch', tag: 0, label: 0 }), i(Op.end)], { types, module }), 'type mismatch', wasm3);
  valid(fn([i(Op.block, { bt: refType(true, 'exn') }), ...tryTable({ kind: 'catch_all_ref', label: 0 }), i(Op.ref_null, { heap: 'exn' }), i(Op.end), i(Op.drop)], { types, module }), wasm3);
});

test('SIMD: vector operations are typed from the opcode table', () => {
  const v = i(Op.v128_const, { bytes: new Uint8Array(16) });
  valid(fn([v, v, i(Op.i8x16_add)], { results: ['v128'] }));
  valid(fn([v, v, v, i(Op.v128_bitselect)], { results: ['v128'] }));
  valid(fn([v, i32(3), i(Op.i64x2_shl)], { results: ['v128'] }));
  valid(fn([v, i(Op.i16x8_bitmask)], { results: ['i32'] }));
  valid(fn([i(Op.f64_const, { value: 0n }), i(Op.f64x2_splat)], { results: ['v128'] }));
  valid(fn([i(Op.local_get, { idx: 0 }), i(Op.v128_any_true)], { params: ['v128'], results: ['i32'] }));
  invalid(fn([v, i(Op.i64x2_shl)], { results: ['v128'] }), 'type mismatch: instruction requires [v128 i32] but stack has [v128]');
  invalid(fn([i32(0), i(Op.f32x4_splat)], { results: ['v128'] }), 'type mismatch');
  invalid(fn([v, i(Op.i32x4_all_true)], { results: ['v128'] }), 'type mismatch');
  // Untyped select takes two vectors, but not a vector and a number.
  valid(fn([v, v, i32(1), i(Op.select)], { results: ['v128'] }));
  invalid(fn([v, i32(0), i32(1), i(Op.select), i(Op.drop)]), 'type mismatch');
});

test('SIMD: lane indices are below the lane count of the instruction\'s shape', () => {
  const v = i(Op.v128_const, { bytes: new Uint8Array(16) });
  const lane = (op: number, l: number) => i(op, { lane: l });
  valid(fn([v, lane(Op.i8x16_extract_lane_s, 15)], { results: ['i32'] }));
  invalid(fn([v, lane(Op.i8x16_extract_lane_u, 16)], { results: ['i32'] }), 'invalid lane index');
  valid(fn([v, i32(0), lane(Op.i16x8_replace_lane, 7)], { results: ['v128'] }));
  invalid(fn([v, i32(0), lane(Op.i16x8_replace_lane, 8)], { results: ['v128'] }), 'invalid lane index');
  valid(fn([v, lane(Op.f64x2_extract_lane, 1)], { results: ['f64'] }));
  invalid(fn([v, lane(Op.i64x2_extract_lane, 2)], { results: ['i64'] }), 'invalid lane index');
  // The lane index is checked before the operand types, as in the reference interpreter.
  invalid(fn([v, lane(Op.f32x4_extract_lane, 4)], { results: ['i32'] }), 'invalid lane index');
  invalid(fn([v, i(Op.i32x4_extract_lane)], { results: ['i32'] }), 'i32x4.extract_lane: missing lane immediate');
  const shuffle = (last: number) => i(Op.i8x16_shuffle, { bytes: Uint8Array.from({ length: 16 }, (_, k) => (k === 15 ? last : k)) });
  valid(fn([v, v, shuffle(31)], { results: ['v128'] }));
  invalid(fn([v, v, shuffle(32)], { results: ['v128'] }), 'invalid lane index');
  invalid(fn([v, v, i(Op.i8x16_shuffle, { bytes: new Uint8Array(15) })], { results: ['v128'] }), 'i8x16.shuffle: needs 16 lane indices');
});

test('SIMD memory instructions: alignment at most the access width; load/store lane', () => {
  const module = { mems: [mem1] };
  const v = i(Op.v128_const, { bytes: new Uint8Array(16) });
  const m = (align: number) => ({ align, offset: 0, mem: 0 });
  valid(fn([i32(0), i(Op.v128_load, { mem: m(4) })], { results: ['v128'], module }));
  invalid(fn([i32(0), i(Op.v128_load, { mem: m(5) })], { results: ['v128'], module }), 'alignment must not be larger than natural');
  valid(fn([i32(0), i(Op.v128_load16x4_s, { mem: m(3) })], { results: ['v128'], module }));
  invalid(fn([i32(0), i(Op.v128_load16x4_u, { mem: m(4) })], { results: ['v128'], module }), 'alignment must not be larger than natural');
  valid(fn([i32(0), i(Op.v128_load32_zero, { mem: m(2) })], { results: ['v128'], module }));
  invalid(fn([i32(0), i(Op.v128_load8_splat, { mem: m(1) })], { results: ['v128'], module }), 'alignment must not be larger than natural');
  valid(fn([i32(0), v, i(Op.v128_store, { mem: m(4) })], { module }));
  invalid(fn([v, i32(0), i(Op.v128_store, { mem: m(4) })], { module }), 'type mismatch');
  // Lane accesses: address, then vector; lanes per access width; alignment checked first.
  valid(fn([i32(0), v, i(Op.v128_load16_lane, { mem: m(1), lane: 7 })], { results: ['v128'], module }));
  invalid(fn([i32(0), v, i(Op.v128_load16_lane, { mem: m(1), lane: 8 })], { results: ['v128'], module }), 'invalid lane index');
  invalid(fn([i32(0), v, i(Op.v128_load16_lane, { mem: m(2), lane: 8 })], { results: ['v128'], module }), 'alignment must not be larger than natural');
  valid(fn([i32(0), v, i(Op.v128_store64_lane, { mem: m(3), lane: 1 })], { module }));
  invalid(fn([i32(0), v, i(Op.v128_store64_lane, { mem: m(3), lane: 2 })], { module }), 'invalid lane index');
  invalid(fn([v, i32(0), i(Op.v128_store8_lane, { mem: m(0), lane: 0 })], { module }), 'type mismatch');
  invalid(fn([i32(0), v, i(Op.v128_store8_lane, { mem: m(0), lane: 0 })]), 'unknown memory 0');
  const mem64 = { mems: [{ ...mem1, addr: 'i64' as const }] };
  valid(fn([i(Op.i64_const, { value: 0n }), v, i(Op.v128_load8_lane, { mem: m(0), lane: 15 })], { results: ['v128'], module: mem64 }), wasm3);
});

test('SIMD needs the simd feature, relaxed SIMD the relaxedSimd feature', () => {
  const v = i(Op.v128_const, { bytes: new Uint8Array(16) });
  const noSimd = { ...wasm2, simd: false };
  invalid(fn([i32(0), i(Op.i32x4_splat), i(Op.drop)]), 'i32x4.splat requires the simd feature', noSimd);
  invalid(fn([i32(0), i(Op.v128_load, { mem: { align: 4, offset: 0, mem: 0 } }), i(Op.drop)], { module: { mems: [mem1] } }), 'v128.load requires the simd feature', noSimd);
  invalid(fn([], { params: ['v128'] }), 'v128 requires the simd feature', noSimd);
  const madd = fn([v, v, v, i(Op.f32x4_relaxed_madd)], { results: ['v128'] });
  invalid(madd, 'f32x4.relaxed_madd requires the relaxedSimd feature');
  valid(madd, wasm3);
  valid(fn([v, v, i(Op.i16x8_relaxed_dot_i8x16_i7x16_s)], { results: ['v128'] }), wasm3);
  valid(fn([v, v, v, i(Op.i32x4_relaxed_dot_i8x16_i7x16_add_s)], { results: ['v128'] }), wasm3);
  invalid(fn([v, v, i(Op.i32x4_relaxed_laneselect)], { results: ['v128'] }), 'type mismatch', wasm3);
});

test('a malformed instruction is a CompileError, never a stray exception', () => {
  invalid(fn([i(Op.local_get)]), 'local.get: missing index immediate');
  invalid(fn([i(0xff_ffff)]), 'unknown opcode');
  invalid(fn([i(Op.i32_load)], { module: { mems: [mem1] } }), 'i32.load: missing memory immediate');
});

/**
 * Every fixed-type instruction of the opcode table, typed through its descriptor (the main loop's
 * fast cases) and, for every mismatch, through the general path: well-typed operands validate, an
 * operand of the wrong type is "type mismatch" naming the signature, and in unreachable code the
 * operands may be missing.
 */
test('every fixed-type instruction: right operands, a wrong one, unreachable code', () => {
  const consts: Record<string, Instr> = {
    i32: i32(0), i64: i(Op.i64_const, { value: 0n }), f32: i(Op.f32_const, { value: 0 }),
    f64: i(Op.f64_const, { value: 0n }), v128: i(Op.v128_const, { bytes: new Uint8Array(16) }),
  };
  const other: Record<string, string> = { i32: 'i64', i64: 'f32', f32: 'f64', f64: 'v128', v128: 'i32' };
  const module = { mems: [mem1], datas: [{ mode: 'passive' as const, bytes: new Uint8Array(0) }], dataCount: 1 };
  let checked = 0;
  for (const info of opcodes) {
    const sig = info.sig;
    if (sig === undefined || info.imm === 'elem' || info.imm === 'data') continue;
    const imm: Omit<Instr, 'op'> = info.imm === 'memarg' ? { mem: { align: 0, offset: 0, mem: 0 } }
      : info.imm === 'memarg_lane' ? { mem: { align: 0, offset: 0, mem: 0 }, lane: 0 }
      : info.imm === 'lane' ? { lane: 0 } : info.imm === 'shuffle' ? { bytes: new Uint8Array(16) }
      : info.imm === 'v128' ? { bytes: new Uint8Array(16) } : info.imm === 'i64' || info.imm === 'f64' ? { value: 0n }
      : { value: 0 };
    const address = info.imm === 'memarg' || info.imm === 'memarg_lane' ? [i32(0)] : [];
    const ins = i(info.code, imm);
    const drops = sig.results.map(() => i(Op.drop));
    const operands = sig.params.map((t) => consts[t as string]);
    valid(fn([...address, ...operands, ins, ...drops], { module }), wasm3);
    valid(fn([i(Op.unreachable), ins, ...drops], { module }), wasm3);
    if (sig.params.length > 0) {
      const wrong = [...operands.slice(0, -1), consts[other[sig.params[sig.params.length - 1] as string]]];
      const msg = invalid(fn([...address, ...wrong, ins, ...drops], { module }), 'type mismatch', wasm3);
      assert.ok(msg.includes(`instruction requires [${sig.params.join(' ')}]`), msg);
      // The operands in reverse order, where that changes their types.
      if (sig.params.join() !== [...sig.params].reverse().join()) {
        invalid(fn([...address, ...[...operands].reverse(), ins, ...drops], { module }), 'type mismatch', wasm3);
      }
      // Too few operands: the block's stack ends below them.
      invalid(fn([...address, ...operands.slice(1), ins, ...drops], { module }), 'type mismatch', wasm3);
    }
    checked++;
  }
  assert.ok(checked > 400, `${checked} instructions`);
});

test('reference types: equal types share a code, different ones match by subtyping', () => {
  const nonNull = refType(false, 'func');
  const f = { types: [ft([], [])] };
  // (ref func) where (ref null func) is expected, through a local, a call and a block result.
  valid(fn([i(Op.ref_func, { idx: 0 }), i(Op.local_set, { idx: 0 })], { locals: [funcref], module: { exports: [{ name: 'f', kind: 'func', idx: 0 }] } }), wasm3);
  valid(fn([i(Op.local_get, { idx: 0 }), i(Op.local_tee, { idx: 1 }), i(Op.drop)], { params: [nonNull], locals: [refType(true, 'func')], ...f }), wasm3);
  valid(fn([i(Op.block, { bt: funcref }), i(Op.local_get, { idx: 0 }), i(Op.end)], { params: [nonNull], results: [refType(true, 'func')] }), wasm3);
  // Not the other way round.
  invalid(fn([i(Op.local_get, { idx: 0 }), i(Op.local_set, { idx: 1 })], { params: [funcref], locals: [nonNull] }), 'type mismatch: instruction requires [(ref func)] but stack has [funcref]', wasm3);
  invalid(fn([i(Op.local_get, { idx: 0 })], { params: [externref], results: [funcref] }), 'type mismatch', wasm3);
  // A non-defaultable local must be set first (the fast paths step aside for tracked locals).
  invalid(fn([i(Op.local_get, { idx: 0 }), i(Op.drop)], { locals: [nonNull] }), 'uninitialized local 0', wasm3);
  valid(fn([i(Op.block, { bt: null }), i(Op.local_get, { idx: 0 }), i(Op.local_set, { idx: 1 }), i(Op.end)], { params: [nonNull], locals: [nonNull] }), wasm3);
  invalid(fn([i(Op.block, { bt: null }), i(Op.local_get, { idx: 0 }), i(Op.local_set, { idx: 1 }), i(Op.end), i(Op.local_get, { idx: 1 }), i(Op.drop)], { params: [nonNull], locals: [nonNull] }), 'uninitialized local 1', wasm3);
  // select with a type over references; ref.as_non_null of unreachable code is a reference.
  valid(fn([i(Op.local_get, { idx: 0 }), i(Op.local_get, { idx: 0 }), i32(1), i(Op.select_t, { types: [funcref] })], { params: [nonNull], results: [funcref] }), wasm3);
  invalid(fn([i(Op.unreachable), i(Op.ref_as_non_null), i(Op.i32_eqz)], { results: ['i32'] }), 'type mismatch', wasm3);
});

test('a deep operand stack grows', () => {
  const n = 3000;
  const pushes = Array.from({ length: n }, () => i32(1));
  const adds = Array.from({ length: n - 1 }, () => i(Op.i32_add));
  valid(fn([...pushes, ...adds], { results: ['i32'] }));
  invalid(fn([...pushes, ...adds.slice(1)], { results: ['i32'] }), 'type mismatch: [i32] left on the stack');
});

test.run();
