#!/usr/bin/env node
/**
 * Start-up by phase — the figures behind docs/RATIONALE.md's start-up sections. For each
 * benchmark program, in one process, on distinct copies of the bytes (`Variants`): Vitrine's
 * decode, validate, instantiate and the translation of the entry function `run` (what its first
 * call does before executing), each timed on its own, against the host's `new WebAssembly.Module`
 * + `new WebAssembly.Instance`. Each figure is the minimum over `--rounds` batches of the mean
 * time per step of one batch (the minimum: the least disturbed batch on a shared machine); the
 * total is the whole step's own minimum, so garbage collection makes it more than the sum.
 *
 *   node dist/bench/phases.js [--filter NAME[,NAME]] [--rounds N] [--batch N]
 */

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { decodeModule } from '../src/binary/decode.js';
import { compiledCode } from '../src/exec/translate.js';
import { instantiate } from '../src/runtime/index.js';
import { defaultFeatures } from '../src/syntax/features.js';
import { validateModule } from '../src/valid/module.js';
import { entryIndex, Variants } from './engines.js';
import { formatMs, geomean } from './report.js';

const here = dirname(fileURLToPath(import.meta.url));
const programsDir = join(resolve(here, '..', '..'), 'bench', 'programs');

const { values: args } = parseArgs({
  options: {
    filter: { type: 'string', multiple: true },
    rounds: { type: 'string', default: '15' },
    batch: { type: 'string', default: '40' },
  },
});
const rounds = Number(args.rounds);
const batch = Number(args.batch);
const all = readdirSync(programsDir).filter((f) => f.endsWith('.wasm')).map((f) => f.slice(0, -5)).sort();
const wanted = args.filter?.flatMap((f) => f.split(',')) ?? all;

interface Host {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => object;
}
const host = (globalThis as { WebAssembly?: Host }).WebAssembly;

const columns = ['decode', 'validate', 'instantiate', 'translate run', 'total', 'host', 'total/host'];
console.log(['program'.padEnd(11), ...columns.map((c) => c.padStart(14))].join(''));
const ratios: number[] = [];
const decodeValidate: number[] = [];
for (const name of wanted) {
  const variants = new Variants(readFileSync(join(programsDir, `${name}.wasm`)));
  const best = [Infinity, Infinity, Infinity, Infinity, Infinity, Infinity];
  for (let round = 0; round < rounds; round++) {
    const sums = [0, 0, 0, 0, 0, 0];
    const inputs = Array.from({ length: batch }, () => variants.next());
    for (const bytes of inputs) {
      const t0 = performance.now();
      const m = decodeModule(bytes, defaultFeatures);
      const t1 = performance.now();
      validateModule(m, defaultFeatures);
      const t2 = performance.now();
      instantiate(m, () => undefined);
      const t3 = performance.now();
      compiledCode(m, entryIndex(m));
      const t4 = performance.now();
      sums[0] += t1 - t0; sums[1] += t2 - t1; sums[2] += t3 - t2; sums[3] += t4 - t3; sums[4] += t4 - t0;
    }
    if (host !== undefined) {
      const hostInputs = Array.from({ length: batch }, () => variants.next());
      const t0 = performance.now();
      for (const bytes of hostInputs) new host.Instance(new host.Module(bytes), {});
      sums[5] = performance.now() - t0;
    }
    for (let k = 0; k < 6; k++) best[k] = Math.min(best[k], sums[k] / batch);
  }
  const ratio = host !== undefined ? best[4] / best[5] : NaN;
  ratios.push(ratio);
  decodeValidate.push(best[0] + best[1]);
  console.log([name.padEnd(11), ...best.map((x) => formatMs(x).padStart(14)), ratio.toFixed(2).padStart(14)].join(''));
}
console.log(`geomean total/host: ${geomean(ratios).toFixed(2)}`);
console.log(`geomean decode + validate: ${(geomean(decodeValidate) * 1000).toFixed(1)} µs`);
