/**
 * The 46 functions of `wasi_snapshot_preview1` (../shared/wasi-spec/wasi_snapshot_preview1.witx),
 * over a descriptor table of filesystem handles (fs/types.ts), streams and sockets (streams.ts).
 *
 * Each function takes the core Wasm values of its witx signature (i32 as numbers, i64 as
 * bigints — what both Vitrine and a host WebAssembly pass to imports) and returns an errno.
 * Order of checks, as wasmtime does: arguments that are not valid enum or flag values (EINVAL),
 * then the descriptor (EBADF; ENOTDIR where a directory is needed), then its rights
 * (ENOTCAPABLE), then the operation itself; results are written last. Every guest pointer is
 * bounds-checked (EFAULT). No node imports: this layer runs wherever its backends do.
 */

import {
  EVENT_SIZE, EVENTRWFLAGS_FD_READWRITE_HANGUP, EVENTTYPE_CLOCK,
  EVENTTYPE_FD_READ, EVENTTYPE_FD_WRITE, PREOPENTYPE_DIR, RIFLAGS_RECV_PEEK, RIFLAGS_RECV_WAITALL,
  RIGHTS_DIR_BASE, RIGHTS_DIR_INHERITING, RIGHTS_FD_ADVISE, RIGHTS_FD_ALLOCATE, RIGHTS_FD_DATASYNC,
  RIGHTS_FD_FDSTAT_SET_FLAGS, RIGHTS_FD_FILESTAT_GET, RIGHTS_FD_FILESTAT_SET_SIZE, RIGHTS_FD_FILESTAT_SET_TIMES,
  RIGHTS_FD_READ, RIGHTS_FD_READDIR, RIGHTS_FD_SEEK, RIGHTS_FD_SYNC, RIGHTS_FD_TELL, RIGHTS_FD_WRITE,
  RIGHTS_FILE_BASE, RIGHTS_PATH_CREATE_DIRECTORY, RIGHTS_PATH_CREATE_FILE, RIGHTS_PATH_FILESTAT_GET,
  RIGHTS_PATH_FILESTAT_SET_SIZE, RIGHTS_PATH_FILESTAT_SET_TIMES, RIGHTS_PATH_LINK_SOURCE, RIGHTS_PATH_LINK_TARGET,
  RIGHTS_PATH_OPEN, RIGHTS_PATH_READLINK, RIGHTS_PATH_REMOVE_DIRECTORY, RIGHTS_PATH_RENAME_SOURCE,
  RIGHTS_PATH_RENAME_TARGET, RIGHTS_PATH_SYMLINK, RIGHTS_PATH_UNLINK_FILE, RIGHTS_POLL_FD_READWRITE,
  RIGHTS_SOCK_ACCEPT, RIGHTS_SOCK_SHUTDOWN, SIGNAL_NAMES, SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME,
  SUBSCRIPTION_SIZE,
} from './constants.js';
import { clockNow, clockResolution, monotonicNs, sleepUntil } from './clocks.js';
import {
  ERRNO_BADF, ERRNO_INVAL, ERRNO_ISDIR, ERRNO_NAMETOOLONG, ERRNO_NOTCAPABLE, ERRNO_NOTCONN, ERRNO_NOTDIR, ERRNO_NOTSOCK,
  ERRNO_SPIPE, ERRNO_SUCCESS, type Errno,
} from './errno.js';
import type { FdTable, Resource } from './fd-table.js';
import {
  ADVICE_NOREUSE, FDFLAGS_APPEND, FDFLAGS_DSYNC, FDFLAGS_NONBLOCK, FDFLAGS_RSYNC, FDFLAGS_SYNC,
  FILETYPE_DIRECTORY, FILETYPE_SOCKET_STREAM, LOOKUPFLAGS_SYMLINK_FOLLOW, OFLAGS_CREAT, OFLAGS_DIRECTORY,
  OFLAGS_EXCL, OFLAGS_TRUNC, WHENCE_CUR, WHENCE_END, type Filestat, type Result,
} from './fs/types.js';
import { encodeUtf8, GuestMemory, WasiError, type MemoryLike } from './memory.js';
import type { Pending, PollSource, Ready } from './streams.js';

/** Thrown by `proc_exit` (and a fatal `proc_raise`) to unwind the guest; caught by whoever started it. */
export class WasiExit {
  constructor(
    /** The exit code (`proc_exit`), or 128 + the host's number of the signal (`proc_raise`). */
    readonly code: number,
    /** The signal's name when `proc_raise` ended the guest. */
    readonly signal?: string,
  ) {}
}

export interface Preview1Options {
  /** argv, the program name first. */
  readonly args: readonly string[];
  /** Environment entries, each `NAME=VALUE`. */
  readonly env: readonly string[];
  /** The descriptors the guest starts with (stdio, preopens). */
  readonly fds: FdTable;
  /** Host signal numbers by name, for the exit code of a fatal `proc_raise` (default: Linux's). */
  readonly signals?: Readonly<Record<string, number>>;
}

/** A WASI function as imported: core Wasm values in, an errno (or nothing) out. */
export type WasiFunction = (...args: (number | bigint)[]) => number | undefined;

const FDFLAGS_ALL = FDFLAGS_APPEND | FDFLAGS_DSYNC | FDFLAGS_NONBLOCK | FDFLAGS_RSYNC | FDFLAGS_SYNC;
const OFLAGS_ALL = OFLAGS_CREAT | OFLAGS_DIRECTORY | OFLAGS_EXCL | OFLAGS_TRUNC;
const FSTFLAGS_ALL = 0xf;
/** Rights that let a descriptor write: an open for them needs write access to the file. */
const WRITE_RIGHTS = RIGHTS_FD_WRITE | RIGHTS_FD_DATASYNC | RIGHTS_FD_ALLOCATE | RIGHTS_FD_FILESTAT_SET_SIZE;
/** The largest buffer assembled for one read or write spread over several iovecs. */
const MAX_GATHER = 1 << 24;
/** `dirent`: d_next u64 @0, d_ino u64 @8, d_namlen u32 @16, d_type u8 @20; 24 bytes. */
const DIRENT_SIZE = 24;

/** Linux's signal numbers (os.constants.signals), for hosts that do not say. */
const LINUX_SIGNALS: Readonly<Record<string, number>> = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9,
  SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17, SIGCONT: 18,
  SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26,
  SIGPROF: 27, SIGWINCH: 28, SIGPOLL: 29, SIGPWR: 30, SIGSYS: 31,
};
/**
 * Signals whose default action (witx `signal` docs) is not to terminate: ignored, or continue /
 * stop — a guest cannot be stopped and continued from outside, so those have no effect either.
 */
const NON_FATAL_SIGNALS = new Set(['SIGPIPE', 'SIGCHLD', 'SIGURG', 'SIGWINCH', 'SIGCONT', 'SIGSTOP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU']);

const u64 = (v: number | bigint): bigint => BigInt.asUintN(64, BigInt(v));

/** Throws the errno of a failed result; returns the value of a successful one. */
function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new WasiError(r.errno);
  return r.value;
}

/** Reads (or writes) spread over iovecs: one buffer, or a gathered copy of at most MAX_GATHER bytes. */
function gather(bufs: Uint8Array[]): Uint8Array {
  const nonEmpty = bufs.filter((b) => b.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? new Uint8Array(0);
  const total = Math.min(nonEmpty.reduce((n, b) => n + b.length, 0), MAX_GATHER);
  const out = new Uint8Array(total);
  let off = 0;
  for (const b of nonEmpty) {
    if (off === total) break;
    const k = Math.min(b.length, total - off);
    out.set(b.subarray(0, k), off);
    off += k;
  }
  return out;
}

/** Copies the first `n` bytes of `src` out over `bufs` (after a gathered read). */
function scatter(src: Uint8Array, n: number, bufs: Uint8Array[]): void {
  let off = 0;
  for (const b of bufs) {
    if (off >= n || b === src) return; // (src is one of bufs when the read went straight into it)
    const k = Math.min(b.length, n - off);
    b.set(src.subarray(off, off + k));
    off += k;
  }
}

/** A descriptor's readiness for poll_oneoff, by its kind. */
function readiness(r: Resource, write: boolean): Ready | Pending | Errno {
  switch (r.kind) {
    case 'file': {
      // Regular files are always ready; for reading, the bytes left after the offset.
      if (write) return { nbytes: 0n, hangup: false };
      const st = r.stat(), pos = r.tell();
      const left = st.ok && pos.ok && st.value.size > pos.value ? st.value.size - pos.value : 0n;
      return { nbytes: left, hangup: false };
    }
    case 'stream': return r.poll(write);
    case 'listener': return write ? ERRNO_BADF : r.poll();
    case 'dir': return ERRNO_BADF;
  }
}

/**
 * The state of a WASI guest and its imports. `functions` are bound and ready to be imported as
 * module `wasi_snapshot_preview1` once `memory` is set (the instance's exported memory).
 */
export class Preview1 {
  readonly fds: FdTable;
  private readonly args: Uint8Array[];
  private readonly env: Uint8Array[];
  private readonly signals: Readonly<Record<string, number>>;
  private mem: GuestMemory | null = null;
  /** The import object's functions, by name. */
  readonly functions: Readonly<Record<string, WasiFunction>>;

  constructor(options: Preview1Options) {
    this.fds = options.fds;
    this.args = options.args.map((a) => encodeUtf8(`${a}\0`));
    this.env = options.env.map((e) => encodeUtf8(`${e}\0`));
    this.signals = options.signals ?? LINUX_SIGNALS;
    const functions: Record<string, WasiFunction> = {};
    for (const name of Object.keys(SIGNATURES)) {
      const impl = (this as unknown as Record<string, (...a: (number | bigint)[]) => number | undefined>)[name];
      functions[name] = (...a) => {
        const mem = this.mem;
        if (mem === null) throw new Error(`WASI: ${name} called before the guest's memory was set`);
        mem.refresh();
        try {
          return impl.apply(this, a);
        } catch (e) {
          if (e instanceof WasiError) return e.errno;
          throw e;
        }
      };
    }
    this.functions = functions;
  }

  /** Sets the memory the functions read and write (the guest's exported "memory"). */
  setMemory(memory: MemoryLike): void {
    this.mem = new GuestMemory(memory);
  }

  private get m(): GuestMemory {
    return this.mem!;
  }

  // ── args, environ (witx: args_get … environ_sizes_get) ─────────────────────────────────────

  /** Writes pointers to `ptrs` and the NUL-terminated strings to `buf`. */
  private strings(list: Uint8Array[], ptrs: number, buf: number): Errno {
    const m = this.m;
    m.check(ptrs, list.length * 4);
    m.check(buf, list.reduce((n, s) => n + s.length, 0));
    let at = buf >>> 0;
    list.forEach((s, i) => {
      m.setU32(ptrs + i * 4, at);
      m.slice(at, s.length).set(s);
      at += s.length;
    });
    return ERRNO_SUCCESS;
  }

  private sizes(list: Uint8Array[], countPtr: number, sizePtr: number): Errno {
    this.m.check(countPtr, 4);
    this.m.check(sizePtr, 4);
    this.m.setU32(countPtr, list.length);
    this.m.setU32(sizePtr, list.reduce((n, s) => n + s.length, 0));
    return ERRNO_SUCCESS;
  }

  args_get(argv: number, buf: number): Errno {
    return this.strings(this.args, argv, buf);
  }
  args_sizes_get(count: number, size: number): Errno {
    return this.sizes(this.args, count, size);
  }
  environ_get(environ: number, buf: number): Errno {
    return this.strings(this.env, environ, buf);
  }
  environ_sizes_get(count: number, size: number): Errno {
    return this.sizes(this.env, count, size);
  }

  // ── clocks ─────────────────────────────────────────────────────────────────────────────────

  clock_res_get(id: number, out: number): Errno {
    const res = clockResolution(id);
    if (res === undefined) return ERRNO_INVAL;
    this.m.setU64(out, res);
    return ERRNO_SUCCESS;
  }

  /** `precision` is a hint only: every clock is read at its full resolution. */
  clock_time_get(id: number, _precision: bigint, out: number): Errno {
    const now = clockNow(id);
    if (now === undefined) return ERRNO_INVAL;
    this.m.setU64(out, now);
    return ERRNO_SUCCESS;
  }

  // ── descriptors ────────────────────────────────────────────────────────────────────────────

  fd_advise(fd: number, offset: bigint, len: bigint, advice: number): Errno {
    if (advice >>> 0 > ADVICE_NOREUSE) return ERRNO_INVAL;
    const r = this.fds.use(fd, RIGHTS_FD_ADVISE).resource;
    if (r.kind === 'file') return r.advise(u64(offset), u64(len), advice);
    return r.kind === 'dir' ? ERRNO_BADF : ERRNO_SPIPE;
  }

  fd_allocate(fd: number, offset: bigint, len: bigint): Errno {
    const r = this.fds.use(fd, RIGHTS_FD_ALLOCATE).resource;
    return r.kind === 'file' ? r.allocate(u64(offset), u64(len)) : ERRNO_SPIPE;
  }

  fd_close(fd: number): Errno {
    const d = this.fds.use(fd, 0n);
    this.fds.remove(fd);
    return d.resource.close();
  }

  fd_datasync(fd: number): Errno {
    const r = this.fds.use(fd, RIGHTS_FD_DATASYNC).resource;
    return r.kind === 'file' || r.kind === 'dir' ? r.datasync() : ERRNO_INVAL;
  }

  fd_sync(fd: number): Errno {
    const r = this.fds.use(fd, RIGHTS_FD_SYNC).resource;
    return r.kind === 'file' || r.kind === 'dir' ? r.sync() : ERRNO_INVAL;
  }

  /** `fdstat`: filetype u8 @0, flags u16 @2, rights_base u64 @8, rights_inheriting u64 @16. */
  fd_fdstat_get(fd: number, out: number): Errno {
    const d = this.fds.use(fd, 0n);
    const r = d.resource;
    const m = this.m;
    m.check(out, 24);
    m.setU8(out, r.kind === 'listener' ? FILETYPE_SOCKET_STREAM : r.kind === 'dir' ? FILETYPE_DIRECTORY : r.filetype);
    m.setU8(out + 1, 0);
    m.setU16(out + 2, r.kind === 'dir' ? 0 : r.fdflags);
    m.setU32(out + 4, 0);
    m.setU64(out + 8, d.base);
    m.setU64(out + 16, d.inheriting);
    return ERRNO_SUCCESS;
  }

  fd_fdstat_set_flags(fd: number, flags: number): Errno {
    if ((flags & ~FDFLAGS_ALL) !== 0) return ERRNO_INVAL;
    const r = this.fds.use(fd, RIGHTS_FD_FDSTAT_SET_FLAGS).resource;
    if (r.kind === 'dir') return flags === 0 ? ERRNO_SUCCESS : ERRNO_INVAL;
    return r.setFdflags(flags);
  }

  /** Rights can only be dropped. */
  fd_fdstat_set_rights(fd: number, base: bigint, inheriting: bigint): Errno {
    const d = this.fds.use(fd, 0n);
    const b = u64(base), i = u64(inheriting);
    if ((b & ~d.base) !== 0n || (i & ~d.inheriting) !== 0n) return ERRNO_NOTCAPABLE;
    d.base = b;
    d.inheriting = i;
    return ERRNO_SUCCESS;
  }

  fd_filestat_get(fd: number, out: number): Errno {
    const r = this.fds.use(fd, RIGHTS_FD_FILESTAT_GET).resource;
    this.writeFilestat(out, unwrap(r.stat()));
    return ERRNO_SUCCESS;
  }

  fd_filestat_set_size(fd: number, size: bigint): Errno {
    const r = this.fds.use(fd, RIGHTS_FD_FILESTAT_SET_SIZE).resource;
    return r.kind === 'file' ? r.setSize(u64(size)) : ERRNO_INVAL;
  }

  fd_filestat_set_times(fd: number, atim: bigint, mtim: bigint, fstflags: number): Errno {
    if ((fstflags & ~FSTFLAGS_ALL) !== 0) return ERRNO_INVAL;
    const r = this.fds.use(fd, RIGHTS_FD_FILESTAT_SET_TIMES).resource;
    if (r.kind !== 'file' && r.kind !== 'dir') return ERRNO_BADF;
    return r.setTimes(u64(atim), u64(mtim), fstflags);
  }

  fd_pread(fd: number, iovs: number, iovsLen: number, offset: bigint, out: number): Errno {
    const r = this.fds.use(fd, RIGHTS_FD_READ | RIGHTS_FD_SEEK).resource;
    const bufs = this.m.iovecs(iovs, iovsLen);
    this.m.check(out, 4);
    if (r.kind !== 'file') return r.kind === 'dir' ? ERRNO_ISDIR : ERRNO_SPIPE;
    const dst = gather(bufs);
    const n = unwrap(r.pread(dst, u64(offset)));
    scatter(dst, n, bufs);
    this.m.setU32(out, n);
    return ERRNO_SUCCESS;
  }

  fd_pwrite(fd: number, iovs: number, iovsLen: number, offset: bigint, out: number): Errno {
    const r = this.fds.use(fd, RIGHTS_FD_WRITE | RIGHTS_FD_SEEK).resource;
    const src = gather(this.m.iovecs(iovs, iovsLen));
    this.m.check(out, 4);
    if (r.kind !== 'file') return r.kind === 'dir' ? ERRNO_ISDIR : ERRNO_SPIPE;
    this.m.setU32(out, unwrap(r.pwrite(src, u64(offset))));
    return ERRNO_SUCCESS;
  }

  fd_read(fd: number, iovs: number, iovsLen: number, out: number): Errno {
    const r = this.fds.use(fd, RIGHTS_FD_READ).resource;
    const bufs = this.m.iovecs(iovs, iovsLen);
    this.m.check(out, 4);
    if (r.kind !== 'file' && r.kind !== 'stream') return r.kind === 'dir' ? ERRNO_ISDIR : ERRNO_NOTCONN;
    const dst = gather(bufs);
    const n = unwrap(r.read(dst));
    scatter(dst, n, bufs);
    this.m.setU32(out, n);
    return ERRNO_SUCCESS;
  }

  fd_write(fd: number, iovs: number, iovsLen: number, out: number): Errno {
    const r = this.fds.use(fd, RIGHTS_FD_WRITE).resource;
    const src = gather(this.m.iovecs(iovs, iovsLen));
    this.m.check(out, 4);
    if (r.kind !== 'file' && r.kind !== 'stream') return r.kind === 'dir' ? ERRNO_ISDIR : ERRNO_BADF;
    this.m.setU32(out, unwrap(r.write(src)));
    return ERRNO_SUCCESS;
  }

  /** `prestat`: tag u8 @0 (dir), pr_name_len u32 @4. */
  fd_prestat_get(fd: number, out: number): Errno {
    const name = this.preopenName(fd);
    this.m.check(out, 8);
    this.m.setU32(out, PREOPENTYPE_DIR);
    this.m.setU32(out + 4, name.length);
    return ERRNO_SUCCESS;
  }

  fd_prestat_dir_name(fd: number, path: number, len: number): Errno {
    const name = this.preopenName(fd);
    if (len >>> 0 < name.length) return ERRNO_NAMETOOLONG;
    this.m.slice(path, name.length).set(name);
    return ERRNO_SUCCESS;
  }

  private preopenName(fd: number): Uint8Array {
    const d = this.fds.get(fd);
    if (d?.preopen === undefined) throw new WasiError(ERRNO_BADF);
    return encodeUtf8(d.preopen);
  }

  /** Entries from `cookie` as dirent records, each followed by its name; the last may be cut short. */
  fd_readdir(fd: number, buf: number, bufLen: number, cookie: bigint, out: number): Errno {
    const r = this.fds.use(fd, RIGHTS_FD_READDIR).resource;
    const dst = this.m.slice(buf, bufLen);
    this.m.check(out, 4);
    if (r.kind !== 'dir') return ERRNO_NOTDIR;
    const entries = unwrap(r.readdir(u64(cookie)));
    const header = new DataView(new ArrayBuffer(DIRENT_SIZE));
    let used = 0;
    for (const e of entries) {
      const name = encodeUtf8(e.name);
      header.setBigUint64(0, e.next, true);
      header.setBigUint64(8, e.ino, true);
      header.setUint32(16, name.length, true);
      header.setUint8(20, e.type);
      for (const part of [new Uint8Array(header.buffer), name]) {
        const k = Math.min(part.length, dst.length - used);
        dst.set(part.subarray(0, k), used);
        used += k;
      }
      if (used === dst.length) break;
    }
    this.m.setU32(out, used);
    return ERRNO_SUCCESS;
  }

  /** Moves `fd` to `to`, closing what `to` held; both must be open. */
  fd_renumber(fd: number, to: number): Errno {
    const d = this.fds.use(fd, 0n);
    const old = this.fds.use(to, 0n);
    if (fd >>> 0 === to >>> 0) return ERRNO_SUCCESS;
    this.fds.set(to, d);
    this.fds.remove(fd);
    old.resource.close();
    return ERRNO_SUCCESS;
  }

  /** Seeking by 0 from the current offset needs only RIGHTS_FD_TELL. */
  fd_seek(fd: number, offset: bigint, whence: number, out: number): Errno {
    if (whence >>> 0 > WHENCE_END) return ERRNO_INVAL;
    const tellOnly = whence === WHENCE_CUR && offset === 0n;
    const r = this.fds.use(fd, tellOnly ? RIGHTS_FD_TELL : RIGHTS_FD_SEEK).resource;
    this.m.check(out, 8);
    if (r.kind !== 'file') return r.kind === 'dir' ? ERRNO_ISDIR : ERRNO_SPIPE;
    this.m.setU64(out, unwrap(r.seek(BigInt.asIntN(64, offset), whence)));
    return ERRNO_SUCCESS;
  }

  fd_tell(fd: number, out: number): Errno {
    const r = this.fds.use(fd, RIGHTS_FD_TELL).resource;
    this.m.check(out, 8);
    if (r.kind !== 'file') return r.kind === 'dir' ? ERRNO_ISDIR : ERRNO_SPIPE;
    this.m.setU64(out, unwrap(r.tell()));
    return ERRNO_SUCCESS;
  }

  // ── paths ──────────────────────────────────────────────────────────────────────────────────

  private path(ptr: number, len: number): string {
    return this.m.string(ptr, len);
  }

  path_create_directory(fd: number, path: number, len: number): Errno {
    const p = this.path(path, len);
    return this.fds.dir(fd, RIGHTS_PATH_CREATE_DIRECTORY).mkdir(p);
  }

  path_filestat_get(fd: number, flags: number, path: number, len: number, out: number): Errno {
    if ((flags & ~LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0) return ERRNO_INVAL;
    const p = this.path(path, len);
    const st = unwrap(this.fds.dir(fd, RIGHTS_PATH_FILESTAT_GET).statAt(p, flags));
    this.writeFilestat(out, st);
    return ERRNO_SUCCESS;
  }

  path_filestat_set_times(fd: number, flags: number, path: number, len: number, atim: bigint, mtim: bigint,
    fstflags: number): Errno {
    if ((flags & ~LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0 || (fstflags & ~FSTFLAGS_ALL) !== 0) return ERRNO_INVAL;
    const p = this.path(path, len);
    return this.fds.dir(fd, RIGHTS_PATH_FILESTAT_SET_TIMES).setTimesAt(p, flags, u64(atim), u64(mtim), fstflags);
  }

  path_link(oldFd: number, oldFlags: number, oldPath: number, oldLen: number, newFd: number, newPath: number,
    newLen: number): Errno {
    if ((oldFlags & ~LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0) return ERRNO_INVAL;
    const from = this.path(oldPath, oldLen), to = this.path(newPath, newLen);
    const src = this.fds.dir(oldFd, RIGHTS_PATH_LINK_SOURCE);
    const dst = this.fds.dir(newFd, RIGHTS_PATH_LINK_TARGET);
    return src.link(oldFlags, from, dst, to);
  }

  /**
   * The new descriptor's rights are those asked for that the directory may hand on and that
   * apply to what was opened (the witx allows fewer than asked). The directory itself needs
   * PATH_OPEN, plus PATH_CREATE_FILE to create and PATH_FILESTAT_SET_SIZE to truncate; the
   * synchronized-I/O fdflags need FD_DATASYNC or FD_SYNC among its inheriting rights.
   */
  path_open(fd: number, dirflags: number, path: number, len: number, oflags: number, base: bigint,
    inheriting: bigint, fdflags: number, out: number): Errno {
    if ((dirflags & ~LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0 || (oflags & ~OFLAGS_ALL) !== 0
      || (fdflags & ~FDFLAGS_ALL) !== 0) return ERRNO_INVAL;
    const p = this.path(path, len);
    let needed = RIGHTS_PATH_OPEN;
    if ((oflags & OFLAGS_CREAT) !== 0) needed |= RIGHTS_PATH_CREATE_FILE;
    if ((oflags & OFLAGS_TRUNC) !== 0) needed |= RIGHTS_PATH_FILESTAT_SET_SIZE;
    const dir = this.fds.dir(fd, needed);
    const parent = this.fds.get(fd)!;
    // Synchronized I/O needs the sync rights among those the directory hands on: DSYNC
    // FD_DATASYNC or FD_SYNC, RSYNC and SYNC FD_SYNC.
    const syncOk = ((fdflags & (FDFLAGS_RSYNC | FDFLAGS_SYNC)) === 0 || (parent.inheriting & RIGHTS_FD_SYNC) !== 0n)
      && ((fdflags & FDFLAGS_DSYNC) === 0 || (parent.inheriting & (RIGHTS_FD_DATASYNC | RIGHTS_FD_SYNC)) !== 0n);
    if (!syncOk) return ERRNO_NOTCAPABLE;
    this.m.check(out, 4);
    const b = u64(base) & parent.inheriting, i = u64(inheriting) & parent.inheriting;
    const handle = unwrap(dir.open(p, dirflags, oflags, fdflags, (b & (RIGHTS_FD_READ | RIGHTS_FD_READDIR)) !== 0n,
      (b & WRITE_RIGHTS) !== 0n));
    const isDir = handle.kind === 'dir';
    this.m.setU32(out, this.fds.add({
      resource: handle,
      base: b & (isDir ? RIGHTS_DIR_BASE : RIGHTS_FILE_BASE),
      inheriting: isDir ? i & RIGHTS_DIR_INHERITING : 0n,
    }));
    return ERRNO_SUCCESS;
  }

  /** The link's target, cut to `bufLen` bytes if longer (as readlink(2) does). */
  path_readlink(fd: number, path: number, len: number, buf: number, bufLen: number, out: number): Errno {
    const p = this.path(path, len);
    const dst = this.m.slice(buf, bufLen);
    this.m.check(out, 4);
    const target = encodeUtf8(unwrap(this.fds.dir(fd, RIGHTS_PATH_READLINK).readlink(p)));
    const n = Math.min(target.length, dst.length);
    dst.set(target.subarray(0, n));
    this.m.setU32(out, n);
    return ERRNO_SUCCESS;
  }

  path_remove_directory(fd: number, path: number, len: number): Errno {
    const p = this.path(path, len);
    return this.fds.dir(fd, RIGHTS_PATH_REMOVE_DIRECTORY).rmdir(p);
  }

  path_rename(fd: number, oldPath: number, oldLen: number, newFd: number, newPath: number, newLen: number): Errno {
    const from = this.path(oldPath, oldLen), to = this.path(newPath, newLen);
    const src = this.fds.dir(fd, RIGHTS_PATH_RENAME_SOURCE);
    const dst = this.fds.dir(newFd, RIGHTS_PATH_RENAME_TARGET);
    return src.rename(from, dst, to);
  }

  path_symlink(oldPath: number, oldLen: number, fd: number, newPath: number, newLen: number): Errno {
    const target = this.path(oldPath, oldLen), p = this.path(newPath, newLen);
    return this.fds.dir(fd, RIGHTS_PATH_SYMLINK).symlink(target, p);
  }

  path_unlink_file(fd: number, path: number, len: number): Errno {
    const p = this.path(path, len);
    return this.fds.dir(fd, RIGHTS_PATH_UNLINK_FILE).unlink(p);
  }

  // ── poll_oneoff ────────────────────────────────────────────────────────────────────────────

  /**
   * Returns at once with every subscription that is ready (descriptors that are always ready,
   * errors, clocks that have passed); otherwise waits — on the I/O thread for sockets and piped
   * stdin, else by sleeping — until a descriptor is ready or the earliest clock expires.
   */
  poll_oneoff(inPtr: number, outPtr: number, n: number, countPtr: number): Errno {
    const m = this.m;
    const count = n >>> 0;
    if (count === 0) return ERRNO_INVAL;
    m.check(inPtr, count * SUBSCRIPTION_SIZE);
    m.check(outPtr, count * EVENT_SIZE);
    m.check(countPtr, 4);

    const need = (write: boolean): bigint => RIGHTS_POLL_FD_READWRITE | (write ? RIGHTS_FD_WRITE : RIGHTS_FD_READ);
    type Event = { userdata: bigint; error: Errno; type: number; nbytes: bigint; hangup: boolean };
    const events: Event[] = [];
    const clocks: { userdata: bigint; deadline: bigint }[] = [];
    const pending: { userdata: bigint; type: number; wait: Pending }[] = [];
    const now = monotonicNs();
    for (let i = 0; i < count; i++) {
      const s = (inPtr >>> 0) + i * SUBSCRIPTION_SIZE;
      const userdata = m.u64(s);
      const type = m.u8(s + 8);
      const event = (error: Errno, nbytes = 0n, hangup = false): void => {
        events.push({ userdata, error, type, nbytes, hangup });
      };
      if (type === EVENTTYPE_CLOCK) {
        const id = m.u32(s + 16), timeout = m.u64(s + 24), flags = m.u16(s + 40);
        const clockTime = clockNow(id);
        if (clockTime === undefined || (flags & ~SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME) !== 0) {
          event(ERRNO_INVAL);
        } else {
          // An absolute timeout is on the subscription's clock: convert it to the monotonic one.
          const relative = (flags & SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME) !== 0 ? timeout - clockTime : timeout;
          clocks.push({ userdata, deadline: now + relative });
        }
      } else if (type === EVENTTYPE_FD_READ || type === EVENTTYPE_FD_WRITE) {
        const d = this.fds.get(m.u32(s + 16));
        const write = type === EVENTTYPE_FD_WRITE;
        if (d === undefined) event(ERRNO_BADF);
        else if ((d.base & need(write)) !== need(write)) {
          event(ERRNO_NOTCAPABLE);
        } else {
          const r = readiness(d.resource, write);
          if (typeof r === 'number') event(r);
          else if ('source' in r) pending.push({ userdata, type, wait: r });
          else event(ERRNO_SUCCESS, r.nbytes, r.hangup);
        }
      } else {
        return ERRNO_INVAL;
      }
    }

    const expired = (): void => {
      const t = monotonicNs();
      for (const c of clocks) {
        if (c.deadline <= t) events.push({ userdata: c.userdata, error: ERRNO_SUCCESS, type: EVENTTYPE_CLOCK, nbytes: 0n, hangup: false });
      }
    };
    expired();
    const earliest = clocks.reduce<bigint | null>((a, c) => (a === null || c.deadline < a ? c.deadline : a), null);
    while (events.length === 0) {
      if (pending.length > 0) {
        // One source in practice (the I/O thread); any other is asked without waiting.
        const sources = [...new Set(pending.map((p) => p.wait.source))];
        sources.forEach((source: PollSource, k) => {
          const mine = pending.filter((p) => p.wait.source === source);
          const timeoutMs = k > 0 ? 0 : earliest === null ? null : Math.max(0, Number(earliest - monotonicNs()) / 1e6);
          source.wait(mine.map((p) => p.wait.key), timeoutMs).forEach((r, j) => {
            if (r === null) return;
            const p = mine[j];
            if (typeof r === 'number') events.push({ userdata: p.userdata, error: r, type: p.type, nbytes: 0n, hangup: false });
            else events.push({ userdata: p.userdata, error: ERRNO_SUCCESS, type: p.type, nbytes: r.nbytes, hangup: r.hangup });
          });
        });
      } else {
        sleepUntil(earliest!);
      }
      expired();
    }

    events.forEach((e, i) => {
      const o = (outPtr >>> 0) + i * EVENT_SIZE;
      m.slice(o, EVENT_SIZE).fill(0);
      m.setU64(o, e.userdata);
      m.setU16(o + 8, e.error);
      m.setU8(o + 10, e.type);
      if (e.type !== EVENTTYPE_CLOCK) {
        m.setU64(o + 16, e.nbytes);
        m.setU16(o + 24, e.hangup ? EVENTRWFLAGS_FD_READWRITE_HANGUP : 0);
      }
    });
    m.setU32(countPtr, events.length);
    return ERRNO_SUCCESS;
  }

  // ── processes ──────────────────────────────────────────────────────────────────────────────

  proc_exit(code: number): undefined {
    throw new WasiExit(code >>> 0);
  }

  /**
   * Signals whose default action terminates end the guest as if it had been killed: a WasiExit
   * with 128 + the host's number of the signal, the shell's convention. The others (ignored,
   * stop and continue) have no effect.
   */
  proc_raise(sig: number): Errno {
    const name = SIGNAL_NAMES[sig >>> 0];
    if (name === undefined || sig === 0) return ERRNO_INVAL;
    if (NON_FATAL_SIGNALS.has(name)) return ERRNO_SUCCESS;
    throw new WasiExit(128 + (this.signals[name] ?? LINUX_SIGNALS[name]), name);
  }

  /** The guest is the only thread this instance runs: there is nothing to yield to. */
  sched_yield(): Errno {
    return ERRNO_SUCCESS;
  }

  /** From the platform's cryptographic generator, in the 64 KiB pieces getRandomValues allows. */
  random_get(buf: number, len: number): Errno {
    const dst = this.m.slice(buf, len);
    for (let off = 0; off < dst.length; off += 65536) {
      const part = dst.subarray(off, Math.min(off + 65536, dst.length));
      if (part.buffer instanceof ArrayBuffer) crypto.getRandomValues(part);
      else part.set(crypto.getRandomValues(new Uint8Array(part.length)));
    }
    return ERRNO_SUCCESS;
  }

  // ── sockets ────────────────────────────────────────────────────────────────────────────────

  sock_accept(fd: number, flags: number, out: number): Errno {
    if ((flags & ~FDFLAGS_NONBLOCK) !== 0) return ERRNO_INVAL;
    const d = this.fds.use(fd, RIGHTS_SOCK_ACCEPT);
    const r = d.resource;
    this.m.check(out, 4);
    if (r.kind !== 'listener') return ERRNO_NOTSOCK;
    const conn = unwrap(r.accept(flags));
    this.m.setU32(out, this.fds.add({ resource: conn, base: conn.rights, inheriting: 0n }));
    return ERRNO_SUCCESS;
  }

  /** The result: bytes received at `outLen`, roflags (never truncated: a stream) at `outFlags`. */
  sock_recv(fd: number, iovs: number, iovsLen: number, riflags: number, outLen: number, outFlags: number): Errno {
    if ((riflags & ~(RIFLAGS_RECV_PEEK | RIFLAGS_RECV_WAITALL)) !== 0) return ERRNO_INVAL;
    const r = this.fds.use(fd, RIGHTS_FD_READ).resource;
    const bufs = this.m.iovecs(iovs, iovsLen);
    this.m.check(outLen, 4);
    this.m.check(outFlags, 2);
    if (r.kind !== 'stream' || r.socket === undefined) return ERRNO_NOTSOCK;
    const dst = gather(bufs);
    const n = unwrap(r.socket.recv(dst, (riflags & RIFLAGS_RECV_PEEK) !== 0, (riflags & RIFLAGS_RECV_WAITALL) !== 0));
    scatter(dst, n, bufs);
    this.m.setU32(outLen, n);
    this.m.setU16(outFlags, 0);
    return ERRNO_SUCCESS;
  }

  /** `siflags` has no flags defined: it must be zero. */
  sock_send(fd: number, iovs: number, iovsLen: number, siflags: number, out: number): Errno {
    if (siflags !== 0) return ERRNO_INVAL;
    const r = this.fds.use(fd, RIGHTS_FD_WRITE).resource;
    const src = gather(this.m.iovecs(iovs, iovsLen));
    this.m.check(out, 4);
    if (r.kind !== 'stream' || r.socket === undefined) return ERRNO_NOTSOCK;
    this.m.setU32(out, unwrap(r.socket.send(src)));
    return ERRNO_SUCCESS;
  }

  sock_shutdown(fd: number, how: number): Errno {
    const d = this.fds.get(fd);
    if (d === undefined) return ERRNO_BADF;
    const r = d.resource;
    if (r.kind !== 'stream' || r.socket === undefined) return ERRNO_NOTSOCK;
    if ((d.base & RIGHTS_SOCK_SHUTDOWN) === 0n) return ERRNO_NOTCAPABLE;
    return r.socket.shutdown(how);
  }

  /** `filestat`: dev @0, ino @8, filetype u8 @16, nlink @24, size @32, atim @40, mtim @48, ctim @56. */
  private writeFilestat(out: number, st: Filestat): void {
    const m = this.m;
    m.check(out, 64);
    m.slice(out, 64).fill(0);
    m.setU64(out, st.dev);
    m.setU64(out + 8, st.ino);
    m.setU8(out + 16, st.filetype);
    m.setU64(out + 24, st.nlink);
    m.setU64(out + 32, st.size);
    m.setU64(out + 40, st.atim);
    m.setU64(out + 48, st.mtim);
    m.setU64(out + 56, st.ctim);
  }
}

/** Core Wasm types of each function (lowered from the witx), for linking with exact types. */
export const SIGNATURES: Readonly<Record<string, readonly [readonly ('i32' | 'i64')[], readonly ('i32')[]]>> = {
  args_get: [['i32', 'i32'], ['i32']],
  args_sizes_get: [['i32', 'i32'], ['i32']],
  environ_get: [['i32', 'i32'], ['i32']],
  environ_sizes_get: [['i32', 'i32'], ['i32']],
  clock_res_get: [['i32', 'i32'], ['i32']],
  clock_time_get: [['i32', 'i64', 'i32'], ['i32']],
  fd_advise: [['i32', 'i64', 'i64', 'i32'], ['i32']],
  fd_allocate: [['i32', 'i64', 'i64'], ['i32']],
  fd_close: [['i32'], ['i32']],
  fd_datasync: [['i32'], ['i32']],
  fd_fdstat_get: [['i32', 'i32'], ['i32']],
  fd_fdstat_set_flags: [['i32', 'i32'], ['i32']],
  fd_fdstat_set_rights: [['i32', 'i64', 'i64'], ['i32']],
  fd_filestat_get: [['i32', 'i32'], ['i32']],
  fd_filestat_set_size: [['i32', 'i64'], ['i32']],
  fd_filestat_set_times: [['i32', 'i64', 'i64', 'i32'], ['i32']],
  fd_pread: [['i32', 'i32', 'i32', 'i64', 'i32'], ['i32']],
  fd_prestat_get: [['i32', 'i32'], ['i32']],
  fd_prestat_dir_name: [['i32', 'i32', 'i32'], ['i32']],
  fd_pwrite: [['i32', 'i32', 'i32', 'i64', 'i32'], ['i32']],
  fd_read: [['i32', 'i32', 'i32', 'i32'], ['i32']],
  fd_readdir: [['i32', 'i32', 'i32', 'i64', 'i32'], ['i32']],
  fd_renumber: [['i32', 'i32'], ['i32']],
  fd_seek: [['i32', 'i64', 'i32', 'i32'], ['i32']],
  fd_sync: [['i32'], ['i32']],
  fd_tell: [['i32', 'i32'], ['i32']],
  fd_write: [['i32', 'i32', 'i32', 'i32'], ['i32']],
  path_create_directory: [['i32', 'i32', 'i32'], ['i32']],
  path_filestat_get: [['i32', 'i32', 'i32', 'i32', 'i32'], ['i32']],
  path_filestat_set_times: [['i32', 'i32', 'i32', 'i32', 'i64', 'i64', 'i32'], ['i32']],
  path_link: [['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i32'], ['i32']],
  path_open: [['i32', 'i32', 'i32', 'i32', 'i32', 'i64', 'i64', 'i32', 'i32'], ['i32']],
  path_readlink: [['i32', 'i32', 'i32', 'i32', 'i32', 'i32'], ['i32']],
  path_remove_directory: [['i32', 'i32', 'i32'], ['i32']],
  path_rename: [['i32', 'i32', 'i32', 'i32', 'i32', 'i32'], ['i32']],
  path_symlink: [['i32', 'i32', 'i32', 'i32', 'i32'], ['i32']],
  path_unlink_file: [['i32', 'i32', 'i32'], ['i32']],
  poll_oneoff: [['i32', 'i32', 'i32', 'i32'], ['i32']],
  proc_exit: [['i32'], []],
  proc_raise: [['i32'], ['i32']],
  sched_yield: [[], ['i32']],
  random_get: [['i32', 'i32'], ['i32']],
  sock_accept: [['i32', 'i32', 'i32'], ['i32']],
  sock_recv: [['i32', 'i32', 'i32', 'i32', 'i32', 'i32'], ['i32']],
  sock_send: [['i32', 'i32', 'i32', 'i32', 'i32'], ['i32']],
  sock_shutdown: [['i32', 'i32'], ['i32']],
};
