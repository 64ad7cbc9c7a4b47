import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeModule } from '../binary/encode.js';
import { parseWat } from '../text/wat.js';
import { runCli, USAGE } from './commands.js';

const dir = mkdtempSync(join(tmpdir(), 'vitrine-cli-'));
const file = (name: string, content: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

/** Runs the CLI in-process: exit status, stdout, stderr. */
function cli(...args: string[]): { status: number; out: string; err: string } {
  let out = '', err = '';
  const status = runCli(args, { out: (t) => { out += t; }, err: (t) => { err += t; } }, '1.2.3');
  return { status, out, err };
}

const calc = `(module
  (import "vitrine" "print" (func $print (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "hi\\n")
  (func (export "add") (param i32 i64) (result i64) (i64.add (i64.extend_i32_s (local.get 0)) (local.get 1)))
  (func (export "half") (param f32) (result f32 f64) (f32.div (local.get 0) (f32.const 2)) (f64.const -nan:0x1))
  (func (export "hello") (call $print (i32.const 0) (i32.const 3)))
  (func (export "oob") (call $print (i32.const 65535) (i32.const 2)))
  (func (export "trap") (unreachable)))`;
const watFile = file('calc.wat', calc);
const wasmFile = file('calc.wasm', encodeModule(parseWat(calc)));

test('--help and --version', () => {
  assert.equal(cli('--help'), { status: 0, out: USAGE, err: '' });
  assert.equal(cli(), { status: 0, out: USAGE, err: '' });
  assert.equal(cli('--version'), { status: 0, out: 'vitrine 1.2.3\n', err: '' });
});

test('unknown commands, flags and files: one line, status 2', () => {
  assert.equal(cli('--frobnicate'), { status: 2, out: '', err: 'vitrine: unknown option --frobnicate (see vitrine --help)\n' });
  assert.equal(cli('frobnicate'), { status: 2, out: '', err: 'vitrine: unknown command frobnicate (see vitrine --help)\n' });
  assert.equal(cli('wast', '--fast', 'x.wast').status, 2);
  assert.equal(cli('wast').status, 2);
  const missing = cli('validate', join(dir, 'missing.wasm'));
  assert.is(missing.status, 2);
  assert.match(missing.err, /^vitrine: cannot read .*missing\.wasm: ENOENT \(see vitrine --help\)\n$/);
  assert.is(cli('run', watFile, '--call', 'add').status, 2);
  assert.is(cli('run', watFile, '--invoke').status, 2);
  assert.is(cli('run').status, 2);
});

test('run: arguments by parameter type, results one per line', () => {
  assert.equal(cli('run', watFile, '--invoke', 'add', '-1', '0x7fffffffffffffff'), { status: 0, out: '9223372036854775806\n', err: '' });
  assert.equal(cli('run', wasmFile, '--invoke', 'half', '3'), { status: 0, out: '1.5\n-nan:0x1\n', err: '' });
  assert.equal(cli('run', wasmFile, '--invoke', 'hello'), { status: 0, out: 'hi\n', err: '' });
  assert.equal(cli('run', wasmFile), { status: 0, out: '', err: '' });
});

test('run: bad arguments are usage errors; a trap is its message and a backtrace, status 134', () => {
  assert.match(cli('run', watFile, '--invoke', 'add', '1').err, /"add" takes 2 arguments, 1 given/);
  assert.match(cli('run', watFile, '--invoke', 'add', '1', '1.5').err, /"1\.5" is not a valid i64 argument/);
  assert.match(cli('run', watFile, '--invoke', 'nope').err, /exports no function "nope"/);
  assert.equal(cli('run', watFile, '--invoke', 'trap'), {
    status: 134, out: '', err: 'vitrine: RuntimeError: unreachable\nwasm backtrace:\n     0: <wasm function 5>\n',
  });
  // A host function's failure is not a trap.
  assert.equal(cli('run', watFile, '--invoke', 'oob'), { status: 1, out: '', err: 'vitrine: RuntimeError: out of bounds memory access\n' });
});

test('run: print needs an exported memory; spectest is available', () => {
  const noMem = file('nomem.wat', `(module (import "vitrine" "print" (func $p (param i32 i32)))
    (import "spectest" "print_i32" (func $pi (param i32)))
    (func (export "main") (call $pi (i32.const 7)) (call $p (i32.const 0) (i32.const 0))))`);
  const r = cli('run', noMem, '--invoke', 'main');
  assert.is(r.status, 1);
  assert.is(r.out, '7 : i32\n');
  assert.match(r.err, /print needs the module to export its memory/);
  assert.match(cli('run', file('imp.wat', '(module (import "env" "f" (func)))')).err, /^vitrine: LinkError: unknown import "env" "f"\n$/);
});

test('validate: valid, invalid and malformed modules', () => {
  assert.equal(cli('validate', wasmFile), { status: 0, out: `${wasmFile}: valid\n`, err: '' });
  const invalid = file('invalid.wat', '(module (func (result i32)))');
  const r = cli('validate', invalid);
  assert.is(r.status, 1);
  assert.match(r.out, /invalid\.wat: CompileError: type mismatch/);
  const bad = file('bad.wasm', new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]));
  assert.match(cli('validate', bad).out, /CompileError: unknown binary version/);
  // A .wasm file is decoded as binary even without the magic, so the message names the real fault.
  assert.match(cli('validate', file('text.wasm', 'garbage')).out, /CompileError: magic header not detected/);
  assert.match(cli('validate', file('bad.wat', '(module (func (i32.foo)))')).out, /CompileError: 1:\d+: unknown operator/);
  assert.is(cli('validate', wasmFile, watFile).status, 2);
});

test('wast: a line per file, then the totals; status 1 on failures', () => {
  const good = file('good.wast', '(module (func (export "f") (result i32) (i32.const 1)))\n(assert_return (invoke "f") (i32.const 1))');
  const bad = file('bad.wast', '(module (func (export "f") (result i32) (i32.const 1)))\n(assert_return (invoke "f") (i32.const 2))');
  const ok = cli('wast', good);
  assert.equal(ok, { status: 0, out: `ok   ${good}: 2 passed, 0 failed, 0 skipped\n2 passed, 0 failed, 0 skipped\n`, err: '' });
  const r = cli('wast', good, bad);
  assert.is(r.status, 1);
  assert.equal(r.out.split('\n'), [
    `ok   ${good}: 2 passed, 0 failed, 0 skipped`,
    `FAIL ${bad}: 1 passed, 1 failed, 0 skipped`,
    '3 passed, 1 failed, 0 skipped',
    '',
  ]);
  assert.is(r.err, `  ${bad}:2: assert_return failed: expected i32 2, got i32 1\n`);
});

test('main.js is an executable with a shebang that exits with the status', () => {
  const main = fileURLToPath(new URL('./main.js', import.meta.url));
  assert.match(execFileSync(process.execPath, [main, '--version'], { encoding: 'utf8' }), /^vitrine \d+\.\d+\.\d+\n$/);
  try {
    execFileSync(process.execPath, [main, 'nope'], { stdio: 'pipe' });
    assert.unreachable('should exit with status 2');
  } catch (e) {
    assert.is((e as { status: number }).status, 2);
  }
});

test('the npm start example draws the Mandelbrot set and returns the points inside', () => {
  const example = fileURLToPath(new URL('../../../examples/mandelbrot.wat', import.meta.url));
  const r = cli('run', example, '--invoke', 'main');
  assert.is(r.status, 0);
  const lines = r.out.trimEnd().split('\n');
  assert.is(lines.length, 29);
  assert.ok(lines.slice(0, 28).every((l) => l.length === 72));
  assert.is(lines[28], '446');
  assert.is(lines[13], lines[14], 'symmetric about the real axis');
  assert.is(r.out.split('@').length - 1, 446);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test('snapshot: pre-initialize, then run from the snapshot without re-running the start function', () => {
  const wat = file('init.wat', `(module (memory (export "memory") 1) (global $g (mut i32) (i32.const 0)) (start $s)
    (func $s (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 1))))
    (func (export "setup") (global.set $g (i32.const 41)))
    (func (export "get") (result i32) (i32.add (global.get $g) (i32.load (i32.const 0)))))`);
  const snap = join(dir, 'init.snap');
  const made = cli('snapshot', wat, '-o', snap, '--init', 'setup');
  assert.is(made.status, 0, made.err);
  assert.match(made.out, /init\.snap: \d+ bytes \(1 memory extents, 4 bytes of non-zero memory\)/);
  assert.equal(cli('run', snap, '--invoke', 'get'), { status: 0, out: '42\n', err: '' });
  assert.equal(cli('run', wat, '--invoke', 'get'), { status: 0, out: '1\n', err: '' });
  assert.is(cli('snapshot', wasmFile, '--output=' + join(dir, 'calc.snap')).status, 0);
  assert.equal(cli('run', join(dir, 'calc.snap'), '--invoke', 'add', '1', '2'), { status: 0, out: '3\n', err: '' });
});

test('snapshot: errors are one line', () => {
  const snap = join(dir, 'e.snap');
  assert.equal(cli('snapshot', watFile), { status: 2, out: '', err: 'vitrine: snapshot needs an output file: -o FILE.snap (see vitrine --help)\n' });
  assert.is(cli('snapshot', '-o').status, 2);
  assert.match(cli('snapshot', '-o', snap).err, /snapshot needs a module file/);
  assert.match(cli('snapshot', '-o', snap, watFile, 'extra').err, /unexpected argument extra/);
  assert.match(cli('snapshot', '--invoke', 'x', '-o', snap, watFile).err, /not --invoke/);
  assert.match(cli('snapshot', '--bogus', '-o', snap, watFile).err, /unknown option --bogus/);
  assert.equal(cli('snapshot', watFile, '-o', snap, '--init', 'nope'),
    { status: 1, out: '', err: 'vitrine: SnapshotError: the initializer "nope" is not an exported function\n' });
  const trapped = cli('snapshot', watFile, '-o', snap, '--init', 'trap');
  assert.is(trapped.status, 134);
  assert.match(trapped.err, /^vitrine: RuntimeError: unreachable\nwasm backtrace:/);
  assert.is(cli('snapshot', watFile, '-o', snap).status, 0);
  assert.match(cli('snapshot', snap, '-o', snap).err, /is already a snapshot/);
  assert.match(cli('snapshot', watFile, '-o', join(dir, 'no', 'such', 'dir.snap')).err, /^vitrine: cannot write .*ENOENT/);
  const damaged = file('damaged.snap', readFileSync(snap).subarray(0, 30));
  const run = cli('run', damaged, '--invoke', 'add');
  assert.equal({ status: run.status, out: run.out }, { status: 1, out: '' });
  assert.match(run.err, /^vitrine: SnapshotError: snapshot file is damaged \(payload of 4 bytes, \d+ expected\)\n$/);
});

test.run();
