import { existsSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as errno from './errno.js';

test('errno values and names follow the witx enum', () => {
  const constants = Object.entries(errno).filter(([k]) => k.startsWith('ERRNO_') && k !== 'ERRNO_NAMES');
  assert.is(constants.length, errno.ERRNO_NAMES.length);
  for (const [key, value] of constants) {
    assert.is(errno.ERRNO_NAMES[value as number], key.slice(6).toLowerCase(), key);
  }
  assert.is(errno.errnoName(errno.ERRNO_NOTCAPABLE), 'notcapable');
  assert.is(errno.errnoName(77), 'unknown errno 77');
  // With the specification beside the repository, compare with it directly.
  const witx = new URL('../../../../shared/wasi-spec/typenames.witx', import.meta.url);
  if (!existsSync(witx)) return;
  const body = /\(typename \$errno\s+\(enum \(@witx tag u16\)([\s\S]*?)\n  \)/.exec(readFileSync(witx, 'utf8'))![1];
  const names = [...body.matchAll(/^\s+\$(\w+)\s*$/gm)].map((m) => m[1]);
  assert.equal(names, errno.ERRNO_NAMES);
});

test.run();
