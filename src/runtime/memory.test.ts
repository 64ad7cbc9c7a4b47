import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RuntimeError } from '../errors.js';
import { HOST_MEMORY_MIN_PAGES, MAX_PAGES, MemoryInst, PAGE_SIZE } from './memory.js';

const mem = (min: number, max?: number) => new MemoryInst({ limits: { min, max }, addr: 'i32', shared: false });

test('allocation: min pages of zeros', () => {
  const m = mem(2);
  assert.is(m.pages, 2);
  assert.is(m.buffer.byteLength, 2 * PAGE_SIZE);
  assert.ok(new Uint8Array(m.buffer).every((b) => b === 0));
  assert.is(m.view.buffer, m.buffer);
  assert.throws(() => mem(MAX_PAGES + 1), (e: unknown) => e instanceof RuntimeError);
});

test('grow returns the old size, keeps the contents, zeroes new pages and replaces the buffer', () => {
  const m = mem(1);
  m.view.setInt32(100, 0x12345678, true);
  const old = m.buffer;
  assert.is(m.grow(2), 1);
  assert.is(m.pages, 3);
  assert.is.not(m.buffer, old);
  assert.is(m.view.buffer, m.buffer);
  assert.is(m.view.getInt32(100, true), 0x12345678);
  assert.is(m.view.getInt32(2 * PAGE_SIZE + 4, true), 0);
  const same = m.buffer;
  assert.is(m.grow(0), 3);
  assert.is(m.buffer, same, 'growing by 0 keeps the buffer');
});

const hostWasm = (globalThis as { WebAssembly?: { Memory: new (d: { initial: number }) => { buffer: ArrayBuffer } } }).WebAssembly;

test('a large memory: zeroed, grows in place (old buffer detached) or by copy, keeps its contents', () => {
  const n = Math.max(HOST_MEMORY_MIN_PAGES, 16);
  const m = mem(n, n + 8);
  assert.is(m.pages, n);
  const bytes = new Uint8Array(m.view.buffer);
  assert.is(bytes.length, n * PAGE_SIZE);
  assert.ok(bytes.every((b) => b === 0));
  m.view.setFloat64(n * PAGE_SIZE - 8, 1.5, true);
  const old = m.view.buffer as ArrayBuffer;
  if (hostWasm !== undefined) {
    // Taken from the host's WebAssembly.Memory: its user cannot detach it (a transfer copies).
    structuredClone(old, { transfer: [old] });
    assert.is(old.byteLength, n * PAGE_SIZE);
  }
  assert.is(m.grow(8), n);
  assert.is(m.pages, n + 8);
  assert.is(m.view.byteLength, (n + 8) * PAGE_SIZE);
  assert.is(m.view.getFloat64(n * PAGE_SIZE - 8, true), 1.5);
  assert.ok(new Uint8Array(m.view.buffer, n * PAGE_SIZE).every((b) => b === 0), 'new pages are zero');
  if (hostWasm !== undefined) assert.is(old.byteLength, 0, 'grown in place: the old buffer is detached');
  assert.is(m.grow(1), -1, 'the declared maximum still holds');
  m.reallocate(n);
  assert.is(m.pages, n);
  assert.ok(new Uint8Array(m.view.buffer).every((b) => b === 0));
});

test('grow fails with -1 beyond the declared maximum or the implementation limit', () => {
  const m = mem(1, 2);
  assert.is(m.grow(2), -1);
  assert.is(m.pages, 1);
  assert.is(m.grow(1), 1);
  assert.is(m.grow(1), -1);
  assert.is(mem(0).grow(MAX_PAGES + 1), -1);
});

test.run();
