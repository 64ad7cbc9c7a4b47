/**
 * Function instances — spec §4.2.6 (Runtime Structure › Function Instances), allocation
 * §4.5.3.1 (Wasm functions) and §4.5.3.2 (host functions).
 *
 * Also the raw value representation used at the boundary between the VM and its embedder.
 */

import type { FuncType } from '../syntax/types.js';
import type { CompiledFunc } from '../exec/translate.js';
import { clsOf, wordsOf } from '../exec/translate.js';
import type { Cls } from '../exec/ir.js';
import { funcTypeId } from './canon.js';
import type { Instance } from './instance.js';

/**
 * A reference: `null` (the null reference), a FuncInst (a function reference), or any other JS
 * value (an external reference).
 */
export type Ref = unknown;

/**
 * A value at the boundary, with exact bits: i32 an int32 number; i64 a signed 64-bit bigint;
 * f32 its raw bits as an int32 number; f64 its raw bits as a signed 64-bit bigint; v128 a
 * Uint8Array(16); references as `Ref`.
 */
export type RawValue = number | bigint | Uint8Array | Ref;

/**
 * A host function: raw arguments in, raw results out (as many as its type has) — or a promise of
 * them, which suspends an asynchronous call (exec/interpreter.ts `invokeAsync`) until it settles.
 */
export type HostCode = (args: RawValue[]) => RawValue[] | PromiseLike<RawValue[]>;

export class FuncInst {
  readonly type: FuncType;
  /** Canonical type id (runtime/canon.ts): equal ids, equal types. */
  readonly typeId: number;
  /** The instance a Wasm function belongs to; null for a host function. */
  readonly instance: Instance | null;
  /** A Wasm function's index into its module's `funcs` (defined functions); -1 for a host one. */
  readonly defIdx: number;
  /** A host function's code; null for a Wasm function. */
  readonly host: HostCode | null;
  /** A name for messages (the export or import name, when known). */
  readonly name: string | undefined;
  /** Register classes of the parameters and results, for moving raw values in and out. */
  readonly paramCls: readonly Cls[];
  readonly resultCls: readonly Cls[];
  /** Words the parameters / results take in registers. */
  readonly paramWords: number;
  readonly resultWords: number;
  /** A Wasm function's translated code, filled in on its first call (shared per module). */
  code: CompiledFunc | null = null;
  /**
   * The JS API's Exported Function cache (api/values.ts): this function's Exported Function and
   * its async twin. Declared fields, not private fields stamped on later: stamping changes the
   * hidden class of the FuncInsts the interpreter calls, making its calls polymorphic (RATIONALE,
   * "Why internal slots in private fields, not WeakMaps?").
   */
  exported: ((...args: unknown[]) => unknown) | undefined = undefined;
  asyncExported: ((...args: unknown[]) => Promise<unknown>) | undefined = undefined;

  constructor(
    type: FuncType, typeId: number, instance: Instance | null, defIdx: number, host: HostCode | null,
    name?: string,
  ) {
    this.type = type;
    this.typeId = typeId;
    this.instance = instance;
    this.defIdx = defIdx;
    this.host = host;
    this.name = name;
    this.paramCls = type.params.map(clsOf);
    this.resultCls = type.results.map(clsOf);
    this.paramWords = wordsOf(type.params);
    this.resultWords = wordsOf(type.results);
  }
}

/** spec §4.5.3.2 allochostfunc: a function implemented by the embedder. */
export function hostFunc(type: FuncType, fn: HostCode, name?: string): FuncInst {
  return new FuncInst(type, funcTypeId(type), null, -1, fn, name);
}
