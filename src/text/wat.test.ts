import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { wasm2, wasm3, type Features } from '../syntax/features.js';
import type { Instr, Module } from '../syntax/module.js';
import { Op } from '../syntax/opcodes.js';
import { funcref, refType } from '../syntax/types.js';
import { Cursor } from './cursor.js';
import { TextError, tokenize } from './lexer.js';
import { parseV128Lanes } from './instructions.js';
import { parseWat } from './wat.js';

const parse = (src: string, features: Features = wasm2): Module => parseWat(src, features);
const body = (src: string, features?: Features): Instr[] => parse(src, features).funcs[0].body;
const sig = (m: Module, i: number) => m.types[i].comp;

function fails(src: string, message: string, features: Features = wasm2): TextError {
  try {
    parseWat(src, features);
  } catch (e) {
    assert.instance(e, TextError);
    const err = e as TextError;
    if (!err.message.startsWith(message)) assert.unreachable(`"${err.message}" does not start with "${message}"`);
    return err;
  }
  throw new assert.Assertion({ message: `parsed: ${src}`, operator: 'fails', generated: false, expects: message, actual: 'no error' });
}

test('module forms: wrapped with an id, bare fields, empty', () => {
  assert.equal(parse('(module $m (func))').funcs.length, 1);
  assert.equal(parse('(func) (memory 0) (func (export "f"))').funcs.length, 2);
  assert.equal(parse('').funcs, []);
  assert.equal(parse('(module)').types, []);
  fails('(module (func)) (func)', 'unexpected token');
  fails('(module (func)', 'unexpected token');
});

test('implicit types are appended after explicit ones, in order of use (spec §6.6.4)', () => {
  const m = parse(`(module
    (func $f (result f64) (f64.const 0))
    (func $g (param i32))
    (func $h (result f64) (f64.const 1))
    (type $t (func (param i32)))
    (func (type 1)))`);
  assert.is(m.types.length, 2);
  assert.equal(sig(m, 0), { kind: 'func', params: ['i32'], results: [] });
  assert.equal(sig(m, 1), { kind: 'func', params: [], results: ['f64'] });
  assert.equal(m.funcs.map((f) => f.typeIdx), [1, 0, 1, 1]);
  assert.equal(m.recGroups, [{ start: 0, count: 1 }, { start: 1, count: 1 }]);
  assert.equal(m.types[0].final, true);
  // Unknown numeric type indices pass through for the validator…
  assert.is(parse('(func (type 7))').funcs[0].typeIdx, 7);
  // …unless inline declarations must be checked against them.
  fails('(func (type 7) (param i32))', 'unknown type');
  fails('(type $t (func (param i32))) (func (type $t) (param i64))', 'inline function type');
  fails('(func (type $nope))', 'unknown type');
  assert.is(parse('(type $t (func (param i32))) (func (type $t) (param i32))').types.length, 1);
});

test('typeuse order: parameters after results are a syntax error', () => {
  fails('(func (result i32) (param i32) (i32.const 0))', 'unexpected token');
  fails('(type (func (result i32) (param i32)))', 'unexpected token');
  fails('(type $s (func)) (func (param i32) (type $s))', 'unexpected token');
  fails('(func (nop) (local i32))', 'unexpected token');
  fails('(func (local i32) (param i32))', 'unexpected token');
  fails('(type (func (result $x i32)))', 'unexpected token');
});

test('inline imports are imports: index order and the import-after-definition rule', () => {
  const m = parse(`
    (import "a" "f" (func $imp (param i32)))
    (func $inl (export "x") (import "b" "g") (result i32))
    (global $g (import "c" "g") (mut i64))
    (func $own (export "own") (export "again") (call $imp (i32.const 1)) (drop (call $inl)) (call $own))`);
  assert.equal(m.imports.map((i) => [i.module, i.name, i.desc.kind]), [['a', 'f', 'func'], ['b', 'g', 'func'], ['c', 'g', 'global']]);
  assert.equal(m.exports, [
    { name: 'x', kind: 'func', idx: 1 }, { name: 'own', kind: 'func', idx: 2 }, { name: 'again', kind: 'func', idx: 2 },
  ]);
  assert.equal(m.funcs[0].body.filter((i) => i.op === Op.call).map((i) => i.idx), [0, 1, 2]);
  fails('(func) (import "" "" (func))', 'import after function');
  fails('(global i64 (i64.const 0)) (import "" "" (memory 0))', 'import after global');
  fails('(table 0 funcref) (global (import "" "") i32)', 'import after table');
  fails('(memory 0) (func (import "" "") )', 'import after memory');
});

test('flat and folded forms produce the same instructions', () => {
  const flat = body('(func (param i32) (result i32) local.get 0 i32.const 1 i32.add i32.const 3 i32.mul)');
  const folded = body('(func (param i32) (result i32) (i32.mul (i32.add (local.get 0) (i32.const 1)) (i32.const 3)))');
  assert.equal(flat, folded);
  assert.equal(folded.map((i) => i.op), [Op.local_get, Op.i32_const, Op.i32_add, Op.i32_const, Op.i32_mul]);
});

test('structured instructions, folded if, and the empty else branch', () => {
  const folded = body('(func (result i32) (if (result i32) (i32.const 1) (then (i32.const 2)) (else (i32.const 3))))');
  const flat = body('(func (result i32) i32.const 1 if (result i32) i32.const 2 else i32.const 3 end)');
  assert.equal(folded, flat);
  assert.equal(flat.map((i) => i.op), [Op.i32_const, Op.if, Op.i32_const, Op.else, Op.i32_const, Op.end]);
  // spec §5.4.1: no `else` is encoded for an empty else branch.
  const noElse = [Op.i32_const, Op.if, Op.nop, Op.end];
  assert.equal(body('(func (if (i32.const 1) (then (nop)) (else)))').map((i) => i.op), noElse);
  assert.equal(body('(func i32.const 1 if nop else end)').map((i) => i.op), noElse);
  assert.equal(body('(func (block (loop (br 1))))').map((i) => [i.op, 'bt' in i ? i.bt : i.idx]), [
    [Op.block, null], [Op.loop, null], [Op.br, 1], [Op.end, undefined], [Op.end, undefined],
  ]);
  fails('(func (if i32.const 0 (then) (else)))', 'unexpected token');
});

test('labels resolve to depths; end/else labels must match (spec §6.5.2)', () => {
  const b = body(`(func
    (block $outer (block $inner (loop $outer (br $outer) (br $inner) (br_table $inner $outer 0 (i32.const 0))))))`);
  assert.equal(b.filter((i) => i.op === Op.br).map((i) => i.idx), [0, 1]);
  assert.equal(b.find((i) => i.op === Op.br_table), { op: Op.br_table, labels: [1, 0], idx: 0 });
  assert.ok(parse('(func block $a end $a loop $b end $b i32.const 0 if $c else $c end $c)'));
  fails('(func block end $l)', 'mismatching label');
  fails('(func block $a end $l)', 'mismatching label');
  fails('(func i32.const 0 if $a else $l end)', 'mismatching label');
  fails('(func i32.const 0 if else $l end)', 'mismatching label');
  fails('(func (block $l (br $m)))', 'unknown label');
  fails('(func (block $l (i32.const 0) (br_table $l$l)))', 'unknown label');
  // Labels are scoped: a sibling's label is not visible.
  fails('(func (block $a) (br $a))', 'unknown label');
});

test('block types: empty, one value type, type index, implicit multi-value type', () => {
  const m = parse(`
    (type $ii (func (param i32) (result i32)))
    (func (result i32)
      (block (result i32) (i32.const 1))
      (block (type $ii) (i32.const 2))
      (block (param i32) (result i32))
      (block (result i32 i64) (i32.const 1) (i64.const 2)) drop drop)`);
  const blocks = m.funcs[0].body.filter((i) => i.op === Op.block).map((i) => i.bt);
  assert.equal(blocks, ['i32', 0, 0, 2]);
  assert.equal(sig(m, 2), { kind: 'func', params: [], results: ['i32', 'i64'] });
  fails('(type $s (func)) (func (block (type $s) (result i32) (i32.const 0)))', 'inline function type');
  fails('(func (block (param $x i32) (drop)))', 'unexpected token');
  fails('(func (block (result i32) (param i32)))', 'unexpected token');
});

test('typed select, call_indirect with table and type use', () => {
  const b = body(`(table $t 1 funcref) (type $v (func))
    (func (select (result i32) (result) (i32.const 1) (i32.const 2) (i32.const 3)) drop
      (call_indirect $t (type $v) (i32.const 0))
      (call_indirect (param i64) (result f32) (i64.const 0) (i32.const 0)) drop select)`);
  assert.equal(b.find((i) => i.op === Op.select_t), { op: Op.select_t, types: ['i32'] });
  assert.equal(b.filter((i) => i.op === Op.call_indirect).map((i) => [i.idx, i.idx2]), [[0, 0], [1, 0]]);
  assert.equal(b[b.length - 1], { op: Op.select });
  fails('(table 0 funcref) (func (call_indirect (param $x i32) (i32.const 0)))', 'unexpected token');
});

test('locals: named params and locals, numeric indices, duplicates', () => {
  const m = parse('(func (param $a i32) (param f32 f64) (local $b i64) (local i32 i32) (local.get $a) (local.set $b (local.get 4)) drop)');
  assert.equal(m.funcs[0].locals, ['i64', 'i32', 'i32']);
  assert.equal(m.funcs[0].body.filter((i) => i.idx !== undefined).map((i) => i.idx), [0, 4, 3]);
  const t = parse('(type $t (func (param i32 i32))) (func (type $t) (local $x f32) (local.get $x) drop)');
  assert.is(t.funcs[0].body[0].idx, 2);
  fails('(func (param $foo i32) (local $foo i32))', 'duplicate local');
  fails('(func (local.get $nope) drop)', 'unknown local');
});

test('memory instructions: memarg defaults, offset and alignment', () => {
  const b = body(`(memory 1) (func
    (drop (i32.load (i32.const 0)))
    (drop (i64.load16_s offset=0x10 align=1 (i32.const 0)))
    (f64.store offset=4294967295 (i32.const 0) (f64.const 0))
    (drop (memory.size)) (drop (memory.grow (i32.const 1))))`);
  assert.equal(b.filter((i) => i.mem).map((i) => i.mem), [
    { align: 2, offset: 0, mem: 0 }, { align: 0, offset: 16, mem: 0 }, { align: 3, offset: 4294967295, mem: 0 },
  ]);
  assert.equal(b.filter((i) => i.op === Op.memory_size || i.op === Op.memory_grow).map((i) => i.idx), [0, 0]);
  fails('(memory 0) (func (drop (i32.load align=3 (i32.const 0))))', 'alignment');
  fails('(memory 0) (func (drop (i32.load align=0 (i32.const 0))))', 'alignment');
  fails('(memory 1) (func (drop (i32.load offset=4294967296 (i32.const 0))))', 'i32 constant');
  fails('(memory 1) (func (drop (i32.load align=4 offset=0 (i32.const 0))))', 'unexpected token');
  fails('(memory 1) (func (drop (i32.load32 (i32.const 0))))', 'unknown operator');
  // memory64 (3.0) widens offsets.
  const wide = body('(memory i64 1) (func (drop (i32.load offset=4294967296 (i64.const 0))))', wasm3);
  assert.is(wide[1].mem!.offset, 4294967296);
});

test('bulk memory and table instructions; the data count', () => {
  const m = parse(`(memory 1) (table $t 1 funcref) (table $u 1 funcref) (elem $e func) (data $d "")
    (func (memory.init $d (i32.const 0) (i32.const 0) (i32.const 0)) (data.drop 0)
      (memory.copy (i32.const 0) (i32.const 0) (i32.const 0)) (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))
      (table.init $e (i32.const 0) (i32.const 0) (i32.const 0)) (table.init $u $e (i32.const 0) (i32.const 0) (i32.const 0))
      (table.copy (i32.const 0) (i32.const 0) (i32.const 0)) (table.copy $u $t (i32.const 0) (i32.const 0) (i32.const 0))
      (elem.drop $e) (drop (table.size $u)) (drop (table.get (i32.const 0))))`);
  const ops = m.funcs[0].body.filter((i) => i.op > 0xff || i.op === Op.table_get);
  assert.equal(ops.map(({ op, idx, idx2 }) => [op, idx, idx2]), [
    [Op.memory_init, 0, 0], [Op.data_drop, 0, undefined], [Op.memory_copy, 0, 0], [Op.memory_fill, 0, undefined],
    [Op.table_init, 0, 0], [Op.table_init, 0, 1], [Op.table_copy, 0, 0], [Op.table_copy, 1, 0],
    [Op.elem_drop, 0, undefined], [Op.table_size, 1, undefined], [Op.table_get, 0, undefined],
  ]);
  assert.is(m.dataCount, 1);
  assert.is(parse('(memory 1) (data "x") (func)').dataCount, undefined);
});

test('constants: ranges and literal forms', () => {
  const b = body('(func (i32.const 0xffffffff) (i64.const -0x8000000000000000) (f32.const -0x1p-149) (f64.const nan:0x4))');
  assert.equal(b.map((i) => i.value), [-1, -0x8000000000000000n, 0x80000001 | 0, 0x7ff0000000000004n]);
  fails('(func (i32.const 0x100000000) drop)', 'constant out of range');
  fails('(func (i64.const -9223372036854775809) drop)', 'constant out of range');
  fails('(func (f32.const 0x1p128) drop)', 'constant out of range');
  fails('(func (f64.const nan:0x0) drop)', 'constant out of range');
  fails('(func (i32.const) drop)', 'unexpected token');
  fails('(func (i32.const 1.5) drop)', 'unexpected token');
  fails('(func (f32.const nan:canonical))', 'unexpected token');
  fails('(func (i32.const 0x) drop)', 'unknown operator');
  fails('(func (f32.const nan:1) drop)', 'unknown operator');
  fails('(global i32 (i32.const 1__0))', 'unknown operator');
});

test('v128 literals (shared with the script parser)', () => {
  const lanes = (src: string) => Array.from(parseV128Lanes(new Cursor(tokenize(src))));
  assert.equal(lanes('i32x4 1 2 3 -1'), [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 255, 255, 255, 255]);
  assert.equal(lanes('i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 -1 255'), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 255, 255]);
  assert.equal(lanes('i16x8 0x1234 0 0 0 0 0 0 -32768'), [0x34, 0x12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80]);
  assert.equal(lanes('f32x4 1 -0 inf nan').slice(0, 8), [0, 0, 0x80, 0x3f, 0, 0, 0, 0x80]);
  assert.equal(lanes('i64x2 -1 0x8000000000000000').slice(8), [0, 0, 0, 0, 0, 0, 0, 0x80]);
  assert.equal(lanes('f64x2 0 1').slice(8), [0, 0, 0, 0, 0, 0, 0xf0, 0x3f]);
  assert.throws(() => lanes('i8x16 256 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0'), /constant out of range/);
  // The reference interpreter's wording for SIMD literals (simd_const.wast).
  assert.throws(() => lanes('i32x4 1 2 3'), /^wrong number of lane literals/);
  assert.throws(() => lanes('i32x4 1 1 1 1 1'), /^wrong number of lane literals/);
  assert.throws(() => lanes('i32x4 0x10000000000000000 0x10000000000000000'), /^wrong number of lane literals/);
  assert.throws(() => lanes('i16x8 0x 0x 0x 0x 0x 0x 0x 0x'), /^unknown operator/);
  assert.throws(() => lanes('0 0 0 0'), /^unexpected token/);
  assert.throws(() => lanes('i32x4 1.5 2 3 4'), /unexpected token/);
  assert.throws(() => lanes('i33x4 1 2 3 4'), /unknown operator/);
});

test('element segments: every form becomes ref.func expressions', () => {
  const m = parse(`(module
    (table $t 10 funcref)
    (func $f) (func $g)
    (elem (i32.const 0) $f $g)
    (elem $e (table $t) (offset (i32.const 2)) func $g)
    (elem declare func $f)
    (elem funcref (ref.func $g) (ref.null func) (item (ref.func 0)))
    (elem (i32.const 5) externref (ref.null extern))
    (table $u funcref (elem $g $f))
    (table $v funcref (elem (ref.func $f))))`);
  const rf = (i: number) => [{ op: Op.ref_func, idx: i }];
  const [a, b, c, d, e, u, v] = m.elems;
  assert.equal(a, { mode: 'active', type: funcref, init: [rf(0), rf(1)], table: 0, offset: [{ op: Op.i32_const, value: 0 }] });
  assert.equal(b, { mode: 'active', type: funcref, init: [rf(1)], table: 0, offset: [{ op: Op.i32_const, value: 2 }] });
  assert.equal(c, { mode: 'declarative', type: funcref, init: [rf(0)] });
  assert.equal(d.init, [rf(1), [{ op: Op.ref_null, heap: 'func' }], rf(0)]);
  assert.equal(e.type, refType(true, 'extern'));
  assert.equal(u, { mode: 'active', type: funcref, init: [rf(1), rf(0)], table: 1, offset: [{ op: Op.i32_const, value: 0 }] });
  assert.equal(v.table, 2);
  assert.equal(m.tables.map((t) => t.type.limits), [{ min: 10 }, { min: 2, max: 2 }, { min: 1, max: 1 }]);
  // 3.0 typed function references: `func` element lists are non-nullable.
  assert.equal(parse('(func $f) (elem declare func $f)', wasm3).elems[0].type, refType(false, 'func'));
});

test('data segments and inline memory data', () => {
  const m = parse(`(memory $m 1)
    (data (i32.const 1) "a" "" "bc")
    (data $d (memory $m) (offset (i32.const 2)))
    (data "passive\\00")
    (memory (export "big") (data "${'x'.repeat(10)}" "${'y'.repeat(65530)}"))`);
  assert.equal(Array.from(m.datas[0].bytes), [0x61, 0x62, 0x63]);
  assert.equal(m.datas[1], { mode: 'active', bytes: new Uint8Array(0), mem: 0, offset: [{ op: Op.i32_const, value: 2 }] });
  assert.equal(m.datas[2].mode, 'passive');
  assert.equal(m.mems[1], { limits: { min: 2, max: 2 }, addr: 'i32', shared: false });
  assert.is(m.datas[3].mem, 1);
  assert.equal(m.exports, [{ name: 'big', kind: 'memory', idx: 1 }]);
  fails('(memory 1) (data "a""b")', 'unknown operator');
  fails('(memory 1) (data $l"a")', 'unknown operator');
});

test('limits, tables, memories, globals', () => {
  const m = parse(`(table 1 2 externref) (memory 0 65536) (global $g (mut f32) (f32.const 1)) (global i64 (global.get $g))`);
  assert.equal(m.tables[0].type, { limits: { min: 1, max: 2 }, addr: 'i32', elem: refType(true, 'extern') });
  assert.equal(m.mems[0].limits, { min: 0, max: 65536 });
  assert.equal(m.globals[0].type, { type: 'f32', mutable: true });
  assert.equal(m.globals[1].init, [{ op: Op.global_get, idx: 0 }]);
  fails('(memory 0x1_0000_0000)', 'i32 constant out of range');
  fails('(table 0 0x1_0000_0000 funcref)', 'i32 constant out of range');
  fails('(global $g anyfunc (ref.null func))', 'unknown operator anyfunc');
  fails('(memory i64 1)', 'unexpected token');
  assert.equal(parse('(memory i64 1)', wasm3).mems[0].addr, 'i64');
  assert.equal(parse('(memory 0x1_0000_0000)', wasm3).mems[0].limits.min, 2 ** 32);
});

test('identifiers: duplicates and unknowns in every index space', () => {
  fails('(func $foo) (func $foo)', 'duplicate func');
  fails('(import "" "" (func $foo)) (func $foo)', 'duplicate func');
  fails('(global $foo i32 (i32.const 0)) (global $foo i32 (i32.const 0))', 'duplicate global');
  fails('(memory $foo 1) (memory $foo 1)', 'duplicate memory');
  fails('(table $foo 1 funcref) (table $foo 1 funcref)', 'duplicate table');
  fails('(type $t (func)) (type $t (func))', 'duplicate type');
  fails('(elem $e func) (elem $e func)', 'duplicate elem');
  fails('(data $d) (data $d)', 'duplicate data');
  fails('(func (call $nope))', 'unknown function $nope');
  fails('(func (drop (global.get $nope)))', 'unknown global');
  fails('(export "t" (table $nope))', 'unknown table');
  fails('(func (data.drop $nope))', 'unknown data segment');
  // Forward references resolve.
  assert.equal(parse('(export "f" (func $later)) (start $later) (func $later)').start, 0);
});

test('names must be valid UTF-8; start at most once', () => {
  fails('(func (export "\\ed\\a0\\80"))', 'malformed UTF-8 encoding');
  fails('(import "\\80" "" (func))', 'malformed UTF-8 encoding');
  assert.is(parse('(func (export "\\u{1F600}"))').exports[0].name, '😀');
  fails('(func $a) (start $a) (start $a)', 'multiple start sections');
});

test('unknown operator versus unexpected token', () => {
  fails('(func (drop (get_local 0)))', 'unknown operator get_local');
  fails('(func get_local 0)', 'unknown operator get_local');
  fails('(func (drop (i32.const0)))', 'unknown operator');
  fails('(func br 0drop)', 'unknown operator');
  fails('(func "a"x)', 'unknown operator');
  fails('(func (local i32) (local.get 0 0))', 'unexpected token');
  fails('(func (then))', 'unexpected token');
  fails('(module (funk))', 'unknown operator');
  fails('(module (elem.drop 0))', 'unexpected token');
});

test('errors carry line and column', () => {
  const err = fails('(module\n  (func\n    (i32.const 0x100000000) drop))', 'constant out of range');
  assert.equal([err.line, err.column], [3, 16]);
});

test('3.0: typed references, tags and try_table, tail calls', () => {
  const m = parse(`(type $f (func (param i32)))
    (tag $e (param i32))
    (table 1 (ref null $f))
    (table 2 (ref $f) (ref.func $g))
    (func $g (type $f)
      (block $out
        (try_table (catch $e $out) (catch_all 0) (throw $e (i32.const 1))))
      (call_ref $f (i32.const 0) (ref.func $g))
      (return_call $g (i32.const 0)))`, wasm3);
  assert.equal(m.tags, [{ typeIdx: 0 }]);
  assert.equal(m.tables[0].type.elem, refType(true, 0));
  assert.equal(m.tables[1].init, [{ op: Op.ref_func, idx: 0 }]);
  const tt = m.funcs[0].body.find((i) => i.op === Op.try_table)!;
  assert.equal(tt.catches, [{ kind: 'catch', tag: 0, label: 0 }, { kind: 'catch_all', label: 0 }]);
  assert.ok(m.funcs[0].body.some((i) => i.op === Op.call_ref && i.idx === 0));
  fails('(tag (param i32))', 'unexpected token');
  fails('(table 1 (ref null func))', 'unexpected token');
});

test('3.0: recursive groups, subtypes, struct and array types', () => {
  const m = parse(`(type $pt (func))
    (rec (type $a (sub (struct (field $x i32) (field (mut i8) i16)))) (type $b (sub final $a (struct (field i32 i8 i16)))))
    (type $arr (array (mut (ref null $a))))
    (func (type $pt))`, wasm3);
  assert.equal(m.recGroups, [{ start: 0, count: 1 }, { start: 1, count: 2 }, { start: 3, count: 1 }]);
  assert.equal(m.types[1], {
    final: false, supers: [],
    comp: { kind: 'struct', fields: [{ type: 'i32', mutable: false }, { type: 'i8', mutable: true }, { type: 'i16', mutable: false }] },
  });
  assert.equal(m.types[2].supers, [1]);
  assert.is(m.types[2].final, true);
  assert.equal(m.types[3].comp, { kind: 'array', field: { type: refType(true, 1), mutable: true } });
  // An implicit type never reuses a type from a larger group or with supertypes.
  const n = parse('(rec (type (func)) (type (func))) (func)', wasm3);
  assert.is(n.funcs[0].typeIdx, 2);
  fails('(rec (type (func)))', 'unexpected token');
  fails('(type (struct))', 'unexpected token');
  fails('(type (struct (field $x i32) (field $x i64)))', 'duplicate field', wasm3);
});

test('function identifiers become function names (for backtraces)', () => {
  const m = parseWat('(module (import "m" "f" (func $imp)) (func $a) (func) (func $c))');
  assert.equal(m.names?.funcs, new Map([[0, 'imp'], [1, 'a'], [3, 'c']]));
  assert.equal(parseWat('(module (func))').names, undefined);
});

test.run();
