/**
 * Text format instructions — spec §6.5 (Text › Instructions): flat and folded instructions,
 * block types and labels, and every immediate by its kind in the opcode table (syntax/opcodes.ts).
 * Instructions come out in flat binary order: `block … end`, operands before their operator.
 */

import type { BlockType, Catch, Instr, MemArg } from '../syntax/module.js';
import { Op, opByName, type OpInfo } from '../syntax/opcodes.js';
import type { ValType } from '../syntax/types.js';
import { isUnknownOperator, type Cursor } from './cursor.js';
import { errorAt, type Token } from './lexer.js';
import { parseF32, parseF64, parseI32, parseI64, parseIntN, parseUnsigned } from './numbers.js';
import { Space, TypeParser } from './types.js';

/** Where an instruction sequence lives: a function body (locals, labels) or a constant expression. */
export interface BodyCtx {
  readonly locals: Space;
  /** Enclosing block labels, innermost last (`undefined` for unnamed blocks). */
  readonly labels: (string | undefined)[];
}

/** Whether `kw` begins an instruction (`else` and `end` only continue one). */
function isInstrKeyword(kw: string): boolean {
  return opByName.has(kw) && kw !== 'else' && kw !== 'end';
}

/** `v128.const` shapes: lane count, lane kind and lane width. */
const vecShapes = new Map<string, { lanes: number; kind: 'i' | 'f'; bits: number }>([
  ['i8x16', { lanes: 16, kind: 'i', bits: 8 }],
  ['i16x8', { lanes: 8, kind: 'i', bits: 16 }],
  ['i32x4', { lanes: 4, kind: 'i', bits: 32 }],
  ['i64x2', { lanes: 2, kind: 'i', bits: 64 }],
  ['f32x4', { lanes: 4, kind: 'f', bits: 32 }],
  ['f64x2', { lanes: 2, kind: 'f', bits: 64 }],
]);

/** Whether `t` is a number token (a lane literal candidate). */
function isNumber(t: Token): boolean {
  return t.kind === 'nat' || t.kind === 'int' || t.kind === 'float';
}

/**
 * The number tokens that follow, as the reference interpreter reads lane lists: all of them,
 * then the count is checked — a malformed token among them is reported first.
 */
function laneLiterals(c: Cursor): Token[] {
  const lits: Token[] = [];
  while (isNumber(c.peek())) lits.push(c.next());
  if (isUnknownOperator(c.peek())) throw c.unexpected();
  return lits;
}

/**
 * `v128.const` lanes (spec §6.5.9 vector instructions): `shape` then one literal per lane, as 16
 * little-endian bytes. Shared with the script parser.
 */
export function parseV128Lanes(c: Cursor): Uint8Array {
  const shapeTok = c.next();
  const shape = shapeTok.kind === 'keyword' ? vecShapes.get(shapeTok.text) : undefined;
  if (!shape) throw c.unexpected(shapeTok);
  const lits = laneLiterals(c);
  if (lits.length !== shape.lanes) throw errorAt(lits[0] ?? shapeTok, 'wrong number of lane literals');
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  lits.forEach((t, i) => {
    if (shape.kind === 'i' && t.kind === 'float') throw c.unexpected(t);
    const at = (i * 16) / shape.lanes;
    if (shape.kind === 'f') {
      const bits = shape.bits === 32 ? parseF32(t.text) : parseF64(t.text);
      if (bits === undefined) throw errorAt(t, 'constant out of range');
      if (typeof bits === 'number') view.setInt32(at, bits, true);
      else view.setBigInt64(at, bits, true);
    } else {
      const v = parseIntN(t.text, shape.bits);
      if (v === undefined) throw errorAt(t, 'constant out of range');
      if (shape.bits === 64) view.setBigInt64(at, v, true);
      else if (shape.bits === 32) view.setInt32(at, Number(v), true);
      else if (shape.bits === 16) view.setInt16(at, Number(v), true);
      else view.setInt8(at, Number(v));
    }
  });
  return bytes;
}

export class InstrParser extends TypeParser {
  /** Whether any function uses memory.init or data.drop (they need the data count section). */
  protected usesDataCount = false;

  /** Context of a constant expression: no locals, no labels. */
  protected constCtx(): BodyCtx {
    return { locals: new Space('local'), labels: [] };
  }

  /** spec §6.5.1 label index: numeric, or an identifier resolved to its depth (innermost wins). */
  protected label(ctx: BodyCtx): number {
    const t = this.c.peek();
    if (t.kind !== 'id') return this.u32(t);
    this.c.next();
    const i = ctx.labels.lastIndexOf(t.name);
    if (i < 0) throw errorAt(t, `unknown label ${t.text}`);
    return ctx.labels.length - 1 - i;
  }

  /** Whether a folded instruction `(op …)` is next (offsets and element items may be one). */
  protected isFoldedInstr(): boolean {
    const t = this.c.peek(1);
    return this.c.peek().kind === 'lparen' && t.kind === 'keyword' && isInstrKeyword(t.text);
  }

  /**
   * An instruction sequence, flat or folded, until a token that cannot start an instruction; the
   * caller then expects its own terminator (`)`, `end`, `else`), so stray tokens are reported there.
   */
  protected instrs(ctx: BodyCtx, out: Instr[]): void {
    const c = this.c;
    for (;;) {
      const t = c.peek();
      if (t.kind === 'lparen') {
        const k = c.peek(1);
        if (k.kind !== 'keyword' || !isInstrKeyword(k.text)) {
          // `(get_local …)`: report the unknown keyword itself, as the reference interpreter does.
          if (isUnknownOperator(k)) throw c.unexpected(k);
          return;
        }
        this.foldedInstr(ctx, out);
      } else if (t.kind === 'keyword' && isInstrKeyword(t.text)) {
        this.flatInstr(ctx, out);
      } else {
        return;
      }
    }
  }

  /** One instruction in flat form; a structured one (spec §6.5.2) up to its `end`. */
  protected flatInstr(ctx: BodyCtx, out: Instr[]): void {
    const c = this.c;
    const tok = c.next();
    const op = opByName.get(tok.text)!;
    if (op.imm === 'block' || op.imm === 'try_table') {
      const label = c.eatId();
      const head = this.blockHead(op, ctx);
      out.push(head);
      ctx.labels.push(label?.name);
      this.instrs(ctx, out);
      if (op.code === Op.if && c.isKeyword('else')) {
        c.next();
        this.endLabel(label);
        const at = out.length;
        out.push({ op: Op.else });
        this.instrs(ctx, out);
        // spec §5.4.1: an empty else branch is not encoded.
        if (out.length === at + 1) out.pop();
      }
      c.expectKeyword('end');
      this.endLabel(label);
      ctx.labels.pop();
      out.push({ op: Op.end });
      return;
    }
    out.push(this.plainInstr(op, tok, ctx));
  }

  /** `end $l` / `else $l`: the label, if repeated, must match the block's. */
  protected endLabel(label: Token | undefined): void {
    const id = this.c.eatId();
    if (id && id.name !== label?.name) throw errorAt(id, `mismatching label ${id.text}`);
  }

  /** A folded instruction (spec §6.5.10): operands first, then the instruction. */
  protected foldedInstr(ctx: BodyCtx, out: Instr[]): void {
    const c = this.c;
    c.expectLParen();
    const tok = c.peek();
    if (tok.kind !== 'keyword' || !isInstrKeyword(tok.text)) throw c.unexpected(tok);
    c.next();
    const op = opByName.get(tok.text)!;
    if (op.imm === 'block' || op.imm === 'try_table') {
      const label = c.eatId();
      const head = this.blockHead(op, ctx);
      if (op.code === Op.if) {
        while (c.peek().kind === 'lparen' && !c.isLParenKeyword('then')) this.foldedInstr(ctx, out);
        out.push(head);
        ctx.labels.push(label?.name);
        c.expectLParenKeyword('then');
        this.instrs(ctx, out);
        c.expectRParen();
        if (c.isLParenKeyword('else')) {
          c.pos += 2;
          const at = out.length;
          out.push({ op: Op.else });
          this.instrs(ctx, out);
          if (out.length === at + 1) out.pop();
          c.expectRParen();
        }
      } else {
        out.push(head);
        ctx.labels.push(label?.name);
        this.instrs(ctx, out);
      }
      c.expectRParen();
      ctx.labels.pop();
      out.push({ op: Op.end });
      return;
    }
    const instr = this.plainInstr(op, tok, ctx);
    while (c.peek().kind === 'lparen') this.foldedInstr(ctx, out);
    c.expectRParen();
    out.push(instr);
  }

  /** Block type (spec §6.5.2) and, for try_table, catch clauses: the opening instruction. */
  protected blockHead(op: OpInfo, ctx: BodyCtx): Instr {
    const bt = this.blockType();
    if (op.imm !== 'try_table') return { op: op.code, bt };
    // Catch labels are resolved outside the try_table's own label (3.0 exception handling).
    const catches: Catch[] = [];
    const c = this.c;
    for (;;) {
      const kind = ['catch', 'catch_ref', 'catch_all', 'catch_all_ref'].find((k) => c.isLParenKeyword(k));
      if (!kind) break;
      c.pos += 2;
      if (kind === 'catch' || kind === 'catch_ref') {
        const tag = this.index(this.tags);
        catches.push({ kind, tag, label: this.label(ctx) });
      } else {
        catches.push({ kind: kind as Catch['kind'], label: this.label(ctx) });
      }
      c.expectRParen();
    }
    return { op: op.code, bt, catches };
  }

  /**
   * spec §6.5.2 block types: a type use, except that no parameters and at most one result is the
   * value-type shorthand. Parameters cannot be named.
   */
  protected blockType(): BlockType {
    const u = this.typeUseParts(false);
    if (u.explicit === undefined && u.params.length === 0 && u.results.length <= 1) {
      return u.results.length === 0 ? null : u.results[0];
    }
    return this.typeIndex(u);
  }

  /** A plain instruction's immediates, by the opcode's immediate kind (syntax/opcodes.ts). */
  protected plainInstr(op: OpInfo, tok: Token, ctx: BodyCtx): Instr {
    const c = this.c;
    const code = op.code;
    switch (op.imm) {
      case 'none':
        if (code === Op.select && c.isLParenKeyword('result')) {
          // spec §6.5.4 typed select: `select (result t*)*`.
          const types: ValType[] = [];
          while (c.isLParenKeyword('result')) {
            c.pos += 2;
            while (c.peek().kind !== 'rparen') types.push(this.valType());
            c.expectRParen();
          }
          return { op: Op.select_t, types };
        }
        return { op: code };
      case 'label':
        return { op: code, idx: this.label(ctx) };
      case 'br_table': {
        const labels: number[] = [this.label(ctx)];
        while (this.isIndexNext()) labels.push(this.label(ctx));
        const idx = labels.pop()!;
        return { op: code, labels, idx };
      }
      case 'func': return { op: code, idx: this.index(this.funcs) };
      case 'local': return { op: code, idx: this.index(ctx.locals) };
      case 'global': return { op: code, idx: this.index(this.globals) };
      case 'type': return { op: code, idx: this.index(this.types) };
      case 'elem': return { op: code, idx: this.index(this.elems) };
      case 'data':
        this.usesDataCount = true;
        return { op: code, idx: this.index(this.datas) };
      case 'tag': return { op: code, idx: this.index(this.tags) };
      // spec §6.5.6: table indices may be omitted, defaulting to 0.
      case 'table': return { op: code, idx: this.optIndex(this.tables) ?? 0 };
      // Memory indices (3.0 multi-memory) likewise.
      case 'mem': return { op: code, idx: this.optIndex(this.mems) ?? 0 };
      case 'call_indirect': {
        const table = this.optIndex(this.tables) ?? 0;
        return { op: code, idx: this.typeIndex(this.typeUseParts(false)), idx2: table };
      }
      case 'memarg': return { op: code, mem: this.memarg(op) };
      case 'i32': return { op: code, value: c.number(parseI32, 'int') };
      case 'i64': return { op: code, value: c.number(parseI64, 'int') };
      case 'f32': return { op: code, value: c.number(parseF32, 'float') };
      case 'f64': return { op: code, value: c.number(parseF64, 'float') };
      case 'heaptype': return { op: code, heap: this.heapType() };
      case 'memory.init': {
        // `memory.init x` (data x, memory 0) or `memory.init m x`.
        this.usesDataCount = true;
        const mem = this.isIndexNext(1) ? this.index(this.mems) : 0;
        return { op: code, idx: this.index(this.datas), idx2: mem };
      }
      case 'table.init': {
        const table = this.isIndexNext(1) ? this.index(this.tables) : 0;
        return { op: code, idx: this.index(this.elems), idx2: table };
      }
      case 'memory.copy': {
        if (!this.isIndexNext()) return { op: code, idx: 0, idx2: 0 };
        return { op: code, idx: this.index(this.mems), idx2: this.index(this.mems) };
      }
      case 'table.copy': {
        if (!this.isIndexNext()) return { op: code, idx: 0, idx2: 0 };
        return { op: code, idx: this.index(this.tables), idx2: this.index(this.tables) };
      }
      case 'v128': return { op: code, bytes: parseV128Lanes(c) };
      case 'lane': return { op: code, lane: this.laneIndex() };
      case 'shuffle': {
        // spec §6.5.9 i8x16.shuffle: exactly 16 lane indices, each a u8.
        const lits = laneLiterals(c);
        if (lits.length !== 16) throw errorAt(lits[0] ?? tok, 'invalid lane length');
        return { op: code, bytes: Uint8Array.from(lits, (t) => this.laneValue(t)) };
      }
      case 'memarg_lane': {
        // A leading index is a memory index only if a memarg or lane index still follows it.
        const next = c.peek(1);
        const hasMem = c.peek().kind === 'id' ||
          (c.peek().kind === 'nat' && (next.kind === 'nat' || (next.kind === 'keyword' && /^(offset|align)=/.test(next.text))));
        const mem = this.memarg(op, hasMem);
        return { op: code, mem, lane: this.laneIndex() };
      }
      default:
        // The GC immediate kinds: no instruction in the opcode table has them yet.
        throw errorAt(tok, `unknown operator ${tok.text}`);
    }
  }

  /** A lane index immediate (spec §6.5.9): a u8, else "malformed lane index". */
  protected laneIndex(): number {
    const t = this.c.peek();
    if (t.kind !== 'nat') throw this.c.unexpected(t);
    this.c.next();
    return this.laneValue(t);
  }

  /**
   * A lane index literal. The suites word a bad one differently: 2.0 "malformed lane index", 3.0
   * "i8 constant out of range" (its interpreter reads lane indices as i8 literals); the feature
   * set's `wording` picks one.
   */
  private laneValue(t: Token): number {
    const v = t.kind === 'nat' ? parseUnsigned(t.text, 8) : undefined;
    if (v === undefined) throw errorAt(t, this.features.wording === '3.0' ? 'i8 constant out of range' : 'malformed lane index');
    return Number(v);
  }

  /**
   * spec §6.5.7 memory immediates: `memidx? offset=n? align=n?`. The alignment defaults to the
   * access width and must be a power of two; the offset is a u32 (u64 with memory64).
   */
  protected memarg(op: OpInfo, allowMem = true): MemArg {
    const c = this.c;
    const mem = (allowMem ? this.optIndex(this.mems) : undefined) ?? 0;
    let offset = 0;
    let align = Math.log2(op.memBytes ?? 1);
    const t = c.peek();
    if (t.kind === 'keyword' && t.text.startsWith('offset=')) {
      const v = parseUnsigned(t.text.slice(7), this.features.memory64 ? 64 : 32);
      if (v === undefined) {
        if (parseUnsigned(t.text.slice(7)) === undefined) throw c.unexpected(t);
        throw errorAt(t, `${this.features.memory64 ? 'i64' : 'i32'} constant out of range`);
      }
      c.next();
      offset = Number(v);
    }
    const a = c.peek();
    if (a.kind === 'keyword' && a.text.startsWith('align=')) {
      const v = parseUnsigned(a.text.slice(6));
      if (v === undefined) throw c.unexpected(a);
      if (v === 0n || (v & (v - 1n)) !== 0n) throw errorAt(a, 'alignment must be a power of two');
      c.next();
      align = v.toString(2).length - 1;
    }
    return { align, offset, mem };
  }
}
