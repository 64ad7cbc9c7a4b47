import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { entryIndex, loadEngine, Variants, type EngineName } from './engines.js';
import { Module, moduleOf } from '../src/api/module.js';

const fib = readFileSync(new URL('../../bench/programs/fib.wasm', import.meta.url));

test('Variants: distinct copies that still decode, with the same run() export', () => {
  const v = new Variants(fib);
  const a = v.next(), b = v.next();
  assert.is(a.length, b.length);
  assert.ok(a.length > fib.length);
  assert.not.equal(a, b);
  const m = moduleOf(new Module(a));
  assert.ok(entryIndex(m) >= 0);
});

// Every engine whose start-up the runner measures has both paths: the synchronous constructors
// and the promise API (bench/worker.ts runs each as a benny case).
for (const name of ['vitrine', 'host', 'polywasm'] as EngineName[]) {
  test(`${name}: start-up through the constructors and through the promise API`, async () => {
    const engine = await loadEngine(name);
    assert.type(engine.startup, 'function');
    assert.type(engine.startupPromise, 'function');
    const v = new Variants(fib);
    const rest = engine.startup!(v.next());
    // Only Vitrine defers work past start-up: translating the bodies other than run.
    if (name === 'vitrine') {
      assert.type(rest, 'function');
      rest!();
    } else {
      assert.is(rest, undefined);
    }
    await engine.startupPromise!(v.next());
  });
}

test('a start-up of bytes that do not decode rejects, through either API', async () => {
  const engine = await loadEngine('vitrine');
  const bad = Uint8Array.of(0, 0x61, 0x73, 0x6d, 2, 0, 0, 0);
  assert.throws(() => engine.startup!(bad));
  let rejected = false;
  await engine.startupPromise!(bad).catch(() => { rejected = true; });
  assert.ok(rejected);
});

test.run();
