/**
 * The guest thread's side of the I/O thread (io-worker.ts): synchronous calls over an
 * asynchronous worker. A request is posted on a MessagePort; the guest thread then sleeps with
 * Atomics.wait on a shared counter until the worker has posted the answer, and takes it with
 * receiveMessageOnPort — so a WASI call can block on a socket or a pipe without an event loop.
 *
 * Started on first use (a worker costs some 30 ms), unref'd so it does not keep the process alive
 * while the guest runs; `close` lets it finish sending.
 */

import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Errno } from './errno.js';
import type { Request, Response } from './io-protocol.js';
import type { PendingKey, PollSource, Ready } from './streams.js';

export class IoThread implements PollSource {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** Bumped by the worker after each answer. */
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(new URL('./io-worker.js', import.meta.url), {
      workerData: { port: port2, signal: this.signal },
      transferList: [port2],
    });
    this.worker.unref();
  }

  /** Sends `req` and blocks until its answer. */
  call(req: Request): Response {
    this.port.postMessage(req);
    for (;;) {
      // Read the counter before looking: an answer posted in between changes it, so the wait
      // below returns at once instead of missing the notification.
      const seen = Atomics.load(this.signal, 0);
      const m = receiveMessageOnPort(this.port);
      if (m !== undefined) return m.message as Response;
      Atomics.wait(this.signal, 0, seen);
    }
  }

  wait(keys: readonly PendingKey[], timeoutMs: number | null): (Ready | Errno | null)[] {
    const res = this.call({ op: 'poll', keys, timeoutMs });
    if ('errno' in res) return keys.map(() => res.errno);
    return (res as { ready: ({ nbytes: number; hangup: boolean } | Errno | null)[] }).ready
      .map((r) => (r === null || typeof r === 'number' ? r : { nbytes: BigInt(r.nbytes), hangup: r.hangup }));
  }

  /**
   * Ends the worker: it closes every socket, lets queued output drain (at most a couple of
   * seconds, during which it keeps the process alive), and exits.
   */
  close(): void {
    this.worker.ref();
    this.port.close();
  }
}
