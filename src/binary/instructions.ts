/**
 * Instructions — spec §5.4 (Binary › Instructions) and §5.4.9 (Expressions).
 *
 * Decoding is driven by the opcode table (syntax/opcodes.ts): the opcode selects a row, the row's
 * `imm` kind says which immediates follow. Instructions stay flat, in binary order, with
 * `block`/`loop`/`if`/`try_table` … `else` … `end` as separate entries; a small stack of open
 * blocks finds the `end` that closes the expression.
 *
 * Opcodes and immediates of 3.0 proposals are gated by `Features`: without the feature the
 * opcode is illegal, or the 2.0 reading applies (e.g. `memory.size` takes a reserved zero byte
 * instead of a memory index).
 */

import type { Features } from '../syntax/features.js';
import type { BlockType, Catch, Expr, Instr, MemArg } from '../syntax/module.js';
import { opInfo, opcodes, PREFIXED_OPS, type OpInfo } from '../syntax/opcodes.js';
import { refType, type ValType } from '../syntax/types.js';
import type { Reader } from './reader.js';
import {
  readBlockType, readHeapType, readValType, writeBlockType, writeHeapType, writeValType,
} from './types.js';
import type { Writer } from './writer.js';

/** What expression decoding needs besides the reader, and what it reports back. */
export interface ExprContext {
  readonly features: Features;
  /** Set when `memory.init` or `data.drop` is decoded (they require a data count section). */
  usesDataIndex: boolean;
}

const ELSE = 0x05;
const END = 0x0b;
const IF = 0x04;
const PREFIX_GC = 0xfb;
const PREFIX_MISC = 0xfc;
const PREFIX_SIMD = 0xfd;

// ---------------------------------------------------------------------------------------------
// Opcode availability per feature set

/** Whether the proposal that introduced an opcode is enabled. */
function opcodeEnabled(op: OpInfo, f: Features): boolean {
  if (op.prefix === PREFIX_GC) return f.gc;
  if (op.prefix === PREFIX_SIMD) return op.sub >= 0x100 ? f.relaxedSimd : f.simd;
  switch (op.code) {
    case 0x08: case 0x0a: case 0x1f: return f.exceptions; // throw, throw_ref, try_table
    case 0x12: case 0x13: return f.tailCall; // return_call, return_call_indirect
    case 0x14: return f.functionReferences; // call_ref
    case 0x15: return f.functionReferences && f.tailCall; // return_call_ref
    case 0xd3: return f.gc; // ref.eq
    case 0xd4: case 0xd5: case 0xd6: return f.functionReferences; // ref.as_non_null, br_on_(non_)null
    default: return true;
  }
}

function prefixEnabled(prefix: number, f: Features): boolean {
  return prefix === PREFIX_MISC || (prefix === PREFIX_GC && f.gc) || (prefix === PREFIX_SIMD && f.simd);
}

/** How readExpr treats a single-byte opcode: a small integer, so its `switch` is a jump table. */
const enum Kind {
  Illegal, Plain, Index, I32, I64, MemArg, Other, End, Else, Prefix,
}

interface OpTables {
  /** Single-byte opcodes by byte (prefix bytes and else/end are handled before the lookup). */
  readonly single: readonly (OpInfo | undefined)[];
  /** Prefixed opcodes by `prefix - 0xFB`, then by sub-opcode. */
  readonly prefixed: readonly (readonly (OpInfo | undefined)[])[];
  /** `Kind` of every byte in opcode position. */
  readonly kinds: Uint8Array;
  /** Whether each prefixed opcode (as `prefixed`) is `Kind.Plain` (no immediates). */
  readonly prefixedPlain: readonly Uint8Array[];
}

const tablesByFeatures = new WeakMap<Features, OpTables>();
/** The last feature set asked for and its tables: one comparison instead of a WeakMap look-up per body. */
let lastFeatures: Features | undefined;
let lastTables: OpTables | undefined;

/** The opcode table restricted to `f`, built once per feature set. */
function opTables(f: Features): OpTables {
  if (f === lastFeatures) return lastTables!;
  let t = tablesByFeatures.get(f);
  if (t === undefined) {
    const single: (OpInfo | undefined)[] = new Array(256).fill(undefined);
    // Dense arrays filled up front (a sparse one would fall back to a dictionary).
    const sizes = [0, 0, 0];
    for (const op of opcodes) if (op.prefix !== 0) sizes[op.prefix - PREFIX_GC] = Math.max(sizes[op.prefix - PREFIX_GC], op.sub + 1);
    const prefixed = sizes.map((n) => new Array<OpInfo | undefined>(n).fill(undefined));
    for (const op of opcodes) {
      if (!opcodeEnabled(op, f)) continue;
      if (op.prefix === 0) single[op.code] ??= op;
      else prefixed[op.prefix - PREFIX_GC][op.sub] = op;
    }
    const kinds = new Uint8Array(256);
    for (let b = 0; b < 256; b++) {
      const info = single[b];
      if (b === END) kinds[b] = Kind.End;
      else if (b === ELSE) kinds[b] = Kind.Else;
      else if (b === PREFIX_GC || b === PREFIX_MISC || b === PREFIX_SIMD) {
        kinds[b] = prefixEnabled(b, f) ? Kind.Prefix : Kind.Illegal;
      } else if (info === undefined) kinds[b] = Kind.Illegal;
      else {
        switch (info.imm) {
          case 'none': kinds[b] = Kind.Plain; break;
          case 'local': case 'label': case 'func': case 'global': kinds[b] = Kind.Index; break;
          case 'i32': kinds[b] = Kind.I32; break;
          case 'i64': kinds[b] = Kind.I64; break;
          case 'memarg': kinds[b] = Kind.MemArg; break;
          default: kinds[b] = Kind.Other;
        }
      }
    }
    const prefixedPlain = prefixed.map((p) => Uint8Array.from(p, (info) => (info?.imm === 'none' ? 1 : 0)));
    t = { single, prefixed, kinds, prefixedPlain };
    tablesByFeatures.set(f, t);
  }
  lastFeatures = f;
  lastTables = t;
  return t;
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

// ---------------------------------------------------------------------------------------------
// Shared instructions

/**
 * Instrs are immutable, and most are `{ op }` alone or `{ op, idx }` with a small index
 * (`local.get 3`, `br 0`, `call 12`), a small `i32.const` or a load or store at a small offset. One
 * object per distinct instruction serves every body of every module, so the decoder allocates for
 * few instructions (RATIONALE, "Why share decoded instructions?"). The caches are bounded.
 */
/** Shared `{ op }`: single-byte opcodes by byte, prefixed ones by `prefix - 0xFB` and sub-opcode. */
const plainSingle: (Instr | undefined)[] = new Array(256).fill(undefined);
const plainPrefixed: (Instr | undefined)[][] = [0, 1, 2].map(() => new Array(0x200).fill(undefined));
/** Shared `{ op, idx }` for single-byte index opcodes: by op, then by index (below SMALL_INDEX). */
const indexedInstrs: (Instr | undefined)[][] = new Array(256).fill(undefined);
const SMALL_INDEX = 256;
/** Shared `i32.const` instructions for MIN_CONST … MAX_CONST, by value - MIN_CONST. */
const MIN_CONST = -128;
const MAX_CONST = 1023;
const i32Consts: (Instr | undefined)[] = new Array(MAX_CONST - MIN_CONST + 1).fill(undefined);
/**
 * Shared single-byte memory accesses on memory 0: offsets below DENSE_OFFSETS with alignment
 * exponents below DENSE_ALIGNS in a dense array per opcode (by `offset * DENSE_ALIGNS + align`),
 * other offsets below 2^16 in a map by a packed key. Exponents 0–3 cover the natural alignment
 * of every scalar access (v128's 4 takes the map): each dense array is 1024 slots, and every slot
 * is one more the collector visits at each mark (RATIONALE, "What does "start-up" measure, and
 * why distinct bytes each time?").
 */
const memDense: (Instr | undefined)[][] = new Array(256).fill(undefined);
const DENSE_OFFSETS = 256;
const DENSE_ALIGNS = 4;
const memInstrs = new Map<number, Instr>();
const MAX_SHARED_MEM_INSTRS = 8192;
const I32_CONST = 0x41;

/** A shared instruction, frozen: a consumer that writes to one would change every body using it. */
function shared<T extends object>(x: T): T {
  return Object.freeze(x);
}

function plainInstr(op: number): Instr {
  if (op < 256) return plainSingle[op] ??= shared({ op });
  const sub = op & 0xffff;
  const p = (op >>> 16) - PREFIX_GC;
  if (p >= 0 && p < 3 && sub < 0x200) return plainPrefixed[p][sub] ??= shared({ op });
  return { op };
}

function indexedInstr(op: number, idx: number): Instr {
  if (idx >= SMALL_INDEX) return { op, idx };
  // Dense arrays filled up front: a sparse one would fall back to a dictionary.
  const byIdx = indexedInstrs[op] ??= new Array<Instr | undefined>(SMALL_INDEX).fill(undefined);
  return byIdx[idx] ??= shared({ op, idx });
}

function i32Const(value: number): Instr {
  if (value < MIN_CONST || value > MAX_CONST) return { op: I32_CONST, value };
  return i32Consts[value - MIN_CONST] ??= shared({ op: I32_CONST, value });
}

/**
 * Shared `block` and `if` without a type or with a number or vector type, by op and type. Never
 * `loop`: the translator's fuel accounting keys each loop by its instruction object
 * (exec/translate.ts, `fuelCharges`).
 */
const blockInstrs: (Instr | undefined)[] = new Array(2 * 6).fill(undefined);
const blockTypeSlots: Readonly<Record<string, number>> = { i32: 1, i64: 2, f32: 3, f64: 4, v128: 5 };
const BLOCK = 0x02;

function blockInstr(op: number, bt: BlockType): Instr {
  const slot = bt === null ? 0 : typeof bt === 'string' ? blockTypeSlots[bt] : undefined;
  if (slot === undefined || (op !== BLOCK && op !== IF)) return { op, bt };
  return blockInstrs[(op === IF ? 6 : 0) + slot] ??= shared({ op, bt });
}

/** Shared `i64.const` instructions for MIN_CONST … MAX_CONST, by value - MIN_CONST. */
const i64Consts: (Instr | undefined)[] = new Array(MAX_CONST - MIN_CONST + 1).fill(undefined);
const I64_CONST = 0x42;

function i64Const(value: bigint): Instr {
  if (value < MIN_CONST_BIG || value > MAX_CONST_BIG) return { op: I64_CONST, value };
  return i64Consts[Number(value) - MIN_CONST] ??= shared({ op: I64_CONST, value });
}
const MIN_CONST_BIG = BigInt(MIN_CONST);
const MAX_CONST_BIG = BigInt(MAX_CONST);

function memInstr(op: number, mem: MemArg): Instr {
  if (mem.mem !== 0 || mem.offset >= 0x10000 || mem.align >= 32) return { op, mem };
  const key = ((mem.offset * 32 + mem.align) << 8) | op;
  let ins = memInstrs.get(key);
  if (ins === undefined) {
    if (memInstrs.size >= MAX_SHARED_MEM_INSTRS) return { op, mem };
    memInstrs.set(key, ins = shared({ op, mem: shared(mem) }));
  }
  return ins;
}

/**
 * A single-byte load or store: its memarg read here, the shared instruction looked up before
 * any MemArg is allocated when the flags are a plain small alignment (the same under every
 * feature set) and the offset small.
 */
function readMemInstr(r: Reader, op: number, f: Features): Instr {
  const at = r.pos;
  const align = r.u32();
  if (align < DENSE_ALIGNS) {
    const offset = f.memory64 ? r.u64Number() : r.u32();
    if (offset < DENSE_OFFSETS) {
      const byOp = memDense[op] ??= new Array<Instr | undefined>(DENSE_OFFSETS * DENSE_ALIGNS).fill(undefined);
      return byOp[offset * DENSE_ALIGNS + align] ??= shared({ op, mem: shared({ align, offset, mem: 0 }) });
    }
    return memInstr(op, { align, offset, mem: 0 });
  }
  r.pos = at;
  return memInstr(op, readMemArg(r, f));
}

// ---------------------------------------------------------------------------------------------
// Decoding

/** readExpr's buffer: dense, grown as needed, shared (decoding never nests). */
const scratch: Instr[] = [];
/**
 * Where readExpr writes the compact opcode (syntax/opcodes.ts `compactOp`) of each instruction:
 * `opsTail`, the free end of an arena shared by the modules decoded while it lasts, from which
 * `lastExprOps` cuts each function's opcodes. A module keeps its arenas alive, like the byte arena
 * of reader.ts.
 */
const OPS_ARENA = 1 << 15;
let opsBuffer = new ArrayBuffer(2 * OPS_ARENA);
let opsUsed = 0;
let opsTail: Uint16Array = new Uint16Array(opsBuffer);
/** How many instructions the expression read last had. */
let lastLength = 0;
const MAX_SCRATCH = 1 << 16;
/** readExpr's stack of open blocks (see there). */
const openBlocks: number[] = [];

/**
 * spec §5.4.9 an expression: instructions up to the `end` that closes it, which is consumed but
 * not returned. A misplaced `else` (outside an `if`, or a second one) is "END opcode expected",
 * as is anything but `end` where the expression must close.
 */
export function readExpr(r: Reader, ctx: ExprContext): Expr {
  const { single, prefixed, kinds, prefixedPlain } = opTables(ctx.features);
  const bytes = r.bytes;
  const end = bytes.length;
  // Instructions collect in `scratch` (reused, no growth per body), copied out once at the end.
  const body = scratch;
  // Opcodes go to `ops[n]` (the arena, past what earlier expressions claimed).
  let ops = opsTail;
  let n = 0;
  // One entry per open block, `open[0 … depth-1]`: 1 for an `if` still before its `else`, 0
  // otherwise. A shared array and a depth, not push/pop: `pop` shrinks an array's storage.
  const open = openBlocks;
  let depth = 0;
  // The position lives in `pos` here and in `r.pos` around calls that read through `r`.
  let pos = r.pos;
  for (;;) {
    if (pos >= end) {
      r.pos = pos;
      r.u8(); // "unexpected end"
    }
    if (n === ops.length) ops = moreOps(n);
    const at = pos;
    const b = bytes[pos++];
    // Most instructions are one of the first five kinds, read inline; one-byte immediates
    // without a call (index, constant).
    switch (kinds[b]) {
      case Kind.Plain:
        ops[n] = b;
        body[n++] = plainSingle[b] ?? plainInstr(b);
        continue;
      case Kind.Index: {
        let x = pos < end ? bytes[pos] : 0x80;
        if (x < 0x80) {
          pos++;
        } else {
          r.pos = pos;
          x = r.u32();
          pos = r.pos;
        }
        ops[n] = b;
        body[n++] = indexedInstr(b, x);
        continue;
      }
      case Kind.I32: {
        let v = pos < end ? bytes[pos] : 0x80;
        if (v < 0x80) {
          pos++;
          v = (v << 25) >> 25;
        } else {
          r.pos = pos;
          v = r.s32();
          pos = r.pos;
        }
        ops[n] = b;
        body[n++] = i32Const(v);
        continue;
      }
      case Kind.I64: {
        ops[n] = b;
        const v = pos < end ? bytes[pos] : 0x80;
        if (v < 0x80) {
          pos++;
          const x = (v << 25) >> 25;
          body[n++] = i64Consts[x - MIN_CONST] ??= shared({ op: I64_CONST, value: BigInt(x) });
        } else {
          r.pos = pos;
          body[n++] = i64Const(r.s64());
          pos = r.pos;
        }
        continue;
      }
      case Kind.MemArg:
        r.pos = pos;
        ops[n] = b;
        body[n++] = readMemInstr(r, b, ctx.features);
        pos = r.pos;
        continue;
      case Kind.End:
        if (depth === 0) {
          r.pos = pos;
          const expr = body.slice(0, n);
          lastLength = n;
          // Let go of a very large body's instructions.
          if (n > MAX_SCRATCH) scratch.length = 0;
          return expr;
        }
        depth--;
        ops[n] = END;
        body[n++] = plainSingle[END] ?? plainInstr(END);
        continue;
      case Kind.Else:
        if (depth === 0 || open[depth - 1] !== 1) r.fail('END opcode expected', at);
        open[depth - 1] = 0;
        ops[n] = ELSE;
        body[n++] = plainSingle[ELSE] ?? plainInstr(ELSE);
        continue;
      case Kind.Prefix: {
        r.pos = pos;
        const sub = r.u32();
        const tab = prefixed[b - PREFIX_GC];
        const info = sub < tab.length ? tab[sub] : undefined;
        if (info === undefined) r.fail(`illegal opcode ${hex2(b)} ${hex2(sub)}`, at);
        pos = r.pos;
        ops[n] = PREFIXED_OPS + (b - PREFIX_GC) * 512 + sub; // compactOp(info.code)
        if (prefixedPlain[b - PREFIX_GC][sub] === 1) {
          body[n++] = plainPrefixed[b - PREFIX_GC][sub] ?? plainInstr(info.code);
        } else {
          body[n++] = readInstr(r, info, ctx);
          pos = r.pos;
        }
        continue;
      }
      case Kind.Other: {
        const info = single[b]!;
        r.pos = pos;
        ops[n] = b;
        body[n++] = readInstr(r, info, ctx);
        pos = r.pos;
        if (info.imm === 'block' || info.imm === 'try_table') open[depth++] = b === IF ? 1 : 0;
        continue;
      }
      default:
        r.fail(`illegal opcode ${hex2(b)}`, at);
    }
  }
}

/** A new opcode arena, the `n` opcodes of the expression being read copied to its start. */
function moreOps(n: number): Uint16Array {
  const old = opsTail;
  opsBuffer = new ArrayBuffer(2 * Math.max(OPS_ARENA, 2 * n));
  opsUsed = 0;
  opsTail = new Uint16Array(opsBuffer);
  opsTail.set(old);
  return opsTail;
}

/**
 * The opcodes of the expression readExpr returned last, compact (syntax/opcodes.ts `compactOp`),
 * in order: a function's `ops` (syntax/module.ts), which the validator reads instead of each
 * instruction's `op` — instructions come in many shapes, so that load is megamorphic.
 */
export function lastExprOps(): Uint16Array {
  const ops = new Uint16Array(opsBuffer, opsUsed * 2, lastLength);
  opsUsed += lastLength;
  if (opsBuffer.byteLength > 2 * OPS_ARENA) {
    // An arena made for one very large body: the next modules share a new one of the usual size.
    opsBuffer = new ArrayBuffer(2 * OPS_ARENA);
    opsUsed = 0;
  }
  opsTail = new Uint16Array(opsBuffer, opsUsed * 2);
  return ops;
}

/** A memory index where 2.0 has a reserved zero byte (spec §5.4.6 "zero byte expected"). */
function readMemIdx(r: Reader, f: Features): number {
  if (f.multiMemory) return r.u32();
  r.zeroByte();
  return 0;
}

/**
 * spec §5.4.6 memarg: alignment flags then offset. With multi-memory, flag bit 6 announces a
 * memory index after the flags; with memory64 the offset is a u64.
 */
function readMemArg(r: Reader, f: Features): MemArg {
  const at = r.pos;
  const flags = r.u32();
  let mem = 0;
  let align = flags;
  if (f.multiMemory) {
    if (flags >= 0x80) r.fail('malformed memop flags', at);
    if (flags & 0x40) {
      mem = r.u32();
      align = flags & 0x3f;
    }
  } else if (flags >= 0x20) {
    r.fail('malformed memop flags', at);
  }
  const offset = f.memory64 ? r.u64Number() : r.u32();
  return { align, offset, mem };
}

const catchKinds: readonly Catch['kind'][] = ['catch', 'catch_ref', 'catch_all', 'catch_all_ref'];

/** Exception handling: one catch clause of `try_table`. */
function readCatch(r: Reader): Catch {
  const at = r.pos;
  const kind = catchKinds[r.u8()];
  if (kind === undefined) r.fail('malformed catch clause', at);
  if (kind === 'catch' || kind === 'catch_ref') {
    const tag = r.u32();
    return { kind, tag, label: r.u32() };
  }
  return { kind, label: r.u32() };
}

function readIndices(r: Reader): number[] {
  const n = r.len32();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) xs.push(r.u32());
  return xs;
}

/** The immediates of one instruction, after its opcode, as named by the row's `imm` kind. */
export function readInstr(r: Reader, info: OpInfo, ctx: ExprContext): Instr {
  const op = info.code;
  const f = ctx.features;
  switch (info.imm) {
    case 'none':
      return plainInstr(op);
    case 'block':
      return blockInstr(op, readBlockType(r, f));
    case 'label': case 'func': case 'type': case 'local': case 'global': case 'table': case 'elem':
    case 'tag':
      return { op, idx: r.u32() };
    case 'data':
      ctx.usesDataIndex = true;
      return { op, idx: r.u32() };
    case 'mem':
      return { op, idx: readMemIdx(r, f) };
    case 'br_table': {
      const labels = readIndices(r);
      return { op, labels, idx: r.u32() };
    }
    case 'call_indirect': case 'type_field': case 'type_n': case 'type_type': case 'table.init':
    case 'table.copy': {
      const idx = r.u32();
      return { op, idx, idx2: r.u32() };
    }
    case 'memarg':
      return { op, mem: readMemArg(r, f) };
    case 'i32':
      return { op, value: r.s32() };
    case 'i64':
      return { op, value: r.s64() };
    case 'f32':
      return { op, value: r.f32Bits() };
    case 'f64':
      return { op, value: r.f64Bits() };
    case 'select_t': {
      const n = r.len32();
      const types: ValType[] = [];
      for (let i = 0; i < n; i++) types.push(readValType(r, f));
      return { op, types };
    }
    case 'heaptype':
      return { op, heap: readHeapType(r, f) };
    case 'memory.init': {
      ctx.usesDataIndex = true;
      const idx = r.u32();
      return { op, idx, idx2: readMemIdx(r, f) };
    }
    case 'memory.copy': {
      const idx = readMemIdx(r, f);
      return { op, idx, idx2: readMemIdx(r, f) };
    }
    case 'try_table': {
      const bt = readBlockType(r, f);
      const n = r.len32();
      const catches: Catch[] = [];
      for (let i = 0; i < n; i++) catches.push(readCatch(r));
      return { op, bt, catches };
    }
    case 'v128': case 'shuffle':
      return { op, bytes: r.bytesN(16) };
    case 'lane':
      return { op, lane: r.u8() };
    case 'memarg_lane': {
      const mem = readMemArg(r, f);
      return { op, mem, lane: r.u8() };
    }
    case 'reftype':
      // ref.test / ref.cast: the odd sub-opcode of each pair is the nullable form.
      return { op, ref: refType((info.sub & 1) === 1, readHeapType(r, f)) };
    case 'br_on_cast': {
      const at = r.pos;
      const flags = r.u8();
      if (flags > 3) r.fail('malformed br_on_cast flags', at);
      const idx = r.u32();
      const ref = refType((flags & 1) !== 0, readHeapType(r, f));
      return { op, idx, ref, ref2: refType((flags & 2) !== 0, readHeapType(r, f)) };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Encoding

function writeMemArg(w: Writer, m: MemArg | undefined): void {
  const align = m?.align ?? 0;
  const mem = m?.mem ?? 0;
  if (mem !== 0) {
    w.u32(align | 0x40);
    w.u32(mem);
  } else {
    w.u32(align);
  }
  w.u64(m?.offset ?? 0);
}

function writeIndices(w: Writer, xs: readonly number[] | undefined): void {
  w.u32(xs?.length ?? 0);
  for (const x of xs ?? []) w.u32(x);
}

function writeCatch(w: Writer, c: Catch): void {
  const code = catchKinds.indexOf(c.kind);
  w.u8(code < 0 ? 0 : code);
  if (c.kind === 'catch' || c.kind === 'catch_ref') w.u32(c.tag ?? 0);
  w.u32(c.label);
}

/** A 32-bit immediate given either way (the writer wraps it to 32 bits). */
function asNumber(v: number | bigint | undefined): number {
  return typeof v === 'bigint' ? Number(BigInt.asIntN(32, v)) : v ?? 0;
}

/** A 64-bit immediate given either way; a non-integral number becomes 0. */
function asBigInt(v: number | bigint | undefined): bigint {
  if (typeof v === 'bigint') return v;
  return v !== undefined && Number.isInteger(v) ? BigInt(v) : 0n;
}

function write16Bytes(w: Writer, bytes: Uint8Array | undefined): void {
  const b = new Uint8Array(16);
  if (bytes !== undefined) b.set(bytes.subarray(0, 16));
  w.bytes(b);
}

/**
 * One instruction: opcode and immediates. Missing immediates are written as zero, so any Instr
 * encodes (an opcode the table does not know is written without immediates).
 */
export function writeInstr(w: Writer, ins: Instr): void {
  const op = ins.op;
  if (op > 0xff) {
    w.u8(op >>> 16);
    w.u32(op & 0xffff);
  } else {
    w.u8(op);
  }
  const info = opInfo.get(op);
  if (info !== undefined) writeImmediates(w, ins, info);
}

/** The immediates of `ins` as its row's `imm` kind lays them out (the inverse of readInstr). */
export function writeImmediates(w: Writer, ins: Instr, info: OpInfo): void {
  switch (info.imm) {
    case 'none':
      return;
    case 'block':
      writeBlockType(w, ins.bt);
      return;
    case 'label': case 'func': case 'type': case 'local': case 'global': case 'table': case 'elem':
    case 'tag': case 'data': case 'mem':
      w.u32(ins.idx ?? 0);
      return;
    case 'br_table':
      writeIndices(w, ins.labels);
      w.u32(ins.idx ?? 0);
      return;
    case 'call_indirect': case 'type_field': case 'type_n': case 'type_type': case 'table.init':
    case 'table.copy': case 'memory.init': case 'memory.copy':
      w.u32(ins.idx ?? 0);
      w.u32(ins.idx2 ?? 0);
      return;
    case 'memarg':
      writeMemArg(w, ins.mem);
      return;
    case 'i32':
      w.s32(asNumber(ins.value));
      return;
    case 'i64':
      w.s64(asBigInt(ins.value));
      return;
    case 'f32':
      w.f32Bits(asNumber(ins.value));
      return;
    case 'f64':
      w.f64Bits(asBigInt(ins.value));
      return;
    case 'select_t':
      w.u32(ins.types?.length ?? 0);
      for (const t of ins.types ?? []) writeValType(w, t);
      return;
    case 'heaptype':
      writeHeapType(w, ins.heap ?? 'func');
      return;
    case 'try_table':
      writeBlockType(w, ins.bt);
      w.u32(ins.catches?.length ?? 0);
      for (const c of ins.catches ?? []) writeCatch(w, c);
      return;
    case 'v128': case 'shuffle':
      write16Bytes(w, ins.bytes);
      return;
    case 'lane':
      w.u8(ins.lane ?? 0);
      return;
    case 'memarg_lane':
      writeMemArg(w, ins.mem);
      w.u8(ins.lane ?? 0);
      return;
    case 'reftype':
      writeHeapType(w, ins.ref?.heap ?? 'func');
      return;
    case 'br_on_cast':
      w.u8((ins.ref?.nullable ? 1 : 0) | (ins.ref2?.nullable ? 2 : 0));
      w.u32(ins.idx ?? 0);
      writeHeapType(w, ins.ref?.heap ?? 'func');
      writeHeapType(w, ins.ref2?.heap ?? 'func');
  }
}

/** An expression and its closing `end`. */
export function writeExpr(w: Writer, expr: Expr): void {
  for (const ins of expr) writeInstr(w, ins);
  w.u8(END);
}

/** `ref.func i` as a one-instruction constant expression (element segments' index forms). */
export function refFuncExpr(funcIdx: number): Expr {
  return [indexedInstr(0xd2, funcIdx)];
}

/** The function index when `e` is exactly `ref.func i`, else undefined. */
export function refFuncIndex(e: Expr): number | undefined {
  return e.length === 1 && e[0].op === 0xd2 ? e[0].idx : undefined;
}

