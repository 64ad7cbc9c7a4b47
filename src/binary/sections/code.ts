/**
 * Code section — spec §5.5.13 (id 10): per function its size, the local declarations (runs of
 * `count` locals of one type) and the body expression, which must end exactly at the size.
 */

import type { Func, Module } from '../../syntax/module.js';
import { valTypeEq, type ValType } from '../../syntax/types.js';
import { lastExprOps, readExpr, writeExpr, type ExprContext } from '../instructions.js';
import type { Reader } from '../reader.js';
import { readValType, writeValType } from '../types.js';
import { Writer } from '../writer.js';

/**
 * Most locals one function may declare. The spec bounds the total by 2^32; this implementation
 * limit (the JS API's, see RATIONALE, "Implementation limits") keeps the expanded list small.
 */
export const MAX_LOCALS = 50_000;

/**
 * The local declarations. All runs are read first, then their total checked — so a count that is
 * itself malformed reports the integer error, as the suite expects. Runs are expanded as they are
 * read while the total stays within the limit.
 */
function readLocals(r: Reader, ctx: ExprContext): ValType[] {
  const at = r.pos;
  const n = r.len32();
  const locals: ValType[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const count = r.u32();
    const t = readValType(r, ctx.features);
    total += count;
    if (total <= MAX_LOCALS) for (let k = 0; k < count; k++) locals.push(t);
  }
  if (total >= 2 ** 32 || total > MAX_LOCALS) r.fail('too many locals', at);
  return locals;
}

/**
 * The code section's entries as functions, each paired with its type index from the function
 * section (`typeIdxs`, read before; -1 past its end, which decode.ts then reports as inconsistent
 * lengths) and appended to `out`. One object per function, built here: an intermediate entry per
 * function, paired later, was garbage of every decoded module (RATIONALE, "Where does Vitrine's
 * start-up time go?").
 */
export function readCodeSection(r: Reader, ctx: ExprContext, typeIdxs: readonly number[] = [], out: Func[] = []): Func[] {
  const n = r.len32();
  for (let i = 0; i < n; i++) {
    const size = r.len32();
    const start = r.pos;
    const locals = readLocals(r, ctx);
    const body = readExpr(r, ctx);
    if (r.pos !== start + size) r.fail('section size mismatch', start);
    out.push({ typeIdx: i < typeIdxs.length ? typeIdxs[i] : -1, locals, body, ops: lastExprOps() });
  }
  return out;
}

/** Locals compressed into runs of equal types, then the body. */
function writeCode(w: Writer, fn: Func): void {
  const code = new Writer();
  const runs: [number, ValType][] = [];
  for (const t of fn.locals) {
    const last = runs[runs.length - 1];
    if (last !== undefined && valTypeEq(last[1], t)) last[0]++;
    else runs.push([1, t]);
  }
  code.u32(runs.length);
  for (const [count, t] of runs) {
    code.u32(count);
    writeValType(code, t);
  }
  writeExpr(code, fn.body);
  w.sized(code);
}

export function writeCodeSection(w: Writer, m: Module): void {
  w.u32(m.funcs.length);
  for (const fn of m.funcs) writeCode(w, fn);
}
