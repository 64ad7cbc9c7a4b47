import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MemoryInst } from '../runtime/index.js';
import { memories, Memory } from './memory.js';

/** uvu's `throws` calls a function argument as a predicate: check the class explicitly. */
const is = (C: new (...args: never[]) => Error) => (e: unknown): boolean => e instanceof C;

test('a new Memory has initial pages of zeros', () => {
  const m = new Memory({ initial: 1, maximum: 3 });
  assert.instance(m.buffer, ArrayBuffer);
  assert.is(m.buffer.byteLength, 65536);
  assert.is(new Uint8Array(m.buffer)[65535], 0);
});

test('grow returns the old size, keeps the bytes, and replaces the buffer', () => {
  const m = new Memory({ initial: 1, maximum: 2 });
  const before = m.buffer;
  new Uint8Array(before)[7] = 42;
  assert.is(m.grow(1), 1);
  assert.is(m.buffer.byteLength, 2 * 65536);
  assert.is(new Uint8Array(m.buffer)[7], 42);
  assert.is.not(m.buffer, before);
  assert.is(m.grow(0), 2);
  assert.throws(() => m.grow(1), is(RangeError));
});

test('descriptor errors: TypeError for bad numbers, RangeError for invalid limits', () => {
  assert.throws(() => new Memory(undefined as never), is(TypeError));
  assert.throws(() => new Memory({} as never), is(TypeError));
  assert.throws(() => new Memory({ initial: -1 }), is(TypeError));
  assert.throws(() => new Memory({ initial: NaN }), is(TypeError));
  assert.throws(() => new Memory({ initial: 2 ** 32 }), is(TypeError));
  assert.throws(() => new Memory({ initial: 2, maximum: 1 }), is(RangeError));
  assert.throws(() => new Memory({ initial: 65537 }), is(RangeError));
  assert.throws(() => new Memory({ initial: 0, address: 'i128' as never }), is(TypeError));
});

test('64-bit memories need BigInt limits (and the memory64 feature)', () => {
  assert.throws(() => new Memory({ initial: 1, address: 'i64' }), is(TypeError));
  assert.throws(() => new Memory({ initial: -1n, address: 'i64' }), is(TypeError));
  assert.throws(() => new Memory({ initial: 1n, address: 'i64' }), is(RangeError));
});

test('memories.wrap caches one wrapper per MemoryInst', () => {
  const inst = new MemoryInst({ limits: { min: 0 }, addr: 'i32', shared: false });
  const m = memories.wrap(inst);
  assert.is(memories.wrap(inst), m);
  assert.instance(m, Memory);
  assert.is(memories.instOf(m), inst);
  const made = new Memory({ initial: 0 });
  assert.is(memories.wrap(memories.instOf(made)), made);
});

test('methods brand-check their receiver', () => {
  const fake = Object.create(Memory.prototype) as Memory;
  assert.throws(() => fake.buffer, is(TypeError));
  assert.throws(() => fake.grow(1), is(TypeError));
});

test.run();
