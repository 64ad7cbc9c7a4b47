import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Instance, Module } from '../api/index.js';
import { memories } from '../api/memory.js';
import { encodeModule } from '../binary/encode.js';
import { RuntimeError } from '../errors.js';
import { parseWat } from '../text/wat.js';
import { MemoryFs } from './fs/memory.js';
import { CallbackStream } from './streams.js';
import { WASI } from './wasi.js';

const dec = new TextDecoder();
const wasm = (src: string): Uint8Array => encodeModule(parseWat(src));
const P1 = 'wasi_snapshot_preview1';

/** Writes "hello\n" to stdout, then exits with the code in its first argument's first byte, or returns. */
const hello = wasm(`(module
  (import "${P1}" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "${P1}" "proc_exit" (func $exit (param i32)))
  (import "${P1}" "args_get" (func $args_get (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello\\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 6))
    (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (drop (call $args_get (i32.const 100) (i32.const 200)))
    ;; argv[1][0] - '0', if there is an argv[1]
    (if (i32.load (i32.const 104))
      (then (call $exit (i32.sub (i32.load8_u (i32.load (i32.const 104))) (i32.const 48)))))))`);

function capture(): { stream: CallbackStream; text: () => string } {
  const chunks: Uint8Array[] = [];
  return { stream: new CallbackStream({ write: (b) => chunks.push(b) }), text: () => chunks.map((c) => dec.decode(c)).join('') };
}

test('start runs _start: output, exit code from proc_exit, 0 when it returns; once only', () => {
  const out = capture();
  const wasi = new WASI({ version: 'preview1', args: ['hello', '7'], stdout: out.stream });
  const instance = new Instance(new Module(hello), wasi.getImportObject());
  assert.is(wasi.start(instance), 7);
  assert.is(out.text(), 'hello\n');
  assert.throws(() => wasi.start(instance), /already been started/);
  const quiet = new WASI({ version: 'preview1', args: ['hello'], stdout: capture().stream });
  assert.is(quiet.start(new Instance(new Module(hello), quiet.getImportObject())), 0);
});

test('the same WASI object works with the host engine, as node:wasi does', () => {
  const host = (globalThis as { WebAssembly?: { Instance: new (m: object, i: object) => { exports: Record<string, unknown> }; Module: new (b: Uint8Array) => object } }).WebAssembly;
  if (host === undefined) return; // --jitless: no host engine
  const out = capture();
  const wasi = new WASI({ version: 'preview1', args: ['hello', '5'], stdout: out.stream });
  assert.is(wasi.start(new host.Instance(new host.Module(hello), wasi.getImportObject())), 5);
  assert.is(out.text(), 'hello\n');
});

test('start and initialize check the instance as node:wasi does', () => {
  const reactor = wasm(`(module (memory (export "memory") 1) (global $g (export "g") (mut i32) (i32.const 0))
    (func (export "_initialize") (global.set $g (i32.const 1))))`);
  const wasi = new WASI();
  const inst = new Instance(new Module(reactor), {});
  assert.throws(() => wasi.start(inst), /no "_start" export/);
  wasi.initialize(inst);
  assert.is((inst.exports.g as { value: number }).value, 1);
  assert.throws(() => wasi.initialize(inst), /already been started/);
  assert.throws(() => new WASI().initialize(new Instance(new Module(hello), new WASI().getImportObject())), /must not export "_start"/);
  assert.throws(() => new WASI().start(new Instance(new Module(wasm('(module (func (export "_start")))')), {})), /export its memory/);
  assert.throws(() => new WASI().start(null as never), /must be an object with exports/);
  assert.throws(() => new WASI().initialize({ exports: { memory: new ArrayBuffer(0), _initialize: 1 } } as never), /export its memory/);
  assert.throws(() => new WASI({ version: 'unstable' as never }), /not supported/);
  // A reactor without _initialize is fine.
  new WASI().initialize({ exports: { memory: { buffer: new ArrayBuffer(8) } } });
});

test('a trap propagates out of start; descriptors are closed anyway', () => {
  const trapping = wasm(`(module (memory (export "memory") 1) (func (export "_start") (unreachable)))`);
  const wasi = new WASI({ version: 'preview1' });
  assert.throws(() => wasi.start(new Instance(new Module(trapping), {})), (e: unknown) => e instanceof RuntimeError);
});

test('preopens: host directories and in-memory ones, fds 3… in order, named as given', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-wasi-'));
  writeFileSync(join(dir, 'a.txt'), 'from the host');
  const mem = new MemoryFs();
  mem.writeFile('b.txt', 'from memory');
  // Opens "a.txt" in fd 3 and "b.txt" in fd 4, copies each to stdout.
  const cat = wasm(`(module
    (import "${P1}" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
    (import "${P1}" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
    (import "${P1}" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
    (import "${P1}" "fd_prestat_dir_name" (func $name (param i32 i32 i32) (result i32)))
    (memory (export "memory") 1)
    (data (i32.const 0) "a.txtb.txt")
    (func $cat (param $dir i32) (param $path i32)
      (if (call $open (local.get $dir) (i32.const 0) (local.get $path) (i32.const 5) (i32.const 0)
            (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 20)) (then (unreachable)))
      (i32.store (i32.const 32) (i32.const 100))
      (i32.store (i32.const 36) (i32.const 100))
      (drop (call $read (i32.load (i32.const 20)) (i32.const 32) (i32.const 1) (i32.const 40)))
      (i32.store (i32.const 36) (i32.load (i32.const 40)))
      (drop (call $write (i32.const 1) (i32.const 32) (i32.const 1) (i32.const 40))))
    (func (export "_start")
      (call $cat (i32.const 3) (i32.const 0))
      (call $cat (i32.const 4) (i32.const 5))
      (drop (call $name (i32.const 4) (i32.const 100) (i32.const 4)))
      (i32.store (i32.const 36) (i32.const 4))
      (drop (call $write (i32.const 1) (i32.const 32) (i32.const 1) (i32.const 40)))))`);
  const out = capture();
  const wasi = new WASI({ version: 'preview1', preopens: { '/host': dir, '/mem': mem.root() }, stdout: out.stream });
  assert.is(wasi.start(new Instance(new Module(cat), wasi.getImportObject())), 0);
  assert.is(out.text(), 'from the hostfrom memory/mem');
  assert.throws(() => new WASI({ preopens: { '/x': join(dir, 'missing') } }), /cannot open/);
  rmSync(dir, { recursive: true });
});

/**
 * An echo server on the preopened listener at fd 3: accept before any client is EAGAIN (exit
 * 10), then poll, accept, receive 4 bytes (WAITALL), send "pong" and them, shut down, close.
 */
const server = wasm(`(module
  (import "${P1}" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
  (import "${P1}" "sock_accept" (func $accept (param i32 i32 i32) (result i32)))
  (import "${P1}" "sock_recv" (func $recv (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "${P1}" "sock_send" (func $send (param i32 i32 i32 i32 i32) (result i32)))
  (import "${P1}" "sock_shutdown" (func $shutdown (param i32 i32) (result i32)))
  (import "${P1}" "fd_close" (func $close (param i32) (result i32)))
  (import "${P1}" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 300) "pong")
  (func (export "_start") (local $fd i32)
    (if (i32.ne (call $accept (i32.const 3) (i32.const 0) (i32.const 400)) (i32.const 6)) (then (call $exit (i32.const 10))))
    (i32.store8 (i32.const 8) (i32.const 1))
    (i32.store (i32.const 16) (i32.const 3))
    (if (call $poll (i32.const 0) (i32.const 48) (i32.const 1) (i32.const 96)) (then (call $exit (i32.const 11))))
    (if (call $accept (i32.const 3) (i32.const 0) (i32.const 400)) (then (call $exit (i32.const 12))))
    (local.set $fd (i32.load (i32.const 400)))
    (i32.store (i32.const 100) (i32.const 200))
    (i32.store (i32.const 104) (i32.const 4))
    (if (call $recv (local.get $fd) (i32.const 100) (i32.const 1) (i32.const 2) (i32.const 404) (i32.const 408))
      (then (call $exit (i32.const 13))))
    (i32.store (i32.const 108) (i32.const 300))
    (i32.store (i32.const 112) (i32.const 4))
    (i32.store (i32.const 116) (i32.const 200))
    (i32.store (i32.const 120) (i32.load (i32.const 404)))
    (if (call $send (local.get $fd) (i32.const 108) (i32.const 2) (i32.const 0) (i32.const 412)) (then (call $exit (i32.const 14))))
    (if (call $shutdown (local.get $fd) (i32.const 2)) (then (call $exit (i32.const 15))))
    (if (call $close (local.get $fd)) (then (call $exit (i32.const 16))))))`);

test('tcplisten: the guest accepts, receives and answers a real client', async () => {
  const wasi = new WASI({ version: 'preview1', tcplisten: ['127.0.0.1:0'] });
  const { port } = wasi.listeners[0];
  assert.ok(port > 0);
  // The client is another process: this one blocks while the guest runs.
  const client = spawn(process.execPath, ['-e', `
    const s = require('net').connect(${port}, '127.0.0.1', () => setTimeout(() => s.write('ping'), 100));
    let got = ''; s.on('data', (d) => { got += d; }); s.on('end', () => { process.stdout.write(got); s.end(); });`]);
  let answer = '';
  client.stdout.on('data', (d: Buffer) => { answer += d.toString(); });
  const exited = new Promise((resolve) => client.on('close', resolve));
  assert.is(wasi.start(new Instance(new Module(server), wasi.getImportObject())), 0);
  await exited;
  assert.is(answer, 'pongping');
  // The listener is closed with the guest.
  await new Promise<void>((resolve) => {
    net.connect(port, '127.0.0.1').on('error', () => resolve()).on('connect', function (this: net.Socket) {
      this.destroy();
      resolve();
    });
  });
});

test('tcplisten: a bad or busy address is an error', () => {
  assert.throws(() => new WASI({ tcplisten: ['localhost'] }), /not an address of the form HOST:PORT/);
  assert.throws(() => new WASI({ tcplisten: ['127.0.0.1:99999'] }), /not an address/);
  const first = new WASI({ tcplisten: ['127.0.0.1:0'] });
  assert.throws(() => new WASI({ tcplisten: [`127.0.0.1:${first.listeners[0].port}`] }), /cannot listen on .*addrinuse/);
  first.initialize({ exports: { memory: { buffer: new ArrayBuffer(0) } } });
});

test('the stdio of the process: written straight to its fds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-wasi-'));
  const fd = openSync(join(dir, 'out'), 'w');
  const wasi = new WASI({ version: 'preview1', args: ['x'], stdout: fd });
  assert.is(wasi.start(new Instance(new Module(hello), wasi.getImportObject())), 0);
  closeSync(fd);
  assert.is(readFileSync(join(dir, 'out'), 'utf8'), 'hello\n');
  rmSync(dir, { recursive: true });
});


test('on a Vitrine memory, WASI records its writes and leaves the memory unexposed (cheap pool resets)', () => {
  const module = new Module(wasm(`(module
    (import "${P1}" "random_get" (func $random (param i32 i32) (result i32)))
    (import "${P1}" "args_get" (func $args_get (param i32 i32) (result i32)))
    (memory (export "memory") 1)
    (func (export "_start")
      (drop (call $random (i32.const 40000) (i32.const 16)))
      (drop (call $args_get (i32.const 50000) (i32.const 60000)))))`));
  const wasi = new WASI({ version: 'preview1', args: ['prog', 'arg'] });
  const instance = new Instance(module, wasi.getImportObject());
  const mem = memories.instOf(instance.exports.memory);
  mem.dirty.fill(0);
  assert.is(wasi.start(instance), 0);
  assert.is(mem.exposed, false);
  const dirtyBlocks = [...mem.dirty.keys()].filter((b) => mem.dirty[b] === 1);
  assert.equal(dirtyBlocks, [40000 >>> 12, 50000 >>> 12, 60000 >>> 12]);
  assert.is(dec.decode(new Uint8Array(mem.view.buffer, 60000, 5)), 'prog\0');
});

test.run();
