/**
 * Timestamps of the filesystem backends: the realtime clock in nanoseconds and the `fstflags`
 * rules of `fd_filestat_set_times` / `path_filestat_set_times`.
 */
import { ERRNO_INVAL, ERRNO_SUCCESS, type Errno } from '../errno.js';
import { FSTFLAGS_ATIM, FSTFLAGS_ATIM_NOW, FSTFLAGS_MTIM, FSTFLAGS_MTIM_NOW } from './types.js';

/**
 * Nanoseconds since the Unix epoch. `performance` exists in browsers and Node; its origin plus its
 * monotonic offset gives sub-microsecond steps (Date.now() only has milliseconds).
 */
export function realtimeNs(): bigint {
  const origin = performance.timeOrigin;
  const originMs = Math.floor(origin);
  const fractionNs = Math.round((origin - originMs + performance.now()) * 1e6);
  return BigInt(originMs) * 1_000_000n + BigInt(fractionNs);
}

/** EINVAL for unknown bits, or for a time given both explicitly and as "now". */
export function checkFstflags(fstflags: number): Errno {
  if ((fstflags & ~0xf) !== 0) return ERRNO_INVAL;
  if ((fstflags & FSTFLAGS_ATIM) !== 0 && (fstflags & FSTFLAGS_ATIM_NOW) !== 0) return ERRNO_INVAL;
  if ((fstflags & FSTFLAGS_MTIM) !== 0 && (fstflags & FSTFLAGS_MTIM_NOW) !== 0) return ERRNO_INVAL;
  return ERRNO_SUCCESS;
}

/** The access and modification times after a valid set_times: given, now, or unchanged. */
export function newTimes(
  current: { readonly atim: bigint; readonly mtim: bigint }, atim: bigint, mtim: bigint, fstflags: number, now: () => bigint,
): { atim: bigint; mtim: bigint } {
  const pick = (given: bigint, old: bigint, set: number, setNow: number): bigint =>
    (fstflags & set) !== 0 ? given : (fstflags & setNow) !== 0 ? now() : old;
  return {
    atim: pick(atim, current.atim, FSTFLAGS_ATIM, FSTFLAGS_ATIM_NOW),
    mtim: pick(mtim, current.mtim, FSTFLAGS_MTIM, FSTFLAGS_MTIM_NOW),
  };
}
