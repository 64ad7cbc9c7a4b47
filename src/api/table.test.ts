import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hostFunc, TableInst } from '../runtime/index.js';
import { externref } from '../syntax/types.js';
import { Table, tables } from './table.js';
import { exportedFunction } from './values.js';

/** uvu's `throws` calls a function argument as a predicate: check the class explicitly. */
const is = (C: new (...args: never[]) => Error) => (e: unknown): boolean => e instanceof C;

const fn = exportedFunction(hostFunc({ kind: 'func', params: [], results: ['i32'] }, () => [5]));

test('a funcref table starts with null, or the given value', () => {
  const t = new Table({ element: 'anyfunc', initial: 2 });
  assert.is(t.length, 2);
  assert.is(t.get(0), null);
  const u = new Table({ element: 'funcref', initial: 1 }, fn);
  assert.is(u.get(0), fn);
});

test('an externref table defaults to undefined and holds any value', () => {
  const t = new Table({ element: 'externref', initial: 1 });
  assert.is(t.get(0), undefined);
  const o = { x: 1 };
  t.set(0, o);
  assert.is(t.get(0), o);
  t.set(0);
  assert.is(t.get(0), undefined);
});

test('set converts values and checks bounds', () => {
  const t = new Table({ element: 'anyfunc', initial: 1 });
  t.set(0, fn);
  assert.is(t.get(0), fn);
  assert.is((t.get(0) as () => number)(), 5);
  t.set(0, null);
  assert.is(t.get(0), null);
  assert.throws(() => t.set(0, () => 1), is(TypeError));
  assert.throws(() => t.set(1, null), is(RangeError));
  assert.throws(() => t.get(1), is(RangeError));
  assert.throws(() => t.get(-1), is(TypeError));
});

test('grow returns the old length and fills the new slots', () => {
  const t = new Table({ element: 'anyfunc', initial: 1, maximum: 3 });
  assert.is(t.grow(2, fn), 1);
  assert.is(t.length, 3);
  assert.is(t.get(2), fn);
  assert.throws(() => t.grow(1), is(RangeError));
  const e = new Table({ element: 'externref', initial: 0 });
  assert.is(e.grow(1), 0);
  assert.is(e.get(0), undefined);
});

test('descriptor errors', () => {
  assert.throws(() => new Table(null as never), is(TypeError));
  assert.throws(() => new Table({ element: 'i32' as never, initial: 1 }), is(TypeError));
  assert.throws(() => new Table({ element: 'anyfunc' } as never), is(TypeError));
  assert.throws(() => new Table({ element: 'anyfunc', initial: 2, maximum: 1 }), is(RangeError));
  assert.throws(() => new Table({ element: 'anyfunc', initial: 2 ** 31 }), is(RangeError));
  assert.throws(() => new Table({ element: 'anyfunc', initial: 1 }, 'not a function'), is(TypeError));
});

test('tables.wrap caches one wrapper per TableInst; methods brand-check', () => {
  const inst = new TableInst({ limits: { min: 1 }, addr: 'i32', elem: externref }, null);
  const t = tables.wrap(inst);
  assert.is(tables.wrap(inst), t);
  assert.is(tables.instOf(t), inst);
  assert.is(t.get(0), null);
  const made = new Table({ element: 'anyfunc', initial: 0 });
  assert.is(tables.wrap(tables.instOf(made)), made);
  const fake = Object.create(Table.prototype) as Table;
  assert.throws(() => fake.length, is(TypeError));
});

test.run();
