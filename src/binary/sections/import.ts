/**
 * Import section — spec §5.5.5 (id 2): module name, item name, and a description whose kind
 * byte is 0x00 func (type index), 0x01 table, 0x02 memory, 0x03 global, or (exception handling)
 * 0x04 tag.
 */

import type { Import, ImportDesc, Module } from '../../syntax/module.js';
import type { ExprContext } from '../instructions.js';
import type { Reader } from '../reader.js';
import {
  readGlobalType, readMemType, readTableType, readTagType, writeGlobalType, writeMemType,
  writeTableType, writeTagType,
} from '../types.js';
import type { Writer } from '../writer.js';

function readImportDesc(r: Reader, ctx: ExprContext): ImportDesc {
  const at = r.pos;
  const f = ctx.features;
  switch (r.u8()) {
    case 0x00: return { kind: 'func', typeIdx: r.u32() };
    case 0x01: return { kind: 'table', type: readTableType(r, f) };
    case 0x02: return { kind: 'memory', type: readMemType(r, f) };
    case 0x03: return { kind: 'global', type: readGlobalType(r, f) };
    case 0x04: if (f.exceptions) return { kind: 'tag', type: readTagType(r) };
  }
  return r.fail('malformed import kind', at);
}

export function readImportSection(r: Reader, ctx: ExprContext, m: Module): void {
  const n = r.len32();
  for (let i = 0; i < n; i++) {
    const module = r.name();
    const name = r.name();
    m.imports.push({ module, name, desc: readImportDesc(r, ctx) });
  }
}

function writeImport(w: Writer, im: Import): void {
  w.name(im.module);
  w.name(im.name);
  const d = im.desc;
  switch (d.kind) {
    case 'func': w.u8(0x00); w.u32(d.typeIdx); return;
    case 'table': w.u8(0x01); writeTableType(w, d.type); return;
    case 'memory': w.u8(0x02); writeMemType(w, d.type); return;
    case 'global': w.u8(0x03); writeGlobalType(w, d.type); return;
    case 'tag': w.u8(0x04); writeTagType(w, d.type);
  }
}

export function writeImportSection(w: Writer, m: Module): void {
  w.u32(m.imports.length);
  for (const im of m.imports) writeImport(w, im);
}
