import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CompileError } from '../errors.js';
import { wasm2, wasm3 } from '../syntax/features.js';
import { emptyModule, type Module } from '../syntax/module.js';
import { externref, funcref, refType } from '../syntax/types.js';
import { decodeModule } from './decode.js';
import { encodeModule } from './encode.js';
import { bytes, section, str, wasm, withoutOps } from './fixtures.test.js';

const i32c = (value: number) => ({ op: 0x41, value });

/** A 2.0 module touching every section and most immediate kinds. */
function module20(): Module {
  return {
    ...emptyModule(),
    types: [
      { final: true, supers: [], comp: { kind: 'func', params: ['i32', 'f64'], results: ['i64'] } },
      { final: true, supers: [], comp: { kind: 'func', params: [], results: [] } },
    ],
    recGroups: [{ start: 0, count: 1 }, { start: 1, count: 1 }],
    imports: [
      { module: 'env', name: 'f', desc: { kind: 'func', typeIdx: 1 } },
      { module: 'env', name: 'g', desc: { kind: 'global', type: { type: 'f32', mutable: false } } },
    ],
    funcs: [
      {
        typeIdx: 0, locals: ['i32', 'i32', externref, 'i32'], body: [
          { op: 0x02, bt: 'i64' }, { op: 0x42, value: -5n }, { op: 0x20, idx: 0 }, { op: 0x0d, idx: 0 },
          { op: 0x1a }, { op: 0x44, value: 0x7ff8_0000_0000_0001n }, { op: 0x1a }, { op: 0x42, value: 7n },
          { op: 0x0b }, { op: 0x04, bt: null }, { op: 0x0e, labels: [0, 0], idx: 0 }, { op: 0x05 }, { op: 0x0b },
          { op: 0x36, mem: { align: 2, offset: 16, mem: 0 } }, { op: 0x1c, types: [funcref] },
          { op: 0xfc0008, idx: 0, idx2: 0 }, { op: 0xfc000e, idx: 0, idx2: 0 }, { op: 0x43, value: -1 },
        ],
      },
      { typeIdx: 1, locals: [], body: [] },
    ],
    tables: [{ type: { limits: { min: 1, max: 10 }, addr: 'i32', elem: funcref } }],
    mems: [{ limits: { min: 1 }, addr: 'i32', shared: false }],
    globals: [{ type: { type: 'i32', mutable: true }, init: [i32c(3)] }],
    exports: [{ name: 'run', kind: 'func', idx: 1 }, { name: 'mem', kind: 'memory', idx: 0 }],
    start: 2,
    elems: [
      { mode: 'active', type: funcref, init: [[{ op: 0xd2, idx: 0 }]], table: 0, offset: [i32c(0)] },
      { mode: 'passive', type: externref, init: [[{ op: 0xd0, heap: 'extern' }]] },
      { mode: 'declarative', type: funcref, init: [[{ op: 0xd2, idx: 2 }]] },
    ],
    datas: [
      { mode: 'active', bytes: bytes('01 02'), mem: 0, offset: [i32c(8)] },
      { mode: 'passive', bytes: new Uint8Array(0) },
    ],
    dataCount: 2,
    customs: [{ name: 'producers', bytes: bytes('00') }],
  };
}

/** A module using 3.0 encodings. */
function module30(): Module {
  return {
    ...emptyModule(),
    types: [
      { final: true, supers: [], comp: { kind: 'func', params: [refType(false, 1)], results: [] } },
      { final: false, supers: [], comp: { kind: 'struct', fields: [{ type: 'i8', mutable: true }] } },
      { final: true, supers: [1], comp: { kind: 'struct', fields: [{ type: 'i8', mutable: true }, { type: 'f32', mutable: false }] } },
    ],
    recGroups: [{ start: 0, count: 1 }, { start: 1, count: 2 }],
    imports: [{ module: 'm', name: 'e', desc: { kind: 'tag', type: { typeIdx: 0 } } }],
    funcs: [{
      typeIdx: 0, locals: [refType(true, 'any')], body: [
        { op: 0x1f, bt: null, catches: [{ kind: 'catch_all', label: 0 }] }, { op: 0x0b },
        { op: 0x28, mem: { align: 2, offset: 2 ** 40, mem: 1 } }, { op: 0x3f, idx: 1 }, { op: 0x12, idx: 0 },
      ],
    }],
    tables: [{ type: { limits: { min: 1 }, addr: 'i64', elem: refType(false, 'func') }, init: [{ op: 0xd2, idx: 0 }] }],
    mems: [{ limits: { min: 0 }, addr: 'i32', shared: false }, { limits: { min: 1, max: 2 ** 40 }, addr: 'i64', shared: false }],
    tags: [{ typeIdx: 0 }],
    globals: [{ type: { type: refType(true, 'eq'), mutable: false }, init: [{ op: 0xd0, heap: 'none' }] }],
    exports: [{ name: 't', kind: 'tag', idx: 1 }],
    elems: [
      { mode: 'active', type: refType(false, 'func'), init: [[{ op: 0xd2, idx: 0 }]], table: 0, offset: [i32c(0)] },
      { mode: 'passive', type: funcref, init: [[{ op: 0xd2, idx: 0 }]] },
    ],
  };
}

test('2.0 module: decode(encode(m)) = m', () => {
  const m = module20();
  assert.equal(withoutOps(decodeModule(encodeModule(m))), m);
  assert.equal(withoutOps(decodeModule(encodeModule(m, wasm2), wasm2)), m);
});

test('3.0 module: decode(encode(m)) = m with 3.0 features', () => {
  const m = module30();
  assert.equal(withoutOps(decodeModule(encodeModule(m, wasm3), wasm3)), m);
});

test('sections in order, only when present; customs last', () => {
  assert.equal(encodeModule(emptyModule()), wasm());
  const m: Module = { ...emptyModule(), customs: [{ name: 'c', bytes: bytes('ff') }], dataCount: 0, start: 0 };
  assert.equal(encodeModule(m), wasm(section(8, '00'), section(12, '00'), section(0, str('c'), 'ff')));
});

test('the name section: from `names` unless a `name` custom section is present', () => {
  const names = { module: 'M', funcs: new Map([[0, 'f']]), locals: new Map() };
  const m: Module = { ...emptyModule(), names };
  const b = encodeModule(m);
  const nameSec = section(0, str('name'), section(0, str('M')), section(1, 1, 0, str('f')));
  assert.equal(b, wasm(nameSec));
  const back = decodeModule(b);
  assert.equal(back.names, names);
  assert.equal(encodeModule(back), b); // the custom section wins, so no second name section
});

test('element segments use the compact forms when they decode back the same', () => {
  const active = (init: Module['elems'][0]['init'], type = funcref) =>
    encodeModule({ ...emptyModule(), elems: [{ mode: 'active', type, init, table: 0, offset: [i32c(0)] }] });
  assert.equal(active([[{ op: 0xd2, idx: 3 }]]), wasm(section(9, '01 00 41 00 0b 01 03')));
  assert.equal(active([[{ op: 0xd0, heap: 'func' }]]), wasm(section(9, '01 04 41 00 0b 01 d0 70 0b')));
  // With typed function references, flag 0 means (ref func): a funcref segment takes flag 4.
  assert.equal(encodeModule(decodeModule(active([[{ op: 0xd2, idx: 3 }]])), wasm3),
    wasm(section(9, '01 04 41 00 0b 01 d2 03 0b')));
});

test('any Module encodes without throwing, however invalid', () => {
  const weird = {
    ...emptyModule(),
    types: [{ final: false, supers: [-1, NaN], comp: { kind: 'func' as const, params: [], results: [] } }],
    recGroups: [{ start: 5, count: -3 }],
    funcs: [{
      typeIdx: 1e300, locals: [], body: [
        { op: 0x10 }, { op: 0x41, value: 2 ** 40 }, { op: 0x42, value: Infinity }, { op: 0x44, value: NaN },
        { op: 0xd0 }, { op: 0x0e }, { op: 0xfd0000 }, { op: 0x28, mem: { align: -1, offset: -5, mem: NaN } },
        { op: 0x1c, types: ['i32' as const] }, { op: 0x02, bt: -7 },
      ],
    }],
    mems: [{ limits: { min: -1, max: 2 ** 70 }, addr: 'i64' as const, shared: true }],
    exports: [{ name: '\ud800', kind: 'func' as const, idx: -1 }],
    elems: [{ mode: 'active' as const, type: refType(false, 7), init: [[]] }],
    datas: [{ mode: 'active' as const, bytes: new Uint8Array(3) }],
    dataCount: 99,
  };
  const b = encodeModule(weird);
  assert.ok(b.length > 8);
  try {
    decodeModule(b, wasm3);
  } catch (e) {
    assert.instance(e, CompileError);
  }
});

test('mutated modules: the decoder throws only CompileErrors, and what decodes round-trips', () => {
  const seeds = [encodeModule(module20()), encodeModule(module30(), wasm3)];
  let state = 12345;
  const rand = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
  let decoded = 0;
  for (let i = 0; i < 4000; i++) {
    const seed = seeds[i % 2];
    const features = i % 2 === 0 ? wasm2 : wasm3;
    const b = seed.slice();
    for (let k = 1 + rand(3); k > 0; k--) b[8 + rand(b.length - 8)] = rand(4) === 0 ? rand(256) : b[8 + rand(b.length - 8)];
    let m: Module;
    try {
      m = decodeModule(b, features);
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      continue;
    }
    decoded++;
    assert.equal(decodeModule(encodeModule(m, features), features), m);
  }
  assert.ok(decoded > 0);
});

test.run();
