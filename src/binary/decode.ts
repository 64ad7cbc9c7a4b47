/**
 * Module decoding — spec §5.5.16 (Binary › Modules) and §5.5.2 (Sections).
 *
 * Decoding is eager: one pass turns the bytes into the shared Module structure
 * (syntax/module.ts), function bodies included, so every malformation is reported at compile
 * time with the suite's wording. The checks that need the whole module (function/code counts,
 * data count) run after the last section, in the reference interpreter's order, so a module with
 * several defects reports the same one as the suite expects.
 */

import { CompileError } from '../errors.js';
import { defaultFeatures, type Features } from '../syntax/features.js';
import { emptyModule, type Module } from '../syntax/module.js';
import type { ExprContext } from './instructions.js';
import { parseNames } from './names.js';
import { Reader } from './reader.js';
import { readCodeSection } from './sections/code.js';
import { readCustomSection } from './sections/custom.js';
import { readDataSection } from './sections/data.js';
import { readDataCountSection } from './sections/datacount.js';
import { readElementSection } from './sections/element.js';
import { readExportSection } from './sections/export.js';
import { readFunctionSection } from './sections/function.js';
import { readGlobalSection } from './sections/global.js';
import { readImportSection } from './sections/import.js';
import { readMemorySection } from './sections/memory.js';
import { readStartSection } from './sections/start.js';
import { readTableSection } from './sections/table.js';
import { readTagSection } from './sections/tag.js';
import { readTypeSection } from './sections/type.js';

/** `\0asm` read as a little-endian u32, and the binary format version. */
const MAGIC = 0x6d736100;
const VERSION = 1;

/** Section ids (spec §5.5.2; 13 is the exception-handling tag section). */
export const enum SectionId {
  Custom = 0, Type, Import, Function, Table, Memory, Global, Export, Start, Element, Code, Data,
  DataCount, Tag,
}

/**
 * Position of each non-custom section in the required order, by id: the tag section sits
 * between memory and global, the data count section between element and code.
 */
const sectionRank: readonly number[] = [
  0, // custom: anywhere
  1, 2, 3, 4, 5, // type, import, function, table, memory
  7, 8, 9, 10, // global, export, start, element
  12, 13, // code, data
  11, // data count
  6, // tag
];

/**
 * Decodes a binary module (spec §5.5.16). Throws a CompileError with the suite's message on
 * malformed input. Features select which 3.0 encodings are accepted (default: defaultFeatures).
 */
export function decodeModule(bytes: Uint8Array, features: Features = defaultFeatures): Module {
  if (bytes.length < 4) throw new CompileError('unexpected end', bytes.length);
  if (readWord(bytes, 0) !== MAGIC) throw new CompileError('magic header not detected', 0);
  if (bytes.length < 8) throw new CompileError('unexpected end', bytes.length);
  if (readWord(bytes, 4) !== VERSION) throw new CompileError('unknown binary version', 4);
  const r = new Reader(bytes, 8);

  const m = emptyModule();
  const ctx: ExprContext = { features, usesDataIndex: false };
  let funcTypes: number[] = [];
  let numCodes = 0;
  let codeUsesDataIndex = false;
  let lastRank = 0;

  while (!r.atEnd()) {
    const idAt = r.pos;
    const id = r.u8();
    if (id > SectionId.Tag || (id === SectionId.Tag && !features.exceptions)) {
      r.fail('malformed section id', idAt);
    }
    if (id !== SectionId.Custom) {
      if (sectionRank[id] <= lastRank) r.fail('unexpected content after last section', idAt);
      lastRank = sectionRank[id];
    }
    const size = r.len32();
    const start = r.pos;
    switch (id as SectionId) {
      case SectionId.Custom: m.customs.push(readCustomSection(r, start, size)); break;
      case SectionId.Type: readTypeSection(r, ctx, m); break;
      case SectionId.Import: readImportSection(r, ctx, m); break;
      case SectionId.Function: funcTypes = readFunctionSection(r); break;
      case SectionId.Table: readTableSection(r, ctx, m); break;
      case SectionId.Memory: readMemorySection(r, ctx, m); break;
      case SectionId.Tag: readTagSection(r, m); break;
      case SectionId.Global: readGlobalSection(r, ctx, m); break;
      case SectionId.Export: readExportSection(r, ctx, m); break;
      case SectionId.Start: readStartSection(r, m); break;
      case SectionId.Element: readElementSection(r, ctx, m); break;
      case SectionId.DataCount: readDataCountSection(r, m); break;
      case SectionId.Code:
        ctx.usesDataIndex = false;
        numCodes = readCodeSection(r, ctx, funcTypes, m.funcs).length;
        codeUsesDataIndex = ctx.usesDataIndex;
        break;
      case SectionId.Data: readDataSection(r, ctx, m); break;
    }
    if (r.pos !== start + size) r.fail('section size mismatch', start);
  }

  // spec §5.5.16: checks over the whole module.
  if (funcTypes.length !== numCodes) {
    r.fail('function and code section have inconsistent lengths', bytes.length);
  }
  if (m.dataCount !== undefined && m.dataCount !== m.datas.length) {
    r.fail('data count and data section have inconsistent lengths', bytes.length);
  }
  if (m.dataCount === undefined && codeUsesDataIndex) {
    r.fail('data count section required', bytes.length);
  }

  const nameSection = m.customs.find((c) => c.name === 'name');
  if (nameSection !== undefined) {
    const names = parseNames(nameSection.bytes);
    if (names !== undefined) m.names = names;
  }
  return m;
}

/** A little-endian u32 of the header. */
function readWord(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}
