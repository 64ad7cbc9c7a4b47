import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CompileError } from '../errors.js';
import { wasm2, wasm3 } from '../syntax/features.js';
import type { CompType, RefType, SubType, ValType } from '../syntax/types.js';
import { externref, funcref, refType } from '../syntax/types.js';
import {
  Unknown, defineTypes, heapMatches, matchesResultType, matchesValType, validateLimits, validateMemType,
  validateTableType, validateValType, valTypeEquiv,
} from './types.js';
import type { TypeContext } from './types.js';

const sub = (comp: CompType, supers: number[] = [], final = true): SubType => ({ final, supers, comp });
const func = (params: ValType[], results: ValType[]): CompType => ({ kind: 'func', params, results });
const struct = (...types: ValType[]): CompType => ({ kind: 'struct', fields: types.map((type) => ({ type, mutable: false })) });
const ref = (heap: RefType['heap'], nullable = true): RefType => refType(nullable, heap);

function throwsCompile(f: () => void, prefix: string): void {
  try {
    f();
  } catch (e) {
    assert.instance(e, CompileError);
    const msg = (e as Error).message;
    assert.ok(msg.startsWith(prefix), `"${msg}" does not start with "${prefix}"`);
    return;
  }
  assert.unreachable(`no error, expected "${prefix}"`);
}

/** A type context over `types`, each its own rec group. */
function context(types: SubType[]): TypeContext {
  return { types, canon: defineTypes(types, [], wasm3) };
}

test('number and vector types match only themselves; Unknown matches everything', () => {
  const ctx = context([]);
  assert.ok(matchesValType('i32', 'i32', ctx));
  assert.not.ok(matchesValType('i32', 'i64', ctx));
  assert.not.ok(matchesValType('f32', funcref, ctx));
  assert.not.ok(matchesValType(funcref, 'i32', ctx));
  for (const t of ['i32', 'f64', 'v128', funcref, ref(0, false)] as ValType[]) assert.ok(matchesValType(Unknown, t, ctx));
});

test('2.0 reference types: funcref and externref are unrelated', () => {
  const ctx = context([]);
  assert.ok(matchesValType(funcref, funcref, ctx));
  assert.ok(matchesValType(refType(true, 'func'), funcref, ctx), 'distinct objects, same type');
  assert.not.ok(matchesValType(funcref, externref, ctx));
  assert.not.ok(matchesValType(externref, funcref, ctx));
});

test('nullability: (ref ht) ≤ (ref null ht), not the other way round', () => {
  const ctx = context([]);
  assert.ok(matchesValType(ref('func', false), ref('func'), ctx));
  assert.not.ok(matchesValType(ref('func'), ref('func', false), ctx));
});

test('abstract heap hierarchy: none ≤ i31/struct/array ≤ eq ≤ any; nofunc ≤ func; noextern ≤ extern', () => {
  const ctx = context([]);
  const below: [RefType['heap'], RefType['heap']][] = [
    ['none', 'i31'], ['none', 'struct'], ['none', 'any'], ['i31', 'eq'], ['struct', 'eq'], ['array', 'any'],
    ['eq', 'any'], ['nofunc', 'func'], ['noextern', 'extern'], ['noexn', 'exn'],
  ];
  for (const [a, b] of below) {
    assert.ok(heapMatches(a, b, ctx), `${a} ≤ ${b}`);
    assert.not.ok(heapMatches(b, a, ctx), `${b} ≰ ${a}`);
  }
  for (const [a, b] of [['func', 'any'], ['extern', 'any'], ['nofunc', 'none'], ['none', 'extern'], ['i31', 'struct']] as const) {
    assert.not.ok(heapMatches(a, b, ctx), `${a} ≰ ${b}`);
  }
  assert.ok(heapMatches('bot', 'none', ctx), 'the bottom heap type is below everything');
});

test('concrete types sit under their kind and above none/nofunc', () => {
  const ctx = context([sub(func([], [])), sub(struct('i32'))]);
  assert.ok(heapMatches(0, 'func', ctx));
  assert.not.ok(heapMatches(0, 'any', ctx));
  assert.ok(heapMatches(1, 'struct', ctx));
  assert.ok(heapMatches(1, 'eq', ctx));
  assert.ok(heapMatches(1, 'any', ctx));
  assert.not.ok(heapMatches(1, 'array', ctx));
  assert.ok(heapMatches('nofunc', 0, ctx));
  assert.not.ok(heapMatches('none', 0, ctx));
  assert.ok(heapMatches('none', 1, ctx));
  assert.not.ok(heapMatches('func', 0, ctx), 'an abstract type is not below a concrete one');
  assert.not.ok(heapMatches(0, 1, ctx));
});

test('declared supertypes: a subtype matches every type up its chain', () => {
  const ctx = context([
    sub(struct(), [], false),            // 0
    sub(struct('i32'), [0], false),      // 1 <: 0
    sub(struct('i32', 'i64'), [1]),      // 2 <: 1
  ]);
  assert.ok(heapMatches(2, 0, ctx));
  assert.ok(heapMatches(2, 1, ctx));
  assert.not.ok(heapMatches(0, 2, ctx));
});

test('canonical ids: structurally equal function types are equivalent, also across modules', () => {
  const a = defineTypes([sub(func(['i32'], ['i64'])), sub(func([], [])), sub(func(['i32'], ['i64']))], [], wasm2);
  assert.is(a[0], a[2]);
  assert.is.not(a[0], a[1]);
  const b = defineTypes([sub(func([], [])), sub(func(['i32'], ['i64']))], [], wasm2);
  assert.is(b[0], a[1]);
  assert.is(b[1], a[0]);
  const ctx: TypeContext = { types: [sub(func([], [])), sub(func([ref(0)], []))], canon: [] };
  const c = defineTypes(ctx.types, [], wasm3);
  const d = defineTypes([sub(func(['f32'], [])), sub(func([], [])), sub(func([ref(1)], []))], [], wasm3);
  assert.is(c[1], d[2], 'a reference to an earlier type compares through its canonical id');
  assert.ok(valTypeEquiv(ref(0), ref(0), { types: ctx.types, canon: c }));
});

test('canonical ids: rec groups are equivalent iff their shapes are (iso-recursive)', () => {
  const group = [sub(struct(ref(1))), sub(struct(ref(0)))];
  const a = defineTypes(group, [{ start: 0, count: 2 }], wasm3);
  const b = defineTypes(group, [{ start: 0, count: 2 }], wasm3);
  assert.equal(a, b);
  assert.is.not(a[0], a[1], 'different positions of one group are distinct types');
  const split = defineTypes([sub(struct()), sub(struct())], [{ start: 0, count: 1 }, { start: 1, count: 1 }], wasm3);
  const together = defineTypes([sub(struct()), sub(struct())], [{ start: 0, count: 2 }], wasm3);
  assert.is(split[0], split[1]);
  assert.is.not(split[0], together[0], 'a type in a group of two differs from the same type alone');
});

test('defined types: feature gates, ranges, supertype rules', () => {
  throwsCompile(() => defineTypes([sub(struct())], [], wasm2), 'a struct type requires the gc feature');
  throwsCompile(() => defineTypes([sub(func([], []))], [{ start: 0, count: 1 }, { start: 0, count: 1 }], wasm3), 'malformed rec groups');
  throwsCompile(() => defineTypes([sub(func([ref(0)], []))], [], wasm2), 'a typed reference requires');
  throwsCompile(() => defineTypes([sub(func([ref(1)], []))], [], wasm3), 'unknown type 1');
  throwsCompile(() => defineTypes([sub(struct(), [0])], [], wasm3), 'unknown type 0');
  throwsCompile(() => defineTypes([sub(struct()), sub(struct(), [0])], [], wasm3), 'sub type 1 does not match super type 0');
  throwsCompile(() => defineTypes([sub(struct('i32'), [], false), sub(struct('i64'), [0])], [], wasm3),
    'sub type 1 does not match super type 0');
  throwsCompile(() => defineTypes([sub(struct(), [], false), sub(func([], []), [0])], [], wasm3), 'sub type 1');
  // Functions: parameters contravariant, results covariant.
  const ok = defineTypes([
    sub(func([ref('eq')], [ref('eq')]), [], false),
    sub(func([ref('any')], [ref('i31')]), [0]),
  ], [], wasm3);
  assert.is(ok.length, 2);
  throwsCompile(() => defineTypes([
    sub(func([ref('eq')], []), [], false),
    sub(func([ref('i31')], []), [0]),
  ], [], wasm3), 'sub type 1 does not match super type 0');
});

test('value types: feature gates', () => {
  validateValType(funcref, 0, wasm2);
  validateValType('v128', 0, wasm2);
  throwsCompile(() => validateValType(ref('any'), 0, wasm2), 'heap type any requires the gc feature');
  throwsCompile(() => validateValType(ref('exn'), 0, wasm2), 'heap type exn requires the exceptions feature');
  throwsCompile(() => validateValType(ref('func', false), 0, wasm2), 'a non-null reference type requires');
  throwsCompile(() => validateValType(ref(3), 2, wasm3), 'unknown type 3');
});

test('result types match pointwise and by length', () => {
  const ctx = context([]);
  assert.ok(matchesResultType([ref('func', false)], [funcref], ctx));
  assert.not.ok(matchesResultType(['i32'], ['i32', 'i32'], ctx));
  assert.not.ok(matchesResultType(['i32', 'f32'], ['i32', 'i32'], ctx));
});

test('limits, memory and table types', () => {
  validateLimits({ min: 1, max: 1 }, 10, 'range');
  throwsCompile(() => validateLimits({ min: 11 }, 10, 'range'), 'range');
  throwsCompile(() => validateLimits({ min: 1, max: 11 }, 10, 'range'), 'range');
  throwsCompile(() => validateLimits({ min: 2, max: 1 }, 10, 'range'), 'size minimum must not be greater than maximum');
  const mem = (min: number, max?: number, addr: 'i32' | 'i64' = 'i32') => ({ limits: { min, max }, addr, shared: false });
  validateMemType(mem(65536, 65536), wasm2);
  throwsCompile(() => validateMemType(mem(65537), wasm2), 'memory size must be at most 65536 pages (4GiB)');
  throwsCompile(() => validateMemType(mem(0, 65537), wasm2), 'memory size must be at most 65536 pages (4GiB)');
  throwsCompile(() => validateMemType(mem(0, 1, 'i64'), wasm2), 'a 64-bit memory requires the memory64 feature');
  validateMemType(mem(65537, 2 ** 48, 'i64'), wasm3);
  throwsCompile(() => validateMemType(mem(0, 2 ** 48 + 1, 'i64'), wasm3), 'memory size must be at most 2^48 pages');
  validateTableType({ limits: { min: 0xffff_ffff }, addr: 'i32', elem: funcref }, 0, wasm2);
  throwsCompile(() => validateTableType({ limits: { min: 2 ** 32 }, addr: 'i32', elem: funcref }, 0, wasm2), 'table size must be at most 2^32-1');
});

test.run();
