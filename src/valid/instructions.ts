/**
 * Validation of instruction sequences — spec §3.3 (Validation › Instructions), implemented as the
 * single-pass algorithm of the spec's appendix "Validation Algorithm" (appendix/algorithm.rst),
 * extended as in 3.0 (reference subtyping, non-defaultable locals, typed references, tail calls,
 * exception handling).
 *
 * Two stacks: the operand stack of operand types (value types, or `Unknown` for values conjured
 * by stack-polymorphic unreachable code) and the control stack of frames, one per open block.
 * Operand types are small integers (`T`), the operand stack an `Int32Array`; reference types get
 * codes from 8 on, interned per validator, so equal codes mean equal types and only different
 * reference codes are compared structurally (subtyping). Every instruction with a fixed type in
 * the opcode table is typed from a per-opcode descriptor derived from that table; the frequent
 * others (locals, globals, blocks, branches, calls) have their own case in one `switch`, and
 * everything else — and every error — goes through the general path (`instr`), which types
 * control, parametric, variable, table, memory-size and reference instructions by hand.
 *
 * One `FuncValidator` is reused for every function of a module: its stacks are emptied, not
 * reallocated, between functions. See RATIONALE, "Why integer operand types and opcode descriptors?".
 */

import { CompileError } from '../errors.js';
import type { BlockType, Catch, Expr, Func, Instr } from '../syntax/module.js';
import { fullOp, infoOf, Op, opcodes, opName } from '../syntax/opcodes.js';
import type { OpInfo, Sig } from '../syntax/opcodes.js';
import type { AddrType, MemType, RefType, TableType, ValType } from '../syntax/types.js';
import { funcref } from '../syntax/types.js';
import type { Features } from '../syntax/features.js';
import { featureOff, invalid, unknown } from './context.js';
import type { Context } from './context.js';
import {
  Unknown, funcTypeAt, isDefaultable, operandToString, refMatches, validateHeapType, validateValType,
} from './types.js';
import type { OperandHeap, OperandRef, OperandType } from './types.js';

/**
 * Operand type codes: `Unknown`, the number and vector types, and from `Ref` on the reference
 * types a validator has met, in the order it met them (`FuncValidator.refs`).
 */
const enum T { Unknown = 0, I32 = 1, I64 = 2, F32 = 3, F64 = 4, V128 = 5, Ref = 8 }
const basicTypes: readonly OperandType[] = [Unknown, 'i32', 'i64', 'f32', 'f64', 'v128'];

/** The code of a number or vector type (or `Unknown`); -1 for a reference type. */
function basicCode(t: OperandType): number {
  switch (t) {
    case 'i32': return T.I32;
    case 'i64': return T.I64;
    case 'f32': return T.F32;
    case 'f64': return T.F64;
    case 'v128': return T.V128;
    case Unknown: return T.Unknown;
  }
  return -1;
}

function addrCode(a: AddrType): number {
  return a === 'i32' ? T.I32 : T.I64;
}

/** Codes of the opcode table's signatures (number and vector types only), cached per list. */
const staticCodeCache = new WeakMap<readonly ValType[], readonly number[]>();
function staticCodes(ts: readonly ValType[]): readonly number[] {
  let cs = staticCodeCache.get(ts);
  if (cs === undefined) staticCodeCache.set(ts, cs = ts.map(basicCode));
  return cs;
}

// ---------------------------------------------------------------------------------------------
// Opcode descriptors

/** How the main loop treats an opcode (the low 5 bits of its descriptor). */
const enum Cat {
  /** The general path, `instr`. */
  General = 0,
  /** A fixed type of at most three number/vector operands and one result; no immediate to check. */
  Plain,
  /** A load or store (memarg): a fixed type plus the address, and the memarg's checks. */
  Mem,
  /** extract_lane, replace_lane: a fixed type and a lane index below the count in bits 20–24. */
  Lane,
  /** i8x16.shuffle: a fixed type and 16 lane indices. */
  Shuffle,
  LocalGet, LocalSet, LocalTee, GlobalGet, GlobalSet, Block, If, Else, End, Br, BrIf, Call, Drop, Return,
}

/*
 * Descriptor bits of Plain and Mem: 5–6 the operand count n (0–3), 7–9 the type code of the top
 * operand, 10–12 the next, 13–15 the third; bit 16 set when there is a result, 17–19 its code;
 * 20–23 (Mem) the largest alignment exponent.
 */
const HAS_RESULT = 1 << 16;

/** Descriptors of single-byte opcodes by byte, and of prefixed ones by `prefix - 0xFB` and sub-opcode. */
interface Descs {
  readonly single: Int32Array;
  readonly prefixed: readonly Int32Array[];
}

const PREFIX_GC = 0xfb;
/** The prefix byte of vector instructions (opcode table: `0xFD << 16 | sub`). */
const PREFIX_SIMD = 0xfd;

function describe(info: OpInfo, f: Features): number {
  const sig = info.sig;
  if (sig === undefined) {
    switch (info.code) {
      case Op.local_get: return Cat.LocalGet;
      case Op.local_set: return Cat.LocalSet;
      case Op.local_tee: return Cat.LocalTee;
      case Op.global_get: return Cat.GlobalGet;
      case Op.global_set: return Cat.GlobalSet;
      case Op.block: case Op.loop: return Cat.Block;
      case Op.if: return Cat.If;
      case Op.else: return Cat.Else;
      case Op.end: return Cat.End;
      case Op.br: return Cat.Br;
      case Op.br_if: return Cat.BrIf;
      case Op.call: return Cat.Call;
      case Op.drop: return Cat.Drop;
      case Op.return: return Cat.Return;
      default: return Cat.General;
    }
  }
  // A vector instruction whose feature is off goes the general way, which reports it.
  if (info.prefix === PREFIX_SIMD && !(info.sub >= 0x100 ? f.relaxedSimd : f.simd)) return Cat.General;
  const { params, results } = sig;
  if (params.length > 3 || results.length > 1) return Cat.General;
  let d = params.length << 5;
  for (let k = 0; k < params.length; k++) d |= basicCode(params[params.length - 1 - k]) << (7 + 3 * k);
  if (results.length === 1) d |= HAS_RESULT | (basicCode(results[0]) << 17);
  switch (info.imm) {
    case 'none': case 'i32': case 'i64': case 'f32': case 'f64': case 'v128':
      return d | Cat.Plain;
    case 'memarg':
      return d | Cat.Mem | ((31 - Math.clz32(info.memBytes ?? 1)) << 20);
    case 'lane':
      return d | Cat.Lane | (laneCount(info) << 20);
    case 'shuffle':
      return d | Cat.Shuffle;
    default:
      return Cat.General;
  }
}

const descsByFeatures = new WeakMap<Features, Descs>();

/** The descriptors under `f`, built once per feature set from the opcode table. */
function descsFor(f: Features): Descs {
  let t = descsByFeatures.get(f);
  if (t === undefined) {
    const single = new Int32Array(256);
    const sizes = [0, 0, 0];
    for (const o of opcodes) if (o.prefix !== 0) sizes[o.prefix - PREFIX_GC] = Math.max(sizes[o.prefix - PREFIX_GC], o.sub + 1);
    const prefixed = sizes.map((n) => new Int32Array(n));
    for (const o of opcodes) {
      // The first row of a code is the one `infoOf` returns.
      if (infoOf(o.code) !== o) continue;
      if (o.prefix === 0) single[o.code] = describe(o, f);
      else prefixed[o.prefix - PREFIX_GC][o.sub] = describe(o, f);
    }
    t = { single, prefixed };
    descsByFeatures.set(f, t);
  }
  return t;
}

/**
 * The operand stack's storage, shared by all validators: an `Int32Array` of this size has its
 * own backing store, and allocating (and collecting) one per module cost more than validating a
 * small module's bodies. A body takes it and gives it back (a validation nested in another one —
 * it cannot happen with plain instruction objects — would allocate its own).
 */
let sharedStack: Int32Array | undefined = new Int32Array(1024);
const noVals = new Int32Array(0);

/** A control frame (appendix "Data Structures"), plus 3.0's height of the local-init stack. */
interface Frame {
  op: number;
  start: readonly number[];
  end: readonly number[];
  height: number;
  initHeight: number;
  unreachable: boolean;
}

/** A function type's parameter and result codes. */
interface SigCodes {
  readonly params: readonly number[];
  readonly results: readonly number[];
}

const none: readonly ValType[] = [];
const noCodes: readonly number[] = [];
const noLabels: readonly number[] = [];
/** The reference an `Unknown` operand stands for where a reference is required. */
const botRef: OperandRef = { kind: 'ref', nullable: false, heap: 'bot' };

/** 3.0 instructions in the opcode table, and the feature each needs. */
const opFeature: ReadonlyMap<number, keyof Features> = new Map<number, keyof Features>([
  [Op.return_call, 'tailCall'], [Op.return_call_indirect, 'tailCall'], [Op.return_call_ref, 'tailCall'],
  [Op.call_ref, 'functionReferences'], [Op.ref_as_non_null, 'functionReferences'],
  [Op.br_on_null, 'functionReferences'], [Op.br_on_non_null, 'functionReferences'],
  [Op.ref_eq, 'gc'],
  [Op.throw, 'exceptions'], [Op.throw_ref, 'exceptions'], [Op.try_table, 'exceptions'],
]);

export class FuncValidator {
  /** The operand stack: codes `vals[0 … sp-1]` (`sharedStack`, taken for each body). */
  private vals: Int32Array = noVals;
  private sp = 0;
  /** The control stack: frames `0 … depth-1` are live; entries beyond are kept for reuse. */
  private readonly ctrls: Frame[] = [];
  private depth = 0;
  /** The innermost frame's height (`ctrls[depth-1].height`), read by every pop. */
  private height = 0;

  /** Reference types by code - T.Ref, and their codes by heap type, per nullability. */
  private readonly refs: OperandRef[] = [];
  private nullableCodes: Map<OperandHeap, number> | undefined = undefined;
  private nonNullCodes: Map<OperandHeap, number> | undefined = undefined;

  private readonly descs: Descs;
  /** Parameter and result codes per type index, made on first use. */
  private readonly sigs: (SigCodes | undefined)[];
  /** The code of every global's type. */
  private readonly globalCodes: number[];
  /** `[t]` per code, for block types `t`. */
  private readonly singleCodes: (readonly number[] | undefined)[] = [];

  /** C.locals: parameters, then declared locals, as codes (entries past them are stale). */
  private readonly localCodes: number[] = [];
  /** The current body's parameters and declared locals, for their `ValType`s. */
  private params: readonly ValType[] = none;
  private locals: readonly ValType[] = none;
  /** C.return. */
  private returns: readonly number[] = noCodes;
  /** 3.0 local initialization: whether each local is set, and which were set, in order. */
  private readonly inits: boolean[] = [];
  private readonly initStack: number[] = [];
  private trackInits = false;

  private btParams: readonly number[] = noCodes;
  private btResults: readonly number[] = noCodes;

  constructor(private readonly ctx: Context) {
    this.descs = descsFor(ctx.features);
    this.sigs = new Array<SigCodes | undefined>(ctx.types.length).fill(undefined);
    this.globalCodes = ctx.globals.map((g) => this.codeOf(g.type));
  }

  /** spec §3.4.1 Functions: the body must be valid with the function type's results. */
  validateFunc(func: Func, funcIdx: number): void {
    const sig = this.sigOf(func.typeIdx);
    const ft = funcTypeAt(this.ctx, func.typeIdx);
    const numTypes = this.ctx.types.length;
    const features = this.ctx.features;
    const locals = func.locals;
    for (let i = 0; i < locals.length; i++) {
      const t = locals[i];
      if (typeof t !== 'string' || t === 'v128') validateValType(t, numTypes, features);
    }
    try {
      this.validateBody(func.body, ft.params, sig.params, locals, sig.results, func.ops);
    } catch (e) {
      if (e instanceof CompileError) throw new CompileError(`${e.message} (in function ${funcIdx})`);
      throw e;
    }
  }

  /**
   * spec §3.3.9 Expressions: `expr` must leave exactly `results` — with no locals, as for the
   * constant expressions of globals, element and data segments.
   */
  validateExpr(expr: Expr, results: readonly ValType[]): void {
    const codes = results.length === 1 ? this.singleCode(this.codeOf(results[0])) : this.codesOf(results);
    this.validateBody(expr, none, noCodes, none, codes);
  }

  private validateBody(
    body: Expr, params: readonly ValType[], paramCodes: readonly number[], locals: readonly ValType[],
    results: readonly number[], ops?: Uint16Array,
  ): void {
    this.vals = sharedStack ?? new Int32Array(256);
    sharedStack = undefined;
    try {
      this.checkBody(body, params, paramCodes, locals, results, ops !== undefined && ops.length === body.length ? ops : undefined);
    } finally {
      sharedStack = this.vals;
      this.vals = noVals;
    }
  }

  /** `ops`, when given, holds the compact opcode of each instruction of `body` (Func.ops). */
  private checkBody(
    body: Expr, params: readonly ValType[], paramCodes: readonly number[], locals: readonly ValType[],
    results: readonly number[], ops: Uint16Array | undefined,
  ): void {
    this.params = params;
    this.locals = locals;
    const numParams = params.length;
    const n = numParams + locals.length;
    const lc = this.localCodes;
    for (let i = 0; i < numParams; i++) lc[i] = paramCodes[i];
    this.trackInits = false;
    for (let i = 0; i < locals.length; i++) {
      const t = locals[i];
      if (typeof t === 'string') {
        lc[numParams + i] = basicCode(t);
      } else {
        lc[numParams + i] = this.codeOf(t);
        if (!isDefaultable(t)) this.trackInits = true;
      }
    }
    this.returns = results;
    this.sp = 0;
    this.depth = 0;
    if (this.initStack.length !== 0) this.initStack.length = 0;
    if (this.trackInits) {
      this.inits.length = n;
      for (let i = 0; i < n; i++) this.inits[i] = i < numParams || isDefaultable(locals[i - numParams]);
    }
    this.pushCtrl(Op.block, noCodes, results);
    const single = this.descs.single;
    // Constant for the body: locals (fast paths only without 3.0 local-initialization tracking),
    // globals and memories.
    const numFast = this.trackInits ? 0 : n;
    const globalCodes = this.globalCodes;
    const mems = this.ctx.mems;
    // The operand stack in locals: `this.sp`, `this.vals` and `this.height` are written before
    // and read again after any method that uses them (every `general` call).
    let vals: Int32Array = this.vals;
    let sp = this.sp;
    let height = this.height;
    let pc = 0;
    try {
      for (; pc < body.length; pc++) {
        const ins = body[pc];
        // From the decoder's array of opcodes when there is one: `ins.op` is a megamorphic load.
        const op = ops === undefined ? ins.op : ops[pc] < 256 ? ops[pc] : fullOp(ops[pc]);
        const d = op < 256 ? single[op] : this.prefixedDesc(op);
        // The frequent cases, when their operands are exactly as expected; anything else (an
        // error included) leaves the switch for the general path, which checks it all again.
        switch (d & 31) {
          case Cat.Plain: {
            const k = (d >>> 5) & 3;
            if (k !== 0) {
              if (sp - k >= height && vals[sp - 1] === ((d >>> 7) & 7)
                && (k === 1 || (vals[sp - 2] === ((d >>> 10) & 7) && (k === 2 || vals[sp - 3] === ((d >>> 13) & 7))))) {
                sp -= k;
              } else {
                this.sp = sp;
                this.popVals(staticCodes(infoOf(op)!.sig!.params));
                sp = this.sp;
              }
            }
            if ((d & HAS_RESULT) !== 0) {
              if (sp === vals.length) vals = this.grow(sp, 1);
              vals[sp++] = (d >>> 17) & 7;
            }
            continue;
          }
          case Cat.LocalGet: {
            const x = ins.idx!;
            const c = x < numFast ? lc[x] : undefined;
            if (c === undefined) break;
            if (sp === vals.length) vals = this.grow(sp, 1);
            vals[sp++] = c;
            continue;
          }
          case Cat.LocalSet: {
            const x = ins.idx!;
            const c = x < numFast ? lc[x] : undefined;
            if (c === undefined || sp <= height || vals[sp - 1] !== c) break;
            sp--;
            continue;
          }
          case Cat.LocalTee: {
            const x = ins.idx!;
            const c = x < numFast ? lc[x] : undefined;
            if (c === undefined || sp <= height || vals[sp - 1] !== c) break;
            continue;
          }
          case Cat.GlobalGet: {
            const x = ins.idx!;
            const c = x < globalCodes.length ? globalCodes[x] : undefined;
            if (c === undefined) break;
            if (sp === vals.length) vals = this.grow(sp, 1);
            vals[sp++] = c;
            continue;
          }
          case Cat.Mem: {
            // A load (no operand) or store (one), the address below, and the memarg's checks.
            const arg = ins.mem;
            const mt = arg !== undefined ? mems[arg.mem] : undefined;
            if (mt === undefined || arg!.align > ((d >>> 20) & 15)) break;
            const k = (d >>> 5) & 3;
            if (mt.addr === 'i32') {
              if (arg!.offset > 0xffff_ffff || vals[sp - k - 1] !== T.I32) break;
            } else if (vals[sp - k - 1] !== T.I64) {
              break;
            }
            if (sp - k - 1 < height || (k === 1 && vals[sp - 1] !== ((d >>> 7) & 7)) || k > 1) break;
            sp -= k + 1;
            if ((d & HAS_RESULT) !== 0) {
              if (sp === vals.length) vals = this.grow(sp, 1);
              vals[sp++] = (d >>> 17) & 7;
            }
            continue;
          }
          case Cat.Block:
            if (ins.bt !== null) break;
            this.sp = sp;
            this.pushCtrl(op, noCodes, noCodes);
            height = sp;
            continue;
          case Cat.If:
            if (ins.bt !== null || sp <= height || vals[sp - 1] !== T.I32) break;
            this.sp = --sp;
            this.pushCtrl(op, noCodes, noCodes);
            height = sp;
            continue;
          case Cat.End: {
            // A block without results or with one, its operand there: only the frame goes.
            const depth = this.depth;
            if (depth < 2) break;
            const frame = this.ctrls[depth - 1];
            const end = frame.end;
            if (end.length > 1 || sp !== height + end.length || (end.length === 1 && vals[sp - 1] !== end[0])) break;
            if ((frame.op === Op.if && frame.start.length + end.length !== 0) || this.initStack.length > frame.initHeight) break;
            this.depth = depth - 1;
            height = this.height = this.ctrls[depth - 2].height;
            continue;
          }
          case Cat.BrIf: {
            // To a label without values.
            const x = ins.idx!;
            if (!(x >= 0 && x < this.depth) || sp <= height || vals[sp - 1] !== T.I32) break;
            if (FuncValidator.labelTypes(this.ctrls[this.depth - 1 - x]).length !== 0) break;
            sp--;
            continue;
          }
        }
        this.sp = sp;
        this.general(ins, d);
        sp = this.sp;
        vals = this.vals;
        height = this.height;
      }
    } catch (e) {
      if (e instanceof CompileError) {
        throw new CompileError(`${e.message} (at instruction ${pc}, ${opName(body[pc].op)})`);
      }
      throw e;
    }
    this.sp = sp;
    if (this.depth !== 1) throw invalid('unbalanced block structure: missing end');
    this.popCtrl();
  }

  /** Everything the main loop's fast cases leave, on the stack fields. */
  private general(ins: Instr, d: number): void {
    switch (d & 31) {
      case Cat.Lane: {
        const lane = ins.lane;
        if (lane !== undefined && lane >= 0 && lane < ((d >>> 20) & 31)) this.plain(d, ins.op);
        else this.instr(ins);
        return;
      }
      case Cat.Shuffle:
        this.shuffleLanes(ins);
        this.plain(d, ins.op);
        return;
      case Cat.End: this.end(); return;
      case Cat.Br:
        this.popVals(FuncValidator.labelTypes(this.label(this.idx(ins))));
        this.unreachable();
        return;
      case Cat.Call: {
        const sig = this.funcSig(this.idx(ins));
        this.popVals(sig.params);
        this.pushVals(sig.results);
        return;
      }
      case Cat.Drop: this.pop(); return;
      case Cat.Return:
        this.popVals(this.returns);
        this.unreachable();
        return;
      // No feature gates these: straight to their hand-typed case.
      case Cat.GlobalSet: case Cat.Else: this.handTyped(ins); return;
      default: this.instr(ins);
    }
  }

  private prefixedDesc(op: number): number {
    const table = this.descs.prefixed[(op >>> 16) - PREFIX_GC];
    const sub = op & 0xffff;
    return table !== undefined && sub < table.length ? table[sub] : Cat.General;
  }

  /** A Plain (or Lane, Shuffle) instruction typed from its descriptor. */
  private plain(d: number, op: number): void {
    const k = (d >>> 5) & 3;
    if (k !== 0 && !this.popFast(d, k)) this.popVals(staticCodes(infoOf(op)!.sig!.params));
    if ((d & HAS_RESULT) !== 0) this.push((d >>> 17) & 7);
  }

  // -------------------------------------------------------------------------------------------
  // Type codes

  /** The code of a reference type, interned: structurally equal types get the same code. */
  private refCode(nullable: boolean, heap: OperandHeap): number {
    // Made on first use: most 2.0 modules have no reference-typed operand.
    const codes = nullable ? (this.nullableCodes ??= new Map()) : (this.nonNullCodes ??= new Map());
    let c = codes.get(heap);
    if (c === undefined) {
      c = T.Ref + this.refs.length;
      this.refs.push({ kind: 'ref', nullable, heap });
      codes.set(heap, c);
    }
    return c;
  }

  private codeOf(t: OperandType): number {
    return typeof t === 'object' ? this.refCode(t.nullable, t.heap) : basicCode(t);
  }

  private typeOf(c: number): OperandType {
    return c < T.Ref ? basicTypes[c] : this.refs[c - T.Ref];
  }

  private codesOf(ts: readonly ValType[]): readonly number[] {
    return ts.length === 0 ? noCodes : ts.map((t) => this.codeOf(t));
  }

  /** Matching `a ≤ b` of codes (spec 3.0 §3.3.4); `Unknown` matches everything. */
  private matches(a: number, b: number): boolean {
    if (a === b || a === T.Unknown) return true;
    if (a < T.Ref || b < T.Ref) return false;
    return refMatches(this.refs[a - T.Ref], this.refs[b - T.Ref] as RefType, this.ctx);
  }

  private matchesAll(a: readonly number[], b: readonly number[]): boolean {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!this.matches(a[i], b[i])) return false;
    return true;
  }

  private typesToString(cs: ArrayLike<number>): string {
    const parts: string[] = [];
    for (let i = 0; i < cs.length; i++) parts.push(operandToString(this.typeOf(cs[i])));
    return `[${parts.join(' ')}]`;
  }

  /** The codes of type index `idx`'s function type ("unknown type N", "not a function type"). */
  private sigOf(idx: number): SigCodes {
    let s = this.sigs[idx];
    if (s === undefined) {
      const ft = funcTypeAt(this.ctx, idx);
      s = { params: this.codesOf(ft.params), results: this.codesOf(ft.results) };
      if (Number.isInteger(idx)) this.sigs[idx] = s;
    }
    return s;
  }

  // -------------------------------------------------------------------------------------------
  // Operand and control stacks (appendix "Data Structures")

  private push(c: number): void {
    if (this.sp === this.vals.length) this.grow(this.sp, 1);
    this.vals[this.sp++] = c;
  }

  /** Room for `n` more operands above `sp`: a larger stack, returned (and kept in `vals`). */
  private grow(sp: number, n: number): Int32Array {
    const vals = new Int32Array(Math.max(2 * this.vals.length, sp + n));
    vals.set(this.vals);
    this.vals = vals;
    return vals;
  }

  private pushVals(cs: readonly number[]): void {
    const n = cs.length;
    if (this.sp + n > this.vals.length) this.grow(this.sp, n);
    const vals = this.vals;
    for (let i = 0; i < n; i++) vals[this.sp++] = cs[i];
  }

  private pop(): number {
    if (this.sp === this.height) {
      if (this.ctrls[this.depth - 1].unreachable) return T.Unknown;
      throw invalid('type mismatch: instruction requires an operand but stack has []');
    }
    return this.vals[--this.sp];
  }

  /** pop_val(expect): the popped type must match `expect`. */
  private popExpect(expect: number): number {
    if (this.sp === this.height) {
      if (this.ctrls[this.depth - 1].unreachable) return T.Unknown;
      throw this.mismatch([expect], 0);
    }
    const actual = this.vals[this.sp - 1];
    if (actual !== expect && !this.matches(actual, expect)) throw this.mismatch([expect], 1);
    this.sp--;
    return actual;
  }

  /**
   * A descriptor's `k` operands, when they are there with exactly its types: pops them and
   * returns true. Otherwise changes nothing.
   */
  private popFast(d: number, k: number): boolean {
    const sp = this.sp;
    const vals = this.vals;
    if (sp - k < this.height || vals[sp - 1] !== ((d >>> 7) & 7)) return false;
    if (k >= 2 && (vals[sp - 2] !== ((d >>> 10) & 7) || (k === 3 && vals[sp - 3] !== ((d >>> 13) & 7)))) return false;
    this.sp = sp - k;
    return true;
  }

  /** pop_vals(types): checks the top operands in place, then drops them. */
  private popVals(ts: readonly number[]): void {
    const n = ts.length;
    if (n === 0) return;
    const vals = this.vals;
    const sp = this.sp;
    // Fast path: the operands are there and have exactly the expected types.
    if (sp - n >= this.height) {
      let k = 0;
      while (k < n && vals[sp - n + k] === ts[k]) k++;
      if (k === n) {
        this.sp = sp - n;
        return;
      }
    }
    this.checkTop(ts);
    this.sp = Math.max(this.height, sp - n);
  }

  /** Whether the top operands match `ts` (what `push_vals(pop_vals(ts))` checks), in place. */
  private checkTop(ts: readonly number[]): void {
    const n = ts.length;
    const frame = this.ctrls[this.depth - 1];
    const base = this.sp - n;
    for (let k = 0; k < n; k++) {
      const pos = base + k;
      if (pos < frame.height) {
        // Below the block's base: the polymorphic stack of unreachable code supplies `Unknown`.
        if (frame.unreachable) continue;
        throw this.mismatch(ts, n);
      }
      if (!this.matches(this.vals[pos], ts[k])) throw this.mismatch(ts, n);
    }
  }

  /** "type mismatch", with the reference interpreter's detail: expected types, top `n` operands. */
  private mismatch(expected: readonly number[], n: number): CompileError {
    const found = this.vals.subarray(Math.max(this.height, this.sp - n), this.sp);
    return invalid(`type mismatch: instruction requires ${this.typesToString(expected)} but stack has ${this.typesToString(found)}`);
  }

  /** 3.0 pop_ref: a reference (any heap type); `Unknown` becomes a non-null bottom reference. */
  private popRef(): OperandRef {
    const c = this.pop();
    if (c === T.Unknown) return botRef;
    if (c < T.Ref) throw invalid(`type mismatch: instruction requires a reference but stack has [${operandToString(this.typeOf(c))}]`);
    return this.refs[c - T.Ref];
  }

  private pushCtrl(op: number, start: readonly number[], end: readonly number[]): void {
    let frame = this.ctrls[this.depth];
    if (frame === undefined) {
      frame = { op, start, end, height: 0, initHeight: 0, unreachable: false };
      this.ctrls.push(frame);
    }
    frame.op = op;
    frame.start = start;
    frame.end = end;
    frame.height = this.sp;
    frame.initHeight = this.initStack.length;
    frame.unreachable = false;
    this.height = this.sp;
    this.depth++;
    if (start.length !== 0) this.pushVals(start);
  }

  private popCtrl(): Frame {
    const frame = this.ctrls[this.depth - 1];
    this.popVals(frame.end);
    if (this.sp !== frame.height) {
      const extra = this.vals.subarray(frame.height, this.sp);
      throw invalid(`type mismatch: ${this.typesToString(extra)} left on the stack at the end of the block`);
    }
    if (this.initStack.length > frame.initHeight) this.resetLocals(frame.initHeight);
    this.depth--;
    this.height = this.depth > 0 ? this.ctrls[this.depth - 1].height : 0;
    return frame;
  }

  /** `end` of a block (spec §3.3.8). */
  private end(): void {
    if (this.depth < 2) throw invalid('unbalanced block structure: unexpected end');
    const frame = this.popCtrl();
    // An `if` without `else` has an empty else branch: its inputs must already be its outputs.
    if (frame.op === Op.if && !this.matchesAll(frame.start, frame.end)) {
      throw invalid(`type mismatch: if without else must produce its parameters ${this.typesToString(frame.start)} as results ${this.typesToString(frame.end)}`);
    }
    if (frame.end.length !== 0) this.pushVals(frame.end);
  }

  /** The types a branch to `frame` carries: a loop's parameters, any other block's results. */
  private static labelTypes(frame: Frame): readonly number[] {
    return frame.op === Op.loop ? frame.start : frame.end;
  }

  /** C.labels[l] (spec §3.3.8): "unknown label" past the outermost frame. */
  private label(l: number): Frame {
    const frame = l >= 0 && l < this.depth ? this.ctrls[this.depth - 1 - l] : undefined;
    if (frame === undefined) throw unknown('label', l);
    return frame;
  }

  /** The rest of the block is unreachable: its stack becomes polymorphic. */
  private unreachable(): void {
    const frame = this.ctrls[this.depth - 1];
    this.sp = frame.height;
    frame.unreachable = true;
  }

  private setLocal(x: number): void {
    if (this.trackInits && !this.inits[x]) {
      this.inits[x] = true;
      this.initStack.push(x);
    }
  }

  /** Leaving a block forgets the locals first set inside it (3.0 §3.3.8, local initialization). */
  private resetLocals(height: number): void {
    while (this.initStack.length > height) this.inits[this.initStack.pop()!] = false;
  }

  // -------------------------------------------------------------------------------------------
  // Context look-ups: "unknown <space> N" when an index is out of range

  private idx(ins: Instr): number {
    const x = ins.idx;
    if (x === undefined) throw invalid(`${opName(ins.op)}: missing index immediate`);
    return x;
  }

  private idx2(ins: Instr): number {
    const x = ins.idx2;
    if (x === undefined) throw invalid(`${opName(ins.op)}: missing second index immediate`);
    return x;
  }

  /** The code of local `x`. */
  private local(x: number): number {
    const t = x < this.params.length ? this.params[x] : this.locals[x - this.params.length];
    if (t === undefined) throw unknown('local', x);
    return this.localCodes[x];
  }

  private table(x: number): TableType {
    const tt = this.ctx.tables[x];
    if (tt === undefined) throw unknown('table', x);
    return tt;
  }

  private memory(x: number): MemType {
    const mt = this.ctx.mems[x];
    if (mt === undefined) throw unknown('memory', x);
    return mt;
  }

  /** The codes of function `x`'s type. */
  private funcSig(x: number): SigCodes {
    const typeIdx = this.ctx.funcs[x];
    if (typeIdx === undefined) throw unknown('function', x);
    return this.sigOf(typeIdx);
  }

  private elem(x: number): RefType {
    const rt = this.ctx.elems[x];
    if (rt === undefined) throw unknown('elem segment', x);
    return rt;
  }

  private data(x: number): void {
    if (!(Number.isInteger(x) && x >= 0 && x < this.ctx.datas)) throw unknown('data segment', x);
  }

  /** The codes of tag `x`'s type. */
  private tagSig(x: number): SigCodes {
    const typeIdx = this.ctx.tags[x];
    if (typeIdx === undefined) throw unknown('tag', x);
    return this.sigOf(typeIdx);
  }

  /** spec §3.2 Block types: sets `btParams`/`btResults`. */
  private blockType(bt: BlockType | undefined): void {
    if (bt === null || bt === undefined) {
      this.btParams = noCodes;
      this.btResults = noCodes;
    } else if (typeof bt === 'number') {
      const s = this.sigOf(bt);
      this.btParams = s.params;
      this.btResults = s.results;
    } else {
      validateValType(bt, this.ctx.types.length, this.ctx.features);
      this.btParams = noCodes;
      this.btResults = this.singleCode(this.codeOf(bt));
    }
  }

  /** `[c]`, one array per code. */
  private singleCode(c: number): readonly number[] {
    let cs = this.singleCodes[c];
    if (cs === undefined) {
      while (this.singleCodes.length < c) this.singleCodes.push(undefined);
      this.singleCodes[c] = cs = [c];
    }
    return cs;
  }

  // -------------------------------------------------------------------------------------------
  // Instructions: the general path

  private instr(ins: Instr): void {
    const op = ins.op;
    const info = infoOf(op);
    if (info === undefined) throw invalid(`unknown opcode 0x${op.toString(16)}`);
    const sig = info.sig;
    if (sig !== undefined) {
      // Fixed-type instructions, from the opcode table (numeric §3.3.1, vector §3.3.3, memory
      // §3.3.7, …).
      if (info.prefix === PREFIX_SIMD) this.simdEnabled(info);
      switch (info.imm) {
        case 'memarg': case 'memarg_lane': this.memAccess(ins, info, sig); return;
        case 'lane': this.laneIndex(ins, info); break;
        case 'shuffle': this.shuffleLanes(ins); break;
        case 'elem': this.elem(this.idx(ins)); break;
        case 'data': this.data(this.idx(ins)); break;
      }
      this.popVals(staticCodes(sig.params));
      this.pushVals(staticCodes(sig.results));
      return;
    }
    const feature = opFeature.get(op);
    if (feature !== undefined && !this.ctx.features[feature]) throw featureOff(info.name, feature);
    this.handTyped(ins);
  }

  /**
   * spec §3.3.7 Memory instructions `t.load`/`t.store` with a memarg, and the vector lane
   * accesses `v128.loadN_lane`/`v128.storeN_lane` (memarg and lane index, checked in that order
   * as in the reference interpreter).
   */
  private memAccess(ins: Instr, info: OpInfo, sig: Sig): void {
    const arg = ins.mem;
    if (arg === undefined) throw invalid(`${info.name}: missing memory immediate`);
    const mt = this.memory(arg.mem);
    if (arg.align > 31 - Math.clz32(info.memBytes ?? 1)) {
      throw invalid('alignment must not be larger than natural');
    }
    if (info.imm === 'memarg_lane') this.laneIndex(ins, info);
    if (mt.addr === 'i32' && arg.offset > 0xffff_ffff) throw invalid('offset out of range');
    this.popVals(staticCodes(sig.params));
    this.popExpect(addrCode(mt.addr));
    this.pushVals(staticCodes(sig.results));
  }

  /** Vector instructions need SIMD; the relaxed ones (sub-opcodes from 0x100) relaxed SIMD. */
  private simdEnabled(info: OpInfo): void {
    const feature = info.sub >= 0x100 ? 'relaxedSimd' : 'simd';
    if (!this.ctx.features[feature]) throw featureOff(info.name, feature);
  }

  /** spec §3.3.3 extract_lane, replace_lane, load/store lane: the lane index is below the lane count. */
  private laneIndex(ins: Instr, info: OpInfo): void {
    const lane = ins.lane;
    if (lane === undefined) throw invalid(`${info.name}: missing lane immediate`);
    if (!(lane >= 0 && lane < laneCount(info))) throw invalid('invalid lane index');
  }

  /** spec §3.3.3 i8x16.shuffle: every lane index selects one of the 32 bytes of both operands. */
  private shuffleLanes(ins: Instr): void {
    const lanes = ins.bytes;
    if (lanes === undefined || lanes.length !== 16) throw invalid('i8x16.shuffle: needs 16 lane indices');
    for (let i = 0; i < 16; i++) if (!(lanes[i] < 32)) throw invalid('invalid lane index');
  }

  private handTyped(ins: Instr): void {
    const op = ins.op;
    switch (op) {
      // Variable instructions (spec §3.3.5), the most frequent first
      case Op.local_get: {
        const x = this.idx(ins);
        const c = this.local(x);
        if (this.trackInits && !this.inits[x]) throw invalid(`uninitialized local ${x}`);
        this.push(c);
        return;
      }
      case Op.local_set: {
        const x = this.idx(ins);
        this.popExpect(this.local(x));
        this.setLocal(x);
        return;
      }
      case Op.local_tee: {
        const x = this.idx(ins);
        const c = this.local(x);
        this.popExpect(c);
        this.setLocal(x);
        this.push(c);
        return;
      }
      case Op.global_get: {
        const x = this.idx(ins);
        const gt = this.ctx.globals[x];
        if (gt === undefined) throw unknown('global', x);
        this.push(this.codeOf(gt.type));
        return;
      }
      case Op.global_set: {
        const x = this.idx(ins);
        const gt = this.ctx.globals[x];
        if (gt === undefined) throw unknown('global', x);
        // The suites word it by edition: 2.0 "global is immutable", 3.0 "immutable global".
        if (!gt.mutable) throw invalid(this.ctx.features.wording === '3.0' ? 'immutable global' : 'global is immutable');
        this.popExpect(this.codeOf(gt.type));
        return;
      }

      // Control instructions (spec §3.3.8)
      case Op.block: case Op.loop: {
        this.blockType(ins.bt);
        this.popVals(this.btParams);
        this.pushCtrl(op, this.btParams, this.btResults);
        return;
      }
      case Op.if: {
        this.blockType(ins.bt);
        this.popExpect(T.I32);
        this.popVals(this.btParams);
        this.pushCtrl(op, this.btParams, this.btResults);
        return;
      }
      case Op.else: {
        if (this.depth < 2 || this.ctrls[this.depth - 1].op !== Op.if) throw invalid('else without matching if');
        const frame = this.popCtrl();
        this.pushCtrl(Op.else, frame.start, frame.end);
        return;
      }
      case Op.end: this.end(); return;
      case Op.br: {
        this.popVals(FuncValidator.labelTypes(this.label(this.idx(ins))));
        this.unreachable();
        return;
      }
      case Op.br_if: {
        const types = FuncValidator.labelTypes(this.label(this.idx(ins)));
        this.popExpect(T.I32);
        this.popVals(types);
        this.pushVals(types);
        return;
      }
      case Op.br_table: this.brTable(ins); return;
      case Op.return: {
        this.popVals(this.returns);
        this.unreachable();
        return;
      }
      case Op.unreachable: this.unreachable(); return;
      case Op.call: {
        const s = this.funcSig(this.idx(ins));
        this.popVals(s.params);
        this.pushVals(s.results);
        return;
      }
      case Op.call_indirect: {
        const s = this.callIndirect(ins);
        this.pushVals(s.results);
        return;
      }
      case Op.return_call: {
        const s = this.funcSig(this.idx(ins));
        this.tailCall(s);
        this.popVals(s.params);
        this.unreachable();
        return;
      }
      case Op.return_call_indirect: {
        const s = this.callIndirect(ins);
        this.tailCall(s);
        this.unreachable();
        return;
      }
      case Op.call_ref: {
        const s = this.callRef(ins);
        this.pushVals(s.results);
        return;
      }
      case Op.return_call_ref: {
        const s = this.callRef(ins);
        this.tailCall(s);
        this.unreachable();
        return;
      }
      case Op.br_on_null: {
        const types = FuncValidator.labelTypes(this.label(this.idx(ins)));
        const rt = this.popRef();
        this.popVals(types);
        this.pushVals(types);
        this.push(this.refCode(false, rt.heap));
        return;
      }
      case Op.br_on_non_null: {
        const types = FuncValidator.labelTypes(this.label(this.idx(ins)));
        const last = types[types.length - 1];
        if (last === undefined || last < T.Ref) {
          throw invalid('type mismatch: br_on_non_null needs a label whose last type is a reference');
        }
        const rt = this.popRef();
        this.push(this.refCode(false, rt.heap));
        this.popVals(types);
        this.pushVals(types);
        this.pop();
        return;
      }
      case Op.throw: {
        this.popVals(this.tagSig(this.idx(ins)).params);
        this.unreachable();
        return;
      }
      case Op.throw_ref: {
        this.popExpect(this.refCode(true, 'exn'));
        this.unreachable();
        return;
      }
      case Op.try_table: {
        this.blockType(ins.bt);
        for (const c of ins.catches ?? []) this.catchClause(c);
        this.popVals(this.btParams);
        this.pushCtrl(op, this.btParams, this.btResults);
        return;
      }

      // Parametric instructions (spec §3.3.4)
      case Op.drop: this.pop(); return;
      case Op.select: {
        this.popExpect(T.I32);
        const t1 = this.pop();
        const t2 = this.pop();
        // Untyped select only chooses between numbers or between vectors.
        const num = (t: number) => t >= T.Unknown && t <= T.F64;
        const vec = (t: number) => t === T.Unknown || t === T.V128;
        if (!((num(t1) && num(t2)) || (vec(t1) && vec(t2)))) {
          throw invalid(`type mismatch: select without a type needs numeric or vector operands, found ${operandToString(this.typeOf(t2))} and ${operandToString(this.typeOf(t1))}`);
        }
        if (t1 !== t2 && t1 !== T.Unknown && t2 !== T.Unknown) {
          throw invalid(`type mismatch: select operands differ: ${operandToString(this.typeOf(t2))} and ${operandToString(this.typeOf(t1))}`);
        }
        this.push(t1 === T.Unknown ? t2 : t1);
        return;
      }
      case Op.select_t: {
        const types = ins.types ?? none;
        if (types.length !== 1) throw invalid('invalid result arity');
        const t = types[0];
        validateValType(t, this.ctx.types.length, this.ctx.features);
        const c = this.codeOf(t);
        this.popExpect(T.I32);
        this.popExpect(c);
        this.popExpect(c);
        this.push(c);
        return;
      }

      // Table instructions (spec §3.3.6)
      case Op.table_get: {
        const tt = this.table(this.idx(ins));
        this.popExpect(addrCode(tt.addr));
        this.push(this.codeOf(tt.elem));
        return;
      }
      case Op.table_set: {
        const tt = this.table(this.idx(ins));
        this.popExpect(this.codeOf(tt.elem));
        this.popExpect(addrCode(tt.addr));
        return;
      }
      case Op.table_size: {
        this.push(addrCode(this.table(this.idx(ins)).addr));
        return;
      }
      case Op.table_grow: {
        const tt = this.table(this.idx(ins));
        this.popExpect(addrCode(tt.addr));
        this.popExpect(this.codeOf(tt.elem));
        this.push(addrCode(tt.addr));
        return;
      }
      case Op.table_fill: {
        const tt = this.table(this.idx(ins));
        this.popExpect(addrCode(tt.addr));
        this.popExpect(this.codeOf(tt.elem));
        this.popExpect(addrCode(tt.addr));
        return;
      }
      case Op.table_copy: {
        const dst = this.table(this.idx(ins));
        const src = this.table(this.idx2(ins));
        if (!refMatches(src.elem, dst.elem, this.ctx)) {
          throw invalid(`type mismatch: table.copy from ${operandToString(src.elem)} to ${operandToString(dst.elem)}`);
        }
        this.popExpect(addrCode(minAddr(dst.addr, src.addr)));
        this.popExpect(addrCode(src.addr));
        this.popExpect(addrCode(dst.addr));
        return;
      }
      case Op.table_init: {
        const tt = this.table(this.idx2(ins));
        const et = this.elem(this.idx(ins));
        if (!refMatches(et, tt.elem, this.ctx)) {
          throw invalid(`type mismatch: table.init of ${operandToString(et)} into ${operandToString(tt.elem)}`);
        }
        this.popExpect(T.I32);
        this.popExpect(T.I32);
        this.popExpect(addrCode(tt.addr));
        return;
      }

      // Memory instructions without a memarg (spec §3.3.7)
      case Op.memory_size: {
        this.push(addrCode(this.memory(this.idx(ins)).addr));
        return;
      }
      case Op.memory_grow: {
        const addr = addrCode(this.memory(this.idx(ins)).addr);
        this.popExpect(addr);
        this.push(addr);
        return;
      }
      case Op.memory_fill: {
        const addr = addrCode(this.memory(this.idx(ins)).addr);
        this.popExpect(addr);
        this.popExpect(T.I32);
        this.popExpect(addr);
        return;
      }
      case Op.memory_copy: {
        const dst = this.memory(this.idx(ins)).addr;
        const src = this.memory(this.idx2(ins)).addr;
        this.popExpect(addrCode(minAddr(dst, src)));
        this.popExpect(addrCode(src));
        this.popExpect(addrCode(dst));
        return;
      }
      case Op.memory_init: {
        const addr = addrCode(this.memory(this.idx2(ins)).addr);
        this.data(this.idx(ins));
        this.popExpect(T.I32);
        this.popExpect(T.I32);
        this.popExpect(addr);
        return;
      }

      // Reference instructions (spec §3.3.2)
      case Op.ref_null: {
        const heap = ins.heap;
        if (heap === undefined) throw invalid('ref.null: missing heap type immediate');
        validateHeapType(heap, this.ctx.types.length, this.ctx.features);
        this.push(this.refCode(true, heap));
        return;
      }
      case Op.ref_is_null: this.popRef(); this.push(T.I32); return;
      case Op.ref_as_non_null: {
        const rt = this.popRef();
        this.push(this.refCode(false, rt.heap));
        return;
      }
      case Op.ref_func: {
        const x = this.idx(ins);
        const typeIdx = this.ctx.funcs[x];
        if (typeIdx === undefined) throw unknown('function', x);
        if (!this.ctx.refs.has(x)) throw invalid('undeclared function reference');
        // 2.0: funcref; with typed references, the exact (ref $t).
        this.push(this.ctx.features.functionReferences ? this.refCode(false, typeIdx) : this.codeOf(funcref));
        return;
      }
      case Op.ref_eq: {
        const eqref = this.refCode(true, 'eq');
        this.popExpect(eqref);
        this.popExpect(eqref);
        this.push(T.I32);
        return;
      }
    }
    throw invalid(`${opName(op)} cannot be validated: instruction not supported`);
  }

  /** spec §3.3.8 br_table: every target has the default's arity and accepts the operands. */
  private brTable(ins: Instr): void {
    const dflt = FuncValidator.labelTypes(this.label(this.idx(ins)));
    const arity = dflt.length;
    this.popExpect(T.I32);
    for (const l of ins.labels ?? noLabels) {
      const types = FuncValidator.labelTypes(this.label(l));
      if (types.length !== arity) {
        throw invalid(`type mismatch: br_table targets have different arities (${types.length} and ${arity})`);
      }
      this.checkTop(types);
    }
    this.popVals(dflt);
    this.unreachable();
  }

  /** spec §3.3.8 call_indirect x y (also return_call_indirect): pops the operands, returns the type. */
  private callIndirect(ins: Instr): SigCodes {
    const tt = this.table(this.idx2(ins));
    if (!refMatches(tt.elem, funcref, this.ctx)) {
      throw invalid(`type mismatch: call_indirect through a table of ${operandToString(tt.elem)}`);
    }
    const s = this.sigOf(this.idx(ins));
    this.popExpect(addrCode(tt.addr));
    this.popVals(s.params);
    return s;
  }

  /** 3.0 call_ref $t (also return_call_ref): pops the reference and the operands. */
  private callRef(ins: Instr): SigCodes {
    const x = this.idx(ins);
    const s = this.sigOf(x);
    this.popExpect(this.refCode(true, x));
    this.popVals(s.params);
    return s;
  }

  /** Tail calls (3.0): the callee's results must match the caller's. */
  private tailCall(s: SigCodes): void {
    if (!this.matchesAll(s.results, this.returns)) {
      throw invalid(`type mismatch: tail call returns ${this.typesToString(s.results)} but the function returns ${this.typesToString(this.returns)}`);
    }
  }

  /** 3.0 try_table catch clauses: the caught values must match the target label. */
  private catchClause(c: Catch): void {
    const types = FuncValidator.labelTypes(this.label(c.label));
    let caught: readonly number[];
    switch (c.kind) {
      case 'catch': caught = this.tagSig(c.tag ?? -1).params; break;
      case 'catch_ref': caught = [...this.tagSig(c.tag ?? -1).params, this.refCode(false, 'exn')]; break;
      case 'catch_all': caught = noCodes; break;
      case 'catch_all_ref': caught = [this.refCode(false, 'exn')]; break;
    }
    if (!this.matchesAll(caught, types)) {
      throw invalid(`type mismatch: ${c.kind} delivers ${this.typesToString(caught)} to a label of ${this.typesToString(types)}`);
    }
  }
}

/**
 * The number of lanes a lane immediate indexes: for a lane load/store, 16 bytes over the access
 * width; otherwise the shape's lane count, from the mnemonic (`i16x8.extract_lane_s` → 8).
 */
function laneCount(info: OpInfo): number {
  if (info.imm === 'memarg_lane') return 16 / (info.memBytes ?? 1);
  const shape = info.name.slice(0, info.name.indexOf('.'));
  return Number(shape.slice(shape.indexOf('x') + 1));
}

/** memory64: a copy's length has the narrower of the two address types. */
function minAddr(a: AddrType, b: AddrType): AddrType {
  return a === 'i32' || b === 'i32' ? 'i32' : 'i64';
}

