import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { invoke } from '../exec/interpreter.js';
import { f32ToBits, f64ToBits } from '../exec/numerics.js';
import { spectest } from './spectest.js';

test('the spectest module: globals, table, memory and print functions', () => {
  const lines: string[] = [];
  const s = spectest((l) => lines.push(l));
  const value = (name: string) => {
    const e = s.get(name)!;
    assert.is(e.kind, 'global');
    return e.kind === 'global' ? e.value.value : undefined;
  };
  assert.is(value('global_i32'), 666);
  assert.is(value('global_i64'), 666n);
  assert.is(value('global_f32'), f32ToBits(666.6));
  assert.is(value('global_f64'), f64ToBits(666.6));
  const table = s.get('table'), memory = s.get('memory');
  assert.ok(table?.kind === 'table' && table.value.size === 10 && table.value.type.limits.max === 20);
  assert.ok(memory?.kind === 'memory' && memory.value.pages === 1 && memory.value.type.limits.max === 2);
  const print = s.get('print_i32_f32')!;
  assert.ok(print.kind === 'func');
  if (print.kind === 'func') invoke(print.value, [7, f32ToBits(1.5)]);
  assert.equal(lines, ['7 : i32', '1.5 : f32']);
  for (const name of ['print', 'print_i32', 'print_i64', 'print_f32', 'print_f64', 'print_f64_f64']) {
    assert.is(s.get(name)?.kind, 'func', name);
  }
});

test.run();
