/**
 * Custom sections — spec §5.5.3: id 0, a name, then arbitrary bytes up to the section's end.
 * Their contents never affect semantics; the `name` section is interpreted by names.ts.
 */

import type { CustomSection } from '../../syntax/module.js';
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';

/**
 * The section whose contents start at `start` and span `size` bytes. The name must be valid
 * UTF-8; a name running past the section end leaves a negative payload: "unexpected end".
 */
export function readCustomSection(r: Reader, start: number, size: number): CustomSection {
  const name = r.name();
  return { name, bytes: r.bytesN(start + size - r.pos) };
}

export function writeCustomSection(w: Writer, c: CustomSection): void {
  w.name(c.name);
  w.bytes(c.bytes);
}
