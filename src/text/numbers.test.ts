import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { classifyNumber, parseF32, parseF64, parseI32, parseI64, parseIntN, parseUnsigned } from './numbers.js';

const f64Bits = (x: number): bigint => {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return v.getBigInt64(0);
};
const f32Bits = (x: number): number => {
  const v = new DataView(new ArrayBuffer(4));
  v.setFloat32(0, x);
  return v.getInt32(0);
};

test('classifyNumber: nat, int, float, and the malformed forms of the suite', () => {
  assert.is(classifyNumber('0'), 'nat');
  assert.is(classifyNumber('1_000'), 'nat');
  assert.is(classifyNumber('0xff_ff'), 'nat');
  assert.is(classifyNumber('+1'), 'int');
  assert.is(classifyNumber('-0x1'), 'int');
  for (const f of ['1.', '1.5', '1e5', '1.e5', '1E+5', '0x1p-3', '0x1.8P3', '0x1.', 'inf', '-inf', 'nan', '+nan:0x1', '1_0.0_1e1_0']) {
    assert.is(classifyNumber(f), 'float', f);
  }
  for (const bad of ['', '_1', '1_', '1__0', '0x', '0x_1', '1x', '.0', '0.0e', '0x0p', '0x1p_1', 'nan:1', 'nan:0x', 'infinity', '0$x', '+_1']) {
    assert.is(classifyNumber(bad), undefined, bad);
  }
});

test('integer ranges follow iN = uN | sN (spec §6.3.1)', () => {
  assert.is(parseI32('0xffffffff'), -1);
  assert.is(parseI32('4294967295'), -1);
  assert.is(parseI32('-2147483648'), -2147483648);
  assert.is(parseI32('-0x80000000'), -2147483648);
  assert.is(parseI32('2147483647'), 2147483647);
  assert.is(parseI32('4294967296'), undefined);
  assert.is(parseI32('-2147483649'), undefined);
  assert.is(parseI32('0x1_0000_0000'), undefined);
  assert.is(parseI32('1.0'), undefined);
  assert.is(parseI64('0xffffffffffffffff'), -1n);
  assert.is(parseI64('-9223372036854775808'), -9223372036854775808n);
  assert.is(parseI64('18446744073709551616'), undefined);
  assert.is(parseI64('-9223372036854775809'), undefined);
  assert.is(parseIntN('255', 8), -1n);
  assert.is(parseIntN('-128', 8), -128n);
  assert.is(parseIntN('256', 8), undefined);
  assert.is(parseUnsigned('4294967295', 32), 4294967295n);
  assert.is(parseUnsigned('4294967296', 32), undefined);
  assert.is(parseUnsigned('+1', 32), undefined);
  assert.is(parseUnsigned('123456789012345678901234567890'), 123456789012345678901234567890n);
});

test('special float values: inf, nan, nan payloads', () => {
  assert.is(parseF32('inf'), 0x7f800000);
  assert.is(parseF32('-inf'), 0xff800000 | 0);
  assert.is(parseF32('nan'), 0x7fc00000);
  assert.is(parseF32('-nan'), 0xffc00000 | 0);
  assert.is(parseF32('nan:0x1'), 0x7f800001);
  assert.is(parseF32('nan:0x7f_ffff'), 0x7fffffff);
  assert.is(parseF32('nan:0x0'), undefined);
  assert.is(parseF32('nan:0x80_0000'), undefined);
  assert.is(parseF64('nan'), 0x7ff8000000000000n);
  assert.is(parseF64('-nan:0xf_ffff_ffff_ffff'), -1n);
  assert.is(parseF64('nan:0x10_0000_0000_0000'), undefined);
  assert.is(parseF64('-inf'), BigInt.asIntN(64, 0xfff0000000000000n));
  assert.is(parseF32('-0'), 0x80000000 | 0);
  assert.is(parseF64('-0.0'), f64Bits(-0));
});

test('f64 decimal literals agree with the (correctly rounded) JS number parser', () => {
  const samples = ['0.1', '1e-310', '2.2250738585072011e-308', '1.7976931348623157e308', '4.9e-324',
    '2.4703282292062327e-324', '2.4703282292062328e-324', '123456789012345678901234567890', '3.141592653589793238462643383279',
    '9007199254740993', '1e23', '8.98846567431158e307', '0.000001'];
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 2000; i++) {
    const digits = String(Math.floor(rand() * 1e17)).padStart(17, '0');
    const exp = Math.floor(rand() * 640) - 330;
    samples.push(`${digits[0]}.${digits.slice(1)}e${exp}`);
  }
  for (const s of samples) {
    const x = Number(s);
    if (!Number.isFinite(x)) continue;
    assert.is(parseF64(s), f64Bits(x), s);
  }
});

test('f32: exact rounding, no double rounding through f64', () => {
  // 1 + 2^-24 + 2^-60 lies just above the f32 halfway point between 1 and 1 + 2^-23, but rounds
  // to exactly the halfway point as a double — so parseFloat + Math.fround would give 1.
  assert.is(parseF32('0x1.000001000000001p0'), 0x3f800001);
  assert.is(f32Bits(Math.fround(Number('1.000000059604644776750296'))), 0x3f800000);
  assert.is(parseF32('1.000000059604644776750296'), 0x3f800001);
  // Ties to even at the halfway point.
  assert.is(parseF32('0x1.000001p0'), 0x3f800000);
  assert.is(parseF32('0x1.000003p0'), 0x3f800002);
  // Smallest subnormal and rounding around it.
  assert.is(parseF32('0x1p-149'), 1);
  assert.is(parseF32('0x1p-150'), 0);
  assert.is(parseF32('0x1.000001p-150'), 1);
  assert.is(parseF32('1.4e-45'), 1);
  // Largest finite value; overflow only beyond the rounding boundary.
  assert.is(parseF32('0x1.fffffep127'), 0x7f7fffff);
  assert.is(parseF32('0x1.fffffefffffffffp127'), 0x7f7fffff);
  assert.is(parseF32('0x1.ffffffp127'), undefined);
  assert.is(parseF32('0x1p128'), undefined);
  assert.is(parseF32('340282356779733623858607532500980858880'), 0x7f7fffff);
  assert.is(parseF32('340282356779733661637539395458142568448'), undefined);
  assert.is(parseF32('1e39'), undefined);
  assert.is(parseF32('1e-50'), 0);
  assert.is(parseF32('-1e-50'), 0x80000000 | 0);
  // Carry from the largest subnormal into the smallest normal.
  assert.is(parseF32('0x1.fffffep-127'), 0x00800000);
});

test('f64 boundaries and extreme exponents stay cheap', () => {
  assert.is(parseF64('0x1.fffffffffffffp1023'), 0x7fefffffffffffffn);
  assert.is(parseF64('0x1.fffffffffffff7ffffffp1023'), 0x7fefffffffffffffn);
  assert.is(parseF64('0x1.fffffffffffff8p1023'), undefined);
  assert.is(parseF64('1e309'), undefined);
  assert.is(parseF64('0x1p-1074'), 1n);
  assert.is(parseF64('0x1p-1075'), 0n);
  assert.is(parseF64('1e-99999999'), 0n);
  assert.is(parseF64('1e99999999'), undefined);
  assert.is(parseF64('0x1p99999999999'), undefined);
  assert.is(parseF64('0.0e99999999'), 0n);
  assert.is(parseF64('1' + '0'.repeat(400) + 'e-400'), f64Bits(1));
});

test.run();
