/**
 * WebAssembly.Memory — JS API §"Memories".
 *
 * A Memory object wraps a runtime MemoryInst. The JS API's Memory object cache makes the wrapper
 * unique per instance, so `instance.exports.mem === otherInstance.exports.mem` when both export
 * the same memory; `memoryObject` implements that cache.
 */

import { CompileError } from '../errors.js';
import { MemoryInst } from '../runtime/index.js';
import { defaultFeatures } from '../syntax/features.js';
import type { MemType } from '../syntax/types.js';
import { validateMemType } from '../valid/types.js';
import { addressType, addressValueToU64, readLimits, u64ToAddressValue } from './limits.js';

export interface MemoryDescriptor {
  initial: number | bigint;
  maximum?: number | bigint;
  address?: 'i32' | 'i64';
}

/** The [[Memory]] slot of every Memory object. */
const slots = new WeakMap<object, MemoryInst>();
/** The Memory object cache. */
const cache = new WeakMap<MemoryInst, Memory>();

export class Memory {
  constructor(descriptor: MemoryDescriptor) {
    if (typeof descriptor !== 'object' || descriptor === null) throw new TypeError('Memory needs a descriptor object');
    const addr = addressType(descriptor.address);
    const limits = readLimits(descriptor as unknown as Record<string, unknown>, addr);
    const type: MemType = { limits, addr, shared: false };
    try {
      validateMemType(type, defaultFeatures);
    } catch (e) {
      if (e instanceof CompileError) throw new RangeError(`invalid memory type: ${e.message}`);
      throw e;
    }
    let inst: MemoryInst;
    try {
      inst = new MemoryInst(type);
    } catch (e) {
      throw new RangeError(`cannot allocate a memory of ${limits.min} pages: ${(e as Error).message}`);
    }
    slots.set(this, inst);
    cache.set(inst, this);
  }

  /** The memory's bytes. After `grow` this is a new ArrayBuffer. */
  get buffer(): ArrayBuffer {
    return memoryInstOf(this).buffer;
  }

  /** Grows by `delta` pages and returns the previous size in pages; RangeError when it cannot. */
  grow(delta: number | bigint): number | bigint {
    const inst = memoryInstOf(this);
    const old = inst.grow(addressValueToU64(delta, inst.type.addr, 'delta'));
    if (old < 0) throw new RangeError('failed to grow memory');
    return u64ToAddressValue(old, inst.type.addr);
  }
}

/** The MemoryInst behind a Memory object (brand check: TypeError for anything else). */
export function memoryInstOf(m: unknown): MemoryInst {
  const inst = slots.get(m as object);
  if (inst === undefined) throw new TypeError('not a WebAssembly.Memory');
  return inst;
}

/** Is `v` a Memory object? */
export function isMemory(v: unknown): v is Memory {
  return slots.has(v as object);
}

/** JS API §"create a memory object": the cached wrapper of `inst`, created on first use. */
export function memoryObject(inst: MemoryInst): Memory {
  let m = cache.get(inst);
  if (m === undefined) {
    m = Object.create(Memory.prototype) as Memory;
    slots.set(m, inst);
    cache.set(inst, m);
  }
  return m;
}
