/**
 * Snapshots (Wizer-style pre-initialization): run a module's initializer once, capture its
 * memories (as non-zero extents), globals, tables and dropped segments, and make instances from
 * that state without running active segments, the start function or the initializer again.
 * docs/RATIONALE.md, "Snapshots and pooling".
 */

import { decodeModule } from '../binary/decode.js';
import { encodeModule } from '../binary/encode.js';
import { CompileError } from '../errors.js';
import { exportedFunction, funcInstOf, hostFunction } from '../api/values.js';
import { globals as globalWrappers } from '../api/global.js';
import { memories } from '../api/memory.js';
import { tables as tableWrappers } from '../api/table.js';
import { tags } from '../api/tag.js';
import type { ExportValue } from '../api/instance.js';
import { invoke } from '../exec/interpreter.js';
import { FuncInst, type RawValue, type Ref } from '../runtime/func.js';
import type { Instance } from '../runtime/instance.js';
import { allocateInstance, instantiate, type ImportResolver, type RuntimeOptions } from '../runtime/link.js';
import { DIRTY_BLOCK, Dirty, PAGE_SIZE, type MemoryInst } from '../runtime/memory.js';
import { defaultFeatures } from '../syntax/features.js';
import type { Import, Module } from '../syntax/module.js';
import type { FuncType } from '../syntax/types.js';
import { parseWat } from '../text/wat.js';
import { validateModule } from '../valid/module.js';
import type { WASI } from '../wasi/wasi.js';
import {
  decodeSnapshot, encodeSnapshot, SnapshotError, valueWidth, type Extent, type SnapshotData,
} from './format.js';

export { SnapshotError };

/** Imports: a JS import object (`{ module: { name: value } }`, functions only) or a resolver. */
export type SnapshotImports = object | ImportResolver;

export interface SnapshotOptions {
  /** The export to run as the initializer: default `_initialize` if exported, else none. */
  init?: string;
  /** The module's imports while initializing (default: `wasi`'s, if given). */
  imports?: SnapshotImports;
  /** A WASI object for an initializer that uses WASI: it runs as `wasi.start` would run `_start`. */
  wasi?: WASI;
  /** Instance options (call depth). */
  runtime?: RuntimeOptions;
}

/**
 * Zero runs shorter than this many 4-byte words do not split an extent: each extent costs a few
 * bytes in the file and one copy on restore.
 */
const EXTENT_GAP_WORDS = 16;

const EMPTY_BYTES = new Uint8Array(0);

/** Element segments of instances made from snapshots, as allocated (before any drop). */
const liveElems = new WeakMap<Instance, Ref[][]>();

/**
 * Runs `source`'s initializer and captures the resulting state. `source` is a module binary or
 * WAT text. The start function and active segments run as in any instantiation, then the
 * initializer. A SnapshotError if the state cannot be captured (imported memories or tables,
 * external references in globals or tables, an initializer that fails or exits non-zero).
 */
export function snapshot(source: ArrayBuffer | ArrayBufferView | string, options: SnapshotOptions = {}): Snapshot {
  let module: Module, bytes: Uint8Array;
  if (typeof source === 'string') {
    module = parseWat(source, defaultFeatures);
    bytes = encodeModule(module, defaultFeatures);
  } else {
    bytes = ArrayBuffer.isView(source)
      ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength).slice()
      : new Uint8Array(source).slice();
    module = decodeModule(bytes, defaultFeatures);
  }
  validateModule(module, defaultFeatures);
  checkCapturable(module);
  const imports = options.imports ?? options.wasi?.getImportObject() ?? {};
  const inst = instantiate(module, resolverFor(module, imports), options.runtime) as Instance;
  const init = options.init ?? (inst.exports.has('_initialize') ? '_initialize' : undefined);
  if (init !== undefined) runInitializer(inst, init, options.wasi);
  return new Snapshot(captureState(bytes, inst), module);
}

function runInitializer(inst: Instance, name: string, wasi: WASI | undefined): void {
  const ext = inst.exports.get(name);
  if (ext?.kind !== 'func') throw new SnapshotError(`the initializer "${name}" is not an exported function`);
  const fn = ext.value;
  if (fn.type.params.length > 0) throw new SnapshotError(`the initializer "${name}" must take no arguments`);
  if (wasi === undefined) {
    invoke(fn, []);
    return;
  }
  const memory = inst.exports.get('memory');
  if (memory?.kind !== 'memory') throw new SnapshotError('a WASI initializer needs the module to export its memory as "memory"');
  const code = wasi.start({ exports: { memory: memory.value, _start: () => invoke(fn, []) } });
  if (code !== 0) throw new SnapshotError(`the initializer "${name}" exited with code ${code}`);
}

/** Imported memories, tables and mutable globals hold state the snapshot could not restore. */
function checkCapturable(module: Module): void {
  for (const imp of module.imports) {
    const d = imp.desc;
    if (d.kind === 'memory' || d.kind === 'table' || (d.kind === 'global' && d.type.mutable)) {
      const what = d.kind === 'global' ? 'a mutable global' : `a ${d.kind}`;
      throw new SnapshotError(`cannot snapshot a module that imports ${what} ("${imp.module}" "${imp.name}"): its state belongs to the embedder`);
    }
  }
}

/** The state of `inst`, an instance of the module whose binary is `moduleBytes`. */
function captureState(moduleBytes: Uint8Array, inst: Instance): SnapshotData {
  const module = inst.module;
  const counts = { mems: inst.mems.length - module.mems.length, globals: inst.globals.length - module.globals.length,
    tables: inst.tables.length - module.tables.length };
  const funcIndex = new Map<Ref, number>(inst.funcs.map((f, i) => [f, i]));
  const refIndex = (r: Ref, where: string): number | null => {
    if (r === null) return null;
    const k = funcIndex.get(r);
    if (k === undefined) throw new SnapshotError(`cannot snapshot ${where}: it holds a reference that is not one of the module's functions`);
    return k;
  };
  return {
    moduleBytes,
    memories: inst.mems.slice(counts.mems).map((m) => ({ pages: m.view.byteLength / PAGE_SIZE, extents: extentsOf(new Uint8Array(m.view.buffer)) })),
    globals: inst.globals.slice(counts.globals).map((g, i) => {
      const width = valueWidth(g.type.type);
      return width > 0 ? rawBytes(g.value, width) : refIndex(g.value, `global ${counts.globals + i}`);
    }),
    tables: inst.tables.slice(counts.tables).map((t, i) => t.elements.map((r) => refIndex(r, `table ${counts.tables + i}`))),
    droppedDatas: inst.datas.map((d, i) => d.length === 0 && module.datas[i].bytes.length > 0),
    droppedElems: inst.elems.map((e, i) => e.length === 0 && module.elems[i].init.length > 0),
  };
}

/** The non-zero runs of `bytes` (whose length is a multiple of 4), at 4-byte granularity. */
export function extentsOf(bytes: Uint8Array): Extent[] {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
  const out: Extent[] = [];
  const n = words.length;
  let i = 0;
  for (;;) {
    while (i < n && words[i] === 0) i++;
    if (i === n) return out;
    let end = i + 1;
    for (let j = end; j < n && j - end < EXTENT_GAP_WORDS; j++) if (words[j] !== 0) end = j + 1;
    out.push({ offset: i * 4, bytes: bytes.slice(i * 4, end * 4) });
    i = end;
  }
}

/** A number / bigint / v128 raw value as little-endian bytes. */
function rawBytes(v: RawValue, width: number): Uint8Array {
  if (width === 16) return (v as Uint8Array).slice();
  const out = new Uint8Array(width);
  const dv = new DataView(out.buffer);
  if (width === 4) dv.setInt32(0, v as number, true);
  else dv.setBigInt64(0, v as bigint, true);
  return out;
}

/** The raw value of `bytes` (4, 8 or 16 of them). */
function fromBytes(bytes: Uint8Array): RawValue {
  if (bytes.length === 16) return bytes;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return bytes.length === 4 ? dv.getInt32(0, true) : dv.getBigInt64(0, true);
}

/** A global's saved value: raw, or a function reference by index into the instance's functions. */
type SavedGlobal = { readonly raw: RawValue } | { readonly func: number | null };

/**
 * A captured state, ready to make instances. Save it with `save()`, load it with
 * `Snapshot.load()`; `instantiate()` makes an instance, `InstancePool` reuses them.
 */
export class Snapshot {
  /** The module (decoded and validated). */
  readonly module: Module;
  private readonly data: SnapshotData;
  private readonly saved: readonly SavedGlobal[];
  private readonly images: (Uint8Array | undefined)[];
  private readonly counts: { readonly mems: number; readonly globals: number; readonly tables: number; readonly funcs: number };

  /** Use `snapshot()` or `Snapshot.load()`. */
  constructor(data: SnapshotData, module: Module) {
    this.data = data;
    this.module = module;
    let funcs = 0, mems = 0, globals = 0, tables = 0;
    for (const imp of module.imports) {
      if (imp.desc.kind === 'func') funcs++;
      else if (imp.desc.kind === 'memory') mems++;
      else if (imp.desc.kind === 'global') globals++;
      else if (imp.desc.kind === 'table') tables++;
    }
    this.counts = { mems, globals, tables, funcs: funcs + module.funcs.length };
    checkConsistent(data, module, this.counts.funcs);
    this.saved = data.globals.map((g) => (g instanceof Uint8Array ? { raw: fromBytes(g) } : { func: g }));
    this.images = data.memories.map(() => undefined);
  }

  /** Decodes a snapshot file: a SnapshotError if it is not one, from another version, or damaged. */
  static load(bytes: ArrayBuffer | ArrayBufferView): Snapshot {
    const b = ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : new Uint8Array(bytes);
    let module: Module | undefined;
    const data = decodeSnapshot(b, (moduleBytes) => {
      try {
        module = decodeModule(moduleBytes, defaultFeatures);
        validateModule(module, defaultFeatures);
      } catch (e) {
        if (e instanceof CompileError) throw new SnapshotError(`snapshot file is inconsistent (its module: ${e.message})`);
        throw e;
      }
      return module.globals.map((g) => g.type.type);
    });
    return new Snapshot(data, module!);
  }

  /** The snapshot file's bytes. */
  save(): Uint8Array {
    return encodeSnapshot(this.data);
  }

  /** The module's binary. */
  get moduleBytes(): Uint8Array {
    return this.data.moduleBytes;
  }

  /** Per own memory: its size in pages and the non-zero extents restored into it. */
  get memories(): readonly { readonly pages: number; readonly extents: readonly Extent[] }[] {
    return this.data.memories;
  }

  /** A new instance in the captured state: no segments, start function or initializer run. */
  instantiate(imports: SnapshotImports = {}, options: RuntimeOptions = {}): SnapshotInstance {
    return new SnapshotInstance(this.restore(resolverFor(this.module, imports), options), null);
  }

  /** A runtime instance in the captured state (for the CLI and pools). */
  restore(resolve: ImportResolver, options: RuntimeOptions = {}): Instance {
    const inst = allocateInstance(this.module, resolve, options);
    this.data.memories.forEach((m, k) => {
      const mem = inst.mems[this.counts.mems + k];
      if (mem.view.byteLength !== m.pages * PAGE_SIZE) mem.reallocate(m.pages);
      const bytes = new Uint8Array(mem.view.buffer);
      for (const e of m.extents) bytes.set(e.bytes, e.offset);
    });
    this.restoreRest(inst);
    return inst;
  }

  /**
   * Puts `inst` (made by `restore`) back into the captured state: memories by copying the image
   * over the dirty blocks (the whole memory if host code took its buffer, a new buffer if it
   * grew), then globals, tables and segments.
   */
  reset(inst: Instance): void {
    this.data.memories.forEach((m, k) => resetMemory(inst.mems[this.counts.mems + k], m.pages, this.image(k)));
    this.restoreRest(inst, true);
  }

  /** Globals (all, or only the mutable ones), tables and segments. */
  private restoreRest(inst: Instance, mutableOnly = false): void {
    const g0 = this.counts.globals;
    for (let i = 0; i < this.saved.length; i++) {
      const g = inst.globals[g0 + i];
      if (mutableOnly && !g.type.mutable) continue;
      const s = this.saved[i];
      g.value = 'raw' in s ? (s.raw instanceof Uint8Array ? s.raw.slice() : s.raw) : s.func === null ? null : inst.funcs[s.func];
    }
    const t0 = this.counts.tables;
    this.data.tables.forEach((saved, k) => {
      const elements = inst.tables[t0 + k].elements;
      elements.length = saved.length;
      for (let i = 0; i < saved.length; i++) {
        const f = saved[i];
        elements[i] = f === null ? null : inst.funcs[f];
      }
    });
    const { datas } = this.module;
    this.data.droppedDatas.forEach((dropped, i) => {
      inst.datas[i] = dropped ? EMPTY_BYTES : datas[i].bytes;
    });
    if (this.data.droppedElems.length === 0) return;
    // Element segments hold this instance's references: keep the live ones for later resets.
    let live = liveElems.get(inst);
    if (live === undefined) liveElems.set(inst, live = inst.elems.slice());
    this.data.droppedElems.forEach((dropped, i) => {
      inst.elems[i] = dropped ? [] : live[i];
    });
  }

  /** Memory `k`'s captured bytes, built on first use and shared by every reset. */
  private image(k: number): Uint8Array {
    let image = this.images[k];
    if (image === undefined) {
      const m = this.data.memories[k];
      image = new Uint8Array(m.pages * PAGE_SIZE);
      for (const e of m.extents) image.set(e.bytes, e.offset);
      this.images[k] = image;
    }
    return image;
  }
}

/** Restores `mem` to `image` (`pages` pages); see Snapshot.reset. */
function resetMemory(mem: MemoryInst, pages: number, image: Uint8Array): void {
  if (mem.view.byteLength !== image.length) {
    mem.reallocate(pages);
    new Uint8Array(mem.view.buffer).set(image);
  } else if (mem.exposed) {
    new Uint8Array(mem.view.buffer).set(image);
    mem.dirty.fill(0);
  } else {
    const dirty = mem.dirty;
    let bytes: Uint8Array | undefined;
    for (let i = dirty.indexOf(1); i >= 0; i = dirty.indexOf(1, i)) {
      let j = dirty.indexOf(0, i);
      if (j < 0) j = dirty.length;
      bytes ??= new Uint8Array(mem.view.buffer);
      const start = i * DIRTY_BLOCK;
      const end = Math.min((j << Dirty.Shift) + Dirty.Spill, image.length);
      bytes.set(image.subarray(start, end), start);
      dirty.fill(0, i, j);
      i = j;
    }
  }
  mem.exposed = false;
}

/** A SnapshotError unless `data` fits `module` (counts, sizes and function indices). */
function checkConsistent(data: SnapshotData, module: Module, funcCount: number): void {
  const bad = (what: string): never => {
    throw new SnapshotError(`snapshot file is inconsistent (${what})`);
  };
  if (data.memories.length !== module.mems.length) bad('number of memories');
  data.memories.forEach((m, i) => {
    const { min, max } = module.mems[i].limits;
    if (m.pages < min || m.pages > (max ?? 65536)) bad(`size of memory ${i}`);
  });
  if (data.tables.length !== module.tables.length) bad('number of tables');
  data.tables.forEach((t, i) => {
    const { min, max } = module.tables[i].type.limits;
    if (t.length < min || (max !== undefined && t.length > max)) bad(`size of table ${i}`);
  });
  const refOk = (r: unknown): boolean => r === null || typeof r !== 'number' || r < funcCount;
  if (!data.globals.every(refOk) || !data.tables.every((t) => t.every(refOk))) bad('function index');
  if (data.droppedDatas.length !== module.datas.length || data.droppedElems.length !== module.elems.length) bad('number of segments');
}

/** An import resolver for `imports`: a resolver as is, or a JS import object read once. */
export function resolverFor(module: Module, imports: SnapshotImports): ImportResolver {
  if (typeof imports === 'function') return imports as ImportResolver;
  const externs = new Map<Import, ReturnType<ImportResolver>>();
  for (const imp of module.imports) {
    const v = (imports as Record<string, Record<string, unknown> | undefined>)[imp.module]?.[imp.name];
    if (v === undefined) continue;
    if (imp.desc.kind === 'func' && typeof v === 'function') {
      const comp = module.types[imp.desc.typeIdx].comp as FuncType;
      externs.set(imp, { kind: 'func', value: funcInstOf(v) ?? hostFunction(v as (...args: unknown[]) => unknown, comp, imp.name) });
    } else if (imp.desc.kind === 'global' && globalWrappers.has(v)) {
      externs.set(imp, { kind: 'global', value: globalWrappers.instOf(v) });
    } else if (imp.desc.kind === 'tag' && tags.has(v)) {
      externs.set(imp, { kind: 'tag', value: tags.instOf(v) });
    }
  }
  return (imp) => externs.get(imp);
}

/** An instance made from a snapshot, alone or from an InstancePool. */
export class SnapshotInstance {
  private exportsObject: Readonly<Record<string, ExportValue>> | undefined;
  /** Whether a pooled instance is handed out (set and cleared by its pool). */
  leased = false;

  constructor(
    /** The runtime instance (src/runtime). */
    readonly instance: Instance,
    /** The pool it belongs to, if any. */
    readonly pool: { release(i: SnapshotInstance): void } | null,
  ) {}

  /** The exports, as WebAssembly.Instance's `exports` (made on first use, then kept). */
  get exports(): Readonly<Record<string, ExportValue>> {
    return this.exportsObject ??= exportsOf(this.instance);
  }

  /** Memory 0 (a RuntimeError-free `undefined` when the module has none). */
  get memory(): MemoryInst | undefined {
    return this.instance.mems[0];
  }

  /** Copies `bytes` into memory 0 at `offset`, marking them dirty (cheaper pool resets than `buffer`). */
  write(offset: number, bytes: Uint8Array): void {
    this.requireMemory().write(offset, bytes);
  }

  /** A copy of `length` bytes of memory 0 at `offset`. */
  read(offset: number, length: number): Uint8Array {
    return this.requireMemory().read(offset, length);
  }

  /** Returns a pooled instance to its pool (nothing for one made by `Snapshot.instantiate`). */
  release(): void {
    this.pool?.release(this);
  }

  private requireMemory(): MemoryInst {
    const m = this.instance.mems[0];
    if (m === undefined) throw new SnapshotError('the module has no memory');
    return m;
  }
}

/** JS API §"create an exports object", for a runtime instance. */
function exportsOf(inst: Instance): Readonly<Record<string, ExportValue>> {
  const obj = Object.create(null) as Record<string, ExportValue>;
  for (const [name, ext] of inst.exports) {
    switch (ext.kind) {
      case 'func': obj[name] = exportedFunction(ext.value as FuncInst); break;
      case 'memory': obj[name] = memories.wrap(ext.value); break;
      case 'table': obj[name] = tableWrappers.wrap(ext.value); break;
      case 'global': obj[name] = globalWrappers.wrap(ext.value); break;
      case 'tag': obj[name] = tags.wrap(ext.value); break;
    }
  }
  return Object.freeze(obj);
}
