import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CompileError } from '../errors.js';
import { decodeName, positionOf, TextError, tokenize, type Token } from './lexer.js';

const kinds = (src: string) => tokenize(src).map((t) => `${t.kind}:${t.text}`);
const bytesOf = (src: string) => Array.from(tokenize(src)[0].bytes!);

function lexError(src: string): TextError {
  try {
    tokenize(src);
  } catch (e) {
    assert.instance(e, TextError);
    assert.instance(e, CompileError);
    return e as TextError;
  }
  throw new Error(`no error for ${JSON.stringify(src)}`);
}

test('token classes', () => {
  assert.equal(kinds('(module $m i32.add 0x1F -3 1.5e3 nan:0x1 nan:canonical "s" offset=4)'), [
    'lparen:(', 'keyword:module', 'id:$m', 'keyword:i32.add', 'nat:0x1F', 'int:-3', 'float:1.5e3',
    'float:nan:0x1', 'keyword:nan:canonical', 'string:"s"', 'keyword:offset=4', 'rparen:)', 'eof:',
  ]);
});

test('longest match makes glued tokens reserved (spec §6.2.2)', () => {
  for (const src of ['0$x', '"a""b"', '$l"a"', '"a"$x', '"a"0', '0"a"', '1x', '0x', 'i32.const"x"', 'a,b', 'Abc', '{}']) {
    const toks = tokenize(src);
    assert.is(toks.length, 2, src);
    assert.is(toks[0].kind, 'reserved', src);
    assert.is(toks[0].text, src);
  }
  // Identifier characters include `$`, so `$l$l` is one identifier.
  assert.equal(kinds('$l$l'), ['id:$l$l', 'eof:']);
});

test('comments: line, nested block, and their interplay', () => {
  assert.equal(kinds('a ;; comment ( "\n b'), ['keyword:a', 'keyword:b', 'eof:']);
  assert.equal(kinds('a (; x (; nested ;) y ;) b'), ['keyword:a', 'keyword:b', 'eof:']);
  assert.equal(kinds('(;;) (; ; ) ( ;) c'), ['keyword:c', 'eof:']);
  assert.equal(kinds('x;;y'), ['keyword:x', 'eof:']);
  assert.is(lexError('(; (; ;)').message, 'unclosed comment');
});

test('annotations are skipped; their syntax is still checked', () => {
  assert.equal(kinds('(@a x (y "(" (@) ) 0x) b'), ['keyword:b', 'eof:']);
  assert.equal(kinds('(@"quoted id" x)'), ['eof:']);
  assert.is(lexError('(@)').message, 'empty annotation id');
  assert.is(lexError('(@ x)').message, 'empty annotation id');
  assert.is(lexError('(@"")').message, 'empty annotation id');
  assert.is(lexError('(@"\\ef")').message, 'malformed UTF-8 encoding');
  assert.is(lexError('(@x (y)').message, 'unclosed annotation');
  assert.is(lexError('(@x "').message, 'unclosed string literal');
  assert.is(lexError('(@a \u0001)').message, 'illegal character');
});

test('string escapes (spec §6.3.3)', () => {
  assert.equal(bytesOf(String.raw`"\t\n\r\"\'\\"`), [9, 10, 13, 0x22, 0x27, 0x5c]);
  assert.equal(bytesOf(String.raw`"\00\ff\Ab"`), [0, 0xff, 0xab]);
  assert.equal(bytesOf(String.raw`"\u{41}\u{e9}\u{10_ffff}"`), [0x41, 0xc3, 0xa9, 0xf4, 0x8f, 0xbf, 0xbf]);
  assert.equal(bytesOf('"é😀"'), [0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);
  assert.is(lexError(String.raw`"\u{d800}"`).message, 'illegal escape');
  assert.is(lexError(String.raw`"\u{110000}"`).message, 'illegal escape');
  assert.is(lexError(String.raw`"\x"`).message, 'illegal escape');
  assert.is(lexError(String.raw`"\f"`).message, 'illegal escape');
  assert.is(lexError('"a\u0001"').message, 'illegal control character in string literal');
  assert.is(lexError('"abc').message, 'unclosed string literal');
  assert.is(lexError('"ab\nc"').message, 'unclosed string literal');
});

test('identifiers, including 3.0 quoted identifiers', () => {
  const [id] = tokenize('$"hello world"');
  assert.is(id.kind, 'id');
  assert.is(id.name, 'hello world');
  assert.is(tokenize('$abc')[0].name, 'abc');
  assert.is(lexError('$').message, 'empty identifier');
  assert.is(lexError('$ x').message, 'empty identifier');
  assert.is(lexError('$""').message, 'empty identifier');
  assert.is(lexError('$"a\nb"').message, 'empty identifier');
  assert.is(lexError('$"\\ff"').message, 'malformed UTF-8 encoding');
});

test('illegal characters outside strings and comments', () => {
  assert.is(lexError('(module é)').message, 'illegal character');
  assert.is(lexError('a \u0000').message, 'illegal character');
  assert.is(lexError('a \ufffd').message, 'malformed UTF-8 encoding');
  assert.equal(kinds(';; é\n(;\u0000;)x'), ['keyword:x', 'eof:']);
});

test('positions: 1-based line and column, all newline conventions', () => {
  const toks = tokenize('a\nb\r\nc\rd\n  e');
  const at = (t: Token) => `${t.text}@${t.line}:${t.column}`;
  assert.equal(toks.slice(0, 5).map(at), ['a@1:1', 'b@2:1', 'c@3:1', 'd@4:1', 'e@5:3']);
  const err = lexError('x\n (; \n\n "abc');
  assert.is(err.line, 1 + 1);
  assert.is(err.column, 2);
  assert.is(err.describe(), '2:2: unclosed comment');
  assert.equal(positionOf('ab\ncd', 4), { line: 2, column: 2 });
  const late = lexError('(a)\n  "x\u0002"');
  assert.equal([late.line, late.column, late.offset], [2, 5, 8]);
});

test('decodeName rejects malformed UTF-8 and keeps a byte order mark', () => {
  assert.is(decodeName(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61)), '\ufeffa');
  assert.is(decodeName(Uint8Array.of(0xed, 0xa0, 0x80)), undefined); // encoded surrogate
  assert.is(decodeName(Uint8Array.of(0xc0, 0x80)), undefined); // overlong
  assert.is(decodeName(Uint8Array.of(0x80)), undefined);
});

test.run();
