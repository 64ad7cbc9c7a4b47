/**
 * WebAssembly.Global — JS API §"Globals".
 *
 * A Global object wraps a runtime GlobalInst; `globalObject` is the JS API's Global object cache.
 * `value` reads and (for mutable globals) writes through ToJSValue / ToWebAssemblyValue.
 */

import { GlobalInst } from '../runtime/index.js';
import { defaultValue, toJSValue, toValueType, toWebAssemblyValue } from './values.js';

export interface GlobalDescriptor {
  value: 'i32' | 'i64' | 'f32' | 'f64' | 'anyfunc' | 'funcref' | 'externref';
  mutable?: boolean;
}

/** The [[Global]] slot of every Global object. */
const slots = new WeakMap<object, GlobalInst>();
/** The Global object cache. */
const cache = new WeakMap<GlobalInst, Global>();

export class Global {
  constructor(descriptor: GlobalDescriptor, v?: unknown) {
    if (typeof descriptor !== 'object' || descriptor === null) throw new TypeError('Global needs a descriptor object');
    const mutable = Boolean(descriptor.mutable);
    const type = toValueType(descriptor.value);
    if (type === undefined || type === 'v128') {
      throw new TypeError(`value must be "i32", "i64", "f32", "f64", "anyfunc" or "externref", not ${String(descriptor.value)}`);
    }
    const value = v === undefined ? defaultValue(type) : toWebAssemblyValue(v, type);
    const inst = new GlobalInst({ type, mutable }, value);
    slots.set(this, inst);
    cache.set(inst, this);
  }

  get value(): unknown {
    return getGlobalValue(this);
  }

  set value(v: unknown) {
    const inst = globalInstOf(this);
    const { type, mutable } = inst.type;
    if (!mutable) throw new TypeError('cannot set the value of an immutable global');
    inst.value = toWebAssemblyValue(v, type);
  }

  valueOf(): unknown {
    return getGlobalValue(this);
  }
}

/** JS API §"GetGlobalValue". */
function getGlobalValue(g: Global): unknown {
  const inst = globalInstOf(g);
  return toJSValue(inst.value, inst.type.type);
}

/** The GlobalInst behind a Global object (brand check: TypeError for anything else). */
export function globalInstOf(g: unknown): GlobalInst {
  const inst = slots.get(g as object);
  if (inst === undefined) throw new TypeError('not a WebAssembly.Global');
  return inst;
}

export function isGlobal(v: unknown): v is Global {
  return slots.has(v as object);
}

/** JS API §"create a global object": the cached wrapper of `inst`, created on first use. */
export function globalObject(inst: GlobalInst): Global {
  let g = cache.get(inst);
  if (g === undefined) {
    g = Object.create(Global.prototype) as Global;
    slots.set(g, inst);
    cache.set(inst, g);
  }
  return g;
}
