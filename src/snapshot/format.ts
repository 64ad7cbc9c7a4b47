/**
 * The snapshot file format (docs/RATIONALE.md, "Snapshots and pooling"). All integers are
 * little-endian; `varuint` is unsigned LEB128 (up to 2^53).
 *
 *   magic           8 bytes  "\0vtrsnap"
 *   format version  u32      FORMAT_VERSION
 *   vitrine version u8 length + ASCII (must equal VITRINE_VERSION)
 *   payload length  u32
 *   payload CRC-32  u32      (IEEE, as zlib) over the payload
 *   payload:
 *     module        varuint length + the module's binary
 *     memories      varuint count; each: varuint pages, varuint extent count,
 *                   each extent: varuint offset, varuint length, bytes
 *     globals       varuint count; each by its declared type: i32/f32 4 bytes, i64/f64 8 bytes,
 *                   v128 16 bytes, references varuint (0 null, k + 1 function k)
 *     tables        varuint count; each: varuint size, then that many references as above
 *     segments      varuint count + one byte per data segment, then the same for element
 *                   segments: 1 if dropped
 *
 * Memories, globals and tables are the module's own (imports excluded), in index order.
 */

import { VITRINE_VERSION } from '../version.js';

/** A snapshot file that cannot be used: not a snapshot, another version, damaged, or inconsistent. */
export class SnapshotError extends Error {
  override name = 'SnapshotError';
}

export const MAGIC = new Uint8Array([0, 0x76, 0x74, 0x72, 0x73, 0x6e, 0x61, 0x70]); // "\0vtrsnap"
/** Bumped whenever the layout above changes. */
export const FORMAT_VERSION = 1;

/** A run of non-zero memory. */
export interface Extent {
  readonly offset: number;
  readonly bytes: Uint8Array;
}

/** Everything a snapshot file holds, decoded (values still raw: see `SnapshotGlobal`). */
export interface SnapshotData {
  readonly moduleBytes: Uint8Array;
  readonly memories: readonly { readonly pages: number; readonly extents: readonly Extent[] }[];
  /** Raw bytes of each global (4, 8 or 16), or a reference: null or a function index. */
  readonly globals: readonly (Uint8Array | number | null)[];
  /** Per table, per element: null or a function index. */
  readonly tables: readonly (readonly (number | null)[])[];
  readonly droppedDatas: readonly boolean[];
  readonly droppedElems: readonly boolean[];
}

/** Whether `bytes` starts with the snapshot magic. */
export function isSnapshot(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 (IEEE 802.3, zlib's `crc32`) of `bytes`, unsigned. */
export function crc32(bytes: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

class ByteWriter {
  private buf = new Uint8Array(1024);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  byte(b: number): void {
    this.room(1);
    this.buf[this.length++] = b;
  }
  u32(v: number): void {
    this.room(4);
    new DataView(this.buf.buffer).setUint32(this.length, v, true);
    this.length += 4;
  }
  varuint(v: number): void {
    do {
      const low = v % 128;
      v = Math.floor(v / 128);
      this.byte(v > 0 ? low | 0x80 : low);
    } while (v > 0);
  }
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** Reads a payload; any overrun is a SnapshotError (the checksum makes that rare). */
class ByteReader {
  pos = 0;
  constructor(private readonly b: Uint8Array) {}

  private need(n: number): void {
    if (this.pos + n > this.b.length) throw new SnapshotError('snapshot file is damaged (truncated payload)');
  }
  byte(): number {
    this.need(1);
    return this.b[this.pos++];
  }
  u32(): number {
    this.need(4);
    const v = new DataView(this.b.buffer, this.b.byteOffset).getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }
  varuint(): number {
    let v = 0, scale = 1;
    for (;;) {
      const b = this.byte();
      v += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return v;
      scale *= 128;
      if (scale > 2 ** 53) throw new SnapshotError('snapshot file is damaged (bad number)');
    }
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const r = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return r;
  }
  get done(): boolean {
    return this.pos === this.b.length;
  }
}

/** The width in bytes of a global of type `t`'s raw value, or 0 for a reference. */
export function valueWidth(t: unknown): number {
  return t === 'i32' || t === 'f32' ? 4 : t === 'i64' || t === 'f64' ? 8 : t === 'v128' ? 16 : 0;
}

function writeRef(w: ByteWriter, r: number | null): void {
  w.varuint(r === null ? 0 : r + 1);
}

function readRef(r: ByteReader): number | null {
  const v = r.varuint();
  return v === 0 ? null : v - 1;
}

/** Encodes a snapshot file. */
export function encodeSnapshot(data: SnapshotData): Uint8Array {
  const p = new ByteWriter();
  p.varuint(data.moduleBytes.length);
  p.bytes(data.moduleBytes);
  p.varuint(data.memories.length);
  for (const m of data.memories) {
    p.varuint(m.pages);
    p.varuint(m.extents.length);
    for (const e of m.extents) {
      p.varuint(e.offset);
      p.varuint(e.bytes.length);
      p.bytes(e.bytes);
    }
  }
  p.varuint(data.globals.length);
  for (const g of data.globals) {
    if (g instanceof Uint8Array) p.bytes(g);
    else writeRef(p, g);
  }
  p.varuint(data.tables.length);
  for (const t of data.tables) {
    p.varuint(t.length);
    for (const r of t) writeRef(p, r);
  }
  for (const flags of [data.droppedDatas, data.droppedElems]) {
    p.varuint(flags.length);
    for (const f of flags) p.byte(f ? 1 : 0);
  }
  const payload = p.result();

  const w = new ByteWriter();
  w.bytes(MAGIC);
  w.u32(FORMAT_VERSION);
  w.byte(VITRINE_VERSION.length);
  for (let i = 0; i < VITRINE_VERSION.length; i++) w.byte(VITRINE_VERSION.charCodeAt(i));
  w.u32(payload.length);
  w.u32(crc32(payload));
  w.bytes(payload);
  return w.result();
}

/**
 * Decodes a snapshot file. The global widths come from the module, so the caller passes a
 * function giving the declared value types of the module's own globals.
 */
export function decodeSnapshot(bytes: Uint8Array, globalTypes: (moduleBytes: Uint8Array) => readonly unknown[]): SnapshotData {
  if (!isSnapshot(bytes)) throw new SnapshotError('not a Vitrine snapshot file (bad magic)');
  const h = new ByteReader(bytes);
  h.bytes(MAGIC.length);
  const header = (): never => {
    throw new SnapshotError('snapshot file is damaged (truncated header)');
  };
  if (bytes.length < MAGIC.length + 5) header();
  const format = h.u32();
  if (format !== FORMAT_VERSION) {
    throw new SnapshotError(`snapshot format version ${format} is not supported (this Vitrine reads version ${FORMAT_VERSION})`);
  }
  const vlen = h.byte();
  if (h.pos + vlen + 8 > bytes.length) header();
  const version = String.fromCharCode(...h.bytes(vlen));
  if (version !== VITRINE_VERSION) {
    throw new SnapshotError(`snapshot made by Vitrine ${version}, this is Vitrine ${VITRINE_VERSION}: make it again`);
  }
  const length = h.u32();
  const sum = h.u32();
  if (bytes.length - h.pos !== length) {
    throw new SnapshotError(`snapshot file is damaged (payload of ${bytes.length - h.pos} bytes, ${length} expected)`);
  }
  const payload = bytes.subarray(h.pos);
  if (crc32(payload) !== sum) throw new SnapshotError('snapshot file is damaged (checksum mismatch)');

  const r = new ByteReader(payload);
  const moduleBytes = r.bytes(r.varuint()).slice();
  const memories = [];
  for (let i = r.varuint(); i > 0; i--) {
    const pages = r.varuint();
    const extents: Extent[] = [];
    for (let k = r.varuint(); k > 0; k--) {
      const offset = r.varuint();
      const data = r.bytes(r.varuint()).slice();
      if (offset + data.length > pages * 65536) throw new SnapshotError('snapshot file is inconsistent (extent beyond its memory)');
      extents.push({ offset, bytes: data });
    }
    memories.push({ pages, extents });
  }
  const types = globalTypes(moduleBytes);
  const count = r.varuint();
  if (count !== types.length) throw new SnapshotError(`snapshot file is inconsistent (${count} globals, the module has ${types.length})`);
  const globals = types.map((t) => {
    const width = valueWidth(t);
    return width > 0 ? r.bytes(width).slice() : readRef(r);
  });
  const tables = [];
  for (let i = r.varuint(); i > 0; i--) {
    const size = r.varuint();
    if (size > payload.length) throw new SnapshotError('snapshot file is inconsistent (table size)');
    const t = [];
    for (let k = 0; k < size; k++) t.push(readRef(r));
    tables.push(t);
  }
  const flags = (): boolean[] => {
    const f = [];
    for (let i = r.varuint(); i > 0; i--) f.push(r.byte() !== 0);
    return f;
  };
  const droppedDatas = flags();
  const droppedElems = flags();
  if (!r.done) throw new SnapshotError('snapshot file is damaged (trailing bytes)');
  return { moduleBytes, memories, globals, tables, droppedDatas, droppedElems };
}
