/**
 * The I/O thread (a worker_threads Worker started by io-thread.ts): owns TCP listeners, their
 * connections and piped stdin, buffers what they receive, and answers the guest thread's
 * requests (io-protocol.ts) one at a time. An answer is posted on the message port, then the
 * shared counter is bumped and notified — the guest thread sleeps on it with Atomics.wait.
 *
 * Requests that must wait (a blocking read or accept, a poll) are kept as waiters and re-checked
 * whenever anything arrives, closes or fails.
 */

import net from 'node:net';
import tty from 'node:tty';
import { workerData, type MessagePort } from 'node:worker_threads';
import { ERRNO_AGAIN, ERRNO_BADF, ERRNO_INVAL, ERRNO_NOTCONN, ERRNO_PIPE, type Errno } from './errno.js';
import { SDFLAGS_RD, SDFLAGS_WR } from './constants.js';
import { errnoOf } from './fs/host.js';
import type { Polled, Request, Response } from './io-protocol.js';

const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };

/** Reading stops (the socket is paused) while this many bytes are buffered, unread by the guest. */
const HIGH_WATER = 1 << 20;
/** How long output may take to drain after the guest has ended (a peer that does not read would hold it forever). */
const DRAIN_MS = 2000;

/** A readable (and, for sockets, writable) byte stream. */
class Endpoint {
  private chunks: Buffer[] = [];
  /** Bytes buffered. */
  size = 0;
  /** The peer will send no more (or reading was shut down). */
  ended = false;
  /** The error that ended the stream, if any. */
  errno: Errno | null = null;
  /** Writing was shut down or the stream has closed. */
  writeClosed: boolean;

  constructor(readonly stream: net.Socket | tty.ReadStream, writable: boolean) {
    this.writeClosed = !writable;
    stream.on('data', (chunk: Buffer) => {
      if (this.ended) return; // reading was shut down: discard
      this.chunks.push(chunk);
      this.size += chunk.length;
      if (this.size >= HIGH_WATER) stream.pause();
      changed();
    });
    stream.on('end', () => {
      this.ended = true;
      changed();
    });
    stream.on('error', (e: NodeJS.ErrnoException) => {
      this.errno = errnoOf(e);
      this.ended = true;
      this.writeClosed = true;
      changed();
    });
    stream.on('close', () => {
      this.ended = true;
      this.writeClosed = true;
      changed();
    });
    stream.resume();
  }

  /** Copies up to `max` buffered bytes; consumes them unless `peek`. */
  take(max: number, peek: boolean): Uint8Array {
    const n = Math.min(max, this.size);
    const out = new Uint8Array(n);
    for (let copied = 0, i = 0; copied < n; i++) {
      const c = this.chunks[i];
      const k = Math.min(c.length, n - copied);
      out.set(c.subarray(0, k), copied);
      copied += k;
    }
    if (!peek) this.drop(n);
    return out;
  }

  private drop(n: number): void {
    this.size -= n;
    while (n > 0) {
      const c = this.chunks[0];
      if (c.length > n) {
        this.chunks[0] = c.subarray(n);
        break;
      }
      this.chunks.shift();
      n -= c.length;
    }
    if (this.size < HIGH_WATER && !this.ended) this.stream.resume();
  }

  /** Readiness to read: bytes buffered, or the end of the stream (a read returns 0 at once). */
  readable(): { nbytes: number; hangup: boolean } | null {
    if (this.size > 0 || this.ended) return { nbytes: this.size, hangup: this.ended && this.size === 0 };
    return null;
  }

  /** Readiness to write: the OS has room, or writing has failed for good (a write fails at once). */
  writable(): { nbytes: number; hangup: boolean } | null {
    if (this.writeClosed) return { nbytes: 0, hangup: true };
    const s = this.stream as net.Socket;
    return s.writableNeedDrain ? null : { nbytes: Math.max(0, s.writableHighWaterMark - s.writableLength), hangup: false };
  }

  /** Stops reading for good: what is buffered is dropped, later reads see the end. */
  shutdownRead(): void {
    this.chunks = [];
    this.size = 0;
    this.ended = true;
    this.stream.resume(); // keep draining the OS buffer so the peer is not blocked
    changed();
  }
}

class Listener {
  readonly pending: net.Socket[] = [];
  constructor(readonly server: net.Server) {
    server.on('connection', (s: net.Socket) => {
      this.pending.push(s);
      changed();
    });
  }
}

const endpoints = new Map<number, Endpoint>();
const listeners = new Map<number, Listener>();
let nextId = 1;

/** Conditions waited for; each returns true once it has answered. Re-checked on every event. */
const waiters = new Set<() => boolean>();

function changed(): void {
  for (const w of [...waiters]) if (w()) waiters.delete(w);
}

/** Answers when `check` returns a response (now or after a later event). */
function whenReady(check: () => Response | null, timeoutMs: number | null, onTimeout?: () => Response): Promise<Response> {
  const now = check();
  if (now !== null) return Promise.resolve(now);
  if (timeoutMs !== null && timeoutMs <= 0) return Promise.resolve(onTimeout!());
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const waiter = (): boolean => {
      const r = check();
      if (r === null) return false;
      if (timer !== undefined) clearTimeout(timer);
      resolve(r);
      return true;
    };
    waiters.add(waiter);
    if (timeoutMs !== null) {
      timer = setTimeout(() => {
        waiters.delete(waiter);
        resolve(onTimeout!());
      }, timeoutMs);
    }
  });
}

function listen(host: string, portNumber: number): Promise<Response> {
  return new Promise((resolve) => {
    const server = net.createServer({ pauseOnConnect: true, allowHalfOpen: true });
    server.once('error', (e: NodeJS.ErrnoException) => resolve({ errno: errnoOf(e) }));
    server.listen({ host, port: portNumber }, () => {
      const id = nextId++;
      listeners.set(id, new Listener(server));
      const a = server.address() as net.AddressInfo;
      resolve({ id, address: a.address, port: a.port });
    });
  });
}

function open(fd: number): Response {
  const stream = tty.isatty(fd) ? new tty.ReadStream(fd) : new net.Socket({ fd, readable: true, writable: false });
  const id = nextId++;
  endpoints.set(id, new Endpoint(stream, false));
  return { id };
}

function accept(id: number, wait: boolean): Response | Promise<Response> {
  const l = listeners.get(id);
  if (l === undefined) return { errno: ERRNO_BADF };
  const check = (): Response | null => {
    const s = l.pending.shift();
    if (s === undefined) return wait ? null : { errno: ERRNO_AGAIN };
    const cid = nextId++;
    endpoints.set(cid, new Endpoint(s, true));
    return { id: cid };
  };
  return whenReady(check, null);
}

function read(req: Extract<Request, { op: 'read' }>): Response | Promise<Response> {
  const ep = endpoints.get(req.id);
  if (ep === undefined) return { errno: ERRNO_BADF };
  const enough = req.waitall ? Math.min(req.max, HIGH_WATER) : 1;
  const check = (): Response | null => {
    if (ep.size >= enough || ep.ended) {
      if (ep.size === 0 && ep.errno !== null) return { errno: ep.errno };
      return { data: ep.take(req.max, req.peek) };
    }
    return req.wait ? null : { errno: ERRNO_AGAIN };
  };
  return whenReady(check, null);
}

function write(req: Extract<Request, { op: 'write' }>): Response | Promise<Response> {
  const ep = endpoints.get(req.id);
  if (ep === undefined) return { errno: ERRNO_BADF };
  if (ep.writeClosed) return { errno: ep.errno ?? ERRNO_PIPE };
  const s = ep.stream as net.Socket;
  if (!req.wait && s.writableNeedDrain) return { errno: ERRNO_AGAIN };
  const flushed = s.write(req.data);
  if (flushed || !req.wait) return { n: req.data.length };
  return whenReady(() => (!s.writableNeedDrain || ep.writeClosed ? { n: req.data.length } : null), null);
}

function shutdown(id: number, how: number): Response {
  const ep = endpoints.get(id);
  if (ep === undefined) return { errno: ERRNO_BADF };
  if ((how & ~(SDFLAGS_RD | SDFLAGS_WR)) !== 0 || how === 0) return { errno: ERRNO_INVAL };
  const s = ep.stream as net.Socket;
  if (s.destroyed) return { errno: ERRNO_NOTCONN };
  if ((how & SDFLAGS_RD) !== 0) ep.shutdownRead();
  if ((how & SDFLAGS_WR) !== 0 && !ep.writeClosed) {
    ep.writeClosed = true;
    s.end();
  }
  return {};
}

function close(id: number): Response {
  const ep = endpoints.get(id);
  if (ep !== undefined) {
    endpoints.delete(id);
    const s = ep.stream as net.Socket;
    if (s instanceof net.Socket && !ep.writeClosed) s.destroySoon();
    else s.destroy();
    return {};
  }
  const l = listeners.get(id);
  if (l === undefined) return { errno: ERRNO_BADF };
  listeners.delete(id);
  l.server.close();
  for (const s of l.pending) s.destroy();
  return {};
}

function poll(req: Extract<Request, { op: 'poll' }>): Promise<Response> {
  const states = (): Polled['ready'] => req.keys.map(({ id, write: w }) => {
    const ep = endpoints.get(id);
    if (ep !== undefined) return w ? ep.writable() : ep.readable();
    const l = listeners.get(id);
    if (l === undefined) return ERRNO_BADF;
    return l.pending.length > 0 ? { nbytes: l.pending.length, hangup: false } : null;
  });
  const check = (): Response | null => {
    const ready = states();
    return ready.some((r) => r !== null) ? { ready } : null;
  };
  return whenReady(check, req.timeoutMs, () => ({ ready: states() }));
}

async function handle(req: Request): Promise<Response> {
  switch (req.op) {
    case 'listen': return listen(req.host, req.port);
    case 'open': return open(req.fd);
    case 'accept': return accept(req.id, req.wait);
    case 'read': return read(req);
    case 'write': return write(req);
    case 'shutdown': return shutdown(req.id, req.how);
    case 'close': return close(req.id);
    case 'poll': return poll(req);
  }
}

port.on('message', (req: Request) => {
  // A request that fails unexpectedly still gets an answer: the guest thread is waiting for it.
  handle(req).catch((e: NodeJS.ErrnoException) => ({ errno: errnoOf(e) })).then((res) => {
    port.postMessage(res);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
});

// The guest thread has closed its port (the guest has ended): close everything, let output still
// queued drain to the peers, and end.
port.on('close', () => {
  for (const id of [...endpoints.keys(), ...listeners.keys()]) close(id);
  setTimeout(() => process.exit(0), DRAIN_MS).unref();
});
