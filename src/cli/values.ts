/**
 * Raw values in text, for the CLI and the script runner: parsing `vitrine run` arguments by the
 * export's parameter types, and printing results the way the text format writes constants
 * (`nan:0x200000`, `-inf`, shortest round-trip decimals), so NaN payloads and -0 stay visible.
 */

import { f32FromBits, f64FromBits } from '../exec/numerics.js';
import { FuncInst, type RawValue } from '../runtime/index.js';
import { parseF32, parseF64, parseI32, parseI64 } from '../text/numbers.js';
import { valTypeToString, type ValType } from '../syntax/types.js';

/** The host reference a script's `(ref.extern N)` denotes: one stable object per N. */
export class HostRef {
  constructor(readonly n: number) {}
  toString(): string {
    return `ref.extern ${this.n}`;
  }
}

/**
 * Parses a command-line argument as a value of type `t`, with the text format's number syntax
 * (spec §6.3.1, §6.3.2: decimal or 0x hex, `_` separators, `inf`, `nan`, `nan:0x…`).
 * A reference type accepts only `null`. Throws an Error naming the type when `text` does not fit.
 */
export function parseValue(text: string, t: ValType): RawValue {
  let v: RawValue | undefined;
  switch (t) {
    case 'i32': v = parseI32(text); break;
    case 'i64': v = parseI64(text); break;
    case 'f32': v = parseF32(text); break;
    case 'f64': v = parseF64(text); break;
    case 'v128': break;
    default: v = text === 'null' ? null : undefined;
  }
  if (v === undefined) throw new Error(`"${text}" is not a valid ${valTypeToString(t)} argument`);
  return v;
}

/** A binary float format: total width and explicit mantissa bits (spec §4.3.3). */
export interface FloatFormat {
  readonly width: 32 | 64;
  readonly mantissa: number;
}
export const F32: FloatFormat = { width: 32, mantissa: 23 };
export const F64: FloatFormat = { width: 64, mantissa: 52 };

/** Prints a raw value of type `t`: integers signed, floats as text-format literals. */
export function formatValue(v: RawValue, t: ValType): string {
  switch (t) {
    case 'i32': case 'i64': return String(v);
    case 'f32': return formatFloat(BigInt.asUintN(32, BigInt(v as number)), F32, f32FromBits(v as number));
    case 'f64': return formatFloat(BigInt.asUintN(64, v as bigint), F64, f64FromBits(v as bigint));
    case 'v128': return formatV128(v as Uint8Array);
  }
  if (v === null) return 'null';
  if (v instanceof FuncInst) return 'ref.func';
  if (v instanceof HostRef) return String(v);
  return 'ref.extern';
}

/** A float (its unsigned bits and its value) as the text format would write it. */
function formatFloat(bits: bigint, fmt: FloatFormat, x: number): string {
  const w = BigInt(fmt.width);
  const m = BigInt(fmt.mantissa);
  const sign = (bits >> (w - 1n)) === 1n ? '-' : '';
  const exponent = (bits >> m) & ((1n << (w - 1n - m)) - 1n);
  const payload = bits & ((1n << m) - 1n);
  if (exponent === (1n << (w - 1n - m)) - 1n) {
    if (payload === 0n) return `${sign}inf`;
    return payload === 1n << (m - 1n) ? `${sign}nan` : `${sign}nan:0x${payload.toString(16)}`;
  }
  if (x === 0) return `${sign}0`;
  if (fmt.width === 64) return String(x);
  // The shortest decimal that reads back as the same f32.
  for (let p = 1; ; p++) {
    const s = Number(x.toPrecision(p));
    if (Math.fround(s) === x) return String(s);
  }
}

/** A v128 as four i32 lanes in hex, e.g. `i32x4 0x00000001 0x00000000 …`. */
function formatV128(bytes: Uint8Array): string {
  const lanes: string[] = [];
  for (let i = 0; i < 16; i += 4) {
    const lane = (bytes[i] | bytes[i + 1] << 8 | bytes[i + 2] << 16 | bytes[i + 3] << 24) >>> 0;
    lanes.push(`0x${lane.toString(16).padStart(8, '0')}`);
  }
  return `i32x4 ${lanes.join(' ')}`;
}
