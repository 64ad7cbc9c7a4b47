#!/usr/bin/env node
// Runs every benchmark program (bench/programs/*.wasm) in node's own WebAssembly engine — not in
// Vitrine — and prints its name, checksum and time. Used to tune the programs' sizes and, by
// tools/build-bench.sh, to get the Wasm checksums it compares with the native builds.
//
//   node bench/programs/check.mjs [NAME...]         table; exit 1 if a checksum differs from
//                                                   checksums.json (or is missing from it)
//   node bench/programs/check.mjs --json [NAME...]  {"name": "checksum", ...} on stdout, no comparison
//
// For each module it also checks what the benchmark runner relies on: no imports, an exported
// function `run` taking no arguments, and the same result from a second call on the same instance.
// A checksum is the result of run() as an unsigned decimal string: a u32 for an i32 result, a u64
// for an i64 result (node returns a signed Number or BigInt; both are reinterpreted as unsigned).

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const json = args.includes('--json');
const wanted = args.filter((a) => !a.startsWith('--'));

const names = readdirSync(here)
  .filter((f) => f.endsWith('.wasm'))
  .map((f) => f.slice(0, -'.wasm'.length))
  .filter((n) => wanted.length === 0 || wanted.includes(n))
  .sort();
for (const n of wanted) {
  if (!names.includes(n)) {
    console.error(`check.mjs: no ${n}.wasm in ${here}`);
    process.exit(2);
  }
}

/** The result of run() as an unsigned decimal string. */
function unsigned(v) {
  if (typeof v === 'bigint') return BigInt.asUintN(64, v).toString();
  if (typeof v === 'number' && Number.isInteger(v)) return (v >>> 0).toString();
  throw new Error(`run() returned ${typeof v} ${String(v)}, not an i32 or i64`);
}

const checksumsPath = join(here, 'checksums.json');
const expected = !json && existsSync(checksumsPath) ? JSON.parse(readFileSync(checksumsPath, 'utf8')) : {};

const results = {};
let failures = 0;
for (const name of names) {
  try {
    const module = new WebAssembly.Module(readFileSync(join(here, `${name}.wasm`)));
    const imports = WebAssembly.Module.imports(module);
    if (imports.length > 0) {
      throw new Error(`has ${imports.length} import(s): ${imports.map((i) => `${i.module}.${i.name}`).join(', ')}`);
    }
    const instance = new WebAssembly.Instance(module, {});
    const run = instance.exports.run;
    if (typeof run !== 'function' || run.length !== 0) throw new Error('exports no function run()');
    let t = performance.now();
    const first = unsigned(run());
    const ms1 = performance.now() - t;
    t = performance.now();
    const second = unsigned(run());
    const ms2 = performance.now() - t;
    if (second !== first) throw new Error(`second call returned ${second}, first ${first}`);
    results[name] = first;
    if (!json) {
      let status = '';
      if (name in expected) status = expected[name] === first ? 'ok' : `MISMATCH (checksums.json: ${expected[name]})`;
      else if (existsSync(checksumsPath)) status = 'MISSING from checksums.json';
      if (status && status !== 'ok') failures++;
      console.log(
        `${name.padEnd(12)} ${first.padStart(20)} ${ms1.toFixed(1).padStart(8)} ms` +
          ` ${ms2.toFixed(1).padStart(8)} ms (2nd call)  ${status}`,
      );
    }
  } catch (e) {
    failures++;
    console.error(`${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
if (json) console.log(JSON.stringify(results, null, 2));
process.exit(failures > 0 ? 1 : 0);
