/**
 * Every way the interpreter writes memory must flag the 4 KiB block it wrote (MemoryInst.dirty),
 * or a pooled instance would keep a previous request's bytes (src/snapshot/pool.ts). The store
 * superinstructions are many and chosen by the translator's peepholes, so this test runs real
 * compiled C (the benchmark programs, which exercise most of them) and checks, block by block,
 * that every block whose bytes changed is flagged.
 */

import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeModule } from '../binary/decode.js';
import { Dirty } from '../runtime/memory.js';
import { instantiate } from '../runtime/link.js';
import type { Instance } from '../runtime/instance.js';
import { wasm2 } from '../syntax/features.js';
import { validateModule } from '../valid/module.js';
import { invoke } from './interpreter.js';

const programs = new URL('../../../bench/programs/', import.meta.url);

for (const name of ['sort', 'fft32', 'json', 'coremark', 'simd', 'nbody', 'matmul', 'bulkmem']) {
  test(`${name}: every changed block of memory is flagged dirty`, () => {
    const module = decodeModule(readFileSync(new URL(`${name}.wasm`, programs)), wasm2);
    validateModule(module, wasm2);
    const inst = instantiate(module, () => undefined) as Instance;
    const mem = inst.mems[0];
    const before = new Uint8Array(mem.view.buffer).slice();
    mem.dirty.fill(0);
    const run = inst.exports.get('run');
    assert.ok(run?.kind === 'func');
    invoke(run.value, []);
    const after = new Uint8Array(mem.view.buffer);
    const block = 1 << Dirty.Shift;
    let changed = 0;
    for (let b = 0; b * block < before.length; b++) {
      const start = b * block, end = Math.min(start + block, before.length);
      let same = true;
      for (let i = start; i < end && same; i++) same = before[i] === after[i];
      if (same) continue;
      changed++;
      // A store that straddles a block boundary flags only its first block (Dirty.Spill).
      const flagged = mem.dirty[b] === 1 || (b > 0 && mem.dirty[b - 1] === 1 && sameFrom(before, after, start + Dirty.Spill, end));
      assert.ok(flagged, `${name}: block ${b} changed but is not flagged`);
    }
    assert.ok(changed > 0, `${name} wrote no memory at all`);
  });
}

/** Whether the bytes of [from, to) are unchanged. */
function sameFrom(a: Uint8Array, b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (a[i] !== b[i]) return false;
  return true;
}

test.run();
