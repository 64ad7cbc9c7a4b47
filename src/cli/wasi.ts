/**
 * `vitrine run` for WASI programs, with wasmtime's conventions: the options before the module
 * (`--dir HOST[::GUEST]`, `--env NAME[=VALUE]`, `--tcplisten HOST:PORT`, `--invoke NAME`), the
 * guest's arguments after it, its imports of `wasi_snapshot_preview1` linked with their exact
 * types, and a trap reported as its message plus a Wasm backtrace.
 */

import { basename } from 'node:path';
import { wasmBacktrace } from '../exec/frames.js';
import { hostFunc, type ExternVal, type FuncInst } from '../runtime/index.js';
import { importCounts, type Module } from '../syntax/module.js';
import { SIGNATURES } from '../wasi/preview1.js';
import type { WASI, WASIOptions } from '../wasi/wasi.js';

/** The import module name of WASI preview1. */
export const WASI_MODULE = 'wasi_snapshot_preview1';

export interface RunOptions {
  /** `--dir`: guest path → host directory. */
  readonly preopens: Record<string, string>;
  /** `--env`: the guest's environment. */
  readonly env: Record<string, string>;
  /** `--tcplisten` addresses. */
  readonly tcplisten: string[];
  /** `--invoke`: the export to call instead of `_start`. */
  invoke?: string;
}

/**
 * Parses the options before the module file; returns them and the index of the file in `args`.
 * Options take their value as the next argument or after `=`. Throws an Error (a usage error)
 * for an unknown option or a missing value.
 */
export function parseRunOptions(args: readonly string[]): { options: RunOptions; file: number } {
  const options: RunOptions = { preopens: {}, env: {}, tcplisten: [] };
  let i = 0;
  for (; i < args.length && args[i].startsWith('--'); i++) {
    const eq = args[i].indexOf('=');
    const flag = eq < 0 ? args[i] : args[i].slice(0, eq);
    if (!['--dir', '--env', '--tcplisten', '--invoke'].includes(flag)) throw new Error(`unknown option ${flag}`);
    const value = eq < 0 ? args[++i] : args[i].slice(eq + 1);
    if (value === undefined) throw new Error(`${flag} needs a value`);
    switch (flag) {
      case '--dir': {
        const sep = value.indexOf('::');
        options.preopens[sep < 0 ? value : value.slice(sep + 2)] = sep < 0 ? value : value.slice(0, sep);
        break;
      }
      case '--env': {
        // NAME=VALUE, or NAME alone: the host's value, if it has one (as wasmtime does).
        const sep = value.indexOf('=');
        const name = sep < 0 ? value : value.slice(0, sep);
        const v = sep < 0 ? process.env[name] : value.slice(sep + 1);
        if (v !== undefined) options.env[name] = v;
        break;
      }
      case '--tcplisten': options.tcplisten.push(value); break;
      default: options.invoke = value;
    }
  }
  return { options, file: i };
}

/** Whether `module` imports WASI functions. */
export function importsWasi(module: Module): boolean {
  return module.imports.some((imp) => imp.module === WASI_MODULE);
}

/** Whether `module` is a WASI program: it imports WASI functions or is a command (exports `_start`). */
export function isWasiProgram(module: Module): boolean {
  return importsWasi(module) || module.exports.some((e) => e.name === '_start');
}

/** The WASI options of a run: argv[0] is the module's file name, without its directory (as wasmtime does). */
export function wasiOptions(file: string, guestArgs: readonly string[], options: RunOptions): WASIOptions {
  return {
    version: 'preview1',
    args: [basename(file), ...guestArgs],
    env: options.env,
    preopens: options.preopens,
    tcplisten: options.tcplisten,
  };
}

/**
 * The imports of `wasi_snapshot_preview1` as host functions of their exact core types, so a
 * module that declares one with another type fails to link ("incompatible import type") and one
 * importing a function preview1 does not have gets "unknown import".
 */
export function wasiImports(wasi: WASI): Map<string, ExternVal> {
  const externs = new Map<string, ExternVal>();
  for (const [name, [params, results]] of Object.entries(SIGNATURES)) {
    const fn = wasi.wasiImport[name];
    const type = { kind: 'func', params: [...params], results: [...results] } as const;
    externs.set(name, {
      kind: 'func',
      value: hostFunc(type, (args) => {
        const r = fn(...(args as (number | bigint)[]));
        return r === undefined ? [] : [r];
      }, name),
    });
  }
  return externs;
}

/** A function's name for a backtrace: from the name section, else `<wasm function N>`. */
function functionName(f: FuncInst): string {
  if (f.instance === null) return f.name ?? '<host function>';
  const module = f.instance.module;
  const idx = importCounts(module).funcs + f.defIdx;
  return module.names?.funcs.get(idx) ?? `<wasm function ${idx}>`;
}

/** `wasm backtrace:` and one line per active function, innermost first — or nothing if none was recorded. */
export function formatBacktrace(e: unknown): string {
  const frames = wasmBacktrace(e);
  if (frames.length === 0) return '';
  return `wasm backtrace:\n${frames.map((f, i) => `  ${String(i).padStart(4)}: ${functionName(f)}\n`).join('')}`;
}
