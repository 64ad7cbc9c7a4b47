import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CompileError } from '../errors.js';
import { wasm2, wasm3 } from '../syntax/features.js';
import type { Features } from '../syntax/features.js';
import type { Elem, Instr, Module } from '../syntax/module.js';
import { emptyModule } from '../syntax/module.js';
import { Op } from '../syntax/opcodes.js';
import type { MemType, SubType, TableType, ValType } from '../syntax/types.js';
import { externref, funcref, refType } from '../syntax/types.js';
import { validateModule } from './module.js';

const ft = (params: ValType[], results: ValType[]): SubType => ({ final: true, supers: [], comp: { kind: 'func', params, results } });
const i = (op: number, imm: Omit<Instr, 'op'> = {}): Instr => ({ op, ...imm });
const i32 = (value: number): Instr => i(Op.i32_const, { value });
const mem = (min: number, max?: number): MemType => ({ limits: { min, max }, addr: 'i32', shared: false });
const table = (elem = funcref): TableType => ({ limits: { min: 1 }, addr: 'i32', elem });
const mod = (parts: Partial<Module>): Module => ({ ...emptyModule(), ...parts });
/** Two functions: 0 of type [] -> [], 1 of type [i32] -> []. */
const twoFuncs = {
  types: [ft([], []), ft(['i32'], [])],
  funcs: [{ typeIdx: 0, locals: [], body: [] }, { typeIdx: 1, locals: [], body: [] }],
};

function rejects(m: Module, prefix: string, features: Features = wasm2): string {
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

test('the empty module is valid, with the default features', () => {
  validateModule(emptyModule());
});

test('type indices of functions and imports must exist and be function types', () => {
  rejects(mod({ funcs: [{ typeIdx: 0, locals: [], body: [] }] }), 'unknown type 0');
  rejects(mod({ imports: [{ module: 'm', name: 'f', desc: { kind: 'func', typeIdx: 2 } }] }), 'unknown type 2');
  rejects(mod({ types: [ft([], ['i32'])], funcs: [{ typeIdx: 0, locals: ['i32', 'v128', refType(true, 'any')], body: [] }] }),
    'heap type any requires the gc feature');
});

test('memories: at most one in 2.0, limits in range', () => {
  rejects(mod({ mems: [mem(0), mem(0)] }), 'multiple memories');
  rejects(mod({ mems: [mem(0)], imports: [{ module: 'm', name: 'm', desc: { kind: 'memory', type: mem(0) } }] }), 'multiple memories');
  validateModule(mod({ mems: [mem(0), mem(0)] }), wasm3);
  rejects(mod({ mems: [mem(65537)] }), 'memory size must be at most 65536 pages (4GiB)');
  rejects(mod({ mems: [mem(2, 1)] }), 'size minimum must not be greater than maximum');
  rejects(mod({ imports: [{ module: 'm', name: 'm', desc: { kind: 'memory', type: mem(0, 70000) } }] }), 'memory size must be at most 65536 pages');
});

test('tables: limits; 3.0 non-nullable element types need an initializer', () => {
  rejects(mod({ tables: [{ type: { ...table(), limits: { min: 3, max: 2 } } }] }), 'size minimum must not be greater than maximum');
  const nonNull = refType(false, 'func');
  rejects(mod({ tables: [{ type: table(nonNull) }] }), 'type mismatch', wasm3);
  validateModule(mod({ ...twoFuncs, tables: [{ type: table(nonNull), init: [i(Op.ref_func, { idx: 0 })] }] }), wasm3);
  rejects(mod({ tables: [{ type: table(), init: [i(Op.ref_null, { heap: 'func' })] }] }), 'a table initializer requires');
});

test('start function: defined, of type [] -> []', () => {
  validateModule(mod({ ...twoFuncs, start: 0 }));
  rejects(mod({ ...twoFuncs, start: 1 }), 'start function');
  rejects(mod({ ...twoFuncs, start: 2 }), 'unknown function 2');
});

test('exports: indices defined, names distinct', () => {
  validateModule(mod({ ...twoFuncs, mems: [mem(0)], exports: [{ name: 'a', kind: 'func', idx: 1 }, { name: 'b', kind: 'memory', idx: 0 }] }));
  const msg = rejects(mod({ ...twoFuncs, mems: [mem(0)], exports: [{ name: 'a', kind: 'func', idx: 1 }, { name: 'a', kind: 'memory', idx: 0 }] }),
    'duplicate export name');
  assert.ok(msg.includes('"a"'));
  rejects(mod({ exports: [{ name: 'a', kind: 'func', idx: 0 }] }), 'unknown function 0');
  rejects(mod({ exports: [{ name: 'a', kind: 'table', idx: 0 }] }), 'unknown table 0');
  rejects(mod({ exports: [{ name: 'a', kind: 'memory', idx: 1 }], mems: [mem(0)] }), 'unknown memory 1');
  rejects(mod({ exports: [{ name: 'a', kind: 'global', idx: 0 }] }), 'unknown global 0');
});

test('element segments: table, offset and element types', () => {
  const active = (e: Partial<Elem>): Elem => ({ mode: 'active', type: funcref, init: [], table: 0, offset: [i32(0)], ...e });
  validateModule(mod({ ...twoFuncs, tables: [{ type: table() }], elems: [active({ init: [[i(Op.ref_func, { idx: 1 })]] })] }));
  rejects(mod({ elems: [active({})] }), 'unknown table 0');
  rejects(mod({ tables: [{ type: table() }], elems: [active({ offset: [i(Op.i64_const, { value: 0n })] })] }), 'type mismatch');
  rejects(mod({ tables: [{ type: table() }], elems: [active({ offset: [i(Op.nop)] })] }), 'constant expression required');
  rejects(mod({ tables: [{ type: table() }], elems: [active({ type: externref })] }), 'type mismatch');
  rejects(mod({ elems: [{ mode: 'passive', type: funcref, init: [[i(Op.ref_null, { heap: 'extern' })]] }] }), 'type mismatch');
  rejects(mod({ elems: [{ mode: 'declarative', type: funcref, init: [[i(Op.ref_func, { idx: 0 })]] }] }), 'unknown function 0');
  const msg = rejects(mod({ tables: [{ type: table() }], elems: [active({}), active({ offset: [] })] }), 'type mismatch');
  assert.ok(msg.endsWith('(in elem segment 1)'), msg);
});

test('a ref.func in an element segment declares the function; the start function does not', () => {
  const body = [i(Op.ref_func, { idx: 0 }), i(Op.drop)];
  const funcs = [{ typeIdx: 0, locals: [], body }];
  rejects(mod({ types: [ft([], [])], funcs, start: 0 }), 'undeclared function reference');
  validateModule(mod({ types: [ft([], [])], funcs, elems: [{ mode: 'declarative', type: funcref, init: [[i(Op.ref_func, { idx: 0 })]] }] }));
});

test('data segments: memory and offset', () => {
  const bytes = new Uint8Array(1);
  validateModule(mod({ mems: [mem(1)], datas: [{ mode: 'active', bytes, mem: 0, offset: [i32(0)] }] }));
  rejects(mod({ datas: [{ mode: 'active', bytes, mem: 0, offset: [i32(0)] }] }), 'unknown memory 0');
  rejects(mod({ mems: [mem(1)], datas: [{ mode: 'active', bytes, mem: 1, offset: [i32(0)] }] }), 'unknown memory 1');
  rejects(mod({ mems: [mem(1)], datas: [{ mode: 'active', bytes, mem: 0, offset: [i(Op.i64_const, { value: 0n })] }] }), 'type mismatch');
  rejects(mod({ datas: [{ mode: 'passive', bytes }], dataCount: 2 }), 'data count and data section have inconsistent lengths');
});

test('tags are an exceptions feature, with empty results', () => {
  const types = [ft(['i32'], []), ft([], ['i32'])];
  rejects(mod({ types, tags: [{ typeIdx: 0 }] }), 'a tag requires the exceptions feature');
  validateModule(mod({ types, tags: [{ typeIdx: 0 }], exports: [{ name: 't', kind: 'tag', idx: 0 }] }), wasm3);
  rejects(mod({ types, tags: [{ typeIdx: 1 }] }), 'non-empty tag result type', wasm3);
});

test('rec groups and subtypes are a gc feature', () => {
  const types: SubType[] = [ft([], []), ft([], [])];
  rejects(mod({ types, recGroups: [{ start: 0, count: 2 }] }), 'a recursive type group requires the gc feature');
  validateModule(mod({ types, recGroups: [{ start: 0, count: 2 }] }), wasm3);
});

test.run();
