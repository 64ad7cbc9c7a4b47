/**
 * Runs one WASI program through the API, as an embedder would — the wasi-testsuite runner's
 * "api" mode (run.ts):
 *
 *   node dist/wasi-testsuite/driver.js '{"wasm": …, "args": […], "env": {…}, "preopens": {…}, "engine": "vitrine"}'
 *
 * `new WASI({ version: 'preview1', … })`, an instance of the module made with Vitrine's
 * `Module`/`Instance` (engine "vitrine") or the host's own WebAssembly (engine "host": the same
 * WASI object under another engine), `wasi.start(instance)`; the exit code becomes the process's.
 * The process's stdio is the guest's.
 */

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Instance, Module } from '../src/index.js';
import { WASI } from '../src/wasi/index.js';

interface DriverConfig {
  readonly wasm: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Guest path → host path. */
  readonly preopens: Readonly<Record<string, string>>;
  readonly engine: 'vitrine' | 'host';
}

/** The host engine's namespace, where there is one (lib ES2022 does not declare it). */
interface HostWebAssembly {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

const config = JSON.parse(process.argv[2]) as DriverConfig;
const wasi = new WASI({
  version: 'preview1',
  args: [basename(config.wasm), ...config.args],
  env: config.env,
  preopens: config.preopens,
});
const bytes = readFileSync(config.wasm);
const host = (globalThis as { WebAssembly?: HostWebAssembly }).WebAssembly;
const instance = config.engine === 'host' && host !== undefined
  ? new host.Instance(new host.Module(bytes), wasi.getImportObject())
  : new Instance(new Module(bytes), wasi.getImportObject());
process.exitCode = wasi.start(instance);
