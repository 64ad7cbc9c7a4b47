/**
 * Which official test suites run and which of their files — shared by run.ts and differential.ts.
 *
 * Two suites, each with its feature set:
 *  - `wasm-2.0`, every file, with the 2.0 features: by default ../shared/testsuite/wasm-2.0 beside
 *    the repository root; `--suite DIR` or VITRINE_TESTSUITE point elsewhere (e.g. a checkout of
 *    WebAssembly/spec's test/core at tag wg-2.0);
 *  - `wasm-3.0`, only its `simd/` and `relaxed-simd/` folders, with the 3.0 features: by default
 *    ../shared/testsuite/wasm-3.0; `--suite3 DIR` or VITRINE_TESTSUITE3 point elsewhere (tag
 *    wg-3.0). Its other folders need 3.0 proposals the interpreter does not execute yet.
 * The suites are not part of the repository.
 */

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wasm2, wasm3, type Features } from '../src/syntax/features.js';

/** The repository root (this file runs as dist/spec-tests/*.js). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A folder of a suite that does not run yet, and why. */
export interface Exclusion {
  readonly dir: string;
  readonly reason: string;
}

/** How one suite is found and run. */
export interface SuiteSpec {
  /** Its name in tables, in `--json` output and in expected-failures.json: `wasm-2.0`, `wasm-3.0`. */
  readonly name: string;
  /** The feature set its scripts run with, and that set's name. */
  readonly features: Features;
  readonly featuresName: string;
  /** The option and environment variable that override the default folder. */
  readonly option: string;
  readonly env: string;
  readonly defaultDir: string;
  /** The git tag of WebAssembly/spec whose test/core holds it. */
  readonly tag: string;
  /** Top-level folders to run; all files when undefined. */
  readonly only?: readonly string[];
  /** Folders among those that do not run yet: their commands count as skipped. */
  readonly excluded: readonly Exclusion[];
}

export const suites: readonly SuiteSpec[] = [
  {
    name: 'wasm-2.0', features: wasm2, featuresName: 'wasm2', option: '--suite', env: 'VITRINE_TESTSUITE',
    defaultDir: resolve(repoRoot, '../shared/testsuite/wasm-2.0'), tag: 'wg-2.0',
    excluded: [],
  },
  {
    name: 'wasm-3.0', features: wasm3, featuresName: 'wasm3', option: '--suite3', env: 'VITRINE_TESTSUITE3',
    defaultDir: resolve(repoRoot, '../shared/testsuite/wasm-3.0'), tag: 'wg-3.0',
    only: ['bulk-memory', 'simd', 'relaxed-simd'],
    excluded: [],
  },
];

export interface SuiteFiles {
  /** Suite-relative paths (with `/`) of the files to run, sorted. */
  readonly run: string[];
  /** Suite-relative paths of the files in excluded folders, by folder. */
  readonly excluded: Map<string, string[]>;
  /** Every file of the selected folders, excluded or not (what the front-end checks read). */
  readonly all: string[];
}

/** The .wast files of `spec` under `dir`, split into the ones to run and the excluded ones. */
export function listSuite(spec: SuiteSpec, dir: string): SuiteFiles {
  const files: SuiteFiles = { run: [], excluded: new Map(spec.excluded.map((e) => [e.dir, []])), all: [] };
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        walk(path);
      } else if (name.endsWith('.wast')) {
        const rel = relative(dir, path).split(sep).join('/');
        const top = rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : '';
        if (spec.only !== undefined && !spec.only.includes(top)) continue;
        files.all.push(rel);
        (files.excluded.get(top) ?? files.run).push(rel);
      }
    }
  };
  walk(dir);
  return files;
}

/** The folder of `spec`: from its option, its environment variable, or the default. */
export function suiteDir(spec: SuiteSpec, options: ReadonlyMap<string, string | true>): string {
  const option = options.get(spec.option);
  return resolve(typeof option === 'string' ? option : process.env[spec.env] ?? spec.defaultDir);
}

/**
 * The folder of the suite named `name` (`wasm-2.0` or `wasm-3.0`) where no command-line option
 * applies — the unit tests over the suites (the suite.test.ts files in src): its environment
 * variable, else the default beside the repository.
 */
export function suiteDirByName(name: string): string {
  const spec = suites.find((s) => s.name === name);
  if (spec === undefined) throw new Error(`no suite named ${name}`);
  return suiteDir(spec, new Map());
}

/** Explains how to get the suite when `dir` does not exist; undefined when it does. */
export function missingSuite(spec: SuiteSpec, dir: string): string | undefined {
  if (existsSync(dir) && statSync(dir).isDirectory()) return undefined;
  return [
    `The official ${spec.name} test suite is not at ${dir}.`,
    `Get it from the WebAssembly/spec repository, folder test/core at tag ${spec.tag}:`,
    `  git clone --depth 1 --branch ${spec.tag} https://github.com/WebAssembly/spec spec-${spec.tag}`,
    `then pass ${spec.option} spec-${spec.tag}/test/core (or set ${spec.env}=spec-${spec.tag}/test/core).`,
  ].join('\n');
}

/** Minimal option parsing: `--name value` pairs and boolean flags; anything else is positional. */
export function parseArgs(argv: readonly string[], valued: readonly string[], flags: readonly string[]): {
  options: Map<string, string | true>;
  positional: string[];
} {
  const options = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (valued.includes(a)) {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      options.set(a, v);
    } else if (flags.includes(a)) {
      options.set(a, true);
    } else if (a.startsWith('--')) {
      throw new Error(`unknown option ${a}`);
    } else {
      positional.push(a);
    }
  }
  return { options, positional };
}
