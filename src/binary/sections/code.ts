/**
 * Code section — spec §5.5.13 (id 10): per function its size, the local declarations (runs of
 * `count` locals of one type) and the body expression, which must end exactly at the size.
 */

import type { Expr, Func, Module } from '../../syntax/module.js';
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

/** A function's code entry, before decode.ts pairs it with its type index. */
export interface Code {
  readonly locals: ValType[];
  readonly body: Expr;
  /** The opcode of each instruction of `body`, compact (Func.ops). */
  readonly ops: Uint16Array;
}

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

function readCode(r: Reader, ctx: ExprContext): Code {
  const size = r.len32();
  const start = r.pos;
  const locals = readLocals(r, ctx);
  const body = readExpr(r, ctx);
  if (r.pos !== start + size) r.fail('section size mismatch', start);
  return { locals, body, ops: lastExprOps() };
}

export function readCodeSection(r: Reader, ctx: ExprContext): Code[] {
  const n = r.len32();
  const codes: Code[] = [];
  for (let i = 0; i < n; i++) codes.push(readCode(r, ctx));
  return codes;
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
