/**
 * Table section — spec §5.5.7 (id 4): table types; with typed function references also
 * `0x40 0x00 tabletype expr`, a table with an explicit initializer.
 */

import type { Module, Table } from '../../syntax/module.js';
import { readExpr, writeExpr, type ExprContext } from '../instructions.js';
import type { Reader } from '../reader.js';
import { readTableType, writeTableType } from '../types.js';
import type { Writer } from '../writer.js';

const WITH_INIT = 0x40;

function readTable(r: Reader, ctx: ExprContext): Table {
  if (ctx.features.functionReferences && r.peek() === WITH_INIT) {
    r.pos++;
    r.zeroByte();
    const type = readTableType(r, ctx.features);
    return { type, init: readExpr(r, ctx) };
  }
  return { type: readTableType(r, ctx.features) };
}

export function readTableSection(r: Reader, ctx: ExprContext, m: Module): void {
  const n = r.len32();
  for (let i = 0; i < n; i++) m.tables.push(readTable(r, ctx));
}

export function writeTableSection(w: Writer, m: Module): void {
  w.u32(m.tables.length);
  for (const t of m.tables) {
    if (t.init !== undefined) {
      w.u8(WITH_INIT);
      w.u8(0x00);
      writeTableType(w, t.type);
      writeExpr(w, t.init);
    } else {
      writeTableType(w, t.type);
    }
  }
}
