import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { wasm2, wasm3, type Features } from '../syntax/features.js';
import { emptyModule } from '../syntax/module.js';
import { externref, funcref, refType, type SubType } from '../syntax/types.js';
import { bytes, throwsCompile } from './fixtures.test.js';
import { Reader } from './reader.js';
import {
  readBlockType, readGlobalType, readHeapType, readMemType, readRecType, readRefType,
  readTableType, readTagType, readValType, writeBlockType, writeGlobalType, writeMemType,
  writeRecGroup, writeSubType, writeTableType, writeTagType, writeValType,
} from './types.js';
import { Writer } from './writer.js';

const rd = (hex: string) => new Reader(bytes(hex));
const noExceptions: Features = { ...wasm3, exceptions: false };

function out(f: (w: Writer) => void): string {
  const w = new Writer();
  f(w);
  return [...w.finish()].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

test('value types: numbers, v128, 2.0 references', () => {
  assert.is(readValType(rd('7f'), wasm2), 'i32');
  assert.is(readValType(rd('7e'), wasm2), 'i64');
  assert.is(readValType(rd('7d'), wasm2), 'f32');
  assert.is(readValType(rd('7c'), wasm2), 'f64');
  assert.is(readValType(rd('7b'), wasm2), 'v128');
  assert.equal(readValType(rd('70'), wasm2), funcref);
  assert.equal(readValType(rd('6f'), wasm2), externref);
  throwsCompile(() => readValType(rd('7b'), { ...wasm2, simd: false }), 'malformed reference type', 0);
  throwsCompile(() => readValType(rd('40'), wasm2), 'malformed reference type', 0);
  throwsCompile(() => readValType(rd('e0 7f'), wasm2), 'integer representation too long', 1);
});

test('3.0 reference types are gated by their features', () => {
  throwsCompile(() => readValType(rd('63 70'), wasm2), 'malformed reference type', 0);
  throwsCompile(() => readValType(rd('6e'), wasm2), 'malformed reference type', 0);
  throwsCompile(() => readValType(rd('69'), noExceptions), 'malformed reference type', 0);
  assert.equal(readValType(rd('63 00'), wasm3), refType(true, 0));
  assert.equal(readValType(rd('64 70'), wasm3), refType(false, 'func'));
  assert.equal(readValType(rd('64 80 01'), wasm3), refType(false, 128));
  assert.equal(readRefType(rd('6e'), wasm3), refType(true, 'any'));
  assert.equal(readRefType(rd('69'), wasm3), refType(true, 'exn'));
  const codes: [string, string][] = [
    ['70', 'func'], ['6f', 'extern'], ['6e', 'any'], ['6d', 'eq'], ['6c', 'i31'], ['6b', 'struct'],
    ['6a', 'array'], ['71', 'none'], ['72', 'noextern'], ['73', 'nofunc'], ['69', 'exn'], ['74', 'noexn'],
  ];
  for (const [code, ht] of codes) {
    assert.is(readHeapType(rd(code), wasm3), ht);
    assert.is(out((w) => writeValType(w, refType(true, ht as 'func'))), code);
    assert.is(out((w) => writeValType(w, refType(false, ht as 'func'))), `64 ${code}`);
  }
  throwsCompile(() => readHeapType(rd('7f'), wasm3), 'malformed heap type', 0);
  throwsCompile(() => readHeapType(rd('00'), wasm2), 'malformed heap type', 0);
  throwsCompile(() => readRefType(rd('64 7f'), wasm3), 'malformed heap type', 1);
  throwsCompile(() => readRefType(rd('64'), wasm3), 'unexpected end of section or function');
});

test('value types encode back to the same bytes', () => {
  for (const hex of ['7f', '7e', '7d', '7c', '7b', '70', '6f', '6e', '63 05', '64 05', '64 6f', '63 80 02']) {
    assert.is(out((w) => writeValType(w, readValType(rd(hex), wasm3))), hex);
  }
});

test('block types: empty, value type, type index (s33)', () => {
  assert.is(readBlockType(rd('40'), wasm2), null);
  assert.is(readBlockType(rd('7f'), wasm2), 'i32');
  assert.equal(readBlockType(rd('70'), wasm2), funcref);
  assert.is(readBlockType(rd('05'), wasm2), 5);
  assert.is(readBlockType(rd('80 01'), wasm2), 128);
  assert.is(readBlockType(rd('ff ff ff ff 0f'), wasm2), 2 ** 32 - 1);
  throwsCompile(() => readBlockType(rd('80 7f'), wasm2), 'malformed type index', 0);
  throwsCompile(() => readBlockType(rd(''), wasm2), 'unexpected end of section or function');
  assert.is(out((w) => writeBlockType(w, null)), '40');
  assert.is(out((w) => writeBlockType(w, 'f64')), '7c');
  assert.is(out((w) => writeBlockType(w, 128)), '80 01');
});

test('2.0 limits: a one-bit flag, u32 bounds', () => {
  assert.equal(readMemType(rd('00 01'), wasm2), { limits: { min: 1 }, addr: 'i32', shared: false });
  assert.equal(readMemType(rd('01 01 ff ff 03'), wasm2),
    { limits: { min: 1, max: 65535 }, addr: 'i32', shared: false });
  throwsCompile(() => readMemType(rd('02 00'), wasm2), 'integer too large', 0);
  throwsCompile(() => readMemType(rd('04 00'), wasm2), 'integer too large', 0);
  throwsCompile(() => readMemType(rd('81 00 00'), wasm2), 'integer representation too long', 1);
  throwsCompile(() => readMemType(rd('00 80 80 80 80 10'), wasm2), 'integer too large');
});

test('memory64 limits: a flags byte, u64 bounds, address type', () => {
  assert.equal(readMemType(rd('04 02'), wasm3), { limits: { min: 2 }, addr: 'i64', shared: false });
  assert.equal(readMemType(rd('05 00 80 80 80 80 10'), wasm3),
    { limits: { min: 0, max: 2 ** 32 }, addr: 'i64', shared: false });
  assert.equal(readMemType(rd('00 82 80 80 80 80 00'), wasm3), { limits: { min: 2 }, addr: 'i32', shared: false });
  for (const flags of ['02', '03', '08', '81']) {
    throwsCompile(() => readMemType(rd(`${flags} 00 00`), wasm3), 'malformed limits flags', 0);
  }
  assert.equal(readTableType(rd('70 05 00 0a'), wasm3),
    { limits: { min: 0, max: 10 }, addr: 'i64', elem: funcref });
});

test('memory, table, global and tag types encode back', () => {
  const mem = readMemType(rd('05 01 80 80 80 80 10'), wasm3);
  assert.is(out((w) => writeMemType(w, mem)), '05 01 80 80 80 80 10');
  assert.is(out((w) => writeMemType(w, { limits: { min: 1 }, addr: 'i32', shared: false })), '00 01');
  const table = readTableType(rd('6f 01 00 05'), wasm2);
  assert.equal(table, { limits: { min: 0, max: 5 }, addr: 'i32', elem: externref });
  assert.is(out((w) => writeTableType(w, table)), '6f 01 00 05');
  const g = readGlobalType(rd('7e 01'), wasm2);
  assert.equal(g, { type: 'i64', mutable: true });
  assert.is(out((w) => writeGlobalType(w, g)), '7e 01');
  throwsCompile(() => readGlobalType(rd('7f 02'), wasm2), 'malformed mutability', 1);
  throwsCompile(() => readGlobalType(rd('7f ff'), wasm2), 'malformed mutability', 1);
  const tag = readTagType(rd('00 03'));
  assert.equal(tag, { typeIdx: 3 });
  assert.is(out((w) => writeTagType(w, tag)), '00 03');
  throwsCompile(() => readTagType(rd('01 03')), 'zero byte expected', 0);
});

test('2.0 type entries: function types only', () => {
  const m = emptyModule();
  readRecType(rd('60 02 7f 7e 01 7d'), wasm2, m);
  assert.equal(m.types, [{ final: true, supers: [], comp: { kind: 'func', params: ['i32', 'i64'], results: ['f32'] } }]);
  assert.equal(m.recGroups, [{ start: 0, count: 1 }]);
  throwsCompile(() => readRecType(rd('4e 00'), wasm2, emptyModule()), 'malformed function type', 0);
  throwsCompile(() => readRecType(rd('5f 00'), wasm2, emptyModule()), 'malformed function type', 0);
  throwsCompile(() => readRecType(rd('e0 7f 00 00'), wasm2, emptyModule()), 'integer representation too long', 1);
});

test('GC type entries: rec groups, subtypes, structs, arrays', () => {
  const m = emptyModule();
  readRecType(rd('60 00 00'), wasm3, m);
  // rec { sub $1 (struct (field i8) (field (mut (ref null 1)))) ; sub final 1 (array (mut i16)) }
  readRecType(rd('4e 02  50 00 5f 02 78 00 63 01 01  4f 01 01 5e 77 01'), wasm3, m);
  readRecType(rd('4e 00'), wasm3, m);
  const expected: SubType[] = [
    { final: true, supers: [], comp: { kind: 'func', params: [], results: [] } },
    {
      final: false, supers: [],
      comp: { kind: 'struct', fields: [{ type: 'i8', mutable: false }, { type: refType(true, 1), mutable: true }] },
    },
    { final: true, supers: [1], comp: { kind: 'array', field: { type: 'i16', mutable: true } } },
  ];
  assert.equal(m.types, expected);
  assert.equal(m.recGroups, [{ start: 0, count: 1 }, { start: 1, count: 2 }, { start: 3, count: 0 }]);
  throwsCompile(() => readRecType(rd('61'), wasm3, emptyModule()), 'malformed definition type', 0);
  throwsCompile(() => readRecType(rd('5e 78 02'), wasm3, emptyModule()), 'malformed mutability', 2);

  assert.is(out((w) => writeSubType(w, expected[0])), '60 00 00');
  assert.is(out((w) => writeRecGroup(w, expected.slice(1))), '4e 02 50 00 5f 02 78 00 63 01 01 4f 01 01 5e 77 01');
  assert.is(out((w) => writeSubType(w, { ...expected[0], final: false })), '50 00 60 00 00');
});

test.run();
