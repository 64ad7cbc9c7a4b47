import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emptyModule } from '../../syntax/module.js';
import { bytes, throwsCompile } from '../fixtures.test.js';
import { Reader } from '../reader.js';
import { Writer } from '../writer.js';
import { readTagSection, writeTagSection } from './tag.js';

test('tag types, encoded back', () => {
  const m = emptyModule();
  readTagSection(new Reader(bytes('02 00 00 00 05')), m);
  assert.equal(m.tags, [{ typeIdx: 0 }, { typeIdx: 5 }]);
  const w = new Writer();
  writeTagSection(w, m);
  assert.equal(w.finish(), bytes('02 00 00 00 05'));
  throwsCompile(() => readTagSection(new Reader(bytes('01 01 00')), emptyModule()), 'zero byte expected', 1);
});

test.run();
