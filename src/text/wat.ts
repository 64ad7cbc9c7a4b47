/**
 * WAT parser — spec §6.4 (Types), §6.5 (Instructions), §6.6 (Modules): text → `Module`.
 *
 * The result is exactly what the binary decoder produces for the module's canonical encoding:
 * imports first in every index space, implicit function types appended to the type section in
 * order of first use (§6.6.4 "Type uses"), function-index element lists turned into `ref.func`
 * expressions, folded instructions unfolded into flat binary order.
 *
 * Parsing runs in passes over the token array (identifiers may be used before their definition):
 *  1. a shallow scan of the module fields binds every symbolic identifier of every index space and
 *     checks that imports precede definitions;
 *  2. all explicit type definitions are parsed, so that implicit types come after them;
 *  3. every other field is parsed in textual order.
 * Symbolic references are resolved while parsing; numeric indices pass through unchecked (the
 * validator reports out-of-range ones with the suite's "unknown …" wording).
 */

import { defaultFeatures, type Features } from '../syntax/features.js';
import {
  emptyModule, type BlockType, type Catch, type Elem, type Expr, type Instr, type MemArg, type Module,
} from '../syntax/module.js';
import { Op, opByName, type OpInfo } from '../syntax/opcodes.js';
import {
  externref, funcref, refType, valTypesEq, type AbsHeapType, type AddrType, type CompType, type ExternKind,
  type FieldType, type FuncType, type GlobalType, type HeapType, type Limits, type MemType, type PackedType,
  type RefType, type StorageType, type TableType, type ValType,
} from '../syntax/types.js';
import { Cursor, isUnknownOperator } from './cursor.js';
import { concatBytes, decodeName, errorAt, tokenize, type Token } from './lexer.js';
import { parseF32, parseF64, parseI32, parseI64, parseIntN, parseUnsigned } from './numbers.js';

/**
 * Parse a text module: either `(module $id? field*)` or a bare sequence of module fields
 * (spec §6.6.13). Throws `TextError` (a CompileError with line and column) on malformed text.
 */
export function parseWat(src: string, features: Features = defaultFeatures): Module {
  const c = new Cursor(tokenize(src));
  const wrapped = c.isLParenKeyword('module');
  if (wrapped) {
    c.pos += 2;
    c.eatId();
  }
  const m = new ModuleParser(c, features).parse();
  if (wrapped) c.expectRParen();
  if (c.peek().kind !== 'eof') throw c.unexpected();
  return m;
}

/** An index space and its symbolic identifiers (spec §6.6.2 "identifier context"). */
class Space {
  readonly names = new Map<string, number>();
  count = 0;

  constructor(readonly what: string) {}

  /** Allocate the next index, binding `id` to it when given. */
  bind(id?: Token): number {
    if (id) {
      if (this.names.has(id.name!)) throw errorAt(id, `duplicate ${this.what} ${id.text}`);
      this.names.set(id.name!, this.count);
    }
    return this.count++;
  }

  resolve(id: Token): number {
    const i = this.names.get(id.name!);
    if (i === undefined) throw errorAt(id, `unknown ${this.what} ${id.text}`);
    return i;
  }
}

/** Where an instruction sequence lives: a function body (locals, labels) or a constant expression. */
interface BodyCtx {
  readonly locals: Space;
  /** Enclosing block labels, innermost last (`undefined` for unnamed blocks). */
  readonly labels: (string | undefined)[];
}

/** A field found by the scan: its opening token, keyword, and index in its index space. */
interface FieldInfo {
  readonly start: number;
  readonly kind: string;
  readonly index: number;
}

/** Inline parameters and results of a type use, with an optional explicit `(type x)`. */
interface TypeUseParts {
  readonly explicit?: number;
  readonly explicitTok?: Token;
  readonly params: ValType[];
  readonly paramIds: (Token | undefined)[];
  readonly results: ValType[];
}

const definitionNames: Record<string, string> = {
  func: 'function', table: 'table', memory: 'memory', global: 'global', tag: 'tag',
};

const vecShapes: Record<string, { lanes: number; kind: 'i' | 'f'; bits: number }> = {
  i8x16: { lanes: 16, kind: 'i', bits: 8 },
  i16x8: { lanes: 8, kind: 'i', bits: 16 },
  i32x4: { lanes: 4, kind: 'i', bits: 32 },
  i64x2: { lanes: 2, kind: 'i', bits: 64 },
  f32x4: { lanes: 4, kind: 'f', bits: 32 },
  f64x2: { lanes: 2, kind: 'f', bits: 64 },
};

/**
 * `v128.const` lanes (spec §6.5.13 vector instructions): `shape` then one literal per lane, as 16
 * little-endian bytes. Shared with the script parser. Throws "constant out of range" per lane.
 */
export function parseV128Lanes(c: Cursor): Uint8Array {
  const shapeTok = c.next();
  const shape = shapeTok.kind === 'keyword' ? vecShapes[shapeTok.text] : undefined;
  if (!shape) throw c.unexpected(shapeTok);
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < shape.lanes; i++) {
    const t = c.next();
    if (t.kind !== 'nat' && t.kind !== 'int' && (shape.kind === 'i' || t.kind !== 'float')) throw c.unexpected(t);
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
  }
  return bytes;
}

class ModuleParser {
  private readonly m = emptyModule();
  private readonly types = new Space('type');
  private readonly funcs = new Space('function');
  private readonly tables = new Space('table');
  private readonly mems = new Space('memory');
  private readonly globals = new Space('global');
  private readonly tags = new Space('tag');
  private readonly elems = new Space('elem segment');
  private readonly datas = new Space('data segment');
  /** Whether any function uses memory.init or data.drop (they need the data count section). */
  private usesDataCount = false;

  constructor(private readonly c: Cursor, private readonly features: Features) {}

  /** Parse the fields up to the closing `)` or end of input, leaving the cursor there. */
  parse(): Module {
    const fields = this.scanFields();
    const end = this.c.pos;
    for (const f of fields) {
      if (f.kind === 'type' || f.kind === 'rec') {
        this.c.pos = f.start;
        this.recType();
      }
    }
    for (const f of fields) {
      this.c.pos = f.start;
      this.field(f);
    }
    if (this.usesDataCount) this.m.dataCount = this.m.datas.length;
    this.c.pos = end;
    return this.m;
  }

  // -------------------------------------------------------------------------------------------
  // Pass 1: bind identifiers (spec §6.6.13: the identifier context is built from all fields)

  private spaceOf(kind: string): Space {
    switch (kind) {
      case 'func': return this.funcs;
      case 'table': return this.tables;
      case 'memory': return this.mems;
      case 'global': return this.globals;
      case 'tag': return this.tags;
      default: throw new Error(`no index space for ${kind}`);
    }
  }

  private scanFields(): FieldInfo[] {
    const c = this.c;
    const fields: FieldInfo[] = [];
    let lastDefinition: string | undefined;
    const checkImport = (at: Token) => {
      if (lastDefinition) throw errorAt(at, `import after ${lastDefinition}`);
    };
    while (c.peek().kind === 'lparen') {
      const start = c.pos;
      const kwTok = c.peek(1);
      if (kwTok.kind !== 'keyword') throw c.unexpected(kwTok);
      c.pos += 2;
      let index = -1;
      switch (kwTok.text) {
        case 'type':
          index = this.types.bind(c.eatId());
          break;
        case 'rec':
          this.require(this.features.gc, kwTok);
          while (c.isLParenKeyword('type')) {
            const typeStart = c.pos;
            c.pos += 2;
            this.types.bind(c.eatId());
            c.pos = typeStart;
            c.skipBalanced();
          }
          break;
        case 'func': case 'table': case 'memory': case 'global': case 'tag': {
          if (kwTok.text === 'tag') this.require(this.features.exceptions, kwTok);
          index = this.spaceOf(kwTok.text).bind(c.eatId());
          while (c.isLParenKeyword('export')) c.skipBalanced();
          if (c.isLParenKeyword('import')) {
            checkImport(c.peek(1));
          } else {
            lastDefinition = definitionNames[kwTok.text];
            if (kwTok.text === 'table' && this.hasInline('elem')) this.elems.count++;
            if (kwTok.text === 'memory' && this.hasInline('data')) this.datas.count++;
          }
          break;
        }
        case 'import': {
          checkImport(kwTok);
          if (c.peek().kind === 'string' && c.peek(1).kind === 'string' && c.peek(2).kind === 'lparen') {
            const kind = c.peek(3);
            if (kind.kind === 'keyword' && kind.text in definitionNames) {
              c.pos += 4;
              index = this.spaceOf(kind.text).bind(c.eatId());
            }
          }
          break;
        }
        case 'elem':
          index = this.elems.bind(c.eatId());
          break;
        case 'data':
          index = this.datas.bind(c.eatId());
          break;
        case 'export': case 'start':
          break;
        default:
          throw c.unexpected(kwTok);
      }
      c.pos = start;
      c.skipBalanced();
      fields.push({ start, kind: kwTok.text, index });
    }
    if (c.peek().kind !== 'rparen' && c.peek().kind !== 'eof') throw c.unexpected();
    return fields;
  }

  /** Whether the field being scanned has a direct sub-expression `(kw …)`. */
  private hasInline(kw: string): boolean {
    const c = this.c;
    const save = c.pos;
    let found = false;
    while (c.peek().kind !== 'rparen' && c.peek().kind !== 'eof') {
      if (c.isLParenKeyword(kw)) found = true;
      if (c.peek().kind === 'lparen') c.skipBalanced();
      else c.next();
    }
    c.pos = save;
    return found;
  }

  private require(enabled: boolean, tok: Token): void {
    if (!enabled) throw this.c.unexpected(tok);
  }

  // -------------------------------------------------------------------------------------------
  // Module fields (spec §6.6)

  private field(f: FieldInfo): void {
    switch (f.kind) {
      case 'type': case 'rec': return; // parsed in pass 2
      case 'func': return this.funcField(f.index);
      case 'table': return this.tableField(f.index);
      case 'memory': return this.memoryField(f.index);
      case 'global': return this.globalField(f.index);
      case 'tag': return this.tagField(f.index);
      case 'import': return this.importField();
      case 'export': return this.exportField();
      case 'start': return this.startField();
      case 'elem': return this.elemField();
      case 'data': return this.dataField();
    }
  }

  /**
   * spec §6.6.3 type definitions; 3.0 (GC) adds recursive groups `(rec (type …)*)`, subtypes
   * `(sub final? x* comptype)` and struct and array types. A lone `(type …)` is a group of one.
   */
  private recType(): void {
    const c = this.c;
    const start = this.m.types.length;
    if (c.isLParenKeyword('rec')) {
      c.pos += 2;
      while (c.isLParenKeyword('type')) this.typeDef();
      c.expectRParen();
    } else {
      this.typeDef();
    }
    this.m.recGroups.push({ start, count: this.m.types.length - start });
  }

  /** `(type id? subtype)`. */
  private typeDef(): void {
    const c = this.c;
    c.expectLParenKeyword('type');
    c.eatId();
    if (c.isLParenKeyword('sub')) {
      this.require(this.features.gc, c.peek(1));
      c.pos += 2;
      const final = c.eatKeyword('final');
      const supers: number[] = [];
      while (this.isIndexNext()) supers.push(this.index(this.types));
      this.m.types.push({ final, supers, comp: this.compType() });
      c.expectRParen();
    } else {
      this.m.types.push({ final: true, supers: [], comp: this.compType() });
    }
    c.expectRParen();
  }

  /** Composite types: `(func …)`, 3.0 `(struct (field …)*)` and `(array fieldtype)`. */
  private compType(): CompType {
    const c = this.c;
    c.expectLParen();
    const kw = c.next();
    let comp: CompType;
    switch (kw.kind === 'keyword' ? kw.text : '') {
      case 'func': {
        const { params, results } = this.funcSig(true);
        comp = { kind: 'func', params, results };
        break;
      }
      case 'struct': {
        this.require(this.features.gc, kw);
        const fields: FieldType[] = [];
        while (c.isLParenKeyword('field')) {
          c.pos += 2;
          if (c.eatId()) fields.push(this.fieldType());
          else while (c.peek().kind !== 'rparen') fields.push(this.fieldType());
          c.expectRParen();
        }
        comp = { kind: 'struct', fields };
        break;
      }
      case 'array':
        this.require(this.features.gc, kw);
        comp = { kind: 'array', field: this.fieldType() };
        break;
      default:
        throw c.unexpected(kw);
    }
    c.expectRParen();
    return comp;
  }

  /** `storagetype` or `(mut storagetype)`, where storage types add the packed `i8` and `i16`. */
  private fieldType(): FieldType {
    const c = this.c;
    const mutable = c.isLParenKeyword('mut');
    if (mutable) c.pos += 2;
    const type: StorageType = c.isKeyword('i8') || c.isKeyword('i16') ? c.next().text as PackedType : this.valType();
    if (mutable) c.expectRParen();
    return { type, mutable };
  }

  /** Append an implicitly defined function type (final, no supertypes, a group of its own). */
  private pushType(comp: FuncType): number {
    const start = this.m.types.length;
    this.m.types.push({ final: true, supers: [], comp });
    this.m.recGroups.push({ start, count: 1 });
    return start;
  }

  /** `(param …)* (result …)*` of a function type; parameter identifiers only where allowed. */
  private funcSig(allowIds: boolean): { params: ValType[]; paramIds: (Token | undefined)[]; results: ValType[] } {
    const c = this.c;
    const params: ValType[] = [];
    const paramIds: (Token | undefined)[] = [];
    while (c.isLParenKeyword('param')) {
      c.pos += 2;
      const id = c.eatId();
      if (id) {
        if (!allowIds) throw c.unexpected(id);
        params.push(this.valType());
        paramIds.push(id);
      } else {
        while (c.peek().kind !== 'rparen') {
          params.push(this.valType());
          paramIds.push(undefined);
        }
      }
      c.expectRParen();
    }
    const results: ValType[] = [];
    while (c.isLParenKeyword('result')) {
      c.pos += 2;
      while (c.peek().kind !== 'rparen') results.push(this.valType());
      c.expectRParen();
    }
    // Parameters after results ("result before parameter") are a syntax error.
    if (c.isLParenKeyword('param')) throw c.unexpected(c.peek(1));
    return { params, paramIds, results };
  }

  /** spec §6.6.4 type use: `(type x)? (param …)* (result …)*`. */
  private typeUseParts(allowIds: boolean): TypeUseParts {
    const c = this.c;
    let explicit: number | undefined;
    let explicitTok: Token | undefined;
    if (c.isLParenKeyword('type')) {
      c.pos += 2;
      explicitTok = c.peek();
      explicit = this.index(this.types);
      c.expectRParen();
    }
    return { explicit, explicitTok, ...this.funcSig(allowIds) };
  }

  /**
   * Resolve a type use to a type index: the explicit one (checked against inline declarations,
   * if any), else the first function type with this signature, else a new one appended to the
   * types (spec §6.6.4, abbreviations).
   */
  private typeIndex(u: TypeUseParts): number {
    if (u.explicit !== undefined) {
      if (u.params.length > 0 || u.results.length > 0) {
        const ft = this.funcTypeAt(u.explicit);
        if (!ft) throw errorAt(u.explicitTok!, `unknown type ${u.explicitTok!.text}`);
        if (!valTypesEq(ft.params, u.params) || !valTypesEq(ft.results, u.results)) {
          throw errorAt(u.explicitTok!, 'inline function type does not match explicit type');
        }
      }
      return u.explicit;
    }
    return this.implicitType(u.params, u.results);
  }

  private funcTypeAt(idx: number): FuncType | undefined {
    const t = this.m.types[idx];
    return t?.comp.kind === 'func' ? t.comp : undefined;
  }

  private implicitType(params: ValType[], results: ValType[]): number {
    const { types, recGroups } = this.m;
    for (const g of recGroups) {
      const t = types[g.start];
      if (g.count === 1 && t.final && t.supers.length === 0 && t.comp.kind === 'func' &&
          valTypesEq(t.comp.params, params) && valTypesEq(t.comp.results, results)) {
        return g.start;
      }
    }
    return this.pushType({ kind: 'func', params, results });
  }

  /** `(export "name")*` of a definition, recorded for entity `idx`. */
  private inlineExports(kind: ExternKind, idx: number): void {
    const c = this.c;
    while (c.isLParenKeyword('export')) {
      c.pos += 2;
      this.m.exports.push({ name: this.name(), kind, idx });
      c.expectRParen();
    }
  }

  /** `(import "module" "name")` if present. */
  private inlineImport(): { module: string; name: string } | undefined {
    const c = this.c;
    if (!c.isLParenKeyword('import')) return undefined;
    c.pos += 2;
    const module = this.name();
    const name = this.name();
    c.expectRParen();
    return { module, name };
  }

  /** spec §6.6.8 functions, with inline imports and exports. */
  private funcField(index: number): void {
    const c = this.c;
    c.expectLParenKeyword('func');
    c.eatId();
    this.inlineExports('func', index);
    const imp = this.inlineImport();
    if (imp) {
      const typeIdx = this.typeIndex(this.typeUseParts(true));
      c.expectRParen();
      this.m.imports.push({ ...imp, desc: { kind: 'func', typeIdx } });
      return;
    }
    const use = this.typeUseParts(true);
    const typeIdx = this.typeIndex(use);
    const ctx: BodyCtx = { locals: new Space('local'), labels: [] };
    if (use.params.length > 0 || use.explicit === undefined) {
      for (const id of use.paramIds) ctx.locals.bind(id);
    } else {
      ctx.locals.count = this.funcTypeAt(typeIdx)?.params.length ?? 0;
    }
    const locals: ValType[] = [];
    while (c.isLParenKeyword('local')) {
      c.pos += 2;
      const id = c.eatId();
      if (id) {
        ctx.locals.bind(id);
        locals.push(this.valType());
      } else {
        while (c.peek().kind !== 'rparen') {
          ctx.locals.bind();
          locals.push(this.valType());
        }
      }
      c.expectRParen();
    }
    const body: Expr = [];
    this.instrs(ctx, body);
    c.expectRParen();
    this.m.funcs.push({ typeIdx, locals, body });
  }

  /** spec §6.6.9 tables, with inline imports, exports and element segments. */
  private tableField(index: number): void {
    const c = this.c;
    c.expectLParenKeyword('table');
    c.eatId();
    this.inlineExports('table', index);
    const imp = this.inlineImport();
    if (imp) {
      const type = this.tableType();
      c.expectRParen();
      this.m.imports.push({ ...imp, desc: { kind: 'table', type } });
      return;
    }
    const addr = this.addrType();
    if (c.peek().kind !== 'nat') {
      // `reftype (elem …)`: limits from the number of elements.
      const elem = this.refType();
      c.expectLParenKeyword('elem');
      const init = c.peek().kind === 'lparen' ? this.elemExprs() : this.funcRefs();
      c.expectRParen();
      c.expectRParen();
      const n = init.length;
      this.m.tables.push({ type: { limits: { min: n, max: n }, addr, elem } });
      this.m.elems.push({ mode: 'active', type: elem, init, table: index, offset: [this.addrConst(addr, 0)] });
      return;
    }
    const limits = this.limits(addr);
    const elem = this.refType();
    const type: TableType = { limits, addr, elem };
    if (c.peek().kind !== 'rparen') {
      // 3.0 (typed function references): a table with an initializer expression.
      this.require(this.features.functionReferences, c.peek());
      const init: Expr = [];
      this.instrs(this.constCtx(), init);
      c.expectRParen();
      this.m.tables.push({ type, init });
      return;
    }
    c.expectRParen();
    this.m.tables.push({ type });
  }

  /** spec §6.6.10 memories, with inline imports, exports and data. */
  private memoryField(index: number): void {
    const c = this.c;
    c.expectLParenKeyword('memory');
    c.eatId();
    this.inlineExports('memory', index);
    const imp = this.inlineImport();
    if (imp) {
      const type = this.memType();
      c.expectRParen();
      this.m.imports.push({ ...imp, desc: { kind: 'memory', type } });
      return;
    }
    if (c.isLParenKeyword('data', c.isKeyword('i32') || c.isKeyword('i64') ? 1 : 0)) {
      const addr = this.addrType();
      c.pos += 2;
      const bytes = this.dataString();
      c.expectRParen();
      c.expectRParen();
      const pages = Math.ceil(bytes.length / 65536);
      this.m.mems.push({ limits: { min: pages, max: pages }, addr, shared: false });
      this.m.datas.push({ mode: 'active', bytes, mem: index, offset: [this.addrConst(addr, 0)] });
      return;
    }
    const type = this.memType();
    c.expectRParen();
    this.m.mems.push(type);
  }

  /** spec §6.6.11 globals. */
  private globalField(index: number): void {
    const c = this.c;
    c.expectLParenKeyword('global');
    c.eatId();
    this.inlineExports('global', index);
    const imp = this.inlineImport();
    const type = this.globalType();
    if (imp) {
      c.expectRParen();
      this.m.imports.push({ ...imp, desc: { kind: 'global', type } });
      return;
    }
    const init: Expr = [];
    this.instrs(this.constCtx(), init);
    c.expectRParen();
    this.m.globals.push({ type, init });
  }

  /** 3.0 exception handling: `(tag id? typeuse)`. */
  private tagField(index: number): void {
    const c = this.c;
    c.expectLParenKeyword('tag');
    c.eatId();
    this.inlineExports('tag', index);
    const imp = this.inlineImport();
    const typeIdx = this.typeIndex(this.typeUseParts(true));
    c.expectRParen();
    if (imp) this.m.imports.push({ ...imp, desc: { kind: 'tag', type: { typeIdx } } });
    else this.m.tags.push({ typeIdx });
  }

  /** spec §6.6.5 `(import "module" "name" importdesc)`. */
  private importField(): void {
    const c = this.c;
    c.expectLParenKeyword('import');
    const module = this.name();
    const name = this.name();
    c.expectLParen();
    const kind = c.next();
    c.eatId();
    switch (kind.kind === 'keyword' ? kind.text : '') {
      case 'func':
        this.m.imports.push({ module, name, desc: { kind: 'func', typeIdx: this.typeIndex(this.typeUseParts(true)) } });
        break;
      case 'table':
        this.m.imports.push({ module, name, desc: { kind: 'table', type: this.tableType() } });
        break;
      case 'memory':
        this.m.imports.push({ module, name, desc: { kind: 'memory', type: this.memType() } });
        break;
      case 'global':
        this.m.imports.push({ module, name, desc: { kind: 'global', type: this.globalType() } });
        break;
      case 'tag':
        this.require(this.features.exceptions, kind);
        this.m.imports.push({ module, name, desc: { kind: 'tag', type: { typeIdx: this.typeIndex(this.typeUseParts(true)) } } });
        break;
      default:
        throw c.unexpected(kind);
    }
    c.expectRParen();
    c.expectRParen();
  }

  /** spec §6.6.12 `(export "name" (kind x))`. */
  private exportField(): void {
    const c = this.c;
    c.expectLParenKeyword('export');
    const name = this.name();
    c.expectLParen();
    const kind = c.next();
    let desc: { kind: ExternKind; idx: number };
    switch (kind.kind === 'keyword' ? kind.text : '') {
      case 'func': desc = { kind: 'func', idx: this.index(this.funcs) }; break;
      case 'table': desc = { kind: 'table', idx: this.index(this.tables) }; break;
      case 'memory': desc = { kind: 'memory', idx: this.index(this.mems) }; break;
      case 'global': desc = { kind: 'global', idx: this.index(this.globals) }; break;
      case 'tag':
        this.require(this.features.exceptions, kind);
        desc = { kind: 'tag', idx: this.index(this.tags) };
        break;
      default: throw c.unexpected(kind);
    }
    c.expectRParen();
    c.expectRParen();
    this.m.exports.push({ name, ...desc });
  }

  /** spec §6.6.7 `(start x)`; at most one. */
  private startField(): void {
    const c = this.c;
    const open = c.expectLParen();
    c.expectKeyword('start');
    const idx = this.index(this.funcs);
    c.expectRParen();
    if (this.m.start !== undefined) throw errorAt(open, 'multiple start sections');
    this.m.start = idx;
  }

  /** spec §6.6.14 element segments and their abbreviations. */
  private elemField(): void {
    const c = this.c;
    c.expectLParenKeyword('elem');
    c.eatId();
    let elem: Elem;
    if (c.eatKeyword('declare')) {
      const { type, init } = this.elemList();
      elem = { mode: 'declarative', type, init };
    } else if (c.isLParenKeyword('table') || c.isLParenKeyword('offset') || this.isFoldedInstr()) {
      let table = 0;
      if (c.isLParenKeyword('table')) {
        c.pos += 2;
        table = this.index(this.tables);
        c.expectRParen();
      }
      const offset = this.offsetExpr();
      // Backwards compatibility (§6.6.14): a bare function index list after the offset.
      const { type, init } = c.isKeyword('func') || this.isRefTypeNext()
        ? this.elemList()
        : { type: this.funcElemType(), init: this.funcRefs() };
      elem = { mode: 'active', type, init, table, offset };
    } else {
      const { type, init } = this.elemList();
      elem = { mode: 'passive', type, init };
    }
    c.expectRParen();
    this.m.elems.push(elem);
  }

  /** Element list: `func x*` or `reftype elemexpr*`. */
  private elemList(): { type: RefType; init: Expr[] } {
    if (this.c.eatKeyword('func')) return { type: this.funcElemType(), init: this.funcRefs() };
    const type = this.refType();
    return { type, init: this.elemExprs() };
  }

  /**
   * Type of an element segment given as function indices: `funcref` in 2.0; 3.0 (typed function
   * references) makes these non-nullable `(ref func)`.
   */
  private funcElemType(): RefType {
    return this.features.functionReferences ? refType(false, 'func') : funcref;
  }

  /** Element expressions: `(item instr*)` or a single folded instruction each. */
  private elemExprs(): Expr[] {
    const c = this.c;
    const init: Expr[] = [];
    while (c.peek().kind === 'lparen') {
      const e: Expr = [];
      if (c.isLParenKeyword('item')) {
        c.pos += 2;
        this.instrs(this.constCtx(), e);
        c.expectRParen();
      } else {
        this.foldedInstr(this.constCtx(), e);
      }
      init.push(e);
    }
    return init;
  }

  /** Function indices, each as a `ref.func` constant expression. */
  private funcRefs(): Expr[] {
    const init: Expr[] = [];
    while (this.isIndexNext()) init.push([{ op: Op.ref_func, idx: this.index(this.funcs) }]);
    return init;
  }

  /** `(offset instr*)` or a single folded instruction (spec §6.6.14/§6.6.15 abbreviations). */
  private offsetExpr(): Expr {
    const c = this.c;
    const e: Expr = [];
    if (c.isLParenKeyword('offset')) {
      c.pos += 2;
      this.instrs(this.constCtx(), e);
      c.expectRParen();
    } else {
      this.foldedInstr(this.constCtx(), e);
    }
    return e;
  }

  /** spec §6.6.15 data segments. */
  private dataField(): void {
    const c = this.c;
    c.expectLParenKeyword('data');
    c.eatId();
    if (c.isLParenKeyword('memory') || c.isLParenKeyword('offset') || this.isFoldedInstr()) {
      let mem = 0;
      if (c.isLParenKeyword('memory')) {
        c.pos += 2;
        mem = this.index(this.mems);
        c.expectRParen();
      }
      const offset = this.offsetExpr();
      const bytes = this.dataString();
      c.expectRParen();
      this.m.datas.push({ mode: 'active', bytes, mem, offset });
      return;
    }
    const bytes = this.dataString();
    c.expectRParen();
    this.m.datas.push({ mode: 'passive', bytes });
  }

  /** A possibly empty sequence of strings, concatenated. */
  private dataString(): Uint8Array {
    const c = this.c;
    const parts: Uint8Array[] = [];
    while (c.peek().kind === 'string') parts.push(c.next().bytes!);
    return concatBytes(parts);
  }

  /** A name (spec §6.3.4): a string that must be valid UTF-8. */
  private name(): string {
    const tok = this.c.expectString();
    const s = decodeName(tok.bytes!);
    if (s === undefined) throw errorAt(tok, 'malformed UTF-8 encoding');
    return s;
  }

  // -------------------------------------------------------------------------------------------
  // Types (spec §6.4)

  /** spec §6.4.2 value types (3.0: all reference types). */
  private valType(): ValType {
    const c = this.c;
    const t = c.peek();
    if (t.kind === 'keyword') {
      switch (t.text) {
        case 'i32': case 'i64': case 'f32': case 'f64':
          c.next();
          return t.text;
        case 'v128':
          this.require(this.features.simd, t);
          c.next();
          return 'v128';
      }
    }
    return this.refType();
  }

  private static readonly refShorthands: Record<string, { heap: AbsHeapType; feature: 'base' | 'gc' | 'exceptions' }> = {
    funcref: { heap: 'func', feature: 'base' },
    externref: { heap: 'extern', feature: 'base' },
    anyref: { heap: 'any', feature: 'gc' },
    eqref: { heap: 'eq', feature: 'gc' },
    i31ref: { heap: 'i31', feature: 'gc' },
    structref: { heap: 'struct', feature: 'gc' },
    arrayref: { heap: 'array', feature: 'gc' },
    nullref: { heap: 'none', feature: 'gc' },
    nullfuncref: { heap: 'nofunc', feature: 'gc' },
    nullexternref: { heap: 'noextern', feature: 'gc' },
    exnref: { heap: 'exn', feature: 'exceptions' },
    nullexnref: { heap: 'noexn', feature: 'exceptions' },
  };

  /** spec §6.4.1 reference types: `funcref`, `externref`; 3.0 `(ref null? heaptype)` and shorthands. */
  private refType(): RefType {
    const c = this.c;
    const t = c.peek();
    if (t.kind === 'keyword' && Object.hasOwn(ModuleParser.refShorthands, t.text)) {
      const { heap, feature } = ModuleParser.refShorthands[t.text];
      if (feature !== 'base') this.require(feature === 'gc' ? this.features.gc : this.features.exceptions, t);
      c.next();
      if (heap === 'func') return funcref;
      if (heap === 'extern') return externref;
      return refType(true, heap);
    }
    if (c.isLParenKeyword('ref')) {
      this.require(this.features.functionReferences, c.peek(1));
      c.pos += 2;
      const nullable = c.eatKeyword('null');
      const heap = this.heapType();
      c.expectRParen();
      return refType(nullable, heap);
    }
    throw c.unexpected(t);
  }

  private isRefTypeNext(): boolean {
    const t = this.c.peek();
    return (t.kind === 'keyword' && Object.hasOwn(ModuleParser.refShorthands, t.text)) || this.c.isLParenKeyword('ref');
  }

  /** Heap types: `func`, `extern`; 3.0 the other abstract heap types and type indices. */
  private heapType(): HeapType {
    const c = this.c;
    const t = c.peek();
    if (t.kind === 'keyword') {
      switch (t.text) {
        case 'func': case 'extern':
          c.next();
          return t.text;
        case 'any': case 'eq': case 'i31': case 'struct': case 'array': case 'none': case 'nofunc': case 'noextern':
          this.require(this.features.gc, t);
          c.next();
          return t.text;
        case 'exn': case 'noexn':
          this.require(this.features.exceptions, t);
          c.next();
          return t.text;
      }
    }
    if (this.isIndexNext()) {
      this.require(this.features.functionReferences, t);
      return this.index(this.types);
    }
    throw c.unexpected(t);
  }

  /** Address type of a memory or table (3.0 memory64); `i32` when absent. */
  private addrType(): AddrType {
    const c = this.c;
    if (c.isKeyword('i64')) {
      this.require(this.features.memory64, c.peek());
      c.next();
      return 'i64';
    }
    c.eatKeyword('i32');
    return 'i32';
  }

  /** spec §6.4.4 limits: u32 values (u64 with memory64). */
  private limits(addr: AddrType): Limits {
    const min = this.limit(addr);
    const max = this.c.peek().kind === 'nat' ? this.limit(addr) : undefined;
    return max === undefined ? { min } : { min, max };
  }

  private limit(addr: AddrType): number {
    const t = this.c.peek();
    if (t.kind !== 'nat') throw this.c.unexpected(t);
    this.c.next();
    const wide = addr === 'i64' || this.features.memory64;
    const v = parseUnsigned(t.text, wide ? 64 : 32);
    if (v === undefined) throw errorAt(t, `${wide ? 'i64' : 'i32'} constant out of range`);
    return Number(v);
  }

  private memType(): MemType {
    const addr = this.addrType();
    return { limits: this.limits(addr), addr, shared: false };
  }

  private tableType(): TableType {
    const addr = this.addrType();
    const limits = this.limits(addr);
    return { limits, addr, elem: this.refType() };
  }

  /** spec §6.4.6 global types: `t` or `(mut t)`. */
  private globalType(): GlobalType {
    const c = this.c;
    if (c.isLParenKeyword('mut')) {
      c.pos += 2;
      const type = this.valType();
      c.expectRParen();
      return { type, mutable: true };
    }
    return { type: this.valType(), mutable: false };
  }

  /** `i32.const n` or `i64.const n` for an offset in a memory or table of that address type. */
  private addrConst(addr: AddrType, n: number): Instr {
    return addr === 'i64' ? { op: Op.i64_const, value: BigInt(n) } : { op: Op.i32_const, value: n };
  }

  // -------------------------------------------------------------------------------------------
  // Indices (spec §6.5.1, §6.6.2)

  private isIndexNext(k = 0): boolean {
    const kind = this.c.peek(k).kind;
    return kind === 'nat' || kind === 'id';
  }

  /** A numeric index (u32, passed through) or an identifier resolved in `space`. */
  private index(space: Space): number {
    const t = this.c.peek();
    if (t.kind === 'id') {
      this.c.next();
      return space.resolve(t);
    }
    return this.u32(t);
  }

  private u32(t: Token): number {
    if (t.kind !== 'nat') throw this.c.unexpected(t);
    this.c.next();
    const v = parseUnsigned(t.text, 32);
    if (v === undefined) throw errorAt(t, 'i32 constant out of range');
    return Number(v);
  }

  private optIndex(space: Space): number | undefined {
    return this.isIndexNext() ? this.index(space) : undefined;
  }

  /** Label index: numeric, or an identifier resolved to its depth (innermost label wins). */
  private label(ctx: BodyCtx): number {
    const t = this.c.peek();
    if (t.kind !== 'id') return this.u32(t);
    this.c.next();
    const i = ctx.labels.lastIndexOf(t.name);
    if (i < 0) throw errorAt(t, `unknown label ${t.text}`);
    return ctx.labels.length - 1 - i;
  }

  private constCtx(): BodyCtx {
    return { locals: new Space('local'), labels: [] };
  }

  // -------------------------------------------------------------------------------------------
  // Instructions (spec §6.5)

  /** Whether `kw` begins an instruction (`else` and `end` only continue one). */
  private static isInstrKeyword(kw: string): boolean {
    return opByName.has(kw) && kw !== 'else' && kw !== 'end';
  }

  private isFoldedInstr(): boolean {
    const t = this.c.peek(1);
    return this.c.peek().kind === 'lparen' && t.kind === 'keyword' && ModuleParser.isInstrKeyword(t.text);
  }

  /**
   * An instruction sequence, flat or folded, until a token that cannot start an instruction; the
   * caller then expects its own terminator (`)`, `end`, `else`), so stray tokens are reported there.
   */
  private instrs(ctx: BodyCtx, out: Instr[]): void {
    const c = this.c;
    for (;;) {
      const t = c.peek();
      if (t.kind === 'lparen') {
        const k = c.peek(1);
        if (k.kind !== 'keyword' || !ModuleParser.isInstrKeyword(k.text)) {
          // `(get_local …)`: report the unknown keyword itself, as the reference interpreter does.
          if (isUnknownOperator(k)) throw c.unexpected(k);
          return;
        }
        this.foldedInstr(ctx, out);
      } else if (t.kind === 'keyword' && ModuleParser.isInstrKeyword(t.text)) {
        this.flatInstr(ctx, out);
      } else {
        return;
      }
    }
  }

  /** One plain or structured instruction in flat form (spec §6.5.1–§6.5.2). */
  private flatInstr(ctx: BodyCtx, out: Instr[]): void {
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
  private endLabel(label: Token | undefined): void {
    const id = this.c.eatId();
    if (id && id.name !== label?.name) throw errorAt(id, `mismatching label ${id.text}`);
  }

  /** A folded instruction (spec §6.5.5): operands first, then the instruction. */
  private foldedInstr(ctx: BodyCtx, out: Instr[]): void {
    const c = this.c;
    c.expectLParen();
    const tok = c.peek();
    if (tok.kind !== 'keyword' || !ModuleParser.isInstrKeyword(tok.text)) throw c.unexpected(tok);
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
  private blockHead(op: OpInfo, ctx: BodyCtx): Instr {
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
  private blockType(): BlockType {
    const u = this.typeUseParts(false);
    if (u.explicit === undefined && u.params.length === 0 && u.results.length <= 1) {
      return u.results.length === 0 ? null : u.results[0];
    }
    return this.typeIndex(u);
  }

  /** A plain instruction's immediates, by the opcode's immediate kind (syntax/opcodes.ts). */
  private plainInstr(op: OpInfo, tok: Token, ctx: BodyCtx): Instr {
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
      case 'i32': return { op: code, value: this.numConst(parseI32, 'int') };
      case 'i64': return { op: code, value: this.numConst(parseI64, 'int') };
      case 'f32': return { op: code, value: this.numConst(parseF32, 'float') };
      case 'f64': return { op: code, value: this.numConst(parseF64, 'float') };
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
        const bytes = new Uint8Array(16);
        for (let i = 0; i < 16; i++) bytes[i] = this.laneIndex();
        return { op: code, bytes };
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

  private laneIndex(): number {
    const t = this.c.peek();
    const v = t.kind === 'nat' ? parseUnsigned(t.text, 8) : undefined;
    if (t.kind !== 'nat') throw this.c.unexpected(t);
    if (v === undefined) throw errorAt(t, 'malformed lane index');
    this.c.next();
    return Number(v);
  }

  /** A numeric literal of the given form, converted by `parse` ("constant out of range"). */
  private numConst<T>(parse: (text: string) => T | undefined, form: 'int' | 'float'): T {
    const t = this.c.peek();
    if (t.kind !== 'nat' && t.kind !== 'int' && (form === 'int' || t.kind !== 'float')) throw this.c.unexpected(t);
    this.c.next();
    const v = parse(t.text);
    if (v === undefined) throw errorAt(t, 'constant out of range');
    return v;
  }

  /**
   * spec §6.5.7 memory immediates: `memidx? offset=n? align=n?`. The alignment defaults to the
   * access width and must be a power of two; the offset is a u32 (u64 with memory64).
   */
  private memarg(op: OpInfo, allowMem = true): MemArg {
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
