/**
 * Shared helpers of the binary tests (no tests of its own): byte builders and an assertion for
 * CompileErrors with an exact message.
 */

import * as assert from 'uvu/assert';
import { CompileError } from '../errors.js';
import type { Module } from '../syntax/module.js';
import { compactOp } from '../syntax/opcodes.js';

export type Part = number | readonly number[] | Uint8Array | string;

/** Concatenates parts: a number is one byte, a string is hex ("00 61 73 6d", spaces optional). */
export function bytes(...parts: Part[]): Uint8Array {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'number') out.push(p);
    else if (typeof p === 'string') {
      const h = p.replace(/\s+/g, '');
      for (let i = 0; i < h.length; i += 2) out.push(parseInt(h.slice(i, i + 2), 16));
    } else out.push(...p);
  }
  return Uint8Array.from(out);
}

/** Minimal unsigned LEB128. */
export function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

/** A section: id, LEB128 size, contents. */
export function section(id: number, ...content: Part[]): Uint8Array {
  const c = bytes(...content);
  return bytes(id, leb(c.length), c);
}

/** A name: length and ASCII bytes. */
export function str(s: string): number[] {
  return [...leb(s.length), ...[...s].map((c) => c.charCodeAt(0))];
}

export const HEADER = '0061736d 01000000';

/** A module: the header, then the given sections (or raw bytes). */
export function wasm(...parts: Part[]): Uint8Array {
  return bytes(HEADER, ...parts);
}

/** Sections of a module with one function type `[] -> []` and one function `body` (hex). */
export function oneFunc(body: Part, locals: Part = '00'): Uint8Array[] {
  const code = bytes(locals, body, 0x0b);
  return [section(1, '01 60 00 00'), section(3, '01 00'), section(10, 1, leb(code.length), code)];
}

/** Asserts that `fn` throws a CompileError with exactly `message` (and `offset`, if given). */
export function throwsCompile(fn: () => unknown, message: string, offset?: number): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    assert.is(e.message, message);
    if (offset !== undefined) assert.is(e.offset, offset, 'error offset');
    return;
  }
  assert.unreachable(`expected CompileError "${message}"`);
}

/**
 * `m` without the decoder's `ops` on its functions (checked here against the bodies), for
 * comparisons with modules made otherwise.
 */
export function withoutOps(m: Module): Module {
  return {
    ...m,
    funcs: m.funcs.map(({ ops, ...f }) => {
      if (ops !== undefined) assert.equal([...ops], f.body.map((ins) => compactOp(ins.op)), 'ops match the body');
      return f;
    }),
  };
}
