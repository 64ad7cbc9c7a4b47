/**
 * Memory instances — spec §4.2.8 (Runtime Structure › Memory Instances), allocation §4.5.3.4,
 * growth §4.5.3.9.
 *
 * The bytes live in one ArrayBuffer that is replaced (copied into a larger one) on growth, so
 * anyone caching `buffer` or `view` re-reads them after anything that may grow the memory.
 */

import { RuntimeError } from '../errors.js';
import type { MemType } from '../syntax/types.js';

/** spec §4.2.8: the page size, 64 KiB. */
export const PAGE_SIZE = 65536;

/**
 * The most pages a memory may have: 65536 (4 GiB) for 32-bit memories, as the spec's validation
 * demands (§3.2.5), and the same for 64-bit ones as an implementation limit (see RATIONALE,
 * "Implementation limits") — an ArrayBuffer cannot be much larger anyway.
 */
export const MAX_PAGES = 65536;

export class MemoryInst {
  readonly type: MemType;
  private buf: ArrayBuffer;
  /** A little-endian view of the whole current buffer (replaced together with it). */
  view: DataView;

  /** spec §4.5.3.4 allocmem: `min` zeroed pages. A RuntimeError if they cannot be allocated. */
  constructor(type: MemType) {
    this.type = type;
    if (type.limits.min > MAX_PAGES) {
      throw new RuntimeError(`cannot allocate ${type.limits.min} pages: at most ${MAX_PAGES} are supported`);
    }
    try {
      this.buf = new ArrayBuffer(type.limits.min * PAGE_SIZE);
    } catch {
      throw new RuntimeError(`cannot allocate ${type.limits.min} pages: out of memory`);
    }
    this.view = new DataView(this.buf);
  }

  /** The current bytes. A new ArrayBuffer after each successful `grow`. */
  get buffer(): ArrayBuffer {
    return this.buf;
  }

  /** The current size in pages. */
  get pages(): number {
    return this.buf.byteLength / PAGE_SIZE;
  }

  /**
   * spec §4.5.3.9 growmem: the old size in pages, or -1 if the new size would exceed the maximum
   * (declared, or MAX_PAGES) or cannot be allocated. New pages are zero.
   */
  grow(deltaPages: number): number {
    const old = this.pages;
    const size = old + deltaPages;
    const max = Math.min(this.type.limits.max ?? MAX_PAGES, MAX_PAGES);
    if (size > max) return -1;
    if (deltaPages === 0) return old;
    let next: ArrayBuffer;
    try {
      next = new ArrayBuffer(size * PAGE_SIZE);
    } catch {
      return -1;
    }
    new Uint8Array(next).set(new Uint8Array(this.buf));
    this.buf = next;
    this.view = new DataView(next);
    return old;
  }
}
