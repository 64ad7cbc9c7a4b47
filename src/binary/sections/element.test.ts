import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { wasm2, wasm3, type Features } from '../../syntax/features.js';
import { emptyModule, type Elem, type Module } from '../../syntax/module.js';
import { externref, funcref, refType } from '../../syntax/types.js';
import { bytes, throwsCompile } from '../fixtures.test.js';
import { Reader } from '../reader.js';
import { Writer } from '../writer.js';
import { readElementSection, writeElementSection } from './element.js';

function read(hex: string, features: Features = wasm2): Elem[] {
  const m = emptyModule();
  readElementSection(new Reader(bytes(hex)), { features, usesDataIndex: false }, m);
  return m.elems;
}

function write(elems: Elem[], features: Features = wasm2): string {
  const m: Module = { ...emptyModule(), elems };
  const w = new Writer();
  writeElementSection(w, m, features);
  return [...w.finish()].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}

const off = [{ op: 0x41, value: 1 }];
const rf = (i: number) => [{ op: 0xd2, idx: i }];
const nullFunc = [{ op: 0xd0, heap: 'func' as const }];

/** All eight encodings (spec §5.5.12), as 2.0 decodes them. */
const forms: [string, Elem][] = [
  ['00 41 01 0b 02 00 01', { mode: 'active', type: funcref, init: [rf(0), rf(1)], table: 0, offset: off }],
  ['01 00 01 02', { mode: 'passive', type: funcref, init: [rf(2)] }],
  ['02 01 41 01 0b 00 01 03', { mode: 'active', type: funcref, init: [rf(3)], table: 1, offset: off }],
  ['03 00 01 04', { mode: 'declarative', type: funcref, init: [rf(4)] }],
  ['04 41 01 0b 01 d0 70 0b', { mode: 'active', type: funcref, init: [nullFunc], table: 0, offset: off }],
  ['05 6f 01 d0 6f 0b', { mode: 'passive', type: externref, init: [[{ op: 0xd0, heap: 'extern' }]] }],
  ['06 02 41 01 0b 70 02 d2 05 0b d0 70 0b', { mode: 'active', type: funcref, init: [rf(5), nullFunc], table: 2, offset: off }],
  ['07 70 00', { mode: 'declarative', type: funcref, init: [] }],
];

test('all eight segment encodings decode (2.0)', () => {
  for (const [hex, elem] of forms) assert.equal(read(`01 ${hex}`), [elem], hex);
});

test('encoding picks the compact forms and decodes back', () => {
  for (const [hex, elem] of forms) {
    const again = read(write([elem]));
    assert.equal(again, [elem], hex);
  }
  assert.is(write([forms[0][1]]), '01 00 41 01 0b 02 00 01');
  assert.is(write([forms[2][1]]), '01 02 01 41 01 0b 00 01 03');
  assert.is(write([forms[4][1]]), '01 04 41 01 0b 01 d0 70 0b');
  // function indices only, but in an externref segment: the expression form
  assert.is(write([{ mode: 'passive', type: externref, init: [rf(0)] }]), '01 05 6f 01 d2 00 0b');
  // an active externref segment on table 0 needs the explicit-table form to carry its type
  assert.is(write([{ mode: 'active', type: externref, init: [], table: 0, offset: off }]), '01 06 00 41 01 0b 6f 00');
});

test('with typed function references the index forms are (ref func)', () => {
  const refFunc = refType(false, 'func');
  assert.equal(read('01 00 41 01 0b 01 07', wasm3), [{ mode: 'active', type: refFunc, init: [rf(7)], table: 0, offset: off }]);
  assert.equal(read('01 01 00 00', wasm3), [{ mode: 'passive', type: refFunc, init: [] }]);
  assert.equal(read('01 04 41 01 0b 00', wasm3), [{ mode: 'active', type: funcref, init: [], table: 0, offset: off }]);
  const elems: Elem[] = [
    { mode: 'passive', type: refFunc, init: [rf(1)] },
    { mode: 'passive', type: funcref, init: [rf(1)] },
    { mode: 'active', type: refType(false, 3), init: [rf(1)], table: 0, offset: off },
  ];
  assert.is(write(elems, wasm3), '03 01 00 01 01 05 70 01 d2 01 0b 06 00 41 01 0b 64 03 01 d2 01 0b');
  assert.equal(read(write(elems, wasm3), wasm3), elems);
});

test('malformed segments', () => {
  throwsCompile(() => read('01 08 00'), 'malformed elements segment kind', 1);
  throwsCompile(() => read('01 80 80 80 80 10'), 'integer too large');
  throwsCompile(() => read('01 01 01 00'), 'malformed element kind', 2);
  throwsCompile(() => read('01 05 7f 01 d2 00 0b'), 'malformed reference type', 2);
  throwsCompile(() => read('01 05 70 01 f3 00 0b'), 'illegal opcode f3', 4);
  throwsCompile(() => read('02 00 41 00 0b 01 00'), 'unexpected end of section or function');
});

test.run();
