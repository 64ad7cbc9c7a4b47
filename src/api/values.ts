/**
 * Values crossing the JavaScript boundary — JS API §"ToJSValue", §"ToWebAssemblyValue",
 * §"Exported Functions" and §"create a host function"
 * (https://webassembly.github.io/spec/js-api/).
 *
 * The runtime keeps raw values (f32/f64 as bits, see runtime/index.ts); JavaScript sees numbers,
 * BigInts and objects. Conversions follow the JS API: i32 via ToInt32, i64 via ToBigInt64,
 * f32 via ToNumber then round-to-nearest, references as `null`, Exported Functions (funcref) or
 * any JavaScript value (externref). A NaN entering WebAssembly from JavaScript becomes the
 * canonical NaN; NaN payloads do not survive a trip through JavaScript (the spec allows both).
 */

import { f32FromBits, f32ToBits, f64FromBits, f64ToBits } from '../exec/numerics.js';
import { FuncInst, hostFunc, invoke, invokeAsync, type RawValue } from '../runtime/index.js';
import { importCounts } from '../syntax/module.js';
import { valTypeToString, type FuncType, type RefType, type ValType } from '../syntax/types.js';
import { slot } from '../runtime/slot.js';

/**
 * JS API §"ToValueType", plus the spellings engines accept beside the IDL enum ("funcref").
 * Returns undefined for a string that names no value type.
 */
export function toValueType(s: unknown): ValType | undefined {
  switch (s) {
    case 'i32': case 'i64': case 'f32': case 'f64': case 'v128': return s;
    case 'anyfunc': case 'funcref': return { kind: 'ref', nullable: true, heap: 'func' };
    case 'externref': return { kind: 'ref', nullable: true, heap: 'extern' };
    default: return undefined;
  }
}

/** Types whose values cannot cross the boundary (JS API: v128 and exnref throw a TypeError). */
function crossesBoundary(t: ValType): boolean {
  if (t === 'v128') return false;
  if (typeof t === 'object') return t.heap === 'func' || t.heap === 'nofunc' || t.heap === 'extern' || t.heap === 'noextern';
  return true;
}

function assertCrosses(t: ValType): void {
  if (!crossesBoundary(t)) throw new TypeError(`values of type ${valTypeToString(t)} cannot be passed to or from JavaScript`);
}

/** JS API §"ToJSValue". */
export function toJSValue(w: RawValue, t: ValType): unknown {
  switch (t) {
    case 'i32': return w as number;
    case 'i64': return w as bigint;
    case 'f32': return f32FromBits(w as number);
    case 'f64': return f64FromBits(w as bigint);
    case 'v128': assertCrosses(t); break;
  }
  if (w === null) return null;
  if (w instanceof FuncInst) return exportedFunction(w);
  return w; // externref: the host value itself
}

/** JS API §"ToWebAssemblyValue". Throws TypeError as the JS API does. */
export function toWebAssemblyValue(v: unknown, t: ValType): RawValue {
  switch (t) {
    case 'i32': return toNumber(v) | 0;
    case 'i64': return toBigInt64(v);
    case 'f32': return f32ToBits(Math.fround(toNumber(v)));
    case 'f64': return f64ToBits(toNumber(v));
    case 'v128': assertCrosses(t); break;
  }
  return toRef(v, t as RefType);
}

function toRef(v: unknown, t: RefType): RawValue {
  assertCrosses(t);
  if (v === null) {
    if (!t.nullable) throw new TypeError(`null is not a value of type ${valTypeToString(t)}`);
    return null;
  }
  switch (t.heap) {
    case 'extern': return v;
    case 'func': {
      const f = funcInstOf(v);
      if (f === undefined) throw new TypeError('a funcref must be null or an exported WebAssembly function');
      return f;
    }
    default: throw new TypeError(`only null is a value of type ${valTypeToString(t)}`);
  }
}

/** ECMAScript ToNumber: the unary plus throws a TypeError for BigInts and Symbols, as ToNumber does. */
function toNumber(v: unknown): number {
  return +(v as number);
}

/** ECMAScript ToBigInt64: Numbers are a TypeError (no implicit Number → BigInt), strings parse. */
function toBigInt64(v: unknown): bigint {
  if (typeof v === 'number' || v === undefined || v === null || typeof v === 'symbol') {
    throw new TypeError(`cannot convert ${typeof v === 'symbol' ? 'a symbol' : String(v)} to a BigInt`);
  }
  return BigInt.asIntN(64, BigInt(v as bigint | boolean | string));
}

/** JS API §"DefaultValue": externref defaults to `undefined`, everything else to val_default. */
export function defaultValue(t: ValType): RawValue {
  switch (t) {
    case 'i32': case 'f32': return 0;
    case 'i64': case 'f64': return 0n;
    case 'v128': return new Uint8Array(16);
  }
  return t.heap === 'extern' ? undefined : null;
}

// ---------------------------------------------------------------------------------------------
// Exported Functions (JS API §"Exported Functions")

/**
 * The [[FunctionAddress]] slot of an Exported Function: a slot, not a WeakMap (RATIONALE, "Why
 * internal slots in private fields, not WeakMaps?"). The Exported Function cache, one JavaScript
 * function per FuncInst so that identity is stable, is FuncInst's `exported` field.
 */
const functionAddresses = slot<FuncInst>();

/** The FuncInst behind an Exported Function, or undefined for any other value. */
export function funcInstOf(v: unknown): FuncInst | undefined {
  return (typeof v === 'function') ? functionAddresses.get(v) : undefined;
}

/** JS API §"a new Exported Function": a non-constructor function calling `f` with converted values. */
export function exportedFunction(f: FuncInst): (...args: unknown[]) => unknown {
  const cached = f.exported;
  if (cached !== undefined) return cached;
  // An arrow function: callable, never a constructor, as Exported Functions must be.
  const js = (...args: unknown[]): unknown => fromRawResults(f, invoke(f, toRawArgs(f, args)));
  f.exported = js;
  return nameExported(f, js);
}

/** JS API §"call an Exported Function", the arguments: checked and converted to raw values. */
function toRawArgs(f: FuncInst, args: readonly unknown[]): RawValue[] {
  const { params, results } = f.type;
  for (const t of params) assertCrosses(t);
  for (const t of results) assertCrosses(t);
  return params.map((t, i) => toWebAssemblyValue(args[i], t));
}

/** JS API §"call an Exported Function", the results: undefined, one value, or an array. */
function fromRawResults(f: FuncInst, ret: readonly RawValue[]): unknown {
  const results = f.type.results;
  if (ret.length === 0) return undefined;
  if (ret.length === 1) return toJSValue(ret[0], results[0]);
  return ret.map((r, i) => toJSValue(r, results[i]));
}

/** Gives an Exported Function its `length`, its `name` and its [[FunctionAddress]] `f`. */
function nameExported<F extends (...args: unknown[]) => unknown>(f: FuncInst, js: F): F {
  Object.defineProperty(js, 'length', { value: f.type.params.length });
  // JS API §"name of the WebAssembly function": the function's index in its module.
  const name = f.instance === null ? f.name ?? '' : String(importCounts(f.instance.module).funcs + f.defIdx);
  Object.defineProperty(js, 'name', { value: name });
  functionAddresses.set(js, f);
  return js;
}

/**
 * An Exported Function returning a promise: the call runs with `invokeAsync`, so host functions
 * it calls may return promises (README "Async host imports"). It can be imported or stored in a
 * table like the synchronous one; called from Wasm it runs synchronously.
 */
export function asyncExportedFunction(f: FuncInst): (...args: unknown[]) => Promise<unknown> {
  const cached = f.asyncExported; // one per FuncInst like the others
  if (cached !== undefined) return cached;
  const js = async (...args: unknown[]): Promise<unknown> => fromRawResults(f, await invokeAsync(f, toRawArgs(f, args)));
  f.asyncExported = js;
  return nameExported(f, js);
}

/**
 * Calls an Exported Function (synchronous or async) asynchronously: host functions it calls may
 * return promises, which suspend the call until they settle. A TypeError if `fn` is not one.
 */
export async function callAsync(fn: unknown, ...args: unknown[]): Promise<unknown> {
  const f = funcInstOf(fn);
  if (f === undefined) throw new TypeError('callAsync needs an exported WebAssembly function');
  return fromRawResults(f, await invokeAsync(f, toRawArgs(f, args)));
}

/** JS API §"create a host function" / §"run a host function": wraps a callable as a FuncInst. */
export function hostFunction(fn: (...args: unknown[]) => unknown, type: FuncType, name?: string): FuncInst {
  const { params, results } = type;
  return hostFunc(type, (args) => {
    for (const t of params) assertCrosses(t);
    for (const t of results) assertCrosses(t);
    const ret = Reflect.apply(fn, undefined, args.map((a, i) => toJSValue(a, params[i])));
    // A promise suspends an async call (exec/interpreter.ts invokeAsync); its value is converted when it settles.
    if (isThenable(ret)) return Promise.resolve(ret).then((v) => toRawResults(type, v));
    return toRawResults(type, ret);
  }, name);
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as PromiseLike<unknown>).then === 'function';
}

/** JS API §"run a host function", the results: the callable's return value as raw results. */
function toRawResults(type: FuncType, ret: unknown): RawValue[] {
  const { results } = type;
  if (results.length === 0) return [];
  if (results.length === 1) return [toWebAssemblyValue(ret, results[0])];
  if (ret === null || ret === undefined || typeof (ret as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new TypeError(`a host function returning ${results.length} values must return an iterable`);
  }
  const values = [...(ret as Iterable<unknown>)];
  if (values.length !== results.length) {
    throw new TypeError(`a host function returned ${values.length} values, its type has ${results.length} results`);
  }
  return values.map((v, i) => toWebAssemblyValue(v, results[i]));
}
