/**
 * Text format types — spec §6.4 (Text › Types), with type definitions (§6.6.2) and type uses
 * (§6.6.3), which need the module's type list: the base of the module parser (see wat.ts).
 *
 * `TypeParser` holds what every part of a module's text needs: the cursor, the features, the
 * module being built and the identifier context (one `Space` per index space, §6.1.3).
 */

import type { Features } from '../syntax/features.js';
import { emptyModule } from '../syntax/module.js';
import {
  externref, funcref, refType, valTypesEq, type AbsHeapType, type AddrType, type CompType, type FieldType,
  type FuncType, type GlobalType, type HeapType, type Limits, type MemType, type PackedType, type RefType,
  type StorageType, type TableType, type ValType,
} from '../syntax/types.js';
import type { Cursor } from './cursor.js';
import { errorAt, type Token } from './lexer.js';
import { parseUnsigned } from './numbers.js';

/** An index space and its symbolic identifiers (spec §6.1.3 "identifier context"). */
export class Space {
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

/** Inline parameters and results of a type use, with an optional explicit `(type x)`. */
export interface TypeUseParts {
  readonly explicit?: number;
  readonly explicitTok?: Token;
  readonly params: ValType[];
  readonly paramIds: (Token | undefined)[];
  readonly results: ValType[];
}

/** Reference type shorthands and the feature each needs (`base`: always available). */
const refShorthands = new Map<string, { heap: AbsHeapType; feature: 'base' | 'gc' | 'exceptions' }>([
  ['funcref', { heap: 'func', feature: 'base' }],
  ['externref', { heap: 'extern', feature: 'base' }],
  ['anyref', { heap: 'any', feature: 'gc' }],
  ['eqref', { heap: 'eq', feature: 'gc' }],
  ['i31ref', { heap: 'i31', feature: 'gc' }],
  ['structref', { heap: 'struct', feature: 'gc' }],
  ['arrayref', { heap: 'array', feature: 'gc' }],
  ['nullref', { heap: 'none', feature: 'gc' }],
  ['nullfuncref', { heap: 'nofunc', feature: 'gc' }],
  ['nullexternref', { heap: 'noextern', feature: 'gc' }],
  ['exnref', { heap: 'exn', feature: 'exceptions' }],
  ['nullexnref', { heap: 'noexn', feature: 'exceptions' }],
]);

export class TypeParser {
  protected readonly m = emptyModule();
  protected readonly types = new Space('type');
  protected readonly funcs = new Space('function');
  protected readonly tables = new Space('table');
  protected readonly mems = new Space('memory');
  protected readonly globals = new Space('global');
  protected readonly tags = new Space('tag');
  protected readonly elems = new Space('elem segment');
  protected readonly datas = new Space('data segment');

  constructor(protected readonly c: Cursor, protected readonly features: Features) {}

  /** A construct of a proposal that is switched off reads as a misplaced token. */
  protected require(enabled: boolean, tok: Token): void {
    if (!enabled) throw this.c.unexpected(tok);
  }

  /** Whether an index (number or identifier, spec §6.6.1) is `k` tokens ahead. */
  protected isIndexNext(k = 0): boolean {
    const kind = this.c.peek(k).kind;
    return kind === 'nat' || kind === 'id';
  }

  /** A numeric index (u32, passed through) or an identifier resolved in `space`. */
  protected index(space: Space): number {
    const t = this.c.peek();
    if (t.kind === 'id') {
      this.c.next();
      return space.resolve(t);
    }
    return this.u32(t);
  }

  /** A u32 literal (indices, lane counts): "i32 constant out of range" beyond 2^32 - 1. */
  protected u32(t: Token): number {
    if (t.kind !== 'nat') throw this.c.unexpected(t);
    this.c.next();
    const v = parseUnsigned(t.text, 32);
    if (v === undefined) throw errorAt(t, 'i32 constant out of range');
    return Number(v);
  }

  /** An index if one follows (for instructions whose table or memory index may be omitted). */
  protected optIndex(space: Space): number | undefined {
    return this.isIndexNext() ? this.index(space) : undefined;
  }

  /** spec §6.4.4 value types (3.0: all reference types). */
  protected valType(): ValType {
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

  /** spec §6.4.3 reference types: `funcref`, `externref`; 3.0 `(ref null? heaptype)` and shorthands. */
  protected refType(): RefType {
    const c = this.c;
    const t = c.peek();
    if (t.kind === 'keyword' && refShorthands.has(t.text)) {
      const { heap, feature } = refShorthands.get(t.text)!;
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

  /** Whether a reference type (shorthand or `(ref …)`) is next. */
  protected isRefTypeNext(): boolean {
    const t = this.c.peek();
    return (t.kind === 'keyword' && refShorthands.has(t.text)) || this.c.isLParenKeyword('ref');
  }

  /** Heap types: `func`, `extern`; 3.0 the other abstract heap types and type indices. */
  protected heapType(): HeapType {
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
  protected addrType(): AddrType {
    const c = this.c;
    if (c.isKeyword('i64')) {
      this.require(this.features.memory64, c.peek());
      c.next();
      return 'i64';
    }
    c.eatKeyword('i32');
    return 'i32';
  }

  /** spec §6.4.6 limits: u32 values (u64 with memory64). */
  protected limits(addr: AddrType): Limits {
    const min = this.limit(addr);
    const max = this.c.peek().kind === 'nat' ? this.limit(addr) : undefined;
    return max === undefined ? { min } : { min, max };
  }

  /** One limit: "i32 constant out of range" beyond 2^32 - 1 unless 64-bit limits are enabled. */
  protected limit(addr: AddrType): number {
    const t = this.c.peek();
    if (t.kind !== 'nat') throw this.c.unexpected(t);
    this.c.next();
    const wide = addr === 'i64' || this.features.memory64;
    const v = parseUnsigned(t.text, wide ? 64 : 32);
    if (v === undefined) throw errorAt(t, `${wide ? 'i64' : 'i32'} constant out of range`);
    return Number(v);
  }

  /** spec §6.4.7 memory types: `addrtype? limits` (the address type is 3.0 memory64). */
  protected memType(): MemType {
    const addr = this.addrType();
    return { limits: this.limits(addr), addr, shared: false };
  }

  /** spec §6.4.8 table types: `addrtype? limits reftype`. */
  protected tableType(): TableType {
    const addr = this.addrType();
    const limits = this.limits(addr);
    return { limits, addr, elem: this.refType() };
  }

  /** spec §6.4.9 global types: `t` or `(mut t)`. */
  protected globalType(): GlobalType {
    const c = this.c;
    if (c.isLParenKeyword('mut')) {
      c.pos += 2;
      const type = this.valType();
      c.expectRParen();
      return { type, mutable: true };
    }
    return { type: this.valType(), mutable: false };
  }

  /** `(param …)* (result …)*` of a function type; parameter identifiers only where allowed. */
  protected funcSig(allowIds: boolean): { params: ValType[]; paramIds: (Token | undefined)[]; results: ValType[] } {
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

  /** spec §6.6.3 type use: `(type x)? (param …)* (result …)*`. */
  protected typeUseParts(allowIds: boolean): TypeUseParts {
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
   * types (spec §6.6.3, abbreviations).
   */
  protected typeIndex(u: TypeUseParts): number {
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

  /** The function type at `idx`, if that index holds one already. */
  protected funcTypeAt(idx: number): FuncType | undefined {
    const t = this.m.types[idx];
    return t?.comp.kind === 'func' ? t.comp : undefined;
  }

  /**
   * The type index an inline signature abbreviates: the first function type with that signature
   * that is final, has no supertypes and is alone in its recursive group (so in 2.0, any), else a
   * new type appended after all existing ones.
   */
  protected implicitType(params: ValType[], results: ValType[]): number {
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

  /** Append an implicitly defined function type (final, no supertypes, a group of its own). */
  protected pushType(comp: FuncType): number {
    const start = this.m.types.length;
    this.m.types.push({ final: true, supers: [], comp });
    this.m.recGroups.push({ start, count: 1 });
    return start;
  }

  /**
   * spec §6.6.2 type definitions; 3.0 (GC) adds recursive groups `(rec (type …)*)`, subtypes
   * `(sub final? x* comptype)` and struct and array types. A lone `(type …)` is a group of one.
   */
  protected recType(): void {
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
  protected typeDef(): void {
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
  protected compType(): CompType {
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
        const names = new Space('field');
        while (c.isLParenKeyword('field')) {
          c.pos += 2;
          const id = c.eatId();
          if (id) {
            names.bind(id);
            fields.push(this.fieldType());
          } else {
            while (c.peek().kind !== 'rparen') {
              names.bind();
              fields.push(this.fieldType());
            }
          }
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
  protected fieldType(): FieldType {
    const c = this.c;
    const mutable = c.isLParenKeyword('mut');
    if (mutable) c.pos += 2;
    const type: StorageType = c.isKeyword('i8') || c.isKeyword('i16') ? c.next().text as PackedType : this.valType();
    if (mutable) c.expectRParen();
    return { type, mutable };
  }
}
