#!/usr/bin/env node
/**
 * `npm test` (after `tsc` has built dist/): every test Vitrine has, one summary.
 *
 *  1. unit tests — uvu over dist/**\/*.test.js, under c8, which maps the coverage back to the
 *     TypeScript sources through the source maps; line coverage of src/ must reach
 *     COVERAGE_THRESHOLD;
 *  2. the official spec suite (dist/spec-tests/run.js);
 *  3. the spec suite again under `node --jitless`, where no WebAssembly global exists (the run
 *     asserts that) — started first, in parallel, as it is the slowest step;
 *  4. the differential validation test against the host engine (dist/spec-tests/differential.js);
 *  5. the WASI test suite (dist/wasi-testsuite/run.js): every test of ../shared/wasi-testsuite
 *     through `vitrine run` and through the WASI API (after the others: on two cores, running it
 *     in parallel made the whole slower).
 *
 * Ends with the skipped checks and the expected failures (spec-tests/expected-failures.json) on a
 * line each and exactly `N passed, N failed` on the last; the exit
 * status is 1 if anything failed. Run from the repository root.
 */

import { spawn } from 'node:child_process';

/** Minimum line coverage of src/ by the unit tests, in percent. */
const COVERAGE_THRESHOLD = 90;

const node = process.execPath;
const c8 = 'node_modules/c8/bin/c8.js';
const uvu = 'node_modules/uvu/bin.js';

/** Runs a command, capturing its output; echoes it live unless `quiet`. */
function run(args, quiet = false) {
  return new Promise((resolve) => {
    const start = Date.now();
    const child = spawn(node, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    const collect = (stream, sink) => stream.on('data', (d) => {
      output += d;
      if (!quiet) sink.write(d);
    });
    collect(child.stdout, process.stdout);
    collect(child.stderr, process.stderr);
    child.on('close', (status) => resolve({ status, output, seconds: ((Date.now() - start) / 1000).toFixed(1) }));
  });
}

const stripAnsi = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');

/** The counts of a step ending with `N passed, N failed, N skipped`; a step that crashed is one failure. */
function scriptCounts(name, r) {
  const m = /^(\d+) passed, (\d+) failed, (\d+) skipped(?:, (\d+) expected failures)?\s*$/m.exec(stripAnsi(r.output).trimEnd().split('\n').at(-1) ?? '');
  if (m === null) return { name, passed: 0, failed: 1, skipped: 0, note: `no summary line (exit status ${r.status})` };
  const c = { name, passed: +m[1], failed: +m[2], skipped: +m[3], expected: +(m[4] ?? 0) };
  if (r.status !== 0 && c.failed === 0) return { ...c, failed: 1, note: `exit status ${r.status}` };
  return c;
}

/** uvu's `Total / Passed / Skipped` lines. */
function unitCounts(r) {
  const out = stripAnsi(r.output);
  const num = (label) => Number(new RegExp(`^\\s*${label}:\\s+(\\d+)`, 'm').exec(out)?.[1] ?? NaN);
  const total = num('Total'), passed = num('Passed'), skipped = num('Skipped');
  if (Number.isNaN(total)) return { name: 'unit tests', passed: 0, failed: 1, skipped: 0, note: `no uvu summary (exit status ${r.status})` };
  const failed = Math.max(total - passed - skipped, r.status === 0 ? 0 : 1);
  return { name: 'unit tests', passed, failed, skipped };
}

function heading(text) {
  console.log(`\n=== ${text} ${'='.repeat(Math.max(0, 90 - text.length))}`);
}

const jitless = run(['--jitless', 'dist/spec-tests/run.js', '--assert-no-webassembly'], true);

heading(`Unit tests with line coverage of src/ (threshold ${COVERAGE_THRESHOLD}%)`);
const unit = await run([
  c8, '--reporter=text-summary', '--all', '--src', 'src', '--exclude-after-remap',
  '--include', 'src/**/*.ts', '--exclude', 'src/**/*.test.ts',
  uvu, 'dist', '\\.test\\.js$',
]);
const coverage = Number(/^Lines\s*:\s*([\d.]+)%/m.exec(stripAnsi(unit.output))?.[1] ?? NaN);
const coverageOk = coverage >= COVERAGE_THRESHOLD;
console.log(`Line coverage ${Number.isNaN(coverage) ? 'unknown' : `${coverage}%`}: ${coverageOk ? 'meets' : 'BELOW'} the ${COVERAGE_THRESHOLD}% threshold (${unit.seconds}s)`);

heading('Spec suite');
const spec = await run(['dist/spec-tests/run.js']);
console.log(`(${spec.seconds}s)`);

heading('Differential validation against the host engine');
const diff = await run(['dist/spec-tests/differential.js']);
console.log(`(${diff.seconds}s)`);

heading('WASI test suite, through vitrine run and the API');
const wasiSuite = await run(['dist/wasi-testsuite/run.js']);
console.log(`(${wasiSuite.seconds}s)`);

heading('Spec suite under node --jitless (ran in parallel)');
const jit = await jitless;
// Without the per-file rows (`suite file passed failed skipped ms`): the totals are enough here.
process.stdout.write(jit.output.split('\n').filter((l) => !/^\S+\s+\S+\.wast\s+\d/.test(l)).join('\n'));
console.log(`(${jit.seconds}s)`);

const steps = [
  unitCounts(unit),
  { name: 'coverage', passed: coverageOk ? 1 : 0, failed: coverageOk ? 0 : 1, skipped: 0 },
  scriptCounts('spec suite', spec),
  scriptCounts('spec suite, jitless', jit),
  scriptCounts('differential', diff),
  scriptCounts('wasi-testsuite', wasiSuite),
];

heading('Summary');
for (const s of steps) {
  const expected = s.expected ? `, ${s.expected} expected failures` : '';
  console.log(`${s.name.padEnd(22)} ${String(s.passed).padStart(7)} passed ${String(s.failed).padStart(5)} failed ${String(s.skipped).padStart(7)} skipped${expected}${s.note ? `  (${s.note})` : ''}`);
}
const sum = (k) => steps.reduce((n, s) => n + (s[k] ?? 0), 0);
console.log(`${sum('skipped')} skipped (${steps.filter((s) => s.skipped > 0).map((s) => `${s.name}: ${s.skipped}`).join(', ') || 'none'})`);
// Failures listed in spec-tests/expected-failures.json, each with its reason: not failures of the
// run (the spec runner fails instead when one starts passing), so not in the count below.
console.log(`${sum('expected')} expected failures (${steps.filter((s) => s.expected > 0).map((s) => `${s.name}: ${s.expected}`).join(', ') || 'none'})`);
console.log(`${sum('passed')} passed, ${sum('failed')} failed`);
process.exitCode = sum('failed') > 0 ? 1 : 0;
