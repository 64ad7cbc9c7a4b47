import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeModule } from '../binary/encode.js';
import { RuntimeError } from '../errors.js';
import { parseWat } from '../text/wat.js';
import { Instance } from './instance.js';
import { Memory } from './memory.js';
import { Module } from './module.js';
import { callAsync } from './values.js';

const compile = (src: string): Module => new Module(encodeModule(parseWat(src)));
type Fn = (...args: unknown[]) => unknown;
type AsyncFn = (...args: unknown[]) => Promise<unknown>;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** sum(n) = Σ_{i<n} next(i), plus a global the instance's `seed` set: awaits in a loop, state in locals. */
const summer = compile(`(module
  (import "env" "next" (func $next (param i32) (result i32)))
  (global $seed (mut i32) (i32.const 0))
  (func (export "setSeed") (param i32) (global.set $seed (local.get 0)))
  (func (export "sum") (param i32) (result i32) (local $i i32) (local $acc i32)
    (local.set $acc (global.get $seed))
    (block (loop
      (br_if 1 (i32.ge_u (local.get $i) (local.get 0)))
      (local.set $acc (i32.add (local.get $acc) (call $next (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br 0)))
    (local.get $acc)))`);

test('async import from a timer: the call suspends and completes with the right value', async () => {
  const { exports } = new Instance(summer, {
    env: { next: async (i: number) => { await sleep(1); return i * 10; } },
  }, { async: true });
  assert.is(await (exports.sum as AsyncFn)(5), 100);
});

test('async import from a file read (fs.promises.readFile), results through memory', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vitrine-async-'));
  try {
    const path = join(dir, 'data.txt');
    await writeFile(path, 'hello, suspended world');
    const memory = new Memory({ initial: 1 });
    const { exports } = new Instance(compile(`(module
      (import "env" "mem" (memory 1))
      (import "env" "read" (func $read (param i32) (result i32)))
      (func (export "checksum") (result i32) (local $n i32) (local $i i32) (local $h i32)
        (local.set $n (call $read (i32.const 16)))
        (block (loop
          (br_if 1 (i32.ge_u (local.get $i) (local.get $n)))
          (local.set $h (i32.add (i32.mul (local.get $h) (i32.const 31))
            (i32.load8_u offset=16 (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br 0)))
        (local.get $h)))`), {
      env: {
        mem: memory,
        read: async (at: number) => {
          const bytes = await readFile(path);
          new Uint8Array(memory.buffer).set(bytes, at);
          return bytes.length;
        },
      },
    });
    let expected = 0;
    for (const b of Buffer.from('hello, suspended world')) expected = (Math.imul(expected, 31) + b) | 0;
    assert.is(await callAsync(exports.checksum), expected);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a rejected promise is raised where the import was called; the instance stays usable', async () => {
  let fail = true;
  const { exports } = new Instance(summer, {
    env: { next: async (i: number) => { await sleep(0); if (fail && i === 2) throw new Error('disk on fire'); return i; } },
  }, { async: true });
  try {
    await (exports.sum as AsyncFn)(5);
    assert.unreachable('should have rejected');
  } catch (e) {
    assert.is((e as Error).message, 'disk on fire');
  }
  fail = false;
  assert.is(await (exports.sum as AsyncFn)(5), 10);
});

test('a synchronous call meeting a promise: a clear RuntimeError naming the import; then usable', async () => {
  let rejectIt: (e: Error) => void = () => {};
  const { exports } = new Instance(summer, {
    env: { next: (i: number) => i === 1 ? new Promise((_, reject) => { rejectIt = reject; }) : i },
  });
  assert.throws(() => (exports.sum as Fn)(3), (e: unknown) => e instanceof RuntimeError &&
    /host function next returned a Promise in a synchronous call; call the export with callAsync\(\)/.test((e as Error).message));
  rejectIt(new Error('nobody listens')); // must not become an unhandled rejection
  await sleep(1);
  assert.is((exports.sum as Fn)(1), 0);
  assert.is(await callAsync(exports.sum, 1), 0);
});

test('nested sync re-entry inside an async call works; a promise met there is an error', async () => {
  const inner = new Instance(summer, { env: { next: (i: number) => i + 1 } });
  const innerAsyncImport = new Instance(summer, { env: { next: async (i: number) => i } });
  let useAsyncInner = false;
  const outer = new Instance(summer, {
    env: {
      next: async (i: number) => {
        await sleep(0);
        // A synchronous call back into Wasm from inside the suspended call's host function.
        return useAsyncInner ? (innerAsyncImport.exports.sum as Fn)(2) as number : (inner.exports.sum as Fn)(i) as number;
      },
    },
  }, { async: true });
  // next(i) = Σ_{j<i} (j + 1) = i(i+1)/2; sum(4) = 0 + 1 + 3 + 6.
  assert.is(await (outer.exports.sum as AsyncFn)(4), 10);
  useAsyncInner = true;
  try {
    await (outer.exports.sum as AsyncFn)(2);
    assert.unreachable('should have rejected');
  } catch (e) {
    assert.instance(e, RuntimeError);
    assert.match((e as Error).message, 'returned a Promise in a synchronous call');
  }
  useAsyncInner = false;
  assert.is(await (outer.exports.sum as AsyncFn)(3), 4);
});

test('an async export called by another async call: the outer one suspends on it', async () => {
  const leaf = new Instance(summer, { env: { next: async (i: number) => { await sleep(0); return i; } } }, { async: true });
  const root = new Instance(summer, { env: { next: (i: number) => (leaf.exports.sum as AsyncFn)(i) } }, { async: true });
  // next(i) = Σ_{j<i} j; sum(4) = 0 + 0 + 1 + 3.
  assert.is(await (root.exports.sum as AsyncFn)(4), 4);
});

test('1,000 concurrent suspended calls across 100 instances all complete without interfering', async () => {
  const instances = Array.from({ length: 100 }, (_, k) => {
    const inst = new Instance(summer, {
      // Random delays interleave the resumptions; each value depends on instance and argument.
      env: { next: async (i: number) => { await sleep(Math.random() * 5); return k * 1000 + i; } },
    }, { async: true });
    (inst.exports.setSeed as AsyncFn)(k * 7);
    return inst;
  });
  await sleep(0);
  const calls: Promise<unknown>[] = [];
  const expected: number[] = [];
  for (let c = 0; c < 10; c++) {
    instances.forEach((inst, k) => {
      const n = 3 + c;
      calls.push((inst.exports.sum as AsyncFn)(n));
      expected.push(k * 7 + n * k * 1000 + (n * (n - 1)) / 2);
    });
  }
  assert.equal(await Promise.all(calls), expected);
});

test('async calls with limits: fuel and the deadline apply, time suspended counts to the deadline', async () => {
  const spinner = compile(`(module (import "env" "wait" (func $wait))
    (func (export "waitThenSpin") (call $wait) (loop (br 0))))`);
  const fueled = new Instance(spinner, { env: { wait: () => sleep(1) } }, { async: true, fuel: 100_000 });
  try {
    await (fueled.exports.waitThenSpin as AsyncFn)();
    assert.unreachable('should have trapped');
  } catch (e) {
    assert.instance(e, RuntimeError);
    assert.is((e as Error).message, 'fuel exhausted');
  }
  const timed = new Instance(spinner, { env: { wait: () => sleep(40) } }, { async: true, timeout: 20 });
  try {
    await (timed.exports.waitThenSpin as AsyncFn)();
    assert.unreachable('should have trapped');
  } catch (e) {
    assert.is((e as Error).message, 'deadline exceeded');
  }
});

test('callAsync: on a re-exported host function, with wrong arguments, on a non-function', async () => {
  const { exports } = new Instance(compile(`(module (import "env" "f" (func $f (param i32) (result i32)))
    (export "f" (func $f)))`), { env: { f: async (x: number) => x * 2 } });
  assert.is(await callAsync(exports.f, 21), 42);
  const failing = new Instance(compile(`(module (import "env" "f" (func $f (param i32) (result i32)))
    (export "f" (func $f)))`), { env: { f: async () => { throw new Error('no'); } } });
  try {
    await callAsync(failing.exports.f, 1);
    assert.unreachable('should have rejected');
  } catch (e) {
    assert.is((e as Error).message, 'no');
  }
  try {
    await callAsync(() => 1);
    assert.unreachable('should have rejected');
  } catch (e) {
    assert.instance(e, TypeError);
  }
});

test('an async host function resolving to a wrong result count is a RuntimeError', async () => {
  const { exports } = new Instance(compile(`(module (import "env" "two" (func $two (result i32 i32)))
    (func (export "f") (result i32) (call $two) (i32.add)))`), { env: { two: async () => [1, 2] } }, { async: true });
  assert.is(await (exports.f as AsyncFn)(), 3);
  const bad = new Instance(compile(`(module (import "env" "two" (func $two (result i32 i32)))
    (func (export "f") (result i32) (call $two) (i32.add)))`), { env: { two: async () => [1] } }, { async: true });
  try {
    await (bad.exports.f as AsyncFn)();
    assert.unreachable('should have rejected');
  } catch (e) {
    assert.instance(e, TypeError);
  }
});

test.run();
