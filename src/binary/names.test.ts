import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { NameSection } from '../syntax/module.js';
import { bytes, leb, section, str } from './fixtures.test.js';
import { encodeNames, parseNames } from './names.js';

const sub = (id: number, ...content: (string | number | number[])[]) => section(id, ...content);

test('module, function and local names', () => {
  const content = bytes(
    sub(0, str('mod')),
    sub(1, 2, 0, str('f'), 3, str('g')),
    sub(2, 1, 3, 2, 0, str('x'), 1, str('y')),
  );
  const names = parseNames(content);
  const expected: NameSection = {
    module: 'mod',
    funcs: new Map([[0, 'f'], [3, 'g']]),
    locals: new Map([[3, new Map([[0, 'x'], [1, 'y']])]]),
  };
  assert.equal(names, expected);
  assert.equal(encodeNames(expected), content);
});

test('absent subsections; extended subsections (ids > 2) are skipped', () => {
  assert.equal(parseNames(new Uint8Array(0)), { funcs: new Map(), locals: new Map() });
  assert.equal(parseNames(bytes(sub(1, 1, 0, str('f')), sub(4, 1, 0, str('t')), sub(7, 0))),
    { funcs: new Map([[0, 'f']]), locals: new Map() });
});

test('malformed name sections are ignored (undefined), never an error', () => {
  const bad = [
    bytes(sub(1, 0), sub(0, str('m'))), // out of order
    bytes(sub(1, 0), sub(1, 0)), // repeated
    bytes(sub(1, 2, 3, str('a'), 1, str('b'))), // indices not increasing
    bytes(sub(1, 2, 1, str('a'), 1, str('b'))), // duplicate index
    bytes(sub(2, 2, 1, 0, 0, 0)), // indirect map indices not increasing
    bytes(sub(2, 1, 0, 2, 1, str('a'), 0, str('b'))), // inner map not increasing
    bytes(sub(0, 1, 0xff)), // malformed UTF-8
    bytes(0, leb(9), str('m')), // size past the end
    bytes(sub(0, str('m'), 0)), // bytes left after the module name
    bytes(0, 2, 1), // size one past the end
    bytes(1, 5, 1, 0), // truncated
    bytes(sub(1, 0x80, 0x80, 0x80, 0x80, 0x80, 0)), // malformed LEB128
  ];
  for (const b of bad) assert.is(parseNames(b), undefined, [...b].join(' '));
});

test('encoding sorts entries and leaves out empty subsections', () => {
  const names: NameSection = { funcs: new Map([[5, 'b'], [1, 'a']]), locals: new Map() };
  assert.equal(encodeNames(names), bytes(sub(1, 2, 1, str('a'), 5, str('b'))));
  assert.equal(encodeNames({ funcs: new Map(), locals: new Map() }), new Uint8Array(0));
});

test.run();
