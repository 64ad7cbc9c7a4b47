import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeModule } from '../binary/encode.js';
import { RuntimeError } from '../errors.js';
import { parseWat } from '../text/wat.js';
import { Instance, type InstanceOptions } from './instance.js';
import { Memory } from './memory.js';
import { Module } from './module.js';

const compile = (src: string): Module => new Module(encodeModule(parseWat(src)));
type Fn = (...args: unknown[]) => unknown;

/** The RuntimeError `f` throws, checked to have `message`. */
function trapOf(f: () => unknown, message: string): RuntimeError {
  try {
    f();
  } catch (e) {
    assert.instance(e, RuntimeError);
    assert.is((e as Error).message, message);
    return e as RuntimeError;
  }
  throw new assert.Assertion({ message: `expected a trap "${message}"`, operator: 'throws' } as never);
}

const runaway = compile(`(module
  (func (export "spin") (loop (br 0)))
  (func (export "count") (param i32) (result i32) (local i32)
    (loop
      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
      (br_if 0 (i32.lt_u (local.get 1) (local.get 0))))
    (local.get 1))
  (func $down (export "down") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))))
  (func $forever (export "forever") (call $forever)))`);

const exportsOf = (options: InstanceOptions): Record<string, Fn> =>
  new Instance(runaway, {}, options).exports as Record<string, Fn>;

test('fuel: an infinite loop traps "fuel exhausted", and the instance stays usable', () => {
  const { spin, count } = exportsOf({ fuel: 1_000_000 });
  trapOf(spin, 'fuel exhausted');
  assert.is(count(100), 100); // a fresh budget per call
  trapOf(spin, 'fuel exhausted');
});

test('fuel: one unit per instruction, loops charged per iteration; a sufficient budget suffices', () => {
  // count(n): the function entry charges the body outside the loop, `loop` and `local.get`
  // (2 units); each iteration charges the loop's 9 instructions (8 plus its `end`).
  const exact = 2 + 9 * 1000;
  assert.is(exportsOf({ fuel: exact }).count(1000), 1000);
  trapOf(() => exportsOf({ fuel: exact - 1 }).count(1000), 'fuel exhausted');
  // Recursion pays at each function entry: an infinite one runs out of fuel before the depth cap.
  trapOf(exportsOf({ fuel: 10_000 }).forever, 'fuel exhausted');
});

test('deadline: an infinite loop traps "deadline exceeded" after about the timeout', () => {
  const { spin, count } = exportsOf({ timeout: 30 });
  const t0 = performance.now();
  trapOf(spin, 'deadline exceeded');
  const ms = performance.now() - t0;
  assert.ok(ms >= 30 && ms < 5000, `stopped after ${ms} ms`);
  assert.is(count(10), 10);
});

test('call depth: deep recursion traps "call stack exhausted" at the cap, shallower works', () => {
  const { down, forever } = exportsOf({ maxCallDepth: 500 });
  assert.is(down(400), 400);
  trapOf(() => down(600), 'call stack exhausted');
  trapOf(forever, 'call stack exhausted');
  assert.is(down(3), 3);
});

test('memory cap: memory.grow beyond it returns -1, Memory.grow throws RangeError', () => {
  const { exports } = new Instance(compile(`(module (memory (export "mem") 1)
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`), {}, { maxMemoryPages: 4 });
  const grow = exports.grow as Fn;
  assert.is(grow(3), 1);
  assert.is(grow(1), -1);
  assert.throws(() => (exports.mem as Memory).grow(1), (e: unknown) => e instanceof RangeError);
  assert.is(grow(0), 4);
  assert.is((exports.mem as Memory).buffer.byteLength, 4 * 65536);
  // A declared maximum below the cap still applies.
  const small = new Instance(compile(`(module (memory 1 2)
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`), {}, { maxMemoryPages: 100 });
  assert.is((small.exports.grow as Fn)(2), -1);
  // A minimum above the cap fails instantiation.
  assert.throws(() => new Instance(compile('(module (memory 8))'), {}, { maxMemoryPages: 4 }),
    (e: unknown) => e instanceof RuntimeError && /8 pages exceeds the instance's limit of 4/.test((e as Error).message));
});

test('limits nest: a host function re-entering a metered instance charges the outer budget', () => {
  let inner: Fn = () => 0;
  const outer = new Instance(compile(`(module (import "env" "cb" (func $cb (param i32) (result i32)))
    (func (export "f") (param i32) (result i32) (call $cb (local.get 0))))`), { env: { cb: (n: number) => inner(n) } },
  { fuel: 20_000 });
  inner = exportsOf({ fuel: 1e9 }).count;
  assert.is((outer.exports.f as Fn)(1000), 1000);
  // The inner instance's own budget is larger, but the outer one's 20,000 units bound it.
  trapOf(() => (outer.exports.f as Fn)(5000), 'fuel exhausted');
  assert.is((outer.exports.f as Fn)(10), 10);
});

test('options are checked: TypeError for a malformed limit', () => {
  for (const bad of [{ fuel: -1 }, { timeout: 'soon' }, { maxMemoryPages: 1.5 }, { maxCallDepth: 0 }]) {
    assert.throws(() => new Instance(runaway, {}, bad as unknown as InstanceOptions), (e: unknown) => e instanceof TypeError);
  }
  assert.throws(() => new Instance(runaway, {}, 5 as unknown as InstanceOptions), (e: unknown) => e instanceof TypeError);
});

test.run();
