/**
 * The dispatch loops must be ones V8's optimizing compiler agrees to compile: a function whose
 * bytecode exceeds TurboFan's size limit (60 KiB in Node 20) silently stays in the baseline tiers
 * and runs about 10× slower (see RATIONALE, "Why do vector instructions run in a loop of their
 * own?"). This test runs a scalar and a vector loop in a child process with `--trace-opt` and checks
 * that both `run` and `runVector` get optimized; adding cases to either loop can break it.
 */

import { execFileSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const index = new URL('../index.js', import.meta.url).href;

// The children run without the coverage that c8 turns on through NODE_V8_COVERAGE: block coverage
// adds a counter to every branch of `run`'s bytecode and pushes it over TurboFan's size limit, so
// under coverage these checks would test the instrumented loop, not the shipped one. Node copies
// the variable into a child's environment unless that environment has it: empty means off.
const plainEnv = { ...process.env, NODE_V8_COVERAGE: '' };

const child = `
import { Module, Instance } from ${JSON.stringify(index)};
import { parseWat } from ${JSON.stringify(new URL('../text/wat.js', import.meta.url).href)};
import { encodeModule } from ${JSON.stringify(new URL('../binary/encode.js', import.meta.url).href)};
const wat = \`(module
  (func (export "scalar") (param $n i32) (result i32) (local $s i32)
    (loop $l (local.set $s (i32.add (local.get $s) (local.get $n)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  (func (export "vector") (param $n i32) (result i32) (local $v v128)
    (loop $l (local.set $v (i32x4.add (local.get $v) (i32x4.splat (local.get $n))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i32x4.extract_lane 0 (local.get $v))))\`;
const m = new Module(encodeModule(parseWat(wat)));
const { scalar, vector } = new Instance(m).exports;
for (let i = 0; i < 20; i++) { scalar(200000); vector(200000); }
`;

test('the interpreter loops run and runVector are optimized by TurboFan', () => {
  const out = execFileSync(process.execPath, ['--trace-opt', '--input-type=module', '-e', child], {
    encoding: 'utf8', maxBuffer: 64 << 20, env: plainEnv,
  });
  const optimized = (name: string) => new RegExp(`completed (optimizing|compiling) \\S+ <JSFunction ${name} `).test(out);
  assert.ok(optimized('run'), 'run was not optimized: is its bytecode over the size limit?');
  assert.ok(optimized('runVector'), 'runVector was not optimized: is its bytecode over the size limit?');
});

// A vector loop long enough to get runVector compiled, then another with instructions the first
// did not have. Without warmVector's feedback the second deoptimized runVector ("Insufficient type
// feedback"), the start of its two speeds (RATIONALE, "Why does simd run at two speeds?").
const lateChild = `
import { Module, Instance } from ${JSON.stringify(index)};
import { parseWat } from ${JSON.stringify(new URL('../text/wat.js', import.meta.url).href)};
import { encodeModule } from ${JSON.stringify(new URL('../binary/encode.js', import.meta.url).href)};
const wat = \`(module
  (func (export "first") (param $n i32) (result i32) (local $v v128)
    (loop $l (local.set $v (i32x4.add (local.get $v) (i32x4.splat (local.get $n))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i32x4.extract_lane 0 (local.get $v)))
  (func (export "later") (param $n i32) (result i32) (local $v v128)
    (local.set $v (f32x4.splat (f32.const 1.5)))
    (loop $l
      (local.set $v (f32x4.max (f32x4.mul (local.get $v) (local.get $v)) (i16x8.add_sat_s (local.get $v) (local.get $v))))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i32x4.extract_lane 1 (local.get $v))))\`;
const { first, later } = new Instance(new Module(encodeModule(parseWat(wat)))).exports;
for (let i = 0; i < 20; i++) first(200000);
for (let i = 0; i < 5; i++) later(200000);
`;

test('runVector is not deoptimized for lack of feedback by vector instructions first run late', () => {
  const out = execFileSync(process.execPath, ['--trace-deopt', '--input-type=module', '-e', lateChild], {
    encoding: 'utf8', maxBuffer: 64 << 20, env: plainEnv,
  });
  const deopts = out.split('\n').filter((l) => /Insufficient type feedback.*<JSFunction runVector /.test(l));
  assert.equal(deopts, []);
});

// The first call of an export warms `run` (warmRun): enough back edges for V8 to give it a feedback
// vector before the real code runs, too few for TurboFan to mark it on that feedback alone. Then a
// long scalar loop, called again: the second call's regular compile must not find the prologue
// without feedback (the deopt at `run`'s entry behind its second, slower speed; RATIONALE, "Why
// does run warm its feedback?"). The first check is deterministic; the second only a guard: the
// prologue's deopt was a race, and this small child did not show it even without warmRun (0 of 3),
// nor can a test see when V8 allocated the vector (the lower side of WARM_LOOPS).
const warmChild = `
import { Module, Instance } from ${JSON.stringify(index)};
import { parseWat } from ${JSON.stringify(new URL('../text/wat.js', import.meta.url).href)};
import { encodeModule } from ${JSON.stringify(new URL('../binary/encode.js', import.meta.url).href)};
const wat = \`(module
  (func (export "tiny") (result i32) (i32.const 7))
  (func (export "scalar") (param $n i32) (result i32) (local $s i32)
    (loop $l (local.set $s (i32.add (local.get $s) (local.get $n)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s)))\`;
const { tiny, scalar } = new Instance(new Module(encodeModule(parseWat(wat)))).exports;
tiny();
console.log('@@warmed');
for (let i = 0; i < 4; i++) scalar(3000000);
`;

test('warmRun gives run its feedback without getting it marked for optimization', () => {
  const out = execFileSync(process.execPath, ['--trace-opt', '--trace-deopt', '--input-type=module', '-e', warmChild], {
    encoding: 'utf8', maxBuffer: 64 << 20, env: plainEnv,
  });
  const [warm, rest] = out.split('@@warmed');
  assert.not.match(warm, /<JSFunction run /, 'the warming alone got run marked or compiled');
  const entry = rest.split('\n').filter((l) => /deoptimizing \S+ <JSFunction run .*bytecode offset ([0-9]|[1-9][0-9]),/.test(l));
  assert.equal(entry, [], 'run deoptimized in its prologue');
});

test.run();
