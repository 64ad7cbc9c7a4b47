/**
 * Wasm backtraces: the functions that were active when an exception (a trap, or anything a host
 * function threw) unwound through the interpreter, innermost first — for `vitrine run`'s trap
 * report and for embedders. The interpreter records them as the exception leaves each `run`
 * (a nested invocation adds its frames first, its callers' follow); they are kept beside the
 * exception object, which stays as it was.
 */

import type { FuncInst } from '../runtime/func.js';

/** At most this many frames are kept per exception (a stack overflow would have 100,000). */
export const MAX_RECORDED_FRAMES = 1000;

const traces = new WeakMap<object, FuncInst[]>();

/**
 * Called by the interpreter when `e` leaves a run: `current` was executing, `frameFunc[from…to)`
 * are its callers in that run, outermost first.
 */
export function recordFrames(e: unknown, current: FuncInst, frameFunc: readonly FuncInst[], from: number, to: number): void {
  if (typeof e !== 'object' || e === null) return;
  let trace = traces.get(e);
  if (trace === undefined) traces.set(e, trace = []);
  if (trace.length < MAX_RECORDED_FRAMES) trace.push(current);
  for (let k = to - 1; k >= from && trace.length < MAX_RECORDED_FRAMES; k--) trace.push(frameFunc[k]);
}

/** The Wasm functions active when `e` was thrown, innermost first; empty if none were. */
export function wasmBacktrace(e: unknown): readonly FuncInst[] {
  return (typeof e === 'object' && e !== null ? traces.get(e) : undefined) ?? [];
}
