import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { wasm2, wasm3, type Features } from '../../syntax/features.js';
import { emptyModule, type Module } from '../../syntax/module.js';
import { externref, funcref, refType } from '../../syntax/types.js';
import { bytes, throwsCompile } from '../fixtures.test.js';
import { Reader } from '../reader.js';
import { Writer } from '../writer.js';
import { readTableSection, writeTableSection } from './table.js';

function read(hex: string, features: Features): Module {
  const m = emptyModule();
  readTableSection(new Reader(bytes(hex)), { features, usesDataIndex: false }, m);
  return m;
}

test('table types, encoded back', () => {
  const hex = '02 70 00 01 6f 01 00 0a';
  const m = read(hex, wasm2);
  assert.equal(m.tables, [
    { type: { limits: { min: 1 }, addr: 'i32', elem: funcref } },
    { type: { limits: { min: 0, max: 10 }, addr: 'i32', elem: externref } },
  ]);
  const w = new Writer();
  writeTableSection(w, m);
  assert.equal(w.finish(), bytes(hex));
});

test('3.0 tables with an initializer expression', () => {
  const hex = '01 40 00 64 70 00 01 d2 00 0b';
  const m = read(hex, wasm3);
  assert.equal(m.tables, [{ type: { limits: { min: 1 }, addr: 'i32', elem: refType(false, 'func') }, init: [{ op: 0xd2, idx: 0 }] }]);
  const w = new Writer();
  writeTableSection(w, m);
  assert.equal(w.finish(), bytes(hex));
  throwsCompile(() => read(hex, wasm2), 'malformed reference type', 1);
  throwsCompile(() => read('01 40 01 70 00 01 0b', wasm3), 'zero byte expected', 2);
});

test.run();
