import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { f32ToBits } from '../exec/numerics.js';
import { GlobalInst } from '../runtime/index.js';
import { Global, globals } from './global.js';

/** uvu's `throws` calls a function argument as a predicate: check the class explicitly. */
const is = (C: new (...args: never[]) => Error) => (e: unknown): boolean => e instanceof C;

test('globals of each number type, with the JS API conversions', () => {
  assert.is(new Global({ value: 'i32' }, 2 ** 32 + 1).value, 1);
  assert.is(new Global({ value: 'i64' }, 5n).value, 5n);
  assert.is(new Global({ value: 'f32' }, 0.1).value, Math.fround(0.1));
  assert.is(new Global({ value: 'f64' }, 0.1).value, 0.1);
  assert.throws(() => new Global({ value: 'i64' }, 5), is(TypeError));
});

test('default values: zero, null for funcref, undefined for externref', () => {
  assert.is(new Global({ value: 'i32' }).value, 0);
  assert.is(new Global({ value: 'i64' }).value, 0n);
  assert.is(new Global({ value: 'anyfunc' }).value, null);
  assert.is(new Global({ value: 'externref' }).value, undefined);
});

test('value is writable only on mutable globals; valueOf reads it', () => {
  const g = new Global({ value: 'i32', mutable: true }, 1);
  g.value = 7;
  assert.is(g.value, 7);
  assert.is(g.valueOf(), 7);
  assert.is(+g + 1, 8);
  const c = new Global({ value: 'i32' }, 1);
  assert.throws(() => {
    c.value = 2;
  }, is(TypeError));
});

test('descriptor errors', () => {
  assert.throws(() => new Global(null as never), is(TypeError));
  assert.throws(() => new Global({ value: 'v128' as never }), is(TypeError));
  assert.throws(() => new Global({ value: 'i16' as never }), is(TypeError));
});

test('globals.wrap caches one wrapper per GlobalInst and shares its value', () => {
  const inst = new GlobalInst({ type: 'f32', mutable: true }, f32ToBits(1.5));
  const g = globals.wrap(inst);
  assert.is(globals.wrap(inst), g);
  assert.is(g.value, 1.5);
  g.value = 2.5;
  assert.is(inst.value, f32ToBits(2.5));
  assert.is(globals.instOf(g), inst);
  const made = new Global({ value: 'i32' });
  assert.is(globals.wrap(globals.instOf(made)), made);
  const fake = Object.create(Global.prototype) as Global;
  assert.throws(() => fake.value, is(TypeError));
});

test.run();
