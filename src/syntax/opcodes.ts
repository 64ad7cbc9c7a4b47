/**
 * The opcode table — the single source of truth for every instruction: its text mnemonic, its
 * binary encoding, the kind of immediate it carries and, for instructions with a fixed type, its
 * operand and result types (spec §5.4 Binary › Instructions, §6.5 Text › Instructions,
 * Appendix "Index of Instructions").
 *
 * The decoder reads immediates by `imm`, the text parser maps mnemonics through `opByName`, the
 * printer/encoder write `name`/`code`, and the validator types every instruction that has a `sig`
 * generically (polymorphic and index-dependent ones — marked `sig: undefined` — by hand).
 *
 * Opcode numbers: a single-byte opcode is its byte; a prefixed opcode (0xFB GC, 0xFC misc,
 * 0xFD SIMD) is `prefix << 16 | sub`, where `sub` is the LEB128 u32 that follows the prefix.
 */

import type { ValType } from './types.js';

export type ImmKind =
  | 'none' | 'block' | 'label' | 'br_table' | 'func' | 'call_indirect' | 'type' | 'local' | 'global'
  | 'table' | 'mem' | 'memarg' | 'i32' | 'i64' | 'f32' | 'f64' | 'select_t' | 'heaptype' | 'data'
  | 'elem' | 'memory.init' | 'memory.copy' | 'table.init' | 'table.copy' | 'tag' | 'try_table'
  | 'v128' | 'lane' | 'shuffle' | 'memarg_lane' | 'type_field' | 'type_n' | 'type_type' | 'reftype'
  | 'br_on_cast';

export interface Sig {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

export interface OpInfo {
  /** Text mnemonic, e.g. `i32.add`. */
  readonly name: string;
  /** Opcode number (see the file comment for prefixed opcodes). */
  readonly code: number;
  /** 0 for single-byte opcodes, else 0xFB / 0xFC / 0xFD. */
  readonly prefix: number;
  /** The byte (single-byte opcodes) or the sub-opcode after the prefix. */
  readonly sub: number;
  readonly imm: ImmKind;
  /**
   * Fixed type, when the instruction has one. For `memarg` instructions the address operand is
   * left out (its type, i32 or i64, depends on the memory): a load is `[] -> [t]` plus the address,
   * a store `[t] -> []` plus the address in front.
   */
  readonly sig?: Sig;
  /** For memory accesses: bytes accessed, so the maximum alignment is log2(memBytes). */
  readonly memBytes?: number;
}

// [code, mnemonic, immediate kind, signature ('' = typed by hand in the validator), memBytes]
type Row = readonly [number, string, ImmKind, string, number?];

const FC = 0xfc << 16;
const FD = 0xfd << 16;

const rows: Row[] = [
  // Control instructions (§2.4.8)
  [0x00, 'unreachable', 'none', ''],
  [0x01, 'nop', 'none', ' -> '],
  [0x02, 'block', 'block', ''],
  [0x03, 'loop', 'block', ''],
  [0x04, 'if', 'block', ''],
  [0x05, 'else', 'none', ''],
  [0x08, 'throw', 'tag', ''],
  [0x0a, 'throw_ref', 'none', ''],
  [0x0b, 'end', 'none', ''],
  [0x0c, 'br', 'label', ''],
  [0x0d, 'br_if', 'label', ''],
  [0x0e, 'br_table', 'br_table', ''],
  [0x0f, 'return', 'none', ''],
  [0x10, 'call', 'func', ''],
  [0x11, 'call_indirect', 'call_indirect', ''],
  [0x12, 'return_call', 'func', ''],
  [0x13, 'return_call_indirect', 'call_indirect', ''],
  [0x14, 'call_ref', 'type', ''],
  [0x15, 'return_call_ref', 'type', ''],
  [0x1f, 'try_table', 'try_table', ''],
  // Parametric instructions (§2.4.4)
  [0x1a, 'drop', 'none', ''],
  [0x1b, 'select', 'none', ''],
  [0x1c, 'select', 'select_t', ''],
  // Variable instructions (§2.4.5)
  [0x20, 'local.get', 'local', ''],
  [0x21, 'local.set', 'local', ''],
  [0x22, 'local.tee', 'local', ''],
  [0x23, 'global.get', 'global', ''],
  [0x24, 'global.set', 'global', ''],
  // Table instructions (§2.4.6)
  [0x25, 'table.get', 'table', ''],
  [0x26, 'table.set', 'table', ''],
  [FC | 12, 'table.init', 'table.init', ''],
  [FC | 13, 'elem.drop', 'elem', ' -> '],
  [FC | 14, 'table.copy', 'table.copy', ''],
  [FC | 15, 'table.grow', 'table', ''],
  [FC | 16, 'table.size', 'table', ''],
  [FC | 17, 'table.fill', 'table', ''],
  // Memory instructions (§2.4.7)
  [0x28, 'i32.load', 'memarg', ' -> i32', 4],
  [0x29, 'i64.load', 'memarg', ' -> i64', 8],
  [0x2a, 'f32.load', 'memarg', ' -> f32', 4],
  [0x2b, 'f64.load', 'memarg', ' -> f64', 8],
  [0x2c, 'i32.load8_s', 'memarg', ' -> i32', 1],
  [0x2d, 'i32.load8_u', 'memarg', ' -> i32', 1],
  [0x2e, 'i32.load16_s', 'memarg', ' -> i32', 2],
  [0x2f, 'i32.load16_u', 'memarg', ' -> i32', 2],
  [0x30, 'i64.load8_s', 'memarg', ' -> i64', 1],
  [0x31, 'i64.load8_u', 'memarg', ' -> i64', 1],
  [0x32, 'i64.load16_s', 'memarg', ' -> i64', 2],
  [0x33, 'i64.load16_u', 'memarg', ' -> i64', 2],
  [0x34, 'i64.load32_s', 'memarg', ' -> i64', 4],
  [0x35, 'i64.load32_u', 'memarg', ' -> i64', 4],
  [0x36, 'i32.store', 'memarg', 'i32 -> ', 4],
  [0x37, 'i64.store', 'memarg', 'i64 -> ', 8],
  [0x38, 'f32.store', 'memarg', 'f32 -> ', 4],
  [0x39, 'f64.store', 'memarg', 'f64 -> ', 8],
  [0x3a, 'i32.store8', 'memarg', 'i32 -> ', 1],
  [0x3b, 'i32.store16', 'memarg', 'i32 -> ', 2],
  [0x3c, 'i64.store8', 'memarg', 'i64 -> ', 1],
  [0x3d, 'i64.store16', 'memarg', 'i64 -> ', 2],
  [0x3e, 'i64.store32', 'memarg', 'i64 -> ', 4],
  [0x3f, 'memory.size', 'mem', ''],
  [0x40, 'memory.grow', 'mem', ''],
  [FC | 8, 'memory.init', 'memory.init', ''],
  [FC | 9, 'data.drop', 'data', ' -> '],
  [FC | 10, 'memory.copy', 'memory.copy', ''],
  [FC | 11, 'memory.fill', 'mem', ''],
  // Numeric instructions (§2.4.1)
  [0x41, 'i32.const', 'i32', ' -> i32'],
  [0x42, 'i64.const', 'i64', ' -> i64'],
  [0x43, 'f32.const', 'f32', ' -> f32'],
  [0x44, 'f64.const', 'f64', ' -> f64'],
  [0x45, 'i32.eqz', 'none', 'i32 -> i32'],
  ...binop(0x46, 'i32', 'i32', ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u']),
  [0x50, 'i64.eqz', 'none', 'i64 -> i32'],
  ...binop(0x51, 'i64', 'i32', ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u']),
  ...binop(0x5b, 'f32', 'i32', ['eq', 'ne', 'lt', 'gt', 'le', 'ge']),
  ...binop(0x61, 'f64', 'i32', ['eq', 'ne', 'lt', 'gt', 'le', 'ge']),
  ...unop(0x67, 'i32', 'i32', ['clz', 'ctz', 'popcnt']),
  ...binop(0x6a, 'i32', 'i32', ['add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'and', 'or', 'xor',
    'shl', 'shr_s', 'shr_u', 'rotl', 'rotr']),
  ...unop(0x79, 'i64', 'i64', ['clz', 'ctz', 'popcnt']),
  ...binop(0x7c, 'i64', 'i64', ['add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'and', 'or', 'xor',
    'shl', 'shr_s', 'shr_u', 'rotl', 'rotr']),
  ...unop(0x8b, 'f32', 'f32', ['abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest', 'sqrt']),
  ...binop(0x92, 'f32', 'f32', ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign']),
  ...unop(0x99, 'f64', 'f64', ['abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest', 'sqrt']),
  ...binop(0xa0, 'f64', 'f64', ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign']),
  [0xa7, 'i32.wrap_i64', 'none', 'i64 -> i32'],
  [0xa8, 'i32.trunc_f32_s', 'none', 'f32 -> i32'],
  [0xa9, 'i32.trunc_f32_u', 'none', 'f32 -> i32'],
  [0xaa, 'i32.trunc_f64_s', 'none', 'f64 -> i32'],
  [0xab, 'i32.trunc_f64_u', 'none', 'f64 -> i32'],
  [0xac, 'i64.extend_i32_s', 'none', 'i32 -> i64'],
  [0xad, 'i64.extend_i32_u', 'none', 'i32 -> i64'],
  [0xae, 'i64.trunc_f32_s', 'none', 'f32 -> i64'],
  [0xaf, 'i64.trunc_f32_u', 'none', 'f32 -> i64'],
  [0xb0, 'i64.trunc_f64_s', 'none', 'f64 -> i64'],
  [0xb1, 'i64.trunc_f64_u', 'none', 'f64 -> i64'],
  [0xb2, 'f32.convert_i32_s', 'none', 'i32 -> f32'],
  [0xb3, 'f32.convert_i32_u', 'none', 'i32 -> f32'],
  [0xb4, 'f32.convert_i64_s', 'none', 'i64 -> f32'],
  [0xb5, 'f32.convert_i64_u', 'none', 'i64 -> f32'],
  [0xb6, 'f32.demote_f64', 'none', 'f64 -> f32'],
  [0xb7, 'f64.convert_i32_s', 'none', 'i32 -> f64'],
  [0xb8, 'f64.convert_i32_u', 'none', 'i32 -> f64'],
  [0xb9, 'f64.convert_i64_s', 'none', 'i64 -> f64'],
  [0xba, 'f64.convert_i64_u', 'none', 'i64 -> f64'],
  [0xbb, 'f64.promote_f32', 'none', 'f32 -> f64'],
  [0xbc, 'i32.reinterpret_f32', 'none', 'f32 -> i32'],
  [0xbd, 'i64.reinterpret_f64', 'none', 'f64 -> i64'],
  [0xbe, 'f32.reinterpret_i32', 'none', 'i32 -> f32'],
  [0xbf, 'f64.reinterpret_i64', 'none', 'i64 -> f64'],
  [0xc0, 'i32.extend8_s', 'none', 'i32 -> i32'],
  [0xc1, 'i32.extend16_s', 'none', 'i32 -> i32'],
  [0xc2, 'i64.extend8_s', 'none', 'i64 -> i64'],
  [0xc3, 'i64.extend16_s', 'none', 'i64 -> i64'],
  [0xc4, 'i64.extend32_s', 'none', 'i64 -> i64'],
  [FC | 0, 'i32.trunc_sat_f32_s', 'none', 'f32 -> i32'],
  [FC | 1, 'i32.trunc_sat_f32_u', 'none', 'f32 -> i32'],
  [FC | 2, 'i32.trunc_sat_f64_s', 'none', 'f64 -> i32'],
  [FC | 3, 'i32.trunc_sat_f64_u', 'none', 'f64 -> i32'],
  [FC | 4, 'i64.trunc_sat_f32_s', 'none', 'f32 -> i64'],
  [FC | 5, 'i64.trunc_sat_f32_u', 'none', 'f32 -> i64'],
  [FC | 6, 'i64.trunc_sat_f64_s', 'none', 'f64 -> i64'],
  [FC | 7, 'i64.trunc_sat_f64_u', 'none', 'f64 -> i64'],
  // Reference instructions (§2.4.2; 3.0 typed function references)
  [0xd0, 'ref.null', 'heaptype', ''],
  [0xd1, 'ref.is_null', 'none', ''],
  [0xd2, 'ref.func', 'func', ''],
  [0xd3, 'ref.eq', 'none', ''],
  [0xd4, 'ref.as_non_null', 'none', ''],
  [0xd5, 'br_on_null', 'label', ''],
  [0xd6, 'br_on_non_null', 'label', ''],
  // Vector instructions (§2.4.3, §5.4.8): 128-bit SIMD of 2.0, then relaxed SIMD of 3.0
  // Vector memory instructions: memBytes is the access width that bounds the alignment
  [FD | 0, 'v128.load', 'memarg', ' -> v128', 16],
  [FD | 1, 'v128.load8x8_s', 'memarg', ' -> v128', 8],
  [FD | 2, 'v128.load8x8_u', 'memarg', ' -> v128', 8],
  [FD | 3, 'v128.load16x4_s', 'memarg', ' -> v128', 8],
  [FD | 4, 'v128.load16x4_u', 'memarg', ' -> v128', 8],
  [FD | 5, 'v128.load32x2_s', 'memarg', ' -> v128', 8],
  [FD | 6, 'v128.load32x2_u', 'memarg', ' -> v128', 8],
  [FD | 7, 'v128.load8_splat', 'memarg', ' -> v128', 1],
  [FD | 8, 'v128.load16_splat', 'memarg', ' -> v128', 2],
  [FD | 9, 'v128.load32_splat', 'memarg', ' -> v128', 4],
  [FD | 10, 'v128.load64_splat', 'memarg', ' -> v128', 8],
  [FD | 92, 'v128.load32_zero', 'memarg', ' -> v128', 4],
  [FD | 93, 'v128.load64_zero', 'memarg', ' -> v128', 8],
  [FD | 11, 'v128.store', 'memarg', 'v128 -> ', 16],
  [FD | 84, 'v128.load8_lane', 'memarg_lane', 'v128 -> v128', 1],
  [FD | 85, 'v128.load16_lane', 'memarg_lane', 'v128 -> v128', 2],
  [FD | 86, 'v128.load32_lane', 'memarg_lane', 'v128 -> v128', 4],
  [FD | 87, 'v128.load64_lane', 'memarg_lane', 'v128 -> v128', 8],
  [FD | 88, 'v128.store8_lane', 'memarg_lane', 'v128 -> ', 1],
  [FD | 89, 'v128.store16_lane', 'memarg_lane', 'v128 -> ', 2],
  [FD | 90, 'v128.store32_lane', 'memarg_lane', 'v128 -> ', 4],
  [FD | 91, 'v128.store64_lane', 'memarg_lane', 'v128 -> ', 8],
  // Constant, shuffle, swizzle, splat, lane access
  [FD | 12, 'v128.const', 'v128', ' -> v128'],
  [FD | 13, 'i8x16.shuffle', 'shuffle', 'v128 v128 -> v128'],
  [FD | 14, 'i8x16.swizzle', 'none', 'v128 v128 -> v128'],
  [FD | 15, 'i8x16.splat', 'none', 'i32 -> v128'],
  [FD | 16, 'i16x8.splat', 'none', 'i32 -> v128'],
  [FD | 17, 'i32x4.splat', 'none', 'i32 -> v128'],
  [FD | 18, 'i64x2.splat', 'none', 'i64 -> v128'],
  [FD | 19, 'f32x4.splat', 'none', 'f32 -> v128'],
  [FD | 20, 'f64x2.splat', 'none', 'f64 -> v128'],
  [FD | 21, 'i8x16.extract_lane_s', 'lane', 'v128 -> i32'],
  [FD | 22, 'i8x16.extract_lane_u', 'lane', 'v128 -> i32'],
  [FD | 23, 'i8x16.replace_lane', 'lane', 'v128 i32 -> v128'],
  [FD | 24, 'i16x8.extract_lane_s', 'lane', 'v128 -> i32'],
  [FD | 25, 'i16x8.extract_lane_u', 'lane', 'v128 -> i32'],
  [FD | 26, 'i16x8.replace_lane', 'lane', 'v128 i32 -> v128'],
  [FD | 27, 'i32x4.extract_lane', 'lane', 'v128 -> i32'],
  [FD | 28, 'i32x4.replace_lane', 'lane', 'v128 i32 -> v128'],
  [FD | 29, 'i64x2.extract_lane', 'lane', 'v128 -> i64'],
  [FD | 30, 'i64x2.replace_lane', 'lane', 'v128 i64 -> v128'],
  [FD | 31, 'f32x4.extract_lane', 'lane', 'v128 -> f32'],
  [FD | 32, 'f32x4.replace_lane', 'lane', 'v128 f32 -> v128'],
  [FD | 33, 'f64x2.extract_lane', 'lane', 'v128 -> f64'],
  [FD | 34, 'f64x2.replace_lane', 'lane', 'v128 f64 -> v128'],
  // Comparisons (lane-wise, all-ones/all-zeros results)
  ...vbin(35, 'i8x16', ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u']),
  ...vbin(45, 'i16x8', ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u']),
  ...vbin(55, 'i32x4', ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u']),
  ...vbin(214, 'i64x2', ['eq', 'ne', 'lt_s', 'gt_s', 'le_s', 'ge_s']),
  ...vbin(65, 'f32x4', ['eq', 'ne', 'lt', 'gt', 'le', 'ge']),
  ...vbin(71, 'f64x2', ['eq', 'ne', 'lt', 'gt', 'le', 'ge']),
  // Bitwise operations on the whole vector
  [FD | 77, 'v128.not', 'none', 'v128 -> v128'],
  ...vbin(78, 'v128', ['and', 'andnot', 'or', 'xor']),
  [FD | 82, 'v128.bitselect', 'none', 'v128 v128 v128 -> v128'],
  [FD | 83, 'v128.any_true', 'none', 'v128 -> i32'],
  // i8x16 arithmetic
  ...vun(96, 'i8x16', ['abs', 'neg', 'popcnt']),
  [FD | 99, 'i8x16.all_true', 'none', 'v128 -> i32'],
  [FD | 100, 'i8x16.bitmask', 'none', 'v128 -> i32'],
  ...vbin(101, 'i8x16', ['narrow_i16x8_s', 'narrow_i16x8_u']),
  ...vshift(107, 'i8x16'),
  ...vbin(110, 'i8x16', ['add', 'add_sat_s', 'add_sat_u', 'sub', 'sub_sat_s', 'sub_sat_u']),
  ...vbin(118, 'i8x16', ['min_s', 'min_u', 'max_s', 'max_u']),
  ...vbin(123, 'i8x16', ['avgr_u']),
  // i16x8 arithmetic
  ...vun(124, 'i16x8', ['extadd_pairwise_i8x16_s', 'extadd_pairwise_i8x16_u']),
  ...vun(128, 'i16x8', ['abs', 'neg']),
  ...vbin(130, 'i16x8', ['q15mulr_sat_s']),
  [FD | 131, 'i16x8.all_true', 'none', 'v128 -> i32'],
  [FD | 132, 'i16x8.bitmask', 'none', 'v128 -> i32'],
  ...vbin(133, 'i16x8', ['narrow_i32x4_s', 'narrow_i32x4_u']),
  ...vun(135, 'i16x8', ['extend_low_i8x16_s', 'extend_high_i8x16_s', 'extend_low_i8x16_u', 'extend_high_i8x16_u']),
  ...vshift(139, 'i16x8'),
  ...vbin(142, 'i16x8', ['add', 'add_sat_s', 'add_sat_u', 'sub', 'sub_sat_s', 'sub_sat_u']),
  ...vbin(149, 'i16x8', ['mul', 'min_s', 'min_u', 'max_s', 'max_u']),
  ...vbin(155, 'i16x8', ['avgr_u', 'extmul_low_i8x16_s', 'extmul_high_i8x16_s', 'extmul_low_i8x16_u',
    'extmul_high_i8x16_u']),
  // i32x4 arithmetic
  ...vun(126, 'i32x4', ['extadd_pairwise_i16x8_s', 'extadd_pairwise_i16x8_u']),
  ...vun(160, 'i32x4', ['abs', 'neg']),
  [FD | 163, 'i32x4.all_true', 'none', 'v128 -> i32'],
  [FD | 164, 'i32x4.bitmask', 'none', 'v128 -> i32'],
  ...vun(167, 'i32x4', ['extend_low_i16x8_s', 'extend_high_i16x8_s', 'extend_low_i16x8_u', 'extend_high_i16x8_u']),
  ...vshift(171, 'i32x4'),
  ...vbin(174, 'i32x4', ['add']),
  ...vbin(177, 'i32x4', ['sub']),
  ...vbin(181, 'i32x4', ['mul', 'min_s', 'min_u', 'max_s', 'max_u', 'dot_i16x8_s']),
  ...vbin(188, 'i32x4', ['extmul_low_i16x8_s', 'extmul_high_i16x8_s', 'extmul_low_i16x8_u', 'extmul_high_i16x8_u']),
  // i64x2 arithmetic
  ...vun(192, 'i64x2', ['abs', 'neg']),
  [FD | 195, 'i64x2.all_true', 'none', 'v128 -> i32'],
  [FD | 196, 'i64x2.bitmask', 'none', 'v128 -> i32'],
  ...vun(199, 'i64x2', ['extend_low_i32x4_s', 'extend_high_i32x4_s', 'extend_low_i32x4_u', 'extend_high_i32x4_u']),
  ...vshift(203, 'i64x2'),
  ...vbin(206, 'i64x2', ['add']),
  ...vbin(209, 'i64x2', ['sub']),
  ...vbin(213, 'i64x2', ['mul']),
  ...vbin(220, 'i64x2', ['extmul_low_i32x4_s', 'extmul_high_i32x4_s', 'extmul_low_i32x4_u', 'extmul_high_i32x4_u']),
  // f32x4 and f64x2 arithmetic
  ...vun(103, 'f32x4', ['ceil', 'floor', 'trunc', 'nearest']),
  ...vun(224, 'f32x4', ['abs', 'neg']),
  ...vun(227, 'f32x4', ['sqrt']),
  ...vbin(228, 'f32x4', ['add', 'sub', 'mul', 'div', 'min', 'max', 'pmin', 'pmax']),
  ...vun(116, 'f64x2', ['ceil', 'floor']),
  ...vun(122, 'f64x2', ['trunc']),
  ...vun(148, 'f64x2', ['nearest']),
  ...vun(236, 'f64x2', ['abs', 'neg']),
  ...vun(239, 'f64x2', ['sqrt']),
  ...vbin(240, 'f64x2', ['add', 'sub', 'mul', 'div', 'min', 'max', 'pmin', 'pmax']),
  // Conversions
  ...vun(248, 'i32x4', ['trunc_sat_f32x4_s', 'trunc_sat_f32x4_u']),
  ...vun(250, 'f32x4', ['convert_i32x4_s', 'convert_i32x4_u']),
  ...vun(252, 'i32x4', ['trunc_sat_f64x2_s_zero', 'trunc_sat_f64x2_u_zero']),
  ...vun(254, 'f64x2', ['convert_low_i32x4_s', 'convert_low_i32x4_u']),
  [FD | 94, 'f32x4.demote_f64x2_zero', 'none', 'v128 -> v128'],
  [FD | 95, 'f64x2.promote_low_f32x4', 'none', 'v128 -> v128'],
  // Relaxed SIMD (3.0; sub-opcodes from 0x100, gated by features.relaxedSimd)
  ...vbin(0x100, 'i8x16', ['relaxed_swizzle']),
  ...vun(0x101, 'i32x4', ['relaxed_trunc_f32x4_s', 'relaxed_trunc_f32x4_u', 'relaxed_trunc_f64x2_s_zero',
    'relaxed_trunc_f64x2_u_zero']),
  ...vtern(0x105, 'f32x4', ['relaxed_madd', 'relaxed_nmadd']),
  ...vtern(0x107, 'f64x2', ['relaxed_madd', 'relaxed_nmadd']),
  ...vtern(0x109, 'i8x16', ['relaxed_laneselect']),
  ...vtern(0x10a, 'i16x8', ['relaxed_laneselect']),
  ...vtern(0x10b, 'i32x4', ['relaxed_laneselect']),
  ...vtern(0x10c, 'i64x2', ['relaxed_laneselect']),
  ...vbin(0x10d, 'f32x4', ['relaxed_min', 'relaxed_max']),
  ...vbin(0x10f, 'f64x2', ['relaxed_min', 'relaxed_max']),
  ...vbin(0x111, 'i16x8', ['relaxed_q15mulr_s', 'relaxed_dot_i8x16_i7x16_s']),
  ...vtern(0x113, 'i32x4', ['relaxed_dot_i8x16_i7x16_add_s']),
];

function binop(first: number, t: string, r: string, names: string[]): Row[] {
  return names.map((n, i) => [first + i, `${t}.${n}`, 'none', `${t} ${t} -> ${r}`] as const);
}
function unop(first: number, t: string, r: string, names: string[]): Row[] {
  return names.map((n, i) => [first + i, `${t}.${n}`, 'none', `${t} -> ${r}`] as const);
}
/** Vector operations on consecutive sub-opcodes after 0xFD, named `shape.op`: v128 operands. */
function vbin(first: number, shape: string, names: string[]): Row[] {
  return names.map((n, i) => [FD | (first + i), `${shape}.${n}`, 'none', 'v128 v128 -> v128'] as const);
}
function vun(first: number, shape: string, names: string[]): Row[] {
  return names.map((n, i) => [FD | (first + i), `${shape}.${n}`, 'none', 'v128 -> v128'] as const);
}
function vtern(first: number, shape: string, names: string[]): Row[] {
  return names.map((n, i) => [FD | (first + i), `${shape}.${n}`, 'none', 'v128 v128 v128 -> v128'] as const);
}
/** shl, shr_s, shr_u: the shift count is an i32. */
function vshift(first: number, shape: string): Row[] {
  return ['shl', 'shr_s', 'shr_u'].map((n, i) => [FD | (first + i), `${shape}.${n}`, 'none', 'v128 i32 -> v128'] as const);
}

function parseSig(s: string): Sig | undefined {
  if (s === '') return undefined;
  const [p, r] = s.split('->');
  const list = (x: string) => x.trim().split(/\s+/).filter(Boolean) as ValType[];
  return { params: list(p), results: list(r) };
}

/** Every instruction, in table order. */
export const opcodes: readonly OpInfo[] = rows.map(([code, name, imm, sig, memBytes]) => ({
  name, code, imm, sig: parseSig(sig), memBytes,
  prefix: code > 0xff ? code >>> 16 : 0,
  sub: code > 0xff ? code & 0xffff : code,
}));

/** Opcode number → info. */
export const opInfo: ReadonlyMap<number, OpInfo> = new Map(opcodes.map((o) => [o.code, o]));

/** Single-byte opcode → info, as an array (a Map look-up per instruction costs more). */
const singleByteInfo: readonly (OpInfo | undefined)[] = (() => {
  const a: (OpInfo | undefined)[] = new Array(256).fill(undefined);
  for (const o of opcodes) if (o.prefix === 0) a[o.code] ??= o;
  return a;
})();

/** The same as `opInfo.get(code)`, faster for single-byte opcodes. */
export function infoOf(code: number): OpInfo | undefined {
  return code >= 0 && code < 256 ? singleByteInfo[code] : opInfo.get(code);
}

/**
 * Mnemonic → info. `select` maps to the untyped form; the text parser picks `select_t` (0x1C)
 * when a `(result …)` clause follows.
 */
export const opByName: ReadonlyMap<string, OpInfo> = (() => {
  const m = new Map<string, OpInfo>();
  for (const o of opcodes) if (!m.has(o.name)) m.set(o.name, o);
  return m;
})();

/**
 * `Op.i32_add` etc.: opcode numbers by mnemonic (dots become underscores), for readable `switch`es.
 * The typed select is `Op.select_t`.
 */
export const Op: Readonly<Record<string, number>> = (() => {
  const o: Record<string, number> = {};
  for (const info of opcodes) o[info.name.replace(/\./g, '_')] ??= info.code;
  o.select_t = 0x1c;
  // Built by adding ~470 properties one at a time, `o` is a dictionary-mode object in V8, and every
  // `case Op.x:` a hash look-up; `Object.fromEntries` makes a fast-properties copy.
  return Object.fromEntries(Object.entries(o));
})();

/** Human-readable name of an opcode number, for error messages and dumps. */
export function opName(code: number): string {
  return opInfo.get(code)?.name ?? `<0x${code.toString(16)}>`;
}

/** Where prefixed opcodes start in the compact numbering (`compactOp`). */
export const PREFIXED_OPS = 256;

/**
 * An opcode in 16 bits, as a decoded function's `ops` holds it (syntax/module.ts `Func.ops`): a
 * single-byte opcode as itself, a prefixed one (`prefix << 16 | sub`, prefix 0xFB–0xFD, sub below
 * 512 — the largest is 0xFD 0x113) as 256 + (prefix - 0xFB) * 512 + sub.
 */
export function compactOp(code: number): number {
  return code < 256 ? code : PREFIXED_OPS + ((code >>> 16) - 0xfb) * 512 + (code & 0xffff);
}

/** The opcode number (as `Instr.op`) of a compact one. */
export function fullOp(c: number): number {
  return c < PREFIXED_OPS ? c : ((((c - PREFIXED_OPS) >>> 9) + 0xfb) << 16) | ((c - PREFIXED_OPS) & 511);
}
