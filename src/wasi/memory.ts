/**
 * The guest's linear memory as WASI functions see it: every pointer and length the guest passes
 * is checked against the memory's current size, and a bad one ends the call with EFAULT — never
 * a JS exception (witx pointers, `(@witx pointer u8)`, lists as pointer + length).
 *
 * Helpers throw a {@link WasiError}; the function table (preview1.ts) turns it into the errno the
 * function returns, so a function body reads as straight-line code.
 */

import { markWritten, untrackedBuffer, type TrackedMemory } from '../runtime/memory-access.js';
import { ERRNO_FAULT, ERRNO_ILSEQ, type Errno } from './errno.js';

/** Ends a WASI call with `errno` (thrown by helpers, caught where the call returns). */
export class WasiError {
  constructor(readonly errno: Errno) {}
}

/** Anything with the bytes of a memory: a WebAssembly.Memory (host or Vitrine) or a MemoryInst. */
export interface MemoryLike {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

export class GuestMemory {
  private buf: ArrayBuffer | SharedArrayBuffer | null = null;
  /** Views of the current buffer; replaced when the memory has grown. */
  bytes: Uint8Array<ArrayBuffer | SharedArrayBuffer> = new Uint8Array(0);
  view: DataView<ArrayBuffer | SharedArrayBuffer> = new DataView(this.bytes.buffer);

  /**
   * A Vitrine memory (runtime/memory-access.ts) is read untracked and told of every write, so
   * an instance pool resets only what WASI wrote; any other memory is used through `buffer`.
   */
  private readonly tracked: TrackedMemory | null;

  constructor(readonly memory: MemoryLike) {
    this.tracked = untrackedBuffer in memory ? (memory as unknown as TrackedMemory) : null;
  }

  /** Re-reads the buffer (a grown memory has a new one). Called at the start of every WASI call. */
  refresh(): void {
    const b = this.tracked !== null ? this.tracked[untrackedBuffer] : this.memory.buffer;
    if (b === this.buf) return;
    this.buf = b;
    this.bytes = new Uint8Array(b);
    this.view = new DataView(b);
  }

  /** Checks that [ptr, ptr + len) lies in memory; returns ptr as an unsigned offset. */
  check(ptr: number, len: number): number {
    const p = ptr >>> 0;
    if (p + (len >>> 0) > this.bytes.length) throw new WasiError(ERRNO_FAULT);
    return p;
  }

  /**
   * The guest bytes [ptr, ptr + len), as a view (not a copy). Callers may write into it, so a
   * tracked memory records the range as written (reads are marked too: harmless, a reset copies
   * back bytes that did not change).
   */
  slice(ptr: number, len: number): Uint8Array {
    const p = this.check(ptr, len);
    this.tracked?.[markWritten](p, len >>> 0);
    return this.bytes.subarray(p, p + (len >>> 0));
  }

  u8(ptr: number): number {
    return this.view.getUint8(this.check(ptr, 1));
  }
  u16(ptr: number): number {
    return this.view.getUint16(this.check(ptr, 2), true);
  }
  u32(ptr: number): number {
    return this.view.getUint32(this.check(ptr, 4), true);
  }
  u64(ptr: number): bigint {
    return this.view.getBigUint64(this.check(ptr, 8), true);
  }
  /** check() for a write of `len` bytes: records it in a tracked memory. */
  private written(ptr: number, len: number): number {
    const p = this.check(ptr, len);
    this.tracked?.[markWritten](p, len);
    return p;
  }

  setU8(ptr: number, v: number): void {
    this.view.setUint8(this.written(ptr, 1), v);
  }
  setU16(ptr: number, v: number): void {
    this.view.setUint16(this.written(ptr, 2), v, true);
  }
  setU32(ptr: number, v: number): void {
    this.view.setUint32(this.written(ptr, 4), v, true);
  }
  setU64(ptr: number, v: bigint): void {
    this.view.setBigUint64(this.written(ptr, 8), BigInt.asUintN(64, v), true);
  }

  /** A UTF-8 string argument (a witx `string`: pointer and length); EILSEQ if not valid UTF-8. */
  string(ptr: number, len: number): string {
    const bytes = this.slice(ptr, len);
    try {
      // Copied first: TextDecoder refuses views of a SharedArrayBuffer.
      return utf8.decode(bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice());
    } catch {
      throw new WasiError(ERRNO_ILSEQ);
    }
  }

  /**
   * An `iovec_array` / `ciovec_array` (pointer and count of 8-byte { buf, buf_len } records):
   * one view per buffer, each checked.
   */
  iovecs(ptr: number, count: number): Uint8Array[] {
    const p = this.check(ptr, (count >>> 0) * 8);
    const out: Uint8Array[] = [];
    for (let i = 0; i < count >>> 0; i++) {
      out.push(this.slice(this.view.getUint32(p + i * 8, true), this.view.getUint32(p + i * 8 + 4, true)));
    }
    return out;
  }
}

/** UTF-8 bytes of `s`. */
export function encodeUtf8(s: string): Uint8Array {
  return utf8Encoder.encode(s);
}
