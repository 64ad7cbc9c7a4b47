import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { wasm2, wasm3 } from '../../syntax/features.js';
import { emptyModule, type Func } from '../../syntax/module.js';
import { refType } from '../../syntax/types.js';
import { bytes, leb, throwsCompile } from '../fixtures.test.js';
import { Reader } from '../reader.js';
import { Writer } from '../writer.js';
import { MAX_LOCALS, readCodeSection, writeCodeSection } from './code.js';

const ctx = () => ({ features: wasm2, usesDataIndex: false });
const read = (...hex: (string | number[])[]) => readCodeSection(new Reader(bytes(...hex)), ctx());

test('locals expanded, body without its end, encoded back with runs', () => {
  const hex = '02 09 02 02 7f 01 7e 41 00 1a 0b 02 00 0b';
  const codes = read(hex);
  assert.equal(codes.map(({ locals, body }) => ({ locals, body })), [
    { locals: ['i32', 'i32', 'i64'], body: [{ op: 0x41, value: 0 }, { op: 0x1a }] },
    { locals: [], body: [] },
  ]);
  // The opcode of each instruction, for the validator (Func.ops).
  assert.equal(codes.map((c) => [...c.ops!]), [[0x41, 0x1a], []]);
  const funcs: Func[] = codes.map((c) => ({ ...c, typeIdx: 0 }));
  const w = new Writer();
  writeCodeSection(w, { ...emptyModule(), funcs });
  assert.equal(w.finish(), bytes(hex));
});

test('zero-count local runs; typed reference locals with 3.0', () => {
  assert.equal(read('01 08 03 00 7f 00 7e 02 7d 0b')[0].locals, ['f32', 'f32']);
  const c = readCodeSection(new Reader(bytes('01 05 01 01 63 00 0b')), { features: wasm3, usesDataIndex: false });
  assert.equal(c[0].locals, [refType(true, 0)]);
});

test('too many locals: 2^32 in total (spec), or beyond the implementation limit', () => {
  throwsCompile(() => read('01 0a 02 ff ff ff ff 0f 7f 02 7e 0b'), 'too many locals', 2);
  throwsCompile(() => read('01 0a 02 80 80 80 80 10 7f 02 7e 0b'), 'integer too large');
  assert.is(read('01', leb(6), '01', leb(MAX_LOCALS), '7f 0b')[0].locals.length, MAX_LOCALS);
  throwsCompile(() => read('01', leb(6), '01', leb(MAX_LOCALS + 1), '7f 0b'), 'too many locals', 2);
});

test('the body must end exactly at the declared size', () => {
  throwsCompile(() => read('01 04 00 41 01 1a 05 00 0b'), 'END opcode expected', 6);
  throwsCompile(() => read('01 04 00 41 01 1a'), 'unexpected end of section or function');
  throwsCompile(() => read('01 04 00 41 01 1a 0b'), 'section size mismatch', 2);
  throwsCompile(() => read('01 05 00 01 0b 01 0b'), 'section size mismatch', 2);
  throwsCompile(() => read('01 09 00 0b'), 'length out of bounds', 1);
});

test.run();
