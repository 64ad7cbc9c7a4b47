import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeModule } from '../binary/encode.js';
import { CompileError } from '../errors.js';
import { parseWat } from '../text/wat.js';
import { bytesOf, copyBytes, Module, moduleOf, validate } from './module.js';

/** uvu's `throws` calls a function argument as a predicate: check the class explicitly. */
const is = (C: new (...args: never[]) => Error) => (e: unknown): boolean => e instanceof C;

const wasm = (src: string): Uint8Array => encodeModule(parseWat(src));
const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
/** A module with two custom sections named "a" (payloads 1 2 and 3) and one named "b". */
const withCustoms = new Uint8Array([
  ...header,
  0x00, 0x04, 0x01, 0x61, 0x01, 0x02,
  0x00, 0x03, 0x01, 0x62, 0x09,
  0x00, 0x03, 0x01, 0x61, 0x03,
]);

test('new Module decodes and validates', () => {
  const m = new Module(wasm('(module (func (export "f") (result i32) (i32.const 1)))'));
  assert.is(moduleOf(m).funcs.length, 1);
});

test('malformed and invalid bytes are CompileErrors with the suite wording', () => {
  assert.throws(() => new Module(new Uint8Array([0, 1, 2, 3])), (e: unknown) => e instanceof CompileError && /magic header/.test((e as Error).message));
  assert.throws(() => new Module(wasm('(module (func (result i32)))')), (e: unknown) => e instanceof CompileError && /type mismatch/.test((e as Error).message));
});

test('validate answers true or false; Module.validate is the same', () => {
  assert.is(validate(wasm('(module)')), true);
  assert.is(validate(new Uint8Array(header.slice(0, 6))), false);
  assert.is(validate(wasm('(module (func (drop)))')), false);
  assert.is(Module.validate(wasm('(module)')), true);
  assert.throws(() => validate('not bytes' as never), is(TypeError));
});

test('BufferSource: ArrayBuffer, typed arrays and DataViews, copied on entry', () => {
  const bytes = wasm('(module)');
  const padded = new Uint8Array(bytes.length + 4);
  padded.set(bytes, 2);
  assert.ok(new Module(bytes.slice().buffer));
  assert.ok(new Module(new DataView(padded.buffer, 2, bytes.length)));
  const copy = copyBytes(padded.subarray(2, 2 + bytes.length));
  padded.fill(0);
  assert.equal([...copy], [...bytes]);
  assert.throws(() => new Module([0, 97, 115, 109] as never), is(TypeError));
});

test('a Module keeps nothing of the bytes it was compiled from (read in place, not copied)', () => {
  const src = wasm(`(module (memory 1) (data (i32.const 0) "data segment of more than sixty-four bytes, so that the arena holds it")
    (func (export "f") (result i32) (i32.const 7)))`);
  const all = new Uint8Array(withCustoms.length + src.length + 3);
  all.set(src, 3);
  const m = new Module(all.subarray(3, 3 + src.length));
  const c = new Module(withCustoms.slice().buffer);
  const before = JSON.stringify(moduleOf(m));
  all.fill(0xff);
  assert.is(JSON.stringify(moduleOf(m)), before);
  assert.equal(Module.customSections(c, 'a').map((b) => [...new Uint8Array(b)]), [[1, 2], [3]]);
  // Bytes in a SharedArrayBuffer, which another thread may write, are copied first.
  const shared = new Uint8Array(new SharedArrayBuffer(src.length));
  shared.set(src);
  assert.is(Module.exports(new Module(shared))[0].name, 'f');
  assert.is.not(bytesOf(shared).buffer, shared.buffer);
  assert.is(bytesOf(all).buffer, all.buffer);
});

test('Module.exports and Module.imports describe the module in order', () => {
  const m = new Module(wasm(`(module
    (import "env" "f" (func))
    (import "env" "t" (table 1 funcref))
    (import "js" "m" (memory 1))
    (import "js" "g" (global i32))
    (func (export "run"))
    (export "mem" (memory 0))
    (global (export "glob") i32 (i32.const 0))
    (table (export "tab") 1 funcref))`));
  assert.equal(Module.imports(m), [
    { module: 'env', name: 'f', kind: 'function' },
    { module: 'env', name: 't', kind: 'table' },
    { module: 'js', name: 'm', kind: 'memory' },
    { module: 'js', name: 'g', kind: 'global' },
  ]);
  assert.equal(Module.exports(m), [
    { name: 'run', kind: 'function' },
    { name: 'mem', kind: 'memory' },
    { name: 'glob', kind: 'global' },
    { name: 'tab', kind: 'table' },
  ]);
});

test('Module.customSections copies the payloads of the named sections', () => {
  const m = new Module(withCustoms);
  const a = Module.customSections(m, 'a');
  assert.equal(a.map((b) => [...new Uint8Array(b)]), [[1, 2], [3]]);
  assert.equal(Module.customSections(m, 'c'), []);
  assert.instance(a[0], ArrayBuffer);
});

test('static methods brand-check their argument', () => {
  assert.throws(() => Module.exports({} as Module), is(TypeError));
  assert.throws(() => moduleOf(null), is(TypeError));
});

test.run();
