/**
 * Function section — spec §5.5.6 (id 3): the type index of every defined function. Bodies come
 * later in the code section; decode.ts pairs the two.
 */

import type { Module } from '../../syntax/module.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

export function readFunctionSection(r: Reader): number[] {
  const n = r.len32();
  const typeIdxs: number[] = [];
  for (let i = 0; i < n; i++) typeIdxs.push(r.u32());
  return typeIdxs;
}

export function writeFunctionSection(w: Writer, m: Module): void {
  w.u32(m.funcs.length);
  for (const f of m.funcs) w.u32(f.typeIdx);
}
