/**
 * Data section — spec §5.5.14 (id 11). The leading u32: 0 active on memory 0, 1 passive,
 * 2 active with an explicit memory index; then the bytes.
 */

import type { Data, Module } from '../../syntax/module.js';
import { readExpr, writeExpr, type ExprContext } from '../instructions.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

function readData(r: Reader, ctx: ExprContext): Data {
  const at = r.pos;
  switch (r.u32()) {
    case 0: {
      const offset = readExpr(r, ctx);
      return { mode: 'active', bytes: r.bytesN(r.len32()), mem: 0, offset };
    }
    case 1:
      return { mode: 'passive', bytes: r.bytesN(r.len32()) };
    case 2: {
      const mem = r.u32();
      const offset = readExpr(r, ctx);
      return { mode: 'active', bytes: r.bytesN(r.len32()), mem, offset };
    }
  }
  return r.fail('malformed data segment kind', at);
}

export function readDataSection(r: Reader, ctx: ExprContext, m: Module): void {
  const n = r.len32();
  for (let i = 0; i < n; i++) m.datas.push(readData(r, ctx));
}

export function writeDataSection(w: Writer, m: Module): void {
  w.u32(m.datas.length);
  for (const d of m.datas) {
    if (d.mode === 'passive') {
      w.u32(1);
    } else if ((d.mem ?? 0) === 0) {
      w.u32(0);
      writeExpr(w, d.offset ?? []);
    } else {
      w.u32(2);
      w.u32(d.mem ?? 0);
      writeExpr(w, d.offset ?? []);
    }
    w.byteVec(d.bytes);
  }
}
