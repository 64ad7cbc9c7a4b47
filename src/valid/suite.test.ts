/**
 * End to end over the official 2.0 suite (../shared/testsuite/wasm-2.0 beside the repository, or
 * $VITRINE_TESTSUITE; with its simd/) and the
 * SIMD folders of the 3.0 suite (simd/, relaxed-simd/, with 3.0 features): every `assert_invalid`
 * module must fail validation with a CompileError whose message starts with the suite's text, and
 * every plain `module` must validate. Text modules are read with the text
 * parser, binary ones with the binary decoder. A module the front end cannot read is counted as
 * "not checked" (the front end's bug, reported by its own tests).
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeModule } from '../binary/decode.js';
import { CompileError } from '../errors.js';
import { wasm2, wasm3, type Features } from '../syntax/features.js';
import type { Module } from '../syntax/module.js';
import type { ScriptModule } from '../text/script.js';
import { parseWast } from '../text/wast.js';
import { parseWat } from '../text/wat.js';
import { validateModule } from './module.js';
import { suiteDirByName } from '../../spec-tests/suite.js';

const suite2 = suiteDirByName('wasm-2.0'), suite3 = suiteDirByName('wasm-3.0');

/** The folders checked: [name in reports, folder, features]. */
const folders: readonly (readonly [string, string, Features])[] = [
  ['wasm-2.0', suite2, wasm2], ['wasm-2.0/simd', join(suite2, 'simd'), wasm2],
  ['wasm-3.0/simd', join(suite3, 'simd'), wasm3], ['wasm-3.0/relaxed-simd', join(suite3, 'relaxed-simd'), wasm3],
];

/** The suite's valid modules, for the corruption test. */
const validModules: Module[] = [];

test('the 2.0 suite and the 3.0 SIMD: assert_invalid modules fail as expected, plain modules validate', () => {
  if (!existsSync(suite2)) {
    console.log(`  (note: ${suite2} not found; suite test skipped)`);
    return;
  }
  const read = (m: ScriptModule, features: Features): Module | undefined => {
    try {
      if (m.kind === 'binary') return decodeModule(m.bytes, features);
      return parseWat(m.kind === 'text' ? m.source : m.text, features);
    } catch {
      return undefined;
    }
  };

  const counts = { invalid: 0, valid: 0, notCheckedText: 0, notCheckedBinary: 0 };
  const failures: string[] = [];
  const files = folders.flatMap(([name, dir, features]) => {
    if (!existsSync(dir)) return [];
    return readdirSync(dir).filter((f) => f.endsWith('.wast')).sort().map((f) => ({ file: `${name}/${f}`, path: join(dir, f), features }));
  });
  for (const { file, path, features } of files) {
    const script = parseWast(readFileSync(path, 'utf8'));
    for (const cmd of script.commands) {
      if (cmd.kind !== 'assert_invalid' && cmd.kind !== 'module') continue;
      const where = `${file}:${cmd.line}`;
      const m = read(cmd.module, features);
      if (m === undefined) {
        if (cmd.module.kind === 'binary') counts.notCheckedBinary++;
        else counts.notCheckedText++;
        continue;
      }
      try {
        validateModule(m, features);
        if (cmd.kind === 'module') {
          counts.valid++;
          validModules.push(m);
        } else failures.push(`${where}: validated, expected "${cmd.message}"`);
      } catch (e) {
        if (cmd.kind === 'module') failures.push(`${where}: valid module rejected: ${(e as Error).message}`);
        else if (e instanceof CompileError && e.message.startsWith(cmd.message)) counts.invalid++;
        else failures.push(`${where}: "${(e as Error).message}", expected "${cmd.message}"`);
      }
    }
  }
  console.log(`  ${files.length} scripts: ${counts.invalid} invalid modules rejected as expected, ${counts.valid} modules valid;`
    + ` not checked (the front end failed): ${counts.notCheckedText} text, ${counts.notCheckedBinary} binary`);
  assert.equal(failures, []);
  assert.ok(counts.invalid > 1000 && counts.valid > 1000, 'the suite was actually checked');
});

/**
 * Overwrites about one number in 40 anywhere in `node` (indices, immediates, limits, …) with an
 * awkward value, deterministically.
 */
function corrupt(node: unknown, next: () => number): void {
  if (node === null || typeof node !== 'object' || node instanceof Uint8Array) return;
  const awkward = [-1, 0, 1, 2, 7, 2 ** 32, 1e9, 0.5, NaN];
  const obj = node as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (typeof v === 'number' && next() % 40 === 0) obj[key] = awkward[next() % awkward.length];
    else corrupt(v, next);
  }
}

test('corrupted indices give a CompileError, never a stray exception', () => {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  let rejected = 0;
  const stray: string[] = [];
  for (const original of validModules) {
    // A copy: decoded modules share immutable instruction objects (binary/instructions.ts).
    const m = structuredClone(original);
    corrupt(m, next);
    for (const features of [wasm2, wasm3]) {
      try {
        validateModule(m, features);
      } catch (e) {
        if (e instanceof CompileError) rejected++;
        else stray.push(String((e as Error).stack));
      }
    }
  }
  assert.equal(stray.slice(0, 3), []);
  if (validModules.length > 0) assert.ok(rejected > validModules.length / 2, `only ${rejected} corrupted modules rejected`);
});

test.run();
