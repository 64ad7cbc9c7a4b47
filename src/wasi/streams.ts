/**
 * Descriptors that are not files or directories of a filesystem backend: stdio streams, TCP
 * connections and TCP listeners. The preview1 layer sees them through {@link WasiStream} and
 * {@link WasiListener}; src/wasi/host-streams.ts implements them on host file descriptors,
 * src/wasi/sockets.ts on Node sockets, and {@link CallbackStream} on plain JavaScript callbacks
 * (no Node needed).
 *
 * Reads and writes block unless the descriptor's fdflags have NONBLOCK, in which case an
 * operation that would wait answers EAGAIN.
 */

import { ERRNO_AGAIN, ERRNO_BADF, ERRNO_SUCCESS, type Errno } from './errno.js';
import {
  fail, FDFLAGS_APPEND, FDFLAGS_NONBLOCK, FILETYPE_CHARACTER_DEVICE, ok, type Filestat, type Filetype, type Result,
} from './fs/types.js';
import { RIGHTS_FD_READ, RIGHTS_FD_WRITE, RIGHTS_STREAM_BASE } from './constants.js';

/** Readiness of a descriptor for `poll_oneoff`: bytes available (or writable), and whether the peer is gone. */
export interface Ready {
  readonly nbytes: bigint;
  readonly hangup: boolean;
}

/**
 * Something a descriptor's readiness can only be learned from by waiting — the I/O thread of
 * sockets and piped stdin (io-thread.ts). `poll_oneoff` hands each source all of its pending
 * subscriptions at once.
 */
export interface PollSource {
  /**
   * Waits until at least one of `keys` is ready or `timeoutMs` (null: no limit) has passed;
   * one entry per key: its readiness, an errno, or null if not ready.
   */
  wait(keys: readonly PendingKey[], timeoutMs: number | null): (Ready | Errno | null)[];
}
export interface PendingKey {
  readonly id: number;
  readonly write: boolean;
}
/** Readiness to be learned from `source`. */
export interface Pending {
  readonly source: PollSource;
  readonly key: PendingKey;
}

/** A byte stream: stdio, a connected socket, a device. */
export interface WasiStream {
  readonly kind: 'stream';
  /** `fdstat.fs_filetype`. */
  readonly filetype: Filetype;
  /** The most rights a descriptor of this stream can have. */
  readonly rights: bigint;
  /** `fdstat.fs_flags`. */
  readonly fdflags: number;
  /** `fd_fdstat_set_flags`: EINVAL for flags the stream cannot take. */
  setFdflags(flags: number): Errno;
  /** `fd_read`: bytes read (0 at end of stream); waits for data unless NONBLOCK. */
  read(dst: Uint8Array): Result<number>;
  /** `fd_write`: bytes written. */
  write(src: Uint8Array): Result<number>;
  /** `fd_filestat_get`. */
  stat(): Result<Filestat>;
  /** Readiness for `poll_oneoff`. */
  poll(write: boolean): Ready | Pending | Errno;
  /** `fd_close`. */
  close(): Errno;
  /** Present on sockets: `sock_recv`, `sock_send`, `sock_shutdown`. */
  readonly socket?: SocketOps;
}

export interface SocketOps {
  /** `sock_recv`: bytes read into `dst`; with `peek` the data stays; with `waitall` waits for all of `dst`. */
  recv(dst: Uint8Array, peek: boolean, waitall: boolean): Result<number>;
  /** `sock_send`. */
  send(src: Uint8Array): Result<number>;
  /** `sock_shutdown`: `how` is sdflags (RD, WR). */
  shutdown(how: number): Errno;
}

/** A listening socket handed to the guest (a preopened socket, `--tcplisten`). */
export interface WasiListener {
  readonly kind: 'listener';
  readonly fdflags: number;
  setFdflags(flags: number): Errno;
  /** `sock_accept`: the connection, with `fdflags` (NONBLOCK or 0); EAGAIN if none is pending and NONBLOCK. */
  accept(fdflags: number): Result<WasiStream>;
  stat(): Result<Filestat>;
  poll(): Ready | Pending | Errno;
  close(): Errno;
}

/** A filestat for a descriptor with no file behind it: only the type is known. */
export function streamFilestat(filetype: Filetype): Filestat {
  return { dev: 0n, ino: 0n, filetype, nlink: 1n, size: 0n, atim: 0n, mtim: 0n, ctim: 0n };
}

/**
 * A stream on JavaScript callbacks, for embedders without host file descriptors (browsers,
 * tests): `write` receives each chunk the guest writes; `read` returns the next chunk of input,
 * an empty array at end of input, or null when none is available yet (EAGAIN for the guest —
 * there is no way to wait for a callback inside a synchronous call).
 */
export class CallbackStream implements WasiStream {
  readonly kind = 'stream';
  readonly filetype = FILETYPE_CHARACTER_DEVICE;
  readonly rights: bigint;
  fdflags = 0;
  private pending: Uint8Array = new Uint8Array(0);
  private ended = false;

  constructor(private readonly callbacks: {
    read?: () => Uint8Array | null;
    write?: (bytes: Uint8Array) => void;
  }) {
    this.rights = RIGHTS_STREAM_BASE & ~(callbacks.read === undefined ? RIGHTS_FD_READ : 0n)
      & ~(callbacks.write === undefined ? RIGHTS_FD_WRITE : 0n);
  }

  setFdflags(flags: number): Errno {
    this.fdflags = flags & (FDFLAGS_APPEND | FDFLAGS_NONBLOCK);
    return ERRNO_SUCCESS;
  }

  /** Fills `pending` from the read callback (which must exist); false when nothing is available now. */
  private fill(): boolean {
    if (this.pending.length > 0 || this.ended) return true;
    const chunk = this.callbacks.read!();
    if (chunk === null) return false;
    if (chunk.length === 0) this.ended = true;
    this.pending = chunk;
    return true;
  }

  read(dst: Uint8Array): Result<number> {
    if (this.callbacks.read === undefined) return fail(ERRNO_BADF);
    if (!this.fill()) return fail(ERRNO_AGAIN);
    const n = Math.min(dst.length, this.pending.length);
    dst.set(this.pending.subarray(0, n));
    this.pending = this.pending.subarray(n);
    return ok(n);
  }

  write(src: Uint8Array): Result<number> {
    if (this.callbacks.write === undefined) return fail(ERRNO_BADF);
    this.callbacks.write(src.slice());
    return ok(src.length);
  }

  stat(): Result<Filestat> {
    return ok(streamFilestat(this.filetype));
  }

  poll(write: boolean): Ready | Pending | Errno {
    if (write) return this.callbacks.write === undefined ? ERRNO_BADF : { nbytes: 0n, hangup: false };
    if (this.callbacks.read === undefined) return ERRNO_BADF;
    // Without a way to wait for the callback, a stream with nothing buffered reports ready
    // anyway: the read that follows answers EAGAIN rather than the poll hanging forever.
    this.fill();
    return { nbytes: BigInt(this.pending.length), hangup: this.ended };
  }

  close(): Errno {
    return ERRNO_SUCCESS;
  }
}

