/**
 * WebAssembly.Memory — JS API §"Memories".
 *
 * A Memory object wraps a runtime MemoryInst. The JS API's Memory object cache makes the wrapper
 * unique per instance, so `instance.exports.mem === otherInstance.exports.mem` when both export
 * the same memory; `memories` implements that cache.
 */

import { markWritten, untrackedBuffer } from '../runtime/memory-access.js';
import type { CompileError } from '../errors.js';
import { MemoryInst } from '../runtime/index.js';
import { defaultFeatures } from '../syntax/features.js';
import type { MemType } from '../syntax/types.js';
import { validateMemType } from '../valid/types.js';
import { addressType, addressValueToU64, readLimits, u64ToAddressValue } from './limits.js';
import { WrapperSlots } from './wrappers.js';

export interface MemoryDescriptor {
  initial: number | bigint;
  maximum?: number | bigint;
  address?: 'i32' | 'i64';
}

export class Memory {
  constructor(descriptor: MemoryDescriptor) {
    if (typeof descriptor !== 'object' || descriptor === null) throw new TypeError('Memory needs a descriptor object');
    const addr = addressType(descriptor.address);
    const limits = readLimits(descriptor as unknown as Record<string, unknown>, addr);
    const type: MemType = { limits, addr, shared: false };
    try {
      validateMemType(type, defaultFeatures);
    } catch (e) {
      throw new RangeError(`invalid memory type: ${(e as CompileError).message}`);
    }
    let inst: MemoryInst;
    try {
      inst = new MemoryInst(type);
    } catch (e) {
      throw new RangeError(`cannot allocate a memory of ${limits.min} pages: ${(e as Error).message}`);
    }
    memories.bind(this, inst);
  }

  /** The memory's bytes. After `grow` this is a new ArrayBuffer. */
  get buffer(): ArrayBuffer {
    return memories.instOf(this).buffer;
  }

  /** For Vitrine's WASI: the bytes without marking the memory exposed (runtime/memory-access.ts). */
  get [untrackedBuffer](): ArrayBuffer {
    return memories.instOf(this)[untrackedBuffer];
  }

  /** For Vitrine's WASI: records a write of `length` bytes at `offset` for pool resets. */
  [markWritten](offset: number, length: number): void {
    memories.instOf(this).markDirty(offset, length);
  }

  /** Grows by `delta` pages and returns the previous size in pages; RangeError when it cannot. */
  grow(delta: number | bigint): number | bigint {
    const inst = memories.instOf(this);
    const old = inst.grow(addressValueToU64(delta, inst.type.addr, 'delta'));
    if (old < 0) throw new RangeError('failed to grow memory');
    return u64ToAddressValue(old, inst.type.addr);
  }
}

/** The MemoryInst slot and object cache of Memory objects. */
export const memories = new WrapperSlots<MemoryInst, Memory>(Memory.prototype, 'WebAssembly.Memory');
