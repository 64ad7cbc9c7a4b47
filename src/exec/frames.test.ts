import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RuntimeError } from '../errors.js';
import { hostFunc, instantiate, invoke, type ExternVal, type FuncInst } from '../runtime/index.js';
import { parseWat } from '../text/wat.js';
import { MAX_RECORDED_FRAMES, recordFrames, wasmBacktrace } from './frames.js';

/** Instantiates `src` with import "host" "f" calling `host`; returns its exports' functions by name. */
function funcs(src: string, host: () => void = () => {}): Map<string, FuncInst> {
  const f: ExternVal = { kind: 'func', value: hostFunc({ kind: 'func', params: [], results: [] }, () => { host(); return []; }, 'f') };
  const inst = instantiate(parseWat(src), (imp) => (imp.name === 'f' ? f : undefined));
  const out = new Map<string, FuncInst>();
  for (const [name, e] of inst.exports) if (e.kind === 'func') out.set(name, e.value);
  return out;
}

const indexOf = (f: FuncInst): number => f.defIdx;

test('a trap records the active functions, innermost first', () => {
  const fs = funcs(`(module (import "host" "f" (func))
    (func $inner (unreachable))
    (func $middle (call $inner))
    (func (export "outer") (call $middle)))`);
  try {
    invoke(fs.get('outer')!, []);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, RuntimeError);
    assert.equal(wasmBacktrace(e).map(indexOf), [0, 1, 2]);
  }
});

test('an exception through a host function and a nested invocation: inner frames, then the callers', () => {
  let reenter: FuncInst | undefined;
  const fs = funcs(`(module (import "host" "f" (func $f))
    (func (export "deep") (unreachable))
    (func (export "calls_host") (call $f))
    (func (export "top") (call 2)))`, () => invoke(reenter!, []));
  reenter = fs.get('deep');
  try {
    invoke(fs.get('top')!, []);
    assert.unreachable();
  } catch (e) {
    // deep (nested run), then calls_host (which called the host) and top.
    assert.equal(wasmBacktrace(e).map(indexOf), [0, 1, 2]);
  }
  // The interpreter is usable afterwards.
  assert.equal(invoke(funcs('(module (func (export "one") (result i32) (i32.const 1)))').get('one')!, []), [1]);
});

test('a thrown non-object records nothing; traces are bounded', () => {
  const fs = funcs(`(module (import "host" "f" (func $f)) (func (export "g") (call $f)))`, () => {
    throw 'a string';
  });
  assert.throws(() => invoke(fs.get('g')!, []), (e: unknown) => e === 'a string');
  assert.equal(wasmBacktrace('a string'), []);
  assert.equal(wasmBacktrace(new Error('never thrown through Wasm')), []);
  const e = new Error('deep');
  const g = fs.get('g')!;
  recordFrames(e, g, new Array<FuncInst>(2 * MAX_RECORDED_FRAMES).fill(g), 0, 2 * MAX_RECORDED_FRAMES);
  recordFrames(e, g, [], 0, 0);
  assert.is(wasmBacktrace(e).length, MAX_RECORDED_FRAMES);
});

test.run();
