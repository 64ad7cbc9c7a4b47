/**
 * The byte reader under the decoder — spec §5.1 (Conventions) and §5.2 (Values): bytes,
 * LEB128 integers, floats as raw bits, length-prefixed vectors and UTF-8 names.
 *
 * Reads always run against the whole module, never against the current section: like the
 * reference interpreter, a section or function body that is shorter than its contents reads on
 * into what follows, and the size check after it reports "section size mismatch". Which of the
 * suite's messages a truncated module produces depends on exactly this (binary.wast).
 *
 * Every malformation raises a CompileError carrying the byte offset. Methods are plain class
 * methods over a position field: no closures, no exceptions except for errors.
 */

import { CompileError } from '../errors.js';

/** Message for running off the end of the input anywhere after the header. */
export const UNEXPECTED_END = 'unexpected end of section or function';

/** Assembles a 64-bit integer from two 32-bit halves (`s64`, `f64Bits`); no DataView per reader. */
const scratch = new DataView(new ArrayBuffer(8));

/**
 * Where `bytesN` copies medium-sized byte strings: one buffer shared by the modules decoded while
 * it lasts. A module keeps its arena alive (at most ARENA_SIZE bytes) as long as it lives.
 */
const ARENA_SIZE = 1 << 16;
let arena = new ArrayBuffer(0);
let arenaUsed = 0;

export class Reader {
  /** Offset of the next byte to read. */
  pos: number;

  constructor(readonly bytes: Uint8Array, pos = 0) {
    this.pos = pos;
  }

  atEnd(): boolean {
    return this.pos >= this.bytes.length;
  }

  /** Raises a CompileError at `offset` (default: the current position). */
  fail(message: string, offset: number = this.pos): never {
    throw new CompileError(message, offset);
  }

  private eof(): never {
    throw new CompileError(UNEXPECTED_END, this.bytes.length);
  }

  /** The next byte without consuming it, or -1 at the end. */
  peek(): number {
    return this.pos < this.bytes.length ? this.bytes[this.pos] : -1;
  }

  /** spec §5.2.1 a single byte. */
  u8(): number {
    if (this.pos >= this.bytes.length) this.eof();
    return this.bytes[this.pos++];
  }

  /** Consumes one byte that must be 0x00 (reserved immediates of 2.0). */
  zeroByte(): void {
    const at = this.pos;
    if (this.u8() !== 0) this.fail('zero byte expected', at);
  }

  // -------------------------------------------------------------------------------------------
  // spec §5.2.2 Integers. A uN/sN encoding has at most ceil(N/7) bytes; in the last byte the bits
  // beyond N must be zero (unsigned) or copies of the sign bit (signed): "integer too large".
  // A continuation bit on the last allowed byte: "integer representation too long".

  /** Unsigned LEB128 of at most `bits` (1…32) bits, as a non-negative number. */
  uN(bits: number): number {
    const bytes = this.bytes;
    const pos = this.pos;
    // The common cases, in integer arithmetic: one byte, and for u32 every complete encoding of
    // up to four bytes (below 2^28) that lies within the input.
    if (pos < bytes.length) {
      const b0 = bytes[pos];
      if (b0 < 0x80 && (bits >= 7 || b0 < 1 << bits)) {
        this.pos = pos + 1;
        return b0;
      }
      if (bits >= 28 && pos + 3 < bytes.length) {
        const b1 = bytes[pos + 1];
        if (b1 < 0x80) {
          this.pos = pos + 2;
          return (b1 << 7) | (b0 & 0x7f);
        }
        const b2 = bytes[pos + 2];
        if (b2 < 0x80) {
          this.pos = pos + 3;
          return (b2 << 14) | ((b1 & 0x7f) << 7) | (b0 & 0x7f);
        }
        const b3 = bytes[pos + 3];
        if (b3 < 0x80) {
          this.pos = pos + 4;
          return (b3 << 21) | ((b2 & 0x7f) << 14) | ((b1 & 0x7f) << 7) | (b0 & 0x7f);
        }
        // Five bytes: linkers pad sizes and indices to five bytes so they can patch them.
        const b4 = pos + 4 < bytes.length ? bytes[pos + 4] : 0x80;
        if (bits === 32 && b4 < 0x10) {
          this.pos = pos + 5;
          return ((b4 << 28) | ((b3 & 0x7f) << 21) | ((b2 & 0x7f) << 14) | ((b1 & 0x7f) << 7) | (b0 & 0x7f)) >>> 0;
        }
      }
    }
    return this.uNSlow(bits);
  }

  /** uN's general loop: five-byte encodings, other widths, and every malformed case. */
  private uNSlow(bits: number): number {
    let b = this.u8();
    if (b < 0x80 && (bits >= 7 || b < 1 << bits)) return b;
    let result = 0;
    let shift = 0;
    for (let left = bits; ; left -= 7) {
      if (left <= 0) this.fail('integer representation too long');
      if (shift > 0) b = this.u8();
      if (left < 7 && (b & 0x7f) >= 1 << left) this.fail('integer too large', this.pos - 1);
      // Integer arithmetic up to 28 bits; the fifth byte of a u32 needs floats.
      if (shift < 28) result |= (b & 0x7f) << shift;
      else result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
  }

  u32(): number {
    return this.uN(32);
  }

  /** Signed LEB128 of at most `bits` (7…33) bits, as a number. */
  sN(bits: number): number {
    const bytes = this.bytes;
    const pos = this.pos;
    if (pos < bytes.length) {
      const b0 = bytes[pos];
      if (b0 < 0x80) {
        this.pos = pos + 1; // the common one-byte case: -64…63
        return (b0 << 25) >> 25;
      }
      // s32 in integer arithmetic, up to five bytes (padded ones included), when within the input.
      if (bits === 32 && pos + 4 < bytes.length) {
        let result = b0 & 0x7f;
        for (let k = 1; k < 5; k++) {
          const b = bytes[pos + k];
          if (k === 4) {
            // The last byte: bits beyond 32 must copy the sign bit (bit 3), else the slow path reports it.
            const high = b & 0xf8;
            if (high !== 0 && high !== 0x78) break;
            this.pos = pos + 5;
            return result | (b << 28);
          }
          result |= (b & 0x7f) << (7 * k);
          if (b < 0x80) {
            this.pos = pos + k + 1;
            const unused = 32 - 7 * (k + 1); // sign-extend from bit 7(k+1)-1
            return (result << unused) >> unused;
          }
        }
      }
    }
    return this.sNSlow(bits);
  }

  /** sN's general loop: other widths, the end of the input, and every malformed case. */
  private sNSlow(bits: number): number {
    let result = 0;
    let shift = 0;
    for (let left = bits; ; left -= 7) {
      if (left <= 0) this.fail('integer representation too long');
      const b = this.u8();
      if (left < 7) {
        const mask = (-1 << (left - 1)) & 0x7f;
        const high = b & mask;
        if (high !== 0 && high !== mask) this.fail('integer too large', this.pos - 1);
      }
      // Integer arithmetic up to 28 bits; beyond that (s32's and s33's fifth byte) floats.
      if (shift < 28) result |= (b & 0x7f) << shift;
      else result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) return b & 0x40 ? result - 2 ** shift : result;
    }
  }

  s32(): number {
    return this.sN(32);
  }

  /** s33: block types and heap types (non-negative values are type indices). */
  s33(): number {
    return this.sN(33);
  }

  /** Signed LEB128 of at most 64 bits. */
  s64(): bigint {
    // Up to ten bytes: the two 32-bit halves in integer arithmetic, then one BigInt. Malformed or
    // truncated: the general loop, which reports it.
    const bytes = this.bytes;
    const pos = this.pos;
    let lo = 0;
    let hi = 0;
    for (let k = 0; k < 9 && pos + k < bytes.length; k++) {
      const b = bytes[pos + k];
      const v = b & 0x7f;
      const shift = 7 * k;
      if (shift < 32) {
        lo |= v << shift;
        if (shift > 25) hi |= v >>> (32 - shift);
      } else {
        hi |= v << (shift - 32);
      }
      if (b < 0x80) {
        this.pos = pos + k + 1;
        const bits = shift + 7;
        if (b & 0x40) { // negative: sign-extend from `bits`
          if (bits < 32) {
            lo |= -1 << bits;
            hi = -1;
          } else {
            hi |= -1 << (bits - 32);
          }
        }
        if (hi === 0 && lo >= 0) return BigInt(lo);
        if (hi === -1 && lo < 0) return BigInt(lo);
        // One BigInt from both halves (three BigInt operations cost several times as much).
        scratch.setInt32(0, lo, true);
        scratch.setInt32(4, hi, true);
        return scratch.getBigInt64(0, true);
      }
    }
    // Ten bytes (full 64-bit constants): the last holds bit 63 and, to be valid, copies of it.
    if (pos + 9 < bytes.length) {
      const b = bytes[pos + 9];
      if (b === 0x00 || b === 0x7f) {
        this.pos = pos + 10;
        scratch.setInt32(0, lo, true);
        scratch.setInt32(4, hi | (b << 31), true);
        return scratch.getBigInt64(0, true);
      }
    }
    let result = 0n;
    let shift = 0n;
    for (let left = 64; ; left -= 7) {
      if (left <= 0) this.fail('integer representation too long');
      const b = this.u8();
      if (left < 7) {
        const mask = (-1 << (left - 1)) & 0x7f;
        const high = b & mask;
        if (high !== 0 && high !== mask) this.fail('integer too large', this.pos - 1);
      }
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) return BigInt.asIntN(64, b & 0x40 ? result - (1n << shift) : result);
    }
  }

  /** Unsigned LEB128 of at most 64 bits. */
  u64(): bigint {
    const b = this.peek();
    if (b >= 0 && b < 0x80) return BigInt(this.u8());
    let result = 0n;
    let shift = 0n;
    for (let left = 64; ; left -= 7) {
      if (left <= 0) this.fail('integer representation too long');
      const b = this.u8();
      if (left < 7 && (b & 0x7f) >= 1 << left) this.fail('integer too large', this.pos - 1);
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
  }

  /**
   * A u64 as a number. Values above 2^53 round; none of them can denote an instantiable memory,
   * table or in-bounds offset (see RATIONALE, "Implementation limits").
   */
  u64Number(): number {
    // Encodings of up to four bytes are those of u32: its integer fast paths.
    const bytes = this.bytes;
    const pos = this.pos;
    for (let k = 0, n = 0; k < 4 && pos + k < bytes.length; k++) {
      const b = bytes[pos + k];
      n |= (b & 0x7f) << (7 * k);
      if (b < 0x80) {
        this.pos = pos + k + 1;
        return n;
      }
    }
    return Number(this.u64());
  }

  // -------------------------------------------------------------------------------------------
  // spec §5.2.3 Floating-point values: little-endian IEEE 754 bits, kept raw.

  /** The 4 bytes of an f32, as a signed 32-bit integer. */
  f32Bits(): number {
    const b = this.bytes;
    const p = this.pos;
    if (p + 4 > b.length) this.eof();
    this.pos = p + 4;
    return b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24);
  }

  /** The 8 bytes of an f64, as a signed 64-bit bigint. */
  f64Bits(): bigint {
    const b = this.bytes;
    const p = this.pos;
    if (p + 8 > b.length) this.eof();
    this.pos = p + 8;
    scratch.setInt32(0, b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24), true);
    scratch.setInt32(4, b[p + 4] | (b[p + 5] << 8) | (b[p + 6] << 16) | (b[p + 7] << 24), true);
    return scratch.getBigInt64(0, true);
  }

  // -------------------------------------------------------------------------------------------
  // spec §5.1.3 Vectors, §5.2.4 Names

  /**
   * A vector length or byte count. It may not exceed the bytes left counted from the length
   * itself ("length out of bounds", as the reference interpreter checks), which also bounds every
   * allocation by the input size.
   */
  len32(): number {
    const at = this.pos;
    const n = this.u32();
    if (n > this.bytes.length - at) this.fail('length out of bounds', at);
    return n;
  }

  /**
   * `n` raw bytes, copied (data segments, custom sections, vector immediates). Up to 64 bytes get
   * an array of their own, which V8 keeps on its heap; larger copies up to ARENA_SIZE / 4 bytes
   * are views into a shared arena, and only larger ones get their own `ArrayBuffer`: each buffer
   * outside the heap costs an allocation, a finalizer and external-memory pressure that makes
   * the collector run sooner (RATIONALE, "Why read immediates inline, and copy bytes into an
   * arena?").
   */
  bytesN(n: number): Uint8Array {
    const pos = this.pos;
    const bytes = this.bytes;
    if (n < 0 || pos + n > bytes.length) this.eof();
    this.pos = pos + n;
    if (n > ARENA_SIZE / 4) return bytes.slice(pos, pos + n);
    let out: Uint8Array;
    if (n <= 64) {
      out = new Uint8Array(n);
    } else {
      if (arenaUsed + n > arena.byteLength) {
        arena = new ArrayBuffer(ARENA_SIZE);
        arenaUsed = 0;
      }
      out = new Uint8Array(arena, arenaUsed, n);
      arenaUsed += (n + 7) & ~7;
    }
    for (let i = 0; i < n; i++) out[i] = bytes[pos + i];
    return out;
  }

  /** spec §5.2.4 a name: a byte vector that must be valid UTF-8. */
  name(): string {
    const at = this.pos;
    const n = this.len32();
    if (this.pos + n > this.bytes.length) this.eof();
    const s = decodeUtf8(this.bytes, this.pos, this.pos + n);
    if (s === undefined) this.fail('malformed UTF-8 encoding', at);
    this.pos += n;
    return s;
  }
}

/** Argument arrays for `String.fromCharCode` by length, for ASCII names below 64 bytes. */
const asciiArgs: number[][] = Array.from({ length: 64 }, (_, n) => new Array<number>(n).fill(0));

/**
 * Strict UTF-8 (Unicode §3.9, table 3-7): no overlong forms, no surrogates, nothing above
 * U+10FFFF, no truncated sequences. Returns undefined for malformed input.
 */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string | undefined {
  // ASCII, the usual case: one string from the bytes, without the array of code units.
  let ascii = start;
  while (ascii < end && bytes[ascii] < 0x80) ascii++;
  if (ascii === end && end - start < asciiArgs.length) {
    // One call and one string: the codes in a reused argument array of the name's length.
    const args = asciiArgs[end - start];
    for (let i = start; i < end; i++) args[i - start] = bytes[i];
    return String.fromCharCode.apply(null, args);
  }
  let out = '';
  const units: number[] = [];
  let i = start;
  while (i < end) {
    const b0 = bytes[i];
    let cp: number;
    if (b0 < 0x80) {
      cp = b0;
      i += 1;
    } else {
      let need: number;
      let min: number;
      if (b0 >= 0xc2 && b0 <= 0xdf) { need = 1; min = 0x80; cp = b0 & 0x1f; }
      else if (b0 >= 0xe0 && b0 <= 0xef) { need = 2; min = 0x800; cp = b0 & 0x0f; }
      else if (b0 >= 0xf0 && b0 <= 0xf4) { need = 3; min = 0x10000; cp = b0 & 0x07; }
      else return undefined;
      if (i + need >= end) return undefined;
      for (let k = 1; k <= need; k++) {
        const b = bytes[i + k];
        if ((b & 0xc0) !== 0x80) return undefined;
        cp = (cp << 6) | (b & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
      i += need + 1;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else {
      units.push(cp);
    }
    if (units.length >= 4096) {
      out += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  return out + String.fromCharCode(...units);
}
