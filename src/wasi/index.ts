/**
 * WASI preview1 (`wasi_snapshot_preview1`): the node:wasi-compatible `WASI` class and what an
 * embedder may hand it — in-memory or confined host directories, streams for stdio.
 */

export { WASI, type WASIOptions, type InstanceLike } from './wasi.js';
export { Preview1, WasiExit, SIGNATURES, type Preview1Options, type WasiFunction } from './preview1.js';
export { CallbackStream, type WasiStream, type WasiListener } from './streams.js';
export { MemoryFs, type MemoryFsOptions } from './fs/memory.js';
export { openHostDir } from './fs/host.js';
export type { FsDir, FsFile } from './fs/types.js';
