import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { wasm2, wasm3, type Features } from '../../syntax/features.js';
import { emptyModule, type Module } from '../../syntax/module.js';
import { bytes, str, throwsCompile } from '../fixtures.test.js';
import { Reader } from '../reader.js';
import { Writer } from '../writer.js';
import { readExportSection, writeExportSection } from './export.js';

function read(content: Uint8Array, features: Features = wasm2): Module {
  const m = emptyModule();
  readExportSection(new Reader(content), { features, usesDataIndex: false }, m);
  return m;
}

test('every export kind, encoded back', () => {
  const content = bytes(5, str('f'), '00 01', str('t'), '01 00', str('m'), '02 00', str('g'), '03 02', str('e'), '04 00');
  const m = read(content, wasm3);
  assert.equal(m.exports, [
    { name: 'f', kind: 'func', idx: 1 }, { name: 't', kind: 'table', idx: 0 }, { name: 'm', kind: 'memory', idx: 0 },
    { name: 'g', kind: 'global', idx: 2 }, { name: 'e', kind: 'tag', idx: 0 },
  ]);
  const w = new Writer();
  writeExportSection(w, m);
  assert.equal(w.finish(), content);
});

test('malformed export kinds', () => {
  throwsCompile(() => read(bytes(1, str('e'), '04 00')), 'malformed export kind', 3);
  throwsCompile(() => read(bytes(1, str('e'), '05 00'), wasm3), 'malformed export kind', 3);
  throwsCompile(() => read(bytes(2, str('e'), '00 00', 9)), 'length out of bounds', 5);
});

test.run();
