import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compactOp, fullOp, Op, opByName, opInfo, opName, opcodes, PREFIXED_OPS } from './opcodes.js';

const simd = opcodes.filter((o) => o.prefix === 0xfd);

test('every opcode number and every mnemonic is unique (select has two encodings)', () => {
  assert.is(opInfo.size, opcodes.length);
  const names = opcodes.map((o) => o.name).filter((n) => n !== 'select');
  assert.is(new Set(names).size, names.length);
  assert.is(opByName.get('select')?.code, 0x1b);
  assert.is(Op.select_t, 0x1c);
});

test('SIMD: the 236 instructions of 2.0 and the 20 of relaxed SIMD, all fixed-type', () => {
  assert.is(simd.filter((o) => o.sub < 0x100).length, 236);
  assert.equal(simd.filter((o) => o.sub >= 0x100).map((o) => o.sub).sort((a, b) => a - b),
    Array.from({ length: 20 }, (_, k) => 0x100 + k));
  // The sub-opcodes 2.0 leaves unassigned (spec §5.4.8).
  const unassigned = [154, 162, 165, 166, 175, 176, 178, 179, 180, 187, 194, 197, 198, 207, 208, 210, 211, 212, 226, 238];
  for (let sub = 0; sub < 0x100; sub++) assert.is(opInfo.has((0xfd << 16) | sub), !unassigned.includes(sub), `0xfd ${sub}`);
  for (const o of simd) {
    assert.ok(o.sig !== undefined, o.name);
    assert.is(o.code, (0xfd << 16) | o.sub);
  }
});

test('SIMD rows: names, immediates, types and access widths', () => {
  const row = (name: string) => {
    const o = opByName.get(name);
    assert.ok(o, name);
    return { code: o.code, imm: o.imm, sig: `${o.sig?.params.join(' ')} -> ${o.sig?.results.join(' ')}`, memBytes: o.memBytes };
  };
  assert.equal(row('v128.load'), { code: 0xfd0000, imm: 'memarg', sig: ' -> v128', memBytes: 16 });
  assert.equal(row('v128.load8x8_s'), { code: 0xfd0001, imm: 'memarg', sig: ' -> v128', memBytes: 8 });
  assert.equal(row('v128.load8_splat'), { code: 0xfd0007, imm: 'memarg', sig: ' -> v128', memBytes: 1 });
  assert.equal(row('v128.load32_zero'), { code: 0xfd005c, imm: 'memarg', sig: ' -> v128', memBytes: 4 });
  assert.equal(row('v128.store'), { code: 0xfd000b, imm: 'memarg', sig: 'v128 -> ', memBytes: 16 });
  assert.equal(row('v128.load16_lane'), { code: 0xfd0055, imm: 'memarg_lane', sig: 'v128 -> v128', memBytes: 2 });
  assert.equal(row('v128.store64_lane'), { code: 0xfd005b, imm: 'memarg_lane', sig: 'v128 -> ', memBytes: 8 });
  assert.equal(row('v128.const'), { code: 0xfd000c, imm: 'v128', sig: ' -> v128', memBytes: undefined });
  assert.equal(row('i8x16.shuffle'), { code: 0xfd000d, imm: 'shuffle', sig: 'v128 v128 -> v128', memBytes: undefined });
  assert.equal(row('i8x16.extract_lane_u'), { code: 0xfd0016, imm: 'lane', sig: 'v128 -> i32', memBytes: undefined });
  assert.equal(row('i64x2.replace_lane'), { code: 0xfd001e, imm: 'lane', sig: 'v128 i64 -> v128', memBytes: undefined });
  assert.equal(row('f32x4.splat'), { code: 0xfd0013, imm: 'none', sig: 'f32 -> v128', memBytes: undefined });
  assert.equal(row('i32x4.shr_u'), { code: 0xfd00ad, imm: 'none', sig: 'v128 i32 -> v128', memBytes: undefined });
  assert.equal(row('i64x2.all_true'), { code: 0xfd00c3, imm: 'none', sig: 'v128 -> i32', memBytes: undefined });
  assert.equal(row('v128.bitselect'), { code: 0xfd0052, imm: 'none', sig: 'v128 v128 v128 -> v128', memBytes: undefined });
  assert.equal(row('i64x2.ge_s'), { code: 0xfd00db, imm: 'none', sig: 'v128 v128 -> v128', memBytes: undefined });
  assert.equal(row('f64x2.promote_low_f32x4'), { code: 0xfd005f, imm: 'none', sig: 'v128 -> v128', memBytes: undefined });
  assert.equal(row('i32x4.relaxed_trunc_f64x2_u_zero'), { code: 0xfd0104, imm: 'none', sig: 'v128 -> v128', memBytes: undefined });
  assert.equal(row('i32x4.relaxed_dot_i8x16_i7x16_add_s'), { code: 0xfd0113, imm: 'none', sig: 'v128 v128 v128 -> v128', memBytes: undefined });
  assert.is(opName(0xfd009a), '<0xfd009a>');
});


test('compact opcodes: 16 bits, distinct, and back to the opcode', () => {
  const seen = new Set<number>();
  for (const o of opcodes) {
    const c = compactOp(o.code);
    assert.ok(c >= 0 && c < 0x10000, o.name);
    assert.is(fullOp(c), o.code, o.name);
    if (!seen.has(c)) seen.add(c);
    else assert.ok(opcodes.some((p) => p !== o && p.code === o.code), `${o.name}: compact code shared`);
  }
  assert.is(compactOp(0x41), 0x41);
  assert.is(compactOp(0xfd0100), PREFIXED_OPS + 2 * 512 + 0x100);
});

test.run();
