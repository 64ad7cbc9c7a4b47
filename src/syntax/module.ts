/**
 * Module structure — spec §2.5 (Structure › Modules) and §2.4 (Instructions).
 *
 * This is the one representation shared by the binary decoder, the text parser, the encoder,
 * the validator and the translator: both front ends produce exactly this, so a module read from
 * `.wasm` and the same module read from `.wat` compare equal field by field.
 *
 * Index spaces follow the spec: imported entities come first in each index space, so
 * `funcs[i]` is function index `numImportedFuncs + i` (see `importCounts`).
 */

import type {
  ExternKind, GlobalType, HeapType, MemType, RecGroup, RefType, SubType, TableType, TagType, ValType,
} from './types.js';

/**
 * A block type (spec §2.4.9): `null` is the empty type `[] -> []`, a value type is `[] -> [t]`,
 * a number is a type index naming a function type.
 */
export type BlockType = null | ValType | number;

/** Memory immediate of loads and stores (spec §2.4.7). */
export interface MemArg {
  /** log2 of the alignment hint, as encoded. */
  readonly align: number;
  /** Static offset. A number: offsets above 2^53 cannot be in bounds of any memory (RATIONALE). */
  readonly offset: number;
  /** Memory index (multi-memory); 0 in 2.0 modules. */
  readonly mem: number;
}

/** A `catch` clause of `try_table` (exception handling, 3.0). */
export interface Catch {
  readonly kind: 'catch' | 'catch_ref' | 'catch_all' | 'catch_all_ref';
  /** Tag index; absent for catch_all forms. */
  readonly tag?: number;
  readonly label: number;
}

/**
 * One instruction in flat (binary) order: structured instructions appear as `block`/`loop`/`if`
 * … `else` … `end`, exactly as in the binary format. Which immediate fields are present is fixed
 * by the opcode's `imm` kind in the opcode table (syntax/opcodes.ts):
 *
 * | imm kind        | fields                                                              |
 * |-----------------|---------------------------------------------------------------------|
 * | none            | —                                                                   |
 * | block           | bt                                                                  |
 * | label, func, type, local, global, table, mem, data, elem, tag | idx                  |
 * | br_table        | labels (targets), idx (default target)                              |
 * | call_indirect   | idx (type index), idx2 (table index)                                |
 * | memarg          | mem                                                                 |
 * | i32 / i64       | value (number, signed / bigint, signed)                             |
 * | f32 / f64       | value (raw bits: int32 number / signed 64-bit bigint)               |
 * | select_t        | types                                                               |
 * | heaptype        | heap                                                                |
 * | memory.init     | idx (data index), idx2 (memory index)                               |
 * | memory.copy     | idx (destination memory), idx2 (source memory)                      |
 * | table.init      | idx (element index), idx2 (table index)                             |
 * | table.copy      | idx (destination table), idx2 (source table)                        |
 * | try_table       | bt, catches                                                         |
 * | v128            | bytes (16)                                                          |
 * | lane            | lane                                                                |
 * | shuffle         | bytes (16 lane indices)                                             |
 * | memarg_lane     | mem, lane                                                           |
 * | type_field      | idx (type index), idx2 (field index)                                |
 * | type_n          | idx (type index), idx2 (count / data / elem index, per opcode)      |
 * | type_type       | idx, idx2 (two type indices)                                        |
 * | reftype         | ref (ref.test / ref.cast)                                           |
 * | br_on_cast      | idx (label), ref, ref2                                              |
 */
export interface Instr {
  readonly op: number;
  readonly idx?: number;
  readonly idx2?: number;
  readonly labels?: readonly number[];
  readonly bt?: BlockType;
  readonly mem?: MemArg;
  readonly value?: number | bigint;
  readonly types?: readonly ValType[];
  readonly heap?: HeapType;
  readonly catches?: readonly Catch[];
  readonly bytes?: Uint8Array;
  readonly lane?: number;
  readonly ref?: RefType;
  readonly ref2?: RefType;
}

/** A constant expression (spec §3.3.10) or function body: instructions without the final `end`. */
export type Expr = Instr[];

export type ImportDesc =
  | { readonly kind: 'func'; readonly typeIdx: number }
  | { readonly kind: 'table'; readonly type: TableType }
  | { readonly kind: 'memory'; readonly type: MemType }
  | { readonly kind: 'global'; readonly type: GlobalType }
  | { readonly kind: 'tag'; readonly type: TagType };

export interface Import {
  readonly module: string;
  readonly name: string;
  readonly desc: ImportDesc;
}

export interface Func {
  /** Index into `Module.types` of this function's type. */
  readonly typeIdx: number;
  /** Declared locals, expanded (one entry per local, parameters not included). */
  readonly locals: ValType[];
  /** Body without the final `end`. */
  readonly body: Expr;
  /**
   * The decoder's opcode of each instruction of `body`, in 16 bits (syntax/opcodes.ts
   * `compactOp`: `ops[i] === compactOp(body[i].op)`), absent for functions made otherwise. The
   * validator reads opcodes from this array: instructions come in many shapes, so reading `op` from
   * each is a megamorphic load (RATIONALE, "Why a side array of opcodes?"). Whoever changes
   * `body` must drop it.
   */
  readonly ops?: Uint16Array;
}

export interface Table {
  readonly type: TableType;
  /** Initializer expression (3.0 `table t e`); absent means null references. */
  readonly init?: Expr;
}

export interface Global {
  readonly type: GlobalType;
  readonly init: Expr;
}

export interface Export {
  readonly name: string;
  readonly kind: ExternKind;
  readonly idx: number;
}

/** Element segment (spec §2.5.7); `init` holds one constant expression per element. */
export interface Elem {
  readonly mode: 'passive' | 'active' | 'declarative';
  readonly type: RefType;
  readonly init: Expr[];
  /** For active segments: table index and offset expression. */
  readonly table?: number;
  readonly offset?: Expr;
}

/** Data segment (spec §2.5.8). */
export interface Data {
  readonly mode: 'passive' | 'active';
  readonly bytes: Uint8Array;
  /** For active segments: memory index and offset expression. */
  readonly mem?: number;
  readonly offset?: Expr;
}

export interface CustomSection {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Decoded name section (the `name` custom section, spec appendix §7.4). */
export interface NameSection {
  module?: string;
  funcs: Map<number, string>;
  locals: Map<number, Map<number, string>>;
}

export interface Module {
  types: SubType[];
  /** Recursive groups over `types`, in order; together they cover every entry exactly once. */
  recGroups: RecGroup[];
  imports: Import[];
  funcs: Func[];
  tables: Table[];
  mems: MemType[];
  globals: Global[];
  tags: TagType[];
  exports: Export[];
  start?: number;
  elems: Elem[];
  datas: Data[];
  /** Value of the data count section, when present. */
  dataCount?: number;
  customs: CustomSection[];
  names?: NameSection;
}

export function emptyModule(): Module {
  return {
    types: [], recGroups: [], imports: [], funcs: [], tables: [], mems: [], globals: [], tags: [],
    exports: [], elems: [], datas: [], customs: [],
  };
}

export interface ImportCounts {
  funcs: number;
  tables: number;
  mems: number;
  globals: number;
  tags: number;
}

/** How many imports each index space begins with. */
export function importCounts(m: Module): ImportCounts {
  const c: ImportCounts = { funcs: 0, tables: 0, mems: 0, globals: 0, tags: 0 };
  for (const im of m.imports) {
    switch (im.desc.kind) {
      case 'func': c.funcs++; break;
      case 'table': c.tables++; break;
      case 'memory': c.mems++; break;
      case 'global': c.globals++; break;
      case 'tag': c.tags++; break;
    }
  }
  return c;
}
