/**
 * WAST parser — the script language of the official test suite (the reference interpreter's
 * README, "Scripts"): text → `Script` (text/script.ts).
 *
 * Text modules are not parsed here: each keeps its exact source slice and the runner parses it
 * with `parseWat` when the command executes (see RATIONALE, "Text format"). A script whose own
 * syntax is broken throws a `TextError` with line and column.
 *
 * Module identifiers (`$M`) are kept with their `$`, the same way everywhere they occur.
 */

import type { HeapType } from '../syntax/types.js';
import { Cursor } from './cursor.js';
import { parseV128Lanes } from './instructions.js';
import { concatBytes, tokenize } from './lexer.js';
import { parseF32, parseF64, parseI32, parseI64, parseUnsigned } from './numbers.js';
import type { Action, Command, Const, Expected, FloatPattern, Script, ScriptModule } from './script.js';

/** Keywords that open a module field: a script made of these is one inline module. */
const fieldKeywords = new Set([
  'type', 'rec', 'import', 'func', 'table', 'memory', 'global', 'tag', 'export', 'start', 'elem', 'data',
]);

/** Parse a WAST script. */
export function parseWast(src: string): Script {
  const c = new Cursor(tokenize(src));
  // A script may also be just the fields of one module (the interpreter's "inline module").
  if (c.peek().kind === 'lparen' && c.peek(1).kind === 'keyword' && fieldKeywords.has(c.peek(1).text)) {
    return { commands: [{ line: c.peek().line, kind: 'module', module: { kind: 'text', source: src } }] };
  }
  const p = new ScriptParser(c, src);
  const commands: Command[] = [];
  while (c.peek().kind !== 'eof') commands.push(p.command());
  return { commands };
}

const absHeapTypes = new Set(['func', 'extern', 'any', 'eq', 'i31', 'struct', 'array', 'none', 'nofunc', 'noextern', 'exn', 'noexn']);

/**
 * Decodes `quote` bytes; bytes that are not UTF-8 become U+FFFD, which the lexer reports as
 * "malformed UTF-8 encoding" when it parses the module.
 */
const utf8Lenient = new TextDecoder('utf-8', { ignoreBOM: true });

class ScriptParser {
  constructor(private readonly c: Cursor, private readonly src: string) {}

  command(): Command {
    const c = this.c;
    const open = c.peek();
    if (open.kind !== 'lparen') throw c.unexpected();
    const kw = c.peek(1);
    const line = open.line;
    switch (kw.kind === 'keyword' ? kw.text : '') {
      case 'module':
        if (c.isKeyword('instance', 2)) {
          c.pos += 3;
          const instance = this.id();
          const definition = this.id();
          c.expectRParen();
          return { line, kind: 'module_instance', instance, definition };
        }
        if (c.isKeyword('definition', 2)) return { line, kind: 'module_definition', module: this.module() };
        return { line, kind: 'module', module: this.module() };
      case 'register': {
        c.pos += 2;
        const name = this.c.name();
        const module = this.id();
        c.expectRParen();
        return { line, kind: 'register', name, module };
      }
      case 'invoke': case 'get':
        return { line, kind: 'action', action: this.action() };
      case 'assert_return': {
        c.pos += 2;
        const action = this.action();
        const expected: Expected[] = [];
        while (c.peek().kind === 'lparen') expected.push(this.expected());
        c.expectRParen();
        return { line, kind: 'assert_return', action, expected };
      }
      case 'assert_trap': {
        c.pos += 2;
        if (c.isLParenKeyword('module')) {
          const module = this.module();
          return { line, kind: 'assert_trap_module', module, message: this.message() };
        }
        const action = this.action();
        return { line, kind: 'assert_trap', action, message: this.message() };
      }
      case 'assert_exhaustion': {
        c.pos += 2;
        const action = this.action();
        return { line, kind: 'assert_exhaustion', action, message: this.message() };
      }
      case 'assert_exception': {
        c.pos += 2;
        const action = this.action();
        c.expectRParen();
        return { line, kind: 'assert_exception', action };
      }
      case 'assert_malformed': case 'assert_invalid': case 'assert_unlinkable': case 'assert_uninstantiable': {
        const kind = kw.text as 'assert_malformed' | 'assert_invalid' | 'assert_unlinkable' | 'assert_uninstantiable';
        c.pos += 2;
        const module = this.module();
        return { line, kind, module, message: this.message() };
      }
      default:
        throw c.unexpected(kw);
    }
  }

  /** An optional module identifier, spelled `$name` (`$"name"` and `$name` are the same). */
  private id(): string | undefined {
    const t = this.c.eatId();
    return t && `$${t.name}`;
  }

  /** The expected-failure text closing an assertion. */
  private message(): string {
    const msg = this.c.name();
    this.c.expectRParen();
    return msg;
  }

  /** `(module definition? $id? …)`: text (kept as source), `binary "…"*` or `quote "…"*`. */
  private module(): ScriptModule {
    const c = this.c;
    const first = c.pos;
    const open = c.expectLParen();
    c.expectKeyword('module');
    const definition = c.isKeyword('definition') ? c.next() : undefined;
    const id = this.id();
    if (c.eatKeyword('binary')) {
      const bytes = concatBytes(this.strings());
      c.expectRParen();
      return { kind: 'binary', id, bytes };
    }
    if (c.eatKeyword('quote')) {
      const text = utf8Lenient.decode(concatBytes(this.strings()));
      c.expectRParen();
      return { kind: 'quote', id, text };
    }
    c.pos = first;
    c.skipBalanced();
    const close = c.tokens[c.pos - 1];
    // A definition's source drops the `definition` keyword so that it reads as a plain module.
    const source = definition
      ? '(module' + this.src.slice(definition.end, close.end)
      : this.src.slice(open.start, close.end);
    return { kind: 'text', id, source };
  }

  private strings(): Uint8Array[] {
    const parts: Uint8Array[] = [];
    while (this.c.peek().kind === 'string') parts.push(this.c.next().bytes!);
    return parts;
  }

  /** `(invoke $id? "name" const*)` or `(get $id? "name")`. */
  private action(): Action {
    const c = this.c;
    c.expectLParen();
    const kw = c.next();
    const module = this.id();
    const name = this.c.name();
    if (kw.kind === 'keyword' && kw.text === 'invoke') {
      const args: Const[] = [];
      while (c.peek().kind === 'lparen') args.push(this.constant());
      c.expectRParen();
      return { kind: 'invoke', module, name, args };
    }
    if (kw.kind === 'keyword' && kw.text === 'get') {
      c.expectRParen();
      return { kind: 'get', module, name };
    }
    throw c.unexpected(kw);
  }

  /** An argument value: `(t.const …)`, `(ref.null ht)`, `(ref.extern n)`, `(ref.host n)`. */
  private constant(): Const {
    return this.value(false) as Const;
  }

  /** An expected result: a constant, or a NaN / reference / lane pattern, or `(either …)`. */
  private expected(): Expected {
    return this.value(true);
  }

  /** One parenthesized value; the result patterns only if `patterns` (else they are errors). */
  private value(patterns: boolean): Expected {
    const c = this.c;
    c.expectLParen();
    const kw = c.next();
    if (kw.kind !== 'keyword') throw c.unexpected(kw);
    const pattern = () => {
      if (!patterns) throw c.unexpected(kw);
    };
    let r: Expected;
    switch (kw.text) {
      case 'i32.const': r = { type: 'i32', value: c.number(parseI32, 'int') }; break;
      case 'i64.const': r = { type: 'i64', value: c.number(parseI64, 'int') }; break;
      case 'f32.const': case 'f64.const': {
        const type = kw.text === 'f32.const' ? 'f32' : 'f64';
        const nan = this.nanPattern();
        if (nan) {
          pattern();
          r = { type, nan };
        } else if (type === 'f32') {
          r = { type, bits: c.number(parseF32, 'float') };
        } else {
          r = { type, bits: c.number(parseF64, 'float') };
        }
        break;
      }
      case 'v128.const': r = this.v128(patterns); break;
      case 'ref.null': {
        if (c.peek().kind === 'rparen') {
          pattern();
          r = { type: 'null' };
          break;
        }
        const t = c.next();
        if (t.kind !== 'keyword' || !absHeapTypes.has(t.text)) throw c.unexpected(t);
        r = { type: 'ref.null', heap: t.text as HeapType };
        break;
      }
      case 'ref.extern': case 'ref.host': {
        if (c.peek().kind === 'rparen') {
          if (kw.text === 'ref.host') throw c.unexpected();
          pattern();
          r = { type: 'ref', heap: 'extern' };
          break;
        }
        const t = c.next();
        const v = t.kind === 'nat' ? parseUnsigned(t.text, 32) : undefined;
        if (v === undefined) throw c.unexpected(t);
        r = { type: kw.text, value: Number(v) };
        break;
      }
      case 'ref.func': case 'ref.any': case 'ref.eq': case 'ref.i31': case 'ref.struct': case 'ref.array': case 'ref.exn':
        pattern();
        r = { type: 'ref', heap: kw.text.slice(4) };
        break;
      case 'either': {
        pattern();
        const options: Expected[] = [];
        while (c.peek().kind === 'lparen') options.push(this.expected());
        r = { type: 'either', options };
        break;
      }
      default:
        throw c.unexpected(kw);
    }
    c.expectRParen();
    return r;
  }

  private nanPattern(): 'canonical' | 'arithmetic' | undefined {
    const c = this.c;
    if (c.eatKeyword('nan:canonical')) return 'canonical';
    if (c.eatKeyword('nan:arithmetic')) return 'arithmetic';
    return undefined;
  }

  /**
   * `v128.const shape lane*`: 16 bytes, or — for float shapes with a NaN pattern in some lane — a
   * per-lane pattern.
   */
  private v128(patterns: boolean): Expected {
    const c = this.c;
    const shape = c.peek();
    const isFloat = shape.kind === 'keyword' && (shape.text === 'f32x4' || shape.text === 'f64x2');
    if (patterns && isFloat) {
      const n = shape.text === 'f32x4' ? 4 : 2;
      let hasNan = false;
      for (let i = 1; i <= n; i++) {
        const t = c.peek(i);
        if (t.kind === 'keyword' && (t.text === 'nan:canonical' || t.text === 'nan:arithmetic')) hasNan = true;
      }
      if (hasNan) {
        c.next();
        const lanes: FloatPattern[] = [];
        for (let i = 0; i < n; i++) {
          const nan = this.nanPattern();
          if (nan) lanes.push({ kind: 'nan', nan });
          else lanes.push({ kind: 'bits', bits: n === 4 ? c.number(parseF32, 'float') : c.number(parseF64, 'float') });
        }
        return { type: 'v128', shape: shape.text, lanes };
      }
    }
    return { type: 'v128', bytes: parseV128Lanes(c) };
  }
}
