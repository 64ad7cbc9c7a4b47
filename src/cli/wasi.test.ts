import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeModule } from '../binary/encode.js';
import { parseWat } from '../text/wat.js';
import { CallbackStream } from '../wasi/streams.js';
import { runCli } from './commands.js';
import { parseRunOptions } from './wasi.js';

const dir = mkdtempSync(join(tmpdir(), 'vitrine-cli-wasi-'));
const file = (name: string, content: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const P1 = 'wasi_snapshot_preview1';
const dec = new TextDecoder();

/** Runs the CLI in-process with the guest's stdout captured. */
function cli(...args: string[]): { status: number; out: string; err: string; guest: string } {
  let out = '', err = '', guest = '';
  const stdout = new CallbackStream({ write: (b) => { guest += dec.decode(b); } });
  const status = runCli(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, stdio: { stdout } }, '1.2.3');
  return { status, out, err, guest };
}

/**
 * Prints argv (one per line), the environment, then the contents of "data.txt" in the preopen
 * at fd 3 (if any), and exits with the first byte of argv[1] minus '0' when that is a digit.
 */
const echo = file('echo.wat', `(module
  (import "${P1}" "args_sizes_get" (func $args_sizes (param i32 i32) (result i32)))
  (import "${P1}" "args_get" (func $args (param i32 i32) (result i32)))
  (import "${P1}" "environ_sizes_get" (func $env_sizes (param i32 i32) (result i32)))
  (import "${P1}" "environ_get" (func $env (param i32 i32) (result i32)))
  (import "${P1}" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "${P1}" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (import "${P1}" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "${P1}" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "data.txt")
  ;; Writes the NUL-terminated strings of the buffer at 1024 of total size $size, one per line.
  (func $lines (param $size i32) (local $i i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $size)))
      (if (i32.eqz (i32.load8_u (i32.add (i32.const 1024) (local.get $i))))
        (then (i32.store8 (i32.add (i32.const 1024) (local.get $i)) (i32.const 10))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (call $out (i32.const 1024) (local.get $size)))
  (func $out (param $ptr i32) (param $len i32)
    (i32.store (i32.const 16) (local.get $ptr))
    (i32.store (i32.const 20) (local.get $len))
    (drop (call $write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24))))
  (func (export "_start")
    (drop (call $args_sizes (i32.const 32) (i32.const 36)))
    (drop (call $args (i32.const 512) (i32.const 1024)))
    (call $lines (i32.load (i32.const 36)))
    ;; argv[1][0], before the environment overwrites the buffer
    (i32.store8 (i32.const 44) (i32.load8_u (i32.load (i32.const 516))))
    (drop (call $env_sizes (i32.const 32) (i32.const 36)))
    (drop (call $env (i32.const 512) (i32.const 1024)))
    (call $lines (i32.load (i32.const 36)))
    (if (i32.eqz (call $open (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 8) (i32.const 0)
          (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 40)))
      (then
        (i32.store (i32.const 16) (i32.const 2048))
        (i32.store (i32.const 20) (i32.const 100))
        (drop (call $read (i32.load (i32.const 40)) (i32.const 16) (i32.const 1) (i32.const 24)))
        (call $out (i32.const 2048) (i32.load (i32.const 24)))))
    (if (i32.and (i32.ge_u (i32.load8_u (i32.const 44)) (i32.const 48))
                 (i32.le_u (i32.load8_u (i32.const 44)) (i32.const 57)))
      (then (call $exit (i32.sub (i32.load8_u (i32.const 44)) (i32.const 48)))))))`);

test('WASI programs: argv, --env, --dir HOST::GUEST, exit code', () => {
  const host = join(dir, 'host');
  mkdirSync(host);
  writeFileSync(join(host, 'data.txt'), 'file contents');
  process.env.VITRINE_TEST_INHERITED = 'inherited';
  const r = cli('run', '--env', 'A=1', '--env=B=x=y', '--env', 'VITRINE_TEST_INHERITED', '--env', 'VITRINE_TEST_UNSET',
    '--dir', `${host}::/guest`, echo, '3', '--not-an-option');
  assert.equal(r, {
    status: 3, out: '', err: '',
    guest: 'echo.wat\n3\n--not-an-option\nA=1\nB=x=y\nVITRINE_TEST_INHERITED=inherited\nfile contents',
  });
  // Without options: no environment, no preopen; status 0 when _start returns.
  assert.equal(cli('run', echo, 'x'), { status: 0, out: '', err: '', guest: 'echo.wat\nx\n' });
});

test('WASI programs: --invoke calls another export with the WASI imports linked', () => {
  const m = file('inv.wat', `(module (import "${P1}" "sched_yield" (func $y (result i32)))
    (memory (export "memory") 1)
    (func (export "_start") (unreachable))
    (func (export "twice") (param i32) (result i32) (drop (call $y)) (i32.add (local.get 0) (local.get 0))))`);
  assert.equal(cli('run', '--invoke', 'twice', m, '21'), { status: 0, out: '42\n', err: '', guest: '' });
  assert.equal(cli('run', m, '--invoke', 'twice', '4'), { status: 0, out: '8\n', err: '', guest: '' });
});

test('WASI programs: linking errors are clear one-line errors', () => {
  const unknown = file('unknown.wat', `(module (import "${P1}" "fd_frobnicate" (func (param i32) (result i32)))
    (memory (export "memory") 1) (func (export "_start")))`);
  assert.equal(cli('run', unknown), {
    status: 1, out: '', guest: '', err: `vitrine: LinkError: unknown import "${P1}" "fd_frobnicate"\n`,
  });
  const wrongType = file('wrong.wat', `(module (import "${P1}" "fd_write" (func (param i32) (result i32)))
    (memory (export "memory") 1) (func (export "_start")))`);
  assert.match(cli('run', wrongType).err, /LinkError: incompatible import type for "wasi_snapshot_preview1" "fd_write"/);
  const noMemory = file('nomem.wat', `(module (import "${P1}" "sched_yield" (func (result i32))) (func (export "_start")))`);
  assert.match(cli('run', noMemory).err, /must export its memory as "memory"/);
  assert.is(cli('run', noMemory).status, 1);
  // A command without WASI imports needs no memory.
  assert.equal(cli('run', file('bare.wat', '(module (func (export "_start")))'), 'arg'), { status: 0, out: '', err: '', guest: '' });
  assert.match(cli('run', '--dir', join(dir, 'missing'), echo).err, /cannot open .*missing.* as a directory/);
});

test('WASI programs: a trap prints the message and a backtrace named from the name section', () => {
  const m = parseWat(`(module (memory (export "memory") 1)
    (func $divide (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
    (func $compute (result i32) (call $divide (i32.const 1) (i32.const 0)))
    (func (export "_start") (drop (call $compute))))`);
  m.names = { funcs: new Map([[0, 'divide'], [1, 'compute']]), locals: new Map() };
  const r = cli('run', file('trap.wasm', encodeModule(m)));
  assert.equal(r, {
    status: 134, out: '', guest: '',
    err: 'vitrine: RuntimeError: integer divide by zero\nwasm backtrace:\n     0: divide\n     1: compute\n     2: <wasm function 2>\n',
  });
});

test('run options: values inline or next, unknown options and missing values', () => {
  assert.equal(parseRunOptions(['--dir', 'a', '--dir=b::/c', '--tcplisten', '127.0.0.1:80', '--invoke=f', 'm.wasm', '--dir']), {
    options: { preopens: { a: 'a', '/c': 'b' }, env: {}, tcplisten: ['127.0.0.1:80'], invoke: 'f' }, file: 6,
  });
  assert.throws(() => parseRunOptions(['--frob', 'x']), /unknown option --frob/);
  assert.throws(() => parseRunOptions(['--dir']), /--dir needs a value/);
  assert.equal(cli('run', '--dir').status, 2);
  assert.equal(cli('run', '--tcplisten', 'nonsense', echo).status, 2);
  assert.equal(cli('run', '--dir', dir).status, 2);
  assert.match(cli('run', '--dir', dir).err, /run needs a module file/);
  // Arguments only go to WASI programs.
  const plain = file('plain.wat', '(module)');
  assert.match(cli('run', plain, 'x').err, /only WASI programs take arguments/);
});

/** Polls stdin (with a clock of $1 ms), then reads it and writes "read:" and what came, or "timeout". */
const poller = file('poll.wat', `(module
  (import "${P1}" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
  (import "${P1}" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (import "${P1}" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 400) "read:timeout")
  (func $out (param $ptr i32) (param $len i32)
    (i32.store (i32.const 200) (local.get $ptr))
    (i32.store (i32.const 204) (local.get $len))
    (drop (call $write (i32.const 1) (i32.const 200) (i32.const 1) (i32.const 208))))
  (func (export "_start")
    ;; fd_read subscription on stdin (userdata 1), clock subscription of 3 s (userdata 2)
    (i64.store (i32.const 0) (i64.const 1))
    (i32.store8 (i32.const 8) (i32.const 1))
    (i32.store (i32.const 16) (i32.const 0))
    (i64.store (i32.const 48) (i64.const 2))
    (i32.store8 (i32.const 56) (i32.const 0))
    (i32.store (i32.const 64) (i32.const 1))
    (i64.store (i32.const 72) (i64.const 3000000000))
    (drop (call $poll (i32.const 0) (i32.const 96) (i32.const 2) (i32.const 160)))
    (if (i64.eq (i64.load (i32.const 96)) (i64.const 2))
      (then (call $out (i32.const 405) (i32.const 7)) (return)))
    (i32.store (i32.const 200) (i32.const 1000))
    (i32.store (i32.const 204) (i32.const 100))
    (drop (call $read (i32.const 0) (i32.const 200) (i32.const 1) (i32.const 212)))
    (call $out (i32.const 400) (i32.const 5))
    (call $out (i32.const 1000) (i32.load (i32.const 212)))))`);

const main = fileURLToPath(new URL('./main.js', import.meta.url));

/** Runs `vitrine run` as a process; `feed` gets its stdin. Resolves to its stdout. */
function runProcess(args: string[], feed: (stdin: NodeJS.WritableStream) => void): Promise<{ out: string; ms: number }> {
  const start = Date.now();
  const child = spawn(process.execPath, [main, 'run', ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  feed(child.stdin);
  return new Promise((resolve) => child.on('close', () => resolve({ out, ms: Date.now() - start })));
}

test('stdin as a pipe: poll_oneoff sees data as it arrives, and the end of input', async () => {
  const late = await runProcess([poller], (stdin) => setTimeout(() => stdin.write('data'), 300));
  assert.is(late.out, 'read:data');
  assert.ok(late.ms < 2900, `answered after ${late.ms} ms, not at the timeout`);
  const closed = await runProcess([poller], (stdin) => stdin.end());
  assert.is(closed.out, 'read:');
  const idle = await runProcess([poller], () => {});
  assert.is(idle.out, 'timeout');
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
