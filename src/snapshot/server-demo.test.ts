import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

// dist/src/snapshot/ → the repository's examples/server/server.mjs.
const demo = fileURLToPath(new URL('../../../examples/server/server.mjs', import.meta.url));

for (const mode of ['pool', 'snapshot']) {
  test(`the request-per-instance server answers a bounded load test (${mode})`, () => {
    const out = execFileSync(process.execPath, [demo, '--requests', '300', '--concurrency', '8', '--time-cap', '60', '--mode', mode],
      { encoding: 'utf8', timeout: 120_000 });
    assert.match(out, new RegExp(`^mode ${mode}, 300 requests \\(0 failed\\), concurrency 8`, 'm'));
    assert.match(out, /^requests\/s \d+$/m);
    assert.match(out, /^latency p50 [\d.]+ ms, p99 [\d.]+ ms$/m);
  });
}

test.run();
