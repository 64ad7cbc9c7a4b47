/**
 * The host filesystem backend: a directory of the machine, through node:fs, confined to it.
 *
 * Confinement does not trust the OS's path resolution at all. Paths are walked by path.ts one
 * component at a time; this file only ever asks the OS about one name inside one directory it has
 * itself opened (with O_NOFOLLOW|O_DIRECTORY, so a directory swapped for a symlink is refused,
 * not followed), and acts on the final name with calls that never follow it (lstat, lutimes,
 * open with O_NOFOLLOW, mkdir, unlink, rmdir, rename, link, symlink, readlink).
 *
 * Node has no openat(2). On Linux, `/proc/PID/fd/N/name` is resolved by the kernel as `name`
 * inside the directory open as descriptor N — whatever has happened to that directory's path since —
 * so each (directory, name) pair becomes such a path: openat without the syscall ("fd" mode). Where
 * /proc is missing (macOS, Windows, a container without it) the backend falls back to "path" mode:
 * the directory's path from the preopen, re-checked (same device and inode as the open descriptor)
 * before each use; a concurrent host process can then race the check, which fd mode rules out.
 * See RATIONALE, "WASI: why resolve paths component by component?".
 */
import * as fs from 'node:fs';
import {
  ERRNO_2BIG, ERRNO_ACCES, ERRNO_ADDRINUSE, ERRNO_ADDRNOTAVAIL, ERRNO_AFNOSUPPORT, ERRNO_AGAIN, ERRNO_ALREADY,
  ERRNO_BADF, ERRNO_BUSY, ERRNO_CANCELED, ERRNO_CONNABORTED, ERRNO_CONNREFUSED, ERRNO_CONNRESET, ERRNO_DQUOT,
  ERRNO_EXIST, ERRNO_FAULT, ERRNO_FBIG, ERRNO_HOSTUNREACH, ERRNO_INTR, ERRNO_INVAL, ERRNO_IO, ERRNO_ISCONN,
  ERRNO_ISDIR, ERRNO_LOOP, ERRNO_MFILE, ERRNO_MLINK, ERRNO_MSGSIZE, ERRNO_NAMETOOLONG, ERRNO_NETDOWN,
  ERRNO_NETUNREACH, ERRNO_NFILE, ERRNO_NOBUFS, ERRNO_NODEV, ERRNO_NOENT, ERRNO_NOMEM, ERRNO_NOSPC, ERRNO_NOSYS,
  ERRNO_NOTCONN, ERRNO_NOTDIR, ERRNO_NOTEMPTY, ERRNO_NOTSOCK, ERRNO_NOTSUP, ERRNO_NOTTY, ERRNO_NXIO,
  ERRNO_OVERFLOW, ERRNO_PERM, ERRNO_PIPE, ERRNO_PROTO, ERRNO_RANGE, ERRNO_ROFS, ERRNO_SPIPE, ERRNO_SUCCESS,
  ERRNO_TIMEDOUT, ERRNO_TXTBSY, ERRNO_XDEV, errnoName, type Errno,
} from '../errno.js';
import {
  pathLink, pathMkdir, pathOpen, pathReadlink, pathRename, pathRmdir, pathSetTimes, pathStat, pathSymlink,
  pathUnlink, type Kind, type Namespace, type OpenFileOptions,
} from './path.js';
import { checkFstflags, newTimes, realtimeNs } from './time.js';
import {
  ADVICE_NOREUSE, FDFLAGS_APPEND, FDFLAGS_DSYNC, FDFLAGS_NONBLOCK, FDFLAGS_RSYNC, FDFLAGS_SYNC,
  FILETYPE_BLOCK_DEVICE, FILETYPE_CHARACTER_DEVICE, FILETYPE_DIRECTORY, FILETYPE_REGULAR_FILE,
  FILETYPE_SOCKET_STREAM, FILETYPE_SYMBOLIC_LINK, FILETYPE_UNKNOWN, fail, ok, WHENCE_CUR, WHENCE_END,
  WHENCE_SET, type Dirent, type Filestat, type Filetype, type FsDir, type FsFile, type Result,
} from './types.js';

const {
  O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_DIRECTORY, O_NOFOLLOW, O_NONBLOCK, O_SYNC, O_DSYNC,
} = fs.constants;

/** The largest offset a seek may reach: an s64 filedelta. */
const MAX_OFFSET = (1n << 63n) - 1n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

// ---- errors ----------------------------------------------------------------------------------

/** Node's error codes (POSIX names) → WASI errno. */
const ERRNO_OF_CODE: Record<string, Errno> = {
  E2BIG: ERRNO_2BIG, EACCES: ERRNO_ACCES, EADDRINUSE: ERRNO_ADDRINUSE, EADDRNOTAVAIL: ERRNO_ADDRNOTAVAIL,
  EAFNOSUPPORT: ERRNO_AFNOSUPPORT, EAGAIN: ERRNO_AGAIN, EWOULDBLOCK: ERRNO_AGAIN, EALREADY: ERRNO_ALREADY,
  EBADF: ERRNO_BADF, EBUSY: ERRNO_BUSY, ECANCELED: ERRNO_CANCELED, ECONNABORTED: ERRNO_CONNABORTED,
  ECONNREFUSED: ERRNO_CONNREFUSED, ECONNRESET: ERRNO_CONNRESET, EDQUOT: ERRNO_DQUOT, EEXIST: ERRNO_EXIST,
  EFAULT: ERRNO_FAULT, EFBIG: ERRNO_FBIG, EHOSTUNREACH: ERRNO_HOSTUNREACH, EINTR: ERRNO_INTR,
  EINVAL: ERRNO_INVAL, EIO: ERRNO_IO, EISCONN: ERRNO_ISCONN, EISDIR: ERRNO_ISDIR, ELOOP: ERRNO_LOOP,
  EMFILE: ERRNO_MFILE, EMLINK: ERRNO_MLINK, EMSGSIZE: ERRNO_MSGSIZE, ENAMETOOLONG: ERRNO_NAMETOOLONG,
  ENETDOWN: ERRNO_NETDOWN, ENETUNREACH: ERRNO_NETUNREACH, ENFILE: ERRNO_NFILE, ENOBUFS: ERRNO_NOBUFS,
  ENODEV: ERRNO_NODEV, ENOENT: ERRNO_NOENT, ENOMEM: ERRNO_NOMEM, ENOSPC: ERRNO_NOSPC, ENOSYS: ERRNO_NOSYS,
  ENOTCONN: ERRNO_NOTCONN, ENOTDIR: ERRNO_NOTDIR, ENOTEMPTY: ERRNO_NOTEMPTY, ENOTSOCK: ERRNO_NOTSOCK,
  ENOTSUP: ERRNO_NOTSUP, EOPNOTSUPP: ERRNO_NOTSUP, ENOTTY: ERRNO_NOTTY, ENXIO: ERRNO_NXIO,
  EOVERFLOW: ERRNO_OVERFLOW, EPERM: ERRNO_PERM, EPIPE: ERRNO_PIPE, EPROTO: ERRNO_PROTO, ERANGE: ERRNO_RANGE,
  EROFS: ERRNO_ROFS, ESPIPE: ERRNO_SPIPE, ETIMEDOUT: ERRNO_TIMEDOUT, ETXTBSY: ERRNO_TXTBSY, EXDEV: ERRNO_XDEV,
};

/** The errno of an exception from node:fs (or node:net); EIO for anything unrecognized. */
export function errnoOf(e: unknown): Errno {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? ERRNO_OF_CODE[code] ?? ERRNO_IO : ERRNO_IO;
}

/** Runs a node:fs call: its result, or the errno it threw. */
function attempt<T>(f: () => T): Result<T> {
  try {
    return ok(f());
  } catch (e) {
    return fail(errnoOf(e));
  }
}

/** Runs a node:fs call without a result: 0 or the errno it threw. */
function perform(f: () => void): Errno {
  try {
    f();
    return ERRNO_SUCCESS;
  } catch (e) {
    return errnoOf(e);
  }
}

// ---- directories as the walk sees them ----------------------------------------------------------

/** How (directory, name) pairs reach the OS; see the file comment. */
export type HostMode = 'fd' | 'path';

/**
 * The /proc directory of this process's descriptors. `/proc/self` would do, but it is itself a
 * symlink the kernel resolves on every use; the pid is the same in every worker thread.
 */
const procFds = `/proc/${process.pid}/fd`;

/** A directory the backend opened itself. */
export class DirRef {
  private id: { dev: bigint; ino: bigint } | null = null;
  /**
   * @param path its path on the host when it was reached ("path" mode only)
   */
  constructor(readonly fd: number, readonly mode: HostMode, readonly path: string) {}

  /** Device and inode, fetched when first needed (the descriptor pins them). */
  private identity(): { dev: bigint; ino: bigint } {
    if (this.id === null) {
      const st = fs.fstatSync(this.fd, { bigint: true });
      this.id = { dev: st.dev, ino: st.ino };
    }
    return this.id;
  }

  get dev(): bigint {
    return this.identity().dev;
  }

  get ino(): bigint {
    return this.identity().ino;
  }
}

/** A path naming the directory `dir` itself. */
function selfPath(dir: DirRef): string {
  if (dir.mode === 'fd') return `${procFds}/${dir.fd}`;
  const st = fs.lstatSync(dir.path, { bigint: true, throwIfNoEntry: false });
  if (st === undefined || !st.isDirectory() || st.dev !== dir.dev || st.ino !== dir.ino) {
    // Moved or replaced since it was opened: its old path must not be trusted.
    throw Object.assign(new Error(`${dir.path} moved`), { code: 'ENOENT' });
  }
  return dir.path;
}

/** A path naming `name` inside `dir`, resolved by the OS without looking at `dir`'s path. */
function at(dir: DirRef, name: string): string {
  return `${selfPath(dir)}/${name}`;
}

/**
 * Opens the directory at `path` (O_NOFOLLOW unless `follow`: reopening a directory through its
 * /proc fd link must follow that link). A symlink there is ENOTDIR, a file ENOTDIR.
 */
function openDirRef(path: string, mode: HostMode, hostPath: string, follow = false): DirRef {
  return new DirRef(fs.openSync(path, O_RDONLY | O_DIRECTORY | (follow ? 0 : O_NOFOLLOW)), mode, hostPath);
}

function filetypeOf(st: fs.BigIntStats): Filetype {
  if (st.isFile()) return FILETYPE_REGULAR_FILE;
  if (st.isDirectory()) return FILETYPE_DIRECTORY;
  if (st.isSymbolicLink()) return FILETYPE_SYMBOLIC_LINK;
  if (st.isCharacterDevice()) return FILETYPE_CHARACTER_DEVICE;
  if (st.isBlockDevice()) return FILETYPE_BLOCK_DEVICE;
  if (st.isSocket()) return FILETYPE_SOCKET_STREAM;
  return FILETYPE_UNKNOWN; // a FIFO: WASI has no type for it
}

// ---- timestamps --------------------------------------------------------------------------------

/**
 * Times set through this backend, by `dev:ino`. node:fs sets times in float seconds, a double,
 * which keeps only about a quarter of a microsecond of a present-day time, so a time set to the
 * nanosecond would read back a few hundred nanoseconds off. The exact value asked for is kept
 * here with what the host actually stored; while the host still reports that, the exact value is
 * reported instead. Any other change of the time on the host makes the entry stale and unused.
 */
const setTimesMemo = new Map<string, { atim: bigint; mtim: bigint; hostAtim: bigint; hostMtim: bigint }>();

function statOf(st: fs.BigIntStats): Filestat {
  const memo = setTimesMemo.get(`${st.dev}:${st.ino}`);
  return {
    dev: st.dev, ino: st.ino, filetype: filetypeOf(st), nlink: st.nlink, size: st.size,
    atim: memo !== undefined && memo.hostAtim === st.atimeNs ? memo.atim : st.atimeNs,
    mtim: memo !== undefined && memo.hostMtim === st.mtimeNs ? memo.mtim : st.mtimeNs,
    ctim: st.ctimeNs,
  };
}

function seconds(ns: bigint): number {
  return Number(ns / 1_000_000_000n) + Number(ns % 1_000_000_000n) / 1e9;
}

/**
 * Sets times with `apply` (utimes-like, float seconds) from `stat` (the current stats), then
 * remembers the exact values asked for.
 */
function setTimesWith(
  stat: () => fs.BigIntStats, apply: (atime: number, mtime: number) => void, atim: bigint, mtim: bigint, fstflags: number,
): Errno {
  try {
    const t = newTimes(statOf(stat()), atim, mtim, fstflags, realtimeNs);
    apply(seconds(t.atim), seconds(t.mtim));
    const after = stat();
    const key = `${after.dev}:${after.ino}`;
    if (after.atimeNs === t.atim && after.mtimeNs === t.mtim) setTimesMemo.delete(key);
    else setTimesMemo.set(key, { atim: t.atim, mtim: t.mtim, hostAtim: after.atimeNs, hostMtim: after.mtimeNs });
    return ERRNO_SUCCESS;
  } catch (e) {
    return errnoOf(e);
  }
}

// ---- the namespace -----------------------------------------------------------------------------

/** The primitives of path.ts over host directories. */
class HostNamespace implements Namespace<DirRef> {
  kind(dir: DirRef, name: string): Result<Kind> {
    return attempt(() => {
      const st = fs.lstatSync(at(dir, name), { bigint: true, throwIfNoEntry: false });
      if (st === undefined) return 'missing';
      return st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'symlink' : 'other';
    });
  }

  readlink(dir: DirRef, name: string): Result<string> {
    return attempt(() => fs.readlinkSync(at(dir, name)));
  }

  enter(dir: DirRef, name: string): Result<DirRef> {
    return attempt(() => openDirRef(at(dir, name), dir.mode, `${dir.path}/${name}`));
  }

  leave(dir: DirRef): void {
    fs.closeSync(dir.fd);
  }

  stat(dir: DirRef, name: string | null): Result<Filestat> {
    return attempt(() => statOf(name === null
      ? fs.fstatSync(dir.fd, { bigint: true })
      : fs.lstatSync(at(dir, name), { bigint: true })));
  }

  setTimes(dir: DirRef, name: string | null, atim: bigint, mtim: bigint, fstflags: number): Errno {
    if (name === null) {
      return setTimesWith(() => fs.fstatSync(dir.fd, { bigint: true }), (a, m) => fs.futimesSync(dir.fd, a, m), atim, mtim, fstflags);
    }
    return setTimesWith(() => fs.lstatSync(at(dir, name), { bigint: true }), (a, m) => fs.lutimesSync(at(dir, name), a, m),
      atim, mtim, fstflags);
  }

  openFile(dir: DirRef, name: string, how: OpenFileOptions): Result<FsFile> {
    let flags = (how.write ? (how.read ? O_RDWR : O_WRONLY) : O_RDONLY) | O_NOFOLLOW | O_NONBLOCK;
    if (how.create) flags |= O_CREAT;
    if (how.exclusive) flags |= O_EXCL;
    if (how.truncate) flags |= O_TRUNC;
    if ((how.fdflags & (FDFLAGS_SYNC | FDFLAGS_RSYNC)) !== 0) flags |= O_SYNC;
    else if ((how.fdflags & FDFLAGS_DSYNC) !== 0) flags |= O_DSYNC;
    return attempt(() => {
      const fd = fs.openSync(at(dir, name), flags, 0o666);
      const type = filetypeOf(fs.fstatSync(fd, { bigint: true }));
      if (type === FILETYPE_DIRECTORY) {
        // Replaced by a directory since the walk looked: open it as one, or not at all.
        fs.closeSync(fd);
        throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      }
      return new HostFile(fd, type, how.read, how.write, how.fdflags);
    });
  }

  openDir(dir: DirRef, name: string | null): Result<FsDir> {
    const ref = name === null
      ? attempt(() => {
        const again = openDirRef(selfPath(dir), dir.mode, dir.path, true);
        if (again.dev === dir.dev && again.ino === dir.ino) return again;
        fs.closeSync(again.fd);
        throw Object.assign(new Error('directory replaced'), { code: 'ENOENT' });
      })
      : this.enter(dir, name);
    return ref.ok ? ok(new HostDir(ref.value)) : ref;
  }

  mkdir(dir: DirRef, name: string): Errno {
    return perform(() => fs.mkdirSync(at(dir, name)));
  }

  rmdir(dir: DirRef, name: string): Errno {
    return perform(() => fs.rmdirSync(at(dir, name)));
  }

  unlink(dir: DirRef, name: string): Errno {
    return perform(() => fs.unlinkSync(at(dir, name)));
  }

  symlink(target: string, dir: DirRef, name: string): Errno {
    return perform(() => fs.symlinkSync(target, at(dir, name)));
  }

  link(oldDir: DirRef, oldName: string, newDir: DirRef, newName: string): Errno {
    return perform(() => fs.linkSync(at(oldDir, oldName), at(newDir, newName)));
  }

  rename(oldDir: DirRef, oldName: string, newDir: DirRef, newName: string): Errno {
    return perform(() => fs.renameSync(at(oldDir, oldName), at(newDir, newName)));
  }
}

/** The primitives of path.ts over host directories (exported for tests of the OS-level guards). */
export const hostNamespace: Namespace<DirRef> = new HostNamespace();

// ---- handles -----------------------------------------------------------------------------------

/** An open non-directory on the host. */
class HostFile implements FsFile {
  readonly kind = 'file';
  private position = 0n;
  private closed = false;
  /** Regular files and block devices have offsets; pipes, sockets and terminals do not. */
  private readonly seekable: boolean;

  constructor(
    private readonly fd: number, readonly filetype: Filetype, private readonly readable: boolean,
    private readonly writable: boolean, private flags: number,
  ) {
    this.seekable = filetype === FILETYPE_REGULAR_FILE || filetype === FILETYPE_BLOCK_DEVICE;
  }

  get fdflags(): number {
    return this.flags;
  }

  setFdflags(fdflags: number): Errno {
    if (this.closed) return ERRNO_BADF;
    if ((fdflags & ~(FDFLAGS_APPEND | FDFLAGS_NONBLOCK)) !== 0) return ERRNO_INVAL;
    this.flags = (this.flags & (FDFLAGS_DSYNC | FDFLAGS_RSYNC | FDFLAGS_SYNC)) | fdflags;
    return ERRNO_SUCCESS;
  }

  private fstat(): fs.BigIntStats {
    return fs.fstatSync(this.fd, { bigint: true });
  }

  stat(): Result<Filestat> {
    return this.closed ? fail(ERRNO_BADF) : attempt(() => statOf(this.fstat()));
  }

  setTimes(atim: bigint, mtim: bigint, fstflags: number): Errno {
    if (this.closed) return ERRNO_BADF;
    const bad = checkFstflags(fstflags);
    if (bad !== ERRNO_SUCCESS) return bad;
    return setTimesWith(() => this.fstat(), (a, m) => fs.futimesSync(this.fd, a, m), atim, mtim, fstflags);
  }

  sync(): Errno {
    return this.closed ? ERRNO_BADF : perform(() => fs.fsyncSync(this.fd));
  }

  datasync(): Errno {
    return this.closed ? ERRNO_BADF : perform(() => fs.fdatasyncSync(this.fd));
  }

  close(): Errno {
    if (this.closed) return ERRNO_BADF;
    this.closed = true;
    return perform(() => fs.closeSync(this.fd));
  }

  /** Reads at `offset` (the OS's own position when null). */
  private readAt(dst: Uint8Array, offset: bigint | null): Result<number> {
    const position = offset === null ? null : offset <= MAX_SAFE ? Number(offset) : offset;
    return attempt(() => fs.readSync(this.fd, dst, 0, dst.length, position));
  }

  /** Writes at `offset` (the OS's own position when null). node:fs ignores a bigint position here. */
  private writeAt(src: Uint8Array, offset: bigint | null): Result<number> {
    if (offset !== null && offset + BigInt(src.length) > MAX_SAFE) return fail(ERRNO_FBIG);
    return attempt(() => fs.writeSync(this.fd, src, 0, src.length, offset === null ? null : Number(offset)));
  }

  read(dst: Uint8Array): Result<number> {
    if (this.closed || !this.readable) return fail(ERRNO_BADF);
    const r = this.readAt(dst, this.seekable ? this.position : null);
    if (r.ok && this.seekable) this.position += BigInt(r.value);
    return r;
  }

  pread(dst: Uint8Array, offset: bigint): Result<number> {
    if (this.closed || !this.readable) return fail(ERRNO_BADF);
    if (!this.seekable) return fail(ERRNO_SPIPE);
    if (offset < 0n) return fail(ERRNO_INVAL);
    return this.readAt(dst, offset);
  }

  write(src: Uint8Array): Result<number> {
    if (this.closed || !this.writable) return fail(ERRNO_BADF);
    if (!this.seekable) return this.writeAt(src, null);
    // APPEND is applied here rather than with O_APPEND, which fd_fdstat_set_flags could not
    // change later (node:fs has no fcntl).
    let at = this.position;
    if ((this.flags & FDFLAGS_APPEND) !== 0) {
      const size = attempt(() => this.fstat().size);
      if (!size.ok) return size;
      at = size.value;
    }
    const r = this.writeAt(src, at);
    if (r.ok) this.position = at + BigInt(r.value);
    return r;
  }

  pwrite(src: Uint8Array, offset: bigint): Result<number> {
    if (this.closed || !this.writable) return fail(ERRNO_BADF);
    if (!this.seekable) return fail(ERRNO_SPIPE);
    if (offset < 0n) return fail(ERRNO_INVAL);
    return this.writeAt(src, offset);
  }

  seek(offset: bigint, whence: number): Result<bigint> {
    if (this.closed) return fail(ERRNO_BADF);
    if (!this.seekable) return fail(ERRNO_SPIPE);
    let base: bigint;
    if (whence === WHENCE_SET) base = 0n;
    else if (whence === WHENCE_CUR) base = this.position;
    else if (whence === WHENCE_END) {
      const size = attempt(() => this.fstat().size);
      if (!size.ok) return size;
      base = size.value;
    } else return fail(ERRNO_INVAL);
    const target = base + offset;
    if (target < 0n || target > MAX_OFFSET) return fail(ERRNO_INVAL);
    this.position = target;
    return ok(target);
  }

  tell(): Result<bigint> {
    if (this.closed) return fail(ERRNO_BADF);
    return this.seekable ? ok(this.position) : fail(ERRNO_SPIPE);
  }

  allocate(offset: bigint, len: bigint): Errno {
    if (this.closed || !this.writable) return ERRNO_BADF;
    if (offset < 0n || len <= 0n) return ERRNO_INVAL;
    const end = offset + len;
    if (end > MAX_SAFE) return ERRNO_FBIG;
    // node:fs has no fallocate; growing the file gives the same visible result.
    return perform(() => {
      if (this.fstat().size < end) fs.ftruncateSync(this.fd, Number(end));
    });
  }

  advise(offset: bigint, len: bigint, advice: number): Errno {
    if (this.closed) return ERRNO_BADF;
    return advice < 0 || advice > ADVICE_NOREUSE || offset < 0n || len < 0n ? ERRNO_INVAL : ERRNO_SUCCESS;
  }

  setSize(size: bigint): Errno {
    if (this.closed || !this.writable) return ERRNO_BADF;
    if (size < 0n) return ERRNO_INVAL;
    if (size > MAX_SAFE) return ERRNO_FBIG;
    return perform(() => fs.ftruncateSync(this.fd, Number(size)));
  }
}

/** An open host directory: the path operations from it, and its listing. */
export class HostDir implements FsDir {
  readonly kind = 'dir';
  readonly filetype = FILETYPE_DIRECTORY;
  private closed = false;
  /** The listing taken at cookie 0, which later cookies continue. */
  private listing: Dirent[] | null = null;

  constructor(readonly ref: DirRef) {}

  /** How this directory's names reach the OS. */
  get mode(): HostMode {
    return this.ref.mode;
  }

  stat(): Result<Filestat> {
    return this.closed ? fail(ERRNO_BADF) : hostNamespace.stat(this.ref, null);
  }

  setTimes(atim: bigint, mtim: bigint, fstflags: number): Errno {
    if (this.closed) return ERRNO_BADF;
    const bad = checkFstflags(fstflags);
    return bad !== ERRNO_SUCCESS ? bad : hostNamespace.setTimes(this.ref, null, atim, mtim, fstflags);
  }

  sync(): Errno {
    return this.closed ? ERRNO_BADF : perform(() => fs.fsyncSync(this.ref.fd));
  }

  datasync(): Errno {
    return this.closed ? ERRNO_BADF : perform(() => fs.fdatasyncSync(this.ref.fd));
  }

  close(): Errno {
    if (this.closed) return ERRNO_BADF;
    this.closed = true;
    this.listing = [];
    return perform(() => fs.closeSync(this.ref.fd));
  }

  /**
   * `.` and `..` come first; `..` reports this directory's own inode, since looking at the real
   * parent would mean looking outside the capability. The listing is taken at cookie 0 (or the
   * first call) and continued by later cookies, so entries removed or added meanwhile do not
   * shift the cookies; a name removed while the listing is taken shows with an unknown type.
   */
  readdir(cookie: bigint): Result<Dirent[]> {
    if (this.closed) return fail(ERRNO_BADF);
    if (cookie === 0n || this.listing === null) {
      const listing = attempt(() => this.list());
      if (!listing.ok) return listing;
      this.listing = listing.value;
    }
    return ok(cookie < BigInt(this.listing.length) ? this.listing.slice(Number(cookie)) : []);
  }

  private list(): Dirent[] {
    const ref = this.ref;
    // A removed directory is empty, though path mode can no longer reach it by its path.
    const names = fs.fstatSync(ref.fd, { bigint: true }).nlink === 0n ? [] : fs.readdirSync(selfPath(ref));
    const out: Dirent[] = [
      { next: 1n, ino: ref.ino, type: FILETYPE_DIRECTORY, name: '.' },
      { next: 2n, ino: ref.ino, type: FILETYPE_DIRECTORY, name: '..' },
    ];
    for (const name of names) {
      const st = fs.lstatSync(at(ref, name), { bigint: true, throwIfNoEntry: false });
      out.push({
        next: BigInt(out.length + 1), ino: st?.ino ?? 0n, type: st === undefined ? FILETYPE_UNKNOWN : filetypeOf(st), name,
      });
    }
    return out;
  }

  /** The directory of another HostDir, or null (→ EXDEV: a different backend). */
  private hostRef(other: FsDir): DirRef | null {
    return other instanceof HostDir ? other.ref : null;
  }

  open(path: string, lookupflags: number, oflags: number, fdflags: number, read: boolean, write: boolean): Result<FsFile | FsDir> {
    if (this.closed) return fail(ERRNO_BADF);
    return pathOpen(hostNamespace, this.ref, path, lookupflags, oflags, fdflags, read, write);
  }

  statAt(path: string, lookupflags: number): Result<Filestat> {
    if (this.closed) return fail(ERRNO_BADF);
    return pathStat(hostNamespace, this.ref, path, lookupflags);
  }

  setTimesAt(path: string, lookupflags: number, atim: bigint, mtim: bigint, fstflags: number): Errno {
    if (this.closed) return ERRNO_BADF;
    return pathSetTimes(hostNamespace, this.ref, path, lookupflags, atim, mtim, fstflags);
  }

  mkdir(path: string): Errno {
    return this.closed ? ERRNO_BADF : pathMkdir(hostNamespace, this.ref, path);
  }

  rmdir(path: string): Errno {
    return this.closed ? ERRNO_BADF : pathRmdir(hostNamespace, this.ref, path);
  }

  unlink(path: string): Errno {
    return this.closed ? ERRNO_BADF : pathUnlink(hostNamespace, this.ref, path);
  }

  rename(oldPath: string, newDir: FsDir, newPath: string): Errno {
    if (this.closed) return ERRNO_BADF;
    const to = this.hostRef(newDir);
    return to === null ? ERRNO_XDEV : pathRename(hostNamespace, this.ref, oldPath, to, newPath);
  }

  link(oldLookupflags: number, oldPath: string, newDir: FsDir, newPath: string): Errno {
    if (this.closed) return ERRNO_BADF;
    const to = this.hostRef(newDir);
    return to === null ? ERRNO_XDEV : pathLink(hostNamespace, this.ref, oldLookupflags, oldPath, to, newPath);
  }

  symlink(target: string, newPath: string): Errno {
    return this.closed ? ERRNO_BADF : pathSymlink(hostNamespace, this.ref, target, newPath);
  }

  readlink(path: string): Result<string> {
    return this.closed ? fail(ERRNO_BADF) : pathReadlink(hostNamespace, this.ref, path);
  }
}

// ---- preopening --------------------------------------------------------------------------------

/** Whether `/proc/PID/fd/N/…` reaches inside the directory open as `dir.fd` (Linux). */
function procFdWorks(dir: DirRef): boolean {
  try {
    const st = fs.statSync(`${procFds}/${dir.fd}/.`, { bigint: true });
    return st.dev === dir.dev && st.ino === dir.ino;
  } catch {
    return false;
  }
}

export interface HostDirOptions {
  /** Force a mode (tests); by default "fd" where /proc works, else "path". */
  readonly mode?: HostMode;
}

/**
 * Opens the host directory `hostPath` as a confined {@link FsDir}, to preopen. `hostPath` itself
 * is resolved by the OS as the embedder wrote it (symlinks included); everything the guest names
 * below it is confined. Throws an Error if it cannot be opened as a directory.
 */
export function openHostDir(hostPath: string, options: HostDirOptions = {}): FsDir & { readonly mode: HostMode } {
  let fd = -1;
  try {
    fd = fs.openSync(hostPath, O_RDONLY | O_DIRECTORY);
    const probe = new DirRef(fd, 'fd', fs.realpathSync(hostPath));
    return new HostDir(new DirRef(fd, options.mode ?? (procFdWorks(probe) ? 'fd' : 'path'), probe.path));
  } catch (e) {
    if (fd >= 0) fs.closeSync(fd);
    throw new Error(`cannot open ${JSON.stringify(hostPath)} as a directory: ${errnoName(errnoOf(e))}`);
  }
}
