/**
 * Validation of modules — spec §3.4 (Validation › Modules).
 *
 * Builds the context C from the module's definitions (imports first in every index space), then
 * checks each component in the reference interpreter's order — types, imports, tables, memories,
 * globals, element and data segments, functions, start, exports — so that a module with several
 * faults reports the same one as the official suite expects.
 */

import { CompileError } from '../errors.js';
import type { Features } from '../syntax/features.js';
import { defaultFeatures } from '../syntax/features.js';
import type { Expr, Module } from '../syntax/module.js';
import { Op } from '../syntax/opcodes.js';
import type { GlobalType, MemType, RefType, TableType } from '../syntax/types.js';
import { funcTypeToString } from '../syntax/types.js';
import { featureOff, invalid, unknown } from './context.js';
import type { Context } from './context.js';
import { validateConstExpr } from './constant.js';
import { FuncValidator } from './instructions.js';
import {
  defineTypes, funcTypeAt, refMatches, validatedTypeIds, validateGlobalType, validateMemType, validateRefType,
  validateTableType,
} from './types.js';
import type { TypeContext } from './types.js';

/** spec §3.4.10 Modules: throws a `CompileError` with the suite's wording if `m` is invalid. */
export function validateModule(m: Module, features: Features = defaultFeatures): void {
  const numTypes = m.types.length;
  const canon = defineTypes(m.types, m.recGroups, features);
  const tc: TypeContext = { types: m.types, canon };

  // spec §3.4.9 Imports: build the imported part of each index space.
  const funcs: number[] = [];
  const tables: TableType[] = [];
  const mems: MemType[] = [];
  const globals: GlobalType[] = [];
  const tags: number[] = [];
  for (const im of m.imports) {
    const d = im.desc;
    switch (d.kind) {
      case 'func': funcTypeAt(tc, d.typeIdx); funcs.push(d.typeIdx); break;
      case 'table': validateTableType(d.type, numTypes, features); tables.push(d.type); break;
      case 'memory': validateMemType(d.type, features); mems.push(d.type); break;
      case 'global': validateGlobalType(d.type, numTypes, features); globals.push(d.type); break;
      case 'tag': validateTag(d.type.typeIdx, tc, features); tags.push(d.type.typeIdx); break;
    }
  }
  const importedGlobals = globals.length;
  for (const f of m.funcs) {
    funcTypeAt(tc, f.typeIdx);
    funcs.push(f.typeIdx);
  }
  for (const t of m.tables) tables.push(t.type);
  for (const mt of m.mems) mems.push(mt);
  for (const g of m.globals) globals.push(g.type);
  for (const t of m.tags) {
    validateTag(t.typeIdx, tc, features);
    tags.push(t.typeIdx);
  }
  const elems: RefType[] = m.elems.map((e) => e.type);
  if (m.dataCount !== undefined && m.dataCount !== m.datas.length) {
    throw invalid('data count and data section have inconsistent lengths');
  }

  const ctx: Context = {
    features, types: m.types, canon, funcs, tables, mems, globals, elems, datas: m.datas.length, tags,
    refs: declaredFuncRefs(m),
  };
  const v = new FuncValidator(ctx);

  // spec §3.4.4 Globals: in 2.0 an initializer reads imported globals only (C'); with gc (3.0),
  // any global defined before it.
  for (let i = 0; i < m.globals.length; i++) {
    const g = m.globals[i];
    validateGlobalType(g.type, numTypes, features);
    const visible = features.gc ? importedGlobals + i : importedGlobals;
    try {
      validateConstExpr(g.init, g.type.type, ctx, visible, v);
    } catch (e) {
      throw within('global', importedGlobals + i, e);
    }
  }
  // Element and data segments come after the globals: in 3.0 they may read any of them.
  const segmentGlobals = features.gc ? globals.length : importedGlobals;

  // spec §3.4.2 Tables (3.0: an initializer, which sees imported globals only — the table section
  // precedes the global section; a non-nullable element type requires one).
  m.tables.forEach((t, i) => {
    validateTableType(t.type, numTypes, features);
    const x = tables.length - m.tables.length + i;
    if (t.init !== undefined) {
      if (!features.functionReferences) throw featureOff('a table initializer', 'functionReferences');
      try {
        validateConstExpr(t.init, t.type.elem, ctx, importedGlobals, v);
      } catch (e) {
        throw within('table', x, e);
      }
    } else if (!t.type.elem.nullable) {
      throw invalid(`type mismatch: table ${x} of non-nullable references needs an initializer`);
    }
  });

  // spec §3.4.3 Memories; 2.0 allows at most one.
  for (const mt of m.mems) validateMemType(mt, features);
  if (mems.length > 1 && !features.multiMemory) throw invalid('multiple memories');

  // spec §3.4.5 Element segments.
  for (let i = 0; i < m.elems.length; i++) {
    const e = m.elems[i];
    try {
      validateRefType(e.type, numTypes, features);
      // `ref.func x` into a segment of function references is valid once x exists (every
      // function of a segment is declared, C.refs); anything else is checked in full.
      const funcs = e.type.heap === 'func';
      for (const item of e.init) {
        const x = funcs && item.length === 1 && item[0].op === Op.ref_func ? item[0].idx : undefined;
        if (x === undefined || ctx.funcs[x] === undefined) validateConstExpr(item, e.type, ctx, segmentGlobals, v);
      }
      if (e.mode === 'active') {
        const x = e.table ?? 0;
        const tt = tables[x];
        if (tt === undefined) throw unknown('table', x);
        validateConstExpr(offsetOf(e.offset), tt.addr, ctx, segmentGlobals, v);
        if (!refMatches(e.type, tt.elem, ctx)) throw invalid('type mismatch: element segment does not fit its table');
      }
    } catch (err) {
      throw within('elem segment', i, err);
    }
  }

  // spec §3.4.6 Data segments.
  for (let i = 0; i < m.datas.length; i++) {
    const d = m.datas[i];
    if (d.mode !== 'active') continue;
    try {
      const x = d.mem ?? 0;
      const mt = mems[x];
      if (mt === undefined) throw unknown('memory', x);
      validateConstExpr(offsetOf(d.offset), mt.addr, ctx, segmentGlobals, v);
    } catch (e) {
      throw within('data segment', i, e);
    }
  }

  // spec §3.4.1 Functions.
  const numImportedFuncs = funcs.length - m.funcs.length;
  for (let i = 0; i < m.funcs.length; i++) v.validateFunc(m.funcs[i], numImportedFuncs + i);

  // spec §3.4.7 Start function: type [] -> [].
  if (m.start !== undefined) {
    const typeIdx = funcs[m.start];
    if (typeIdx === undefined) throw unknown('function', m.start);
    const ft = funcTypeAt(tc, typeIdx);
    if (ft.params.length !== 0 || ft.results.length !== 0) {
      throw invalid(`start function must not have parameters or results, but has type ${funcTypeToString(ft)}`);
    }
  }

  // spec §3.4.8 Exports: indices defined, names distinct.
  const names = new Set<string>();
  for (const ex of m.exports) {
    const space = ex.kind === 'func' ? funcs : ex.kind === 'table' ? tables : ex.kind === 'memory' ? mems
      : ex.kind === 'global' ? globals : tags;
    if (space[ex.idx] === undefined) throw unknown(ex.kind === 'func' ? 'function' : ex.kind, ex.idx);
    if (names.has(ex.name)) throw invalid(`duplicate export name "${ex.name}"`);
    names.add(ex.name);
  }
  validatedTypeIds.set(m, canon);
}

/** Exception tags (3.0): a function type index with no results. */
function validateTag(typeIdx: number, tc: TypeContext, features: Features): void {
  if (!features.exceptions) throw featureOff('a tag', 'exceptions');
  if (funcTypeAt(tc, typeIdx).results.length !== 0) throw invalid('non-empty tag result type');
}

/** C.refs (spec §3.4.10): function indices in exports, globals, tables and element segments. */
function declaredFuncRefs(m: Module): Set<number> {
  const refs = new Set<number>();
  const scan = (e: Expr | undefined) => {
    if (e === undefined) return;
    for (const ins of e) if (ins.op === Op.ref_func && ins.idx !== undefined) refs.add(ins.idx);
  };
  for (const g of m.globals) scan(g.init);
  for (const t of m.tables) scan(t.init);
  for (const e of m.elems) {
    for (const item of e.init) scan(item);
    scan(e.offset);
  }
  for (const d of m.datas) scan(d.offset);
  for (const ex of m.exports) if (ex.kind === 'func') refs.add(ex.idx);
  return refs;
}

function offsetOf(e: Expr | undefined): Expr {
  if (e === undefined) throw invalid('active segment without an offset expression');
  return e;
}

/** The error `e` thrown while checking component `what` `idx`: a validation error names the component. */
function within(what: string, idx: number, e: unknown): unknown {
  return e instanceof CompileError ? new CompileError(`${e.message} (in ${what} ${idx})`) : e;
}
