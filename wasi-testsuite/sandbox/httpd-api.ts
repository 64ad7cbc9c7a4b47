/**
 * httpd.wasm run by an embedder through the `WASI` class instead of `vitrine run` — the API side
 * of httpd.test.ts. `start` blocks this thread while the guest serves, so the test runs this in a
 * child process and is the client itself.
 *
 *   node dist/wasi-testsuite/sandbox/httpd-api.js WWW-DIR REQUESTS IDLE-MS
 *
 * Listens on 127.0.0.1, port 0 (any free port), prints "port <n>" first, then the guest's output;
 * exits with the guest's exit code.
 */
import { readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Instance, Module } from '../../src/index.js';
import { WASI } from '../../src/wasi/wasi.js';

const [www, requests, idleMs] = process.argv.slice(2);
const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const wasi = new WASI({
  version: 'preview1',
  args: ['httpd', requests, idleMs],
  preopens: { '/www': www },
  tcplisten: ['127.0.0.1:0'],
  returnOnExit: true,
});
writeSync(1, `port ${wasi.listeners[0].port}\n`);
const module = new Module(readFileSync(join(repo, 'wasi-testsuite/sandbox/httpd.wasm')));
process.exitCode = wasi.start(new Instance(module, wasi.getImportObject() as never));
