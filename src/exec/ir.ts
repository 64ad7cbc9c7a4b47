/**
 * The register IR — what the interpreter (exec/interpreter.ts) runs instead of Wasm bytecode.
 *
 * The translator (exec/translate.ts) turns each validated function body into one Int32Array:
 * `[opcode, operand, operand, …, opcode, …]`. Operands never refer to an operand stack: they name
 * *registers* — 8-byte slots of the current frame — or carry immediates and branch targets.
 *
 * Operand kinds (the letters of each instruction's `fields` in `irInfo` below):
 *
 * | letter | meaning                                                                          |
 * |--------|----------------------------------------------------------------------------------|
 * | d      | destination register: a word offset from the frame base (always even)             |
 * | a      | source register: a word offset from the frame base                                |
 * | i      | signed 32-bit immediate                                                           |
 * | u      | unsigned 32-bit immediate (a memory offset), stored as its int32 bit pattern      |
 * | k      | 64-bit immediate: two words, low then high                                        |
 * | L      | branch target: absolute offset into the function's code                           |
 * | T      | br_table targets: a count n, then n + 1 branch targets (the last is the default)  |
 * | f g t e s | function / global / table / element segment / data segment index (module-local)|
 * | y      | canonical type id (runtime/canon.ts)                                              |
 * | x      | SIMD instruction (exec/simd.ts `S`), printed as its mnemonic                     |
 * | v      | 128-bit immediate: four words, lowest bytes first                                 |
 * | h      | a byte-moving term of i8x16_shuffle_w/_w4 (a register word, a rotation, bytes; see there) |
 * | b      | a byte selector: register word << 5 | bit offset of the byte (as i8x16_shuffle's `i`s) |
 *
 * Registers are counted in 32-bit *words* so that the common case, an i32, is `I32[fp + a]`
 * without a shift; 64-bit values take the word pair `[a, a + 1]` (low word first — the host must
 * be little-endian, checked at start-up), f64 arithmetic reads `F64[(fp + a) >> 1]`, and
 * references live in a parallel JS array at index `(fp + a) >> 1`. In formulas below `r[a]` is the
 * register's value of the instruction's type, `r32[a]` its low word, `r64[a]` its word pair,
 * `ref[a]` its reference; `mem8/16/32/64[ea]` are little-endian bytes of memory 0.
 *
 * Frame layout (see RATIONALE "Execution: the register IR"): `[params | locals | temporaries]`.
 * A call's arguments sit in consecutive temporaries at the caller's stack top; the callee's frame
 * starts at the first argument, and its results are written from its frame base, which is where
 * the caller expects them.
 *
 * An instruction whose name is a Wasm mnemonic (`i32.add`, `f64.sqrt`, …) implements exactly that
 * Wasm instruction with its operands and result in registers; the translator finds those by name.
 */

import { opName } from '../syntax/opcodes.js';
import { simdNames } from './simd.js';

/** Register classes: how a value is moved and how many words it takes. */
export const enum Cls {
  /** i32 and f32: one word (f32 as raw bits, so NaN payloads survive moves). */
  W32 = 0,
  /** i64 and f64: a word pair (two words, or one 64-bit element of a BigInt64Array view; bits exact). */
  W64 = 1,
  /** References: the parallel reference array. */
  Ref = 2,
  /** v128: two slots (four words). */
  V128 = 3,
}

/** Words of the register file a value of each class reserves (a slot is two words). */
export const clsWords: readonly number[] = [2, 2, 2, 4];

export const enum Ir {
  // ── Control ───────────────────────────────────────────────────────────────────────────────
  /** trap "unreachable". Why: Wasm `unreachable` (spec §4.4.8). Fields: none. */
  unreachable,
  /** pc = L. Why: `br`, and the jump from the end of an `if` arm over the `else` arm. L: target. */
  br,
  /** if r32[a] ≠ 0 then pc = L. Why: `br_if` when no values need moving. a: condition; L: target. */
  br_if,
  /**
   * if r32[a] = 0 then pc = L. Why: `if` (jumps to the else arm), and `br_if` whose values must be
   * moved first (jumps over the moves). a: condition; L: target.
   */
  br_unless,
  /**
   * pc = targets[min(u32(r32[a]), n)]. Why: Wasm `br_table`. a: index; T: count n, then n + 1
   * targets, the last the default. Targets needing value moves point at trampolines.
   */
  br_table,
  /**
   * pc = targets[min(u32(r32[a] + i), n)]. Why: a `switch` on `c - 'a'` or `x + 1` computes its
   * index with an i32.add_imm just before the br_table (json's tokenizer: 5 % of its dispatches);
   * the table takes it in. a: index before the add; i: added constant; T as br_table.
   */
  br_table_add,
  /**
   * Return to the caller. The results are already in the frame's first registers. Why: `return`
   * and the end of a function body. Fields: none.
   */
  return,
  /**
   * fuel −= i; if fuel < 0, the slow path: trap "fuel exhausted" when the call's budget is spent,
   * "deadline exceeded" when its deadline has passed, else refill the countdown. Why: resource
   * limits (README "Limits"); emitted only in metered code, at function entry and loop headers,
   * so every backward jump and every call pays. i: the fuel units charged (translate.ts
   * fuelCharges).
   */
  meter,
  /**
   * Call funcs[f] with its frame based at register a (the first argument); its results land at
   * a, a + 2, …. Why: Wasm `call` (spec §4.4.8). f: function index; a: frame base of the callee.
   */
  call,
  /**
   * Call tables[t][u32(r32[b])] after checking it is defined ("undefined element"), non-null
   * ("uninitialized element") and of canonical type y ("indirect call type mismatch").
   * Why: Wasm `call_indirect`. y: expected type id; t: table; b: index; a: frame base of callee.
   */
  call_indirect,
  /**
   * Call the function reference ref[b] (trap "null function reference" if null), frame based at
   * a. Why: Wasm `call_ref` (3.0 typed function references). b: reference; a: frame base.
   */
  call_ref,
  /**
   * Tail call funcs[f]: its arguments are already in r0, r2, …; the current frame is replaced,
   * so the call stack does not grow. Why: Wasm `return_call` (3.0 tail calls). f: function index.
   */
  return_call,
  /** As return_call, callee checked as in call_indirect. Why: `return_call_indirect`. y: type id; t: table; b: index. */
  return_call_indirect,
  /** As return_call, callee ref[b] (null traps). Why: `return_call_ref`. b: reference. */
  return_call_ref,
  /** if ref[a] = null then pc = L. Why: `br_on_null`, and `br_on_non_null` behind its moves. a: reference; L: target. */
  br_on_null,
  /** if ref[a] ≠ null then pc = L. Why: `br_on_non_null`, and `br_on_null` behind its moves. a: reference; L: target. */
  br_on_non_null,
  /** trap "null reference" if ref[a] = null (the value stays where it is). Why: `ref.as_non_null`. a: reference. */
  ref_as_non_null,

  // ── Moves and constants ───────────────────────────────────────────────────────────────────
  /** r32[d] = r32[a]. Why: local.get/set materialized, branch values. d: to; a: from. */
  copy32,
  /** r64[d] = r64[a] (one 64-bit move, bits exact). Why: as copy32, for i64/f64. d: to; a: from. */
  copy64,
  /** ref[d] = ref[a]. Why: as copy32, for references. d: to; a: from. */
  copy_ref,
  /**
   * r32[d] = r32[a], then r32[d′] = r32[a′]. Why: moves come in runs — a loop rotating its
   * locals (`c = b; b = a`), a branch's values — and two consecutive ones are one dispatch.
   * d, a: first move; d, a: second.
   */
  copy32x2,
  /** r64[d] = r64[a], then r64[d′] = r64[a′]. Why: as copy32x2, for i64/f64. Fields as copy32x2. */
  copy64x2,
  /**
   * Three moves in order, r32[d] = r32[a], r32[d′] = r32[a′], r32[d″] = r32[a″]. Why: a loop
   * rotating four or more locals (SHA-2's `h = g; g = f; f = e`, list walks) moves them in
   * runs of three or more. Fields d, a three times.
   */
  copy32x3,
  /** As copy32x3, for i64/f64. Fields as copy32x3. */
  copy64x3,
  /** r32[d] = i. Why: a constant used where no immediate form exists. d: to; i: value (bits). */
  const32,
  /** r64[d] = k. Why: as const32, for i64/f64. d: to; k: value (bits, low word first). */
  const64,
  /** ref[d] = null. Why: `ref.null` used as an operand. d: to. */
  ref_null,
  /** ref[d] = funcs[f]. Why: Wasm `ref.func`. d: to; f: function index. */
  ref_func,
  /** r32[d] = (ref[a] = null ? 1 : 0). Why: Wasm `ref.is_null`. d: result; a: reference. */
  ref_is_null,
  /** r32[d] = (ref[a] = ref[b] ? 1 : 0). Why: Wasm `ref.eq` (3.0). d: result; a, b: references. */
  ref_eq,
  /** r32[d] = r32[c] ≠ 0 ? r32[a] : r32[b]. Why: Wasm `select` on i32/f32. d: result; a, b: choices; c: condition. */
  select32,
  /** r64[d] = r32[c] ≠ 0 ? r64[a] : r64[b]. Why: `select` on i64/f64. Fields as select32. */
  select64,
  /** ref[d] = r32[c] ≠ 0 ? ref[a] : ref[b]. Why: `select` on references. Fields as select32. */
  select_ref,
  /** r32[d] = globals[g]. Why: `global.get` of an i32/f32 global. d: to; g: global index. */
  global_get32,
  /** r64[d] = globals[g]. Why: `global.get` of an i64/f64 global. d: to; g: global index. */
  global_get64,
  /** ref[d] = globals[g]. Why: `global.get` of a reference global. d: to; g: global index. */
  global_get_ref,
  /** globals[g] = r32[a]. Why: `global.set` of an i32/f32 global. g: global index; a: value. */
  global_set32,
  /** globals[g] = r64[a]. Why: `global.set` of an i64/f64 global. g: global index; a: value. */
  global_set64,
  /** globals[g] = ref[a]. Why: `global.set` of a reference global. g: global index; a: value. */
  global_set_ref,

  // ── Memory (memory 0), spec §4.4.7. ea = u32(r32[a]) + u; ea + width > size traps. ─────────
  // Loads: fields d (result), a (address), u (static offset).
  /** r32[d] = mem32[ea]. Why: `i32.load` and `f32.load` (raw bits). */
  load32,
  /** r64[d] = mem64[ea]. Why: `i64.load` and `f64.load` (raw bits, two words). */
  load64,
  /** r[d] = sext(mem8[ea]). Why: Wasm `i32.load8_s`. */
  i32_load8_s,
  /** r[d] = zext(mem8[ea]). Why: Wasm `i32.load8_u`. */
  i32_load8_u,
  /** r[d] = sext(mem16[ea]). Why: Wasm `i32.load16_s`. */
  i32_load16_s,
  /** r[d] = zext(mem16[ea]). Why: Wasm `i32.load16_u`. */
  i32_load16_u,
  /** r[d] = sext64(mem8[ea]). Why: Wasm `i64.load8_s`. */
  i64_load8_s,
  /** r[d] = zext64(mem8[ea]). Why: Wasm `i64.load8_u`. */
  i64_load8_u,
  /** r[d] = sext64(mem16[ea]). Why: Wasm `i64.load16_s`. */
  i64_load16_s,
  /** r[d] = zext64(mem16[ea]). Why: Wasm `i64.load16_u`. */
  i64_load16_u,
  /** r[d] = sext64(mem32[ea]). Why: Wasm `i64.load32_s`. */
  i64_load32_s,
  /** r[d] = zext64(mem32[ea]). Why: Wasm `i64.load32_u`. */
  i64_load32_u,
  // Stores: fields a (address), a (value), u (static offset).
  /** mem32[ea] = r32[b]. Why: `i32.store`, `f32.store` and `i64.store32` (the low word). */
  store32,
  /** mem64[ea] = r64[b]. Why: `i64.store` and `f64.store`. */
  store64,
  /** mem8[ea] = r32[b] mod 2^8. Why: `i32.store8` and `i64.store8` (the low word). */
  store8,
  /** mem16[ea] = r32[b] mod 2^16. Why: `i32.store16` and `i64.store16`. */
  store16,
  // Loads through a computed address: fields d (result), a (base), i (shift s), i (added c),
  // u (static offset); ea = u32((r32[a] << s) + c mod 2^32) + u. Why: compiled C computes most
  // addresses as `p + const` or `(i << k) + const` (an element of a global array) right before
  // the load — the offset field cannot absorb the add, which wraps — and the translator folds
  // that i32.add_imm or i32.shl_add_imm into the load: one dispatch instead of two or three.
  /** r32[d] = mem32[ea]. */ load32_add,
  /** r64[d] = mem64[ea]. */ load64_add,
  /** r[d] = sext(mem8[ea]). */ i32_load8_s_add,
  /** r[d] = zext(mem8[ea]). */ i32_load8_u_add,
  /** r[d] = sext(mem16[ea]). */ i32_load16_s_add,
  /** r[d] = zext(mem16[ea]). */ i32_load16_u_add,
  // Loads through an address also kept in a local: fields d (result), d (the local x), a (base),
  // i (added c), u (static offset); r32[x] = r32[a] + c mod 2^32, then ea = u32(r32[x]) + u.
  // Why: `(local.tee $p (i32.add (base) (c)))` feeding a load, with $p reused by a store after
  // it — the local must be written, but the add and the load are still one dispatch.
  /** r32[d] = mem32[ea]. */ load32_tee,
  /** r64[d] = mem64[ea]. */ load64_tee,
  // Loads through a base plus an index register: fields d (result), a (base), a (index), u
  // (static offset); ea = u32(r32[a] + r32[b] mod 2^32) + u. Why: `base[i]` with a byte or
  // pre-scaled index is an i32.add of two registers right before the load; as with load*_add,
  // the add wraps and the offset does not, so the load does the add itself.
  /** r32[d] = mem32[ea]. */ load32_idx,
  /** r64[d] = mem64[ea]. */ load64_idx,
  /** r[d] = sext(mem8[ea]). */ i32_load8_s_idx,
  /** r[d] = zext(mem8[ea]). */ i32_load8_u_idx,
  /** r[d] = sext(mem16[ea]). */ i32_load16_s_idx,
  /** r[d] = zext(mem16[ea]). */ i32_load16_u_idx,
  /**
   * r32[d] = mem32[ea], ea = u32(r32[a] + (r32[b] << s) mod 2^32) + u. Fields d, a (base), a
   * (index), i (shift s), u. Why: `base[i]` of an int array computes `i << 2` just before the
   * add; load32_idx takes that shift in too (sort's merge loop: 2 of its 13 dispatches).
   */
  load32_sidx,
  // Stores through a computed address: fields a (base), i (shift s), i (added c), a (value), u
  // (static offset); ea = u32((r32[a] << s) + c mod 2^32) + u, as in load*_add. Why: the
  // address of `p[k] = v` is computed before the value, so the add is not the last instruction
  // when the store is reached; the translator still folds it when the instructions computing
  // the value neither branch nor write the add's base (copy loops, `a[i + 1] = a[i]`).
  /** mem8[ea] = r32[b] mod 2^8. */ store8_add,
  /** mem16[ea] = r32[b] mod 2^16. */ store16_add,
  /** mem32[ea] = r32[b]. */ store32_add,
  /** mem64[ea] = r64[b]. */ store64_add,
  // Stores through base + index: fields a (base), a (index), a (value) or i (a constant value),
  // u (static offset); ea = u32(r32[a] + r32[b] mod 2^32) + u, as in load*_idx. Why: `p[i] = v`
  // with a byte or pre-scaled index, folded like store*_add (sieve's `flags[j] = 1`).
  /** mem8[ea] = r32[v] mod 2^8. */ store8_idx,
  /** mem16[ea] = r32[v] mod 2^16. */ store16_idx,
  /** mem32[ea] = r32[v]. */ store32_idx,
  /** mem64[ea] = r64[v]. */ store64_idx,
  /** mem8[ea] = i mod 2^8. */ store8_imm_idx,
  /** mem32[ea] = i. */ store32_imm_idx,
  // Accesses at a constant address: ea = u, computed by the translator as u32(c) + offset when
  // below 2^32. Why: compiled C reads and writes its global variables as `(i32.const addr)` plus
  // a static offset; the address then needs no const32. Fields d (result) or a (value), u (ea).
  /** r32[d] = mem32[u]. */ load32_abs,
  /** r64[d] = mem64[u]. */ load64_abs,
  /** mem32[u] = r32[a]. */ store32_abs,
  /** mem64[u] = r64[a]. */ store64_abs,
  // Stores of a constant: fields a (address), i or k (the value), u (static offset). Why:
  // compiled C stores constants all the time (flags, zeroing, initializing a struct); the
  // value then needs no const32/const64 before the store.
  /** mem8[ea] = i mod 2^8. Why: `i32.store8` / `i64.store8` of a constant. */ store8_imm,
  /** mem16[ea] = i mod 2^16. Why: `i32.store16` / `i64.store16` of a constant. */ store16_imm,
  /** mem32[ea] = i. Why: `i32.store`, `f32.store`, `i64.store32` of a constant. */ store32_imm,
  /** mem64[ea] = k. Why: `i64.store`, `f64.store` of a constant. */ store64_imm,
  /** r[d] = size of memory 0 in pages. Why: Wasm `memory.size`. d: result. */
  memory_size,
  /** r[d] = growmem(memory 0, u32(r[a])) (old size or -1). Why: `memory.grow`. d: result; a: delta. */
  memory_grow,
  /** mem[r[a] .. r[a]+r[c]) = r[b] mod 2^8. Why: `memory.fill`. a: destination; b: byte; c: length. */
  memory_fill,
  /** mem[r[a] ..] = mem[r[b] ..] for r[c] bytes (overlap-safe). Why: `memory.copy`. a: to; b: from; c: length. */
  memory_copy,
  /** mem[r[a] ..] = datas[s][r[b] ..] for r[c] bytes. Why: `memory.init`. s: segment; a: to; b: from; c: length. */
  memory_init,
  /** datas[s] = empty. Why: Wasm `data.drop`. s: segment. */
  data_drop,

  // ── Tables, spec §4.4.6 ────────────────────────────────────────────────────────────────────
  /** ref[d] = tables[t][u32(r[a])]. Why: `table.get`. d: result; t: table; a: index. */
  table_get,
  /** tables[t][u32(r[a])] = ref[b]. Why: `table.set`. t: table; a: index; b: reference. */
  table_set,
  /** r[d] = size of tables[t]. Why: `table.size`. d: result; t: table. */
  table_size,
  /** r[d] = growtable(tables[t], u32(r[b]), ref[a]) (old size or -1). Why: `table.grow`. d: result; t: table; a: init; b: delta. */
  table_grow,
  /** tables[t][r[a] .. r[a]+r[c]) = ref[b]. Why: `table.fill`. t: table; a: start; b: reference; c: length. */
  table_fill,
  /** tables[t][r[a] ..] = tables[t2][r[b] ..] for r[c] (overlap-safe). Why: `table.copy`. t: to; t: from; a, b, c. */
  table_copy,
  /** tables[t][r[a] ..] = elems[e][r[b] ..] for r[c]. Why: `table.init`. e: segment; t: table; a: to; b: from; c: length. */
  table_init,
  /** elems[e] = empty. Why: Wasm `elem.drop`. e: segment. */
  elem_drop,

  // ── i32 numerics, spec §4.3.2. Unary: d, a. Binary: d (result), a (left), b (right). ───────
  /** r[d] = r[a] = 0. */ i32_eqz,
  /** r[d] = r[a] = r[b]. */ i32_eq,
  /** r[d] = r[a] ≠ r[b]. */ i32_ne,
  /** r[d] = r[a] <s r[b]. */ i32_lt_s,
  /** r[d] = r[a] <u r[b]. */ i32_lt_u,
  /** r[d] = r[a] >s r[b]. */ i32_gt_s,
  /** r[d] = r[a] >u r[b]. */ i32_gt_u,
  /** r[d] = r[a] ≤s r[b]. */ i32_le_s,
  /** r[d] = r[a] ≤u r[b]. */ i32_le_u,
  /** r[d] = r[a] ≥s r[b]. */ i32_ge_s,
  /** r[d] = r[a] ≥u r[b]. */ i32_ge_u,
  /** r[d] = clz(r[a]). */ i32_clz,
  /** r[d] = ctz(r[a]). */ i32_ctz,
  /** r[d] = popcnt(r[a]). */ i32_popcnt,
  /** r[d] = r[a] + r[b] mod 2^32. */ i32_add,
  /** r[d] = r[a] − r[b] mod 2^32. */ i32_sub,
  /** r[d] = r[a] · r[b] mod 2^32. */ i32_mul,
  /** r[d] = r[a] /s r[b] (traps on 0 and overflow). */ i32_div_s,
  /** r[d] = r[a] /u r[b] (traps on 0). */ i32_div_u,
  /** r[d] = r[a] rem_s r[b] (traps on 0). */ i32_rem_s,
  /** r[d] = r[a] rem_u r[b] (traps on 0). */ i32_rem_u,
  /** r[d] = r[a] & r[b]. */ i32_and,
  /** r[d] = r[a] | r[b]. */ i32_or,
  /** r[d] = r[a] ^ r[b]. */ i32_xor,
  /** r[d] = r[a] << (r[b] mod 32). */ i32_shl,
  /** r[d] = r[a] >>s (r[b] mod 32). */ i32_shr_s,
  /** r[d] = r[a] >>u (r[b] mod 32). */ i32_shr_u,
  /** r[d] = rotl(r[a], r[b]). */ i32_rotl,
  /** r[d] = rotr(r[a], r[b]). */ i32_rotr,
  /** r[d] = sext(r[a] mod 2^8). */ i32_extend8_s,
  /** r[d] = sext(r[a] mod 2^16). */ i32_extend16_s,

  // ── i32 with an immediate right operand: d (result), a (left), i (right, a constant). ──────
  // Why: `x op const` is the most common shape after `local.get; i32.const; op`; the constant
  // then needs neither a register nor a separate instruction. `x - c` uses add_imm with −c, and
  // a constant on the left of a commutative op or a comparison is swapped to the right.
  /** r[d] = r[a] + i mod 2^32. */ i32_add_imm,
  /** r[d] = r[a] · i mod 2^32. */ i32_mul_imm,
  /** r[d] = r[a] & i. */ i32_and_imm,
  /** r[d] = r[a] | i. */ i32_or_imm,
  /** r[d] = r[a] ^ i. */ i32_xor_imm,
  /** r[d] = r[a] << (i mod 32). */ i32_shl_imm,
  /** r[d] = r[a] >>s (i mod 32). */ i32_shr_s_imm,
  /** r[d] = r[a] >>u (i mod 32). */ i32_shr_u_imm,
  /** r[d] = r[a] = i. */ i32_eq_imm,
  /** r[d] = r[a] ≠ i. */ i32_ne_imm,
  /** r[d] = r[a] <s i. */ i32_lt_s_imm,
  /** r[d] = r[a] <u i. */ i32_lt_u_imm,
  /** r[d] = r[a] >s i. */ i32_gt_s_imm,
  /** r[d] = r[a] >u i. */ i32_gt_u_imm,
  /** r[d] = r[a] ≤s i. */ i32_le_s_imm,
  /** r[d] = r[a] ≤u i. */ i32_le_u_imm,
  /** r[d] = r[a] ≥s i. */ i32_ge_s_imm,
  /** r[d] = r[a] ≥u i. */ i32_ge_u_imm,
  /**
   * r[d] = (r[a] << (s mod 32)) + i mod 2^32. Fields d, a, i (s), i. Why: `(x << k) + c`, the
   * address of element x of a global array; also what a load folds in (load*_add).
   */
  i32_shl_add_imm,
  /**
   * r[d] = r[a] + i mod 2^32, then r[d′] = r[a′] + i′ mod 2^32. Fields d, a, i, d, a, i. Why:
   * loops step several induction variables one after the other (`p += 8; q += 8; n -= 1`);
   * two steps written to locals back to back are one dispatch.
   */
  i32_add_imm2,
  /**
   * r[d] = (r[a] >>u (s mod 32)) & i. Fields d, a, i (s), i. Why: `(x >> s) & mask`, reading a
   * bit field, is the most frequent pair in bit-twiddling C (state machines, CRCs, packed
   * structs); the shift's result is an unnamed temporary only the `and` reads.
   */
  i32_shr_u_and_imm,
  /**
   * r[d] = (r[a] · r[b] mod 2^32) << (s mod 32). Fields d, a, a (b), i (s). Why: the byte
   * offset of element i·n of an array of 2^s-byte elements (`a[k * step]`, row-major indexing);
   * the product is an unnamed temporary only the shift reads (fft32's twiddle index, 3.9 % of
   * its dispatches).
   */
  i32_mul_shl_imm,

  // ── Fused compare-and-branch: if (r[a] cmp r[b]) then pc = L, and the same against an
  // immediate (if (r[a] cmp i) then pc = L). Fields: a, a, L or a, i, L. ─────────────────────
  // Why: `br_if (i32.lt_s a b)` and `if (i32.eq x c)` end most loops and guard most branches;
  // fused, the comparison writes no register and the pair costs one dispatch instead of two.
  // The translator also uses the opposite comparison to jump *over* a branch's value moves or
  // to the else arm of an `if`, so each comparison has a form for either sense.
  /** r[a] = r[b]. */ br_eq,
  /** r[a] ≠ r[b]. */ br_ne,
  /** r[a] <s r[b]. */ br_lt_s,
  /** r[a] <u r[b]. */ br_lt_u,
  /** r[a] >s r[b]. */ br_gt_s,
  /** r[a] >u r[b]. */ br_gt_u,
  /** r[a] ≤s r[b]. */ br_le_s,
  /** r[a] ≤u r[b]. */ br_le_u,
  /** r[a] ≥s r[b]. */ br_ge_s,
  /** r[a] ≥u r[b]. */ br_ge_u,
  /** r[a] = i. */ br_eq_imm,
  /** r[a] ≠ i. */ br_ne_imm,
  /** r[a] <s i. */ br_lt_s_imm,
  /** r[a] <u i. */ br_lt_u_imm,
  /** r[a] >s i. */ br_gt_s_imm,
  /** r[a] >u i. */ br_gt_u_imm,
  /** r[a] ≤s i. */ br_le_s_imm,
  /** r[a] ≤u i. */ br_le_u_imm,
  /** r[a] ≥s i. */ br_ge_s_imm,
  /** r[a] ≥u i. */ br_ge_u_imm,
  // Step and branch: r[d] = r[a] + i mod 2^32, then the branch named (fields d, a, i, then the
  // branch's own fields). Why: loops end by stepping a counter or pointer and testing it
  // (`i += 1; br_if $loop (i != n)`), and a `br`/`br_if` right behind an i32.add_imm takes it in —
  // any add_imm, whether or not the branch reads its result, as the two run in order.
  /** then pc = L. */ step_br,
  /** then r[a] ≠ 0. */ step_br_if,
  /** then r[a] = 0. */ step_br_unless,
  /** then r[a] = r[b]. */ step_br_eq,
  /** then r[a] ≠ r[b]. */ step_br_ne,
  /** then r[a] = i. */ step_br_eq_imm,
  /** then r[a] ≠ i. */ step_br_ne_imm,
  /** then r[a] >u i. */ step_br_gt_u_imm,
  /** then r[a] ≤u i. */ step_br_le_u_imm,
  /** then r[a] <u r[b]. */ step_br_lt_u,
  /** then r[a] ≤u r[b]. */ step_br_le_u,
  // Three steps and a branch: r[d] = r[a] + i, r[d′] = r[a′] + i′, r[d″] = r[a″] + i″ (mod 2^32,
  // in that order), then the branch named. Fields d, a, i three times, then the branch's own
  // fields. Why: a loop advancing two pointers and a counter ends in an i32.add_imm2 right
  // before its step_br_* (fft32, matmul: 12 % of matmul's dispatches); a loop with one pointer
  // and a counter, an i32.add_imm before it (the translator repeats the first step's
  // destination with i″ = 0 as the third step: d, d, 0 adds nothing). Likewise a branch right
  // behind an i32.add_imm2 alone (its two steps and a third that adds 0): interp's dispatch
  // loop ends in one with `br` (5 % of its dispatches), coremark's inner loops step a pointer and
  // then a counter tested against a constant (6 %).
  /** then pc = L. */ step3_br,
  /** then r[a] ≠ 0. */ step3_br_if,
  /** then r[a] ≠ r[b]. */ step3_br_ne,
  /** then r[a] ≠ i. */ step3_br_ne_imm,
  // f64 comparisons (a, a, L on F64 registers). With NaN, `not (a < b)` is not `a ≥ b`, so the
  // opposite sense of lt/gt/le/ge is its own negated form (`br_f64_nlt`: if not (r[a] < r[b])).
  /** r[a] = r[b] (f64). */ br_f64_eq,
  /** r[a] ≠ r[b] (f64; true if either is NaN). */ br_f64_ne,
  /** r[a] < r[b] (f64). */ br_f64_lt,
  /** r[a] > r[b] (f64). */ br_f64_gt,
  /** r[a] ≤ r[b] (f64). */ br_f64_le,
  /** r[a] ≥ r[b] (f64). */ br_f64_ge,
  /** not (r[a] < r[b]) (f64). */ br_f64_nlt,
  /** not (r[a] > r[b]) (f64). */ br_f64_ngt,
  /** not (r[a] ≤ r[b]) (f64). */ br_f64_nle,
  /** not (r[a] ≥ r[b]) (f64). */ br_f64_nge,

  // ── i64 numerics, spec §4.3.2, on word pairs. Unary: d, a. Binary: d, a, b. ────────────────
  // Comparisons and eqz write an i32. (i32.wrap_i64 needs no instruction: the low word of an
  // i64 register is its wrapped i32; see translate.ts.) add, sub, mul, and/or/xor (also with an
  // immediate), eq/ne and the ordered comparisons run on a BigInt64Array view of the registers,
  // which TurboFan compiles to machine 64-bit arithmetic; shifts, rotates and the rest work on
  // the two words (RATIONALE, "Why BigInt64Array for some i64 instructions?").
  /** r32[d] = r[a] = 0. */ i64_eqz,
  /** r32[d] = r[a] = r[b]. */ i64_eq,
  /** r32[d] = r[a] ≠ r[b]. */ i64_ne,
  /** r32[d] = r[a] <s r[b]. */ i64_lt_s,
  /** r32[d] = r[a] <u r[b]. */ i64_lt_u,
  /** r32[d] = r[a] >s r[b]. */ i64_gt_s,
  /** r32[d] = r[a] >u r[b]. */ i64_gt_u,
  /** r32[d] = r[a] ≤s r[b]. */ i64_le_s,
  /** r32[d] = r[a] ≤u r[b]. */ i64_le_u,
  /** r32[d] = r[a] ≥s r[b]. */ i64_ge_s,
  /** r32[d] = r[a] ≥u r[b]. */ i64_ge_u,
  /** r[d] = clz(r[a]). */ i64_clz,
  /** r[d] = ctz(r[a]). */ i64_ctz,
  /** r[d] = popcnt(r[a]). */ i64_popcnt,
  /** r[d] = r[a] + r[b] mod 2^64. */ i64_add,
  /** r[d] = r[a] − r[b] mod 2^64. */ i64_sub,
  /** r[d] = r[a] · r[b] mod 2^64. */ i64_mul,
  /** r[d] = r[a] /s r[b] (traps on 0 and overflow). */ i64_div_s,
  /** r[d] = r[a] /u r[b] (traps on 0). */ i64_div_u,
  /** r[d] = r[a] rem_s r[b] (traps on 0). */ i64_rem_s,
  /** r[d] = r[a] rem_u r[b] (traps on 0). */ i64_rem_u,
  /** r[d] = r[a] & r[b]. */ i64_and,
  /** r[d] = r[a] | r[b]. */ i64_or,
  /** r[d] = r[a] ^ r[b]. */ i64_xor,
  /** r[d] = r[a] << (r[b] mod 64). */ i64_shl,
  /** r[d] = r[a] >>s (r[b] mod 64). */ i64_shr_s,
  /** r[d] = r[a] >>u (r[b] mod 64). */ i64_shr_u,
  /** r[d] = rotl(r[a], r[b]). */ i64_rotl,
  /** r[d] = rotr(r[a], r[b]). */ i64_rotr,
  /** r[d] = sext(r[a] mod 2^8). */ i64_extend8_s,
  /** r[d] = sext(r[a] mod 2^16). */ i64_extend16_s,
  /** r[d] = sext(r[a] mod 2^32). */ i64_extend32_s,
  /** r[d] = sext64(r32[a]). */ i64_extend_i32_s,
  /** r[d] = zext64(r32[a]). */ i64_extend_i32_u,

  // ── i64 with an immediate right operand: d (result), a (left), k (right, two words) or i (a
  // shift or rotate count, already reduced mod 64). Why: hashes and ciphers (xxhash, SHA-512)
  // combine nearly every i64 operation with a constant; without these a `const64` runs before
  // each. `x - c` uses add_imm with −c, `rotr` by c is rotl_imm by 64 − c, and a constant on the
  // left of a commutative op is swapped to the right. ─────────────────────────────────────────
  /** r[d] = r[a] + k mod 2^64. */ i64_add_imm,
  /** r[d] = r[a] · k mod 2^64. */ i64_mul_imm,
  /** r[d] = r[a] & k. */ i64_and_imm,
  /** r[d] = r[a] | k. */ i64_or_imm,
  /** r[d] = r[a] ^ k. */ i64_xor_imm,
  /** r[d] = r[a] << i (0 ≤ i < 64). */ i64_shl_imm,
  /** r[d] = r[a] >>s i (0 ≤ i < 64). */ i64_shr_s_imm,
  /** r[d] = r[a] >>u i (0 ≤ i < 64). */ i64_shr_u_imm,
  /** r[d] = rotl(r[a], i) (0 ≤ i < 64). */ i64_rotl_imm,

  // ── f32 numerics, spec §4.3.3. Unary: d, a. Binary: d, a, b. abs/neg/copysign on bits. ────
  /** r32[d] = r[a] = r[b]. */ f32_eq,
  /** r32[d] = r[a] ≠ r[b]. */ f32_ne,
  /** r32[d] = r[a] < r[b]. */ f32_lt,
  /** r32[d] = r[a] > r[b]. */ f32_gt,
  /** r32[d] = r[a] ≤ r[b]. */ f32_le,
  /** r32[d] = r[a] ≥ r[b]. */ f32_ge,
  /** r[d] = |r[a]| (clears the sign bit). */ f32_abs,
  /** r[d] = −r[a] (flips the sign bit). */ f32_neg,
  /** r[d] = ceil(r[a]). */ f32_ceil,
  /** r[d] = floor(r[a]). */ f32_floor,
  /** r[d] = trunc(r[a]). */ f32_trunc,
  /** r[d] = nearest(r[a]) (ties to even). */ f32_nearest,
  /** r[d] = √r[a]. */ f32_sqrt,
  /** r[d] = r[a] + r[b]. */ f32_add,
  /** r[d] = r[a] − r[b]. */ f32_sub,
  /** r[d] = r[a] · r[b]. */ f32_mul,
  /** r[d] = r[a] / r[b]. */ f32_div,
  /** r[d] = min(r[a], r[b]). */ f32_min,
  /** r[d] = max(r[a], r[b]). */ f32_max,
  /** r[d] = r[a] with the sign bit of r[b]. */ f32_copysign,

  // ── f64 numerics, spec §4.3.3. Same shapes as f32. ─────────────────────────────────────────
  /** r32[d] = r[a] = r[b]. */ f64_eq,
  /** r32[d] = r[a] ≠ r[b]. */ f64_ne,
  /** r32[d] = r[a] < r[b]. */ f64_lt,
  /** r32[d] = r[a] > r[b]. */ f64_gt,
  /** r32[d] = r[a] ≤ r[b]. */ f64_le,
  /** r32[d] = r[a] ≥ r[b]. */ f64_ge,
  /** r[d] = |r[a]| (clears the sign bit). */ f64_abs,
  /** r[d] = −r[a] (flips the sign bit). */ f64_neg,
  /** r[d] = ceil(r[a]). */ f64_ceil,
  /** r[d] = floor(r[a]). */ f64_floor,
  /** r[d] = trunc(r[a]). */ f64_trunc,
  /** r[d] = nearest(r[a]) (ties to even). */ f64_nearest,
  /** r[d] = √r[a]. */ f64_sqrt,
  /** r[d] = r[a] + r[b]. */ f64_add,
  /** r[d] = r[a] − r[b]. */ f64_sub,
  /** r[d] = r[a] · r[b]. */ f64_mul,
  /** r[d] = r[a] / r[b]. */ f64_div,
  /** r[d] = min(r[a], r[b]). */ f64_min,
  /** r[d] = max(r[a], r[b]). */ f64_max,
  /** r[d] = r[a] with the sign bit of r[b]. */ f64_copysign,

  // ── Fused arithmetic: an operation whose one operand was computed by the instruction just
  // before it, an unnamed temporary read only here. Fields d (result), a (the other operand),
  // then the absorbed instruction's operands. Why: the dispatch profiles (tools/ir-profile.js)
  // of numeric kernels are dominated by such pairs — a dot product's multiply feeding its add,
  // a hash's multiply feeding its accumulator, a rotate feeding an xor; fused, the pair costs
  // one dispatch and the intermediate never touches the register file. Each keeps both
  // roundings (no fused multiply-add: Wasm rounds after each operation). ────────────────────
  /** r[d] = r[a] + r[b] · r[c] (f64). Fields d, a, a (b), a (c). */ f64_mul_add,
  /** r[d] = r[a] − r[b] · r[c] (f64). Fields d, a, a (b), a (c). */ f64_mul_sub,
  /** r[d] = r[a] + fround(r[b] · r[c]) (f32). Fields d, a, a (b), a (c). */ f32_mul_add,
  /** r[d] = r[a] − fround(r[b] · r[c]) (f32). Fields d, a, a (b), a (c). */ f32_mul_sub,
  /** r[d] = fround(r[a] · r[b]) + fround(r[c] · r[e]) (f32): an f32.mul_add whose r[a] is
   * itself the f32.mul emitted just before the absorbed one — `x·y + z·w`, both products kept
   * in temporaries. Why: fft32's butterfly (`re·wi + im·wr`), 3.5 % of its dispatches. Fields d,
   * a, a (b), a (c), a (e). */ f32_mul_mul_add,
  /** r[d] = fround(r[a] · r[b]) − fround(r[c] · r[e]) (f32): as f32.mul_mul_add, for f32.mul_sub.
   * The first f32.mul may lie further back when the instructions since then neither branch nor
   * write r[a] or r[b] (it only moves later; no label between) — so for f32.mul_mul_add too.
   * Why: the other half of a complex product (`re·wr − im·wi`), 3.9 % of fft32's dispatches.
   * Fields d, a, a (b), a (c), a (e). */ f32_mul_mul_sub,
  /** r[d] = fround(r[a] · f32(mem32[ea])), ea as in load32_add. Fields d, a, then load32_add's
   * a (base), i (shift s), i (added c), u (static offset). Why: an f32.load through a folded
   * address feeding f32.mul (fft32's twiddle-factor table reads, 3.5 % of its dispatches). */
  f32_mul_load_add,
  /**
   * r[d] = r[a] − f64(mem64[ea]), ea as in load64_add (a plain load64 is s = c = 0). Fields d, a,
   * then the load's a (base), i (shift s), i (added c), u (static offset). Why: an f64.sub whose
   * right operand is the unnamed result of the load just before it — `x − p[k]`, a difference
   * of coordinates (nbody's `dx = xi − xj`: 3 of its inner loop's 29 dispatches).
   */
  f64_sub_load_add,
  /**
   * r[d] = r[a] · √r[b] (f64; the root rounded first, as f64.sqrt does). Fields d, a, a (b).
   * Why: an f64.mul of the unnamed result of the f64.sqrt just before it — `d² · √d²`, the cube
   * of a distance (nbody's inner loop; norms scaled by a length).
   */
  f64_sqrt_mul,
  /** r[d] = r[a] + r[b] · k mod 2^64. Fields d, a, a (b), k. */ i64_mul_imm_add,
  /**
   * r[d] = r[a] + mem64[ea] · k mod 2^64, ea as in load64_add (a plain load64 is s = c = 0).
   * Fields d, a, then the load's a (base), i (shift s), i (added c), u (static offset), then k.
   * Why: an i64.mul_imm_add whose multiplicand is the unnamed result of the 64-bit load just
   * before it — accumulating loaded words times a constant, the core of multiplicative hashes
   * (xxHash's round `acc + lane · P2`, 4 of xxhash64's 13 loop dispatches; RATIONALE, "Why
   * BigInt64Array for some i64 instructions?").
   */
  i64_load_mul_imm_add,
  /** r[d] = r[a] ^ rotl(r[b], i) (0 ≤ i < 64). Fields d, a, a (b), i. */ i64_rotl_imm_xor,
  /** r[d] = r[a] ^ (r[b] >>u i) (0 ≤ i < 64). Fields d, a, a (b), i. */ i64_shr_u_imm_xor,
  /** r[d] = r[a] + r[b] · r[c] mod 2^32. Fields d, a, a (b), a (c). */ i32_mul_add,
  // Compute and store: a float result written straight to memory (spec §4.4.7 store, after the
  // operation). Fields a (address), u (static offset), then the operation's operands; ea as in
  // store32/store64. Why: numeric kernels end most statements with `p[i] = x + y` (an
  // accumulation, a butterfly); the result is an unnamed temporary only the store reads.
  /** mem32[ea] = f32 bits of r[a] + r[b]. */ f32_add_store,
  /**
   * Two f32.add_store in a row (fields a, u, a, a twice; the first store happens first). Why: an
   * FFT butterfly writes its two sums one after the other (fft32: 1 of its 16 loop dispatches).
   */
  f32_add_store2,
  /** mem32[ea] = f32 bits of r[a] − r[b]. */ f32_sub_store,
  /** mem64[ea] = f64 bits of r[a] + r[b]. */ f64_add_store,
  /** mem64[ea] = f64 bits of r[a] + r[b] · r[c]. */ f64_mul_add_store,
  /** mem64[ea] = f64 bits of r[a] − r[b] · r[c]. */ f64_mul_sub_store,
  // Compound assignment (`*p += x · y`): as f64.mul_add_store / f64.mul_sub_store whose r[a] was
  // loaded from the same address (same register, same offset). Fields a (address), u (static
  // offset), a (b), a (c). Why: C's `p[j] += a · q[j]` loads p[j] into a temporary only the
  // store's operation reads (matmul's inner loop, nbody's velocity updates); the translator
  // drops that load64 when the instructions since it only load or compute (no store, call or
  // branch; none writes the address register), so memory and any trap are as before.
  // f64.add_to is the same for `*p += x` (the reload may be either addend).
  /** mem64[ea] = f64 bits of mem64[ea] + r[b] · r[c]. */ f64_mul_add_to,
  /** mem64[ea] = f64 bits of mem64[ea] − r[b] · r[c]. */ f64_mul_sub_to,
  /** mem64[ea] = f64 bits of mem64[ea] + r[b] (`*p += x`; fields a, u, a (b)). */ f64_add_to,
  /**
   * mem64[ea] = f64 bits of mem64[ea] + r[b] · mem64[ea′], ea as in f64.mul_add_to, ea′ as in
   * load64_add. Fields a (address), u (static offset), a (b), then the load's a (base), i (shift
   * s), i (added c), u (static offset). Why: `y[i] += a · x[i]` (BLAS axpy; matmul's inner loop
   * is two of them) — an f64.mul_add_to whose other factor is the unnamed result of the
   * load64/load64_add right before it takes the load in (RATIONALE, "Why a second round of
   * superinstructions", axpy).
   */
  f64_mul_load_add_to,
  /**
   * mem64[ea] = f64 bits of mem64[ea] + (r[x] · r[y]) · r[z] (f64; the products rounded in
   * that order, as the two f64.mul did). Fields a (address), u (static offset), a (x), a (y),
   * a (z). Why: `*p += a · b · c` — an f64.mul_add_to (or an f64.add_to of an f64.mul's result)
   * one of whose factors is the unnamed result of an f64.mul emitted before it, after the last
   * label, with nothing since branching or writing that f64.mul's operands (it only moves
   * later, and cannot trap). nbody's position and velocity updates (`v −= d · m · mag`), 8 of
   * its inner loop's 29 dispatches.
   */
  f64_mul2_add_to,
  /** mem64[ea] = f64 bits of mem64[ea] − (r[x] · r[y]) · r[z]; as f64.mul2_add_to, for f64.mul_sub_to. */
  f64_mul2_sub_to,
  /** r[d] = r[a] + r[b] + r[c] mod 2^64. Fields d, a, a (b), a (c). */ i64_add3,
  // Bitwise pairs: an i64.and or i64.xor one of whose operands is the unnamed result of the
  // xor / and / xor-with-a-constant emitted just before it. Why: hashes build their mixing
  // functions from these — SHA-2's majority `(a & (b ^ c)) ^ (b & c)` and choice
  // `(e & f) ^ (~e & g)` (`~e` is a xor with −1), SHA-1 and MD5 likewise; in sha512 they were
  // three of its round's 27 dispatches (RATIONALE, "Why BigInt64Array for some i64
  // instructions?").
  /** r[d] = r[a] & (r[b] ^ r[c]). Fields d, a, a (b), a (c). */ i64_xor_and,
  /** r[d] = r[a] ^ (r[b] & r[c]). Fields d, a, a (b), a (c). */ i64_and_xor,
  /** r[d] = r[a] & (r[b] ^ k) (k = −1: r[a] & ~r[b]). Fields d, a, a (b), k. */ i64_xor_imm_and,
  // Rotate, keep and multiply: t = rotl(r[a], i) written to r[t], then r[d] = t · k mod 2^64
  // (r[t] first, so d = t ends with the product). Fields d, t (the rotate's destination), a,
  // i, k. Why: xxhash64's round is `acc = rotl(acc + lane · P2, 31) · P1` with the rotate
  // kept in a local (local.tee) — 23% of its dispatches were this rotate, each followed by the
  // multiply (RATIONALE, second round). The rotate's destination is written exactly as before,
  // so it may be a local (the tee's) or a temporary.
  /** r[t] = rotl(r[a], i) (0 ≤ i < 64); r[d] = r[t] · k mod 2^64. */ i64_rotl_imm_mul_imm,
  // Xor of rotates: SHA-2's Σ0/Σ1 (`rotr ^ rotr ^ rotr`) and σ0/σ1 (`rotr ^ rotr ^ shr`) of
  // one value, as an i64.rotl_imm followed by i64.rotl_imm_xor / i64.shr_u_imm_xor reading its
  // result. Fields d, then per term the operand's register and its count (0 ≤ count < 64): a, i
  // (first rotate), a, i (second rotate), and for the three-term forms a, i (third term). The
  // terms may name different registers (a copied local). Why: in sha512 every rotl_imm fed a
  // rotl_imm_xor (7.6% of dispatches) and those chains were 3 instructions for 1 value
  // (RATIONALE, second round). Each rotate's result is an unnamed temporary only the next reads.
  /** r[d] = rotl(r[a], i) ^ rotl(r[b], j). */ i64_rotl2_xor,
  /** r[d] = rotl(r[a], i) ^ rotl(r[b], j) ^ rotl(r[c], k). */ i64_rotl3_xor,
  /** r[d] = rotl(r[a], i) ^ rotl(r[b], j) ^ (r[c] >>u k). */ i64_rotl2_shr_xor,

  // ── Conversions, spec §4.3.4: d (result), a (operand). Reinterpretations need no instruction
  // (registers hold raw bits), nor does i32.wrap_i64. ─────────────────────────────────────────
  /** r[d] = trunc_s(r[a]) (traps). */ i32_trunc_f32_s,
  /** r[d] = trunc_u(r[a]) (traps). */ i32_trunc_f32_u,
  /** r[d] = trunc_s(r[a]) (traps). */ i32_trunc_f64_s,
  /** r[d] = trunc_u(r[a]) (traps). */ i32_trunc_f64_u,
  /** r[d] = trunc_s(r[a]) (traps). */ i64_trunc_f32_s,
  /** r[d] = trunc_u(r[a]) (traps). */ i64_trunc_f32_u,
  /** r[d] = trunc_s(r[a]) (traps). */ i64_trunc_f64_s,
  /** r[d] = trunc_u(r[a]) (traps). */ i64_trunc_f64_u,
  /** r[d] = trunc_sat_s(r[a]). */ i32_trunc_sat_f32_s,
  /** r[d] = trunc_sat_u(r[a]). */ i32_trunc_sat_f32_u,
  /** r[d] = trunc_sat_s(r[a]). */ i32_trunc_sat_f64_s,
  /** r[d] = trunc_sat_u(r[a]). */ i32_trunc_sat_f64_u,
  /** r[d] = trunc_sat_s(r[a]). */ i64_trunc_sat_f32_s,
  /** r[d] = trunc_sat_u(r[a]). */ i64_trunc_sat_f32_u,
  /** r[d] = trunc_sat_s(r[a]). */ i64_trunc_sat_f64_s,
  /** r[d] = trunc_sat_u(r[a]). */ i64_trunc_sat_f64_u,
  /** r[d] = convert_s(r[a]). */ f32_convert_i32_s,
  /** r[d] = convert_u(r[a]). */ f32_convert_i32_u,
  /** r[d] = convert_s(r[a]) (rounded once). */ f32_convert_i64_s,
  /** r[d] = convert_u(r[a]) (rounded once). */ f32_convert_i64_u,
  /** r[d] = demote(r[a]). */ f32_demote_f64,
  /** r[d] = convert_s(r[a]). */ f64_convert_i32_s,
  /** r[d] = convert_u(r[a]). */ f64_convert_i32_u,
  /** r[d] = convert_s(r[a]). */ f64_convert_i64_s,
  /** r[d] = convert_u(r[a]). */ f64_convert_i64_u,
  /** r[d] = promote(r[a]). */ f64_promote_f32,

  // ── i64 sums absorbing their operand (third round, sha512): an i64.add one of whose operands
  // is the unnamed result of the instruction emitted just before it, as in "Fused arithmetic".
  // Fields d, a (the other addend), then the absorbed instruction's operands. Why: SHA-2 sums
  // everything it mixes — `w[i−16] + σ0 + w[i−7] + σ1` and `h + Σ1 + ch + K[i] + w[i]` — and
  // after the second round each term still cost a dispatch of its own plus one for its add:
  // i64.add was 18.5 % of sha512's dispatches, most right after the term it adds (RATIONALE,
  // "Why sums that absorb their terms?"). ─────────────────────────────────────────────────────
  /** r[d] = r[a] + (rotl(r[b], i) ^ rotl(r[c], j) ^ (r[e] >>u k)) mod 2^64 (σ0/σ1 added).
   * Fields d, a, a, i, a, i, a, i. */ i64_rotl2_shr_xor_add,
  /** r[d] = r[a] + mem64[ea] mod 2^64, ea as in load64_add. Fields d, a, then the load's a
   * (base), i (shift s), i (added c), u (static offset). */ i64_add_mem,
  /** r[d] = r[a] + (r[b] + mem64[ea]) mod 2^64: an i64.add absorbing an i64.add_mem. Fields d,
   * a, a (b), then the load's a, i, i, u. */ i64_add3_mem,
  /** r[d] = r[a] + (r[b] ^ (r[c] & r[e])) mod 2^64 (SHA-2's majority, added). Fields d, a, a,
   * a, a. */ i64_and_xor_add,
  /** r[d] = r[a] + (r[b] & (r[c] ^ k)) mod 2^64 (and-not when k = −1: SHA-2's choice, added).
   * Fields d, a, a, a, k. */ i64_xor_imm_and_add,
  // Shift and mask, and or them in: `((x << i) & k)` and `((x >>u i) & k)` (0 ≤ i < 64), alone
  // (an i64.and with a constant absorbing the shift just before it) or or-ed into r[a] (an
  // i64.or absorbing that, or a bare shift with k = −1). Why: byte and bit-field assembly —
  // a big-endian 64-bit load is eight shifted, masked bytes or-ed together (LLVM's lowering
  // of a byte swap, which Wasm lacks); it was 23 dispatches per word in sha512, 13 % of them.
  /** r[d] = (r[a] << i) & k. Fields d, a, i, k. */ i64_shl_and_imm,
  /** r[d] = (r[a] >>u i) & k. Fields d, a, i, k. */ i64_shr_u_and_imm,
  /** r[d] = r[a] | ((r[b] << i) & k). Fields d, a, a (b), i, k. */ i64_shl_and_imm_or,
  /** r[d] = r[a] | ((r[b] >>u i) & k). Fields d, a, a (b), i, k. */ i64_shr_u_and_imm_or,
  /**
   * r[d] = r[a] with its eight bytes in reverse order. Fields d, a. Why: Wasm has no byte swap,
   * so LLVM expands one (a big-endian 64-bit load: network formats, SHA-2's message words) into
   * 15 shifts, masks and ors; the translator recognizes any such tree of byte moves that
   * reverses one register's bytes (translate.ts bswapTree). sha512: 14 → 3 dispatches per word.
   */
  i64_bswap,
  // Pairs: an instruction that also runs the one right after it, which stays in the code as it
  // was (its opcode word is skipped), so the listing and every pass that walks the code see
  // two instructions. A last pass over a translated function (translate.ts pairInstructions)
  // sets them where no branch targets the second (RATIONALE, "Why pairs?"). Why: the second
  // dispatch is saved with no new operand shapes; SHA-2's round ends in two independent sums
  // (`e = d + t1`, `a = t1 + t2`) and in five moves of its rotating working variables.
  /** i64.add, then the i64.add after it. Fields d, a, a (b), as i64.add. */ i64_add2,
  /** copy64x3, then the copy64x2 after it. Fields d, a three times, as copy64x3. */ copy64x5,
  /** copy64x5, then the br after its copy64x2: a loop's back edge moving its variables. Fields
   * as copy64x3. */ copy64x5_br,
  /** i64.and, then the i64.add3 after it. Fields as i64.and. */ i64_and_then_add3,
  /** i64.xor_and, then the i64.and_xor_add after it (SHA-2's majority). Fields as i64.xor_and. */
  i64_xor_and_then_and_xor_add,
  /** load64_idx, then the i32.add_imm after it (a load, then a step of its index). Fields as
   * load64_idx. */ load64_idx_then_add_imm,
  /** i32.add, then the load64_add after it (an address computed into a local, then loaded
   * from). Fields as i32.add. */ i32_add_then_load64_add,
  /** load64_add, then the i64.rotl2_shr_xor_add after it (a loaded word's σ). Fields as
   * load64_add. */ load64_add_then_rotl2_shr_xor_add,
  /** copy64x3, then the i64.rotl3_xor after it (a loop head's moves, then the Σ of one of the
   * moved values). Fields as copy64x3. */ copy64x3_then_rotl3_xor,
  /** i64.load_mul_imm_add, then the i64.rotl_imm_mul_imm after it (xxHash's round: 8 of its
   * loop's 9 dispatches). Fields as i64.load_mul_imm_add. */ i64_load_mul_imm_add_then_rotl_imm_mul_imm,
  // More pairs, each sharing the second instruction's case (which checks for the pair first):
  // the most frequent consecutive instructions of the other benchmark programs.
  /** i32.add, then the br_le_u after it (a loop stepping by a register: sieve 19 %). Fields as
   * i32.add. */ i32_add_then_br_le_u,
  /** f64.mul, then the f64.add after it (mandelbrot 17 %). Fields as f64.mul. */ f64_mul_then_add,
  /** i32.add_imm, then the call after it (an argument: fib 14 %). Fields as i32.add_imm. */
  i32_add_imm_then_call,
  /** i32.add, then the step_br_gt_u_imm after it (fib 14 %). Fields as i32.add. */ i32_add_then_step_br_gt_u_imm,

  // ── v128 (spec §4.4.3 vector instructions, §4.4.7 vector memory instructions) ──────────────
  // A v128 register is four words, lane 0 lowest (see exec/simd.ts). The moves are cases of the
  // interpreter's loop; every lane operation is one `simd_*` instruction per operand shape, whose
  // `x` field names the SIMD instruction and is dispatched by a function of exec/simd.ts, so 250
  // instructions add nine cases to the loop. Why: see RATIONALE "Why v128 lanes through views of
  // the register file?". The hottest ones also have inline forms (the next section).
  /** r128[d] = r128[a]. Why: as copy32, for v128. d: to; a: from. */
  copy128,
  /** r128[d] = v. Why: Wasm `v128.const`. d: to; v: the 16 bytes as four words, lane 0 first. */
  const128,
  /** r128[d] = r32[c] ≠ 0 ? r128[a] : r128[b]. Why: `select` on v128. Fields as select32. */
  select128,
  /** r128[d] = globals[g]. Why: `global.get` of a v128 global. d: to; g: global index. */
  global_get128,
  /** globals[g] = r128[a]. Why: `global.set` of a v128 global. g: global index; a: value. */
  global_set128,
  /** r128[d] = mem128[ea]. Why: Wasm `v128.load`. d: result; a: address; u: offset. */
  load128,
  /** mem128[ea] = r128[b]. Why: Wasm `v128.store`. a: address; a: value; u: offset. */
  store128,
  /** r[d] = x(r[a]). Why: one-operand SIMD instructions (splat takes a scalar). d; x: SIMD op; a. */
  simd_unary,
  /** r[d] = x(r[a], r[b]). Why: two-operand SIMD instructions (shifts: r32[b]). d; x; a; a. */
  simd_binary,
  /** r[d] = x(r[a], r[b], r[c]). Why: bitselect and the relaxed madd/laneselect/dot. d; x; a; a; a. */
  simd_ternary,
  /** r[d] = lane i of r128[a]. Why: `*.extract_lane*`. d: result; x: SIMD op; a: vector; i: lane. */
  simd_extract,
  /** r128[d] = r128[a] with lane i = r[b]. Why: `*.replace_lane`. d; x; a: vector; a: scalar; i: lane. */
  simd_replace,
  /** r128[d] = x(mem[ea]). Why: extending, splat and zero loads. d; x; a: address; u: offset. */
  simd_load,
  /** r128[d] = r128[b] with lane i = mem[ea]. Why: `v128.load*_lane`. d; x; a: address; a: vector; u; i. */
  simd_load_lane,
  /** mem[ea] = lane i of r128[b]. Why: `v128.store*_lane`. x; a: address; a: vector; u: offset; i: lane. */
  simd_store_lane,
  /**
   * byte i of r128[d] = bits s_i & 31 … + 7 of r32[s_i >> 5], for i = 0 … 15. Why: Wasm
   * `i8x16.shuffle`; the translator turns each lane index into the register word and bit offset
   * of the byte it selects in r128[a] ++ r128[b], so the interpreter gathers the bytes inline.
   * d; then 16 × i: the selectors s_i.
   */
  i8x16_shuffle,

  // ── Hot SIMD instructions inline in the interpreter's loop ─────────────────────────────────
  // Why: a `simd_*` instruction costs a call into exec/simd.ts and a switch on its `x` field, a
  // few times the work of the lanes themselves. The instructions that compiled loops run most
  // (loads and stores, lane-wise integer and f32 arithmetic, bitwise ops, shifts by a constant,
  // splats, i32 extract, the int/float conversions) get cases of their own; the translator picks
  // them instead of the generic form, same semantics. See RATIONALE "Why inline the hot SIMD
  // instructions?". Lane-wise ones read lane i of each source before writing lane i of d.
  // Loads through a computed address, as load32_add / load32_tee (fields and ea formula there):
  /** r128[d] = mem128[ea], ea = u32((r32[a] << s) + c) + u. Fields d, a, i (s), i (c), u. */
  load128_add,
  /** r32[x] = r32[a] + c, then r128[d] = mem128[u32(r32[x]) + u]. Fields d, d (the local x), a, i (c), u. */
  load128_tee,
  // Stores through a computed address, as store32_add / store32_idx (fields and ea formula
  // there). Why: a vector loop's `v128.store(p + k, v)` computes p + k before v, so the add is not
  // right before the store; the translator folds it as for the scalar stores (foldStoreAddress).
  /** mem128[ea] = r128[b], ea = u32((r32[a] << s) + c) + u. Fields a (base), i (s), i (c), a (value), u. */
  store128_add,
  /** mem128[ea] = r128[v], ea = u32(r32[a] + r32[b]) + u. Fields a (base), a (index), a (value), u. */
  store128_idx,
  /**
   * i8x16.shuffle by word terms: word j of r128[d] = T(t_2j) | T(t_2j+1), each term packed as
   * t = w << 10 | s << 9 | p << 5 | r: source register word w (a word offset, as the selectors of
   * i8x16_shuffle), rotation r (0, 8, 16 or 24), a 4-bit byte mask p and a flag s. With
   * x = rotr(r32[w], r): T = x & (the bytes set in p) when s = 0 (bytes a rotation puts in
   * place), and byte 0 of x copied to every byte set in p when s = 1 (one byte into several
   * lanes). Why: compiled code shuffles mostly runs of bytes (a word or half-word moved,
   * interleaving with a zero vector, a byte splatted into don't-care lanes); an instruction's cost
   * here goes mostly with the code and register words it reads, 8 + 8 against i8x16_shuffle's
   * 16 + 16. The translator picks it when every word needs at most two terms (they may overlap:
   * each is right wherever its mask is set). All sources are read before d is written. d; 8 × h.
   */
  i8x16_shuffle_w,
  // Fused vector arithmetic, lane-wise as f32.mul_add / f32.mul_load_add / i32.mul_add (fields and
  // why there): a product feeding an add, a loaded vector feeding a multiply, one dispatch and no
  // temporary vector written and read back. Lane i of every source is read before lane i of d is
  // written.
  /** 4 lanes: r[d]_i = r[a]_i + fround(r[b]_i · r[c]_i) (f32). Fields d, a, a (b), a (c). */ f32x4_mul_add,
  /**
   * 4 lanes: r[d]_i = r[a]_i · f32 lane i of mem128[ea], ea = u32((r32[b] << s) + c) + u as in
   * v128.load_add. Fields d, a, a (b), i (s), i (c), u.
   */
  f32x4_mul_load_add,
  /** 4 lanes: r[d]_i = r[a]_i + r[b]_i · r[c]_i mod 2^32. Fields d, a, a (b), a (c). */ i32x4_mul_add,
  /**
   * 4 lanes: r[d]_i = r[a]_i · f32(r[b]_i) (f32; r[b] i32 lanes converted as
   * f32x4.convert_i32x4_s, then multiplied). Fields d, a, a (b). Why: integers scaled to floats.
   */
  f32x4_mul_convert_s,
  /** 4 lanes: r[d]_i = r[a]_i ^ (r[b]_i << i) (32-bit lanes; i already mod 32). Fields d, a, a (b), i. */
  i32x4_shl_xor,
  /** 4 lanes: r[d]_i = r[a]_i ^ (r[b]_i >>u i). Fields d, a, a (b), i. Why (both): xorshift steps. */
  i32x4_shr_u_xor,
  /** 4 lanes: r[d]_i = r[a]_i − f32 lane i of mem128[ea], ea as f32x4.mul_load_add. Fields as there. */
  f32x4_sub_load_add,
  /** 4 lanes: r[d]_i = fmin(r[a]_i, fmax(r[b]_i, r[c]_i)) (f32). Fields d, a, a (b), a (c). Why: a clamp. */
  f32x4_max_min,
  // Lane stores through a computed address, as v128.store32_lane / store64_lane with the address
  // of store32_add: fields a (base), i (s), i (c), a (vector), u (offset), i (lane); ea =
  // u32((r32[a] << s) + c) + u. Why: as store128_add (a narrowing loop stores the low lanes of a
  // vector to p + k).
  /** mem32[ea] = 32-bit lane i of r128[b]. */ v128_store32_lane_add,
  /** mem64[ea] = 64-bit lane i of r128[b]. */ v128_store64_lane_add,
  // Extending loads through a computed address, fields d, a (base), i (s), i (c), u; ea =
  // u32((r32[a] << s) + c) + u as in v128.load_add; lanes as v128.load8x8_s etc. Why: as
  // v128.load_add (p[k] with k a constant the offset cannot carry: the add may wrap).
  /** 8 lanes: r[d]_i = sext16(mem8[ea + i]). */ v128_load8x8_s_add,
  /** 8 lanes: r[d]_i = zext16(mem8[ea + i]). */ v128_load8x8_u_add,
  /** 4 lanes: r[d]_i = sext32(mem16[ea + 2i]). */ v128_load16x4_s_add,
  /** 4 lanes: r[d]_i = zext32(mem16[ea + 2i]). */ v128_load16x4_u_add,
  /**
   * r32[d] = (lane i of r128[a] << s) + c mod 2^32. Why: i32x4.extract_lane followed by the
   * i32.shl_add_imm of an address (a gather: each lane of an index vector scaled and offset),
   * one instruction and no temporary. Fields d, a, i (lane), i (s), i (c).
   */
  i32x4_lane_shl_add_imm,
  // Store and step-and-branch: a v128.store (or v128.store_add; fields and ea as there) right
  // before the step_br_if closing a loop (fields d, a, i, a, L as there), one instruction: the
  // store, then the step, then the branch. Why: a vectorized loop that writes its output ends
  // with exactly these two.
  /** v128.store, then step_br_if. Fields a, a, u, d, a, i, a, L. */ store128_step_br_if,
  /** v128.store_add, then step_br_if. Fields a, i, i, a, u, d, a, i, a, L. */ store128_add_step_br_if,
  // Binary, fields d (result), a (left), a (right); v128 registers.
  /** r[d] = r[a] & r[b]. */ v128_and,
  /** r[d] = r[a] & ~r[b]. */ v128_andnot,
  /** r[d] = r[a] | r[b]. */ v128_or,
  /** r[d] = r[a] ^ r[b]. */ v128_xor,
  /** 16 lanes: r[d]_i = r[a]_i + r[b]_i mod 2^8 (four lanes a word, carries stopped per lane). */ i8x16_add,
  /** 16 lanes: r[d]_i = r[a]_i − r[b]_i mod 2^8. */ i8x16_sub,
  /** 8 lanes: r[d]_i = r[a]_i + r[b]_i mod 2^16. */ i16x8_add,
  /** 8 lanes: r[d]_i = r[a]_i − r[b]_i mod 2^16. */ i16x8_sub,
  /** 8 lanes: r[d]_i = r[a]_i · r[b]_i mod 2^16. */ i16x8_mul,
  /** 4 lanes: r[d]_i = r[a]_i + r[b]_i mod 2^32. */ i32x4_add,
  /** 4 lanes: r[d]_i = r[a]_i − r[b]_i mod 2^32. */ i32x4_sub,
  /** 4 lanes: r[d]_i = r[a]_i · r[b]_i mod 2^32. */ i32x4_mul,
  /** 4 lanes: r[d]_i = min_s(r[a]_i, r[b]_i). */ i32x4_min_s,
  /** 4 lanes: r[d]_i = min_u(r[a]_i, r[b]_i). */ i32x4_min_u,
  /** 4 lanes: r[d]_i = max_s(r[a]_i, r[b]_i). */ i32x4_max_s,
  /** 4 lanes: r[d]_i = max_u(r[a]_i, r[b]_i). */ i32x4_max_u,
  /** 4 lanes: r[d]_i = r[a]_i + r[b]_i (f32, one rounding). */ f32x4_add,
  /** 4 lanes: r[d]_i = r[a]_i − r[b]_i (f32). */ f32x4_sub,
  /** 4 lanes: r[d]_i = r[a]_i · r[b]_i (f32). */ f32x4_mul,
  /** 4 lanes: r[d]_i = r[a]_i / r[b]_i (f32). */ f32x4_div,
  /** 4 lanes: r[d]_i = fmin(r[a]_i, r[b]_i) (f32; NaN if either is, −0 < +0). */ f32x4_min,
  /** 4 lanes: r[d]_i = fmax(r[a]_i, r[b]_i) (f32). */ f32x4_max,
  /** 2 lanes: r[d]_i = r[a]_i + r[b]_i (f64). */ f64x2_add,
  /** 2 lanes: r[d]_i = r[a]_i − r[b]_i (f64). */ f64x2_sub,
  /** 2 lanes: r[d]_i = r[a]_i · r[b]_i (f64). */ f64x2_mul,
  // Shifts by a constant, fields d (result), a (vector), i (count, already reduced mod the lane
  // width). Why: the count is nearly always an `i32.const`, which then needs no register.
  /** 8 lanes: r[d]_i = r[a]_i << i. */ i16x8_shl_imm,
  /** 8 lanes: r[d]_i = r[a]_i >>s i. */ i16x8_shr_s_imm,
  /** 8 lanes: r[d]_i = r[a]_i >>u i. */ i16x8_shr_u_imm,
  /** 4 lanes: r[d]_i = r[a]_i << i. */ i32x4_shl_imm,
  /** 4 lanes: r[d]_i = r[a]_i >>s i. */ i32x4_shr_s_imm,
  /** 4 lanes: r[d]_i = r[a]_i >>u i. */ i32x4_shr_u_imm,
  // Unary, fields d (result), a (operand).
  /** r128[d] = four copies of r32[a]. Why: `i32x4.splat` and `f32x4.splat` (bits). */ i32x4_splat,
  /** 4 lanes: r[d]_i = |r[a]_i| mod 2^32. */ i32x4_abs,
  /** 4 lanes: r[d]_i = f32(r[a]_i) (signed, rounded to nearest). */ f32x4_convert_i32x4_s,
  /** 4 lanes: r[d]_i = trunc_sat_s(r[a]_i) (f32 to i32). */ i32x4_trunc_sat_f32x4_s,
  /** r32[d] = lane i of r128[a]. Why: `i32x4.extract_lane` and `f32x4.extract_lane` (bits). d; a; i: lane. */
  i32x4_extract_lane,
  // Narrowing and saturating, fields d (result), a (left), a (right).
  /** r[d] = sat_u16 of the 4 i32 lanes of r[a], then of r[b]. */ i16x8_narrow_i32x4_u,
  /** r[d] = sat_u8 of the 8 i16 lanes of r[a], then of r[b]. */ i8x16_narrow_i16x8_u,
  /** 8 lanes: r[d]_i = sat_s16(r[a]_i + r[b]_i). */ i16x8_add_sat_s,
  // Extending loads, fields d (result), a (address), u (offset); ea = u32(r32[a]) + u, 8 bytes.
  /** 8 lanes: r[d]_i = sext16(mem8[ea + i]). */ v128_load8x8_s,
  /** 8 lanes: r[d]_i = zext16(mem8[ea + i]). */ v128_load8x8_u,
  /** 4 lanes: r[d]_i = sext32(mem16[ea + 2i]). */ v128_load16x4_s,
  /** 4 lanes: r[d]_i = zext32(mem16[ea + 2i]). */ v128_load16x4_u,
  // Lane stores, fields a (address), a (vector), u (offset), i (lane); ea = u32(r32[a]) + u.
  /** mem32[ea] = 32-bit lane i of r128[b]. */ v128_store32_lane,
  /** mem64[ea] = 64-bit lane i of r128[b]. */ v128_store64_lane,
  // i64x2 on word pairs (low word first), as the scalar i64 instructions.
  /** 2 lanes: r[d]_i = r[a]_i + r[b]_i mod 2^64. Fields d, a, a. */ i64x2_add,
  /** 2 lanes: r[d]_i = r[a]_i << i (0 ≤ i < 64). Fields d, a, i. */ i64x2_shl_imm,
  /** 2 lanes: r[d]_i = r[a]_i >>u i (0 ≤ i < 64). Fields d, a, i. */ i64x2_shr_u_imm,
  /** 2 lanes: r[d]_i = r[a]_i · r[b]_i mod 2^64. Fields d, a, a. */ i64x2_mul,
  // 32-bit loads into a vector, fields d (result), a (address), u (offset); ea = u32(r32[a]) + u.
  /** r128[d] = four copies of mem32[ea]. */ v128_load32_splat,
  /** r128[d] = (mem32[ea], 0, 0, 0). */ v128_load32_zero,
  /** r128[d] = r128[b] with 32-bit lane i = mem32[ea]. Fields d, a (address), a (vector), u, i (lane). */
  v128_load32_lane,
  /**
   * i8x16.shuffle by one term a word: word j of r128[d] = T(t_j), terms as i8x16_shuffle_w's; a
   * byte no term covers is 0. Why: zero-extension (bytes or half-words of one word spread over the
   * lanes, the rest from a v128 local that only ever holds zero) needs one term a word: 4 code and
   * register words read instead of 8. All sources are read before d is written. d; 4 × h.
   */
  i8x16_shuffle_w4,
  // A lane store of a shuffle just made, one instruction: only the stored lane's bytes are
  // gathered, by their selectors (b), and the shuffled vector is not written. Fields a (base),
  // i (s), i (c), u, then the lane's selectors; ea = u32((r32[a] << s) + c) + u as in
  // v128.store32_lane_add. Why: a narrowing store of compiled code (LLVM gathers the low bytes or
  // half-words of the lanes into lane 0 with a shuffle and stores that lane).
  /** mem32[ea] = the 4 bytes the selectors pick. Fields a, i, i, u, 4 × b. */ v128_store32_shuffle,
  /** mem64[ea] = the 8 bytes the selectors pick. Fields a, i, i, u, 8 × b. */ v128_store64_shuffle,
  /**
   * 4 lanes: r[d]_i = r[a]_i + fround(r[b]_i · f32 lane i of mem128[ea]), ea as in
   * f32x4.mul_load_add (an f32x4.add of an f32x4.mul_load_add, the product rounded to f32 first).
   * Why: `y + a·x[i]` (axpy) and `x[i]·c + t`, one dispatch and no temporary vector written and
   * read back — each f32 lane moved through memory costs two conversions. Fields d, a, a (b),
   * a (base), i (s), i (c), u.
   */
  f32x4_mul_load_add_add,
  /**
   * 4 lanes: r[d]_i = |r[a]_i − r[b]_i| mod 2^32 (an i32x4.abs of an i32x4.sub). Why: sums of
   * absolute differences. Fields d, a, a.
   */
  i32x4_abs_sub,
  /**
   * i8x16_shuffle_w4 of the word x = mem32[ea] (a splat of a loaded word, shuffled): word j of
   * r128[d] = T(t_j) with x for the term's source word, ea = u32((r32[a] << s) + c) + u as in
   * load32_add. Why: compiled code zero-extends four loaded bytes (or two half-words) so — one
   * dispatch instead of two and no scalar temporary. Fields d, a (base), i (s), i (c), u, 4 × h.
   */
  v128_load32_shuffle,
  // 32-bit loads into a vector whose address is a lane of an index vector scaled and offset, as
  // i32x4.lane_shl_add_imm computes it: ea = u32((lane l of r128[v] << s) + c) + u; the rest as
  // v128.load32_splat / _zero / _lane. Why: a gather (compiled code loads p[idx[i]] lane by lane
  // into a vector), one dispatch and no scalar temporary a lane. Fields d, a (v), i (l), i (s), i (c), …
  /** r128[d] = four copies of mem32[ea]. Fields …, u. */ v128_load32_splat_lx,
  /** r128[d] = (mem32[ea], 0, 0, 0). Fields …, u. */ v128_load32_zero_lx,
  /** r128[d] = r128[b] with 32-bit lane i = mem32[ea]. Fields …, a (b), u, i (lane). */ v128_load32_lane_lx,
  // More fused vector arithmetic (fusedArith, as f32x4.mul_load_add).
  /** 4 lanes: r[d]_i = r[a]_i + r[b]_i + r[c]_i mod 2^32 (an i32x4.add of an i32x4.add). Fields d, a, a, a. Why: accumulating sums. */
  i32x4_add3,
  /**
   * 4 lanes: r[d]_i = r[a]_i · sext32(mem16[ea + 2i]) mod 2^32, ea as in v128.load16x4_s_add (an
   * i32x4.mul of an extending load). Why: i16 dot products. Fields d, a, a (base), i (s), i (c), u.
   */
  i32x4_mul_load16x4_s_add,
  /**
   * 4 lanes: r[d]_i = trunc_sat_s(fround(r[a]_i · f32 lane i of mem128[ea])), ea as in
   * f32x4.mul_load_add (an i32x4.trunc_sat_f32x4_s of an f32x4.mul_load_add). Why: floats scaled
   * to integers. Fields d, a, a (base), i (s), i (c), u.
   */
  i32x4_trunc_sat_mul_load_add,
  /**
   * r32[x] = r32[a] + c, then 4 lanes: r[d]_i = r[o]_i · f32 lane i of mem128[u32(r32[x]) + u]
   * (an f32x4.mul of a v128.load_tee). Why: `y[i]·k` where the loop keeps &y[i] for the store
   * back. Fields d, a (o), d (the local x), a, i (c), u.
   */
  f32x4_mul_load_tee,
  /**
   * 4 lanes: r[d]_i = r[a]_i · f32(i32 lane i of mem128[ea]), ea as in v128.load_add (an
   * f32x4.mul of an f32x4.convert_i32x4_s of a v128.load_add or v128.load). Why: integers loaded,
   * converted and scaled, one dispatch instead of two. Fields d, a, a (base), i (s), i (c), u.
   */
  f32x4_mul_convert_load_add,
  // Unsigned byte min/max on whole words (SWAR), fields d (result), a (left), a (right). Why:
  // pixel code (saturating subtraction as max_u then sub) ran them through simd_binary, a call
  // and a byte loop: ~50 ns a dispatch against ~4 inline.
  /** 16 lanes: r[d]_i = min_u(r[a]_i, r[b]_i). */ i8x16_min_u,
  /** 16 lanes: r[d]_i = max_u(r[a]_i, r[b]_i). */ i8x16_max_u,
  // A vector computed and stored by one instruction: the operation of the instruction named
  // before `_store`, its fields but d, then the store's address as v128.store_add: a (base), i (s),
  // i (c), u; ea2 = u32((r32[base] << s) + c) + u. Its four lanes are computed before any is
  // stored (the store may overlap what the operation loads), and no register is written. Why: a
  // vectorized loop computes each output vector into a temporary that only its v128.store reads
  // (as the scalar f64.mul_add_store): one dispatch, and f32 lanes go to memory without the round
  // trip through the register file.
  /** mem128[ea2] = f32x4.mul_load_add_add's lanes. Fields a, a (b), a (base), i (s), i (c), u, then the store's a, i, i, u. */
  f32x4_mul_load_add_add_store,
  /** mem128[ea2] = i32x4.trunc_sat_mul_load_add's lanes. Fields a, a (base), i (s), i (c), u, then the store's a, i, i, u. */
  i32x4_trunc_sat_mul_load_add_store,
  /** mem128[ea2] = f32x4.max_min's lanes. Fields a, a (b), a (c), then the store's a, i, i, u. */
  f32x4_max_min_store,
  // Fused i64x2 arithmetic, as the f32x4 forms above: the 64-bit lanes of a loaded vector feeding
  // a multiply, and that product feeding an add. Why: a multiply-add mix of 64-bit lanes
  // (`w = x[i]·K + y`, hashing and generators), two dispatches fewer and no temporary vector
  // written and read back; i64x2.mul costs 12 ns a dispatch on its own. Lane i of every source is
  // read before lane i of d is written.
  /**
   * 2 lanes: r[d]_i = r[a]_i · i64 lane i of mem128[ea] mod 2^64, ea = u32((r32[b] << s) + c) + u
   * as in v128.load_add. Fields d, a, a (b), i (s), i (c), u.
   */
  i64x2_mul_load_add,
  /**
   * 2 lanes: r[d]_i = r[a]_i + r[b]_i · i64 lane i of mem128[ea] mod 2^64, ea as in
   * i64x2.mul_load_add (an i64x2.add of an i64x2.mul_load_add). Fields d, a, a (b), a (base),
   * i (s), i (c), u.
   */
  i64x2_mul_load_add_add,
  /**
   * Two lanes of a gather: a v128.load32_splat_lx / _zero_lx, then a v128.load32_lane_lx into the
   * vector it just made, both addresses from lanes of the same index vector with the same s and c
   * (see v128.load32_splat_lx): ea = u32((lane l of r128[v] << s) + c) + u, eb likewise with l2,
   * u2; r128[d] = four copies of mem32[ea] (the _zero form: mem32[ea], 0, 0, 0) with 32-bit lane
   * i = mem32[eb]. ea is checked first. Why: compiled code gathers p[idx[i]] pairs into a vector
   * (two 32-bit halves of each 64-bit lane): one dispatch a pair, and no temporary vector written
   * and read back. Fields d, a (v), i (l), i (s), i (c), u, i (l2), u (u2), i (lane).
   */
  v128_load32x2_splat_lx,
  /** As v128.load32x2_splat_lx, the first word in lane 0 and zeros elsewhere. Same fields. */
  v128_load32x2_zero_lx,
  /**
   * 4 lanes: r[d]_i = byte i of mem32[ea] (zero-extended), ea = u32((r32[a] << s) + c) + u as in
   * load32_add: the v128.load32_shuffle whose four terms each keep one byte, byte i rotated to
   * the bottom of word i. Why: compiled code widens four loaded bytes to 32-bit lanes so (there
   * is no v128.load8x4_u in Wasm); one shift and mask a lane instead of decoding four terms.
   * Fields d, a (base), i (s), i (c), u.
   */
  v128_load8x4_u,
  /**
   * 4 lanes: r[d]_i = byte i of the register word r32[w] (zero-extended): the i8x16_shuffle_w4
   * whose four terms read one word, each keeping one byte, byte i rotated to the bottom of word
   * i. Why: compiled code widens four bytes of a vector to 32-bit lanes so (a shuffle with a zero
   * vector); one shift and mask a lane instead of decoding four terms. Fields d, a (w: a word
   * offset, as the shuffle's terms have).
   */
  i32x4_widen8_u,
  /**
   * 4 lanes: r[d]_i = |r[a]_i − byte i of mem32[ea]| mod 2^32, ea as in v128.load8x4_u (an
   * i32x4.abs_sub one of whose operands a v128.load8x4_u just loaded: |x − y| = |y − x|). Why:
   * sums of absolute differences of bytes, one dispatch fewer and no temporary vector. Fields d,
   * a, a (base), i (s), i (c), u.
   */
  i32x4_abs_sub_load8x4_u,
  // Shape-specialized byte moves: shuffles and lane stores of a shuffle whose bytes follow a
  // pattern the translator recognizes in their selectors, done by shifts and masks of whole
  // words instead of decoding a term or selector per word or byte. Why: compiled code narrows
  // and widens lanes so (there are no such Wasm instructions); the generic forms' cost goes with
  // the code words they decode.
  /**
   * 8 lanes: r[d]_i = byte i of the register words r32[w], r32[w + 1] (zero-extended to 16 bits):
   * the i8x16_shuffle_w that zero-extends eight consecutive bytes (bytes 2i from byte i of the
   * two words, bytes 2i + 1 from a zero vector). Fields d, a (w: a word offset, as the terms'
   * words).
   */
  i16x8_widen8_u,
  /**
   * mem32[ea] = byte k/8 of each of the register words r32[w + i], i = 0…3 (byte i of the store
   * from word w + i): a v128.store32_shuffle whose selectors are w << 5 | k, (w + 1) << 5 | k, ….
   * ea as in v128.store32_shuffle. Fields a (base), i (s), i (c), u, a (w), i (k: 0, 8, 16 or 24).
   */
  v128_store8x4_narrow,
  /**
   * mem64[ea] = the 16 bits at bit k of each of the register words r32[w + i], i = 0…3 (half-word i
   * of the store from word w + i): a v128.store64_shuffle whose selectors are w << 5 | k,
   * w << 5 | k + 8, (w + 1) << 5 | k, …. ea as in v128.store64_shuffle. Fields a (base), i (s),
   * i (c), u, a (w), i (k: 0, 8 or 16).
   */
  v128_store16x4_narrow,
  /**
   * 8 lanes: r[d]_i = the low 16 bits of the register word r32[w + i] for i = 0…3, and every byte
   * of lanes 4–7 byte 0 of r32[w]: the i8x16_shuffle_w by which compiled code wraps i32 lanes to
   * i16 (bytes 0, 1, 4, 5, 8, 9, 12, 13, the don't-care lanes filled with byte 0). Fields d,
   * a (w: a word offset, as the terms' words).
   */
  i16x8_pack_lo,
  // Compact addresses: the instruction of the same name without `_ac`, same fields and formula,
  // where every address has s = 0 and u = 0, so ea = u32(r32[a] + c) instead of
  // u32((r32[a] << s) + c) + u: the translator's last pass (compactAddresses) rewrites the opcode
  // in place when the s and u words are 0 (they stay in the code, unread). Why: compiled vector
  // loops address arrays as base + constant, and reading and applying s and u measured ~4 % of
  // simd's run() over its vector instructions (RATIONALE, "Why vector instructions that compute
  // and store", fourth round); the handlers share the general form's case (one compare of the
  // opcode), so each costs ~90 bytes of runVector's bytecode instead of a copy of the case.
  /** As load128_add with s = u = 0. Fields as there. */ load128_ac,
  /** As f32x4_mul_load_add_add_store with s = u = 0 in both addresses. Fields as there. */
  f32x4_mul_load_add_add_store_ac,
  /** As i32x4_trunc_sat_mul_load_add_store with s = u = 0 in both addresses. Fields as there. */
  i32x4_trunc_sat_mul_load_add_store_ac,
  /** As f32x4_mul_load_add with s = u = 0. Fields as there. */ f32x4_mul_load_add_ac,
  /** As f32x4_sub_load_add with s = u = 0. Fields as there. */ f32x4_sub_load_add_ac,
  /** As f32x4_max_min_store with s = u = 0. Fields as there. */ f32x4_max_min_store_ac,
  /** As f32x4_mul_convert_load_add with s = u = 0. Fields as there. */ f32x4_mul_convert_load_add_ac,
  /** As i32x4_abs_sub_load8x4_u with s = u = 0. Fields as there. */ i32x4_abs_sub_load8x4_u_ac,
  /** As v128_load8x4_u with s = u = 0. Fields as there. */ v128_load8x4_u_ac,
  /** As v128_store8x4_narrow with s = u = 0. Fields as there. */ v128_store8x4_narrow_ac,
  /** As i32x4_mul_load16x4_s_add with s = u = 0. Fields as there. */ i32x4_mul_load16x4_s_add_ac,
  /** As store128_add_step_br_if with s = u = 0. Fields as there. */ store128_add_step_br_if_ac,
  /** As v128_load16x4_s_add with s = u = 0. Fields as there. */ v128_load16x4_s_add_ac,

  /** Number of IR opcodes (not an instruction). */
  COUNT,
}

/** Disassembly information of one IR instruction. */
export interface IrInfo {
  /** Printed name; a Wasm mnemonic when the instruction implements that Wasm instruction. */
  readonly name: string;
  /** Operand kinds, one letter each (see the file comment); `k` takes two words, `T` 2 + n. */
  readonly fields: string;
}

const U = 'da', B = 'daa', I = 'dai', LD = 'dau', ST = 'aau';

/** [opcode, name, fields]: every opcode exactly once (checked by ir.test.ts). */
const rows: readonly (readonly [Ir, string, string])[] = [
  [Ir.unreachable, 'unreachable', ''], [Ir.br, 'br', 'L'], [Ir.br_if, 'br_if', 'aL'],
  [Ir.br_unless, 'br_unless', 'aL'], [Ir.br_table, 'br_table', 'aT'], [Ir.br_table_add, 'br_table_add', 'aiT'], [Ir.return, 'return', ''],
  [Ir.meter, 'meter', 'i'],
  [Ir.call, 'call', 'fa'], [Ir.call_indirect, 'call_indirect', 'ytaa'], [Ir.call_ref, 'call_ref', 'aa'],
  [Ir.return_call, 'return_call', 'f'], [Ir.return_call_indirect, 'return_call_indirect', 'yta'],
  [Ir.return_call_ref, 'return_call_ref', 'a'], [Ir.br_on_null, 'br_on_null', 'aL'],
  [Ir.br_on_non_null, 'br_on_non_null', 'aL'], [Ir.ref_as_non_null, 'ref.as_non_null', 'a'],
  [Ir.copy32, 'copy32', U], [Ir.copy64, 'copy64', U], [Ir.copy_ref, 'copy_ref', U],
  [Ir.copy32x2, 'copy32x2', 'dada'], [Ir.copy64x2, 'copy64x2', 'dada'],
  [Ir.copy32x3, 'copy32x3', 'dadada'], [Ir.copy64x3, 'copy64x3', 'dadada'],
  [Ir.const32, 'const32', 'di'], [Ir.const64, 'const64', 'dk'], [Ir.ref_null, 'ref.null', 'd'],
  [Ir.ref_func, 'ref.func', 'df'], [Ir.ref_is_null, 'ref.is_null', U], [Ir.ref_eq, 'ref.eq', B],
  [Ir.select32, 'select32', 'daaa'], [Ir.select64, 'select64', 'daaa'], [Ir.select_ref, 'select_ref', 'daaa'],
  [Ir.global_get32, 'global.get32', 'dg'], [Ir.global_get64, 'global.get64', 'dg'],
  [Ir.global_get_ref, 'global.get_ref', 'dg'], [Ir.global_set32, 'global.set32', 'ga'],
  [Ir.global_set64, 'global.set64', 'ga'], [Ir.global_set_ref, 'global.set_ref', 'ga'],
  [Ir.load32, 'load32', LD], [Ir.load64, 'load64', LD],
  [Ir.i32_load8_s, 'i32.load8_s', LD], [Ir.i32_load8_u, 'i32.load8_u', LD],
  [Ir.i32_load16_s, 'i32.load16_s', LD], [Ir.i32_load16_u, 'i32.load16_u', LD],
  [Ir.i64_load8_s, 'i64.load8_s', LD], [Ir.i64_load8_u, 'i64.load8_u', LD],
  [Ir.i64_load16_s, 'i64.load16_s', LD], [Ir.i64_load16_u, 'i64.load16_u', LD],
  [Ir.i64_load32_s, 'i64.load32_s', LD], [Ir.i64_load32_u, 'i64.load32_u', LD],
  [Ir.store32, 'store32', ST], [Ir.store64, 'store64', ST], [Ir.store8, 'store8', ST], [Ir.store16, 'store16', ST],
  [Ir.load32_add, 'load32_add', 'daiiu'], [Ir.load64_add, 'load64_add', 'daiiu'],
  [Ir.i32_load8_s_add, 'i32.load8_s_add', 'daiiu'], [Ir.i32_load8_u_add, 'i32.load8_u_add', 'daiiu'],
  [Ir.i32_load16_s_add, 'i32.load16_s_add', 'daiiu'], [Ir.i32_load16_u_add, 'i32.load16_u_add', 'daiiu'],
  [Ir.load32_tee, 'load32_tee', 'ddaiu'], [Ir.load64_tee, 'load64_tee', 'ddaiu'],
  [Ir.load32_idx, 'load32_idx', 'daau'], [Ir.load32_sidx, 'load32_sidx', 'daaiu'], [Ir.load64_idx, 'load64_idx', 'daau'],
  [Ir.i32_load8_s_idx, 'i32.load8_s_idx', 'daau'], [Ir.i32_load8_u_idx, 'i32.load8_u_idx', 'daau'],
  [Ir.i32_load16_s_idx, 'i32.load16_s_idx', 'daau'], [Ir.i32_load16_u_idx, 'i32.load16_u_idx', 'daau'],
  [Ir.store8_add, 'store8_add', 'aiiau'], [Ir.store16_add, 'store16_add', 'aiiau'],
  [Ir.store32_add, 'store32_add', 'aiiau'], [Ir.store64_add, 'store64_add', 'aiiau'],
  [Ir.store8_idx, 'store8_idx', 'aaau'], [Ir.store16_idx, 'store16_idx', 'aaau'],
  [Ir.store32_idx, 'store32_idx', 'aaau'], [Ir.store64_idx, 'store64_idx', 'aaau'],
  [Ir.store8_imm_idx, 'store8_imm_idx', 'aaiu'], [Ir.store32_imm_idx, 'store32_imm_idx', 'aaiu'],
  [Ir.load32_abs, 'load32_abs', 'du'], [Ir.load64_abs, 'load64_abs', 'du'],
  [Ir.store32_abs, 'store32_abs', 'au'], [Ir.store64_abs, 'store64_abs', 'au'],
  [Ir.store8_imm, 'store8_imm', 'aiu'], [Ir.store16_imm, 'store16_imm', 'aiu'],
  [Ir.store32_imm, 'store32_imm', 'aiu'], [Ir.store64_imm, 'store64_imm', 'aku'],
  [Ir.memory_size, 'memory.size', 'd'], [Ir.memory_grow, 'memory.grow', U],
  [Ir.memory_fill, 'memory.fill', 'aaa'], [Ir.memory_copy, 'memory.copy', 'aaa'],
  [Ir.memory_init, 'memory.init', 'saaa'], [Ir.data_drop, 'data.drop', 's'],
  [Ir.table_get, 'table.get', 'dta'], [Ir.table_set, 'table.set', 'taa'], [Ir.table_size, 'table.size', 'dt'],
  [Ir.table_grow, 'table.grow', 'dtaa'], [Ir.table_fill, 'table.fill', 'taaa'],
  [Ir.table_copy, 'table.copy', 'ttaaa'], [Ir.table_init, 'table.init', 'etaaa'], [Ir.elem_drop, 'elem.drop', 'e'],
  [Ir.i32_eqz, 'i32.eqz', U], [Ir.i32_eq, 'i32.eq', B], [Ir.i32_ne, 'i32.ne', B],
  [Ir.i32_lt_s, 'i32.lt_s', B], [Ir.i32_lt_u, 'i32.lt_u', B], [Ir.i32_gt_s, 'i32.gt_s', B],
  [Ir.i32_gt_u, 'i32.gt_u', B], [Ir.i32_le_s, 'i32.le_s', B], [Ir.i32_le_u, 'i32.le_u', B],
  [Ir.i32_ge_s, 'i32.ge_s', B], [Ir.i32_ge_u, 'i32.ge_u', B],
  [Ir.i32_clz, 'i32.clz', U], [Ir.i32_ctz, 'i32.ctz', U], [Ir.i32_popcnt, 'i32.popcnt', U],
  [Ir.i32_add, 'i32.add', B], [Ir.i32_sub, 'i32.sub', B], [Ir.i32_mul, 'i32.mul', B],
  [Ir.i32_div_s, 'i32.div_s', B], [Ir.i32_div_u, 'i32.div_u', B], [Ir.i32_rem_s, 'i32.rem_s', B],
  [Ir.i32_rem_u, 'i32.rem_u', B], [Ir.i32_and, 'i32.and', B], [Ir.i32_or, 'i32.or', B],
  [Ir.i32_xor, 'i32.xor', B], [Ir.i32_shl, 'i32.shl', B], [Ir.i32_shr_s, 'i32.shr_s', B],
  [Ir.i32_shr_u, 'i32.shr_u', B], [Ir.i32_rotl, 'i32.rotl', B], [Ir.i32_rotr, 'i32.rotr', B],
  [Ir.i32_extend8_s, 'i32.extend8_s', U], [Ir.i32_extend16_s, 'i32.extend16_s', U],
  [Ir.i32_add_imm, 'i32.add_imm', I], [Ir.i32_mul_imm, 'i32.mul_imm', I],
  [Ir.i32_and_imm, 'i32.and_imm', I], [Ir.i32_or_imm, 'i32.or_imm', I], [Ir.i32_xor_imm, 'i32.xor_imm', I],
  [Ir.i32_shl_imm, 'i32.shl_imm', I], [Ir.i32_shr_s_imm, 'i32.shr_s_imm', I],
  [Ir.i32_shr_u_imm, 'i32.shr_u_imm', I], [Ir.i32_eq_imm, 'i32.eq_imm', I], [Ir.i32_ne_imm, 'i32.ne_imm', I],
  [Ir.i32_lt_s_imm, 'i32.lt_s_imm', I], [Ir.i32_lt_u_imm, 'i32.lt_u_imm', I],
  [Ir.i32_gt_s_imm, 'i32.gt_s_imm', I], [Ir.i32_gt_u_imm, 'i32.gt_u_imm', I],
  [Ir.i32_le_s_imm, 'i32.le_s_imm', I], [Ir.i32_le_u_imm, 'i32.le_u_imm', I],
  [Ir.i32_ge_s_imm, 'i32.ge_s_imm', I], [Ir.i32_ge_u_imm, 'i32.ge_u_imm', I],
  [Ir.i32_shl_add_imm, 'i32.shl_add_imm', 'daii'],
  [Ir.i32_add_imm2, 'i32.add_imm2', 'daidai'],
  [Ir.i32_shr_u_and_imm, 'i32.shr_u_and_imm', 'daii'], [Ir.i32_mul_shl_imm, 'i32.mul_shl_imm', 'daai'],
  [Ir.br_eq, 'br_eq', 'aaL'], [Ir.br_ne, 'br_ne', 'aaL'], [Ir.br_lt_s, 'br_lt_s', 'aaL'],
  [Ir.br_lt_u, 'br_lt_u', 'aaL'], [Ir.br_gt_s, 'br_gt_s', 'aaL'], [Ir.br_gt_u, 'br_gt_u', 'aaL'],
  [Ir.br_le_s, 'br_le_s', 'aaL'], [Ir.br_le_u, 'br_le_u', 'aaL'], [Ir.br_ge_s, 'br_ge_s', 'aaL'],
  [Ir.br_ge_u, 'br_ge_u', 'aaL'],
  [Ir.br_eq_imm, 'br_eq_imm', 'aiL'], [Ir.br_ne_imm, 'br_ne_imm', 'aiL'],
  [Ir.br_lt_s_imm, 'br_lt_s_imm', 'aiL'], [Ir.br_lt_u_imm, 'br_lt_u_imm', 'aiL'],
  [Ir.br_gt_s_imm, 'br_gt_s_imm', 'aiL'], [Ir.br_gt_u_imm, 'br_gt_u_imm', 'aiL'],
  [Ir.br_le_s_imm, 'br_le_s_imm', 'aiL'], [Ir.br_le_u_imm, 'br_le_u_imm', 'aiL'],
  [Ir.br_ge_s_imm, 'br_ge_s_imm', 'aiL'], [Ir.br_ge_u_imm, 'br_ge_u_imm', 'aiL'],
  [Ir.step_br, 'step_br', 'daiL'], [Ir.step_br_if, 'step_br_if', 'daiaL'],
  [Ir.step_br_unless, 'step_br_unless', 'daiaL'], [Ir.step_br_eq, 'step_br_eq', 'daiaaL'],
  [Ir.step_br_ne, 'step_br_ne', 'daiaaL'], [Ir.step_br_eq_imm, 'step_br_eq_imm', 'daiaiL'],
  [Ir.step_br_ne_imm, 'step_br_ne_imm', 'daiaiL'], [Ir.step_br_gt_u_imm, 'step_br_gt_u_imm', 'daiaiL'],
  [Ir.step_br_le_u_imm, 'step_br_le_u_imm', 'daiaiL'], [Ir.step_br_lt_u, 'step_br_lt_u', 'daiaaL'],
  [Ir.step_br_le_u, 'step_br_le_u', 'daiaaL'],
  [Ir.step3_br, 'step3_br', 'daidaidaiL'], [Ir.step3_br_if, 'step3_br_if', 'daidaidaiaL'], [Ir.step3_br_ne, 'step3_br_ne', 'daidaidaiaaL'],
  [Ir.step3_br_ne_imm, 'step3_br_ne_imm', 'daidaidaiaiL'],
  [Ir.br_f64_eq, 'br_f64_eq', 'aaL'], [Ir.br_f64_ne, 'br_f64_ne', 'aaL'],
  [Ir.br_f64_lt, 'br_f64_lt', 'aaL'], [Ir.br_f64_gt, 'br_f64_gt', 'aaL'],
  [Ir.br_f64_le, 'br_f64_le', 'aaL'], [Ir.br_f64_ge, 'br_f64_ge', 'aaL'],
  [Ir.br_f64_nlt, 'br_f64_nlt', 'aaL'], [Ir.br_f64_ngt, 'br_f64_ngt', 'aaL'],
  [Ir.br_f64_nle, 'br_f64_nle', 'aaL'], [Ir.br_f64_nge, 'br_f64_nge', 'aaL'],
  [Ir.i64_eqz, 'i64.eqz', U], [Ir.i64_eq, 'i64.eq', B], [Ir.i64_ne, 'i64.ne', B],
  [Ir.i64_lt_s, 'i64.lt_s', B], [Ir.i64_lt_u, 'i64.lt_u', B], [Ir.i64_gt_s, 'i64.gt_s', B],
  [Ir.i64_gt_u, 'i64.gt_u', B], [Ir.i64_le_s, 'i64.le_s', B], [Ir.i64_le_u, 'i64.le_u', B],
  [Ir.i64_ge_s, 'i64.ge_s', B], [Ir.i64_ge_u, 'i64.ge_u', B],
  [Ir.i64_clz, 'i64.clz', U], [Ir.i64_ctz, 'i64.ctz', U], [Ir.i64_popcnt, 'i64.popcnt', U],
  [Ir.i64_add, 'i64.add', B], [Ir.i64_sub, 'i64.sub', B], [Ir.i64_mul, 'i64.mul', B],
  [Ir.i64_div_s, 'i64.div_s', B], [Ir.i64_div_u, 'i64.div_u', B], [Ir.i64_rem_s, 'i64.rem_s', B],
  [Ir.i64_rem_u, 'i64.rem_u', B], [Ir.i64_and, 'i64.and', B], [Ir.i64_or, 'i64.or', B],
  [Ir.i64_xor, 'i64.xor', B], [Ir.i64_shl, 'i64.shl', B], [Ir.i64_shr_s, 'i64.shr_s', B],
  [Ir.i64_shr_u, 'i64.shr_u', B], [Ir.i64_rotl, 'i64.rotl', B], [Ir.i64_rotr, 'i64.rotr', B],
  [Ir.i64_extend8_s, 'i64.extend8_s', U], [Ir.i64_extend16_s, 'i64.extend16_s', U],
  [Ir.i64_extend32_s, 'i64.extend32_s', U], [Ir.i64_extend_i32_s, 'i64.extend_i32_s', U],
  [Ir.i64_extend_i32_u, 'i64.extend_i32_u', U],
  [Ir.i64_add_imm, 'i64.add_imm', 'dak'], [Ir.i64_mul_imm, 'i64.mul_imm', 'dak'],
  [Ir.i64_and_imm, 'i64.and_imm', 'dak'], [Ir.i64_or_imm, 'i64.or_imm', 'dak'],
  [Ir.i64_xor_imm, 'i64.xor_imm', 'dak'], [Ir.i64_shl_imm, 'i64.shl_imm', I],
  [Ir.i64_shr_s_imm, 'i64.shr_s_imm', I], [Ir.i64_shr_u_imm, 'i64.shr_u_imm', I],
  [Ir.i64_rotl_imm, 'i64.rotl_imm', I],
  [Ir.f32_eq, 'f32.eq', B], [Ir.f32_ne, 'f32.ne', B], [Ir.f32_lt, 'f32.lt', B], [Ir.f32_gt, 'f32.gt', B],
  [Ir.f32_le, 'f32.le', B], [Ir.f32_ge, 'f32.ge', B], [Ir.f32_abs, 'f32.abs', U], [Ir.f32_neg, 'f32.neg', U],
  [Ir.f32_ceil, 'f32.ceil', U], [Ir.f32_floor, 'f32.floor', U], [Ir.f32_trunc, 'f32.trunc', U],
  [Ir.f32_nearest, 'f32.nearest', U], [Ir.f32_sqrt, 'f32.sqrt', U], [Ir.f32_add, 'f32.add', B],
  [Ir.f32_sub, 'f32.sub', B], [Ir.f32_mul, 'f32.mul', B], [Ir.f32_div, 'f32.div', B],
  [Ir.f32_min, 'f32.min', B], [Ir.f32_max, 'f32.max', B], [Ir.f32_copysign, 'f32.copysign', B],
  [Ir.f64_eq, 'f64.eq', B], [Ir.f64_ne, 'f64.ne', B], [Ir.f64_lt, 'f64.lt', B], [Ir.f64_gt, 'f64.gt', B],
  [Ir.f64_le, 'f64.le', B], [Ir.f64_ge, 'f64.ge', B], [Ir.f64_abs, 'f64.abs', U], [Ir.f64_neg, 'f64.neg', U],
  [Ir.f64_ceil, 'f64.ceil', U], [Ir.f64_floor, 'f64.floor', U], [Ir.f64_trunc, 'f64.trunc', U],
  [Ir.f64_nearest, 'f64.nearest', U], [Ir.f64_sqrt, 'f64.sqrt', U], [Ir.f64_add, 'f64.add', B],
  [Ir.f64_sub, 'f64.sub', B], [Ir.f64_mul, 'f64.mul', B], [Ir.f64_div, 'f64.div', B],
  [Ir.f64_min, 'f64.min', B], [Ir.f64_max, 'f64.max', B], [Ir.f64_copysign, 'f64.copysign', B],
  [Ir.f64_mul_add, 'f64.mul_add', 'daaa'], [Ir.f64_mul_sub, 'f64.mul_sub', 'daaa'],
  [Ir.f32_mul_add, 'f32.mul_add', 'daaa'], [Ir.f32_mul_sub, 'f32.mul_sub', 'daaa'],
  [Ir.f32_mul_mul_add, 'f32.mul_mul_add', 'daaaa'], [Ir.f32_mul_mul_sub, 'f32.mul_mul_sub', 'daaaa'],
  [Ir.f32_mul_load_add, 'f32.mul_load_add', 'daaiiu'],
  [Ir.f64_sub_load_add, 'f64.sub_load_add', 'daaiiu'], [Ir.f64_sqrt_mul, 'f64.sqrt_mul', 'daa'],
  [Ir.i64_mul_imm_add, 'i64.mul_imm_add', 'daak'], [Ir.i64_load_mul_imm_add, 'i64.load_mul_imm_add', 'daaiiuk'],
  [Ir.i64_rotl_imm_xor, 'i64.rotl_imm_xor', 'daai'],
  [Ir.i64_shr_u_imm_xor, 'i64.shr_u_imm_xor', 'daai'],
  [Ir.i32_mul_add, 'i32.mul_add', 'daaa'], [Ir.i64_add3, 'i64.add3', 'daaa'],
  [Ir.i64_xor_and, 'i64.xor_and', 'daaa'], [Ir.i64_and_xor, 'i64.and_xor', 'daaa'],
  [Ir.i64_xor_imm_and, 'i64.xor_imm_and', 'daak'],
  [Ir.i64_rotl_imm_mul_imm, 'i64.rotl_imm_mul_imm', 'ddaik'],
  [Ir.i64_rotl2_xor, 'i64.rotl2_xor', 'daiai'], [Ir.i64_rotl3_xor, 'i64.rotl3_xor', 'daiaiai'],
  [Ir.i64_rotl2_shr_xor, 'i64.rotl2_shr_xor', 'daiaiai'],
  [Ir.f32_add_store, 'f32.add_store', 'auaa'], [Ir.f32_add_store2, 'f32.add_store2', 'auaaauaa'], [Ir.f32_sub_store, 'f32.sub_store', 'auaa'],
  [Ir.f64_add_store, 'f64.add_store', 'auaa'], [Ir.f64_mul_add_store, 'f64.mul_add_store', 'auaaa'],
  [Ir.f64_mul_sub_store, 'f64.mul_sub_store', 'auaaa'],
  [Ir.f64_mul_add_to, 'f64.mul_add_to', 'auaa'], [Ir.f64_mul_sub_to, 'f64.mul_sub_to', 'auaa'],
  [Ir.f64_mul_load_add_to, 'f64.mul_load_add_to', 'auaaiiu'], [Ir.f64_add_to, 'f64.add_to', 'aua'],
  [Ir.f64_mul2_add_to, 'f64.mul2_add_to', 'auaaa'], [Ir.f64_mul2_sub_to, 'f64.mul2_sub_to', 'auaaa'],
  [Ir.i32_trunc_f32_s, 'i32.trunc_f32_s', U], [Ir.i32_trunc_f32_u, 'i32.trunc_f32_u', U],
  [Ir.i32_trunc_f64_s, 'i32.trunc_f64_s', U], [Ir.i32_trunc_f64_u, 'i32.trunc_f64_u', U],
  [Ir.i64_trunc_f32_s, 'i64.trunc_f32_s', U], [Ir.i64_trunc_f32_u, 'i64.trunc_f32_u', U],
  [Ir.i64_trunc_f64_s, 'i64.trunc_f64_s', U], [Ir.i64_trunc_f64_u, 'i64.trunc_f64_u', U],
  [Ir.i32_trunc_sat_f32_s, 'i32.trunc_sat_f32_s', U], [Ir.i32_trunc_sat_f32_u, 'i32.trunc_sat_f32_u', U],
  [Ir.i32_trunc_sat_f64_s, 'i32.trunc_sat_f64_s', U], [Ir.i32_trunc_sat_f64_u, 'i32.trunc_sat_f64_u', U],
  [Ir.i64_trunc_sat_f32_s, 'i64.trunc_sat_f32_s', U], [Ir.i64_trunc_sat_f32_u, 'i64.trunc_sat_f32_u', U],
  [Ir.i64_trunc_sat_f64_s, 'i64.trunc_sat_f64_s', U], [Ir.i64_trunc_sat_f64_u, 'i64.trunc_sat_f64_u', U],
  [Ir.f32_convert_i32_s, 'f32.convert_i32_s', U], [Ir.f32_convert_i32_u, 'f32.convert_i32_u', U],
  [Ir.f32_convert_i64_s, 'f32.convert_i64_s', U], [Ir.f32_convert_i64_u, 'f32.convert_i64_u', U],
  [Ir.f32_demote_f64, 'f32.demote_f64', U], [Ir.f64_convert_i32_s, 'f64.convert_i32_s', U],
  [Ir.f64_convert_i32_u, 'f64.convert_i32_u', U], [Ir.f64_convert_i64_s, 'f64.convert_i64_s', U],
  [Ir.f64_convert_i64_u, 'f64.convert_i64_u', U], [Ir.f64_promote_f32, 'f64.promote_f32', U],
  [Ir.i64_rotl2_shr_xor_add, 'i64.rotl2_shr_xor_add', 'daaiaiai'], [Ir.i64_add_mem, 'i64.add_mem', 'daaiiu'],
  [Ir.i64_add3_mem, 'i64.add3_mem', 'daaaiiu'], [Ir.i64_and_xor_add, 'i64.and_xor_add', 'daaaa'],
  [Ir.i64_xor_imm_and_add, 'i64.xor_imm_and_add', 'daaak'],
  [Ir.i64_shl_and_imm, 'i64.shl_and_imm', 'daik'], [Ir.i64_shr_u_and_imm, 'i64.shr_u_and_imm', 'daik'],
  [Ir.i64_shl_and_imm_or, 'i64.shl_and_imm_or', 'daaik'], [Ir.i64_shr_u_and_imm_or, 'i64.shr_u_and_imm_or', 'daaik'],
  [Ir.i64_bswap, 'i64.bswap', U], [Ir.i64_add2, 'i64.add2', B], [Ir.copy64x5, 'copy64x5', 'dadada'], [Ir.copy64x5_br, 'copy64x5_br', 'dadada'],
  [Ir.i64_and_then_add3, 'i64.and_then_add3', B], [Ir.i64_xor_and_then_and_xor_add, 'i64.xor_and_then_and_xor_add', 'daaa'],
  [Ir.load64_idx_then_add_imm, 'load64_idx_then_add_imm', 'daau'], [Ir.i32_add_then_load64_add, 'i32.add_then_load64_add', B],
  [Ir.load64_add_then_rotl2_shr_xor_add, 'load64_add_then_rotl2_shr_xor_add', 'daiiu'],
  [Ir.copy64x3_then_rotl3_xor, 'copy64x3_then_rotl3_xor', 'dadada'],
  [Ir.i64_load_mul_imm_add_then_rotl_imm_mul_imm, 'i64.load_mul_imm_add_then_rotl_imm_mul_imm', 'daaiiuk'],
  [Ir.i32_add_then_br_le_u, 'i32.add_then_br_le_u', B], [Ir.f64_mul_then_add, 'f64.mul_then_add', B],
  [Ir.i32_add_imm_then_call, 'i32.add_imm_then_call', 'dai'],
  [Ir.i32_add_then_step_br_gt_u_imm, 'i32.add_then_step_br_gt_u_imm', B],
  [Ir.copy128, 'copy128', U], [Ir.const128, 'const128', 'dv'], [Ir.select128, 'select128', 'daaa'],
  [Ir.global_get128, 'global.get128', 'dg'], [Ir.global_set128, 'global.set128', 'ga'],
  [Ir.load128, 'v128.load', LD], [Ir.store128, 'v128.store', ST],
  [Ir.simd_unary, 'simd_unary', 'dxa'], [Ir.simd_binary, 'simd_binary', 'dxaa'],
  [Ir.simd_ternary, 'simd_ternary', 'dxaaa'], [Ir.simd_extract, 'simd_extract', 'dxai'],
  [Ir.simd_replace, 'simd_replace', 'dxaai'], [Ir.simd_load, 'simd_load', 'dxau'],
  [Ir.simd_load_lane, 'simd_load_lane', 'dxaaui'], [Ir.simd_store_lane, 'simd_store_lane', 'xaaui'],
  [Ir.i8x16_shuffle, 'i8x16.shuffle', 'd' + 'i'.repeat(16)],
  [Ir.load128_add, 'v128.load_add', 'daiiu'], [Ir.load128_tee, 'v128.load_tee', 'ddaiu'],
  [Ir.store128_add, 'v128.store_add', 'aiiau'], [Ir.store128_idx, 'v128.store_idx', 'aaau'],
  [Ir.i8x16_shuffle_w, 'i8x16.shuffle_w', 'd' + 'h'.repeat(8)],
  [Ir.f32x4_mul_add, 'f32x4.mul_add', 'daaa'], [Ir.f32x4_mul_load_add, 'f32x4.mul_load_add', 'daaiiu'],
  [Ir.i32x4_mul_add, 'i32x4.mul_add', 'daaa'],
  [Ir.f32x4_mul_convert_s, 'f32x4.mul_convert_s', 'daa'], [Ir.i32x4_shl_xor, 'i32x4.shl_xor', 'daai'],
  [Ir.i32x4_shr_u_xor, 'i32x4.shr_u_xor', 'daai'],
  [Ir.f32x4_sub_load_add, 'f32x4.sub_load_add', 'daaiiu'], [Ir.f32x4_max_min, 'f32x4.max_min', 'daaa'],
  [Ir.v128_store32_lane_add, 'v128.store32_lane_add', 'aiiaui'], [Ir.v128_store64_lane_add, 'v128.store64_lane_add', 'aiiaui'],
  [Ir.v128_load8x8_s_add, 'v128.load8x8_s_add', 'daiiu'], [Ir.v128_load8x8_u_add, 'v128.load8x8_u_add', 'daiiu'],
  [Ir.v128_load16x4_s_add, 'v128.load16x4_s_add', 'daiiu'], [Ir.v128_load16x4_u_add, 'v128.load16x4_u_add', 'daiiu'],
  [Ir.i32x4_lane_shl_add_imm, 'i32x4.lane_shl_add_imm', 'daiii'],
  [Ir.store128_step_br_if, 'v128.store_step_br_if', 'aaudaiaL'],
  [Ir.store128_add_step_br_if, 'v128.store_add_step_br_if', 'aiiaudaiaL'],
  [Ir.v128_and, 'v128.and', B], [Ir.v128_andnot, 'v128.andnot', B], [Ir.v128_or, 'v128.or', B],
  [Ir.v128_xor, 'v128.xor', B], [Ir.i8x16_add, 'i8x16.add', B], [Ir.i8x16_sub, 'i8x16.sub', B],
  [Ir.i16x8_add, 'i16x8.add', B], [Ir.i16x8_sub, 'i16x8.sub', B], [Ir.i16x8_mul, 'i16x8.mul', B],
  [Ir.i32x4_add, 'i32x4.add', B], [Ir.i32x4_sub, 'i32x4.sub', B], [Ir.i32x4_mul, 'i32x4.mul', B],
  [Ir.i32x4_min_s, 'i32x4.min_s', B], [Ir.i32x4_min_u, 'i32x4.min_u', B],
  [Ir.i32x4_max_s, 'i32x4.max_s', B], [Ir.i32x4_max_u, 'i32x4.max_u', B],
  [Ir.f32x4_add, 'f32x4.add', B], [Ir.f32x4_sub, 'f32x4.sub', B], [Ir.f32x4_mul, 'f32x4.mul', B],
  [Ir.f32x4_div, 'f32x4.div', B], [Ir.f32x4_min, 'f32x4.min', B], [Ir.f32x4_max, 'f32x4.max', B],
  [Ir.f64x2_add, 'f64x2.add', B], [Ir.f64x2_sub, 'f64x2.sub', B], [Ir.f64x2_mul, 'f64x2.mul', B],
  [Ir.i16x8_shl_imm, 'i16x8.shl_imm', I], [Ir.i16x8_shr_s_imm, 'i16x8.shr_s_imm', I],
  [Ir.i16x8_shr_u_imm, 'i16x8.shr_u_imm', I], [Ir.i32x4_shl_imm, 'i32x4.shl_imm', I],
  [Ir.i32x4_shr_s_imm, 'i32x4.shr_s_imm', I], [Ir.i32x4_shr_u_imm, 'i32x4.shr_u_imm', I],
  [Ir.i32x4_splat, 'i32x4.splat', U], [Ir.i32x4_abs, 'i32x4.abs', U],
  [Ir.f32x4_convert_i32x4_s, 'f32x4.convert_i32x4_s', U],
  [Ir.i32x4_trunc_sat_f32x4_s, 'i32x4.trunc_sat_f32x4_s', U],
  [Ir.i32x4_extract_lane, 'i32x4.extract_lane', 'dai'],
  [Ir.i16x8_narrow_i32x4_u, 'i16x8.narrow_i32x4_u', B], [Ir.i8x16_narrow_i16x8_u, 'i8x16.narrow_i16x8_u', B],
  [Ir.i16x8_add_sat_s, 'i16x8.add_sat_s', B],
  [Ir.v128_load8x8_s, 'v128.load8x8_s', LD], [Ir.v128_load8x8_u, 'v128.load8x8_u', LD],
  [Ir.v128_load16x4_s, 'v128.load16x4_s', LD], [Ir.v128_load16x4_u, 'v128.load16x4_u', LD],
  [Ir.v128_store32_lane, 'v128.store32_lane', 'aaui'], [Ir.v128_store64_lane, 'v128.store64_lane', 'aaui'],
  [Ir.i64x2_add, 'i64x2.add', B], [Ir.i64x2_shl_imm, 'i64x2.shl_imm', I], [Ir.i64x2_shr_u_imm, 'i64x2.shr_u_imm', I],
  [Ir.i64x2_mul, 'i64x2.mul', B], [Ir.v128_load32_splat, 'v128.load32_splat', LD],
  [Ir.v128_load32_zero, 'v128.load32_zero', LD], [Ir.v128_load32_lane, 'v128.load32_lane', 'daaui'],
  [Ir.i8x16_shuffle_w4, 'i8x16.shuffle_w4', 'd' + 'h'.repeat(4)],
  [Ir.v128_store32_shuffle, 'v128.store32_shuffle', 'aiiu' + 'b'.repeat(4)],
  [Ir.v128_store64_shuffle, 'v128.store64_shuffle', 'aiiu' + 'b'.repeat(8)],
  [Ir.f32x4_mul_load_add_add, 'f32x4.mul_load_add_add', 'daaaiiu'],
  [Ir.i32x4_abs_sub, 'i32x4.abs_sub', 'daa'], [Ir.v128_load32_shuffle, 'v128.load32_shuffle', 'daiiu' + 'h'.repeat(4)],
  [Ir.v128_load32_splat_lx, 'v128.load32_splat_lx', 'daiiiu'], [Ir.v128_load32_zero_lx, 'v128.load32_zero_lx', 'daiiiu'],
  [Ir.v128_load32_lane_lx, 'v128.load32_lane_lx', 'daiiiaui'],
  [Ir.i32x4_add3, 'i32x4.add3', 'daaa'], [Ir.i32x4_mul_load16x4_s_add, 'i32x4.mul_load16x4_s_add', 'daaiiu'],
  [Ir.i32x4_trunc_sat_mul_load_add, 'i32x4.trunc_sat_mul_load_add', 'daaiiu'], [Ir.f32x4_mul_load_tee, 'f32x4.mul_load_tee', 'dadaiu'],
  [Ir.f32x4_mul_convert_load_add, 'f32x4.mul_convert_load_add', 'daaiiu'],
  [Ir.i8x16_min_u, 'i8x16.min_u', B], [Ir.i8x16_max_u, 'i8x16.max_u', B],
  [Ir.f32x4_mul_load_add_add_store, 'f32x4.mul_load_add_add_store', 'aaaiiuaiiu'],
  [Ir.i32x4_trunc_sat_mul_load_add_store, 'i32x4.trunc_sat_mul_load_add_store', 'aaiiuaiiu'],
  [Ir.f32x4_max_min_store, 'f32x4.max_min_store', 'aaaaiiu'],
  [Ir.i64x2_mul_load_add, 'i64x2.mul_load_add', 'daaiiu'], [Ir.i64x2_mul_load_add_add, 'i64x2.mul_load_add_add', 'daaaiiu'],
  [Ir.v128_load32x2_splat_lx, 'v128.load32x2_splat_lx', 'daiiiuiui'], [Ir.v128_load32x2_zero_lx, 'v128.load32x2_zero_lx', 'daiiiuiui'],
  [Ir.v128_load8x4_u, 'v128.load8x4_u', 'daiiu'], [Ir.i32x4_widen8_u, 'i32x4.widen8_u', 'da'],
  [Ir.i32x4_abs_sub_load8x4_u, 'i32x4.abs_sub_load8x4_u', 'daaiiu'],
  [Ir.i16x8_widen8_u, 'i16x8.widen8_u', 'da'],
  [Ir.v128_store8x4_narrow, 'v128.store8x4_narrow', 'aiiuai'], [Ir.v128_store16x4_narrow, 'v128.store16x4_narrow', 'aiiuai'],
  [Ir.i16x8_pack_lo, 'i16x8.pack_lo', 'da'],
  [Ir.load128_ac, 'v128.load_ac', 'daiiu'], [Ir.f32x4_mul_load_add_add_store_ac, 'f32x4.mul_load_add_add_store_ac', 'aaaiiuaiiu'],
  [Ir.i32x4_trunc_sat_mul_load_add_store_ac, 'i32x4.trunc_sat_mul_load_add_store_ac', 'aaiiuaiiu'],
  [Ir.f32x4_mul_load_add_ac, 'f32x4.mul_load_add_ac', 'daaiiu'],
  [Ir.f32x4_sub_load_add_ac, 'f32x4.sub_load_add_ac', 'daaiiu'],
  [Ir.f32x4_max_min_store_ac, 'f32x4.max_min_store_ac', 'aaaaiiu'],
  [Ir.f32x4_mul_convert_load_add_ac, 'f32x4.mul_convert_load_add_ac', 'daaiiu'],
  [Ir.i32x4_abs_sub_load8x4_u_ac, 'i32x4.abs_sub_load8x4_u_ac', 'daaiiu'],
  [Ir.v128_load8x4_u_ac, 'v128.load8x4_u_ac', 'daiiu'],
  [Ir.v128_store8x4_narrow_ac, 'v128.store8x4_narrow_ac', 'aiiuai'],
  [Ir.i32x4_mul_load16x4_s_add_ac, 'i32x4.mul_load16x4_s_add_ac', 'daaiiu'],
  [Ir.store128_add_step_br_if_ac, 'v128.store_add_step_br_if_ac', 'aiiaudaiaL'],
  [Ir.v128_load16x4_s_add_ac, 'v128.load16x4_s_add_ac', 'daiiu'],
];

/** Disassembly info by opcode. */
export const irInfo: readonly IrInfo[] = (() => {
  const t: IrInfo[] = [];
  for (const [op, name, fields] of rows) t[op] = { name, fields };
  return t;
})();

/** Number of code words the instruction at `pc` occupies. */
export function irLength(code: ArrayLike<number>, pc: number): number {
  let n = 1;
  for (const f of irInfo[code[pc]].fields) {
    if (f === 'k') n += 2;
    else if (f === 'v') n += 4;
    else if (f === 'T') n += 2 + code[pc + n];
    else n += 1;
  }
  return n;
}

/**
 * Disassembly, one instruction per line: `offset: name operands`. Registers print as `r<slot>`
 * (slot = word offset / 2), branch targets as `@offset`, indices with their space's letter.
 */
export function dumpIR(code: Int32Array): string {
  const lines: string[] = [];
  for (let pc = 0; pc < code.length; pc += irLength(code, pc)) {
    const info = irInfo[code[pc]];
    const ops: string[] = [];
    let p = pc + 1;
    for (const f of info.fields) {
      const w = code[p++];
      switch (f) {
        case 'd': case 'a': ops.push(`r${w / 2}`); break;
        case 'i': case 'b': ops.push(String(w)); break;
        case 'u': ops.push(String(w >>> 0)); break;
        case 'k': {
          const v = (BigInt(code[p++]) << 32n) | BigInt(w >>> 0);
          ops.push(`0x${BigInt.asUintN(64, v).toString(16)}`);
          break;
        }
        case 'x': ops.push(simdNames[w]); break;
        case 'v': {
          const words = [w, code[p++], code[p++], code[p++]];
          ops.push(`i32x4 ${words.map((x) => `0x${(x >>> 0).toString(16)}`).join(' ')}`);
          break;
        }
        case 'L': ops.push(`@${w}`); break;
        case 'T': {
          const targets: string[] = [];
          for (let j = 0; j <= w; j++) targets.push(`@${code[p++]}`);
          ops.push(`[${targets.slice(0, w).join(' ')}] default ${targets[w]}`);
          break;
        }
        case 'y': ops.push(`type#${w}`); break;
        case 'h': {
          // Source register word (`r<slot>.<word>`), then the rotation and mask, or the byte copied.
          const src = `r${w >> 11}.${(w >> 10) & 1}`, p = (w >>> 5) & 15;
          ops.push((w & 512) === 0 ? `${src} rotr ${w & 24} & 0b${p.toString(2).padStart(4, '0')}`
            : `${src} byte ${(w & 24) >> 3} to 0b${p.toString(2).padStart(4, '0')}`);
          break;
        }
        default: ops.push(`${f}${w}`);
      }
    }
    lines.push(`${String(pc).padStart(4)}: ${info.name}${ops.length > 0 ? ' ' + ops.join(', ') : ''}`);
  }
  return lines.join('\n');
}

/** The IR opcode implementing the Wasm instruction `wasmOp` on registers, if one has its name. */
export const irOfWasm: ReadonlyMap<number, Ir> = (() => {
  const byName = new Map<string, Ir>();
  irInfo.forEach((info, op) => byName.set(info.name, op));
  const m = new Map<number, Ir>();
  for (let code = 0; code < 0x100; code++) addByName(code);
  for (let sub = 0; sub < 32; sub++) addByName((0xfc << 16) | sub);
  function addByName(code: number): void {
    const op = byName.get(opName(code));
    if (op !== undefined) m.set(code, op);
  }
  return m;
})();
