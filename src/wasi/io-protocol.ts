/**
 * The messages between the guest's thread and the I/O thread (io-thread.ts, io-worker.ts).
 *
 * WASI calls are synchronous, Node's sockets and pipes are not: the I/O thread owns every socket
 * and piped stdin, buffers what arrives, and answers one request at a time while the guest's
 * thread blocks. Endpoints and listeners are named by small integer ids the worker assigns.
 */

import type { Errno } from './errno.js';

export type Request =
  /** Listen on a TCP address; answers {@link Listening}. */
  | { readonly op: 'listen'; readonly host: string; readonly port: number }
  /** Adopt host fd `fd` (a pipe, terminal or socket) as a readable endpoint; answers {@link Opened}. */
  | { readonly op: 'open'; readonly fd: number }
  /** Take a pending connection of listener `id`; with `wait`, wait for one. Answers {@link Opened}. */
  | { readonly op: 'accept'; readonly id: number; readonly wait: boolean }
  /**
   * Up to `max` bytes of endpoint `id` (an empty {@link Data} at end of stream); with `wait`,
   * waits for at least one byte (all `max` with `waitall`); `peek` leaves them buffered.
   */
  | { readonly op: 'read'; readonly id: number; readonly max: number; readonly peek: boolean;
      readonly waitall: boolean; readonly wait: boolean }
  /** Send bytes on endpoint `id`; with `wait`, returns once they are handed to the OS. Answers {@link Written}. */
  | { readonly op: 'write'; readonly id: number; readonly data: Uint8Array; readonly wait: boolean }
  /** Shut down reading (sdflags RD) and/or writing (WR) of endpoint `id`. */
  | { readonly op: 'shutdown'; readonly id: number; readonly how: number }
  /** Close endpoint or listener `id` (pending output is still sent). */
  | { readonly op: 'close'; readonly id: number }
  /** Readiness of `keys`, waiting up to `timeoutMs` (null: no limit) for one. Answers {@link Polled}. */
  | { readonly op: 'poll'; readonly keys: readonly { readonly id: number; readonly write: boolean }[];
      readonly timeoutMs: number | null };

export interface Failed { readonly errno: Errno }
export interface Listening { readonly id: number; readonly address: string; readonly port: number }
export interface Opened { readonly id: number }
export interface Data { readonly data: Uint8Array }
export interface Written { readonly n: number }
export interface Polled {
  /** Per key: bytes ready and hangup, an errno, or null if not ready. */
  readonly ready: readonly ({ readonly nbytes: number; readonly hangup: boolean } | Errno | null)[];
}
export type Response = Failed | Listening | Opened | Data | Written | Polled | Record<string, never>;
