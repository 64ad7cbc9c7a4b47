/**
 * The internal slot and object cache every JS API wrapper class has — JS API §"Memory object
 * cache", §"Table object cache", §"Global object cache", §"Tag object cache": each runtime object
 * has at most one wrapper, so the same memory exported twice is the same JavaScript object.
 *
 * A wrapper made by its constructor is bound with `bind`; one for an existing runtime object (an
 * export) is made by `wrap`, without running the constructor.
 */

import { slot } from '../runtime/slot.js';

/** A runtime object with a wrapper field (GlobalInst, MemoryInst, TableInst, TagInst). */
export interface Wrappable {
  wrapper: object | undefined;
}

export class WrapperSlots<Inst extends Wrappable, Wrapper extends object> {
  /**
   * The wrapper's internal slot: its runtime object. Slots, not WeakMaps (RATIONALE, "Why
   * internal slots in private fields, not WeakMaps?").
   */
  private readonly insts = slot<Inst>();

  /** `proto` is the wrapper class's prototype; `name` names it in TypeErrors. */
  constructor(private readonly proto: Wrapper, private readonly name: string) {}

  bind(wrapper: Wrapper, inst: Inst): void {
    this.insts.set(wrapper, inst);
    inst.wrapper = wrapper; // the object cache, a field of the runtime object
  }

  /** The runtime object behind a wrapper (the brand check: TypeError for anything else). */
  instOf(v: unknown): Inst {
    const inst = this.insts.get(v);
    if (inst === undefined) throw new TypeError(`not a ${this.name}`);
    return inst;
  }

  has(v: unknown): v is Wrapper {
    return this.insts.has(v);
  }

  /** The cached wrapper of `inst`, created on first use. */
  wrap(inst: Inst): Wrapper {
    let w = inst.wrapper as Wrapper | undefined;
    if (w === undefined) {
      w = Object.create(this.proto) as Wrapper;
      this.bind(w, inst);
    }
    return w;
  }
}
