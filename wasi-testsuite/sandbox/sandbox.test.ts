/**
 * The sandbox suite: each C program of wasi-testsuite/sandbox (built by
 * tools/build-wasi-sandbox.sh) tries to leave its preopen, in a fresh hostile layout (layout.ts),
 * four ways — `vitrine run --dir …`, the `WASI` class with a Vitrine instance, the `WASI` class
 * with the host's WebAssembly (where there is one), and the `WASI` class with the same layout in
 * an in-memory filesystem (MemoryFs) preopened instead. Each run must
 *   - exit 0 with nothing on stderr,
 *   - print exactly the lines of <program>.expected (an attempt and its errno, or "ok" and what it
 *     got; "A|B" where either errno is right),
 *   - leave everything outside T/sandbox as it was: no entry created, removed or changed, no
 *     file or directory read (access times; where the filesystem keeps them),
 *   - get no outside data in: no hard link to an outside file, no copy of outside content.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Instance, Module } from '../../src/index.js';
import { WASI } from '../../src/wasi/wasi.js';
import type { FsDir } from '../../src/wasi/fs/types.js';
import { makeLayout, makeMemoryLayout, OUTSIDE_MARKERS, recordOutside, smuggledIn, type Layout } from './layout.js';

/** The repository root (this file runs as dist/wasi-testsuite/sandbox/sandbox.test.js). */
const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const programs = join(repo, 'wasi-testsuite/sandbox');
const cli = join(repo, 'dist/src/cli/main.js');

const PROGRAMS = ['paths', 'host_symlinks', 'guest_symlinks', 'links_renames', 'mkdir_unlink', 'libc_paths'];

interface Expected {
  readonly attempt: string;
  /** The result, or (errno only) several acceptable ones. */
  readonly results: readonly string[];
}

/** Parses <name>.expected: "<attempt> <result>" lines; `#` comments and blank lines skipped. */
function readExpected(name: string): Expected[] {
  const out: Expected[] = [];
  for (const line of readFileSync(join(programs, `${name}.expected`), 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const space = line.indexOf(' ');
    const attempt = space < 0 ? line : line.slice(0, space);
    const result = space < 0 ? '' : line.slice(space + 1);
    out.push({ attempt, results: /^[A-Z0-9|]+$/.test(result) ? result.split('|') : [result] });
  }
  return out;
}

/** Every difference between a run's stdout and the expected lines, one message each. */
function compare(expected: readonly Expected[], stdout: string): string[] {
  if (stdout === '') return ['no output at all'];
  const got = new Map<string, string>();
  const order: string[] = [];
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const space = line.indexOf(' ');
    const attempt = space < 0 ? line : line.slice(0, space);
    got.set(attempt, space < 0 ? '' : line.slice(space + 1));
    order.push(attempt);
  }
  const problems: string[] = [];
  for (const e of expected) {
    const g = got.get(e.attempt);
    if (g === undefined) problems.push(`${e.attempt}: expected ${e.results.join('|')}, got nothing`);
    else if (!e.results.includes(g)) problems.push(`${e.attempt}: expected ${e.results.join('|')}, got ${g}`);
  }
  const known = new Set(expected.map((e) => e.attempt));
  for (const a of order) if (!known.has(a)) problems.push(`${a}: not expected (${got.get(a)})`);
  if (problems.length === 0 && order.join('\n') !== expected.map((e) => e.attempt).join('\n')) {
    problems.push('the attempts came in another order');
  }
  return problems;
}

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `vitrine run --dir T/sandbox::/sandbox --dir T/other::/other NAME.wasm T`. */
function runCli(name: string, layout: Layout): Run {
  const r = spawnSync(process.execPath, [
    cli, 'run', '--dir', `${layout.sandbox}::/sandbox`, '--dir', `${layout.other}::/other`,
    join(programs, `${name}.wasm`), layout.root,
  ], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr + (r.error ? String(r.error) : '') };
}

/** Where a run's preopens come from: the host layout's folders, or MemoryFs directories. */
interface Preopens {
  readonly root: string;
  readonly sandbox: string | FsDir;
  readonly other: string | FsDir;
}

/** The `WASI` class, in this process, on a Vitrine instance or a host WebAssembly one. */
function runApi(name: string, layout: Preopens, engine: 'vitrine' | 'host'): Run {
  const capture = mkdtempSync(join(tmpdir(), 'vitrine-sandbox-out-'));
  const outFd = openSync(join(capture, 'stdout'), 'w');
  const errFd = openSync(join(capture, 'stderr'), 'w');
  try {
    const wasi = new WASI({
      version: 'preview1',
      args: [name, layout.root],
      env: {},
      preopens: { '/sandbox': layout.sandbox, '/other': layout.other },
      stdout: outFd,
      stderr: errFd,
      returnOnExit: true,
    });
    const bytes = readFileSync(join(programs, `${name}.wasm`));
    const imports = { wasi_snapshot_preview1: wasi.wasiImport };
    const instance = engine === 'vitrine'
      ? new Instance(new Module(bytes), imports as never)
      : new (globalThis as any).WebAssembly.Instance(new (globalThis as any).WebAssembly.Module(bytes), imports);
    const status = wasi.start(instance);
    return {
      status,
      stdout: readFileSync(join(capture, 'stdout'), 'utf8'),
      stderr: readFileSync(join(capture, 'stderr'), 'utf8'),
    };
  } finally {
    closeSync(outFd);
    closeSync(errFd);
    rmSync(capture, { recursive: true, force: true });
  }
}

/** The checks every run gets: its status, stderr and output, plus `outside` problems. */
function verdict(name: string, how: string, r: Run, outside: string[]): string {
  const problems = [
    ...outside,
    ...OUTSIDE_MARKERS.filter((m) => r.stdout.includes(m)).map((m) => `outside data in the output: ${m}`),
  ];
  if (r.status !== 0) problems.push(`exit status ${r.status}`);
  if (r.stderr !== '') problems.push(`stderr: ${r.stderr.trim()}`);
  problems.push(...compare(readExpected(name), r.stdout));
  if (problems.length > 0) assert.unreachable(`${name} (${how}):\n  ${problems.join('\n  ')}`);
  return r.stdout;
}

/** Runs `name` in a fresh host layout and checks everything; returns its stdout. */
function check(name: string, how: string, run: (layout: Layout) => Run): string {
  const layout = makeLayout();
  try {
    const outside = recordOutside(layout);
    const r = run(layout);
    const problems = [...outside.check(), ...smuggledIn(layout)];
    if (!existsSync(join(layout.sandbox, 'sub'))) problems.push('the preopened directory lost sub/');
    return verdict(name, how, r, problems);
  } finally {
    layout.remove();
  }
}

/** Runs `name` with the layout in a MemoryFs and checks everything; returns its stdout. */
function checkMemory(name: string): string {
  const layout = makeMemoryLayout();
  const r = runApi(name, layout, 'vitrine');
  return verdict(name, 'WASI class, MemoryFs preopens', r, layout.check());
}

for (const name of PROGRAMS) {
  test(`sandbox ${name}: vitrine run, WASI class (Vitrine, host instance; host, memory fs) agree`, () => {
    const viaCli = check(name, 'vitrine run --dir', (l) => runCli(name, l));
    const viaApi = check(name, 'WASI class, Vitrine instance', (l) => runApi(name, l, 'vitrine'));
    assert.is(viaApi, viaCli, 'the WASI class and vitrine run print the same');
    if (typeof (globalThis as any).WebAssembly === 'object') {
      const viaHost = check(name, 'WASI class, host instance', (l) => runApi(name, l, 'host'));
      assert.is(viaHost, viaCli, 'a host instance gets the same answers');
    }
    assert.is(checkMemory(name), viaCli, 'the in-memory filesystem answers as the host one');
  });
}

test('sandbox: every program has its expected list, every list its program', () => {
  for (const name of PROGRAMS) {
    assert.ok(existsSync(join(programs, `${name}.wasm`)), `${name}.wasm (tools/build-wasi-sandbox.sh)`);
    const expected = readExpected(name);
    assert.ok(expected.length > 10 && expected.at(-1)!.attempt === 'done', `${name}.expected ends with done`);
    assert.is(new Set(expected.map((e) => e.attempt)).size, expected.length, `${name}: attempt names are unique`);
  }
});

test('sandbox: compare() reports wrong, missing and unexpected lines', () => {
  const expected = [
    { attempt: 'a', results: ['EPERM'] },
    { attempt: 'b', results: ['EBUSY', 'EINVAL'] },
    { attempt: 'c', results: ['ok read=x'] },
  ];
  assert.equal(compare(expected, 'a EPERM\nb EINVAL\nc ok read=x\n'), []);
  assert.equal(compare(expected, 'a ENOENT\nb EBUSY\nz ok\n'), [
    'a: expected EPERM, got ENOENT', 'c: expected ok read=x, got nothing', 'z: not expected (ok)',
  ]);
  assert.equal(compare(expected, 'b EBUSY\na EPERM\nc ok read=x\n'), ['the attempts came in another order']);
});

test.run();
