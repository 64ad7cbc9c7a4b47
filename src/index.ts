/**
 * Vitrine — a WebAssembly virtual machine in TypeScript, without JIT, `eval` or a host
 * `WebAssembly`. The package entry.
 *
 * - The JS API (src/api/): `Module`, `Instance`, `Memory`, `Table`, `Global`, `validate`,
 *   `compile`, `instantiate` and the error classes, shaped like the standard `WebAssembly`
 *   namespace, also available as the one object `WebAssembly`.
 * - The pipeline underneath, for tools and learners: text and binary front ends, the validator,
 *   the runtime (raw values with exact bits) and the WAST script runner.
 */

export * from './api/index.js';

export { decodeModule } from './binary/decode.js';
export { encodeModule } from './binary/encode.js';
export { parseWat } from './text/wat.js';
export { parseWast } from './text/wast.js';
export { validateModule } from './valid/module.js';
export { defaultFeatures, wasm2, wasm3, type Features } from './syntax/features.js';
export type { Module as ModuleSyntax } from './syntax/module.js';
export {
  instantiate as instantiateModule, invoke, invokeAsync, hostFunc, spectest,
  FuncInst, MemoryInst, TableInst, GlobalInst, TagInst,
  type ExternVal, type ModuleInstance, type RawValue, type RuntimeOptions,
} from './runtime/index.js';
export { runScript, runWast, tally, type Check, type CheckStatus, type WastOptions } from './cli/wast.js';
export {
  snapshot, Snapshot, SnapshotInstance, SnapshotError, InstancePool, DEFAULT_POOL_SIZE, isSnapshot,
  type SnapshotImports, type SnapshotOptions, type PoolOptions,
} from './snapshot/index.js';
export { VITRINE_VERSION } from './version.js';
