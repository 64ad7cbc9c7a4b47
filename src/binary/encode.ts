/**
 * Module encoding — the inverse of decode.ts (spec §5.5): `decodeModule(encodeModule(m, f), f)`
 * equals `m` for every module the decoder produces.
 *
 * Sections come in the required order and only when non-empty; the data count section when
 * `dataCount` is set; custom sections after all others (their original placement is not part of
 * the Module); a `name` section built from `names` when `customs` has none. The encoder does not
 * validate: it writes invalid modules too (the differential tests need them), and any Module —
 * dangling indices, missing immediates, odd numbers — encodes without throwing.
 */

import { defaultFeatures, type Features } from '../syntax/features.js';
import type { Module } from '../syntax/module.js';
import { SectionId } from './decode.js';
import { encodeNames } from './names.js';
import { writeCodeSection } from './sections/code.js';
import { writeCustomSection } from './sections/custom.js';
import { writeDataSection } from './sections/data.js';
import { writeDataCountSection } from './sections/datacount.js';
import { writeElementSection } from './sections/element.js';
import { writeExportSection } from './sections/export.js';
import { writeFunctionSection } from './sections/function.js';
import { writeGlobalSection } from './sections/global.js';
import { writeImportSection } from './sections/import.js';
import { writeMemorySection } from './sections/memory.js';
import { writeStartSection } from './sections/start.js';
import { writeTableSection } from './sections/table.js';
import { writeTagSection } from './sections/tag.js';
import { writeTypeSection } from './sections/type.js';
import { Writer } from './writer.js';

const HEADER = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);

/**
 * Encodes a module. `features` only matters for element segments: it decides which type the
 * compact function-index forms stand for (see sections/element.ts), so that decoding with the
 * same features gives the module back.
 */
export function encodeModule(m: Module, features: Features = defaultFeatures): Uint8Array {
  const w = new Writer();
  w.bytes(HEADER);
  const section = (id: SectionId, write: (s: Writer) => void): void => {
    const s = new Writer();
    write(s);
    w.u8(id);
    w.sized(s);
  };
  if (m.types.length > 0 || m.recGroups.length > 0) section(SectionId.Type, (s) => writeTypeSection(s, m));
  if (m.imports.length > 0) section(SectionId.Import, (s) => writeImportSection(s, m));
  if (m.funcs.length > 0) section(SectionId.Function, (s) => writeFunctionSection(s, m));
  if (m.tables.length > 0) section(SectionId.Table, (s) => writeTableSection(s, m));
  if (m.mems.length > 0) section(SectionId.Memory, (s) => writeMemorySection(s, m));
  if (m.tags.length > 0) section(SectionId.Tag, (s) => writeTagSection(s, m));
  if (m.globals.length > 0) section(SectionId.Global, (s) => writeGlobalSection(s, m));
  if (m.exports.length > 0) section(SectionId.Export, (s) => writeExportSection(s, m));
  const start = m.start;
  if (start !== undefined) section(SectionId.Start, (s) => writeStartSection(s, start));
  if (m.elems.length > 0) section(SectionId.Element, (s) => writeElementSection(s, m, features));
  const dataCount = m.dataCount;
  if (dataCount !== undefined) section(SectionId.DataCount, (s) => writeDataCountSection(s, dataCount));
  if (m.funcs.length > 0) section(SectionId.Code, (s) => writeCodeSection(s, m));
  if (m.datas.length > 0) section(SectionId.Data, (s) => writeDataSection(s, m));
  for (const c of m.customs) section(SectionId.Custom, (s) => writeCustomSection(s, c));
  const names = m.names;
  if (names !== undefined && !m.customs.some((c) => c.name === 'name')) {
    section(SectionId.Custom, (s) => writeCustomSection(s, { name: 'name', bytes: encodeNames(names) }));
  }
  return w.finish();
}
