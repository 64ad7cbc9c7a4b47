/**
 * Element section — spec §5.5.12 (id 9). The leading u32 is a bit field: bit 0 passive or
 * declarative (else active), bit 1 explicit table index (active) or declarative (otherwise),
 * bit 2 element expressions with a reference type (else function indices with an element kind).
 *
 * Function-index forms become `ref.func i` expressions, so every segment has `init: Expr[]`.
 * Their type is `funcref` in 2.0; with typed function references it is `(ref func)` — the
 * indices are never null (3.0 spec). Flag 4 (expressions, implicit type) is `funcref` in both.
 */

import type { Elem, Expr, Module } from '../../syntax/module.js';
import type { Features } from '../../syntax/features.js';
import { funcref, refType, type RefType } from '../../syntax/types.js';
import { readExpr, refFuncExpr, refFuncIndex, writeExpr, type ExprContext } from '../instructions.js';
import type { Reader } from '../reader.js';
import { readRefType, writeRefType } from '../types.js';
import type { Writer } from '../writer.js';

const nonNullFuncref = refType(false, 'func');

/** The type the function-index forms (flags 0–3) denote under `f`. */
function indexFormType(f: Features): RefType {
  return f.functionReferences ? nonNullFuncref : funcref;
}

/** spec §5.5.12 elemkind: only 0x00 (functions). */
function readElemKind(r: Reader, f: Features): RefType {
  const at = r.pos;
  if (r.u8() !== 0x00) r.fail('malformed element kind', at);
  return indexFormType(f);
}

function readFuncIndices(r: Reader): Expr[] {
  const n = r.len32();
  const init: Expr[] = [];
  for (let i = 0; i < n; i++) init.push(refFuncExpr(r.u32()));
  return init;
}

function readExprs(r: Reader, ctx: ExprContext): Expr[] {
  const n = r.len32();
  const init: Expr[] = [];
  for (let i = 0; i < n; i++) init.push(readExpr(r, ctx));
  return init;
}

function readElem(r: Reader, ctx: ExprContext): Elem {
  const f = ctx.features;
  const at = r.pos;
  const flags = r.u32();
  switch (flags) {
    case 0: {
      const offset = readExpr(r, ctx);
      return { mode: 'active', type: indexFormType(f), init: readFuncIndices(r), table: 0, offset };
    }
    case 1: {
      const type = readElemKind(r, f);
      return { mode: 'passive', type, init: readFuncIndices(r) };
    }
    case 2: {
      const table = r.u32();
      const offset = readExpr(r, ctx);
      const type = readElemKind(r, f);
      return { mode: 'active', type, init: readFuncIndices(r), table, offset };
    }
    case 3: {
      const type = readElemKind(r, f);
      return { mode: 'declarative', type, init: readFuncIndices(r) };
    }
    case 4: {
      const offset = readExpr(r, ctx);
      return { mode: 'active', type: funcref, init: readExprs(r, ctx), table: 0, offset };
    }
    case 5: {
      const type = readRefType(r, f);
      return { mode: 'passive', type, init: readExprs(r, ctx) };
    }
    case 6: {
      const table = r.u32();
      const offset = readExpr(r, ctx);
      const type = readRefType(r, f);
      return { mode: 'active', type, init: readExprs(r, ctx), table, offset };
    }
    case 7: {
      const type = readRefType(r, f);
      return { mode: 'declarative', type, init: readExprs(r, ctx) };
    }
  }
  return r.fail('malformed elements segment kind', at);
}

export function readElementSection(r: Reader, ctx: ExprContext, m: Module): void {
  const n = r.len32();
  for (let i = 0; i < n; i++) m.elems.push(readElem(r, ctx));
}

function sameRefType(a: RefType, b: RefType): boolean {
  return a.nullable === b.nullable && a.heap === b.heap;
}

/**
 * The most compact encoding that decodes back to the same segment under `f`: function indices
 * (flags 0–3) when every element is a lone `ref.func` and the type is what those forms denote,
 * else expressions (flags 4–7); the implicit-table forms (0, 4) for active segments on table 0
 * whose type is the form's implicit one.
 */
function writeElem(w: Writer, e: Elem, f: Features): void {
  const indices = e.init.map(refFuncIndex);
  const useIndices = sameRefType(e.type, indexFormType(f)) && indices.every((x) => x !== undefined);
  const bit2 = useIndices ? 0 : 4;
  let flags: number;
  if (e.mode === 'passive') flags = 1 | bit2;
  else if (e.mode === 'declarative') flags = 3 | bit2;
  else if ((e.table ?? 0) === 0 && (useIndices || sameRefType(e.type, funcref))) flags = bit2;
  else flags = 2 | bit2;
  w.u32(flags);
  if (flags & 2 && !(flags & 1)) w.u32(e.table ?? 0);
  if (!(flags & 1)) writeExpr(w, e.offset ?? []);
  if (flags & 3) {
    if (useIndices) w.u8(0x00); // elemkind func
    else writeRefType(w, e.type);
  }
  w.u32(e.init.length);
  if (useIndices) for (const x of indices) w.u32(x!);
  else for (const x of e.init) writeExpr(w, x);
}

export function writeElementSection(w: Writer, m: Module, f: Features): void {
  w.u32(m.elems.length);
  for (const e of m.elems) writeElem(w, e, f);
}
