import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ERRNO_ACCES, ERRNO_AGAIN, ERRNO_BADF, ERRNO_IO, ERRNO_ISDIR, ERRNO_LOOP, ERRNO_NOENT, ERRNO_NOTDIR, ERRNO_PERM, ERRNO_SPIPE,
  ERRNO_SUCCESS, ERRNO_XDEV,
} from '../errno.js';
import { conformance, is, names, openDir, openFile, readFile, value, writeFile } from './conformance.test.shared.js';
import { errnoOf, hostNamespace, openHostDir, type HostDir, type HostMode } from './host.js';
import { MemoryFs } from './memory.js';
import {
  FILETYPE_DIRECTORY, FILETYPE_SYMBOLIC_LINK, FILETYPE_UNKNOWN, FSTFLAGS_MTIM,
  LOOKUPFLAGS_SYMLINK_FOLLOW as FOLLOW, OFLAGS_CREAT, OFLAGS_DIRECTORY, OFLAGS_TRUNC,
} from './types.js';

const temp = fs.mkdtempSync(join(tmpdir(), 'vitrine-hostfs-'));
let serial = 0;

/** A fresh empty host directory under the temp folder, and its path. */
function freshPath(): string {
  const path = join(temp, `t${serial++}`);
  fs.mkdirSync(path);
  return path;
}

const procFd = openHostDir(temp).mode === 'fd';
const modes: HostMode[] = procFd ? ['fd', 'path'] : ['path'];

for (const mode of modes) {
  conformance(`HostFs (${mode} mode)`, {
    fresh: () => openHostDir(freshPath(), { mode }),
    handlesLoseMovedDirs: mode === 'path',
    foreign: () => new MemoryFs().root(),
  });
}

/**
 * A preopen `pre/` beside `outside/` (which holds `secret` and `dir/`), filled by the host with
 * every kind of symlink that would lead out if the OS resolved it.
 */
function hostileLayout(): { base: string; pre: string; outside: string } {
  const base = freshPath();
  const pre = join(base, 'pre');
  const outside = join(base, 'outside');
  fs.mkdirSync(join(outside, 'dir'), { recursive: true });
  fs.writeFileSync(join(outside, 'secret'), 'secret');
  fs.mkdirSync(join(pre, 'sub', 'deeper'), { recursive: true });
  fs.writeFileSync(join(pre, 'file'), 'inside');
  const links: [string, string][] = [
    ['abs', outside], // absolute, to a directory
    ['absfile', join(outside, 'secret')], // absolute, to a file
    ['root', '/'],
    ['rel', '../outside'], // relative, to a directory
    ['relfile', '../outside/secret'],
    ['dotdot', '..'],
    ['sub/up2', '../..'],
    ['sub/deeper/up3', '../../../outside/secret'],
    ['via', 'sub/../../outside'], // climbs back out through a real directory
    ['chain1', 'chain2'], // a chain whose last link escapes
    ['chain2', 'sub/chain3'],
    ['sub/chain3', '../rel'],
    ['loop1', 'loop2'],
    ['loop2', 'loop1'],
    ['self', 'self'],
    ['subdir', 'sub'], // harmless: stays inside
  ];
  for (const [name, target] of links) fs.symlinkSync(target, join(pre, name));
  return { base, pre, outside };
}

/** The outside tree as text: names, contents and modification times. */
function snapshot(dir: string): string {
  const out: string[] = [];
  const visit = (p: string): void => {
    const st = fs.lstatSync(p, { bigint: true });
    out.push(`${p} ${st.mode} ${st.size} ${st.mtimeNs} ${st.nlink}`);
    if (st.isDirectory()) for (const n of fs.readdirSync(p).sort()) visit(join(p, n));
    else if (st.isFile()) out.push(fs.readFileSync(p, 'utf8'));
  };
  visit(dir);
  return out.join('\n');
}

const escapes = ['abs', 'absfile', 'root', 'rel', 'relfile', 'dotdot', 'sub/up2', 'sub/deeper/up3', 'via', 'chain1'];

for (const mode of modes) {
  test(`HostFs (${mode}): host-made symlinks never lead out`, () => {
    const { pre, outside } = hostileLayout();
    const before = snapshot(outside);
    const root = openHostDir(pre, { mode });
    for (const link of escapes) {
      is(root.open(link, FOLLOW, 0, 0, true, false), ERRNO_PERM, `open ${link}`);
      is(root.open(link, FOLLOW, OFLAGS_DIRECTORY, 0, false, false), ERRNO_PERM, `open dir ${link}`);
      is(root.open(`${link}/`, 0, 0, 0, true, false), ERRNO_PERM, `open ${link}/`);
      is(root.open(`${link}/secret`, 0, 0, 0, true, false), ERRNO_PERM, `open ${link}/secret`);
      is(root.open(`${link}/new`, 0, OFLAGS_CREAT, 0, true, true), ERRNO_PERM, `create ${link}/new`);
      is(root.open(link, FOLLOW, OFLAGS_CREAT | OFLAGS_TRUNC, 0, true, true), ERRNO_PERM, `truncate ${link}`);
      is(root.statAt(link, FOLLOW), ERRNO_PERM, `stat ${link}`);
      is(root.statAt(`${link}/dir`, 0), ERRNO_PERM, `stat ${link}/dir`);
      is(root.setTimesAt(link, FOLLOW, 0n, 0n, FSTFLAGS_MTIM), ERRNO_PERM, `utimes ${link}`);
      is(root.mkdir(`${link}/made`), ERRNO_PERM, `mkdir ${link}/made`);
      is(root.rmdir(`${link}/dir`), ERRNO_PERM, `rmdir ${link}/dir`);
      is(root.unlink(`${link}/secret`), ERRNO_PERM, `unlink ${link}/secret`);
      is(root.symlink('x', `${link}/made`), ERRNO_PERM, `symlink in ${link}`);
      is(root.rename('file', root, `${link}/stolen`), ERRNO_PERM, `rename into ${link}`);
      is(root.rename(`${link}/secret`, root, 'got'), ERRNO_PERM, `rename out of ${link}`);
      is(root.link(FOLLOW, link, root, 'hard'), ERRNO_PERM, `link to ${link}'s target`);
      is(root.link(0, 'file', root, `${link}/hard`), ERRNO_PERM, `link into ${link}`);
      is(root.readlink(`${link}/secret`), ERRNO_PERM, `readlink through ${link}`);
      // The link itself is inside: it can be looked at, renamed, removed.
      assert.is(value(root.statAt(link, 0)).filetype, FILETYPE_SYMBOLIC_LINK);
    }
    for (const loop of ['loop1', 'self']) {
      is(root.open(loop, FOLLOW, 0, 0, true, false), ERRNO_LOOP, loop);
      is(root.open(`${loop}/x`, 0, OFLAGS_CREAT, 0, true, true), ERRNO_LOOP, loop);
    }
    // What stays inside works.
    assert.is(readFile(root, 'subdir/../file'), 'inside');
    const sub = openDir(root, 'sub');
    is(sub.open('up2', FOLLOW, 0, 0, false, false), ERRNO_PERM, 'from sub, ../.. is above the handle');
    is(sub.open('chain3', FOLLOW, 0, 0, false, false), ERRNO_PERM);
    sub.close();
    // Links made by the guest: a relative one pointing out is stored, and refused when followed.
    is(root.symlink('../outside/secret', 'guest'), ERRNO_SUCCESS);
    is(root.open('guest', FOLLOW, 0, 0, true, false), ERRNO_PERM);
    is(root.symlink(join(outside, 'secret'), 'guestabs'), ERRNO_PERM);
    // A hard link of the link itself is harmless; following it is still confined.
    is(root.link(0, 'relfile', root, 'hardlink'), ERRNO_SUCCESS);
    is(root.open('hardlink', FOLLOW, 0, 0, true, false), ERRNO_PERM);
    // Removing and renaming the links acts on them, not on what they point to.
    for (const link of escapes) is(root.unlink(link), ERRNO_SUCCESS, `unlink ${link}`);
    is(root.rename('rel', root, 'x'), ERRNO_NOENT);
    root.close();
    assert.is(snapshot(outside), before, 'nothing outside was changed');
    assert.ok(fs.existsSync(join(outside, 'secret')));
  });

  test(`HostFs (${mode}): a handle whose directory is moved and replaced by a symlink`, () => {
    const { pre, outside } = hostileLayout();
    const before = snapshot(outside);
    const root = openHostDir(pre, { mode });
    const d = openDir(root, 'sub');
    fs.renameSync(join(pre, 'sub'), join(pre, 'moved'));
    fs.symlinkSync(outside, join(pre, 'sub'));
    const r = d.open('secret', 0, 0, 0, true, false);
    // fd mode follows the directory to its new name; path mode no longer trusts the old path.
    is(r, ERRNO_NOENT, 'never the outside secret');
    is(d.mkdir('made'), mode === 'fd' ? ERRNO_SUCCESS : ERRNO_NOENT);
    if (mode === 'fd') assert.ok(fs.existsSync(join(pre, 'moved', 'made')));
    is(d.readdir(0n), mode === 'fd' ? ERRNO_SUCCESS : ERRNO_NOENT);
    is(root.open('sub', 0, OFLAGS_DIRECTORY, 0, false, false), ERRNO_NOTDIR, 'the new symlink is not followed');
    is(root.open('sub/secret', 0, 0, 0, true, false), ERRNO_PERM);
    d.close();
    root.close();
    assert.is(snapshot(outside), before);
  });
}

test('HostFs: the preopen itself may be reached through a symlink the embedder chose', () => {
  const { base, pre } = hostileLayout();
  fs.symlinkSync(pre, join(base, 'alias'));
  for (const mode of modes) {
    const root = openHostDir(join(base, 'alias'), { mode });
    assert.is(readFile(root, 'file'), 'inside');
    is(root.open('dotdot', FOLLOW, 0, 0, false, false), ERRNO_PERM);
    root.close();
  }
});

test('HostFs: a name checked as a directory that turns into a symlink is refused by the OS', () => {
  const { pre } = hostileLayout();
  const root = openHostDir(pre) as HostDir;
  // What the walk would do after seeing `sub` as a directory and `file` as a file, had the host
  // swapped them for symlinks in between: O_NOFOLLOW|O_DIRECTORY and O_NOFOLLOW refuse.
  fs.rmSync(join(pre, 'sub'), { recursive: true });
  fs.symlinkSync('/', join(pre, 'sub'));
  fs.rmSync(join(pre, 'file'));
  fs.symlinkSync('/etc/passwd', join(pre, 'file'));
  is(hostNamespace.enter(root.ref, 'sub'), ERRNO_NOTDIR);
  is(hostNamespace.openFile(root.ref, 'file', { create: false, exclusive: false, truncate: false, read: true, write: false, fdflags: 0 }),
    ERRNO_LOOP);
  is(hostNamespace.openFile(root.ref, 'file', { create: true, exclusive: false, truncate: true, read: false, write: true, fdflags: 0 }),
    ERRNO_LOOP);
  fs.mkdirSync(join(pre, 'plain'));
  is(hostNamespace.openFile(root.ref, 'plain', { create: false, exclusive: false, truncate: false, read: true, write: false, fdflags: 0 }),
    ERRNO_ISDIR, 'a file that became a directory');
  is(root.open('sub/etc/passwd', 0, 0, 0, true, false), ERRNO_PERM);
  is(root.open('sub', 0, 0, 0, true, false), ERRNO_LOOP);
  root.close();
});

test('HostFs: FIFOs do not block, devices and sockets have their types', () => {
  const dir = freshPath();
  try {
    execFileSync('mkfifo', [join(dir, 'fifo')]);
  } catch {
    return; // no mkfifo on this host
  }
  const root = openHostDir(dir);
  assert.is(value(root.statAt('fifo', 0)).filetype, FILETYPE_UNKNOWN);
  const f = openFile(root, 'fifo', 0, true, false);
  const r = f.read(new Uint8Array(4));
  assert.ok(!r.ok ? r.errno === ERRNO_AGAIN : r.value === 0, 'no writer: EAGAIN or end of file, never a hang');
  is(f.seek(0n, 0), ERRNO_SPIPE);
  is(f.tell(), ERRNO_SPIPE);
  is(f.pread(new Uint8Array(1), 0n), ERRNO_SPIPE);
  f.close();
  root.close();
});

test('HostFs: nanosecond times survive the double-precision node:fs API', () => {
  const root = openHostDir(freshPath());
  writeFile(root, 'f', '');
  const mtim = 1_700_000_000_123_456_789n;
  is(root.setTimesAt('f', 0, 1_600_000_000_987_654_321n, mtim, 5 /* ATIM | MTIM */), ERRNO_SUCCESS);
  let st = value(root.statAt('f', 0));
  assert.is(st.mtim, mtim);
  assert.is(st.atim, 1_600_000_000_987_654_321n);
  // A later change on the host wins over the remembered value.
  const f = openFile(root, 'f', 0);
  f.write(new Uint8Array([1]));
  f.close();
  st = value(root.statAt('f', 0));
  assert.is.not(st.mtim, mtim);
  // A time a double can hold exactly needs no memo.
  is(root.setTimesAt('f', 0, 0n, 2_000_000_000n, FSTFLAGS_MTIM), ERRNO_SUCCESS);
  assert.is(value(root.statAt('f', 0)).mtim, 2_000_000_000n);
  root.close();
});

test('HostFs: readdir, permissions, errors from the OS', () => {
  const dir = freshPath();
  const root = openHostDir(dir);
  fs.mkdirSync(join(dir, 'd'));
  fs.writeFileSync(join(dir, 'f'), '');
  const list = value(root.readdir(0n));
  assert.equal(list.map((e) => e.name).sort(), ['.', '..', 'd', 'f']);
  assert.is(list.find((e) => e.name === '..')!.type, FILETYPE_DIRECTORY);
  // Removed after the listing was taken: its continuation still lists it (cookies stay put).
  const start = list.findIndex((e) => e.name === 'd');
  fs.rmSync(join(dir, 'd'), { recursive: true });
  assert.is(value(root.readdir(BigInt(start)))[0].name, 'd');
  const other = openHostDir(dir);
  assert.equal(value(other.readdir(2n)).map((e) => e.name), ['f'], 'a first call with a cookie takes the listing');
  other.close();
  if (process.getuid?.() !== 0) {
    fs.writeFileSync(join(dir, 'locked'), 'x');
    fs.chmodSync(join(dir, 'locked'), 0);
    is(root.open('locked', 0, 0, 0, true, false), ERRNO_ACCES);
  }
  assert.is(errnoOf(Object.assign(new Error('x'), { code: 'ENOTDIR' })), ERRNO_NOTDIR);
  assert.is(errnoOf(Object.assign(new Error('x'), { code: 'EWHATEVER' })), ERRNO_IO);
  assert.is(errnoOf('not an error'), ERRNO_IO);
  assert.throws(() => openHostDir(join(dir, 'missing')), /cannot open ".*missing" as a directory: noent/);
  assert.throws(() => openHostDir(join(dir, 'f')), /as a directory: notdir/);
  root.close();
  is(root.close(), ERRNO_BADF);
  is(root.readdir(0n), ERRNO_BADF);
});

test('HostFs: every descriptor the walks open is closed again', () => {
  if (!procFd) return;
  const { pre } = hostileLayout();
  const count = () => fs.readdirSync('/proc/self/fd').length;
  const before = count();
  const root = openHostDir(pre);
  for (const link of [...escapes, 'loop1', 'subdir', 'sub', 'sub/deeper']) {
    const opened = root.open(`${link}/x`, FOLLOW, OFLAGS_CREAT, 0, true, true);
    if (opened.ok) opened.value.close();
    root.statAt(`${link}/deeper/../x`, FOLLOW);
    root.mkdir(`${link}/m`);
    root.rename(`${link}/m`, root, 'sub/deeper/m2');
    root.link(0, 'file', root, `${link}/l`);
    root.unlink(`${link}/x`);
    root.readdir(0n);
  }
  root.close();
  assert.is(count(), before);
});

test('mixed preopens: host and memory side by side, EXDEV between them', () => {
  const mem = new MemoryFs();
  mem.writeFile('m.txt', 'memory');
  const memRoot = mem.root();
  const a = openHostDir(freshPath());
  const b = openHostDir(freshPath());
  writeFile(a, 'h.txt', 'host');
  is(a.rename('h.txt', memRoot, 'h.txt'), ERRNO_XDEV);
  is(memRoot.rename('m.txt', a, 'm.txt'), ERRNO_XDEV);
  is(a.link(0, 'h.txt', memRoot, 'h.txt'), ERRNO_XDEV);
  is(memRoot.link(0, 'm.txt', a, 'm.txt'), ERRNO_XDEV);
  // Two host preopens on one filesystem: rename and link work between them.
  is(a.rename('h.txt', b, 'moved.txt'), ERRNO_SUCCESS);
  assert.is(readFile(b, 'moved.txt'), 'host');
  is(b.link(0, 'moved.txt', a, 'back.txt'), ERRNO_SUCCESS);
  assert.equal(names(a), ['.', '..', 'back.txt']);
  assert.is(readFile(memRoot, 'm.txt'), 'memory');
  a.close();
  b.close();
});

test.after(() => fs.rmSync(temp, { recursive: true, force: true }));
test.run();
