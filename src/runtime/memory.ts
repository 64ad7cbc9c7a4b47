/**
 * Memory instances — spec §4.2.8 (Runtime Structure › Memory Instances), allocation §4.5.3.4,
 * growth §4.5.3.9.
 *
 * The bytes live in one ArrayBuffer that is replaced on growth, so anyone caching `buffer` or
 * `view` re-reads them after anything that may grow the memory. Memories of HOST_MEMORY_MIN_PAGES
 * pages or more take their buffer from the host's `WebAssembly.Memory` where there is one (see
 * `allocate`); the others, and every memory where the host has no WebAssembly, a plain ArrayBuffer.
 */

import { markWritten, untrackedBuffer } from './memory-access.js';
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

/**
 * From this many pages on (128 KiB, glibc's initial mmap threshold), a memory's buffer comes from
 * the host's WebAssembly.Memory when the host has one: see RATIONALE, "Why take memories' bytes
 * from the host's WebAssembly.Memory?". A one-page ArrayBuffer comes cheaply from malloc's heap.
 */
export const HOST_MEMORY_MIN_PAGES = 2;

/** The part of the host's WebAssembly.Memory that `allocate` uses. */
interface HostMemory {
  readonly buffer: ArrayBuffer;
  grow(delta: number): number;
}
type HostMemoryConstructor = new (descriptor: { initial: number }) => HostMemory;

/** The host's WebAssembly.Memory, or undefined (no WebAssembly: `node --jitless`, some embedders). */
const HostMemoryClass = (globalThis as { WebAssembly?: { Memory?: HostMemoryConstructor } }).WebAssembly?.Memory;

/**
 * At most this many host memories taken and not yet collected: the host's Wasm address space is
 * finite (V8 11.3 refuses after ~13,000 live memories) and belongs to the host's own modules too.
 * See RATIONALE, "Implementation limits".
 */
export const HOST_MEMORY_MAX_LIVE = 8192;
/** How many more host memories `allocate` may take; a collected one gives its place back. */
let hostBudget = HOST_MEMORY_MAX_LIVE;
const hostCollected = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry<undefined>(() => { hostBudget++; }) : undefined;

/**
 * `pages` zeroed pages: from the host's WebAssembly.Memory (with the host memory, to grow in
 * place) when the host has one, the memory is large and the budget allows, else a plain
 * ArrayBuffer. Throws when neither can be had.
 */
function allocate(pages: number): { buf: ArrayBuffer; host: HostMemory | null } {
  if (pages >= HOST_MEMORY_MIN_PAGES && hostBudget > 0 && HostMemoryClass !== undefined && hostCollected !== undefined) {
    try {
      const host = new HostMemoryClass({ initial: pages });
      hostBudget--;
      hostCollected.register(host, undefined);
      return { buf: host.buffer, host };
    } catch {
      // The host refused (its address space or page limit; each refusal costs V8 ~150 ms of
      // collection): leave it alone until a budget's worth of host memories has been collected.
      hostBudget -= HOST_MEMORY_MAX_LIVE;
    }
  }
  return { buf: new ArrayBuffer(pages * PAGE_SIZE), host: null };
}

/** Dirty tracking constants (a const enum, so the interpreter's stores get literals). */
export const enum Dirty {
  /**
   * log2 of the bytes one `dirty` flag covers (4 KiB): finer than a Wasm page, as resetting a
   * pooled instance copies whole dirty blocks back; see RATIONALE, "Snapshots and pooling".
   */
  Shift = 12,
  /**
   * A store marks only the block of its first byte; the widest store (v128) spills at most this
   * many bytes into the next block, so a reset restores that much past each dirty run.
   */
  Spill = 16,
}
/** The bytes one dirty flag covers. */
export const DIRTY_BLOCK = 1 << Dirty.Shift;

export class MemoryInst {
  readonly type: MemType;
  private buf: ArrayBuffer;
  /** The host memory `buf` belongs to, which grows in place; null for a plain ArrayBuffer. */
  private host: HostMemory | null = null;
  /** A little-endian view of the whole current buffer (replaced together with it). */
  view: DataView;
  /**
   * One flag per DIRTY_BLOCK bytes, set by every write the VM makes (the interpreter's stores
   * mark the block of their first byte, bulk operations every block). Instance pools reset only
   * flagged blocks (src/snapshot/pool.ts). Host code writing the bytes must call `markDirty`.
   */
  dirty: Uint8Array;
  /**
   * Set when host code has taken `buffer` (which it may write without marking): the next pool
   * reset then restores the whole memory. VM-internal code reads `view` instead.
   */
  exposed = false;
  /**
   * The JS API's object cache: this object's one wrapper (api/wrappers.ts). A declared field, not a
   * private field stamped on later: stamping changes the object's hidden class, and the
   * interpreter's reads of the object would see two shapes (RATIONALE, "Why internal slots in
   * private fields, not WeakMaps?").
   */
  wrapper: object | undefined = undefined;

  /**
   * spec §4.5.3.4 allocmem: `min` zeroed pages (or `pages`, for an instance restored from a
   * snapshot whose memory had grown). A RuntimeError if they cannot be allocated.
   */
  constructor(type: MemType, pages: number = type.limits.min) {
    this.type = type;
    if (pages > MAX_PAGES) {
      throw new RuntimeError(`cannot allocate ${pages} pages: at most ${MAX_PAGES} are supported`);
    }
    try {
      ({ buf: this.buf, host: this.host } = allocate(pages));
    } catch {
      throw new RuntimeError(`cannot allocate ${pages} pages: out of memory`);
    }
    this.view = new DataView(this.buf);
    this.dirty = dirtyFlags(dirtyBlocks(this.buf.byteLength));
  }

  /**
   * The current bytes. A new ArrayBuffer after each successful `grow`. Taking it marks the memory
   * `exposed` (see there); call `markDirty` after writing to keep pool resets cheap.
   */
  get buffer(): ArrayBuffer {
    this.exposed = true;
    return this.buf;
  }

  /** The current bytes for Vitrine's own WASI, which records its writes (memory-access.ts). */
  get [untrackedBuffer](): ArrayBuffer {
    return this.buf;
  }

  [markWritten](offset: number, length: number): void {
    this.markDirty(offset, length);
  }

  /** Records a host write of `length` bytes at `offset` for pool resets. */
  markDirty(offset: number, length: number): void {
    if (length <= 0) return;
    const end = Math.min((offset + length - 1) >>> Dirty.Shift, this.dirty.length - 1);
    this.dirty.fill(1, offset >>> Dirty.Shift, end + 1);
  }

  /** Copies `bytes` to `offset` and marks them dirty; a RuntimeError if out of bounds. */
  write(offset: number, bytes: Uint8Array): void {
    if (offset < 0 || offset + bytes.length > this.buf.byteLength) throw new RuntimeError('out of bounds memory access');
    new Uint8Array(this.buf).set(bytes, offset);
    this.markDirty(offset, bytes.length);
  }

  /** A copy of `length` bytes at `offset`; a RuntimeError if out of bounds. */
  read(offset: number, length: number): Uint8Array {
    if (offset < 0 || length < 0 || offset + length > this.buf.byteLength) throw new RuntimeError('out of bounds memory access');
    return new Uint8Array(this.buf.slice(offset, offset + length));
  }

  /** Replaces the bytes with a zeroed buffer of `pages` pages (a pool reset of a grown memory). */
  reallocate(pages: number): void {
    ({ buf: this.buf, host: this.host } = allocate(pages));
    this.view = new DataView(this.buf);
    this.dirty = dirtyFlags(dirtyBlocks(this.buf.byteLength));
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
    if (this.host !== null && this.growHost(deltaPages)) {
      next = this.host.buffer; // grown in place; the host detached the old buffer
    } else {
      let host: HostMemory | null;
      try {
        ({ buf: next, host } = allocate(size));
      } catch {
        return -1;
      }
      new Uint8Array(next).set(new Uint8Array(this.buf));
      this.host = host;
    }
    this.buf = next;
    this.view = new DataView(next);
    const dirty = dirtyFlags(dirtyBlocks(next.byteLength));
    dirty.set(this.dirty);
    this.dirty = dirty;
    return old;
  }

  /** Grows the host memory in place; false if the host refuses (then `grow` copies instead). */
  private growHost(deltaPages: number): boolean {
    try {
      this.host!.grow(deltaPages);
      return true;
    } catch {
      return false;
    }
  }
}

/** The number of dirty flags for `bytes` bytes. */
function dirtyBlocks(bytes: number): number {
  return Math.ceil(bytes / DIRTY_BLOCK);
}

/**
 * Where `dirtyFlags` cuts medium-sized flag arrays from: one buffer shared by the memories made
 * while it lasts (a memory keeps it alive, at most FLAG_ARENA bytes).
 */
const FLAG_ARENA = 1 << 16;
let flagArena = new ArrayBuffer(0);
let flagArenaUsed = 0;

/**
 * `n` zeroed dirty flags. Up to 64 (memories up to 4 pages) V8 keeps on its heap; up to
 * FLAG_ARENA / 4 (256 MiB of memory) they are a view into a shared arena; more get a buffer of
 * their own. A buffer of their own for each memory of 5 pages or more was an allocation outside
 * V8's heap per instance (RATIONALE, "Why no buffer of its own per module and per memory?").
 * The interpreter sees a Uint8Array either way.
 */
function dirtyFlags(n: number): Uint8Array {
  if (n <= 64 || n > FLAG_ARENA / 4) return new Uint8Array(n);
  if (flagArenaUsed + n > flagArena.byteLength) {
    flagArena = new ArrayBuffer(FLAG_ARENA);
    flagArenaUsed = 0;
  }
  const flags = new Uint8Array(flagArena, flagArenaUsed, n);
  flagArenaUsed += (n + 7) & ~7;
  return flags;
}
