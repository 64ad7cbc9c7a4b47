import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emptyModule, type Module } from '../syntax/module.js';
import type { FuncType } from '../syntax/types.js';
import { canonicalTypeIds, funcTypeId } from './canon.js';

const func = (params: FuncType['params'], results: FuncType['results']): FuncType => ({ kind: 'func', params, results });

function moduleOf(...types: FuncType[]): Module {
  const m = emptyModule();
  types.forEach((comp, i) => {
    m.types.push({ final: true, supers: [], comp });
    m.recGroups.push({ start: i, count: 1 });
  });
  return m;
}

test('ids are per type, equal for equal types across modules and for host function types', () => {
  const m = moduleOf(func(['i32'], ['i64']), func([], []));
  const a = canonicalTypeIds(m);
  const b = canonicalTypeIds(moduleOf(func([], []), func(['i32'], ['i64'])));
  assert.is(canonicalTypeIds(m), a, 'computed once per module');
  assert.equal([a[0], a[1]], [b[1], b[0]]);
  assert.is.not(a[0], a[1]);
  assert.is(funcTypeId(func(['i32'], ['i64'])), a[0]);
  assert.is.not(funcTypeId(func(['i64'], ['i32'])), a[0]);
});

test.run();
