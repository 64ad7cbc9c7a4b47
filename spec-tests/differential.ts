/**
 * Differential validation against the host engine.
 *
 *   node dist/spec-tests/differential.js [--suite DIR] [--suite3 DIR]
 *
 * For every module of the suites (spec-tests/suite.ts, folders that do not execute yet included:
 * validation does not need the interpreter) — binary modules as given, text and quote modules
 * parsed and then encoded (binary/encode.ts) — Vitrine's verdict (decode + validate) must equal the
 * host's `WebAssembly.validate(bytes)`. Quote modules that do not parse have no bytes to compare
 * and are only counted. Without a host `WebAssembly` (e.g. under `node --jitless`) the test is
 * skipped.
 *
 * The host may lack some 3.0 proposals (Node 20 has no relaxed SIMD, multiple memories or
 * memory64). Which ones it has is probed with one tiny module per proposal; every module is then
 * judged with the suite's features restricted to the host's. A module whose verdict changes under
 * that restriction uses a proposal the host lacks: it is skipped and counted per proposal — by the
 * features it uses, not by its name.
 *
 * The last line is always `N passed, N failed, N skipped`; exit status 1 on any mismatch.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModule } from '../src/binary/decode.js';
import { encodeModule } from '../src/binary/encode.js';
import { CompileError } from '../src/errors.js';
import { wasm2, wasm3, type Features } from '../src/syntax/features.js';
import type { ScriptModule } from '../src/text/script.js';
import { parseWast } from '../src/text/wast.js';
import { parseWat } from '../src/text/wat.js';
import { validateModule } from '../src/valid/module.js';
import { listSuite, missingSuite, parseArgs, suiteDir, suites } from './suite.js';

interface HostWebAssembly {
  validate(bytes: Uint8Array): boolean;
}

/** A module's verdict: accepted, or rejected with the reason. */
type Verdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** The language features (every boolean field of Features; `wording` only selects messages). */
type Feature = Exclude<keyof Features, 'wording'>;
type MutableFeatures = { -readonly [K in keyof Features]: Features[K] };
const isFeature = (k: string): k is Feature => k !== 'wording';

/** One valid module per 3.0 proposal, using that proposal only: the host accepts it iff it has it. */
const probes: Readonly<Partial<Record<Feature, string>>> = {
  relaxedSimd: '(module (func (param v128 v128) (result v128) (i8x16.relaxed_swizzle (local.get 0) (local.get 1))))',
  multiMemory: '(module (memory 1) (memory 1))',
  memory64: '(module (memory i64 1))',
  extendedConst: '(module (global i32 (i32.add (i32.const 1) (i32.const 2))))',
  tailCall: '(module (func (return_call 0)))',
  functionReferences: '(module (type $t (func)) (func (param (ref $t))))',
  gc: '(module (type (struct)))',
  exceptions: '(module (func (block (try_table (catch_all 0)))))',
};

function main(argv: readonly string[]): number {
  let args;
  try {
    args = parseArgs(argv, ['--suite', '--suite3'], []);
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
  const dirs: string[] = [];
  for (const spec of suites) {
    const dir = suiteDir(spec, args.options);
    const missing = missingSuite(spec, dir);
    if (missing !== undefined) {
      console.error(missing);
      console.log('0 passed, 1 failed, 0 skipped');
      return 2;
    }
    dirs.push(dir);
  }

  const hostHas = hostFeatures(host);
  const lacking = (Object.keys(probes) as Feature[]).filter((f) => !hostHas[f]);
  console.log(`Host engine: WebAssembly 2.0${lacking.length > 0 ? `, without the 3.0 proposals ${lacking.join(', ')}` : ''}`);

  let passed = 0, unparsed = 0, files = 0;
  const skipped = new Map<string, number>();
  const mismatches: string[] = [];
  suites.forEach((spec, i) => {
    const dir = dirs[i];
    const both = intersect(spec.features, hostHas);
    for (const file of listSuite(spec, dir).all) {
      files++;
      const script = parseWast(readFileSync(join(dir, file), 'utf8'));
      for (const cmd of script.commands) {
        if (!('module' in cmd) || typeof cmd.module !== 'object') continue;
        const where = `${spec.name}/${file}:${cmd.line}`;
        let bytes: Uint8Array | undefined;
        let ours: Verdict;
        try {
          bytes = moduleBytes(cmd.module, spec.features);
          if (bytes === undefined) {
            unparsed++;
            continue;
          }
          ours = verdict(bytes, both);
          if (ours.ok !== verdict(bytes, spec.features).ok) {
            const f = neededFeature(bytes, both, spec.features, ours.ok);
            skipped.set(f, (skipped.get(f) ?? 0) + 1);
            continue;
          }
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
  });

  console.log(`Differential validation against the host engine over ${files} files of ${dirs.join(' and ')}:`);
  console.log(`  ${passed} modules agree; ${unparsed} text modules do not parse (nothing to compare)`);
  let skippedTotal = 0;
  for (const [f, n] of skipped) {
    console.log(`  ${n} modules skipped: their verdict depends on ${f}, which the host lacks`);
    skippedTotal += n;
  }
  if (mismatches.length > 0) {
    console.log(`Mismatches (${mismatches.length}):`);
    for (const m of mismatches) console.log(`  ${m}`);
  }
  console.log(`${passed} passed, ${mismatches.length} failed, ${skippedTotal} skipped`);
  return mismatches.length === 0 ? 0 : 1;
}

/** WebAssembly 2.0 plus the 3.0 proposals whose probe module the host accepts. */
function hostFeatures(host: HostWebAssembly): Features {
  const f: MutableFeatures = { ...wasm2 };
  for (const [feature, source] of Object.entries(probes) as [Feature, string][]) {
    f[feature] = host.validate(encodeModule(parseWat(source, wasm3), wasm3));
  }
  return f;
}

function intersect(a: Features, b: Features): Features {
  const f: MutableFeatures = { ...a };
  for (const k of Object.keys(f)) if (isFeature(k)) f[k] = a[k] && b[k];
  return f;
}

/** The first proposal of `full` missing from `base` whose addition changes the verdict `baseOk`. */
function neededFeature(bytes: Uint8Array, base: Features, full: Features, baseOk: boolean): string {
  for (const k of Object.keys(full)) {
    if (!isFeature(k)) continue;
    if (full[k] && !base[k] && verdict(bytes, { ...base, [k]: true }).ok !== baseOk) return k;
  }
  return 'several proposals';
}

/** The binary of a script module; undefined for text that does not parse. */
function moduleBytes(sm: ScriptModule, features: Features): Uint8Array | undefined {
  if (sm.kind === 'binary') return sm.bytes;
  let m;
  try {
    m = parseWat(sm.kind === 'text' ? sm.source : sm.text, features);
  } catch (e) {
    if (e instanceof CompileError) return undefined;
    throw e;
  }
  return encodeModule(m, features);
}

function verdict(bytes: Uint8Array, features: Features): Verdict {
  try {
    validateModule(decodeModule(bytes, features), features);
    return { ok: true };
  } catch (e) {
    if (e instanceof CompileError) return { ok: false, reason: e.message };
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
