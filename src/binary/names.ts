/**
 * The name section — spec appendix §7.4.1: the custom section `name`, a sequence of subsections
 * (id byte, u32 size, contents) in increasing id order, each at most once: 0 module name,
 * 1 function names (a name map), 2 local names (an indirect name map). Name maps list indices in
 * increasing order, each once.
 *
 * The section is only debugging aid: a malformed one never makes the module malformed. It is
 * then ignored (parseNames returns undefined) and merely kept among the custom sections. Ids above
 * 2 (the extended name section of tools: labels, types, globals, …) are skipped.
 */

import { CompileError } from '../errors.js';
import type { NameSection } from '../syntax/module.js';
import { Reader } from './reader.js';
import { Writer } from './writer.js';

const MODULE = 0;
const FUNCS = 1;
const LOCALS = 2;

/** A name map, or undefined when its indices are not strictly increasing. */
function readNameMap(r: Reader): Map<number, string> | undefined {
  const n = r.len32();
  const map = new Map<number, string>();
  let last = -1;
  for (let i = 0; i < n; i++) {
    const idx = r.u32();
    if (idx <= last) return undefined;
    last = idx;
    map.set(idx, r.name());
  }
  return map;
}

function readIndirectNameMap(r: Reader): Map<number, Map<number, string>> | undefined {
  const n = r.len32();
  const map = new Map<number, Map<number, string>>();
  let last = -1;
  for (let i = 0; i < n; i++) {
    const idx = r.u32();
    if (idx <= last) return undefined;
    last = idx;
    const inner = readNameMap(r);
    if (inner === undefined) return undefined;
    map.set(idx, inner);
  }
  return map;
}

/** Decodes the contents of a `name` custom section; undefined when malformed. */
export function parseNames(bytes: Uint8Array): NameSection | undefined {
  const r = new Reader(bytes);
  const names: NameSection = { funcs: new Map(), locals: new Map() };
  let lastId = -1;
  try {
    while (!r.atEnd()) {
      const id = r.u8();
      if (id <= lastId) return undefined;
      lastId = id;
      const size = r.len32();
      const end = r.pos + size;
      if (end > bytes.length) return undefined;
      if (id === MODULE) {
        names.module = r.name();
      } else if (id === FUNCS) {
        const funcs = readNameMap(r);
        if (funcs === undefined) return undefined;
        names.funcs = funcs;
      } else if (id === LOCALS) {
        const locals = readIndirectNameMap(r);
        if (locals === undefined) return undefined;
        names.locals = locals;
      } else {
        r.pos = end;
      }
      if (r.pos !== end) return undefined;
    }
  } catch (e) {
    if (e instanceof CompileError) return undefined; // malformed inside: the section is ignored
    throw e;
  }
  return names;
}

function sortedEntries<T>(map: ReadonlyMap<number, T>): [number, T][] {
  return [...map.entries()].sort((a, b) => a[0] - b[0]);
}

function writeNameMap(w: Writer, map: ReadonlyMap<number, string>): void {
  const entries = sortedEntries(map);
  w.u32(entries.length);
  for (const [idx, name] of entries) {
    w.u32(idx);
    w.name(name);
  }
}

/** The contents of a `name` custom section; empty subsections are left out. */
export function encodeNames(names: NameSection): Uint8Array {
  const w = new Writer();
  const sub = (id: number, body: Writer): void => {
    w.u8(id);
    w.sized(body);
  };
  if (names.module !== undefined) {
    const b = new Writer();
    b.name(names.module);
    sub(MODULE, b);
  }
  if (names.funcs.size > 0) {
    const b = new Writer();
    writeNameMap(b, names.funcs);
    sub(FUNCS, b);
  }
  if (names.locals.size > 0) {
    const b = new Writer();
    const entries = sortedEntries(names.locals);
    b.u32(entries.length);
    for (const [idx, map] of entries) {
      b.u32(idx);
      writeNameMap(b, map);
    }
    sub(LOCALS, b);
  }
  return w.finish();
}
