/**
 * Where the official test suite is and which of its files run — shared by run.ts and
 * differential.ts.
 *
 * The suite is not part of the repository: by default it is read from
 * ../shared/testsuite/wasm-2.0 beside the repository root; `--suite DIR` or the environment
 * variable VITRINE_TESTSUITE point elsewhere (e.g. a checkout of WebAssembly/spec's test/core).
 */

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file runs as dist/spec-tests/*.js). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export const defaultSuite = resolve(repoRoot, '../shared/testsuite/wasm-2.0');

/**
 * Folders of the suite that do not run yet, each with the reason. Their commands are counted as
 * skipped, so the totals show them.
 */
export const excluded: readonly { readonly dir: string; readonly reason: string }[] = [
  { dir: 'simd', reason: 'SIMD is a later milestone' },
];

export interface SuiteFiles {
  /** Suite-relative paths (with `/`) of the files to run, sorted. */
  readonly run: string[];
  /** Suite-relative paths of the files in excluded folders, by folder. */
  readonly excluded: Map<string, string[]>;
}

/** Every .wast file under `dir`, split into the ones to run and the excluded ones. */
export function listSuite(dir: string): SuiteFiles {
  const files: SuiteFiles = { run: [], excluded: new Map(excluded.map((e) => [e.dir, []])) };
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        walk(path);
      } else if (name.endsWith('.wast')) {
        const rel = relative(dir, path).split(sep).join('/');
        const top = rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : '';
        (files.excluded.get(top) ?? files.run).push(rel);
      }
    }
  };
  walk(dir);
  return files;
}

/** The suite folder from `--suite DIR`, VITRINE_TESTSUITE, or the default. */
export function suiteDir(option: string | undefined): string {
  return resolve(option ?? process.env.VITRINE_TESTSUITE ?? defaultSuite);
}

/** Explains how to get the suite when `dir` does not exist; undefined when it does. */
export function missingSuite(dir: string): string | undefined {
  if (existsSync(dir) && statSync(dir).isDirectory()) return undefined;
  return [
    `The official test suite is not at ${dir}.`,
    'Get it from the WebAssembly/spec repository, folder test/core at tag wg-2.0:',
    '  git clone --depth 1 --branch wg-2.0 https://github.com/WebAssembly/spec',
    'then pass --suite spec/test/core (or set VITRINE_TESTSUITE=spec/test/core).',
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
