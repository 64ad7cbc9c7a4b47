import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RuntimeError } from '../errors.js';
import {
  FuncInst, GlobalInst, hostFunc, instantiate, invoke, invokeAsync, MemoryInst, type ExternVal, type ModuleInstance,
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


test('fused compare-and-branch: every i32 comparison, register and immediate forms, both senses', () => {
  const cmps = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
  const consts = [0, 1, -1, 0x7fffffff, -0x80000000, 42];
  const funcs: string[] = [];
  for (const c of cmps) {
    // `if` jumps on the opposite comparison; `br_if` on the comparison itself.
    funcs.push(`(func (export "if_${c}") (param i32 i32) (result i32)
      (if (result i32) (i32.${c} (local.get 0) (local.get 1)) (then (i32.const 1)) (else (i32.const 0))))`);
    funcs.push(`(func (export "br_${c}") (param i32 i32) (result i32)
      (block (br_if 0 (i32.${c} (local.get 0) (local.get 1))) (return (i32.const 0))) (i32.const 1))`);
    consts.forEach((k, j) => {
      funcs.push(`(func (export "ifk_${c}_${j}") (param i32) (result i32)
        (if (result i32) (i32.${c} (local.get 0) (i32.const ${k})) (then (i32.const 1)) (else (i32.const 0))))`);
      funcs.push(`(func (export "brk_${c}_${j}") (param i32) (result i32)
        (block (br_if 0 (i32.${c} (i32.const ${k}) (local.get 0))) (return (i32.const 0))) (i32.const 1))`);
    });
  }
  const inst = instance(`(module ${funcs.join('\n')})`);
  const js: Record<string, (a: number, b: number) => boolean> = {
    eq: (a, b) => a === b, ne: (a, b) => a !== b, lt_s: (a, b) => a < b, gt_s: (a, b) => a > b,
    le_s: (a, b) => a <= b, ge_s: (a, b) => a >= b, lt_u: (a, b) => a >>> 0 < b >>> 0,
    gt_u: (a, b) => a >>> 0 > b >>> 0, le_u: (a, b) => a >>> 0 <= b >>> 0, ge_u: (a, b) => a >>> 0 >= b >>> 0,
  };
  for (const c of cmps) {
    for (const a of consts) {
      for (const b of consts) {
        const want = js[c](a, b) ? 1 : 0;
        assert.equal(call(inst, `if_${c}`, a, b), [want], `if ${c} ${a} ${b}`);
        assert.equal(call(inst, `br_${c}`, a, b), [want], `br_if ${c} ${a} ${b}`);
      }
      consts.forEach((k, j) => {
        assert.equal(call(inst, `ifk_${c}_${j}`, a), [js[c](a, k) ? 1 : 0], `if ${c} ${a} const ${k}`);
        assert.equal(call(inst, `brk_${c}_${j}`, a), [js[c](k, a) ? 1 : 0], `br_if ${c} const ${k} ${a}`);
      });
    }
  }
});

test('fused f64 compare-and-branch: both senses, NaN operands included', () => {
  const cmps = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
  const funcs = cmps.map((c) => `
    (func (export "if_${c}") (param f64 f64) (result i32)
      (if (result i32) (f64.${c} (local.get 0) (local.get 1)) (then (i32.const 1)) (else (i32.const 0))))
    (func (export "br_${c}") (param f64 f64) (result i32)
      (block (br_if 0 (f64.${c} (local.get 0) (local.get 1))) (return (i32.const 0))) (i32.const 1))`);
  const inst = instance(`(module ${funcs.join('\n')})`);
  const js: Record<string, (a: number, b: number) => boolean> = {
    eq: (a, b) => a === b, ne: (a, b) => a !== b, lt: (a, b) => a < b, gt: (a, b) => a > b,
    le: (a, b) => a <= b, ge: (a, b) => a >= b,
  };
  const bits = (x: number): bigint => new BigUint64Array(new Float64Array([x]).buffer)[0];
  const values = [0, -0, 1.5, -2, Infinity, NaN];
  for (const c of cmps) {
    for (const a of values) {
      for (const b of values) {
        const want = [js[c](a, b) ? 1 : 0];
        assert.equal(call(inst, `if_${c}`, BigInt.asIntN(64, bits(a)), BigInt.asIntN(64, bits(b))), want, `if ${c} ${a} ${b}`);
        assert.equal(call(inst, `br_${c}`, BigInt.asIntN(64, bits(a)), BigInt.asIntN(64, bits(b))), want, `br_if ${c} ${a} ${b}`);
      }
    }
  }
});

test('i64 immediate forms agree with BigInt arithmetic, constant on either side', () => {
  const ops: Record<string, (a: bigint, b: bigint) => bigint> = {
    add: (a, b) => a + b, sub: (a, b) => a - b, mul: (a, b) => a * b,
    and: (a, b) => a & b, or: (a, b) => a | b, xor: (a, b) => a ^ b,
    shl: (a, b) => a << (b & 63n), shr_s: (a, b) => a >> (b & 63n),
    shr_u: (a, b) => BigInt.asUintN(64, a) >> (b & 63n),
    rotl: (a, b) => { const u = BigInt.asUintN(64, a), n = b & 63n; return (u << n) | (u >> ((64n - n) & 63n)); },
    rotr: (a, b) => { const u = BigInt.asUintN(64, a), n = b & 63n; return (u >> n) | (u << ((64n - n) & 63n)); },
  };
  const consts = [0n, 1n, -1n, 31n, 32n, 33n, 63n, 64n, 100n, 0x100000000n, -0x80000000n, 0xffffffffn,
    -0x8000000000000000n, 0x7fffffffffffffffn, -0x61c8864e7a143579n];
  const values = [0n, 1n, -1n, 0x123456789abcdef0n, -0x8000000000000000n, 0xffffffffn, 0x80000000n];
  const funcs: string[] = [];
  for (const op of Object.keys(ops)) {
    consts.forEach((k, j) => {
      funcs.push(`(func (export "${op}_${j}") (param i64) (result i64) (i64.${op} (local.get 0) (i64.const ${k})))`);
      funcs.push(`(func (export "${op}_${j}_l") (param i64) (result i64) (i64.${op} (i64.const ${k}) (local.get 0)))`);
    });
  }
  const inst = instance(`(module ${funcs.join('\n')})`);
  for (const [op, f] of Object.entries(ops)) {
    consts.forEach((k, j) => {
      for (const v of values) {
        assert.equal(call(inst, `${op}_${j}`, v), [BigInt.asIntN(64, f(v, k))], `${op} ${v} ${k}`);
        assert.equal(call(inst, `${op}_${j}_l`, v), [BigInt.asIntN(64, f(k, v))], `${op} ${k} ${v}`);
      }
    });
  }
});

test('loads through an added constant wrap the add, then add the offset without wrapping', () => {
  const inst = instance(`(module (memory 1)
    (data (i32.const 0) "\\01\\82\\03\\84\\05\\86\\07\\88\\09")
    (func (export "l32") (param i32) (result i32) (i32.load (i32.add (local.get 0) (i32.const 8))))
    (func (export "l64") (param i32) (result i64) (i64.load offset=1 (i32.add (local.get 0) (i32.const 8))))
    (func (export "l8s") (param i32) (result i32) (i32.load8_s (i32.add (local.get 0) (i32.const 8))))
    (func (export "l8u") (param i32) (result i32) (i32.load8_u (i32.add (local.get 0) (i32.const 8))))
    (func (export "l16s") (param i32) (result i32) (i32.load16_s offset=2 (i32.add (local.get 0) (i32.const -2))))
    (func (export "l16u") (param i32) (result i32) (i32.load16_u (i32.add (local.get 0) (i32.const 8))))
    (func (export "idx") (param i32) (result i32)
      (i32.load offset=1 (i32.add (i32.shl (local.get 0) (i32.const 2)) (i32.const 8))))
    (func (export "addr") (param i32) (result i32) (i32.sub (i32.shl (local.get 0) (i32.const 34)) (i32.const 1))))`);
  const tee = instance(`(module (memory 1)
    (data (i32.const 0) "\\01\\82\\03\\84\\05\\86\\07\\88\\09")
    (func (export "t32") (param i32) (result i32) (local i32)
      (i32.add (i32.load offset=1 (local.tee 1 (i32.add (local.get 0) (i32.const 8)))) (local.get 1)))
    (func (export "t64") (param i32) (result i64) (local i32)
      (i64.add (i64.load (local.tee 1 (i32.add (local.get 0) (i32.const -1)))) (i64.extend_i32_u (local.get 1)))))`);
  assert.equal(call(tee, 't32', -8), [(0x05840382 + 0) | 0]);
  assert.equal(call(tee, 't64', 2), [0x0988078605840382n + 1n]);
  traps(() => call(tee, 't32', 65536 - 12), 'out of bounds memory access');
  traps(() => call(tee, 't64', 0), 'out of bounds memory access');
  // (x << 2) + 8 with x = 2^30 - 2 wraps to 0 before the offset is added.
  assert.equal(call(inst, 'idx', 0x3ffffffe), [0x05840382]);
  assert.equal(call(inst, 'idx', -2), [0x05840382]);
  traps(() => call(inst, 'idx', 0x3fffffff + 0x4000), 'out of bounds memory access');
  assert.equal(call(inst, 'addr', 3), [11]); // the shift count is taken mod 32
  assert.equal(call(inst, 'addr', 0), [-1]);
  // -8 + 8 wraps to 0; an unwrapped address would be out of bounds.
  assert.equal(call(inst, 'l32', -8), [0x84038201 | 0]);
  assert.equal(call(inst, 'l64', -8), [0x0988078605840382n]);
  assert.equal(call(inst, 'l8s', -7), [-126]);
  assert.equal(call(inst, 'l8u', -7), [0x82]);
  assert.equal(call(inst, 'l16s', 2), [-0x7bfd]);
  assert.equal(call(inst, 'l16u', -8), [0x8201]);
  traps(() => call(inst, 'l32', 65536 - 11), 'out of bounds memory access');
  traps(() => call(inst, 'l64', 65536 - 16), 'out of bounds memory access');
  // 1 + -2 wraps to 2^32 - 1; the offset then goes past 2^32 instead of wrapping back to 1.
  traps(() => call(inst, 'l16s', 1), 'out of bounds memory access');
});

test('invokeAsync: a promise from a host function suspends the run, also through a tail call', async () => {
  const host = hostFunc({ kind: 'func', params: ['i32'], results: ['i32'] },
    ([x]) => new Promise<RawValue[]>((resolve) => setTimeout(() => resolve([(x as number) * 2]), 1)));
  const inst = instance(`(module
    (import "h" "double" (func $double (param i32) (result i32)))
    (func $tail (export "tail") (param i32) (result i32) (return_call $double (i32.add (local.get 0) (i32.const 1))))
    (func (export "nested") (param i32) (result i32) (i32.mul (call $tail (local.get 0)) (i32.const 10))))`,
  { h: { double: { kind: 'func', value: host } } }, undefined, wasm3);
  assert.equal(await invokeAsync(func(inst, 'tail'), [4]), [10]);
  assert.equal(await invokeAsync(func(inst, 'nested'), [4]), [100]);
  assert.equal(await invokeAsync(host, [21]), [42]);
  try {
    await invokeAsync(func(inst, 'tail'), []);
    assert.unreachable('should have rejected');
  } catch (e) {
    assert.instance(e, RuntimeError);
    assert.match((e as Error).message, 'wrong number of arguments');
  }
  // A call that never suspends completes too; so does a deep one whose registers grow.
  const plain = instance(`(module (func $d (export "down") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $d (i32.sub (local.get 0) (i32.const 1))))))))`);
  assert.equal(await invokeAsync(func(plain, 'down'), [20_000]), [20_000]);
  assert.equal(await invokeAsync(func(plain, 'down'), [3]), [3]);
});

test('fused arithmetic agrees with the two instructions it replaces (f32 product rounded first)', () => {
  const inst = instance(`(module
    (func (export "f64ma") (param f64 f64 f64) (result f64) (f64.add (local.get 0) (f64.mul (local.get 1) (local.get 2))))
    (func (export "f64am") (param f64 f64 f64) (result f64) (f64.add (f64.mul (local.get 1) (local.get 2)) (local.get 0)))
    (func (export "f64ms") (param f64 f64 f64) (result f64) (f64.sub (local.get 0) (f64.mul (local.get 1) (local.get 2))))
    (func (export "f32ma") (param f32 f32 f32) (result f32) (f32.add (local.get 0) (f32.mul (local.get 1) (local.get 2))))
    (func (export "f32ms") (param f32 f32 f32) (result f32) (f32.sub (local.get 0) (f32.mul (local.get 1) (local.get 2)))))`);
  // f64 values cross the boundary as their bits; a NaN result is compared as "some NaN".
  const to64 = (x: number) => new BigInt64Array(new Float64Array([x]).buffer)[0];
  const f64 = (name: string, a: number, b: number, c: number) =>
    new Float64Array(new BigInt64Array([call(inst, name, to64(a), to64(b), to64(c))[0] as bigint]).buffer)[0];
  const f64s = [0, -0, 1, -1, 0.1, 1 + 2 ** -30, 1e308, -Infinity, NaN];
  for (const a of f64s) {
    for (const b of f64s) {
      const c = 1 + 2 ** -30;
      assert.ok(Object.is(f64('f64ma', a, b, c), a + b * c), `${a} + ${b} * c`);
      assert.ok(Object.is(f64('f64am', a, b, c), b * c + a), `${b} * c + ${a}`);
      assert.ok(Object.is(f64('f64ms', a, b, c), a - b * c), `${a} - ${b} * c`);
    }
  }
  // (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24 rounds to 1 + 2^-11 as an f32 product: -1 + it is 2^-11,
  // where an unrounded product would give 2^-11 + 2^-24 (an f32 too).
  const bits = (x: number) => new Int32Array(new Float32Array([x]).buffer)[0];
  const c = bits(1 + 2 ** -12);
  assert.equal(call(inst, 'f32ma', bits(-1), c, c), [bits(2 ** -11)]);
  assert.equal(call(inst, 'f32ms', bits(1), c, c), [bits(-(2 ** -11))]);
  assert.equal(call(inst, 'f32ma', bits(0.5), bits(3), bits(0.25)), [bits(1.25)]);

  const u64 = (x: bigint) => BigInt.asUintN(64, x);
  const rotl = (x: bigint, k: bigint) => (u64(x) << k) | (u64(x) >> ((64n - k) & 63n));
  const counts = [0n, 1n, 13n, 31n, 32n, 33n, 63n];
  const funcs: string[] = [];
  counts.forEach((k, j) => {
    funcs.push(`(func (export "rx${j}") (param i64 i64) (result i64) (i64.xor (local.get 0) (i64.rotl (local.get 1) (i64.const ${k}))))`);
    funcs.push(`(func (export "xr${j}") (param i64 i64) (result i64) (i64.xor (i64.rotr (local.get 1) (i64.const ${k})) (local.get 0)))`);
    funcs.push(`(func (export "sx${j}") (param i64 i64) (result i64) (i64.xor (local.get 0) (i64.shr_u (local.get 1) (i64.const ${k}))))`);
  });
  const K = -0x61c8864e7a143579n;
  funcs.push(`(func (export "ma") (param i64 i64) (result i64) (i64.add (local.get 0) (i64.mul (local.get 1) (i64.const ${K}))))`);
  funcs.push(`(func (export "am") (param i64 i64) (result i64) (i64.add (i64.mul (i64.const 0xffffffff) (local.get 1)) (local.get 0)))`);
  funcs.push('(func (export "add3") (param i64 i64) (result i64) (i64.add (local.get 1) (i64.add (local.get 0) (local.get 1))))');
  funcs.push('(func (export "mad") (param i32 i32) (result i32) (i32.add (i32.mul (local.get 0) (local.get 1)) (local.get 1)))');
  const i64 = instance(`(module ${funcs.join('\n')})`);
  const values = [0n, 1n, -1n, 0x123456789abcdef0n, -0x8000000000000000n, 0xffffffffn, 0x80000000n, 0x7fffffffffffffffn];
  for (const a of values) {
    for (const b of values) {
      counts.forEach((k, j) => {
        assert.equal(call(i64, `rx${j}`, a, b), [BigInt.asIntN(64, a ^ rotl(b, k))], `rotl ${a} ${b} ${k}`);
        assert.equal(call(i64, `xr${j}`, a, b), [BigInt.asIntN(64, a ^ rotl(b, (64n - k) & 63n))], `rotr ${a} ${b} ${k}`);
        assert.equal(call(i64, `sx${j}`, a, b), [BigInt.asIntN(64, a ^ (u64(b) >> k))], `shr_u ${a} ${b} ${k}`);
      });
      assert.equal(call(i64, 'ma', a, b), [BigInt.asIntN(64, a + b * K)], `mul_add ${a} ${b}`);
      assert.equal(call(i64, 'add3', a, b), [BigInt.asIntN(64, a + b + b)], `add3 ${a} ${b}`);
      const [x, y] = [Number(BigInt.asIntN(32, a)), Number(BigInt.asIntN(32, b))];
      assert.equal(call(i64, 'mad', x, y), [Number(BigInt.asIntN(32, BigInt(x) * BigInt(y) + BigInt(y)))], `mad ${x} ${y}`);
      assert.equal(call(i64, 'am', a, b), [BigInt.asIntN(64, a + b * 0xffffffffn)], `mul_add ${a} ${b}`);
    }
  }
});

test('i64.rotl_imm_mul_imm agrees with the rotate and multiply it replaces; the tee keeps the rotate', () => {
  const counts = [0n, 1n, 31n, 32n, 33n, 63n];
  const funcs: string[] = [];
  counts.forEach((k, j) => {
    // Fused (tee, temporary, result over the rotated operand) and unfused (a label between).
    funcs.push(`(func (export "tee${j}") (param i64 i64) (result i64 i64) (local i64)
      (i64.mul (local.tee 2 (i64.rotl (local.get 0) (i64.const ${k}))) (i64.const 0x9e3779b185ebca87)) (local.get 2))`);
    funcs.push(`(func (export "tmp${j}") (param i64 i64) (result i64)
      (i64.mul (i64.const 0xffffffff) (i64.rotr (local.get 0) (i64.const ${k}))))`);
    funcs.push(`(func (export "self${j}") (param i64 i64) (result i64)
      (local.set 0 (i64.mul (local.tee 0 (i64.rotl (local.get 0) (i64.const ${k}))) (i64.const -1))) (local.get 0))`);
    funcs.push(`(func (export "ref${j}") (param i64 i64) (result i64 i64) (local i64)
      (block (local.set 2 (i64.rotl (local.get 0) (i64.const ${k}))))
      (i64.mul (local.get 2) (i64.const 0x9e3779b185ebca87)) (local.get 2))`);
  });
  const inst = instance(`(module ${funcs.join('\n')})`);
  const u64 = (x: bigint) => BigInt.asUintN(64, x);
  const rotl = (x: bigint, k: bigint) => (u64(x) << k) | (u64(x) >> ((64n - k) & 63n));
  const P = 0x9e3779b185ebca87n;
  const values = [0n, 1n, -1n, -0x8000000000000000n, 0xffffffffn, 0x80000000n, 0x123456789abcdef0n, 0x7fffffffffffffffn];
  for (const a of values) {
    counts.forEach((k, j) => {
      const r = rotl(a, k);
      const expected = [BigInt.asIntN(64, r * P), BigInt.asIntN(64, r)];
      assert.equal(call(inst, `tee${j}`, a, 0n), expected, `tee ${a} ${k}`);
      assert.equal(call(inst, `ref${j}`, a, 0n), expected, `ref ${a} ${k}`);
      assert.equal(call(inst, `tmp${j}`, a, 0n), [BigInt.asIntN(64, rotl(a, (64n - k) & 63n) * 0xffffffffn)], `tmp ${a} ${k}`);
      assert.equal(call(inst, `self${j}`, a, 0n), [BigInt.asIntN(64, -r)], `self ${a} ${k}`);
    });
  }
});

test('paired steps and copies run in order: the second reads what the first wrote', () => {
  const inst = instance(`(module
    (func (export "steps") (param i32) (result i32) (local i32)
      (local.set 0 (i32.add (local.get 0) (i32.const 0x7fffffff)))
      (local.set 1 (i32.add (local.get 0) (i32.const 3)))
      (i32.sub (local.get 1) (local.get 0)))
    (func (export "rot") (param i64 i64 i32 i32) (result i64 i64 i32 i32)
      (local.set 0 (local.get 1))
      (local.set 1 (local.get 0))
      (local.set 2 (local.get 3))
      (local.set 3 (local.get 2))
      (local.get 0) (local.get 1) (local.get 2) (local.get 3)))`);
  assert.equal(call(inst, 'steps', 5), [3]);
  assert.equal(call(inst, 'rot', -1n, 0x123456789n, 7, -8), [0x123456789n, 0x123456789n, -8, -8]);
});

test('stores of a constant write its low bytes; out-of-bounds ones trap', () => {
  const inst = instance(`(module (memory 1)
    (func (export "st") (param i32)
      (i64.store8 (local.get 0) (i64.const 0x1ff))
      (i32.store16 offset=1 (local.get 0) (i32.const 0x12345))
      (i64.store32 offset=3 (local.get 0) (i64.const 0x1_8765_4321))
      (f64.store offset=7 (local.get 0) (f64.const -2)))
    (func (export "get") (param i32) (result i64 i64) (i64.load (local.get 0)) (i64.load offset=8 (local.get 0))))`);
  call(inst, 'st', 100);
  assert.equal(call(inst, 'get', 100), [0x00876543212345ffn, 0x00c0000000000000n]);
  traps(() => call(inst, 'st', 65536 - 14), 'out of bounds memory access');
});

test('step and branch: the add runs first, then each branch form tests in either sense', () => {
  const conds: Record<string, [string, (x: number, y: number) => boolean]> = {
    ne: ['(i32.ne (local.get 0) (local.get 1))', (x, y) => x !== y],
    eq: ['(i32.eq (local.get 0) (local.get 1))', (x, y) => x === y],
    ne5: ['(i32.ne (local.get 0) (i32.const 5))', (x) => x !== 5],
    eq5: ['(i32.eq (local.get 0) (i32.const 5))', (x) => x === 5],
    gtu5: ['(i32.gt_u (local.get 0) (i32.const 5))', (x) => x >>> 0 > 5],
    leu5: ['(i32.le_u (local.get 0) (i32.const 5))', (x) => x >>> 0 <= 5],
    ltu: ['(i32.lt_u (local.get 0) (local.get 1))', (x, y) => x >>> 0 < y >>> 0],
    leu: ['(i32.le_u (local.get 0) (local.get 1))', (x, y) => x >>> 0 <= y >>> 0],
    geu: ['(i32.ge_u (local.get 0) (local.get 1))', (x, y) => x >>> 0 >= y >>> 0],
    nz: ['(local.get 0)', (x) => x !== 0],
    z: ['(i32.eqz (local.get 0))', (x) => x === 0],
  };
  const step = '(local.set 0 (i32.add (local.get 0) (i32.const 1)))';
  const funcs = Object.entries(conds).map(([name, [cond]]) => `
    (func (export "br_${name}") (param i32 i32) (result i32)
      (block $b ${step} (br_if $b ${cond}) (local.set 0 (i32.xor (local.get 0) (i32.const 0x5555))))
      (local.get 0))
    (func (export "if_${name}") (param i32 i32) (result i32)
      ${step}
      (if ${cond} (then (local.set 0 (i32.add (local.get 0) (i32.const 3))))
        (else (local.set 0 (i32.xor (local.get 0) (i32.const 0x5555)))))
      (local.get 0))
    (func (export "brv_${name}") (param i32 i32) (result i32)
      (block $b (result i32) ${step} (drop (br_if $b (i32.const 77) ${cond})) (i32.const 88))
      (i32.add (local.get 0)))`);
  const inst = instance(`(module ${funcs.join('')})`);
  for (const [name, [, holds]] of Object.entries(conds)) {
    for (const x of [-2, -1, 0, 3, 4, 5, 6, 0x7fffffff]) {
      for (const y of [-1, 0, 5, 6]) {
        const x1 = (x + 1) | 0, taken = holds(x1, y);
        assert.equal(call(inst, `br_${name}`, x, y), [taken ? x1 : x1 ^ 0x5555], `br ${name} ${x} ${y}`);
        assert.equal(call(inst, `if_${name}`, x, y), [taken ? (x1 + 3) | 0 : x1 ^ 0x5555], `if ${name} ${x} ${y}`);
        assert.equal(call(inst, `brv_${name}`, x, y), [((taken ? 77 : 88) + x1) | 0], `brv ${name} ${x} ${y}`);
      }
    }
  }
});

test('loads through base + index wrap the add, then add the offset; bit-field extracts', () => {
  const inst = instance(`(module (memory 1)
    (data (i32.const 0) "\\01\\82\\03\\84\\05\\86\\07\\88\\09")
    (func (export "l32") (param i32 i32) (result i32) (i32.load (i32.add (local.get 0) (local.get 1))))
    (func (export "l64") (param i32 i32) (result i64) (i64.load offset=1 (i32.add (local.get 0) (local.get 1))))
    (func (export "l8s") (param i32 i32) (result i32) (i32.load8_s (i32.add (local.get 0) (local.get 1))))
    (func (export "l8u") (param i32 i32) (result i32) (i32.load8_u (i32.add (local.get 0) (local.get 1))))
    (func (export "l16s") (param i32 i32) (result i32) (i32.load16_s offset=2 (i32.add (local.get 0) (local.get 1))))
    (func (export "l16u") (param i32 i32) (result i32) (i32.load16_u (i32.add (local.get 0) (local.get 1))))
    (func (export "bits") (param i32) (result i32) (i32.and (i32.shr_u (local.get 0) (i32.const 28)) (i32.const 6))))`);
  // -8 + 8 wraps to 0; an unwrapped address would be out of bounds.
  assert.equal(call(inst, 'l32', -8, 8), [0x84038201 | 0]);
  assert.equal(call(inst, 'l64', 8, -8), [0x0988078605840382n]);
  assert.equal(call(inst, 'l8s', -7, 8), [-126]);
  assert.equal(call(inst, 'l8u', 1, 0), [0x82]);
  assert.equal(call(inst, 'l16s', 2, -2), [-0x7bfd]);
  assert.equal(call(inst, 'l16u', 0, 0), [0x8201]);
  traps(() => call(inst, 'l32', 65536 - 11, 8), 'out of bounds memory access');
  traps(() => call(inst, 'l64', 65536 - 16, 8), 'out of bounds memory access');
  traps(() => call(inst, 'l8s', 65536, 0), 'out of bounds memory access');
  traps(() => call(inst, 'l8u', 65535, 1), 'out of bounds memory access');
  traps(() => call(inst, 'l16u', 65535, 0), 'out of bounds memory access');
  // 1 + -2 wraps to 2^32 - 1; the offset then goes past 2^32 instead of wrapping back to 1.
  traps(() => call(inst, 'l16s', 1, -2), 'out of bounds memory access');
  assert.equal(call(inst, 'bits', -1), [6]);
  assert.equal(call(inst, 'bits', 0x50000000), [4]);
});

test('stores through a folded address wrap the add, then add the offset; the base is read at the store', () => {
  const inst = instance(`(module (memory 1)
    (func (export "s64") (param i32 i64) (i64.store offset=1 (i32.add (local.get 0) (i32.const 8)) (i64.add (local.get 1) (i64.const 1))))
    (func (export "s32") (param i32 i32) (i32.store (i32.add (i32.shl (local.get 0) (i32.const 2)) (i32.const 8)) (local.get 1)))
    (func (export "s16") (param i32 i32) (i32.store16 offset=2 (i32.add (local.get 0) (i32.const -2)) (local.get 1)))
    (func (export "s8") (param i32 i32) (i32.store8 (i32.add (local.get 0) (i32.const 8)) (i32.mul (local.get 1) (local.get 1))))
    (func (export "get") (param i32) (result i64) (i64.load (local.get 0))))`);
  call(inst, 's64', -8, 0x1122334455667788n); // -8 + 8 wraps to 0, then offset 1
  assert.equal(call(inst, 'get', 1), [0x1122334455667789n]);
  call(inst, 's32', 0x3ffffffe, 0x01020304); // (x << 2) + 8 wraps to 0
  assert.equal(call(inst, 'get', 0), [0x2233445501020304n]);
  call(inst, 's8', 0, 3);
  assert.equal(call(inst, 'get', 8), [0x09n]);
  // 1 + -2 wraps to 2^32 - 1; the offset 2 then goes past 2^32 instead of wrapping back to 1.
  traps(() => call(inst, 's16', 1, 0xabcd), 'out of bounds memory access');
  traps(() => call(inst, 's64', 65536 - 16, 0n), 'out of bounds memory access');
  traps(() => call(inst, 's8', 65536 - 8, 0), 'out of bounds memory access');
  call(inst, 's16', 2, 0xabcd);
  assert.equal(call(inst, 'get', 0), [0x22334455abcd0304n]);
});

test('f32.mul_mul_add and f32.mul_load_add agree with the f32.mul / f32.add / f32.load they replace', () => {
  const inst = instance(`(module (memory 1)
    (func (export "dot") (param f32 f32 f32 f32) (result f32)
      (f32.add (f32.mul (local.get 0) (local.get 1)) (f32.mul (local.get 2) (local.get 3))))
    (func (export "lm") (param i32 f32) (result f32)
      (f32.mul (f32.load offset=4 (i32.add (i32.shl (local.get 0) (i32.const 2)) (i32.const 8))) (local.get 1)))
    (func (export "ml") (param i32 f32) (result f32)
      (f32.mul (local.get 1) (f32.load (i32.add (local.get 0) (i32.const 4)))))
    (func (export "set") (param i32 f32) (f32.store (local.get 0) (local.get 1))))`);
  const f32 = (x: number) => new Int32Array(new Float32Array([x]).buffer)[0];
  const num = (b: unknown) => new Float32Array(new Int32Array([b as number]).buffer)[0];
  // A NaN result is compared as "some NaN"; everything else bit for bit (so -0 ≠ 0).
  const same = ([got]: unknown[], want: number, what: string) =>
    assert.ok(Number.isNaN(want) ? Number.isNaN(num(got)) : got === f32(want), `${what}: ${num(got)} ≠ ${want}`);
  const R = Math.fround;
  // 1 + 2^-12 squared rounds to 1 + 2^-11 as an f32 product; 1e30 squared overflows to ∞ in
  // f32 (not in f64); 2^-100 squared underflows to 0 in f32.
  const vals = [0, -0, 1, -1, 1 + 2 ** -12, R(0.1), 3, 1e30, 2 ** -100, 2 ** -149, Infinity, -Infinity, NaN].map(R);
  for (const a of vals) {
    for (const b of vals) {
      for (const c of vals) {
        for (const d of [1 + 2 ** -12, -1, -0, 1e30, NaN].map(R)) {
          same(call(inst, 'dot', f32(a), f32(b), f32(c), f32(d)), R(R(a * b) + R(c * d)), `${a}·${b} + ${c}·${d}`);
        }
      }
    }
  }
  // The products rounded first: −1·1 + (1 + 2^-12)² is 2^-11, not 2^-11 + 2^-24.
  same(call(inst, 'dot', f32(-1), f32(1), f32(1 + 2 ** -12), f32(1 + 2 ** -12)), 2 ** -11, 'rounded products');
  for (const [i, v] of vals.entries()) call(inst, 'set', 16 + 4 * i, f32(v));
  for (const [i, v] of vals.entries()) {
    for (const x of vals) {
      // lm reads (i << 2) + 8 + 4 = 16 + 4i when i = index + 1; ml reads i + 4.
      same(call(inst, 'lm', i + 1, f32(x)), R(v * x), `load ${v} · ${x}`);
      same(call(inst, 'ml', 12 + 4 * i, f32(x)), R(x * v), `${x} · load ${v}`);
    }
  }
  // (i << 2) + 8 wraps (to 4, reading 8: zero) before the offset is added; the offset does
  // not wrap (2^32 − 4 + 4), and past the end the load traps.
  same(call(inst, 'lm', 0x3fffffff, f32(2)), 0, 'wrapped address');
  traps(() => call(inst, 'lm', 0x3ffffffd, f32(1)), 'out of bounds memory access');
  traps(() => call(inst, 'lm', 16383, f32(1)), 'out of bounds memory access');
  traps(() => call(inst, 'ml', 65536 - 6, f32(1)), 'out of bounds memory access');
  assert.equal(call(inst, 'lm', (65536 - 16) / 4, f32(2)), call(inst, 'ml', 65536 - 8, f32(2)));
});

test('compute and store: the stored bits are those of the operation, rounded to its type', () => {
  const inst = instance(`(module (memory 1)
    (func (export "f32") (param i32 f32 f32)
      (f32.store (local.get 0) (f32.add (local.get 1) (local.get 2)))
      (f32.store offset=4 (local.get 0) (f32.sub (local.get 1) (local.get 2))))
    (func (export "f64") (param i32 f64 f64 f64)
      (f64.store (local.get 0) (f64.add (local.get 1) (local.get 2)))
      (f64.store offset=8 (local.get 0) (f64.add (local.get 1) (f64.mul (local.get 2) (local.get 3))))
      (f64.store offset=16 (local.get 0) (f64.sub (local.get 1) (f64.mul (local.get 2) (local.get 3)))))
    (func (export "get32") (param i32) (result i32) (i32.load (local.get 0)))
    (func (export "get64") (param i32) (result i64) (i64.load (local.get 0))))`);
  const b32 = (x: number) => new Int32Array(new Float32Array([x]).buffer)[0];
  const b64 = (x: number) => new BigInt64Array(new Float64Array([x]).buffer)[0];
  // 1 + 2^-24 is not an f32: the sum rounds (ties to even) to 1; 1 − 2^-24 is one.
  call(inst, 'f32', 8, b32(1), b32(2 ** -24));
  assert.equal(call(inst, 'get32', 8), [b32(1)]);
  assert.equal(call(inst, 'get32', 12), [b32(1 - 2 ** -24)]);
  call(inst, 'f32', 8, b32(0.5), b32(0.25));
  assert.equal([call(inst, 'get32', 8), call(inst, 'get32', 12)], [[b32(0.75)], [b32(0.25)]]);
  const [a, b, c] = [0.1, 1 + 2 ** -30, 3.7];
  call(inst, 'f64', 8, b64(a), b64(b), b64(c));
  assert.equal(call(inst, 'get64', 8), [b64(a + b)]);
  assert.equal(call(inst, 'get64', 16), [b64(a + b * c)]);
  assert.equal(call(inst, 'get64', 24), [b64(a - b * c)]);
  traps(() => call(inst, 'f32', 65536 - 4, 0, 0), 'out of bounds memory access');
  traps(() => call(inst, 'f64', 65536 - 16, 0n, 0n, 0n), 'out of bounds memory access');
  assert.equal(call(inst, 'get32', 65536 - 4), [0]); // the trapping f32 store wrote its first value only
});

test('stores through base + index wrap the add, then add the offset', () => {
  const inst = instance(`(module (memory 1)
    (func (export "s8") (param i32 i32 i32) (i32.store8 (i32.add (local.get 0) (local.get 1)) (local.get 2)))
    (func (export "s16") (param i32 i32 i32) (i32.store16 offset=2 (i32.add (local.get 0) (local.get 1)) (local.get 2)))
    (func (export "s32") (param i32 i32 i32) (i32.store (i32.add (local.get 0) (local.get 1)) (local.get 2)))
    (func (export "s64") (param i32 i32 i64) (i64.store (i32.add (local.get 0) (local.get 1)) (local.get 2)))
    (func (export "c8") (param i32 i32) (i32.store8 (i32.add (local.get 0) (local.get 1)) (i32.const 0x1ff)))
    (func (export "c32") (param i32 i32) (i32.store offset=1 (i32.add (local.get 0) (local.get 1)) (i32.const 0x01020304)))
    (func (export "get") (param i32) (result i64) (i64.load (local.get 0))))`);
  call(inst, 's64', -8, 8, 0x1122334455667788n); // -8 + 8 wraps to 0
  call(inst, 's32', 4, -4, 0x0a0b0c0d);
  call(inst, 's16', -2, 2, 0x1234);
  call(inst, 's8', 7, 0, 0x3ff);
  assert.equal(call(inst, 'get', 0), [BigInt.asIntN(64, 0xff22334412340c0dn)]);
  call(inst, 'c8', 10, -2);
  call(inst, 'c32', -1, 1);
  assert.equal(call(inst, 'get', 0), [BigInt.asIntN(64, 0xff2233010203040dn)]);
  assert.equal(call(inst, 'get', 8), [0xffn]);
  // 1 + -2 wraps to 2^32 - 1; the offset then goes past 2^32 instead of wrapping back to 1.
  traps(() => call(inst, 's16', 1, -2, 0), 'out of bounds memory access');
  traps(() => call(inst, 's64', 65536 - 8, 1, 0n), 'out of bounds memory access');
  traps(() => call(inst, 'c32', 65536 - 5, 1), 'out of bounds memory access');
  traps(() => call(inst, 'c8', 65536, 0), 'out of bounds memory access');
  traps(() => call(inst, 's8', 65535, 1, 0), 'out of bounds memory access');
  traps(() => call(inst, 's32', 65533, 0, 0), 'out of bounds memory access');
});

test('accesses at a constant address; one that is out of bounds traps', () => {
  const inst = instance(`(module (memory 1)
    (func (export "run") (param i64) (result i64)
      (i64.store offset=65528 (i32.const 0) (local.get 0))
      (i32.store (i32.const 65532) (i32.add (i32.load offset=65524 (i32.const 4)) (i32.const 1)))
      (i64.load (i32.const 65528)))
    (func (export "oob64") (result i64) (i64.load offset=65529 (i32.const 0)))
    (func (export "oob32") (param i32) (i32.store (i32.const 65533) (local.get 0)))
    (func (export "wrap") (result i32) (i32.load offset=1 (i32.const -1))))`);
  assert.equal(call(inst, 'run', 0x1122334455667788n), [0x5566778955667788n]);
  traps(() => call(inst, 'oob64'), 'out of bounds memory access');
  traps(() => call(inst, 'oob32', 0), 'out of bounds memory access');
  traps(() => call(inst, 'wrap'), 'out of bounds memory access');
});

test('i64.rotl2_xor / rotl3_xor / rotl2_shr_xor agree with BigInt and with the unfused rotates', () => {
  const counts = [0n, 1n, 31n, 32n, 33n, 63n];
  const funcs: string[] = [];
  counts.forEach((k, j) => {
    const m = counts[(j + 1) % counts.length], n = counts[(j + 3) % counts.length];
    const body = (sep: string) => `(i64.xor (i64.xor (i64.rotr (local.get 0) (i64.const ${k}))${sep}(i64.rotl (local.get 1) (i64.const ${m})))`;
    funcs.push(`(func (export "r3_${j}") (param i64 i64) (result i64) ${body(' ')} (i64.rotr (local.get 0) (i64.const ${n}))))`);
    funcs.push(`(func (export "s_${j}") (param i64 i64) (result i64) ${body(' ')} (i64.shr_u (local.get 1) (i64.const ${n}))))`);
    funcs.push(`(func (export "r2_${j}") (param i64 i64) (result i64)
      (i64.xor (i64.rotl (local.get 1) (i64.const ${k})) (i64.rotr (local.get 0) (i64.const ${m}))))`);
    // Unfused: a label between the rotates.
    funcs.push(`(func (export "u3_${j}") (param i64 i64) (result i64) (local i64)
      (local.set 2 (i64.rotr (local.get 0) (i64.const ${k})))
      (block (local.set 2 (i64.xor (local.get 2) (i64.rotl (local.get 1) (i64.const ${m})))))
      (block (local.set 2 (i64.xor (local.get 2) (i64.rotr (local.get 0) (i64.const ${n})))))
      (local.get 2))`);
  });
  const inst = instance(`(module ${funcs.join('\n')})`);
  const u64 = (x: bigint) => BigInt.asUintN(64, x);
  const rotl = (x: bigint, k: bigint) => u64((u64(x) << k) | (u64(x) >> ((64n - k) & 63n)));
  const rotr = (x: bigint, k: bigint) => rotl(x, (64n - k) & 63n);
  const values = [0n, 1n, -1n, -0x8000000000000000n, 0xffffffffn, 0x80000000n, 0x123456789abcdef0n, 0x7fffffffffffffffn];
  for (const a of values) {
    for (const b of values) {
      counts.forEach((k, j) => {
        const m = counts[(j + 1) % counts.length], n = counts[(j + 3) % counts.length];
        const r3 = BigInt.asIntN(64, rotr(a, k) ^ rotl(b, m) ^ rotr(a, n));
        assert.equal(call(inst, `r3_${j}`, a, b), [r3], `rotl3 ${a} ${b} ${k}`);
        assert.equal(call(inst, `u3_${j}`, a, b), [r3], `unfused ${a} ${b} ${k}`);
        assert.equal(call(inst, `s_${j}`, a, b), [BigInt.asIntN(64, rotr(a, k) ^ rotl(b, m) ^ (u64(b) >> n))], `shr ${a} ${b} ${k}`);
        assert.equal(call(inst, `r2_${j}`, a, b), [BigInt.asIntN(64, rotl(b, k) ^ rotr(a, m))], `rotl2 ${a} ${b} ${k}`);
      });
    }
  }
});

test('i64 rotate xors and i64.rotl2_shr_xor_add read their terms right whichever registers repeat', () => {
  // The terms of one register share its words (RATIONALE, i64 heading); every mix of sources.
  const srcs = [[0, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0], [0, 1, 1], [1, 1, 0]];
  // Counts for the added form: [rotr, rotl, shr_u], with 0, 32 and 63 among them.
  const counts = [[19, 3, 6], [32, 0, 32], [0, 63, 0], [1, 32, 63], [63, 31, 33], [33, 1, 1]];
  const funcs = srcs.map(([x, y, z], j) => `
    (func (export "sa_${j}") (param i64 i64 i64) (result i64)
      (i64.add (local.get 2) (i64.xor (i64.xor (i64.rotr (local.get ${x}) (i64.const ${counts[j][0]}))
        (i64.rotl (local.get ${y}) (i64.const ${counts[j][1]}))) (i64.shr_u (local.get ${z}) (i64.const ${counts[j][2]})))))
    (func (export "r3_${j}") (param i64 i64 i64) (result i64)
      (i64.xor (i64.xor (i64.rotr (local.get ${x}) (i64.const 28))
        (i64.rotr (local.get ${y}) (i64.const 34))) (i64.rotr (local.get ${z}) (i64.const 39))))`);
  const inst = instance(`(module ${funcs.join('\n')})`);
  const u64 = (x: bigint) => BigInt.asUintN(64, x);
  const rotl = (x: bigint, k: bigint) => u64((u64(x) << k) | (u64(x) >> ((64n - k) & 63n)));
  const rotr = (x: bigint, k: bigint) => rotl(x, (64n - k) & 63n);
  const values = [0n, -1n, 0x123456789abcdef0n, -0x8000000000000000n, 0x0f1e2d3c4b5a6978n];
  for (const a of values) for (const b of values) {
    const args = [a, b, 0x7fffffffffffffffn];
    srcs.forEach(([x, y, z], j) => {
      const [p, q, r] = counts[j].map(BigInt);
      const want = BigInt.asIntN(64, args[2] + (rotr(args[x], p) ^ rotl(args[y], q) ^ (u64(args[z]) >> r)));
      assert.equal(call(inst, `sa_${j}`, ...args), [want], `sa ${a} ${b} ${j}`);
      const r3 = BigInt.asIntN(64, rotr(args[x], 28n) ^ rotr(args[y], 34n) ^ rotr(args[z], 39n));
      assert.equal(call(inst, `r3_${j}`, ...args), [r3], `r3 ${a} ${b} ${j}`);
    });
  }
});

test('i64 on the 64-bit views: bitwise pairs, copies in threes, unsigned and signed compares at the sign boundary', () => {
  const inst = instance(`(module
    (func (export "xa") (param i64 i64 i64) (result i64) (i64.and (local.get 0) (i64.xor (local.get 1) (local.get 2))))
    (func (export "ax") (param i64 i64 i64) (result i64) (i64.xor (i64.and (local.get 1) (local.get 2)) (local.get 0)))
    (func (export "andn") (param i64 i64) (result i64) (i64.and (local.get 1) (i64.xor (local.get 0) (i64.const -1))))
    (func (export "xka") (param i64 i64) (result i64) (i64.and (i64.xor (local.get 0) (i64.const 0x0f0f0f0f_f0f0f0f0)) (local.get 1)))
    (func (export "rot") (param i64 i64 i64 i32) (result i64 i64 i64) (local i64)
      (loop $l
        (local.set 4 (local.get 2)) (local.set 2 (local.get 1)) (local.set 1 (local.get 0)) (local.set 0 (local.get 4))
        (br_if $l (local.tee 3 (i32.sub (local.get 3) (i32.const 1)))))
      (local.get 0) (local.get 1) (local.get 2))
    (func (export "cmp") (param i64 i64) (result i32)
      (i32.or (i32.or (i32.shl (i64.lt_u (local.get 0) (local.get 1)) (i32.const 0)) (i32.shl (i64.lt_s (local.get 0) (local.get 1)) (i32.const 1)))
        (i32.or (i32.shl (i64.ge_u (local.get 0) (local.get 1)) (i32.const 2)) (i32.shl (i64.le_s (local.get 0) (local.get 1)) (i32.const 3))))))`);
  const values = [0n, 1n, -1n, 0x123456789abcdef0n, -0x8000000000000000n, 0x7fffffffffffffffn, 0xffffffffn, -0x100000000n];
  const K = 0x0f0f0f0ff0f0f0f0n;
  for (const a of values) {
    for (const b of values) {
      for (const c of [0n, -1n, 0x5555aaaa5555aaaan]) {
        assert.equal(call(inst, 'xa', a, b, c), [a & (b ^ c)]);
        assert.equal(call(inst, 'ax', a, b, c), [a ^ (b & c)]);
      }
      assert.equal(call(inst, 'andn', a, b), [b & ~a]);
      assert.equal(call(inst, 'xka', a, b), [(a ^ K) & b]);
      const [ua, ub] = [BigInt.asUintN(64, a), BigInt.asUintN(64, b)];
      const bits = Number(ua < ub) | (Number(a < b) << 1) | (Number(ua >= ub) << 2) | (Number(a <= b) << 3);
      assert.equal(call(inst, 'cmp', a, b), [bits], `cmp ${a} ${b}`);
    }
  }
  // Each turn moves (x, y, z) to (z, x, y): three turns are the identity, two rotate twice.
  assert.equal(call(inst, 'rot', 1n, -2n, 0x123456789n, 3), [1n, -2n, 0x123456789n]);
  assert.equal(call(inst, 'rot', 1n, -2n, 0x123456789n, 2), [-2n, 0x123456789n, 1n]);
});

test('i64.load_mul_imm_add reads memory at the folded address and traps out of bounds', () => {
  const inst = instance(`(module (memory 1)
    (func (export "put") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
    (func (export "lma") (param i32 i64) (result i64) (i64.add (local.get 1) (i64.mul (i64.load offset=3 (local.get 0)) (i64.const 0x9e3779b185ebca87))))
    (func (export "lma2") (param i32 i64) (result i64) (i64.add (i64.mul (i64.load (i32.add (local.get 0) (i32.const -8))) (i64.const -1)) (local.get 1))))`);
  const K = BigInt.asIntN(64, 0x9e3779b185ebca87n);
  for (const v of [0n, 1n, -1n, 0x123456789abcdef0n, -0x8000000000000000n]) {
    call(inst, 'put', 11, v);
    for (const acc of [0n, 7n, -0x7fffffffffffffffn]) {
      assert.equal(call(inst, 'lma', 8, acc), [BigInt.asIntN(64, acc + v * K)]);
      assert.equal(call(inst, 'lma2', 19, acc), [BigInt.asIntN(64, acc - v)]);
    }
  }
  assert.throws(() => call(inst, 'lma', 65536 - 10, 0n), /out of bounds memory access/);
  assert.throws(() => call(inst, 'lma2', 4, 0n), /out of bounds memory access/);
});

test('i64 sums absorbing their term agree with BigInt (carries, wraparound, rotate counts 0/31/32/33/63) and trap as the load', () => {
  const counts = [0n, 1n, 31n, 32n, 33n, 63n];
  const funcs = counts.map((k, j) => {
    const m = counts[(j + 2) % counts.length], n = counts[(j + 4) % counts.length];
    return `(func (export "s${j}") (param i64 i64) (result i64)
      (i64.add (local.get 1) (i64.xor (i64.xor (i64.rotl (local.get 0) (i64.const ${k})) (i64.rotl (local.get 1) (i64.const ${m})))
        (i64.shr_u (local.get 0) (i64.const ${n})))))`;
  });
  const inst = instance(`(module (memory 1)
    ${funcs.join('\n')}
    (func (export "put") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
    (func (export "am") (param i32 i64) (result i64) (i64.add (local.get 1) (i64.load offset=3 (i32.add (local.get 0) (i32.const 5)))))
    (func (export "a3m") (param i32 i64 i64) (result i64)
      (i64.add (local.get 2) (i64.add (local.get 1) (i64.load (i32.add (local.get 0) (i32.const -8))))))
    (func (export "maj") (param i64 i64 i64) (result i64) (i64.add (local.get 2) (i64.xor (i64.and (local.get 0) (local.get 1)) (local.get 2))))
    (func (export "ch") (param i64 i64 i64) (result i64) (i64.add (local.get 2) (i64.and (local.get 0) (i64.xor (local.get 1) (i64.const -1)))))
    (func (export "chk") (param i64 i64 i64) (result i64)
      (i64.add (i64.and (i64.xor (local.get 1) (i64.const 0x0f0f0f0f_f0f0f0f0)) (local.get 0)) (local.get 2))))`);
  const u64 = (x: bigint) => BigInt.asUintN(64, x), s64 = (x: bigint) => BigInt.asIntN(64, x);
  const rotl = (x: bigint, k: bigint) => u64((u64(x) << k) | (u64(x) >> ((64n - k) & 63n)));
  const values = [0n, 1n, -1n, -0x8000000000000000n, 0xffffffffn, 0x80000000n, 0x123456789abcdef0n, 0x7fffffffffffffffn];
  for (const a of values) {
    for (const b of values) {
      counts.forEach((k, j) => {
        const m = counts[(j + 2) % counts.length], n = counts[(j + 4) % counts.length];
        assert.equal(call(inst, `s${j}`, a, b), [s64(b + (rotl(a, k) ^ rotl(b, m) ^ (u64(a) >> n)))], `σ+ ${a} ${b} ${k}`);
      });
      for (const c of [0n, -1n, 0x5555aaaa5555aaaan, 0x7fffffffffffffffn]) {
        assert.equal(call(inst, 'maj', a, b, c), [s64(c + ((a & b) ^ c))]);
        assert.equal(call(inst, 'ch', a, b, c), [s64(c + (a & ~b))]);
        assert.equal(call(inst, 'chk', a, b, c), [s64(c + ((b ^ 0x0f0f0f0ff0f0f0f0n) & a))]);
      }
      call(inst, 'put', 13, a);
      assert.equal(call(inst, 'am', 5, b), [s64(a + b)]);
      assert.equal(call(inst, 'a3m', 21, b, -1n), [s64(-1n + b + a)]);
    }
  }
  assert.throws(() => call(inst, 'am', 65536 - 15, 0n), /out of bounds memory access/);
  assert.throws(() => call(inst, 'a3m', 65536 + 1, 0n, 0n), /out of bounds memory access/);
  assert.throws(() => call(inst, 'a3m', 4, 0n, 0n), /out of bounds memory access/);
});

test('i64 shift and mask (or-ed in) agree with BigInt for counts 0…63 and masks with either word zero', () => {
  const counts = [0n, 1n, 8n, 31n, 32n, 33n, 56n, 63n];
  const masks = [-1n, 0xff00n, 0xff00000000n, 0x7fffffff80000001n];
  const funcs: string[] = [];
  counts.forEach((k, j) => masks.forEach((m, q) => {
    funcs.push(`(func (export "sl${j}_${q}") (param i64 i64) (result i64)
      (i64.or (local.get 1) (i64.and (i64.shl (local.get 0) (i64.const ${k})) (i64.const ${m}))))`);
    funcs.push(`(func (export "sr${j}_${q}") (param i64 i64) (result i64)
      (i64.or (i64.and (i64.shr_u (local.get 0) (i64.const ${k})) (i64.const ${m})) (local.get 1)))`);
    funcs.push(`(func (export "al${j}_${q}") (param i64) (result i64) (i64.and (i64.shl (local.get 0) (i64.const ${k})) (i64.const ${m})))`);
    funcs.push(`(func (export "ar${j}_${q}") (param i64) (result i64) (i64.and (i64.shr_u (local.get 0) (i64.const ${k})) (i64.const ${m})))`);
  }));
  counts.forEach((k, j) => {
    funcs.push(`(func (export "ol${j}") (param i64 i64) (result i64) (i64.or (local.get 1) (i64.shl (local.get 0) (i64.const ${k}))))`);
    funcs.push(`(func (export "or${j}") (param i64 i64) (result i64) (i64.or (local.get 1) (i64.shr_u (local.get 0) (i64.const ${k}))))`);
  });
  const inst = instance(`(module ${funcs.join('\n')})`);
  const u64 = (x: bigint) => BigInt.asUintN(64, x), s64 = (x: bigint) => BigInt.asIntN(64, x);
  for (const a of [1n, -1n, -0x8000000000000000n, 0x80000000n, 0x123456789abcdef0n]) {
    for (const b of [0n, 0x10n, -0x7fffffffffffffffn]) {
      counts.forEach((k, j) => {
        masks.forEach((m, q) => {
          const l = u64(a << k) & u64(m), r = (u64(a) >> k) & u64(m);
          assert.equal(call(inst, `sl${j}_${q}`, a, b), [s64(u64(b) | l)], `shl ${a} ${k} ${m}`);
          assert.equal(call(inst, `sr${j}_${q}`, a, b), [s64(u64(b) | r)], `shr ${a} ${k} ${m}`);
          assert.equal(call(inst, `al${j}_${q}`, a), [s64(l)]);
          assert.equal(call(inst, `ar${j}_${q}`, a), [s64(r)]);
        });
        assert.equal(call(inst, `ol${j}`, a, b), [s64(u64(b) | u64(a << k))]);
        assert.equal(call(inst, `or${j}`, a, b), [s64(u64(b) | (u64(a) >> k))]);
      });
    }
  }
});

test('pairs: i64.add2 (the second sum reads the first) and copy64x5 (a rotation of four values) run both instructions', () => {
  const inst = instance(`(module
    (func (export "sums") (param i64 i64 i64) (result i64 i64)
      (local.set 0 (i64.add (local.get 1) (local.get 2)))
      (local.set 1 (i64.add (local.get 0) (local.get 0)))
      (local.get 0) (local.get 1))
    (func (export "rot") (param i64 i64 i64 i64 i32) (result i64 i64 i64 i64) (local i64)
      (loop $l
        (local.set 5 (local.get 3)) (local.set 3 (local.get 2)) (local.set 2 (local.get 1)) (local.set 1 (local.get 0))
        (local.set 0 (local.get 5))
        (br_if $l (local.tee 4 (i32.sub (local.get 4) (i32.const 1)))))
      (local.get 0) (local.get 1) (local.get 2) (local.get 3)))`);
  const s64 = (x: bigint) => BigInt.asIntN(64, x);
  for (const [a, b] of [[1n, 2n], [-1n, 1n], [0x7fffffffffffffffn, 1n], [-0x8000000000000000n, -1n]]) {
    const x = s64(a + b);
    assert.equal(call(inst, 'sums', 0n, a, b), [x, s64(x + x)]);
  }
  // Each turn moves (w, x, y, z) to (z, w, x, y).
  assert.equal(call(inst, 'rot', 1n, -2n, 3n, -0x8000000000000000n, 1), [-0x8000000000000000n, 1n, -2n, 3n]);
  assert.equal(call(inst, 'rot', 1n, -2n, 3n, -0x8000000000000000n, 4), [1n, -2n, 3n, -0x8000000000000000n]);
  assert.equal(call(inst, 'rot', 1n, -2n, 3n, -0x8000000000000000n, 6), [3n, -0x8000000000000000n, 1n, -2n]);
});

test('pairs of the SHA-2 loops compute what their unpaired instructions do, and a paired load traps', () => {
  // The same statements twice: as they pair, and with a branch target (the end of a block a
  // br_if on the always-zero $z may leave) before each, which keeps every instruction alone.
  const stmts = [
    '(local.set 0 (i64.add (local.get 3) (i64.add (local.get 1) (i64.and (local.get 2) (local.get 0)))))',
    `(local.set 0 (i64.add (local.get 0) (i64.xor (i64.and (local.get 1) (i64.xor (local.get 2) (local.get 3)))
      (i64.and (local.get 2) (local.get 3)))))`,
    '(local.set 5 (i64.load (i32.add (local.get 4) (local.get 6))))',
    '(local.set 6 (i32.add (local.get 6) (i32.const 8)))',
    '(local.set 4 (i32.add (local.get 4) (local.get 6)))',
    '(local.set 5 (i64.load offset=8 (i32.add (local.get 4) (i32.const 16))))',
    '(local.set 1 (i64.load (i32.add (local.get 4) (i32.const 40))))',
    `(local.set 0 (i64.add (local.get 0) (i64.xor (i64.xor (i64.rotr (local.get 1) (i64.const 19))
      (i64.rotr (local.get 1) (i64.const 61))) (i64.shr_u (local.get 1) (i64.const 6)))))`,
    `(block $x (loop $l
      (local.set 9 (local.get 3)) (local.set 3 (local.get 2)) (local.set 2 (local.get 1))
      (local.set 0 (i64.add (local.get 0) (i64.xor (i64.xor (i64.rotr (local.get 2) (i64.const 28))
        (i64.rotr (local.get 2) (i64.const 34))) (i64.rotr (local.get 2) (i64.const 39)))))
      (br_if $x (i32.eqz (local.get 7)))
      (local.set 7 (i32.sub (local.get 7) (i32.const 1)))
      (local.set 1 (local.get 0)) (local.set 10 (local.get 9)) (local.set 11 (local.get 3)) (local.set 5 (local.get 10))
      (local.set 0 (local.get 11))
      (br $l)))`,
  ];
  const fn = (name: string, sep: string) => `(func (export "${name}") (param i64 i64 i64 i64 i32 i64 i32 i32 i32) (result i64)
      (local i64 i64 i64) ${stmts.join(sep)}
      (i64.add (i64.add (local.get 0) (local.get 5)) (i64.add (local.get 2) (i64.extend_i32_u (i32.add (local.get 4) (local.get 6))))))`;
  const inst = instance(`(module (memory 1)
    (func (export "put") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
    ${fn('paired', '\n')}
    ${fn('alone', '\n(block (br_if 0 (local.get 8)))\n')}
    (func (export "and3") (param i64 i64 i64 i64) (result i64)
      (i64.add (local.get 3) (i64.add (local.get 1) (i64.and (local.get 2) (local.get 0)))))
    (func (export "maj") (param i64 i64 i64 i64) (result i64)
      (i64.add (local.get 0) (i64.xor (i64.and (local.get 1) (i64.xor (local.get 2) (local.get 3))) (i64.and (local.get 2) (local.get 3))))))`);
  // The pairs inside one statement (i64.and_then_add3, i64.xor_and_then_and_xor_add) against BigInt.
  const vals = [0n, 1n, -1n, 0x123456789abcdef0n, -0x8000000000000000n, 0x7fffffffffffffffn];
  for (const a of vals) for (const b of vals) for (const c of [0n, -1n, 0x5555aaaa5555aaaan]) {
    assert.equal(call(inst, 'and3', a, b, c, -b), [BigInt.asIntN(64, -b + (b + (c & a)))]);
    assert.equal(call(inst, 'maj', a, b, c, a ^ c), [BigInt.asIntN(64, a + ((b & (c ^ (a ^ c))) ^ (c & (a ^ c))))]);
  }
  for (let w = 0; w < 200; w += 8) call(inst, 'put', w, BigInt.asIntN(64, 0x9e3779b97f4a7c15n * BigInt(w + 1)));
  for (const [a, b] of [[0n, 0n], [1n, -1n], [0x123456789abcdef0n, -0x8000000000000000n], [0x7fffffffffffffffn, 3n]]) {
    for (const n of [0, 1, 2, 5]) {
      const args = [a, b, a ^ b, -a, 16, 0n, 24, n, 0];
      const want = call(inst, 'alone', ...args);
      assert.equal(call(inst, 'paired', ...args), want, `${a} ${b} ${n}`);
    }
  }
  // load64_idx_then_add_imm, i32.add_then_load64_add, load64_add_then_rotl2_shr_xor_add trap at their loads.
  for (const [base, idx] of [[65536 - 4, 0], [60000, 5500], [60000, 5490]]) {
    assert.throws(() => call(inst, 'paired', 0n, 0n, 0n, 0n, base, 0n, idx, 0, 0), /out of bounds memory access/);
  }
});

test('i64.bswap reverses the bytes, as the shifts, masks and ors it replaces', () => {
  const tree = (x: string, last: string) => `(i64.or (i64.or (i64.or (i64.shl ${x} (i64.const 56))
      (i64.and (i64.shl ${x} (i64.const 40)) (i64.const 0xff000000000000)))
      (i64.or (i64.and (i64.shl ${x} (i64.const 24)) (i64.const 0xff0000000000))
        (i64.and (i64.shl ${x} (i64.const 8)) (i64.const 0xff00000000))))
      (i64.or (i64.or (i64.and (i64.shr_u ${x} (i64.const 8)) (i64.const 0xff000000))
        (i64.and (i64.shr_u ${x} (i64.const 24)) (i64.const 0xff0000)))
        (i64.or (i64.and (i64.shr_u ${x} (i64.const 40)) (i64.const 0xff00)) ${last})))`;
  const inst = instance(`(module (memory 1)
    (func (export "put") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
    (func (export "swap") (param i64) (result i64) ${tree('(local.get 0)', '(i64.shr_u (local.get 0) (i64.const 56))')})
    (func (export "be") (param i32) (result i64) (local i64)
      (local.set 1 (i64.load (local.get 0)))
      ${tree('(local.get 1)', '(i64.shr_u (local.get 1) (i64.const 56))')})
    (func (export "not") (param i64) (result i64) ${tree('(local.get 0)', '(i64.shr_u (local.get 0) (i64.const 48))')}))`);
  const u64 = (x: bigint) => BigInt.asUintN(64, x);
  const swap = (x: bigint) => {
    let r = 0n;
    for (let i = 0n; i < 8n; i++) r |= ((u64(x) >> (8n * i)) & 0xffn) << (8n * (7n - i));
    return BigInt.asIntN(64, r);
  };
  for (const x of [0n, 1n, -1n, 0x0102030405060708n, -0x8000000000000000n, 0x7fffffffffffff80n, 0x80n]) {
    assert.equal(call(inst, 'swap', x), [swap(x)]);
    call(inst, 'put', 3, x);
    assert.equal(call(inst, 'be', 3), [swap(x)]);
    // The last term shifted by 48 puts bytes 6 and 7 in bytes 0 and 1.
    assert.equal(call(inst, 'not', x), [BigInt.asIntN(64, (u64(swap(x)) & ~0xffn) | (u64(x) >> 48n))]);
  }
});

test('pairs of the other programs compute what their unpaired instructions do', () => {
  // `@` is where each pair's second instruction starts: nothing in the paired function, the end
  // of a block a br_if on the always-zero $z may leave (a branch target) in its twin.
  const body = `(loop $l (local.set 0 (i32.add (local.get 0) (local.get 1))) @ (br_if $l (i32.le_u (local.get 0) (local.get 2))))
    (local.set 7 (f64.mul (local.get 3) (local.get 4))) @ (local.set 3 (f64.add (local.get 7) (local.get 3)))
    (local.set 1 (call $g (i32.add (local.get 1) (i32.const -1)) @))
    (loop $m (local.set 2 (i32.add (local.get 2) (local.get 1))) @
      (br_if $m (i32.gt_u (local.tee 0 (i32.add (local.get 0) (i32.const -2))) (i32.const 1))))
    (local.set 9 (i64.add (local.get 5) (i64.mul (i64.load (i32.and (local.get 0) (i32.const 0xfff0))) (i64.const -4417276706812531889)))) @
    (local.set 5 (i64.mul (i64.rotl (local.get 9) (i64.const 31)) (i64.const -7046029288634856825)))`;
  const fn = (name: string, sep: string) => `(func (export "${name}") (param i32 i32 i32 f64 f64 i64 i32) (result i32 f64 i64)
      (local f64 i32 i64) ${body.replaceAll('@', sep)} (local.get 0) (f64.add (local.get 3) (local.get 7)) (i64.add (local.get 5) (i64.extend_i32_u (local.get 2))))`;
  const inst = instance(`(module (memory 1)
    (func (export "put") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
    (func $g (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
    ${fn('paired', '')}
    ${fn('alone', '(block (br_if 0 (local.get 6)))')}
    (func (export "oob") (param i32) (result i64)
      (i64.mul (i64.rotl (i64.add (i64.const 1) (i64.mul (i64.load (local.get 0)) (i64.const 3))) (i64.const 31)) (i64.const 5))))`);
  for (let w = 0; w < 65536; w += 4096) call(inst, 'put', w, BigInt.asIntN(64, 0x9e3779b97f4a7c15n * BigInt(w + 1)));
  for (const [a, b, c] of [[0, 1, 10], [5, 7, 100], [3, 1, 2], [1000, 3, 1500]]) {
    for (const [x, y] of [[1.5, -2], [0, -0], [NaN, 1], [1e308, 10]]) {
      const bits = (v: number) => new BigInt64Array(Float64Array.of(v).buffer)[0];
      const args = [a, b, c, bits(x), bits(y), 0x123456789n, 0];
      assert.equal(call(inst, 'paired', ...args), call(inst, 'alone', ...args), `${a} ${b} ${c} ${x} ${y}`);
    }
  }
  assert.throws(() => call(inst, 'oob', 65536 - 7), /out of bounds memory access/);
});

test('constant registers: constants read in loops, set once per call, keep their bits (−0, NaN payloads, i64 halves)', () => {
  const inst = instance(`(module
    (func $f (export "f") (param i32 f64) (result f64) (local i64 f64)
      (loop $l
        (local.set 2 (i64.add (local.get 2) (i64.const 0x123456789abcdef)))
        (local.set 3 (f64.add (f64.const -0) (f64.mul (local.get 3) (f64.const 0))))
        (local.set 1 (f64.add (f64.mul (local.get 1) (f64.const 0.5)) (f64.const 0)))
        (if (i32.gt_u (local.get 0) (i32.const 100))
          (then (local.set 1 (f64.add (local.get 1) (call $f (i32.div_u (local.get 0) (i32.const 3)) (f64.const 0))))))
        (local.set 0 (i32.div_u (local.get 0) (i32.const 3)))
        (br_if $l (f64.gt (local.get 1) (f64.const 4))))
      (f64.add (f64.add (local.get 1) (f64.convert_i64_s (local.get 2))) (local.get 3)))
    (func (export "nan") (param i32) (result i64) (local f64)
      (loop $l
        (local.set 1 (f64.copysign (f64.const nan:0x4000000000123) (f64.const -1)))
        (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (i64.reinterpret_f64 (local.get 1)))
    (func (export "negzero") (param i32) (result i64) (local f64)
      (loop $l
        (local.set 1 (f64.add (f64.const -0) (f64.const -0)))
        (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (i64.reinterpret_f64 (local.get 1))))`);
  // f64 raw values are their bits, as an i64.
  const f64 = (b: unknown) => new Float64Array(BigInt64Array.of(b as bigint).buffer)[0];
  const bits = (x: number) => new BigInt64Array(Float64Array.of(x).buffer)[0];
  // Reference in JS: the same loop (the recursion passes 0, which runs the loop once).
  const ref = (n: number, x: number): number => {
    let c = 0n, z = 0, i = n;
    for (;;) {
      c = BigInt.asIntN(64, c + 0x123456789abcdefn);
      z = -0 + z * 0;
      x = x * 0.5 + 0;
      if (i > 100) x += ref(Math.floor(i / 3), 0);
      i = Math.floor(i / 3);
      if (!(x > 4)) break;
    }
    return x + Number(c) + z;
  };
  for (const [n, x] of [[0, 0], [7, 100], [1000, 1e6], [5000, 1e300], [3, NaN], [9, -Infinity]]) {
    const got = f64(call(inst, 'f', n, bits(x))[0]);
    assert.ok(Object.is(got, ref(n, x)), `f(${n}, ${x}) = ${got}, want ${ref(n, x)}`);
  }
  assert.equal(call(inst, 'nan', 3), [BigInt.asIntN(64, 0xfff4000000000123n)]);
  assert.equal(call(inst, 'negzero', 2), [BigInt.asIntN(64, 0x8000000000000000n)]);
});

test('i32.mul_shl_imm, f32.mul_mul_sub and the step3 branches agree with the instructions they replace', () => {
  const inst = instance(`(module (memory 1)
    (func (export "ms") (param i32 i32) (result i32) (i32.shl (i32.mul (local.get 0) (local.get 1)) (i32.const 35)))
    (func (export "mms") (param f32 f32 i32 f32) (result f32) (local f32)
      (f32.sub (f32.mul (local.get 0) (local.get 1)) (f32.mul (local.tee 4 (f32.load (local.get 2))) (local.get 3))))
    (func (export "mma") (param f32 f32 i32 f32) (result f32) (local f32)
      (f32.add (f32.mul (local.get 0) (local.get 1)) (f32.mul (local.tee 4 (f32.load (local.get 2))) (local.get 3))))
    (func (export "set") (param i32 f32) (f32.store (local.get 0) (local.get 1)))
    ;; Copies n words from src to dst (n ≥ 1); returns dst + 4n.
    (func (export "copy") (param $dst i32) (param $src i32) (param $n i32) (result i32)
      (loop $l
        (i32.store (local.get $dst) (i32.load (local.get $src)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
        (local.set $src (i32.add (local.get $src) (i32.const 4)))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
      (local.get $dst))
    ;; Fills words from p with i = k, k + 1, … until i = end (k ≠ end); returns p + 4(end − k).
    (func (export "fill") (param $p i32) (param $k i32) (param $end i32) (result i32)
      (loop $l
        (i32.store (local.get $p) (local.get $k))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br_if $l (i32.ne (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $end))))
      (local.get $p))
    (func (export "get") (param i32) (result i32) (i32.load (local.get 0))))`);
  for (const [a, b] of [[3, 5], [-7, 9], [0x7fffffff, 3], [0x12345, 0x6789], [-1, -1], [0, 99]]) {
    assert.equal(call(inst, 'ms', a, b), [Math.imul(a, b) << 3], `(${a} · ${b}) << 35`);
  }
  const f32 = (x: number) => new Int32Array(new Float32Array([x]).buffer)[0];
  const num = (b: unknown) => new Float32Array(new Int32Array([b as number]).buffer)[0];
  const same = ([got]: unknown[], want: number, what: string) =>
    assert.ok(Number.isNaN(want) ? Number.isNaN(num(got)) : got === f32(want), `${what}: ${num(got)} ≠ ${want}`);
  const R = Math.fround;
  const vals = [0, -0, 1, -1, 1 + 2 ** -12, R(0.1), 1e30, 2 ** -100, Infinity, -Infinity, NaN].map(R);
  for (const a of vals) {
    for (const b of vals) {
      for (const c of [1 + 2 ** -12, -0, 1e30, NaN, Infinity].map(R)) {
        call(inst, 'set', 8, f32(c));
        for (const d of [1 + 2 ** -12, 0, -1, NaN].map(R)) {
          same(call(inst, 'mms', f32(a), f32(b), 8, f32(d)), R(R(a * b) - R(c * d)), `${a}·${b} − ${c}·${d}`);
          same(call(inst, 'mma', f32(a), f32(b), 8, f32(d)), R(R(a * b) + R(c * d)), `${a}·${b} + ${c}·${d}`);
        }
      }
    }
  }
  // (1 + 2^-12)² − 1·1 is 2^-11 with the products rounded first, not 2^-11 + 2^-24.
  call(inst, 'set', 8, f32(1));
  same(call(inst, 'mms', f32(1 + 2 ** -12), f32(1 + 2 ** -12), 8, f32(1)), 2 ** -11, 'rounded products');
  for (let i = 0; i < 5; i++) call(inst, 'set', 100 + 4 * i, f32(i + 1));
  assert.equal(call(inst, 'copy', 200, 100, 5), [220]);
  for (let i = 0; i < 5; i++) assert.equal(call(inst, 'get', 200 + 4 * i), [f32(i + 1)]);
  assert.equal(call(inst, 'copy', 300, 100, 1), [304]);
  assert.equal(call(inst, 'fill', 400, -2, 3), [420]);
  for (let i = 0; i < 5; i++) assert.equal(call(inst, 'get', 400 + 4 * i), [i - 2]);
  // The store that traps comes before the steps: the trap is the same as unfused.
  traps(() => call(inst, 'fill', 65532, 0, 2), 'out of bounds memory access');
});

test('f64.mul_add_to / mul_sub_to: *p ± x · y as the load, the operation and the store would', () => {
  const inst = instance(`(module (memory 1)
    (func (export "add") (param i32 i32 f64)
      (f64.store offset=8 (local.get 0) (f64.add (f64.load offset=8 (local.get 0)) (f64.mul (local.get 2) (f64.load (local.get 1))))))
    (func (export "sub") (param i32 i32 f64)
      (f64.store (local.get 0) (f64.sub (f64.load (local.get 0)) (f64.mul (local.get 2) (f64.load (local.get 1))))))
    (func (export "set") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
    (func (export "get") (param i32) (result i64) (i64.load (local.get 0))))`);
  const bits = (x: number) => new BigInt64Array(Float64Array.of(x).buffer)[0];
  const num = (b: unknown) => new Float64Array(BigInt64Array.of(b as bigint).buffer)[0];
  const vals = [0, -0, 1, -1.5, 0.1, 1e308, 2 ** -1074, Infinity, -Infinity, NaN];
  for (const p of vals) {
    for (const x of vals) {
      for (const y of [0, -0, 3, 1e308, NaN, -Infinity]) {
        for (const [op, addr, want] of [['add', 8, p + x * y], ['sub', 0, p - x * y]] as const) {
          call(inst, 'set', 16, bits(p));
          call(inst, 'set', 40, bits(y));
          call(inst, op, 16 - addr, 40, bits(x));
          const got = num(call(inst, 'get', 16)[0]);
          assert.ok(Number.isNaN(want) ? Number.isNaN(got) : Object.is(got, want), `${p} ${op} ${x}·${y}: ${got} ≠ ${want}`);
        }
      }
    }
  }
  // Out of bounds (the offset does not wrap): the same trap as the load's.
  traps(() => call(inst, 'add', 65536 - 8, 40, bits(1)), 'out of bounds memory access');
  traps(() => call(inst, 'sub', -8, 40, bits(1)), 'out of bounds memory access');
});

test('step3_br and step3_br_ne_imm run their steps in order, then branch', () => {
  const inst = instance(`(module
    (func (export "f") (param i32 i32 i32) (result i32 i32 i32)
      (block $done
        (loop $l
          (br_if $done (i32.ge_u (local.get 0) (i32.const 10)))
          (local.set 0 (i32.add (local.get 0) (i32.const 1)))
          (local.set 1 (i32.add (local.get 1) (i32.const 2)))
          (br $l)))
      (loop $m
        (local.set 2 (i32.add (local.get 2) (i32.const 96)))
        (br_if $m (i32.ne (local.tee 0 (i32.add (local.get 0) (i32.const 4))) (i32.const 42))))
      (local.get 0) (local.get 1) (local.get 2)))`);
  // First loop: 0 → 10 in steps of 1 (r1 += 2 each); second: 10 → 42 in steps of 4 (8 turns).
  assert.equal(call(inst, 'f', 0, 5, -1), [42, 25, -1 + 8 * 96]);
  assert.equal(call(inst, 'f', 10, 0, 0), [42, 0, 8 * 96]);
});

test('f64.mul_load_add_to: y[i] += a * x[i] over arrays, both factor orders, traps at either address; f64.add_to', () => {
  const inst = instance(`(module (memory 1)
    (func (export "set") (param i32 f64) (f64.store (local.get 0) (local.get 1)))
    (func (export "get") (param i32) (result f64) (f64.load (local.get 0)))
    (func (export "axpy") (param $y i32) (param $x i32) (param $a f64) (param $n i32)
      (loop $l
        (f64.store (local.get $y) (f64.add (f64.load (local.get $y)) (f64.mul (local.get $a) (f64.load (local.get $x)))))
        (f64.store offset=8 (local.get $y) (f64.add (f64.load offset=8 (local.get $y)) (f64.mul (f64.load offset=8 (local.get $x)) (local.get $a))))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 2)))))))`);
  const bits = (x: number) => new BigInt64Array(Float64Array.of(x).buffer)[0];
  const value = (b: RawValue) => new Float64Array(BigInt64Array.of(b as bigint).buffer)[0];
  const y = [1, -0, 2.5, NaN, 1e308, -3], x = [2, 0.5, -4, 1, 1e308, 0];
  y.forEach((v, i) => call(inst, 'set', 8 * i, bits(v)));
  x.forEach((v, i) => call(inst, 'set', 1024 + 8 * i, bits(v)));
  call(inst, 'axpy', 0, 1024, bits(1.5), 6);
  y.forEach((v, i) => assert.ok(Object.is(value(call(inst, 'get', 8 * i)[0]), v + 1.5 * x[i]), `y[${i}]`));
  const add = instance(`(module (memory 1)
    (func (export "set") (param i32 f64) (f64.store (local.get 0) (local.get 1)))
    (func (export "get") (param i32) (result f64) (f64.load (local.get 0)))
    (func (export "addto") (param i32 f64) (f64.store offset=8 (local.get 0) (f64.add (f64.sqrt (local.get 1)) (f64.load offset=8 (local.get 0))))))`);
  for (const [p, q] of [[1, 4], [-0, 0], [NaN, 1], [1e308, 1e308 * 1e308]]) {
    call(add, 'set', 16, bits(p));
    call(add, 'addto', 8, bits(q));
    assert.ok(Object.is(value(call(add, 'get', 16)[0]), p + Math.sqrt(q)), `${p} += sqrt ${q}`);
  }
  traps(() => call(add, 'addto', 65536 - 15, bits(1)), 'out of bounds memory access');
  traps(() => call(inst, 'axpy', 65536 - 8, 0, bits(1), 2), 'out of bounds memory access');
  traps(() => call(inst, 'axpy', 0, 65536 - 8, bits(1), 2), 'out of bounds memory access');
});

test('f64.mul2_add_to / mul2_sub_to, f64.sub_load_add and f64.sqrt_mul agree with the instructions they replace', () => {
  // Each fused function beside its reference, whose intermediate goes through a local (not fused).
  const inst = instance(`(module (memory 1)
    (func (export "set") (param i32 f64) (f64.store (local.get 0) (local.get 1)))
    (func (export "get") (param i32) (result f64) (f64.load (local.get 0)))
    (func (export "sub2") (param i32 f64 f64 f64)
      (f64.store (local.get 0) (f64.sub (f64.load (local.get 0)) (f64.mul (f64.mul (local.get 1) (local.get 2)) (local.get 3)))))
    (func (export "sub2_ref") (param i32 f64 f64 f64) (local f64)
      (local.set 4 (f64.mul (local.get 1) (local.get 2)))
      (f64.store (local.get 0) (f64.sub (f64.load (local.get 0)) (f64.mul (local.get 4) (local.get 3)))))
    (func (export "add2") (param i32 f64 f64 f64)
      (f64.store offset=8 (local.get 0) (f64.add (f64.mul (local.get 3) (f64.mul (local.get 1) (local.get 2))) (f64.load offset=8 (local.get 0)))))
    (func (export "add2_ref") (param i32 f64 f64 f64) (local f64)
      (local.set 4 (f64.mul (local.get 1) (local.get 2)))
      (f64.store offset=8 (local.get 0) (f64.add (f64.mul (local.get 3) (local.get 4)) (f64.load offset=8 (local.get 0)))))
    (func (export "far") (param i32 f64 f64 f64)
      (f64.store (local.get 0) (f64.sub (f64.load (local.get 0)) (f64.mul (f64.mul (local.get 1) (local.get 2)) (f64.div (local.get 3) (local.get 1))))))
    (func (export "far_ref") (param i32 f64 f64 f64) (local f64)
      (local.set 4 (f64.mul (local.get 1) (local.get 2)))
      (f64.store (local.get 0) (f64.sub (f64.load (local.get 0)) (f64.mul (local.get 4) (f64.div (local.get 3) (local.get 1))))))
    (func (export "subl") (param i32 f64) (result f64) (f64.sub (local.get 1) (f64.load offset=8 (i32.add (local.get 0) (i32.const -8)))))
    (func (export "subl_ref") (param i32 f64) (result f64) (local f64)
      (local.set 2 (f64.load offset=8 (i32.add (local.get 0) (i32.const -8)))) (f64.sub (local.get 1) (local.get 2)))
    (func (export "sqrtmul") (param f64 f64) (result f64) (f64.mul (local.get 0) (f64.sqrt (local.get 1))))
    (func (export "sqrtmul_ref") (param f64 f64) (result f64) (local f64)
      (local.set 2 (f64.sqrt (local.get 1))) (f64.mul (local.get 0) (local.get 2))))`);
  const bits = (x: number) => new BigInt64Array(Float64Array.of(x).buffer)[0];
  const value = (b: RawValue) => new Float64Array(BigInt64Array.of(b as bigint).buffer)[0];
  const same = (a: number, b: number) => Number.isNaN(a) ? Number.isNaN(b) : Object.is(a, b);
  const vals = [0, -0, 1, -1.5, 0.1, 3, 1e308, -1e-300, 2 ** -1074, Infinity, -Infinity, NaN];
  for (const p of vals) {
    for (const x of vals) {
      for (const y of [0, -0, 0.1, 1e308, NaN, -Infinity]) {
        for (const z of [-0, 7, 1e-10, 1e300]) {
          for (const [f, at] of [['sub2', 0], ['add2', 8], ['far', 0]] as const) {
            call(inst, 'set', 16, bits(p));
            call(inst, f, 16 - at, bits(x), bits(y), bits(z));
            const got = value(call(inst, 'get', 16)[0]);
            call(inst, 'set', 16, bits(p));
            call(inst, `${f}_ref`, 16 - at, bits(x), bits(y), bits(z));
            const want = value(call(inst, 'get', 16)[0]);
            assert.ok(same(got, want), `${f} ${p} ${x} ${y} ${z}: ${got} ≠ ${want}`);
          }
        }
      }
      call(inst, 'set', 24, bits(p));
      assert.ok(same(value(call(inst, 'subl', 24, bits(x))[0]), value(call(inst, 'subl_ref', 24, bits(x))[0])), `${x} − ${p}`);
      assert.ok(same(value(call(inst, 'sqrtmul', bits(p), bits(x))[0]), value(call(inst, 'sqrtmul_ref', bits(p), bits(x))[0])), `${p}·√${x}`);
    }
  }
  assert.ok(Object.is(value(call(inst, 'subl', 24, bits(1))[0]), 1 - value(call(inst, 'get', 24)[0])));
  // The traps are the load's: out of bounds, the address wrapping mod 2^32 before the offset.
  traps(() => call(inst, 'sub2', 65536 - 4, bits(1), bits(1), bits(1)), 'out of bounds memory access');
  traps(() => call(inst, 'add2', 65536 - 12, bits(1), bits(1), bits(1)), 'out of bounds memory access');
  traps(() => call(inst, 'subl', 65536 - 4, bits(1)), 'out of bounds memory access');
  traps(() => call(inst, 'subl', 4, bits(1)), 'out of bounds memory access');
});

test('an i32.add_imm moved into a later load (load32_tee) still sets its local, wraps and traps as before', () => {
  const inst = instance(`(module (memory 1)
    (func (export "put") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
    (func (export "late") (param i32 i32) (result i32 i32) (local i32)
      (local.set 2 (i32.add (local.get 0) (i32.const -4)))
      (local.set 1 (i32.load (local.get 1)))
      (i32.add (local.get 1) (i32.load offset=8 (local.get 2)))
      (local.get 2)))`);
  call(inst, 'put', 100, 1000);
  call(inst, 'put', 24, 7);
  call(inst, 'put', 4, 9);
  call(inst, 'put', 8, 9);
  assert.equal(call(inst, 'late', 20, 100), [1007, 16]);
  assert.equal(call(inst, 'late', 4, 4), [18, 0]);
  // base − 4 wraps mod 2^32 and the offset is added after: no address below 4 + 8.
  traps(() => call(inst, 'late', 2, 100), 'out of bounds memory access');
  traps(() => call(inst, 'late', 65536 - 7, 100), 'out of bounds memory access');
  traps(() => call(inst, 'late', 20, 65536), 'out of bounds memory access');
});

test('compound assignment to globals at constant addresses (load64_abs reload and factor) as the unfused instructions', () => {
  const inst = instance(`(module (memory 1)
    (func (export "set") (param i32 f64) (f64.store (local.get 0) (local.get 1)))
    (func (export "get") (param i32) (result f64) (f64.load (local.get 0)))
    (func (export "upd") (param f64)
      (f64.store offset=16 (i32.const 8) (f64.add (f64.load offset=16 (i32.const 8)) (f64.mul (f64.load (i32.const 48)) (local.get 0))))
      (f64.store offset=24 (i32.const 8) (f64.sub (f64.load (i32.const 32)) (f64.mul (local.get 0) (f64.load (i32.const 56))))))
    (func (export "far") (f64.store offset=65530 (i32.const 8) (f64.add (f64.load offset=65530 (i32.const 8)) (f64.mul (f64.load (i32.const 48)) (f64.load (i32.const 48)))))
      (f64.store offset=65530 (i32.const 8) (f64.const 0))))`);
  const bits = (x: number) => new BigInt64Array(Float64Array.of(x).buffer)[0];
  const value = (b: RawValue) => new Float64Array(BigInt64Array.of(b as bigint).buffer)[0];
  for (const [p, q, v, w, a] of [[1, 2, 0.1, 3, 1.5], [-0, -0, 0, 0, -0], [NaN, 1, 2, 3, 4], [1e308, -1e308, 1e308, 2, 10]]) {
    call(inst, 'set', 24, bits(p));
    call(inst, 'set', 32, bits(q));
    call(inst, 'set', 48, bits(v));
    call(inst, 'set', 56, bits(w));
    call(inst, 'upd', bits(a));
    const same = (x: number, y: number) => Number.isNaN(y) ? Number.isNaN(x) : Object.is(x, y);
    assert.ok(same(value(call(inst, 'get', 24)[0]), p + v * a), `${p} + ${v}·${a}`);
    assert.ok(same(value(call(inst, 'get', 32)[0]), q - a * w), `${q} − ${a}·${w}`);
  }
  traps(() => call(inst, 'far'), 'out of bounds memory access');
});

test('f32.add_store2 stores both sums in order; the second traps after the first is written', () => {
  const inst = instance(`(module (memory 1)
    (func (export "two") (param i32 i32 f32 f32)
      (f32.store (local.get 0) (f32.add (local.get 2) (local.get 3)))
      (f32.store (local.get 1) (f32.add (local.get 3) (local.get 3))))
    (func (export "get") (param i32) (result i32) (i32.load (local.get 0))))`);
  const bits = (x: number) => new Int32Array(new Float32Array([x]).buffer)[0];
  call(inst, 'two', 8, 8, bits(1.5), bits(2.25));
  assert.equal(call(inst, 'get', 8), [bits(4.5)]);
  call(inst, 'two', 16, 24, bits(3e38), bits(-0));
  assert.equal(call(inst, 'get', 16), [bits(3e38)]);
  assert.equal(call(inst, 'get', 24), [bits(-0)]);
  traps(() => call(inst, 'two', 32, 65535, bits(1), bits(1)), 'out of bounds memory access');
  assert.equal(call(inst, 'get', 32), [bits(2)]);
});

test('br_table_add: the index wraps mod 2^32 before the bounds check', () => {
  const inst = instance(`(module (func (export "f") (param i32) (result i32)
      (block (block (block (br_table 0 1 2 (i32.sub (local.get 0) (i32.const 97)))) (return (i32.const 10))) (return (i32.const 11)))
      (i32.const 12)))`);
  for (const [x, r] of [[97, 10], [98, 11], [99, 12], [96, 12], [0, 12], [-2147483648, 12], [2147483647, 12], [-2147483551, 12]]) {
    assert.equal(call(inst, 'f', x), [r], `f(${x})`);
  }
});

test('load32_sidx wraps base + (index << s) mod 2^32 before adding the offset', () => {
  const inst = instance(`(module (memory 1)
    (func (export "put") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
    (func (export "get") (param i32 i32) (result i32) (i32.load offset=4 (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 2))))))`);
  call(inst, 'put', 24, 77);
  assert.equal(call(inst, 'get', 0, 5), [77]);
  assert.equal(call(inst, 'get', 40, -5), [77]);
  assert.equal(call(inst, 'get', 20, 0x40000000), [77]);
  traps(() => call(inst, 'get', -8, 0), 'out of bounds memory access');
  traps(() => call(inst, 'get', 0, 16383), 'out of bounds memory access');
});

test.run();
