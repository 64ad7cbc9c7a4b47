/**
 * WebAssembly.Global — JS API §"Globals".
 *
 * A Global object wraps a runtime GlobalInst; `globals` is the JS API's Global object cache.
 * `value` reads and (for mutable globals) writes through ToJSValue / ToWebAssemblyValue.
 */

import { GlobalInst } from '../runtime/index.js';
import { defaultValue, toJSValue, toValueType, toWebAssemblyValue } from './values.js';
import { WrapperSlots } from './wrappers.js';

export interface GlobalDescriptor {
  value: 'i32' | 'i64' | 'f32' | 'f64' | 'anyfunc' | 'funcref' | 'externref';
  mutable?: boolean;
}

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
    globals.bind(this, inst);
  }

  get value(): unknown {
    return getGlobalValue(this);
  }

  set value(v: unknown) {
    const inst = globals.instOf(this);
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
  const inst = globals.instOf(g);
  return toJSValue(inst.value, inst.type.type);
}

/** The GlobalInst slot and object cache of Global objects. */
export const globals = new WrapperSlots<GlobalInst, Global>(Global.prototype, 'WebAssembly.Global');
