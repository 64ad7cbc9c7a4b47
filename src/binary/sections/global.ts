/** Global section — spec §5.5.9 (id 6): global type and initializer expression. */

import type { Module } from '../../syntax/module.js';
import { readExpr, writeExpr, type ExprContext } from '../instructions.js';
import type { Reader } from '../reader.js';
import { readGlobalType, writeGlobalType } from '../types.js';
import type { Writer } from '../writer.js';

export function readGlobalSection(r: Reader, ctx: ExprContext, m: Module): void {
  const n = r.len32();
  for (let i = 0; i < n; i++) {
    const type = readGlobalType(r, ctx.features);
    m.globals.push({ type, init: readExpr(r, ctx) });
  }
}

export function writeGlobalSection(w: Writer, m: Module): void {
  w.u32(m.globals.length);
  for (const g of m.globals) {
    writeGlobalType(w, g.type);
    writeExpr(w, g.init);
  }
}
