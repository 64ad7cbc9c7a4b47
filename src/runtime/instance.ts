/**
 * Module instances — spec §4.2.5 (Runtime Structure › Module Instances) and external values
 * §4.2.13. An Instance holds everything the interpreter needs at run time: the instance's
 * functions, tables, memories, globals (imports first, as in the index spaces), and its element
 * and data segments (spec §4.2.10, §4.2.11). The translated code is per module, not here.
 */

import type { Module } from '../syntax/module.js';
import type { FuncInst, Ref } from './func.js';
import type { GlobalInst } from './global.js';
import { MemoryInst } from './memory.js';
import type { TableInst } from './table.js';
import type { TagInst } from './tag.js';

/** spec §4.2.13 external values. */
export type ExternVal =
  | { readonly kind: 'func'; readonly value: FuncInst }
  | { readonly kind: 'table'; readonly value: TableInst }
  | { readonly kind: 'memory'; readonly value: MemoryInst }
  | { readonly kind: 'global'; readonly value: GlobalInst }
  | { readonly kind: 'tag'; readonly value: TagInst };

export interface ModuleInstance {
  readonly module: Module;
  readonly exports: ReadonlyMap<string, ExternVal>;
}

/** Stands in for memory 0 in modules without one (never accessed: validation sees to that). */
const NO_MEMORY = new MemoryInst({ limits: { min: 0, max: 0 }, addr: 'i32', shared: false });

export class Instance implements ModuleInstance {
  readonly exports = new Map<string, ExternVal>();
  readonly funcs: FuncInst[] = [];
  readonly tables: TableInst[] = [];
  readonly mems: MemoryInst[] = [];
  readonly globals: GlobalInst[] = [];
  readonly tags: TagInst[] = [];
  /** Element segments' references; an empty array once dropped. */
  readonly elems: Ref[][] = [];
  /** Data segments' bytes; empty once dropped. */
  readonly datas: Uint8Array[] = [];
  /** mems[0], cached for the interpreter's memory instructions. */
  mem0: MemoryInst = NO_MEMORY;
  /**
   * Resource limits of each call into this instance from the host (RuntimeOptions): fuel units
   * and milliseconds (Infinity: none). `metered`: its code is translated with `meter`
   * instructions, which count fuel and check the deadline (set when either limit is).
   */
  fuel = Infinity;
  timeoutMs = Infinity;
  metered = false;

  constructor(
    readonly module: Module,
    /** Calls nested deeper than this trap with "call stack exhausted". */
    readonly maxCallDepth: number,
  ) {}
}
