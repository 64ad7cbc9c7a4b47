/**
 * The WASI test suite runner (`npm run wasi-testsuite`): runs every test of the official
 * wasi-testsuite (prebuilt wasm32-wasip1 programs with JSON specifications) as its
 * specification.md describes, through `vitrine run` and through the API.
 *
 *   node dist/wasi-testsuite/run.js [--suite DIR] [--mode cli|api|host|all] [--jobs N]
 *                                   [--timeout SECONDS] [NAME…]
 *
 * The suite is ../shared/wasi-testsuite beside the repository by default (or --suite, or the
 * environment variable VITRINE_WASI_TESTSUITE): its folders (assemblyscript, c, rust) hold
 * `NAME.wasm` and, optionally, `NAME.json`. NAMEs select tests by `folder/name` or `name`.
 *
 * Per test and mode: the directories the specification names (`dirs`, or `root` as `/`) are
 * copied to a fresh temporary folder — the suite stays read-only — with `*.cleanup` removed
 * before and after; the program runs as a child process with stdin, stdout and stderr pipes;
 * then the specification's operations are checked in order (`run`, `read` of stdout/stderr,
 * `wait` for the exit code, and `connect`/`send`/`recv` for servers). A legacy specification
 * (`args`, `env`, `dirs`, `root`, `exit_code`, `stdout`, `stderr`) is converted to operations
 * as the reference runner does.
 *
 * Modes: `cli` runs `vitrine run --dir … --env … NAME.wasm ARGS`; `api` runs driver.ts, which
 * uses `new WASI(…)` with Vitrine's `Module`/`Instance`; `host` runs driver.ts with the host's
 * own WebAssembly (not part of `all`, for comparison). Default: `all` = cli and api.
 *
 * Prints one row per test, the failures, and `N passed, N failed, N skipped` (N counting test ×
 * mode) last. Exit status 1 if anything failed, 2 for a usage error or a missing suite.
 */

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs, repoRoot } from '../spec-tests/suite.js';

const MODES = ['cli', 'api', 'host'] as const;
type Mode = (typeof MODES)[number];

type Operation =
  | { readonly type: 'run'; readonly args: readonly string[]; readonly env: Readonly<Record<string, string>>;
      readonly root: string | null }
  | { readonly type: 'wait'; readonly exit_code: number }
  | { readonly type: 'read'; readonly id: 'stdout' | 'stderr'; readonly payload: string }
  | { readonly type: 'connect'; readonly id: string; readonly protocol_type: string }
  | { readonly type: 'send'; readonly id: string; readonly payload: string }
  | { readonly type: 'recv'; readonly id: string; readonly payload: string };

interface TestCase {
  /** `folder/name`. */
  readonly id: string;
  readonly folder: string;
  readonly wasm: string;
  /** Directories (relative to the test's folder) to preopen under their own names. */
  readonly dirs: readonly string[];
  readonly operations: readonly Operation[];
}

interface Outcome {
  readonly ok: boolean;
  readonly ms: number;
  readonly failures: readonly string[];
}

/** The reference runner's defaults of a legacy specification, converted to operations. */
function specification(folder: string, name: string): { dirs: string[]; operations: Operation[] } {
  const file = join(folder, `${name}.json`);
  const spec = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> : {};
  const run = (o: Record<string, unknown>): Operation => ({
    type: 'run', args: (o.args ?? []) as string[], env: (o.env ?? {}) as Record<string, string>,
    root: (o.root ?? null) as string | null,
  });
  if (Array.isArray(spec.operations)) {
    const operations = (spec.operations as Record<string, unknown>[]).map((o): Operation => {
      switch (o.type) {
        case 'run': return run(o);
        case 'wait': return { type: 'wait', exit_code: (o.exit_code ?? 0) as number };
        case 'read': return { type: 'read', id: (o.id ?? 'stdout') as 'stdout', payload: (o.payload ?? '') as string };
        case 'connect': return { type: 'connect', id: (o.id ?? 'server') as string, protocol_type: (o.protocol_type ?? 'tcp') as string };
        case 'send': return { type: 'send', id: o.id as string, payload: (o.payload ?? '') as string };
        case 'recv': return { type: 'recv', id: o.id as string, payload: (o.payload ?? '') as string };
        default: throw new Error(`${file}: unknown operation ${JSON.stringify(o.type)}`);
      }
    });
    return { dirs: [], operations };
  }
  const operations: Operation[] = [run(spec)];
  if (typeof spec.stdout === 'string') operations.push({ type: 'read', id: 'stdout', payload: spec.stdout });
  if (typeof spec.stderr === 'string') operations.push({ type: 'read', id: 'stderr', payload: spec.stderr });
  operations.push({ type: 'wait', exit_code: (spec.exit_code ?? 0) as number });
  return { dirs: (spec.dirs ?? []) as string[], operations };
}

function listTests(suite: string): TestCase[] {
  const tests: TestCase[] = [];
  for (const folder of readdirSync(suite).sort()) {
    const dir = join(suite, folder);
    if (!statSync(dir).isDirectory()) continue;
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith('.wasm')) continue;
      const name = f.slice(0, -'.wasm'.length);
      tests.push({ id: `${folder}/${name}`, folder: dir, wasm: join(dir, f), ...specification(dir, name) });
    }
  }
  return tests;
}

/** Removes `*.cleanup` files and folders under `dir`. */
function cleanup(dir: string): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.name.endsWith('.cleanup')) rmSync(p, { recursive: true, force: true });
    else if (e.isDirectory()) cleanup(p);
  }
}

/** Text arriving on a stream, read in order by `read(n)` as the reference runner does. */
class Reader {
  private text = '';
  private pos = 0;
  private ended = false;
  private wake: (() => void) | null = null;

  constructor(stream: NodeJS.ReadableStream) {
    stream.setEncoding('utf8');
    stream.on('data', (s: string) => {
      this.text += s;
      this.wake?.();
    });
    stream.on('end', () => {
      this.ended = true;
      this.wake?.();
    });
  }

  private async until(ready: () => boolean): Promise<void> {
    while (!ready() && !this.ended) await new Promise<void>((resolve) => { this.wake = resolve; });
  }

  /** The next `n` characters (fewer at the end of the stream). */
  async read(n: number): Promise<string> {
    await this.until(() => this.text.length - this.pos >= n);
    const s = this.text.slice(this.pos, this.pos + n);
    this.pos += s.length;
    return s;
  }

  /** The next line, without its newline. */
  async line(): Promise<string> {
    await this.until(() => this.text.indexOf('\n', this.pos) >= 0);
    const end = this.text.indexOf('\n', this.pos);
    const s = this.text.slice(this.pos, end < 0 ? undefined : end);
    this.pos = end < 0 ? this.text.length : end + 1;
    return s;
  }

  /** Everything received, for failure messages. */
  get all(): string {
    return this.text;
  }
}

const cliMain = join(repoRoot, 'dist', 'src', 'cli', 'main.js');
const driver = join(repoRoot, 'dist', 'wasi-testsuite', 'driver.js');

/** The command line of one run: `dirs` preopened as themselves, `root` as `/`. */
function commandLine(mode: Mode, test: TestCase, run: Extract<Operation, { type: 'run' }>, work: string): string[] {
  const preopens: Record<string, string> = {};
  for (const d of test.dirs) preopens[d] = join(work, d);
  if (run.root !== null) preopens['/'] = join(work, run.root);
  if (mode === 'cli') {
    return [
      cliMain, 'run',
      ...Object.entries(preopens).flatMap(([guest, host]) => ['--dir', `${host}::${guest}`]),
      ...Object.entries(run.env).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
      test.wasm, ...run.args,
    ];
  }
  const config = { wasm: test.wasm, args: run.args, env: run.env, preopens, engine: mode === 'host' ? 'host' : 'vitrine' };
  return [driver, JSON.stringify(config)];
}

/** Fails after `ms` milliseconds unless `p` settles first. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms / 1000} s`)), ms); }),
  ]);
}

async function runTest(test: TestCase, mode: Mode, timeoutMs: number): Promise<Outcome> {
  const start = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'vitrine-wasi-'));
  const failures: string[] = [];
  const sockets = new Map<string, { socket: net.Socket; reader: Reader }>();
  let child: ReturnType<typeof spawn> | undefined;
  try {
    const dirs = new Set(test.dirs);
    for (const op of test.operations) if (op.type === 'run' && op.root !== null) dirs.add(op.root);
    for (const d of dirs) {
      cpSync(join(test.folder, d), join(work, d), { recursive: true, verbatimSymlinks: true });
      cleanup(join(work, d));
    }
    let stdout: Reader | undefined, stderr: Reader | undefined;
    let exited: Promise<number | null> | undefined;
    for (const op of test.operations) {
      if (failures.length > 0) break;
      switch (op.type) {
        case 'run': {
          child = spawn(process.execPath, commandLine(mode, test, op, work), { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env } });
          stdout = new Reader(child.stdout!);
          stderr = new Reader(child.stderr!);
          const c = child;
          exited = new Promise((resolve) => c.on('close', (code, signal) => resolve(signal === null ? code : 128 + 9)));
          break;
        }
        case 'read': {
          const got = await within((op.id === 'stdout' ? stdout! : stderr!).read(op.payload.length), timeoutMs, `read ${op.id}`);
          if (got !== op.payload) failures.push(`${op.id}: expected ${JSON.stringify(op.payload)}, got ${JSON.stringify(got)}`);
          break;
        }
        case 'wait': {
          child!.stdin!.end();
          const code = await within(exited!, timeoutMs, 'wait');
          if (code !== op.exit_code) failures.push(`exit code: expected ${op.exit_code}, got ${code}`);
          break;
        }
        case 'connect': {
          const [host, port] = (await within(stdout!.line(), timeoutMs, 'connect')).trim().split(':');
          const socket = net.connect({ host, port: Number(port) });
          await within(new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject)), timeoutMs, 'connect');
          sockets.set(op.id, { socket, reader: new Reader(socket) });
          break;
        }
        case 'send':
          sockets.get(op.id)!.socket.write(op.payload);
          break;
        case 'recv': {
          const got = await within(sockets.get(op.id)!.reader.read(op.payload.length), timeoutMs, `recv ${op.id}`);
          if (got !== op.payload) failures.push(`recv ${op.id}: expected ${JSON.stringify(op.payload)}, got ${JSON.stringify(got)}`);
          break;
        }
      }
    }
    if (failures.length > 0 && stderr !== undefined && stderr.all !== '') failures.push(`stderr:\n${stderr.all.trimEnd()}`);
  } catch (e) {
    failures.push((e as Error).message);
  } finally {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const { socket } of sockets.values()) socket.destroy();
    rmSync(work, { recursive: true, force: true });
  }
  return { ok: failures.length === 0, ms: Date.now() - start, failures };
}

/** Runs `jobs` at a time, keeping the results in order. */
async function pool<T>(tasks: (() => Promise<T>)[], jobs: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  }));
  return results;
}

async function main(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, ['--suite', '--mode', '--jobs', '--timeout'], []);
  } catch (e) {
    console.error(`wasi-testsuite: ${(e as Error).message}`);
    return 2;
  }
  const { options, positional } = args;
  const suite = (options.get('--suite') as string | undefined) ?? process.env.VITRINE_WASI_TESTSUITE
    ?? join(repoRoot, '..', 'shared', 'wasi-testsuite');
  const modeArg = (options.get('--mode') as string | undefined) ?? 'all';
  const modes: Mode[] = modeArg === 'all' ? ['cli', 'api'] : MODES.includes(modeArg as Mode) ? [modeArg as Mode] : [];
  const jobs = Number(options.get('--jobs') ?? availableParallelism());
  const timeoutMs = Number(options.get('--timeout') ?? 60) * 1000;
  if (modes.length === 0 || !(jobs >= 1) || !(timeoutMs > 0)) {
    console.error('wasi-testsuite: --mode is cli, api, host or all; --jobs and --timeout are positive numbers');
    return 2;
  }
  if (!existsSync(suite)) {
    console.error(`wasi-testsuite: no suite at ${suite}: clone https://github.com/WebAssembly/wasi-testsuite (branch prod/testsuite-all) there, or pass --suite DIR`);
    console.log('0 passed, 1 failed, 0 skipped');
    return 2;
  }
  const all = listTests(suite);
  const tests = positional.length === 0 ? all : all.filter((t) => positional.some((p) => t.id === p || t.id.endsWith(`/${p}`)));
  if (tests.length === 0) {
    console.error('wasi-testsuite: no test matches');
    return 2;
  }

  console.log(`wasi-testsuite ${relative(process.cwd(), suite) || '.'}: ${tests.length} tests, modes ${modes.join(', ')}`);
  const outcomes = await pool(tests.flatMap((t) => modes.map((m) => () => runTest(t, m, timeoutMs))), jobs);
  const width = Math.max(...tests.map((t) => t.id.length));
  console.log(`${'test'.padEnd(width)}  ${modes.map((m) => m.padStart(10)).join('')}`);
  let passed = 0, failed = 0;
  const report: string[] = [];
  tests.forEach((t, i) => {
    const cells = modes.map((m, k) => {
      const o = outcomes[i * modes.length + k];
      if (o.ok) passed++;
      else {
        failed++;
        report.push(`FAIL ${t.id} (${m}):\n${o.failures.map((f) => `  ${f.replaceAll('\n', '\n  ')}`).join('\n')}`);
      }
      return `${o.ok ? 'ok' : 'FAIL'} ${String(o.ms).padStart(5)}ms`.padStart(10 + (o.ok ? 0 : 0));
    });
    console.log(`${t.id.padEnd(width)}  ${cells.join(' ')}`);
  });
  if (report.length > 0) console.log(`\n${report.join('\n')}`);
  console.log(`\n${passed} passed, ${failed} failed, 0 skipped`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
