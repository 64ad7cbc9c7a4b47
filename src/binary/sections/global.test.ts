import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { wasm2 } from '../../syntax/features.js';
import { emptyModule } from '../../syntax/module.js';
import { bytes, throwsCompile } from '../fixtures.test.js';
import { Reader } from '../reader.js';
import { Writer } from '../writer.js';
import { readGlobalSection, writeGlobalSection } from './global.js';

const read = (hex: string) => {
  const m = emptyModule();
  readGlobalSection(new Reader(bytes(hex)), { features: wasm2, usesDataIndex: false }, m);
  return m;
};

test('global type and initializer, encoded back', () => {
  const hex = '02 7f 00 41 2a 0b 7e 01 23 00 0b';
  const m = read(hex);
  assert.equal(m.globals, [
    { type: { type: 'i32', mutable: false }, init: [{ op: 0x41, value: 42 }] },
    { type: { type: 'i64', mutable: true }, init: [{ op: 0x23, idx: 0 }] },
  ]);
  const w = new Writer();
  writeGlobalSection(w, m);
  assert.equal(w.finish(), bytes(hex));
});

test('malformed globals', () => {
  throwsCompile(() => read('01 7f 04 41 00 0b'), 'malformed mutability', 2);
  throwsCompile(() => read('01 7f 00 41 00'), 'unexpected end of section or function');
  throwsCompile(() => read('01 7f 00 41 00 0a 0b'), 'illegal opcode 0a', 5); // throw_ref is 3.0
});

test.run();
