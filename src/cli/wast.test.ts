import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Expected, FloatPattern } from '../text/script.js';
import type { HostRef } from './values.js';
import { matches, runScript, runWast, tally, type Check } from './wast.js';

/** Runs a script and returns `status line: reason` per check, for compact assertions. */
function outcomes(src: string): string[] {
  return runWast(src).map((c) => `${c.status} ${c.line}${c.reason ? `: ${c.reason}` : ''}`);
}

/** The single check of a one-command script after a module. */
function only(src: string): Check {
  const checks = runWast(src);
  return checks[checks.length - 1];
}

const mod = `(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "f32nan") (result f32) (f32.const nan:0x600000))
  (func (export "f32quiet") (result f32) (f32.const -nan:0x400001))
  (func (export "f64canon") (result f64) (f64.const -nan))
  (func (export "two") (result i64 f64) (i64.const -1) (f64.const 0.5))
  (func (export "id") (param externref) (result externref) (local.get 0))
  (func $f (export "fn") (result funcref) (ref.func $f))
  (func (export "null") (result funcref) (ref.null func))
  (func $loop (export "loop") (call $loop))
  (global (export "g") i32 (i32.const 7)))
`;

test('assert_return: integers, floats by bits, NaN patterns, multiple results', () => {
  const checks = runWast(`${mod}
    (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
    (assert_return (invoke "f32nan") (f32.const nan:arithmetic))
    (assert_return (invoke "f32quiet") (f32.const nan:arithmetic))
    (assert_return (invoke "f64canon") (f64.const nan:canonical))
    (assert_return (invoke "two") (i64.const -1) (f64.const 0.5))
    (assert_return (get "g") (i32.const 7))`);
  assert.equal(tally(checks), { passed: 7, failed: 0, skipped: 0 });
});

test('assert_return failures say what was expected and what came back', () => {
  assert.equal(outcomes(`${mod}
    (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 4))
    (assert_return (invoke "f32nan") (f32.const nan:canonical))
    (assert_return (invoke "two") (i64.const -1) (f64.const 0.25))
    (assert_return (invoke "two") (i64.const -1))
    (assert_return (invoke "f64canon") (f64.const 1))`).slice(1), [
    'failed 14: expected i32 4, got i32 3',
    'failed 15: expected f32 nan:canonical, got f32 nan:0x600000',
    'failed 16: result 1: expected f64 0.25, got f64 0.5',
    'failed 17: expected 1 results, got 2: i64 -1, f64 0.5',
    'failed 18: expected f64 1, got f64 -nan',
  ]);
});

test('references: ref.extern identity per N, ref.null, (ref.func), either', () => {
  const checks = runWast(`${mod}
    (assert_return (invoke "id" (ref.extern 1)) (ref.extern 1))
    (assert_return (invoke "id" (ref.null extern)) (ref.null extern))
    (assert_return (invoke "fn") (ref.func))
    (assert_return (invoke "null") (ref.null func))
    (assert_return (invoke "add" (i32.const 0) (i32.const 1)) (either (i32.const 0) (i32.const 1)))
    (assert_return (invoke "id" (ref.extern 1)) (ref.extern 2))
    (assert_return (invoke "null") (ref.func))`);
  assert.equal(checks.map((c) => c.status), ['passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'failed', 'failed']);
  assert.is(checks[6].reason, 'expected ref.extern 2, got ref.extern 1');
});

test('v128 results: exact bytes and per-lane patterns', () => {
  const none = (): HostRef => assert.unreachable('no host references here') as never;
  // i32x4 1 2 3 0x7fc00000, little-endian; lanes given as negative numbers compare modulo 2^N
  const v = new Uint8Array([1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0xc0, 0x7f]);
  const lanes = (shape: string, ls: (number | bigint | FloatPattern)[]): Expected => ({ type: 'v128', shape, lanes: ls });
  const bits = (b: number | bigint): FloatPattern => ({ kind: 'bits', bits: b });
  assert.ok(matches(v, { type: 'v128', bytes: v.slice() }, none));
  assert.ok(matches(v, lanes('i32x4', [1, 2, 3, 0x7fc00000]), none));
  assert.ok(matches(v, lanes('i16x8', [1, 0, 2, 0, 3, 0, 0, 0x7fc0]), none));
  assert.ok(matches(v, lanes('i8x16', [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0xc0, 0x7f]), none));
  assert.ok(matches(v, lanes('i64x2', [0x0000000200000001n, 0x7fc0000000000003n]), none));
  assert.ok(matches(v, lanes('f32x4', [bits(1), bits(2), bits(3), { kind: 'nan', nan: 'canonical' }]), none));
  assert.not.ok(matches(v, lanes('f32x4', [bits(1), bits(2), bits(4), { kind: 'nan', nan: 'canonical' }]), none));
  assert.ok(matches(v, lanes('i8x16', [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0, -64, 127]), none));
  assert.not.ok(matches(v, lanes('i32x4', [1, 2, 3, 0]), none));
  assert.not.ok(matches(v, lanes('i64x2', [{ kind: 'nan', nan: 'arithmetic' }, 0n]), none));
  assert.not.ok(matches(v, { type: 'v128', bytes: new Uint8Array(16) }, none));
  assert.not.ok(matches(5, { type: 'v128', bytes: new Uint8Array(16) }, none));
  const f64 = new Uint8Array(16);
  f64.set([0, 0, 0, 0, 0, 0, 0xf8, 0xff, 1, 0, 0, 0, 0, 0, 0xf0, 0x7f]);
  assert.ok(matches(f64, lanes('f64x2', [{ kind: 'nan', nan: 'canonical' }, bits(0x7ff0000000000001n)]), none));
  assert.not.ok(matches(f64, lanes('f64x2', [{ kind: 'nan', nan: 'canonical' }, { kind: 'nan', nan: 'arithmetic' }]), none));
});

test('assert_trap and assert_exhaustion need a RuntimeError with the expected message', () => {
  assert.equal(outcomes(`${mod}
    (assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
    (assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer overflow")
    (assert_trap (invoke "add" (i32.const 1) (i32.const 0)) "unreachable")
    (assert_exhaustion (invoke "loop") "call stack exhausted")`).slice(1), [
    'passed 14',
    'failed 15: wrong trap: expected "integer overflow", got "integer divide by zero"',
    'failed 16: expected a trap "unreachable", but it completed',
    'passed 17',
  ]);
});

test('assert_malformed and assert_invalid tell parse errors from validation errors', () => {
  const out = outcomes(`
    (assert_malformed (module quote "(func (i32.foo))") "unknown operator")
    (assert_malformed (module binary "\\00asm\\02\\00\\00\\00") "unknown binary version")
    (assert_invalid (module (func (result i32))) "type mismatch")
    (assert_malformed (module quote "(func (i32.foo))") "unexpected token")
    (assert_malformed (module quote "(func (result i32))") "unknown operator")
    (assert_malformed (module quote "(func)") "unknown operator")
    (assert_invalid (module quote "(func (i32.foo))") "type mismatch")
    (assert_invalid (module (func)) "type mismatch")
    (assert_invalid (module (func (result i32))) "unknown type")`);
  assert.equal(out.slice(0, 4), [
    'passed 2',
    'passed 3',
    'passed 4',
    'failed 5: wrong malformed-module error: expected "unexpected token", got "unknown operator i32.foo"',
  ]);
  assert.match(out[4], /^failed 6: expected a malformed module "unknown operator", but it is well-formed \(and invalid: CompileError: type mismatch/);
  assert.is(out[5], 'failed 7: expected a malformed module "unknown operator", but it is well-formed and valid');
  assert.match(out[6], /^failed 8: expected an invalid module "type mismatch", but it is malformed: CompileError: .*unknown operator/);
  assert.is(out[7], 'failed 9: expected an invalid module "type mismatch", but it is valid');
  assert.match(out[8], /^failed 10: wrong validation error: expected "unknown type", got "type mismatch/);
});

test('register, named modules, and imports resolved by registered name', () => {
  const checks = runWast(`
    (module $A (func (export "one") (result i32) (i32.const 1)) (global (export "g") (mut i32) (i32.const 0)))
    (register "a" $A)
    (module $B (import "a" "one" (func $one (result i32))) (import "spectest" "print_i32" (func (param i32)))
      (func (export "two") (result i32) (i32.add (call $one) (call $one))))
    (assert_return (invoke $A "one") (i32.const 1))
    (assert_return (invoke "two") (i32.const 2))
    (assert_return (invoke $B "two") (i32.const 2))
    (assert_unlinkable (module (import "a" "missing" (func))) "unknown import")
    (assert_unlinkable (module (import "a" "g" (global i32))) "incompatible import type")
    (assert_unlinkable (module (import "a" "one" (func (result i32)))) "unknown import")
    (assert_unlinkable (module (import "a" "g" (global i32))) "unknown import")
    (assert_unlinkable (module (func $s unreachable) (start $s)) "unknown import")
    (assert_return (invoke $C "one") (i32.const 1))
    (register "c" $C)`);
  assert.equal(checks.map((c) => c.status), [
    'passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'passed',
    'failed', 'failed', 'failed', 'failed', 'failed',
  ]);
  assert.is(checks[8].reason, 'expected a link error "unknown import", but the module instantiated');
  assert.is(checks[9].reason, 'wrong link error: expected "unknown import", got "incompatible import type for "a" "g""');
  assert.is(checks[10].reason, 'expected a link error "unknown import", got RuntimeError: unreachable');
  assert.is(checks[11].reason, 'no module $C');
});

test('a module that traps while instantiating keeps its earlier effects', () => {
  const checks = runWast(`
    (module $M (memory (export "mem") 1) (func (export "peek") (result i32) (i32.load8_u (i32.const 0))))
    (register "M" $M)
    (assert_trap (module (import "M" "mem" (memory 1))
      (data (i32.const 0) "x") (data (i32.const 65536) "y")) "out of bounds memory access")
    (assert_return (invoke $M "peek") (i32.const 120))
    (assert_trap (module (func $s) (start $s)) "unreachable")
    (assert_uninstantiable (module (func $s unreachable) (start $s)) "unreachable")`);
  assert.equal(checks.map((c) => c.status), ['passed', 'passed', 'passed', 'passed', 'failed', 'passed']);
  assert.is(checks[4].reason, 'expected a trap "unreachable", but it completed');
});

test('a failing module command fails, and later commands say there is no module', () => {
  const out = outcomes(`
    (module (func (result i32)))
    (assert_return (invoke "f"))
    (module (func $s unreachable) (start $s))
    (module (func (i32.foo)))
    (module (import "nowhere" "f" (func)))`);
  assert.match(out[0], /^failed 2: the module is invalid: CompileError: type mismatch/);
  assert.is(out[1], 'failed 3: no current module (the last module command failed)');
  assert.is(out[2], 'failed 4: instantiation failed: RuntimeError: unreachable');
  assert.match(out[3], /^failed 5: the module is malformed: CompileError: \d+:\d+: unknown operator/);
  assert.is(out[4], 'failed 6: instantiation failed: LinkError: unknown import "nowhere" "f"');
});

test('actions: missing exports, wrong kinds, wrong arity', () => {
  assert.equal(outcomes(`${mod}
    (invoke "nope")
    (invoke "g")
    (get "add")
    (invoke "add" (i32.const 1))
    (invoke "add" (i32.const 1) (i32.const 2))`).slice(1), [
    'failed 14: no export "nope"',
    'failed 15: export "g" is a global, not a function',
    'failed 16: export "add" is a func, not a global',
    'failed 17: "add" takes 2 arguments, the script passes 1',
    'passed 18',
  ]);
});

test('3.0 module definitions and instances', () => {
  const checks = runWast(`
    (module definition $D (func (export "f") (result i32) (i32.const 5)))
    (module instance $I $D)
    (assert_return (invoke $I "f") (i32.const 5))
    (module instance)
    (assert_return (invoke "f") (i32.const 5))
    (module instance $J $Nope)`);
  assert.equal(checks.map((c) => c.status), ['passed', 'passed', 'passed', 'passed', 'passed', 'failed']);
  assert.is(checks[5].reason, 'no module definition $Nope');
});

test('assert_exception is skipped until exception handling exists', () => {
  const c = only(`(module (func (export "f"))) (assert_exception (invoke "f"))`);
  assert.is(c.status, 'skipped');
  assert.match(c.reason!, /exception handling/);
});

test('a script that does not parse is one failed check at its line', () => {
  const checks = runWast('(module)\n(assert_return (invoke "f")');
  assert.is(checks.length, 1);
  assert.is(checks[0].command, 'script');
  assert.is(checks[0].line, 2);
  assert.match(checks[0].reason!, /^the script does not parse: CompileError: 2:/);
});

test('a crash inside a command is a failure and the script goes on', () => {
  const checks = runScript({
    commands: [
      { line: 1, kind: 'module', module: { kind: 'binary', bytes: null as unknown as Uint8Array } },
      { line: 2, kind: 'module', module: { kind: 'text', source: '(module)' } },
    ],
  });
  assert.is(checks[0].status, 'failed');
  assert.match(checks[0].reason!, /crash: TypeError/);
  assert.is(checks[1].status, 'passed');
});

test('spectest prints go to the print option', () => {
  const lines: string[] = [];
  runWast(`(module (import "spectest" "print_i32" (func $p (param i32))) (func (export "f") (call $p (i32.const 13))))
    (invoke "f")`, { print: (l) => lines.push(l) });
  assert.equal(lines, ['13 : i32']);
});

test.run();
