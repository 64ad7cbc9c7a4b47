/**
 * A cursor over a token array, shared by the module parser (wat.ts) and the script parser
 * (wast.ts), with the error conventions of the reference interpreter: a keyword the text format
 * does not know at all (or a reserved token such as `0$x`) is an "unknown operator"; a known
 * token in the wrong place is an "unexpected token".
 */

import { opByName } from '../syntax/opcodes.js';
import { decodeName, errorAt, type TextError, type Token } from './lexer.js';

/** Keywords of the module grammar (spec §6.4–§6.6, 3.0 additions) other than instruction names. */
const moduleKeywords = [
  'module', 'type', 'func', 'param', 'result', 'local', 'global', 'table', 'memory', 'elem', 'data',
  'import', 'export', 'start', 'offset', 'item', 'declare', 'mut', 'then', 'else', 'end',
  'i32', 'i64', 'f32', 'f64', 'v128', 'i8', 'i16',
  'funcref', 'externref', 'anyref', 'eqref', 'i31ref', 'structref', 'arrayref', 'nullref',
  'nullfuncref', 'nullexternref', 'exnref', 'nullexnref',
  'ref', 'null', 'extern', 'any', 'eq', 'i31', 'struct', 'array', 'none', 'nofunc', 'noextern',
  'exn', 'noexn', 'rec', 'sub', 'final', 'field', 'tag',
  'catch', 'catch_ref', 'catch_all', 'catch_all_ref',
  'i8x16', 'i16x8', 'i32x4', 'i64x2', 'f32x4', 'f64x2',
];

/** Keywords of the script grammar (the reference interpreter's README, "Scripts"). */
const scriptKeywords = [
  'binary', 'quote', 'definition', 'instance', 'register', 'invoke', 'get', 'either',
  'assert_return', 'assert_trap', 'assert_exhaustion', 'assert_exception', 'assert_malformed',
  'assert_invalid', 'assert_unlinkable', 'assert_uninstantiable', 'script', 'input', 'output',
  'nan:canonical', 'nan:arithmetic', 'ref.extern', 'ref.host', 'ref.any', 'ref.eq', 'ref.i31',
  'ref.struct', 'ref.array', 'ref.exn',
];

const known = new Set([...moduleKeywords, ...scriptKeywords]);

/** Whether the text format knows this keyword (anywhere); `offset=N` / `align=N` included. */
export function isKnownKeyword(kw: string): boolean {
  return known.has(kw) || opByName.has(kw) || /^(?:offset|align)=(?:\d(?:_?\d)*|0x[0-9a-fA-F](?:_?[0-9a-fA-F])*)$/.test(kw);
}

/** Whether a parser meeting `tok` out of place must call it an unknown operator. */
export function isUnknownOperator(tok: Token): boolean {
  return tok.kind === 'reserved' || (tok.kind === 'keyword' && !isKnownKeyword(tok.text));
}

export class Cursor {
  pos = 0;

  constructor(readonly tokens: readonly Token[]) {}

  /** The token `k` places ahead (the final `eof` token if past the end). */
  peek(k = 0): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)];
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  isKeyword(kw: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'keyword' && t.text === kw;
  }

  /** `(` followed by the keyword `kw`. */
  isLParenKeyword(kw: string, k = 0): boolean {
    return this.peek(k).kind === 'lparen' && this.isKeyword(kw, k + 1);
  }

  eatKeyword(kw: string): boolean {
    if (!this.isKeyword(kw)) return false;
    this.pos++;
    return true;
  }

  expectKeyword(kw: string): Token {
    if (!this.isKeyword(kw)) throw this.unexpected();
    return this.next();
  }

  expectLParen(): Token {
    if (this.peek().kind !== 'lparen') throw this.unexpected();
    return this.next();
  }

  expectRParen(): Token {
    if (this.peek().kind !== 'rparen') throw this.unexpected();
    return this.next();
  }

  /** Consume `(` keyword. */
  expectLParenKeyword(kw: string): void {
    this.expectLParen();
    this.expectKeyword(kw);
  }

  /** An identifier token if one is next. */
  eatId(): Token | undefined {
    return this.peek().kind === 'id' ? this.next() : undefined;
  }

  expectString(): Token {
    if (this.peek().kind !== 'string') throw this.unexpected();
    return this.next();
  }

  /** A name (spec §6.3.4): a string that must be valid UTF-8. */
  name(): string {
    const tok = this.expectString();
    const s = decodeName(tok.bytes!);
    if (s === undefined) throw errorAt(tok, 'malformed UTF-8 encoding');
    return s;
  }

  /**
   * A number literal converted by `parse` (integer tokens only for `'int'`); "constant out of
   * range" when `parse` rejects its value.
   */
  number<T>(parse: (text: string) => T | undefined, form: 'int' | 'float'): T {
    const t = this.peek();
    if (t.kind !== 'nat' && t.kind !== 'int' && (form === 'int' || t.kind !== 'float')) throw this.unexpected(t);
    this.next();
    const v = parse(t.text);
    if (v === undefined) throw errorAt(t, 'constant out of range');
    return v;
  }

  /** Skip from a `(` to just past its matching `)`. */
  skipBalanced(): void {
    let depth = 0;
    do {
      const t = this.next();
      if (t.kind === 'lparen') depth++;
      else if (t.kind === 'rparen') depth--;
      else if (t.kind === 'eof') throw this.unexpected(t);
    } while (depth > 0);
  }

  /** The error for finding `tok` where something else was expected. */
  unexpected(tok: Token = this.peek()): TextError {
    if (isUnknownOperator(tok)) {
      return errorAt(tok, `unknown operator ${tok.text}`);
    }
    const what = tok.kind === 'eof' ? '(end of input)' : JSON.stringify(tok.text);
    return errorAt(tok, `unexpected token ${what}`);
  }
}
