import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emptyModule, type Module } from '../syntax/module.js';
import { refType, type CompType, type FuncType, type SubType } from '../syntax/types.js';
import { canonicalTypeIds, funcTypeId } from './canon.js';

const func = (params: FuncType['params'], results: FuncType['results']): FuncType => ({ kind: 'func', params, results });
const final = (comp: CompType): SubType => ({ final: true, supers: [], comp });

/** A module whose types are the given recursive groups. */
function moduleOf(...groups: SubType[][]): Module {
  const m = emptyModule();
  for (const g of groups) {
    m.recGroups.push({ start: m.types.length, count: g.length });
    m.types.push(...g);
  }
  return m;
}

test('2.0 function types: structurally equal types get equal ids, across modules', () => {
  const a = canonicalTypeIds(moduleOf([final(func(['i32'], ['i64']))], [final(func([], []))]));
  const b = canonicalTypeIds(moduleOf([final(func([], []))], [final(func(['i32'], ['i64']))]));
  assert.is(a[0], b[1]);
  assert.is(a[1], b[0]);
  assert.is.not(a[0], a[1]);
  assert.is(funcTypeId(func(['i32'], ['i64'])), a[0], 'a host function type matches too');
  assert.is.not(funcTypeId(func(['i64'], ['i32'])), a[0]);
});

test('3.0 rec groups: equal when their members are, references inside the group included', () => {
  // (rec (type $a (struct (field (ref null $b)))) (type $b (func (param (ref $a)))))
  const group = (): SubType[] => [
    final({ kind: 'struct', fields: [{ type: refType(true, 1), mutable: false }] }),
    final(func([refType(false, 0)], [])),
  ];
  const x = canonicalTypeIds(moduleOf(group()));
  const y = canonicalTypeIds(moduleOf([final(func([], []))], group().map((s) => shift(s, 1))));
  assert.equal([...x], [y[1], y[2]]);
  // The same members in a group of their own are different types.
  const alone = canonicalTypeIds(moduleOf([final(func([refType(false, 0)], []))]));
  assert.is.not(alone[0], x[1]);
});

/** The subtype with concrete type indices moved by `by` (as when types are prepended). */
function shift(s: SubType, by: number): SubType {
  const c = s.comp;
  const ref = (t: FuncType['params'][number]) => (typeof t === 'object' && typeof t.heap === 'number' ? refType(t.nullable, t.heap + by) : t);
  if (c.kind === 'func') return final(func(c.params.map(ref), c.results.map(ref)));
  if (c.kind === 'struct') return final({ kind: 'struct', fields: c.fields.map((f) => ({ ...f, type: typeof f.type === 'object' ? ref(f.type) : f.type })) });
  return s;
}

test.run();
