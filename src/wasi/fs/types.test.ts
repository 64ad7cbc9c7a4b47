import { existsSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as types from './types.js';

/** The members of a witx enum or flags type, in order. */
function members(witx: string, name: string): string[] {
  const body = new RegExp(`\\(typename \\$${name}\\s+\\((?:enum|flags) \\(@witx (?:tag|repr) \\w+\\)([\\s\\S]*?)\\n  \\)`).exec(witx);
  assert.ok(body, name);
  return [...body![1].matchAll(/^\s+\$(\w+)\s*$/gm)].map((m) => m[1]);
}

test('ok and fail', () => {
  assert.equal(types.ok(3), { ok: true, value: 3 });
  assert.equal(types.fail(44), { ok: false, errno: 44 });
});

test('enum values and flag bits follow the witx', () => {
  const witxUrl = new URL('../../../../../shared/wasi-spec/typenames.witx', import.meta.url);
  if (!existsSync(witxUrl)) return;
  const witx = readFileSync(witxUrl, 'utf8');
  const table = types as unknown as Record<string, number>;
  const enums: [string, string][] = [['filetype', 'FILETYPE'], ['whence', 'WHENCE'], ['advice', 'ADVICE']];
  for (const [name, prefix] of enums) {
    members(witx, name).forEach((m, i) => assert.is(table[`${prefix}_${m.toUpperCase()}`], i, `${prefix}_${m}`));
  }
  const flags: [string, string][] = [['fdflags', 'FDFLAGS'], ['fstflags', 'FSTFLAGS'], ['lookupflags', 'LOOKUPFLAGS'], ['oflags', 'OFLAGS']];
  for (const [name, prefix] of flags) {
    members(witx, name).forEach((m, i) => assert.is(table[`${prefix}_${m.toUpperCase()}`], 1 << i, `${prefix}_${m}`));
  }
});

test.run();
