/**
 * One measurement of the benchmark runner (bench/run.ts), in its own worker thread: a fresh
 * isolate per engine and program, so that one program's warm-up or type feedback cannot speed up
 * or slow down the next, and so that the runner can stop a run that takes too long
 * (`Worker.terminate` interrupts even a synchronous loop).
 *
 * - `run` jobs: compile once, then (after `warmup` untimed runs) time `run()` on a fresh
 *   instance per run; stop after `runs` runs, or earlier once the timed runs add up to
 *   `budgetMs` (at least one is taken). Posts a `RunMessage` per run.
 * - `startup` jobs: the engine's start-up (engines.ts) on fresh bytes, first once in the cold
 *   isolate (synchronous constructors), then — after a warm-up of `warmupTime` — as two benny
 *   micro-benchmarks, through the promise API and through the constructors; then, for Vitrine,
 *   the translation of the other function bodies on its own (the median over benny's time
 *   again). Posts one `StartupMessage`.
 *
 * Anything thrown is posted as an `ErrorMessage`; the worker then ends.
 */

import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { checksumOf, loadEngine, Variants, type EngineName } from './engines.js';
import { add, suite } from 'benny';
import { median } from './report.js';

export interface RunJob {
  kind: 'run';
  engine: EngineName;
  file: string;
  warmup: number;
  runs: number;
  budgetMs: number;
}

export interface StartupJob {
  kind: 'startup';
  engine: EngineName;
  file: string;
  /** benny's `maxTime`, in seconds. */
  maxTime: number;
  /** How long to run start-ups before benny measures, in seconds (see startupJob). */
  warmupTime: number;
}

export type Job = RunJob | StartupJob;

export interface RunMessage { type: 'run'; warmup: boolean; ms: number; checksum: string }
export interface StartupMessage {
  type: 'startup';
  /** The first start-up in the fresh isolate (synchronous constructors), ms. */
  coldMs: number;
  /** benny's median start-up through the promise API (`compile`, then `instantiate`), ms. */
  promiseMs: number;
  /** benny's median start-up through the synchronous constructors, ms. */
  medianMs: number;
  samples: number;
  /**
   * The median time of the engine's remaining deferred work after start-up (Vitrine: translating
   * every function body but run), ms; undefined if the engine has none.
   */
  restMs?: number;
}
export interface ErrorMessage { type: 'error'; message: string }
export type Message = RunMessage | StartupMessage | ErrorMessage;

function post(m: Message): void {
  parentPort!.postMessage(m);
}

async function runJob(job: RunJob): Promise<void> {
  const engine = await loadEngine(job.engine);
  const compiled = await engine.compile(readFileSync(job.file));
  let timed = 0;
  for (let i = 0; i < job.warmup + job.runs; i++) {
    const warmup = i < job.warmup;
    if (!warmup && i > job.warmup && timed >= job.budgetMs) break;
    const run = await compiled.instantiate();
    const start = performance.now();
    const result = run();
    const ms = performance.now() - start;
    if (!warmup) timed += ms;
    post({ type: 'run', warmup, ms, checksum: checksumOf(result) });
  }
}

/** The warm-up's longest stretch without a turn of the event loop, ms. */
const WARMUP_SLICE_MS = 10;

async function startupJob(job: StartupJob): Promise<void> {
  const engine = await loadEngine(job.engine);
  if (engine.startup === undefined || engine.startupPromise === undefined) throw new Error(`no start-up measurement for ${job.engine}`);
  const startup = engine.startup, startupPromise = engine.startupPromise;
  const variants = new Variants(readFileSync(job.file));
  const start = performance.now();
  let rest = startup(variants.next());
  const coldMs = performance.now() - start;
  // Warm up until the JIT has settled (default 3 s): V8 optimizes the functions a start-up calls
  // once (the constructors, instantiate, the section readers) only after a thousand start-ups or
  // more; in a loop of sort's start-ups TurboFan was still compiling Module, Instance and the
  // validator 0.75–1 s in, the translator 1–1.25 s in, smaller functions up to 2.25 s in
  // (docs/RATIONALE.md, "What does "start-up" measure, and why distinct bytes each time?"). The
  // loop yields to the event loop every few milliseconds, as a server does between requests: a synchronous loop of seconds would run no FinalizationRegistry
  // callback and no idle-time task of the collector, which no real program sees. The two APIs
  // take turns, so that both paths are warm.
  let slice = performance.now();
  for (let i = 0; performance.now() - start < job.warmupTime * 1000; i++) {
    if (i % 2 === 0) rest = startup(variants.next());
    else await startupPromise(variants.next());
    if (performance.now() - slice > WARMUP_SLICE_MS) {
      await new Promise((done) => setImmediate(done));
      slice = performance.now();
    }
  }
  // benny runs the step in cycles of at least 50 ms and reports the time per step of each cycle;
  // the median of those is robust against a cycle disturbed by a garbage collection or a
  // neighbour's burst of work. A step that returns a promise runs as a deferred benchmark: the
  // next step starts when its promise settles.
  const promise = await suite('start-up', add(job.engine, async () => {
    await startupPromise(variants.next());
  }, { maxTime: job.maxTime, minSamples: 10 }));
  const summary = await suite('start-up', add(job.engine, () => {
    startup(variants.next());
  }, { maxTime: job.maxTime, minSamples: 10 }));
  const result = summary.results[0];
  // The rest of the deferred work (Vitrine: every other body), timed alone on fresh modules.
  let restMs: number | undefined;
  if (rest !== undefined) {
    const times: number[] = [];
    const restStart = performance.now();
    while (times.length < 10 || performance.now() - restStart < job.maxTime * 1000) {
      const more = startup(variants.next())!;
      const t = performance.now();
      more();
      times.push(performance.now() - t);
    }
    restMs = median(times);
  }
  post({
    type: 'startup', coldMs, promiseMs: promise.results[0].details.median * 1000,
    medianMs: result.details.median * 1000, samples: result.samples, restMs,
  });
}

const job = workerData as Job;
try {
  await (job.kind === 'run' ? runJob(job) : startupJob(job));
} catch (e) {
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  post({ type: 'error', message: message.replace(/\s*\n\s*/g, ' ') });
}
