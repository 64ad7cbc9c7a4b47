#!/usr/bin/env node
/**
 * Request-per-instance HTTP server: every request gets its own Vitrine instance in the state of
 * a snapshot (the guest's initializer ran once, at start-up), so no request can see another's
 * memory or globals. A built-in client load-tests it and prints requests/s and p99 latency —
 * instance creation included.
 *
 *   npm run build && node examples/server/server.mjs [OPTIONS]
 *     --requests N      requests the client makes (default 2000)
 *     --concurrency C   requests in flight at once (default 16)
 *     --time-cap S      stop the client after S seconds even if not done (default 30)
 *     --mode MODE       pool: instances from an InstancePool (reset on release, the default);
 *                       snapshot: a new instance from the snapshot per request
 *     --serve           only serve (on --port, default 8080) until interrupted
 *
 * The guest: `_initialize` fills a 256-entry table; `handle(len)` hashes the request path
 * (written by the host at offset 0) with it, writes the path reversed at 64 KiB, counts the
 * call in a global and returns the hash. Every response must report visits = 1.
 */

import { createServer, request, Agent } from 'node:http';
import { parseArgs } from 'node:util';
import { snapshot, InstancePool } from '../../dist/src/index.js';

const GUEST = `(module
  (memory (export "memory") 2)
  (global $visits (mut i32) (i32.const 0))
  (func (export "_initialize") (local $i i32)
    (loop $fill
      (i32.store (i32.add (i32.const 4096) (i32.shl (local.get $i) (i32.const 2)))
        (i32.mul (i32.add (local.get $i) (i32.const 1)) (i32.const 0x9e3779b1)))
      (br_if $fill (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 256)))))
  (func (export "handle") (param $len i32) (result i32) (local $i i32) (local $h i32)
    (global.set $visits (i32.add (global.get $visits) (i32.const 1)))
    (local.set $h (i32.const 0x811c9dc5))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
      (local.set $h (i32.xor (i32.mul (local.get $h) (i32.const 16777619))
        (i32.load (i32.add (i32.const 4096) (i32.shl (i32.load8_u (local.get $i)) (i32.const 2))))))
      (i32.store8 (i32.sub (i32.add (i32.const 65536) (local.get $len)) (i32.add (local.get $i) (i32.const 1)))
        (i32.load8_u (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $h))
  (func (export "visits") (result i32) (global.get $visits)))`;

const { values: opts } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    'time-cap': { type: 'string', default: '30' },
    mode: { type: 'string', default: 'pool' },
    serve: { type: 'boolean', default: false },
    port: { type: 'string', default: '8080' },
  },
});
if (opts.mode !== 'pool' && opts.mode !== 'snapshot') throw new Error(`--mode must be pool or snapshot, got ${opts.mode}`);

const snap = snapshot(GUEST);
const pool = opts.mode === 'pool' ? new InstancePool(snap, { size: Number(opts.concurrency) }) : null;
const encoder = new TextEncoder(), decoder = new TextDecoder();
const MAX_PATH = 4096;

/** One request, one instance: write the path in, call the guest, read the result out. */
function handle(path) {
  const bytes = encoder.encode(path).subarray(0, MAX_PATH);
  const inst = pool !== null ? pool.acquire() : snap.instantiate();
  try {
    inst.write(0, bytes);
    const hash = inst.exports.handle(bytes.length) >>> 0;
    return { path, reversed: decoder.decode(inst.read(65536, bytes.length)), hash, visits: inst.exports.visits() };
  } finally {
    inst.release();
  }
}

const server = createServer((req, res) => {
  let body;
  try {
    body = JSON.stringify(handle(req.url ?? '/'));
  } catch (e) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(`${e.name}: ${e.message}\n`);
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(body);
});

if (opts.serve) {
  server.listen(Number(opts.port), '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}/ (${opts.mode})`));
} else {
  server.listen(0, '127.0.0.1', () => loadTest(server.address().port).finally(() => server.close()));
}

/** The built-in client: `requests` GETs, `concurrency` at a time, within `time-cap` seconds. */
async function loadTest(port) {
  const total = Number(opts.requests), concurrency = Number(opts.concurrency);
  const deadline = performance.now() + Number(opts['time-cap']) * 1000;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = [];
  let next = 0, failed = 0;
  const get = (path) => new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { data += d; });
      res.on('end', () => {
        try {
          const r = JSON.parse(data);
          const ok = res.statusCode === 200 && r.visits === 1 && r.reversed === [...path].reverse().join('');
          resolve(ok);
        } catch {
          resolve(false);
        }
      });
    });
    req.on('error', () => resolve(false));
    req.end();
  });
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total && performance.now() < deadline) {
      const k = next++;
      const t0 = performance.now();
      const ok = await get(`/item/${k}/${'x'.repeat(k % 64)}`);
      latencies.push(performance.now() - t0);
      if (!ok) failed++;
    }
  }));
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? NaN;
  console.log(`mode ${opts.mode}, ${latencies.length} requests (${failed} failed), concurrency ${concurrency}, ${seconds.toFixed(2)} s${latencies.length < total ? ' (time cap reached)' : ''}`);
  console.log(`requests/s ${(latencies.length / seconds).toFixed(0)}`);
  console.log(`latency p50 ${p(0.5).toFixed(2)} ms, p99 ${p(0.99).toFixed(2)} ms`);
  process.exitCode = failed > 0 ? 1 : 0;
}
