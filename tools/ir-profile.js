#!/usr/bin/env node
/**
 * Dispatch profiler for the interpreter (not part of `npm test`): runs benchmark programs' `run()`
 * once each with a counting hook before every dispatch (tools/ir-profile-hook.js patches the
 * built dist/src/exec/interpreter.js as it is loaded — the shipped loop counts nothing) and
 * prints, per program: total dispatches, the most frequent IR opcodes, the most frequent
 * consecutive opcode pairs, and the hottest functions' IR (dumpIR) with a count per instruction.
 * Counts are deterministic, unlike timings on a shared machine.
 *
 *   npm run build && node tools/ir-profile.js [--top N] [--funcs N] [--no-ir] NAME|FILE.wasm ...
 */
import { register } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
register(pathToFileURL(join(root, 'tools', 'ir-profile-hook.js')).href);

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' }, funcs: { type: 'string', default: '2' }, 'no-ir': { type: 'boolean' } },
});
const top = Number(opts.top), topFuncs = Number(opts.funcs);

const { irInfo, dumpIR } = await import(pathToFileURL(join(root, 'dist/src/exec/ir.js')).href);
const { Module, Instance } = await import(pathToFileURL(join(root, 'dist/src/index.js')).href);
const N = irInfo.length;

let ops, pairs, perCode, prev;
function reset() {
  ops = new Float64Array(N);
  pairs = new Map();
  perCode = new Map();
  prev = -1;
}
globalThis.__irProf = (code, pc) => {
  const op = code[pc];
  ops[op]++;
  if (prev >= 0) {
    const k = prev * N + op;
    pairs.set(k, (pairs.get(k) ?? 0) + 1);
  }
  prev = op;
  let c = perCode.get(code);
  if (c === undefined) perCode.set(code, (c = new Float64Array(code.length)));
  c[pc]++;
};

const pct = (n, total) => `${((100 * n) / total).toFixed(1).padStart(5)} %`;
const fmt = (n) => String(n).padStart(11);

for (const arg of positionals) {
  const file = arg.endsWith('.wasm') ? arg : join(root, 'bench', 'programs', `${arg}.wasm`);
  if (!existsSync(file)) throw new Error(`no such program: ${file}`);
  const module = new Module(readFileSync(file));
  const run = new Instance(module, {}).exports.run;
  reset();
  run();
  const total = ops.reduce((a, b) => a + b, 0);
  console.log(`\n=== ${basename(file, '.wasm')}: ${(total / 1e6).toFixed(1)} M dispatches`);
  console.log('-- opcodes');
  [...ops.keys()].filter((o) => ops[o] > 0).sort((a, b) => ops[b] - ops[a]).slice(0, top)
    .forEach((o) => console.log(`${fmt(ops[o])} ${pct(ops[o], total)}  ${irInfo[o].name}`));
  console.log('-- pairs');
  [...pairs.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).forEach(([k, n]) =>
    console.log(`${fmt(n)} ${pct(n, total)}  ${irInfo[Math.floor(k / N)].name} → ${irInfo[k % N].name}`));
  if (opts['no-ir']) continue;
  const codes = [...perCode.entries()].map(([code, c]) => [code, c, c.reduce((a, b) => a + b, 0)])
    .sort((a, b) => b[2] - a[2]).slice(0, topFuncs);
  for (const [code, counts, n] of codes) {
    console.log(`-- function (${code.length} words): ${pct(n, total)} of dispatches`);
    for (const line of dumpIR(code).split('\n')) {
      const pc = Number(line.slice(0, line.indexOf(':')));
      if (counts[pc] > 0) console.log(`${fmt(counts[pc])}  ${line}`);
    }
  }
}

