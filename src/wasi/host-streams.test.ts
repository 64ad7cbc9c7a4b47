import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RIGHTS_FD_READ, RIGHTS_FD_WRITE } from './constants.js';
import { ERRNO_AGAIN, ERRNO_BADF, ERRNO_INVAL, ERRNO_SUCCESS } from './errno.js';
import { FDFLAGS_DSYNC, FDFLAGS_NONBLOCK, FILETYPE_REGULAR_FILE, FILETYPE_UNKNOWN } from './fs/types.js';
import { HostFdStream } from './host-streams.js';
import { IoThread } from './io-thread.js';
import type { Pending } from './streams.js';

const dir = mkdtempSync(join(tmpdir(), 'vitrine-streams-'));
const dec = new TextDecoder(), enc = new TextEncoder();
let thread: IoThread | null = null;
const io = (): IoThread => (thread ??= new IoThread());

test('a regular file as stdin: read directly, always ready, never handed over', () => {
  writeFileSync(join(dir, 'in.txt'), 'input text');
  const fd = openSync(join(dir, 'in.txt'), 'r');
  const s = new HostFdStream(fd, true, () => { throw new Error('no I/O thread for a file'); });
  assert.is(s.filetype, FILETYPE_REGULAR_FILE);
  assert.is(s.rights & (RIGHTS_FD_READ | RIGHTS_FD_WRITE), RIGHTS_FD_READ);
  assert.equal(s.poll(false), { nbytes: 0n, hangup: false });
  assert.is(s.poll(true), ERRNO_BADF);
  assert.is(s.setFdflags(FDFLAGS_NONBLOCK), ERRNO_SUCCESS);
  assert.is(s.setFdflags(FDFLAGS_DSYNC), ERRNO_INVAL);
  const buf = new Uint8Array(5);
  assert.equal(s.read(buf), { ok: true, value: 5 });
  assert.is(dec.decode(buf), 'input');
  assert.equal(s.write(buf), { ok: false, errno: ERRNO_BADF });
  const st = s.stat();
  assert.ok(st.ok && st.value.size === 10n && st.value.filetype === FILETYPE_REGULAR_FILE);
  assert.is(s.close(), ERRNO_SUCCESS);
  closeSync(fd);
});

test('stdout to a file: written straight through; a closed fd answers EBADF', () => {
  const fd = openSync(join(dir, 'out.txt'), 'w');
  const s = new HostFdStream(fd, false, io);
  assert.is(s.rights & (RIGHTS_FD_READ | RIGHTS_FD_WRITE), RIGHTS_FD_WRITE);
  assert.equal(s.write(enc.encode('out')), { ok: true, value: 3 });
  assert.equal(s.poll(true), { nbytes: 0n, hangup: false });
  assert.equal(s.read(new Uint8Array(1)), { ok: false, errno: ERRNO_BADF });
  closeSync(fd);
  assert.is(readFileSync(join(dir, 'out.txt'), 'utf8'), 'out');
  assert.equal(s.write(enc.encode('more')), { ok: false, errno: ERRNO_BADF });
  assert.equal(s.stat(), { ok: false, errno: ERRNO_BADF });
  const gone = new HostFdStream(fd, true, io);
  assert.is(gone.filetype, FILETYPE_UNKNOWN);
  assert.equal(gone.read(new Uint8Array(1)), { ok: false, errno: ERRNO_BADF });
});

/** A named pipe's two ends, both non-blocking (Node cannot make an anonymous pipe synchronously). */
function pipe(name: string): { r: number; w: number } {
  const fifo = join(dir, name);
  execFileSync('mkfifo', [fifo]);
  const r = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  return { r, w: openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK) };
}

test('a pipe as stdin: read directly until polled, then through the I/O thread', () => {
  const { r, w } = pipe('fifo');
  const s = new HostFdStream(r, true, io);
  assert.is(s.filetype, FILETYPE_UNKNOWN);
  const buf = new Uint8Array(16);
  writeSync(w, 'abc');
  assert.equal(s.read(buf), { ok: true, value: 3 });
  // Polled: nothing yet, then data as it arrives.
  const p = s.poll(false) as Pending;
  assert.equal(p.source.wait([p.key], 50), [null]);
  writeSync(w, 'xyz');
  assert.equal(p.source.wait([p.key], 5000), [{ nbytes: 3n, hangup: false }]);
  assert.equal(s.read(buf), { ok: true, value: 3 });
  assert.is(dec.decode(buf.subarray(0, 3)), 'xyz');
  s.setFdflags(FDFLAGS_NONBLOCK);
  assert.equal(s.read(buf), { ok: false, errno: ERRNO_AGAIN });
  s.setFdflags(0);
  closeSync(w);
  assert.equal(s.read(buf), { ok: true, value: 0 });
});

test('non-blocking output to a full pipe: a short count, then EAGAIN', () => {
  const { r, w } = pipe('full');
  const s = new HostFdStream(w, false, io);
  s.setFdflags(FDFLAGS_NONBLOCK);
  const big = new Uint8Array(4 << 20);
  const first = s.write(big);
  assert.ok(first.ok && first.value > 0 && first.value < big.length);
  assert.equal(s.write(big), { ok: false, errno: ERRNO_AGAIN });
  closeSync(w);
  closeSync(r);
});

test.after(() => {
  thread?.close();
  rmSync(dir, { recursive: true, force: true });
});

test.run();
