/**
 * Type canonicalization — type identity at run time: in 2.0 a function import matches and
 * `call_indirect` succeeds when the function types are "the same" (spec §3.2.8 Import Subtyping,
 * §4.4.8 call_indirect); in 3.0 defined types are equal when their recursive groups are
 * (iso-recursive type equivalence, GC proposal "Type equivalence").
 *
 * Every distinct defined type gets a small integer id, process-wide, so that `call_indirect`'s
 * signature check and function import matching are one integer compare.
 *
 * The key of a type is the key of its recursive group: the group's subtypes written out, where a
 * reference to a type *inside* the same group is written by its position in the group (`r0`,
 * `r1`, …) and a reference to an earlier type by that type's canonical id (`c12`). Two groups with
 * the same key are the same types, and a 2.0 module — one
 * final function type per group — degenerates to plain structural equality of function types.
 */

import type { Module } from '../syntax/module.js';
import type { CompType, FuncType, HeapType, StorageType, SubType } from '../syntax/types.js';

/** Group key → canonical id of the group's first type; the group's types follow consecutively. */
const groupIds = new Map<string, number>();
let nextId = 0;

/** Canonical ids of each module's types, computed once per module. */
const moduleIds = new WeakMap<Module, Int32Array>();

/** Canonical id of each entry of `module.types`, in order. */
export function canonicalTypeIds(module: Module): Int32Array {
  let ids = moduleIds.get(module);
  if (ids !== undefined) return ids;
  ids = new Int32Array(module.types.length);
  for (const g of module.recGroups) {
    const heapKey = (h: HeapType): string => {
      if (typeof h === 'string') return h;
      return h >= g.start && h < g.start + g.count ? `r${h - g.start}` : `c${ids![h]}`;
    };
    const key = module.types.slice(g.start, g.start + g.count).map((s) => subTypeKey(s, heapKey)).join(';');
    const base = idOfGroup(key, g.count);
    for (let i = 0; i < g.count; i++) ids[g.start + i] = base + i;
  }
  moduleIds.set(module, ids);
  return ids;
}

/**
 * Canonical id of a stand-alone function type (a host function's), as if it were a final type
 * alone in its group — the shape of every 2.0 function type. Its value types must use abstract
 * heap types: a concrete type index means nothing outside a module.
 */
export function funcTypeId(type: FuncType): number {
  return idOfGroup(subTypeKey({ final: true, supers: [], comp: type }, (h) => String(h)), 1);
}

function idOfGroup(key: string, count: number): number {
  let id = groupIds.get(key);
  if (id === undefined) {
    id = nextId;
    nextId += count;
    groupIds.set(key, id);
  }
  return id;
}

function subTypeKey(s: SubType, heapKey: (h: HeapType) => string): string {
  const supers = s.supers.map(heapKey).join(',');
  return `${s.final ? 'final' : 'open'}(${supers})${compKey(s.comp, heapKey)}`;
}

function compKey(c: CompType, heapKey: (h: HeapType) => string): string {
  const st = (t: StorageType): string =>
    typeof t === 'string' ? t : `${t.nullable ? 'null ' : ''}${heapKey(t.heap)}`;
  switch (c.kind) {
    case 'func': return `func(${c.params.map(st).join(' ')}->${c.results.map(st).join(' ')})`;
    case 'struct': return `struct(${c.fields.map((f) => (f.mutable ? 'mut ' : '') + st(f.type)).join(',')})`;
    case 'array': return `array(${c.field.mutable ? 'mut ' : ''}${st(c.field.type)})`;
  }
}
