import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WrapperSlots } from './wrappers.js';

class Box {}
const inst = { id: 1, wrapper: undefined };

test('wrap makes one wrapper per runtime object, with the class prototype, without the constructor', () => {
  const slots = new WrapperSlots<{ id?: number; wrapper: object | undefined }, Box>(Box.prototype, 'Box');
  const w = slots.wrap(inst);
  assert.instance(w, Box);
  assert.is(slots.wrap(inst), w);
  assert.is.not(slots.wrap({ id: 2, wrapper: undefined }), w);
  assert.is(slots.instOf(w), inst);
});

test('bind registers a constructed wrapper, so wrap finds it', () => {
  const slots = new WrapperSlots<{ id?: number; wrapper: object | undefined }, Box>(Box.prototype, 'Box');
  const b = new Box();
  slots.bind(b, inst);
  assert.is(slots.wrap(inst), b);
  assert.ok(slots.has(b));
});

test('instOf and has brand-check: other objects and primitives are not wrappers', () => {
  const slots = new WrapperSlots<{ id?: number; wrapper: object | undefined }, Box>(Box.prototype, 'Box');
  assert.not.ok(slots.has(new Box()));
  assert.not.ok(slots.has(5));
  assert.throws(() => slots.instOf(new Box()), (e: unknown) => e instanceof TypeError && (e as Error).message === 'not a Box');
  assert.throws(() => slots.instOf(undefined), (e: unknown) => e instanceof TypeError);
});

test.run();
