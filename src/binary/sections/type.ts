/**
 * Type section — spec §5.5.4 (id 1): a vector of recursive groups (3.0), each a lone subtype or
 * `0x4E vec(subtype)`; a 2.0 module has one function type per entry.
 */

import type { Module } from '../../syntax/module.js';
import type { SubType } from '../../syntax/types.js';
import type { ExprContext } from '../instructions.js';
import type { Reader } from '../reader.js';
import { readRecType, writeRecGroup, writeSubType } from '../types.js';
import { Writer } from '../writer.js';

export function readTypeSection(r: Reader, ctx: ExprContext, m: Module): void {
  const n = r.len32();
  for (let i = 0; i < n; i++) readRecType(r, ctx.features, m);
}

/**
 * Writes `m.types` grouped by `m.recGroups`. A group of one is written as a lone subtype (which
 * decodes back to the same group). Every type is written exactly once even when the groups do not
 * cover `types` as they should: uncovered types become groups of their own, overlapping or
 * out-of-range groups are ignored.
 */
export function writeTypeSection(w: Writer, m: Module): void {
  const entries = new Writer();
  let count = 0;
  const { types, recGroups } = m;
  let g = 0;
  let i = 0;
  while (i < types.length || g < recGroups.length) {
    const group = recGroups[g];
    if (group !== undefined && (group.start <= i || i >= types.length)) {
      g++;
      if (group.start !== i || group.count === 1) continue;
      const end = Math.min(i + Math.max(group.count, 0), types.length);
      writeRecGroup(entries, types.slice(i, end));
      count++;
      i = end;
      continue;
    }
    writeSubType(entries, types[i] as SubType);
    count++;
    i++;
  }
  w.u32(count);
  w.bytes(entries.finish());
}
