/**
 * Lexer — spec §6.2 (Text › Lexical Format) and §6.3 (Values: strings, identifiers), plus the
 * 3.0 additions: quoted identifiers `$"…"` and annotations `(@id …)`, which are skipped.
 *
 * Tokens follow the spec's longest-match rule over runs of identifier characters and strings:
 * a run is one token, then classified as a number, keyword, identifier, string or — if it is none
 * of these, like `0$x` or `"a""b"` — a *reserved* token, which the parsers reject with the
 * reference interpreter's "unknown operator" wording.
 *
 * Every token records its source offset, line and column (both 1-based) for error messages.
 */

import { CompileError } from '../errors.js';
import { classifyNumber } from './numbers.js';

export type TokenKind =
  | 'lparen' | 'rparen' | 'keyword' | 'id' | 'string' | 'nat' | 'int' | 'float' | 'reserved' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The token's source text. */
  readonly text: string;
  /** Source offsets (UTF-16 code units) of the first character and one past the last. */
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  /** `string` tokens: the denoted bytes. */
  readonly bytes?: Uint8Array;
  /** `id` tokens: the identifier's name without `$` (quoted identifiers unquoted). */
  readonly name?: string;
}

/**
 * A malformed text module or script: a CompileError that knows where in the source it arose
 * (1-based `line` and `column`; `offset` counts UTF-16 code units from the start of the source).
 */
export class TextError extends CompileError {
  constructor(message: string, readonly line: number, readonly column: number, offset?: number) {
    super(message, offset);
  }

  /** `line:column: message`, for people reading a failure. */
  describe(): string {
    return `${this.line}:${this.column}: ${this.message}`;
  }
}

/** Error at a token's position. */
export function errorAt(tok: Token, message: string): TextError {
  return new TextError(message, tok.line, tok.column, tok.start);
}

/** Identifier characters (spec §6.3.5): printable ASCII except space, `"`, `,`, `;`, brackets. */
function isIdChar(c: number): boolean {
  if (c <= 0x20 || c >= 0x7f) return false;
  // " ( ) , ; [ ] { }
  return c !== 0x22 && c !== 0x28 && c !== 0x29 && c !== 0x2c && c !== 0x3b && c !== 0x5b &&
    c !== 0x5d && c !== 0x7b && c !== 0x7d;
}

/** Characters that may not start or continue a token but glue into reserved ones (3.0 §6.2). */
function isReservedPunct(c: number): boolean {
  return c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
}

const textEncoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decode a name (spec §6.3.4): the bytes must be valid UTF-8, else "malformed UTF-8 encoding".
 * Returns `undefined` on failure so callers can position the error.
 */
export function decodeName(bytes: Uint8Array): string | undefined {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** 1-based line and column of a source offset; `\n`, `\r` and `\r\n` each end a line. */
export function positionOf(src: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && src.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Concatenate byte strings (a data string or a script module's `binary "…"*`). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

class Lexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  readonly tokens: Token[] = [];

  constructor(private readonly src: string) {}

  private fail(message: string, at = this.pos): never {
    const { line, column } = positionOf(this.src, at);
    throw new TextError(message, line, column, at);
  }

  /**
   * A character that cannot occur outside strings and comments. U+FFFD is what a script's
   * `(module quote …)` bytes decode to where they are not valid UTF-8, so it is reported as such.
   */
  private illegal(): never {
    this.fail(this.src.charCodeAt(this.pos) === 0xfffd ? 'malformed UTF-8 encoding' : 'illegal character');
  }

  private newline(at: number): void {
    this.line++;
    this.lineStart = at;
  }

  run(): Token[] {
    const src = this.src;
    for (;;) {
      this.skipSpace();
      if (this.pos >= src.length) break;
      const c = src.charCodeAt(this.pos);
      if (c === 0x28 /* ( */ && src.charCodeAt(this.pos + 1) === 0x40 /* @ */) {
        this.skipAnnotation();
      } else if (c === 0x28) {
        this.push('lparen', this.pos, this.pos + 1);
        this.pos++;
      } else if (c === 0x29 /* ) */) {
        this.push('rparen', this.pos, this.pos + 1);
        this.pos++;
      } else if (isIdChar(c) || c === 0x22 /* " */ || isReservedPunct(c) || c === 0x3b /* ; */) {
        this.word();
      } else {
        this.illegal();
      }
    }
    this.push('eof', src.length, src.length);
    return this.tokens;
  }

  private push(kind: TokenKind, start: number, end: number, extra?: { bytes?: Uint8Array; name?: string }): void {
    this.tokens.push({
      kind, text: this.src.slice(start, end), start, end,
      line: this.line, column: start - this.lineStart + 1, ...extra,
    });
  }

  /** White space and comments (spec §6.2.3, §6.2.4). */
  private skipSpace(): void {
    const src = this.src;
    while (this.pos < src.length) {
      const c = src.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09) {
        this.pos++;
      } else if (c === 0x0a) {
        this.pos++;
        this.newline(this.pos);
      } else if (c === 0x0d) {
        this.pos += src.charCodeAt(this.pos + 1) === 0x0a ? 2 : 1;
        this.newline(this.pos);
      } else if (c === 0x3b /* ; */ && src.charCodeAt(this.pos + 1) === 0x3b) {
        while (this.pos < src.length && src.charCodeAt(this.pos) !== 0x0a && src.charCodeAt(this.pos) !== 0x0d) {
          this.pos++;
        }
      } else if (c === 0x28 /* ( */ && src.charCodeAt(this.pos + 1) === 0x3b) {
        this.skipBlockComment();
      } else {
        return;
      }
    }
  }

  /** Block comments nest: `(; … (; … ;) … ;)`. */
  private skipBlockComment(): void {
    const src = this.src;
    const start = this.pos;
    let depth = 0;
    while (this.pos < src.length) {
      const c = src.charCodeAt(this.pos);
      const d = src.charCodeAt(this.pos + 1);
      if (c === 0x28 && d === 0x3b) {
        depth++;
        this.pos += 2;
      } else if (c === 0x3b && d === 0x29) {
        depth--;
        this.pos += 2;
        if (depth === 0) return;
      } else if (c === 0x0a || (c === 0x0d && d !== 0x0a)) {
        this.pos++;
        this.newline(this.pos);
      } else {
        this.pos++;
      }
    }
    this.fail('unclosed comment', start);
  }

  /**
   * Annotations (3.0, spec §6.2.5 "Annotations"): `(@id token*)` with balanced parentheses,
   * ignored entirely. Their tokens must still be well-formed; inside, `(@` is just a parenthesis.
   */
  private skipAnnotation(): void {
    const start = this.pos;
    this.pos += 2;
    const idStart = this.pos;
    const c = this.src.charCodeAt(this.pos);
    if (c === 0x22) {
      let bytes: Uint8Array;
      try {
        bytes = this.string();
      } catch (e) {
        if (!(e instanceof TextError)) throw e;
        this.fail('empty annotation id', start);
      }
      const id = decodeName(bytes);
      if (id === undefined) this.fail('malformed UTF-8 encoding', start);
      if (id.length === 0) this.fail('empty annotation id', start);
    } else {
      while (this.pos < this.src.length && isIdChar(this.src.charCodeAt(this.pos))) this.pos++;
      if (this.pos === idStart) this.fail('empty annotation id', start);
    }
    const mark = this.tokens.length;
    let depth = 1;
    while (depth > 0) {
      this.skipSpace();
      if (this.pos >= this.src.length) this.fail('unclosed annotation', start);
      const ch = this.src.charCodeAt(this.pos);
      if (ch === 0x28) {
        depth++;
        this.pos++;
      } else if (ch === 0x29) {
        depth--;
        this.pos++;
      } else if (isIdChar(ch) || ch === 0x22 || isReservedPunct(ch) || ch === 0x3b) {
        this.word();
      } else {
        this.illegal();
      }
    }
    this.tokens.length = mark;
  }

  /**
   * A maximal run of identifier characters and strings, classified as one token (spec §6.2.2,
   * longest match). A `;` continues a run unless it starts a line comment.
   */
  private word(): void {
    const src = this.src;
    const start = this.pos;
    // The run as segments: strings (with their bytes) and stretches of other characters.
    const strings: { at: number; end: number; bytes: Uint8Array }[] = [];
    let plain = true; // no character outside strings is a reserved punctuation or `;`
    while (this.pos < src.length) {
      const c = src.charCodeAt(this.pos);
      if (c === 0x22) {
        const at = this.pos;
        const quotedId = at === start + 1 && src.charCodeAt(start) === 0x24; /* $"…" */
        const bytes = quotedId ? this.quotedId(start) : this.string();
        strings.push({ at, end: this.pos, bytes });
      } else if (isIdChar(c)) {
        this.pos++;
      } else if (isReservedPunct(c) || (c === 0x3b && src.charCodeAt(this.pos + 1) !== 0x3b)) {
        plain = false;
        this.pos++;
      } else {
        break;
      }
    }
    const end = this.pos;
    const text = src.slice(start, end);
    const only = strings.length === 1 ? strings[0] : undefined;
    if (only && only.at === start && only.end === end) {
      this.push('string', start, end, { bytes: only.bytes });
    } else if (text === '$') {
      this.fail('empty identifier', start);
    } else if (text.charCodeAt(0) === 0x24 && strings.length === 0 && plain) {
      this.push('id', start, end, { name: text.slice(1) });
    } else if (text.charCodeAt(0) === 0x24 && only && only.at === start + 1 && only.end === end) {
      const name = decodeName(only.bytes);
      if (name === undefined) this.fail('malformed UTF-8 encoding', start);
      if (name.length === 0) this.fail('empty identifier', start);
      this.push('id', start, end, { name });
    } else if (strings.length === 0 && plain) {
      const num = classifyNumber(text);
      if (num !== undefined) this.push(num, start, end);
      else if (/^[a-z]/.test(text)) this.push('keyword', start, end);
      else this.push('reserved', start, end);
    } else {
      this.push('reserved', start, end);
    }
  }

  /** `$"…"`: any problem with the string is reported as an empty identifier (3.0 id.wast). */
  private quotedId(start: number): Uint8Array {
    try {
      return this.string();
    } catch (e) {
      if (!(e instanceof TextError)) throw e;
      this.fail('empty identifier', start);
    }
  }

  /** A string literal (spec §6.3.3) at `pos`; returns its bytes and moves past it. */
  private string(): Uint8Array {
    const src = this.src;
    const start = this.pos;
    this.pos++; // opening quote
    const out: number[] = [];
    for (;;) {
      if (this.pos >= src.length) this.fail('unclosed string literal', start);
      const c = src.charCodeAt(this.pos);
      if (c === 0x22) {
        this.pos++;
        return Uint8Array.from(out);
      }
      if (c === 0x0a || c === 0x0d) this.fail('unclosed string literal', start);
      if (c < 0x20 || c === 0x7f) this.fail('illegal control character in string literal');
      if (c === 0x5c /* \ */) {
        this.escape(out);
        continue;
      }
      const cp = src.codePointAt(this.pos)!;
      if (cp >= 0xd800 && cp <= 0xdfff) this.fail('malformed UTF-8 encoding'); // lone surrogate
      this.pos += cp > 0xffff ? 2 : 1;
      if (cp < 0x80) out.push(cp);
      else for (const b of textEncoder.encode(String.fromCodePoint(cp))) out.push(b);
    }
  }

  /** One escape sequence after a backslash (spec §6.3.3). */
  private escape(out: number[]): void {
    const src = this.src;
    const at = this.pos;
    const c = src[this.pos + 1];
    this.pos += 2;
    switch (c) {
      case 't': out.push(0x09); return;
      case 'n': out.push(0x0a); return;
      case 'r': out.push(0x0d); return;
      case '"': out.push(0x22); return;
      case "'": out.push(0x27); return;
      case '\\': out.push(0x5c); return;
      case 'u': {
        const m = /^\{([0-9a-fA-F](?:_?[0-9a-fA-F])*)\}/.exec(src.slice(this.pos, this.pos + 16));
        if (!m) this.fail('illegal escape', at);
        const cp = parseInt(m[1].replace(/_/g, ''), 16);
        if (!(cp < 0xd800 || (cp >= 0xe000 && cp < 0x110000))) this.fail('illegal escape', at);
        this.pos += m[0].length;
        for (const b of textEncoder.encode(String.fromCodePoint(cp))) out.push(b);
        return;
      }
      default: {
        const hex = src.slice(at + 1, at + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) this.fail('illegal escape', at);
        this.pos = at + 3;
        out.push(parseInt(hex, 16));
      }
    }
  }
}

/** Split source text into tokens, ending with an `eof` token. Throws TextError on lexical errors. */
export function tokenize(src: string): Token[] {
  return new Lexer(src).run();
}
