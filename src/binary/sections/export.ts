/**
 * Export section — spec §5.5.10 (id 7): name, kind byte (0x00 func, 0x01 table, 0x02 memory,
 * 0x03 global, 0x04 tag with exception handling) and index.
 */

import type { Module } from '../../syntax/module.js';
import type { ExternKind } from '../../syntax/types.js';
import type { ExprContext } from '../instructions.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

const kinds: readonly ExternKind[] = ['func', 'table', 'memory', 'global', 'tag'];

export function readExportSection(r: Reader, ctx: ExprContext, m: Module): void {
  const n = r.len32();
  for (let i = 0; i < n; i++) {
    const name = r.name();
    const at = r.pos;
    const code = r.u8();
    const kind = kinds[code];
    if (kind === undefined || (kind === 'tag' && !ctx.features.exceptions)) {
      r.fail('malformed export kind', at);
    }
    m.exports.push({ name, kind, idx: r.u32() });
  }
}

export function writeExportSection(w: Writer, m: Module): void {
  w.u32(m.exports.length);
  for (const e of m.exports) {
    w.name(e.name);
    w.u8(Math.max(kinds.indexOf(e.kind), 0));
    w.u32(e.idx);
  }
}
