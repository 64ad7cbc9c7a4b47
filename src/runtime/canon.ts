/**
 * Type identity at run time: a function import matches, and `call_indirect` succeeds, when the
 * function types are "the same" (spec §3.2.8 Import Subtyping, §4.4.8 call_indirect) — in 3.0,
 * iso-recursively equivalent. The validator's registry (src/valid/types.ts `defineTypes`, see
 * RATIONALE "Why canonical type ids?") gives every defined type a process-wide integer id; this
 * file caches those ids per module and gives host function types theirs, so the checks are one
 * integer compare.
 */

import { wasm3 } from '../syntax/features.js';
import type { Module } from '../syntax/module.js';
import type { FuncType } from '../syntax/types.js';
import { defineTypes, validatedTypeIds } from '../valid/types.js';

const moduleIds = new WeakMap<Module, Int32Array>();

/** Canonical id of each entry of `module.types` (a valid module), computed once per module. */
export function canonicalTypeIds(module: Module): Int32Array {
  let ids = moduleIds.get(module);
  if (ids === undefined) {
    ids = Int32Array.from(validatedTypeIds.get(module) ?? defineTypes(module.types, module.recGroups, wasm3));
    moduleIds.set(module, ids);
  }
  return ids;
}

/**
 * Canonical id of a host function's type: that of a final function type alone in its group, the
 * shape of every 2.0 function type. Its reference types must use abstract heap types (a concrete
 * type index means nothing outside a module).
 */
export function funcTypeId(type: FuncType): number {
  return defineTypes([{ final: true, supers: [], comp: type }], [{ start: 0, count: 1 }], wasm3)[0];
}
