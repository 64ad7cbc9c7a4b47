/**
 * Validation contexts — spec §3.1.1 (Validation › Conventions › Contexts).
 *
 * A `Context` holds what the module defines, as types: the per-function parts of the spec's
 * context (locals, labels, return) live in the function validator (valid/instructions.ts).
 */

import { CompileError } from '../errors.js';
import type { Features } from '../syntax/features.js';
import type { GlobalType, MemType, RefType, TableType } from '../syntax/types.js';
import type { TypeContext } from './types.js';

export interface Context extends TypeContext {
  readonly features: Features;
  /** C.funcs: the type index of every function, imported ones first. */
  readonly funcs: readonly number[];
  readonly tables: readonly TableType[];
  readonly mems: readonly MemType[];
  readonly globals: readonly GlobalType[];
  /** C.elems: the reference type of every element segment. */
  readonly elems: readonly RefType[];
  /** C.datas: the number of data segments. */
  readonly datas: number;
  /** C.tags: the function type index of every tag, imported ones first. */
  readonly tags: readonly number[];
  /** C.refs: function indices that occur outside function bodies (may be `ref.func`'d). */
  readonly refs: ReadonlySet<number>;
}

export function invalid(message: string): CompileError {
  return new CompileError(message);
}

/** The suite's wording for an index out of range: "unknown global 1", "unknown elem segment 4". */
export function unknown(category: string, idx: number): CompileError {
  return new CompileError(`unknown ${category} ${idx}`);
}

/** A 3.0 construct used while its proposal is switched off in the `Features`. */
export function featureOff(what: string, feature: keyof Features): CompileError {
  return new CompileError(`${what} requires the ${feature} feature, which is not enabled`);
}
