/** Start section — spec §5.5.11 (id 8): the start function's index. */

import type { Module } from '../../syntax/module.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

export function readStartSection(r: Reader, m: Module): void {
  m.start = r.u32();
}

export function writeStartSection(w: Writer, start: number): void {
  w.u32(start);
}
