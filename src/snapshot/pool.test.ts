import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Dirty, PAGE_SIZE } from '../runtime/memory.js';
import { InstancePool } from './pool.js';
import { snapshot, SnapshotError } from './snapshot.js';

type Fn = (...a: unknown[]) => any;

const wat = `(module
  (memory (export "memory") 4 8)
  (global $g (mut i32) (i32.const 0))
  (global $v (mut v128) (v128.const i64x2 0 0))
  (table $t 2 funcref)
  (elem (i32.const 0) $a)
  (elem $e func $b)
  (data (i32.const 4096) "snapshot data")
  (data $d "passive")
  (func $a (result i32) (i32.const 1))
  (func $b (result i32) (i32.const 2))
  (func (export "_initialize") (global.set $g (i32.const 10)) (i32.store (i32.const 200000) (i32.const 77)))
  (func (export "scribble") (param $x i32)
    (global.set $g (local.get $x))
    (global.set $v (i64x2.splat (i64.const -1)))
    (i32.store (i32.const 4096) (local.get $x))
    (i64.store (i32.const 40000) (i64.const -1))
    (i32.store8 (i32.const 70000) (local.get $x))
    (i32.store16 (i32.const 8190) (local.get $x))
    (v128.store (i32.const 12280) (i64x2.splat (i64.const -1)))
    (v128.store64_lane 0 (i32.const 16380) (i64x2.splat (i64.const -1)))
    (f64.store (i32.const 20000) (f64.const -1))
    (f32.store (i32.const 24580) (f32.const -1))
    (v128.store32_lane 1 (i32.const 28680) (i64x2.splat (i64.const -1)))
    (v128.store8_lane 3 (i32.const 32780) (i64x2.splat (i64.const -1)))
    (i64.store32 (i32.const 45060) (i64.const -1))
    (memory.fill (i32.const 100000) (i32.const 255) (i32.const 9000))
    (memory.copy (i32.const 150000) (i32.const 4096) (i32.const 13))
    (memory.init $d (i32.const 180000) (i32.const 0) (i32.const 7))
    (table.set $t (i32.const 0) (ref.func $b))
    (table.set $t (i32.const 1) (ref.func $a))
    (elem.drop $e)
    (data.drop $d))
  (func (export "grow") (drop (memory.grow (i32.const 2))) (i32.store (i32.const 300000) (i32.const 5)))
  (func (export "g") (result i32) (global.get $g))
  (func (export "v") (result i64) (i64x2.extract_lane 0 (global.get $v)))
  (func (export "call") (param i32) (result i32) (call_indirect (result i32) (local.get 0)))
  (func (export "initTable") (table.init $t $e (i32.const 1) (i32.const 0) (i32.const 1)))
  (func (export "initData") (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1))))`;

/** The instance's memory 0 bytes. */
const memOf = (i: { instance: { mems: { view: DataView }[] } }): Uint8Array => new Uint8Array(i.instance.mems[0].view.buffer);

test('release resets everything the guest changed: dirty blocks, globals, tables, segments', () => {
  const snap = snapshot(wat);
  const reference = memOf(snap.instantiate()).slice();
  const pool = new InstancePool(snap, { size: 1 });
  const i = pool.acquire();
  const e = i.exports as Record<string, Fn>;
  e.scribble(0x5a);
  assert.is(e.g(), 0x5a);
  assert.not.equal(memOf(i), reference);
  const mem = i.instance.mems[0];
  for (const at of [4096, 40000, 70000, 8190, 12280, 16380, 20000, 24580, 28680, 32780, 45060, 100000, 108999, 150000, 180000]) {
    assert.is(mem.dirty[at >>> Dirty.Shift], 1, `block of ${at} marked`);
  }
  pool.release(i);
  assert.is(mem.dirty.indexOf(1), -1, 'flags cleared');
  const j = pool.acquire();
  assert.is(j, i, 'the same slot comes back');
  const f = j.exports as Record<string, Fn>;
  assert.equal(memOf(j), reference);
  assert.is(f.g(), 10);
  assert.is(f.v(), 0n);
  assert.is(f.call(0), 1);
  assert.throws(() => f.call(1), /uninitialized element|null/);
  f.initTable();
  assert.is(f.call(1), 2, 'the dropped element segment is back');
  f.initData();
  assert.is(memOf(j)[0], 'p'.charCodeAt(0), 'the dropped data segment is back');
});

test('a grown memory, or one whose buffer the host took, is restored whole', () => {
  const snap = snapshot(wat);
  const reference = memOf(snap.instantiate()).slice();
  const pool = new InstancePool(snap, { size: 1 });
  const i = pool.acquire();
  (i.exports.grow as Fn)();
  assert.is(i.instance.mems[0].view.byteLength, 6 * PAGE_SIZE);
  pool.release(i);
  assert.equal(memOf(pool.acquire()), reference);
  const mem = i.instance.mems[0];
  new Uint8Array((i.exports.memory as { buffer: ArrayBuffer }).buffer)[60000] = 1; // unmarked host write
  assert.ok(mem.exposed);
  pool.release(i);
  assert.not.ok(mem.exposed);
  assert.equal(memOf(pool.acquire()), reference);
  i.write(30000, new Uint8Array([1, 2, 3]));
  assert.equal(i.read(30000, 3), new Uint8Array([1, 2, 3]));
  assert.not.ok(mem.exposed, 'write marks the block instead');
  pool.release(i);
  assert.equal(memOf(pool.acquire()), reference);
});

test('a store spilling into the next block is reset too', () => {
  const snap = snapshot(`(module (memory (export "memory") 1) (data (i32.const 4096) "\\01\\02\\03\\04\\05\\06\\07\\08")
    (func (export "w") (v128.store (i32.const 4090) (v128.const i64x2 -1 -1))))`);
  const pool = new InstancePool(snap, { size: 1 });
  const i = pool.acquire();
  (i.exports.w as Fn)();
  assert.is(memOf(i)[4100], 255);
  pool.release(i);
  assert.equal([...memOf(pool.acquire()).subarray(4088, 4106)], [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0]);
});

test('pool size, overflow and misuse', () => {
  const snap = snapshot(wat);
  const pool = new InstancePool(snap, { size: 2 });
  assert.is(pool.available, 2);
  const a = pool.acquire(), b = pool.acquire(), c = pool.acquire();
  assert.is(pool.available, 0);
  assert.ok(a !== b && b !== c && a !== c);
  a.release(); b.release(); c.release();
  assert.is(pool.available, 2, 'at most `size` kept');
  assert.throws(() => pool.release(a), (e: unknown) => e instanceof SnapshotError && /not out of this pool/.test(e.message));
  assert.throws(() => new InstancePool(snap, { size: -1 }), (e: unknown) => e instanceof RangeError);
  assert.throws(() => new InstancePool(snap).release(snap.instantiate()), (e: unknown) => e instanceof SnapshotError);
  snap.instantiate().release(); // no pool: nothing happens
});

test('10,000 live instances, each with its own state', () => {
  const snap = snapshot(`(module (memory (export "memory") 1) (global $g (mut i32) (i32.const 0))
    (func (export "set") (param i32) (global.set $g (local.get 0)) (i32.store (i32.const 1024) (i32.mul (local.get 0) (i32.const 3))))
    (func (export "get") (result i32) (i32.add (global.get $g) (i32.load (i32.const 1024)))))`);
  const pool = new InstancePool(snap, { size: 0 });
  const live = [];
  for (let k = 0; k < 10_000; k++) {
    const i = pool.acquire();
    (i.exports.set as Fn)(k);
    live.push(i);
  }
  for (let k = 0; k < 10_000; k++) {
    if ((live[k].exports.get as Fn)() !== 4 * k) assert.unreachable(`instance ${k}: ${(live[k].exports.get as Fn)()}`);
  }
  assert.is(new Set(live).size, 10_000);
});

test.run();
