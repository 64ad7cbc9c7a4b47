import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeModule } from '../binary/encode.js';
import { CompileError } from '../errors.js';
import { parseWat } from '../text/wat.js';
import { compile, Instance, instantiate, Module, WebAssembly } from './index.js';


const bytes = encodeModule(parseWat('(module (func (export "answer") (result i32) (i32.const 42)))'));

test('compile resolves to a Module; bad bytes reject with a CompileError', async () => {
  assert.instance(await compile(bytes), Module);
  try {
    await compile(new Uint8Array([1, 2, 3]));
    assert.unreachable();
  } catch (e) {
    assert.instance(e, CompileError);
  }
});

test('instantiate(bytes) gives { module, instance }; instantiate(module) an Instance', async () => {
  const { module, instance } = await instantiate(bytes);
  assert.instance(module, Module);
  assert.is((instance.exports.answer as () => number)(), 42);
  const again = await instantiate(module);
  assert.instance(again, Instance);
});

test('the WebAssembly object has the standard namespace members', () => {
  for (const k of ['Module', 'Instance', 'Memory', 'Table', 'Global', 'Tag', 'CompileError', 'LinkError', 'RuntimeError', 'validate', 'compile', 'instantiate']) {
    assert.type((WebAssembly as Record<string, unknown>)[k], 'function', k);
  }
  assert.ok(Object.isFrozen(WebAssembly));
});

test('the package runs under node --jitless, where there is no WebAssembly global', () => {
  const entry = fileURLToPath(new URL('../index.js', import.meta.url));
  const script = `
    if (typeof globalThis.WebAssembly !== 'undefined') throw new Error('WebAssembly exists');
    const v = await import(${JSON.stringify(entry)});
    const m = new v.Module(v.encodeModule(v.parseWat('(module (func (export "f") (param i64) (result i64) (i64.mul (local.get 0) (local.get 0))))')));
    console.log(String(new v.Instance(m).exports.f(3000000000n)));`;
  const out = execFileSync(process.execPath, ['--jitless', '--input-type=module', '-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  assert.is(out.trim(), '9000000000000000000');
});

test('examples/api.mjs (the README API example) runs as shown', () => {
  const example = fileURLToPath(new URL('../../../examples/api.mjs', import.meta.url));
  // FORCE_COLOR=0: console.log would colour the BigInts if the environment forces colours.
  const out = execFileSync(process.execPath, [example], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  assert.is(out, 'squaring 3000000000n\n9000000000000000000n\n');
});

test('examples/embedding.mjs (the README Embedding example) runs as shown, also under --jitless', () => {
  const example = fileURLToPath(new URL('../../../examples/embedding.mjs', import.meta.url));
  const expected = [
    'spin: RuntimeError: fuel exhausted',
    'deep: RuntimeError: call stack exhausted',
    'spin: deadline exceeded',
    'grow by 1: 1, grow by 1 more: -1',
    'host function fetch returned a Promise in a synchronous call',
    'checksums agree: true',
    '',
  ].join('\n');
  for (const flags of [[], ['--jitless']]) {
    assert.is(execFileSync(process.execPath, [...flags, example], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }), expected);
  }
});

test.run();
