import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { wasm2, wasm3, type Features } from '../../syntax/features.js';
import { emptyModule, type Import, type Module } from '../../syntax/module.js';
import { funcref } from '../../syntax/types.js';
import { bytes, str, throwsCompile } from '../fixtures.test.js';
import { Reader } from '../reader.js';
import { Writer } from '../writer.js';
import { readImportSection, writeImportSection } from './import.js';

function read(content: Uint8Array, features: Features = wasm2): Module {
  const m = emptyModule();
  readImportSection(new Reader(content), { features, usesDataIndex: false }, m);
  return m;
}

test('every import kind, encoded back', () => {
  const content = bytes(5,
    str('m'), str('f'), '00 02',
    str('m'), str('t'), '01 70 00 01',
    str('m'), str('mem'), '02 01 01 02',
    str('m'), str('g'), '03 7f 01',
    str('m'), str('e'), '04 00 03');
  const m = read(content, wasm3);
  const expected: Import[] = [
    { module: 'm', name: 'f', desc: { kind: 'func', typeIdx: 2 } },
    { module: 'm', name: 't', desc: { kind: 'table', type: { limits: { min: 1 }, addr: 'i32', elem: funcref } } },
    { module: 'm', name: 'mem', desc: { kind: 'memory', type: { limits: { min: 1, max: 2 }, addr: 'i32', shared: false } } },
    { module: 'm', name: 'g', desc: { kind: 'global', type: { type: 'i32', mutable: true } } },
    { module: 'm', name: 'e', desc: { kind: 'tag', type: { typeIdx: 3 } } },
  ];
  assert.equal(m.imports, expected);
  const w = new Writer();
  writeImportSection(w, m);
  assert.equal(w.finish(), content);
});

test('malformed import kinds; the tag kind needs exception handling', () => {
  throwsCompile(() => read(bytes(1, str('m'), str('e'), '04 00 00')), 'malformed import kind', 5);
  throwsCompile(() => read(bytes(1, '00 00 05'), wasm3), 'malformed import kind', 3);
  throwsCompile(() => read(bytes(1, '00 00 80 00')), 'malformed import kind', 3);
  throwsCompile(() => read(bytes(1, '01 ff 00 00 00')), 'malformed UTF-8 encoding', 1);
  throwsCompile(() => read(bytes(2, '00 00 00 00')), 'unexpected end of section or function');
});

test.run();
