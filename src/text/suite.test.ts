/**
 * End to end over the official suites (../shared/testsuite beside the repository, or
 * $VITRINE_TESTSUITE and $VITRINE_TESTSUITE3): every script parses; every text
 * module not expected to be malformed parses; every malformed text module fails with a
 * CompileError whose message starts with the suite's expected text.
 *
 * The 2.0 suite, SIMD included, is the milestone. The 3.0 suite runs with 3.0 features, skipping
 * the directory whose instructions the opcode table does not have yet (gc/); its simd/ and
 * relaxed-simd/ are checked.
 *
 * Constant functions (a body of one `t.const`, possibly reinterpreted) are also checked against
 * their `assert_return`s, which exercises the float rounding on const.wast and float_literals.wast.
 *
 * Every parsed 2.0 module must also survive `decodeModule(encodeModule(m))` (src/binary)
 * unchanged: the text and binary front ends agree on the shared Module structure.
 */

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeModule } from '../binary/decode.js';
import { encodeModule } from '../binary/encode.js';
import { withoutOps } from '../binary/fixtures.test.js';
import { CompileError } from '../errors.js';
import { wasm2, wasm3, type Features } from '../syntax/features.js';
import type { Module } from '../syntax/module.js';
import { Op } from '../syntax/opcodes.js';
import type { Command, Expected } from './script.js';
import { parseWast } from './wast.js';
import { parseWat } from './wat.js';
import { suiteDirByName } from '../../spec-tests/suite.js';

function wastFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...wastFiles(path));
    else if (name.endsWith('.wast')) out.push(path);
  }
  return out;
}

interface Parsed {
  readonly file: string;
  /** Whether the script's modules are checked (their instructions are in the opcode table). */
  readonly checked: boolean;
  readonly commands: readonly Command[];
}

function loadSuite(version: string, unsupported?: RegExp): Parsed[] {
  const dir = suiteDirByName(version);
  if (!existsSync(dir)) {
    console.log(`  (note: ${dir} not found; its tests are skipped)`);
    return [];
  }
  return wastFiles(dir).map((file) => ({
    file, checked: !unsupported?.test(file), commands: parseWast(readFileSync(file, 'utf8')).commands,
  }));
}

const suite2 = loadSuite('wasm-2.0');
const suite3 = loadSuite('wasm-3.0', /\/gc\//);

test('every script of both suites parses, SIMD and GC ones included', () => {
  for (const [name, scripts] of [['2.0', suite2], ['3.0', suite3]] as const) {
    if (scripts.length === 0) continue;
    const n = scripts.reduce((k, s) => k + s.commands.length, 0);
    console.log(`  ${name}: ${scripts.length} scripts, ${n} commands`);
    assert.ok(scripts.length >= 90);
  }
});

/** Each text module of the checked 2.0 scripts, parsed. */
const parsedModules: { where: string; module: Module }[] = [];

function checkModules(name: string, scripts: Parsed[], features: Features, keep: boolean): void {
  let parsed = 0;
  let malformed = 0;
  const failures: string[] = [];
  for (const { file, checked, commands } of scripts) {
    if (!checked) continue;
    for (const cmd of commands) {
      if (!('module' in cmd) || typeof cmd.module !== 'object' || cmd.module.kind === 'binary') continue;
      const text = cmd.module.kind === 'text' ? cmd.module.source : cmd.module.text;
      const where = `${file}:${cmd.line}`;
      if (cmd.kind === 'assert_malformed') {
        try {
          parseWat(text, features);
          failures.push(`${where}: parsed, expected "${cmd.message}"`);
        } catch (e) {
          if (e instanceof CompileError && e.message.startsWith(cmd.message)) malformed++;
          else failures.push(`${where}: "${(e as Error).message}", expected "${cmd.message}"`);
        }
      } else {
        try {
          const module = parseWat(text, features);
          if (keep) parsedModules.push({ where, module });
          parsed++;
        } catch (e) {
          failures.push(`${where}: ${(e as Error).message}`);
        }
      }
    }
  }
  console.log(`  ${name}: ${parsed} modules parsed, ${malformed} malformed modules rejected as expected`);
  assert.equal(failures, []);
}

test('2.0: text modules parse; malformed ones fail with the expected message', () => {
  checkModules('2.0', suite2, wasm2, true);
  if (suite2.length > 0) assert.ok(parsedModules.length > 2500);
});

test('3.0 (outside gc/): the same, with 3.0 features', () => {
  checkModules('3.0', suite3, wasm3, false);
});

/** Raw bits of a constant-function result as the suite states it. */
function expectedBits(e: Expected): number | bigint | undefined {
  switch (e.type) {
    case 'i32': case 'i64': return e.value;
    case 'f32': case 'f64': return 'bits' in e ? e.bits : undefined;
    default: return undefined;
  }
}

/** The value a body consisting of just a constant (optionally reinterpreted) returns. */
function constantBody(m: Module, exportName: string): number | bigint | undefined {
  const exp = m.exports.find((x) => x.name === exportName && x.kind === 'func');
  if (!exp) return undefined;
  const imported = m.imports.filter((i) => i.desc.kind === 'func').length;
  const body = m.funcs[exp.idx - imported]?.body;
  if (!body || body.length < 1 || body.length > 2) return undefined;
  const [c, r] = body;
  if (![Op.i32_const, Op.i64_const, Op.f32_const, Op.f64_const].includes(c.op)) return undefined;
  if (r && r.op !== Op.i32_reinterpret_f32 && r.op !== Op.i64_reinterpret_f64) return undefined;
  return c.value;
}

test('constant functions return what their assertions expect (literal conversion)', () => {
  let checked = 0;
  const failures: string[] = [];
  for (const { file, checked: supported, commands } of suite2) {
    if (!supported) continue;
    let current: Module | undefined;
    for (const cmd of commands) {
      if (cmd.kind === 'module') {
        current = cmd.module.kind === 'binary' ? undefined
          : parseWat(cmd.module.kind === 'text' ? cmd.module.source : cmd.module.text, wasm2);
      } else if (cmd.kind === 'assert_return' && current && cmd.action.kind === 'invoke' && !cmd.action.module &&
          cmd.action.args.length === 0 && cmd.expected.length === 1) {
        const got = constantBody(current, cmd.action.name);
        const want = expectedBits(cmd.expected[0]);
        if (got === undefined || want === undefined) continue;
        checked++;
        if (got !== want) failures.push(`${file}:${cmd.line}: ${String(got)} !== ${String(want)}`);
      }
    }
  }
  console.log(`  ${checked} constant results checked`);
  assert.equal(failures, []);
  if (suite2.length > 0) assert.ok(checked > 300);
});

test('2.0 modules round-trip through the binary encoder and decoder unchanged', () => {
  const failures: string[] = [];
  for (const { where, module } of parsedModules) {
    try {
      const back = decodeModule(encodeModule(module, wasm2), wasm2);
      // Function identifiers travel as a name section, which the decoder also lists as a custom one.
      back.customs = back.customs.filter((c) => c.name !== 'name');
      assert.equal(withoutOps(back), module);
    } catch (e) {
      failures.push(`${where}: ${(e as Error).message}`);
    }
  }
  console.log(`  ${parsedModules.length - failures.length} of ${parsedModules.length} modules round-trip through the binary format`);
  assert.equal(failures.slice(0, 20), []);
});

test.run();
