import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { slot } from './slot.js';

test('a slot holds a value per object, for any object kind', () => {
  const s = slot<number>();
  const o = {}, f = () => 0, arr: unknown[] = [];
  s.set(o, 1);
  s.set(f, 2);
  s.set(arr, 3);
  assert.is(s.get(o), 1);
  assert.is(s.get(f), 2);
  assert.is(s.get(arr), 3);
  assert.ok(s.has(f));
  assert.not.ok(s.has({}));
  assert.is(s.get({}), undefined);
});

test('setting again replaces the value', () => {
  const s = slot<string>();
  const o = {};
  s.set(o, 'a');
  s.set(o, 'b');
  assert.is(s.get(o), 'b');
});

test('primitives hold nothing and do not throw', () => {
  const s = slot<number>();
  for (const v of [undefined, null, 0, 'x', 1n, Symbol('s'), true]) {
    assert.is(s.get(v), undefined);
    assert.not.ok(s.has(v));
  }
});

test('slots are distinct, invisible to reflection, and not forwarded by a Proxy', () => {
  const a = slot<number>(), b = slot<number>();
  const o = { x: 1 };
  a.set(o, 1);
  assert.is(b.get(o), undefined);
  assert.equal(Reflect.ownKeys(o), ['x']);
  assert.equal(Object.getOwnPropertySymbols(o), []);
  assert.is(a.get(new Proxy(o, {})), undefined);
});

test('a frozen object can still be given a value', () => {
  const s = slot<number>();
  const o = Object.freeze({});
  s.set(o, 7);
  assert.is(s.get(o), 7);
});

test.run();
