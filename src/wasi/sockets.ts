/**
 * TCP sockets for the guest: listeners the embedder opens (`--tcplisten HOST:PORT`, the WASI
 * class's `tcplisten` option) and the connections the guest accepts on them. The sockets live in
 * the I/O thread (io-worker.ts); these objects forward each call to it.
 *
 * As in wasmtime, a preopened listener starts non-blocking (`sock_accept` answers EAGAIN until a
 * client is waiting: poll first, or clear NONBLOCK with fd_fdstat_set_flags), and an accepted
 * connection is blocking unless `sock_accept` was given FDFLAGS_NONBLOCK.
 */

import { RIGHTS_SOCKET_BASE } from './constants.js';
import { ERRNO_INVAL, ERRNO_SUCCESS, errnoName, type Errno } from './errno.js';
import { fail, FDFLAGS_NONBLOCK, FILETYPE_SOCKET_STREAM, ok, type Filestat, type Result } from './fs/types.js';
import type { IoThread } from './io-thread.js';
import type { Data, Listening, Opened, Response, Written } from './io-protocol.js';
import { streamFilestat, type Pending, type SocketOps, type WasiListener, type WasiStream } from './streams.js';

function failed(r: Response): Errno | undefined {
  return 'errno' in r ? r.errno : undefined;
}

/** Parses `HOST:PORT` (`[v6]:PORT` for IPv6); throws an Error naming what is wrong. */
export function parseAddress(addr: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(addr);
  const port = m === null ? NaN : Number(m[3]);
  if (m === null || port > 65535) throw new Error(`"${addr}" is not an address of the form HOST:PORT`);
  return { host: m[1] ?? m[2], port };
}

export class TcpListener implements WasiListener {
  readonly kind = 'listener';
  fdflags = FDFLAGS_NONBLOCK;

  private constructor(private readonly io: IoThread, private readonly id: number,
    /** The address and port it listens on (the port the OS chose, for port 0). */
    readonly address: string, readonly port: number) {}

  /** Listens on `addr` (`HOST:PORT`); throws an Error if the address is malformed or cannot be bound. */
  static listen(io: IoThread, addr: string): TcpListener {
    const { host, port } = parseAddress(addr);
    const r = io.call({ op: 'listen', host, port });
    const errno = failed(r);
    if (errno !== undefined) throw new Error(`cannot listen on ${addr}: ${errnoName(errno)}`);
    const l = r as Listening;
    return new TcpListener(io, l.id, l.address, l.port);
  }

  setFdflags(flags: number): Errno {
    if ((flags & ~FDFLAGS_NONBLOCK) !== 0) return ERRNO_INVAL;
    this.fdflags = flags;
    return ERRNO_SUCCESS;
  }

  accept(fdflags: number): Result<WasiStream> {
    const r = this.io.call({ op: 'accept', id: this.id, wait: (this.fdflags & FDFLAGS_NONBLOCK) === 0 });
    const errno = failed(r);
    return errno !== undefined ? fail(errno) : ok(new TcpConnection(this.io, (r as Opened).id, fdflags));
  }

  stat(): Result<Filestat> {
    return ok(streamFilestat(FILETYPE_SOCKET_STREAM));
  }

  poll(): Pending {
    return { source: this.io, key: { id: this.id, write: false } };
  }

  close(): Errno {
    return failed(this.io.call({ op: 'close', id: this.id })) ?? ERRNO_SUCCESS;
  }
}

export class TcpConnection implements WasiStream, SocketOps {
  readonly kind = 'stream';
  readonly filetype = FILETYPE_SOCKET_STREAM;
  readonly rights = RIGHTS_SOCKET_BASE;
  readonly socket = this;

  constructor(private readonly io: IoThread, private readonly id: number, public fdflags: number) {}

  setFdflags(flags: number): Errno {
    if ((flags & ~FDFLAGS_NONBLOCK) !== 0) return ERRNO_INVAL;
    this.fdflags = flags;
    return ERRNO_SUCCESS;
  }

  private get wait(): boolean {
    return (this.fdflags & FDFLAGS_NONBLOCK) === 0;
  }

  recv(dst: Uint8Array, peek: boolean, waitall: boolean): Result<number> {
    const r = this.io.call({ op: 'read', id: this.id, max: dst.length, peek, waitall, wait: this.wait });
    const errno = failed(r);
    if (errno !== undefined) return fail(errno);
    const data = (r as Data).data;
    dst.set(data);
    return ok(data.length);
  }

  send(src: Uint8Array): Result<number> {
    const r = this.io.call({ op: 'write', id: this.id, data: src.slice(), wait: this.wait });
    const errno = failed(r);
    return errno !== undefined ? fail(errno) : ok((r as Written).n);
  }

  shutdown(how: number): Errno {
    return failed(this.io.call({ op: 'shutdown', id: this.id, how })) ?? ERRNO_SUCCESS;
  }

  read(dst: Uint8Array): Result<number> {
    return this.recv(dst, false, false);
  }

  write(src: Uint8Array): Result<number> {
    return this.send(src);
  }

  stat(): Result<Filestat> {
    return ok(streamFilestat(FILETYPE_SOCKET_STREAM));
  }

  poll(write: boolean): Pending {
    return { source: this.io, key: { id: this.id, write } };
  }

  close(): Errno {
    return failed(this.io.call({ op: 'close', id: this.id })) ?? ERRNO_SUCCESS;
  }
}
