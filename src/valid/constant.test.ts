import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CompileError } from '../errors.js';
import { wasm2, wasm3 } from '../syntax/features.js';
import type { Features } from '../syntax/features.js';
import type { Expr, Import, Instr, Module } from '../syntax/module.js';
import { emptyModule } from '../syntax/module.js';
import { Op } from '../syntax/opcodes.js';
import type { GlobalType, ValType } from '../syntax/types.js';
import { funcref } from '../syntax/types.js';
import { validateModule } from './module.js';

const i = (op: number, imm: Omit<Instr, 'op'> = {}): Instr => ({ op, ...imm });
const i32 = (value: number): Instr => i(Op.i32_const, { value });
const importGlobal = (type: ValType, mutable = false): Import =>
  ({ module: 'm', name: 'g', desc: { kind: 'global', type: { type, mutable } } });

/** A module with the given imports and one global per `[type, init]`. */
function globals(defs: [GlobalType, Expr][], imports: Import[] = []): Module {
  return { ...emptyModule(), imports, globals: defs.map(([type, init]) => ({ type, init })) };
}
const imm = (type: ValType): GlobalType => ({ type, mutable: false });

function rejects(m: Module, prefix: string, features: Features = wasm2): void {
  try {
    validateModule(m, features);
  } catch (e) {
    assert.instance(e, CompileError);
    const msg = (e as Error).message;
    assert.ok(msg.startsWith(prefix), `"${msg}" does not start with "${prefix}"`);
    return;
  }
  assert.unreachable(`validated; expected "${prefix}"`);
}

test('constants, ref.null and ref.func are constant', () => {
  validateModule(globals([
    [imm('i32'), [i32(1)]],
    [imm('f64'), [i(Op.f64_const, { value: 0n })]],
    [imm(funcref), [i(Op.ref_null, { heap: 'func' })]],
  ]));
  const m = globals([[imm(funcref), [i(Op.ref_func, { idx: 0 })]]]);
  m.types.push({ final: true, supers: [], comp: { kind: 'func', params: [], results: [] } });
  m.funcs.push({ typeIdx: 0, locals: [], body: [i(Op.ref_func, { idx: 0 }), i(Op.drop)] });
  validateModule(m); // a ref.func in a global declares the function for function bodies
  rejects(globals([[imm(funcref), [i(Op.ref_func, { idx: 7 })]]]), 'unknown function 7');
});

test('SIMD: v128.const is constant; other vector instructions are not', () => {
  const v = i(Op.v128_const, { bytes: new Uint8Array(16) });
  validateModule(globals([[imm('v128'), [v]], [{ type: 'v128', mutable: true }, [v]]]));
  validateModule(globals([[imm('v128'), [i(Op.global_get, { idx: 0 })]]], [importGlobal('v128')]));
  rejects(globals([[imm('v128'), [i32(0), i(Op.i32x4_splat)]]]), 'constant expression required');
  rejects(globals([[imm('v128'), [v, v, i(Op.i8x16_add)]]]), 'constant expression required');
  rejects(globals([[imm('i32'), [v]]]), 'type mismatch');
});

test('anything else is "constant expression required", checked before types', () => {
  rejects(globals([[imm('i32'), [i32(0), i(Op.i32_ctz)]]]), 'constant expression required');
  rejects(globals([[imm('i32'), [i(Op.nop)]]]), 'constant expression required');
  rejects(globals([[imm('f32'), [i(Op.local_get, { idx: 0 })]]]), 'constant expression required');
  rejects(globals([[imm('i32'), [i32(0), i(Op.nop)]]]), 'constant expression required');
  rejects(globals([[imm('i32'), [i32(0), i32(0), i(Op.i32_add)]]]), 'constant expression required');
});

test('the value must have the global\'s type, and be exactly one', () => {
  rejects(globals([[imm('i32'), [i(Op.i64_const, { value: 0n })]]]), 'type mismatch');
  rejects(globals([[imm('i32'), [i32(0), i32(0)]]]), 'type mismatch');
  rejects(globals([[imm('i32'), []]]), 'type mismatch');
});

test('2.0 global.get: imported immutable globals only', () => {
  validateModule(globals([[imm('i32'), [i(Op.global_get, { idx: 0 })]]], [importGlobal('i32')]));
  rejects(globals([[imm('i32'), [i(Op.global_get, { idx: 0 })]]], [importGlobal('i32', true)]), 'constant expression required');
  rejects(globals([[imm('i32'), [i(Op.global_get, { idx: 1 })]]], [importGlobal('i32')]), 'unknown global 1');
  rejects(globals([[imm('i32'), [i32(0)]], [imm('i32'), [i(Op.global_get, { idx: 0 })]]]), 'unknown global 0');
  rejects(globals([[imm('i64'), [i(Op.global_get, { idx: 0 })]]], [importGlobal('i32')]), 'type mismatch');
});

test('3.0: earlier immutable globals, and extended constant arithmetic', () => {
  const m = globals([[imm('i32'), [i32(1)]], [imm('i32'), [i(Op.global_get, { idx: 0 }), i32(2), i(Op.i32_mul)]]]);
  validateModule(m, wasm3);
  rejects(m, 'unknown global 0', wasm2);
  rejects(globals([[imm('i32'), [i(Op.global_get, { idx: 1 })]], [imm('i32'), [i32(0)]]]), 'unknown global 1', wasm3);
  rejects(globals([[imm('i64'), [i(Op.i64_const, { value: 1n }), i32(2), i(Op.i64_add)]]]), 'type mismatch', wasm3);
});

test.run();
