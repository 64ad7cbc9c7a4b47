import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ERRNO_FBIG, ERRNO_NOSPC, ERRNO_SUCCESS } from '../errno.js';
import { conformance, is, openFile, readFile, value } from './conformance.test.shared.js';
import { MemoryFs } from './memory.js';
import { LOOKUPFLAGS_SYMLINK_FOLLOW, OFLAGS_CREAT, type FsFile } from './types.js';

conformance('MemoryFs', { fresh: () => new MemoryFs().root(), foreign: () => new MemoryFs().root() });

test('MemoryFs: the embedder helpers', () => {
  const fs = new MemoryFs();
  fs.mkdir('a/b/c', true);
  fs.mkdir('a/b/c', true);
  fs.mkdir('d');
  assert.throws(() => fs.mkdir('d'), /mkdir d: exist/);
  assert.throws(() => fs.mkdir('x/y'), /mkdir x\/y: noent/);
  fs.writeFile('a/b/c/f.txt', 'hello');
  fs.writeFile('bin', new Uint8Array([0, 1, 2]));
  fs.symlink('a/b/c/f.txt', 'link');
  assert.throws(() => fs.symlink('/abs', 'bad'), /symlink bad: perm/);
  assert.is(new TextDecoder().decode(fs.readFile('link')), 'hello');
  assert.equal([...fs.readFile('bin')], [0, 1, 2]);
  assert.throws(() => fs.readFile('a'), /readFile a: is a directory/);
  assert.throws(() => fs.readFile('missing'), /readFile missing: noent/);
  assert.throws(() => fs.writeFile('a', 'x'), /writeFile a: isdir/);
  fs.writeFile('a/b/c/f.txt', 'hi');
  assert.is(readFile(fs.root(), 'a/b/c/f.txt'), 'hi', 'writeFile replaces');
});

test('MemoryFs: capacity and the bytes of unlinked files', () => {
  const fs = new MemoryFs({ capacity: 1000 });
  const root = fs.root();
  const f = openFile(root, 'f', OFLAGS_CREAT);
  assert.is(value(f.write(new Uint8Array(600))), 600);
  assert.is(fs.used, 600);
  is(f.write(new Uint8Array(600)), ERRNO_NOSPC);
  is(f.allocate(0n, 2000n), ERRNO_NOSPC);
  is(f.setSize(1001n), ERRNO_NOSPC);
  assert.is(value(f.stat()).size, 600n, 'a refused write changes nothing');
  is(f.pwrite(new Uint8Array(1), 1n << 60n), ERRNO_FBIG);
  is(f.allocate(1n << 60n, 1n), ERRNO_FBIG);
  is(f.setSize(1n << 60n), ERRNO_FBIG);
  root.link(0, 'f', root, 'g');
  root.unlink('f');
  assert.is(fs.used, 600, 'another name keeps the bytes');
  root.unlink('g');
  assert.is(fs.used, 600, 'an open handle keeps the bytes');
  is(f.close(), ERRNO_SUCCESS);
  assert.is(fs.used, 0);
  const h = openFile(root, 'h', OFLAGS_CREAT);
  h.write(new Uint8Array(900));
  h.close();
  openFile(root, 'h', 8 /* TRUNC */, false, false).close();
  assert.is(fs.used, 0, 'truncation gives bytes back');
  const big = openFile(root, 'h', 0) as FsFile;
  is(big.setSize(1000n), ERRNO_SUCCESS);
  is(big.setSize(10n), ERRNO_SUCCESS);
  assert.is(fs.used, 10);
  big.close();
});

test('MemoryFs: a clock of its own, inode numbers, separate devices', () => {
  let now = 1000n;
  const fs = new MemoryFs({ clock: () => now++ });
  const root = fs.root();
  openFile(root, 'a', OFLAGS_CREAT).close();
  const st = value(root.statAt('a', LOOKUPFLAGS_SYMLINK_FOLLOW));
  assert.ok(st.mtim >= 1000n && st.mtim < 1010n);
  assert.is(st.dev, fs.dev);
  assert.is.not(new MemoryFs().dev, fs.dev);
  assert.is.not(st.ino, value(root.stat()).ino);
});

test.run();
