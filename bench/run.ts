#!/usr/bin/env node
/**
 * `npm run bench` — runs every benchmark program (bench/programs/*.wasm) in Vitrine and in the
 * host's own WebAssembly engine, in the same process, checks each result against
 * bench/programs/checksums.json, and prints per program the times, the ratio Vitrine/host and
 * the start-up times, then the geometric means. The peers polywasm and webassemblyjs run too.
 *
 *   npm run bench [-- OPTIONS]
 *     --filter NAME[,NAME]  only these programs (the option may be repeated)
 *     --json FILE           also write the results as JSON
 *     --svg FILE            where to write the bar chart (default bench/report.svg;
 *                           bench/report-jitless.svg with --jitless)
 *     --jitless             re-run under `node --jitless`: Vitrine against polywasm, no host engine
 *     --runs N              timed runs per engine and program (default 5; 3 with --jitless)
 *     --warmup N            untimed runs before them (default 2; 0 with --jitless)
 *     --budget S            take no further timed runs once they add up to S seconds (default 20)
 *     --timeout S           limit for one run of Vitrine, the host or polywasm (default 60; 600
 *                           with --jitless; the first also covers compiling and the warm-up):
 *                           past it the run is stopped and counts as failed
 *     --peer-timeout S      limit for webassemblyjs per program (default 60): past it, "timeout"
 *     --startup-time S      benny's time per start-up micro-benchmark (default 0.5)
 *     --startup-warmup S    seconds of start-ups before benny measures (default 3; 0.5 with --jitless)
 *     --no-startup          skip the start-up measurements
 *
 * Method (docs/RATIONALE.md, "Benchmarks"): every measurement runs in a fresh worker thread;
 * per engine and program the module is compiled once, run `--warmup` times untimed, then timed
 * on a fresh instance per run; the figure is the median. Start-up is measured with benny on
 * distinct copies of the bytes, through the promise API (`compile` + `instantiate`, the issue's
 * measure) and through the synchronous constructors (the host's best case). Exit status 1 if
 * Vitrine or the host fails, times out or returns a wrong checksum; the peers' failures are
 * reported, not fatal.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { EngineName } from './engines.js';
import { formatMs, formatRatio, geomean, median, renderSvg, type Series } from './report.js';
import type { Job, Message, RunMessage, StartupMessage } from './worker.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root: this file runs as dist/bench/run.js. */
const root = resolve(here, '..', '..');
const programsDir = join(root, 'bench', 'programs');

// ---------------------------------------------------------------------------------------------
// Options

const { values: args } = parseArgs({
  options: {
    filter: { type: 'string', multiple: true },
    json: { type: 'string' },
    svg: { type: 'string' },
    jitless: { type: 'boolean', default: false },
    runs: { type: 'string' },
    warmup: { type: 'string' },
    budget: { type: 'string' },
    timeout: { type: 'string' },
    'peer-timeout': { type: 'string' },
    'startup-time': { type: 'string' },
    'startup-warmup': { type: 'string' },
    'no-startup': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  const source = readFileSync(join(root, 'bench', 'run.ts'), 'utf8');
  console.log(/\/\*\*([\s\S]*?)\*\//.exec(source)![1].replace(/^ \* ?/gm, '').trim());
  process.exit(0);
}

const underJitless = process.execArgv.includes('--jitless');
if (args.jitless && !underJitless) {
  const r = spawnSync(process.execPath, ['--jitless', fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}
const jitless = underJitless;
if (jitless && 'WebAssembly' in globalThis) throw new Error('--jitless, yet a WebAssembly global exists');

function numberOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`bench: --${name} wants a non-negative number, not ${value}`);
    process.exit(2);
  }
  return n;
}

const runs = Math.max(1, Math.round(numberOption('runs', args.runs, jitless ? 3 : 5)));
const warmup = Math.round(numberOption('warmup', args.warmup, jitless ? 0 : 2));
const budgetMs = numberOption('budget', args.budget, 20) * 1000;
const timeoutMs = numberOption('timeout', args.timeout, jitless ? 600 : 60) * 1000;
const peerTimeoutMs = numberOption('peer-timeout', args['peer-timeout'], 60) * 1000;
const startupTime = numberOption('startup-time', args['startup-time'], 0.5);
const startupWarmup = numberOption('startup-warmup', args['startup-warmup'], jitless ? 0.5 : 3);
const svgPath = resolve(args.svg ?? join(root, 'bench', jitless ? 'report-jitless.svg' : 'report.svg'));

/** The engine every ratio divides by. */
const baseline: EngineName = jitless ? 'polywasm' : 'host';
/** Engines timed on every program, the baseline second. */
const timedEngines: EngineName[] = jitless ? ['vitrine', 'polywasm'] : ['vitrine', 'host', 'polywasm', 'webassemblyjs'];
/** Engines whose start-up is measured. */
const startupEngines: EngineName[] = args['no-startup'] ? [] : jitless ? ['vitrine', 'polywasm'] : ['vitrine', 'host', 'polywasm'];

// ---------------------------------------------------------------------------------------------
// Programs

const checksumsPath = join(programsDir, 'checksums.json');
const checksums = JSON.parse(readFileSync(checksumsPath, 'utf8')) as Record<string, string>;
const available = existsSync(programsDir)
  ? readdirSync(programsDir).filter((f) => f.endsWith('.wasm')).map((f) => basename(f, '.wasm')).sort()
  : [];
const wanted = (args.filter ?? []).flatMap((f) => f.split(',')).map((f) => f.trim()).filter((f) => f !== '');
for (const w of wanted) {
  if (!available.includes(w)) {
    console.error(`bench: no program ${w} (bench/programs has: ${available.join(', ')})`);
    process.exit(2);
  }
}
const programs = wanted.length > 0 ? available.filter((n) => wanted.includes(n)) : available;
if (programs.length === 0) {
  console.error('bench: no bench/programs/*.wasm');
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Jobs

interface JobOutcome {
  messages: Message[];
  timedOut: boolean;
  /** The worker died without posting an error (out of memory, a crash): what it said. */
  crash?: string;
}

/**
 * Runs one job in a new worker. `limitMs` bounds the wait for each message; when it passes, the
 * worker is terminated.
 */
function runJob(job: Job, limitMs: number): Promise<JobOutcome> {
  return new Promise((done) => {
    const worker = new Worker(new URL('./worker.js', import.meta.url), {
      workerData: job,
      stdout: true, // benny's console output stays in the worker
      stderr: true,
    });
    const messages: Message[] = [];
    let stderr = '';
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: JobOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done(outcome);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void worker.terminate();
        finish({ messages, timedOut: true });
      }, limitMs);
    };
    worker.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    worker.stdout.resume();
    worker.on('message', (m: Message) => { messages.push(m); arm(); });
    worker.on('error', (e) => finish({ messages, timedOut: false, crash: `${e.name}: ${e.message}` }));
    worker.on('exit', (code) => {
      const crash = code !== 0 ? `worker exited with code ${code}${stderr ? `: ${stderr.trim().split('\n').at(-1)}` : ''}` : undefined;
      finish({ messages, timedOut: false, crash });
    });
    arm();
  });
}

type Status = 'ok' | 'wrong' | 'error' | 'timeout';

interface Timing {
  status: Status;
  /** Median of the timed runs, when the status is ok. */
  ms?: number;
  /** Every timed run, ms. */
  runs: number[];
  /** What went wrong, for any other status. */
  detail?: string;
}

async function time(engine: EngineName, name: string): Promise<Timing> {
  const peer = engine === 'webassemblyjs';
  // webassemblyjs is far too slow for repeated runs: one run, no warm-up, its own time limit.
  const job: Job = {
    kind: 'run', engine, file: join(programsDir, `${name}.wasm`),
    warmup: peer ? 0 : warmup, runs: peer ? 1 : runs, budgetMs,
  };
  const limit = peer ? peerTimeoutMs : timeoutMs;
  const outcome = await runJob(job, limit);
  const results = outcome.messages.filter((m): m is RunMessage => m.type === 'run');
  const timed = results.filter((m) => !m.warmup).map((m) => m.ms);
  const expected = checksums[name];
  const wrong = results.find((m) => m.checksum !== expected);
  if (wrong !== undefined) return { status: 'wrong', runs: timed, detail: `run() returned ${wrong.checksum}, expected ${expected}` };
  const error = outcome.messages.find((m) => m.type === 'error');
  if (error !== undefined && error.type === 'error') return { status: 'error', runs: timed, detail: error.message };
  if (outcome.crash !== undefined) return { status: 'error', runs: timed, detail: outcome.crash };
  if (outcome.timedOut) return { status: 'timeout', runs: timed, detail: `a run took over ${limit / 1000} s` };
  return { status: 'ok', ms: median(timed), runs: timed };
}

interface Startup {
  /**
   * benny's median of the start-up step through the promise API — `compile`, then `instantiate`
   * (Vitrine: up to and including translating run) — ms: the issue's measure.
   */
  ms?: number;
  /** benny's median of the same step through the synchronous constructors, ms. */
  syncMs?: number;
  /** Vitrine: `syncMs` plus the median time to translate every other body, ms. */
  allMs?: number;
  /** The first start-up in a fresh worker (synchronous constructors), ms. */
  coldMs?: number;
  samples?: number;
  detail?: string;
}

async function startup(engine: EngineName, name: string): Promise<Startup> {
  const job: Job = { kind: 'startup', engine, file: join(programsDir, `${name}.wasm`), maxTime: startupTime, warmupTime: startupWarmup };
  const outcome = await runJob(job, Math.max(timeoutMs, 60_000));
  const m = outcome.messages.find((x): x is StartupMessage => x.type === 'startup');
  if (m !== undefined) {
    const allMs = m.restMs === undefined ? undefined : m.medianMs + m.restMs;
    return { ms: m.promiseMs, syncMs: m.medianMs, allMs, coldMs: m.coldMs, samples: m.samples };
  }
  const error = outcome.messages.find((x) => x.type === 'error');
  return { detail: error?.type === 'error' ? error.message : outcome.crash ?? 'timed out' };
}

// ---------------------------------------------------------------------------------------------
// Table

interface Column {
  header: string;
  width: number;
  left?: boolean;
}

const columns: Column[] = jitless
  ? [
    { header: 'program', width: 11, left: true },
    { header: 'vitrine ms', width: 11 },
    { header: 'polywasm ms', width: 12 },
    { header: 'V/polywasm', width: 11 },
    { header: 'start-up ms V / P', width: 18 },
    { header: 'sync ms V / Vall / P', width: 24 },
    { header: 'cold ms V / P', width: 18 },
  ]
  : [
    { header: 'program', width: 11, left: true },
    { header: 'vitrine ms', width: 11 },
    { header: 'host ms', width: 9 },
    { header: 'V/host', width: 8 },
    { header: 'polywasm ms', width: 12 },
    { header: 'P/host', width: 8 },
    { header: 'webassemblyjs', width: 22 },
    { header: 'start-up ms V / H / P', width: 22 },
    { header: 'sync ms V / Vall / H / P', width: 28 },
    { header: 'cold ms V / H', width: 16 },
  ];

function line(cells: string[]): string {
  return cells.map((c, i) => (columns[i].left ? c.padEnd(columns[i].width) : c.padStart(columns[i].width))).join(' ').trimEnd();
}

function cell(t: Timing | undefined): string {
  if (t === undefined) return '–';
  return t.status === 'ok' ? formatMs(t.ms!) : t.status.toUpperCase();
}

function ratioOf(a: Timing | undefined, b: Timing | undefined): number | undefined {
  return a?.ms !== undefined && b?.ms !== undefined ? a.ms / b.ms : undefined;
}

function startupCell(...xs: (number | undefined)[]): string {
  return xs.map((x) => (x === undefined ? '–' : formatMs(x))).join(' / ');
}

// ---------------------------------------------------------------------------------------------
// Run

interface ProgramResult {
  name: string;
  timings: Partial<Record<EngineName, Timing>>;
  startups: Partial<Record<EngineName, Startup>>;
}

const date = new Date().toISOString().slice(0, 10);
const cores = cpus().length;
const method = `median of up to ${runs} run(s) (${budgetMs / 1000} s budget) after ${warmup} warm-up(s)`;
console.log(
  `Vitrine benchmarks — ${date}, Node ${process.version}${jitless ? ' --jitless' : ''}, ${cores} cores; ` +
    `${method}; ratios divide by ${baseline === 'host' ? "the host's WebAssembly" : 'polywasm'}`,
);
console.log(line(columns.map((c) => c.header)));

const results: ProgramResult[] = [];
const failures: string[] = [];
const notes: string[] = [];
for (const name of programs) {
  if (process.stderr.isTTY) process.stderr.write(`${name}…\r`);
  const r: ProgramResult = { name, timings: {}, startups: {} };
  if (checksums[name] === undefined) failures.push(`${name}: no checksum in bench/programs/checksums.json`);
  for (const e of startupEngines) r.startups[e] = await startup(e, name);
  for (const e of timedEngines) r.timings[e] = await time(e, name);
  results.push(r);

  for (const e of timedEngines) {
    const t = r.timings[e]!;
    if (t.status === 'ok') continue;
    const msg = `${name}: ${e} ${t.status}: ${t.detail}`;
    if (e === 'vitrine' || e === 'host') failures.push(msg);
    else notes.push(msg);
  }
  for (const e of startupEngines) {
    const s = r.startups[e]!;
    if (s.detail === undefined) continue;
    const msg = `${name}: ${e} start-up failed: ${s.detail}`;
    if (e === 'vitrine' || e === 'host') failures.push(msg);
    else notes.push(msg);
  }

  const t = r.timings;
  const s = r.startups;
  if (jitless) {
    console.log(line([
      name, cell(t.vitrine), cell(t.polywasm), formatRatio(ratioOf(t.vitrine, t.polywasm) ?? NaN),
      startupCell(s.vitrine?.ms, s.polywasm?.ms), startupCell(s.vitrine?.syncMs, s.vitrine?.allMs, s.polywasm?.syncMs),
      startupCell(s.vitrine?.coldMs, s.polywasm?.coldMs),
    ]));
  } else {
    const w = t.webassemblyjs!;
    const wCell = w.status === 'ok' ? `correct ${formatMs(w.ms!)} ms` : w.status === 'timeout' ? `timeout (>${peerTimeoutMs / 1000} s)` : w.status;
    console.log(line([
      name, cell(t.vitrine), cell(t.host), formatRatio(ratioOf(t.vitrine, t.host) ?? NaN),
      cell(t.polywasm), formatRatio(ratioOf(t.polywasm, t.host) ?? NaN), wCell,
      startupCell(s.vitrine?.ms, s.host?.ms, s.polywasm?.ms),
      startupCell(s.vitrine?.syncMs, s.vitrine?.allMs, s.host?.syncMs, s.polywasm?.syncMs), startupCell(s.vitrine?.coldMs, s.host?.coldMs),
    ]));
  }
}

/** Geometric mean of the defined values. */
function gm(xs: (number | undefined)[]): number {
  return geomean(xs.filter((x): x is number => x !== undefined));
}

const ratios = results.map((r) => ratioOf(r.timings.vitrine, r.timings[baseline]));
const polyRatios = results.map((r) => ratioOf(r.timings.polywasm, r.timings.host));
const startupRatios = results.map((r) => {
  const v = r.startups.vitrine?.ms, b = r.startups[baseline]?.ms;
  return v !== undefined && b !== undefined ? v / b : undefined;
});
const syncRatios = results.map((r) => {
  const v = r.startups.vitrine?.syncMs, b = r.startups[baseline]?.syncMs;
  return v !== undefined && b !== undefined ? v / b : undefined;
});
const allRatios = results.map((r) => {
  const v = r.startups.vitrine?.allMs, b = r.startups[baseline]?.syncMs;
  return v !== undefined && b !== undefined ? v / b : undefined;
});
const coldRatios = results.map((r) => {
  const v = r.startups.vitrine?.coldMs, b = r.startups[baseline]?.coldMs;
  return v !== undefined && b !== undefined ? v / b : undefined;
});
const meanRatio = gm(ratios);
const meanStartup = gm(startupRatios);
const meanSync = gm(syncRatios);
const meanAll = gm(allRatios);
const meanCold = gm(coldRatios);

if (jitless) {
  console.log(line(['geomean', '', '', formatRatio(meanRatio), formatRatio(meanStartup), `${formatRatio(meanSync)} / ${formatRatio(meanAll)}`, formatRatio(meanCold)]));
} else {
  console.log(line([
    'geomean', '', '', formatRatio(meanRatio), '', formatRatio(gm(polyRatios)), '', formatRatio(meanStartup),
    `${formatRatio(meanSync)} / ${formatRatio(meanAll)}`, formatRatio(meanCold),
  ]));
}
console.log();
const counted = ratios.filter((x) => x !== undefined).length;
console.log(`Geometric mean of Vitrine/${baseline}: ${formatRatio(meanRatio)} over ${counted} of ${results.length} programs.`);
if (startupEngines.length > 0) {
  const fasterOn = (xs: (number | undefined)[]) => `faster on ${xs.filter((x) => x !== undefined && x < 1).length} of ${results.length}`;
  const other = baseline === 'host' ? 'the host (V8 compiles each body on its first call)' : 'polywasm (it translates each body on its first call)';
  console.log(`Start-up (decode + validate + instantiate + translate run()) against ${other}, Vitrine/${baseline}, benny medians:`);
  console.log(`  through the promise API, compile + instantiate: ${formatRatio(meanStartup)} (${fasterOn(startupRatios)})`);
  console.log(`  through the synchronous constructors, new Module + new Instance: ${formatRatio(meanSync)} (${fasterOn(syncRatios)}); ` +
    `${formatRatio(meanCold)} cold (the first in a fresh worker; ${fasterOn(coldRatios)})`);
  console.log(`  translating every body instead ("Vall", constructors): ${formatRatio(meanAll)} (${fasterOn(allRatios)})`);
}
if (!jitless) {
  const w = results.map((r) => r.timings.webassemblyjs!);
  const counts = (['ok', 'wrong', 'error', 'timeout'] as const).map((st) => `${w.filter((x) => x.status === st).length} ${st === 'ok' ? 'correct' : st}`);
  console.log(`webassemblyjs: ${counts.join(', ')}.`);
}
for (const n of notes) console.log(`note: ${n}`);

// ---------------------------------------------------------------------------------------------
// JSON and SVG

const round = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? null : Math.round(x * 1000) / 1000);

if (args.json !== undefined) {
  const json = {
    date,
    node: process.version,
    jitless,
    cores,
    baseline,
    runs,
    warmup,
    geomean: round(meanRatio),
    polywasm_geomean: jitless ? null : round(gm(polyRatios)),
    startup_geomean: round(meanStartup),
    sync_startup_geomean: round(meanSync),
    all_startup_geomean: round(meanAll),
    cold_startup_geomean: round(meanCold),
    programs: results.map((r, i) => {
      const t = r.timings, s = r.startups;
      const entry: Record<string, unknown> = {
        name: r.name,
        checksum: checksums[r.name] ?? null,
        vitrine_ms: round(t.vitrine?.ms),
        host_ms: round(t.host?.ms),
        ratio: round(ratios[i]),
        vitrine_status: t.vitrine?.status,
        polywasm_ms: round(t.polywasm?.ms),
        polywasm_status: t.polywasm?.status,
        vitrine_startup_ms: round(s.vitrine?.ms),
        host_startup_ms: round(s.host?.ms),
        polywasm_startup_ms: round(s.polywasm?.ms),
        vitrine_sync_startup_ms: round(s.vitrine?.syncMs),
        vitrine_startup_all_ms: round(s.vitrine?.allMs),
        host_sync_startup_ms: round(s.host?.syncMs),
        polywasm_sync_startup_ms: round(s.polywasm?.syncMs),
        vitrine_cold_startup_ms: round(s.vitrine?.coldMs),
        host_cold_startup_ms: round(s.host?.coldMs),
        polywasm_cold_startup_ms: round(s.polywasm?.coldMs),
        vitrine_runs_ms: t.vitrine?.runs.map(round),
      };
      if (!jitless) {
        entry.polywasm_ratio = round(polyRatios[i]);
        const w = t.webassemblyjs!;
        entry.webassemblyjs = { status: w.status, ms: round(w.ms), detail: w.detail ?? null };
      }
      return entry;
    }),
  };
  writeFileSync(resolve(args.json), JSON.stringify(json, null, 2) + '\n');
  console.log(`Wrote ${args.json}.`);
}

/** Why a ratio of two engines' times is missing, for the chart: the first one's failure. */
const noteOf = (...engines: EngineName[]) => results.map((r) => {
  for (const e of engines) {
    const t = r.timings[e];
    if (t !== undefined && t.status !== 'ok') return `${e} ${t.status === 'wrong' ? 'wrong result' : t.status}`;
  }
  return undefined;
});
const countOf = (xs: (number | undefined)[]) => xs.filter((x) => x !== undefined).length;
const series: Series[] = jitless
  ? [{ label: 'Vitrine / polywasm', color: '#2b6cb0', values: ratios, notes: noteOf('vitrine', 'polywasm'), geomean: meanRatio }]
  : [
    { label: 'Vitrine / host', color: '#2b6cb0', values: ratios, notes: noteOf('vitrine', 'host'), geomean: meanRatio },
    {
      label: `polywasm / host (geomean of the ${countOf(polyRatios)} correct)`, color: '#dd8452',
      values: polyRatios, notes: noteOf('polywasm', 'host'), geomean: gm(polyRatios),
    },
  ];
writeFileSync(svgPath, renderSvg({
  title: jitless
    ? 'Vitrine against polywasm under node --jitless: time per program'
    : "Vitrine against the host's WebAssembly: time per program",
  subtitle: `${date}, Node ${process.version}${jitless ? ' --jitless' : ''}, ${cores} cores; ${method}; lower is better`,
  axisLabel: jitless
    ? 'time ÷ polywasm time (log scale; 1× = as fast as polywasm)'
    : "time ÷ host WebAssembly time (log scale; 1× = as fast as the host's engine)",
  names: results.map((r) => r.name),
  series,
}));
console.log(`Wrote ${svgPath.startsWith(root) ? svgPath.slice(root.length + 1) : svgPath}.`);

if (failures.length > 0) {
  for (const f of failures) console.error(`FAILED ${f}`);
  process.exit(1);
}
