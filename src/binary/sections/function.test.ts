import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emptyModule } from '../../syntax/module.js';
import { bytes, throwsCompile } from '../fixtures.test.js';
import { Reader } from '../reader.js';
import { Writer } from '../writer.js';
import { readFunctionSection, writeFunctionSection } from './function.js';

test('type indices of the defined functions', () => {
  assert.equal(readFunctionSection(new Reader(bytes('03 00 01 80 01'))), [0, 1, 128]);
  const w = new Writer();
  writeFunctionSection(w, { ...emptyModule(), funcs: [{ typeIdx: 0, locals: [], body: [] }, { typeIdx: 128, locals: [], body: [] }] });
  assert.equal(w.finish(), bytes('02 00 80 01'));
  throwsCompile(() => readFunctionSection(new Reader(bytes('01 80 80 80 80 80 00'))), 'integer representation too long');
});

test.run();
