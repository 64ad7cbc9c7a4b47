import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bytes, throwsCompile } from '../fixtures.test.js';
import { Reader } from '../reader.js';
import { Writer } from '../writer.js';
import { readCustomSection, writeCustomSection } from './custom.js';

test('name and payload up to the section end', () => {
  const r = new Reader(bytes('03 61 62 63 01 02 03 ff'));
  const c = readCustomSection(r, 0, 7);
  assert.equal(c, { name: 'abc', bytes: bytes('01 02 03') });
  assert.is(r.pos, 7);
  const w = new Writer();
  writeCustomSection(w, c);
  assert.equal(w.finish(), bytes('03 61 62 63 01 02 03'));
});

test('an empty payload; a name past the section end; a malformed name', () => {
  assert.equal(readCustomSection(new Reader(bytes('01 78')), 0, 2), { name: 'x', bytes: new Uint8Array(0) });
  throwsCompile(() => readCustomSection(new Reader(bytes('02 61 62')), 0, 1), 'unexpected end of section or function');
  throwsCompile(() => readCustomSection(new Reader(bytes('01 ff')), 0, 2), 'malformed UTF-8 encoding', 0);
});

test.run();
