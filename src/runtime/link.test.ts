import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LinkError, RuntimeError } from '../errors.js';
import { invoke } from '../exec/interpreter.js';
import { wasm2, wasm3 } from '../syntax/features.js';
import type { Module } from '../syntax/module.js';
import { funcref } from '../syntax/types.js';
import { parseWat } from '../text/wat.js';
import { validateModule } from '../valid/module.js';
import { FuncInst, hostFunc } from './func.js';
import { GlobalInst } from './global.js';
import type { ExternVal, ModuleInstance } from './instance.js';
import { instantiate } from './link.js';
import { MemoryInst } from './memory.js';
import { TableInst } from './table.js';

function compile(src: string): Module {
  const m = parseWat(src, wasm2);
  validateModule(m, wasm2);
  return m;
}

const link = (src: string, imports: Record<string, ExternVal> = {}): ModuleInstance =>
  instantiate(compile(src), (imp) => imports[imp.name]);

function fails(src: string, imports: Record<string, ExternVal>, cls: typeof LinkError | typeof RuntimeError, message: string): void {
  try {
    link(src, imports);
  } catch (e) {
    assert.instance(e, cls);
    if (!(e as Error).message.startsWith(message)) assert.unreachable(`"${(e as Error).message}" does not start with "${message}"`);
    return;
  }
  assert.unreachable('instantiated');
}

const fn = (params: ('i32' | 'i64')[]): ExternVal =>
  ({ kind: 'func', value: hostFunc({ kind: 'func', params, results: [] }, () => []) });
const memory = (min: number, max?: number) => new MemoryInst({ limits: { min, max }, addr: 'i32', shared: false });
const table = (min: number, max?: number) => new TableInst({ limits: { min, max }, addr: 'i32', elem: funcref }, null);
const exported = (inst: ModuleInstance, name: string) => inst.exports.get(name)!.value;

test('a missing import is "unknown import"', () => {
  fails('(module (import "m" "f" (func)))', {}, LinkError, 'unknown import');
});

test('import matching (spec §3.2.8): kinds, function types, limits, global types', () => {
  const bad = 'incompatible import type';
  fails('(module (import "m" "f" (func)))', { f: { kind: 'memory', value: memory(1) } }, LinkError, bad);
  fails('(module (import "m" "f" (func (param i32))))', { f: fn(['i64']) }, LinkError, bad);
  link('(module (import "m" "f" (func (param i32))))', { f: fn(['i32']) });
  fails('(module (import "m" "t" (table 2 funcref)))', { t: { kind: 'table', value: table(1) } }, LinkError, bad);
  fails('(module (import "m" "t" (table 1 5 funcref)))', { t: { kind: 'table', value: table(1) } }, LinkError, bad);
  fails('(module (import "m" "t" (table 1 externref)))', { t: { kind: 'table', value: table(1) } }, LinkError, bad);
  link('(module (import "m" "t" (table 1 5 funcref)))', { t: { kind: 'table', value: table(2, 4) } });
  fails('(module (import "m" "g" (global (mut i32))))',
    { g: { kind: 'global', value: new GlobalInst({ type: 'i32', mutable: false }, 0) } }, LinkError, bad);
  fails('(module (import "m" "g" (global i64)))',
    { g: { kind: 'global', value: new GlobalInst({ type: 'i32', mutable: false }, 0) } }, LinkError, bad);
});

test('import matching across modules (spec 3.0): subtyping of immutable globals and functions, by canonical type', () => {
  const bad = 'incompatible import type';
  const compile3 = (src: string): Module => {
    const m = parseWat(src, wasm3);
    validateModule(m, wasm3);
    return m;
  };
  const exporter = instantiate(compile3(`(module
    (type $t (func)) (type $u (func (param i32)))
    (type $sup (sub (func))) (type $sub (sub $sup (func)))
    (func $f (type $t)) (func $g (type $u)) (func $h (type $sub)) (elem declare func $f $g)
    (global (export "func") (ref func) (ref.func $f))
    (global (export "t") (ref $t) (ref.func $f))
    (global (export "u") (ref null $u) (ref.func $g))
    (global (export "var-t") (mut (ref null $t)) (ref.null $t))
    (func (export "h") (type $sub))
    (table (export "tab") 1 (ref null $t)))`), () => undefined);
  const imports = (imp: { name: string }) => exporter.exports.get(imp.name);
  const ok = (src: string) => instantiate(compile3(src), imports);
  const no = (src: string) => assert.throws(() => ok(src), (e: unknown) => e instanceof LinkError && e.message.startsWith(bad));
  // An immutable global may be a subtype: non-null under nullable, a concrete type under func.
  ok('(module (global (import "m" "func") (ref null func)))');
  ok('(module (global (import "m" "t") (ref func)))');
  ok('(module (type $x (func)) (global (import "m" "t") (ref null $x)))');
  no('(module (global (import "m" "u") (ref func)))');
  no('(module (global (import "m" "func") externref))');
  // Concrete types compare by canonical type, not by index: index 0 here is (func (param i32)).
  no('(module (type $y (func (param i32))) (global (import "m" "t") (ref $y)))');
  ok('(module (type $a (func)) (type $y (func (param i32))) (global (import "m" "u") (ref null $y)))');
  // A mutable global, or a table, is written through both sides: its type must be equivalent.
  ok('(module (type $x (func)) (global (import "m" "var-t") (mut (ref null $x))))');
  no('(module (global (import "m" "var-t") (mut (ref null func))))');
  ok('(module (type $x (func)) (table (import "m" "tab") 1 (ref null $x)))');
  no('(module (table (import "m" "tab") 1 funcref))');
  // A function whose type declares the import's type as its supertype matches it.
  ok('(module (type $s (sub (func))) (import "m" "h" (func (type $s))))');
  no('(module (type $s (sub final (func))) (import "m" "h" (func (type $s))))');
});

test('a memory import matches with its current size, not its declared minimum', () => {
  const mem = memory(1, 3);
  const src = '(module (import "m" "mem" (memory 2)))';
  fails(src, { mem: { kind: 'memory', value: mem } }, LinkError, 'incompatible import type');
  mem.grow(1);
  link(src, { mem: { kind: 'memory', value: mem } });
});

test('initialization: globals from imports, elements then data, then the start function', () => {
  const g = new GlobalInst({ type: 'i32', mutable: false }, 4);
  const inst = link(`(module
    (import "m" "g" (global $g i32))
    (global $h i32 (global.get $g))
    (table (export "t") 8 funcref)
    (memory (export "mem") 1)
    (elem (global.get $g) $f $f)
    (data (i32.const 0) "\\01\\02")
    (func $f (result i32) (i32.load8_u (i32.const 0)))
    (func $start (i32.store8 (i32.const 0) (i32.add (global.get $h) (i32.load8_u (i32.const 1)))))
    (start $start))`, { g: { kind: 'global', value: g } });
  const t = exported(inst, 't') as TableInst;
  assert.is(t.get(3), null);
  assert.instance(t.get(4), FuncInst);
  assert.equal(invoke(t.get(5) as FuncInst, []), [6], 'the start function ran after the data segment');
});

test('a segment out of bounds traps, leaving earlier segments\' writes in place', () => {
  const mem = memory(1);
  const tab = table(4);
  fails(`(module
      (import "m" "mem" (memory 1)) (import "m" "tab" (table 4 funcref))
      (elem (i32.const 1) $f)
      (elem (i32.const 3) $f $f)
      (data (i32.const 0) "a")
      (func $f))`, { mem: { kind: 'memory', value: mem }, tab: { kind: 'table', value: tab } },
  RuntimeError, 'out of bounds table access');
  assert.instance(tab.get(1), FuncInst);
  assert.is(tab.get(3), null, 'a failing segment writes nothing');
  assert.is(new Uint8Array(mem.buffer)[0], 0, 'data segments come after all element segments');
  fails(`(module (import "m" "mem" (memory 1)) (data (i32.const 1) "b") (data (i32.const 65535) "cd"))`,
    { mem: { kind: 'memory', value: mem } }, RuntimeError, 'out of bounds memory access');
  assert.is(new Uint8Array(mem.buffer)[1], 0x62);
});

test('a trap in the start function is a RuntimeError', () => {
  fails('(module (func $s unreachable) (start $s))', {}, RuntimeError, 'unreachable');
});

test('active and declarative segments are dropped after instantiation, passive ones stay', () => {
  const inst = link(`(module
    (table 2 funcref)
    (elem $active (i32.const 0) $f)
    (elem $passive func $f)
    (elem $declared declare func $f)
    (func $f)
    (func (export "init") (param i32) (table.init $passive (i32.const 1) (i32.const 0) (local.get 0)))
    (func (export "init_active") (param i32) (table.init $active (i32.const 1) (i32.const 0) (local.get 0))))`);
  invoke(exported(inst, 'init') as FuncInst, [1]);
  invoke(exported(inst, 'init_active') as FuncInst, [0]);
  assert.throws(() => invoke(exported(inst, 'init_active') as FuncInst, [1]),
    (e: unknown) => e instanceof RuntimeError && e.message === 'out of bounds table access');
});

test('instances of one module share translated code but nothing else', () => {
  const m = compile(`(module (global $n (mut i32) (i32.const 0))
    (func (export "bump") (result i32) (global.set $n (i32.add (global.get $n) (i32.const 1))) (global.get $n)))`);
  const a = instantiate(m, () => undefined), b = instantiate(m, () => undefined);
  const fa = exported(a, 'bump') as FuncInst, fb = exported(b, 'bump') as FuncInst;
  assert.equal(invoke(fa, []), [1]);
  assert.equal(invoke(fa, []), [2]);
  assert.equal(invoke(fb, []), [1]);
  assert.is(fa.code, fb.code);
});

test.run();
