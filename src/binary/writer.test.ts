import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Reader } from './reader.js';
import { encodeUtf8, Writer } from './writer.js';

function written(f: (w: Writer) => void): number[] {
  const w = new Writer();
  f(w);
  return [...w.finish()];
}

test('u32: minimal LEB128, values wrap to 32 bits', () => {
  assert.equal(written((w) => w.u32(0)), [0]);
  assert.equal(written((w) => w.u32(127)), [0x7f]);
  assert.equal(written((w) => w.u32(128)), [0x80, 0x01]);
  assert.equal(written((w) => w.u32(0xffff_ffff)), [0xff, 0xff, 0xff, 0xff, 0x0f]);
  assert.equal(written((w) => w.u32(-1)), [0xff, 0xff, 0xff, 0xff, 0x0f]);
  assert.equal(written((w) => w.u32(NaN)), [0]);
});

test('s32 / s33: minimal signed LEB128', () => {
  assert.equal(written((w) => w.s32(-1)), [0x7f]);
  assert.equal(written((w) => w.s32(63)), [0x3f]);
  assert.equal(written((w) => w.s32(64)), [0xc0, 0x00]);
  assert.equal(written((w) => w.s32(-64)), [0x40]);
  assert.equal(written((w) => w.s32(-65)), [0xbf, 0x7f]);
  assert.equal(written((w) => w.s32(2 ** 31)), [0x80, 0x80, 0x80, 0x80, 0x78]); // wraps to -2^31
  assert.equal(written((w) => w.s33(2 ** 32 - 1)), [0xff, 0xff, 0xff, 0xff, 0x0f]);
  assert.equal(written((w) => w.s33(1e300)).length <= 5, true);
  assert.equal(written((w) => w.s33(Infinity)), [0]);
});

test('round trips through the reader', () => {
  const w = new Writer();
  const u32s = [0, 1, 127, 128, 300, 16384, 2 ** 31, 2 ** 32 - 1];
  const s32s = [0, -1, 63, 64, -64, -65, 2 ** 31 - 1, -(2 ** 31)];
  const s33s = [2 ** 32 - 1, -(2 ** 32), 12345, -12345];
  const s64s = [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 1n << 40n, -(1n << 40n)];
  const u64s = [0, 2 ** 32, 2 ** 53, 2 ** 63];
  for (const v of u32s) w.u32(v);
  for (const v of s32s) w.s32(v);
  for (const v of s33s) w.s33(v);
  for (const v of s64s) w.s64(v);
  for (const v of u64s) w.u64(v);
  w.f32Bits(0x7fc0_0001);
  w.f64Bits(-1n);
  w.name('é😀');
  const r = new Reader(w.finish());
  for (const v of u32s) assert.is(r.u32(), v);
  for (const v of s32s) assert.is(r.s32(), v);
  for (const v of s33s) assert.is(r.s33(), v);
  for (const v of s64s) assert.is(r.s64(), v);
  for (const v of u64s) assert.is(r.u64Number(), v);
  assert.is(r.f32Bits(), 0x7fc0_0001);
  assert.is(r.f64Bits(), -1n);
  assert.is(r.name(), 'é😀');
  assert.ok(r.atEnd());
});

test('u64 saturates from 2^64 (what a decoded 2^64-1 rounds to)', () => {
  const w = new Writer();
  w.u64(2 ** 64);
  assert.is(new Reader(w.finish()).u64(), 2n ** 64n - 1n);
});

test('sized: a length-prefixed copy of another writer; the buffer grows', () => {
  const inner = new Writer();
  for (let i = 0; i < 1000; i++) inner.u8(i);
  const outer = new Writer();
  outer.sized(inner);
  const out = outer.finish();
  assert.equal([...out.subarray(0, 2)], [0xe8, 0x07]);
  assert.is(out.length, 1002);
  assert.is(out[1001], 999 & 0xff);
});

test('encodeUtf8: lone surrogates become U+FFFD', () => {
  assert.equal([...encodeUtf8('a\ud800b')], [0x61, 0xef, 0xbf, 0xbd, 0x62]);
  assert.equal([...encodeUtf8('\udc00')], [0xef, 0xbf, 0xbd]);
  assert.equal([...encodeUtf8('😀')], [0xf0, 0x9f, 0x98, 0x80]);
});

test.run();
