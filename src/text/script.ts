/**
 * The WAST script language (the official test suite's format; spec interpreter's README,
 * "Scripts"): the abstract syntax the WAST parser (text/wast.ts) produces and the script runner
 * (spec-tests/, cli `vitrine wast`) executes.
 *
 * Text modules are kept as their source text and parsed by the runner when the command executes,
 * so a module that fails to parse fails that one command (as `assert_malformed` expects), not the
 * whole script.
 */

import type { HeapType } from '../syntax/types.js';

/** Module identifiers (`id`, an action's or register's `module`) are spelled with their `$`. */
export type ScriptModule =
  /** `(module $id? …)`: `source` is the whole s-expression text, `(module` … `)`. */
  | { readonly kind: 'text'; readonly id?: string; readonly source: string }
  /** `(module $id? binary "…"*)`: the concatenated bytes. */
  | { readonly kind: 'binary'; readonly id?: string; readonly bytes: Uint8Array }
  /** `(module $id? quote "…"*)`: the concatenated strings, to be parsed as a module's text. */
  | { readonly kind: 'quote'; readonly id?: string; readonly text: string };

/** An argument or an exact expected value. Floats carry raw bits so NaN payloads survive. */
export type Const =
  | { readonly type: 'i32'; readonly value: number }          // int32
  | { readonly type: 'i64'; readonly value: bigint }          // signed 64-bit
  | { readonly type: 'f32'; readonly bits: number }           // raw bits, as int32
  | { readonly type: 'f64'; readonly bits: bigint }           // raw bits, as signed 64-bit
  | { readonly type: 'v128'; readonly bytes: Uint8Array }     // 16 bytes, little-endian lanes
  | { readonly type: 'ref.null'; readonly heap: HeapType }
  | { readonly type: 'ref.extern'; readonly value: number }   // (ref.extern N): host reference N
  | { readonly type: 'ref.host'; readonly value: number };    // legacy spelling of ref.extern

/** One lane (or a whole float) of an expected result. */
export type FloatPattern =
  | { readonly kind: 'bits'; readonly bits: number | bigint }
  | { readonly kind: 'nan'; readonly nan: 'canonical' | 'arithmetic' };

/** An expected result of `assert_return`. */
export type Expected =
  | Const
  | { readonly type: 'f32' | 'f64'; readonly nan: 'canonical' | 'arithmetic' }
  /** v128 with per-lane patterns, e.g. `(v128.const f32x4 nan:canonical 1.0 …)`. */
  | { readonly type: 'v128'; readonly shape: string; readonly lanes: readonly (number | bigint | FloatPattern)[] }
  /** `(ref.func)`, `(ref.extern)`, `(ref.any)`, `(ref.struct)` … with no operand: any non-null ref of that kind. */
  | { readonly type: 'ref'; readonly heap: string }
  /** 3.0 `(ref.null)` with no heap type: any null reference. */
  | { readonly type: 'null' }
  /** `(either r1 r2 …)`: any one of the alternatives. */
  | { readonly type: 'either'; readonly options: readonly Expected[] };

export type Action =
  | { readonly kind: 'invoke'; readonly module?: string; readonly name: string; readonly args: readonly Const[] }
  | { readonly kind: 'get'; readonly module?: string; readonly name: string };

export type Command = { readonly line: number } & (
  | { readonly kind: 'module'; readonly module: ScriptModule }
  /** 3.0: `(module definition $id? …)` defines without instantiating. */
  | { readonly kind: 'module_definition'; readonly module: ScriptModule }
  /** 3.0: `(module instance $inst? $def?)` instantiates a definition. */
  | { readonly kind: 'module_instance'; readonly instance?: string; readonly definition?: string }
  | { readonly kind: 'register'; readonly name: string; readonly module?: string }
  | { readonly kind: 'action'; readonly action: Action }
  | { readonly kind: 'assert_return'; readonly action: Action; readonly expected: readonly Expected[] }
  | { readonly kind: 'assert_trap'; readonly action: Action; readonly message: string }
  | { readonly kind: 'assert_trap_module'; readonly module: ScriptModule; readonly message: string }
  | { readonly kind: 'assert_exhaustion'; readonly action: Action; readonly message: string }
  | { readonly kind: 'assert_exception'; readonly action: Action }
  | { readonly kind: 'assert_malformed'; readonly module: ScriptModule; readonly message: string }
  | { readonly kind: 'assert_invalid'; readonly module: ScriptModule; readonly message: string }
  | { readonly kind: 'assert_unlinkable'; readonly module: ScriptModule; readonly message: string }
  | { readonly kind: 'assert_uninstantiable'; readonly module: ScriptModule; readonly message: string }
);

export interface Script {
  readonly commands: readonly Command[];
}
