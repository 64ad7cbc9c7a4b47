/**
 * Validation of instruction sequences — spec §3.3 (Validation › Instructions), implemented as the
 * single-pass algorithm of the spec's appendix "Validation Algorithm" (appendix/algorithm.rst),
 * extended as in 3.0 (reference subtyping, non-defaultable locals, typed references, tail calls,
 * exception handling).
 *
 * Two stacks: the operand stack of `OperandType`s (value types, or `Unknown` for values conjured
 * by stack-polymorphic unreachable code) and the control stack of frames, one per open block.
 * Every instruction with a fixed type in the opcode table is typed generically; the others
 * (control, parametric, variable, table, memory-size and reference instructions) by hand.
 *
 * One `FuncValidator` is reused for every function of a module: its stacks are plain arrays
 * emptied, not reallocated, between functions.
 */

import { CompileError } from '../errors.js';
import type { BlockType, Catch, Expr, Func, Instr } from '../syntax/module.js';
import { infoOf, Op, opName } from '../syntax/opcodes.js';
import type { OpInfo, Sig } from '../syntax/opcodes.js';
import type { AddrType, FuncType, HeapType, MemType, RefType, TableType, ValType } from '../syntax/types.js';
import { exnref, funcref, refType } from '../syntax/types.js';
import type { Features } from '../syntax/features.js';
import { featureOff, invalid, unknown } from './context.js';
import type { Context } from './context.js';
import {
  Unknown, funcTypeAt, isDefaultable, isRefOperand, matchesResultType, matchesValType, operandToString,
  refMatches, typesToString, validateHeapType, validateValType,
} from './types.js';
import type { OperandRef, OperandType } from './types.js';

/** A control frame (appendix "Data Structures"), plus 3.0's height of the local-init stack. */
interface Frame {
  op: number;
  start: readonly ValType[];
  end: readonly ValType[];
  height: number;
  initHeight: number;
  unreachable: boolean;
}

const none: readonly ValType[] = [];
const noLabels: readonly number[] = [];
const eqref: RefType = refType(true, 'eq');
const exnNonNull: RefType = refType(false, 'exn');
/** The prefix byte of vector instructions (opcode table: `0xFD << 16 | sub`). */
const PREFIX_SIMD = 0xfd;

/** 3.0 instructions in the opcode table, and the feature each needs. */
const opFeature: ReadonlyMap<number, keyof Features> = new Map<number, keyof Features>([
  [Op.return_call, 'tailCall'], [Op.return_call_indirect, 'tailCall'], [Op.return_call_ref, 'tailCall'],
  [Op.call_ref, 'functionReferences'], [Op.ref_as_non_null, 'functionReferences'],
  [Op.br_on_null, 'functionReferences'], [Op.br_on_non_null, 'functionReferences'],
  [Op.ref_eq, 'gc'],
  [Op.throw, 'exceptions'], [Op.throw_ref, 'exceptions'], [Op.try_table, 'exceptions'],
]);

export class FuncValidator {
  /** The operand stack. */
  private readonly vals: OperandType[] = [];
  /** The control stack: frames `0 … depth-1` are live; entries beyond are kept for reuse. */
  private readonly ctrls: Frame[] = [];
  private depth = 0;

  /** C.locals: parameters, then declared locals. */
  private locals: readonly ValType[] = none;
  /** C.return. */
  private returns: readonly ValType[] = none;
  /** 3.0 local initialization: whether each local is set, and which were set, in order. */
  private readonly inits: boolean[] = [];
  private readonly initStack: number[] = [];
  private trackInits = false;

  /** `[t]` for block types `t`, cached so a block does not allocate. */
  private readonly singleResults = new Map<ValType, readonly ValType[]>();
  private btParams: readonly ValType[] = none;
  private btResults: readonly ValType[] = none;

  constructor(private readonly ctx: Context) {}

  /** spec §3.4.1 Functions: the body must be valid with the function type's results. */
  validateFunc(func: Func, funcIdx: number): void {
    const ft = funcTypeAt(this.ctx, func.typeIdx);
    const numTypes = this.ctx.types.length;
    for (const t of func.locals) validateValType(t, numTypes, this.ctx.features);
    try {
      this.validateBody(func.body, ft.params.concat(func.locals), ft.params.length, ft.results);
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
    this.validateBody(expr, none, 0, results);
  }

  private validateBody(body: Expr, locals: readonly ValType[], numParams: number, results: readonly ValType[]): void {
    this.locals = locals;
    this.returns = results;
    this.vals.length = 0;
    this.depth = 0;
    this.initStack.length = 0;
    this.trackInits = false;
    for (let i = numParams; i < locals.length; i++) if (!isDefaultable(locals[i])) this.trackInits = true;
    if (this.trackInits) {
      this.inits.length = locals.length;
      for (let i = 0; i < locals.length; i++) this.inits[i] = i < numParams || isDefaultable(locals[i]);
    }
    this.pushCtrl(Op.block, none, results);
    let pc = 0;
    try {
      for (; pc < body.length; pc++) this.instr(body[pc]);
    } catch (e) {
      if (e instanceof CompileError) {
        throw new CompileError(`${e.message} (at instruction ${pc}, ${opName(body[pc].op)})`);
      }
      throw e;
    }
    if (this.depth !== 1) throw invalid('unbalanced block structure: missing end');
    this.popCtrl();
  }

  // -------------------------------------------------------------------------------------------
  // Operand and control stacks (appendix "Data Structures")

  private push(t: OperandType): void {
    this.vals.push(t);
  }

  private pushVals(ts: readonly ValType[]): void {
    for (let i = 0; i < ts.length; i++) this.vals.push(ts[i]);
  }

  private pop(): OperandType {
    const frame = this.ctrls[this.depth - 1];
    if (this.vals.length === frame.height) {
      if (frame.unreachable) return Unknown;
      throw invalid('type mismatch: instruction requires an operand but stack has []');
    }
    return this.vals.pop()!;
  }

  /** pop_val(expect): the popped type must match `expect`. */
  private popExpect(expect: ValType): OperandType {
    const frame = this.ctrls[this.depth - 1];
    if (this.vals.length === frame.height) {
      if (frame.unreachable) return Unknown;
      throw this.mismatch([expect], 0);
    }
    const actual = this.vals[this.vals.length - 1];
    if (actual !== expect && !matchesValType(actual, expect, this.ctx)) throw this.mismatch([expect], 1);
    this.vals.pop();
    return actual;
  }

  /** pop_vals(types): checks the top operands in place, then drops them. */
  private popVals(ts: readonly ValType[]): void {
    const n = ts.length;
    if (n === 0) return;
    const vals = this.vals;
    // Fast path: the operands are there and have exactly the expected types.
    if (n <= 2 && vals.length - n >= this.ctrls[this.depth - 1].height
      && vals[vals.length - 1] === ts[n - 1] && (n === 1 || vals[vals.length - 2] === ts[0])) {
      vals.pop();
      if (n === 2) vals.pop();
      return;
    }
    this.checkTop(ts);
    const floor = Math.max(this.ctrls[this.depth - 1].height, vals.length - ts.length);
    while (vals.length > floor) vals.pop();
  }

  /** Whether the top operands match `ts` (what `push_vals(pop_vals(ts))` checks), in place. */
  private checkTop(ts: readonly ValType[]): void {
    const n = ts.length;
    const frame = this.ctrls[this.depth - 1];
    const base = this.vals.length - n;
    for (let k = 0; k < n; k++) {
      const pos = base + k;
      if (pos < frame.height) {
        // Below the block's base: the polymorphic stack of unreachable code supplies `Unknown`.
        if (frame.unreachable) continue;
        throw this.mismatch(ts, n);
      }
      const actual = this.vals[pos];
      if (actual !== ts[k] && !matchesValType(actual, ts[k], this.ctx)) throw this.mismatch(ts, n);
    }
  }

  /** "type mismatch", with the reference interpreter's detail: expected types, top `n` operands. */
  private mismatch(expected: readonly ValType[], n: number): CompileError {
    const height = this.ctrls[this.depth - 1].height;
    const found = this.vals.slice(Math.max(height, this.vals.length - n));
    return invalid(`type mismatch: instruction requires ${typesToString(expected)} but stack has ${typesToString(found)}`);
  }

  /** 3.0 pop_ref: a reference (any heap type); `Unknown` becomes a non-null bottom reference. */
  private popRef(): OperandRef {
    const t = this.pop();
    if (t === Unknown) return { kind: 'ref', nullable: false, heap: 'bot' };
    if (!isRefOperand(t)) throw invalid(`type mismatch: instruction requires a reference but stack has [${t}]`);
    return t;
  }

  private pushCtrl(op: number, start: readonly ValType[], end: readonly ValType[]): void {
    let frame = this.ctrls[this.depth];
    if (frame === undefined) {
      frame = { op, start, end, height: 0, initHeight: 0, unreachable: false };
      this.ctrls.push(frame);
    }
    frame.op = op;
    frame.start = start;
    frame.end = end;
    frame.height = this.vals.length;
    frame.initHeight = this.initStack.length;
    frame.unreachable = false;
    this.depth++;
    this.pushVals(start);
  }

  private popCtrl(): Frame {
    const frame = this.ctrls[this.depth - 1];
    this.popVals(frame.end);
    if (this.vals.length !== frame.height) {
      const extra = this.vals.slice(frame.height);
      throw invalid(`type mismatch: ${typesToString(extra)} left on the stack at the end of the block`);
    }
    this.resetLocals(frame.initHeight);
    this.depth--;
    return frame;
  }

  /** The types a branch to `frame` carries: a loop's parameters, any other block's results. */
  private static labelTypes(frame: Frame): readonly ValType[] {
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
    this.vals.length = frame.height;
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

  private local(x: number): ValType {
    const t = this.locals[x];
    if (t === undefined) throw unknown('local', x);
    return t;
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

  private funcType(x: number): FuncType {
    const typeIdx = this.ctx.funcs[x];
    if (typeIdx === undefined) throw unknown('function', x);
    return funcTypeAt(this.ctx, typeIdx);
  }

  private elem(x: number): RefType {
    const rt = this.ctx.elems[x];
    if (rt === undefined) throw unknown('elem segment', x);
    return rt;
  }

  private data(x: number): void {
    if (!(Number.isInteger(x) && x >= 0 && x < this.ctx.datas)) throw unknown('data segment', x);
  }

  private tagType(x: number): FuncType {
    const typeIdx = this.ctx.tags[x];
    if (typeIdx === undefined) throw unknown('tag', x);
    return funcTypeAt(this.ctx, typeIdx);
  }

  /** spec §3.2 Block types: sets `btParams`/`btResults`. */
  private blockType(bt: BlockType | undefined): void {
    if (bt === null || bt === undefined) {
      this.btParams = none;
      this.btResults = none;
    } else if (typeof bt === 'number') {
      const ft = funcTypeAt(this.ctx, bt);
      this.btParams = ft.params;
      this.btResults = ft.results;
    } else {
      let results = this.singleResults.get(bt);
      if (results === undefined) {
        validateValType(bt, this.ctx.types.length, this.ctx.features);
        results = [bt];
        this.singleResults.set(bt, results);
      }
      this.btParams = none;
      this.btResults = results;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Instructions

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
      this.popVals(sig.params);
      this.pushVals(sig.results);
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
    this.popVals(sig.params);
    this.popExpect(mt.addr);
    this.pushVals(sig.results);
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
        const t = this.local(x);
        if (this.trackInits && !this.inits[x]) throw invalid(`uninitialized local ${x}`);
        this.push(t);
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
        const t = this.local(x);
        this.popExpect(t);
        this.setLocal(x);
        this.push(t);
        return;
      }
      case Op.global_get: {
        const x = this.idx(ins);
        const gt = this.ctx.globals[x];
        if (gt === undefined) throw unknown('global', x);
        this.push(gt.type);
        return;
      }
      case Op.global_set: {
        const x = this.idx(ins);
        const gt = this.ctx.globals[x];
        if (gt === undefined) throw unknown('global', x);
        if (!gt.mutable) throw invalid('global is immutable');
        this.popExpect(gt.type);
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
        this.popExpect('i32');
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
      case Op.end: {
        if (this.depth < 2) throw invalid('unbalanced block structure: unexpected end');
        const frame = this.popCtrl();
        // An `if` without `else` has an empty else branch: its inputs must already be its outputs.
        if (frame.op === Op.if && !matchesResultType(frame.start, frame.end, this.ctx)) {
          throw invalid(`type mismatch: if without else must produce its parameters ${typesToString(frame.start)} as results ${typesToString(frame.end)}`);
        }
        this.pushVals(frame.end);
        return;
      }
      case Op.br: {
        this.popVals(FuncValidator.labelTypes(this.label(this.idx(ins))));
        this.unreachable();
        return;
      }
      case Op.br_if: {
        const types = FuncValidator.labelTypes(this.label(this.idx(ins)));
        this.popExpect('i32');
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
        const ft = this.funcType(this.idx(ins));
        this.popVals(ft.params);
        this.pushVals(ft.results);
        return;
      }
      case Op.call_indirect: {
        const ft = this.callIndirect(ins);
        this.pushVals(ft.results);
        return;
      }
      case Op.return_call: {
        const ft = this.funcType(this.idx(ins));
        this.tailCall(ft);
        this.popVals(ft.params);
        this.unreachable();
        return;
      }
      case Op.return_call_indirect: {
        const ft = this.callIndirect(ins);
        this.tailCall(ft);
        this.unreachable();
        return;
      }
      case Op.call_ref: {
        const ft = this.callRef(ins);
        this.pushVals(ft.results);
        return;
      }
      case Op.return_call_ref: {
        const ft = this.callRef(ins);
        this.tailCall(ft);
        this.unreachable();
        return;
      }
      case Op.br_on_null: {
        const types = FuncValidator.labelTypes(this.label(this.idx(ins)));
        const rt = this.popRef();
        this.popVals(types);
        this.pushVals(types);
        this.push({ kind: 'ref', nullable: false, heap: rt.heap });
        return;
      }
      case Op.br_on_non_null: {
        const types = FuncValidator.labelTypes(this.label(this.idx(ins)));
        const last = types[types.length - 1];
        if (last === undefined || typeof last !== 'object') {
          throw invalid('type mismatch: br_on_non_null needs a label whose last type is a reference');
        }
        const rt = this.popRef();
        this.push({ kind: 'ref', nullable: false, heap: rt.heap });
        this.popVals(types);
        this.pushVals(types);
        this.pop();
        return;
      }
      case Op.throw: {
        this.popVals(this.tagType(this.idx(ins)).params);
        this.unreachable();
        return;
      }
      case Op.throw_ref: {
        this.popExpect(exnref);
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
        this.popExpect('i32');
        const t1 = this.pop();
        const t2 = this.pop();
        // Untyped select only chooses between numbers or between vectors.
        const num = (t: OperandType) => t === Unknown || t === 'i32' || t === 'i64' || t === 'f32' || t === 'f64';
        const vec = (t: OperandType) => t === Unknown || t === 'v128';
        if (!((num(t1) && num(t2)) || (vec(t1) && vec(t2)))) {
          throw invalid(`type mismatch: select without a type needs numeric or vector operands, found ${operandToString(t2)} and ${operandToString(t1)}`);
        }
        if (t1 !== t2 && t1 !== Unknown && t2 !== Unknown) {
          throw invalid(`type mismatch: select operands differ: ${operandToString(t2)} and ${operandToString(t1)}`);
        }
        this.push(t1 === Unknown ? t2 : t1);
        return;
      }
      case Op.select_t: {
        const types = ins.types ?? none;
        if (types.length !== 1) throw invalid('invalid result arity');
        const t = types[0];
        validateValType(t, this.ctx.types.length, this.ctx.features);
        this.popExpect('i32');
        this.popExpect(t);
        this.popExpect(t);
        this.push(t);
        return;
      }

      // Table instructions (spec §3.3.6)
      case Op.table_get: {
        const tt = this.table(this.idx(ins));
        this.popExpect(tt.addr);
        this.push(tt.elem);
        return;
      }
      case Op.table_set: {
        const tt = this.table(this.idx(ins));
        this.popExpect(tt.elem);
        this.popExpect(tt.addr);
        return;
      }
      case Op.table_size: {
        this.push(this.table(this.idx(ins)).addr);
        return;
      }
      case Op.table_grow: {
        const tt = this.table(this.idx(ins));
        this.popExpect(tt.addr);
        this.popExpect(tt.elem);
        this.push(tt.addr);
        return;
      }
      case Op.table_fill: {
        const tt = this.table(this.idx(ins));
        this.popExpect(tt.addr);
        this.popExpect(tt.elem);
        this.popExpect(tt.addr);
        return;
      }
      case Op.table_copy: {
        const dst = this.table(this.idx(ins));
        const src = this.table(this.idx2(ins));
        if (!refMatches(src.elem, dst.elem, this.ctx)) {
          throw invalid(`type mismatch: table.copy from ${operandToString(src.elem)} to ${operandToString(dst.elem)}`);
        }
        this.popExpect(minAddr(dst.addr, src.addr));
        this.popExpect(src.addr);
        this.popExpect(dst.addr);
        return;
      }
      case Op.table_init: {
        const tt = this.table(this.idx2(ins));
        const et = this.elem(this.idx(ins));
        if (!refMatches(et, tt.elem, this.ctx)) {
          throw invalid(`type mismatch: table.init of ${operandToString(et)} into ${operandToString(tt.elem)}`);
        }
        this.popExpect('i32');
        this.popExpect('i32');
        this.popExpect(tt.addr);
        return;
      }

      // Memory instructions without a memarg (spec §3.3.7)
      case Op.memory_size: {
        this.push(this.memory(this.idx(ins)).addr);
        return;
      }
      case Op.memory_grow: {
        const addr = this.memory(this.idx(ins)).addr;
        this.popExpect(addr);
        this.push(addr);
        return;
      }
      case Op.memory_fill: {
        const addr = this.memory(this.idx(ins)).addr;
        this.popExpect(addr);
        this.popExpect('i32');
        this.popExpect(addr);
        return;
      }
      case Op.memory_copy: {
        const dst = this.memory(this.idx(ins)).addr;
        const src = this.memory(this.idx2(ins)).addr;
        this.popExpect(minAddr(dst, src));
        this.popExpect(src);
        this.popExpect(dst);
        return;
      }
      case Op.memory_init: {
        const addr = this.memory(this.idx2(ins)).addr;
        this.data(this.idx(ins));
        this.popExpect('i32');
        this.popExpect('i32');
        this.popExpect(addr);
        return;
      }

      // Reference instructions (spec §3.3.2)
      case Op.ref_null: {
        const heap = ins.heap;
        if (heap === undefined) throw invalid('ref.null: missing heap type immediate');
        validateHeapType(heap, this.ctx.types.length, this.ctx.features);
        this.push(nullRef(heap));
        return;
      }
      case Op.ref_is_null: this.popRef(); this.push('i32'); return;
      case Op.ref_as_non_null: {
        const rt = this.popRef();
        this.push({ kind: 'ref', nullable: false, heap: rt.heap });
        return;
      }
      case Op.ref_func: {
        const x = this.idx(ins);
        const typeIdx = this.ctx.funcs[x];
        if (typeIdx === undefined) throw unknown('function', x);
        if (!this.ctx.refs.has(x)) throw invalid('undeclared function reference');
        // 2.0: funcref; with typed references, the exact (ref $t).
        this.push(this.ctx.features.functionReferences ? refType(false, typeIdx) : funcref);
        return;
      }
      case Op.ref_eq: {
        this.popExpect(eqref);
        this.popExpect(eqref);
        this.push('i32');
        return;
      }
    }
    throw invalid(`${opName(op)} cannot be validated: instruction not supported`);
  }

  /** spec §3.3.8 br_table: every target has the default's arity and accepts the operands. */
  private brTable(ins: Instr): void {
    const dflt = FuncValidator.labelTypes(this.label(this.idx(ins)));
    const arity = dflt.length;
    this.popExpect('i32');
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
  private callIndirect(ins: Instr): FuncType {
    const tt = this.table(this.idx2(ins));
    if (!refMatches(tt.elem, funcref, this.ctx)) {
      throw invalid(`type mismatch: call_indirect through a table of ${operandToString(tt.elem)}`);
    }
    const ft = funcTypeAt(this.ctx, this.idx(ins));
    this.popExpect(tt.addr);
    this.popVals(ft.params);
    return ft;
  }

  /** 3.0 call_ref $t (also return_call_ref): pops the reference and the operands. */
  private callRef(ins: Instr): FuncType {
    const x = this.idx(ins);
    const ft = funcTypeAt(this.ctx, x);
    this.popExpect(refType(true, x));
    this.popVals(ft.params);
    return ft;
  }

  /** Tail calls (3.0): the callee's results must match the caller's. */
  private tailCall(ft: FuncType): void {
    if (!matchesResultType(ft.results, this.returns, this.ctx)) {
      throw invalid(`type mismatch: tail call returns ${typesToString(ft.results)} but the function returns ${typesToString(this.returns)}`);
    }
  }

  /** 3.0 try_table catch clauses: the caught values must match the target label. */
  private catchClause(c: Catch): void {
    const types = FuncValidator.labelTypes(this.label(c.label));
    let caught: readonly ValType[];
    switch (c.kind) {
      case 'catch': caught = this.tagType(c.tag ?? -1).params; break;
      case 'catch_ref': caught = [...this.tagType(c.tag ?? -1).params, exnNonNull]; break;
      case 'catch_all': caught = none; break;
      case 'catch_all_ref': caught = [exnNonNull]; break;
    }
    if (!matchesResultType(caught, types, this.ctx)) {
      throw invalid(`type mismatch: ${c.kind} delivers ${typesToString(caught)} to a label of ${typesToString(types)}`);
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

const abstractNullRefs = new Map<HeapType, RefType>();

/** `ref null ht`, shared for abstract heap types so `ref.null func` does not allocate. */
function nullRef(heap: HeapType): RefType {
  if (typeof heap === 'number') return refType(true, heap);
  let rt = abstractNullRefs.get(heap);
  if (rt === undefined) abstractNullRefs.set(heap, rt = refType(true, heap));
  return rt;
}
