import net from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SDFLAGS_RD, SDFLAGS_WR } from './constants.js';
import { ERRNO_AGAIN, ERRNO_BADF, ERRNO_INVAL, ERRNO_NOTCONN, ERRNO_SUCCESS } from './errno.js';
import { FDFLAGS_APPEND, FDFLAGS_NONBLOCK, FILETYPE_SOCKET_STREAM } from './fs/types.js';
import * as entry from './index.js';
import { IoThread } from './io-thread.js';
import { parseAddress, TcpListener } from './sockets.js';
import type { Pending, WasiStream } from './streams.js';

const enc = new TextEncoder(), dec = new TextDecoder();

function value<T>(r: { ok: true; value: T } | { ok: false; errno: number }): T {
  if (!r.ok) throw new Error(`errno ${r.errno}`);
  return r.value;
}

test('addresses: HOST:PORT and [IPv6]:PORT', () => {
  assert.equal(parseAddress('127.0.0.1:80'), { host: '127.0.0.1', port: 80 });
  assert.equal(parseAddress('[::1]:0'), { host: '::1', port: 0 });
  assert.equal(parseAddress('localhost:65535'), { host: 'localhost', port: 65535 });
  for (const bad of ['127.0.0.1', ':80', '[::1]', 'a:b', 'a:65536']) assert.throws(() => parseAddress(bad), /HOST:PORT/);
});

test('a listener and a connection, driven directly, with a client in this process', async () => {
  const io = new IoThread();
  const l = TcpListener.listen(io, '127.0.0.1:0');
  assert.is(l.fdflags, FDFLAGS_NONBLOCK);
  assert.is(l.address, '127.0.0.1');
  assert.equal(l.accept(0), { ok: false, errno: ERRNO_AGAIN });
  assert.equal(value(l.stat()).filetype, FILETYPE_SOCKET_STREAM);
  assert.is(l.setFdflags(FDFLAGS_APPEND), ERRNO_INVAL);

  // The kernel completes the handshake while this thread waits in the poll.
  const client = net.connect(l.port, '127.0.0.1');
  await new Promise((resolve) => client.once('connect', resolve));
  const p = l.poll() as Pending;
  assert.equal(p.source.wait([p.key], 5000), [{ nbytes: 1n, hangup: false }]);
  const conn: WasiStream = value(l.accept(FDFLAGS_NONBLOCK));
  assert.is(conn.fdflags, FDFLAGS_NONBLOCK);
  assert.is(conn.filetype, FILETYPE_SOCKET_STREAM);
  const buf = new Uint8Array(16);
  assert.equal(conn.read(buf), { ok: false, errno: ERRNO_AGAIN });

  // Blocking again: wait for the client's bytes; peek leaves them.
  assert.is(conn.setFdflags(0), ERRNO_SUCCESS);
  assert.is(conn.setFdflags(FDFLAGS_APPEND), ERRNO_INVAL);
  client.write('hello');
  assert.is(value(conn.socket!.recv(buf, true, false)), 5);
  assert.is(value(conn.read(buf)), 5);
  assert.is(dec.decode(buf.subarray(0, 5)), 'hello');

  // Writing: the client receives it; then the write side is shut down.
  const received = new Promise<string>((resolve) => {
    let got = '';
    client.on('data', (d: Buffer) => { got += d.toString(); }).on('end', () => resolve(got));
  });
  assert.is(value(conn.write(enc.encode('world'))), 5);
  const w = conn.poll(true) as Pending;
  assert.equal(w.source.wait([w.key], 1000)[0]!.constructor, Object);
  assert.is(conn.socket!.shutdown(SDFLAGS_WR), ERRNO_SUCCESS);
  assert.is(conn.socket!.shutdown(4), ERRNO_INVAL);
  assert.is(await received, 'world');
  assert.equal(value(conn.stat()).filetype, FILETYPE_SOCKET_STREAM);

  // The client ends (once this thread has sent its FIN): the connection reads its end, and
  // polls as hung up.
  await new Promise<void>((resolve) => client.end(resolve));
  assert.is(value(conn.socket!.recv(buf, false, true)), 0);
  const r = conn.poll(false) as Pending;
  assert.equal(r.source.wait([r.key], 1000), [{ nbytes: 0n, hangup: true }]);
  // Both directions are closed: nothing is left to shut down.
  assert.is(conn.socket!.shutdown(SDFLAGS_RD), ERRNO_NOTCONN);
  assert.is(conn.close(), ERRNO_SUCCESS);
  assert.is(conn.close(), ERRNO_BADF);
  assert.equal(conn.write(enc.encode('x')), { ok: false, errno: ERRNO_BADF });

  // Reading shut down: what the peer sends is dropped, reads see the end at once.
  const other = net.connect(l.port, '127.0.0.1');
  await new Promise((resolve) => other.once('connect', resolve));
  l.setFdflags(0);
  const second = value(l.accept(0));
  assert.is(second.socket!.shutdown(SDFLAGS_RD), ERRNO_SUCCESS);
  other.write('ignored');
  assert.is(value(second.read(buf)), 0);
  other.destroy();
  assert.is(second.close(), ERRNO_SUCCESS);
  assert.is(l.close(), ERRNO_SUCCESS);
  io.close();
});

test('the package entry vitrine/wasi', () => {
  assert.type(entry.WASI, 'function');
  assert.type(entry.MemoryFs, 'function');
  assert.type(entry.CallbackStream, 'function');
  assert.type(entry.openHostDir, 'function');
  assert.is(Object.keys(entry.SIGNATURES).length, 46);
});

test.run();
