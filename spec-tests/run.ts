/**
 * The official spec test suite runner (`npm run spec`).
 *
 *   node dist/spec-tests/run.js [--suite DIR] [--suite3 DIR] [--json FILE] [--verbose]
 *                               [--assert-no-webassembly] [FILE.wast…]
 *
 * Runs every .wast file of the suites (spec-tests/suite.ts: the 2.0 suite with the 2.0 features,
 * the bulk-memory, SIMD and relaxed-SIMD folders of the 3.0 suite with the 3.0 features), or only
 * the named ones, through the script runner (src/cli/wast.ts), prints a table per file, and compares the failures with
 * spec-tests/expected-failures.json: an unlisted failure fails the run, and so does a listed case
 * that passes ("remove it from the list"), so the list only shrinks.
 *
 * A named file is a suite-relative path (`i32.wast`, `simd/simd_lane.wast` — run in every suite
 * that has it) or one prefixed by its suite (`wasm-3.0/simd/simd_lane.wast`). Files of folders
 * that do not run yet may be named explicitly.
 *
 * `--assert-no-webassembly` is for the `node --jitless` run: it checks that the engine really has
 * no WebAssembly global, i.e. that everything ran on Vitrine alone.
 *
 * Exit status: 0 when the run matches the list, 1 otherwise, 2 for usage errors or a missing suite.
 * The last line is always `N passed, N failed, N skipped`, followed by `, N expected failures` when
 * listed cases failed as listed: `failed` counts the unlisted failures and the listed cases that
 * passed, what fails the run.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runWast, tally, type Check, type Tally } from '../src/cli/wast.js';
import { parseWast } from '../src/text/wast.js';
import { listSuite, missingSuite, parseArgs, repoRoot, suiteDir, suites, type SuiteFiles, type SuiteSpec } from './suite.js';

/** Failures listed per file before the rest is summarized (all of them with --verbose). */
const FAILURES_SHOWN_PER_FILE = 20;

/** The suite an expected failure belongs to when its entry names none. */
const DEFAULT_SUITE = 'wasm-2.0';

interface ExpectedFailure {
  readonly suite?: string;
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

interface FileResult extends Tally {
  readonly suite: string;
  readonly file: string;
  readonly ms: number;
  readonly failures: readonly Check[];
}

interface Loaded {
  readonly spec: SuiteSpec;
  readonly dir: string;
  readonly files: SuiteFiles;
  /** The files to run. */
  readonly selected: string[];
}

function main(argv: readonly string[]): number {
  let args;
  try {
    args = parseArgs(argv, ['--suite', '--suite3', '--json'], ['--verbose', '--assert-no-webassembly']);
  } catch (e) {
    console.error(`spec-tests: ${(e as Error).message}`);
    return 2;
  }
  const { options, positional } = args;
  const loaded: Loaded[] = [];
  for (const spec of suites) {
    const dir = suiteDir(spec, options);
    const missing = missingSuite(spec, dir);
    if (missing !== undefined) {
      console.error(missing);
      console.log('0 passed, 1 failed, 0 skipped');
      return 2;
    }
    const files = listSuite(spec, dir);
    loaded.push({ spec, dir, files, selected: positional.length > 0 ? [] : files.run });
  }

  for (const p of positional) {
    let found = false;
    for (const l of loaded) {
      const rel = p.startsWith(`${l.spec.name}/`) ? p.slice(l.spec.name.length + 1) : p;
      if (l.files.all.includes(rel)) {
        l.selected.push(rel);
        found = true;
      }
    }
    if (!found) {
      console.error(`spec-tests: not a file of the suites: ${p}`);
      return 2;
    }
  }

  const total: Tally = { passed: 0, failed: 0, skipped: 0 };
  if (options.has('--assert-no-webassembly')) {
    if (typeof (globalThis as { WebAssembly?: unknown }).WebAssembly !== 'undefined') {
      console.error('spec-tests: --assert-no-webassembly, but this engine has a WebAssembly global (run under node --jitless)');
      console.log('0 passed, 1 failed, 0 skipped');
      return 1;
    }
    console.log('No WebAssembly global in this engine: every check below ran on Vitrine alone.');
    total.passed++;
  }

  for (const l of loaded) console.log(`Spec suite ${l.spec.name}: ${l.dir} (${l.spec.featuresName} features${l.spec.only ? `; folders ${l.spec.only.join(', ')}` : ''})`);
  const width = Math.max(30, ...loaded.flatMap((l) => l.selected.map((f) => f.length)));
  console.log(`${'suite'.padEnd(8)} ${'file'.padEnd(width)} ${'passed'.padStart(7)} ${'failed'.padStart(7)} ${'skipped'.padStart(7)} ${'ms'.padStart(7)}`);
  const results: FileResult[] = [];
  for (const { spec, dir, selected } of loaded) {
    for (const file of selected) {
      const source = readFileSync(join(dir, file), 'utf8');
      const start = performance.now();
      const checks = runWast(source, { features: spec.features });
      const ms = Math.round(performance.now() - start);
      const t = tally(checks);
      results.push({ suite: spec.name, file, ms, ...t, failures: checks.filter((c) => c.status === 'failed') });
      total.passed += t.passed;
      total.failed += t.failed;
      total.skipped += t.skipped;
      console.log(`${spec.name.padEnd(8)} ${file.padEnd(width)} ${String(t.passed).padStart(7)} ${String(t.failed).padStart(7)} ${String(t.skipped).padStart(7)} ${String(ms).padStart(7)}`);
    }
  }

  // Excluded folders: their commands count as skipped, so the totals show what does not run yet.
  const skippedDirs = positional.length > 0 ? [] : loaded.flatMap(({ spec, dir, files }) => spec.excluded.map(({ dir: sub, reason }) => {
    const subFiles = files.excluded.get(sub) ?? [];
    const commands = subFiles.reduce((n, f) => n + countCommands(join(dir, f)), 0);
    total.skipped += commands;
    console.log(`${spec.name.padEnd(8)} ${`${sub}/ (${subFiles.length} files)`.padEnd(width)} ${'0'.padStart(7)} ${'0'.padStart(7)} ${String(commands).padStart(7)}  skipped: ${reason}`);
    return { suite: spec.name, dir: sub, reason, files: subFiles.length, commands };
  }));

  const expected = readExpectedFailures();
  const key = (suite: string, file: string, line: number) => `${suite}/${file}:${line}`;
  const ran = new Set(results.map((r) => `${r.suite}/${r.file}`));
  const listed = new Set(expected.map((e) => key(e.suite ?? DEFAULT_SUITE, e.file, e.line)));
  const failed = new Set<string>();
  const unexpected: { suite: string; file: string; line: number; command: string; reason: string }[] = [];
  for (const r of results) {
    for (const c of r.failures) {
      const k = key(r.suite, r.file, c.line);
      failed.add(k);
      if (!listed.has(k)) unexpected.push({ suite: r.suite, file: r.file, line: c.line, command: c.command, reason: c.reason ?? '' });
    }
  }
  const fixed = expected.filter((e) => {
    const suite = e.suite ?? DEFAULT_SUITE;
    return ran.has(`${suite}/${e.file}`) && !failed.has(key(suite, e.file, e.line));
  });

  const verbose = options.has('--verbose');
  if (unexpected.length > 0) {
    console.log(`\nUnexpected failures (${unexpected.length}):`);
    const shown = new Map<string, number>();
    for (const u of unexpected) {
      const where = `${u.suite}/${u.file}`;
      const n = (shown.get(where) ?? 0) + 1;
      shown.set(where, n);
      if (verbose || n <= FAILURES_SHOWN_PER_FILE) console.log(`  ${where}:${u.line}: ${u.command}: ${u.reason}`);
    }
    for (const [where, n] of shown) {
      if (!verbose && n > FAILURES_SHOWN_PER_FILE) console.log(`  … ${where}: ${n - FAILURES_SHOWN_PER_FILE} more (--verbose shows all)`);
    }
  }
  const expectedHere = expected.length - fixed.length;
  if (expectedHere > 0) console.log(`\nExpected failures (spec-tests/expected-failures.json): ${expectedHere}`);
  if (fixed.length > 0) {
    console.log(`\nListed as expected failures but passing — remove them from spec-tests/expected-failures.json:`);
    for (const e of fixed) console.log(`  ${e.suite ?? DEFAULT_SUITE}/${e.file}:${e.line} (${e.reason})`);
  }

  const ok = unexpected.length === 0 && fixed.length === 0;
  const jsonFile = options.get('--json');
  if (typeof jsonFile === 'string') {
    writeFileSync(jsonFile, JSON.stringify({
      suites: loaded.map(({ spec, dir }) => ({ name: spec.name, dir, features: spec.featuresName, folders: spec.only ?? null })),
      ok, totals: total, files: results, excluded: skippedDirs, unexpected, fixed,
    }, null, 2) + '\n');
  }
  // Listed failures are not counted as failed (they do not fail the run), nor as passed.
  const listedFailures = total.failed - unexpected.length;
  console.log(`${total.passed} passed, ${unexpected.length + fixed.length} failed, ${total.skipped} skipped` +
    (listedFailures > 0 ? `, ${listedFailures} expected failures` : ''));
  return ok ? 0 : 1;
}

/** Commands in a file that does not run; a file that does not parse counts as one. */
function countCommands(path: string): number {
  try {
    return parseWast(readFileSync(path, 'utf8')).commands.length;
  } catch {
    return 1;
  }
}

/**
 * spec-tests/expected-failures.json: `[{ "suite"?, "file", "line", "reason" }, …]`, where `file`
 * is relative to the suite's folder and `suite` defaults to wasm-2.0.
 */
function readExpectedFailures(path = join(repoRoot, 'spec-tests', 'expected-failures.json')): ExpectedFailure[] {
  const list: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const ok = Array.isArray(list) && list.every((e) => typeof e === 'object' && e !== null
    && (e.suite === undefined || suites.some((s) => s.name === e.suite))
    && typeof e.file === 'string' && Number.isInteger(e.line) && typeof e.reason === 'string');
  if (!ok) throw new Error(`${path} must be an array of { "suite"?: ${suites.map((s) => `"${s.name}"`).join(' | ')}, "file": string, "line": number, "reason": string }`);
  return list as ExpectedFailure[];
}

process.exitCode = main(process.argv.slice(2));
