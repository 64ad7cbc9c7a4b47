import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emptyModule } from '../../syntax/module.js';
import { bytes, throwsCompile } from '../fixtures.test.js';
import { Reader } from '../reader.js';
import { Writer } from '../writer.js';
import { readDataCountSection, writeDataCountSection } from './datacount.js';

test('the data segment count', () => {
  const m = emptyModule();
  readDataCountSection(new Reader(bytes('03')), m);
  assert.is(m.dataCount, 3);
  const w = new Writer();
  writeDataCountSection(w, 0);
  assert.equal(w.finish(), bytes('00'));
  throwsCompile(() => readDataCountSection(new Reader(bytes('ff ff ff ff 7f')), emptyModule()), 'integer too large', 4);
});

test.run();
