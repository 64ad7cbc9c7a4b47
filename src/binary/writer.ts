/**
 * The byte writer under the encoder — the inverse of reader.ts (spec §5.1, §5.2): a growable
 * buffer with minimal-length LEB128 integers, raw float bits, vectors and UTF-8 names.
 *
 * The encoder writes any Module, valid or not, so every method accepts any number: integers are
 * truncated and wrapped to their encoding's range (NaN becomes 0) rather than throwing.
 */

export class Writer {
  private buf = new Uint8Array(256);
  private len = 0;

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** The bytes written so far (a copy). */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  u8(b: number): void {
    this.reserve(1);
    this.buf[this.len++] = b & 0xff;
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  /** Unsigned LEB128 of a u32 (the value is wrapped to 32 bits). */
  u32(n: number): void {
    let v = toInteger(n) >>> 0;
    this.reserve(5);
    while (v >= 0x80) {
      this.buf[this.len++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.len++] = v;
  }

  /** Signed LEB128 of an s33 (block types, heap types); the value is wrapped to 33 bits. */
  s33(n: number): void {
    let v = toInteger(n);
    if (v < -(2 ** 32) || v >= 2 ** 32) v = Number(BigInt.asIntN(33, BigInt(v)));
    this.reserve(5);
    for (;;) {
      const b = v & 0x7f; // two's complement low bits, also for negative v
      v = Math.floor(v / 128);
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
        this.buf[this.len++] = b;
        return;
      }
      this.buf[this.len++] = b | 0x80;
    }
  }

  /** Signed LEB128 of an s32 (the value is wrapped to 32 bits). */
  s32(n: number): void {
    this.s33(toInteger(n) | 0);
  }

  /** Signed LEB128 of an s64 (the value is wrapped to 64 bits). */
  s64(n: bigint): void {
    let v = BigInt.asIntN(64, n);
    this.reserve(10);
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) {
        this.buf[this.len++] = b;
        return;
      }
      this.buf[this.len++] = b | 0x80;
    }
  }

  /**
   * Unsigned LEB128 of a u64 given as a number (limits, memory offsets). Numbers from 2^64 up
   * saturate to 2^64-1: that is what a decoded 2^64-1 rounds to, so it encodes back unchanged.
   * Negative numbers wrap to 64 bits.
   */
  u64(n: number): void {
    const v = toInteger(n);
    if (v >= 0 && v <= 0xffff_ffff) {
      this.u32(v);
      return;
    }
    let big = v >= 2 ** 64 ? 2n ** 64n - 1n : BigInt.asUintN(64, BigInt(v));
    this.reserve(10);
    while (big >= 0x80n) {
      this.buf[this.len++] = Number(big & 0x7fn) | 0x80;
      big >>= 7n;
    }
    this.buf[this.len++] = Number(big);
  }

  /** The raw bits of an f32 (an int32 number), little-endian. */
  f32Bits(bits: number): void {
    const v = toInteger(bits) | 0;
    this.u8(v);
    this.u8(v >> 8);
    this.u8(v >> 16);
    this.u8(v >> 24);
  }

  /** The raw bits of an f64 (a 64-bit bigint), little-endian. */
  f64Bits(bits: bigint): void {
    const v = BigInt.asUintN(64, bits);
    const lo = Number(v & 0xffff_ffffn);
    const hi = Number(v >> 32n);
    this.f32Bits(lo);
    this.f32Bits(hi);
  }

  /** spec §5.2.4 a name: UTF-8 bytes with their length. */
  name(s: string): void {
    const utf8 = encodeUtf8(s);
    this.u32(utf8.length);
    this.bytes(utf8);
  }

  /** A length-prefixed byte vector. */
  byteVec(b: Uint8Array): void {
    this.u32(b.length);
    this.bytes(b);
  }

  /** Another writer's bytes, prefixed by their length (sections, function bodies). */
  sized(inner: Writer): void {
    this.u32(inner.len);
    this.reserve(inner.len);
    this.buf.set(inner.buf.subarray(0, inner.len), this.len);
    this.len += inner.len;
  }
}

/** A finite integer from any number: truncated towards zero, NaN and ±Infinity become 0. */
function toInteger(n: number): number {
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

/** UTF-8 of a JS string; a lone surrogate becomes U+FFFD, as TextEncoder does. */
export function encodeUtf8(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdfff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (cp <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        cp = 0xfffd;
      }
    }
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Uint8Array.from(out);
}
