/**
 * A hidden slot on objects: what a WeakMap keyed by the object would hold, kept in a private field
 * of the object itself. See RATIONALE, "Why internal slots in private fields, not WeakMaps?": V8's
 * young-generation collector keeps the value of every WeakMap entry alive (and copies it) while
 * the entry exists, so a WeakMap from a short-lived wrapper to a module or instance copies the
 * whole module on each minor collection; a private field dies with its object.
 *
 * A private field can be put on any object by a constructor whose base returns that object
 * (`super(o)` makes `this` be `o`). Like a WeakMap entry it is invisible to reflection, and a
 * Proxy does not forward it.
 */

/** A base class whose constructor returns its argument, so a subclass's fields land on it. */
const Identity = class {
  constructor(o: object) {
    return o;
  }
} as new (o: object) => object;

export interface Slot<V> {
  /** The value held for `o`, or undefined (also for a primitive). */
  get(o: unknown): V | undefined;
  /** Whether `o` holds a value. */
  has(o: unknown): boolean;
  /** Gives `o` the value `v` (replacing any earlier one). */
  set(o: object, v: V): void;
}

/** A new slot (a new private name: one slot's values are not another's). */
export function slot<V>(): Slot<V> {
  class Holder extends Identity {
    #v: V;
    constructor(o: object, v: V) {
      super(o);
      this.#v = v;
    }

    static get(o: unknown): V | undefined {
      return isObject(o) && #v in o ? (o as Holder).#v : undefined;
    }

    static has(o: unknown): boolean {
      return isObject(o) && #v in o;
    }

    static set(o: object, v: V): void {
      if (#v in o) (o as Holder).#v = v;
      else new Holder(o, v);
    }
  }
  return { get: Holder.get, has: Holder.has, set: Holder.set };
}

function isObject(o: unknown): o is object {
  return (typeof o === 'object' && o !== null) || typeof o === 'function';
}
