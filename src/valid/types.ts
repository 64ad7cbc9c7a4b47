/**
 * Validity and matching of types — spec §3.2 (Validation › Types), shaped for 3.0's subtyping
 * (GC proposal, "Subtyping" and "Type equivalence"; function-references proposal).
 *
 * - Validity: limits, memory/table/global types, value types (type indices in range, 3.0 types
 *   only when their feature is on) and defined types (rec groups, declared supertypes).
 * - Equivalence of defined types: every rec group is *canonicalized* into a process-wide registry,
 *   so two type indices — of the same module or of two modules — denote equivalent types exactly
 *   when their canonical ids are equal (iso-recursive equivalence; structural for 2.0's function
 *   types). See RATIONALE, "Why canonical type ids?".
 * - Matching (subtyping, `t1 ≤ t2`): equality for number and vector types; for reference types,
 *   nullability plus the heap-type hierarchy, including the bottom type of unreachable code.
 */

import type { Features } from '../syntax/features.js';
import type {
  AbsHeapType, CompType, FieldType, FuncType, GlobalType, HeapType, Limits, MemType, NumType, RecGroup,
  RefType, StorageType, SubType, TableType, ValType, VecType,
} from '../syntax/types.js';
import { valTypeToString } from '../syntax/types.js';
import { featureOff, invalid, unknown } from './context.js';

// ---------------------------------------------------------------------------------------------
// Operand types: value types plus the bottom types of stack-polymorphic (unreachable) code

/**
 * The type of an operand popped from the polymorphic stack of unreachable code (the spec
 * algorithm's `Unknown`, 3.0's `⊥`): it matches every value type.
 */
export const Unknown = 'unknown';
export type Unknown = typeof Unknown;

/** A heap type, or `bot`: the heap type of a reference made from an `Unknown` operand. */
export type OperandHeap = HeapType | 'bot';

export interface OperandRef {
  readonly kind: 'ref';
  readonly nullable: boolean;
  readonly heap: OperandHeap;
}

/** What the validator's operand stack holds. Every `ValType` is an `OperandType`. */
export type OperandType = NumType | VecType | OperandRef | Unknown;

export function isRefOperand(t: OperandType): t is OperandRef {
  return typeof t === 'object';
}

export function operandToString(t: OperandType): string {
  if (t === Unknown) return '_';
  if (typeof t === 'object' && t.heap === 'bot') return t.nullable ? '(ref null bot)' : '(ref bot)';
  return valTypeToString(t as ValType);
}

export function typesToString(ts: readonly OperandType[]): string {
  return `[${ts.map(operandToString).join(' ')}]`;
}

// ---------------------------------------------------------------------------------------------
// Type context

/** What matching needs to know about the module's defined types. */
export interface TypeContext {
  readonly types: readonly SubType[];
  /** Canonical id of every type index: equal ids ⇔ equivalent defined types. */
  readonly canon: readonly number[];
}

/** spec §3.2 (3.0) — the function type that type index `idx` defines: "unknown type N" if none. */
export function funcTypeAt(ctx: TypeContext, idx: number): FuncType {
  const st = ctx.types[idx];
  if (st === undefined) throw unknown('type', idx);
  if (st.comp.kind !== 'func') throw invalid(`type mismatch: type ${idx} is not a function type`);
  return st.comp;
}

// ---------------------------------------------------------------------------------------------
// Matching (subtyping) — 3.0 spec §3.3 "Matching" / GC proposal "Subtyping"

/** Abstract heap types above each abstract heap type (reflexive). */
const absSupers: Readonly<Record<AbsHeapType, readonly AbsHeapType[]>> = {
  any: ['any'],
  eq: ['eq', 'any'],
  i31: ['i31', 'eq', 'any'],
  struct: ['struct', 'eq', 'any'],
  array: ['array', 'eq', 'any'],
  none: ['none', 'i31', 'struct', 'array', 'eq', 'any'],
  func: ['func'],
  nofunc: ['nofunc', 'func'],
  extern: ['extern'],
  noextern: ['noextern', 'extern'],
  exn: ['exn'],
  noexn: ['noexn', 'exn'],
};

/** The abstract heap types a concrete type of each kind lies under (`$t ≤ struct ≤ eq ≤ any`). */
const concreteSupers: Readonly<Record<CompType['kind'], readonly AbsHeapType[]>> = {
  func: ['func'],
  struct: ['struct', 'eq', 'any'],
  array: ['array', 'eq', 'any'],
};

/** Heap-type matching `a ≤ b`: the abstract hierarchy, concrete types under their kind's top,
 * declared supertype chains, and the bottoms `none`/`nofunc` below every concrete type. */
export function heapMatches(a: OperandHeap, b: HeapType, ctx: TypeContext): boolean {
  if (a === b || a === 'bot') return true;
  if (typeof a === 'number') {
    const st = ctx.types[a];
    if (st === undefined) return false;
    if (typeof b === 'string') return concreteSupers[st.comp.kind].includes(b);
    return concreteMatches(a, b, ctx);
  }
  if (typeof b === 'number') {
    const st = ctx.types[b];
    return st !== undefined && a === (st.comp.kind === 'func' ? 'nofunc' : 'none');
  }
  return absSupers[a].includes(b);
}

/** `$a ≤ $b` for type indices: equivalent, or `$b` is on `$a`'s declared supertype chain. */
function concreteMatches(a: number, b: number, ctx: TypeContext): boolean {
  const target = ctx.canon[b];
  for (let x: number | undefined = a; x !== undefined;) {
    if (ctx.canon[x] === target) return true;
    const sup: number | undefined = ctx.types[x]?.supers[0];
    // Supertypes precede their subtypes; the guard keeps an unvalidated cycle from looping.
    x = sup !== undefined && sup < x ? sup : undefined;
  }
  return false;
}

export function refMatches(a: OperandRef, b: RefType, ctx: TypeContext): boolean {
  return (b.nullable || !a.nullable) && heapMatches(a.heap, b.heap, ctx);
}

/** Value-type matching `a ≤ b` (spec 3.0 §3.3.4); `Unknown` matches everything. */
export function matchesValType(a: OperandType, b: ValType, ctx: TypeContext): boolean {
  if (a === b || a === Unknown) return true;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  return refMatches(a, b, ctx);
}

/** Result-type matching: same length, pointwise `≤`. */
export function matchesResultType(a: readonly ValType[], b: readonly ValType[], ctx: TypeContext): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!matchesValType(a[i], b[i], ctx)) return false;
  return true;
}

/** Type equivalence of value types: concrete heap types compare by canonical id. */
export function valTypeEquiv(a: StorageType, b: StorageType, ctx: TypeContext): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a.nullable !== b.nullable) return false;
  if (typeof a.heap === 'number' && typeof b.heap === 'number') return ctx.canon[a.heap] === ctx.canon[b.heap];
  return a.heap === b.heap;
}

// ---------------------------------------------------------------------------------------------
// Matching across modules — import matching (spec 3.0 §4.5.2 "Import Subtyping")

/**
 * `$a ≤ $b` for canonical ids: equal, or `b` is on `a`'s chain of declared supertypes — the same
 * walk as `concreteMatches`, on process-wide ids, so it holds between modules.
 */
export function canonicalIdMatches(a: number, b: number): boolean {
  for (let x = a; x >= 0; x = superOfId[x] ?? -1) if (x === b) return true;
  return false;
}

/** A heap type with its concrete index resolved to a canonical id through `canon`; undefined if it cannot be. */
function canonicalHeap(h: HeapType, canon: ArrayLike<number> | undefined): AbsHeapType | number | undefined {
  if (typeof h !== 'number') return h;
  const id = canon?.[h];
  return id === undefined || id < 0 ? undefined : id;
}

/**
 * Reference-type matching `a ≤ b` where `a` belongs to one module and `b` to another, each
 * with the canonical ids of its module's types (undefined for a type made outside any module,
 * which has abstract heap types only). Concrete types compare by canonical id and declared
 * supertypes, never by index: index 0 of one module says nothing about index 0 of another.
 */
export function refMatchesAcross(
  a: RefType, aCanon: ArrayLike<number> | undefined, b: RefType, bCanon: ArrayLike<number> | undefined,
): boolean {
  if (a.nullable && !b.nullable) return false;
  const ha = canonicalHeap(a.heap, aCanon), hb = canonicalHeap(b.heap, bCanon);
  if (ha === undefined || hb === undefined) return false;
  if (typeof ha === 'number') {
    return typeof hb === 'number' ? canonicalIdMatches(ha, hb) : concreteSupers[kindOfId[ha]].includes(hb);
  }
  if (typeof hb === 'number') return ha === (kindOfId[hb] === 'func' ? 'nofunc' : 'none');
  return absSupers[ha].includes(hb);
}

/** Value-type matching `a ≤ b` across modules (see `refMatchesAcross`). */
export function valTypeMatchesAcross(
  a: ValType, aCanon: ArrayLike<number> | undefined, b: ValType, bCanon: ArrayLike<number> | undefined,
): boolean {
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  return refMatchesAcross(a, aCanon, b, bCanon);
}

/** Value-type equivalence across modules: matching both ways. */
export function valTypeEquivAcross(
  a: ValType, aCanon: ArrayLike<number> | undefined, b: ValType, bCanon: ArrayLike<number> | undefined,
): boolean {
  return valTypeMatchesAcross(a, aCanon, b, bCanon) && valTypeMatchesAcross(b, bCanon, a, aCanon);
}

function storageMatches(a: StorageType, b: StorageType, ctx: TypeContext): boolean {
  if (a === 'i8' || a === 'i16' || b === 'i8' || b === 'i16') return a === b;
  return matchesValType(a, b, ctx);
}

/** Field matching: mutable fields are invariant, immutable ones covariant. */
function fieldMatches(a: FieldType, b: FieldType, ctx: TypeContext): boolean {
  if (a.mutable !== b.mutable) return false;
  return a.mutable ? valTypeEquiv(a.type, b.type, ctx) : storageMatches(a.type, b.type, ctx);
}

/** Composite-type matching (GC proposal): functions contra-/covariant, structs by prefix. */
function compMatches(a: CompType, b: CompType, ctx: TypeContext): boolean {
  if (a.kind === 'func' && b.kind === 'func') {
    return matchesResultType(b.params, a.params, ctx) && matchesResultType(a.results, b.results, ctx);
  }
  if (a.kind === 'struct' && b.kind === 'struct') {
    if (a.fields.length < b.fields.length) return false;
    return b.fields.every((f, i) => fieldMatches(a.fields[i], f, ctx));
  }
  if (a.kind === 'array' && b.kind === 'array') return fieldMatches(a.field, b.field, ctx);
  return false;
}

// ---------------------------------------------------------------------------------------------
// Validity of value types

/** spec 3.0 §3.2.1–3: heap types must be in range and their proposal enabled. */
export function validateHeapType(h: HeapType, numTypes: number, features: Features): void {
  if (typeof h === 'number') {
    if (!features.functionReferences) throw featureOff('a typed reference', 'functionReferences');
    if (!(Number.isInteger(h) && h >= 0 && h < numTypes)) throw unknown('type', h);
    return;
  }
  switch (h) {
    case 'func': case 'extern': return;
    case 'exn': case 'noexn':
      if (!features.exceptions) throw featureOff(`heap type ${h}`, 'exceptions');
      return;
    default:
      if (!features.gc) throw featureOff(`heap type ${h}`, 'gc');
  }
}

export function validateRefType(t: RefType, numTypes: number, features: Features): void {
  if (!t.nullable && !features.functionReferences) throw featureOff('a non-null reference type', 'functionReferences');
  validateHeapType(t.heap, numTypes, features);
}

/** Value types (spec §3.2): a type index below `numTypes`, v128 only with SIMD. */
export function validateValType(t: ValType, numTypes: number, features: Features): void {
  if (typeof t === 'object') validateRefType(t, numTypes, features);
  else if (t === 'v128' && !features.simd) throw featureOff('v128', 'simd');
}

/** Defaultable types (3.0 §3.2): locals of other types must be set before they are read. */
export function isDefaultable(t: ValType): boolean {
  return typeof t !== 'object' || t.nullable;
}

// ---------------------------------------------------------------------------------------------
// Limits, tables, memories, globals — spec §3.2.2–3.2.6

/** spec §3.2.1 Limits: `min ≤ k`, `max ≤ k`, `min ≤ max`; `rangeMessage` when out of range. */
export function validateLimits(lim: Limits, k: number, rangeMessage: string): void {
  if (!(lim.min <= k)) throw invalid(rangeMessage);
  if (lim.max === undefined) return;
  if (!(lim.max <= k)) throw invalid(rangeMessage);
  if (lim.min > lim.max) throw invalid('size minimum must not be greater than maximum');
}

const maxPages32 = 0x1_0000;
const maxPages64 = 2 ** 48;
const maxTable32 = 0xffff_ffff;
/** i64 table limits are bounded by 2^64-1, beyond every exact `number` (RATIONALE, Implementation limits). */
const maxTable64 = Number.MAX_VALUE;

/** spec §3.2.4 Memory types: at most 2^16 pages (2^48 for memory64). */
export function validateMemType(mt: MemType, features: Features): void {
  if (mt.addr === 'i64') {
    if (!features.memory64) throw featureOff('a 64-bit memory', 'memory64');
    validateLimits(mt.limits, maxPages64, 'memory size must be at most 2^48 pages');
  } else {
    validateLimits(mt.limits, maxPages32, 'memory size must be at most 65536 pages (4GiB)');
  }
  if (mt.shared) throw invalid('shared memories require the threads proposal, which is not supported');
}

/** spec §3.2.3 Table types: at most 2^32-1 elements (i64 tables: 2^64-1). */
export function validateTableType(tt: TableType, numTypes: number, features: Features): void {
  if (tt.addr === 'i64') {
    if (!features.memory64) throw featureOff('a 64-bit table', 'memory64');
    validateLimits(tt.limits, maxTable64, 'table size must be at most 2^64-1');
  } else {
    validateLimits(tt.limits, maxTable32, 'table size must be at most 2^32-1');
  }
  validateRefType(tt.elem, numTypes, features);
}

/** spec §3.2.5 Global types. */
export function validateGlobalType(gt: GlobalType, numTypes: number, features: Features): void {
  validateValType(gt.type, numTypes, features);
}

// ---------------------------------------------------------------------------------------------
// Defined types: validity and canonical ids — GC proposal "Type definitions", "Type equivalence"

/**
 * The canonical ids `validateModule` computed, per module it accepted: instantiation
 * (runtime/canon.ts) takes them from here instead of canonicalizing the types again.
 */
export const validatedTypeIds = new WeakMap<object, readonly number[]>();

/** Canonical key of a rec group (+ position) → process-wide canonical type id. */
const registry = new Map<string, number>();

/**
 * Per canonical id: the kind of its composite type, and the canonical id of its declared
 * supertype (-1 for none). Equal ids have equal supertypes (the key holds them), so one entry per
 * id describes every module's copy: what matching across modules needs (`refMatchesAcross`).
 */
const kindOfId: CompType['kind'][] = [];
const superOfId: number[] = [];

/** A new canonical id for `key`, with the kind and supertype `refMatchesAcross` reads. */
function register(key: string, st: SubType, canon: readonly number[]): number {
  const id = registry.size;
  registry.set(key, id);
  kindOfId[id] = st.comp.kind;
  superOfId[id] = st.supers.length > 0 ? canon[st.supers[0]] : -1;
  return id;
}

/**
 * Validates the type section (rec groups, composite types, declared supertypes) and returns the
 * canonical id of every type index. A module without `recGroups` (built by hand) is read as one
 * group per type, like 2.0's type section.
 */
export function defineTypes(types: readonly SubType[], recGroups: readonly RecGroup[], features: Features): number[] {
  const canon: number[] = [];
  const ctx = { types, canon };
  let next = 0;
  for (const g of recGroups) {
    if (g.start !== next || !Number.isInteger(g.count) || g.count < 0 || g.start + g.count > types.length) {
      throw invalid('malformed rec groups: they must cover the type section in order');
    }
    if (g.count !== 1 && !features.gc) throw featureOff('a recursive type group', 'gc');
    defineGroup(g.start, g.start + g.count, ctx, features);
    next = g.start + g.count;
  }
  for (; next < types.length; next++) defineGroup(next, next + 1, ctx, features);
  return canon;
}

/**
 * The registry key `defineGroup` makes for a group of one final function type without supertypes
 * whose parameters and results are number or vector types (every type of a 2.0 module), built
 * without the closures and arrays of `subTypeKey` — the same string, so the same id; undefined
 * for any other group.
 */
function plainFuncKey(st: SubType): string | undefined {
  if (!st.final || st.supers.length !== 0 || st.comp.kind !== 'func') return undefined;
  const { params, results } = st.comp;
  let key = 'final  (func ';
  for (let i = 0; i < params.length; i++) {
    const t = params[i];
    if (typeof t !== 'string') return undefined;
    key += i === 0 ? t : ` ${t}`;
  }
  key += ' -> ';
  for (let i = 0; i < results.length; i++) {
    const t = results[i];
    if (typeof t !== 'string') return undefined;
    key += i === 0 ? t : ` ${t}`;
  }
  return `${key})@0`;
}

/** Ids of the function types `plainFuncKey` covers by a small integer (`plainFuncShape`). */
const plainFuncIds = new Map<number, number>();

const shapeCodes: Readonly<Record<string, number>> = { i32: 1, i64: 2, f32: 3, f64: 4, v128: 5 };

/**
 * A function type of at most 7 parameters and 1 result, all number or vector types, as an integer
 * below 2^25: a leading 1, then one octal digit per parameter (1–5) and one for the result (0 for
 * none). -1 for other types.
 */
function plainFuncShape(st: SubType): number {
  if (!st.final || st.supers.length !== 0 || st.comp.kind !== 'func') return -1;
  const { params, results } = st.comp;
  if (params.length > 7 || results.length > 1) return -1;
  let shape = 1;
  for (let i = 0; i < params.length; i++) {
    const c = shapeCodes[params[i] as string];
    if (c === undefined) return -1;
    shape = shape * 8 + c;
  }
  if (results.length === 0) return shape * 8;
  const c = shapeCodes[results[0] as string];
  return c === undefined ? -1 : shape * 8 + c;
}

function defineGroup(start: number, end: number, ctx: TypeContext & { canon: number[] }, features: Features): void {
  const { types, canon } = ctx;
  if (end === start + 1) {
    // A 2.0-style function type: its id by an integer, or by a key string built directly.
    const shape = plainFuncShape(types[start]);
    let id = shape >= 0 ? plainFuncIds.get(shape) : undefined;
    if (id === undefined) {
      const key = plainFuncKey(types[start]);
      if (key !== undefined) {
        id = registry.get(key) ?? register(key, types[start], canon);
        if (shape >= 0) plainFuncIds.set(shape, id);
      }
    }
    if (id !== undefined) {
      validateSubTypeSyntax(types[start], start, end, features);
      canon[start] = id;
      return;
    }
  }
  // Types of a group may refer to each other and to earlier types, not to later groups.
  for (let i = start; i < end; i++) validateSubTypeSyntax(types[i], i, end, features);
  const keys: string[] = [];
  for (let i = start; i < end; i++) keys.push(subTypeKey(types[i], start, end, canon));
  const groupKey = keys.join('|');
  // A group's ids are given in order, so a supertype inside the group has its id before its
  // subtypes (supertypes precede them).
  for (let i = start; i < end; i++) {
    const key = `${groupKey}@${i - start}`;
    canon[i] = registry.get(key) ?? register(key, types[i], canon);
  }
  for (let i = start; i < end; i++) {
    for (const sup of types[i].supers) {
      if (types[sup].final || !compMatches(types[i].comp, types[sup].comp, ctx)) {
        throw invalid(`sub type ${i} does not match super type ${sup}`);
      }
    }
  }
}

function validateSubTypeSyntax(st: SubType, idx: number, numTypes: number, features: Features): void {
  if (!st.final || st.supers.length > 0) {
    if (!features.gc) throw featureOff('a declared subtype', 'gc');
  }
  if (st.supers.length > 1) throw invalid(`sub type ${idx} has more than one super type`);
  for (const sup of st.supers) if (!(Number.isInteger(sup) && sup >= 0 && sup < idx)) throw unknown('type', sup);
  const c = st.comp;
  switch (c.kind) {
    case 'func':
      for (const t of c.params) validateValType(t, numTypes, features);
      for (const t of c.results) validateValType(t, numTypes, features);
      return;
    case 'struct':
      if (!features.gc) throw featureOff('a struct type', 'gc');
      for (const f of c.fields) validateStorageType(f.type, numTypes, features);
      return;
    case 'array':
      if (!features.gc) throw featureOff('an array type', 'gc');
      validateStorageType(c.field.type, numTypes, features);
  }
}

function validateStorageType(t: StorageType, numTypes: number, features: Features): void {
  if (t !== 'i8' && t !== 'i16') validateValType(t, numTypes, features);
}

/** Key of one subtype: references into its own group are relative (`rN`), others canonical (`#id`). */
function subTypeKey(st: SubType, start: number, end: number, canon: readonly number[]): string {
  const heap = (h: HeapType): string =>
    typeof h === 'string' ? h : h >= start && h < end ? `r${h - start}` : `#${canon[h]}`;
  const val = (t: StorageType): string =>
    typeof t === 'string' ? t : `(ref${t.nullable ? ' null' : ''} ${heap(t.heap)})`;
  const field = (f: FieldType): string => `${f.mutable ? 'mut ' : ''}${val(f.type)}`;
  const c = st.comp;
  const comp = c.kind === 'func' ? `func ${c.params.map(val).join(' ')} -> ${c.results.map(val).join(' ')}`
    : c.kind === 'struct' ? `struct ${c.fields.map(field).join(' ')}`
    : `array ${field(c.field)}`;
  return `${st.final ? 'final' : 'open'} ${st.supers.map(heap).join(' ')} (${comp})`;
}
