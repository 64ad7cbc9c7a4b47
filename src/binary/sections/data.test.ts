import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { wasm2 } from '../../syntax/features.js';
import { emptyModule, type Data } from '../../syntax/module.js';
import { bytes, throwsCompile } from '../fixtures.test.js';
import { Reader } from '../reader.js';
import { Writer } from '../writer.js';
import { readDataSection, writeDataSection } from './data.js';

function read(hex: string): Data[] {
  const m = emptyModule();
  readDataSection(new Reader(bytes(hex)), { features: wasm2, usesDataIndex: false }, m);
  return m.datas;
}

test('the three segment forms, encoded back', () => {
  const hex = '03 00 41 08 0b 02 61 62 01 01 63 02 01 41 00 0b 00';
  const datas = read(hex);
  assert.equal(datas, [
    { mode: 'active', bytes: bytes('61 62'), mem: 0, offset: [{ op: 0x41, value: 8 }] },
    { mode: 'passive', bytes: bytes('63') },
    { mode: 'active', bytes: new Uint8Array(0), mem: 1, offset: [{ op: 0x41, value: 0 }] },
  ]);
  const w = new Writer();
  writeDataSection(w, { ...emptyModule(), datas });
  assert.equal(w.finish(), bytes(hex));
});

test('malformed segments', () => {
  throwsCompile(() => read('01 03 00'), 'malformed data segment kind', 1);
  throwsCompile(() => read('01 00 41 03 0b 07 61 62 63 64 65 66'), 'unexpected end of section or function');
  throwsCompile(() => read('01 01 09 61'), 'length out of bounds', 2);
  throwsCompile(() => read('02 01 00'), 'unexpected end of section or function');
});

test.run();
