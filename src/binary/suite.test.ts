/**
 * End to end against the official suite: every `(module binary "…")` in
 * $VITRINE_TESTSUITE/*.wast and its simd/ (default: the 2.0 suite), decoded with 2.0 features,
 * and in $VITRINE_TESTSUITE3 (default: the 3.0 suite, with its proposal subdirectories) with 3.0
 * features. Inside `assert_malformed` the decoder
 * must throw a CompileError whose message starts with the expected text; everywhere else (plain
 * modules, assert_invalid, assert_unlinkable, …) it must decode, and encode back unchanged.
 * Independent of the text parser: a tiny s-expression reader below extracts the strings.
 */

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CompileError } from '../errors.js';
import { wasm2, wasm3, type Features } from '../syntax/features.js';
import { decodeModule } from './decode.js';
import { encodeModule } from './encode.js';
import { suiteDirByName } from '../../spec-tests/suite.js';

const SUITE = suiteDirByName('wasm-2.0');
const SUITE3 = suiteDirByName('wasm-3.0');

// ---------------------------------------------------------------------------------------------
// A minimal WAST reader: lists, atoms and string literals (decoded to bytes)

type SExpr = SExpr[] | string | { readonly bytes: Uint8Array };

/** The bytes of a string literal's body (spec §6.3.3 strings): escapes and UTF-8 text. */
function stringBytes(body: string): Uint8Array {
  const out: number[] = [];
  const text = (s: string) => out.push(...new TextEncoder().encode(s));
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      text(c);
      continue;
    }
    const e = body[++i];
    if (e === 'n') out.push(0x0a);
    else if (e === 't') out.push(0x09);
    else if (e === 'r') out.push(0x0d);
    else if (e === '"' || e === "'" || e === '\\') out.push(e.charCodeAt(0));
    else if (e === 'u') {
      const close = body.indexOf('}', i);
      text(String.fromCodePoint(parseInt(body.slice(i + 2, close).replace(/_/g, ''), 16)));
      i = close;
    } else {
      out.push(parseInt(body.slice(i, i + 2), 16));
      i++;
    }
  }
  return Uint8Array.from(out);
}

function parseWast(src: string): SExpr[] {
  const stack: SExpr[][] = [[]];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ';' && src[i + 1] === ';') {
      i = src.indexOf('\n', i);
      if (i < 0) break;
    } else if (c === '(' && src[i + 1] === ';') {
      let depth = 1;
      i += 2;
      while (depth > 0) {
        if (src.startsWith('(;', i)) { depth++; i += 2; }
        else if (src.startsWith(';)', i)) { depth--; i += 2; }
        else i++;
      }
    } else if (c === '(') {
      const list: SExpr[] = [];
      stack[stack.length - 1].push(list);
      stack.push(list);
      i++;
    } else if (c === ')') {
      stack.pop();
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      stack[stack.length - 1].push({ bytes: stringBytes(src.slice(i + 1, j)) });
      i = j + 1;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      let j = i;
      while (j < src.length && !/[\s()";]/.test(src[j])) j++;
      stack[stack.length - 1].push(src.slice(i, j));
      i = j;
    }
  }
  return stack[0];
}

/** The bytes of `(module $id? definition? binary "…"*)`, or undefined for other forms. */
function binaryModule(e: SExpr): Uint8Array | undefined {
  if (!Array.isArray(e) || e[0] !== 'module') return undefined;
  const at = e.indexOf('binary');
  if (at < 0) return undefined;
  const parts = e.slice(at + 1).map((s) => (s as { bytes: Uint8Array }).bytes);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let k = 0;
  for (const p of parts) {
    out.set(p, k);
    k += p.length;
  }
  return out;
}

interface Case {
  readonly file: string;
  readonly index: number;
  readonly bytes: Uint8Array;
  /** Expected message prefix for assert_malformed; undefined when the module must decode. */
  readonly malformed?: string;
}

function collect(file: string, commands: SExpr[]): Case[] {
  const cases: Case[] = [];
  const visit = (e: SExpr, malformed?: string): void => {
    const bytes = binaryModule(e);
    if (bytes !== undefined) {
      cases.push({ file, index: cases.length, bytes, malformed });
      return;
    }
    if (!Array.isArray(e)) return;
    if (e[0] === 'assert_malformed') {
      const msg = e[2] as { bytes: Uint8Array };
      visit(e[1], new TextDecoder().decode(msg.bytes));
      return;
    }
    for (const x of e) visit(x);
  };
  for (const c of commands) visit(c);
  return cases;
}

/** The cases of every .wast file in `dir`, and in its subdirectories when `recurse` is set. */
function loadCases(dir: string, recurse: boolean): Case[] {
  const cases: Case[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (recurse && statSync(path).isDirectory()) {
      cases.push(...loadCases(path, false).map((c) => ({ ...c, file: `${name}/${c.file}` })));
    }
    if (!name.endsWith('.wast')) continue;
    const src = readFileSync(path, 'utf8');
    if (!src.includes('binary')) continue;
    cases.push(...collect(name, parseWast(src)));
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------

test('the WAST string reader decodes escapes and UTF-8', () => {
  const [e] = parseWast('(module binary "\\00asm" "\\n\\t\\"\\\\\\u{48}é" (; c ;) ;; x\n)');
  assert.equal([...binaryModule(e)!], [0, 0x61, 0x73, 0x6d, 10, 9, 0x22, 0x5c, 0x48, 0xc3, 0xa9]);
});

/** Checks every case; returns the failures and prints a summary line. */
function run(label: string, cases: readonly Case[], features: Features): string[] {
  const failures: string[] = [];
  let malformed = 0;
  for (const c of cases) {
    const where = `${c.file} #${c.index}`;
    let error: unknown;
    try {
      const m = decodeModule(c.bytes, features);
      if (c.malformed === undefined) {
        assert.equal(decodeModule(encodeModule(m, features), features), m, `${where}: round trip`);
      }
    } catch (e) {
      error = e;
    }
    if (c.malformed !== undefined) {
      malformed++;
      if (!(error instanceof CompileError)) failures.push(`${where}: decoded, expected "${c.malformed}"`);
      else if (!error.message.startsWith(c.malformed)) {
        failures.push(`${where}: "${error.message}", expected "${c.malformed}"`);
      }
    } else if (error !== undefined) {
      failures.push(`${where}: ${String(error)}`);
    }
  }
  console.log(`  ${label}: ${cases.length - failures.length}/${cases.length} binary modules as expected ` +
    `(${malformed} assert_malformed, ${cases.length - malformed} decoding and round-tripping)`);
  return failures;
}

for (const [label, dir, features] of [
  ['2.0 suite', SUITE, wasm2],
  ['3.0 suite', SUITE3, wasm3],
] as const) {
  test(`${label}: every binary module decodes, or fails, as the suite expects`, () => {
    if (!existsSync(dir)) {
      console.log(`  note: ${dir} not found; ${label} binary modules skipped`);
      return;
    }
    const cases = loadCases(dir, true);
    assert.ok(cases.length > 0);
    assert.equal(run(label, cases, features), []);
  });
}

test.run();
