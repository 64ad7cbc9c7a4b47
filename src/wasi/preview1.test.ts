import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CLOCKID_MONOTONIC, CLOCKID_PROCESS_CPUTIME_ID, CLOCKID_REALTIME, EVENTTYPE_CLOCK, EVENTTYPE_FD_READ, EVENTTYPE_FD_WRITE,
  RIGHTS_DIR_BASE, RIGHTS_DIR_INHERITING, RIGHTS_FD_DATASYNC, RIGHTS_FD_READ, RIGHTS_FD_SEEK, RIGHTS_FD_SYNC,
  RIGHTS_FD_TELL, RIGHTS_FD_WRITE, RIGHTS_FILE_BASE, RIGHTS_PATH_OPEN, RIGHTS_POLL_FD_READWRITE, RIGHTS_SOCK_SHUTDOWN,
  SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME,
} from './constants.js';
import {
  ERRNO_AGAIN, ERRNO_BADF, ERRNO_EXIST, ERRNO_FAULT, ERRNO_ILSEQ, ERRNO_INVAL, ERRNO_ISDIR, ERRNO_NAMETOOLONG,
  ERRNO_NOENT, ERRNO_NOTCAPABLE, ERRNO_NOTDIR, ERRNO_NOTSOCK, ERRNO_SPIPE, ERRNO_SUCCESS,
} from './errno.js';
import { FdTable } from './fd-table.js';
import { MemoryFs } from './fs/memory.js';
import {
  FDFLAGS_APPEND, FDFLAGS_DSYNC, FDFLAGS_NONBLOCK, FDFLAGS_SYNC, FILETYPE_CHARACTER_DEVICE, FILETYPE_DIRECTORY,
  FILETYPE_REGULAR_FILE, FSTFLAGS_MTIM, OFLAGS_CREAT, OFLAGS_DIRECTORY, OFLAGS_EXCL, OFLAGS_TRUNC, WHENCE_CUR, WHENCE_END,
  WHENCE_SET,
} from './fs/types.js';
import { Preview1, WasiExit } from './preview1.js';
import { CallbackStream, type PendingKey, type PollSource, type Ready, type WasiStream } from './streams.js';

const enc = new TextEncoder(), dec = new TextDecoder();

/** A guest with stdio on callbacks and an in-memory preopen "/sandbox" at fd 3. */
function guest(input: (Uint8Array | null)[] = []) {
  const fs = new MemoryFs();
  fs.writeFile('hello.txt', 'hello world');
  fs.mkdir('sub');
  const out: string[] = [];
  const fds = new FdTable();
  const stdio = [
    new CallbackStream({ read: () => (input.length > 0 ? input.shift()! : new Uint8Array(0)) }),
    new CallbackStream({ write: (b) => { out.push(dec.decode(b)); } }),
    new CallbackStream({ write: () => {} }),
  ];
  for (const s of stdio) fds.add({ resource: s, base: s.rights, inheriting: 0n });
  fds.add({ resource: fs.root(), base: RIGHTS_DIR_BASE, inheriting: RIGHTS_DIR_INHERITING, preopen: '/sandbox' });
  const p = new Preview1({ args: ['prog', 'arg ü'], env: ['A=1', 'B='], fds });
  const memory = { buffer: new ArrayBuffer(65536) };
  p.setMemory(memory);
  const view = () => new DataView(memory.buffer);
  const bytes = () => new Uint8Array(memory.buffer);
  /** Writes `s` (UTF-8) at `ptr` and returns its length. */
  const put = (ptr: number, s: string | Uint8Array): number => {
    const b = typeof s === 'string' ? enc.encode(s) : s;
    bytes().set(b, ptr);
    return b.length;
  };
  /** An iovec array at `at`: buffers given as [ptr, len]. */
  const iovs = (at: number, ...bufs: [number, number][]): number => {
    bufs.forEach(([p, l], i) => { view().setUint32(at + i * 8, p, true); view().setUint32(at + i * 8 + 4, l, true); });
    return bufs.length;
  };
  const text = (ptr: number, len: number): string => dec.decode(bytes().subarray(ptr, ptr + len));
  const u32 = (ptr: number): number => view().getUint32(ptr, true);
  const u64 = (ptr: number): bigint => view().getBigUint64(ptr, true);
  /** path_open relative to fd 3 with all file rights; the new fd or the errno as a negative number. */
  const open = (path: string, oflags = 0, base = RIGHTS_FILE_BASE, fdflags = 0, dirfd = 3): number => {
    const n = put(1000, path);
    const e = p.functions.path_open(dirfd, 1, 1000, n, oflags, base, 0n, fdflags, 900) as number;
    return e === ERRNO_SUCCESS ? u32(900) : -e;
  };
  return { p, f: p.functions, fs, fds, out, memory, put, iovs, text, u32, u64, open, view };
}

test('args and environ: sizes, then pointers and NUL-terminated strings', () => {
  const g = guest();
  assert.is(g.f.args_sizes_get(100, 104), ERRNO_SUCCESS);
  assert.equal([g.u32(100), g.u32(104)], [2, 5 + 7]);
  assert.is(g.f.args_get(200, 300), ERRNO_SUCCESS);
  assert.is(g.text(g.u32(200), 4), 'prog');
  assert.is(g.text(g.u32(204), 6), 'arg ü');
  assert.is(g.f.environ_sizes_get(100, 104), ERRNO_SUCCESS);
  assert.equal([g.u32(100), g.u32(104)], [2, 7]);
  assert.is(g.f.environ_get(200, 300), ERRNO_SUCCESS);
  assert.is(g.text(300, 7), 'A=1\0B=\0');
  // Wild pointers: EFAULT, nothing written.
  assert.is(g.f.args_get(65535, 300), ERRNO_FAULT);
  assert.is(g.f.environ_get(200, 65530), ERRNO_FAULT);
  assert.is(g.f.args_sizes_get(-1, 0), ERRNO_FAULT);
});

test('clocks: time, resolution, unknown clocks', () => {
  const g = guest();
  assert.is(g.f.clock_time_get(CLOCKID_REALTIME, 0n, 8), ERRNO_SUCCESS);
  const now = BigInt(Date.now()) * 1_000_000n;
  assert.ok(g.u64(8) > now - 10_000_000_000n && g.u64(8) < now + 10_000_000_000n);
  assert.is(g.f.clock_time_get(CLOCKID_MONOTONIC, 0n, 8), ERRNO_SUCCESS);
  const t0 = g.u64(8);
  g.f.clock_time_get(CLOCKID_MONOTONIC, 0n, 8);
  assert.ok(g.u64(8) >= t0);
  assert.is(g.f.clock_time_get(CLOCKID_PROCESS_CPUTIME_ID, 0n, 8), ERRNO_SUCCESS);
  assert.ok(g.u64(8) > 0n);
  assert.is(g.f.clock_res_get(CLOCKID_MONOTONIC, 16), ERRNO_SUCCESS);
  assert.is(g.u64(16), 1n);
  assert.is(g.f.clock_res_get(CLOCKID_REALTIME, 16), ERRNO_SUCCESS);
  assert.is(g.u64(16), 1000n);
  assert.is(g.f.clock_res_get(4, 16), ERRNO_INVAL);
  assert.is(g.f.clock_time_get(99, 0n, 16), ERRNO_INVAL);
  assert.is(g.f.clock_time_get(CLOCKID_REALTIME, 0n, 65532), ERRNO_FAULT);
});

test('fd_write and fd_read on streams, over several iovecs', () => {
  const g = guest([enc.encode('abcdef'), null]);
  g.put(100, 'Hello, ');
  g.put(120, 'world');
  const n = g.iovs(0, [100, 7], [120, 5], [0, 0]);
  assert.is(g.f.fd_write(1, 0, n, 50), ERRNO_SUCCESS);
  assert.is(g.u32(50), 12);
  assert.equal(g.out, ['Hello, world']);
  // A read spread over two buffers fills them in order.
  g.iovs(0, [200, 4], [300, 4]);
  assert.is(g.f.fd_read(0, 0, 2, 50), ERRNO_SUCCESS);
  assert.is(g.u32(50), 6);
  assert.is(g.text(200, 4) + g.text(300, 2), 'abcdef');
  // Nothing available yet: EAGAIN; then the end of input: 0 bytes.
  assert.is(g.f.fd_read(0, 0, 1, 50), ERRNO_AGAIN);
  assert.is(g.f.fd_read(0, 0, 1, 50), ERRNO_SUCCESS);
  assert.is(g.u32(50), 0);
  // Wrong direction, bad fds, wild iovecs.
  assert.is(g.f.fd_write(0, 0, 1, 50), ERRNO_NOTCAPABLE);
  assert.is(g.f.fd_write(7, 0, 1, 50), ERRNO_BADF);
  assert.is(g.f.fd_write(1, 0, 0x20000000, 50), ERRNO_FAULT);
  g.iovs(0, [65000, 1000]);
  assert.is(g.f.fd_write(1, 0, 1, 50), ERRNO_FAULT);
  assert.is(g.f.fd_write(1, 0, 0, 65534), ERRNO_FAULT);
  // Streams cannot seek or pread (their rights say so).
  assert.is(g.f.fd_seek(1, 0n, WHENCE_SET, 8), ERRNO_NOTCAPABLE);
  assert.is(g.f.fd_pread(0, 0, 1, 0n, 8), ERRNO_NOTCAPABLE);
});

test('fdstat: type, flags and rights; rights can only shrink', () => {
  const g = guest();
  assert.is(g.f.fd_fdstat_get(1, 64), ERRNO_SUCCESS);
  assert.is(g.view().getUint8(64), FILETYPE_CHARACTER_DEVICE);
  assert.is(g.u64(72) & RIGHTS_FD_WRITE, RIGHTS_FD_WRITE);
  assert.is(g.f.fd_fdstat_get(3, 64), ERRNO_SUCCESS);
  assert.is(g.view().getUint8(64), FILETYPE_DIRECTORY);
  assert.equal([g.u64(72), g.u64(80)], [RIGHTS_DIR_BASE, RIGHTS_DIR_INHERITING]);
  assert.is(g.f.fd_fdstat_get(3, 65530), ERRNO_FAULT);

  assert.is(g.f.fd_fdstat_set_rights(3, RIGHTS_DIR_BASE & ~RIGHTS_PATH_OPEN, RIGHTS_DIR_INHERITING), ERRNO_SUCCESS);
  assert.is(g.open('hello.txt'), -ERRNO_NOTCAPABLE);
  assert.is(g.f.fd_fdstat_set_rights(3, RIGHTS_DIR_BASE, RIGHTS_DIR_INHERITING), ERRNO_NOTCAPABLE);
  assert.is(g.f.fd_fdstat_set_rights(9, 0n, 0n), ERRNO_BADF);

  assert.is(g.f.fd_fdstat_set_flags(1, FDFLAGS_NONBLOCK), ERRNO_SUCCESS);
  g.f.fd_fdstat_get(1, 64);
  assert.is(g.view().getUint16(66, true), FDFLAGS_NONBLOCK);
  assert.is(g.f.fd_fdstat_set_flags(1, 0x20), ERRNO_INVAL);
  assert.is(g.f.fd_fdstat_set_flags(3, 0), ERRNO_SUCCESS);
  assert.is(g.f.fd_fdstat_set_flags(3, FDFLAGS_APPEND), ERRNO_INVAL);
});

test('path_open: rights are those asked for that the directory hands on and that apply', () => {
  const g = guest();
  const fd = g.open('hello.txt', 0, RIGHTS_FD_READ | RIGHTS_FD_SEEK | RIGHTS_PATH_OPEN | (1n << 40n));
  assert.ok(fd > 3);
  g.f.fd_fdstat_get(fd, 64);
  assert.is(g.view().getUint8(64), FILETYPE_REGULAR_FILE);
  assert.equal([g.u64(72), g.u64(80)], [RIGHTS_FD_READ | RIGHTS_FD_SEEK, 0n]);
  // Reading works, writing needs the right.
  g.iovs(0, [200, 100]);
  assert.is(g.f.fd_read(fd, 0, 1, 50), ERRNO_SUCCESS);
  assert.is(g.text(200, g.u32(50)), 'hello world');
  assert.is(g.f.fd_write(fd, 0, 1, 50), ERRNO_NOTCAPABLE);
  assert.is(g.f.fd_tell(fd, 8), ERRNO_NOTCAPABLE);
  // A directory keeps only directory rights.
  const dir = g.open('sub', OFLAGS_DIRECTORY, RIGHTS_DIR_BASE | RIGHTS_FD_READ);
  g.f.fd_fdstat_get(dir, 64);
  assert.equal([g.view().getUint8(64), g.u64(72)], [FILETYPE_DIRECTORY, RIGHTS_DIR_BASE]);
  // Errors: flags, missing files, non-directories, bad UTF-8, wild paths.
  assert.is(g.open('hello.txt', 0x10), -ERRNO_INVAL);
  assert.is(g.open('hello.txt', 0, RIGHTS_FILE_BASE, 0x20), -ERRNO_INVAL);
  assert.is(g.open('missing'), -ERRNO_NOENT);
  assert.is(g.open('hello.txt', OFLAGS_CREAT | OFLAGS_EXCL), -ERRNO_EXIST);
  assert.is(g.open('x', 0, RIGHTS_FILE_BASE, 0, fd), -ERRNO_NOTDIR);
  assert.is(g.open('x', 0, RIGHTS_FILE_BASE, 0, 1), -ERRNO_NOTDIR);
  assert.is(g.open('x', 0, RIGHTS_FILE_BASE, 0, 99), -ERRNO_BADF);
  assert.is(g.open(new TextDecoder('latin1').decode(new Uint8Array([0xff]))), -ERRNO_NOENT);
  g.put(1000, new Uint8Array([0xc3, 0x28]));
  assert.is(g.f.path_open(3, 0, 1000, 2, 0, 0n, 0n, 0, 900), ERRNO_ILSEQ);
  assert.is(g.f.path_open(3, 0, 65530, 100, 0, 0n, 0n, 0, 900), ERRNO_FAULT);
  // Synchronized I/O needs the sync rights among the directory's inheriting rights.
  assert.ok(g.open('hello.txt', 0, RIGHTS_FD_READ, FDFLAGS_SYNC) > 3);
  g.f.fd_fdstat_set_rights(3, RIGHTS_DIR_BASE, RIGHTS_DIR_INHERITING & ~(RIGHTS_FD_SYNC | RIGHTS_FD_DATASYNC));
  assert.is(g.open('hello.txt', 0, RIGHTS_FD_READ, FDFLAGS_SYNC), -ERRNO_NOTCAPABLE);
  assert.is(g.open('hello.txt', 0, RIGHTS_FD_READ, FDFLAGS_DSYNC), -ERRNO_NOTCAPABLE);
  // Truncating needs PATH_FILESTAT_SET_SIZE; creating PATH_CREATE_FILE.
  g.f.fd_fdstat_set_rights(3, RIGHTS_PATH_OPEN, 0n);
  assert.is(g.open('hello.txt', OFLAGS_TRUNC), -ERRNO_NOTCAPABLE);
  assert.is(g.open('new', OFLAGS_CREAT), -ERRNO_NOTCAPABLE);
});

test('files: write, seek, tell, pread, pwrite, sizes, times, sync', () => {
  const g = guest();
  const fd = g.open('f', OFLAGS_CREAT);
  g.put(100, 'abcdefgh');
  g.iovs(0, [100, 8]);
  assert.is(g.f.fd_write(fd, 0, 1, 50), ERRNO_SUCCESS);
  assert.is(g.f.fd_tell(fd, 8), ERRNO_SUCCESS);
  assert.is(g.u64(8), 8n);
  assert.is(g.f.fd_seek(fd, -3n, WHENCE_END, 8), ERRNO_SUCCESS);
  assert.is(g.u64(8), 5n);
  assert.is(g.f.fd_seek(fd, 0n, 3, 8), ERRNO_INVAL);
  assert.is(g.f.fd_seek(fd, -100n, WHENCE_CUR, 8), ERRNO_INVAL);
  g.iovs(0, [200, 2], [300, 2]);
  assert.is(g.f.fd_pread(fd, 0, 2, 1n, 50), ERRNO_SUCCESS);
  assert.is(g.text(200, 2) + g.text(300, 2), 'bcde');
  g.iovs(0, [100, 3]);
  assert.is(g.f.fd_pwrite(fd, 0, 1, 10n, 50), ERRNO_SUCCESS);
  assert.is(g.f.fd_filestat_get(fd, 400), ERRNO_SUCCESS);
  assert.equal([g.view().getUint8(416), g.u64(432)], [FILETYPE_REGULAR_FILE, 13n]);
  assert.is(g.f.fd_filestat_set_size(fd, 4n), ERRNO_SUCCESS);
  assert.is(g.f.fd_allocate(fd, 0n, 6n), ERRNO_SUCCESS);
  assert.is(g.f.fd_advise(fd, 0n, 0n, 1), ERRNO_SUCCESS);
  assert.is(g.f.fd_advise(fd, 0n, 0n, 6), ERRNO_INVAL);
  assert.is(g.f.fd_filestat_set_times(fd, 0n, 5n, FSTFLAGS_MTIM), ERRNO_SUCCESS);
  assert.is(g.f.fd_filestat_set_times(fd, 0n, 5n, 0x10), ERRNO_INVAL);
  g.f.fd_filestat_get(fd, 400);
  assert.equal([g.u64(432), g.u64(448)], [6n, 5n]);
  assert.is(g.f.fd_sync(fd), ERRNO_SUCCESS);
  assert.is(g.f.fd_datasync(fd), ERRNO_SUCCESS);
  assert.is(g.f.fd_close(fd), ERRNO_SUCCESS);
  assert.is(g.f.fd_close(fd), ERRNO_BADF);
  // Appending.
  const a = g.open('f', 0, RIGHTS_FILE_BASE, FDFLAGS_APPEND);
  g.f.fd_fdstat_get(a, 64);
  assert.is(g.view().getUint16(66, true), FDFLAGS_APPEND);
  g.iovs(0, [100, 2]);
  g.f.fd_write(a, 0, 1, 50);
  g.f.fd_filestat_get(a, 400);
  assert.is(g.u64(432), 8n);
  // Directories refuse file operations: they lack the rights.
  g.iovs(0, [200, 10]);
  assert.is(g.f.fd_read(3, 0, 1, 50), ERRNO_NOTCAPABLE);
  assert.is(g.f.fd_seek(3, 0n, WHENCE_CUR, 8), ERRNO_NOTCAPABLE);
  assert.is(g.f.fd_allocate(3, 0n, 1n), ERRNO_NOTCAPABLE);
  assert.is(g.f.fd_filestat_set_size(3, 0n), ERRNO_NOTCAPABLE);
  assert.is(g.f.fd_sync(3), ERRNO_SUCCESS);
  assert.is(g.f.fd_datasync(3), ERRNO_NOTCAPABLE);
  assert.is(g.f.fd_advise(3, 0n, 0n, 0), ERRNO_BADF);
  assert.is(g.f.fd_filestat_get(3, 400), ERRNO_SUCCESS);
  assert.is(g.view().getUint8(416), FILETYPE_DIRECTORY);
});

test('kinds without an operation: streams and directories answer as POSIX does', () => {
  const g = guest();
  // Descriptors given every right, so the kind decides.
  const all = (fd: number): void => { g.fds.get(fd)!.base = (1n << 30n) - 1n; };
  all(1);
  all(3);
  g.iovs(0, [200, 10]);
  assert.is(g.f.fd_read(3, 0, 1, 50), ERRNO_ISDIR);
  assert.is(g.f.fd_write(3, 0, 1, 50), ERRNO_ISDIR);
  assert.is(g.f.fd_pread(3, 0, 1, 0n, 50), ERRNO_ISDIR);
  assert.is(g.f.fd_pwrite(3, 0, 1, 0n, 50), ERRNO_ISDIR);
  assert.is(g.f.fd_tell(3, 8), ERRNO_ISDIR);
  assert.is(g.f.fd_seek(3, 1n, WHENCE_SET, 8), ERRNO_ISDIR);
  assert.is(g.f.fd_pread(1, 0, 1, 0n, 50), ERRNO_SPIPE);
  assert.is(g.f.fd_pwrite(1, 0, 1, 0n, 50), ERRNO_SPIPE);
  assert.is(g.f.fd_seek(1, 0n, WHENCE_SET, 8), ERRNO_SPIPE);
  assert.is(g.f.fd_tell(1, 8), ERRNO_SPIPE);
  assert.is(g.f.fd_allocate(1, 0n, 1n), ERRNO_SPIPE);
  assert.is(g.f.fd_advise(1, 0n, 0n, 0), ERRNO_SPIPE);
  assert.is(g.f.fd_filestat_set_size(1, 0n), ERRNO_INVAL);
  assert.is(g.f.fd_sync(1), ERRNO_INVAL);
  assert.is(g.f.fd_datasync(1), ERRNO_INVAL);
  assert.is(g.f.fd_filestat_set_times(1, 0n, 0n, 0), ERRNO_BADF);
  assert.is(g.f.fd_readdir(1, 0, 100, 0n, 50), ERRNO_NOTDIR);
  assert.is(g.f.fd_filestat_get(1, 400), ERRNO_SUCCESS);
  assert.is(g.view().getUint8(416), FILETYPE_CHARACTER_DEVICE);
});

test('preopens: prestat and the directory name', () => {
  const g = guest();
  assert.is(g.f.fd_prestat_get(3, 8), ERRNO_SUCCESS);
  assert.equal([g.view().getUint8(8), g.u32(12)], [0, 8]);
  assert.is(g.f.fd_prestat_dir_name(3, 100, 7), ERRNO_NAMETOOLONG);
  assert.is(g.f.fd_prestat_dir_name(3, 100, 20), ERRNO_SUCCESS);
  assert.is(g.text(100, 8), '/sandbox');
  assert.is(g.f.fd_prestat_get(1, 8), ERRNO_BADF);
  assert.is(g.f.fd_prestat_get(4, 8), ERRNO_BADF);
  assert.is(g.f.fd_prestat_dir_name(3, 65530, 20), ERRNO_FAULT);
});

test('fd_readdir: dirent records with names, cut at the end of the buffer', () => {
  const g = guest();
  assert.is(g.f.fd_readdir(3, 100, 4000, 0n, 50), ERRNO_SUCCESS);
  const used = g.u32(50);
  const names: string[] = [];
  for (let at = 100; at < 100 + used;) {
    const len = g.u32(at + 16);
    names.push(g.text(at + 24, len));
    at += 24 + len;
  }
  assert.equal(names.sort(), ['.', '..', 'hello.txt', 'sub']);
  // A small buffer is filled completely, the last record cut short.
  assert.is(g.f.fd_readdir(3, 100, 30, 0n, 50), ERRNO_SUCCESS);
  assert.is(g.u32(50), 30);
  // From the cookie of the first entry on: one fewer.
  const next = g.u64(100);
  g.f.fd_readdir(3, 100, 4000, next, 50);
  assert.is(g.u32(50), used - 24 - 1);
  assert.is(g.f.fd_readdir(3, 65000, 4000, 0n, 50), ERRNO_FAULT);
});

test('paths: directories, links, renames, symlinks, stat and times', () => {
  const g = guest();
  const call = (fn: string, ...args: (number | bigint | string)[]): number => {
    let at = 2000;
    const flat = args.flatMap((a) => {
      if (typeof a !== 'string') return [a];
      const n = g.put(at, a);
      at += n + 8;
      return [at - n - 8, n];
    });
    return g.f[fn](...flat) as number;
  };
  assert.is(call('path_create_directory', 3, 'd'), ERRNO_SUCCESS);
  assert.is(call('path_create_directory', 3, 'd'), ERRNO_EXIST);
  assert.is(call('path_link', 3, 0, 'hello.txt', 3, 'd/link'), ERRNO_SUCCESS);
  assert.is(call('path_link', 3, 2, 'hello.txt', 3, 'd/link2'), ERRNO_INVAL);
  assert.is(call('path_rename', 3, 'd/link', 3, 'd/moved'), ERRNO_SUCCESS);
  assert.is(call('path_symlink', 'moved', 3, 'd/sym'), ERRNO_SUCCESS);
  assert.is(call('path_readlink', 3, 'd/sym', 100, 3, 50), ERRNO_SUCCESS);
  assert.equal([g.u32(50), g.text(100, 3)], [3, 'mov']);
  assert.is(call('path_readlink', 3, 'd/sym', 65534, 100, 50), ERRNO_FAULT);
  assert.is(call('path_filestat_get', 3, 1, 'd/sym', 400), ERRNO_SUCCESS);
  assert.equal([g.view().getUint8(416), g.u64(424), g.u64(432)], [FILETYPE_REGULAR_FILE, 2n, 11n]);
  assert.is(call('path_filestat_get', 3, 2, 'd/sym', 400), ERRNO_INVAL);
  assert.is(call('path_filestat_set_times', 3, 0, 'd/moved', 7n, 0n, 1), ERRNO_SUCCESS);
  assert.is(call('path_filestat_set_times', 3, 0, 'd/moved', 7n, 0n, 0x10), ERRNO_INVAL);
  assert.is(call('path_filestat_get', 3, 0, 'hello.txt', 400), ERRNO_SUCCESS);
  assert.is(g.u64(440), 7n);
  assert.is(call('path_unlink_file', 3, 'd/sym'), ERRNO_SUCCESS);
  assert.is(call('path_unlink_file', 3, 'd/moved'), ERRNO_SUCCESS);
  assert.is(call('path_remove_directory', 3, 'd'), ERRNO_SUCCESS);
  assert.is(call('path_remove_directory', 3, 'd'), ERRNO_NOENT);
  assert.is(call('path_unlink_file', 1, 'x'), ERRNO_NOTDIR);
  assert.is(call('path_rename', 3, 'hello.txt', 1, 'x'), ERRNO_NOTDIR);
});

test('fd_renumber moves a descriptor over another, closing it', () => {
  const g = guest();
  const fd = g.open('hello.txt');
  assert.is(g.f.fd_renumber(fd, 1), ERRNO_SUCCESS);
  assert.is(g.f.fd_fdstat_get(fd, 64), ERRNO_BADF);
  g.f.fd_fdstat_get(1, 64);
  assert.is(g.view().getUint8(64), FILETYPE_REGULAR_FILE);
  assert.is(g.f.fd_renumber(1, 1), ERRNO_SUCCESS);
  assert.is(g.f.fd_renumber(1, 50), ERRNO_BADF);
  assert.is(g.f.fd_renumber(50, 1), ERRNO_BADF);
  // The lowest free number is reused.
  assert.is(g.open('hello.txt'), fd);
});

/** A stream whose readiness only a (fake) poll source knows. */
class Waiting extends CallbackStream {
  calls: { keys: readonly PendingKey[]; timeoutMs: number | null }[] = [];
  constructor(private readonly answer: (Ready | number | null)[]) {
    super({ read: () => null });
  }
  override poll(write: boolean) {
    const source: PollSource = {
      wait: (keys, timeoutMs) => {
        this.calls.push({ keys, timeoutMs });
        return keys.map((_, i) => this.answer[i] ?? null);
      },
    };
    return { source, key: { id: 7, write } };
  }
}

test('poll_oneoff: clocks, always-ready descriptors, waiting on a source, errors', () => {
  const g = guest();
  /** Writes subscriptions at 0 and polls; the events as [userdata, error, type, nbytes, flags]. */
  const poll = (subs: [bigint, number, number, bigint?, number?][]): number | [bigint, number, number, bigint, number][] => {
    subs.forEach(([userdata, type, a, b = 0n, flags = 0], i) => {
      const s = i * 48;
      g.view().setBigUint64(s, userdata, true);
      g.view().setUint8(s + 8, type);
      g.view().setUint32(s + 16, a, true);
      g.view().setBigUint64(s + 24, b, true);
      g.view().setUint16(s + 40, flags, true);
    });
    const e = g.f.poll_oneoff(0, 4000, subs.length, 8000) as number;
    if (e !== ERRNO_SUCCESS) return e;
    return Array.from({ length: g.u32(8000) }, (_, i) => {
      const o = 4000 + i * 32;
      return [g.u64(o), g.view().getUint16(o + 8, true), g.view().getUint8(o + 10), g.u64(o + 16), g.view().getUint16(o + 24, true)];
    });
  };
  const start = performance.now();
  assert.equal(poll([[1n, EVENTTYPE_CLOCK, CLOCKID_MONOTONIC, 20_000_000n]]), [[1n, 0, EVENTTYPE_CLOCK, 0n, 0]]);
  assert.ok(performance.now() - start >= 19);
  // An absolute deadline in the past expires at once; an unknown clock is an event error.
  assert.equal(poll([[2n, EVENTTYPE_CLOCK, CLOCKID_REALTIME, 1n, SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME]]), [[2n, 0, EVENTTYPE_CLOCK, 0n, 0]]);
  assert.equal(poll([[3n, EVENTTYPE_CLOCK, 9, 1n], [4n, EVENTTYPE_CLOCK, CLOCKID_MONOTONIC, 10n ** 12n]]), [[3n, ERRNO_INVAL, EVENTTYPE_CLOCK, 0n, 0]]);
  // Files and writable streams are ready at once, before any clock.
  const fd = g.open('hello.txt');
  assert.equal(poll([[5n, EVENTTYPE_FD_READ, fd], [6n, EVENTTYPE_FD_WRITE, 1], [7n, EVENTTYPE_CLOCK, CLOCKID_MONOTONIC, 10n ** 12n]]),
    [[5n, 0, EVENTTYPE_FD_READ, 11n, 0], [6n, 0, EVENTTYPE_FD_WRITE, 0n, 0]]);
  assert.equal(poll([[8n, EVENTTYPE_FD_READ, 99], [9n, EVENTTYPE_FD_WRITE, 3], [10n, EVENTTYPE_FD_WRITE, 0]]),
    [[8n, ERRNO_BADF, EVENTTYPE_FD_READ, 0n, 0], [9n, ERRNO_NOTCAPABLE, EVENTTYPE_FD_WRITE, 0n, 0], [10n, ERRNO_NOTCAPABLE, EVENTTYPE_FD_WRITE, 0n, 0]]);
  g.fds.get(fd)!.base &= ~RIGHTS_POLL_FD_READWRITE & ~RIGHTS_FD_READ;
  assert.equal(poll([[11n, EVENTTYPE_FD_READ, fd]]), [[11n, ERRNO_NOTCAPABLE, EVENTTYPE_FD_READ, 0n, 0]]);
  // A stream of a poll source: the source is asked, with the earliest clock as its timeout.
  const waiting = new Waiting([{ nbytes: 3n, hangup: true }]);
  g.fds.set(0, { resource: waiting as unknown as WasiStream, base: waiting.rights, inheriting: 0n });
  assert.equal(poll([[12n, EVENTTYPE_FD_READ, 0], [13n, EVENTTYPE_CLOCK, CLOCKID_MONOTONIC, 5_000_000_000n]]), [[12n, 0, EVENTTYPE_FD_READ, 3n, 1]]);
  assert.equal(waiting.calls[0].keys, [{ id: 7, write: false }]);
  assert.ok(waiting.calls[0].timeoutMs! > 4000 && waiting.calls[0].timeoutMs! <= 5000);
  // Not ready before the clock: the clock's event.
  const idle = new Waiting([null]);
  g.fds.set(0, { resource: idle as unknown as WasiStream, base: idle.rights, inheriting: 0n });
  assert.equal(poll([[14n, EVENTTYPE_FD_READ, 0], [15n, EVENTTYPE_CLOCK, CLOCKID_MONOTONIC, 1_000_000n]]), [[15n, 0, EVENTTYPE_CLOCK, 0n, 0]]);
  // The whole call fails for no subscriptions, an unknown type, or wild pointers.
  assert.is(poll([]), ERRNO_INVAL);
  assert.is(poll([[17n, 3, 0]]), ERRNO_INVAL);
  assert.is(g.f.poll_oneoff(65000, 0, 100, 8), ERRNO_FAULT);
  assert.is(g.f.poll_oneoff(0, 65520, 1, 8), ERRNO_FAULT);
});

test('proc_exit and proc_raise unwind with a WasiExit; other signals have no effect', () => {
  const g = guest();
  assert.throws(() => g.f.proc_exit(-1), (e: unknown) => e instanceof WasiExit && e.code === 0xffffffff);
  assert.throws(() => g.f.proc_raise(15), (e: unknown) => e instanceof WasiExit && e.code === 128 + 15 && e.signal === 'SIGTERM');
  assert.throws(() => g.f.proc_raise(6), (e: unknown) => e instanceof WasiExit && e.code === 134);
  assert.is(g.f.proc_raise(13), ERRNO_SUCCESS); // SIGPIPE: ignored
  assert.is(g.f.proc_raise(18), ERRNO_SUCCESS); // SIGSTOP
  assert.is(g.f.proc_raise(0), ERRNO_INVAL);
  assert.is(g.f.proc_raise(31), ERRNO_INVAL);
  const custom = new Preview1({ args: [], env: [], fds: new FdTable(), signals: { SIGTERM: 99 } });
  custom.setMemory({ buffer: new ArrayBuffer(0) });
  assert.throws(() => custom.functions.proc_raise(15), (e: unknown) => e instanceof WasiExit && e.code === 128 + 99);
  assert.is(g.f.sched_yield(), ERRNO_SUCCESS);
});

test('random_get fills the buffer from crypto, in 64 KiB pieces', () => {
  const fds = new FdTable();
  const p = new Preview1({ args: [], env: [], fds });
  const memory = { buffer: new ArrayBuffer(3 * 65536) };
  p.setMemory(memory);
  assert.is(p.functions.random_get(10, 150000), ERRNO_SUCCESS);
  const b = new Uint8Array(memory.buffer);
  assert.is(b[0], 0);
  assert.ok(b.subarray(140000, 150010).some((x) => x !== 0));
  assert.is(p.functions.random_get(0, 0), ERRNO_SUCCESS);
  assert.is(p.functions.random_get(196600, 1000), ERRNO_FAULT);
  // A shared memory: filled through a copy.
  const shared = { buffer: new SharedArrayBuffer(65536) };
  p.setMemory(shared);
  assert.is(p.functions.random_get(0, 1000), ERRNO_SUCCESS);
  assert.ok(new Uint8Array(shared.buffer).subarray(0, 1000).some((x) => x !== 0));
});

test('sockets: not a socket, bad flags, bad descriptors', () => {
  const g = guest();
  assert.is(g.f.sock_accept(3, 0, 8), ERRNO_NOTCAPABLE);
  assert.is(g.f.sock_accept(3, 1, 8), ERRNO_INVAL);
  assert.is(g.f.sock_accept(99, 0, 8), ERRNO_BADF);
  g.iovs(0, [100, 10]);
  assert.is(g.f.sock_recv(0, 0, 1, 0, 8, 12), ERRNO_NOTSOCK);
  assert.is(g.f.sock_recv(0, 0, 1, 4, 8, 12), ERRNO_INVAL);
  assert.is(g.f.sock_send(1, 0, 1, 0, 8), ERRNO_NOTSOCK);
  assert.is(g.f.sock_send(1, 0, 1, 1, 8), ERRNO_INVAL);
  assert.is(g.f.sock_shutdown(1, 3), ERRNO_NOTSOCK);
  assert.is(g.f.sock_shutdown(99, 3), ERRNO_BADF);
  // A socket stream without the shutdown right.
  const sock = {
    ...new CallbackStream({}), kind: 'stream' as const, rights: RIGHTS_FD_READ,
    socket: { recv: () => ({ ok: true as const, value: 0 }), send: () => ({ ok: true as const, value: 0 }), shutdown: () => ERRNO_SUCCESS },
  } as unknown as WasiStream;
  const fd = g.fds.add({ resource: sock, base: RIGHTS_FD_READ | RIGHTS_FD_WRITE, inheriting: 0n });
  assert.is(g.f.sock_shutdown(fd, 3), ERRNO_NOTCAPABLE);
  g.fds.get(fd)!.base |= RIGHTS_SOCK_SHUTDOWN;
  assert.is(g.f.sock_shutdown(fd, 3), ERRNO_SUCCESS);
  assert.is(g.f.sock_recv(fd, 0, 1, 0, 8, 12), ERRNO_SUCCESS);
  assert.is(g.f.sock_send(fd, 0, 1, 0, 8), ERRNO_SUCCESS);
});

test('functions before the memory is set: a clear error', () => {
  const p = new Preview1({ args: [], env: [], fds: new FdTable() });
  assert.throws(() => p.functions.sched_yield(), /sched_yield called before the guest's memory was set/);
});

test('rights constants: each kind holds only rights that apply to it', () => {
  assert.is(RIGHTS_FILE_BASE & RIGHTS_PATH_OPEN, 0n);
  assert.is(RIGHTS_DIR_BASE & (RIGHTS_FD_READ | RIGHTS_FD_WRITE | RIGHTS_FD_SEEK | RIGHTS_FD_TELL | RIGHTS_FD_DATASYNC), 0n);
  assert.is(RIGHTS_DIR_INHERITING & RIGHTS_FILE_BASE, RIGHTS_FILE_BASE);
});

test.run();
