/**
 * WebAssembly.Table — JS API §"Tables".
 *
 * A Table object wraps a runtime TableInst; `tables` is the JS API's Table object cache.
 * Elements cross the boundary with ToJSValue / ToWebAssemblyValue (values.ts): a funcref table
 * holds null or Exported Functions, an externref table any JavaScript value.
 */

import type { CompileError } from '../errors.js';
import { TableInst } from '../runtime/index.js';
import { defaultFeatures } from '../syntax/features.js';
import { isRefType, type RefType, type TableType } from '../syntax/types.js';
import { validateTableType } from '../valid/types.js';
import { addressType, addressValueToU64, readLimits, u64ToAddressValue } from './limits.js';
import { defaultValue, toJSValue, toValueType, toWebAssemblyValue } from './values.js';
import { WrapperSlots } from './wrappers.js';

export interface TableDescriptor {
  element: 'anyfunc' | 'funcref' | 'externref';
  initial: number | bigint;
  maximum?: number | bigint;
  address?: 'i32' | 'i64';
}

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
      throw new RangeError(`invalid table type: ${(e as CompileError).message}`);
    }
    const init = elementValue(elem, value);
    let inst: TableInst;
    try {
      inst = new TableInst(type, init);
    } catch (e) {
      throw new RangeError(`cannot allocate a table of ${limits.min} elements: ${(e as Error).message}`);
    }
    tables.bind(this, inst);
  }

  get length(): number | bigint {
    const inst = tables.instOf(this);
    return u64ToAddressValue(inst.size, inst.type.addr);
  }

  get(index: number | bigint): unknown {
    const inst = tables.instOf(this);
    const i = checkedIndex(inst, index);
    return toJSValue(inst.get(i), inst.type.elem);
  }

  set(index: number | bigint, value?: unknown): void {
    const inst = tables.instOf(this);
    const i = checkedIndex(inst, index);
    inst.set(i, elementValue(inst.type.elem, value));
  }

  /** Grows by `delta` elements (filled with `value`) and returns the previous length. */
  grow(delta: number | bigint, value?: unknown): number | bigint {
    const inst = tables.instOf(this);
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

/** The TableInst slot and object cache of Table objects. */
export const tables = new WrapperSlots<TableInst, Table>(Table.prototype, 'WebAssembly.Table');
