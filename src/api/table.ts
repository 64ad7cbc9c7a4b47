/**
 * WebAssembly.Table — JS API §"Tables".
 *
 * A Table object wraps a runtime TableInst; `tableObject` is the JS API's Table object cache.
 * Elements cross the boundary with ToJSValue / ToWebAssemblyValue (values.ts): a funcref table
 * holds null or Exported Functions, an externref table any JavaScript value.
 */

import { CompileError } from '../errors.js';
import { TableInst } from '../runtime/index.js';
import { defaultFeatures } from '../syntax/features.js';
import { isRefType, type RefType, type TableType } from '../syntax/types.js';
import { validateTableType } from '../valid/types.js';
import { addressType, addressValueToU64, readLimits, u64ToAddressValue } from './limits.js';
import { defaultValue, toJSValue, toValueType, toWebAssemblyValue } from './values.js';

export interface TableDescriptor {
  element: 'anyfunc' | 'funcref' | 'externref';
  initial: number | bigint;
  maximum?: number | bigint;
  address?: 'i32' | 'i64';
}

/** The [[Table]] slot of every Table object. */
const slots = new WeakMap<object, TableInst>();
/** The Table object cache. */
const cache = new WeakMap<TableInst, Table>();

export class Table {
  constructor(descriptor: TableDescriptor, value?: unknown) {
    if (typeof descriptor !== 'object' || descriptor === null) throw new TypeError('Table needs a descriptor object');
    const elem = toValueType(descriptor.element);
    if (elem === undefined || !isRefType(elem)) {
      throw new TypeError(`element must be "anyfunc" or "externref", not ${String(descriptor.element)}`);
    }
    const addr = addressType(descriptor.address);
    const limits = readLimits(descriptor as unknown as Record<string, unknown>, addr);
    const type: TableType = { limits, addr, elem };
    try {
      validateTableType(type, 0, defaultFeatures);
    } catch (e) {
      if (e instanceof CompileError) throw new RangeError(`invalid table type: ${e.message}`);
      throw e;
    }
    const init = elementValue(elem, value);
    let inst: TableInst;
    try {
      inst = new TableInst(type, init);
    } catch (e) {
      throw new RangeError(`cannot allocate a table of ${limits.min} elements: ${(e as Error).message}`);
    }
    slots.set(this, inst);
    cache.set(inst, this);
  }

  get length(): number | bigint {
    const inst = tableInstOf(this);
    return u64ToAddressValue(inst.size, inst.type.addr);
  }

  get(index: number | bigint): unknown {
    const inst = tableInstOf(this);
    const i = checkedIndex(inst, index);
    return toJSValue(inst.get(i), inst.type.elem);
  }

  set(index: number | bigint, value?: unknown): void {
    const inst = tableInstOf(this);
    const i = checkedIndex(inst, index);
    inst.set(i, elementValue(inst.type.elem, value));
  }

  /** Grows by `delta` elements (filled with `value`) and returns the previous length. */
  grow(delta: number | bigint, value?: unknown): number | bigint {
    const inst = tableInstOf(this);
    const n = addressValueToU64(delta, inst.type.addr, 'delta');
    const old = inst.grow(n, elementValue(inst.type.elem, value));
    if (old < 0) throw new RangeError('failed to grow table');
    return u64ToAddressValue(old, inst.type.addr);
  }
}

function elementValue(elem: RefType, value: unknown): unknown {
  return value === undefined ? defaultValue(elem) : toWebAssemblyValue(value, elem);
}

function checkedIndex(inst: TableInst, index: unknown): number {
  const i = addressValueToU64(index, inst.type.addr, 'index');
  if (i >= inst.size) throw new RangeError(`table index ${i} is out of bounds (length ${inst.size})`);
  return i;
}

/** The TableInst behind a Table object (brand check: TypeError for anything else). */
export function tableInstOf(t: unknown): TableInst {
  const inst = slots.get(t as object);
  if (inst === undefined) throw new TypeError('not a WebAssembly.Table');
  return inst;
}

export function isTable(v: unknown): v is Table {
  return slots.has(v as object);
}

/** JS API §"create a table object": the cached wrapper of `inst`, created on first use. */
export function tableObject(inst: TableInst): Table {
  let t = cache.get(inst);
  if (t === undefined) {
    t = Object.create(Table.prototype) as Table;
    slots.set(t, inst);
    cache.set(inst, t);
  }
  return t;
}
