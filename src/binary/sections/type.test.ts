import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { wasm2, wasm3 } from '../../syntax/features.js';
import { emptyModule, type Module } from '../../syntax/module.js';
import type { SubType } from '../../syntax/types.js';
import { bytes, throwsCompile } from '../fixtures.test.js';
import { Reader } from '../reader.js';
import { Writer } from '../writer.js';
import { readTypeSection, writeTypeSection } from './type.js';

const f0: SubType = { final: true, supers: [], comp: { kind: 'func', params: [], results: [] } };
const f1: SubType = { final: true, supers: [], comp: { kind: 'func', params: ['i32'], results: ['i64'] } };

function written(m: Module): Uint8Array {
  const w = new Writer();
  writeTypeSection(w, m);
  return w.finish();
}

test('2.0: a vector of function types, one group each', () => {
  const m = emptyModule();
  const hex = '02 60 00 00 60 01 7f 01 7e';
  readTypeSection(new Reader(bytes(hex)), { features: wasm2, usesDataIndex: false }, m);
  assert.equal(m.types, [f0, f1]);
  assert.equal(m.recGroups, [{ start: 0, count: 1 }, { start: 1, count: 1 }]);
  assert.equal(written(m), bytes(hex));
  throwsCompile(() => readTypeSection(new Reader(bytes('02 60 00 00')), { features: wasm2, usesDataIndex: false }, emptyModule()),
    'unexpected end of section or function');
});

test('3.0: recursive groups round trip', () => {
  const m = emptyModule();
  const hex = '03 60 00 00 4e 02 60 00 00 60 01 7f 01 7e 4e 00';
  readTypeSection(new Reader(bytes(hex)), { features: wasm3, usesDataIndex: false }, m);
  assert.equal(m.types, [f0, f0, f1]);
  assert.equal(m.recGroups, [{ start: 0, count: 1 }, { start: 1, count: 2 }, { start: 3, count: 0 }]);
  assert.equal(written(m), bytes(hex));
});

test('inconsistent groups still write every type once', () => {
  const m = { ...emptyModule(), types: [f0, f1, f0] };
  assert.equal(written(m), bytes('03 60 00 00 60 01 7f 01 7e 60 00 00')); // no groups: one per type
  m.recGroups = [{ start: 1, count: 5 }, { start: 0, count: 2 }, { start: 9, count: 1 }];
  assert.equal(written(m), bytes('02 60 00 00 4e 02 60 01 7f 01 7e 60 00 00'));
});

test.run();
