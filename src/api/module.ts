/**
 * WebAssembly.Module and `validate` — JS API §"The WebAssembly Namespace" ("compile a WebAssembly
 * module", `validate`) and §"Modules".
 *
 * Compiling is decoding (binary/decode.ts) then validating (valid/): either raises a CompileError
 * with the spec suite's wording. A Module object keeps the decoded, validated module; instances
 * are created from it by the runtime (see instance.ts).
 */

import { decodeModule } from '../binary/decode.js';
import { CompileError } from '../errors.js';
import { defaultFeatures } from '../syntax/features.js';
import type { Module as ModuleAst } from '../syntax/module.js';
import type { ExternKind } from '../syntax/types.js';
import { validateModule } from '../valid/module.js';

export type BufferSource = ArrayBuffer | ArrayBufferView;
export type ImportExportKind = 'function' | 'table' | 'memory' | 'global' | 'tag';

export interface ModuleExportDescriptor {
  name: string;
  kind: ImportExportKind;
}

export interface ModuleImportDescriptor {
  module: string;
  name: string;
  kind: ImportExportKind;
}

/** Reads the [[Module]] slot (set in Module's static block: only the class sees `#ast`). */
let astOf: (m: unknown) => ModuleAst | undefined;

export class Module {
  /**
   * The [[Module]] slot: a private field, not a WeakMap (RATIONALE, "Why internal slots in
   * private fields, not WeakMaps?").
   */
  readonly #ast: ModuleAst;

  /** Decodes and validates `bytes` (as a copy taken now: `bytesOf`); CompileError when either fails. */
  constructor(bytes: BufferSource) {
    this.#ast = compileBytes(bytesOf(bytes));
  }

  static {
    astOf = (m) => ((typeof m === 'object' && m !== null && #ast in m) ? (m as Module).#ast : undefined);
  }

  /** JS API `Module.exports`: name and kind of every export, in order. */
  static exports(moduleObject: Module): ModuleExportDescriptor[] {
    return moduleOf(moduleObject).exports.map((e) => ({ name: e.name, kind: kindString(e.kind) }));
  }

  /** JS API `Module.imports`: module name, name and kind of every import, in order. */
  static imports(moduleObject: Module): ModuleImportDescriptor[] {
    return moduleOf(moduleObject).imports.map((i) => ({ module: i.module, name: i.name, kind: kindString(i.desc.kind) }));
  }

  /** JS API `Module.customSections`: a copy of the contents of every custom section named `name`. */
  static customSections(moduleObject: Module, sectionName: string): ArrayBuffer[] {
    const name = String(sectionName);
    return moduleOf(moduleObject).customs
      .filter((c) => c.name === name)
      .map((c) => c.bytes.slice().buffer);
  }

  /** The same as the namespace's `validate`, for code that prefers `Module.validate(bytes)`. */
  static validate(bytes: BufferSource): boolean {
    return validate(bytes);
  }
}

/** JS API `WebAssembly.validate`: true when `bytes` decode and validate. */
export function validate(bytes: BufferSource): boolean {
  try {
    compileBytes(bytesOf(bytes));
    return true;
  } catch (e) {
    if (e instanceof CompileError) return false;
    throw e;
  }
}

/** JS API §"compile a WebAssembly module": module_decode, then module_validate. */
function compileBytes(bytes: Uint8Array): ModuleAst {
  const module = decodeModule(bytes, defaultFeatures);
  validateModule(module, defaultFeatures);
  return module;
}

/** The decoded module behind a Module object (brand check: TypeError for anything else). */
export function moduleOf(m: unknown): ModuleAst {
  const module = astOf(m);
  if (module === undefined) throw new TypeError('not a WebAssembly.Module');
  return module;
}

/**
 * The bytes to compile, for a synchronous compilation: WebIDL's "get a copy of the bytes held by
 * the buffer source" without the copy where none can be told from it. The decoder copies what it
 * keeps (reader.ts `bytesN`) and compiling finishes before the caller runs again, so a view of an
 * ArrayBuffer reads exactly as a copy would, without a buffer outside V8's heap per module
 * (RATIONALE, "Why no buffer of its own per module and per memory?"). A SharedArrayBuffer,
 * which another thread may write meanwhile, is copied.
 */
export function bytesOf(bytes: unknown): Uint8Array {
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  if (ArrayBuffer.isView(bytes) && bytes.buffer instanceof ArrayBuffer) {
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return copyBytes(bytes);
}

/** WebIDL "get a copy of the bytes held by the buffer source". */
export function copyBytes(bytes: unknown): Uint8Array {
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes.slice(0));
  if (ArrayBuffer.isView(bytes)) return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  throw new TypeError('the first argument must be an ArrayBuffer or a typed array view (BufferSource)');
}

/** JS API §"string value of the extern type". */
function kindString(k: ExternKind): ImportExportKind {
  return k === 'func' ? 'function' : k;
}
