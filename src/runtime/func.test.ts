import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { invoke } from '../exec/interpreter.js';
import { funcTypeId } from './canon.js';
import { hostFunc } from './func.js';
import { externref, type FuncType } from '../syntax/types.js';

test('a host function: its type id, register footprint, and raw values in and out', () => {
  const seen: unknown[] = [];
  const type: FuncType = { kind: 'func', params: ['i32', 'i64', 'f32', 'f64', externref], results: ['i64', externref] };
  const f = hostFunc(type, (args) => {
    seen.push(...args);
    return [-(args[1] as bigint), args[4]];
  }, 'f');
  assert.is(f.instance, null);
  assert.is(f.name, 'f');
  assert.is(f.paramWords, 10);
  assert.is(f.resultWords, 4);
  assert.is(f.typeId, funcTypeId(f.type));
  const ref = { host: true };
  assert.equal(invoke(f, [-1, 1n << 62n, 0x7fa00000, -1n, ref]), [-(1n << 62n), ref]);
  assert.equal(seen, [-1, 1n << 62n, 0x7fa00000, -1n, ref]);
});

test.run();
