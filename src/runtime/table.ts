/**
 * Table instances — spec §4.2.7 (Runtime Structure › Table Instances), allocation §4.5.3.3,
 * growth §4.5.3.8.
 */

import { RuntimeError, trap, TrapCode } from '../errors.js';
import type { TableType } from '../syntax/types.js';
import type { Ref } from './func.js';

/**
 * The most elements a table may have (an implementation limit, see RATIONALE "Implementation
 * limits"): larger `table.grow` requests fail with -1, as the spec allows.
 */
export const MAX_TABLE_SIZE = 10_000_000;

export class TableInst {
  readonly type: TableType;
  /** The elements; the interpreter reads and writes this array directly. */
  readonly elements: Ref[];
  /**
   * The JS API's object cache: this object's one wrapper (api/wrappers.ts). A declared field, not a
   * private field stamped on later: stamping changes the object's hidden class, and the
   * interpreter's reads of the object would see two shapes (RATIONALE, "Why internal slots in
   * private fields, not WeakMaps?").
   */
  wrapper: object | undefined = undefined;

  /**
   * The canonical ids of the defining module's types (as GlobalInst.canon): what a concrete
   * element type means outside that module; undefined for a table made outside any module.
   */
  readonly canon: ArrayLike<number> | undefined;

  /** spec §4.5.3.3 alloctable: `min` elements, each `init`. A RuntimeError if too large. */
  constructor(type: TableType, init: Ref, canon?: ArrayLike<number>) {
    this.type = type;
    this.canon = canon;
    if (type.limits.min > MAX_TABLE_SIZE) {
      throw new RuntimeError(`cannot allocate ${type.limits.min} table elements: at most ${MAX_TABLE_SIZE} are supported`);
    }
    this.elements = new Array<Ref>(type.limits.min).fill(init);
  }

  get size(): number {
    return this.elements.length;
  }

  /** The element at `i`; RuntimeError "out of bounds table access" when i ≥ size. */
  get(i: number): Ref {
    if (i >= this.elements.length) throw trap(TrapCode.TableOutOfBounds);
    return this.elements[i];
  }

  /** Sets the element at `i`; RuntimeError "out of bounds table access" when i ≥ size. */
  set(i: number, r: Ref): void {
    if (i >= this.elements.length) throw trap(TrapCode.TableOutOfBounds);
    this.elements[i] = r;
  }

  /**
   * spec §4.5.3.8 growtable: the old size, or -1 if the new size would exceed the maximum
   * (declared, or MAX_TABLE_SIZE). New elements are `init`.
   */
  grow(delta: number, init: Ref): number {
    const old = this.elements.length;
    const size = old + delta;
    if (size > Math.min(this.type.limits.max ?? MAX_TABLE_SIZE, MAX_TABLE_SIZE)) return -1;
    for (let i = old; i < size; i++) this.elements.push(init);
    return old;
  }
}
