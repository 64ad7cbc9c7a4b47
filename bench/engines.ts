/**
 * The engines the benchmark runner compares, behind one small interface: Vitrine (through its
 * public API), the host's own `WebAssembly`, and two peers written in JavaScript — polywasm (a
 * translator to JavaScript through `new Function`) and webassemblyjs (an AST interpreter).
 *
 * Each benchmark program is a module without imports that exports `run()`, returning a checksum
 * as an i32 or i64 (bench/programs/). An engine compiles the bytes once; every timed run gets a
 * fresh instance of that module, so no memory state carries from one run to the next.
 */

import { createRequire } from 'node:module';
import type { Module as ModuleAst } from '../src/syntax/module.js';

export type EngineName = 'vitrine' | 'host' | 'polywasm' | 'webassemblyjs';

/** A module compiled by one engine. */
export interface Compiled {
  /** A new instance's `run` export. */
  instantiate(): Promise<() => unknown>;
}

export interface Engine {
  /** Compiles (decodes, validates — as far as the engine does) `bytes`. */
  compile(bytes: Uint8Array): Promise<Compiled>;
  /**
   * Everything the engine does before the first instruction of `run()` executes, on fresh
   * bytes: compile, instantiate and — for Vitrine, which translates lazily — translate `run`,
   * what its first call does before it runs. Returns a function that does the rest of the
   * engine's deferred work on this module (Vitrine: translate every other function body), for
   * the "every body" figure, or undefined if there is none. Not measured for webassemblyjs.
   */
  startup?(bytes: Uint8Array): (() => void) | undefined;
  /**
   * The same start-up through the engine's promise API, `compile(bytes)` then
   * `instantiate(module, {})`, as the acceptance names it ("the host's WebAssembly.compile +
   * instantiate"): for Vitrine, followed by translating `run` as above. Not measured for
   * webassemblyjs.
   */
  startupPromise?(bytes: Uint8Array): Promise<void>;
}

/** The few members of the standard namespace the runner uses (lib ES2022 does not declare it). */
interface WebAssemblyNamespace {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<{ exports: Record<string, unknown> }>;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => object;
}

const require = createRequire(import.meta.url);

/** The run export of an exports object, checked to be a function. */
function runOf(exports: Record<string, unknown>): () => unknown {
  const run = exports.run;
  if (typeof run !== 'function') throw new Error('the module exports no function run()');
  return run as () => unknown;
}

/**
 * Vitrine, imported only here: a worker measuring another engine must not carry Vitrine's modules
 * in its heap. Every live object there makes the collections of a start-up loop dearer — with
 * Vitrine loaded, the host's start-up of sort measured 0.500 ms instead of 0.413 (docs/RATIONALE.md,
 * "What does "start-up" measure, and why distinct bytes each time?").
 */
async function vitrine(): Promise<Engine> {
  const { Instance, Module, compile, instantiate } = await import('../src/index.js');
  const { moduleOf } = await import('../src/api/module.js');
  const { compiledCode } = await import('../src/exec/translate.js');
  return {
    async compile(bytes) {
      const module = new Module(bytes);
      return { instantiate: async () => runOf(new Instance(module, {}).exports as Record<string, unknown>) };
    },
    startup(bytes) {
      const module = new Module(bytes);
      const exports = new Instance(module, {}).exports as Record<string, unknown>;
      // Translation is lazy (docs/RATIONALE.md, "Why translate lazily, once per module?"): the
      // first call of run() translates run (compiledCode, the interpreter's own path) and then
      // starts executing; each callee is translated when it is first reached.
      runOf(exports);
      const ast = moduleOf(module);
      const entry = entryIndex(ast);
      compiledCode(ast, entry);
      return () => {
        for (let i = 0; i < ast.funcs.length; i++) if (i !== entry) compiledCode(ast, i);
      };
    },
    async startupPromise(bytes) {
      const module = await compile(bytes);
      runOf((await instantiate(module, {})).exports as Record<string, unknown>);
      const ast = moduleOf(module);
      compiledCode(ast, entryIndex(ast));
    },
  };
}

/** The index into `m.funcs` (defined functions) of the function exported as `run`. */
export function entryIndex(m: ModuleAst): number {
  const ex = m.exports.find((e) => e.name === 'run' && e.kind === 'func');
  if (ex === undefined) throw new Error('the module exports no function run()');
  let imported = 0;
  for (const im of m.imports) if (im.desc.kind === 'func') imported++;
  if (ex.idx < imported) throw new Error('run() is an imported function');
  return ex.idx - imported;
}

function hostWebAssembly(): WebAssemblyNamespace {
  const wa = (globalThis as { WebAssembly?: WebAssemblyNamespace }).WebAssembly;
  if (wa === undefined) throw new Error('this Node has no WebAssembly (under --jitless)');
  return wa;
}

const host: Engine = {
  async compile(bytes) {
    const wa = hostWebAssembly();
    const module = await wa.compile(bytes);
    return { instantiate: async () => runOf((await wa.instantiate(module, {})).exports) };
  },
  // The synchronous constructors do the same compilation as `WebAssembly.compile` and
  // `instantiate`, without their promise round trips (~0.05–0.1 ms here): the host's best case.
  // V8 (Node 20: --wasm-lazy-compilation) validates every body here but compiles each function
  // on its first call, so its figure holds no code generation.
  startup(bytes) {
    const wa = hostWebAssembly();
    new wa.Instance(new wa.Module(bytes), {});
    return undefined;
  },
  // The promise API compiles on V8's background threads and resolves in a task posted back to
  // this thread: 0.05–0.25 ms more per module than the constructors here (docs/RATIONALE.md,
  // "Why measure start-up through the promise API, and the constructors too?").
  async startupPromise(bytes) {
    const wa = hostWebAssembly();
    await wa.instantiate(await wa.compile(bytes), {});
  },
};

/** The polywasm package's `WebAssembly` (ESM, no type declarations). */
interface PolywasmWebAssembly {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<{ exports: Record<string, unknown> }>;
}

async function polywasm(): Promise<Engine> {
  const specifier: string = 'polywasm';
  const P = ((await import(specifier)) as { WebAssembly: PolywasmWebAssembly }).WebAssembly;
  return {
    async compile(bytes) {
      const module = new P.Module(bytes);
      return { instantiate: async () => runOf(new P.Instance(module, {}).exports) };
    },
    // polywasm translates each function to JavaScript on its first call: its start-up figure
    // leaves that out (a lower bound), where Vitrine's includes the translation of run().
    startup(bytes) {
      new P.Instance(new P.Module(bytes), {});
      return undefined;
    },
    async startupPromise(bytes) {
      await P.instantiate(await P.compile(bytes), {});
    },
  };
}

function webassemblyjs(): Engine {
  const W = require('webassemblyjs') as {
    compile(bytes: Uint8Array): Promise<object>;
    Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  };
  return {
    async compile(bytes) {
      const module = await W.compile(bytes);
      return { instantiate: async () => runOf(new W.Instance(module, {}).exports) };
    },
  };
}

export async function loadEngine(name: EngineName): Promise<Engine> {
  switch (name) {
    case 'vitrine': return vitrine();
    case 'host': return host;
    case 'polywasm': return polywasm();
    case 'webassemblyjs': return webassemblyjs();
  }
}

/**
 * The result of run() as an unsigned decimal string, as bench/programs/checksums.json has it: a
 * u32 for an i32 result, a u64 for an i64 result. JavaScript engines return an i32 as a signed
 * Number and an i64 as a BigInt; webassemblyjs returns an i64 as a Long object ({ low, high }).
 */
export function checksumOf(v: unknown): string {
  if (typeof v === 'bigint') return BigInt.asUintN(64, v).toString();
  if (typeof v === 'number' && Number.isInteger(v)) return (v >>> 0).toString();
  if (typeof v === 'object' && v !== null && 'low' in v && 'high' in v) {
    const { low, high } = v as { low: unknown; high: unknown };
    if (typeof low === 'number' && typeof high === 'number') {
      return ((BigInt(high >>> 0) << 32n) | BigInt(low >>> 0)).toString();
    }
  }
  throw new Error(`run() returned ${typeof v} ${String(v)}, not an i32 or i64`);
}

/** Name of the custom section `Variants` appends. */
const SECTION_NAME = 'vitrine-bench';
/** Hex digits of the variant counter, the section's payload. */
const COUNTER_DIGITS = 8;

/**
 * Distinct copies of one module, for start-up measurements: V8 keeps compiled modules in a
 * process-wide cache keyed by their bytes, so compiling the same bytes twice measures a cache
 * hit. Each copy ends with a custom section holding a counter — a custom section does not change
 * what the module means — and every engine is given the same kind of copies.
 */
export class Variants {
  private readonly template: Uint8Array;
  private counter = 0;

  constructor(bytes: Uint8Array) {
    const name = new TextEncoder().encode(SECTION_NAME);
    const size = 1 + name.length + COUNTER_DIGITS; // fits the one-byte LEB128 below
    this.template = new Uint8Array(bytes.length + 2 + size);
    this.template.set(bytes);
    let p = bytes.length;
    this.template[p++] = 0; // custom section id
    this.template[p++] = size;
    this.template[p++] = name.length;
    this.template.set(name, p);
  }

  /** A new copy with the next counter value. */
  next(): Uint8Array {
    const copy = this.template.slice();
    const digits = (this.counter++).toString(16).padStart(COUNTER_DIGITS, '0');
    for (let i = 0; i < COUNTER_DIGITS; i++) copy[copy.length - COUNTER_DIGITS + i] = digits.charCodeAt(i);
    return copy;
  }
}
