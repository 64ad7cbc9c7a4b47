/**
 * Path resolution and the path operations of WASI preview1, shared by every backend.
 *
 * A backend describes itself as a {@link Namespace}: how to look at *one name in one directory*
 * without following it, how to enter a directory, and the primitive operations on one name. This
 * file does the rest — splitting paths, `.` and `..`, symlink expansion, trailing slashes, the
 * checks that pick the errno — once, so both backends confine paths the same way and answer the
 * same errno for the same situation. See RATIONALE, "WASI: why resolve paths component by
 * component?".
 *
 * The walk never hands the host a path with more than one component: a backend only ever sees
 * (directory it entered itself, single name that is neither `.` nor `..`).
 */
import {
  ERRNO_BUSY, ERRNO_EXIST, ERRNO_INVAL, ERRNO_ISDIR, ERRNO_LOOP, ERRNO_NOENT, ERRNO_NOTDIR, ERRNO_PERM,
  ERRNO_SUCCESS, type Errno,
} from '../errno.js';
import { checkFstflags } from './time.js';
import {
  fail, LOOKUPFLAGS_SYMLINK_FOLLOW, OFLAGS_CREAT, OFLAGS_DIRECTORY, OFLAGS_EXCL, OFLAGS_TRUNC,
  type Filestat, type FsDir, type FsFile, type Result,
} from './types.js';

/** Linux's MAXSYMLINKS: expansions allowed in one resolution before ELOOP. */
export const MAX_SYMLINK_EXPANSIONS = 40;

/** What a name in a directory is, not following it. */
export type Kind = 'dir' | 'symlink' | 'other' | 'missing';

/** How `path_open` wants a regular file (or other non-directory) opened. */
export interface OpenFileOptions {
  readonly create: boolean;
  readonly exclusive: boolean;
  readonly truncate: boolean;
  readonly read: boolean;
  readonly write: boolean;
  readonly fdflags: number;
}

/**
 * A backend seen as directories `D` and names. `name` arguments are single components, never `.`
 * or `..`, never containing `/`; no method follows a symlink at `name`. `null` as a name means
 * the directory `dir` itself.
 */
export interface Namespace<D> {
  /** lstat: what `name` is in `dir`. */
  kind(dir: D, name: string): Result<Kind>;
  /** The target of the symlink `name`. */
  readlink(dir: D, name: string): Result<string>;
  /**
   * The directory `name` of `dir`, entered without following a symlink: ENOTDIR for a symlink
   * or any other non-directory, ENOENT if missing.
   */
  enter(dir: D, name: string): Result<D>;
  /** Done with a directory returned by `enter` (a host backend closes its descriptor). */
  leave(dir: D): void;

  stat(dir: D, name: string | null): Result<Filestat>;
  /** fstflags already validated. */
  setTimes(dir: D, name: string | null, atim: bigint, mtim: bigint, fstflags: number): Errno;
  /** `name` is missing (create) or a non-directory. */
  openFile(dir: D, name: string, how: OpenFileOptions): Result<FsFile>;
  /** `name` is a directory, or null for `dir` itself: a new handle on it. */
  openDir(dir: D, name: string | null): Result<FsDir>;
  /** `name` is missing. */
  mkdir(dir: D, name: string): Errno;
  /** `name` is a directory; ENOTEMPTY is the backend's to find. */
  rmdir(dir: D, name: string): Errno;
  /** `name` is a file or a symlink. */
  unlink(dir: D, name: string): Errno;
  /** `name` is missing; `target` is relative. */
  symlink(target: string, dir: D, name: string): Errno;
  /** `oldName` is a non-directory, `newName` is missing. */
  link(oldDir: D, oldName: string, newDir: D, newName: string): Errno;
  /**
   * Kinds already checked (a directory replaces only a directory, a non-directory only a
   * non-directory); the backend finds ENOTEMPTY and EINVAL (a directory into itself).
   */
  rename(oldDir: D, oldName: string, newDir: D, newName: string): Errno;
}

/**
 * Whether the final component is followed when it is a symlink: `follow` always; `nofollow` only
 * when the path ends with `/` (POSIX: a trailing slash resolves the link); `never` not even then
 * (the operations that act on the link itself: unlink, rmdir, rename, the new name of mkdir,
 * symlink and link).
 */
export type Follow = 'follow' | 'nofollow' | 'never';

/** A resolved path. The caller must {@link release} it. */
export interface Walk<D> {
  /** The start directory, then each directory entered; the last one holds `name`. */
  readonly dirs: D[];
  /** The final component, or null when the path names the last of `dirs` itself (`.`, `a/..`). */
  readonly name: string | null;
  /** What `name` is (`dir` when `name` is null). */
  readonly kind: Kind;
  /** The path, or the link that ended it, ended with `/`: only a directory will do. */
  readonly slash: boolean;
}

/** Leaves the directories a walk entered (not its start). */
export function release<D>(ns: Namespace<D>, walk: Walk<D>): void {
  for (let i = walk.dirs.length - 1; i > 0; i--) ns.leave(walk.dirs[i]);
}

/** Pushes the components of `path` so that popping yields them in order (empty ones dropped). */
function pushComponents(stack: string[], path: string): void {
  const parts = path.split('/');
  for (let i = parts.length - 1; i >= 0; i--) if (parts[i] !== '') stack.push(parts[i]);
}

/**
 * Resolves `path` from `start`, one component at a time, never above `start`:
 * absolute paths and symlinks → EPERM, `..` above `start` → EPERM, more than
 * {@link MAX_SYMLINK_EXPANSIONS} expansions → ELOOP, a missing or non-directory intermediate
 * component → ENOENT / ENOTDIR, an empty path → ENOENT, NUL → EINVAL.
 */
export function walk<D>(ns: Namespace<D>, start: D, path: string, follow: Follow): Result<Walk<D>> {
  if (path.length === 0) return fail(ERRNO_NOENT);
  if (path.includes('\0')) return fail(ERRNO_INVAL);
  if (path.charCodeAt(0) === 0x2f) return fail(ERRNO_PERM);
  const dirs: D[] = [start];
  const pending: string[] = [];
  pushComponents(pending, path);
  let slash = path.endsWith('/');
  let expansions = 0;
  let done = false;
  try {
    while (pending.length > 0) {
      const name = pending.pop()!;
      if (name === '.') continue;
      if (name === '..') {
        if (dirs.length === 1) return fail(ERRNO_PERM);
        ns.leave(dirs.pop()!);
        continue;
      }
      const parent = dirs[dirs.length - 1];
      const last = pending.length === 0;
      if (!last) {
        // Most intermediate names are directories: try entering first, look closer on failure.
        const entered = ns.enter(parent, name);
        if (entered.ok) {
          dirs.push(entered.value);
          continue;
        }
        if (entered.errno !== ERRNO_NOTDIR && entered.errno !== ERRNO_LOOP) return entered;
      }
      const found = ns.kind(parent, name);
      if (!found.ok) return found;
      const kind = found.value;
      if (kind === 'symlink' && (!last || follow === 'follow' || (slash && follow === 'nofollow'))) {
        if (++expansions > MAX_SYMLINK_EXPANSIONS) return fail(ERRNO_LOOP);
        const target = ns.readlink(parent, name);
        if (!target.ok) return target;
        if (target.value.length === 0) return fail(ERRNO_NOENT);
        if (target.value.charCodeAt(0) === 0x2f) return fail(ERRNO_PERM);
        if (last && target.value.endsWith('/')) slash = true;
        pushComponents(pending, target.value);
        continue;
      }
      if (last) {
        done = true;
        return { ok: true, value: { dirs, name, kind, slash } };
      }
      // Not a directory (or no longer one, or not yet one: the host changed it meanwhile).
      return fail(kind === 'missing' ? ERRNO_NOENT : ERRNO_NOTDIR);
    }
    done = true;
    return { ok: true, value: { dirs, name: null, kind: 'dir', slash } };
  } finally {
    if (!done) for (let i = dirs.length - 1; i > 0; i--) ns.leave(dirs[i]);
  }
}

/** The directory holding the final name of a walk. */
function parentOf<D>(w: Walk<D>): D {
  return w.dirs[w.dirs.length - 1];
}

/** Whether the last component of `path` (trailing slashes aside) is `.`. */
function endsWithDot(path: string): boolean {
  const parts = path.split('/').filter((p) => p !== '');
  return parts[parts.length - 1] === '.';
}

// ---- the path operations ----------------------------------------------------------------------

/** `path_open`; see {@link FsDir.open}. */
export function pathOpen<D>(
  ns: Namespace<D>, start: D, path: string, lookupflags: number, oflags: number, fdflags: number,
  read: boolean, write: boolean,
): Result<FsFile | FsDir> {
  if ((lookupflags & ~LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0 || (oflags & ~0xf) !== 0 || (fdflags & ~0x1f) !== 0) {
    return fail(ERRNO_INVAL);
  }
  const create = (oflags & OFLAGS_CREAT) !== 0;
  const exclusive = create && (oflags & OFLAGS_EXCL) !== 0;
  const directory = (oflags & OFLAGS_DIRECTORY) !== 0;
  const truncate = (oflags & OFLAGS_TRUNC) !== 0;
  if (create && directory) return fail(ERRNO_INVAL);
  // CREAT|EXCL never follows a final symlink: it names something that exists (POSIX open()).
  const follow = exclusive ? 'never' : (lookupflags & LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0 ? 'follow' : 'nofollow';
  const r = walk(ns, start, path, follow);
  if (!r.ok) return r;
  const w = r.value;
  try {
    const dir = parentOf(w);
    if (exclusive && w.kind !== 'missing') return fail(ERRNO_EXIST);
    switch (w.kind) {
      case 'missing':
        if (!create) return fail(ERRNO_NOENT);
        if (w.slash) return fail(ERRNO_ISDIR);
        return ns.openFile(dir, w.name!, { create, exclusive, truncate, read, write, fdflags });
      case 'symlink':
        return fail(directory ? ERRNO_NOTDIR : ERRNO_LOOP);
      case 'dir':
        if (write || truncate || create) return fail(ERRNO_ISDIR);
        return ns.openDir(dir, w.name);
      case 'other':
        if (directory || w.slash) return fail(ERRNO_NOTDIR);
        return ns.openFile(dir, w.name!, { create: false, exclusive: false, truncate, read, write, fdflags });
    }
  } finally {
    release(ns, w);
  }
}

/** Walks for an operation on whatever the path names, following per `lookupflags`. */
function walkExisting<D>(ns: Namespace<D>, start: D, path: string, lookupflags: number): Result<Walk<D>> {
  if ((lookupflags & ~LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0) return fail(ERRNO_INVAL);
  const r = walk(ns, start, path, (lookupflags & LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0 ? 'follow' : 'nofollow');
  if (!r.ok) return r;
  const w = r.value;
  if (w.kind === 'missing' || (w.slash && w.kind === 'other')) {
    release(ns, w);
    return fail(w.kind === 'missing' ? ERRNO_NOENT : ERRNO_NOTDIR);
  }
  return r;
}

/** `path_filestat_get`. */
export function pathStat<D>(ns: Namespace<D>, start: D, path: string, lookupflags: number): Result<Filestat> {
  const r = walkExisting(ns, start, path, lookupflags);
  if (!r.ok) return r;
  try {
    return ns.stat(parentOf(r.value), r.value.name);
  } finally {
    release(ns, r.value);
  }
}

/** `path_filestat_set_times`. */
export function pathSetTimes<D>(
  ns: Namespace<D>, start: D, path: string, lookupflags: number, atim: bigint, mtim: bigint, fstflags: number,
): Errno {
  const bad = checkFstflags(fstflags);
  if (bad !== ERRNO_SUCCESS) return bad;
  const r = walkExisting(ns, start, path, lookupflags);
  if (!r.ok) return r.errno;
  try {
    return ns.setTimes(parentOf(r.value), r.value.name, atim, mtim, fstflags);
  } finally {
    release(ns, r.value);
  }
}

/** `path_readlink`. */
export function pathReadlink<D>(ns: Namespace<D>, start: D, path: string): Result<string> {
  const r = walk(ns, start, path, 'never');
  if (!r.ok) return r;
  const w = r.value;
  try {
    if (w.kind === 'missing') return fail(ERRNO_NOENT);
    if (w.kind !== 'symlink' || w.slash) return fail(ERRNO_INVAL);
    return ns.readlink(parentOf(w), w.name!);
  } finally {
    release(ns, w);
  }
}

/**
 * Walks to a name that is about to be created. EEXIST if something is there (a dangling symlink
 * included); with a trailing slash a missing name is ENOENT unless `dirOk` (mkdir, and a
 * directory's new name in rename), and an existing file is ENOTDIR.
 */
function walkNew<D>(ns: Namespace<D>, start: D, path: string, dirOk: boolean): Result<Walk<D>> {
  const r = walk(ns, start, path, 'never');
  if (!r.ok) return r;
  const w = r.value;
  let errno: Errno = ERRNO_SUCCESS;
  if (w.name === null) errno = ERRNO_EXIST;
  else if (w.kind === 'missing') errno = w.slash && !dirOk ? ERRNO_NOENT : ERRNO_SUCCESS;
  else errno = w.slash && w.kind === 'other' && !dirOk ? ERRNO_NOTDIR : ERRNO_EXIST;
  if (errno !== ERRNO_SUCCESS) {
    release(ns, w);
    return fail(errno);
  }
  return r;
}

/** `path_create_directory`. */
export function pathMkdir<D>(ns: Namespace<D>, start: D, path: string): Errno {
  const r = walkNew(ns, start, path, true);
  if (!r.ok) return r.errno;
  try {
    return ns.mkdir(parentOf(r.value), r.value.name!);
  } finally {
    release(ns, r.value);
  }
}

/** `path_symlink`. */
export function pathSymlink<D>(ns: Namespace<D>, start: D, target: string, path: string): Errno {
  if (target.includes('\0')) return ERRNO_INVAL;
  if (target.charCodeAt(0) === 0x2f) return ERRNO_PERM;
  if (target.length === 0) return ERRNO_NOENT;
  const r = walkNew(ns, start, path, false);
  if (!r.ok) return r.errno;
  try {
    return ns.symlink(target, parentOf(r.value), r.value.name!);
  } finally {
    release(ns, r.value);
  }
}

/** `path_remove_directory`. */
export function pathRmdir<D>(ns: Namespace<D>, start: D, path: string): Errno {
  const r = walk(ns, start, path, 'never');
  if (!r.ok) return r.errno;
  const w = r.value;
  try {
    if (w.name === null) return endsWithDot(path) ? ERRNO_INVAL : ERRNO_BUSY;
    if (w.kind === 'missing') return ERRNO_NOENT;
    if (w.kind !== 'dir') return ERRNO_NOTDIR;
    return ns.rmdir(parentOf(w), w.name);
  } finally {
    release(ns, w);
  }
}

/** `path_unlink_file`. */
export function pathUnlink<D>(ns: Namespace<D>, start: D, path: string): Errno {
  const r = walk(ns, start, path, 'never');
  if (!r.ok) return r.errno;
  const w = r.value;
  try {
    if (w.name === null || w.kind === 'dir') return ERRNO_ISDIR;
    if (w.kind === 'missing') return ERRNO_NOENT;
    if (w.slash) return ERRNO_NOTDIR;
    return ns.unlink(parentOf(w), w.name);
  } finally {
    release(ns, w);
  }
}

/** `path_link`; `newStart` belongs to the same backend (the caller answers EXDEV otherwise). */
export function pathLink<D>(
  ns: Namespace<D>, oldStart: D, oldLookupflags: number, oldPath: string, newStart: D, newPath: string,
): Errno {
  if ((oldLookupflags & ~LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0) return ERRNO_INVAL;
  const follow = (oldLookupflags & LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0 ? 'follow' : 'never';
  const o = walk(ns, oldStart, oldPath, follow);
  if (!o.ok) return o.errno;
  const from = o.value;
  try {
    if (from.name === null || from.kind === 'dir') return ERRNO_PERM;
    if (from.kind === 'missing') return ERRNO_NOENT;
    if (from.slash) return ERRNO_NOTDIR;
    const n = walkNew(ns, newStart, newPath, false);
    if (!n.ok) return n.errno;
    try {
      return ns.link(parentOf(from), from.name, parentOf(n.value), n.value.name!);
    } finally {
      release(ns, n.value);
    }
  } finally {
    release(ns, from);
  }
}

/** `path_rename`; `newStart` belongs to the same backend (the caller answers EXDEV otherwise). */
export function pathRename<D>(ns: Namespace<D>, oldStart: D, oldPath: string, newStart: D, newPath: string): Errno {
  const o = walk(ns, oldStart, oldPath, 'never');
  if (!o.ok) return o.errno;
  const from = o.value;
  try {
    if (from.name === null) return endsWithDot(oldPath) ? ERRNO_INVAL : ERRNO_BUSY;
    if (from.kind === 'missing') return ERRNO_NOENT;
    const isDir = from.kind === 'dir';
    if (from.slash && !isDir) return ERRNO_NOTDIR;
    const n = walk(ns, newStart, newPath, 'never');
    if (!n.ok) return n.errno;
    const to = n.value;
    try {
      if (to.name === null) return endsWithDot(newPath) ? ERRNO_INVAL : ERRNO_BUSY;
      if (to.slash && !isDir) return ERRNO_NOTDIR;
      if (to.kind === 'dir' && !isDir) return ERRNO_ISDIR;
      if (to.kind !== 'dir' && to.kind !== 'missing' && isDir) return ERRNO_NOTDIR;
      return ns.rename(parentOf(from), from.name, parentOf(to), to.name);
    } finally {
      release(ns, to);
    }
  } finally {
    release(ns, from);
  }
}
