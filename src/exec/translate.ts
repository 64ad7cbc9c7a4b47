/**
 * The translator: a validated function body → register IR (exec/ir.ts). Spec §4.4 (Execution ›
 * Instructions) gives the meaning being preserved; §3.3 (Validation › Instructions) guarantees the
 * static operand-stack shape this relies on.
 *
 * It walks the body once, simulating the operand stack. Every stack height has a fixed *home*
 * register (the temporaries after the locals), but an entry need not be in its home:
 *
 * - `Local`: `local.get x` pushes a deferred entry that *names* local x; consumers read the local
 *   directly. It is copied to its home ("materialized") before anything writes local x, and at
 *   every block boundary (a write inside a nested block may run on one path only).
 * - `Const`: `*.const` pushes a deferred constant; `i32` ops take it as an immediate where an
 *   `_imm` form exists, otherwise it is written to its home just before use — or, when a first
 *   translation wrote it so inside a loop or more than once, read from a constant register
 *   after the locals, set once at the function's entry (the function is translated again).
 * - `Temp`: the value is in its home register.
 *
 * So `local.get 0; local.get 1; i32.add; local.set 0` becomes one `i32.add r0, r0, r1`: the add
 * reads the locals, and `local.set` retargets the add's destination ("fused local.set") when the
 * add was the last instruction emitted and nothing else still names local 0. Likewise a single
 * result produced just before an unconditional return is written to r0 directly ("fused
 * return"), and an `i32.eqz` feeding a branch flips the branch's sense instead of being run.
 *
 * Control: a label's values live in the homes of the label's stack height, so a fall-through
 * `end` needs no moves and a branch copies its values down. Unreachable code (after br, return,
 * br_table, unreachable) is skipped. Calls: arguments are materialized into consecutive homes,
 * and the callee's frame starts at the first one.
 */

import { CompileError } from '../errors.js';
import type { BlockType, Instr, Module } from '../syntax/module.js';
import { Op, opInfo, opName } from '../syntax/opcodes.js';
import type { AddrType, FuncType, ValType } from '../syntax/types.js';
import { canonicalTypeIds } from '../runtime/canon.js';
import { slot } from '../runtime/slot.js';
import { Cls, clsWords, Ir, irInfo, irLength, irOfWasm } from './ir.js';
import { Fam, S, simdOps, v128Words } from './simd.js';

/** A translated function: shared by every instance of its module. */
export interface CompiledFunc {
  readonly code: Int32Array;
  /** Words taken by the parameters: the frame starts with them. */
  readonly paramWords: number;
  /** End of the locals in words; [paramWords, localWords) is zeroed on entry. */
  readonly localWords: number;
  /** Words the frame needs: locals, the deepest temporaries, the results. */
  readonly frameWords: number;
  /** Whether a declared (non-parameter) local is a reference, to be set to null on entry. */
  readonly refLocals: boolean;
}

/** Register class of a value type. */
export function clsOf(t: ValType): Cls {
  switch (t) {
    case 'i32': case 'f32': return Cls.W32;
    case 'i64': case 'f64': return Cls.W64;
    case 'v128': return Cls.V128;
    default: return Cls.Ref;
  }
}

/** Words a sequence of values takes in registers. */
export function wordsOf(types: readonly ValType[]): number {
  let n = 0;
  for (const t of types) n += clsWords[clsOf(t)];
  return n;
}

/** What the translator needs to know about a module, computed once per module. */
interface ModuleInfo {
  readonly funcTypes: readonly FuncType[];
  readonly globalCls: readonly Cls[];
  readonly typeIds: Int32Array;
  /** Address types of the memories and tables (imports first). */
  readonly memAddr: readonly AddrType[];
  readonly tableAddr: readonly AddrType[];
}

/**
 * Per-module caches are slots (runtime/slot.ts), not WeakMaps: V8's young-generation collector
 * keeps every WeakMap value alive while its entry exists, copying a young module's translations
 * on each scavenge (RATIONALE, "Why internal slots in private fields, not WeakMaps?").
 */
const moduleInfos = slot<ModuleInfo>();

function moduleInfo(m: Module): ModuleInfo {
  let info = moduleInfos.get(m);
  if (info !== undefined) return info;
  const funcTypes: FuncType[] = [];
  const globalCls: Cls[] = [];
  const memAddr: AddrType[] = [];
  const tableAddr: AddrType[] = [];
  for (const im of m.imports) {
    const d = im.desc;
    if (d.kind === 'func') funcTypes.push(funcTypeAt(m, d.typeIdx));
    else if (d.kind === 'global') globalCls.push(clsOf(d.type.type));
    else if (d.kind === 'memory') memAddr.push(d.type.addr);
    else if (d.kind === 'table') tableAddr.push(d.type.addr);
  }
  for (const f of m.funcs) funcTypes.push(funcTypeAt(m, f.typeIdx));
  for (const g of m.globals) globalCls.push(clsOf(g.type.type));
  for (const mt of m.mems) memAddr.push(mt.addr);
  for (const t of m.tables) tableAddr.push(t.type.addr);
  info = { funcTypes, globalCls, typeIds: canonicalTypeIds(m), memAddr, tableAddr };
  moduleInfos.set(m, info);
  return info;
}

/** The function type at a type index of a valid module (validation guarantees it is one). */
export function funcTypeAt(m: Module, typeIdx: number): FuncType {
  return m.types[typeIdx].comp as FuncType;
}

/** Translated functions of each module, by index into `m.funcs`, filled in on first use. */
const compiledFuncs = slot<(CompiledFunc | undefined)[]>();
/** The same, translated with metering (`Ir.meter`), for instances with fuel or a deadline. */
const meteredFuncs = slot<(CompiledFunc | undefined)[]>();

/** The translation of function `defIdx` of `m.funcs`, made once per module and then shared. */
export function compiledCode(m: Module, defIdx: number, metered = false): CompiledFunc {
  const cache = metered ? meteredFuncs : compiledFuncs;
  let funcs = cache.get(m);
  if (funcs === undefined) cache.set(m, (funcs = []));
  return (funcs[defIdx] ??= translateFunc(m, defIdx, metered));
}

/**
 * Translates function `defIdx` of `m.funcs` (an index after the imported functions). `metered`:
 * with `meter` instructions charging fuel at the function's entry and at each loop header.
 */
export function translateFunc(m: Module, defIdx: number, metered = false): CompiledFunc {
  const f = m.funcs[defIdx], info = moduleInfo(m), type = funcTypeAt(m, f.typeIdx);
  const meter = metered ? fuelCharges(f.body) : null;
  const t = new Translator(m, info, type, f.locals, []);
  t.meter = meter;
  const first = t.run(f.body);
  if (t.loopConsts.size === 0) return first;
  // Constants written into registers inside loops: translate again with them in constant
  // registers set once at entry (see Translator.constRegs).
  const again = new Translator(m, info, type, f.locals, [...t.loopConsts.values()].slice(0, MAX_CONST_REGS));
  again.meter = meter;
  return again.run(f.body);
}

/** Most constant registers a function gets (each costs an instruction per call, unless 0). */
const MAX_CONST_REGS = 16;

/** A constant given a register of its own: its class and bits. */
interface PooledConst {
  readonly cls: Cls;
  readonly lo: number;
  readonly hi: number;
}

function constKey(cls: Cls, lo: number, hi: number): string {
  return `${cls}:${lo}:${hi}`;
}

/**
 * The fuel charges of a body (README "Limits"): one unit per instruction, each charged to its
 * innermost enclosing loop — the loop's `end` to the loop, the `loop` itself to the region
 * around it — or to the function entry outside all loops. `entry` is the function's charge,
 * `loops` each loop's (by its instruction), paid every time its header is reached.
 */
export function fuelCharges(body: readonly Instr[]): FuelCharges {
  const loops = new Map<Instr, number>();
  const counts = [0];
  const openLoops: Instr[] = [];
  const isLoop: boolean[] = []; // per open block: whether it is a loop
  for (const ins of body) {
    counts[counts.length - 1]++;
    const op = ins.op;
    if (op === Op.block || op === Op.if || op === Op.try_table) {
      isLoop.push(false);
    } else if (op === Op.loop) {
      isLoop.push(true);
      openLoops.push(ins);
      counts.push(0);
    } else if (op === Op.end && isLoop.length > 0 && isLoop.pop()) {
      loops.set(openLoops.pop()!, counts.pop()!);
    }
  }
  return { entry: counts[0], loops };
}

export interface FuelCharges {
  readonly entry: number;
  readonly loops: ReadonlyMap<Instr, number>;
}

// ---------------------------------------------------------------------------------------------

const enum Kind { Temp, Local, Const }

/** One operand-stack entry of the simulation. */
interface Entry {
  readonly cls: Cls;
  kind: Kind;
  /** The home register (word offset) of this stack height. */
  readonly home: number;
  /** For Local: the local's register. */
  loc: number;
  /** For Const: the bits (low word, high word). */
  readonly lo: number;
  readonly hi: number;
  /** For Temp: where the instruction that wrote it starts, if known (else -1). */
  pos: number;
}

const enum CtlKind { Block, Loop, If, Else, Func }

/** A control frame of the simulation (a label). */
interface Ctl {
  kind: CtlKind;
  readonly params: readonly Cls[];
  readonly results: readonly Cls[];
  /** Stack height below the block's parameters. */
  readonly height: number;
  /** Home register of the first parameter/result: where the label's values go. */
  readonly base: number;
  /** Loop: code offset of the loop header. */
  readonly startPc: number;
  /** Code positions holding forward branch targets to this label's end. */
  readonly fixups: number[];
  /** If: position of the `br_unless` target that jumps to the else arm (or the end). */
  elseFixup: number;
  /** Whether the rest of the current arm is unreachable (skipped). */
  unreachable: boolean;
}

const copyOp: readonly Ir[] = [Ir.copy32, Ir.copy64, Ir.copy_ref, Ir.copy128];
/** Two consecutive copies of a class as one instruction (ir.ts copy32x2). */
const copyPairOp: ReadonlyMap<Ir, Ir> = new Map([[Ir.copy32, Ir.copy32x2], [Ir.copy64, Ir.copy64x2]]);
/** A pair of copies and a third one as one instruction (ir.ts copy32x3). */
const copyTripleOp: ReadonlyMap<Ir, Ir> = new Map([[Ir.copy32x2, Ir.copy32x3], [Ir.copy64x2, Ir.copy64x3]]);
const selectOp: readonly Ir[] = [Ir.select32, Ir.select64, Ir.select_ref, Ir.select128];
const globalGetOp: readonly Ir[] = [Ir.global_get32, Ir.global_get64, Ir.global_get_ref, Ir.global_get128];
const globalSetOp: readonly Ir[] = [Ir.global_set32, Ir.global_set64, Ir.global_set_ref, Ir.global_set128];

/** Immediate forms of i32 binary ops: [imm op, op with operands swapped (or -1)]. */
const immForms: ReadonlyMap<number, readonly [Ir, number]> = new Map([
  [Op.i32_add, [Ir.i32_add_imm, Op.i32_add]], [Op.i32_sub, [Ir.i32_add_imm, -1]],
  [Op.i32_mul, [Ir.i32_mul_imm, Op.i32_mul]], [Op.i32_and, [Ir.i32_and_imm, Op.i32_and]],
  [Op.i32_or, [Ir.i32_or_imm, Op.i32_or]], [Op.i32_xor, [Ir.i32_xor_imm, Op.i32_xor]],
  [Op.i32_shl, [Ir.i32_shl_imm, -1]], [Op.i32_shr_s, [Ir.i32_shr_s_imm, -1]],
  [Op.i32_shr_u, [Ir.i32_shr_u_imm, -1]],
  [Op.i32_eq, [Ir.i32_eq_imm, Op.i32_eq]], [Op.i32_ne, [Ir.i32_ne_imm, Op.i32_ne]],
  [Op.i32_lt_s, [Ir.i32_lt_s_imm, Op.i32_gt_s]], [Op.i32_lt_u, [Ir.i32_lt_u_imm, Op.i32_gt_u]],
  [Op.i32_gt_s, [Ir.i32_gt_s_imm, Op.i32_lt_s]], [Op.i32_gt_u, [Ir.i32_gt_u_imm, Op.i32_lt_u]],
  [Op.i32_le_s, [Ir.i32_le_s_imm, Op.i32_ge_s]], [Op.i32_le_u, [Ir.i32_le_u_imm, Op.i32_ge_u]],
  [Op.i32_ge_s, [Ir.i32_ge_s_imm, Op.i32_le_s]], [Op.i32_ge_u, [Ir.i32_ge_u_imm, Op.i32_le_u]],
]);

/**
 * Immediate forms of i64 binary ops: [imm op, whether the op is commutative, whether the
 * immediate is a shift count (`i`, mod 64) rather than a 64-bit value (`k`)].
 */
type I64ImmForm = readonly [Ir, boolean, boolean];
const i64ImmForms: ReadonlyMap<number, I64ImmForm> = new Map<number, I64ImmForm>([
  [Op.i64_add, [Ir.i64_add_imm, true, false]], [Op.i64_sub, [Ir.i64_add_imm, false, false]],
  [Op.i64_mul, [Ir.i64_mul_imm, true, false]], [Op.i64_and, [Ir.i64_and_imm, true, false]],
  [Op.i64_or, [Ir.i64_or_imm, true, false]], [Op.i64_xor, [Ir.i64_xor_imm, true, false]],
  [Op.i64_shl, [Ir.i64_shl_imm, false, true]], [Op.i64_shr_s, [Ir.i64_shr_s_imm, false, true]],
  [Op.i64_shr_u, [Ir.i64_shr_u_imm, false, true]], [Op.i64_rotl, [Ir.i64_rotl_imm, false, true]],
  [Op.i64_rotr, [Ir.i64_rotl_imm, false, true]],
]);

/**
 * A branch condition: the branch taken when it holds, the one taken when it does not, and their
 * operands (which precede the target).
 */
interface Cond {
  readonly ifTrue: Ir;
  readonly ifFalse: Ir;
  readonly operands: readonly number[];
}

/**
 * Comparisons a branch absorbs (see ir.ts "Fused compare-and-branch"): the comparison's IR op →
 * [branch if it holds, branch if it does not]. `i32.eqz` becomes a test of its operand.
 */
const fusedBranches: ReadonlyMap<Ir, readonly [Ir, Ir]> = new Map<Ir, readonly [Ir, Ir]>([
  [Ir.i32_eqz, [Ir.br_unless, Ir.br_if]],
  [Ir.i32_eq, [Ir.br_eq, Ir.br_ne]], [Ir.i32_ne, [Ir.br_ne, Ir.br_eq]],
  [Ir.i32_lt_s, [Ir.br_lt_s, Ir.br_ge_s]], [Ir.i32_ge_s, [Ir.br_ge_s, Ir.br_lt_s]],
  [Ir.i32_gt_s, [Ir.br_gt_s, Ir.br_le_s]], [Ir.i32_le_s, [Ir.br_le_s, Ir.br_gt_s]],
  [Ir.i32_lt_u, [Ir.br_lt_u, Ir.br_ge_u]], [Ir.i32_ge_u, [Ir.br_ge_u, Ir.br_lt_u]],
  [Ir.i32_gt_u, [Ir.br_gt_u, Ir.br_le_u]], [Ir.i32_le_u, [Ir.br_le_u, Ir.br_gt_u]],
  [Ir.i32_eq_imm, [Ir.br_eq_imm, Ir.br_ne_imm]], [Ir.i32_ne_imm, [Ir.br_ne_imm, Ir.br_eq_imm]],
  [Ir.i32_lt_s_imm, [Ir.br_lt_s_imm, Ir.br_ge_s_imm]], [Ir.i32_ge_s_imm, [Ir.br_ge_s_imm, Ir.br_lt_s_imm]],
  [Ir.i32_gt_s_imm, [Ir.br_gt_s_imm, Ir.br_le_s_imm]], [Ir.i32_le_s_imm, [Ir.br_le_s_imm, Ir.br_gt_s_imm]],
  [Ir.i32_lt_u_imm, [Ir.br_lt_u_imm, Ir.br_ge_u_imm]], [Ir.i32_ge_u_imm, [Ir.br_ge_u_imm, Ir.br_lt_u_imm]],
  [Ir.i32_gt_u_imm, [Ir.br_gt_u_imm, Ir.br_le_u_imm]], [Ir.i32_le_u_imm, [Ir.br_le_u_imm, Ir.br_gt_u_imm]],
  [Ir.f64_eq, [Ir.br_f64_eq, Ir.br_f64_ne]], [Ir.f64_ne, [Ir.br_f64_ne, Ir.br_f64_eq]],
  [Ir.f64_lt, [Ir.br_f64_lt, Ir.br_f64_nlt]], [Ir.f64_gt, [Ir.br_f64_gt, Ir.br_f64_ngt]],
  [Ir.f64_le, [Ir.br_f64_le, Ir.br_f64_nle]], [Ir.f64_ge, [Ir.br_f64_ge, Ir.br_f64_nge]],
]);

/**
 * Fused arithmetic (see ir.ts): [operation, the instruction whose result it may absorb, the
 * fused instruction, whether the operation is commutative], looked up by fusedArithKey.
 */
const fusedArith: ReadonlyMap<number, readonly [Ir, boolean]> = new Map(([
  [Ir.f64_add, Ir.f64_mul, Ir.f64_mul_add, true], [Ir.f64_sub, Ir.f64_mul, Ir.f64_mul_sub, false],
  [Ir.f32_add, Ir.f32_mul, Ir.f32_mul_add, true], [Ir.f32_sub, Ir.f32_mul, Ir.f32_mul_sub, false],
  [Ir.f32_mul, Ir.load32_add, Ir.f32_mul_load_add, true],
  // A plain load64 fuses as a load64_add of s = c = 0 (fuseArith widens its operands).
  [Ir.f64_sub, Ir.load64_add, Ir.f64_sub_load_add, false], [Ir.f64_sub, Ir.load64, Ir.f64_sub_load_add, false],
  [Ir.f64_mul, Ir.f64_sqrt, Ir.f64_sqrt_mul, true],
  [Ir.i64_add, Ir.i64_mul_imm, Ir.i64_mul_imm_add, true],
  [Ir.i64_xor, Ir.i64_rotl_imm, Ir.i64_rotl_imm_xor, true],
  [Ir.i64_xor, Ir.i64_shr_u_imm, Ir.i64_shr_u_imm_xor, true],
  [Ir.i32_add, Ir.i32_mul, Ir.i32_mul_add, true], [Ir.i64_add, Ir.i64_add, Ir.i64_add3, true],
  [Ir.i64_and, Ir.i64_xor, Ir.i64_xor_and, true], [Ir.i64_xor, Ir.i64_and, Ir.i64_and_xor, true],
  [Ir.i64_and, Ir.i64_xor_imm, Ir.i64_xor_imm_and, true],
  [Ir.i64_add, Ir.i64_rotl2_shr_xor, Ir.i64_rotl2_shr_xor_add, true], [Ir.i64_add, Ir.load64_add, Ir.i64_add_mem, true],
  [Ir.i64_add, Ir.i64_add_mem, Ir.i64_add3_mem, true], [Ir.i64_add, Ir.i64_and_xor, Ir.i64_and_xor_add, true],
  [Ir.i64_add, Ir.i64_xor_imm_and, Ir.i64_xor_imm_and_add, true],
  [Ir.i64_or, Ir.i64_shl_and_imm, Ir.i64_shl_and_imm_or, true], [Ir.i64_or, Ir.i64_shr_u_and_imm, Ir.i64_shr_u_and_imm_or, true],
  [Ir.i64_or, Ir.i64_shl_imm, Ir.i64_shl_and_imm_or, true], [Ir.i64_or, Ir.i64_shr_u_imm, Ir.i64_shr_u_and_imm_or, true],
  [Ir.f32x4_add, Ir.f32x4_mul, Ir.f32x4_mul_add, true], [Ir.f32x4_mul, Ir.load128_add, Ir.f32x4_mul_load_add, true],
  [Ir.i32x4_add, Ir.i32x4_mul, Ir.i32x4_mul_add, true],
  [Ir.f32x4_mul, Ir.f32x4_convert_i32x4_s, Ir.f32x4_mul_convert_s, true],
  [Ir.v128_xor, Ir.i32x4_shl_imm, Ir.i32x4_shl_xor, true], [Ir.v128_xor, Ir.i32x4_shr_u_imm, Ir.i32x4_shr_u_xor, true],
  [Ir.f32x4_sub, Ir.load128_add, Ir.f32x4_sub_load_add, false], [Ir.f32x4_min, Ir.f32x4_max, Ir.f32x4_max_min, true],
  // A plain v128.load fuses as a v128.load_add of s = c = 0 (fuseArith widens its operands).
  [Ir.f32x4_mul, Ir.load128, Ir.f32x4_mul_load_add, true], [Ir.f32x4_sub, Ir.load128, Ir.f32x4_sub_load_add, false],
  [Ir.f32x4_add, Ir.f32x4_mul_load_add, Ir.f32x4_mul_load_add_add, true],
  [Ir.i32x4_add, Ir.i32x4_add, Ir.i32x4_add3, true], [Ir.f32x4_mul, Ir.load128_tee, Ir.f32x4_mul_load_tee, true],
  [Ir.i32x4_mul, Ir.v128_load16x4_s_add, Ir.i32x4_mul_load16x4_s_add, true],
  [Ir.i32x4_mul, Ir.v128_load16x4_s, Ir.i32x4_mul_load16x4_s_add, true],
  [Ir.i64x2_mul, Ir.load128_add, Ir.i64x2_mul_load_add, true], [Ir.i64x2_mul, Ir.load128, Ir.i64x2_mul_load_add, true],
  [Ir.i64x2_add, Ir.i64x2_mul_load_add, Ir.i64x2_mul_load_add_add, true],
] as const).map(([op, producer, fused, commutative]) => [fusedArithKey(op, producer), [fused, commutative] as const]));

function fusedArithKey(op: Ir, producer: Ir): number {
  return op * Ir.COUNT + producer;
}

/** Branches that can absorb an i32.add_imm right before them: branch → its step form. */
const stepBranches: ReadonlyMap<Ir, Ir> = new Map([
  [Ir.br, Ir.step_br], [Ir.br_if, Ir.step_br_if], [Ir.br_unless, Ir.step_br_unless],
  [Ir.br_eq, Ir.step_br_eq], [Ir.br_ne, Ir.step_br_ne], [Ir.br_eq_imm, Ir.step_br_eq_imm],
  [Ir.br_ne_imm, Ir.step_br_ne_imm], [Ir.br_gt_u_imm, Ir.step_br_gt_u_imm],
  [Ir.br_le_u_imm, Ir.step_br_le_u_imm], [Ir.br_lt_u, Ir.step_br_lt_u], [Ir.br_le_u, Ir.step_br_le_u],
]);

/** Step branches that can also absorb the i32.add_imm2 (or a local's i32.add_imm) before them. */
const step3Branches: ReadonlyMap<Ir, Ir> = new Map([
  [Ir.step_br, Ir.step3_br], [Ir.step_br_if, Ir.step3_br_if], [Ir.step_br_ne, Ir.step3_br_ne],
  [Ir.step_br_ne_imm, Ir.step3_br_ne_imm],
]);

/** Memory instructions whose IR form is shared by several Wasm instructions. */
const memOps: ReadonlyMap<number, Ir> = new Map([
  [Op.i32_load, Ir.load32], [Op.f32_load, Ir.load32], [Op.i64_load, Ir.load64], [Op.f64_load, Ir.load64],
  [Op.i32_store, Ir.store32], [Op.f32_store, Ir.store32], [Op.i64_store32, Ir.store32],
  [Op.i64_store, Ir.store64], [Op.f64_store, Ir.store64],
  [Op.i32_store8, Ir.store8], [Op.i64_store8, Ir.store8],
  [Op.i32_store16, Ir.store16], [Op.i64_store16, Ir.store16],
]);

/** Loads that can absorb an `i32.add` of two registers computing their address (`_idx` forms). */
const idxLoads: ReadonlyMap<Ir, Ir> = new Map([
  [Ir.load32, Ir.load32_idx], [Ir.load64, Ir.load64_idx],
  [Ir.i32_load8_s, Ir.i32_load8_s_idx], [Ir.i32_load8_u, Ir.i32_load8_u_idx],
  [Ir.i32_load16_s, Ir.i32_load16_s_idx], [Ir.i32_load16_u, Ir.i32_load16_u_idx],
]);

/** Stores whose address an i32.add_imm / i32.shl_add_imm computed: store → its `_add` form. */
const addStores: ReadonlyMap<Ir, Ir> = new Map([
  [Ir.store8, Ir.store8_add], [Ir.store16, Ir.store16_add], [Ir.store32, Ir.store32_add], [Ir.store64, Ir.store64_add],
  [Ir.store128, Ir.store128_add],
]);

/** Stores whose address an i32.add of two registers computed: store → its `_idx` form. */
const idxStores: ReadonlyMap<Ir, Ir> = new Map([
  [Ir.store8, Ir.store8_idx], [Ir.store16, Ir.store16_idx], [Ir.store32, Ir.store32_idx], [Ir.store64, Ir.store64_idx],
  [Ir.store128, Ir.store128_idx],
]);

/** Constant stores whose address an i32.add of two registers computed (`_imm_idx` forms). */
const immIdxStores: ReadonlyMap<Ir, Ir> = new Map([[Ir.store8, Ir.store8_imm_idx], [Ir.store32, Ir.store32_imm_idx]]);

/** Compute and store (ir.ts): the operation producing a stored value → [the store, the fused op]. */
const computeStores: ReadonlyMap<Ir, readonly [Ir, Ir]> = new Map<Ir, readonly [Ir, Ir]>([
  [Ir.f32_add, [Ir.store32, Ir.f32_add_store]], [Ir.f32_sub, [Ir.store32, Ir.f32_sub_store]],
  [Ir.f64_add, [Ir.store64, Ir.f64_add_store]], [Ir.f64_mul_add, [Ir.store64, Ir.f64_mul_add_store]],
  [Ir.f64_mul_sub, [Ir.store64, Ir.f64_mul_sub_store]],
]);

/** Vector operations with a form that stores its result (ir.ts "A vector computed and stored"). */
const vectorStores: ReadonlyMap<Ir, Ir> = new Map<Ir, Ir>([
  [Ir.f32x4_mul_load_add_add, Ir.f32x4_mul_load_add_add_store],
  [Ir.i32x4_trunc_sat_mul_load_add, Ir.i32x4_trunc_sat_mul_load_add_store],
  [Ir.f32x4_max_min, Ir.f32x4_max_min_store],
]);

/**
 * What may lie between a load64 and the f64.mul_add_store that writes back to its address for
 * the load to be dropped (f64.mul_add_to): loads (whose only trap is the same one) and
 * computations that cannot trap or touch memory.
 */
const reloadSafe: ReadonlySet<Ir> = new Set([
  Ir.load32, Ir.load64, Ir.load32_add, Ir.load64_add, Ir.load32_idx, Ir.load64_idx, Ir.load32_tee, Ir.load64_tee,
  Ir.load32_abs, Ir.load64_abs, Ir.const32, Ir.const64, Ir.copy32, Ir.copy64, Ir.copy32x2, Ir.copy64x2,
  Ir.copy32x3, Ir.copy64x3,
  Ir.i32_add, Ir.i32_sub, Ir.i32_mul, Ir.i32_add_imm, Ir.i32_shl_imm, Ir.i32_shl_add_imm, Ir.i32_mul_shl_imm,
  Ir.f64_add, Ir.f64_sub, Ir.f64_mul, Ir.f64_div, Ir.f64_sqrt, Ir.f64_neg, Ir.f64_abs, Ir.f64_min, Ir.f64_max,
  Ir.f64_mul_add, Ir.f64_mul_sub, Ir.f32_add, Ir.f32_sub, Ir.f32_mul, Ir.f32_div, Ir.f32_mul_add, Ir.f32_mul_sub,
  Ir.f64_sub_load_add, Ir.f64_sqrt_mul,
]);

/** The i64 instructions that move whole bytes, whose results bswapTree follows. */
const byteMoveOps: ReadonlySet<number> = new Set([
  Ir.i64_shl_imm, Ir.i64_shr_u_imm, Ir.i64_and_imm, Ir.i64_or, Ir.i64_shl_and_imm, Ir.i64_shr_u_and_imm,
  Ir.i64_shl_and_imm_or, Ir.i64_shr_u_and_imm_or,
]);

/**
 * For bswapTree: a value that is bytes of register `src` — result byte i (0 lowest) is its byte
 * bytes[i], or zero for −1 — computed by the `n` instructions from `start` on.
 */
interface ByteMove {
  readonly src: number;
  readonly bytes: readonly number[];
  readonly start: number;
  readonly n: number;
}

/** Pairs (ir.ts): [an instruction, the one after it] → the instruction running both. */
const pairOps: ReadonlyMap<number, Ir> = new Map(([
  [Ir.i64_add, Ir.i64_add, Ir.i64_add2], [Ir.copy64x3, Ir.copy64x2, Ir.copy64x5],
  [Ir.i64_and, Ir.i64_add3, Ir.i64_and_then_add3], [Ir.i64_xor_and, Ir.i64_and_xor_add, Ir.i64_xor_and_then_and_xor_add],
  [Ir.load64_idx, Ir.i32_add_imm, Ir.load64_idx_then_add_imm], [Ir.i32_add, Ir.load64_add, Ir.i32_add_then_load64_add],
  [Ir.load64_add, Ir.i64_rotl2_shr_xor_add, Ir.load64_add_then_rotl2_shr_xor_add],
  [Ir.copy64x3, Ir.i64_rotl3_xor, Ir.copy64x3_then_rotl3_xor],
  [Ir.i64_load_mul_imm_add, Ir.i64_rotl_imm_mul_imm, Ir.i64_load_mul_imm_add_then_rotl_imm_mul_imm],
  [Ir.i32_add, Ir.br_le_u, Ir.i32_add_then_br_le_u], [Ir.f64_mul, Ir.f64_add, Ir.f64_mul_then_add],
  [Ir.i32_add_imm, Ir.call, Ir.i32_add_imm_then_call], [Ir.i32_add, Ir.step_br_gt_u_imm, Ir.i32_add_then_step_br_gt_u_imm],
] as const).map(([a, b, pair]) => [a * Ir.COUNT + b, pair]));
/** Pairs extended by the instruction after their second: [pair, third] → the op running all three. */
const tripleOps: ReadonlyMap<number, Ir> = new Map([[Ir.copy64x5 * Ir.COUNT + Ir.br, Ir.copy64x5_br]]);

/**
 * The last pass over a translated function: where `pairOps` pairs an instruction with the one
 * after it and no branch targets that one, the first's opcode becomes the pair's (ir.ts
 * "Pairs"). Nothing moves: the second instruction keeps its words, the pair skips its opcode.
 */
function pairInstructions(code: number[]): void {
  const targets = new Set<number>();
  for (let q = 0; q < code.length; q += irLength(code, q)) {
    let w = q + 1;
    for (const f of irInfo[code[q]].fields) {
      if (f === 'L') targets.add(code[w]);
      if (f === 'T') for (let j = 0; j <= code[w]; j++) targets.add(code[w + 1 + j]);
      w += f === 'k' ? 2 : f === 'v' ? 4 : f === 'T' ? 2 + code[w] : 1;
    }
  }
  for (let q = 0; q < code.length;) {
    const r = q + irLength(code, q);
    const pair = r < code.length && !targets.has(r) ? pairOps.get(code[q] * Ir.COUNT + code[r]) : undefined;
    if (pair === undefined) {
      q = r;
      continue;
    }
    code[q] = pair;
    const t = r + irLength(code, r);
    const triple = t < code.length && !targets.has(t) ? tripleOps.get(pair * Ir.COUNT + code[t]) : undefined;
    if (triple !== undefined) code[q] = triple;
    q = triple !== undefined ? t + irLength(code, t) : t;
  }
}

/**
 * Compact addresses (ir.ts): instruction → [its `_ac` form, the word offsets of its s and u
 * fields, which must all be 0].
 */
const compactAddrOps: ReadonlyMap<Ir, readonly [Ir, readonly number[]]> = new Map<Ir, readonly [Ir, readonly number[]]>([
  [Ir.load128_add, [Ir.load128_ac, [3, 5]]],
  [Ir.f32x4_mul_load_add_add_store, [Ir.f32x4_mul_load_add_add_store_ac, [4, 6, 8, 10]]],
  [Ir.i32x4_trunc_sat_mul_load_add_store, [Ir.i32x4_trunc_sat_mul_load_add_store_ac, [3, 5, 7, 9]]],
  [Ir.f32x4_mul_load_add, [Ir.f32x4_mul_load_add_ac, [4, 6]]],
  [Ir.f32x4_sub_load_add, [Ir.f32x4_sub_load_add_ac, [4, 6]]],
  [Ir.f32x4_max_min_store, [Ir.f32x4_max_min_store_ac, [5, 7]]],
  [Ir.f32x4_mul_convert_load_add, [Ir.f32x4_mul_convert_load_add_ac, [4, 6]]],
  [Ir.i32x4_abs_sub_load8x4_u, [Ir.i32x4_abs_sub_load8x4_u_ac, [4, 6]]],
  [Ir.v128_load8x4_u, [Ir.v128_load8x4_u_ac, [3, 5]]],
  [Ir.v128_store8x4_narrow, [Ir.v128_store8x4_narrow_ac, [2, 4]]],
  [Ir.i32x4_mul_load16x4_s_add, [Ir.i32x4_mul_load16x4_s_add_ac, [4, 6]]],
  [Ir.store128_add_step_br_if, [Ir.store128_add_step_br_if_ac, [2, 5]]],
  [Ir.v128_load16x4_s_add, [Ir.v128_load16x4_s_add_ac, [3, 5]]],
]);

/** The last pass: each instruction of compactAddrOps whose s and u words are 0 takes its `_ac` form. */
function compactAddresses(code: number[]): void {
  for (let q = 0; q < code.length; q += irLength(code, q)) {
    const c = compactAddrOps.get(code[q]);
    if (c !== undefined && c[1].every((k) => code[q + k] === 0)) code[q] = c[0];
  }
}

/** Loads and stores at a constant address: access → its `_abs` form. */
const absOps: ReadonlyMap<Ir, Ir> = new Map([
  [Ir.load32, Ir.load32_abs], [Ir.load64, Ir.load64_abs], [Ir.store32, Ir.store32_abs], [Ir.store64, Ir.store64_abs],
]);

/** Stores of a constant value: store → its `_imm` form. */
const storeImmOps: ReadonlyMap<Ir, Ir> = new Map([
  [Ir.store8, Ir.store8_imm], [Ir.store16, Ir.store16_imm], [Ir.store32, Ir.store32_imm], [Ir.store64, Ir.store64_imm],
]);

/**
 * The operands of i8x16_shuffle_w (ir.ts) for a shuffle whose byte i comes from byte src[i][1]
 * of register word src[i][0]: per result word two packed terms — or null when some word needs
 * more than two, or a word offset does not fit. Candidate terms: the bytes of one source word
 * that a single rotation puts in place, and the positions that copy one source byte. Bytes with
 * zero[i] set are known to be 0 (they come from a zero vector): no term covers them, and a term
 * masks them off. With perWord = 1, the operands of i8x16_shuffle_w4: one term a word.
 */
export function shuffleWordTerms(
  src: readonly (readonly [number, number])[], zero: readonly boolean[] = [], perWord = 2,
): number[] | null {
  const out: number[] = [];
  for (let j = 0; j < 4; j++) {
    const terms: { t: number; covers: number }[] = [];
    let need = 0;
    for (let p = 0; p < 4; p++) {
      if (zero[4 * j + p] === true) continue;
      need |= 1 << p;
      const [w, b] = src[4 * j + p];
      if (w >= 1 << 20) return null;
      const r = ((b - p) & 3) << 3;
      let rotCovers = 0, splatCovers = 0;
      for (let q = 0; q < 4; q++) {
        const [w2, b2] = src[4 * j + q];
        if (w2 !== w || zero[4 * j + q] === true) continue;
        if ((((b2 - q) & 3) << 3) === r) rotCovers |= 1 << q;
        if (b2 === b) splatCovers |= 1 << q;
      }
      terms.push({ t: (w << 10) | (rotCovers << 5) | r, covers: rotCovers });
      terms.push({ t: (w << 10) | (1 << 9) | (splatCovers << 5) | (b << 3), covers: splatCovers });
    }
    // A word of zeros: a term with no bytes (of a source word, which it reads but masks off).
    if (need === 0) terms.push({ t: Math.min(src[4 * j][0], (1 << 20) - 1) << 10, covers: 0 });
    // A word one term covers repeats it (terms may overlap: each is right where its mask is).
    const one = terms.find((x) => x.covers === need);
    let best: number[] | null = one !== undefined ? Array<number>(perWord).fill(one.t) : null;
    for (let x = 0; x < terms.length && best === null && perWord === 2; x++) {
      for (let y = x + 1; y < terms.length && best === null; y++) {
        if ((terms[x].covers | terms[y].covers) === need) best = [terms[x].t, terms[y].t];
      }
    }
    if (best === null) return null;
    out.push(...best);
  }
  return out;
}

/**
 * Whether an instruction in code[from, to) may read or write any of the four words of the v128
 * register r: a register operand that `overlaps` it, or a word an i8x16.shuffle selector or
 * shuffle_w term reads.
 */
function readsRegister(
  code: readonly number[], from: number, to: number, r: number, overlaps: (w: number, r: number) => boolean,
): boolean {
  for (let q = from; q < to; q += irLength(code, q)) {
    const op = code[q];
    let w = q + 1;
    for (const f of irInfo[op].fields) {
      if ((f === 'a' || f === 'd') && overlaps(code[w], r)) return true;
      if (f === 'h' && (code[w] >> 10) - r >>> 0 < 4) return true;
      if ((f === 'b' || (f === 'i' && op === Ir.i8x16_shuffle)) && (code[w] >> 5) - r >>> 0 < 4) return true;
      w += f === 'k' ? 2 : f === 'v' ? 4 : 1;
    }
  }
  return false;
}

/** Loads whose result an inline unary vector instruction may take in (see Translator.unaryLoad). */
const unaryLoads: ReadonlySet<number> = new Set([Ir.load32, Ir.load32_add, Ir.load128, Ir.load128_add]);

/** Extending v128 loads that can absorb the add computing their address: load → its `_add` form. */
const extLoadAdds: ReadonlyMap<Ir, Ir> = new Map([
  [Ir.v128_load8x8_s, Ir.v128_load8x8_s_add], [Ir.v128_load8x8_u, Ir.v128_load8x8_u_add],
  [Ir.v128_load16x4_s, Ir.v128_load16x4_s_add], [Ir.v128_load16x4_u, Ir.v128_load16x4_u_add],
]);

/** Loads that can absorb an `i32.add_imm` computing their address: load → its `_add` form. */
const addLoads: ReadonlyMap<Ir, Ir> = new Map([
  [Ir.load32, Ir.load32_add], [Ir.load64, Ir.load64_add],
  [Ir.i32_load8_s, Ir.i32_load8_s_add], [Ir.i32_load8_u, Ir.i32_load8_u_add],
  [Ir.i32_load16_s, Ir.i32_load16_s_add], [Ir.i32_load16_u, Ir.i32_load16_u_add],
]);

/**
 * SIMD instructions with an inline IR instruction (ir.ts "Hot SIMD instructions"): every IR
 * instruction from load128_add on named like a SIMD mnemonic, and the f32 forms that move the
 * same bits as their i32 twins.
 */
const simdInline: ReadonlyMap<S, Ir> = (() => {
  const m = new Map<S, Ir>();
  for (let op = Ir.load128_add; op < Ir.COUNT; op++) {
    const found = simdOps.get(irInfo[op].name);
    if (found !== undefined) m.set(found[1], op);
  }
  m.set(S.f32x4_splat, Ir.i32x4_splat);
  m.set(S.f32x4_extract_lane, Ir.i32x4_extract_lane);
  return m;
})();

/** SIMD shifts with a constant-count form: shift → [its `_imm` instruction, lane bits − 1]. */
const simdShiftImm: ReadonlyMap<S, readonly [Ir, number]> = new Map<S, readonly [Ir, number]>([
  [S.i16x8_shl, [Ir.i16x8_shl_imm, 15]], [S.i16x8_shr_s, [Ir.i16x8_shr_s_imm, 15]],
  [S.i16x8_shr_u, [Ir.i16x8_shr_u_imm, 15]], [S.i32x4_shl, [Ir.i32x4_shl_imm, 31]],
  [S.i32x4_shr_s, [Ir.i32x4_shr_s_imm, 31]], [S.i32x4_shr_u, [Ir.i32x4_shr_u_imm, 31]],
  [S.i64x2_shl, [Ir.i64x2_shl_imm, 63]], [S.i64x2_shr_u, [Ir.i64x2_shr_u_imm, 63]],
]);

/** Wasm instructions that only reinterpret bits: no code, the entry keeps its register. */
const reinterpretOps: ReadonlySet<number> = new Set([
  Op.i32_reinterpret_f32, Op.f32_reinterpret_i32, Op.i64_reinterpret_f64, Op.f64_reinterpret_i64,
]);

class Translator {
  private readonly code: number[] = [];
  private readonly stack: Entry[] = [];
  private readonly ctls: Ctl[] = [];
  private readonly localWord: number[] = [];
  private readonly localCls: Cls[] = [];
  private readonly paramWords: number;
  private readonly localWords: number;
  private maxWords: number;
  /** Position of the destination operand of the last instruction, if it produced `lastEntry`. */
  private lastDst = -1;
  private lastEntry: Entry | null = null;
  /**
   * Declared numeric locals (by register) that still hold their entry value, zero, on every path
   * to this point: writing the constant 0 to one needs no code ("known-zero locals"). Writes
   * remove a local; a loop header clears the set (its back edges come from later code).
   */
  private readonly knownZero = new Set<number>();
  /**
   * v128 locals (by register) holding zero on every path to this point: last written with a
   * `v128.const` of zero (compiled code keeps the zero vector it shuffles with in a local).
   * Other writes remove a local; a label clears the set, a loop header keeps the locals its loop
   * does not write (`loopWrites`).
   */
  private readonly zeroV128 = new Set<number>();
  /**
   * Where the last inline unary vector instruction starts, and where the load that made its
   * operand starts if its operand was the temporary a load just wrote (else −1).
   */
  private unaryLoad = { at: -1, load: -1 };
  /** The last i8x16.shuffle emitted (any form): its entry and its byte selectors (see i8x16_shuffle). */
  private lastShuffle: { entry: Entry; sels: number[] } | null = null;
  /** Where the last v128.load8x4_u was emitted (for i32x4.abs_sub_load8x4_u), or −1. */
  private lastWiden = -1;
  /** The registers of the locals each loop (by its instruction) writes anywhere inside it. */
  private readonly loopWrites = new Map<Instr, Set<number>>();
  /**
   * The last `i32.add_imm` whose result a `local.tee` retargeted into a local: its position, the
   * local, and the code length right after it (a load right behind it can absorb it, see
   * load32_tee). `lastLabel` is the latest position a branch may jump to.
   */
  private teeAdd = { pos: -1, loc: -1, end: -1 };
  /**
   * The last `i64.rotl_imm` whose result a `local.tee` retargeted into a local: its position and
   * the code length right after it (an i64.mul_imm right behind it can absorb it, see
   * i64.rotl_imm_mul_imm).
   */
  private teeRotl = { pos: -1, end: -1 };
  /** Position of the last copy32/copy64 emitted (a copy right behind it may pair with it). */
  private lastCopy = -1;
  /** Where the last f32.add_store starts (for f32.add_store2), or −1. */
  private lastAddStore = -1;
  /** Position of the last i32.add_imm a local.set retargeted (see i32.add_imm2). */
  private lastStep = -1;
  /** Position of the last i32.add_imm emitted (a branch right behind it may absorb it). */
  private lastAddImm = -1;
  /** Position of the last i32.add_imm2 formed (a step branch right behind it may absorb it). */
  private lastAddImm2 = -1;
  /** Position of the last v128.store / v128.store_add emitted (a step_br_if may absorb it). */
  private lastStore = -1;
  private lastLabel = 0;
  /** bswapTree's records of the byte-moving i64 instructions just emitted, by destination register. */
  private readonly byteMoves = new Map<number, ByteMove>();
  /** The current heads of the loops emitted so far (their back edges' target). */
  private readonly loopHeads = new Set<number>();
  /** Every position a forward branch has been patched to jump to. */
  private readonly labels = new Set<number>();
  /** With metering: the fuel charges of the body (fuelCharges); null when not metered. */
  meter: FuelCharges | null = null;
  /**
   * Constant registers: constants that a first translation wrote into registers inside a loop
   * get registers after the locals (zeroed on entry like them), set once at the function's
   * entry (a zero needs no code); an operand that is one of them reads that register instead.
   */
  private readonly constRegs = new Map<string, number>();
  private readonly pooled: [PooledConst, number][] = [];
  /**
   * Constants materialized for an operand inside a loop or more than once: what a second
   * translation gives registers.
   */
  readonly loopConsts = new Map<string, PooledConst>();
  private readonly constUses = new Map<string, number>();

  constructor(
    private readonly m: Module,
    private readonly info: ModuleInfo,
    private readonly type: FuncType,
    locals: readonly ValType[],
    pool: readonly PooledConst[],
  ) {
    let w = 0;
    for (const t of [...type.params, ...locals]) {
      const c = clsOf(t);
      this.localWord.push(w);
      this.localCls.push(c);
      w += clsWords[c];
    }
    this.paramWords = wordsOf(type.params);
    for (const k of pool) {
      this.constRegs.set(constKey(k.cls, k.lo, k.hi), w);
      this.pooled.push([k, w]);
      w += clsWords[k.cls];
    }
    this.localWords = w;
    this.maxWords = Math.max(w, wordsOf(type.results));
    for (let i = type.params.length; i < this.localCls.length; i++) {
      if (this.localCls[i] === Cls.W32 || this.localCls[i] === Cls.W64) this.knownZero.add(this.localWord[i]);
    }
  }

  run(body: readonly Instr[]): CompiledFunc {
    // The locals each loop writes (for zeroV128): every open loop's set gets each local.set/tee.
    const open: (Set<number> | null)[] = []; // per open block: its set if it is a loop
    for (const ins of body) {
      const op = ins.op;
      if (op === Op.loop) {
        const w = new Set<number>();
        this.loopWrites.set(ins, w);
        open.push(w);
      } else if (op === Op.block || op === Op.if || op === Op.try_table) {
        open.push(null);
      } else if (op === Op.end) {
        open.pop();
      } else if (op === Op.local_set || op === Op.local_tee) {
        for (const w of open) w?.add(this.localWord[ins.idx!]);
      }
    }
    this.ctls.push(this.newCtl(CtlKind.Func, [], this.type.results.map(clsOf), 0));
    let skip = 0; // nesting depth of blocks opened inside skipped (unreachable) code
    if (this.meter !== null) this.emit(Ir.meter, this.meter.entry);
    for (const [k, reg] of this.pooled) if (k.lo !== 0 || k.hi !== 0) this.emitConst(k.cls, reg, k.lo, k.hi);
    for (const ins of body) {
      if (this.top().unreachable) {
        const op = ins.op;
        if (op === Op.block || op === Op.loop || op === Op.if || op === Op.try_table) skip++;
        else if (op === Op.end && skip > 0) skip--;
        else if ((op === Op.end || op === Op.else) && skip === 0) this.instr(ins);
        continue;
      }
      this.instr(ins);
    }
    // The implicit final `end` of the body.
    if (!this.top().unreachable) this.emitReturn(true);
    pairInstructions(this.code);
    compactAddresses(this.code);
    let refLocals = false;
    for (let i = this.type.params.length; i < this.localCls.length; i++) {
      if (this.localCls[i] === Cls.Ref) refLocals = true;
    }
    return {
      code: Int32Array.from(this.code),
      paramWords: this.paramWords,
      localWords: this.localWords,
      frameWords: this.maxWords,
      refLocals,
    };
  }

  // ── Stack simulation ──────────────────────────────────────────────────────────────────────

  private top(): Ctl {
    return this.ctls[this.ctls.length - 1];
  }

  private nextHome(): number {
    const s = this.stack;
    if (s.length === 0) return this.localWords;
    const t = s[s.length - 1];
    return t.home + clsWords[t.cls];
  }

  private push(cls: Cls, kind: Kind, loc = 0, lo = 0, hi = 0): Entry {
    const e: Entry = { cls, kind, home: this.nextHome(), loc, lo, hi, pos: -1 };
    this.stack.push(e);
    this.maxWords = Math.max(this.maxWords, e.home + clsWords[cls]);
    return e;
  }

  private pop(): Entry {
    return this.stack.pop()!;
  }

  private peek(depth = 0): Entry {
    return this.stack[this.stack.length - 1 - depth];
  }

  // ── Emission ──────────────────────────────────────────────────────────────────────────────

  private emit(...words: number[]): void {
    // Anything but a byte-moving i64 instruction ends the run bswapTree looks at.
    if (this.byteMoves.size > 0 && !byteMoveOps.has(words[0])) this.byteMoves.clear();
    for (const w of words) this.code.push(w);
    this.lastDst = -1;
  }

  /** Emits `op` writing a new Temp entry of class `cls`: `[op, home, ...operands]`. */
  private produce(op: Ir, cls: Cls, ...operands: number[]): void {
    const e = this.push(cls, Kind.Temp);
    if (op === Ir.i32_add_imm) this.lastAddImm = this.code.length;
    e.pos = this.code.length;
    this.emit(op, e.home, ...operands);
    this.lastDst = this.code.length - operands.length - 1;
    this.lastEntry = e;
    if (byteMoveOps.has(op)) this.bswapTree(op, e, operands);
  }

  /**
   * i64.bswap (ir.ts): tracks which bytes of which register each value the byte-moving i64
   * instructions just emitted (byteMoveOps: shifts by whole bytes, masks of whole bytes, ors
   * of disjoint bytes) holds; when one holds the bytes of a register in reverse order and the
   * instructions computing it are all the code since its first one (no label between), they
   * become one i64.bswap. Why: Wasm has no byte swap, so LLVM writes a 64-bit one as 15
   * shifts, masks and ors (a big-endian load), 23 dispatches per word in sha512.
   */
  private bswapTree(op: Ir, e: Entry, operands: number[]): void {
    const code = this.code, pos = e.pos;
    // A register's bytes as a permutation: the record of the value it holds if one of these
    // instructions wrote it, else its own bytes in place (from no instruction).
    const of = (r: number): ByteMove => this.byteMoves.get(r) ?? { src: r, bytes: [0, 1, 2, 3, 4, 5, 6, 7], start: pos, n: 0 };
    const shift = (m: ByteMove, k: number, left: boolean): ByteMove | null => {
      if ((k & 7) !== 0) return null;
      const b = k >> 3;
      return { ...m, bytes: m.bytes.map((_, i) => (left ? (i - b >= 0 ? m.bytes[i - b] : -1) : (i + b < 8 ? m.bytes[i + b] : -1))) };
    };
    const mask = (m: ByteMove | null, lo: number, hi: number): ByteMove | null => {
      if (m === null) return null;
      const bytes = m.bytes.slice();
      for (let i = 0; i < 8; i++) {
        const v = ((i < 4 ? lo : hi) >>> ((i & 3) * 8)) & 0xff;
        if (v === 0) bytes[i] = -1;
        else if (v !== 0xff) return null;
      }
      return { ...m, bytes };
    };
    const or = (a: ByteMove | null, b: ByteMove | null): ByteMove | null => {
      if (a === null || b === null || a.src !== b.src || a.bytes.some((x, i) => x >= 0 && b.bytes[i] >= 0)) return null;
      return { src: a.src, bytes: a.bytes.map((x, i) => (x >= 0 ? x : b.bytes[i])), start: Math.min(a.start, b.start), n: a.n + b.n };
    };
    let m: ByteMove | null;
    switch (op) {
      case Ir.i64_shl_imm: case Ir.i64_shr_u_imm: m = shift(of(operands[0]), operands[1], op === Ir.i64_shl_imm); break;
      case Ir.i64_and_imm: m = mask(of(operands[0]), operands[1], operands[2]); break;
      case Ir.i64_shl_and_imm: case Ir.i64_shr_u_and_imm:
        m = mask(shift(of(operands[0]), operands[1], op === Ir.i64_shl_and_imm), operands[2], operands[3]);
        break;
      case Ir.i64_shl_and_imm_or: case Ir.i64_shr_u_and_imm_or:
        m = or(of(operands[0]), mask(shift(of(operands[1]), operands[2], op === Ir.i64_shl_and_imm_or), operands[3], operands[4]));
        break;
      default: m = or(of(operands[0]), of(operands[1])); // i64.or
    }
    if (m === null) {
      this.byteMoves.delete(e.home);
      return;
    }
    m = { ...m, start: Math.min(m.start, pos), n: m.n + 1 };
    if (m.bytes.join() !== '7,6,5,4,3,2,1,0' || this.lastLabel > m.start) {
      this.byteMoves.set(e.home, m);
      return;
    }
    let count = 0;
    for (let q = m.start; q < code.length; q += irLength(code, q)) count++;
    if (count !== m.n) return;
    code.length = m.start;
    this.byteMoves.clear();
    this.forgetPositions();
    e.pos = code.length;
    this.emit(Ir.i64_bswap, e.home, m.src);
    this.lastDst = code.length - 2;
    this.lastEntry = e;
  }

  private emitConst(cls: Cls, dst: number, lo: number, hi: number): void {
    switch (cls) {
      case Cls.W32: this.emit(Ir.const32, dst, lo); break;
      case Cls.W64: this.emit(Ir.const64, dst, lo, hi); break;
      case Cls.Ref: this.emit(Ir.ref_null, dst); break;
      default: throw unsupported('v128 values');
    }
  }

  private emitCopy(cls: Cls, dst: number, src: number): void {
    if (dst === src) return;
    const op = copyOp[cls], pair = copyPairOp.get(op), last = this.lastCopy;
    if (pair !== undefined && last === this.code.length - 3 && this.code[last] === op && this.lastLabel <= last) {
      // Right behind a copy of the same class, with no label between: one copy*x2.
      this.code[last] = pair;
      this.emit(dst, src);
      return;
    }
    if (pair !== undefined && last === this.code.length - 5 && this.code[last] === pair && this.lastLabel <= last) {
      // Right behind such a pair: one copy*x3.
      this.code[last] = copyTripleOp.get(pair)!;
      this.emit(dst, src);
      this.lastCopy = -1;
      return;
    }
    this.emit(op, dst, src);
    this.lastCopy = this.code.length - 3;
  }

  /** Puts a deferred entry's value into its home register. */
  private materialize(e: Entry): void {
    if (e.kind === Kind.Local) this.emitCopy(e.cls, e.home, e.loc);
    else if (e.kind === Kind.Const) this.emitConst(e.cls, e.home, e.lo, e.hi);
    e.kind = Kind.Temp;
  }

  /** The register holding an operand's value (a constant is materialized first). */
  private src(e: Entry): number {
    if (e.kind === Kind.Const && (e.cls === Cls.W32 || e.cls === Cls.W64)) {
      const key = constKey(e.cls, e.lo, e.hi), reg = this.constRegs.get(key);
      if (reg !== undefined) return reg;
      const seen = this.constUses.get(key);
      const inLoop = this.ctls.some((c) => c.kind === CtlKind.Loop);
      if (inLoop || seen !== undefined) this.loopConsts.set(key, { cls: e.cls, lo: e.lo, hi: e.hi });
      this.constUses.set(key, 1);
    }
    if (e.kind === Kind.Const) this.materialize(e);
    return e.kind === Kind.Local ? e.loc : e.home;
  }

  /** Materializes every entry that names local register `loc` (before the local is written). */
  private saveLocal(loc: number): void {
    for (const e of this.stack) if (e.kind === Kind.Local && e.loc === loc) this.materialize(e);
  }

  private namesLocal(loc: number): boolean {
    return this.stack.some((e) => e.kind === Kind.Local && e.loc === loc);
  }

  /**
   * Copies `vals` into consecutive registers from `dst`, in ascending order, without changing the
   * simulation (so it can sit on one path only, e.g. behind a br_if). Temporaries are safe in
   * this order: a value's home is never below its destination. A local is not, when the
   * destinations are the function's first registers (a return): a local that an earlier copy
   * overwrites is first saved to its home.
   */
  private moveValues(vals: readonly Entry[], dst: number): void {
    const dsts: number[] = [];
    for (const e of vals) {
      dsts.push(dst);
      dst += clsWords[e.cls];
    }
    const overwritten = (loc: number, i: number): boolean =>
      vals.slice(0, i).some((e, j) => loc >= dsts[j] && loc < dsts[j] + clsWords[e.cls]);
    const srcs = vals.map((e, i) => {
      if (e.kind !== Kind.Local) return e.home;
      if (!overwritten(e.loc, i)) return e.loc;
      this.emitCopy(e.cls, e.home, e.loc);
      return e.home;
    });
    vals.forEach((e, i) => {
      if (e.kind === Kind.Const) this.emitConst(e.cls, dsts[i], e.lo, e.hi);
      else this.emitCopy(e.cls, dsts[i], srcs[i]);
    });
  }

  /** Whether `vals` already sit in their destinations from `dst` on. */
  private inPlace(vals: readonly Entry[], dst: number): boolean {
    for (const e of vals) {
      if (e.kind !== Kind.Temp || e.home !== dst) return false;
      dst += clsWords[e.cls];
    }
    return true;
  }

  private topValues(n: number): Entry[] {
    return this.stack.slice(this.stack.length - n);
  }

  // ── Control ───────────────────────────────────────────────────────────────────────────────

  private newCtl(kind: CtlKind, params: readonly Cls[], results: readonly Cls[], height: number): Ctl {
    const base = height < this.stack.length ? this.stack[height].home : this.nextHome();
    return {
      kind, params, results, height, base, startPc: this.code.length, fixups: [], elseFixup: -1,
      unreachable: false,
    };
  }

  private blockType(bt: BlockType | undefined): [Cls[], Cls[]] {
    if (bt === null || bt === undefined) return [[], []];
    if (typeof bt === 'number') {
      const ft = funcTypeAt(this.m, bt);
      return [ft.params.map(clsOf), ft.results.map(clsOf)];
    }
    return [[], [clsOf(bt)]];
  }

  /** Entering a block: deferred locals anywhere, and the block's own parameters, go home. */
  private enterBlock(kind: CtlKind, bt: BlockType | undefined): Ctl {
    const [params, results] = this.blockType(bt);
    const height = this.stack.length - params.length;
    this.stack.forEach((e, i) => {
      if (e.kind === Kind.Local || (i >= height && e.kind === Kind.Const)) this.materialize(e);
    });
    const ctl = this.newCtl(kind, params, results, height);
    this.ctls.push(ctl);
    this.lastDst = -1;
    return ctl;
  }

  /** Resets the simulated stack to `ctl`'s height plus `vals` as Temp entries in their homes. */
  private resetStack(ctl: Ctl, vals: readonly Cls[]): void {
    this.stack.length = ctl.height;
    for (const c of vals) this.push(c, Kind.Temp);
    this.lastDst = -1;
  }

  private labelArity(ctl: Ctl): readonly Cls[] {
    return ctl.kind === CtlKind.Loop ? ctl.params : ctl.results;
  }

  /** Emits `[op, ...prefix, target]`, the target being `ctl`'s label (patched later if forward). */
  private emitBranch(op: Ir, ctl: Ctl, ...prefix: number[]): void {
    const [fused, step] = this.withStep(op);
    this.emit(fused, ...step, ...prefix, ctl.kind === CtlKind.Loop ? ctl.startPc : -1);
    if (ctl.kind !== CtlKind.Loop) ctl.fixups.push(this.code.length - 1);
  }

  /** Emits `[op, ...operands, -1]`, a conditional jump whose target is patched later. */
  private emitJump(op: Ir, operands: readonly number[]): void {
    const [fused, step] = this.withStep(op);
    this.emit(fused, ...step, ...operands, -1);
  }

  /**
   * Step and branch (ir.ts): a branch right behind an i32.add_imm, with no label between, takes
   * the add in. Returns the op to emit and the words that go before the branch's operands.
   */
  private withStep(op: Ir): [Ir, number[]] {
    const fused = stepBranches.get(op), p = this.lastAddImm;
    if (fused === undefined || p < 0 || p !== this.code.length - 4 || this.code[p] !== Ir.i32_add_imm ||
      this.lastLabel > p) {
      const three = fused === undefined ? undefined : step3Branches.get(fused), q = this.lastAddImm2;
      if (three !== undefined && q >= 0 && q === this.code.length - 7 && this.code[q] === Ir.i32_add_imm2 &&
        this.lastLabel <= q) {
        // Right behind an i32.add_imm2: its two steps, a third adding 0, and the branch.
        const steps = this.code.slice(q + 1);
        this.code.length = q;
        this.lastAddImm2 = -1;
        return [three, [...steps, steps[0], steps[0], 0]];
      }
      return [op, []];
    }
    const step = this.code.slice(p + 1);
    this.code.length = p;
    this.lastAddImm = -1;
    const three = step3Branches.get(fused), q = this.lastAddImm2, r = this.lastStep;
    if (three !== undefined && q >= 0 && q === p - 7 && this.code[q] === Ir.i32_add_imm2 && this.lastLabel <= q) {
      // Behind an i32.add_imm2 too: three steps and the branch.
      const steps = this.code.slice(q + 1);
      this.code.length = q;
      this.lastAddImm2 = -1;
      return [three, [...steps, ...step]];
    }
    if (three !== undefined && r >= 0 && r === p - 4 && this.code[r] === Ir.i32_add_imm && this.lastLabel <= r) {
      // Behind another step of a local: its destination again, plus 0, is the third step.
      const first = this.code.slice(r + 1);
      this.code.length = r;
      this.lastStep = -1;
      return [three, [...first, first[0], first[0], 0, ...step]];
    }
    const st = this.lastStore, stOp = st >= 0 ? this.code[st] : -1;
    if (fused === Ir.step_br_if && this.lastLabel <= st && (stOp === Ir.store128 || stOp === Ir.store128_add) &&
      st + irLength(this.code, st) === p) {
      // A v128 store right before the add: it joins too.
      const store = this.code.slice(st + 1);
      this.code.length = st;
      this.lastStore = -1;
      return [stOp === Ir.store128 ? Ir.store128_step_br_if : Ir.store128_add_step_br_if, [...store, ...step]];
    }
    return [fused, step];
  }

  private patch(pos: number): void {
    this.code[pos] = this.code.length;
    this.lastLabel = this.code.length;
    this.labels.add(this.code.length);
    this.zeroV128.clear();
  }

  /**
   * Moves the function's results into r0… and returns (spec §4.4.8 return). `fuse`: when the
   * path is unconditional and the single result was just produced, the producer writes r0
   * directly ("fused return").
   */
  private emitReturn(fuse: boolean): void {
    const vals = this.topValues(this.type.results.length);
    if (fuse && vals.length === 1 && this.isLastProduced(vals[0])) {
      this.code[this.lastDst] = 0;
      this.byteMoves.clear();
    } else {
      this.moveValues(vals, 0);
    }
    this.emit(Ir.return);
  }

  /** Whether `e` is the value the last emitted instruction wrote (so its destination can move). */
  private isLastProduced(e: Entry): boolean {
    return e.kind === Kind.Temp && this.lastDst >= 0 && this.lastEntry === e;
  }

  /**
   * Pops a branch condition. When it is an i32 comparison (or `i32.eqz`) emitted just before,
   * that instruction is dropped and the branch does the comparison itself on the same operands
   * ("fused compare-and-branch"); otherwise the branch tests the condition's register.
   */
  private popCondition(): Cond {
    const c = this.peek();
    if (this.isLastProduced(c)) {
      const fused = fusedBranches.get(this.code[this.lastDst - 1]);
      if (fused !== undefined) {
        const operands = this.code.slice(this.lastDst + 1);
        this.code.length = this.lastDst - 1;
        this.pop();
        this.lastDst = -1;
        return { ifTrue: fused[0], ifFalse: fused[1], operands };
      }
    }
    return { ifTrue: Ir.br_if, ifFalse: Ir.br_unless, operands: [this.src(this.pop())] };
  }

  /** An unconditional branch to label `depth` (spec §4.4.8 br). */
  private emitBr(depth: number): void {
    const target = this.ctls[this.ctls.length - 1 - depth];
    if (target.kind === CtlKind.Func) {
      this.emitReturn(true);
    } else {
      this.moveValues(this.topValues(this.labelArity(target).length), target.base);
      this.emitBranch(Ir.br, target);
    }
  }

  private setUnreachable(): void {
    this.top().unreachable = true;
    this.lastDst = -1;
  }

  // ── Instructions ──────────────────────────────────────────────────────────────────────────

  private instr(ins: Instr): void {
    const op = ins.op;
    switch (op) {
      // Control (spec §4.4.8)
      case Op.unreachable:
        this.emit(Ir.unreachable);
        this.setUnreachable();
        return;
      case Op.nop:
        return;
      case Op.block:
        this.enterBlock(CtlKind.Block, ins.bt);
        return;
      case Op.loop:
        this.enterBlock(CtlKind.Loop, ins.bt);
        this.lastLabel = this.code.length;
        this.loopHeads.add(this.code.length);
        this.knownZero.clear();
        for (const r of this.loopWrites.get(ins) ?? []) this.zeroV128.delete(r);
        if (this.meter !== null) this.emit(Ir.meter, this.meter.loops.get(ins) ?? 0);
        return;
      case Op.if: {
        const c = this.popCondition();
        const ctl = this.enterBlock(CtlKind.If, ins.bt);
        this.emitJump(c.ifFalse, c.operands);
        ctl.elseFixup = this.code.length - 1;
        return;
      }
      case Op.else: {
        const ctl = this.top();
        if (!ctl.unreachable) {
          for (const e of this.topValues(ctl.results.length)) this.materialize(e);
          this.emitBranch(Ir.br, ctl);
        }
        this.patch(ctl.elseFixup);
        ctl.elseFixup = -1;
        ctl.kind = CtlKind.Else;
        ctl.unreachable = false;
        this.resetStack(ctl, ctl.params);
        return;
      }
      case Op.end: {
        const ctl = this.ctls.pop()!;
        if (!ctl.unreachable) for (const e of this.topValues(ctl.results.length)) this.materialize(e);
        if (ctl.elseFixup >= 0) this.patch(ctl.elseFixup);
        for (const pos of ctl.fixups) this.patch(pos);
        this.resetStack(ctl, ctl.results);
        if (ctl.kind === CtlKind.Loop && this.meter === null) this.hoistConsts(ctl.startPc);
        return;
      }
      case Op.br:
        this.emitBr(ins.idx!);
        this.setUnreachable();
        return;
      case Op.br_if:
        this.brIf(ins.idx!);
        return;
      case Op.br_table:
        this.brTable([...ins.labels!, ins.idx!]);
        return;
      case Op.return:
        this.emitReturn(true);
        this.setUnreachable();
        return;
      case Op.call: {
        const base = this.callArgs(this.info.funcTypes[ins.idx!]);
        this.emit(Ir.call, ins.idx!, base);
        this.callResults(this.info.funcTypes[ins.idx!]);
        return;
      }
      case Op.call_indirect: {
        this.tableIndex(ins.idx2!);
        const ft = funcTypeAt(this.m, ins.idx!);
        const index = this.src(this.pop());
        const base = this.callArgs(ft);
        this.emit(Ir.call_indirect, this.info.typeIds[ins.idx!], ins.idx2!, index, base);
        this.callResults(ft);
        return;
      }

      case Op.call_ref: {
        const ft = funcTypeAt(this.m, ins.idx!);
        const ref = this.src(this.pop());
        const base = this.callArgs(ft);
        this.emit(Ir.call_ref, ref, base);
        this.callResults(ft);
        return;
      }
      // Tail calls (3.0): the arguments go to r0…, then the callee replaces this frame.
      case Op.return_call:
        this.moveValues(this.topValues(this.info.funcTypes[ins.idx!].params.length), 0);
        this.emit(Ir.return_call, ins.idx!);
        this.setUnreachable();
        return;
      case Op.return_call_indirect: {
        this.tableIndex(ins.idx2!);
        const index = this.homeOf(this.pop());
        this.moveValues(this.topValues(funcTypeAt(this.m, ins.idx!).params.length), 0);
        this.emit(Ir.return_call_indirect, this.info.typeIds[ins.idx!], ins.idx2!, index);
        this.setUnreachable();
        return;
      }
      case Op.return_call_ref: {
        const ref = this.homeOf(this.pop());
        this.moveValues(this.topValues(funcTypeAt(this.m, ins.idx!).params.length), 0);
        this.emit(Ir.return_call_ref, ref);
        this.setUnreachable();
        return;
      }

      // Typed references (3.0)
      case Op.ref_as_non_null:
        this.emit(Ir.ref_as_non_null, this.src(this.peek()));
        return;
      case Op.ref_eq: {
        const b = this.pop(), a = this.pop();
        const sa = this.src(a), sb = this.src(b);
        this.produce(Ir.ref_eq, Cls.W32, sa, sb);
        return;
      }
      case Op.br_on_null: {
        // [t* ref] → branch with t* if ref is null, else continue with ref (now non-null).
        const ref = this.pop();
        this.condBranch(ins.idx!, { ifTrue: Ir.br_on_null, ifFalse: Ir.br_on_non_null, operands: [this.src(ref)] });
        this.stack.push(ref);
        return;
      }
      case Op.br_on_non_null: {
        // [t* ref] → branch with t* ref if ref is non-null, else continue with t*.
        const ref = this.src(this.peek());
        this.condBranch(ins.idx!, { ifTrue: Ir.br_on_non_null, ifFalse: Ir.br_on_null, operands: [ref] });
        this.pop();
        return;
      }

      // Parametric (spec §4.4.4)
      case Op.drop:
        this.pop();
        return;
      case Op.select:
      case Op.select_t: {
        const c = this.pop(), b = this.pop(), a = this.pop();
        const sa = this.src(a), sb = this.src(b), sc = this.src(c);
        this.produce(selectOp[a.cls], a.cls, sa, sb, sc);
        return;
      }

      // Variables (spec §4.4.5)
      case Op.local_get:
        this.push(this.localCls[ins.idx!], Kind.Local, this.localWord[ins.idx!]);
        return;
      case Op.local_set:
      case Op.local_tee:
        this.setLocal(this.localWord[ins.idx!], op === Op.local_tee);
        return;
      case Op.global_get: {
        const cls = this.info.globalCls[ins.idx!];
        this.produce(globalGetOp[cls], cls, ins.idx!);
        return;
      }
      case Op.global_set: {
        const v = this.pop();
        this.emit(globalSetOp[v.cls], ins.idx!, this.src(v));
        return;
      }

      // Tables (spec §4.4.6)
      case Op.table_get: {
        this.tableIndex(ins.idx!);
        const i = this.src(this.pop());
        this.produce(Ir.table_get, Cls.Ref, ins.idx!, i);
        return;
      }
      case Op.table_set: {
        this.tableIndex(ins.idx!);
        const v = this.src(this.pop()), i = this.src(this.pop());
        this.emit(Ir.table_set, ins.idx!, i, v);
        return;
      }
      case Op.table_size:
        this.tableIndex(ins.idx!);
        this.produce(Ir.table_size, Cls.W32, ins.idx!);
        return;
      case Op.table_grow: {
        this.tableIndex(ins.idx!);
        const n = this.src(this.pop()), init = this.src(this.pop());
        this.produce(Ir.table_grow, Cls.W32, ins.idx!, init, n);
        return;
      }
      case Op.table_fill: {
        this.tableIndex(ins.idx!);
        const [i, v, n] = this.srcs(3);
        this.emit(Ir.table_fill, ins.idx!, i, v, n);
        return;
      }
      case Op.table_copy: {
        this.tableIndex(ins.idx!, ins.idx2!);
        const [d, s, n] = this.srcs(3);
        this.emit(Ir.table_copy, ins.idx!, ins.idx2!, d, s, n);
        return;
      }
      case Op.table_init: {
        this.tableIndex(ins.idx2!);
        const [d, s, n] = this.srcs(3);
        this.emit(Ir.table_init, ins.idx!, ins.idx2!, d, s, n);
        return;
      }
      case Op.elem_drop:
        this.emit(Ir.elem_drop, ins.idx!);
        return;

      // Memory (spec §4.4.7)
      case Op.memory_size:
        this.memIndex(ins.idx!);
        this.produce(Ir.memory_size, Cls.W32);
        return;
      case Op.memory_grow: {
        this.memIndex(ins.idx!);
        const n = this.src(this.pop());
        this.produce(Ir.memory_grow, Cls.W32, n);
        return;
      }
      case Op.memory_fill: {
        this.memIndex(ins.idx!);
        const [d, v, n] = this.srcs(3);
        this.emit(Ir.memory_fill, d, v, n);
        return;
      }
      case Op.memory_copy: {
        this.memIndex(ins.idx!);
        this.memIndex(ins.idx2!);
        const [d, s, n] = this.srcs(3);
        this.emit(Ir.memory_copy, d, s, n);
        return;
      }
      case Op.memory_init: {
        this.memIndex(ins.idx2!);
        const [d, s, n] = this.srcs(3);
        this.emit(Ir.memory_init, ins.idx!, d, s, n);
        return;
      }
      case Op.data_drop:
        this.emit(Ir.data_drop, ins.idx!);
        return;

      // References (spec §4.4.2)
      case Op.ref_null:
        this.push(Cls.Ref, Kind.Const);
        return;
      case Op.ref_is_null: {
        const a = this.src(this.pop());
        this.produce(Ir.ref_is_null, Cls.W32, a);
        return;
      }
      case Op.ref_func:
        this.produce(Ir.ref_func, Cls.Ref, ins.idx!);
        return;

      // Constants (spec §4.4.1): deferred.
      case Op.i32_const:
        this.push(Cls.W32, Kind.Const, 0, ins.value as number);
        return;
      case Op.f32_const:
        this.push(Cls.W32, Kind.Const, 0, ins.value as number);
        return;
      case Op.i64_const:
      case Op.f64_const: {
        const v = ins.value as bigint;
        this.push(Cls.W64, Kind.Const, 0, Number(BigInt.asIntN(32, v)), Number(BigInt.asIntN(32, v >> 32n)));
        return;
      }
      case Op.i32_wrap_i64: {
        // The low word of an i64 register is the wrapped i32: the entry just changes class.
        const e = this.pop();
        this.push(Cls.W32, e.kind, e.loc, e.lo);
        this.lastDst = -1;
        return;
      }
    }
    if (op >>> 16 === 0xfd) {
      this.simd(ins);
      return;
    }
    if (reinterpretOps.has(op)) return;
    if (memOps.has(op) || (opInfo.get(op)?.imm === 'memarg' && irOfWasm.has(op))) {
      this.memAccess(ins, memOps.get(op) ?? irOfWasm.get(op)!);
      return;
    }
    const ir = irOfWasm.get(op);
    const sig = opInfo.get(op)?.sig;
    if (ir !== undefined && sig !== undefined) {
      this.numeric(op, ir, sig.params.length, clsOf(sig.results[0]));
      return;
    }
    throw unsupported(opName(op));
  }

  /** Pops n operands and returns their registers, bottom first. */
  private srcs(n: number): number[] {
    const es = this.stack.splice(this.stack.length - n, n);
    return es.map((e) => this.src(e));
  }

  /** Checks that memory `mem` is one the memory instructions handle: memory 0, 32-bit. */
  private memIndex(mem: number | undefined): void {
    if (mem !== undefined && mem !== 0) throw unsupported('multiple memories');
    if (this.info.memAddr[0] === 'i64') throw unsupported('64-bit memories');
  }

  /**
   * Loop-invariant v128 constants (ir.ts const128; RATIONALE "Why inline the hot SIMD
   * instructions?"), at the `end` of the loop whose head is at `head`: a const128 among the loop's
   * first instructions — before any branch, call, meter, global access or other loop's head, so
   * it runs on every iteration before anything else can happen — whose register no other
   * instruction of the loop writes and no instruction before it in the loop reads, moves to the
   * head, and the loop's back edges jump past it: it runs once on entry instead of each time round.
   * The loop must not call (a call writes its results, and its callee's frame, above its
   * arguments). Code length and every position outside the moved prefix stay as they were.
   */
  private hoistConsts(head: number): void {
    const code = this.code, end = code.length;
    if (this.stack.some((e) => e.pos >= head)) return;
    // How many instructions of the loop write each register (by its first word).
    const writes = new Map<number, number>();
    for (let q = head; q < end; q += irLength(code, q)) {
      const op = code[q];
      if (op === Ir.call || op === Ir.call_indirect || op === Ir.call_ref) return;
      let w = q + 1;
      for (const f of irInfo[op].fields) {
        if (f === 'd') writes.set(code[w], (writes.get(code[w]) ?? 0) + 1);
        w += f === 'k' ? 2 : f === 'v' ? 4 : f === 'T' ? 2 + code[w] : 1;
      }
    }
    // Whether a register at word w (a local: its own size; a temporary: up to four words) may
    // overlap the four words of r, and how many writes of the loop may.
    const overlaps = (w: number, r: number): boolean => {
      const i = w < this.localWords ? this.localWord.indexOf(w) : -1;
      return w < r + 4 && w + (i >= 0 ? clsWords[this.localCls[i]] : 4) > r;
    };
    const writesOf = (r: number): number => {
      let n = 0;
      for (let w = r - 3; w < r + 4; w++) if (writes.has(w) && overlaps(w, r)) n += writes.get(w)!;
      return n;
    };
    let start = head;
    // The prefix scanned is bounded (each constant rescans it for reads): 4096 words.
    for (let q = head, next = q; q < end && q - head < 4096; q = next) {
      const op = code[q];
      if ((q > head && this.loopHeads.has(q)) || op === Ir.meter || op === Ir.return || op === Ir.unreachable ||
        op === Ir.return_call_ref || /[LTfytesg]/.test(irInfo[op].fields)) break;
      next = q + irLength(code, q);
      if (op !== Ir.const128) continue;
      const r = code[q + 1];
      if (writesOf(r) !== 1 || readsRegister(code, start, q, r, overlaps)) {
        // A temporary the loop also uses for other values: the constant gets a register of its
        // own, which its one reader (the instruction that pops it) reads instead.
        if (r < this.localWords || !this.redirectConst(q, r, next, end)) continue;
      }
      // [start, q) moves up by the constant's six words; the instruction after it stays at q + 6.
      const c = code.slice(q, q + 6);
      code.splice(q, 6);
      code.splice(start, 0, ...c);
      start += 6;
    }
    if (start === head) return;
    for (let q = start; q < end; q += irLength(code, q)) {
      let w = q + 1;
      for (const f of irInfo[code[q]].fields) {
        if (f === 'L' && code[w] === head) code[w] = start;
        if (f === 'T') for (let j = 0; j <= code[w]; j++) if (code[w + 1 + j] === head) code[w + 1 + j] = start;
        w += f === 'k' ? 2 : f === 'v' ? 4 : f === 'T' ? 2 + code[w] : 1;
      }
    }
    this.loopHeads.delete(head);
    this.loopHeads.add(start);
    // Positions the peepholes remember may have moved: forget them.
    this.lastLabel = Math.max(this.lastLabel, start);
    this.forgetPositions();
    this.lastDst = -1;
    this.lastEntry = null;
  }

  /**
   * For hoistConsts: the const128 at `q` writes temporary r, popped by the first instruction after
   * it that touches r (from `from` on, before `end`). When that reader comes before any branch,
   * label, call or meter, is not a copy (a copy before a branch moves a value the fall-through
   * keeps) and reads r as a whole register, a word shuffle term or shuffle selectors, the
   * constant is given a new register above the frame's others and the reader reads it there
   * (true); otherwise nothing changes (false).
   */
  private redirectConst(q: number, r: number, from: number, end: number): boolean {
    const code = this.code;
    const fresh = this.maxWords + (this.maxWords & 1);
    if (fresh + 4 > 1 << 20) return false;
    for (let p = from; p < end; p += irLength(code, p)) {
      const op = code[p];
      if (this.loopHeads.has(p) || this.labels.has(p) || op === Ir.meter || op === Ir.return ||
        op === Ir.unreachable || op === Ir.call_ref || op === Ir.return_call_ref || /[LTfytesg]/.test(irInfo[op].fields)) {
        return false;
      }
      const fields = irInfo[op].fields;
      const reads: number[] = [];
      let touches = false, w = p + 1;
      for (const f of fields) {
        const x = code[w];
        if (f === 'a' && x === r) reads.push(w);
        else if ((f === 'a' || f === 'd') && x < r + 4 && x + 4 > r) touches = true;
        else if (f === 'h' && (x >> 10) - r >>> 0 < 4) reads.push(w);
        else if ((f === 'b' || (f === 'i' && op === Ir.i8x16_shuffle)) && (x >> 5) - r >>> 0 < 4) reads.push(w);
        w += f === 'k' ? 2 : f === 'v' ? 4 : 1;
      }
      if (reads.length === 0 && !touches) continue;
      // The reader: every field touching r must be a whole-register read, and not a copy's.
      if (op === Ir.copy128 || reads.length === 0) return false;
      for (let v = p + 1, fi = 0; fi < fields.length; fi++) {
        if (fields[fi] === 'a' && code[v] !== r && code[v] < r + 4 && code[v] + 4 > r) return false;
        v += fields[fi] === 'k' ? 2 : fields[fi] === 'v' ? 4 : 1;
      }
      for (const at of reads) {
        const x = code[at], f = fields[this.fieldIndex(op, at - p)];
        code[at] = f === 'a' ? fresh : f === 'h' ? x + ((fresh - r) << 10) : x + ((fresh - r) << 5);
      }
      code[q + 1] = fresh;
      this.maxWords = fresh + 4;
      return true;
    }
    return false;
  }

  /** The index in `irInfo[op].fields` of the field at word `offset` of an instruction (offset ≥ 1). */
  private fieldIndex(op: Ir, offset: number): number {
    let w = 1;
    const fields = irInfo[op].fields;
    for (let i = 0; i < fields.length; i++) {
      if (w === offset) return i;
      w += fields[i] === 'k' ? 2 : fields[i] === 'v' ? 4 : 1;
    }
    throw new Error('internal error: no such field');
  }

  /** Checks that table `t` has 32-bit indices (the table instructions read u32 operands). */
  private tableIndex(...tables: number[]): void {
    for (const t of tables) if (this.info.tableAddr[t] === 'i64') throw unsupported('64-bit tables');
  }

  /**
   * SIMD instructions (spec §4.4.3, §4.4.7): v128.const / load / store and i8x16.shuffle have
   * IR instructions of their own; every other one is a `simd_*` instruction of its operand shape
   * carrying the instruction's number in exec/simd.ts. v128 constants are not deferred.
   */
  private simd(ins: Instr): void {
    const name = opName(ins.op);
    const sig = opInfo.get(ins.op)!.sig!;
    const result = sig.results.length > 0 ? clsOf(sig.results[0]) : Cls.V128;
    switch (name) {
      case 'v128.const':
        this.produce(Ir.const128, Cls.V128, ...v128Words(ins.bytes!));
        return;
      case 'v128.load':
        this.load128(ins);
        return;
      case 'v128.store':
        this.memAccess(ins, Ir.store128);
        return;
      case 'i8x16.shuffle': {
        // Lane index j selects byte j mod 16 of a (j < 16) or b: its word and bit offset. When an
        // operand was just made by an i32x4.splat (a broadcast before a shuffle), the splat is
        // dropped and the shuffle reads its scalar instead: all four words of that operand are it.
        let splatA = -1, splatB = -1, load = -1;
        const splatIn = this.isLastProduced(this.peek()) ? 0 : this.isLastProduced(this.peek(1)) ? 1 : -1;
        if (splatIn >= 0 && this.code[this.lastDst - 1] === Ir.i32x4_splat) {
          const x = this.code[this.lastDst + 1], at = this.lastDst - 1, c = this.code;
          if (splatIn === 0) splatB = x;
          else splatA = x;
          c.length = at;
          this.lastDst = -1;
          // The splatted scalar just loaded into a temporary (its one reader was the splat): the
          // load may join the shuffle (v128.load32_shuffle, below).
          const p = this.unaryLoad.at === at ? this.unaryLoad.load : -1;
          if (p >= 0 && (c[p] === Ir.load32 || c[p] === Ir.load32_add) && c[p + 1] === x && x >= this.localWords && this.lastLabel <= p) load = p;
        }
        // An operand just made by an i32x4 shift by whole bytes: the shuffle picks the bytes from
        // the unshifted vector (byte i of x >>u 8k is byte i + k of x, or a zero shifted in) and
        // the shift is dropped — unless a zero shifted in is picked and only the byte form fits.
        let shiftIn = -1, shiftSrc = -1, shiftBy = 0;
        const shiftOp = splatIn >= 0 && load < 0 ? this.code[this.lastDst - 1] : -1, shiftEnd = this.code.length;
        if ((shiftOp === Ir.i32x4_shr_u_imm || shiftOp === Ir.i32x4_shl_imm) && (this.code[this.lastDst + 2] & 7) === 0) {
          shiftIn = splatIn;
          shiftSrc = this.code[this.lastDst + 1];
          shiftBy = (shiftOp === Ir.i32x4_shr_u_imm ? 1 : -1) * (this.code[this.lastDst + 2] >> 3);
        }
        // An operand that is a v128 local only ever holding zero gives zero bytes: the word forms
        // need no term for them (i8x16.shuffle_w4 when one term a word is left).
        const isZero = (e: Entry): boolean => e.kind === Kind.Local && this.zeroV128.has(e.loc);
        const zeroA = splatA < 0 && isZero(this.peek(1)), zeroB = splatB < 0 && isZero(this.peek());
        const [a, b] = this.srcs(2);
        let fold = shiftIn >= 0 && this.code.length === shiftEnd;
        let src: [number, number][] = [], zero: boolean[] = [], sels: number[] = [];
        let w4: number[] | null = null, words: number[] | null = null, shiftedZero = false;
        for (let attempt = 0; attempt < 2; attempt++) {
          const folded = (side: number): boolean => fold && shiftIn === side;
          // Byte j of the operands: its register word and byte, or null for a zero shifted in.
          const byteOf = (j: number): [number, number] | null => {
            const side = j >= 16 ? 0 : 1, splat = side === 0 ? splatB : splatA;
            const k = (j & 3) + (folded(side) ? shiftBy : 0);
            if (k < 0 || k > 3) return null;
            return [splat >= 0 ? splat : (folded(side) ? shiftSrc : side === 0 ? b : a) + ((j & 15) >> 2), k];
          };
          const picked = [...ins.bytes!].map(byteOf);
          shiftedZero = picked.some((x) => x === null);
          src = picked.map((x) => x ?? [0, 0]);
          zero = [...ins.bytes!].map((j, i) => picked[i] === null || (j >= 16 ? zeroB : zeroA));
          sels = src.map(([w, k]) => (w << 5) | (k << 3));
          w4 = shuffleWordTerms(src, zero, 1);
          words = w4 ?? shuffleWordTerms(src, zero);
          if (!fold || !shiftedZero || words !== null) break;
          fold = false;
        }
        if (fold) {
          this.code.splice(this.lastDst - 1, 4);
          this.lastDst = -1;
        }
        const x = splatA >= 0 ? splatA : splatB, c = this.code;
        if (w4 !== null && load >= 0 && w4.every((t) => t >> 10 === x || ((t >>> 5) & 15) === 0)) {
          // Every term reads the loaded word (or no bytes): one v128.load32_shuffle.
          const addr = c[load] === Ir.load32 ? [c[load + 2], 0, 0, c[load + 3]] : c.slice(load + 2, load + 6);
          c.length = load;
          // Byte j of the word zero-extended into word j (s = 0, p = 0b0001, r = 8j): v128.load8x4_u.
          if (w4.every((t, j) => (t & 1023) === (1 << 5 | 8 * j))) {
            this.lastWiden = c.length;
            this.produce(Ir.v128_load8x4_u, Cls.V128, ...addr);
          } else this.produce(Ir.v128_load32_shuffle, Cls.V128, ...addr, ...w4);
          this.lastShuffle = null;
          return;
        }
        // Byte j of one word zero-extended into word j (s = 0, p = 0b0001, r = 8j): i32x4.widen8_u.
        if (w4 !== null && w4.every((t, j) => t >> 10 === w4[0] >> 10 && (t & 1023) === (1 << 5 | 8 * j))) {
          this.produce(Ir.i32x4_widen8_u, Cls.V128, w4[0] >> 10);
        } else if (words !== null && src.every(([w, k], i) => (i & 1) === 1 ? zero[i] : !zero[i] && w === src[0][0] + (i >> 3) && k === ((i >> 1) & 3))) {
          // Bytes 0–7 of two consecutive words zero-extended to 16-bit lanes: i16x8.widen8_u.
          this.produce(Ir.i16x8_widen8_u, Cls.V128, src[0][0]);
        } else if (words !== null && src.every(([w, k], i) => !zero[i] && (i < 8 ? w === src[0][0] + (i >> 1) && k === (i & 1) : w === src[0][0] && k === 0))) {
          // The low half-words of four consecutive words, then byte 0 of the first: i16x8.pack_lo.
          this.produce(Ir.i16x8_pack_lo, Cls.V128, src[0][0]);
        } else if (w4 !== null) this.produce(Ir.i8x16_shuffle_w4, Cls.V128, ...w4);
        else if (words !== null) this.produce(Ir.i8x16_shuffle_w, Cls.V128, ...words);
        else this.produce(Ir.i8x16_shuffle, Cls.V128, ...sels);
        // (A zero shifted in has no selector: then no lane store takes this shuffle in.)
        this.lastShuffle = fold && shiftedZero ? null : { entry: this.lastEntry!, sels };
        return;
      }
    }
    const found = simdOps.get(name);
    if (found === undefined) throw unsupported(name);
    const [fam, x] = found;
    const shiftImm = simdShiftImm.get(x);
    if (shiftImm !== undefined && this.peek().kind === Kind.Const) {
      // A shift by a constant: the count is an immediate (reduced mod the lane width).
      const count = this.pop().lo & shiftImm[1];
      this.produce(shiftImm[0], Cls.V128, this.src(this.pop()), count);
      return;
    }
    const inline = simdInline.get(x);
    if (inline !== undefined && (fam === Fam.Unary || fam === Fam.Binary || fam === Fam.Extract)) {
      if (fam === Fam.Binary && this.fuseArith(inline, result)) return;
      const unaryOf = this.isLastProduced(this.peek()) ? this.code[this.lastDst - 1] : -1;
      const fusedUnary = inline === Ir.i32x4_abs && unaryOf === Ir.i32x4_sub ? Ir.i32x4_abs_sub
        : inline === Ir.i32x4_trunc_sat_f32x4_s && unaryOf === Ir.f32x4_mul_load_add ? Ir.i32x4_trunc_sat_mul_load_add : undefined;
      if (fusedUnary !== undefined) {
        // |a − b|, trunc_sat(a · load): the producer (writing a temporary only this reads) is absorbed.
        const operands = this.code.slice(this.lastDst + 1), c = this.code, w = this.lastWiden;
        c.length = this.lastDst - 1;
        this.pop();
        // |a − b| of bytes a v128.load8x4_u loaded into a temporary right before the sub (no
        // label between): the load is absorbed too (either operand: |a − b| = |b − a|).
        if (fusedUnary === Ir.i32x4_abs_sub && w >= 0 && w + 6 === c.length && c[w] === Ir.v128_load8x4_u
          && this.lastLabel <= w && c[w + 1] >= this.localWords && (operands[0] === c[w + 1]) !== (operands[1] === c[w + 1])) {
          const other = operands[0] === c[w + 1] ? operands[1] : operands[0], addr = c.slice(w + 2, w + 6);
          c.length = w;
          this.lastWiden = -1;
          this.produce(Ir.i32x4_abs_sub_load8x4_u, Cls.V128, other, ...addr);
          return;
        }
        this.produce(fusedUnary, Cls.V128, ...operands);
        return;
      }
      // Every unary instruction is remembered, with the load that made its operand if one just
      // did (a splat of a loaded word, a conversion of loaded integers: see v128.load32_shuffle
      // and f32x4.mul_convert_load_add).
      const load = fam === Fam.Unary && unaryLoads.has(unaryOf) ? this.lastDst - 1 : -1;
      const operands = this.srcs(fam === Fam.Binary ? 2 : 1);
      this.produce(inline, result, ...operands, ...(fam === Fam.Extract ? [ins.lane!] : []));
      if (fam === Fam.Unary) this.unaryLoad = { at: this.lastDst - 1, load };
      return;
    }
    switch (fam) {
      case Fam.Unary: case Fam.Binary: case Fam.Ternary: {
        const operands = this.srcs(sig.params.length);
        this.produce([Ir.simd_unary, Ir.simd_binary, Ir.simd_ternary][fam], result, x, ...operands);
        return;
      }
      case Fam.Extract: {
        const a = this.src(this.pop());
        this.produce(Ir.simd_extract, result, x, a, ins.lane!);
        return;
      }
      case Fam.Replace: {
        const [a, b] = this.srcs(2);
        this.produce(Ir.simd_replace, Cls.V128, x, a, b, ins.lane!);
        return;
      }
      case Fam.Load: {
        this.memIndex(ins.mem!.mem);
        const lx = inline === Ir.v128_load32_splat ? Ir.v128_load32_splat_lx : inline === Ir.v128_load32_zero ? Ir.v128_load32_zero_lx : undefined;
        const lane = lx !== undefined ? this.takeLaneAddress(this.peek()) : null;
        if (lx !== undefined && lane !== null) {
          this.pop();
          this.produce(lx, Cls.V128, ...lane, ins.mem!.offset | 0);
          return;
        }
        const addLoad = extLoadAdds.get(inline!);
        if (addLoad !== undefined && this.foldLoadAddress(addLoad, Cls.V128, ins.mem!.offset | 0)) return;
        if (inline !== undefined) {
          const addr = this.src(this.pop());
          this.produce(inline, Cls.V128, addr, ins.mem!.offset | 0);
          return;
        }
        const addr = this.src(this.pop());
        this.produce(Ir.simd_load, Cls.V128, x, addr, ins.mem!.offset | 0);
        return;
      }
      case Fam.LoadLane: {
        this.memIndex(ins.mem!.mem);
        const addrPos = this.peek(1).pos;
        const lane = inline === Ir.v128_load32_lane ? this.takeLaneAddress(this.peek(1)) : null;
        if (lane !== null) {
          // Into the vector a v128.load32_splat_lx / _zero_lx of the same index vector, s and c
          // just made (now the last instruction, the address's removed from before it or not;
          // it does not write the index vector): one v128.load32x2_splat_lx / _zero_lx.
          const e = this.peek(), c = this.code, p = e.pos > addrPos ? e.pos - 6 : e.pos, first = p >= 0 ? c[p] : -1;
          if (e.kind === Kind.Temp && (first === Ir.v128_load32_splat_lx || first === Ir.v128_load32_zero_lx)
            && p + 7 === c.length && this.lastLabel <= p && c[p + 1] === e.home && c[p + 2] === lane[0]
            && c[p + 4] === lane[2] && c[p + 5] === lane[3] && (c[p + 1] >= lane[0] + 4 || c[p + 1] + 4 <= lane[0])) {
            const gather = c.slice(p + 2, p + 7);
            this.src(this.pop());
            this.pop();
            c.length = p;
            this.produce(first === Ir.v128_load32_splat_lx ? Ir.v128_load32x2_splat_lx : Ir.v128_load32x2_zero_lx, Cls.V128,
              ...gather, lane[1], ins.mem!.offset | 0, ins.lane!);
            return;
          }
          const v = this.src(this.pop());
          this.pop();
          this.produce(Ir.v128_load32_lane_lx, Cls.V128, ...lane, v, ins.mem!.offset | 0, ins.lane!);
          return;
        }
        const [addr, v] = this.srcs(2);
        if (inline !== undefined) {
          this.produce(inline, Cls.V128, addr, v, ins.mem!.offset | 0, ins.lane!);
          return;
        }
        this.produce(Ir.simd_load_lane, Cls.V128, x, addr, v, ins.mem!.offset | 0, ins.lane!);
        return;
      }
      case Fam.StoreLane: {
        this.memIndex(ins.mem!.mem);
        const addLane = inline === Ir.v128_store32_lane ? Ir.v128_store32_lane_add
          : inline === Ir.v128_store64_lane ? Ir.v128_store64_lane_add : undefined;
        const folded = addLane !== undefined ? this.foldStoreAddress(true, false) : null;
        const sh = this.lastShuffle;
        if (addLane !== undefined && sh !== null && this.isLastProduced(this.peek()) && this.lastEntry === sh.entry) {
          // The vector is a shuffle just made: the store gathers the lane's bytes itself, and the
          // shuffle (writing a temporary only this store reads) is dropped.
          const n = addLane === Ir.v128_store32_lane_add ? 4 : 8;
          this.code.length = this.lastDst - 1;
          this.lastDst = -1;
          this.pop();
          const words = folded !== null ? folded.words : [this.src(this.peek()), 0, 0];
          this.pop();
          const sels = sh.sels.slice(n * ins.lane!, n * ins.lane! + n), s0 = sels[0], k = s0 & 31;
          // Byte k/8 of four consecutive register words (a narrowing to bytes), or their half-words
          // at bit k (to i16): one shift and mask a word (v128.store8x4_narrow / store16x4_narrow).
          if (n === 4 && sels.every((x, i) => x === s0 + 32 * i)) {
            this.emit(Ir.v128_store8x4_narrow, ...words, ins.mem!.offset | 0, s0 >> 5, k);
          } else if (n === 8 && k <= 16 && sels.every((x, i) => x === s0 + 32 * (i >> 1) + 8 * (i & 1))) {
            this.emit(Ir.v128_store16x4_narrow, ...words, ins.mem!.offset | 0, s0 >> 5, k);
          } else {
            this.emit(n === 4 ? Ir.v128_store32_shuffle : Ir.v128_store64_shuffle, ...words, ins.mem!.offset | 0, ...sels);
          }
          return;
        }
        if (folded !== null) {
          // The address add folded into the store (as store*_add).
          const v = this.src(this.pop());
          this.pop();
          this.emit(addLane!, ...folded.words, v, ins.mem!.offset | 0, ins.lane!);
          return;
        }
        const [addr, v] = this.srcs(2);
        if (inline !== undefined) {
          this.emit(inline, addr, v, ins.mem!.offset | 0, ins.lane!);
          return;
        }
        this.emit(Ir.simd_store_lane, x, addr, v, ins.mem!.offset | 0, ins.lane!);
        return;
      }
    }
  }

  /**
   * For the 32-bit vector loads: when the address e is a temporary an i32x4.lane_shl_add_imm
   * wrote, with no label since and nothing since writing its vector's words or branching, that
   * instruction is removed and its operands [v, lane, s, c] returned (the load reads the lane
   * itself, as foldStoreAddress has a store compute its address); otherwise null.
   */
  private takeLaneAddress(e: Entry): number[] | null {
    const p = e.pos, code = this.code;
    if (e.kind !== Kind.Temp || p < 0 || this.lastLabel > p || code[p] !== Ir.i32x4_lane_shl_add_imm || code[p + 1] !== e.home) return null;
    const v = code[p + 2];
    for (let q = p + 6; q < code.length; q += irLength(code, q)) {
      let w = q + 1;
      for (const f of irInfo[code[q]].fields) {
        if (f === 'L' || f === 'T' || (f === 'd' && code[w] < v + 4 && code[w] + 4 > v)) return null;
        w += f === 'k' ? 2 : f === 'v' ? 4 : 1;
      }
    }
    const operands = code.slice(p + 2, p + 6);
    code.splice(p, 6);
    if (this.lastDst > p) this.lastDst -= 6;
    // Positions after the removed instruction have moved: forget them.
    this.forgetPositions();
    return operands;
  }

  /**
   * v128.load (spec §4.4.7): as memAccess does for the scalar loads, an address just computed by
   * an `i32.add_imm` or `i32.shl_add_imm` is folded into load128_add, and one a `local.tee` put
   * into a local right before into load128_tee.
   */
  private load128(ins: Instr): void {
    this.memIndex(ins.mem!.mem);
    const offset = ins.mem!.offset | 0;
    const last = this.isLastProduced(this.peek()) ? this.code[this.lastDst - 1] : -1;
    if (last === Ir.i32_add_imm || last === Ir.i32_shl_add_imm) {
      const base = this.code[this.lastDst + 1];
      const [shift, added] = last === Ir.i32_add_imm ? [0, this.code[this.lastDst + 2]]
        : [this.code[this.lastDst + 2], this.code[this.lastDst + 3]];
      this.code.length = this.lastDst - 1;
      this.pop();
      this.produce(Ir.load128_add, Cls.V128, base, shift, added, offset);
      return;
    }
    const a = this.peek(), t = this.teeAdd;
    if (a.kind === Kind.Local && a.loc === t.loc && this.code.length === t.end && this.lastLabel < t.end) {
      const base = this.code[t.pos + 2], added = this.code[t.pos + 3];
      this.code.length = t.pos;
      this.pop();
      this.produce(Ir.load128_tee, Cls.V128, t.loc, base, added, offset);
      return;
    }
    this.produce(Ir.load128, Cls.V128, this.src(this.pop()), offset);
  }

  private memAccess(ins: Instr, ir: Ir): void {
    const arg = ins.mem!;
    this.memIndex(arg.mem);
    const offset = arg.offset | 0;
    if (irInfo[ir].fields === 'aau') {
      const immStore = storeImmOps.get(ir);
      if (immStore !== undefined && this.peek().kind === Kind.Const) {
        // A constant value: the store carries it (store*_imm).
        const immIdx = immIdxStores.get(ir), folded = immIdx !== undefined ? this.foldStoreAddress(false) : null;
        if (folded !== null) {
          const v = this.pop();
          this.pop();
          this.emit(immIdx!, ...folded.words, v.lo, offset);
          return;
        }
        const v = this.pop(), addr = this.src(this.pop());
        if (ir === Ir.store64) this.emit(immStore, addr, v.lo, v.hi, offset);
        else this.emit(immStore, addr, v.lo, offset);
        return;
      }
      const value = this.peek();
      const vectorStore = ir === Ir.store128 && this.isLastProduced(value) ? vectorStores.get(this.code[this.lastDst - 1]) : undefined;
      if (vectorStore !== undefined) {
        // A vector just computed into a temporary that only this store reads: the fused
        // instruction computes and stores it (ir.ts "A vector computed and stored"), the address
        // folded as v128.store_add folds it, or s = c = 0.
        const folded = this.foldStoreAddress(true, false);
        const operands = this.code.slice(this.lastDst + 1);
        this.code.length = this.lastDst - 1;
        this.pop();
        const addr = this.pop();
        this.emit(vectorStore, ...operands, ...(folded !== null ? folded.words : [this.src(addr), 0, 0]), offset);
        return;
      }
      const computeStore = this.isLastProduced(value) ? computeStores.get(this.code[this.lastDst - 1]) : undefined;
      if (computeStore !== undefined && computeStore[0] === ir) {
        // The value was just computed by a float operation: it goes straight to memory.
        const operands = this.code.slice(this.lastDst + 1), at = this.lastDst - 1;
        this.code.length = at;
        this.pop();
        // A constant address (a C global): its value, and the effective address a load64_abs of it has.
        const c0 = this.peek().kind === Kind.Const ? this.peek().lo : 0, ea = this.constAddress(0, offset);
        const addr = this.src(this.pop());
        const to = computeStore[1] === Ir.f64_mul_add_store ? Ir.f64_mul_add_to
          : computeStore[1] === Ir.f64_mul_sub_store ? Ir.f64_mul_sub_to : -1;
        if (computeStore[1] === Ir.f64_add_store && this.code.length === at) {
          // `*p += x`: either addend may be the reload of *p.
          for (const k of [0, 1]) {
            if (this.dropReload(operands[k], addr, offset, ea)) {
              // `*p += x · y` computed as a product, then the reload: f64.mul_add_to after all.
              const product = this.takeProduct(operands[1 - k], addr);
              if (product !== null) this.emitMulTo(Ir.f64_mul_add_to, addr, offset, product[0], product[1]);
              else this.emit(Ir.f64_add_to, addr, offset, operands[1 - k]);
              return;
            }
          }
        }
        if (to >= 0 && this.code.length === at && this.dropReload(operands[0], addr, offset, ea)) {
          // `*p ±= x · y`: the addend was loaded from the same address, the load is gone.
          const load = to === Ir.f64_mul_add_to ? this.takeFactorLoad(addr, operands[1], operands[2], ea !== null ? c0 : null) : null;
          if (load !== null) this.emit(Ir.f64_mul_load_add_to, addr, offset, ...load);
          else this.emitMulTo(to as Ir, addr, offset, operands[1], operands[2]);
          return;
        }
        const prev = this.lastAddStore;
        if (computeStore[1] === Ir.f32_add_store && prev === this.code.length - 5 && this.code[prev] === Ir.f32_add_store &&
          this.lastLabel <= prev) {
          // Right behind another f32.add_store: one f32.add_store2.
          this.code[prev] = Ir.f32_add_store2;
          this.emit(addr, offset, ...operands);
          this.lastAddStore = -1;
          return;
        }
        this.emit(computeStore[1], addr, offset, ...operands);
        this.lastAddStore = computeStore[1] === Ir.f32_add_store ? this.code.length - 5 : -1;
        return;
      }
      const addStore = addStores.get(ir), folded = addStore !== undefined ? this.foldStoreAddress(true) : null;
      if (folded !== null) {
        const v = this.src(this.pop());
        this.pop();
        this.lastStore = this.code.length;
        this.emit(folded.idx ? idxStores.get(ir)! : addStore!, ...folded.words, v, offset);
        return;
      }
      const absStore = absOps.get(ir), ea = this.constAddress(1, offset);
      if (absStore !== undefined && ea !== null) {
        // A constant address (a C global): the store carries the effective address.
        const v = this.src(this.pop());
        this.pop();
        this.emit(absStore, v, ea);
        return;
      }
      const v = this.src(this.pop()), addr = this.src(this.pop());
      this.lastStore = this.code.length;
      this.emit(ir, addr, v, offset);
    } else {
      const cls = clsOf(opInfo.get(ins.op)!.sig!.results[0]);
      const addLoad = addLoads.get(ir);
      if (addLoad !== undefined && this.foldLoadAddress(addLoad, cls, offset)) return;
      const last = this.isLastProduced(this.peek()) ? this.code[this.lastDst - 1] : -1;
      const idxLoad = idxLoads.get(ir);
      if (idxLoad !== undefined && last === Ir.i32_add) {
        // The address was just computed as base + index: the load does that itself.
        const base = this.code[this.lastDst + 1], index = this.code[this.lastDst + 2], add = this.lastDst - 1;
        const shl = add - 4, code = this.code;
        if (ir === Ir.load32 && code[shl] === Ir.i32_shl_imm && this.lastLabel <= shl && code[shl + 1] >= this.localWords &&
          (code[shl + 1] === index || code[shl + 1] === base) && index !== base) {
          // …and the index was just shifted into a temporary: load32_sidx shifts it itself.
          const other = code[shl + 1] === index ? base : index, x = code[shl + 2], s = code[shl + 3];
          if (other !== code[shl + 1]) {
            code.length = shl;
            this.pop();
            this.produce(Ir.load32_sidx, cls, other, x, s, offset);
            return;
          }
        }
        code.length = add;
        this.pop();
        this.produce(idxLoad, cls, base, index, offset);
        return;
      }
      const a = this.peek(), t = this.teeAdd, teeLoad = ir === Ir.load32 ? Ir.load32_tee : Ir.load64_tee;
      if ((ir === Ir.load32 || ir === Ir.load64) && a.kind === Kind.Local && a.loc === t.loc &&
        this.code.length === t.end && this.lastLabel < t.end) {
        // The address was just computed into a local by a tee'd add: the load does the add too.
        const base = this.code[t.pos + 2], added = this.code[t.pos + 3];
        this.code.length = t.pos;
        this.pop();
        this.produce(teeLoad, cls, t.loc, base, added, offset);
        return;
      }
      const late = (ir === Ir.load32 || ir === Ir.load64) && a.kind === Kind.Local ? this.takeLocalAdd(a.loc) : null;
      if (late !== null) {
        // The local was set to base + c earlier, and nothing since read it: the add moves here.
        this.pop();
        this.produce(teeLoad, cls, a.loc, late[0], late[1], offset);
        return;
      }
      const absLoad = absOps.get(ir), ea = this.constAddress(0, offset);
      if (absLoad !== undefined && ea !== null) {
        // A constant address (a C global): the load carries the effective address.
        this.pop();
        this.produce(absLoad, cls, ea);
        return;
      }
      const addr = this.src(this.pop());
      this.produce(ir, cls, addr, offset);
    }
  }

  /**
   * Store address folding (ir.ts store*_add, store*_idx): when a store's address was computed
   * into its home by an i32.add_imm or i32.shl_add_imm (`add`), or an i32.add of two registers
   * (`idx`), followed only by instructions that neither branch nor write a register the add
   * read (and no label after the add), the add is removed and returned for the store to do:
   * its kind and words ([base, shift, added] or [base, index]); otherwise null. `addForms`:
   * whether the store has `_add` forms (constant stores have only `_idx` ones); `idxForms`,
   * whether it has `_idx` ones (the lane stores have only `_add` ones).
   */
  private foldStoreAddress(addForms: boolean, idxForms = true): { idx: boolean; words: number[] } | null {
    const a = this.peek(1), p = a.pos, code = this.code;
    if (a.kind !== Kind.Temp || p < 0 || this.lastLabel > p || code[p + 1] !== a.home) return null;
    const op = code[p], idx = op === Ir.i32_add;
    if (idx && !idxForms) return null;
    const len = idx ? 4 : !addForms ? 0 : op === Ir.i32_add_imm ? 4 : op === Ir.i32_shl_add_imm ? 5 : 0;
    if (len === 0) return null;
    const base = code[p + 2], index = idx ? code[p + 3] : base;
    for (let q = p + len; q < code.length; q += irLength(code, q)) {
      let w = q + 1;
      for (const f of irInfo[code[q]].fields) {
        if (f === 'L' || f === 'T' || (f === 'd' && (code[w] === base || code[w] === index))) return null;
        w += f === 'k' ? 2 : f === 'v' ? 4 : 1;
      }
    }
    const words = idx ? [base, index] : len === 4 ? [base, 0, code[p + 3]] : [base, code[p + 3], code[p + 4]];
    code.splice(p, len);
    if (this.lastDst > p) this.lastDst -= len;
    // Positions after the add have moved: forget them.
    this.forgetPositions();
    return { idx, words };
  }

  /**
   * The effective address u32(c) + offset of a memory access whose address operand (at stack
   * depth `depth`) is a constant c, as int32 bits — or null when the operand is not a constant
   * or the address is 2^32 or more (then the access traps, through the plain form).
   */
  private constAddress(depth: number, offset: number): number | null {
    const a = this.peek(depth);
    if (a.kind !== Kind.Const) return null;
    const ea = (a.lo >>> 0) + (offset >>> 0);
    return ea < 2 ** 32 ? ea | 0 : null;
  }

  private numeric(op: number, ir: Ir, arity: number, result: Cls): void {
    if (arity === 1) {
      const a = this.src(this.pop());
      this.produce(ir, result, a);
      return;
    }
    const imm = immForms.get(op);
    if (imm !== undefined) {
      const b = this.peek(), a = this.peek(1);
      if (b.kind === Kind.Const) {
        const c = op === Op.i32_sub ? -b.lo | 0 : b.lo;
        if (imm[0] === Ir.i32_add_imm && this.isLastProduced(a) && this.code[this.lastDst - 1] === Ir.i32_shl_imm) {
          // (x << s) + c, the shift just emitted: one i32.shl_add_imm.
          const x = this.code[this.lastDst + 1], s = this.code[this.lastDst + 2], p = this.lastDst - 5;
          this.code.length = this.lastDst - 1;
          this.pop();
          this.pop();
          if (p >= 0 && this.code[p] === Ir.i32x4_extract_lane && this.code[p + 1] === x && x >= this.localWords &&
            this.lastLabel <= p) {
            // x is the temporary of an i32x4.extract_lane right before: read the lane itself.
            const v = this.code[p + 2], lane = this.code[p + 3];
            this.code.length = p;
            this.produce(Ir.i32x4_lane_shl_add_imm, Cls.W32, v, lane, s, c);
            return;
          }
          this.produce(Ir.i32_shl_add_imm, Cls.W32, x, s, c);
          return;
        }
        if (imm[0] === Ir.i32_shl_imm && this.isLastProduced(a) && this.code[this.lastDst - 1] === Ir.i32_mul) {
          // (x · y) << s, the product just emitted: one i32.mul_shl_imm.
          const x = this.code[this.lastDst + 1], y = this.code[this.lastDst + 2];
          this.code.length = this.lastDst - 1;
          this.pop();
          this.pop();
          this.produce(Ir.i32_mul_shl_imm, Cls.W32, x, y, c & 31);
          return;
        }
        if (imm[0] === Ir.i32_and_imm && this.isLastProduced(a) && this.code[this.lastDst - 1] === Ir.i32_shr_u_imm) {
          // (x >>u s) & c, the shift just emitted: one i32.shr_u_and_imm.
          const x = this.code[this.lastDst + 1], s = this.code[this.lastDst + 2];
          this.code.length = this.lastDst - 1;
          this.pop();
          this.pop();
          this.produce(Ir.i32_shr_u_and_imm, Cls.W32, x, s & 31, c);
          return;
        }
        this.pop();
        const sa = this.src(this.pop());
        this.produce(imm[0], Cls.W32, sa, c);
        return;
      }
      if (a.kind === Kind.Const && imm[1] >= 0) {
        const sb = this.src(this.pop());
        this.pop();
        this.produce(immForms.get(imm[1])![0], Cls.W32, sb, a.lo);
        return;
      }
    }
    const imm64 = i64ImmForms.get(op);
    if (imm64 !== undefined) {
      const b = this.peek(), a = this.peek(1);
      if (b.kind === Kind.Const || (a.kind === Kind.Const && imm64[1])) {
        const [k, x] = b.kind === Kind.Const ? [b, a] : [a, b];
        if (imm64[0] === Ir.i64_mul_imm && this.fuseRotlMul(x, k)) return;
        const shift = this.isLastProduced(x) ? this.code[this.lastDst - 1] : -1;
        if (imm64[0] === Ir.i64_and_imm && (shift === Ir.i64_shl_imm || shift === Ir.i64_shr_u_imm)) {
          // (x << i) & k or (x >>u i) & k, the shift just emitted: one i64.shl_and_imm / shr_u_and_imm.
          const [sx, i] = this.code.slice(this.lastDst + 1, this.lastDst + 3);
          this.code.length = this.lastDst - 1;
          this.pop();
          this.pop();
          this.produce(shift === Ir.i64_shl_imm ? Ir.i64_shl_and_imm : Ir.i64_shr_u_and_imm, Cls.W64, sx, i, k.lo, k.hi);
          return;
        }
        this.pop();
        this.pop();
        const sx = this.src(x);
        if (imm64[2]) {
          this.produce(imm64[0], Cls.W64, sx, op === Op.i64_rotr ? -k.lo & 63 : k.lo & 63);
        } else {
          const [lo, hi] = op === Op.i64_sub ? negate64(k.lo, k.hi) : [k.lo, k.hi];
          this.produce(imm64[0], Cls.W64, sx, lo, hi);
        }
        return;
      }
    }
    if (this.fuseArith(ir, result)) return;
    const b = this.pop(), a = this.pop();
    const sa = this.src(a), sb = this.src(b);
    this.produce(ir, result, sa, sb);
  }

  /**
   * i64.rotl_imm_mul_imm (ir.ts): a multiply by a constant of the value the i64.rotl_imm just
   * emitted wrote, to a temporary or (through local.tee) to a local, with no label between.
   * The fused instruction still writes the rotate's destination, so nothing else changes.
   */
  private fuseRotlMul(x: Entry, k: Entry): boolean {
    let pos: number;
    if (this.isLastProduced(x) && this.code[this.lastDst - 1] === Ir.i64_rotl_imm) {
      pos = this.lastDst - 1;
    } else if (x.kind === Kind.Local && this.teeRotl.end === this.code.length && this.teeRotl.pos >= 0
      && this.code[this.teeRotl.pos + 1] === x.loc) {
      pos = this.teeRotl.pos;
    } else {
      return false;
    }
    if (this.lastLabel > pos) return false;
    const [t, a, i] = this.code.slice(pos + 1, pos + 4);
    this.code.length = pos;
    this.teeRotl = { pos: -1, end: -1 };
    this.pop();
    this.pop();
    this.produce(Ir.i64_rotl_imm_mul_imm, Cls.W64, t, a, i, k.lo, k.hi);
    return true;
  }

  /**
   * Fused arithmetic (ir.ts): when one operand of `ir` was produced by the instruction just
   * emitted and `fusedArith` pairs the two, that instruction is dropped and the fused one
   * reads its operands instead. The absorbed result may be either operand of a commutative
   * `ir`, only the right one otherwise (r[a] − r[b]·r[c]). When it is the left one, the other
   * operand must be a local: materializing a constant into its home could overwrite a
   * register the absorbed instruction reads.
   */
  private fuseArith(ir: Ir, result: Cls): boolean {
    this.rehomeConst(ir);
    if (this.lastDst < 0) return false;
    const form = fusedArith.get(fusedArithKey(ir, this.code[this.lastDst - 1]));
    if (form === undefined) return false;
    const b = this.peek(), a = this.peek(1);
    let other: Entry;
    if (this.isLastProduced(b)) other = a;
    else if (form[1] && this.isLastProduced(a) && b.kind === Kind.Local) other = b;
    else return false;
    const operands = this.code.slice(this.lastDst + 1), absorbed = this.lastDst - 1;
    if (this.code[absorbed] === Ir.load128 || this.code[absorbed] === Ir.v128_load16x4_s || this.code[absorbed] === Ir.load64) {
      operands.splice(1, 0, 0, 0);
    }
    // An f32x4.mul_convert_s whose integers a v128.load_add (or v128.load) just loaded into a
    // temporary: one f32x4.mul_convert_load_add.
    const l = form[0] === Ir.f32x4_mul_convert_s && this.unaryLoad.at === absorbed ? this.unaryLoad.load : -1;
    if (l >= 0 && (this.code[l] === Ir.load128_add || this.code[l] === Ir.load128) && this.code[l + 1] === operands[0]
      && this.lastLabel <= l && operands[0] >= this.localWords && other.home !== operands[0] && other.loc !== operands[0]) {
      const addr = this.code[l] === Ir.load128_add ? this.code.slice(l + 2, l + 6) : [this.code[l + 2], 0, 0, this.code[l + 3]];
      this.code.length = l;
      this.pop();
      this.pop();
      this.produce(Ir.f32x4_mul_convert_load_add, result, this.src(other), ...addr);
      return true;
    }
    const p = other.pos;
    if ((form[0] === Ir.f32_mul_add || form[0] === Ir.f32_mul_sub) && other === a && other.kind === Kind.Temp
      && p >= 0 && this.code[p] === Ir.f32_mul && this.code[p + 1] === other.home && this.lastLabel <= p
      && this.untouched(p + 4, this.lastDst - 1, this.code[p + 2], this.code[p + 3])) {
      // x·y ± z·w: the other operand is an f32.mul writing a temporary, with no label since and
      // nothing since writing x or y; f32.mul_mul_add / mul_mul_sub takes both in.
      const x = this.code[p + 2], y = this.code[p + 3];
      this.code.length = this.lastDst - 1;
      this.code.splice(p, 4);
      this.forgetPositions();
      this.pop();
      this.pop();
      this.produce(form[0] === Ir.f32_mul_add ? Ir.f32_mul_mul_add : Ir.f32_mul_mul_sub, result, x, y, ...operands);
      return true;
    }
    // A bare shift or-ed in: its mask is all ones.
    if ((form[0] === Ir.i64_shl_and_imm_or || form[0] === Ir.i64_shr_u_and_imm_or)
      && (this.code[absorbed] === Ir.i64_shl_imm || this.code[absorbed] === Ir.i64_shr_u_imm)) operands.push(-1, -1);
    this.code.length = absorbed;
    this.pop();
    this.pop();
    if (this.fuseRotates(form[0], other, absorbed, operands)) return true;
    if (form[0] === Ir.i64_mul_imm_add && this.fuseLoadMul(other, absorbed, operands)) return true;
    this.produce(form[0], result, this.src(other), ...operands);
    return true;
  }

  /**
   * Whether the instructions in [from, to) neither branch nor write register x or y (their `d`
   * fields), so a pure computation reading x and y may move from before them to after them.
   */
  private untouched(from: number, to: number, x: number, y: number): boolean {
    const code = this.code;
    for (let q = from; q < to; q += irLength(code, q)) {
      let w = q + 1;
      for (const f of irInfo[code[q]].fields) {
        if (f === 'L' || f === 'T' || (f === 'd' && (code[w] === x || code[w] === y))) return false;
        w += f === 'k' ? 2 : f === 'v' ? 4 : 1;
      }
    }
    return true;
  }

  /**
   * Compound assignment (f64.mul_add_to): whether temporary register `x` was written by a
   * `load64 x, addr, offset` (or, when the address is a constant, a `load64_abs x, ea` of the
   * same effective address) after the last label, with only loads and computations since
   * (instructions that neither store, call, branch nor trap otherwise, and none writing `addr`);
   * if so, that load is removed.
   */
  private dropReload(x: number, addr: number, offset: number, ea: number | null = null): boolean {
    const code = this.code;
    if (x < this.localWords) return false;
    let load = -1;
    for (let q = this.lastLabel; q < code.length; q += irLength(code, q)) {
      const op = code[q];
      if (op === Ir.load64 && code[q + 1] === x) {
        load = code[q + 2] === addr && code[q + 3] === offset ? q : -1;
        continue;
      }
      if (op === Ir.load64_abs && code[q + 1] === x) {
        // A constant address: the store's is ea (its register holds the constant).
        load = ea !== null && code[q + 2] === ea ? q : -1;
        continue;
      }
      if (op === Ir.load64_tee && code[q + 1] === x) {
        // r[addr] = r[a] + c, then the load from r[addr] + offset: the add stays.
        load = code[q + 2] === addr && code[q + 5] === offset ? q : -1;
        continue;
      }
      if (load < 0) continue;
      if (!reloadSafe.has(op)) return false;
      let w = q + 1;
      for (const f of irInfo[op].fields) {
        if (f === 'd' && (code[w] === addr || code[w] === x)) return false;
        w += f === 'k' ? 2 : 1;
      }
    }
    if (load < 0) return false;
    if (code[load] === Ir.load64) code.splice(load, 4);
    else if (code[load] === Ir.load64_abs) code.splice(load, 3);
    else code.splice(load, 6, Ir.i32_add_imm, addr, code[load + 3], code[load + 4]);
    this.forgetPositions();
    return true;
  }

  /**
   * Emits `to` (f64.mul_add_to or f64.mul_sub_to) of factors b and c, or its mul2 form (ir.ts
   * f64.mul2_add_to) when one of them is the unnamed product of an earlier f64.mul (takeProduct).
   */
  private emitMulTo(to: Ir, addr: number, offset: number, b: number, c: number): void {
    for (const [f, g] of [[b, c], [c, b]]) {
      if (f === g) continue;
      const product = this.takeProduct(f, addr);
      if (product === null) continue;
      this.emit(to === Ir.f64_mul_add_to ? Ir.f64_mul2_add_to : Ir.f64_mul2_sub_to, addr, offset, product[0], product[1], g);
      return;
    }
    this.emit(to, addr, offset, b, c);
  }

  /**
   * For f64.mul2_add_to (ir.ts): when temporary register `t` was last written by an
   * `f64.mul t, x, y` that may move to the instruction reading t (movableWrite), that f64.mul is
   * removed and [x, y] returned: the product moves later (it cannot trap). Otherwise null.
   */
  private takeProduct(t: number, addr: number): [number, number] | null {
    if (t < this.localWords || t === addr) return null;
    const p = this.movableWrite(t, Ir.f64_mul, true);
    if (p < 0) return null;
    const product: [number, number] = [this.code[p + 2], this.code[p + 3]];
    this.removeCode(p, 4);
    return product;
  }

  /**
   * For load32_tee / load64_tee (ir.ts): when local register `x` was last written by an
   * `i32.add_imm x, b, c` (b ≠ x) that may move to the load reading x (movableWrite), that add is
   * removed and [b, c] returned: it moves later, into the load (it cannot trap). Otherwise null.
   */
  private takeLocalAdd(x: number): [number, number] | null {
    const p = this.movableWrite(x, Ir.i32_add_imm, false);
    if (p < 0 || this.code[p + 2] === x) return null;
    const add: [number, number] = [this.code[p + 2], this.code[p + 3]];
    this.removeCode(p, 4);
    return add;
  }

  /**
   * Where the last write of register `r` after the last label is an `op r, x, y` (four words)
   * that may move to the end of the code: the instructions since then are plain scalar ones
   * (register and immediate fields only; a v128 write covers four words) that neither branch,
   * read r, nor write x (nor y, when `yIsRegister`). Its position, or −1.
   */
  private movableWrite(r: number, op: Ir, yIsRegister: boolean): number {
    const code = this.code;
    let p = -1;
    for (let q = this.lastLabel; q < code.length; q += irLength(code, q)) {
      let w = q + 1;
      for (const f of irInfo[code[q]].fields) {
        if (f === 'd' && code[w] === r) p = q;
        w += f === 'k' ? 2 : f === 'v' ? 4 : 1;
      }
    }
    if (p < 0 || code[p] !== op || code[p + 1] !== r) return -1;
    const x = code[p + 2], y = yIsRegister ? code[p + 3] : x;
    for (let q = p + 4; q < code.length; q += irLength(code, q)) {
      let w = q + 1;
      for (const f of irInfo[code[q]].fields) {
        if (code[q] >= Ir.copy128 || 'daiuk'.indexOf(f) < 0 || (f === 'a' && code[w] === r) || (f === 'd' && (code[w] === x || code[w] === y))) return -1;
        w += f === 'k' ? 2 : 1;
      }
    }
    return p;
  }

  /**
   * f64.mul_load_add_to (ir.ts): when one factor `y` of `*p += x · y` is the unnamed temporary
   * written by the load64 / load64_add just emitted (no label since), that load is taken out
   * and its address words returned after the other factor: [x, base, s, c, u]; else null.
   */
  private takeFactorLoad(addr: number, x: number, y: number, c0: number | null = null): number[] | null {
    const code = this.code, n = code.length;
    for (const [f, g] of [[y, x], [x, y]]) {
      if (f < this.localWords || f === g || f === addr) continue;
      if (c0 !== null && code[n - 3] === Ir.load64_abs && code[n - 2] === f && this.lastLabel <= n - 3) {
        // A load from a constant address ea′, the store's address register holding constant c0:
        // ea′ is that register + (ea′ − c0) mod 2^32.
        const words = [g, addr, 0, (code[n - 1] - c0) | 0, 0];
        code.length = n - 3;
        this.forgetPositions();
        return words;
      }
      if (code[n - 4] === Ir.load64 && code[n - 3] === f && this.lastLabel <= n - 4) {
        const words = [g, code[n - 2], 0, 0, code[n - 1]];
        code.length = n - 4;
        this.forgetPositions();
        return words;
      }
      if (code[n - 6] === Ir.load64_add && code[n - 5] === f && this.lastLabel <= n - 6) {
        const words = [g, ...code.slice(n - 4)];
        code.length = n - 6;
        this.forgetPositions();
        return words;
      }
    }
    return null;
  }

  /**
   * Loads through a computed address (ir.ts load*_add): when the address on top of the stack was
   * just computed as (base << s) + c by an i32.add_imm / i32.shl_add_imm, that instruction is
   * dropped and `addLoad` does the add itself. Returns whether it did.
   */
  private foldLoadAddress(addLoad: Ir, cls: Cls, offset: number): boolean {
    const last = this.isLastProduced(this.peek()) ? this.code[this.lastDst - 1] : -1;
    if (last !== Ir.i32_add_imm && last !== Ir.i32_shl_add_imm) return false;
    const base = this.code[this.lastDst + 1];
    const [shift, added] = last === Ir.i32_add_imm ? [0, this.code[this.lastDst + 2]]
      : [this.code[this.lastDst + 2], this.code[this.lastDst + 3]];
    this.code.length = this.lastDst - 1;
    this.pop();
    this.produce(addLoad, cls, base, shift, added, offset);
    return true;
  }

  /**
   * Takes the n words at p out of the code (an instruction absorbed by a later one): the stack
   * entries written after p keep their positions (shifted), the other recorded positions are
   * forgotten.
   */
  private removeCode(p: number, n: number): void {
    this.code.splice(p, n);
    for (const e of this.stack) {
      if (e.pos >= p + n) e.pos -= n;
      else if (e.pos >= p) e.pos = -1;
    }
    if (this.lastDst >= p + n) this.lastDst -= n;
    else if (this.lastDst >= p) this.lastDst = -1;
    this.unaryLoad = { at: -1, load: -1 };
    this.forgetPositions();
  }

  /** Code before the current end moved (an instruction was taken out): forget recorded positions. */
  private forgetPositions(): void {
    this.lastAddImm = this.lastAddImm2 = this.lastStep = this.lastCopy = this.lastAddStore = this.lastStore = -1;
    this.teeAdd = { pos: -1, loc: -1, end: -1 };
    this.teeRotl = { pos: -1, end: -1 };
    this.lastWiden = -1;
  }

  /**
   * For fuseArith: op(a, b) where b is a v128 constant just written — into a temporary, or by a
   * `local.tee` into a local — and a the temporary the instruction right before it wrote (no
   * label between): compiled code loads or computes a value, then materializes the constant it
   * combines it with. When op and a's producer have a commutative fused form, the constant moves
   * before the producer, which is then the last instruction, and fuseArith fuses the two as
   * usual, the constant's register being the other operand. A temporary constant first gets a
   * register of its own above the frame's others (as hoistConsts gives them: no other instruction
   * reads or writes it); a local must be one the producer does not read.
   */
  private rehomeConst(ir: Ir): void {
    const c = this.code, b = this.peek(), a = this.peek(1);
    const k = this.isLastProduced(b) && c[this.lastDst - 1] === Ir.const128 ? this.lastDst - 1
      : b.kind === Kind.Local && this.lastDst < 0 && c[c.length - 6] === Ir.const128 && c[c.length - 5] === b.loc ? c.length - 6 : -1;
    if (k < 0 || a.kind !== Kind.Temp || a.pos < 0 || this.lastLabel > a.pos || this.labels.has(k)) return;
    if (c[a.pos + 1] !== a.home || a.pos + irLength(c, a.pos) !== k) return;
    const form = fusedArith.get(fusedArithKey(ir, c[a.pos]));
    if (form === undefined || !form[1]) return;
    const constant = c.slice(k, k + 6);
    if (b.kind === Kind.Local) {
      // The producer's operands: v128 registers, or a load's address (one slot); a v128.load_tee
      // also writes its address local (one slot), which must not be the constant's either.
      const op = c[a.pos], load = op === Ir.load128 || op === Ir.load128_add || op === Ir.load128_tee;
      let w = a.pos + 2;
      for (const f of irInfo[op].fields.slice(1)) {
        const size = load ? 2 : 4;
        const reg = f === 'a' || (f === 'd' && op === Ir.load128_tee);
        if (f !== 'i' && f !== 'u' && (!reg || (c[w] < b.loc + 4 && c[w] + size > b.loc))) return;
        w++;
      }
    } else {
      const fresh = this.maxWords + (this.maxWords & 1);
      if (fresh + 4 > 1 << 20) return;
      this.maxWords = fresh + 4;
      constant[1] = fresh;
      b.kind = Kind.Local;
      b.loc = fresh;
    }
    c.length = k;
    c.splice(a.pos, 0, ...constant);
    a.pos += 6;
    this.lastDst = a.pos + 1;
    this.lastEntry = a;
    this.forgetPositions();
  }

  /**
   * Xor of rotates (ir.ts): an i64.rotl_imm_xor / i64.shr_u_imm_xor whose other operand is the
   * unnamed temporary written by the instruction right before the absorbed one — an
   * i64.rotl_imm (→ i64.rotl2_xor) or an i64.rotl2_xor (→ i64.rotl3_xor / i64.rotl2_shr_xor),
   * with no label between. That instruction is dropped too; the fused one reads its operands.
   */
  private fuseRotates(op: Ir, other: Entry, absorbed: number, operands: number[]): boolean {
    const pos = other.pos, prev = this.code[pos];
    if (other.kind !== Kind.Temp || pos < 0 || this.lastLabel > pos || this.code[pos + 1] !== other.home) return false;
    let fused: Ir;
    if (prev === Ir.i64_rotl_imm && pos + 4 === absorbed && op === Ir.i64_rotl_imm_xor) fused = Ir.i64_rotl2_xor;
    else if (prev === Ir.i64_rotl2_xor && pos + 6 === absorbed) {
      fused = op === Ir.i64_rotl_imm_xor ? Ir.i64_rotl3_xor : Ir.i64_rotl2_shr_xor;
    } else return false;
    const first = this.code.slice(pos + 2, absorbed);
    this.code.length = pos;
    this.produce(fused, Cls.W64, ...first, ...operands);
    return true;
  }

  /**
   * i64.load_mul_imm_add (ir.ts): an i64.mul_imm_add whose multiplicand is the unnamed temporary
   * written by the load64 / load64_add right before the absorbed multiply, with no label
   * between. The load is dropped too; the fused instruction reads memory itself.
   */
  private fuseLoadMul(other: Entry, absorbed: number, operands: number[]): boolean {
    const [x, klo, khi] = operands;
    if (x < this.localWords) return false;
    let pos: number, address: number[];
    if (this.code[absorbed - 4] === Ir.load64 && this.code[absorbed - 3] === x) {
      pos = absorbed - 4;
      address = [this.code[pos + 2], 0, 0, this.code[pos + 3]];
    } else if (this.code[absorbed - 6] === Ir.load64_add && this.code[absorbed - 5] === x) {
      pos = absorbed - 6;
      address = this.code.slice(pos + 2, pos + 6);
    } else return false;
    if (this.lastLabel > pos) return false;
    this.code.length = pos;
    this.produce(Ir.i64_load_mul_imm_add, Cls.W64, this.src(other), ...address, klo, khi);
    return true;
  }

  /** local.set / local.tee (spec §4.4.5). */
  private setLocal(loc: number, tee: boolean): void {
    const v = this.peek();
    if (v.kind === Kind.Const && v.lo === 0 && v.hi === 0 && this.knownZero.has(loc)) {
      // The local is still zero on every path here: nothing to write.
      if (!tee) this.pop();
      return;
    }
    this.knownZero.delete(loc);
    this.zeroV128.delete(loc);
    if (this.isLastProduced(v) && !this.namesLocal(loc)) {
      const c = this.code, at = this.lastDst;
      if (c[at - 1] === Ir.const128 && (c[at + 1] | c[at + 2] | c[at + 3] | c[at + 4]) === 0) this.zeroV128.add(loc);
      // Fused: the instruction that produced v writes the local instead.
      this.code[this.lastDst] = loc;
      // A local may be the register a byte-move record reads: its value is no longer the same.
      this.byteMoves.clear();
      if (tee && this.code[this.lastDst - 1] === Ir.i32_add_imm) {
        this.teeAdd = { pos: this.lastDst - 1, loc, end: this.code.length };
      }
      if (tee && this.code[this.lastDst - 1] === Ir.i64_rotl_imm) {
        this.teeRotl = { pos: this.lastDst - 1, end: this.code.length };
      }
      const pos = this.lastDst - 1, step = this.lastStep;
      if (!tee && this.code[pos] === Ir.i32_add_imm) {
        if (step === pos - 4 && this.code[step] === Ir.i32_add_imm && this.lastLabel <= step) {
          // Two steps of locals back to back, no label between: one i32.add_imm2.
          this.code.splice(pos, 1);
          this.code[step] = Ir.i32_add_imm2;
          this.lastAddImm2 = step;
          this.lastStep = -1;
          this.lastAddImm = -1;
          if (this.teeAdd.pos === step) this.teeAdd = { pos: -1, loc: -1, end: -1 };
        } else {
          this.lastStep = pos;
        }
      }
      this.lastDst = -1;
      if (tee) {
        v.kind = Kind.Local;
        v.loc = loc;
      } else {
        this.pop();
      }
      return;
    }
    if (v.kind === Kind.Local && v.loc === loc) {
      if (!tee) this.pop();
      return;
    }
    this.pop();
    this.saveLocal(loc);
    this.moveValues([v], loc);
    if (tee) this.stack.push(v);
  }

  private brIf(depth: number): void {
    this.condBranch(depth, this.popCondition());
  }

  /**
   * A conditional branch to label `depth` on condition `c`: `c.ifTrue` jumps when taken,
   * `c.ifFalse` is its opposite. When the label's values are not in place, the moves sit behind
   * `c.ifFalse`.
   */
  private condBranch(depth: number, c: Cond): void {
    const target = this.ctls[this.ctls.length - 1 - depth];
    if (target.kind === CtlKind.Func) {
      this.emitJump(c.ifFalse, c.operands);
      const skip = this.code.length - 1;
      this.emitReturn(false);
      this.patch(skip);
    } else {
      const vals = this.topValues(this.labelArity(target).length);
      if (this.inPlace(vals, target.base)) {
        this.emitBranch(c.ifTrue, target, ...c.operands);
      } else {
        this.emitJump(c.ifFalse, c.operands);
        const skip = this.code.length - 1;
        this.moveValues(vals, target.base);
        this.emitBranch(Ir.br, target);
        this.patch(skip);
      }
    }
    this.lastDst = -1;
  }

  /**
   * The register of an operand that must survive moves into r0…: a deferred local (which those
   * moves may overwrite) or constant is first put in its home, which lies above them.
   */
  private homeOf(e: Entry): number {
    this.materialize(e);
    return e.home;
  }

  /** br_table (spec §4.4.8): labels needing value moves get a trampoline after the table. */
  private brTable(depths: readonly number[]): void {
    const e = this.pop();
    if (this.isLastProduced(e) && this.code[this.lastDst - 1] === Ir.i32_add_imm) {
      // The index is x + c just computed: br_table_add takes the add in.
      const [x, c] = this.code.slice(this.lastDst + 1);
      this.code.length = this.lastDst - 1;
      this.emit(Ir.br_table_add, x, c, depths.length - 1, ...depths.map(() => -1));
    } else {
      this.emit(Ir.br_table, this.src(e), depths.length - 1, ...depths.map(() => -1));
    }
    const first = this.code.length - depths.length;
    const trampolines = new Map<number, number[]>();
    depths.forEach((depth, j) => {
      const target = this.ctls[this.ctls.length - 1 - depth];
      const vals = this.topValues(this.labelArity(target).length);
      if (target.kind !== CtlKind.Func && this.inPlace(vals, target.base)) {
        if (target.kind === CtlKind.Loop) this.code[first + j] = target.startPc;
        else target.fixups.push(first + j);
      } else {
        const list = trampolines.get(depth) ?? [];
        list.push(first + j);
        trampolines.set(depth, list);
      }
    });
    for (const [depth, positions] of trampolines) {
      for (const pos of positions) this.patch(pos);
      this.emitBr(depth);
    }
    this.setUnreachable();
  }

  /** Materializes a call's arguments into consecutive homes; returns the callee's frame base. */
  private callArgs(ft: FuncType): number {
    const args = this.topValues(ft.params.length);
    for (const e of args) this.materialize(e);
    const base = args.length > 0 ? args[0].home : this.nextHome();
    this.stack.length -= args.length;
    return base;
  }

  private callResults(ft: FuncType): void {
    for (const t of ft.results) this.push(clsOf(t), Kind.Temp);
    this.lastDst = -1;
  }
}

/** The two's complement negation of the i64 with words lo, hi, as words. */
function negate64(lo: number, hi: number): [number, number] {
  const nlo = -lo | 0;
  return [nlo, (~hi + (nlo === 0 ? 1 : 0)) | 0];
}

/** The error for valid input this interpreter cannot run yet (e.g. SIMD, multiple memories). */
export function unsupported(what: string): CompileError {
  return new CompileError(`not supported by the interpreter yet: ${what}`);
}
