/**
 * stdio on host file descriptors (Node): the guest's fd 0, 1, 2 are streams on the process's
 * own (or on the fds the WASI class was given).
 *
 * Writes go straight to the fd with fs.writeSync (waiting out EAGAIN on a non-blocking pipe), so
 * output is never reordered or lost at exit. Reads block in fs.readSync — until the guest asks
 * for readiness (`poll_oneoff`) or non-blocking reads on a pipe, terminal or socket: then the fd
 * is handed to the I/O thread (io-worker.ts), which reads it as data arrives, and every later
 * read takes from there. A regular file is always ready and stays with fs.readSync.
 */

import fs from 'node:fs';
import tty from 'node:tty';
import { RIGHTS_FD_READ, RIGHTS_FD_WRITE, RIGHTS_STREAM_BASE } from './constants.js';
import { ERRNO_AGAIN, ERRNO_BADF, ERRNO_INVAL, ERRNO_SUCCESS, type Errno } from './errno.js';
import { sleepUntil, monotonicNs } from './clocks.js';
import { errnoOf } from './fs/host.js';
import {
  fail, FDFLAGS_APPEND, FDFLAGS_NONBLOCK, FILETYPE_CHARACTER_DEVICE, FILETYPE_REGULAR_FILE, FILETYPE_SOCKET_STREAM,
  FILETYPE_UNKNOWN, ok, type Filestat, type Filetype, type Result,
} from './fs/types.js';
import type { IoThread } from './io-thread.js';
import type { Data, Opened } from './io-protocol.js';
import type { Pending, Ready, WasiStream } from './streams.js';

/** The filetype the guest sees for a host fd: terminals and devices, files, sockets; pipes are "unknown", as in wasmtime. */
function filetypeOf(st: fs.BigIntStats): Filetype {
  if (st.isCharacterDevice()) return FILETYPE_CHARACTER_DEVICE;
  if (st.isFile()) return FILETYPE_REGULAR_FILE;
  if (st.isSocket()) return FILETYPE_SOCKET_STREAM;
  return FILETYPE_UNKNOWN;
}

export class HostFdStream implements WasiStream {
  readonly kind = 'stream';
  readonly filetype: Filetype;
  readonly rights: bigint;
  fdflags = 0;
  /** The I/O thread's endpoint id once the fd has been handed over (input only). */
  private endpoint: number | null = null;

  /**
   * `fd` is the host's; `input` selects reading (stdin) or writing (stdout, stderr); `io` starts
   * the I/O thread when first needed.
   */
  constructor(readonly fd: number, private readonly input: boolean, private readonly io: () => IoThread) {
    let st: fs.BigIntStats | undefined;
    try {
      st = fs.fstatSync(fd, { bigint: true });
    } catch {
      // A closed host fd: every operation answers EBADF.
    }
    this.filetype = st === undefined ? FILETYPE_UNKNOWN : filetypeOf(st);
    this.rights = RIGHTS_STREAM_BASE & ~(input ? RIGHTS_FD_WRITE : RIGHTS_FD_READ);
  }

  setFdflags(flags: number): Errno {
    if ((flags & ~(FDFLAGS_APPEND | FDFLAGS_NONBLOCK)) !== 0) return ERRNO_INVAL;
    this.fdflags = flags;
    return ERRNO_SUCCESS;
  }

  /** Whether reads can wait in the I/O thread (pipes, terminals, sockets — not files or /dev/null). */
  private get waitable(): boolean {
    return this.filetype === FILETYPE_UNKNOWN || this.filetype === FILETYPE_SOCKET_STREAM || tty.isatty(this.fd);
  }

  private handOver(): number {
    if (this.endpoint === null) {
      const r = this.io().call({ op: 'open', fd: this.fd });
      if ('errno' in r) throw new Error(`cannot read host fd ${this.fd} asynchronously: errno ${r.errno}`);
      this.endpoint = (r as Opened).id;
    }
    return this.endpoint;
  }

  read(dst: Uint8Array): Result<number> {
    if (!this.input) return fail(ERRNO_BADF);
    const nonblock = (this.fdflags & FDFLAGS_NONBLOCK) !== 0;
    if (this.endpoint === null && !(nonblock && this.waitable)) {
      try {
        return ok(fs.readSync(this.fd, dst, 0, dst.length, null));
      } catch (e) {
        // A non-blocking host fd with nothing to read: wait for it in the I/O thread.
        if (errnoOf(e) !== ERRNO_AGAIN || !this.waitable) return fail(errnoOf(e));
      }
    }
    const r = this.io().call({ op: 'read', id: this.handOver(), max: dst.length, peek: false, waitall: false, wait: !nonblock });
    if ('errno' in r) return fail(r.errno);
    const data = (r as Data).data;
    dst.set(data);
    return ok(data.length);
  }

  /** Writes everything (a short count only when NONBLOCK and the fd would block). */
  write(src: Uint8Array): Result<number> {
    if (this.input) return fail(ERRNO_BADF);
    let done = 0;
    while (done < src.length) {
      try {
        done += fs.writeSync(this.fd, src, done, src.length - done);
      } catch (e) {
        const errno = errnoOf(e);
        if (errno !== ERRNO_AGAIN) return done > 0 ? ok(done) : fail(errno);
        if ((this.fdflags & FDFLAGS_NONBLOCK) !== 0) return done > 0 ? ok(done) : fail(ERRNO_AGAIN);
        sleepUntil(monotonicNs() + 1_000_000n); // a full pipe: give the reader a millisecond
      }
    }
    return ok(done);
  }

  stat(): Result<Filestat> {
    try {
      const st = fs.fstatSync(this.fd, { bigint: true });
      return ok({
        dev: st.dev, ino: st.ino, filetype: this.filetype, nlink: st.nlink, size: st.size,
        atim: st.atimeNs, mtim: st.mtimeNs, ctim: st.ctimeNs,
      });
    } catch (e) {
      return fail(errnoOf(e));
    }
  }

  /** Output is always ready (writes wait until done); input that can wait is asked of the I/O thread. */
  poll(write: boolean): Ready | Pending | Errno {
    if (write !== !this.input) return ERRNO_BADF;
    if (write || !this.waitable) return { nbytes: 0n, hangup: false };
    return { source: this.io(), key: { id: this.handOver(), write: false } };
  }

  /** Closes the guest's descriptor only: the host's fd stays open for the embedder. */
  close(): Errno {
    return ERRNO_SUCCESS;
  }
}
