/**
 * WAT parser — spec §6.6 (Text › Modules): text → `Module`. Built on the type parser
 * (types.ts, §6.4) and the instruction parser (instructions.ts, §6.5).
 *
 * The result is exactly what the binary decoder produces for the module's canonical encoding:
 * imports first in every index space, implicit function types appended to the type section in
 * order of first use (§6.6.3 "Type uses"), function-index element lists turned into `ref.func`
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
import type { Elem, Expr, Instr, Module } from '../syntax/module.js';
import { Op } from '../syntax/opcodes.js';
import {
  funcref, refType, type AddrType, type ExternKind, type RefType, type TableType, type ValType,
} from '../syntax/types.js';
import { Cursor } from './cursor.js';
import { InstrParser, type BodyCtx } from './instructions.js';
import { concatBytes, errorAt, tokenize, type Token } from './lexer.js';
import { Space } from './types.js';

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

/** A field found by the scan: its opening token, keyword, and index in its index space. */
interface FieldInfo {
  readonly start: number;
  readonly kind: string;
  readonly index: number;
}

/** Definition keywords and how "import after …" errors name them. */
const definitionNames = new Map([
  ['func', 'function'], ['table', 'table'], ['memory', 'memory'], ['global', 'global'], ['tag', 'tag'],
]);

class ModuleParser extends InstrParser {
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
    this.recordFunctionNames();
    this.c.pos = end;
    return this.m;
  }

  /**
   * Function identifiers become the module's function names (what a name section would hold, as
   * `wat2wasm --debug-names` writes it), so backtraces of text modules name their functions.
   */
  private recordFunctionNames(): void {
    if (this.funcs.names.size === 0 || this.m.names) return;
    const funcs = new Map<number, string>();
    for (const [name, index] of this.funcs.names) funcs.set(index, name);
    this.m.names = { funcs, locals: new Map() };
  }

  /** The index space a definition or import keyword binds into. */
  private readonly definitionSpaces = new Map<string, Space>([
    ['func', this.funcs], ['table', this.tables], ['memory', this.mems], ['global', this.globals], ['tag', this.tags],
  ]);

  /**
   * Pass 1: the fields' positions, with every identifier bound in its index space (spec §6.6.13:
   * the identifier context comes from all fields) and imports checked to precede definitions.
   */
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
          index = this.definitionSpaces.get(kwTok.text)!.bind(c.eatId());
          while (c.isLParenKeyword('export')) c.skipBalanced();
          if (c.isLParenKeyword('import')) {
            checkImport(c.peek(1));
          } else {
            lastDefinition = definitionNames.get(kwTok.text);
            if (kwTok.text === 'table' && this.hasInline('elem')) this.elems.count++;
            if (kwTok.text === 'memory' && this.hasInline('data')) this.datas.count++;
          }
          break;
        }
        case 'import': {
          checkImport(kwTok);
          if (c.peek().kind === 'string' && c.peek(1).kind === 'string' && c.peek(2).kind === 'lparen') {
            const kind = c.peek(3);
            const space = kind.kind === 'keyword' ? this.definitionSpaces.get(kind.text) : undefined;
            if (space) {
              c.pos += 4;
              index = space.bind(c.eatId());
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

  /** Pass 3: one field (types were parsed in pass 2). */
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

  /** `(export "name")*` of a definition, recorded for entity `idx`. */
  private inlineExports(kind: ExternKind, idx: number): void {
    const c = this.c;
    while (c.isLParenKeyword('export')) {
      c.pos += 2;
      this.m.exports.push({ name: this.c.name(), kind, idx });
      c.expectRParen();
    }
  }

  /** `(import "module" "name")` if present. */
  private inlineImport(): { module: string; name: string } | undefined {
    const c = this.c;
    if (!c.isLParenKeyword('import')) return undefined;
    c.pos += 2;
    const module = this.c.name();
    const name = this.c.name();
    c.expectRParen();
    return { module, name };
  }

  /** spec §6.6.5 functions, with inline imports and exports. */
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

  /** spec §6.6.6 tables, with inline imports, exports and element segments. */
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

  /** spec §6.6.7 memories, with inline imports, exports and data. */
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

  /** spec §6.6.8 globals. */
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

  /** spec §6.6.4 `(import "module" "name" importdesc)`. */
  private importField(): void {
    const c = this.c;
    c.expectLParenKeyword('import');
    const module = this.c.name();
    const name = this.c.name();
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

  /** spec §6.6.9 `(export "name" (kind x))`. */
  private exportField(): void {
    const c = this.c;
    c.expectLParenKeyword('export');
    const name = this.c.name();
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

  /** spec §6.6.10 `(start x)`; at most one. */
  private startField(): void {
    const c = this.c;
    const open = c.expectLParen();
    c.expectKeyword('start');
    const idx = this.index(this.funcs);
    c.expectRParen();
    if (this.m.start !== undefined) throw errorAt(open, 'multiple start sections');
    this.m.start = idx;
  }

  /** spec §6.6.11 element segments and their abbreviations. */
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
      // Backwards compatibility (§6.6.11): a bare function index list after the offset.
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

  /** `(offset instr*)` or a single folded instruction (spec §6.6.11 and §6.6.12 abbreviations). */
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

  /** spec §6.6.12 data segments. */
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

  /** `i32.const n` or `i64.const n` for an offset in a memory or table of that address type. */
  private addrConst(addr: AddrType, n: number): Instr {
    return addr === 'i64' ? { op: Op.i64_const, value: BigInt(n) } : { op: Op.i32_const, value: n };
  }
}
