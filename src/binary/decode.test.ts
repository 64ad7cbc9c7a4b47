import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CompileError } from '../errors.js';
import { wasm2, wasm3 } from '../syntax/features.js';
import { emptyModule, type Module } from '../syntax/module.js';
import { funcref } from '../syntax/types.js';
import { decodeModule } from './decode.js';
import { bytes, leb, oneFunc, section, str, throwsCompile, wasm, withoutOps } from './fixtures.test.js';

const decode = (b: Uint8Array) => decodeModule(b);

test('the empty module', () => {
  assert.equal(decode(wasm()), emptyModule());
});

test('header: magic and version', () => {
  throwsCompile(() => decode(bytes('')), 'unexpected end', 0);
  throwsCompile(() => decode(bytes('00 61 73')), 'unexpected end', 3);
  throwsCompile(() => decode(bytes('00 61 73 6d 01 00 00')), 'unexpected end', 7);
  throwsCompile(() => decode(bytes('00 41 53 4d 01 00 00 00')), 'magic header not detected', 0);
  throwsCompile(() => decode(bytes('00 61 73 6d 02 00 00 00')), 'unknown binary version', 4);
  throwsCompile(() => decode(bytes('00 61 73 6d 00 00 00 01')), 'unknown binary version', 4);
});

test('a module with every 2.0 section decodes to the expected structure', () => {
  const body = bytes('01 01 7f 41 00 21 00 0b'); // one i32 local; local.set 0 (i32.const 0)
  const m = decode(wasm(
    section(1, '01 60 01 7f 00'),
    section(2, 1, str('env'), str('f'), '00 00'),
    section(3, '01 00'),
    section(4, '01 70 00 01'),
    section(5, '01 00 01'),
    section(6, '01 7f 00 41 07 0b'),
    section(7, 1, str('g'), '03 00'),
    section(8, '01'),
    section(9, '01 00 41 00 0b 01 01'),
    section(12, '01'),
    section(10, 1, leb(body.length), body),
    section(11, '01 01 02 68 69'),
    section(0, str('meta'), 'aa'),
  ));
  const expected: Module = {
    ...emptyModule(),
    types: [{ final: true, supers: [], comp: { kind: 'func', params: ['i32'], results: [] } }],
    recGroups: [{ start: 0, count: 1 }],
    imports: [{ module: 'env', name: 'f', desc: { kind: 'func', typeIdx: 0 } }],
    funcs: [{ typeIdx: 0, locals: ['i32'], body: [{ op: 0x41, value: 0 }, { op: 0x21, idx: 0 }] }],
    tables: [{ type: { limits: { min: 1 }, addr: 'i32', elem: funcref } }],
    mems: [{ limits: { min: 1 }, addr: 'i32', shared: false }],
    globals: [{ type: { type: 'i32', mutable: false }, init: [{ op: 0x41, value: 7 }] }],
    exports: [{ name: 'g', kind: 'global', idx: 0 }],
    start: 1,
    elems: [{ mode: 'active', type: funcref, init: [[{ op: 0xd2, idx: 1 }]], table: 0, offset: [{ op: 0x41, value: 0 }] }],
    datas: [{ mode: 'passive', bytes: bytes('68 69') }],
    dataCount: 1,
    customs: [{ name: 'meta', bytes: bytes('aa') }],
  };
  assert.equal(withoutOps(m), expected);
  assert.equal([...m.funcs[0].ops!], [0x41, 0x21]);
});

test('section ids, order and uniqueness (spec §5.5.2)', () => {
  throwsCompile(() => decode(wasm('0e 01 00')), 'malformed section id', 8);
  throwsCompile(() => decode(wasm('0d 01 00')), 'malformed section id', 8); // tags are 3.0
  throwsCompile(() => decode(wasm('ff 01 00')), 'malformed section id', 8);
  throwsCompile(() => decode(wasm(section(1, '00'), section(1, '00'))), 'unexpected content after last section', 11);
  throwsCompile(() => decode(wasm(section(3, '00'), section(2, '00'))), 'unexpected content after last section');
  throwsCompile(() => decode(wasm(section(10, '00'), section(12, '00'))), 'unexpected content after last section');
  throwsCompile(() => decode(wasm(section(12, '00'), section(9, '00'))), 'unexpected content after last section');
  throwsCompile(() => decodeModule(wasm(section(6, '00'), section(13, '00')), wasm3), 'unexpected content after last section');
  // custom sections may appear anywhere, any number of times
  const m = decode(wasm(section(0, str('a')), section(1, '00'), section(0, str('b')), section(0, str('a'))));
  assert.equal(m.customs.map((c) => c.name), ['a', 'b', 'a']);
  // the tag section sits between memory and global
  const t = decodeModule(wasm(section(1, '01 60 00 00'), section(5, '00'), section(13, '01 00 00'), section(6, '00')), wasm3);
  assert.equal(t.tags, [{ typeIdx: 0 }]);
});

test('section sizes', () => {
  throwsCompile(() => decode(wasm('01 05 00')), 'length out of bounds', 9);
  throwsCompile(() => decode(wasm('01 02 00 00')), 'section size mismatch', 10);
  throwsCompile(() => decode(wasm('01 01 01 60 00 00')), 'section size mismatch', 10);
  throwsCompile(() => decode(wasm('00')), 'unexpected end of section or function', 9);
  throwsCompile(() => decode(wasm('00 00')), 'unexpected end of section or function');
  // A section whose contents are short reads on into the next one, as the reference does.
  throwsCompile(() => decode(wasm('01 04 02 60 00 00 60 00 00')), 'section size mismatch', 10);
});

test('function and code sections must agree', () => {
  throwsCompile(() => decode(wasm(section(1, '01 60 00 00'), section(3, '02 00 00'))),
    'function and code section have inconsistent lengths');
  throwsCompile(() => decode(wasm(section(10, '01 02 00 0b'))), 'function and code section have inconsistent lengths');
  assert.equal(decode(wasm(section(3, '00'), section(10, '00'))), emptyModule());
  // checked after all sections: a later malformation wins
  throwsCompile(() => decode(wasm(section(1, '01 60 00 00'), section(3, '02 00 00'), section(11, '01 03'))),
    'malformed data segment kind');
});

test('data count section checks', () => {
  throwsCompile(() => decode(wasm(section(12, '03'), section(11, '02 01 00 01 00'))),
    'data count and data section have inconsistent lengths');
  throwsCompile(() => decode(wasm(section(5, '01 00 01'), section(12, '01'))),
    'data count and data section have inconsistent lengths');
  assert.is(decode(wasm(section(12, '00'))).dataCount, 0);
  const withMemory = (body: string, ...rest: Uint8Array[]) => {
    const [type, func, code] = oneFunc(body);
    return wasm(type, func, section(5, '01 00 00'), ...rest, code, section(11, '01 01 00'));
  };
  throwsCompile(() => decode(withMemory('41 00 41 00 41 00 fc 08 00 00')), 'data count section required');
  throwsCompile(() => decode(withMemory('fc 09 00')), 'data count section required');
  const ok = decode(withMemory('fc 09 00', section(12, '01')));
  assert.equal(ok.funcs[0].body, [{ op: 0xfc0009, idx: 0 }]);
});

test('function bodies: missing end markers', () => {
  throwsCompile(() => decode(wasm(section(1, '01 60 00 00'), section(3, '02 00 00'),
    section(10, '02 04 00 41 01 1a 05 00 41 01 1a 0b'))), 'END opcode expected');
  throwsCompile(() => decode(wasm(section(1, '01 60 00 00'), section(3, '01 00'), '0a 06 01 04 00 41 01 1a')),
    'unexpected end of section or function');
  throwsCompile(() => decode(wasm(section(1, '01 60 00 00'), section(3, '01 00'), '0a 06 01 04 00 41 01 1a',
    section(11, '01 00'))), 'section size mismatch');
});

test('2.0 and 3.0 features decode the same bytes differently', () => {
  const [type, func, code] = oneFunc('3f 01 1a');
  const mem = wasm(type, func, section(5, '01 00 00'), code);
  throwsCompile(() => decodeModule(mem, wasm2), 'zero byte expected');
  assert.equal(decodeModule(mem, wasm3).funcs[0].body, [{ op: 0x3f, idx: 1 }, { op: 0x1a }]);
});

test('a malformed name section is kept as a custom section and otherwise ignored', () => {
  const good = decode(wasm(section(0, str('name'), section(1, 1, 0, str('f')))));
  assert.equal(good.names, { funcs: new Map([[0, 'f']]), locals: new Map() });
  assert.is(good.customs.length, 1);
  const bad = decode(wasm(section(0, str('name'), '01 09 01')));
  assert.is(bad.names, undefined);
  assert.equal(bad.customs, [{ name: 'name', bytes: bytes('01 09 01') }]);
});

test('every error is a CompileError with an offset, never a JS error', () => {
  // Truncations of a module using most encodings: each prefix must fail cleanly or decode.
  const full = wasm(
    section(1, '02 60 02 7f 7e 01 7d 60 00 00'),
    section(2, 1, str('m'), str('t'), '01 70 01 00 02'),
    section(3, '02 00 01'),
    section(5, '01 01 01 02'),
    section(6, '01 7c 01 44 00 00 00 00 00 00 f0 3f 0b'),
    section(7, 1, str('e'), '00 01'),
    section(9, '02 05 70 01 d0 70 0b 06 00 41 00 0b 70 00'),
    section(12, '01'),
    section(10, '02 0c 01 01 7e 20 00 42 7f 51 04 40 0b 0b 0c 00 02 7f 41 01 0e 01 00 00 0b 1a 0b'),
    section(11, '01 01 02 ab cd'),
  );
  decode(full);
  for (let n = 0; n < full.length; n++) {
    try {
      decode(full.subarray(0, n));
    } catch (e) {
      assert.instance(e, CompileError);
      assert.type((e as CompileError).offset, 'number');
    }
  }
});

test("each body's opcodes (Func.ops), also for a body larger than the arena they are cut from", () => {
  // 40,000 × (i32.const 1, drop), then f32.const 0, i32.trunc_sat_f32_s (prefixed: 0xFC 0x00), drop.
  const seq: number[] = [];
  for (let i = 0; i < 40_000; i++) seq.push(0x41, 0x01, 0x1a);
  seq.push(0x43, 0, 0, 0, 0, 0xfc, 0x00, 0x1a);
  for (let k = 0; k < 3; k++) {
    const m = decode(wasm(...oneFunc(seq)));
    withoutOps(m); // checks ops against the body
    const ops = m.funcs[0].ops!;
    assert.is(ops.length, 80_003);
    assert.equal([...ops.subarray(0, 3)], [0x41, 0x1a, 0x41]);
    assert.equal([...ops.subarray(-3)], [0x43, 256 + 512, 0x1a]);
  }
});

test.run();
