/**
 * The official spec test suite runner (`npm run spec`).
 *
 *   node dist/spec-tests/run.js [--suite DIR] [--json FILE] [--verbose] [--assert-no-webassembly] [FILE.wast…]
 *
 * Runs every .wast file of the suite (or the named ones) through the script runner
 * (src/cli/wast.ts) with the WebAssembly 2.0 feature set, prints a table per file, and compares
 * the failures with spec-tests/expected-failures.json: an unlisted failure fails the run, and so
 * does a listed case that passes ("remove it from the list"). The list is empty: the bar is zero.
 *
 * `--assert-no-webassembly` is for the `node --jitless` run: it checks that the engine really has
 * no WebAssembly global, i.e. that everything ran on Vitrine alone.
 *
 * Exit status: 0 when the run matches the list, 1 otherwise, 2 for usage errors or a missing suite.
 * The last line is always `N passed, N failed, N skipped`.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runWast, tally, type Check, type Tally } from '../src/cli/wast.js';
import { wasm2 } from '../src/syntax/features.js';
import { parseWast } from '../src/text/wast.js';
import { excluded, listSuite, missingSuite, parseArgs, repoRoot, suiteDir } from './suite.js';

/** Failures listed per file before the rest is summarized (all of them with --verbose). */
const FAILURES_SHOWN_PER_FILE = 20;

interface ExpectedFailure {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

interface FileResult extends Tally {
  readonly file: string;
  readonly ms: number;
  readonly failures: readonly Check[];
}

function main(argv: readonly string[]): number {
  let args;
  try {
    args = parseArgs(argv, ['--suite', '--json'], ['--verbose', '--assert-no-webassembly']);
  } catch (e) {
    console.error(`spec-tests: ${(e as Error).message}`);
    return 2;
  }
  const { options, positional } = args;
  const dir = suiteDir(options.get('--suite') as string | undefined);
  const missing = missingSuite(dir);
  if (missing !== undefined) {
    console.error(missing);
    console.log('0 passed, 1 failed, 0 skipped');
    return 2;
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

  const suite = listSuite(dir);
  let files = suite.run;
  if (positional.length > 0) {
    const unknown = positional.filter((p) => !files.includes(p));
    if (unknown.length > 0) {
      console.error(`spec-tests: not in the suite's running files: ${unknown.join(', ')}`);
      return 2;
    }
    files = positional;
  }

  console.log(`Spec suite: ${dir} (WebAssembly 2.0 features)`);
  const width = Math.max(30, ...files.map((f) => f.length));
  console.log(`${'file'.padEnd(width)} ${'passed'.padStart(7)} ${'failed'.padStart(7)} ${'skipped'.padStart(7)} ${'ms'.padStart(7)}`);
  const results: FileResult[] = [];
  for (const file of files) {
    const source = readFileSync(join(dir, file), 'utf8');
    const start = performance.now();
    const checks = runWast(source, { features: wasm2 });
    const ms = Math.round(performance.now() - start);
    const t = tally(checks);
    results.push({ file, ms, ...t, failures: checks.filter((c) => c.status === 'failed') });
    total.passed += t.passed;
    total.failed += t.failed;
    total.skipped += t.skipped;
    console.log(`${file.padEnd(width)} ${String(t.passed).padStart(7)} ${String(t.failed).padStart(7)} ${String(t.skipped).padStart(7)} ${String(ms).padStart(7)}`);
  }

  // Excluded folders: their commands count as skipped, so the totals show what does not run yet.
  const skippedDirs = positional.length > 0 ? [] : excluded.map(({ dir: sub, reason }) => {
    const subFiles = suite.excluded.get(sub) ?? [];
    const commands = subFiles.reduce((n, f) => n + countCommands(join(dir, f)), 0);
    total.skipped += commands;
    console.log(`${`${sub}/ (${subFiles.length} files)`.padEnd(width)} ${'0'.padStart(7)} ${'0'.padStart(7)} ${String(commands).padStart(7)}  skipped: ${reason}`);
    return { dir: sub, reason, files: subFiles.length, commands };
  });

  const expected = readExpectedFailures();
  const ran = new Set(files);
  const listed = new Set(expected.map((e) => `${e.file}:${e.line}`));
  const failed = new Set<string>();
  const unexpected: { file: string; line: number; command: string; reason: string }[] = [];
  for (const r of results) {
    for (const c of r.failures) {
      failed.add(`${r.file}:${c.line}`);
      if (!listed.has(`${r.file}:${c.line}`)) unexpected.push({ file: r.file, line: c.line, command: c.command, reason: c.reason ?? '' });
    }
  }
  const fixed = expected.filter((e) => ran.has(e.file) && !failed.has(`${e.file}:${e.line}`));

  const verbose = options.has('--verbose');
  if (unexpected.length > 0) {
    console.log(`\nUnexpected failures (${unexpected.length}):`);
    const shown = new Map<string, number>();
    for (const u of unexpected) {
      const n = (shown.get(u.file) ?? 0) + 1;
      shown.set(u.file, n);
      if (verbose || n <= FAILURES_SHOWN_PER_FILE) console.log(`  ${u.file}:${u.line}: ${u.command}: ${u.reason}`);
    }
    for (const [file, n] of shown) {
      if (!verbose && n > FAILURES_SHOWN_PER_FILE) console.log(`  … ${file}: ${n - FAILURES_SHOWN_PER_FILE} more (--verbose shows all)`);
    }
  }
  const expectedHere = expected.length - fixed.length;
  if (expectedHere > 0) console.log(`\nExpected failures (spec-tests/expected-failures.json): ${expectedHere}`);
  if (fixed.length > 0) {
    console.log(`\nListed as expected failures but passing — remove them from spec-tests/expected-failures.json:`);
    for (const e of fixed) console.log(`  ${e.file}:${e.line} (${e.reason})`);
  }

  const ok = unexpected.length === 0 && fixed.length === 0;
  const jsonFile = options.get('--json');
  if (typeof jsonFile === 'string') {
    writeFileSync(jsonFile, JSON.stringify({
      suite: dir, features: 'wasm2', ok, totals: total, files: results, excluded: skippedDirs, unexpected, fixed,
    }, null, 2) + '\n');
  }
  console.log(`${total.passed} passed, ${total.failed + fixed.length} failed, ${total.skipped} skipped`);
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

/** spec-tests/expected-failures.json: `[{ "file", "line", "reason" }, …]`. */
function readExpectedFailures(path = join(repoRoot, 'spec-tests', 'expected-failures.json')): ExpectedFailure[] {
  const list: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const ok = Array.isArray(list) && list.every((e) => typeof e === 'object' && e !== null
    && typeof e.file === 'string' && Number.isInteger(e.line) && typeof e.reason === 'string');
  if (!ok) throw new Error(`${path} must be an array of { "file": string, "line": number, "reason": string }`);
  return list as ExpectedFailure[];
}

process.exitCode = main(process.argv.slice(2));
