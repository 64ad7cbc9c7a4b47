/**
 * The filesystem backend interface of WASI preview1 (witx `wasi_snapshot_preview1`, types in
 * `typenames.witx`).
 *
 * A preopened directory is an {@link FsDir}. Everything a guest can reach is reached from one by
 * `open` and the other path operations, which resolve their path *component by component* inside
 * that directory: `..` never climbs above it, absolute paths are refused, and symbolic links are
 * expanded by the backend itself (never by the host OS) so they cannot lead outside either.
 * Every directory handle is a capability of its own, as in capability-based runtimes: a path given
 * to a handle opened on `a/b` cannot climb above `a/b`, even though the preopen holds `a`.
 *
 * Conventions:
 * - No method throws for anything a guest can cause. Operations without a result return an
 *   {@link Errno} (0 = success); operations with one return a {@link Result}.
 * - Sizes, offsets, timestamps, inodes, devices and cookies are `bigint` (WASI u64/s64).
 * - Paths are strings (the preview1 layer decodes the guest's UTF-8 and answers EILSEQ itself).
 * - Rights are the preview1 layer's business; it translates them into the `read`/`write` access
 *   an open needs. Backends check only what the filesystem itself forbids.
 *
 * Backends: src/wasi/fs/memory.ts (`new MemoryFs().root()`, no node imports — works in browsers)
 * and src/wasi/fs/host.ts (`openHostDir(path)`, node:fs, confined to that directory). Both resolve
 * paths with src/wasi/fs/path.ts. Preopens may mix them; `rename`/`link` between directories of
 * different backends answer EXDEV.
 */
import type { Errno } from '../errno.js';

export type { Errno } from '../errno.js';

/** A value or the errno explaining why there is none. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errno: Errno };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(errno: Errno): Result<T> {
  return { ok: false, errno };
}

// ---- witx enums and flags used by the filesystem -------------------------------------------

/** `filetype` (u8). */
export const FILETYPE_UNKNOWN = 0;
export const FILETYPE_BLOCK_DEVICE = 1;
export const FILETYPE_CHARACTER_DEVICE = 2;
export const FILETYPE_DIRECTORY = 3;
export const FILETYPE_REGULAR_FILE = 4;
export const FILETYPE_SOCKET_DGRAM = 5;
export const FILETYPE_SOCKET_STREAM = 6;
export const FILETYPE_SYMBOLIC_LINK = 7;
export type Filetype = number;

/** `whence` (u8). */
export const WHENCE_SET = 0;
export const WHENCE_CUR = 1;
export const WHENCE_END = 2;

/** `advice` (u8). */
export const ADVICE_NORMAL = 0;
export const ADVICE_SEQUENTIAL = 1;
export const ADVICE_RANDOM = 2;
export const ADVICE_WILLNEED = 3;
export const ADVICE_DONTNEED = 4;
export const ADVICE_NOREUSE = 5;

/** `fdflags` (u16). */
export const FDFLAGS_APPEND = 1 << 0;
export const FDFLAGS_DSYNC = 1 << 1;
export const FDFLAGS_NONBLOCK = 1 << 2;
export const FDFLAGS_RSYNC = 1 << 3;
export const FDFLAGS_SYNC = 1 << 4;

/** `fstflags` (u16). */
export const FSTFLAGS_ATIM = 1 << 0;
export const FSTFLAGS_ATIM_NOW = 1 << 1;
export const FSTFLAGS_MTIM = 1 << 2;
export const FSTFLAGS_MTIM_NOW = 1 << 3;

/** `lookupflags` (u32). */
export const LOOKUPFLAGS_SYMLINK_FOLLOW = 1 << 0;

/** `oflags` (u16). */
export const OFLAGS_CREAT = 1 << 0;
export const OFLAGS_DIRECTORY = 1 << 1;
export const OFLAGS_EXCL = 1 << 2;
export const OFLAGS_TRUNC = 1 << 3;

// ---- records ---------------------------------------------------------------------------------

/** `filestat`: what `fd_filestat_get` / `path_filestat_get` report. Times in ns since the epoch. */
export interface Filestat {
  readonly dev: bigint;
  readonly ino: bigint;
  readonly filetype: Filetype;
  readonly nlink: bigint;
  /** Bytes of a regular file; length of the target of a symlink. */
  readonly size: bigint;
  readonly atim: bigint;
  readonly mtim: bigint;
  readonly ctim: bigint;
}

/** One `dirent` plus its name, as `fd_readdir` serializes it. */
export interface Dirent {
  /** The cookie that continues the listing after this entry (`d_next`). */
  readonly next: bigint;
  readonly ino: bigint;
  readonly type: Filetype;
  readonly name: string;
}

// ---- handles ---------------------------------------------------------------------------------

/** What every open handle (file or directory) can do. */
export interface FsHandle {
  /** `fdstat.fs_filetype`. */
  readonly filetype: Filetype;
  /** `fd_filestat_get`. */
  stat(): Result<Filestat>;
  /**
   * `fd_filestat_set_times`. `fstflags` is validated here: ATIM with ATIM_NOW, or MTIM with
   * MTIM_NOW, is EINVAL. The *_NOW flags use the realtime clock.
   */
  setTimes(atim: bigint, mtim: bigint, fstflags: number): Errno;
  /** `fd_sync`. */
  sync(): Errno;
  /** `fd_datasync`. */
  datasync(): Errno;
  /** `fd_close`. Further use of the handle answers EBADF. */
  close(): Errno;
}

/** An open non-directory: regular file, or a device/FIFO/socket met inside a host preopen. */
export interface FsFile extends FsHandle {
  readonly kind: 'file';
  /** Current `fdstat.fs_flags` (APPEND, NONBLOCK and the sync flags given at open). */
  readonly fdflags: number;
  /**
   * `fd_fdstat_set_flags`: APPEND and NONBLOCK can change; asking for DSYNC, RSYNC or SYNC
   * answers EINVAL (they can only be chosen at open, as with fcntl(F_SETFL)).
   */
  setFdflags(fdflags: number): Errno;
  /** `fd_read` at the handle's offset, advancing it: bytes read into `dst` (0 at end of file). */
  read(dst: Uint8Array): Result<number>;
  /** `fd_pread`: like `read` at `offset`; the handle's offset does not move. */
  pread(dst: Uint8Array, offset: bigint): Result<number>;
  /** `fd_write` at the handle's offset (at the end with APPEND), advancing it: bytes written. */
  write(src: Uint8Array): Result<number>;
  /** `fd_pwrite`: like `write` at `offset`; the handle's offset does not move. */
  pwrite(src: Uint8Array, offset: bigint): Result<number>;
  /** `fd_seek`: the new offset; EINVAL for a bad `whence` or a negative result, ESPIPE if unseekable. */
  seek(offset: bigint, whence: number): Result<bigint>;
  /** `fd_tell`. */
  tell(): Result<bigint>;
  /** `fd_allocate`: the file grows to at least `offset + len` bytes (never shrinks). */
  allocate(offset: bigint, len: bigint): Errno;
  /** `fd_advise`: validated (EINVAL for an unknown `advice`), otherwise only a hint. */
  advise(offset: bigint, len: bigint, advice: number): Errno;
  /** `fd_filestat_set_size`: truncate or zero-extend. */
  setSize(size: bigint): Errno;
}

/**
 * An open directory. Path arguments are relative to it; each is resolved component by component,
 * staying within this directory (not merely within the preopen):
 * - an absolute path, or `..` above this directory, or a symlink whose expansion would do either
 *   (an absolute target, or too many `..`), answers EPERM, and nothing outside is touched;
 * - more than 40 symlink expansions in one resolution answer ELOOP;
 * - an empty path is ENOENT; a component of a path through a non-directory is ENOTDIR;
 * - a trailing `/` requires a directory (and follows a final symlink);
 * - a path containing NUL is EINVAL.
 * `lookupflags` (LOOKUPFLAGS_SYMLINK_FOLLOW) only decides whether a *final* symlink is followed;
 * intermediate symlinks are always followed (within the root).
 */
export interface FsDir extends FsHandle {
  readonly kind: 'dir';
  /**
   * `fd_readdir`: the entries from `cookie` on, starting with `.` and `..` (cookie 0 is the start;
   * each entry's `next` continues after it). A cookie past the end gives an empty list.
   */
  readdir(cookie: bigint): Result<Dirent[]>;
  /**
   * `path_open`. `read`/`write` is the access the preview1 layer derived from the rights.
   * OFLAGS_DIRECTORY requires a directory (ENOTDIR); CREAT|EXCL on an existing path is EEXIST
   * (even a dangling symlink); opening a final symlink without SYMLINK_FOLLOW is ELOOP (ENOTDIR
   * with OFLAGS_DIRECTORY); a directory opened with `write`, CREAT or TRUNC is EISDIR; CREAT with
   * OFLAGS_DIRECTORY is EINVAL. TRUNC truncates even when `write` is false (its right is
   * PATH_FILESTAT_SET_SIZE on the directory, which the preview1 layer checks).
   */
  open(path: string, lookupflags: number, oflags: number, fdflags: number, read: boolean,
       write: boolean): Result<FsFile | FsDir>;
  /** `path_filestat_get`. */
  statAt(path: string, lookupflags: number): Result<Filestat>;
  /** `path_filestat_set_times` (fstflags validated as in `setTimes`). */
  setTimesAt(path: string, lookupflags: number, atim: bigint, mtim: bigint, fstflags: number): Errno;
  /** `path_create_directory`: EEXIST if anything (even a dangling symlink) has that name. */
  mkdir(path: string): Errno;
  /** `path_remove_directory`: ENOTDIR for a non-directory (or a symlink), ENOTEMPTY, EBUSY for the root. */
  rmdir(path: string): Errno;
  /** `path_unlink_file`: removes a file or a symlink (never its target); EISDIR for a directory. */
  unlink(path: string): Errno;
  /**
   * `path_rename`: POSIX rename(2) semantics inside the confinement (replaces a file, or an empty
   * directory by a directory; EISDIR/ENOTDIR on a kind mismatch; EINVAL moving a directory into
   * itself). EXDEV if `newDir` belongs to another filesystem.
   */
  rename(oldPath: string, newDir: FsDir, newPath: string): Errno;
  /**
   * `path_link`: a hard link at `newPath` (in `newDir`) to the file at `oldPath`. Directories
   * cannot be linked (EPERM). `oldLookupflags` decides whether a final symlink at `oldPath` is
   * followed. EXDEV across filesystems.
   */
  link(oldLookupflags: number, oldPath: string, newDir: FsDir, newPath: string): Errno;
  /**
   * `path_symlink`: creates `newPath` → `target`. An absolute target is EPERM (as in wasmtime); a
   * relative one is stored verbatim, dangling or not: confinement is enforced whenever a link is
   * *followed*, so a link made to point above the directory is harmless.
   */
  symlink(target: string, newPath: string): Errno;
  /** `path_readlink`: the target of the symlink at `path` (EINVAL if it is not a symlink). */
  readlink(path: string): Result<string>;
}
