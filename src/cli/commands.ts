/**
 * The `vitrine` command line: `wast`, `run`, `validate`, `--help`, `--version`. main.ts is the
 * executable; this file takes the arguments and an output sink and returns the exit status, so
 * the tests can drive it in-process.
 *
 * Exit status: 0 success, 1 a failure the user asked about (a failing script, an invalid module,
 * a module that cannot be linked), 2 a usage error (unknown command or flag, unreadable file),
 * 134 a trap in `run` (as wasmtime: 128 + SIGABRT); a WASI program's own exit code otherwise.
 * Errors are one line (a trap adds its Wasm backtrace), never a JS stack trace.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { decodeModule } from '../binary/decode.js';
import { CompileError, LinkError, RuntimeError } from '../errors.js';
import {
  hostFunc, instantiate, invoke, spectest, type ExternVal, type ImportResolver, type MemoryInst, type ModuleInstance,
  type RawValue,
} from '../runtime/index.js';
import { isSnapshot, SnapshotError } from '../snapshot/format.js';
import { Snapshot, snapshot } from '../snapshot/snapshot.js';
import { defaultFeatures } from '../syntax/features.js';
import type { Module } from '../syntax/module.js';
import { TextError } from '../text/lexer.js';
import { parseWat } from '../text/wat.js';
import { validateModule } from '../valid/module.js';
import { WASI, type WASIOptions } from '../wasi/wasi.js';
import { formatValue, parseValue } from './values.js';
import {
  formatBacktrace, importsWasi, isWasiProgram, parseRunOptions, WASI_MODULE, wasiImports, wasiOptions, type RunOptions,
} from './wasi.js';
import { runWast, tally, type Tally } from './wast.js';

export interface Output {
  /** Standard output; `text` carries its own newlines. */
  out(text: string): void;
  /** Standard error. */
  err(text: string): void;
  /** A WASI program's stdio (default: the process's fds 0, 1, 2). */
  readonly stdio?: Pick<WASIOptions, 'stdin' | 'stdout' | 'stderr'>;
}

/** The exit status of a trap in `run`: 128 + SIGABRT, as wasmtime. */
export const TRAP_STATUS = 134;

export const USAGE = `Usage:
  vitrine wast FILE.wast...                     run WAST scripts (the official test suite's format)
  vitrine run [OPTION...] FILE.wasm|FILE.wat [ARG...]
                                                run a WASI program, or instantiate a module
  vitrine run FILE.wasm|FILE.wat --invoke NAME [ARG...]
                                                ... and call an export
  vitrine validate FILE.wasm|FILE.wat           decode (or parse) and validate a module
  vitrine snapshot [OPTION...] FILE.wasm|FILE.wat -o FILE.snap [--init NAME]
                                                pre-initialize a module and save its state
  vitrine --help | --version

run: a module that imports wasi_snapshot_preview1 or exports _start is a WASI program: _start
runs with ARGs as its arguments (after the module's file name), its stdio is vitrine's, and its
exit code is vitrine's. Options (before the file, wasmtime's):
  --dir HOST[::GUEST]     preopen host directory HOST as GUEST (default: the same path);
                          the guest cannot leave it, not even through symlinks
  --env NAME[=VALUE]      set a variable of the guest's environment (which is otherwise
                          empty); NAME alone passes vitrine's own value
  --tcplisten HOST:PORT   listen on a TCP address; the guest gets the socket as fd 3, 4, ...
                          (before the directories) and accepts connections on it
  --invoke NAME           call export NAME instead of _start, with ARGs as its arguments
Arguments of --invoke are parsed by the export's parameter types (i32/i64 decimal or 0x hex;
floats decimal, hex, inf, nan, nan:0x...); results are printed one per line. Imports are also
resolved from "spectest" (the test suite's host module) and "vitrine": print(ptr: i32, len: i32)
writes len bytes of the module's exported "memory" to standard output. A trap prints its
message and a Wasm backtrace (names from the name section) and exits with status 134.

snapshot: instantiates the module (imports as for run, WASI included, with the same options
before the file), runs its initializer — export NAME, default _initialize if exported — and
writes its memories, globals and tables to FILE.snap. \`vitrine run FILE.snap ...\` then starts
from that state without running the start function, data segments or initializer again.
`;

/** A usage error: one line on stderr, exit status 2. */
class UsageError extends Error {}

/** Runs the command line `args` (without `node` and the script) and returns the exit status. */
export function runCli(args: readonly string[], io: Output, version: string): number {
  try {
    const [command, ...rest] = args;
    switch (command) {
      case undefined: case '--help': case '-h': case 'help':
        io.out(USAGE);
        return 0;
      case '--version': case '-v':
        io.out(`vitrine ${version}\n`);
        return 0;
      case 'wast': return wastCommand(rest, io);
      case 'run': return runCommand(rest, io);
      case 'validate': return validateCommand(rest, io);
      case 'snapshot': return snapshotCommand(rest, io);
      default:
        throw new UsageError(command.startsWith('-') ? `unknown option ${command}` : `unknown command ${command}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`vitrine: ${e.message} (see vitrine --help)\n`);
      return 2;
    }
    io.err(`vitrine: ${oneLine(e)}\n`);
    return 1;
  }
}

/** An error as one line: typed errors by name and message (with position for text errors). */
function oneLine(e: unknown): string {
  if (e instanceof TextError) return `${e.name}: ${e.describe()}`;
  if (e instanceof CompileError || e instanceof LinkError || e instanceof RuntimeError || e instanceof SnapshotError) {
    return `${e.name}: ${e.message}`;
  }
  if (e instanceof Error) return `internal error: ${e.name}: ${e.message}`;
  return `internal error: ${String(e)}`;
}

function rejectOptions(args: readonly string[]): void {
  const opt = args.find((a) => a.startsWith('--'));
  if (opt !== undefined) throw new UsageError(`unknown option ${opt}`);
}

function read(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** `vitrine wast FILE…`: one line per file, then `N passed, N failed, N skipped`. */
function wastCommand(files: readonly string[], io: Output): number {
  rejectOptions(files);
  if (files.length === 0) throw new UsageError('wast needs at least one file');
  const sources = files.map((f) => read(f).toString('utf8'));
  const total: Tally = { passed: 0, failed: 0, skipped: 0 };
  files.forEach((file, i) => {
    const checks = runWast(sources[i]);
    const t = tally(checks);
    total.passed += t.passed;
    total.failed += t.failed;
    total.skipped += t.skipped;
    io.out(`${t.failed > 0 ? 'FAIL' : 'ok  '} ${file}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped\n`);
    for (const c of checks) {
      if (c.status !== 'passed') io.err(`  ${file}:${c.line}: ${c.command} ${c.status}: ${c.reason}\n`);
    }
  });
  io.out(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
  return total.failed > 0 ? 1 : 0;
}

/**
 * A module file: binary when it starts with the magic `\0asm` or is named `*.wasm` (so a damaged
 * binary gets the decoder's "magic header not detected", not a text parse error), else text.
 */
function loadModule(file: string): Module {
  return loadModuleOrSnapshot(file).module;
}

/** A module file, or a snapshot file (recognized by its magic; `snap` then set). */
function loadModuleOrSnapshot(file: string): { module: Module; snap?: Snapshot; bytes: Uint8Array } {
  const raw = read(file);
  const u8 = new Uint8Array(raw.buffer, raw.byteOffset, raw.length);
  if (isSnapshot(u8)) {
    const snap = Snapshot.load(u8);
    return { module: snap.module, snap, bytes: snap.moduleBytes };
  }
  return { module: parseModule(file, raw), bytes: u8 };
}

function parseModule(file: string, bytes: Buffer): Module {
  const isBinary = file.endsWith('.wasm') || (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x6d736100);
  const module = isBinary
    ? decodeModule(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), defaultFeatures)
    : parseWat(bytes.toString('utf8'), defaultFeatures);
  validateModule(module, defaultFeatures);
  return module;
}

function validateCommand(args: readonly string[], io: Output): number {
  rejectOptions(args);
  if (args.length !== 1) throw new UsageError('validate needs exactly one file');
  try {
    loadModule(args[0]);
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    io.out(`${args[0]}: ${oneLine(e)}\n`);
    return 1;
  }
  io.out(`${args[0]}: valid\n`);
  return 0;
}

/**
 * `vitrine run [OPTION…] FILE [ARG…]` (wasmtime's form) and `vitrine run FILE --invoke NAME
 * [ARG…]`. A WASI program (src/cli/wasi.ts) runs `_start` — or the `--invoke`d export — with the
 * options' preopens, environment and listeners, gets the ARGs as its argv, and its exit code is
 * the status. Any other module is instantiated, then the `--invoke`d export is called with the
 * ARGs parsed by its parameter types and its results are printed. A trap prints the trap message
 * and a Wasm backtrace and exits 134, as wasmtime does.
 */
function runCommand(args: readonly string[], io: Output): number {
  let parsed: ReturnType<typeof parseRunOptions>;
  try {
    parsed = parseRunOptions(args);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { options } = parsed;
  const file = args[parsed.file];
  if (file === undefined) throw new UsageError('run needs a module file');
  let rest = args.slice(parsed.file + 1);
  if (rest[0] === '--invoke' && options.invoke === undefined) {
    // The older form: the export after the file.
    if (rest[1] === undefined) throw new UsageError('--invoke needs an export name');
    options.invoke = rest[1];
    rest = rest.slice(2);
  }
  const { module, snap } = loadModuleOrSnapshot(file);
  const wasiMode = isWasiProgram(module);
  if (!wasiMode && options.invoke === undefined && rest.length > 0) {
    throw new UsageError(rest[0].startsWith('-') ? `unknown option ${rest[0]}` : 'only WASI programs take arguments');
  }

  const { resolve, wasi, setMemory } = runImports(io, file, wasiMode, options.invoke === undefined ? rest : [], options);
  let memory: MemoryInst | undefined;
  try {
    const instance: ModuleInstance = snap !== undefined ? snap.restore(resolve) : instantiate(module, resolve);
    const exported = instance.exports.get('memory');
    if (exported?.kind === 'memory') memory = exported.value;
    setMemory(memory);
    const name = options.invoke ?? (wasiMode ? '_start' : undefined);
    if (name === undefined) return 0;

    const ext = instance.exports.get(name);
    if (ext === undefined || ext.kind !== 'func') throw new UsageError(`${file} exports no function "${name}"`);
    const { params, results } = ext.value.type;
    const callArgs = options.invoke === undefined ? [] : rest;
    if (callArgs.length !== params.length) {
      throw new UsageError(`"${name}" takes ${params.length} arguments, ${callArgs.length} given`);
    }
    const values = callArgs.map((a, i) => {
      try {
        return parseValue(a, params[i]);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    });
    let out: RawValue[] = [];
    const call = (): void => {
      out = invoke(ext.value, values);
    };
    if (wasi !== undefined) {
      // WASI functions work on the exported memory; a command that imports none needs none.
      if (memory === undefined && importsWasi(module)) {
        throw new LinkError('a WASI program must export its memory as "memory"');
      }
      const code = wasi.start({ exports: { memory: memory ?? { buffer: new ArrayBuffer(0) }, _start: call } });
      if (code !== 0) return code;
    } else {
      call();
    }
    out.forEach((v, i) => io.out(`${formatValue(v, results[i])}\n`));
    return 0;
  } catch (e) {
    // A trap has a trap code; a host function's own failure (print's) is a one-line error.
    if (!(e instanceof RuntimeError) || e.code === undefined) throw e;
    io.err(`vitrine: ${oneLine(e)}\n${formatBacktrace(e)}`);
    return TRAP_STATUS;
  }
}

/**
 * The imports of `run` and `snapshot`: "spectest", "vitrine" (print) and, for a WASI program,
 * `wasi_snapshot_preview1` of a WASI object made from the options. `setMemory` tells print
 * which memory to read.
 */
function runImports(io: Output, file: string, wasiMode: boolean, guestArgs: readonly string[], options: RunOptions): {
  resolve: ImportResolver; wasi: WASI | undefined; setMemory: (m: MemoryInst | undefined) => void;
} {
  let memory: MemoryInst | undefined;
  const host = new Map<string, ExternVal>([['print', {
    kind: 'func',
    value: hostFunc({ kind: 'func', params: ['i32', 'i32'], results: [] }, ([ptr, len]) => {
      if (memory === undefined) throw new RuntimeError('vitrine.print needs the module to export its memory as "memory"');
      const start = (ptr as number) >>> 0, end = start + ((len as number) >>> 0);
      if (end > memory.view.byteLength) throw new RuntimeError('out of bounds memory access');
      io.out(Buffer.from(memory.view.buffer, start, end - start).toString('utf8'));
      return [];
    }, 'print'),
  }]]);
  const modules = new Map([['spectest', spectest((line) => io.out(`${line}\n`))], ['vitrine', host]]);
  let wasi: WASI | undefined;
  if (wasiMode) {
    try {
      wasi = new WASI({ ...wasiOptions(file, guestArgs, options), ...io.stdio });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    modules.set(WASI_MODULE, wasiImports(wasi));
  }
  return {
    resolve: (imp) => modules.get(imp.module)?.get(imp.name),
    wasi,
    setMemory: (m) => {
      memory = m;
    },
  };
}

/** Takes `--NAME VALUE` / `--NAME=VALUE` (or `-o`) out of `args`; the value or undefined. */
function takeOption(args: string[], names: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const eq = args[i].indexOf('=');
    const flag = eq < 0 ? args[i] : args[i].slice(0, eq);
    if (!names.includes(flag)) continue;
    const value = eq < 0 ? args[i + 1] : args[i].slice(eq + 1);
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    args.splice(i, eq < 0 ? 2 : 1);
    return value;
  }
  return undefined;
}

/**
 * `vitrine snapshot [OPTION…] FILE -o OUT [--init NAME]`: instantiate FILE with run's imports
 * (and run's options for a WASI program), run the initializer, write the snapshot to OUT.
 */
function snapshotCommand(argv: readonly string[], io: Output): number {
  const args = [...argv];
  const out = takeOption(args, ['-o', '--output']);
  const init = takeOption(args, ['--init']);
  if (out === undefined) throw new UsageError('snapshot needs an output file: -o FILE.snap');
  let parsed: ReturnType<typeof parseRunOptions>;
  try {
    parsed = parseRunOptions(args);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (parsed.options.invoke !== undefined) throw new UsageError('snapshot takes --init NAME, not --invoke');
  const rest = args.slice(parsed.file);
  if (rest.length !== 1) throw new UsageError(rest.length === 0 ? 'snapshot needs a module file' : `unexpected argument ${rest[1]}`);
  const file = rest[0];
  const { module, snap, bytes } = loadModuleOrSnapshot(file);
  if (snap !== undefined) throw new UsageError(`${file} is already a snapshot`);
  const wasiMode = isWasiProgram(module);
  const { resolve, wasi } = runImports(io, file, wasiMode, [], parsed.options);
  let made: Snapshot;
  try {
    made = snapshot(isText(file, bytes) ? Buffer.from(bytes).toString('utf8') : bytes, { init, imports: resolve, wasi });
  } catch (e) {
    if (!(e instanceof RuntimeError) || e.code === undefined) throw e;
    io.err(`vitrine: ${oneLine(e)}\n${formatBacktrace(e)}`);
    return TRAP_STATUS;
  }
  const saved = made.save();
  try {
    writeFileSync(out, saved);
  } catch (e) {
    throw new UsageError(`cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const extents = made.memories.reduce((n, m) => n + m.extents.length, 0);
  const nonZero = made.memories.reduce((n, m) => n + m.extents.reduce((k, e) => k + e.bytes.length, 0), 0);
  io.out(`${out}: ${saved.length} bytes (${extents} memory extents, ${nonZero} bytes of non-zero memory)\n`);
  return 0;
}

/** Whether a module file is WAT text (see loadModule). */
function isText(file: string, bytes: Uint8Array): boolean {
  return !(file.endsWith('.wasm') || (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d));
}
