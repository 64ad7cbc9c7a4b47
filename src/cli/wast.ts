/**
 * The WAST script runner — executes the official test suite's scripts (text/script.ts) with the
 * semantics of the reference interpreter (WebAssembly/spec interpreter/README.md, "Scripts"):
 * a registry of named instances (`register`), the current module, `spectest` predefined, imports
 * resolved by registered name.
 *
 * It drives the internal pipeline directly — parseWat / decodeModule, validateModule, the
 * runtime's instantiate and invoke — with raw values, never the JS API, so NaN payloads and
 * exact bits survive (see RATIONALE, "API and tools").
 *
 * Every command is one check: `passed`, `failed` (with a short reason) or `skipped` (a feature
 * that is out of scope). A command that crashes is a failed check; the script goes on.
 */

import { decodeModule } from '../binary/decode.js';
import { CompileError, LinkError, RuntimeError } from '../errors.js';
import {
  FuncInst, instantiate, invoke, spectest, type ExternVal, type ModuleInstance, type RawValue,
} from '../runtime/index.js';
import { wasm2, type Features } from '../syntax/features.js';
import type { Module } from '../syntax/module.js';
import type { ValType } from '../syntax/types.js';
import { TextError } from '../text/lexer.js';
import type { Action, Command, Const, Expected, FloatPattern, Script, ScriptModule } from '../text/script.js';
import { parseWast } from '../text/wast.js';
import { parseWat } from '../text/wat.js';
import { validateModule } from '../valid/module.js';
import { F32, F64, formatValue, HostRef, type FloatFormat } from './values.js';

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface Check {
  readonly line: number;
  /** The command's kind (`assert_return`, `module`, …), or `script` for a script that does not parse. */
  readonly command: string;
  readonly status: CheckStatus;
  /** Why it failed or was skipped. */
  readonly reason?: string;
}

export interface WastOptions {
  /** Proposals the front ends accept (default: WebAssembly 2.0). */
  readonly features?: Features;
  /** Where `spectest.print*` write (default: nowhere). */
  readonly print?: (line: string) => void;
}

export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

/** Parses and runs a WAST script. A script that does not parse is one failed check. */
export function runWast(source: string, options: WastOptions = {}): Check[] {
  let script: Script;
  try {
    script = parseWast(source);
  } catch (e) {
    const line = e instanceof TextError ? e.line : 0;
    return [{ line, command: 'script', status: 'failed', reason: `the script does not parse: ${describe(e)}` }];
  }
  return runScript(script, options);
}

/** Runs a parsed script: one check per command, in order. */
export function runScript(script: Script, options: WastOptions = {}): Check[] {
  const runner = new Runner(options.features ?? wasm2, options.print ?? (() => {}));
  return script.commands.map((cmd) => runner.check(cmd));
}

export function tally(checks: readonly Check[]): Tally {
  const t: Tally = { passed: 0, failed: 0, skipped: 0 };
  for (const c of checks) t[c.status]++;
  return t;
}

/** A check's failure: thrown inside the runner, turned into a `failed` check. */
class Failure extends Error {}

/** A check that does not apply: thrown inside the runner, turned into a `skipped` check. */
class Skip extends Error {}

function fail(reason: string): never {
  throw new Failure(reason);
}

/** An error as a short reason: typed errors by name and message, anything else with its origin. */
function describe(e: unknown): string {
  if (e instanceof TextError) return `${e.name}: ${e.describe()}`;
  if (e instanceof CompileError || e instanceof LinkError || e instanceof RuntimeError) return `${e.name}: ${e.message}`;
  if (e instanceof Error) {
    const at = e.stack?.split('\n').find((l) => l.trim().startsWith('at '))?.trim();
    return `crash: ${e.name}: ${e.message}${at ? ` (${at})` : ''}`;
  }
  return `crash: ${String(e)}`;
}

/** The reference interpreter's assert_message: the error message must start with the expected text. */
function expectMessage(e: Error, expected: string, what: string): void {
  if (!e.message.startsWith(expected)) fail(`wrong ${what}: expected "${expected}", got "${e.message}"`);
}

interface Results {
  readonly values: RawValue[];
  readonly types: readonly ValType[];
}

class Runner {
  /** Registered instances' exports, by the name modules import them under. */
  private readonly registry = new Map<string, ReadonlyMap<string, ExternVal>>();
  /** Instances by script identifier (`$M`). */
  private readonly instances = new Map<string, ModuleInstance>();
  /** 3.0 module definitions by identifier. */
  private readonly definitions = new Map<string, Module>();
  private lastDefinition: Module | undefined;
  /** The most recent module; undefined once a module command failed. */
  private current: ModuleInstance | undefined;
  private readonly hostRefs = new Map<number, HostRef>();

  constructor(private readonly features: Features, print: (line: string) => void) {
    this.registry.set('spectest', spectest(print));
  }

  check(cmd: Command): Check {
    try {
      this.execute(cmd);
      return { line: cmd.line, command: cmd.kind, status: 'passed' };
    } catch (e) {
      if (e instanceof Skip) return { line: cmd.line, command: cmd.kind, status: 'skipped', reason: e.message };
      const reason = e instanceof Failure ? e.message : `unexpected ${describe(e)}`;
      return { line: cmd.line, command: cmd.kind, status: 'failed', reason };
    }
  }

  private execute(cmd: Command): void {
    switch (cmd.kind) {
      case 'module': {
        this.current = undefined;
        const inst = this.instantiate(this.load(cmd.module));
        this.current = inst;
        if (cmd.module.id !== undefined) this.instances.set(cmd.module.id, inst);
        return;
      }
      case 'module_definition': {
        const m = this.load(cmd.module);
        this.lastDefinition = m;
        if (cmd.module.id !== undefined) this.definitions.set(cmd.module.id, m);
        return;
      }
      case 'module_instance': {
        this.current = undefined;
        const def = cmd.definition === undefined ? this.lastDefinition : this.definitions.get(cmd.definition);
        if (def === undefined) fail(`no module definition ${cmd.definition ?? ''}`.trim());
        const inst = this.instantiate(def);
        this.current = inst;
        if (cmd.instance !== undefined) this.instances.set(cmd.instance, inst);
        return;
      }
      case 'register':
        this.registry.set(cmd.name, this.instance(cmd.module).exports);
        return;
      case 'action':
        this.perform(cmd.action);
        return;
      case 'assert_return': {
        const got = this.perform(cmd.action);
        this.expectResults(got, cmd.expected);
        return;
      }
      case 'assert_trap':
      case 'assert_exhaustion':
        this.expectTrap(() => this.perform(cmd.action), cmd.message);
        return;
      case 'assert_trap_module':
      case 'assert_uninstantiable': {
        const m = this.load(cmd.module);
        this.expectTrap(() => this.link(m), cmd.message);
        return;
      }
      case 'assert_exception':
        throw new Skip('exception handling is not implemented yet');
      case 'assert_malformed':
        this.expectMalformed(cmd.module, cmd.message);
        return;
      case 'assert_invalid':
        this.expectInvalid(cmd.module, cmd.message);
        return;
      case 'assert_unlinkable': {
        const m = this.load(cmd.module);
        try {
          this.link(m);
        } catch (e) {
          if (e instanceof LinkError) return expectMessage(e, cmd.message, 'link error');
          fail(`expected a link error "${cmd.message}", got ${describe(e)}`);
        }
        fail(`expected a link error "${cmd.message}", but the module instantiated`);
      }
    }
  }

  // ---- Modules ---------------------------------------------------------------------------------

  /** Parses (text, quote) or decodes (binary) a script module; CompileError when malformed. */
  private parse(sm: ScriptModule): Module {
    switch (sm.kind) {
      case 'text': return parseWat(sm.source, this.features);
      case 'quote': return parseWat(sm.text, this.features);
      case 'binary': return decodeModule(sm.bytes, this.features);
    }
  }

  /** A module that must be well-formed and valid. */
  private load(sm: ScriptModule): Module {
    let m: Module;
    try {
      m = this.parse(sm);
    } catch (e) {
      fail(`the module is malformed: ${describe(e)}`);
    }
    try {
      validateModule(m, this.features);
    } catch (e) {
      fail(`the module is invalid: ${describe(e)}`);
    }
    return m;
  }

  private link(m: Module): ModuleInstance {
    return instantiate(m, (imp) => this.registry.get(imp.module)?.get(imp.name));
  }

  /** Instantiation that must succeed. */
  private instantiate(m: Module): ModuleInstance {
    try {
      return this.link(m);
    } catch (e) {
      fail(`instantiation failed: ${describe(e)}`);
    }
  }

  private instance(id: string | undefined): ModuleInstance {
    if (id === undefined) return this.current ?? fail('no current module (the last module command failed)');
    return this.instances.get(id) ?? fail(`no module ${id}`);
  }

  private expectMalformed(sm: ScriptModule, message: string): void {
    let m: Module;
    try {
      m = this.parse(sm);
    } catch (e) {
      if (e instanceof CompileError) return expectMessage(e, message, 'malformed-module error');
      fail(`expected a malformed module "${message}", got ${describe(e)}`);
    }
    try {
      validateModule(m, this.features);
    } catch (e) {
      fail(`expected a malformed module "${message}", but it is well-formed (and invalid: ${describe(e)})`);
    }
    fail(`expected a malformed module "${message}", but it is well-formed and valid`);
  }

  private expectInvalid(sm: ScriptModule, message: string): void {
    let m: Module;
    try {
      m = this.parse(sm);
    } catch (e) {
      fail(`expected an invalid module "${message}", but it is malformed: ${describe(e)}`);
    }
    try {
      validateModule(m, this.features);
    } catch (e) {
      if (e instanceof CompileError) return expectMessage(e, message, 'validation error');
      fail(`expected an invalid module "${message}", got ${describe(e)}`);
    }
    fail(`expected an invalid module "${message}", but it is valid`);
  }

  // ---- Actions ---------------------------------------------------------------------------------

  private perform(action: Action): Results {
    const inst = this.instance(action.module);
    const ext = inst.exports.get(action.name) ?? fail(`no export "${action.name}"`);
    if (action.kind === 'get') {
      if (ext.kind !== 'global') fail(`export "${action.name}" is a ${ext.kind}, not a global`);
      return { values: [ext.value.value], types: [ext.value.type.type] };
    }
    if (ext.kind !== 'func') fail(`export "${action.name}" is a ${ext.kind}, not a function`);
    const { params, results } = ext.value.type;
    if (action.args.length !== params.length) {
      fail(`"${action.name}" takes ${params.length} arguments, the script passes ${action.args.length}`);
    }
    return { values: invoke(ext.value, action.args.map((c) => this.constValue(c))), types: results };
  }

  /** The run must end in a RuntimeError whose message starts with `message`. */
  private expectTrap(run: () => unknown, message: string): void {
    try {
      run();
    } catch (e) {
      if (e instanceof RuntimeError) return expectMessage(e, message, 'trap');
      fail(`expected a trap "${message}", got ${describe(e)}`);
    }
    fail(`expected a trap "${message}", but it completed`);
  }

  private constValue(c: Const): RawValue {
    switch (c.type) {
      case 'i32': case 'i64': return c.value;
      case 'f32': case 'f64': return c.bits;
      case 'v128': return c.bytes;
      case 'ref.null': return null;
      case 'ref.extern': case 'ref.host': return this.hostRef(c.value);
    }
  }

  private hostRef(n: number): HostRef {
    let r = this.hostRefs.get(n);
    if (r === undefined) this.hostRefs.set(n, r = new HostRef(n));
    return r;
  }

  private expectResults(got: Results, expected: readonly Expected[]): void {
    if (got.values.length !== expected.length) {
      fail(`expected ${expected.length} results, got ${got.values.length}: ${formatResults(got)}`);
    }
    expected.forEach((e, i) => {
      if (!matches(got.values[i], e, (n) => this.hostRef(n))) {
        const which = expected.length > 1 ? `result ${i}: ` : '';
        fail(`${which}expected ${formatExpected(e)}, got ${formatTyped(got.values[i], got.types[i])}`);
      }
    });
  }
}

/**
 * Does a raw result match an expected value or pattern (exact bits for floats)? `hostRef` gives
 * the script's host reference N.
 */
export function matches(v: RawValue, e: Expected, hostRef: (n: number) => HostRef): boolean {
  switch (e.type) {
    case 'i32': case 'i64': return v === e.value;
    case 'f32':
      return 'nan' in e ? nanMatches(BigInt.asUintN(32, BigInt(v as number)), e.nan, F32) : v === e.bits;
    case 'f64':
      return 'nan' in e ? nanMatches(BigInt.asUintN(64, v as bigint), e.nan, F64) : v === e.bits;
    case 'v128':
      if (!(v instanceof Uint8Array)) return false;
      return 'bytes' in e ? v.every((b, i) => b === e.bytes[i]) : lanesMatch(v, e.shape, e.lanes);
    case 'ref.null': case 'null': return v === null;
    case 'ref.extern': case 'ref.host': return v === hostRef(e.value);
    case 'ref':
      switch (e.heap) {
        case 'func': return v instanceof FuncInst;
        case 'extern': case 'any': return v !== null;
        default: return fail(`cannot check (ref.${e.heap}) results yet`);
      }
    case 'either': return e.options.some((o) => matches(v, o, hostRef));
  }
}

// ---- Float and lane patterns -------------------------------------------------------------------

/**
 * spec §4.3.3: a canonical NaN has only the top mantissa bit set (either sign); an arithmetic
 * NaN has at least that bit set.
 */
function nanMatches(bits: bigint, kind: 'canonical' | 'arithmetic', fmt: FloatFormat): boolean {
  const m = BigInt(fmt.mantissa);
  const exponentMask = ((1n << BigInt(fmt.width - 1 - fmt.mantissa)) - 1n) << m;
  const quiet = 1n << (m - 1n);
  if ((bits & exponentMask) !== exponentMask) return false;
  const payload = bits & ((1n << m) - 1n);
  return kind === 'canonical' ? payload === quiet : (payload & quiet) !== 0n;
}

/** Per-lane comparison of a v128 result, e.g. `(v128.const f32x4 nan:canonical 1.0 …)`. */
function lanesMatch(bytes: Uint8Array, shape: string, lanes: readonly (number | bigint | FloatPattern)[]): boolean {
  const width = Number(shape.slice(1, shape.indexOf('x')));
  const fmt = shape[0] === 'f' ? (width === 32 ? F32 : F64) : undefined;
  const n = 128 / width;
  for (let i = 0; i < n; i++) {
    let lane = 0n;
    for (let b = width / 8 - 1; b >= 0; b--) lane = (lane << 8n) | BigInt(bytes[i * width / 8 + b]);
    const e = lanes[i];
    if (typeof e === 'object') {
      if (e.kind === 'nan') {
        if (fmt === undefined || !nanMatches(lane, e.nan, fmt)) return false;
      } else if (lane !== BigInt.asUintN(width, BigInt(e.bits))) {
        return false;
      }
    } else if (lane !== BigInt.asUintN(width, BigInt(e))) {
      return false;
    }
  }
  return true;
}

// ---- Messages ----------------------------------------------------------------------------------

function formatResults(r: Results): string {
  return r.values.length === 0 ? 'nothing' : r.values.map((v, i) => formatTyped(v, r.types[i])).join(', ');
}

/** A value with its type in front, the way the expected values are written: `f32 nan:0x200000`. */
function formatTyped(v: RawValue, t: ValType): string {
  return typeof t === 'string' ? `${t} ${formatValue(v, t)}` : formatValue(v, t);
}

function formatExpected(e: Expected): string {
  switch (e.type) {
    case 'i32': case 'i64': return `${e.type} ${e.value}`;
    case 'f32': return 'nan' in e ? `f32 nan:${e.nan}` : `f32 ${formatValue(e.bits, 'f32')}`;
    case 'f64': return 'nan' in e ? `f64 nan:${e.nan}` : `f64 ${formatValue(e.bits, 'f64')}`;
    case 'v128':
      if ('bytes' in e) return `v128 ${formatValue(e.bytes, 'v128')}`;
      return `v128 ${e.shape} ${e.lanes.map((l) => typeof l !== 'object' ? String(l) : l.kind === 'nan' ? `nan:${l.nan}` : String(l.bits)).join(' ')}`;
    case 'ref.null': case 'null': return 'ref.null';
    case 'ref.extern': case 'ref.host': return `ref.extern ${e.value}`;
    case 'ref': return `(ref.${e.heap})`;
    case 'either': return `either(${e.options.map(formatExpected).join(' | ')})`;
  }
}
