import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { f32ToBits, f64ToBits } from '../exec/numerics.js';
import { hostFunc } from '../runtime/index.js';
import { externref, funcref } from '../syntax/types.js';
import { formatValue, HostRef, parseValue } from './values.js';

test('parseValue reads text-format numbers by type', () => {
  assert.is(parseValue('42', 'i32'), 42);
  assert.is(parseValue('0xffffffff', 'i32'), -1);
  assert.is(parseValue('-2147483648', 'i32'), -2147483648);
  assert.is(parseValue('18446744073709551615', 'i64'), -1n);
  assert.is(parseValue('1_000', 'i64'), 1000n);
  assert.is(parseValue('1.5', 'f32'), f32ToBits(1.5));
  assert.is(parseValue('0x1p-1', 'f64'), f64ToBits(0.5));
  assert.is(parseValue('-inf', 'f64'), f64ToBits(-Infinity));
  assert.is(parseValue('nan:0x200000', 'f32'), 0x7fa00000);
  assert.is(parseValue('null', funcref), null);
});

test('parseValue rejects what does not fit, naming the type', () => {
  assert.throws(() => parseValue('4294967296', 'i32'), /not a valid i32/);
  assert.throws(() => parseValue('1.5', 'i64'), /not a valid i64/);
  assert.throws(() => parseValue('abc', 'f32'), /not a valid f32/);
  assert.throws(() => parseValue('0', 'v128'), /not a valid v128/);
  assert.throws(() => parseValue('1', externref), /not a valid externref/);
});

test('formatValue prints integers signed and floats as text-format literals', () => {
  assert.is(formatValue(-1, 'i32'), '-1');
  assert.is(formatValue(-(2n ** 63n), 'i64'), '-9223372036854775808');
  assert.is(formatValue(f32ToBits(0.1), 'f32'), '0.1');
  assert.is(formatValue(f32ToBits(16777216), 'f32'), '16777216');
  assert.is(formatValue(f64ToBits(0.1), 'f64'), '0.1');
  assert.is(formatValue(f64ToBits(-0), 'f64'), '-0');
  assert.is(formatValue(0, 'f32'), '0');
  assert.is(formatValue(f32ToBits(-Infinity), 'f32'), '-inf');
  assert.is(formatValue(0x7fc00000, 'f32'), 'nan');
  assert.is(formatValue(0xffc00000 | 0, 'f32'), '-nan');
  assert.is(formatValue(0x7fa00000, 'f32'), 'nan:0x200000');
  assert.is(formatValue(0x7ff0000000000001n, 'f64'), 'nan:0x1');
  assert.is(formatValue(f64ToBits(Infinity), 'f64'), 'inf');
});

test('formatValue prints vectors and references', () => {
  const v = new Uint8Array(16);
  v[0] = 1;
  v[7] = 0x80;
  assert.is(formatValue(v, 'v128'), 'i32x4 0x00000001 0x80000000 0x00000000 0x00000000');
  assert.is(formatValue(null, funcref), 'null');
  assert.is(formatValue(hostFunc({ kind: 'func', params: [], results: [] }, () => []), funcref), 'ref.func');
  assert.is(formatValue(new HostRef(3), externref), 'ref.extern 3');
  assert.is(formatValue({}, externref), 'ref.extern');
});

test.run();
