import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Cursor, isKnownKeyword, isUnknownOperator } from './cursor.js';
import { tokenize } from './lexer.js';
import { parseF32, parseI32 } from './numbers.js';

const cursor = (src: string) => new Cursor(tokenize(src));

test('known keywords: grammar words, instruction names, memarg keywords', () => {
  for (const kw of ['module', 'param', 'funcref', 'i32.add', 'memory.init', 'offset=0x10', 'align=8', 'nan:canonical', 'assert_return']) {
    assert.ok(isKnownKeyword(kw), kw);
  }
  for (const kw of ['get_local', 'anyfunc', 'i32.load32', 'offset=x', 'align=', 'modulex']) {
    assert.not.ok(isKnownKeyword(kw), kw);
  }
  const [reserved, unknown, known, id] = tokenize('0$x get_local i32.add $x');
  assert.ok(isUnknownOperator(reserved));
  assert.ok(isUnknownOperator(unknown));
  assert.not.ok(isUnknownOperator(known));
  assert.not.ok(isUnknownOperator(id));
});

test('unexpected: wording by token, position of the token', () => {
  const c = cursor('(module\n  grow_memory local "s")');
  c.pos = 2;
  const unknown = c.unexpected();
  assert.equal([unknown.message, unknown.line, unknown.column], ['unknown operator grow_memory', 2, 3]);
  c.pos = 3;
  assert.is(c.unexpected().message, 'unexpected token "local"');
  c.pos = 6;
  assert.is(c.unexpected().message, 'unexpected token (end of input)');
});

test('peek, next and the eof token', () => {
  const c = cursor('(a)');
  assert.ok(c.isLParenKeyword('a'));
  assert.is(c.next().kind, 'lparen');
  assert.ok(c.eatKeyword('a'));
  assert.not.ok(c.eatKeyword('a'));
  assert.is(c.expectRParen().kind, 'rparen');
  assert.is(c.next().kind, 'eof');
  assert.is(c.next().kind, 'eof');
  assert.is(c.peek(5).kind, 'eof');
});

test('skipBalanced and its error at end of input', () => {
  const c = cursor('(a (b c) (d)) e');
  c.skipBalanced();
  assert.is(c.peek().text, 'e');
  assert.throws(() => cursor('(a (b)').skipBalanced(), /unexpected token \(end of input\)/);
});

test('number and name', () => {
  const c = cursor('0x10 1.5 0x1p128 "a\\62" "\\ff"');
  assert.is(c.number(parseI32, 'int'), 16);
  assert.throws(() => c.number(parseI32, 'int'), /unexpected token "1.5"/);
  assert.is(c.number(parseF32, 'float'), 0x3fc00000);
  assert.throws(() => c.number(parseF32, 'float'), /constant out of range/);
  assert.is(c.name(), 'ab');
  assert.throws(() => c.name(), /malformed UTF-8 encoding/);
});

test.run();
