/**
 * Types — spec §5.3 (Binary › Types), extended by the 3.0 proposals: typed references and heap
 * types (function-references, GC), recursive/sub/struct/array types (GC), 64-bit limits
 * (memory64), exception references (exception handling).
 *
 * Every encoding beyond 2.0 is accepted only when its feature is enabled; otherwise the byte is
 * malformed exactly as a 2.0 decoder would see it.
 */

import type { Features } from '../syntax/features.js';
import type { BlockType, Module } from '../syntax/module.js';
import {
  refType,
  type AbsHeapType, type AddrType, type CompType, type FieldType, type GlobalType, type HeapType,
  type Limits, type MemType, type RefType, type StorageType, type SubType, type TableType,
  type TagType, type ValType,
} from '../syntax/types.js';
import type { Reader } from './reader.js';
import type { Writer } from './writer.js';

// ---------------------------------------------------------------------------------------------
// Heap and reference types (spec §5.3.3; 3.0 heap types)

/** The one-byte codes of abstract heap types (also the shorthand `(ref null ht)` value types). */
const absHeapCodes: Readonly<Record<AbsHeapType, number>> = {
  func: 0x70, extern: 0x6f, any: 0x6e, eq: 0x6d, i31: 0x6c, struct: 0x6b, array: 0x6a,
  none: 0x71, noextern: 0x72, nofunc: 0x73, exn: 0x69, noexn: 0x74,
};

/** Code → abstract heap type, indexed by byte. */
const absHeapByCode: (AbsHeapType | undefined)[] = [];
for (const [ht, code] of Object.entries(absHeapCodes)) absHeapByCode[code] = ht as AbsHeapType;

/** The shared nullable reference type of each abstract heap type (the shorthand forms). */
const nullableAbs = new Map<AbsHeapType, RefType>();
for (const ht of Object.keys(absHeapCodes) as AbsHeapType[]) nullableAbs.set(ht, refType(true, ht));

/** Whether an abstract heap type exists under these features. */
function absHeapAllowed(ht: AbsHeapType, f: Features): boolean {
  switch (ht) {
    case 'func': case 'extern': return true;
    case 'exn': case 'noexn': return f.exceptions;
    default: return f.gc;
  }
}

/**
 * A type code is a one-byte s7 (spec §5.3): a byte with the continuation bit would need a second
 * byte the s7 range has no room for — "integer representation too long", as for any LEB128.
 * Other unknown codes get the type-specific message.
 */
function malformedCode(r: Reader, code: number, at: number, message: string): never {
  if (code >= 0x80) r.fail('integer representation too long', at + 1);
  return r.fail(message, at);
}

const REF_NULL = 0x63;
const REF = 0x64;

/** 3.0 heap type: an abstract code byte, or an s33 type index (typed function references). */
export function readHeapType(r: Reader, f: Features): HeapType {
  const at = r.pos;
  const b = r.u8();
  const abs = absHeapByCode[b];
  if (abs !== undefined && absHeapAllowed(abs, f)) return abs;
  if (!f.functionReferences) malformedCode(r, b, at, 'malformed heap type');
  r.pos = at;
  const idx = r.s33();
  if (idx < 0) r.fail('malformed heap type', at);
  return idx;
}

/** spec §5.3.3 reference type: a shorthand byte, or 0x63/0x64 with a heap type. */
export function readRefType(r: Reader, f: Features): RefType {
  const at = r.pos;
  const b = r.u8();
  const abs = absHeapByCode[b];
  if (abs !== undefined && absHeapAllowed(abs, f)) return nullableAbs.get(abs)!;
  if ((b === REF_NULL || b === REF) && f.functionReferences) {
    return refType(b === REF_NULL, readHeapType(r, f));
  }
  return malformedCode(r, b, at, 'malformed reference type');
}

export function writeHeapType(w: Writer, ht: HeapType): void {
  if (typeof ht === 'number') w.s33(ht);
  else w.u8(absHeapCodes[ht] ?? absHeapCodes.func);
}

export function writeRefType(w: Writer, t: RefType): void {
  if (t.nullable && typeof t.heap === 'string') {
    writeHeapType(w, t.heap); // shorthand: funcref, externref, anyref, …
    return;
  }
  w.u8(t.nullable ? REF_NULL : REF);
  writeHeapType(w, t.heap);
}

// ---------------------------------------------------------------------------------------------
// Value types (spec §5.3.1 number types, §5.3.2 vector types, §5.3.4 value types)

const numTypeByCode: (ValType | undefined)[] = [];
numTypeByCode[0x7f] = 'i32';
numTypeByCode[0x7e] = 'i64';
numTypeByCode[0x7d] = 'f32';
numTypeByCode[0x7c] = 'f64';
const V128 = 0x7b;

export function readValType(r: Reader, f: Features): ValType {
  const b = r.peek();
  const num = numTypeByCode[b];
  if (num !== undefined) {
    r.pos++;
    return num;
  }
  if (b === V128 && f.simd) {
    r.pos++;
    return 'v128';
  }
  return readRefType(r, f);
}

export function writeValType(w: Writer, t: ValType): void {
  switch (t) {
    case 'i32': w.u8(0x7f); return;
    case 'i64': w.u8(0x7e); return;
    case 'f32': w.u8(0x7d); return;
    case 'f64': w.u8(0x7c); return;
    case 'v128': w.u8(V128); return;
    default: writeRefType(w, t);
  }
}

/** spec §5.3.5 result type: a vector of value types. */
export function readResultType(r: Reader, f: Features): ValType[] {
  const n = r.len32();
  const ts: ValType[] = [];
  for (let i = 0; i < n; i++) ts.push(readValType(r, f));
  return ts;
}

export function writeResultType(w: Writer, ts: readonly ValType[]): void {
  w.u32(ts.length);
  for (const t of ts) writeValType(w, t);
}

/**
 * spec §5.4.1 block type: 0x40 (empty), a value type (a one-byte negative s33), or a
 * non-negative s33 type index.
 */
export function readBlockType(r: Reader, f: Features): BlockType {
  const b = r.peek();
  if (b === 0x40) {
    r.pos++;
    return null;
  }
  if ((b & 0xc0) === 0x40) return readValType(r, f);
  const at = r.pos;
  const idx = r.s33();
  if (idx < 0) r.fail('malformed type index', at);
  return idx;
}

export function writeBlockType(w: Writer, bt: BlockType | undefined): void {
  if (bt === null || bt === undefined) w.u8(0x40);
  else if (typeof bt === 'number') w.s33(bt);
  else writeValType(w, bt);
}

// ---------------------------------------------------------------------------------------------
// Defined types (spec §5.3.6 function types; 3.0 GC: rec, sub, struct, array)

const REC = 0x4e;
const SUB = 0x50;
const SUB_FINAL = 0x4f;
const ARRAY = 0x5e;
const STRUCT = 0x5f;
const FUNC = 0x60;
const I8 = 0x78;
const I16 = 0x77;

function readMutability(r: Reader): boolean {
  const at = r.pos;
  const b = r.u8();
  if (b > 1) r.fail('malformed mutability', at);
  return b === 1;
}

function readStorageType(r: Reader, f: Features): StorageType {
  const b = r.peek();
  if (b === I8 || b === I16) {
    r.pos++;
    return b === I8 ? 'i8' : 'i16';
  }
  return readValType(r, f);
}

function readFieldType(r: Reader, f: Features): FieldType {
  const type = readStorageType(r, f);
  return { type, mutable: readMutability(r) };
}

function readCompType(r: Reader, f: Features): CompType {
  const at = r.pos;
  const b = r.u8();
  if (b === FUNC) {
    const params = readResultType(r, f);
    return { kind: 'func', params, results: readResultType(r, f) };
  }
  if (f.gc && b === STRUCT) {
    const n = r.len32();
    const fields: FieldType[] = [];
    for (let i = 0; i < n; i++) fields.push(readFieldType(r, f));
    return { kind: 'struct', fields };
  }
  if (f.gc && b === ARRAY) return { kind: 'array', field: readFieldType(r, f) };
  return malformedCode(r, b, at, f.gc ? 'malformed definition type' : 'malformed function type');
}

function readSubType(r: Reader, f: Features): SubType {
  const b = r.peek();
  if (f.gc && (b === SUB || b === SUB_FINAL)) {
    r.pos++;
    const n = r.len32();
    const supers: number[] = [];
    for (let i = 0; i < n; i++) supers.push(r.u32());
    return { final: b === SUB_FINAL, supers, comp: readCompType(r, f) };
  }
  return { final: true, supers: [], comp: readCompType(r, f) };
}

/**
 * One entry of the type section: a recursive group `0x4E vec(subtype)` or a lone subtype (its
 * own group). Appends to `m.types` and `m.recGroups`.
 */
export function readRecType(r: Reader, f: Features, m: Module): void {
  const start = m.types.length;
  if (f.gc && r.peek() === REC) {
    r.pos++;
    const n = r.len32();
    for (let i = 0; i < n; i++) m.types.push(readSubType(r, f));
    m.recGroups.push({ start, count: n });
    return;
  }
  m.types.push(readSubType(r, f));
  m.recGroups.push({ start, count: 1 });
}

function writeFieldType(w: Writer, ft: FieldType): void {
  if (ft.type === 'i8') w.u8(I8);
  else if (ft.type === 'i16') w.u8(I16);
  else writeValType(w, ft.type);
  w.u8(ft.mutable ? 1 : 0);
}

function writeCompType(w: Writer, ct: CompType): void {
  switch (ct.kind) {
    case 'func':
      w.u8(FUNC);
      writeResultType(w, ct.params);
      writeResultType(w, ct.results);
      return;
    case 'struct':
      w.u8(STRUCT);
      w.u32(ct.fields.length);
      for (const ft of ct.fields) writeFieldType(w, ft);
      return;
    case 'array':
      w.u8(ARRAY);
      writeFieldType(w, ct.field);
  }
}

/** A subtype; final types without supertypes use the short (2.0) form. */
export function writeSubType(w: Writer, st: SubType): void {
  if (!st.final || st.supers.length > 0) {
    w.u8(st.final ? SUB_FINAL : SUB);
    w.u32(st.supers.length);
    for (const s of st.supers) w.u32(s);
  }
  writeCompType(w, st.comp);
}

/** A recursive group of any size but one (those are written as lone subtypes). */
export function writeRecGroup(w: Writer, types: readonly SubType[]): void {
  w.u8(REC);
  w.u32(types.length);
  for (const st of types) writeSubType(w, st);
}

// ---------------------------------------------------------------------------------------------
// Limits, memory, table, global and tag types (spec §5.3.7–§5.3.10; memory64; exceptions)

interface DecodedLimits {
  readonly limits: Limits;
  readonly addr: AddrType;
}

/**
 * spec §5.3.7 limits. In 2.0 the flag is a one-bit LEB128 (so 0x02 is "integer too large") and
 * the bounds are u32. With memory64 the flag is a byte — bit 0 max present, bit 2 64-bit
 * addresses; bit 1 (shared, threads) and all others are "malformed limits flags" — and the bounds
 * are u64 whatever the address type (the 3.0 suite reads them that way).
 */
function readLimits(r: Reader, f: Features): DecodedLimits {
  if (!f.memory64) {
    const hasMax = r.uN(1) === 1;
    const min = r.u32();
    return { limits: hasMax ? { min, max: r.u32() } : { min }, addr: 'i32' };
  }
  const at = r.pos;
  const flags = r.u8();
  if ((flags & ~0x05) !== 0) r.fail('malformed limits flags', at);
  const addr: AddrType = flags & 4 ? 'i64' : 'i32';
  const min = r.u64Number();
  return { limits: flags & 1 ? { min, max: r.u64Number() } : { min }, addr };
}

/** Flags byte and bounds; the 2.0 forms (flags 0 and 1) come out byte-identical. */
function writeLimits(w: Writer, limits: Limits, addr: AddrType, shared: boolean): void {
  const hasMax = limits.max !== undefined;
  w.u8((hasMax ? 1 : 0) | (shared ? 2 : 0) | (addr === 'i64' ? 4 : 0));
  w.u64(limits.min);
  if (hasMax) w.u64(limits.max!);
}

/** spec §5.3.8 memory type. */
export function readMemType(r: Reader, f: Features): MemType {
  const { limits, addr } = readLimits(r, f);
  return { limits, addr, shared: false };
}

export function writeMemType(w: Writer, t: MemType): void {
  writeLimits(w, t.limits, t.addr, t.shared);
}

/** spec §5.3.9 table type: element reference type, then limits. */
export function readTableType(r: Reader, f: Features): TableType {
  const elem = readRefType(r, f);
  const { limits, addr } = readLimits(r, f);
  return { limits, addr, elem };
}

export function writeTableType(w: Writer, t: TableType): void {
  writeRefType(w, t.elem);
  writeLimits(w, t.limits, t.addr, false);
}

/** spec §5.3.10 global type: value type, then mutability 0x00 / 0x01. */
export function readGlobalType(r: Reader, f: Features): GlobalType {
  const type = readValType(r, f);
  return { type, mutable: readMutability(r) };
}

export function writeGlobalType(w: Writer, t: GlobalType): void {
  writeValType(w, t.type);
  w.u8(t.mutable ? 1 : 0);
}

/** Exception handling: a tag type is the attribute byte 0x00 (exception) and a type index. */
export function readTagType(r: Reader): TagType {
  r.zeroByte();
  return { typeIdx: r.u32() };
}

export function writeTagType(w: Writer, t: TagType): void {
  w.u8(0);
  w.u32(t.typeIdx);
}
