/**
 * Differential validation against the host engine.
 *
 *   node dist/spec-tests/differential.js [--suite DIR]
 *
 * For every module of the suite — binary modules as given, text and quote modules parsed and then
 * encoded (binary/encode.ts) — Vitrine's verdict (decode + validate) must equal the host's
 * `WebAssembly.validate(bytes)`. Quote modules that do not parse have no bytes to compare and are
 * only counted. Without a host `WebAssembly` (e.g. under `node --jitless`) the test is skipped.
 *
 *
 * The last line is always `N passed, N failed, N skipped`; exit status 1 on any mismatch.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModule } from '../src/binary/decode.js';
import { encodeModule } from '../src/binary/encode.js';
import { CompileError } from '../src/errors.js';
import { wasm2 } from '../src/syntax/features.js';
import type { ScriptModule } from '../src/text/script.js';
import { parseWast } from '../src/text/wast.js';
import { parseWat } from '../src/text/wat.js';
import { validateModule } from '../src/valid/module.js';
import { listSuite, missingSuite, parseArgs, suiteDir } from './suite.js';

interface HostWebAssembly {
  validate(bytes: Uint8Array): boolean;
}

/** A module's verdict: accepted, or rejected with the reason. */
type Verdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

function main(argv: readonly string[]): number {
  let args;
  try {
    args = parseArgs(argv, ['--suite'], []);
  } catch (e) {
    console.error(`differential: ${(e as Error).message}`);
    return 2;
  }
  const host = (globalThis as { WebAssembly?: HostWebAssembly }).WebAssembly;
  if (host === undefined) {
    console.log('Differential test skipped: this engine has no WebAssembly global to compare with.');
    console.log('0 passed, 0 failed, 1 skipped');
    return 0;
  }
  const dir = suiteDir(args.options.get('--suite') as string | undefined);
  const missing = missingSuite(dir);
  if (missing !== undefined) {
    console.error(missing);
    console.log('0 passed, 1 failed, 0 skipped');
    return 2;
  }

  let passed = 0, unparsed = 0;
  const mismatches: string[] = [];
  const files = listSuite(dir).run;
  for (const file of files) {
    const script = parseWast(readFileSync(join(dir, file), 'utf8'));
    for (const cmd of script.commands) {
      if (!('module' in cmd) || typeof cmd.module !== 'object') continue;
      const where = `${file}:${cmd.line}`;
      let bytes: Uint8Array | undefined;
      let ours: Verdict;
      try {
        bytes = moduleBytes(cmd.module);
        if (bytes === undefined) {
          unparsed++;
          continue;
        }
        ours = verdict(bytes);
      } catch (e) {
        mismatches.push(`${where}: crash: ${(e as Error).name}: ${(e as Error).message}`);
        continue;
      }
      const theirs = host.validate(bytes);
      if (ours.ok === theirs) {
        passed++;
      } else {
        mismatches.push(`${where}: Vitrine ${ours.ok ? 'accepts' : `rejects (${ours.reason})`}, the host ${theirs ? 'accepts' : 'rejects'}`);
      }
    }
  }

  console.log(`Differential validation against the host engine over ${files.length} files of ${dir}:`);
  console.log(`  ${passed} modules agree; ${unparsed} text modules do not parse (nothing to compare)`);
  if (mismatches.length > 0) {
    console.log(`Mismatches (${mismatches.length}):`);
    for (const m of mismatches) console.log(`  ${m}`);
  }
  console.log(`${passed} passed, ${mismatches.length} failed, 0 skipped`);
  return mismatches.length === 0 ? 0 : 1;
}

/** The binary of a script module; undefined for text that does not parse. */
function moduleBytes(sm: ScriptModule): Uint8Array | undefined {
  if (sm.kind === 'binary') return sm.bytes;
  let m;
  try {
    m = parseWat(sm.kind === 'text' ? sm.source : sm.text, wasm2);
  } catch (e) {
    if (e instanceof CompileError) return undefined;
    throw e;
  }
  return encodeModule(m, wasm2);
}

function verdict(bytes: Uint8Array): Verdict {
  try {
    validateModule(decodeModule(bytes, wasm2), wasm2);
    return { ok: true };
  } catch (e) {
    if (e instanceof CompileError) return { ok: false, reason: e.message };
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
