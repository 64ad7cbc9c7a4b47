import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeModule } from '../binary/encode.js';
import { LinkError, RuntimeError } from '../errors.js';
import { GlobalInst } from '../runtime/global.js';
import type { GlobalType } from '../syntax/types.js';
import { parseWat } from '../text/wat.js';
import { VITRINE_VERSION } from '../version.js';
import { WASI } from '../wasi/wasi.js';
import { crc32, FORMAT_VERSION } from './format.js';
import { extentsOf, snapshot, Snapshot, SnapshotError } from './snapshot.js';

const counter = `(module
  (memory (export "memory") 2 4)
  (global $g (mut i32) (i32.const 0))
  (global $wide (mut i64) (i64.const 0))
  (global $vec (mut v128) (v128.const i32x4 0 0 0 0))
  (global $fref (mut funcref) (ref.null func))
  (global $c i32 (i32.const 5))
  (table $t (export "table") 2 funcref)
  (elem (i32.const 0) $one)
  (elem $passive func $two)
  (data (i32.const 100) "abc")
  (data $p "xyz")
  (start $start)
  (func $start (i32.store (i32.const 500) (i32.add (i32.load (i32.const 500)) (i32.const 1))))
  (func $one (result i32) (i32.const 1))
  (func $two (result i32) (i32.const 2))
  (func (export "_initialize")
    (global.set $g (i32.const 42))
    (global.set $wide (i64.const -3))
    (global.set $vec (v128.const i32x4 1 2 3 4))
    (global.set $fref (ref.func $two))
    (table.set (i32.const 1) (ref.func $two))
    (data.drop $p)
    (drop (memory.grow (i32.const 1)))
    (i32.store (i32.const 131076) (i32.const 9)))
  (func (export "g") (result i32) (global.get $g))
  (func (export "wide") (result i64) (global.get $wide))
  (func (export "lane") (result i32) (i32x4.extract_lane 3 (global.get $vec)))
  (func (export "fref") (result i32) (call_indirect (result i32) (i32.const 1)))
  (func (export "peek") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "initP") (memory.init $p (i32.const 0) (i32.const 0) (i32.const 1))))`;

type Fn = (...a: unknown[]) => any;

test('the initializer runs once; its effects, and the start function\'s, are in the snapshot', () => {
  const s = snapshot(counter);
  const e = s.instantiate().exports as Record<string, Fn>;
  assert.is(e.g(), 42);
  assert.is(e.wide(), -3n);
  assert.is(e.lane(), 4);
  assert.is(e.fref(), 2);
  assert.is(e.size(), 3, 'the grown memory');
  assert.is(e.peek(131076), 9);
  assert.is(e.peek(100) & 0xffffff, 0x636261);
  assert.is(e.peek(500), 1, 'the start function ran once, at snapshot time only');
  assert.throws(() => e.initP(), (err: unknown) => err instanceof RuntimeError, 'the dropped segment stays dropped');
});

test('save and load round trip, with a file on disk', () => {
  const s = snapshot(encodeModule(parseWat(counter)));
  const bytes = s.save();
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-snap-'));
  writeFileSync(join(dir, 'c.snap'), bytes);
  const loaded = Snapshot.load(readFileSync(join(dir, 'c.snap')));
  rmSync(dir, { recursive: true });
  assert.equal(loaded.save(), bytes);
  const e = loaded.instantiate().exports as Record<string, Fn>;
  assert.is(e.g(), 42);
  assert.is(e.peek(500), 1);
  assert.is(e.size(), 3);
  assert.equal(loaded.memories.map((m) => m.pages), [3]);
});

test('the snapshot holds only the non-zero extents', () => {
  const s = snapshot(counter);
  const total = s.memories[0].extents.reduce((n, x) => n + x.bytes.length, 0);
  assert.ok(total < 64, `${total} bytes`);
  const bytes = new Uint8Array(4096);
  bytes[8] = 1; bytes[12] = 2; bytes[2000] = 3; bytes[4095] = 4;
  assert.equal(extentsOf(bytes).map((x) => [x.offset, x.bytes.length]), [[8, 8], [2000, 4], [4092, 4]]);
  assert.equal(extentsOf(new Uint8Array(64)), []);
});

test('instances are independent of each other and of the snapshot', () => {
  const s = snapshot(`(module (memory (export "memory") 1) (global $g (mut i32) (i32.const 7))
    (func (export "set") (param i32) (global.set $g (local.get 0)) (i32.store (i32.const 8) (local.get 0)))
    (func (export "get") (result i32) (i32.add (global.get $g) (i32.load (i32.const 8)))))`);
  const a = s.instantiate().exports as Record<string, Fn>;
  const b = s.instantiate().exports as Record<string, Fn>;
  a.set(100);
  assert.is(a.get(), 200);
  assert.is(b.get(), 7);
  assert.is((s.instantiate().exports as Record<string, Fn>).get(), 7);
});

test('a named initializer, and one that traps or does not exist', () => {
  const wat = `(module (global $g (export "g") (mut i32) (i32.const 0))
    (func (export "setup") (global.set $g (i32.const 3))) (func (export "bad") unreachable)
    (func (export "arg") (param i32)))`;
  assert.is((snapshot(wat, { init: 'setup' }).instantiate().exports.g as { value: number }).value, 3);
  assert.throws(() => snapshot(wat, { init: 'bad' }), (e: unknown) => e instanceof RuntimeError);
  assert.throws(() => snapshot(wat, { init: 'nope' }), /the initializer "nope" is not an exported function/);
  assert.throws(() => snapshot(wat, { init: 'arg' }), /must take no arguments/);
});

test('imports: functions from an import object; imported memories cannot be captured', () => {
  let calls = 0;
  const wat = `(module (import "env" "f" (func $f (result i32))) (global $g (mut i32) (i32.const 0))
    (func (export "_initialize") (global.set $g (call $f))) (func (export "g") (result i32) (global.get $g))
    (func (export "f") (result i32) (call $f)))`;
  const s = snapshot(wat, { imports: { env: { f: () => ++calls } } });
  const e = s.instantiate({ env: { f: () => 50 } }).exports as Record<string, Fn>;
  assert.is(e.g(), 1);
  assert.is(e.f(), 50);
  assert.throws(() => s.instantiate({}), (x: unknown) => x instanceof LinkError);
  assert.throws(() => snapshot('(module (import "env" "m" (memory 1)))'), /imports a memory \("env" "m"\)/);
  assert.throws(() => snapshot('(module (import "env" "g" (global (mut i32))))'), /imports a mutable global/);
});

test('references that are not the module\'s functions cannot be captured', () => {
  const type = (parseWat('(module (import "env" "x" (global externref)))').imports[0].desc as { type: GlobalType }).type;
  const xGlobal = new GlobalInst(type, { some: 'object' });
  const wat = `(module (import "env" "x" (global $x externref)) (global $g (mut externref) (ref.null extern))
    (func (export "_initialize") (global.set $g (global.get $x))))`;
  assert.throws(() => snapshot(wat, { imports: (imp) => imp.name === 'x' ? { kind: 'global', value: xGlobal } : undefined }),
    /cannot snapshot global 1: it holds a reference/);
});

test('a WASI initializer: its WASI calls happen once, their results are in the snapshot', () => {
  const wat = `(module
    (import "wasi_snapshot_preview1" "environ_sizes_get" (func $sizes (param i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
    (memory (export "memory") 1)
    (func (export "init") (drop (call $sizes (i32.const 16) (i32.const 20))))
    (func (export "fail") (call $exit (i32.const 3)))
    (func (export "peek") (param i32) (result i32) (i32.load (local.get 0))))`;
  const wasi = new WASI({ version: 'preview1', env: { A: '1', BB: '22' }, returnOnExit: true });
  const s = snapshot(wat, { init: 'init', wasi });
  const e = s.instantiate({ wasi_snapshot_preview1: { environ_sizes_get: () => 99, proc_exit: () => {} } }).exports as Record<string, Fn>;
  assert.is(e.peek(16), 2);
  assert.is(e.peek(20), 10);
  assert.throws(() => snapshot(wat, { init: 'fail', wasi: new WASI({ version: 'preview1', returnOnExit: true }) }),
    /the initializer "fail" exited with code 3/);
  assert.throws(() => snapshot('(module (func (export "i")))', { init: 'i', wasi: new WASI({ version: 'preview1', returnOnExit: true }) }),
    /export its memory/);
});

/** Recomputes a damaged snapshot's header fields so that only the intended part is wrong. */
function withPayload(file: Uint8Array, edit: (payload: Uint8Array) => Uint8Array): Uint8Array {
  const headerLen = 8 + 4 + 1 + file[12] + 8;
  const payload = edit(file.slice(headerLen));
  const out = new Uint8Array(headerLen + payload.length);
  out.set(file.subarray(0, headerLen));
  out.set(payload, headerLen);
  const dv = new DataView(out.buffer);
  dv.setUint32(headerLen - 8, payload.length, true);
  dv.setUint32(headerLen - 4, crc32(payload), true);
  return out;
}

test('damaged files, other versions and non-snapshots are rejected with a SnapshotError', () => {
  const good = snapshot(counter).save();
  const rejects = (bytes: Uint8Array, message: RegExp): void => {
    assert.throws(() => Snapshot.load(bytes), (e: unknown) => e instanceof SnapshotError && message.test(e.message));
  };
  rejects(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), /not a Vitrine snapshot file/);
  rejects(good.slice(0, 10), /truncated header/);
  rejects(good.slice(0, good.length - 1), /damaged \(payload of/);
  const flipped = good.slice();
  flipped[flipped.length - 3] ^= 1;
  rejects(flipped, /checksum mismatch/);
  const otherFormat = good.slice();
  new DataView(otherFormat.buffer).setUint32(8, FORMAT_VERSION + 1, true);
  rejects(otherFormat, /format version 2 is not supported/);
  const otherVersion = good.slice();
  otherVersion[13] = '9'.charCodeAt(0);
  rejects(otherVersion, new RegExp(`made by Vitrine 9\\.1\\.0, this is Vitrine ${VITRINE_VERSION.replace(/\./g, '\\.')}`));
  rejects(withPayload(good, (p) => { p[3] = 0xff; return p; }), /inconsistent \(its module/);
  rejects(withPayload(good, (p) => p.slice(0, p.length - 1)), /truncated payload|inconsistent/);
  rejects(withPayload(good, (p) => { const q = new Uint8Array(p.length + 1); q.set(p); return q; }), /trailing bytes/);
});

test('inconsistent contents are rejected', () => {
  const s = snapshot('(module (memory 1 2) (table 1 2 funcref) (func $f) (elem declare func $f))');
  const data = (s as unknown as { data: Record<string, unknown> }).data;
  const remake = (patch: Record<string, unknown>): Uint8Array => new (Snapshot as any)({ ...data, ...patch }, s.module).save();
  assert.throws(() => remake({ memories: [{ pages: 3, extents: [] }] }), /size of memory 0/);
  assert.throws(() => remake({ memories: [] }), /number of memories/);
  assert.throws(() => remake({ tables: [[null, null, null]] }), /size of table 0/);
  assert.throws(() => remake({ tables: [] }), /number of tables/);
  assert.throws(() => remake({ tables: [[7]] }), /function index/);
  assert.throws(() => remake({ droppedDatas: [true] }), /number of segments/);
});

test('VITRINE_VERSION matches package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.is(VITRINE_VERSION, pkg.version);
});

test.run();
