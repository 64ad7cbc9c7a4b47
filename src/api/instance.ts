/**
 * WebAssembly.Instance — JS API §"Instances", §"read the imports" and §"create an exports object".
 *
 * Reading the imports checks only that each JavaScript value is of the right kind (a callable, a
 * Memory, …), as the JS API does; whether its WebAssembly type matches is checked by the runtime's
 * instantiation (spec §4.5.4), which raises the LinkError the spec suite expects.
 */

import { LinkError } from '../errors.js';
import { GlobalInst, instantiate, type ExternVal, type ModuleInstance } from '../runtime/index.js';
import type { Import, Module as ModuleAst } from '../syntax/module.js';
import { valTypeToString, type FuncType, type GlobalType } from '../syntax/types.js';
import { globals, type Global } from './global.js';
import { memories, type Memory } from './memory.js';
import { moduleOf, type Module } from './module.js';
import { tables, type Table } from './table.js';
import { tags, type Tag } from './tag.js';
import { asyncExportedFunction, exportedFunction, funcInstOf, hostFunction, toWebAssemblyValue } from './values.js';

/** What an exports object holds. */
export type ExportValue = ((...args: unknown[]) => unknown) | Memory | Table | Global | Tag;

/**
 * Vitrine's third constructor argument (README "Embedding"): resource limits and async mode.
 * The limits apply to each call of an export from JavaScript (and to the start function).
 */
export interface InstanceOptions {
  /** Exported functions return promises, and imports may return promises (README "Async host imports"). */
  async?: boolean;
  /** Fuel units per call (one per Wasm instruction, charged per loop iteration); beyond: trap "fuel exhausted". */
  fuel?: number;
  /** Milliseconds per call (wall clock); beyond: trap "deadline exceeded". */
  timeout?: number;
  /** Most pages each memory the instance defines may have; `memory.grow` beyond returns -1. */
  maxMemoryPages?: number;
  /** Most nested calls; deeper: trap "call stack exhausted" (default 100,000). */
  maxCallDepth?: number;
}

export class Instance {
  /**
   * The [[Exports]] slot: a private field, not a WeakMap (RATIONALE, "Why internal slots in
   * private fields, not WeakMaps?").
   */
  readonly #exports: Readonly<Record<string, ExportValue>>;

  /**
   * Links `module` against `importObject` and runs its start function (LinkError / RuntimeError).
   * `options` (not in the standard API): limits and async mode; a TypeError if malformed.
   */
  constructor(module: Module, importObject?: object, options?: InstanceOptions) {
    const ast = moduleOf(module);
    const opts = readOptions(options);
    const imports = readImports(ast, importObject);
    const instance = instantiate(ast, (imp) => imports.get(imp), {
      fuel: opts.fuel, timeoutMs: opts.timeout, maxMemoryPages: opts.maxMemoryPages, maxCallDepth: opts.maxCallDepth,
    });
    this.#exports = exportsObject(instance, opts.async === true);
  }

  /** A frozen object with a null prototype: one property per export. */
  get exports(): Readonly<Record<string, ExportValue>> {
    if (typeof this !== 'object' || this === null || !(#exports in this)) throw new TypeError('not a WebAssembly.Instance');
    return this.#exports;
  }
}

/** JS API §"read the imports": each import's value from `importObject`, as a runtime extern. */
function readImports(module: ModuleAst, importObject: unknown): Map<Import, ExternVal> {
  const externs = new Map<Import, ExternVal>();
  if (module.imports.length === 0) return externs;
  if (importObject === undefined) throw new TypeError('the module has imports but no import object was given');
  if (typeof importObject !== 'object' || importObject === null) throw new TypeError('the import object must be an object');
  for (const imp of module.imports) {
    const ns = (importObject as Record<string, unknown>)[imp.module];
    if ((typeof ns !== 'object' && typeof ns !== 'function') || ns === null) {
      throw new TypeError(`import "${imp.module}" "${imp.name}": the import object has no module "${imp.module}"`);
    }
    externs.set(imp, readImport(module, imp, (ns as Record<string, unknown>)[imp.name]));
  }
  return externs;
}

function readImport(module: ModuleAst, imp: Import, v: unknown): ExternVal {
  const where = `import "${imp.module}" "${imp.name}"`;
  switch (imp.desc.kind) {
    case 'func': {
      if (typeof v !== 'function') throw new LinkError(`${where}: function import requires a callable`);
      const f = funcInstOf(v) ?? hostFunction(v as (...args: unknown[]) => unknown, funcType(module, imp.desc.typeIdx), imp.name);
      return { kind: 'func', value: f };
    }
    case 'global':
      return { kind: 'global', value: importedGlobal(v, imp.desc.type, where) };
    case 'memory':
      if (!memories.has(v)) throw new LinkError(`${where}: memory import must be a WebAssembly.Memory`);
      return { kind: 'memory', value: memories.instOf(v) };
    case 'table':
      if (!tables.has(v)) throw new LinkError(`${where}: table import must be a WebAssembly.Table`);
      return { kind: 'table', value: tables.instOf(v) };
    case 'tag':
      if (!tags.has(v)) throw new LinkError(`${where}: tag import must be a WebAssembly.Tag`);
      return { kind: 'tag', value: tags.instOf(v) };
  }
}

function funcType(module: ModuleAst, typeIdx: number): FuncType {
  const comp = module.types[typeIdx].comp;
  if (comp.kind !== 'func') throw new LinkError(`type ${typeIdx} is not a function type`);
  return comp;
}

/** The global case of "read the imports": a Global object, or a Number/BigInt for a new immutable global. */
function importedGlobal(v: unknown, type: GlobalType, where: string): GlobalInst {
  if (globals.has(v)) return globals.instOf(v);
  const t = type.type;
  const expected = t === 'i64' ? 'bigint' : t === 'i32' || t === 'f32' || t === 'f64' ? 'number' : undefined;
  if (t === 'v128' || (expected !== undefined && typeof v !== expected)) {
    throw new LinkError(`${where}: a ${valTypeToString(t)} global import must be a WebAssembly.Global${expected ? ` or a ${expected === 'bigint' ? 'BigInt' : 'Number'}` : ''}`);
  }
  try {
    return new GlobalInst({ type: t, mutable: false }, toWebAssemblyValue(v, t));
  } catch (e) {
    if (e instanceof TypeError) throw new LinkError(`${where}: ${e.message}`);
    throw e;
  }
}

/** Checks InstanceOptions: each limit a number of the right range (TypeError otherwise). */
function readOptions(options: unknown): InstanceOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) throw new TypeError('instance options must be an object');
  const o = options as Record<string, unknown>;
  const count = (key: string, min: number, integer: boolean): number | undefined => {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || Number.isNaN(v) || v < min || (integer && !Number.isInteger(v))) {
      throw new TypeError(`instance option "${key}" must be ${integer ? 'an integer' : 'a number'} >= ${min}`);
    }
    return v;
  };
  return {
    async: o.async === undefined ? undefined : Boolean(o.async),
    fuel: count('fuel', 0, false),
    timeout: count('timeout', 0, false),
    maxMemoryPages: count('maxMemoryPages', 0, true),
    maxCallDepth: count('maxCallDepth', 1, true),
  };
}

/** JS API §"create an exports object"; in async mode functions are async Exported Functions. */
function exportsObject(instance: ModuleInstance, async: boolean): Readonly<Record<string, ExportValue>> {
  const obj = Object.create(null) as Record<string, ExportValue>;
  for (const [name, ext] of instance.exports) {
    switch (ext.kind) {
      case 'func': obj[name] = async ? asyncExportedFunction(ext.value) : exportedFunction(ext.value); break;
      case 'memory': obj[name] = memories.wrap(ext.value); break;
      case 'table': obj[name] = tables.wrap(ext.value); break;
      case 'global': obj[name] = globals.wrap(ext.value); break;
      case 'tag': obj[name] = tags.wrap(ext.value); break;
    }
  }
  return Object.freeze(obj);
}
