import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RuntimeError } from '../errors.js';
import {
  FuncInst, GlobalInst, hostFunc, instantiate, invoke, MemoryInst, type ExternVal, type ModuleInstance,
  type RawValue, type RuntimeOptions,
} from '../runtime/index.js';
import { wasm2, wasm3, type Features } from '../syntax/features.js';
import { parseWat } from '../text/wat.js';
import { validateModule } from '../valid/module.js';

type Imports = Record<string, Record<string, ExternVal>>;

function instance(src: string, imports: Imports = {}, options?: RuntimeOptions, features: Features = wasm2): ModuleInstance {
  const m = parseWat(src, features);
  validateModule(m, features);
  return instantiate(m, (imp) => imports[imp.module]?.[imp.name], options);
}

function func(inst: ModuleInstance, name: string): FuncInst {
  const e = inst.exports.get(name);
  if (e?.kind !== 'func') throw new Error(`no function ${name}`);
  return e.value;
}

const call = (inst: ModuleInstance, name: string, ...args: RawValue[]): RawValue[] => invoke(func(inst, name), args);

function traps(f: () => unknown, message: string): void {
  try {
    f();
  } catch (e) {
    assert.instance(e, RuntimeError);
    assert.is((e as Error).message, message);
    return;
  }
  assert.unreachable(`no trap "${message}"`);
}

test('integer arithmetic, multi-value results and i64 across the boundary', () => {
  const inst = instance(`(module
    (func (export "divmod") (param i32 i32) (result i32 i32)
      (i32.div_u (local.get 0) (local.get 1)) (i32.rem_u (local.get 0) (local.get 1)))
    (func (export "mul64") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
    (func (export "ext") (param i32) (result i64 i64)
      (i64.extend_i32_s (local.get 0)) (i64.extend_i32_u (local.get 0))))`);
  assert.equal(call(inst, 'divmod', -1, 10), [429496729, 5]);
  assert.equal(call(inst, 'mul64', 0x100000001n, -3n), [-0x300000003n]);
  assert.equal(call(inst, 'ext', -2), [-2n, 0xfffffffen]);
});

test('float values keep their exact bits: signaling NaNs survive moves, neg flips only the sign', () => {
  const inst = instance(`(module
    (global $g (mut f64) (f64.const 0))
    (memory 1)
    (func (export "id32") (param f32) (result f32) (local f32) (local.set 1 (local.get 0)) (local.get 1))
    (func (export "neg32") (param f32) (result f32) (f32.neg (local.get 0)))
    (func (export "through") (param f64 i32) (result f64)
      (global.set $g (select (local.get 0) (f64.const 1) (local.get 1)))
      (f64.store (i32.const 8) (global.get $g))
      (f64.load (i32.const 8)))
    (func (export "floor") (param f64) (result f64) (f64.floor (local.get 0)))
    (func (export "const") (result f64) (f64.const nan:0x4000000000001)))`);
  assert.equal(call(inst, 'id32', 0x7fa00001), [0x7fa00001]);
  assert.equal(call(inst, 'neg32', 0x7fa00001), [0x7fa00001 | 0x80000000]);
  assert.equal(call(inst, 'through', 0x7ff4000000000001n, 1), [0x7ff4000000000001n]);
  assert.equal(call(inst, 'const'), [0x7ff4000000000001n]);
  // spec §4.3.3: an operation on a NaN returns an arithmetic (quiet) NaN.
  const [floor] = call(inst, 'floor', 0x7ff4000000000001n) as [bigint];
  assert.is(floor & 0x7ff8000000000000n, 0x7ff8000000000000n);
});

test('traps carry the spec wording', () => {
  const inst = instance(`(module
    (type $v (func))
    (table 3 funcref)
    (elem (i32.const 0) $f)
    (func $f (result i32) (i32.const 1))
    (memory 1)
    (func (export "unreachable") unreachable)
    (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
    (func (export "load") (param i32) (result i32) (i32.load offset=1 (local.get 0)))
    (func (export "trunc") (param f64) (result i64) (i64.trunc_f64_u (local.get 0)))
    (func (export "icall") (param i32) (call_indirect (type $v) (local.get 0))))`);
  traps(() => call(inst, 'unreachable'), 'unreachable');
  traps(() => call(inst, 'div', 1, 0), 'integer divide by zero');
  traps(() => call(inst, 'div', -0x80000000, -1), 'integer overflow');
  traps(() => call(inst, 'load', 65532), 'out of bounds memory access');
  traps(() => call(inst, 'load', -1), 'out of bounds memory access'); // 0xffffffff + 1 does not wrap
  traps(() => call(inst, 'trunc', 0x7ff8000000000000n), 'invalid conversion to integer');
  traps(() => call(inst, 'icall', 0), 'indirect call type mismatch');
  traps(() => call(inst, 'icall', 1), 'uninitialized element 1');
  traps(() => call(inst, 'icall', 3), 'undefined element 3');
  assert.equal(call(inst, 'load', 65531), [0]);
});

test('memory.grow: the grown memory is usable at once; failure returns -1', () => {
  const inst = instance(`(module
    (memory 1 3)
    (func (export "grow") (param i32) (result i32 i32)
      (memory.grow (local.get 0))
      (i32.store (i32.const 70000) (i32.const 7))
      (i32.load (i32.const 70000))))`);
  assert.equal(call(inst, 'grow', 1), [1, 7]);
  assert.equal(call(inst, 'grow', 2), [-1, 7]);
});

const recursion = `(module
  (func $down (export "down") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1))))))))`;

test('1,000,000 nested calls trap with "call stack exhausted"; the VM stays usable', () => {
  const inst = instance(recursion);
  traps(() => call(inst, 'down', 1_000_000), 'call stack exhausted');
  assert.equal(call(inst, 'down', 1000), [1000]);
});

test('calls use no JS recursion: with a raised limit, 1,000,000 nested calls complete', () => {
  const inst = instance(recursion, {}, { maxCallDepth: 1_000_001 });
  assert.equal(call(inst, 'down', 1_000_000), [1_000_000]);
});

test('host functions get raw values and may re-enter the VM, even when it grows its registers', () => {
  let inner: ModuleInstance | undefined;
  const host = hostFunc({ kind: 'func', params: ['i32', 'i64'], results: ['i32'] }, ([n, big]) => {
    assert.is(big, -5n);
    return [call(inner!, 'down', n as number)[0] as number];
  });
  inner = instance(recursion);
  const outer = instance(`(module
    (import "h" "f" (func $h (param i32 i64) (result i32)))
    (func (export "run") (param i32) (result i32) (local i32)
      (local.set 1 (i32.const 42))
      (i32.add (local.get 1) (call $h (local.get 0) (i64.const -5)))))`, { h: { f: { kind: 'func', value: host } } });
  assert.equal(call(outer, 'run', 50_000), [50_042]);
});

test('a JS exception from a host function propagates unchanged', () => {
  const boom = new Error('boom');
  const host = hostFunc({ kind: 'func', params: [], results: [] }, () => {
    throw boom;
  });
  const inst = instance(`(module (import "h" "f" (func $h)) (func (export "run") (param i32) (result i32)
    (call $h) (local.get 0)))`, { h: { f: { kind: 'func', value: host } } });
  assert.throws(() => call(inst, 'run', 1), (e: unknown) => e === boom);
  assert.equal(invoke(func(instance(recursion), 'down'), [10]), [10]);
});

test('a host function with the wrong number of results is a RuntimeError', () => {
  const host = hostFunc({ kind: 'func', params: [], results: ['i32'] }, () => []);
  const inst = instance(`(module (import "h" "f" (func $h (result i32))) (func (export "run") (result i32) (call $h)))`,
    { h: { f: { kind: 'func', value: host } } });
  assert.throws(() => call(inst, 'run'), (e: unknown) => e instanceof RuntimeError);
});

test('unbounded Wasm ↔ host recursion exhausts the JS stack as "call stack exhausted"', () => {
  let inst: ModuleInstance | undefined;
  const host = hostFunc({ kind: 'func', params: [], results: [] }, () => call(inst!, 'run') as []);
  inst = instance(`(module (import "h" "f" (func $h)) (func (export "run") (call $h)))`,
    { h: { f: { kind: 'func', value: host } } });
  traps(() => call(inst!, 'run'), 'call stack exhausted');
  traps(() => call(inst!, 'run'), 'call stack exhausted');
});

test('calls between instances switch memories and share imported globals', () => {
  const mem = new MemoryInst({ limits: { min: 1 }, addr: 'i32', shared: false });
  const g = new GlobalInst({ type: 'i32', mutable: true }, 5);
  const lib = instance(`(module
    (import "env" "g" (global $g (mut i32)))
    (memory (export "mem") 1)
    (func (export "store") (param i32) (i32.store (i32.const 0) (local.get 0)) (global.set $g (local.get 0)))
    (func (export "load") (result i32) (i32.load (i32.const 0))))`, { env: { g: { kind: 'global', value: g } } });
  const app = instance(`(module
    (import "lib" "store" (func $store (param i32)))
    (import "lib" "load" (func $load (result i32)))
    (import "env" "mem" (memory 1))
    (import "env" "g" (global $g (mut i32)))
    (func (export "run") (result i32 i32 i32)
      (i32.store (i32.const 0) (i32.const 11))
      (call $store (i32.const 22))
      (i32.load (i32.const 0)) (call $load) (global.get $g)))`, {
    lib: { store: lib.exports.get('store')!, load: lib.exports.get('load')! },
    env: { mem: { kind: 'memory', value: mem }, g: { kind: 'global', value: g } },
  });
  assert.equal(call(app, 'run'), [11, 22, 22]);
  assert.is(g.value, 22);
});

test('3.0 tail calls replace the frame: 1,000,000 of them run within the default depth limit', () => {
  const inst = instance(`(module
    (type $t (func (param i32 i64) (result i64)))
    (table funcref (elem $even $odd))
    (func $count (export "count") (param i32 i64) (result i64)
      (if (result i64) (i32.eqz (local.get 0)) (then (local.get 1))
        (else (return_call $count (i32.sub (local.get 0) (i32.const 1)) (i64.add (local.get 1) (i64.const 1))))))
    (func $even (export "even") (param i32 i64) (result i64)
      (if (result i64) (i32.eqz (local.get 0)) (then (local.get 1))
        (else (return_call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) (local.get 1) (i32.const 1)))))
    (func $odd (param i32 i64) (result i64)
      (return_call_ref $t (local.get 0) (i64.add (local.get 1) (i64.const 2)) (ref.func $even))))`,
  {}, undefined, wasm3);
  assert.equal(call(inst, 'count', 1_000_000, 5n), [1_000_005n]);
  assert.equal(call(inst, 'even', 1_000_000, 0n), [2_000_000n], 'even → odd (+2) → even, a million times');
});

test('3.0 call_ref, br_on_null, br_on_non_null, ref.as_non_null; a tail call to a host function', () => {
  const host = hostFunc({ kind: 'func', params: ['i32'], results: ['i32'] }, ([x]) => [(x as number) * 2]);
  const inst = instance(`(module
    (type $t (func (param i32) (result i32)))
    (import "h" "double" (func $double (type $t)))
    (func $inc (type $t) (i32.add (local.get 0) (i32.const 1)))
    (elem declare func $inc)
    (func (export "pick") (param i32) (result (ref null $t))
      (if (result (ref null $t)) (local.get 0) (then (ref.func $inc)) (else (ref.null $t))))
    (func (export "call") (param i32 (ref null $t)) (result i32) (call_ref $t (local.get 0) (local.get 1)))
    (func (export "or_default") (param (ref null $t)) (result i32)
      (block $null (return (call_ref $t (i32.const 10) (br_on_null $null (local.get 0))))) (i32.const -1))
    (func (export "is_set") (param (ref null $t)) (result i32)
      (block $set (result (ref $t)) (br_on_non_null $set (local.get 0)) (return (i32.const 0))) drop (i32.const 1))
    (func (export "assert") (param (ref null $t)) (ref.as_non_null (local.get 0)) drop)
    (func (export "tail_host") (param i32) (result i32) (return_call $double (local.get 0))))`,
  { h: { double: { kind: 'func', value: host } } }, undefined, wasm3);
  const [inc] = call(inst, 'pick', 1), [none] = call(inst, 'pick', 0);
  assert.is(none, null);
  assert.equal(call(inst, 'call', 4, inc), [5]);
  traps(() => call(inst, 'call', 4, null), 'null function reference');
  assert.equal(call(inst, 'or_default', inc), [11]);
  assert.equal(call(inst, 'or_default', null), [-1]);
  assert.equal(call(inst, 'is_set', inc), [1]);
  assert.equal(call(inst, 'is_set', null), [0]);
  call(inst, 'assert', inc);
  traps(() => call(inst, 'assert', null), 'null reference');
  assert.equal(call(inst, 'tail_host', 21), [42]);
});

test('invoke checks the argument count', () => {
  assert.throws(() => call(instance(recursion), 'down'), (e: unknown) => e instanceof RuntimeError);
});

test.run();
