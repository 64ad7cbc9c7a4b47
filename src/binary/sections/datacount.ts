/**
 * Data count section — spec §5.5.15 (id 12): the number of data segments, so that
 * `memory.init` and `data.drop` can be validated before the data section is read.
 */

import type { Module } from '../../syntax/module.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

export function readDataCountSection(r: Reader, m: Module): void {
  m.dataCount = r.u32();
}

export function writeDataCountSection(w: Writer, dataCount: number): void {
  w.u32(dataCount);
}
