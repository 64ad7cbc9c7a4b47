/**
 * Types — spec §2.3 (Structure › Types), shaped for WebAssembly 3.0 from the start.
 *
 * Value types are number types, the vector type, or *reference types*: a heap type plus a
 * nullability bit. Heap types are either abstract (`func`, `extern`, `any`, …) or a concrete
 * type index into the module's type section. Defined types are `SubType`s grouped into recursive
 * groups (`RecGroup`), so GC subtyping and iso-recursive equivalence fit without a rewrite.
 * A 2.0 module simply has one `SubType` per function type, each final, without supertypes, each in
 * its own recursive group.
 *
 * Number and vector types are plain strings (cheap to compare, readable in dumps); reference types
 * are small immutable objects. Compare value types with `valTypeEq`, never with `===` alone.
 */

export type NumType = 'i32' | 'i64' | 'f32' | 'f64';
export type VecType = 'v128';

/** Abstract heap types (spec 3.0 §2.3.3). `exn`/`noexn` come from the exception-handling proposal. */
export type AbsHeapType =
  | 'func' | 'nofunc'
  | 'extern' | 'noextern'
  | 'any' | 'eq' | 'i31' | 'struct' | 'array' | 'none'
  | 'exn' | 'noexn';

/** A heap type: abstract, or a concrete type index (a number) into the module's types. */
export type HeapType = AbsHeapType | number;

export interface RefType {
  readonly kind: 'ref';
  readonly nullable: boolean;
  readonly heap: HeapType;
}

export type ValType = NumType | VecType | RefType;

/** Packed storage types for GC struct/array fields. */
export type PackedType = 'i8' | 'i16';
export type StorageType = ValType | PackedType;

export interface FieldType {
  readonly type: StorageType;
  readonly mutable: boolean;
}

export interface FuncType {
  readonly kind: 'func';
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}
export interface StructType {
  readonly kind: 'struct';
  readonly fields: readonly FieldType[];
}
export interface ArrayType {
  readonly kind: 'array';
  readonly field: FieldType;
}
export type CompType = FuncType | StructType | ArrayType;

/** A defined type: a composite type with its declared supertypes (at most one) and finality. */
export interface SubType {
  readonly final: boolean;
  readonly supers: readonly number[];
  readonly comp: CompType;
}

/** A recursive group: `count` consecutive entries of `Module.types`, starting at `start`. */
export interface RecGroup {
  readonly start: number;
  readonly count: number;
}

/** Address type of a memory or table (memory64 / table64). */
export type AddrType = 'i32' | 'i64';

/**
 * Limits (spec §2.3.4). `min`/`max` count pages (memories) or elements (tables). Plain numbers:
 * every legal 64-bit limit that can be instantiated is below 2^53 (see RATIONALE, "Implementation
 * limits"); the decoder rejects larger values it cannot represent exactly only where the spec
 * would reject them too, otherwise it stores them rounded, which only ever makes instantiation fail.
 */
export interface Limits {
  readonly min: number;
  readonly max?: number;
}

export interface MemType {
  readonly limits: Limits;
  readonly addr: AddrType;
  readonly shared: boolean;
}

export interface TableType {
  readonly limits: Limits;
  readonly addr: AddrType;
  readonly elem: RefType;
}

export interface GlobalType {
  readonly type: ValType;
  readonly mutable: boolean;
}

/** A tag's type is a function type index (exception handling; results must be empty). */
export interface TagType {
  readonly typeIdx: number;
}

export type ExternKind = 'func' | 'table' | 'memory' | 'global' | 'tag';

// ---------------------------------------------------------------------------------------------
// Constructors and common constants

export function refType(nullable: boolean, heap: HeapType): RefType {
  return { kind: 'ref', nullable, heap };
}
export const funcref: RefType = refType(true, 'func');
export const externref: RefType = refType(true, 'extern');
export const anyref: RefType = refType(true, 'any');
export const exnref: RefType = refType(true, 'exn');

export function isRefType(t: StorageType): t is RefType {
  return typeof t === 'object';
}
export function isNumType(t: StorageType): t is NumType {
  return t === 'i32' || t === 'i64' || t === 'f32' || t === 'f64';
}

/** Structural equality of value types (syntactic: concrete indices compare as numbers). */
export function valTypeEq(a: StorageType, b: StorageType): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  return a.nullable === b.nullable && a.heap === b.heap;
}

export function valTypesEq(a: readonly StorageType[], b: readonly StorageType[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!valTypeEq(a[i], b[i])) return false;
  return true;
}

/** Text-format spelling of a value type, as used in error messages and dumps. */
export function valTypeToString(t: StorageType): string {
  if (typeof t === 'string') return t;
  const ht = typeof t.heap === 'number' ? String(t.heap) : t.heap;
  if (t.nullable) {
    // Use the short forms where they exist: funcref, externref, anyref, …
    if (typeof t.heap === 'string') return `${t.heap}ref`;
    return `(ref null ${ht})`;
  }
  return `(ref ${ht})`;
}

export function funcTypeToString(f: FuncType): string {
  return `[${f.params.map(valTypeToString).join(' ')}] -> [${f.results.map(valTypeToString).join(' ')}]`;
}

/** Number of bytes a value of this type occupies in memory / in the register file. */
export function byteWidth(t: ValType): number {
  switch (t) {
    case 'i32': case 'f32': return 4;
    case 'i64': case 'f64': return 8;
    case 'v128': return 16;
    default: return 8;
  }
}
