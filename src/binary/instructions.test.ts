import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { wasm2, wasm3, type Features } from '../syntax/features.js';
import type { Expr, Instr } from '../syntax/module.js';
import { Op, type ImmKind, type OpInfo } from '../syntax/opcodes.js';
import { funcref, refType } from '../syntax/types.js';
import { bytes, throwsCompile } from './fixtures.test.js';
import {
  readExpr, readInstr, refFuncExpr, refFuncIndex, writeExpr, writeImmediates, writeInstr,
  type ExprContext,
} from './instructions.js';
import { Reader } from './reader.js';
import { Writer } from './writer.js';

const ctx = (features: Features = wasm2): ExprContext => ({ features, usesDataIndex: false });
const expr = (hex: string, features: Features = wasm2): Expr => readExpr(new Reader(bytes(hex)), ctx(features));

function encoded(e: Expr): string {
  const w = new Writer();
  writeExpr(w, e);
  return [...w.finish()].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Decodes `hex` and the closing end, checks the result and that it encodes back the same. */
function roundTrip(hex: string, expected: Expr, features: Features = wasm2): void {
  const e = expr(`${hex} 0b`, features);
  assert.equal(e, expected);
  assert.is(encoded(e), `${hex.replace(/\s+/g, ' ').trim()} 0b`);
}

test('flat structured instructions; the closing end is consumed, not returned', () => {
  roundTrip('02 40 03 7f 41 01 0b 1a 0b', [
    { op: Op.block, bt: null }, { op: Op.loop, bt: 'i32' }, { op: Op.i32_const, value: 1 }, { op: Op.end },
    { op: Op.drop }, { op: Op.end },
  ]);
  roundTrip('41 00 04 05 01 05 01 0b', [
    { op: Op.i32_const, value: 0 }, { op: Op.if, bt: 5 }, { op: Op.nop }, { op: Op.else }, { op: Op.nop },
    { op: Op.end },
  ]);
  const r = new Reader(bytes('01 0b 99'));
  readExpr(r, ctx());
  assert.is(r.pos, 2);
});

test('else only once inside if; anything but end where the expression closes', () => {
  throwsCompile(() => expr('05 0b'), 'END opcode expected', 0);
  throwsCompile(() => expr('02 40 05 0b 0b'), 'END opcode expected', 2);
  throwsCompile(() => expr('04 40 05 05 0b 0b'), 'END opcode expected', 3);
  throwsCompile(() => expr('02 40 0b'), 'unexpected end of section or function', 3);
});

test('illegal opcodes, with the byte (and sub-opcode) in hex', () => {
  throwsCompile(() => expr('06 0b'), 'illegal opcode 06', 0);
  throwsCompile(() => expr('01 ff'), 'illegal opcode ff', 1);
  throwsCompile(() => expr('fc 12 0b'), 'illegal opcode fc 12', 0);
  throwsCompile(() => expr('fc 80 80 04 0b'), 'illegal opcode fc 10000', 0);
  throwsCompile(() => expr('fb 00 0b'), 'illegal opcode fb', 0);
  throwsCompile(() => expr('fc 80 80 80 80 80 00'), 'integer representation too long');
});

test('3.0 opcodes are illegal in 2.0 and decode with their features', () => {
  const gated: [string, Instr][] = [
    ['12 03', { op: Op.return_call, idx: 3 }],
    ['13 01 00', { op: Op.return_call_indirect, idx: 1, idx2: 0 }],
    ['14 02', { op: Op.call_ref, idx: 2 }],
    ['15 02', { op: Op.return_call_ref, idx: 2 }],
    ['08 00', { op: Op.throw, idx: 0 }],
    ['0a', { op: Op.throw_ref }],
    ['d3', { op: Op.ref_eq }],
    ['d4', { op: Op.ref_as_non_null }],
    ['d5 00', { op: Op.br_on_null, idx: 0 }],
    ['d6 01', { op: Op.br_on_non_null, idx: 1 }],
  ];
  for (const [hex, ins] of gated) {
    const code = hex.slice(0, 2);
    throwsCompile(() => expr(`${hex} 0b`), `illegal opcode ${code}`, 0);
    roundTrip(hex, [ins], wasm3);
  }
  throwsCompile(() => expr('12 00 0b', { ...wasm3, tailCall: false }), 'illegal opcode 12', 0);
  throwsCompile(() => expr('15 00 0b', { ...wasm3, tailCall: false }), 'illegal opcode 15', 0);
});

test('try_table: block type, catch clauses, nesting', () => {
  roundTrip('1f 40 04 00 01 02 01 03 00 02 03 03 00 0b', [
    {
      op: Op.try_table, bt: null, catches: [
        { kind: 'catch', tag: 1, label: 2 }, { kind: 'catch_ref', tag: 3, label: 0 },
        { kind: 'catch_all', label: 3 }, { kind: 'catch_all_ref', label: 0 },
      ],
    },
    { op: Op.end },
  ], wasm3);
  throwsCompile(() => expr('1f 40 01 04 00 0b 0b', wasm3), 'malformed catch clause', 3);
  throwsCompile(() => expr('1f 40 00 05 0b 0b', wasm3), 'END opcode expected', 3);
});

test('index immediates, br_table, call_indirect, select with types', () => {
  roundTrip('20 00 21 01 22 80 01 23 02 24 03 10 04 0c 00 0d 01 25 00 26 01 d2 05', [
    { op: Op.local_get, idx: 0 }, { op: Op.local_set, idx: 1 }, { op: Op.local_tee, idx: 128 },
    { op: Op.global_get, idx: 2 }, { op: Op.global_set, idx: 3 }, { op: Op.call, idx: 4 },
    { op: Op.br, idx: 0 }, { op: Op.br_if, idx: 1 }, { op: Op.table_get, idx: 0 },
    { op: Op.table_set, idx: 1 }, { op: Op.ref_func, idx: 5 },
  ]);
  roundTrip('0e 02 00 01 02 0e 00 00', [{ op: Op.br_table, labels: [0, 1], idx: 2 }, { op: Op.br_table, labels: [], idx: 0 }]);
  roundTrip('11 02 01', [{ op: Op.call_indirect, idx: 2, idx2: 1 }]);
  roundTrip('1b 1c 01 7f 1c 02 70 6f', [
    { op: Op.select }, { op: Op.select_t, types: ['i32'] }, { op: Op.select_t, types: [funcref, refType(true, 'extern')] },
  ]);
  throwsCompile(() => expr('0e 05 00 0b'), 'length out of bounds', 1);
});

test('constants: signed integers and raw float bits', () => {
  roundTrip('41 7f 41 80 80 80 80 78 42 7f 42 ff ff ff ff ff ff ff ff ff 00', [
    { op: Op.i32_const, value: -1 }, { op: Op.i32_const, value: -0x8000_0000 },
    { op: Op.i64_const, value: -1n }, { op: Op.i64_const, value: 2n ** 63n - 1n },
  ]);
  roundTrip('43 01 00 a0 7f 44 01 00 00 00 00 00 f4 ff', [
    { op: Op.f32_const, value: 0x7fa0_0001 }, { op: Op.f64_const, value: BigInt.asIntN(64, 0xfff4_0000_0000_0001n) },
  ]);
  throwsCompile(() => expr('41 80 80 80 80 80 00 0b'), 'integer representation too long');
});

test('memarg: 2.0 alignment flags below 32; multi-memory index; memory64 offset', () => {
  roundTrip('28 02 08', [{ op: Op.i32_load, mem: { align: 2, offset: 8, mem: 0 } }]);
  roundTrip('36 1f 00', [{ op: Op.i32_store, mem: { align: 31, offset: 0, mem: 0 } }]);
  throwsCompile(() => expr('28 20 00 0b'), 'malformed memop flags', 1);
  throwsCompile(() => expr('28 40 00 00 0b'), 'malformed memop flags', 1);
  roundTrip('28 42 01 04', [{ op: Op.i32_load, mem: { align: 2, offset: 4, mem: 1 } }], wasm3);
  roundTrip('28 20 00', [{ op: Op.i32_load, mem: { align: 32, offset: 0, mem: 0 } }], wasm3);
  throwsCompile(() => expr('28 80 01 00 0b', wasm3), 'malformed memop flags', 1);
  throwsCompile(() => expr('28 02 80 80 80 80 10 0b'), 'integer too large');
  roundTrip('28 02 80 80 80 80 10', [{ op: Op.i32_load, mem: { align: 2, offset: 2 ** 32, mem: 0 } }], wasm3);
});

test('memory instructions: reserved zero bytes in 2.0, memory indices with multi-memory', () => {
  roundTrip('3f 00 40 00 fc 0b 00 fc 0a 00 00', [
    { op: Op.memory_size, idx: 0 }, { op: Op.memory_grow, idx: 0 }, { op: Op.memory_fill, idx: 0 },
    { op: Op.memory_copy, idx: 0, idx2: 0 },
  ]);
  throwsCompile(() => expr('3f 01 0b'), 'zero byte expected', 1);
  throwsCompile(() => expr('40 80 00 0b'), 'zero byte expected', 1);
  throwsCompile(() => expr('fc 0a 00 01 0b'), 'zero byte expected', 3);
  throwsCompile(() => expr('fc 08 00 01 0b'), 'zero byte expected', 3);
  roundTrip('3f 02 40 01 fc 0b 03 fc 0a 01 02 fc 08 04 01', [
    { op: Op.memory_size, idx: 2 }, { op: Op.memory_grow, idx: 1 }, { op: Op.memory_fill, idx: 3 },
    { op: Op.memory_copy, idx: 1, idx2: 2 }, { op: Op.memory_init, idx: 4, idx2: 1 },
  ], wasm3);
});

test('memory.init and data.drop report their use of data indices', () => {
  const c = ctx();
  readExpr(new Reader(bytes('41 00 1a 0b')), c);
  assert.is(c.usesDataIndex, false);
  readExpr(new Reader(bytes('fc 09 00 0b')), c);
  assert.is(c.usesDataIndex, true);
  const d = ctx();
  readExpr(new Reader(bytes('fc 08 01 00 0b')), d);
  assert.is(d.usesDataIndex, true);
});

test('table instructions and reference instructions', () => {
  roundTrip('fc 0c 01 02 fc 0d 01 fc 0e 02 03 fc 0f 00 fc 10 01 fc 11 02', [
    { op: Op.table_init, idx: 1, idx2: 2 }, { op: Op.elem_drop, idx: 1 }, { op: Op.table_copy, idx: 2, idx2: 3 },
    { op: Op.table_grow, idx: 0 }, { op: Op.table_size, idx: 1 }, { op: Op.table_fill, idx: 2 },
  ]);
  roundTrip('d0 70 d0 6f d1', [{ op: Op.ref_null, heap: 'func' }, { op: Op.ref_null, heap: 'extern' }, { op: Op.ref_is_null }]);
  throwsCompile(() => expr('d0 7f 0b'), 'malformed heap type', 1);
  roundTrip('d0 03 d0 6e', [{ op: Op.ref_null, heap: 3 }, { op: Op.ref_null, heap: 'any' }], wasm3);
  roundTrip('fc 00 fc 07', [{ op: Op.i32_trunc_sat_f32_s }, { op: Op.i64_trunc_sat_f64_u }]);
});

test('immediate kinds of the SIMD and GC rows, through synthetic table rows', () => {
  const row = (imm: ImmKind, prefix: number, sub: number): OpInfo =>
    ({ name: `test.${imm}`, code: (prefix << 16) | sub, prefix, sub, imm });
  const lanes = Uint8Array.from({ length: 16 }, (_, i) => i * 3);
  const cases: [OpInfo, string, Instr][] = [
    [row('v128', 0xfd, 12), '00 03 06 09 0c 0f 12 15 18 1b 1e 21 24 27 2a 2d', { op: 0xfd000c, bytes: lanes }],
    [row('shuffle', 0xfd, 13), '00 03 06 09 0c 0f 12 15 18 1b 1e 21 24 27 2a 2d', { op: 0xfd000d, bytes: lanes }],
    [row('lane', 0xfd, 21), '0f', { op: 0xfd0015, lane: 15 }],
    [row('memarg_lane', 0xfd, 84), '00 10 07', { op: 0xfd0054, mem: { align: 0, offset: 16, mem: 0 }, lane: 7 }],
    [row('type_field', 0xfb, 2), '04 01', { op: 0xfb0002, idx: 4, idx2: 1 }],
    [row('type_n', 0xfb, 8), '04 80 01', { op: 0xfb0008, idx: 4, idx2: 128 }],
    [row('type_type', 0xfb, 17), '01 02', { op: 0xfb0011, idx: 1, idx2: 2 }],
    [row('reftype', 0xfb, 20), '6e', { op: 0xfb0014, ref: refType(false, 'any') }],
    [row('reftype', 0xfb, 23), '05', { op: 0xfb0017, ref: refType(true, 5) }],
    [row('br_on_cast', 0xfb, 24), '02 01 6e 05', { op: 0xfb0018, idx: 1, ref: refType(false, 'any'), ref2: refType(true, 5) }],
  ];
  for (const [info, hex, ins] of cases) {
    const r = new Reader(bytes(hex));
    assert.equal(readInstr(r, info, ctx(wasm3)), ins, info.name);
    assert.ok(r.atEnd());
    const w = new Writer();
    writeImmediates(w, ins, info);
    assert.equal([...w.finish()], [...bytes(hex)], info.name);
  }
  throwsCompile(() => readInstr(new Reader(bytes('04 00 6e 6e')), row('br_on_cast', 0xfb, 24), ctx(wasm3)),
    'malformed br_on_cast flags', 0);
});

test('writeInstr writes any Instr: missing immediates become zero, unknown opcodes bare', () => {
  const w = new Writer();
  writeInstr(w, { op: Op.call });
  writeInstr(w, { op: Op.br_table });
  writeInstr(w, { op: Op.i32_load });
  writeInstr(w, { op: Op.i64_const, value: 1.5 });
  writeInstr(w, { op: Op.i32_const, value: 2n ** 40n + 7n });
  writeInstr(w, { op: Op.f64_const });
  writeInstr(w, { op: Op.block });
  writeInstr(w, { op: 0xfc00ff });
  writeInstr(w, { op: 0x06 });
  assert.equal([...w.finish()], [...bytes('10 00 0e 00 00 28 00 00 42 00 41 07 44 00 00 00 00 00 00 00 00 02 40 fc ff 01 06')]);
});

test('ref.func expressions of element segments', () => {
  assert.equal(refFuncExpr(3), [{ op: Op.ref_func, idx: 3 }]);
  assert.is(refFuncIndex(refFuncExpr(3)), 3);
  assert.is(refFuncIndex([{ op: Op.ref_null, heap: 'func' }]), undefined);
  assert.is(refFuncIndex([{ op: Op.ref_func, idx: 1 }, { op: Op.ref_func, idx: 2 }]), undefined);
});

test('shared instructions: frozen, one object per kind; loops never shared', () => {
  // block, loop, if (both empty and i32), local.get 1, i32.const 5, i64.const 5, i32.load offset 8,
  // f32x4.add (prefixed, no immediate): twice each.
  const once = '02 40 0b 03 40 0b 02 7f 41 00 0b 1a 20 01 41 05 42 05 28 02 08 fd e4 01';
  const e = expr(`41 00 04 40 0b 41 00 04 40 0b ${once} ${once} 0b`, wasm3);
  const n = (e.length - 6) / 2;
  const [a, b] = [e.slice(6, 6 + n), e.slice(6 + n)];
  assert.is(n, 13);
  for (let k = 0; k < a.length; k++) {
    if (a[k].op === Op.loop) {
      assert.is.not(a[k], b[k], 'each loop is its own object (fuel accounting keys loops by object)');
      assert.not.ok(Object.isFrozen(a[k]));
    } else {
      assert.is(a[k], b[k], `shared: ${JSON.stringify(a[k], (_, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
      assert.ok(Object.isFrozen(a[k]));
    }
  }
  assert.is(e[1], e[4], 'if without a type');
  // Above the bounds, fresh objects: a large index, a large constant, a far offset.
  const far = expr('20 80 02 20 80 02 41 80 10 41 80 10 28 02 80 80 04 28 02 80 80 04 0b');
  for (let k = 0; k < far.length; k += 2) assert.is.not(far[k], far[k + 1]);
});

test.run();
