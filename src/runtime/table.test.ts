import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RuntimeError } from '../errors.js';
import { externref } from '../syntax/types.js';
import { MAX_TABLE_SIZE, TableInst } from './table.js';

const table = (min: number, max?: number, init: unknown = null) =>
  new TableInst({ limits: { min, max }, addr: 'i32', elem: externref }, init);

function outOfBounds(f: () => unknown): void {
  assert.throws(f, (e: unknown) => e instanceof RuntimeError && e.message === 'out of bounds table access');
}

test('allocation fills min elements with the initial reference', () => {
  const t = table(3, undefined, 'x');
  assert.is(t.size, 3);
  assert.equal(t.elements, ['x', 'x', 'x']);
  assert.throws(() => table(MAX_TABLE_SIZE + 1), (e: unknown) => e instanceof RuntimeError);
});

test('get and set check bounds', () => {
  const t = table(2);
  const r = { ref: 1 };
  t.set(1, r);
  assert.is(t.get(1), r);
  assert.is(t.get(0), null);
  outOfBounds(() => t.get(2));
  outOfBounds(() => t.set(2, r));
});

test('grow returns the old size and fills with its argument; -1 beyond the maximum', () => {
  const t = table(1, 4);
  assert.is(t.grow(2, 'y'), 1);
  assert.equal(t.elements, [null, 'y', 'y']);
  assert.is(t.grow(2, 'z'), -1);
  assert.is(t.size, 3);
  assert.is(t.grow(0, 'z'), 3);
  assert.is(table(0).grow(MAX_TABLE_SIZE + 1, null), -1);
});

test.run();
