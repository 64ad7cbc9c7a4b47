/**
 * The JavaScript API — shaped like the standard `WebAssembly` namespace
 * (https://webassembly.github.io/spec/js-api/, §"The WebAssembly Namespace"), implemented on
 * Vitrine's interpreter, so it works where `globalThis.WebAssembly` does not exist
 * (`node --jitless`, CSP-restricted pages, embedded JavaScript engines).
 *
 * The promise-returning helpers do their work synchronously (there is no background compiler)
 * and report errors as rejections, like the standard ones.
 */

import { CompileError, LinkError, RuntimeError } from '../errors.js';
import { Global } from './global.js';
import { Instance, type InstanceOptions } from './instance.js';
import { Memory } from './memory.js';
import { Module, validate, type BufferSource } from './module.js';
import { Table } from './table.js';
import { Tag } from './tag.js';
import { callAsync } from './values.js';

export { CompileError, LinkError, RuntimeError, Global, Instance, Memory, Module, Table, Tag, validate, callAsync };
export type { BufferSource };
export type { ExportValue, InstanceOptions } from './instance.js';
export type { GlobalDescriptor } from './global.js';
export type { MemoryDescriptor } from './memory.js';
export type { ImportExportKind, ModuleExportDescriptor, ModuleImportDescriptor } from './module.js';
export type { TableDescriptor } from './table.js';
export type { TagType } from './tag.js';

export interface WebAssemblyInstantiatedSource {
  module: Module;
  instance: Instance;
}

/** `WebAssembly.compile(bytes)`: a promise of a Module. */
export async function compile(bytes: BufferSource): Promise<Module> {
  return new Module(bytes);
}

/**
 * `WebAssembly.instantiate`: given bytes, a promise of `{ module, instance }`; given a Module, a
 * promise of its Instance. `options` as for `new Instance` (limits, async mode).
 */
export async function instantiate(bytes: BufferSource, importObject?: object, options?: InstanceOptions): Promise<WebAssemblyInstantiatedSource>;
export async function instantiate(moduleObject: Module, importObject?: object, options?: InstanceOptions): Promise<Instance>;
export async function instantiate(
  source: BufferSource | Module, importObject?: object, options?: InstanceOptions,
): Promise<WebAssemblyInstantiatedSource | Instance> {
  if (source instanceof Module) return new Instance(source, importObject, options);
  const module = new Module(source);
  return { module, instance: new Instance(module, importObject, options) };
}

/**
 * The whole namespace as one object, a drop-in for the standard global:
 * `const WebAssembly = globalThis.WebAssembly ?? vitrine.WebAssembly`.
 */
export const WebAssembly = Object.freeze({
  Module, Instance, Memory, Table, Global, Tag, CompileError, LinkError, RuntimeError, validate, compile, instantiate,
});
