#!/usr/bin/env node
/**
 * `npm run bench:instantiate` — the cost of making an instance, for a module with 1 MiB of memory
 * (16 pages) and a 64 KiB non-zero data segment, in one process:
 *
 *   host          `new WebAssembly.Instance` of the module (compiled once), when the host has one
 *   fresh         Vitrine's `new Instance` (allocates the memory, copies the data segment)
 *   snapshot      `snapshot.instantiate()` (allocates the memory, copies the non-zero extents)
 *   pooled        `pool.acquire()` + `release()` after the guest wrote to two pages (the reset
 *                 copies back the dirty 4 KiB blocks); the guest call itself is not timed
 *
 * Each figure is the median of per-iteration times (process.hrtime.bigint), after a warm-up.
 * Then the JS heap per live pooled instance: `heapUsed` (after gc) before and after making a pool
 * of POOL_LIVE instances, all acquired and each called once, divided by POOL_LIVE; ArrayBuffer
 * bytes (the memories) are reported apart, as they are not JS heap.
 *
 *   npm run bench:instantiate [-- --json FILE] [--iterations N]
 *
 * `--json FILE` writes { pooled_snapshot_us, host_instance_us, heap_bytes_per_instance, ... }.
 * Run it with `node --expose-gc` (as the npm script does) for the heap figure.
 */

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Instance, Module, snapshot, InstancePool, encodeModule, parseWat } from '../src/index.js';

/** Instances made for the heap figure. */
const POOL_LIVE = 2000;

/** The benchmark module: 16 pages, 64 KiB of non-zero data at 64 KiB, `touch` writes two pages. */
export function benchModuleWat(): string {
  let data = '';
  for (let i = 0; i < 65536; i++) data += `\\${((i % 255) + 1).toString(16).padStart(2, '0')}`;
  return `(module
    (memory (export "memory") 16 16)
    (global $calls (mut i32) (i32.const 0))
    (data (i32.const 65536) "${data}")
    (func (export "touch") (param $v i32)
      (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
      (i32.store (i32.const 262144) (local.get $v))
      (i32.store (i32.const 524288) (local.get $v)))
    (func (export "calls") (result i32) (global.get $calls)))`;
}

function main(): void {
  const { values: args } = parseArgs({ options: { json: { type: 'string' }, iterations: { type: 'string' } } });
  const iterations = Number(args.iterations ?? 3000);
  const bytes = encodeModule(parseWat(benchModuleWat()));
  const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 === 1 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  /** The median in µs of `fn`'s own time over `iterations` runs after a warm-up of a tenth. */
  const measure = (fn: () => number): number => {
    const samples: number[] = [];
    for (let i = 0; i < iterations / 10; i++) fn();
    for (let i = 0; i < iterations; i++) samples.push(fn());
    return median(samples) / 1000;
  };
  const now = (): bigint => process.hrtime.bigint();
  const timed = (f: () => unknown): number => {
    const t0 = now();
    f();
    return Number(now() - t0);
  };

  const host = (globalThis as { WebAssembly?: { Module: new (b: Uint8Array) => object; Instance: new (m: object) => object } }).WebAssembly;
  const hostModule = host === undefined ? undefined : new host.Module(bytes);
  const hostUs = host === undefined ? null : measure(() => timed(() => new host.Instance(hostModule!)));

  const module = new Module(bytes);
  const freshUs = measure(() => timed(() => new Instance(module)));
  const snap = snapshot(bytes);
  const snapshotUs = measure(() => timed(() => snap.instantiate()));
  const pool = new InstancePool(snap, { size: 4 });
  let seed = 0;
  const pooledUs = measure(() => {
    const t0 = now();
    const i = pool.acquire();
    const t1 = now();
    (i.exports.touch as (v: number) => void)(++seed);
    const t2 = now();
    pool.release(i);
    return Number(t1 - t0) + Number(now() - t2);
  });

  // Heap per live pooled instance.
  const gc = (globalThis as { gc?: () => void }).gc;
  let heapPerInstance: number | null = null, arrayBuffersPerInstance: number | null = null;
  if (gc !== undefined) {
    gc(); gc();
    const before = process.memoryUsage();
    const live = new InstancePool(snap, { size: POOL_LIVE });
    const held = [];
    for (let k = 0; k < POOL_LIVE; k++) {
      const i = live.acquire();
      (i.exports.touch as (v: number) => void)(k);
      held.push(i);
    }
    gc(); gc();
    const after = process.memoryUsage();
    heapPerInstance = Math.round((after.heapUsed - before.heapUsed) / POOL_LIVE);
    arrayBuffersPerInstance = Math.round((after.arrayBuffers - before.arrayBuffers) / POOL_LIVE);
    if (held.length !== POOL_LIVE) throw new Error('unreachable');
  }

  const fmt = (us: number | null): string => (us === null ? '–' : us.toFixed(1).padStart(9));
  const ratio = (us: number): string => (hostUs === null ? '' : `${(hostUs / us).toFixed(1)}× faster than host`);
  console.log(`Instance creation, module with 1 MiB memory and 64 KiB non-zero data; median of ${iterations} (µs), Node ${process.version}${host === undefined ? ', no host WebAssembly' : ''}`);
  console.log(`  host new WebAssembly.Instance  ${fmt(hostUs)}`);
  console.log(`  Vitrine fresh new Instance     ${fmt(freshUs)}  ${ratio(freshUs)}`);
  console.log(`  Vitrine from snapshot          ${fmt(snapshotUs)}  ${ratio(snapshotUs)}`);
  console.log(`  Vitrine pooled acquire+release ${fmt(pooledUs)}  ${ratio(pooledUs)}`);
  console.log(heapPerInstance === null
    ? '  heap per live instance: run with node --expose-gc'
    : `  per live pooled instance (${POOL_LIVE} live): ${heapPerInstance} bytes of JS heap, ${arrayBuffersPerInstance} bytes of ArrayBuffers`);
  if (args.json !== undefined) {
    writeFileSync(args.json, `${JSON.stringify({
      pooled_snapshot_us: pooledUs,
      host_instance_us: hostUs,
      heap_bytes_per_instance: heapPerInstance,
      snapshot_us: snapshotUs,
      fresh_us: freshUs,
      array_buffer_bytes_per_instance: arrayBuffersPerInstance,
      iterations,
    }, null, 2)}\n`);
    console.log(`Wrote ${args.json}.`);
  }
}

main();
