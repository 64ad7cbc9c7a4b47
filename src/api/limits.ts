/**
 * Descriptor numbers of Memory and Table — JS API §"AddressValueToU64" and §"U64ToAddressValue".
 *
 * An "i32" address value behaves like WebIDL's [EnforceRange] unsigned long (a Number in
 * [0, 2^32)); an "i64" one is a BigInt in [0, 2^64). Internally both are plain numbers (limits
 * above 2^53 cannot be allocated anyway; see RATIONALE, "Implementation limits").
 */

import type { AddrType } from '../syntax/types.js';

/** JS API §"AddressValueToU64". `what` names the value in the TypeError. */
export function addressValueToU64(v: unknown, addr: AddrType, what: string): number {
  if (addr === 'i64') {
    if (typeof v !== 'bigint') throw new TypeError(`${what} must be a BigInt for a 64-bit address type`);
    if (v < 0n || v >= 1n << 64n) throw new TypeError(`${what} is outside the range of u64`);
    return Number(v);
  }
  // WebIDL ConvertToInt with [EnforceRange], unsigned long.
  const x = +(v as number);
  if (!Number.isFinite(x)) throw new TypeError(`${what} must be a finite number`);
  const n = Math.trunc(x);
  if (n < 0 || n > 0xffff_ffff) throw new TypeError(`${what} is outside the range of an unsigned long`);
  return n;
}

/** JS API §"U64ToAddressValue". */
export function u64ToAddressValue(n: number, addr: AddrType): number | bigint {
  return addr === 'i64' ? BigInt(n) : n;
}

/** The `address` member of a Memory or Table descriptor (memory64 / table64). */
export function addressType(v: unknown): AddrType {
  if (v === undefined || v === 'i32') return 'i32';
  if (v === 'i64') return 'i64';
  throw new TypeError(`address must be "i32" or "i64", not ${String(v)}`);
}

/** Reads a descriptor's required `initial` and optional `maximum`. */
export function readLimits(descriptor: Record<string, unknown>, addr: AddrType): { min: number; max?: number } {
  const initial = descriptor.initial;
  if (initial === undefined) throw new TypeError('the descriptor needs an "initial" member');
  const max = descriptor.maximum;
  const min = addressValueToU64(initial, addr, 'initial');
  return max === undefined ? { min } : { min, max: addressValueToU64(max, addr, 'maximum') };
}
