import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { opcodes, opName } from '../syntax/opcodes.js';
import { dumpIR, Ir, irInfo, irLength, irOfWasm } from './ir.js';

test('every IR opcode has exactly one description, with a unique name and known field kinds', () => {
  assert.is(irInfo.length, Ir.COUNT);
  const names = new Set<string>();
  for (let op = 0; op < Ir.COUNT; op++) {
    const info = irInfo[op];
    assert.ok(info !== undefined, `opcode ${op} has no description`);
    assert.not.ok(names.has(info.name), `duplicate name ${info.name}`);
    names.add(info.name);
    assert.match(info.fields, /^[daiukLTfgtesyxvhb]*$/);
  }
});

test('IR instructions named like a Wasm instruction implement it: same operand count', () => {
  for (const [wasmOp, op] of irOfWasm) {
    const sig = opcodes.find((o) => o.code === wasmOp)!.sig;
    if (sig === undefined || opcodes.find((o) => o.code === wasmOp)!.imm !== 'none') continue;
    const regs = irInfo[op].fields.replace(/[^da]/g, '');
    assert.is(regs.length, sig.params.length + sig.results.length, opName(wasmOp));
  }
  assert.is(irOfWasm.get(opcodes.find((o) => o.name === 'i32.add')!.code), Ir.i32_add);
  assert.is(irOfWasm.get(opcodes.find((o) => o.name === 'i32.load')!.code), undefined, 'load32 serves i32.load and f32.load');
});

test('dumpIR: registers as slots, unsigned offsets, 64-bit immediates, br_table targets', () => {
  const code = Int32Array.from([
    Ir.const64, 4, -1, 0x7fffffff,
    Ir.load32, 2, 0, -16,
    Ir.br_table, 2, 2, 0, 4, 8,
    Ir.call, 3, 6,
    Ir.return,
  ]);
  assert.is(irLength(code, 0), 4);
  assert.is(irLength(code, 8), 6);
  assert.is(dumpIR(code), [
    '   0: const64 r2, 0x7fffffffffffffff',
    '   4: load32 r1, r0, 4294967280',
    '   8: br_table r1, [@0 @4] default @8',
    '  14: call f3, r3',
    '  17: return',
  ].join('\n'));
});

test.run();
