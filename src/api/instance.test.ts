import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeModule } from '../binary/encode.js';
import { LinkError, RuntimeError } from '../errors.js';
import { parseWat } from '../text/wat.js';
import { Global } from './global.js';
import { Instance } from './instance.js';
import { Memory } from './memory.js';
import { Module } from './module.js';
import { Table } from './table.js';

/** uvu's `throws` calls a function argument as a predicate: check the class explicitly. */
const is = (C: new (...args: never[]) => Error) => (e: unknown): boolean => e instanceof C;

const compile = (src: string): Module => new Module(encodeModule(parseWat(src)));

test('exports: a frozen, null-prototype object of functions, memories, tables and globals', () => {
  const { exports } = new Instance(compile(`(module
    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (memory (export "mem") 1)
    (table (export "tab") 2 funcref)
    (global (export "g") (mut i64) (i64.const 9)))`));
  assert.is(Object.getPrototypeOf(exports), null);
  assert.ok(Object.isFrozen(exports));
  assert.equal(Object.keys(exports), ['add', 'mem', 'tab', 'g']);
  assert.is((exports.add as (a: number, b: number) => number)(40, 2), 42);
  assert.instance(exports.mem, Memory);
  assert.instance(exports.tab, Table);
  assert.instance(exports.g, Global);
  assert.is((exports.g as Global).value, 9n);
});

test('the same function, memory or global is the same JS object everywhere', () => {
  const a = new Instance(compile(`(module
    (func $f (export "f") (result i32) (i32.const 1))
    (table (export "t") 1 funcref) (elem (i32.const 0) $f)
    (memory (export "m") 1) (global (export "g") i32 (i32.const 0)))`));
  const f = a.exports.f;
  assert.is(a.exports.f, f);
  assert.is((a.exports.t as Table).get(0), f);
  const b = new Instance(compile(`(module
    (import "a" "f" (func $f (result i32))) (import "a" "m" (memory 1)) (import "a" "g" (global i32))
    (export "f" (func $f)) (export "m" (memory 0)) (export "g" (global 0)))`), { a: a.exports });
  assert.is(b.exports.f, f);
  assert.is(b.exports.m, a.exports.m);
  assert.is(b.exports.g, a.exports.g);
});

test('JS functions, Memory, Table and Global objects, and plain numbers as imports', () => {
  const calls: unknown[] = [];
  const mem = new Memory({ initial: 1 });
  const tab = new Table({ element: 'anyfunc', initial: 1 });
  const mut = new Global({ value: 'i32', mutable: true }, 5);
  const { exports } = new Instance(compile(`(module
    (import "js" "log" (func $log (param i32 f64)))
    (import "js" "mem" (memory 1))
    (import "js" "tab" (table 1 funcref))
    (import "js" "mut" (global $mut (mut i32)))
    (import "js" "k" (global $k f64))
    (import "js" "big" (global $big i64))
    (func (export "run") (result i64)
      (call $log (global.get $mut) (global.get $k))
      (global.set $mut (i32.const 6))
      (i32.store (i32.const 0) (i32.const 0x01020304))
      (global.get $big)))`),
  { js: { log: (...a: unknown[]) => calls.push(a), mem, tab, mut, k: 1.5, big: 10n } });
  assert.is((exports.run as () => bigint)(), 10n);
  assert.equal(calls, [[5, 1.5]]);
  assert.is(mut.value, 6);
  assert.is(new DataView(mem.buffer).getUint32(0, true), 0x01020304);
});

test('reading the imports: TypeError without an import object or namespace, LinkError for wrong kinds', () => {
  const m = compile('(module (import "env" "f" (func)))');
  assert.throws(() => new Instance(m), is(TypeError));
  assert.throws(() => new Instance(m, 5 as never), is(TypeError));
  assert.throws(() => new Instance(m, {}), is(TypeError));
  assert.throws(() => new Instance(m, { env: {} }), is(LinkError));
  assert.throws(() => new Instance(m, { env: { f: 1 } }), is(LinkError));
  const mem = compile('(module (import "env" "m" (memory 1)))');
  assert.throws(() => new Instance(mem, { env: { m: new ArrayBuffer(65536) } }), is(LinkError));
  const tab = compile('(module (import "env" "t" (table 1 funcref)))');
  assert.throws(() => new Instance(tab, { env: { t: [] } }), is(LinkError));
  const glob = compile('(module (import "env" "g" (global i64)))');
  assert.throws(() => new Instance(glob, { env: { g: 1 } }), is(LinkError));
  const ref = compile('(module (import "env" "g" (global funcref)))');
  assert.throws(() => new Instance(ref, { env: { g: () => 0 } }), is(LinkError));
  assert.ok(new Instance(ref, { env: { g: null } }));
});

test('type mismatches are LinkErrors from the runtime', () => {
  const m = compile('(module (import "env" "m" (memory 2)))');
  assert.throws(() => new Instance(m, { env: { m: new Memory({ initial: 1 }) } }), /incompatible import type/);
  const g = compile('(module (import "env" "g" (global (mut i32))))');
  assert.throws(() => new Instance(g, { env: { g: 1 } }), /incompatible import type/);
  const other = new Instance(compile('(module (func (export "f") (param i32)))'));
  const f = compile('(module (import "env" "f" (func (param i64))))');
  assert.throws(() => new Instance(f, { env: { f: other.exports.f } }), is(LinkError));
});

test('traps are RuntimeErrors, in calls and in the start function', () => {
  const { exports } = new Instance(compile('(module (func (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0))))'));
  assert.throws(() => (exports.div as (x: number) => number)(0), (e: unknown) => e instanceof RuntimeError && (e as Error).message === 'integer divide by zero');
  assert.throws(() => new Instance(compile('(module (func $s unreachable) (start $s))')), is(RuntimeError));
});

test('the exports getter brand-checks its receiver', () => {
  const fake = Object.create(Instance.prototype) as Instance;
  assert.throws(() => fake.exports, is(TypeError));
  assert.throws(() => new Instance({} as Module), is(TypeError));
});

test.run();
