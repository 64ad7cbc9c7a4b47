/**
 * The hostile host layout the sandbox programs run in, and the checks that nothing outside the
 * preopen was read or changed.
 *
 *   T/inside.txt                   "outside-decoy"  — same name as the sandbox's, one level up
 *   T/outside/secret.txt           "outside-secret"
 *   T/outside/victim.txt           "outside-victim"
 *   T/outside/victim-dir/keep.txt  "outside-keep"
 *   T/outside/empty-dir/           (an empty directory, for rmdir through a link)
 *   T/other/other.txt              "outside-other"  — preopened as /other, never used
 *   T/sandbox/                     preopened as /sandbox:
 *     inside.txt "inside", sub/deep.txt "deep", sub/subsub/bottom.txt "bottom", empty/,
 *     and the host-made symlinks listed in {@link HOST_SYMLINKS}.
 *
 * Everything in T but sandbox/ is "outside". Before a run {@link recordOutside} records each
 * outside entry (type, mode, size, nlink, inode, mtime, ctime, content or link target) and sets
 * every access time to a fixed past date; {@link Outside.check} afterwards finds any change, and —
 * where the filesystem updates access times (relatime does, for an atime that old) — any read.
 */
import {
  closeSync, lstatSync, lutimesSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync,
  readSync, rmSync, symlinkSync, utimesSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryFs } from '../../src/wasi/fs/memory.js';
import {
  FILETYPE_DIRECTORY, FILETYPE_REGULAR_FILE, FILETYPE_SYMBOLIC_LINK, OFLAGS_DIRECTORY,
  type Filestat, type FsDir, type FsFile, type Result,
} from '../../src/wasi/fs/types.js';

/** Host-made symlinks in the sandbox: [path under sandbox/, target]; "T/" is the layout root. */
export const HOST_SYMLINKS: readonly (readonly [string, string])[] = [
  ['h-rel-file', '../outside/secret.txt'],
  ['h-rel-dir', '../outside'],
  ['h-abs-file', 'T/outside/secret.txt'],
  ['h-abs-dir', 'T/outside'],
  ['h-abs-inside', 'T/sandbox/inside.txt'],
  ['h-root', '/'],
  ['h-dotdot', '..'],
  ['h-dot', '.'],
  ['h-other', '../other/other.txt'],
  ['h-inside', 'sub/deep.txt'],
  ['h-chain1', 'h-chain2'],
  ['h-chain2', 'sub/h-chain3'],
  ['sub/h-chain3', '../h-rel-dir'],
  ['h-ok-chain1', 'sub/h-ok-chain2'],
  ['sub/h-ok-chain2', '../inside.txt'],
  ['h-loop-a', 'h-loop-b'],
  ['h-loop-b', 'h-loop-a'],
  ['h-self', 'h-self'],
  ['h-dangling-out', '../outside/created-through-link.txt'],
  ['h-empty-out', '../outside/empty-dir'],
  ['h-sub', 'sub'],
  ['h-subsub', 'sub/subsub'],
  ['sub/h-up', '..'],
  ['sub/h-upup', '../..'],
];

/** The files of the layout (under T) and their contents. */
const FILES: readonly (readonly [string, string])[] = [
  ['inside.txt', 'outside-decoy\n'],
  ['outside/secret.txt', 'outside-secret\n'],
  ['outside/victim.txt', 'outside-victim\n'],
  ['outside/victim-dir/keep.txt', 'outside-keep\n'],
  ['other/other.txt', 'outside-other\n'],
  ['sandbox/inside.txt', 'inside\n'],
  ['sandbox/sub/deep.txt', 'deep\n'],
  ['sandbox/sub/subsub/bottom.txt', 'bottom\n'],
];
/** Its directories (parents first). */
const DIRS = ['outside', 'outside/victim-dir', 'outside/empty-dir', 'other', 'sandbox', 'sandbox/sub', 'sandbox/sub/subsub', 'sandbox/empty'];

/** The contents of the outside files: any of these in a program's output is a leak. */
export const OUTSIDE_MARKERS = ['outside-decoy', 'outside-secret', 'outside-victim', 'outside-keep', 'outside-other'];

export interface Layout {
  /** T, the temporary root. */
  readonly root: string;
  /** T/sandbox, preopened as /sandbox. */
  readonly sandbox: string;
  /** T/other, preopened as /other. */
  readonly other: string;
  /** Removes T. */
  remove(): void;
}

/** Builds a fresh layout in a new temporary folder. */
export function makeLayout(): Layout {
  const root = mkdtempSync(join(tmpdir(), 'vitrine-sandbox-'));
  for (const dir of DIRS) mkdirSync(join(root, dir));
  for (const [path, text] of FILES) writeFileSync(join(root, path), text);
  for (const [path, target] of HOST_SYMLINKS) {
    symlinkSync(target.startsWith('T/') ? join(root, target.slice(2)) : target, join(root, 'sandbox', path));
  }
  return {
    root,
    sandbox: join(root, 'sandbox'),
    other: join(root, 'other'),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Access times are set to this before a run (2001-09-09T01:46:40Z), long enough ago for relatime. */
const OLD_ATIME_S = 1_000_000_000;

/** The metadata of one entry (lstat only — no read): everything but the access time. */
function metadata(path: string): string {
  const st = lstatSync(path, { bigint: true });
  const type = st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
  return `${type} mode=${st.mode.toString(8)} nlink=${st.nlink} ino=${st.ino} size=${st.size} ` +
    `mtime=${st.mtimeNs} ctime=${st.ctimeNs}`;
}

/** The data of one entry (this reads it): a file's bytes, a symlink's target. */
function data(path: string): string {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return `-> ${readlinkSync(path)}`;
  if (st.isFile()) return JSON.stringify(readFileSync(path, 'latin1'));
  return '';
}

/** Every path under `root` (depth first, sorted), not entering `skip` (relative to root). */
function walk(root: string, skip: string): string[] {
  const out: string[] = [''];
  const visit = (rel: string) => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const child = rel === '' ? name : `${rel}/${name}`;
      if (child === skip) continue;
      out.push(child);
      if (lstatSync(join(root, child)).isDirectory()) visit(child);
    }
  };
  visit('');
  return out;
}

/** Whether reading a file on this filesystem updates an old access time (relatime, strictatime). */
function atimeWorks(root: string): boolean {
  const probe = join(root, 'atime-probe');
  writeFileSync(probe, 'probe');
  utimesSync(probe, OLD_ATIME_S, lstatSync(probe).mtime);
  const fd = openSync(probe, 'r');
  readSync(fd, Buffer.alloc(5), 0, 5, 0);
  closeSync(fd);
  const works = lstatSync(probe, { bigint: true }).atimeNs !== BigInt(OLD_ATIME_S) * 1_000_000_000n;
  rmSync(probe);
  return works;
}

export interface Outside {
  /** Whether reads are detected (access times are updated by this filesystem). */
  readonly readsDetected: boolean;
  /** What changed since {@link recordOutside}, one message each; empty if nothing outside was touched. */
  check(): string[];
}

/**
 * Records everything outside T/sandbox, then sets the access times, then records the metadata
 * (setting times changes ctime; reading data changes the access time). Call right before the run.
 */
export function recordOutside(layout: Layout): Outside {
  const readsDetected = atimeWorks(layout.root);
  const paths = walk(layout.root, 'sandbox');
  const dataBefore = new Map(paths.map((p) => [p, data(join(layout.root, p))]));
  for (const p of paths) {
    const full = join(layout.root, p);
    const st = lstatSync(full);
    (st.isSymbolicLink() ? lutimesSync : utimesSync)(full, OLD_ATIME_S, st.mtime);
  }
  const metaBefore = new Map(paths.map((p) => [p, metadata(join(layout.root, p))]));
  const oldAtimeNs = BigInt(OLD_ATIME_S) * 1_000_000_000n;
  return {
    readsDetected,
    check(): string[] {
      const problems: string[] = [];
      const exists = (p: string) => {
        try {
          lstatSync(join(layout.root, p));
          return true;
        } catch {
          return false;
        }
      };
      // lstat only, before anything here reads: access times, then metadata.
      for (const p of paths) {
        if (!exists(p)) {
          problems.push(`removed: T/${p}`);
          continue;
        }
        const full = join(layout.root, p);
        if (readsDetected && lstatSync(full, { bigint: true }).atimeNs !== oldAtimeNs) problems.push(`read: T/${p}`);
        const meta = metadata(full);
        if (meta !== metaBefore.get(p)) problems.push(`changed: T/${p}\n    was ${metaBefore.get(p)}\n    now ${meta}`);
      }
      const after = walk(layout.root, 'sandbox');
      for (const p of after) {
        if (!dataBefore.has(p)) problems.push(`created: T/${p} (${metadata(join(layout.root, p))})`);
      }
      for (const p of paths) {
        if (exists(p) && data(join(layout.root, p)) !== dataBefore.get(p)) problems.push(`data changed: T/${p}`);
      }
      return problems;
    },
  };
}

/**
 * What inside the sandbox shares an inode with, or holds the content of, an outside file — a
 * hard link or a copy that got in. Call after {@link Outside.check} (this reads the outside).
 */
export function smuggledIn(layout: Layout): string[] {
  const outsideInodes = new Set<bigint>();
  for (const p of walk(layout.root, 'sandbox')) {
    const st = lstatSync(join(layout.root, p), { bigint: true });
    if (st.isFile()) outsideInodes.add(st.ino);
  }
  const problems: string[] = [];
  for (const p of walk(layout.sandbox, '')) {
    if (p === '') continue;
    const full = join(layout.sandbox, p);
    const st = lstatSync(full, { bigint: true });
    if (!st.isFile()) continue;
    if (outsideInodes.has(st.ino)) problems.push(`hard link to an outside file: sandbox/${p}`);
    const text = readFileSync(full, 'latin1');
    if (OUTSIDE_MARKERS.some((m) => text.includes(m))) problems.push(`outside content in sandbox/${p}`);
  }
  return problems;
}

// ---- the same layout in a MemoryFs ------------------------------------------------------------

/** The layout in an in-memory filesystem: T is its root, "/memory-T" where a host path is needed. */
export interface MemoryLayout {
  /** What absolute symlinks and argv[1] use for T. */
  readonly root: string;
  /** Handles on T/sandbox and T/other, to preopen. */
  readonly sandbox: FsDir;
  readonly other: FsDir;
  /** Like {@link Outside.check}: reads (access times), changes, creations and removals outside. */
  check(): string[];
}

const MEMORY_ROOT = '/memory-T';

function expectOk<T>(r: Result<T>, what: string): T {
  if (!r.ok) throw new Error(`${what}: errno ${r.errno}`);
  return r.value;
}

/** Every path under `dir` (symlinks not followed), sorted depth first, not entering `skip`. */
function memoryWalk(dir: FsDir, skip: string): string[] {
  const out: string[] = [''];
  const visit = (rel: string) => {
    const d = rel === '' ? dir : expectOk(dir.open(rel, 0, OFLAGS_DIRECTORY, 0, true, false), rel) as FsDir;
    const names = expectOk(d.readdir(0n), rel).map((e) => e.name).filter((n) => n !== '.' && n !== '..').sort();
    if (d !== dir) d.close();
    for (const name of names) {
      const child = rel === '' ? name : `${rel}/${name}`;
      if (child === skip) continue;
      out.push(child);
      if (expectOk(dir.statAt(child, 0), child).filetype === FILETYPE_DIRECTORY) visit(child);
    }
  };
  visit('');
  return out;
}

function memoryStat(dir: FsDir, path: string): Filestat | null {
  const st = dir.statAt(path === '' ? '.' : path, 0);
  return st.ok ? st.value : null;
}

function memoryMetadata(st: Filestat): string {
  return `type=${st.filetype} nlink=${st.nlink} ino=${st.ino} size=${st.size} mtime=${st.mtim} ctime=${st.ctim}`;
}

/** A file's bytes or a symlink's target (this reads: it changes access times). */
function memoryData(dir: FsDir, path: string, st: Filestat): string {
  if (st.filetype === FILETYPE_SYMBOLIC_LINK) return `-> ${expectOk(dir.readlink(path), path)}`;
  if (st.filetype !== FILETYPE_REGULAR_FILE) return '';
  const f = expectOk(dir.open(path, 0, 0, 0, true, false), path) as FsFile;
  const bytes = new Uint8Array(Number(st.size) + 1);
  const n = expectOk(f.read(bytes), path);
  f.close();
  return JSON.stringify(String.fromCharCode(...bytes.subarray(0, n)));
}

/** Builds the layout in a fresh MemoryFs; call `check` after the run. */
export function makeMemoryLayout(): MemoryLayout {
  // A clock that always moves, so a read always changes an access time.
  let tick = 1_000_000_000_000_000_000n;
  const fs = new MemoryFs({ clock: () => (tick += 1000n) });
  for (const dir of DIRS) fs.mkdir(dir);
  for (const [path, text] of FILES) fs.writeFile(path, text);
  // Made through the backend's namespace, as the host would: the embedder's fs.symlink (like a
  // guest) may not make absolute links.
  for (const [path, target] of HOST_SYMLINKS) {
    const parts = `sandbox/${path}`.split('/');
    let dir = fs.rootInode;
    for (const name of parts.slice(0, -1)) dir = expectOk(fs.ns.enter(dir, name), path);
    const errno = fs.ns.symlink(target.startsWith('T/') ? `${MEMORY_ROOT}/${target.slice(2)}` : target, dir, parts.at(-1)!);
    if (errno !== 0) throw new Error(`symlink ${path}: errno ${errno}`);
  }
  const root = fs.root();
  const paths = memoryWalk(root, 'sandbox');
  const dataBefore = new Map(paths.map((p) => [p, memoryData(root, p, memoryStat(root, p)!)]));
  const statsBefore = new Map(paths.map((p) => [p, memoryStat(root, p)!]));
  const open = (p: string) => expectOk(root.open(p, 0, OFLAGS_DIRECTORY, 0, true, false), p) as FsDir;
  return {
    root: MEMORY_ROOT,
    sandbox: open('sandbox'),
    other: open('other'),
    check(): string[] {
      const problems: string[] = [];
      for (const p of paths) {
        const st = memoryStat(root, p);
        const was = statsBefore.get(p)!;
        if (st === null) problems.push(`removed: T/${p}`);
        else if (st.atim !== was.atim) problems.push(`read: T/${p}`);
        if (st !== null && memoryMetadata(st) !== memoryMetadata(was)) {
          problems.push(`changed: T/${p}\n    was ${memoryMetadata(was)}\n    now ${memoryMetadata(st)}`);
        }
      }
      for (const p of memoryWalk(root, 'sandbox')) if (!dataBefore.has(p)) problems.push(`created: T/${p}`);
      for (const p of paths) {
        const st = memoryStat(root, p);
        if (st !== null && memoryData(root, p, st) !== dataBefore.get(p)) problems.push(`data changed: T/${p}`);
      }
      return problems;
    },
  };
}
