/**
 * The runtime — spec §4.2 (Runtime Structure) and §4.5 (Modules): the objects a running module
 * is made of, instantiation with linking, invocation, and the test suite's `spectest` module.
 * This file is the contract the embedding API (src/api/), the CLI and the spec-test runner use.
 */

export { FuncInst, hostFunc, type HostCode, type RawValue, type Ref } from './func.js';
export { MemoryInst, MAX_PAGES, PAGE_SIZE } from './memory.js';
export { TableInst, MAX_TABLE_SIZE } from './table.js';
export { GlobalInst } from './global.js';
export { TagInst } from './tag.js';
export type { ExternVal, ModuleInstance } from './instance.js';
export { allocateInstance, instantiate, type ImportResolver, type RuntimeOptions } from './link.js';
export { spectest } from './spectest.js';
export { invoke, invokeAsync, DEFAULT_MAX_CALL_DEPTH } from '../exec/interpreter.js';
