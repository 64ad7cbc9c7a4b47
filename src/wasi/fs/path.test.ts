import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ERRNO_LOOP, ERRNO_NOENT, ERRNO_NOTDIR, ERRNO_PERM, ERRNO_SUCCESS, errnoName } from '../errno.js';
import { MemoryFs } from './memory.js';
import {
  MAX_SYMLINK_EXPANSIONS, pathLink, pathMkdir, pathOpen, pathRename, pathStat, pathUnlink, release, walk,
  type Namespace,
} from './path.js';
import { LOOKUPFLAGS_SYMLINK_FOLLOW as FOLLOW, OFLAGS_CREAT } from './types.js';

/** A MemoryFs namespace that counts directories entered and not yet left. */
function counted() {
  const fs = new MemoryFs();
  const inner = fs.ns as unknown as Namespace<unknown>;
  let open = 0;
  const ns: Namespace<unknown> = Object.create(inner);
  ns.enter = (dir, name) => {
    const r = inner.enter(dir, name);
    if (r.ok) open++;
    return r;
  };
  ns.leave = () => {
    open--;
  };
  return { fs, ns, root: fs.rootInode as unknown, open: () => open };
}

test('walk: components, dots, the final name, trailing slashes', () => {
  const { fs, ns, root, open } = counted();
  fs.mkdir('a/b/c', true);
  fs.writeFile('a/f', '');
  const w = walk(ns, root, 'a/./b//c/../c/', 'nofollow');
  assert.ok(w.ok);
  if (!w.ok) return;
  assert.is(w.value.name, 'c');
  assert.is(w.value.kind, 'dir');
  assert.is(w.value.slash, true);
  assert.is(w.value.dirs.length, 3, 'root, a, b');
  release(ns, w.value);
  assert.is(open(), 0);
  const self = walk(ns, root, 'a/..', 'nofollow');
  assert.ok(self.ok && self.value.name === null && self.value.dirs.length === 1);
  const missing = walk(ns, root, 'a/nothing', 'nofollow');
  assert.ok(missing.ok && missing.value.kind === 'missing');
  if (missing.ok) release(ns, missing.value);
  assert.is(open(), 0);
});

test('walk: errors leave every directory it entered', () => {
  const { fs, ns, root, open } = counted();
  fs.mkdir('a/b/c', true);
  fs.writeFile('a/b/file', '');
  fs.symlink('../../../..', 'a/b/c/up');
  fs.symlink('loop', 'a/b/loop');
  const cases: [string, number][] = [
    ['a/b/c/up/x', ERRNO_PERM], ['a/b/../../..', ERRNO_PERM], ['a/b/file/x', ERRNO_NOTDIR],
    ['a/b/missing/x', ERRNO_NOENT], ['a/b/loop/x', ERRNO_LOOP], ['/a', ERRNO_PERM],
  ];
  for (const [path, errno] of cases) {
    const r = walk(ns, root, path, 'follow');
    assert.is(r.ok ? 'success' : errnoName(r.errno), errnoName(errno), path);
    assert.is(open(), 0, `${path}: nothing left entered`);
  }
  // And the operations built on it, whatever they answer.
  pathOpen(ns, root, 'a/b/c/new', 0, OFLAGS_CREAT, 0, true, true);
  pathStat(ns, root, 'a/b/c/up', FOLLOW);
  pathMkdir(ns, root, 'a/b/c/d');
  pathUnlink(ns, root, 'a/b/c/new');
  pathRename(ns, root, 'a/b/c/d', root, 'a/b/c/up/x');
  pathRename(ns, root, 'a/b/c/d', root, 'a/e');
  pathLink(ns, root, 0, 'a/b/file', root, 'a/b/c/hard');
  pathLink(ns, root, 0, 'a/b/file', root, 'a/b/c/up/hard');
  assert.is(open(), 0);
});

test('walk: the symlink budget is shared by the whole resolution', () => {
  const fs = new MemoryFs();
  fs.mkdir('d');
  fs.symlink('.', 'd/dot');
  // Each `dot` is one expansion: 40 fit, 41 do not.
  const path = (n: number) => `d/${'dot/'.repeat(n)}`;
  const root = fs.root();
  assert.is(errnoName(root.mkdir(`${path(MAX_SYMLINK_EXPANSIONS)}x`)), errnoName(ERRNO_SUCCESS));
  assert.is(errnoName(root.mkdir(`${path(MAX_SYMLINK_EXPANSIONS + 1)}y`)), errnoName(ERRNO_LOOP));
});

test.run();
