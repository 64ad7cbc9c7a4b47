/**
 * The in-memory filesystem backend: files, directories, symlinks, hard links and nanosecond
 * timestamps held in JavaScript objects. It imports nothing from Node, so it works in browsers.
 *
 * Inodes are objects; a directory maps names to inodes (in creation order, which is the order
 * `readdir` lists them). Path resolution and the errno rules are the shared ones of path.ts; this
 * file supplies the primitives on one name in one directory.
 */
import {
  ERRNO_BADF, ERRNO_EXIST, ERRNO_FBIG, ERRNO_INVAL, ERRNO_NAMETOOLONG, ERRNO_NOENT, ERRNO_NOSPC,
  ERRNO_NOTDIR, ERRNO_NOTEMPTY, ERRNO_SUCCESS, ERRNO_XDEV, errnoName, type Errno,
} from '../errno.js';
import {
  pathLink, pathMkdir, pathOpen, pathReadlink, pathRename, pathRmdir, pathSetTimes, pathStat, pathSymlink,
  pathUnlink, type Kind, type Namespace, type OpenFileOptions,
} from './path.js';
import { checkFstflags, newTimes, realtimeNs } from './time.js';
import {
  ADVICE_NOREUSE, FDFLAGS_APPEND, FDFLAGS_DSYNC, FDFLAGS_NONBLOCK, FDFLAGS_RSYNC, FDFLAGS_SYNC,
  FILETYPE_DIRECTORY, FILETYPE_REGULAR_FILE, FILETYPE_SYMBOLIC_LINK, fail, LOOKUPFLAGS_SYMLINK_FOLLOW,
  OFLAGS_CREAT, OFLAGS_TRUNC, ok, WHENCE_CUR, WHENCE_END, WHENCE_SET,
  type Dirent, type Filestat, type FsDir, type FsFile, type Result,
} from './types.js';

/** Longest name in a directory, in UTF-8 bytes (NAME_MAX of Linux). */
const MAX_NAME_BYTES = 255;
/** The largest offset a seek may reach: an s64 filedelta. */
const MAX_OFFSET = (1n << 63n) - 1n;

const utf8 = new TextEncoder();

abstract class Inode {
  nlink = 1;
  atim: bigint;
  mtim: bigint;
  ctim: bigint;
  constructor(readonly ino: bigint, now: bigint) {
    this.atim = this.mtim = this.ctim = now;
  }
  abstract readonly filetype: number;
  abstract get size(): bigint;
}

class FileInode extends Inode {
  readonly filetype = FILETYPE_REGULAR_FILE;
  /** Bytes [0, length) are the contents; the rest of `data` is spare capacity. */
  data = new Uint8Array(0);
  length = 0;
  /** Open handles: the bytes of an unlinked file are released with the last one. */
  opened = 0;
  get size(): bigint {
    return BigInt(this.length);
  }
}

class DirInode extends Inode {
  readonly filetype = FILETYPE_DIRECTORY;
  readonly entries = new Map<string, Inode>();
  /** Its entry `..`; the root is its own parent. */
  parent: DirInode;
  /** Removed by rmdir: nothing can be created in it any more. */
  removed = false;
  constructor(ino: bigint, now: bigint, parent: DirInode | null) {
    super(ino, now);
    this.nlink = 2;
    this.parent = parent ?? this;
  }
  get size(): bigint {
    return 0n;
  }
}

class SymlinkInode extends Inode {
  readonly filetype = FILETYPE_SYMBOLIC_LINK;
  constructor(ino: bigint, now: bigint, readonly target: string) {
    super(ino, now);
  }
  get size(): bigint {
    return BigInt(utf8.encode(this.target).length);
  }
}

export interface MemoryFsOptions {
  /** Most bytes the files may hold together (ENOSPC beyond); default 256 MiB. */
  readonly capacity?: number;
  /** The realtime clock in nanoseconds, for timestamps; default {@link realtimeNs}. */
  readonly clock?: () => bigint;
}

let nextDevice = 1n;

/**
 * An in-memory filesystem. Preopen it with `root()`; fill it from JavaScript with `writeFile`,
 * `mkdir`, `symlink` and read results back with `readFile` (these throw an Error on failure:
 * they are for the embedder, not the guest).
 */
export class MemoryFs {
  readonly dev = nextDevice++;
  readonly capacity: number;
  readonly now: () => bigint;
  /** Bytes held by files. */
  used = 0;
  private nextIno = 1n;
  readonly rootInode: DirInode;
  readonly ns = new MemoryNamespace(this);

  constructor(options: MemoryFsOptions = {}) {
    this.capacity = options.capacity ?? 256 * 1024 * 1024;
    this.now = options.clock ?? realtimeNs;
    this.rootInode = new DirInode(this.nextIno++, this.now(), null);
  }

  /** A new handle on the root directory, to preopen. */
  root(): FsDir {
    return new MemoryDir(this, this.rootInode);
  }

  newIno(): bigint {
    return this.nextIno++;
  }

  /** Creates or replaces the file at `path` (relative to the root; parents must exist). */
  writeFile(path: string, contents: Uint8Array | string): void {
    const bytes = typeof contents === 'string' ? utf8.encode(contents) : contents;
    const opened = this.root().open(path, LOOKUPFLAGS_SYMLINK_FOLLOW, OFLAGS_CREAT | OFLAGS_TRUNC, 0, false, true);
    const file = expect(opened, `writeFile ${path}`) as FsFile;
    const written = expect(file.write(bytes), `writeFile ${path}`);
    file.close();
    if (written !== bytes.length) throw new Error(`writeFile ${path}: short write`);
  }

  /** The contents of the file at `path`, following symlinks. */
  readFile(path: string): Uint8Array {
    const opened = expect(this.root().open(path, LOOKUPFLAGS_SYMLINK_FOLLOW, 0, 0, true, false), `readFile ${path}`);
    if (opened.kind !== 'file') throw new Error(`readFile ${path}: is a directory`);
    const size = Number(expect(opened.stat(), `readFile ${path}`).size);
    const out = new Uint8Array(size);
    expect(opened.read(out), `readFile ${path}`);
    opened.close();
    return out;
  }

  /** Creates the directory `path`, and its missing parents when `recursive`. */
  mkdir(path: string, recursive = false): void {
    const root = this.root();
    const parts = path.split('/').filter((p) => p !== '');
    for (let i = recursive ? 1 : parts.length; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      const errno = root.mkdir(prefix);
      if (errno === ERRNO_SUCCESS) continue;
      const existing = recursive && errno === ERRNO_EXIST ? root.statAt(prefix, LOOKUPFLAGS_SYMLINK_FOLLOW) : null;
      if (existing?.ok && existing.value.filetype === FILETYPE_DIRECTORY) continue;
      throw new Error(`mkdir ${path}: ${errnoName(errno)}`);
    }
  }

  /** Creates the symlink `path` → `target`. */
  symlink(target: string, path: string): void {
    const errno = this.root().symlink(target, path);
    if (errno !== ERRNO_SUCCESS) throw new Error(`symlink ${path}: ${errnoName(errno)}`);
  }

  /** Grows or shrinks the bytes in use by `delta`: false (nothing changed) beyond the capacity. */
  reserve(delta: number): boolean {
    if (this.used + delta > this.capacity) return false;
    this.used += delta;
    return true;
  }
}

function expect<T>(r: Result<T>, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${errnoName(r.errno)}`);
  return r.value;
}

function statOf(fs: MemoryFs, node: Inode): Filestat {
  return {
    dev: fs.dev, ino: node.ino, filetype: node.filetype, nlink: BigInt(node.nlink), size: node.size,
    atim: node.atim, mtim: node.mtim, ctim: node.ctim,
  };
}

function setTimesOf(fs: MemoryFs, node: Inode, atim: bigint, mtim: bigint, fstflags: number): void {
  const t = newTimes(node, atim, mtim, fstflags, fs.now);
  node.atim = t.atim;
  node.mtim = t.mtim;
  node.ctim = fs.now();
}

/** A directory entry changed: the directory's mtime and ctime move. */
function touchDir(fs: MemoryFs, dir: DirInode): void {
  dir.mtim = dir.ctim = fs.now();
}

/** One link fewer to `node`; a file with no link and no handle gives its bytes back. */
function dropLink(fs: MemoryFs, node: Inode): void {
  node.nlink--;
  node.ctim = fs.now();
  if (node instanceof FileInode) releaseIfGone(fs, node);
}

function releaseIfGone(fs: MemoryFs, file: FileInode): void {
  if (file.nlink === 0 && file.opened === 0) {
    fs.reserve(-file.length);
    file.data = new Uint8Array(0);
    file.length = 0;
  }
}

/** The primitives of path.ts over inodes. */
class MemoryNamespace implements Namespace<DirInode> {
  constructor(private readonly fs: MemoryFs) {}

  kind(dir: DirInode, name: string): Result<Kind> {
    const node = dir.entries.get(name);
    if (node === undefined) {
      return utf8.encode(name).length > MAX_NAME_BYTES ? fail(ERRNO_NAMETOOLONG) : ok('missing');
    }
    return ok(node instanceof DirInode ? 'dir' : node instanceof SymlinkInode ? 'symlink' : 'other');
  }

  readlink(dir: DirInode, name: string): Result<string> {
    return ok((dir.entries.get(name) as SymlinkInode).target);
  }

  enter(dir: DirInode, name: string): Result<DirInode> {
    const node = dir.entries.get(name);
    if (node === undefined) return fail(ERRNO_NOENT);
    return node instanceof DirInode ? ok(node) : fail(ERRNO_NOTDIR);
  }

  leave(): void {}

  private node(dir: DirInode, name: string | null): Inode {
    return name === null ? dir : dir.entries.get(name)!;
  }

  stat(dir: DirInode, name: string | null): Result<Filestat> {
    return ok(statOf(this.fs, this.node(dir, name)));
  }

  setTimes(dir: DirInode, name: string | null, atim: bigint, mtim: bigint, fstflags: number): Errno {
    setTimesOf(this.fs, this.node(dir, name), atim, mtim, fstflags);
    return ERRNO_SUCCESS;
  }

  openFile(dir: DirInode, name: string, how: OpenFileOptions): Result<FsFile> {
    let node = dir.entries.get(name) as FileInode | undefined;
    if (node === undefined) {
      if (dir.removed) return fail(ERRNO_NOENT);
      node = new FileInode(this.fs.newIno(), this.fs.now());
      dir.entries.set(name, node);
      touchDir(this.fs, dir);
    } else if (how.truncate && node.length > 0) {
      this.fs.reserve(-node.length);
      node.data = new Uint8Array(0);
      node.length = 0;
      node.mtim = node.ctim = this.fs.now();
    }
    return ok(new MemoryFile(this.fs, node, how.read, how.write, how.fdflags));
  }

  openDir(dir: DirInode, name: string | null): Result<FsDir> {
    return ok(new MemoryDir(this.fs, this.node(dir, name) as DirInode));
  }

  mkdir(dir: DirInode, name: string): Errno {
    if (dir.removed) return ERRNO_NOENT;
    dir.entries.set(name, new DirInode(this.fs.newIno(), this.fs.now(), dir));
    dir.nlink++;
    touchDir(this.fs, dir);
    return ERRNO_SUCCESS;
  }

  rmdir(dir: DirInode, name: string): Errno {
    const node = dir.entries.get(name) as DirInode;
    if (node.entries.size > 0) return ERRNO_NOTEMPTY;
    this.detachDir(dir, name, node);
    return ERRNO_SUCCESS;
  }

  private detachDir(dir: DirInode, name: string, node: DirInode): void {
    dir.entries.delete(name);
    dir.nlink--;
    node.removed = true;
    node.nlink = 0;
    node.ctim = this.fs.now();
    touchDir(this.fs, dir);
  }

  unlink(dir: DirInode, name: string): Errno {
    const node = dir.entries.get(name)!;
    dir.entries.delete(name);
    dropLink(this.fs, node);
    touchDir(this.fs, dir);
    return ERRNO_SUCCESS;
  }

  symlink(target: string, dir: DirInode, name: string): Errno {
    if (dir.removed) return ERRNO_NOENT;
    dir.entries.set(name, new SymlinkInode(this.fs.newIno(), this.fs.now(), target));
    touchDir(this.fs, dir);
    return ERRNO_SUCCESS;
  }

  link(oldDir: DirInode, oldName: string, newDir: DirInode, newName: string): Errno {
    if (newDir.removed) return ERRNO_NOENT;
    const node = oldDir.entries.get(oldName)!;
    newDir.entries.set(newName, node);
    node.nlink++;
    node.ctim = this.fs.now();
    touchDir(this.fs, newDir);
    return ERRNO_SUCCESS;
  }

  rename(oldDir: DirInode, oldName: string, newDir: DirInode, newName: string): Errno {
    const node = oldDir.entries.get(oldName)!;
    const replaced = newDir.entries.get(newName);
    if (replaced === node) return ERRNO_SUCCESS;
    if (newDir.removed) return ERRNO_NOENT;
    if (node instanceof DirInode) {
      // A directory cannot move below itself.
      for (let d = newDir; ; d = d.parent) {
        if (d === node) return ERRNO_INVAL;
        if (d.parent === d) break;
      }
      if (replaced instanceof DirInode && replaced.entries.size > 0) return ERRNO_NOTEMPTY;
    }
    if (replaced instanceof DirInode) this.detachDir(newDir, newName, replaced);
    else if (replaced !== undefined) {
      newDir.entries.delete(newName);
      dropLink(this.fs, replaced);
    }
    oldDir.entries.delete(oldName);
    newDir.entries.set(newName, node);
    if (node instanceof DirInode) {
      node.parent = newDir;
      oldDir.nlink--;
      newDir.nlink++;
    }
    node.ctim = this.fs.now();
    touchDir(this.fs, oldDir);
    touchDir(this.fs, newDir);
    return ERRNO_SUCCESS;
  }
}

/** An open regular file of a MemoryFs. */
class MemoryFile implements FsFile {
  readonly kind = 'file';
  readonly filetype = FILETYPE_REGULAR_FILE;
  private position = 0n;
  private closed = false;

  constructor(
    private readonly fs: MemoryFs, private readonly node: FileInode, private readonly readable: boolean,
    private readonly writable: boolean, private flags: number,
  ) {
    node.opened++;
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

  stat(): Result<Filestat> {
    return this.closed ? fail(ERRNO_BADF) : ok(statOf(this.fs, this.node));
  }

  setTimes(atim: bigint, mtim: bigint, fstflags: number): Errno {
    if (this.closed) return ERRNO_BADF;
    const bad = checkFstflags(fstflags);
    if (bad !== ERRNO_SUCCESS) return bad;
    setTimesOf(this.fs, this.node, atim, mtim, fstflags);
    return ERRNO_SUCCESS;
  }

  sync(): Errno {
    return this.closed ? ERRNO_BADF : ERRNO_SUCCESS;
  }

  datasync(): Errno {
    return this.sync();
  }

  close(): Errno {
    if (this.closed) return ERRNO_BADF;
    this.closed = true;
    this.node.opened--;
    releaseIfGone(this.fs, this.node);
    return ERRNO_SUCCESS;
  }

  /** Copies out of the file at `offset`; the count. */
  private readAt(dst: Uint8Array, offset: bigint): number {
    const node = this.node;
    if (offset >= node.size) return 0;
    const from = Number(offset);
    const n = Math.min(dst.length, node.length - from);
    dst.set(node.data.subarray(from, from + n));
    node.atim = this.fs.now();
    return n;
  }

  /** Copies into the file at `offset`, growing it (zero-filled) as needed: the count or an errno. */
  private writeAt(src: Uint8Array, offset: bigint): Result<number> {
    const node = this.node;
    if (src.length === 0) return ok(0);
    const end = offset + BigInt(src.length);
    if (end > BigInt(Number.MAX_SAFE_INTEGER)) return fail(ERRNO_FBIG);
    const grown = this.resize(Math.max(node.length, Number(end)));
    if (grown !== ERRNO_SUCCESS) return fail(grown);
    node.data.set(src, Number(offset));
    node.mtim = node.ctim = this.fs.now();
    return ok(src.length);
  }

  /** Sets the length, zero-filling growth; ENOSPC beyond the filesystem's capacity. */
  private resize(length: number): Errno {
    const node = this.node;
    if (length === node.length) return ERRNO_SUCCESS;
    if (!this.fs.reserve(length - node.length)) return ERRNO_NOSPC;
    if (length > node.data.length) {
      const data = new Uint8Array(Math.max(length, Math.min(node.data.length * 2, length + (1 << 20))));
      data.set(node.data.subarray(0, node.length));
      node.data = data;
    } else if (length < node.length) {
      node.data.fill(0, length, node.length);
    }
    node.length = length;
    return ERRNO_SUCCESS;
  }

  read(dst: Uint8Array): Result<number> {
    if (this.closed || !this.readable) return fail(ERRNO_BADF);
    const n = this.readAt(dst, this.position);
    this.position += BigInt(n);
    return ok(n);
  }

  pread(dst: Uint8Array, offset: bigint): Result<number> {
    if (this.closed || !this.readable) return fail(ERRNO_BADF);
    if (offset < 0n) return fail(ERRNO_INVAL);
    return ok(this.readAt(dst, offset));
  }

  write(src: Uint8Array): Result<number> {
    if (this.closed || !this.writable) return fail(ERRNO_BADF);
    const at = (this.flags & FDFLAGS_APPEND) !== 0 ? this.node.size : this.position;
    const r = this.writeAt(src, at);
    if (r.ok) this.position = at + BigInt(r.value);
    return r;
  }

  pwrite(src: Uint8Array, offset: bigint): Result<number> {
    if (this.closed || !this.writable) return fail(ERRNO_BADF);
    if (offset < 0n) return fail(ERRNO_INVAL);
    return this.writeAt(src, offset);
  }

  seek(offset: bigint, whence: number): Result<bigint> {
    if (this.closed) return fail(ERRNO_BADF);
    let base: bigint;
    if (whence === WHENCE_SET) base = 0n;
    else if (whence === WHENCE_CUR) base = this.position;
    else if (whence === WHENCE_END) base = this.node.size;
    else return fail(ERRNO_INVAL);
    const target = base + offset;
    if (target < 0n || target > MAX_OFFSET) return fail(ERRNO_INVAL);
    this.position = target;
    return ok(target);
  }

  tell(): Result<bigint> {
    return this.closed ? fail(ERRNO_BADF) : ok(this.position);
  }

  allocate(offset: bigint, len: bigint): Errno {
    if (this.closed || !this.writable) return ERRNO_BADF;
    if (offset < 0n || len <= 0n) return ERRNO_INVAL;
    const end = offset + len;
    if (end > BigInt(Number.MAX_SAFE_INTEGER)) return ERRNO_FBIG;
    if (end <= this.node.size) return ERRNO_SUCCESS;
    const errno = this.resize(Number(end));
    if (errno === ERRNO_SUCCESS) this.node.mtim = this.node.ctim = this.fs.now();
    return errno;
  }

  advise(offset: bigint, len: bigint, advice: number): Errno {
    if (this.closed) return ERRNO_BADF;
    return advice < 0 || advice > ADVICE_NOREUSE || offset < 0n || len < 0n ? ERRNO_INVAL : ERRNO_SUCCESS;
  }

  setSize(size: bigint): Errno {
    if (this.closed || !this.writable) return ERRNO_BADF;
    if (size < 0n) return ERRNO_INVAL;
    if (size > BigInt(Number.MAX_SAFE_INTEGER)) return ERRNO_FBIG;
    const errno = this.resize(Number(size));
    if (errno === ERRNO_SUCCESS) this.node.mtim = this.node.ctim = this.fs.now();
    return errno;
  }
}

/** An open directory of a MemoryFs: the path operations from it, and its listing. */
class MemoryDir implements FsDir {
  readonly kind = 'dir';
  readonly filetype = FILETYPE_DIRECTORY;
  private closed = false;
  /** The listing taken at cookie 0 (or the first call), which later cookies continue. */
  private listing: Dirent[] | null = null;

  constructor(readonly fs: MemoryFs, readonly node: DirInode) {}

  stat(): Result<Filestat> {
    return this.closed ? fail(ERRNO_BADF) : ok(statOf(this.fs, this.node));
  }

  setTimes(atim: bigint, mtim: bigint, fstflags: number): Errno {
    if (this.closed) return ERRNO_BADF;
    const bad = checkFstflags(fstflags);
    if (bad !== ERRNO_SUCCESS) return bad;
    setTimesOf(this.fs, this.node, atim, mtim, fstflags);
    return ERRNO_SUCCESS;
  }

  sync(): Errno {
    return this.closed ? ERRNO_BADF : ERRNO_SUCCESS;
  }

  datasync(): Errno {
    return this.sync();
  }

  close(): Errno {
    if (this.closed) return ERRNO_BADF;
    this.closed = true;
    this.listing = null;
    return ERRNO_SUCCESS;
  }

  /**
   * The listing is taken at cookie 0 (or the first call) and continued by later cookies, so
   * entries removed or added meanwhile do not shift the cookies (a loop deleting what it lists
   * sees every entry once).
   */
  readdir(cookie: bigint): Result<Dirent[]> {
    if (this.closed) return fail(ERRNO_BADF);
    if (cookie === 0n || this.listing === null) {
      const entries: [string, Inode][] = [['.', this.node], ['..', this.node.parent], ...this.node.entries];
      this.listing = entries.map(([name, node], i) => ({ next: BigInt(i + 1), ino: node.ino, type: node.filetype, name }));
    }
    this.node.atim = this.fs.now();
    return ok(cookie < BigInt(this.listing.length) ? this.listing.slice(Number(cookie)) : []);
  }

  /** The inode of another MemoryDir handle of the same filesystem, or null (→ EXDEV). */
  private sameFs(other: FsDir): DirInode | null {
    return other instanceof MemoryDir && other.fs === this.fs ? other.node : null;
  }

  open(path: string, lookupflags: number, oflags: number, fdflags: number, read: boolean, write: boolean): Result<FsFile | FsDir> {
    if (this.closed) return fail(ERRNO_BADF);
    return pathOpen(this.fs.ns, this.node, path, lookupflags, oflags, fdflags, read, write);
  }

  statAt(path: string, lookupflags: number): Result<Filestat> {
    if (this.closed) return fail(ERRNO_BADF);
    return pathStat(this.fs.ns, this.node, path, lookupflags);
  }

  setTimesAt(path: string, lookupflags: number, atim: bigint, mtim: bigint, fstflags: number): Errno {
    if (this.closed) return ERRNO_BADF;
    return pathSetTimes(this.fs.ns, this.node, path, lookupflags, atim, mtim, fstflags);
  }

  mkdir(path: string): Errno {
    return this.closed ? ERRNO_BADF : pathMkdir(this.fs.ns, this.node, path);
  }

  rmdir(path: string): Errno {
    return this.closed ? ERRNO_BADF : pathRmdir(this.fs.ns, this.node, path);
  }

  unlink(path: string): Errno {
    return this.closed ? ERRNO_BADF : pathUnlink(this.fs.ns, this.node, path);
  }

  rename(oldPath: string, newDir: FsDir, newPath: string): Errno {
    if (this.closed) return ERRNO_BADF;
    const to = this.sameFs(newDir);
    return to === null ? ERRNO_XDEV : pathRename(this.fs.ns, this.node, oldPath, to, newPath);
  }

  link(oldLookupflags: number, oldPath: string, newDir: FsDir, newPath: string): Errno {
    if (this.closed) return ERRNO_BADF;
    const to = this.sameFs(newDir);
    return to === null ? ERRNO_XDEV : pathLink(this.fs.ns, this.node, oldLookupflags, oldPath, to, newPath);
  }

  symlink(target: string, newPath: string): Errno {
    return this.closed ? ERRNO_BADF : pathSymlink(this.fs.ns, this.node, target, newPath);
  }

  readlink(path: string): Result<string> {
    return this.closed ? fail(ERRNO_BADF) : pathReadlink(this.fs.ns, this.node, path);
  }
}
