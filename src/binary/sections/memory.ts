/** Memory section — spec §5.5.8 (id 5): memory types. */

import type { Module } from '../../syntax/module.js';
import type { ExprContext } from '../instructions.js';
import type { Reader } from '../reader.js';
import { readMemType, writeMemType } from '../types.js';
import type { Writer } from '../writer.js';

export function readMemorySection(r: Reader, ctx: ExprContext, m: Module): void {
  const n = r.len32();
  for (let i = 0; i < n; i++) m.mems.push(readMemType(r, ctx.features));
}

export function writeMemorySection(w: Writer, m: Module): void {
  w.u32(m.mems.length);
  for (const t of m.mems) writeMemType(w, t);
}
