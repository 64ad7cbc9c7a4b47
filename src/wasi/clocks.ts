/**
 * The clocks of `clock_time_get`, `clock_res_get` and `poll_oneoff` (witx `clockid`), and
 * sleeping. Nanoseconds as bigint, as WASI timestamps are u64.
 *
 * - realtime: performance.timeOrigin + performance.now() (fs/time.ts), steps of about 1 µs;
 * - monotonic: process.hrtime.bigint() where Node has it (1 ns steps), else performance.now();
 * - process and thread CPU time: process.cpuUsage() (user + system, 1 µs steps) where Node has
 *   it. The guest runs on one thread, so both report the process's time; hosts without it
 *   answer EINVAL, as the witx asks of unsupported clocks.
 */

import {
  CLOCKID_MONOTONIC, CLOCKID_PROCESS_CPUTIME_ID, CLOCKID_REALTIME, CLOCKID_THREAD_CPUTIME_ID,
} from './constants.js';
import { realtimeNs } from './fs/time.js';

interface NodeProcess {
  hrtime?: { bigint?: () => bigint };
  cpuUsage?: () => { user: number; system: number };
}
const proc = (globalThis as { process?: NodeProcess }).process;
const hrtime = proc?.hrtime?.bigint;
const cpuUsage = proc?.cpuUsage;

export function monotonicNs(): bigint {
  return hrtime !== undefined ? hrtime() : BigInt(Math.round(performance.now() * 1e6));
}

/** The current time of `id`, or undefined for a clock this host does not have. */
export function clockNow(id: number): bigint | undefined {
  switch (id) {
    case CLOCKID_REALTIME: return realtimeNs();
    case CLOCKID_MONOTONIC: return monotonicNs();
    case CLOCKID_PROCESS_CPUTIME_ID: case CLOCKID_THREAD_CPUTIME_ID: {
      if (cpuUsage === undefined) return undefined;
      const u = cpuUsage();
      return BigInt(u.user + u.system) * 1000n;
    }
    default: return undefined;
  }
}

/** The resolution of `id` in nanoseconds (the step of its source), or undefined. */
export function clockResolution(id: number): bigint | undefined {
  switch (id) {
    case CLOCKID_REALTIME: return 1000n;
    case CLOCKID_MONOTONIC: return hrtime !== undefined ? 1n : 1000n;
    case CLOCKID_PROCESS_CPUTIME_ID: case CLOCKID_THREAD_CPUTIME_ID:
      return cpuUsage === undefined ? undefined : 1000n;
    default: return undefined;
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Blocks the thread until the monotonic clock reaches `deadline`: Atomics.wait where the
 * platform allows it (Node, workers), else — a browser's main thread — by spinning.
 */
export function sleepUntil(deadline: bigint): void {
  for (let now = monotonicNs(); now < deadline; now = monotonicNs()) {
    const ms = Number(deadline - now) / 1e6;
    try {
      Atomics.wait(sleeper, 0, 0, ms);
    } catch {
      // Atomics.wait is not allowed here: spin until the deadline.
    }
  }
}
