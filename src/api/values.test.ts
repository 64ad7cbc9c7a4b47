import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { f32ToBits, f64ToBits } from '../exec/numerics.js';
import { hostFunc, invoke, type FuncInst } from '../runtime/index.js';
import { externref, funcref, refType, type FuncType } from '../syntax/types.js';
import {
  defaultValue, exportedFunction, funcInstOf, hostFunction, toJSValue, toValueType, toWebAssemblyValue,
} from './values.js';

/** uvu's `throws` calls a function argument as a predicate: check the class explicitly. */
const is = (C: new (...args: never[]) => Error) => (e: unknown): boolean => e instanceof C;

const type = (params: FuncType['params'], results: FuncType['results']): FuncType => ({ kind: 'func', params, results });
/** A host FuncInst adding its two i32 arguments. */
const adder = (): FuncInst => hostFunc(type(['i32', 'i32'], ['i32']), ([a, b]) => [((a as number) + (b as number)) | 0]);

test('toValueType knows the JS API spellings', () => {
  assert.is(toValueType('i64'), 'i64');
  assert.equal(toValueType('anyfunc'), funcref);
  assert.equal(toValueType('funcref'), funcref);
  assert.equal(toValueType('externref'), externref);
  assert.is(toValueType('i31'), undefined);
});

test('i32: ToInt32 wraps and truncates; BigInt is a TypeError', () => {
  assert.is(toWebAssemblyValue(2 ** 32 + 5, 'i32'), 5);
  assert.is(toWebAssemblyValue(-1.9, 'i32'), -1);
  assert.is(toWebAssemblyValue('12', 'i32'), 12);
  assert.is(toWebAssemblyValue(undefined, 'i32'), 0);
  assert.throws(() => toWebAssemblyValue(1n, 'i32'), is(TypeError));
  assert.is(toJSValue(-7, 'i32'), -7);
});

test('i64: ToBigInt64 takes BigInts and strings, wraps, and rejects Numbers', () => {
  assert.is(toWebAssemblyValue(2n ** 64n + 3n, 'i64'), 3n);
  assert.is(toWebAssemblyValue(2n ** 63n, 'i64'), -(2n ** 63n));
  assert.is(toWebAssemblyValue('-5', 'i64'), -5n);
  assert.is(toWebAssemblyValue(true, 'i64'), 1n);
  assert.throws(() => toWebAssemblyValue(5, 'i64'), is(TypeError));
  assert.throws(() => toWebAssemblyValue(undefined, 'i64'), is(TypeError));
  assert.throws(() => toWebAssemblyValue(Symbol('s'), 'i64'), is(TypeError));
  assert.is(toJSValue(-(2n ** 63n), 'i64'), -(2n ** 63n));
});

test('f32 rounds to nearest binary32; f64 keeps the double; both read back from bits', () => {
  assert.is(toWebAssemblyValue(0.1, 'f32'), f32ToBits(Math.fround(0.1)));
  assert.is(toJSValue(toWebAssemblyValue(0.1, 'f32'), 'f32'), Math.fround(0.1));
  assert.is(toWebAssemblyValue(0.1, 'f64'), f64ToBits(0.1));
  assert.is(toJSValue(f64ToBits(-0), 'f64'), -0);
  assert.ok(Number.isNaN(toJSValue(toWebAssemblyValue(NaN, 'f32'), 'f32')));
  assert.is(toJSValue(0x7f800000, 'f32'), Infinity);
});

test('externref carries any JavaScript value; null is the null reference', () => {
  const o = {};
  assert.is(toWebAssemblyValue(o, externref), o);
  assert.is(toWebAssemblyValue(undefined, externref), undefined);
  assert.is(toWebAssemblyValue(null, externref), null);
  assert.is(toJSValue(o, externref), o);
  assert.is(toJSValue(null, externref), null);
});

test('funcref takes only null or Exported Functions', () => {
  const f = adder();
  const js = exportedFunction(f);
  assert.is(toWebAssemblyValue(js, funcref), f);
  assert.is(toWebAssemblyValue(null, funcref), null);
  assert.throws(() => toWebAssemblyValue(() => 1, funcref), is(TypeError));
  assert.throws(() => toWebAssemblyValue(1, funcref), is(TypeError));
  assert.is(toJSValue(f, funcref), js);
});

test('non-nullable, bottom and GC reference types', () => {
  assert.throws(() => toWebAssemblyValue(null, refType(false, 'extern')), /null is not a value/);
  assert.is(toWebAssemblyValue(null, refType(true, 'noextern')), null);
  assert.throws(() => toWebAssemblyValue({}, refType(true, 'noextern')), /only null/);
  assert.throws(() => toWebAssemblyValue(null, refType(true, 'any')), /cannot be passed/);
});

test('v128 cannot cross the boundary', () => {
  assert.throws(() => toWebAssemblyValue(0, 'v128'), is(TypeError));
  assert.throws(() => toJSValue(new Uint8Array(16), 'v128'), is(TypeError));
  const f = hostFunc(type(['v128'], []), () => []);
  assert.throws(() => exportedFunction(f)(0), is(TypeError));
});

test('defaultValue: zeros, null, and undefined for externref', () => {
  assert.is(defaultValue('i32'), 0);
  assert.is(defaultValue('f64'), 0n);
  assert.is(defaultValue(funcref), null);
  assert.is(defaultValue(externref), undefined);
  assert.equal(defaultValue('v128'), new Uint8Array(16));
});

test('an Exported Function is cached, not a constructor, with length and name', () => {
  const f = adder();
  const js = exportedFunction(f);
  assert.is(exportedFunction(f), js);
  assert.is(funcInstOf(js), f);
  assert.is(funcInstOf(() => 0), undefined);
  assert.is(funcInstOf(5), undefined);
  assert.is(js.length, 2);
  assert.is(js(40, 2), 42);
  assert.throws(() => new (js as unknown as new () => unknown)(), is(TypeError));
});

test('Exported Functions return undefined, one value, or an array', () => {
  const none = exportedFunction(hostFunc(type([], []), () => []));
  const two = exportedFunction(hostFunc(type([], ['i64', 'f32']), () => [7n, f32ToBits(1.5)]));
  assert.is(none(), undefined);
  assert.equal(two(), [7n, 1.5]);
});

test('host functions convert arguments and results', () => {
  const seen: unknown[] = [];
  const f = hostFunction((...args: unknown[]) => {
    seen.push(...args);
    return 2.5;
  }, type(['i32', 'i64', 'f64'], ['f32']));
  assert.equal(invoke(f, [1, 2n, f64ToBits(3.5)]), [f32ToBits(2.5)]);
  assert.equal(seen, [1, 2n, 3.5]);
});

test('host functions with several results return an iterable of the right length', () => {
  const t = type([], ['i32', 'i32']);
  assert.equal(invoke(hostFunction(() => [1, 2], t), []), [1, 2]);
  assert.equal(invoke(hostFunction(() => new Set([3, 4]), t), []), [3, 4]);
  assert.throws(() => invoke(hostFunction(() => 5, t), []), /iterable/);
  assert.throws(() => invoke(hostFunction(() => [1], t), []), /returned 1 values/);
  assert.equal(invoke(hostFunction(() => 'ignored', type([], [])), []), []);
});

test('host functions are called with an undefined this, and their exceptions propagate', () => {
  let self: unknown = 'unset';
  invoke(hostFunction(function (this: unknown) {
    self = this;
  }, type([], [])), []);
  assert.is(self, undefined);
  const boom = new Error('boom');
  assert.throws(() => invoke(hostFunction(() => {
    throw boom;
  }, type([], [])), []), (e: unknown) => e === boom);
});

test.run();
