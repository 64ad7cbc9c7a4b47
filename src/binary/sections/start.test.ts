import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emptyModule } from '../../syntax/module.js';
import { bytes, throwsCompile } from '../fixtures.test.js';
import { Reader } from '../reader.js';
import { Writer } from '../writer.js';
import { readStartSection, writeStartSection } from './start.js';

test('the start function index', () => {
  const m = emptyModule();
  readStartSection(new Reader(bytes('80 01')), m);
  assert.is(m.start, 128);
  const w = new Writer();
  writeStartSection(w, 128);
  assert.equal(w.finish(), bytes('80 01'));
  throwsCompile(() => readStartSection(new Reader(bytes('')), emptyModule()), 'unexpected end of section or function');
});

test.run();
