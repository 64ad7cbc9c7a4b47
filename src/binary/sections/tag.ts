/**
 * Tag section — exception handling (3.0), id 13, placed between the memory and global sections:
 * tag types (attribute 0x00 and a function type index).
 */

import type { Module } from '../../syntax/module.js';
import type { Reader } from '../reader.js';
import { readTagType, writeTagType } from '../types.js';
import type { Writer } from '../writer.js';

export function readTagSection(r: Reader, m: Module): void {
  const n = r.len32();
  for (let i = 0; i < n; i++) m.tags.push(readTagType(r));
}

export function writeTagSection(w: Writer, m: Module): void {
  w.u32(m.tags.length);
  for (const t of m.tags) writeTagType(w, t);
}
