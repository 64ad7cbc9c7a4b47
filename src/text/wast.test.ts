import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TextError } from './lexer.js';
import type { Command } from './script.js';
import { parseWast } from './wast.js';

const commands = (src: string): Command[] => [...parseWast(src).commands];
const one = (src: string): Command => {
  const cmds = commands(src);
  assert.is(cmds.length, 1);
  return cmds[0];
};

function scriptError(src: string): TextError {
  try {
    parseWast(src);
  } catch (e) {
    assert.instance(e, TextError);
    return e as TextError;
  }
  throw new assert.Assertion({ message: `parsed: ${src}`, operator: 'throws', generated: false, expects: 'TextError', actual: 'none' });
}

test('text modules keep their exact source; binary and quote modules are concatenated', () => {
  const src = ';; hi\n(module $M\n  (func (export "f") (result i32) (i32.const 1)) ;; c\n)\n(module binary "\\00asm" "\\01\\00\\00\\00")\n(module $Q quote "(func" " $f)")';
  const [text, bin, quote] = commands(src);
  assert.equal(text, {
    line: 2, kind: 'module',
    module: { kind: 'text', id: '$M', source: '(module $M\n  (func (export "f") (result i32) (i32.const 1)) ;; c\n)' },
  });
  assert.equal(bin, { line: 5, kind: 'module', module: { kind: 'binary', id: undefined, bytes: Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0) } });
  assert.equal(quote, { line: 6, kind: 'module', module: { kind: 'quote', id: '$Q', text: '(func $f)' } });
});

test('a script of bare module fields is one inline module', () => {
  const src = '(func) (memory 0) (func (export "f"))\n';
  assert.equal(one(src), { line: 1, kind: 'module', module: { kind: 'text', source: src } });
});

test('3.0 module definitions and instances', () => {
  const [def, inst, bin] = commands('(module definition $M (func))\n(module instance $I $M)\n(module definition binary "")');
  assert.equal(def, { line: 1, kind: 'module_definition', module: { kind: 'text', id: '$M', source: '(module $M (func))' } });
  assert.equal(inst, { line: 2, kind: 'module_instance', instance: '$I', definition: '$M' });
  assert.equal(bin, { line: 3, kind: 'module_definition', module: { kind: 'binary', id: undefined, bytes: new Uint8Array(0) } });
});

test('register, invoke and get', () => {
  assert.equal(one('(register "M" $M)'), { line: 1, kind: 'register', name: 'M', module: '$M' });
  assert.equal(one('(register "N")'), { line: 1, kind: 'register', name: 'N', module: undefined });
  assert.equal(one('(invoke $M "f" (i32.const -1) (i64.const 0xffffffffffffffff) (f32.const -0) (f64.const nan:0x1))'), {
    line: 1, kind: 'action',
    action: {
      kind: 'invoke', module: '$M', name: 'f',
      args: [
        { type: 'i32', value: -1 }, { type: 'i64', value: -1n },
        { type: 'f32', bits: 0x80000000 | 0 }, { type: 'f64', bits: 0x7ff0000000000001n },
      ],
    },
  });
  assert.equal(one('(get "g")'), { line: 1, kind: 'action', action: { kind: 'get', module: undefined, name: 'g' } });
});

test('assert_return: constants and result patterns', () => {
  const cmd = one(`(assert_return (invoke "f" (ref.null extern) (ref.extern 7) (ref.host 2) (v128.const i16x8 1 2 3 4 5 6 7 -1))
    (f32.const nan:canonical) (f64.const nan:arithmetic) (f32.const nan) (ref.func) (ref.extern) (ref.null func) (ref.null)
    (ref.struct) (v128.const f32x4 nan:canonical 1 -inf nan:arithmetic) (v128.const f64x2 1 2)
    (either (i32.const 1) (i64.const 2)))`);
  assert.is(cmd.kind, 'assert_return');
  if (cmd.kind !== 'assert_return') return;
  assert.equal(cmd.action.kind === 'invoke' && cmd.action.args.slice(0, 3), [
    { type: 'ref.null', heap: 'extern' }, { type: 'ref.extern', value: 7 }, { type: 'ref.host', value: 2 },
  ]);
  assert.equal(cmd.action.kind === 'invoke' && cmd.action.args[3], {
    type: 'v128', bytes: Uint8Array.of(1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 255, 255),
  });
  assert.equal(cmd.expected, [
    { type: 'f32', nan: 'canonical' },
    { type: 'f64', nan: 'arithmetic' },
    { type: 'f32', bits: 0x7fc00000 },
    { type: 'ref', heap: 'func' },
    { type: 'ref', heap: 'extern' },
    { type: 'ref.null', heap: 'func' },
    { type: 'null' },
    { type: 'ref', heap: 'struct' },
    {
      type: 'v128', shape: 'f32x4',
      lanes: [{ kind: 'nan', nan: 'canonical' }, { kind: 'bits', bits: 0x3f800000 }, { kind: 'bits', bits: 0xff800000 | 0 }, { kind: 'nan', nan: 'arithmetic' }],
    },
    { type: 'v128', bytes: Uint8Array.of(0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0, 0, 0, 0, 0, 0, 0, 0x40) },
    { type: 'either', options: [{ type: 'i32', value: 1 }, { type: 'i64', value: 2n }] },
  ]);
});

test('assertions on actions and on modules', () => {
  const src = `(assert_trap (invoke "t") "unreachable")
(assert_trap (module (start 0) (func unreachable)) "unreachable")
(assert_exhaustion (invoke "r") "call stack exhausted")
(assert_exception (invoke "x"))
(assert_malformed (module quote "(func") "unexpected token")
(assert_invalid (module (func (result i32))) "type mismatch")
(assert_unlinkable (module (import "a" "b" (func))) "unknown import")
(assert_uninstantiable (module binary "") "x")`;
  const kinds = commands(src).map((c) => [c.kind, c.line, 'message' in c ? c.message : undefined]);
  assert.equal(kinds, [
    ['assert_trap', 1, 'unreachable'], ['assert_trap_module', 2, 'unreachable'],
    ['assert_exhaustion', 3, 'call stack exhausted'], ['assert_exception', 4, undefined],
    ['assert_malformed', 5, 'unexpected token'], ['assert_invalid', 6, 'type mismatch'],
    ['assert_unlinkable', 7, 'unknown import'], ['assert_uninstantiable', 8, 'x'],
  ]);
  const trapModule = commands(src)[1];
  assert.equal(trapModule.kind === 'assert_trap_module' && trapModule.module, {
    kind: 'text', id: undefined, source: '(module (start 0) (func unreachable))',
  });
});

test('malformed scripts throw positioned errors', () => {
  const e = scriptError('(module)\n  (frobnicate)');
  assert.equal([e.line, e.column, e.message], [2, 4, 'unknown operator frobnicate']);
  assert.match(scriptError('(invoke "f" (f32.const nan:canonical))').message, /^unexpected token/);
  assert.match(scriptError('(assert_return (invoke "f") (i32.const 0x1_0000_0000))').message, /^constant out of range/);
  assert.match(scriptError('(assert_trap (invoke "f"))').message, /^unexpected token/);
  assert.match(scriptError('(module (func)').message, /^unexpected token/);
  assert.match(scriptError('(invoke "\\ff")').message, /^malformed UTF-8 encoding/);
  assert.match(scriptError('(module quote "a" 1)').message, /^unexpected token/);
});

test.run();
