import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { wasm2, wasm3 } from '../../syntax/features.js';
import { emptyModule } from '../../syntax/module.js';
import { bytes, throwsCompile } from '../fixtures.test.js';
import { Reader } from '../reader.js';
import { Writer } from '../writer.js';
import { readMemorySection, writeMemorySection } from './memory.js';

test('memory types, encoded back', () => {
  const m = emptyModule();
  readMemorySection(new Reader(bytes('02 00 01 01 00 80 80 04')), { features: wasm2, usesDataIndex: false }, m);
  assert.equal(m.mems, [
    { limits: { min: 1 }, addr: 'i32', shared: false },
    { limits: { min: 0, max: 65536 }, addr: 'i32', shared: false },
  ]);
  const w = new Writer();
  writeMemorySection(w, m);
  assert.equal(w.finish(), bytes('02 00 01 01 00 80 80 04'));
});

test('limits flags per feature set', () => {
  const read = (hex: string, features = wasm2) =>
    readMemorySection(new Reader(bytes(hex)), { features, usesDataIndex: false }, emptyModule());
  throwsCompile(() => read('01 02 00'), 'integer too large', 1);
  throwsCompile(() => read('01 81 01 00 00'), 'integer representation too long', 2);
  throwsCompile(() => read('01 08 00', wasm3), 'malformed limits flags', 1);
  throwsCompile(() => read('01'), 'unexpected end of section or function');
});

test.run();
