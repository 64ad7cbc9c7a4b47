/**
 * The interpreter: runs register IR (exec/ir.ts) — spec §4.4 (Execution › Instructions) and
 * §4.5.5 (Invocation).
 *
 * One loop, `run`, executes Wasm functions of any instance; it hands v128 instructions to a second
 * loop, `runVector`, which keeps `run` within the bytecode size TurboFan optimizes (RATIONALE, "Why
 * do vector instructions run in a loop of their own?"). Calls push an entry on an explicit frame
 * stack (typed arrays: return pc, caller frame base; a JS array: caller function) and switch
 * `code`/`fp` — no JS recursion per Wasm call. Host functions are called out to with raw values;
 * they may re-enter through `invoke`, which starts a nested `run` above the caller's registers.
 *
 * The register file is one ArrayBuffer seen as Int32Array / Float32Array / Float64Array (and
 * BigInt64Array / BigUint64Array for i64 arithmetic V8 compiles to machine instructions), plus a
 * parallel JS array for references (see RATIONALE "Execution: the register IR"). It grows by
 * doubling; its maximum and the call-depth limit both trap with "call stack exhausted".
 */

import { RuntimeError, trap, TrapCode, trapMessages } from '../errors.js';
import { FuncInst, type RawValue, type Ref } from '../runtime/func.js';
import type { Instance } from '../runtime/instance.js';
import { Dirty, MemoryInst } from '../runtime/memory.js';
import { Cls, Ir, irInfo } from './ir.js';
import {
  f32Nearest, f64Nearest, fCeil, fFloor, fMax, fMin, fTrunc, i32Ctz, i32DivS, i32DivU, i32Popcnt, i32RemS, i32RemU, i32Rotl, i32Rotr,
  i32TruncF32S, i32TruncF32U, i32TruncF64S, i32TruncF64U, i32TruncSatF32S, i32TruncSatF32U,
  i32TruncSatF64S, i32TruncSatF64U,
} from './numerics.js';
import {
  f32ConvertI64SHalves, f32ConvertI64UHalves, f64ConvertI64SHalves, f64ConvertI64UHalves,
  i64ClzHalves, i64CtzHalves, i64DivSHalves, i64DivUHalves, i64Extend16SHalves, i64Extend8SHalves,
  i64FromHalves, i64Out, i64PopcntHalves, i64RemSHalves, i64RemUHalves, i64ToHalves,
  i64TruncSatSHalves, i64TruncSatUHalves, i64TruncSHalves, i64TruncUHalves,
} from './numerics-halves.js';
import {
  S, simdBinary, simdExtract, simdLoad, simdLoadLane, simdReplace, simdStoreLane, simdTernary,
  simdUnary, narrow8u, sat16u, v128FromRegs, v128ToRegs,
} from './simd.js';
import { recordFrames } from './frames.js';
import { compiledCode, type CompiledFunc } from './translate.js';

if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) {
  // Registers keep a 64-bit value's low word first; typed arrays use the host's byte order.
  throw new Error('Vitrine needs a little-endian host');
}

/**
 * Initial register file size in words (32 KiB; it doubles when a frame needs more). Small because
 * it lives as long as the process and its references' array is one the collector visits slot by
 * slot at each mark (RATIONALE, "What does "start-up" measure, and why distinct bytes each time?").
 */
const INITIAL_WORDS = 1 << 13;
/** Largest register file (words, 256 KiB) of an async call's Machine kept for reuse. */
const MAX_SPARE_WORDS = 1 << 16;
/** Initial register file of an async call's own Machine (16 KiB; it grows like the other). */
const ASYNC_INITIAL_WORDS = 1 << 12;
/** Machines of finished async calls kept for reuse (those that stayed small). */
const MAX_SPARE_MACHINES = 64;
/** Fuel units between two deadline checks (about 50 µs of guest code). */
const CHECK_INTERVAL = 10_000;
/**
 * Largest register file in words (128 MiB): a bound on the total frame size of all active calls,
 * next to the call-depth limit (see RATIONALE "Implementation limits").
 */
export const MAX_REGISTER_WORDS = 1 << 25;
/** Default limit on nested calls (RuntimeOptions.maxCallDepth; RATIONALE "Implementation limits"). */
export const DEFAULT_MAX_CALL_DEPTH = 100_000;

const EMPTY_BYTES = new Uint8Array(0);
/** Code that only returns: run after a tail call to a host function. */
const RETURN_CODE = Int32Array.of(Ir.return);

/**
 * The register file and the frame stack. One is shared by every synchronous invocation (JS is
 * single-threaded); each async call has its own, which keeps its frames while it is suspended.
 */
class Machine {
  i32: Int32Array<ArrayBuffer>;
  f32: Float32Array<ArrayBuffer>;
  f64: Float64Array<ArrayBuffer>;
  /** The same words as 64-bit integers, for the i64 instructions V8 compiles to machine arithmetic. */
  b64: BigInt64Array<ArrayBuffer>;
  u64: BigUint64Array<ArrayBuffer>;
  /** References, indexed by slot (word offset / 2). */
  refs: Ref[];
  framePc = new Int32Array(256);
  frameFp = new Int32Array(256);
  frameFunc: FuncInst[] = [];
  /** Number of active frames (across nested invocations). */
  depth = 0;
  /** First free register (word offset): where a nested invocation places its frame. */
  sp = 0;

  // Limits (metered code only): `fuel` counts down to the next slow-path check (Ir.meter);
  // `fuelReserve` is the budget not yet moved into it; `deadline` is a performance.now() time.
  fuel = CHECK_INTERVAL;
  fuelReserve = Infinity;
  deadline = Infinity;

  // Suspension (async machines only): the host call awaited, and where `run` resumes.
  /** The promise a host function returned; null when not suspended. */
  pending: PromiseLike<RawValue[]> | null = null;
  /** The suspended host function and the register base of its arguments and results. */
  hostFunc: FuncInst | null = null;
  hostBase = 0;
  resumeCode: Int32Array = RETURN_CODE;
  resumePc = 0;
  resumeFp = 0;
  resumeFunc: FuncInst | null = null;
  /** An exception to raise where the run resumes (the promise's rejection). */
  resumeError: { value: unknown } | null = null;

  /** `isAsync`: an async call's machine, whose outermost run may suspend on a promise. */
  constructor(words: number, readonly isAsync: boolean) {
    this.i32 = new Int32Array(words);
    this.f32 = new Float32Array(this.i32.buffer);
    this.f64 = new Float64Array(this.i32.buffer);
    this.b64 = new BigInt64Array(this.i32.buffer);
    this.u64 = new BigUint64Array(this.i32.buffer);
    this.refs = new Array<Ref>(words / 2).fill(null);
  }

  /** Makes words [0, top) addressable, or traps "call stack exhausted". */
  ensure(top: number): void {
    if (top <= this.i32.length) return;
    if (top > MAX_REGISTER_WORDS) throw trap(TrapCode.CallStackExhausted);
    let size = this.i32.length * 2;
    while (size < top) size *= 2;
    let next: Int32Array<ArrayBuffer>;
    try {
      next = new Int32Array(size);
    } catch {
      throw trap(TrapCode.CallStackExhausted); // the host is out of memory
    }
    next.set(this.i32);
    this.i32 = next;
    this.f32 = new Float32Array(next.buffer);
    this.f64 = new Float64Array(next.buffer);
    this.b64 = new BigInt64Array(next.buffer);
    this.u64 = new BigUint64Array(next.buffer);
    for (let i = this.refs.length; i < size / 2; i++) this.refs.push(null);
  }

  /** Doubles the frame stack (it grows only as deep as calls actually nest). */
  growFrames(): void {
    const n = this.framePc.length * 2;
    const pc = new Int32Array(n), fp = new Int32Array(n);
    pc.set(this.framePc);
    fp.set(this.frameFp);
    this.framePc = pc;
    this.frameFp = fp;
  }
}

const machine = new Machine(INITIAL_WORDS, false);
/** Async machines not in use. */
const spareMachines: Machine[] = [];

/**
 * Limits of a call into `inst` from the host, nested within the current ones (the smaller
 * remaining budget and the earlier deadline win). Returns what `endLimits` needs to restore the
 * outer limits, or null if `inst` has none.
 */
function beginLimits(m: Machine, inst: Instance | null): LimitsState | null {
  if (inst === null || !inst.metered) return null;
  const outerFuel = m.fuel + m.fuelReserve;
  const budget = Math.min(outerFuel, inst.fuel);
  const outerDeadline = m.deadline;
  m.deadline = Math.min(outerDeadline, performance.now() + inst.timeoutMs);
  setFuel(m, budget);
  return { outerFuel, budget, outerDeadline };
}

interface LimitsState {
  readonly outerFuel: number;
  readonly budget: number;
  readonly outerDeadline: number;
}

/** Restores the outer limits, charging them the fuel the call used. */
function endLimits(m: Machine, s: LimitsState | null): void {
  if (s === null) return;
  // An unlimited budget (Infinity) has used nothing from an (equally unlimited) outer one.
  const used = s.budget === Infinity ? 0 : s.budget - (m.fuel + m.fuelReserve);
  setFuel(m, s.outerFuel - used);
  m.deadline = s.outerDeadline;
}

/** Sets the remaining fuel to `total` units: at most CHECK_INTERVAL in the countdown. */
function setFuel(m: Machine, total: number): void {
  m.fuel = Math.min(total, CHECK_INTERVAL);
  m.fuelReserve = total - m.fuel;
}

/** The slow path of Ir.meter (the countdown went negative): trap, or refill the countdown. */
function meterCheck(m: Machine): void {
  const total = m.fuel + m.fuelReserve;
  if (total < 0) throw trap(TrapCode.OutOfFuel);
  if (m.deadline !== Infinity && performance.now() > m.deadline) throw trap(TrapCode.DeadlineExceeded);
  setFuel(m, total);
}

/**
 * spec §4.5.5 invoke: runs `f` with raw arguments and returns its raw results. Traps are
 * RuntimeErrors; a host stack overflow becomes "call stack exhausted"; any other JS exception
 * from a host function propagates unchanged. Re-entrant.
 */
export function invoke(f: FuncInst, args: readonly RawValue[]): RawValue[] {
  if (args.length !== f.paramCls.length) {
    throw new RuntimeError(`wrong number of arguments: expected ${f.paramCls.length}, got ${args.length}`);
  }
  const m = machine;
  const fp = m.sp;
  const depth = m.depth;
  const limits = beginLimits(m, f.instance);
  try {
    // Before the arguments are written: warmRun's registers start at `fp`.
    if (!runWarm && f.host === null) warmRun(m, f.instance!);
    m.ensure(fp + Math.max(f.paramWords, f.resultWords));
    writeValues(m, fp, f.paramCls, args);
    if (f.host !== null) callHost(m, f, fp);
    else run(m, f, fp, false);
    return readValues(m, fp, f.resultCls);
  } catch (e) {
    throw hostStackOverflow(e);
  } finally {
    m.sp = fp;
    m.depth = depth;
    endLimits(m, limits);
  }
}

let runWarm = false;

/**
 * warmRun's first loop: `r0 = r0 + 1` until it is WARM_LOOPS, then return. Measured on Node 20
 * (V8 11.3) with run at 58,902 bytes: V8 gave `run` its feedback vector after 1,500–1,800 such
 * back edges, and marked it for TurboFan (on this loop's feedback alone) after 2,500–3,000. Both
 * budgets grow with run's bytecode size; optimized.test.ts checks the upper side.
 */
const WARM_LOOPS = 2200;

/**
 * Gives `run` its feedback vector before the first real call of it, so that the first call's
 * prologue records its type feedback (RATIONALE, "Why does run warm its feedback?"). V8 gives a
 * function a feedback vector only after some work in it that grows with its bytecode size
 * (`--interrupt-budget-factor-for-feedback-allocation`), and `run` is large: the first real call
 * got it only partway through its loop, so the prologue's loads (`m.depth`, …) had recorded
 * nothing when the second call's regular compile started; TurboFan then compiled `run` to a stub
 * that deoptimized at the entry ("Insufficient type feedback for generic named access", bytecode
 * offset 7), and in about a third of the processes every later call entered `run` in the bytecode
 * interpreter and continued in OSR code: a second, slower speed. One call of a counting loop
 * (WARM_LOOPS back edges) gets the vector, two more of one iteration run the prologue with it;
 * on `inst` (the caller's instance, so that `run`'s loads see the classes of a real call) at
 * `m.sp`, before the caller writes its arguments there. Costs ~2 ms once per process, at the
 * first call of an export.
 */
function warmRun(m: Machine, inst: Instance): void {
  runWarm = true;
  const code = Int32Array.from([Ir.step_br_ne_imm, 0, 0, 1, 0, WARM_LOOPS, 0, Ir.return]);
  const f = new FuncInst({ kind: 'func', params: [], results: [] }, -1, inst, -1, null, 'warmRun');
  f.code = { code, paramWords: 0, localWords: 1, frameWords: 1, refLocals: false };
  const sp = m.sp, depth = m.depth;
  try {
    run(m, f, sp, false);
    code[5] = 1;
    run(m, f, sp, false);
    run(m, f, sp, false);
  } finally {
    m.sp = sp;
    m.depth = depth;
  }
}

/**
 * V8's "Maximum call stack size exceeded" becomes the trap "call stack exhausted"; anything else
 * is returned as it is. (No regular expression here: compiling one can itself overflow the
 * nearly exhausted stack. If this handler overflows, the RangeError reaches the next invocation
 * out, which has more room.)
 */
function hostStackOverflow(e: unknown): unknown {
  return e instanceof RangeError && e.message.includes('call stack') ? trap(TrapCode.CallStackExhausted) : e;
}

/**
 * spec §4.5.5 invoke, asynchronously: like `invoke`, but a host function may return a promise
 * (a thenable); the call then suspends with its frames intact — on a Machine of its own — and
 * resumes when the promise settles: its value is the host function's results, its rejection is
 * raised where the host function was called, as a thrown exception would be. Only host calls
 * made directly by this call's Wasm code suspend; a nested synchronous `invoke` meeting a
 * promise raises an error. See RATIONALE "Why suspend on a Machine of its own?".
 */
export async function invokeAsync(f: FuncInst, args: readonly RawValue[]): Promise<RawValue[]> {
  if (args.length !== f.paramCls.length) {
    throw new RuntimeError(`wrong number of arguments: expected ${f.paramCls.length}, got ${args.length}`);
  }
  const m = spareMachines.pop() ?? new Machine(ASYNC_INITIAL_WORDS, true);
  beginLimits(m, f.instance);
  try {
    if (!runWarm && f.host === null) warmRun(m, f.instance!);
    m.ensure(Math.max(f.paramWords, f.resultWords));
    writeValues(m, 0, f.paramCls, args);
    let suspended = f.host !== null ? callHost(m, f, 0) : run(m, f, 0, false);
    while (suspended) {
      await settle(m);
      if (f.host !== null) {
        // The host function was called directly: its results are the call's.
        if (m.resumeError !== null) throw m.resumeError.value;
        break;
      }
      suspended = run(m, m.resumeFunc!, m.resumeFp, true);
    }
    return readValues(m, 0, f.resultCls);
  } catch (e) {
    throw hostStackOverflow(e);
  } finally {
    releaseMachine(m);
  }
}

/** Awaits the promise `m` is suspended on; writes its results, or records its rejection. */
async function settle(m: Machine): Promise<void> {
  const hostFunc = m.hostFunc!;
  const pending = m.pending!;
  m.pending = null;
  try {
    const results = await pending;
    checkHostResults(hostFunc, results);
    m.ensure(m.hostBase + hostFunc.resultWords);
    writeValues(m, m.hostBase, hostFunc.resultCls, results);
  } catch (e) {
    m.resumeError = { value: e };
  }
}

/** Returns a finished async call's machine to the pool (unless it grew large). */
function releaseMachine(m: Machine): void {
  m.depth = 0;
  m.sp = 0;
  m.pending = null;
  m.hostFunc = null;
  m.resumeFunc = null;
  m.resumeError = null;
  m.fuel = CHECK_INTERVAL;
  m.fuelReserve = Infinity;
  m.deadline = Infinity;
  if (spareMachines.length < MAX_SPARE_MACHINES && m.i32.length <= MAX_SPARE_WORDS) {
    m.refs.fill(null); // let go of the call's references
    m.frameFunc.length = 0;
    spareMachines.push(m);
  }
}

/** Reads values of classes `cls` from consecutive registers at `base`. */
function readValues(m: Machine, base: number, cls: readonly Cls[]): RawValue[] {
  const out: RawValue[] = [];
  for (const c of cls) {
    switch (c) {
      case Cls.W32: out.push(m.i32[base]); break;
      case Cls.W64: out.push(i64FromHalves(m.i32[base], m.i32[base + 1])); break;
      case Cls.Ref: out.push(m.refs[base >> 1]); break;
      case Cls.V128: out.push(new Uint8Array(m.i32.buffer.slice(base * 4, base * 4 + 16))); break;
    }
    base += c === Cls.V128 ? 4 : 2;
  }
  return out;
}

/** Writes `vals` (of classes `cls`) into consecutive registers at `base`. */
function writeValues(m: Machine, base: number, cls: readonly Cls[], vals: readonly RawValue[]): void {
  cls.forEach((c, i) => {
    const v = vals[i];
    switch (c) {
      case Cls.W32: m.i32[base] = v as number; break;
      case Cls.W64:
        i64ToHalves(v as bigint);
        m.i32[base] = i64Out[0];
        m.i32[base + 1] = i64Out[1];
        break;
      case Cls.Ref: m.refs[base >> 1] = v; break;
      case Cls.V128: new Uint8Array(m.i32.buffer, base * 4, 16).set(v as Uint8Array); break;
    }
    base += c === Cls.V128 ? 4 : 2;
  });
}

/**
 * Calls host function `f` with the arguments at register `base`; its results go to `base`.
 * Returns true if it returned a promise on an async machine: the call is then suspended on it
 * (`m.pending`); on the shared machine a promise is an error.
 */
function callHost(m: Machine, f: FuncInst, base: number): boolean {
  const args = readValues(m, base, f.paramCls);
  m.sp = base + Math.max(f.paramWords, f.resultWords);
  const results = f.host!(args);
  if (!Array.isArray(results) && isThenable(results)) {
    if (!m.isAsync) {
      results.then(undefined, () => {}); // its rejection, if any, is not unhandled: this error reports it
      throw new RuntimeError(`host function ${f.name ?? ''} returned a Promise in a synchronous call; ` +
        'call the export with callAsync() or instantiate with { async: true }');
    }
    m.pending = results;
    m.hostFunc = f;
    m.hostBase = base;
    return true;
  }
  checkHostResults(f, results);
  m.ensure(base + f.resultWords);
  writeValues(m, base, f.resultCls, results as RawValue[]);
  return false;
}

function isThenable(v: unknown): v is PromiseLike<RawValue[]> {
  return (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as PromiseLike<unknown>).then === 'function';
}

/** A host function's results must be an array of as many values as its type has. */
function checkHostResults(f: FuncInst, results: unknown): void {
  if (!Array.isArray(results) || results.length !== f.resultCls.length) {
    throw new RuntimeError(`host function ${f.name ?? ''} returned a wrong number of results`);
  }
}

/**
 * Prepares the frame of Wasm function `f` at register `fp`: translates it on first use, makes
 * its registers addressable, zeroes its declared locals (spec §4.4.10 invocation: locals start at
 * their default values).
 */
function enterFrame(m: Machine, f: FuncInst, fp: number): CompiledFunc {
  const c = f.code ?? (f.code = compiledCode(f.instance!.module, f.defIdx, f.instance!.metered));
  m.ensure(fp + c.frameWords);
  const i32 = m.i32;
  for (let w = fp + c.paramWords; w < fp + c.localWords; w++) i32[w] = 0;
  if (c.refLocals) {
    const refs = m.refs;
    for (let s = (fp + c.paramWords) >> 1; s < (fp + c.localWords) >> 1; s++) refs[s] = null;
  }
  return c;
}

/**
 * XOR with the sign bit maps unsigned order onto signed order: `(a ^ SIGN) < (b ^ SIGN)` is
 * `a <u b` on int32 values. The loop uses it instead of `(a >>> 0) < (b >>> 0)`, whose uint32
 * operands V8 compares as doubles (see RATIONALE "Why no `>>> 0` comparisons in the loop?").
 */
const SIGN = -0x80000000;

/** The top bit of each 8-bit and each 16-bit lane of a word (the packed-lane helpers' `h`). */
const H8 = -0x7f7f7f80, H16 = -0x7fff8000;

/** The carry out of the low-word addition lo = alo + blo (mod 2^32), 0 or 1, in int32 bit operations. */
function carry(alo: number, blo: number, lo: number): number {
  return ((alo & blo) | ((alo | blo) & ~lo)) >>> 31;
}

/** A call_indirect trap naming the element, as the reference interpreter does ("uninitialized element 2"). */
function elementTrap(code: TrapCode, i: number): RuntimeError {
  return new RuntimeError(`${trapMessages[code]} ${i}`, code);
}

/**
 * Runs Wasm function `func` whose arguments are at register `fp`, until it returns (false), or
 * until a host function returns a promise on an async machine (true: suspended, the state saved
 * in `m`). `resume`: continue a suspended run instead (`func`/`fp` are then the saved ones).
 */
function run(m: Machine, func: FuncInst, fp: number, resume: boolean): boolean {
  // Only an async machine's outermost run suspends, so a resumed run's entry depth is 0.
  const entryDepth = resume ? 0 : m.depth;
  let depth = m.depth | 0;
  let code = resume ? m.resumeCode : enterFrame(m, func, fp).code;
  let pc = (resume ? m.resumePc : 0) | 0;
  fp |= 0;
  let I32 = m.i32, F32 = m.f32, F64 = m.f64, B64 = m.b64, U64 = m.u64, refs = m.refs;
  let framePc = m.framePc, frameFp = m.frameFp;
  const frameFunc = m.frameFunc;
  let inst: Instance = func.instance!;
  let mem = inst.mem0;
  let dv = mem.view;
  let memLen = dv.byteLength;
  let callee: FuncInst = func;
  let argBase = 0;
  /** Whether the call being made is a tail call (return_call*): it replaces the current frame. */
  let tail = false;

  // The loop is the whole function; it is not indented under this `try`, whose only job is to
  // record the active frames of an exception for backtraces (exec/frames.ts; see RATIONALE,
  // "Why record frames in a catch around the loop?").
  try {
  if (resume && m.resumeError !== null) {
    // The awaited promise rejected: raise it where the host function was called.
    const e = m.resumeError.value;
    m.resumeError = null;
    throw e;
  }
  // `pc = (pc + 4) | 0`, not `pc += 4`, and `| 0` on every value pc, fp and argBase take: the
  // int32 result keeps TurboFan from checking each add for overflow and from keeping the
  // variables as tagged small integers. The most frequent instructions also read operands as
  // `I32[(fp + code[pc + 1]) | 0]`; all of them would not fit TurboFan's size limit (RATIONALE,
  // "Why `pc = (pc + 4) | 0`?" and the third round's totals).
  for (;;) {
    switch (code[pc]) {
      // ── Control ───────────────────────────────────────────────────────────────────────────
      case Ir.unreachable:
        throw trap(TrapCode.Unreachable);
      case Ir.br:
        pc = code[pc + 1];
        continue;
      case Ir.br_if:
        pc = I32[(fp + code[pc + 1]) | 0] !== 0 ? code[pc + 2] : (pc + 3) | 0;
        continue;
      case Ir.br_unless:
        pc = I32[(fp + code[pc + 1]) | 0] === 0 ? code[pc + 2] : (pc + 3) | 0;
        continue;
      case Ir.br_table: {
        const i = I32[(fp + code[pc + 1]) | 0] >>> 0;
        const n = code[pc + 2];
        pc = code[pc + 3 + (i < n ? i : n)];
        continue;
      }
      case Ir.br_table_add: {
        const i = ((I32[fp + code[pc + 1]] + code[pc + 2]) | 0) >>> 0;
        const n = code[pc + 3];
        pc = code[pc + 4 + (i < n ? i : n)];
        continue;
      }
      case Ir.return: {
        if (depth === entryDepth) return false;
        depth--;
        pc = framePc[depth];
        fp = frameFp[depth];
        func = frameFunc[depth];
        code = func.code!.code;
        if (func.instance !== inst) {
          inst = func.instance!;
          mem = inst.mem0;
          dv = mem.view;
          memLen = dv.byteLength;
        }
        continue;
      }
      case Ir.meter:
        if ((m.fuel -= code[pc + 1]) < 0) meterCheck(m);
        pc = (pc + 2) | 0;
        continue;
      case Ir.i32_add_imm_then_call:
      case Ir.call:
        if (code[pc] === Ir.i32_add_imm_then_call) {
          // The pair (ir.ts): the i32.add_imm first (as its own case), then this instruction.
          I32[(fp + code[pc + 1]) | 0] = (I32[(fp + code[pc + 2]) | 0] + code[pc + 3]) | 0;
          pc = (pc + 4) | 0;
        }
        callee = inst.funcs[code[pc + 1]];
        argBase = (fp + code[pc + 2]) | 0;
        pc = (pc + 3) | 0;
        break;
      case Ir.call_indirect: {
        const elements = inst.tables[code[pc + 2]].elements;
        const i = I32[fp + code[pc + 3]] >>> 0;
        if (i >= elements.length) throw elementTrap(TrapCode.UndefinedElement, i);
        const f = elements[i] as FuncInst | null;
        if (f === null) throw elementTrap(TrapCode.IndirectCallToNull, i);
        if (f.typeId !== code[pc + 1]) throw trap(TrapCode.BadSignature);
        callee = f;
        argBase = (fp + code[pc + 4]) | 0;
        pc = (pc + 5) | 0;
        break;
      }
      case Ir.call_ref: {
        const f = refs[(fp + code[pc + 1]) >> 1] as FuncInst | null;
        if (f === null) throw trap(TrapCode.NullFunctionReference);
        callee = f;
        argBase = (fp + code[pc + 2]) | 0;
        pc = (pc + 3) | 0;
        break;
      }
      case Ir.return_call:
        callee = inst.funcs[code[pc + 1]];
        argBase = fp;
        tail = true;
        break;
      case Ir.return_call_indirect: {
        const elements = inst.tables[code[pc + 2]].elements;
        const i = I32[fp + code[pc + 3]] >>> 0;
        if (i >= elements.length) throw elementTrap(TrapCode.UndefinedElement, i);
        const f = elements[i] as FuncInst | null;
        if (f === null) throw elementTrap(TrapCode.IndirectCallToNull, i);
        if (f.typeId !== code[pc + 1]) throw trap(TrapCode.BadSignature);
        callee = f;
        argBase = fp;
        tail = true;
        break;
      }
      case Ir.return_call_ref: {
        const f = refs[(fp + code[pc + 1]) >> 1] as FuncInst | null;
        if (f === null) throw trap(TrapCode.NullFunctionReference);
        callee = f;
        argBase = fp;
        tail = true;
        break;
      }
      case Ir.br_on_null:
        pc = refs[(fp + code[pc + 1]) >> 1] === null ? code[pc + 2] : (pc + 3) | 0;
        continue;
      case Ir.br_on_non_null:
        pc = refs[(fp + code[pc + 1]) >> 1] !== null ? code[pc + 2] : (pc + 3) | 0;
        continue;
      case Ir.ref_as_non_null:
        if (refs[(fp + code[pc + 1]) >> 1] === null) throw trap(TrapCode.NullReference);
        pc = (pc + 2) | 0;
        continue;

      // ── Moves and constants ───────────────────────────────────────────────────────────────
      case Ir.copy32:
        I32[(fp + code[pc + 1]) | 0] = I32[(fp + code[pc + 2]) | 0];
        pc = (pc + 3) | 0;
        continue;
      case Ir.copy64:
        B64[(fp + code[(pc + 1) | 0]) >> 1] = B64[(fp + code[(pc + 2) | 0]) >> 1];
        pc = (pc + 3) | 0;
        continue;
      case Ir.copy_ref:
        refs[(fp + code[pc + 1]) >> 1] = refs[(fp + code[pc + 2]) >> 1];
        pc = (pc + 3) | 0;
        continue;
      case Ir.copy32x2:
        I32[(fp + code[pc + 1]) | 0] = I32[(fp + code[pc + 2]) | 0];
        I32[(fp + code[pc + 3]) | 0] = I32[(fp + code[pc + 4]) | 0];
        pc = (pc + 5) | 0;
        continue;
      case Ir.copy64x2:
        B64[(fp + code[pc + 1]) >> 1] = B64[(fp + code[pc + 2]) >> 1];
        B64[(fp + code[pc + 3]) >> 1] = B64[(fp + code[pc + 4]) >> 1];
        pc = (pc + 5) | 0;
        continue;
      case Ir.copy32x3:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]];
        I32[fp + code[pc + 3]] = I32[fp + code[pc + 4]];
        I32[fp + code[pc + 5]] = I32[fp + code[pc + 6]];
        pc = (pc + 7) | 0;
        continue;
      case Ir.copy64x3:
        B64[(fp + code[pc + 1]) >> 1] = B64[(fp + code[pc + 2]) >> 1];
        B64[(fp + code[pc + 3]) >> 1] = B64[(fp + code[pc + 4]) >> 1];
        B64[(fp + code[pc + 5]) >> 1] = B64[(fp + code[pc + 6]) >> 1];
        pc = (pc + 7) | 0;
        continue;
      case Ir.const32:
        I32[(fp + code[pc + 1]) | 0] = code[pc + 2];
        pc = (pc + 3) | 0;
        continue;
      case Ir.const64: {
        const d = fp + code[pc + 1];
        I32[d] = code[pc + 2];
        I32[d + 1] = code[pc + 3];
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.ref_null:
        refs[(fp + code[pc + 1]) >> 1] = null;
        pc = (pc + 2) | 0;
        continue;
      case Ir.ref_is_null:
        I32[fp + code[pc + 1]] = refs[(fp + code[pc + 2]) >> 1] === null ? 1 : 0;
        pc = (pc + 3) | 0;
        continue;
      case Ir.select32:
        I32[(fp + code[pc + 1]) | 0] = I32[(fp + code[pc + 4]) | 0] !== 0 ? I32[(fp + code[pc + 2]) | 0] : I32[(fp + code[pc + 3]) | 0];
        pc = (pc + 5) | 0;
        continue;
      case Ir.select64: {
        const s = fp + (I32[fp + code[pc + 4]] !== 0 ? code[pc + 2] : code[pc + 3]);
        const d = fp + code[pc + 1];
        I32[d] = I32[s];
        I32[d + 1] = I32[s + 1];
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.global_get32:
        I32[fp + code[pc + 1]] = inst.globals[code[pc + 2]].value as number;
        pc = (pc + 3) | 0;
        continue;
      case Ir.global_set32:
        inst.globals[code[pc + 1]].value = I32[fp + code[pc + 2]];
        pc = (pc + 3) | 0;
        continue;

      // ── Memory ────────────────────────────────────────────────────────────────────────────
      case Ir.load32: {
        const ea = (I32[(fp + code[pc + 2]) | 0] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        I32[(fp + code[pc + 1]) | 0] = dv.getInt32(ea, true);
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.load64: {
        const ea = (I32[(fp + code[pc + 2]) | 0] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1];
        I32[d] = dv.getInt32(ea, true);
        I32[d + 1] = dv.getInt32(ea + 4, true);
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i32_load8_s: {
        const ea = (I32[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 1 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        I32[fp + code[pc + 1]] = dv.getInt8(ea);
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i32_load8_u: {
        const ea = (I32[(fp + code[pc + 2]) | 0] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 1 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        I32[(fp + code[pc + 1]) | 0] = dv.getUint8(ea);
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i32_load16_s: {
        const ea = (I32[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 2 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        I32[fp + code[pc + 1]] = dv.getInt16(ea, true);
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i32_load16_u: {
        const ea = (I32[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 2 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        I32[fp + code[pc + 1]] = dv.getUint16(ea, true);
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i64_load8_s: {
        const ea = (I32[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 1 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], v = dv.getInt8(ea);
        I32[d] = v;
        I32[d + 1] = v >> 31;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i64_load8_u: {
        const ea = (I32[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 1 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1];
        I32[d] = dv.getUint8(ea);
        I32[d + 1] = 0;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i64_load16_s: {
        const ea = (I32[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 2 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], v = dv.getInt16(ea, true);
        I32[d] = v;
        I32[d + 1] = v >> 31;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i64_load16_u: {
        const ea = (I32[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 2 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1];
        I32[d] = dv.getUint16(ea, true);
        I32[d + 1] = 0;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i64_load32_s: {
        const ea = (I32[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], v = dv.getInt32(ea, true);
        I32[d] = v;
        I32[d + 1] = v >> 31;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i64_load32_u: {
        const ea = (I32[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1];
        I32[d] = dv.getInt32(ea, true);
        I32[d + 1] = 0;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.load32_idx: {
        const ea = ((I32[fp + code[pc + 2]] + I32[fp + code[pc + 3]]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        I32[fp + code[pc + 1]] = dv.getInt32(ea, true);
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.load32_sidx: {
        const ea = ((I32[(fp + code[pc + 2]) | 0] + (I32[(fp + code[pc + 3]) | 0] << code[pc + 4])) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        I32[(fp + code[pc + 1]) | 0] = dv.getInt32(ea, true);
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.load64_idx: {
        const ea = ((I32[fp + code[pc + 2]] + I32[fp + code[pc + 3]]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1];
        I32[d] = dv.getInt32(ea, true);
        I32[d + 1] = dv.getInt32(ea + 4, true);
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.i32_load8_s_idx: {
        const ea = ((I32[fp + code[pc + 2]] + I32[fp + code[pc + 3]]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 1 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        I32[fp + code[pc + 1]] = dv.getInt8(ea);
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.i32_load8_u_idx: {
        const ea = ((I32[(fp + code[pc + 2]) | 0] + I32[(fp + code[pc + 3]) | 0]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 1 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        I32[(fp + code[pc + 1]) | 0] = dv.getUint8(ea);
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.i32_load16_s_idx: {
        const ea = ((I32[fp + code[pc + 2]] + I32[fp + code[pc + 3]]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 2 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        I32[fp + code[pc + 1]] = dv.getInt16(ea, true);
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.i32_load16_u_idx: {
        const ea = ((I32[fp + code[pc + 2]] + I32[fp + code[pc + 3]]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 2 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        I32[fp + code[pc + 1]] = dv.getUint16(ea, true);
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.store8_add: {
        const ea = (((I32[fp + code[pc + 1]] << code[pc + 2]) + code[pc + 3]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 1 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setInt8(ea, I32[fp + code[pc + 4]]);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.store16_add: {
        const ea = (((I32[fp + code[pc + 1]] << code[pc + 2]) + code[pc + 3]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 2 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setInt16(ea, I32[fp + code[pc + 4]], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.store32_add: {
        const ea = (((I32[(fp + code[pc + 1]) | 0] << code[pc + 2]) + code[pc + 3]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setInt32(ea, I32[(fp + code[pc + 4]) | 0], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.store64_add: {
        const ea = (((I32[(fp + code[(pc + 1) | 0]) | 0] << code[(pc + 2) | 0]) + code[(pc + 3) | 0]) >>> 0) + (code[(pc + 5) | 0] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const v = fp + code[(pc + 4) | 0];
        dv.setInt32(ea, I32[v], true);
        dv.setInt32(ea + 4, I32[v + 1], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.store8_idx: {
        const ea = ((I32[fp + code[pc + 1]] + I32[fp + code[pc + 2]]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 1 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setInt8(ea, I32[fp + code[pc + 3]]);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.store16_idx: {
        const ea = ((I32[fp + code[pc + 1]] + I32[fp + code[pc + 2]]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 2 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setInt16(ea, I32[fp + code[pc + 3]], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.store32_idx: {
        const ea = ((I32[fp + code[pc + 1]] + I32[fp + code[pc + 2]]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setInt32(ea, I32[fp + code[pc + 3]], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.store64_idx: {
        const ea = ((I32[fp + code[pc + 1]] + I32[fp + code[pc + 2]]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const v = fp + code[pc + 3];
        dv.setInt32(ea, I32[v], true);
        dv.setInt32(ea + 4, I32[v + 1], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.store8_imm_idx: {
        const ea = ((I32[(fp + code[pc + 1]) | 0] + I32[(fp + code[pc + 2]) | 0]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 1 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setInt8(ea, code[pc + 3]);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.store32_imm_idx: {
        const ea = ((I32[fp + code[pc + 1]] + I32[fp + code[pc + 2]]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setInt32(ea, code[pc + 3], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.load32_abs: {
        const ea = code[pc + 2] >>> 0;
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        I32[fp + code[pc + 1]] = dv.getInt32(ea, true);
        pc = (pc + 3) | 0;
        continue;
      }
      case Ir.load64_abs: {
        const ea = code[pc + 2] >>> 0;
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1];
        I32[d] = dv.getInt32(ea, true);
        I32[d + 1] = dv.getInt32(ea + 4, true);
        pc = (pc + 3) | 0;
        continue;
      }
      case Ir.store32_abs: {
        const ea = code[pc + 2] >>> 0;
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setInt32(ea, I32[fp + code[pc + 1]], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 3) | 0;
        continue;
      }
      case Ir.store64_abs: {
        const ea = code[pc + 2] >>> 0;
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const v = fp + code[pc + 1];
        dv.setInt32(ea, I32[v], true);
        dv.setInt32(ea + 4, I32[v + 1], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 3) | 0;
        continue;
      }
      case Ir.store8_imm: {
        const ea = (I32[fp + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 1 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setInt8(ea, code[pc + 2]);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.store16_imm: {
        const ea = (I32[fp + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 2 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setInt16(ea, code[pc + 2], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.store32_imm: {
        const ea = (I32[fp + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setInt32(ea, code[pc + 2], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.store64_imm: {
        const ea = (I32[fp + code[pc + 1]] >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setInt32(ea, code[pc + 2], true);
        dv.setInt32(ea + 4, code[pc + 3], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.load32_add: {
        const ea = (((I32[(fp + code[pc + 2]) | 0] << code[pc + 3]) + code[pc + 4]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        I32[(fp + code[pc + 1]) | 0] = dv.getInt32(ea, true);
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.load64_add: {
        const ea = (((I32[(fp + code[pc + 2]) | 0] << code[pc + 3]) + code[pc + 4]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1];
        I32[d] = dv.getInt32(ea, true);
        I32[d + 1] = dv.getInt32(ea + 4, true);
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.i32_load8_s_add: {
        const ea = (((I32[fp + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 1 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        I32[fp + code[pc + 1]] = dv.getInt8(ea);
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.i32_load8_u_add: {
        const ea = (((I32[fp + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 1 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        I32[fp + code[pc + 1]] = dv.getUint8(ea);
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.i32_load16_s_add: {
        const ea = (((I32[fp + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 2 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        I32[fp + code[pc + 1]] = dv.getInt16(ea, true);
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.i32_load16_u_add: {
        const ea = (((I32[fp + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 2 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        I32[fp + code[pc + 1]] = dv.getUint16(ea, true);
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.load32_tee: {
        const x = fp + code[pc + 2];
        I32[x] = (I32[(fp + code[pc + 3]) | 0] + code[pc + 4]) | 0;
        const ea = (I32[x] >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        I32[(fp + code[pc + 1]) | 0] = dv.getInt32(ea, true);
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.load64_tee: {
        const x = fp + code[pc + 2];
        I32[x] = (I32[fp + code[pc + 3]] + code[pc + 4]) | 0;
        const ea = (I32[x] >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1];
        I32[d] = dv.getInt32(ea, true);
        I32[d + 1] = dv.getInt32(ea + 4, true);
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.store32: {
        const ea = (I32[(fp + code[pc + 1]) | 0] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setInt32(ea, I32[(fp + code[pc + 2]) | 0], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.store64: {
        const ea = (I32[fp + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const v = fp + code[pc + 2];
        dv.setInt32(ea, I32[v], true);
        dv.setInt32(ea + 4, I32[v + 1], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.store8: {
        const ea = (I32[fp + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 1 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setInt8(ea, I32[fp + code[pc + 2]]);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.store16: {
        const ea = (I32[fp + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 2 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setInt16(ea, I32[fp + code[pc + 2]], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.memory_size:
        I32[fp + code[pc + 1]] = memLen / 65536;
        pc = (pc + 2) | 0;
        continue;
      case Ir.memory_grow: {
        const r = mem.grow(I32[fp + code[pc + 2]] >>> 0);
        dv = mem.view;
        memLen = dv.byteLength;
        I32[fp + code[pc + 1]] = r;
        pc = (pc + 3) | 0;
        continue;
      }
      case Ir.memory_fill: {
        const d = I32[fp + code[pc + 1]] >>> 0, n = I32[fp + code[pc + 3]] >>> 0;
        if (d + n > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        new Uint8Array(dv.buffer).fill(I32[fp + code[pc + 2]] & 0xff, d, d + n);
        mem.markDirty(d, n);
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.memory_copy: {
        const d = I32[fp + code[pc + 1]] >>> 0, s = I32[fp + code[pc + 2]] >>> 0;
        const n = I32[fp + code[pc + 3]] >>> 0;
        if (s + n > memLen || d + n > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        new Uint8Array(dv.buffer).copyWithin(d, s, s + n);
        mem.markDirty(d, n);
        pc = (pc + 4) | 0;
        continue;
      }

      // ── Tables ────────────────────────────────────────────────────────────────────────────

      // ── i32 ───────────────────────────────────────────────────────────────────────────────
      case Ir.i32_eqz:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] === 0 ? 1 : 0;
        pc = (pc + 3) | 0;
        continue;
      case Ir.i32_eq:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] === I32[fp + code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_ne:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] !== I32[fp + code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_lt_s:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] < I32[fp + code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_lt_u:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] ^ SIGN) < (I32[fp + code[pc + 3]] ^ SIGN) ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_gt_s:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] > I32[fp + code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_gt_u:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] ^ SIGN) > (I32[fp + code[pc + 3]] ^ SIGN) ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_le_s:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] <= I32[fp + code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_le_u:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] ^ SIGN) <= (I32[fp + code[pc + 3]] ^ SIGN) ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_ge_s:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] >= I32[fp + code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_ge_u:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] ^ SIGN) >= (I32[fp + code[pc + 3]] ^ SIGN) ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_clz:
        I32[fp + code[pc + 1]] = Math.clz32(I32[fp + code[pc + 2]]);
        pc = (pc + 3) | 0;
        continue;
      case Ir.i32_ctz:
        I32[fp + code[pc + 1]] = i32Ctz(I32[fp + code[pc + 2]]);
        pc = (pc + 3) | 0;
        continue;
      case Ir.i32_popcnt:
        I32[fp + code[pc + 1]] = i32Popcnt(I32[fp + code[pc + 2]]);
        pc = (pc + 3) | 0;
        continue;
      case Ir.i32_add:
        I32[(fp + code[pc + 1]) | 0] = (I32[(fp + code[pc + 2]) | 0] + I32[(fp + code[pc + 3]) | 0]) | 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_sub:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] - I32[fp + code[pc + 3]]) | 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_mul:
        I32[(fp + code[pc + 1]) | 0] = Math.imul(I32[(fp + code[pc + 2]) | 0], I32[(fp + code[pc + 3]) | 0]);
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_div_s:
        I32[fp + code[pc + 1]] = i32DivS(I32[fp + code[pc + 2]], I32[fp + code[pc + 3]]);
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_div_u:
        I32[fp + code[pc + 1]] = i32DivU(I32[fp + code[pc + 2]], I32[fp + code[pc + 3]]);
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_rem_s:
        I32[fp + code[pc + 1]] = i32RemS(I32[fp + code[pc + 2]], I32[fp + code[pc + 3]]);
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_rem_u:
        I32[fp + code[pc + 1]] = i32RemU(I32[fp + code[pc + 2]], I32[fp + code[pc + 3]]);
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_and:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] & I32[fp + code[pc + 3]];
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_or:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] | I32[fp + code[pc + 3]];
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_xor:
        I32[(fp + code[pc + 1]) | 0] = I32[(fp + code[pc + 2]) | 0] ^ I32[(fp + code[pc + 3]) | 0];
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_shl:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] << I32[fp + code[pc + 3]];
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_shr_s:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] >> I32[fp + code[pc + 3]];
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_shr_u:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] >>> I32[fp + code[pc + 3]];
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_rotl:
        I32[fp + code[pc + 1]] = i32Rotl(I32[fp + code[pc + 2]], I32[fp + code[pc + 3]]);
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_rotr:
        I32[fp + code[pc + 1]] = i32Rotr(I32[fp + code[pc + 2]], I32[fp + code[pc + 3]]);
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_extend8_s:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] << 24) >> 24;
        pc = (pc + 3) | 0;
        continue;
      case Ir.i32_extend16_s:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] << 16) >> 16;
        pc = (pc + 3) | 0;
        continue;

      // ── i32 with an immediate ─────────────────────────────────────────────────────────────
      case Ir.i32_add_imm:
        I32[(fp + code[pc + 1]) | 0] = (I32[(fp + code[pc + 2]) | 0] + code[pc + 3]) | 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_mul_imm:
        I32[(fp + code[pc + 1]) | 0] = Math.imul(I32[(fp + code[pc + 2]) | 0], code[pc + 3]);
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_and_imm:
        I32[(fp + code[pc + 1]) | 0] = I32[(fp + code[pc + 2]) | 0] & code[pc + 3];
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_or_imm:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] | code[pc + 3];
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_xor_imm:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] ^ code[pc + 3];
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_shl_imm:
        I32[(fp + code[pc + 1]) | 0] = I32[(fp + code[pc + 2]) | 0] << code[pc + 3];
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_shr_s_imm:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] >> code[pc + 3];
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_shr_u_imm:
        I32[(fp + code[pc + 1]) | 0] = I32[(fp + code[pc + 2]) | 0] >>> code[pc + 3];
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_eq_imm:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] === code[pc + 3] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_ne_imm:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] !== code[pc + 3] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_lt_s_imm:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] < code[pc + 3] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_lt_u_imm:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] ^ SIGN) < (code[pc + 3] ^ SIGN) ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_gt_s_imm:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] > code[pc + 3] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_gt_u_imm:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] ^ SIGN) > (code[pc + 3] ^ SIGN) ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_le_s_imm:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] <= code[pc + 3] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_le_u_imm:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] ^ SIGN) <= (code[pc + 3] ^ SIGN) ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_ge_s_imm:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] >= code[pc + 3] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32_ge_u_imm:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] ^ SIGN) >= (code[pc + 3] ^ SIGN) ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.br_f64_eq:
        pc = F64[(fp + code[pc + 1]) >> 1] === F64[(fp + code[pc + 2]) >> 1] ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_f64_ne:
        pc = F64[(fp + code[pc + 1]) >> 1] !== F64[(fp + code[pc + 2]) >> 1] ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_f64_lt:
        pc = F64[(fp + code[pc + 1]) >> 1] < F64[(fp + code[pc + 2]) >> 1] ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_f64_gt:
        pc = F64[(fp + code[pc + 1]) >> 1] > F64[(fp + code[pc + 2]) >> 1] ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_f64_le:
        pc = F64[(fp + code[pc + 1]) >> 1] <= F64[(fp + code[pc + 2]) >> 1] ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_f64_ge:
        pc = F64[(fp + code[pc + 1]) >> 1] >= F64[(fp + code[pc + 2]) >> 1] ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_f64_nlt:
        pc = !(F64[(fp + code[pc + 1]) >> 1] < F64[(fp + code[pc + 2]) >> 1]) ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_f64_ngt:
        pc = !(F64[(fp + code[pc + 1]) >> 1] > F64[(fp + code[pc + 2]) >> 1]) ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_f64_nle:
        pc = !(F64[(fp + code[pc + 1]) >> 1] <= F64[(fp + code[pc + 2]) >> 1]) ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_f64_nge:
        pc = !(F64[(fp + code[pc + 1]) >> 1] >= F64[(fp + code[pc + 2]) >> 1]) ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.i32_shl_add_imm:
        I32[fp + code[pc + 1]] = ((I32[fp + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) | 0;
        pc = (pc + 5) | 0;
        continue;
      // Step and branch (ir.ts): the add, then the branch on operands from pc + 4.
      case Ir.step_br:
        I32[(fp + code[pc + 1]) | 0] = (I32[(fp + code[pc + 2]) | 0] + code[pc + 3]) | 0;
        pc = code[pc + 4];
        continue;
      case Ir.step_br_if:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] + code[pc + 3]) | 0;
        pc = I32[fp + code[pc + 4]] !== 0 ? code[pc + 5] : (pc + 6) | 0;
        continue;
      case Ir.step_br_unless:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] + code[pc + 3]) | 0;
        pc = I32[fp + code[pc + 4]] === 0 ? code[pc + 5] : (pc + 6) | 0;
        continue;
      case Ir.step_br_eq:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] + code[pc + 3]) | 0;
        pc = I32[fp + code[pc + 4]] === I32[fp + code[pc + 5]] ? code[pc + 6] : (pc + 7) | 0;
        continue;
      case Ir.step_br_ne:
        I32[(fp + code[pc + 1]) | 0] = (I32[(fp + code[pc + 2]) | 0] + code[pc + 3]) | 0;
        pc = I32[(fp + code[pc + 4]) | 0] !== I32[(fp + code[pc + 5]) | 0] ? code[pc + 6] : (pc + 7) | 0;
        continue;
      case Ir.step_br_eq_imm:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] + code[pc + 3]) | 0;
        pc = I32[fp + code[pc + 4]] === code[pc + 5] ? code[pc + 6] : (pc + 7) | 0;
        continue;
      case Ir.step_br_ne_imm:
        I32[fp + code[(pc + 1) | 0]] = (I32[fp + code[(pc + 2) | 0]] + code[(pc + 3) | 0]) | 0;
        pc = I32[fp + code[(pc + 4) | 0]] !== code[(pc + 5) | 0] ? code[(pc + 6) | 0] : (pc + 7) | 0;
        continue;
      case Ir.i32_add_then_step_br_gt_u_imm:
      case Ir.step_br_gt_u_imm:
        if (code[pc] === Ir.i32_add_then_step_br_gt_u_imm) {
          // The pair (ir.ts): the i32.add first (as its own case), then this instruction.
          I32[(fp + code[pc + 1]) | 0] = (I32[(fp + code[pc + 2]) | 0] + I32[(fp + code[pc + 3]) | 0]) | 0;
          pc = (pc + 4) | 0;
        }
        I32[(fp + code[pc + 1]) | 0] = (I32[(fp + code[pc + 2]) | 0] + code[pc + 3]) | 0;
        pc = (I32[(fp + code[pc + 4]) | 0] ^ SIGN) > (code[pc + 5] ^ SIGN) ? code[pc + 6] : (pc + 7) | 0;
        continue;
      case Ir.step_br_le_u_imm:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] + code[pc + 3]) | 0;
        pc = (I32[fp + code[pc + 4]] ^ SIGN) <= (code[pc + 5] ^ SIGN) ? code[pc + 6] : (pc + 7) | 0;
        continue;
      case Ir.step_br_lt_u:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] + code[pc + 3]) | 0;
        pc = (I32[fp + code[pc + 4]] ^ SIGN) < (I32[fp + code[pc + 5]] ^ SIGN) ? code[pc + 6] : (pc + 7) | 0;
        continue;
      case Ir.step_br_le_u:
        I32[(fp + code[(pc + 1) | 0]) | 0] = (I32[(fp + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
        pc = (I32[(fp + code[(pc + 4) | 0]) | 0] ^ SIGN) <= (I32[(fp + code[(pc + 5) | 0]) | 0] ^ SIGN) ? code[(pc + 6) | 0] : (pc + 7) | 0;
        continue;
      case Ir.i32_shr_u_and_imm:
        I32[(fp + code[pc + 1]) | 0] = (I32[(fp + code[pc + 2]) | 0] >>> code[pc + 3]) & code[pc + 4];
        pc = (pc + 5) | 0;
        continue;
      case Ir.i32_add_imm2:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] + code[pc + 3]) | 0;
        I32[fp + code[pc + 4]] = (I32[fp + code[pc + 5]] + code[pc + 6]) | 0;
        pc = (pc + 7) | 0;
        continue;
      case Ir.step3_br:
        I32[(fp + code[pc + 1]) | 0] = (I32[(fp + code[pc + 2]) | 0] + code[pc + 3]) | 0;
        I32[(fp + code[pc + 4]) | 0] = (I32[(fp + code[pc + 5]) | 0] + code[pc + 6]) | 0;
        I32[(fp + code[pc + 7]) | 0] = (I32[(fp + code[pc + 8]) | 0] + code[pc + 9]) | 0;
        pc = code[pc + 10];
        continue;
      case Ir.step3_br_ne_imm:
        I32[(fp + code[pc + 1]) | 0] = (I32[(fp + code[pc + 2]) | 0] + code[pc + 3]) | 0;
        I32[(fp + code[pc + 4]) | 0] = (I32[(fp + code[pc + 5]) | 0] + code[pc + 6]) | 0;
        I32[(fp + code[pc + 7]) | 0] = (I32[(fp + code[pc + 8]) | 0] + code[pc + 9]) | 0;
        pc = I32[(fp + code[pc + 10]) | 0] !== code[pc + 11] ? code[pc + 12] : (pc + 13) | 0;
        continue;
      case Ir.step3_br_if:
        I32[(fp + code[pc + 1]) | 0] = (I32[(fp + code[pc + 2]) | 0] + code[pc + 3]) | 0;
        I32[(fp + code[pc + 4]) | 0] = (I32[(fp + code[pc + 5]) | 0] + code[pc + 6]) | 0;
        I32[(fp + code[pc + 7]) | 0] = (I32[(fp + code[pc + 8]) | 0] + code[pc + 9]) | 0;
        pc = I32[(fp + code[pc + 10]) | 0] !== 0 ? code[pc + 11] : (pc + 12) | 0;
        continue;
      case Ir.step3_br_ne:
        I32[(fp + code[pc + 1]) | 0] = (I32[(fp + code[pc + 2]) | 0] + code[pc + 3]) | 0;
        I32[(fp + code[pc + 4]) | 0] = (I32[(fp + code[pc + 5]) | 0] + code[pc + 6]) | 0;
        I32[(fp + code[pc + 7]) | 0] = (I32[(fp + code[pc + 8]) | 0] + code[pc + 9]) | 0;
        pc = I32[(fp + code[pc + 10]) | 0] !== I32[(fp + code[pc + 11]) | 0] ? code[pc + 12] : (pc + 13) | 0;
        continue;
      case Ir.i32_mul_shl_imm:
        I32[fp + code[pc + 1]] = Math.imul(I32[fp + code[pc + 2]], I32[fp + code[pc + 3]]) << code[pc + 4];
        pc = (pc + 5) | 0;
        continue;

      // ── Fused compare-and-branch (see ir.ts) ─────────────────────────────────────────────
      case Ir.br_eq:
        pc = I32[fp + code[pc + 1]] === I32[fp + code[pc + 2]] ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_ne:
        pc = I32[fp + code[pc + 1]] !== I32[fp + code[pc + 2]] ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_lt_s:
        pc = I32[fp + code[pc + 1]] < I32[fp + code[pc + 2]] ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_lt_u:
        pc = (I32[fp + code[pc + 1]] ^ SIGN) < (I32[fp + code[pc + 2]] ^ SIGN) ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_gt_s:
        pc = I32[fp + code[pc + 1]] > I32[fp + code[pc + 2]] ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_gt_u:
        pc = (I32[fp + code[pc + 1]] ^ SIGN) > (I32[fp + code[pc + 2]] ^ SIGN) ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_le_s:
        pc = I32[fp + code[pc + 1]] <= I32[fp + code[pc + 2]] ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.i32_add_then_br_le_u:
      case Ir.br_le_u:
        if (code[pc] === Ir.i32_add_then_br_le_u) {
          // The pair (ir.ts): the i32.add first (as its own case), then this instruction.
          I32[(fp + code[pc + 1]) | 0] = (I32[(fp + code[pc + 2]) | 0] + I32[(fp + code[pc + 3]) | 0]) | 0;
          pc = (pc + 4) | 0;
        }
        pc = (I32[(fp + code[pc + 1]) | 0] ^ SIGN) <= (I32[(fp + code[pc + 2]) | 0] ^ SIGN) ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_ge_s:
        pc = I32[fp + code[pc + 1]] >= I32[fp + code[pc + 2]] ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_ge_u:
        pc = (I32[fp + code[pc + 1]] ^ SIGN) >= (I32[fp + code[pc + 2]] ^ SIGN) ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_eq_imm:
        pc = I32[(fp + code[(pc + 1) | 0]) | 0] === code[(pc + 2) | 0] ? code[(pc + 3) | 0] : (pc + 4) | 0;
        continue;
      case Ir.br_ne_imm:
        pc = I32[(fp + code[pc + 1]) | 0] !== code[pc + 2] ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_lt_s_imm:
        pc = I32[fp + code[pc + 1]] < code[pc + 2] ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_lt_u_imm:
        pc = (I32[(fp + code[pc + 1]) | 0] ^ SIGN) < (code[pc + 2] ^ SIGN) ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_gt_s_imm:
        pc = I32[fp + code[pc + 1]] > code[pc + 2] ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_gt_u_imm:
        pc = (I32[fp + code[pc + 1]] ^ SIGN) > (code[pc + 2] ^ SIGN) ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_le_s_imm:
        pc = I32[fp + code[pc + 1]] <= code[pc + 2] ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_le_u_imm:
        pc = (I32[fp + code[pc + 1]] ^ SIGN) <= (code[pc + 2] ^ SIGN) ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_ge_s_imm:
        pc = I32[fp + code[pc + 1]] >= code[pc + 2] ? code[pc + 3] : (pc + 4) | 0;
        continue;
      case Ir.br_ge_u_imm:
        pc = (I32[fp + code[pc + 1]] ^ SIGN) >= (code[pc + 2] ^ SIGN) ? code[pc + 3] : (pc + 4) | 0;
        continue;

      // ── i64 (word pairs: low word at a, high word at a + 1) ───────────────────────────────
      case Ir.i64_eqz: {
        const a = fp + code[pc + 2];
        I32[fp + code[pc + 1]] = (I32[a] | I32[a + 1]) === 0 ? 1 : 0;
        pc = (pc + 3) | 0;
        continue;
      }
      case Ir.i64_eq:
        I32[fp + code[pc + 1]] = B64[(fp + code[pc + 2]) >> 1] === B64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i64_ne:
        I32[fp + code[pc + 1]] = B64[(fp + code[pc + 2]) >> 1] !== B64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i64_lt_s:
        I32[fp + code[pc + 1]] = B64[(fp + code[pc + 2]) >> 1] < B64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i64_lt_u:
        I32[fp + code[pc + 1]] = U64[(fp + code[pc + 2]) >> 1] < U64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i64_gt_s:
        I32[fp + code[pc + 1]] = B64[(fp + code[pc + 2]) >> 1] > B64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i64_gt_u:
        I32[fp + code[pc + 1]] = U64[(fp + code[pc + 2]) >> 1] > U64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i64_le_s:
        I32[fp + code[pc + 1]] = B64[(fp + code[pc + 2]) >> 1] <= B64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i64_le_u:
        I32[fp + code[pc + 1]] = U64[(fp + code[pc + 2]) >> 1] <= U64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i64_ge_s:
        I32[fp + code[pc + 1]] = B64[(fp + code[pc + 2]) >> 1] >= B64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i64_ge_u:
        I32[fp + code[pc + 1]] = U64[(fp + code[pc + 2]) >> 1] >= U64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.i64_add:
        B64[(fp + code[pc + 1]) >> 1] = BigInt.asIntN(64, B64[(fp + code[pc + 2]) >> 1] + B64[(fp + code[pc + 3]) >> 1]);
        pc = (pc + 4) | 0;
        continue;
      case Ir.i64_sub:
        B64[(fp + code[pc + 1]) >> 1] = BigInt.asIntN(64, B64[(fp + code[pc + 2]) >> 1] - B64[(fp + code[pc + 3]) >> 1]);
        pc = (pc + 4) | 0;
        continue;
      case Ir.i64_mul:
        B64[(fp + code[pc + 1]) >> 1] = BigInt.asIntN(64, B64[(fp + code[pc + 2]) >> 1] * B64[(fp + code[pc + 3]) >> 1]);
        pc = (pc + 4) | 0;
        continue;
      case Ir.i64_and:
        B64[(fp + code[pc + 1]) >> 1] = B64[(fp + code[pc + 2]) >> 1] & B64[(fp + code[pc + 3]) >> 1];
        pc = (pc + 4) | 0;
        continue;
      case Ir.i64_or:
        B64[(fp + code[pc + 1]) >> 1] = B64[(fp + code[pc + 2]) >> 1] | B64[(fp + code[pc + 3]) >> 1];
        pc = (pc + 4) | 0;
        continue;
      case Ir.i64_xor:
        B64[(fp + code[pc + 1]) >> 1] = B64[(fp + code[pc + 2]) >> 1] ^ B64[(fp + code[pc + 3]) >> 1];
        pc = (pc + 4) | 0;
        continue;
      case Ir.i64_extend32_s:
      case Ir.i64_extend_i32_s: {
        const d = fp + code[pc + 1], v = I32[fp + code[pc + 2]];
        I32[d] = v;
        I32[d + 1] = v >> 31;
        pc = (pc + 3) | 0;
        continue;
      }
      case Ir.i64_extend_i32_u: {
        const d = fp + code[pc + 1];
        I32[d] = I32[fp + code[pc + 2]];
        I32[d + 1] = 0;
        pc = (pc + 3) | 0;
        continue;
      }

      // ── i64 with an immediate (k: code[pc + 3], code[pc + 4]; counts: code[pc + 3]) ─────────
      case Ir.i64_add_imm:
        B64[(fp + code[pc + 1]) >> 1] = BigInt.asIntN(64, B64[(fp + code[pc + 2]) >> 1] + ((BigInt(code[pc + 4]) << 32n) | BigInt(code[pc + 3] >>> 0)));
        pc = (pc + 5) | 0;
        continue;
      case Ir.i64_mul_imm:
        B64[(fp + code[pc + 1]) >> 1] = BigInt.asIntN(64, B64[(fp + code[pc + 2]) >> 1] * ((BigInt(code[pc + 4]) << 32n) | BigInt(code[pc + 3] >>> 0)));
        pc = (pc + 5) | 0;
        continue;
      case Ir.i64_and_imm:
        B64[(fp + code[pc + 1]) >> 1] = B64[(fp + code[pc + 2]) >> 1] & ((BigInt(code[pc + 4]) << 32n) | BigInt(code[pc + 3] >>> 0));
        pc = (pc + 5) | 0;
        continue;
      case Ir.i64_or_imm:
        B64[(fp + code[pc + 1]) >> 1] = B64[(fp + code[pc + 2]) >> 1] | ((BigInt(code[pc + 4]) << 32n) | BigInt(code[pc + 3] >>> 0));
        pc = (pc + 5) | 0;
        continue;
      case Ir.i64_xor_imm:
        B64[(fp + code[pc + 1]) >> 1] = B64[(fp + code[pc + 2]) >> 1] ^ ((BigInt(code[pc + 4]) << 32n) | BigInt(code[pc + 3] >>> 0));
        pc = (pc + 5) | 0;
        continue;
      case Ir.i64_shl_imm: {
        const a = fp + code[pc + 2], d = fp + code[pc + 1];
        const k = code[pc + 3], s = k & 31, lo = I32[a], hi = I32[a + 1];
        if ((k & 32) === 0) {
          I32[d + 1] = (hi << s) | ((lo >>> 1) >>> (31 - s));
          I32[d] = lo << s;
        } else {
          I32[d + 1] = lo << s;
          I32[d] = 0;
        }
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i64_shr_s_imm: {
        const a = fp + code[pc + 2], d = fp + code[pc + 1];
        const k = code[pc + 3], s = k & 31, lo = I32[a], hi = I32[a + 1];
        if ((k & 32) === 0) {
          I32[d] = (lo >>> s) | ((hi << 1) << (31 - s));
          I32[d + 1] = hi >> s;
        } else {
          I32[d] = hi >> s;
          I32[d + 1] = hi >> 31;
        }
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i64_shr_u_imm: {
        const a = fp + code[pc + 2], d = fp + code[pc + 1];
        const k = code[pc + 3], s = k & 31, lo = I32[a], hi = I32[a + 1];
        if ((k & 32) === 0) {
          I32[d] = (lo >>> s) | ((hi << 1) << (31 - s));
          I32[d + 1] = hi >>> s;
        } else {
          I32[d] = hi >>> s;
          I32[d + 1] = 0;
        }
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i64_rotl_imm: {
        const a = fp + code[pc + 2], d = fp + code[pc + 1];
        const k = code[pc + 3], s = k & 31;
        let lo = I32[a], hi = I32[a + 1];
        if ((k & 32) !== 0) {
          const t = lo;
          lo = hi;
          hi = t;
        }
        I32[d] = (lo << s) | ((hi >>> 1) >>> (31 - s));
        I32[d + 1] = (hi << s) | ((lo >>> 1) >>> (31 - s));
        pc = (pc + 4) | 0;
        continue;
      }

      // ── f32 (F32 is indexed like I32) ─────────────────────────────────────────────────────
      case Ir.f32_eq:
        I32[fp + code[pc + 1]] = F32[fp + code[pc + 2]] === F32[fp + code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.f32_ne:
        I32[fp + code[pc + 1]] = F32[fp + code[pc + 2]] !== F32[fp + code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.f32_lt:
        I32[fp + code[pc + 1]] = F32[fp + code[pc + 2]] < F32[fp + code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.f32_gt:
        I32[fp + code[pc + 1]] = F32[fp + code[pc + 2]] > F32[fp + code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.f32_le:
        I32[fp + code[pc + 1]] = F32[fp + code[pc + 2]] <= F32[fp + code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.f32_ge:
        I32[fp + code[pc + 1]] = F32[fp + code[pc + 2]] >= F32[fp + code[pc + 3]] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.f32_abs:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] & 0x7fffffff;
        pc = (pc + 3) | 0;
        continue;
      case Ir.f32_neg:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] ^ 0x80000000;
        pc = (pc + 3) | 0;
        continue;
      case Ir.f32_sqrt:
        F32[fp + code[pc + 1]] = Math.sqrt(F32[fp + code[pc + 2]]);
        pc = (pc + 3) | 0;
        continue;
      case Ir.f32_add:
        F32[fp + code[pc + 1]] = F32[fp + code[pc + 2]] + F32[fp + code[pc + 3]];
        pc = (pc + 4) | 0;
        continue;
      case Ir.f32_sub:
        F32[fp + code[pc + 1]] = F32[fp + code[pc + 2]] - F32[fp + code[pc + 3]];
        pc = (pc + 4) | 0;
        continue;
      case Ir.f32_mul:
        F32[fp + code[pc + 1]] = F32[fp + code[pc + 2]] * F32[fp + code[pc + 3]];
        pc = (pc + 4) | 0;
        continue;
      case Ir.f32_div:
        F32[fp + code[pc + 1]] = F32[fp + code[pc + 2]] / F32[fp + code[pc + 3]];
        pc = (pc + 4) | 0;
        continue;
      case Ir.f32_min:
        F32[fp + code[pc + 1]] = fMin(F32[fp + code[pc + 2]], F32[fp + code[pc + 3]]);
        pc = (pc + 4) | 0;
        continue;
      case Ir.f32_max:
        F32[fp + code[pc + 1]] = fMax(F32[fp + code[pc + 2]], F32[fp + code[pc + 3]]);
        pc = (pc + 4) | 0;
        continue;

      // ── f64 (F64 is indexed by slot: word offset >> 1) ────────────────────────────────────
      case Ir.f64_eq:
        I32[fp + code[pc + 1]] = F64[(fp + code[pc + 2]) >> 1] === F64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.f64_ne:
        I32[fp + code[pc + 1]] = F64[(fp + code[pc + 2]) >> 1] !== F64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.f64_lt:
        I32[fp + code[pc + 1]] = F64[(fp + code[pc + 2]) >> 1] < F64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.f64_gt:
        I32[fp + code[pc + 1]] = F64[(fp + code[pc + 2]) >> 1] > F64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.f64_le:
        I32[fp + code[pc + 1]] = F64[(fp + code[pc + 2]) >> 1] <= F64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.f64_ge:
        I32[fp + code[pc + 1]] = F64[(fp + code[pc + 2]) >> 1] >= F64[(fp + code[pc + 3]) >> 1] ? 1 : 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.f64_abs: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2];
        I32[d] = I32[a];
        I32[d + 1] = I32[a + 1] & 0x7fffffff;
        pc = (pc + 3) | 0;
        continue;
      }
      case Ir.f64_neg: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2];
        I32[d] = I32[a];
        I32[d + 1] = I32[a + 1] ^ 0x80000000;
        pc = (pc + 3) | 0;
        continue;
      }
      case Ir.f64_ceil:
        F64[(fp + code[pc + 1]) >> 1] = fCeil(F64[(fp + code[pc + 2]) >> 1]);
        pc = (pc + 3) | 0;
        continue;
      case Ir.f64_floor:
        F64[(fp + code[pc + 1]) >> 1] = fFloor(F64[(fp + code[pc + 2]) >> 1]);
        pc = (pc + 3) | 0;
        continue;
      case Ir.f64_trunc:
        F64[(fp + code[pc + 1]) >> 1] = fTrunc(F64[(fp + code[pc + 2]) >> 1]);
        pc = (pc + 3) | 0;
        continue;
      case Ir.f64_nearest:
        F64[(fp + code[pc + 1]) >> 1] = f64Nearest(F64[(fp + code[pc + 2]) >> 1]);
        pc = (pc + 3) | 0;
        continue;
      case Ir.f64_sqrt:
        F64[(fp + code[pc + 1]) >> 1] = Math.sqrt(F64[(fp + code[pc + 2]) >> 1]);
        pc = (pc + 3) | 0;
        continue;
      case Ir.f64_mul_then_add:
      case Ir.f64_add:
        if (code[pc] === Ir.f64_mul_then_add) {
          // The pair (ir.ts): the f64.mul first (as its own case), then this instruction.
          F64[(fp + code[pc + 1]) >> 1] = F64[(fp + code[pc + 2]) >> 1] * F64[(fp + code[pc + 3]) >> 1];
          pc = (pc + 4) | 0;
        }
        F64[(fp + code[pc + 1]) >> 1] = F64[(fp + code[pc + 2]) >> 1] + F64[(fp + code[pc + 3]) >> 1];
        pc = (pc + 4) | 0;
        continue;
      case Ir.f64_sub:
        F64[(fp + code[pc + 1]) >> 1] = F64[(fp + code[pc + 2]) >> 1] - F64[(fp + code[pc + 3]) >> 1];
        pc = (pc + 4) | 0;
        continue;
      case Ir.f64_mul:
        F64[(fp + code[pc + 1]) >> 1] = F64[(fp + code[pc + 2]) >> 1] * F64[(fp + code[pc + 3]) >> 1];
        pc = (pc + 4) | 0;
        continue;
      case Ir.f64_div:
        F64[(fp + code[pc + 1]) >> 1] = F64[(fp + code[pc + 2]) >> 1] / F64[(fp + code[pc + 3]) >> 1];
        pc = (pc + 4) | 0;
        continue;
      case Ir.f64_min:
        F64[(fp + code[pc + 1]) >> 1] = fMin(F64[(fp + code[pc + 2]) >> 1], F64[(fp + code[pc + 3]) >> 1]);
        pc = (pc + 4) | 0;
        continue;
      case Ir.f64_max:
        F64[(fp + code[pc + 1]) >> 1] = fMax(F64[(fp + code[pc + 2]) >> 1], F64[(fp + code[pc + 3]) >> 1]);
        pc = (pc + 4) | 0;
        continue;

      // ── Fused arithmetic (ir.ts): the absorbed instruction's result is never stored. ──────
      case Ir.f64_mul_add:
        F64[(fp + code[pc + 1]) >> 1] =
          F64[(fp + code[pc + 2]) >> 1] + F64[(fp + code[pc + 3]) >> 1] * F64[(fp + code[pc + 4]) >> 1];
        pc = (pc + 5) | 0;
        continue;
      case Ir.f64_mul_sub:
        F64[(fp + code[pc + 1]) >> 1] =
          F64[(fp + code[pc + 2]) >> 1] - F64[(fp + code[pc + 3]) >> 1] * F64[(fp + code[pc + 4]) >> 1];
        pc = (pc + 5) | 0;
        continue;
      case Ir.f32_mul_add:
        // The product is rounded to f32 before the add, as f32.mul would (spec §4.3.3).
        F32[fp + code[pc + 1]] = F32[fp + code[pc + 2]] + Math.fround(F32[fp + code[pc + 3]] * F32[fp + code[pc + 4]]);
        pc = (pc + 5) | 0;
        continue;
      case Ir.f32_mul_sub:
        F32[fp + code[pc + 1]] = F32[fp + code[pc + 2]] - Math.fround(F32[fp + code[pc + 3]] * F32[fp + code[pc + 4]]);
        pc = (pc + 5) | 0;
        continue;
      case Ir.f32_mul_mul_add:
        // Both products rounded to f32 before the add, as the two f32.mul would.
        F32[fp + code[pc + 1]] = Math.fround(F32[fp + code[pc + 2]] * F32[fp + code[pc + 3]])
          + Math.fround(F32[fp + code[pc + 4]] * F32[fp + code[pc + 5]]);
        pc = (pc + 6) | 0;
        continue;
      case Ir.f32_mul_mul_sub:
        F32[fp + code[pc + 1]] = Math.fround(F32[fp + code[pc + 2]] * F32[fp + code[pc + 3]])
          - Math.fround(F32[fp + code[pc + 4]] * F32[fp + code[pc + 5]]);
        pc = (pc + 6) | 0;
        continue;
      case Ir.f32_mul_load_add: {
        const ea = (((I32[fp + code[pc + 3]] << code[pc + 4]) + code[pc + 5]) >>> 0) + (code[pc + 6] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        F32[fp + code[pc + 1]] = F32[fp + code[pc + 2]] * dv.getFloat32(ea, true);
        pc = (pc + 7) | 0;
        continue;
      }
      case Ir.f64_sub_load_add: {
        const ea = (((I32[(fp + code[pc + 3]) | 0] << code[pc + 4]) + code[pc + 5]) >>> 0) + (code[pc + 6] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        F64[(fp + code[pc + 1]) >> 1] = F64[(fp + code[pc + 2]) >> 1] - dv.getFloat64(ea, true);
        pc = (pc + 7) | 0;
        continue;
      }
      case Ir.f64_sqrt_mul:
        F64[(fp + code[pc + 1]) >> 1] = F64[(fp + code[pc + 2]) >> 1] * Math.sqrt(F64[(fp + code[pc + 3]) >> 1]);
        pc = (pc + 4) | 0;
        continue;
      case Ir.i64_mul_imm_add:
        B64[(fp + code[pc + 1]) >> 1] = BigInt.asIntN(64, B64[(fp + code[pc + 2]) >> 1] + B64[(fp + code[pc + 3]) >> 1] * ((BigInt(code[pc + 5]) << 32n) | BigInt(code[pc + 4] >>> 0)));
        pc = (pc + 6) | 0;
        continue;
      case Ir.i64_load_mul_imm_add_then_rotl_imm_mul_imm: {
        // The pair (ir.ts) as one straight line, not a branch into the rotate's case (TurboFan
        // kept pc tagged across that merge and checked the arrays' maps again): the
        // i64.load_mul_imm_add (its case alone is in runCold), then the i64.rotl_imm_mul_imm,
        // its fields from pc + 10 on.
        const ea = (((I32[(fp + code[(pc + 3) | 0]) | 0] << code[(pc + 4) | 0]) + code[(pc + 5) | 0]) >>> 0) + (code[(pc + 6) | 0] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        B64[(fp + code[(pc + 1) | 0]) >> 1] = BigInt.asIntN(64, B64[(fp + code[(pc + 2) | 0]) >> 1]
          + ((BigInt(dv.getInt32(ea + 4, true)) << 32n) | BigInt(dv.getUint32(ea, true))) * ((BigInt(code[(pc + 8) | 0]) << 32n) | BigInt(code[(pc + 7) | 0] >>> 0)));
        const a = fp + code[(pc + 12) | 0], k = code[(pc + 13) | 0];
        let lo = I32[a], hi = I32[(a + 1) | 0];
        if ((k & 32) !== 0) {
          const t = lo;
          lo = hi;
          hi = t;
        }
        const xlo = (lo << k) | ((hi >>> 1) >>> ~k), xhi = (hi << k) | ((lo >>> 1) >>> ~k);
        const t = fp + code[(pc + 11) | 0];
        I32[t] = xlo;
        I32[(t + 1) | 0] = xhi;
        B64[(fp + code[(pc + 10) | 0]) >> 1] =
          BigInt.asIntN(64, ((BigInt(xhi) << 32n) | BigInt(xlo >>> 0)) * ((BigInt(code[(pc + 15) | 0]) << 32n) | BigInt(code[(pc + 14) | 0] >>> 0)));
        pc = (pc + 16) | 0;
        continue;
      }
      case Ir.i64_rotl_imm_mul_imm: {
        const a = fp + code[(pc + 3) | 0], k = code[(pc + 4) | 0];
        let lo = I32[a], hi = I32[(a + 1) | 0];
        if ((k & 32) !== 0) {
          const t = lo;
          lo = hi;
          hi = t;
        }
        // The rotate as in i64.rotl_imm (shift counts mod 32 as in i64.rotl3_xor), kept in r[t];
        // then its product as in i64.mul_imm, on the rotated words joined into a BigInt (reading
        // r[t] back as 64 bits right after writing its halves would stall the CPU's store
        // forwarding; writing r[t] from the BigInt as well made the BigInt a heap object, 2.4x slower).
        const xlo = (lo << k) | ((hi >>> 1) >>> ~k), xhi = (hi << k) | ((lo >>> 1) >>> ~k);
        const t = fp + code[(pc + 2) | 0];
        I32[t] = xlo;
        I32[(t + 1) | 0] = xhi;
        B64[(fp + code[(pc + 1) | 0]) >> 1] =
          BigInt.asIntN(64, ((BigInt(xhi) << 32n) | BigInt(xlo >>> 0)) * ((BigInt(code[(pc + 6) | 0]) << 32n) | BigInt(code[(pc + 5) | 0] >>> 0)));
        pc = (pc + 7) | 0;
        continue;
      }
      case Ir.i64_rotl_imm_xor: {
        const x = fp + code[pc + 3], d = fp + code[pc + 1], a = fp + code[pc + 2];
        const k = code[pc + 4], s = k & 31;
        let lo = I32[x], hi = I32[x + 1];
        if ((k & 32) !== 0) {
          const t = lo;
          lo = hi;
          hi = t;
        }
        const rlo = (lo << s) | ((hi >>> 1) >>> (31 - s)), rhi = (hi << s) | ((lo >>> 1) >>> (31 - s));
        I32[d] = I32[a] ^ rlo;
        I32[d + 1] = I32[a + 1] ^ rhi;
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.copy64x3_then_rotl3_xor:
      case Ir.i64_rotl3_xor: {
        // (i64.rotl2_xor and i64.rotl2_shr_xor, which no benchmark program runs, are in runCold.)
        let f = pc;
        if (code[pc] === Ir.copy64x3_then_rotl3_xor) {
          // The pair (ir.ts): the copies first, then the i64.rotl3_xor at f.
          B64[(fp + code[(pc + 1) | 0]) >> 1] = B64[(fp + code[(pc + 2) | 0]) >> 1];
          B64[(fp + code[(pc + 3) | 0]) >> 1] = B64[(fp + code[(pc + 4) | 0]) >> 1];
          B64[(fp + code[(pc + 5) | 0]) >> 1] = B64[(fp + code[(pc + 6) | 0]) >> 1];
          f = (pc + 7) | 0;
        }
        // Each term as in i64.rotl_imm, xored into rlo/rhi one after the other (fewer values
        // live at once). JS takes shift counts mod 32: `x << i` is x << (i & 31) and `x >>> ~i`
        // is x >>> (31 - (i & 31)). Terms of one register (SHA-2's Σ) read its words once.
        const a = fp + code[(f + 2) | 0], i = code[(f + 3) | 0];
        const xlo = I32[a], xhi = I32[(a + 1) | 0];
        let lo = xlo, hi = xhi;
        if ((i & 32) !== 0) {
          lo = xhi;
          hi = xlo;
        }
        let rlo = (lo << i) | ((hi >>> 1) >>> ~i), rhi = (hi << i) | ((lo >>> 1) >>> ~i);
        const b = fp + code[(f + 4) | 0], j = code[(f + 5) | 0];
        lo = xlo;
        hi = xhi;
        if (b !== a) {
          lo = I32[b];
          hi = I32[(b + 1) | 0];
        }
        if ((j & 32) !== 0) {
          const t = lo;
          lo = hi;
          hi = t;
        }
        rlo ^= (lo << j) | ((hi >>> 1) >>> ~j);
        rhi ^= (hi << j) | ((lo >>> 1) >>> ~j);
        const c = fp + code[(f + 6) | 0], k = code[(f + 7) | 0];
        lo = xlo;
        hi = xhi;
        if (c !== a) {
          lo = I32[c];
          hi = I32[(c + 1) | 0];
        }
        if ((k & 32) !== 0) {
          const t = lo;
          lo = hi;
          hi = t;
        }
        const d = fp + code[(f + 1) | 0];
        I32[d] = rlo ^ ((lo << k) | ((hi >>> 1) >>> ~k));
        I32[(d + 1) | 0] = rhi ^ ((hi << k) | ((lo >>> 1) >>> ~k));
        pc = (f + 8) | 0;
        continue;
      }
      case Ir.i64_shr_u_imm_xor: {
        const x = fp + code[pc + 3], d = fp + code[pc + 1], a = fp + code[pc + 2];
        const k = code[pc + 4], s = k & 31, lo = I32[x], hi = I32[x + 1];
        let rlo = 0, rhi = 0;
        if ((k & 32) === 0) {
          rlo = (lo >>> s) | ((hi << 1) << (31 - s));
          rhi = hi >>> s;
        } else {
          rlo = hi >>> s;
        }
        I32[d] = I32[a] ^ rlo;
        I32[d + 1] = I32[a + 1] ^ rhi;
        pc = (pc + 5) | 0;
        continue;
      }

      case Ir.i32_mul_add:
        I32[(fp + code[pc + 1]) | 0] = (I32[(fp + code[pc + 2]) | 0] + Math.imul(I32[(fp + code[pc + 3]) | 0], I32[(fp + code[pc + 4]) | 0])) | 0;
        pc = (pc + 5) | 0;
        continue;
      case Ir.i64_add3:
        B64[(fp + code[pc + 1]) >> 1] = BigInt.asIntN(64, B64[(fp + code[pc + 2]) >> 1] + (B64[(fp + code[pc + 3]) >> 1] + B64[(fp + code[pc + 4]) >> 1]));
        pc = (pc + 5) | 0;
        continue;
      case Ir.i64_xor_and:
        B64[(fp + code[pc + 1]) >> 1] = B64[(fp + code[pc + 2]) >> 1] & (B64[(fp + code[pc + 3]) >> 1] ^ B64[(fp + code[pc + 4]) >> 1]);
        pc = (pc + 5) | 0;
        continue;
      case Ir.i64_and_xor:
        B64[(fp + code[pc + 1]) >> 1] = B64[(fp + code[pc + 2]) >> 1] ^ (B64[(fp + code[pc + 3]) >> 1] & B64[(fp + code[pc + 4]) >> 1]);
        pc = (pc + 5) | 0;
        continue;
      case Ir.i64_xor_imm_and:
        B64[(fp + code[pc + 1]) >> 1] =
          B64[(fp + code[pc + 2]) >> 1] & (B64[(fp + code[pc + 3]) >> 1] ^ ((BigInt(code[pc + 5]) << 32n) | BigInt(code[pc + 4] >>> 0)));
        pc = (pc + 6) | 0;
        continue;
      case Ir.f32_add_store: {
        const ea = (I32[fp + code[pc + 1]] >>> 0) + (code[pc + 2] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setFloat32(ea, F32[fp + code[pc + 3]] + F32[fp + code[pc + 4]], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.f32_add_store2: {
        const ea = (I32[fp + code[pc + 1]] >>> 0) + (code[pc + 2] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setFloat32(ea, F32[fp + code[pc + 3]] + F32[fp + code[pc + 4]], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        const eb = (I32[fp + code[pc + 5]] >>> 0) + (code[pc + 6] >>> 0);
        if (eb + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setFloat32(eb, F32[fp + code[pc + 7]] + F32[fp + code[pc + 8]], true);
        mem.dirty[eb >>> Dirty.Shift] = 1;
        pc = (pc + 9) | 0;
        continue;
      }
      case Ir.f32_sub_store: {
        const ea = (I32[(fp + code[pc + 1]) | 0] >>> 0) + (code[pc + 2] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setFloat32(ea, F32[(fp + code[pc + 3]) | 0] - F32[(fp + code[pc + 4]) | 0], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.f64_add_store: {
        const ea = (I32[fp + code[pc + 1]] >>> 0) + (code[pc + 2] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setFloat64(ea, F64[(fp + code[pc + 3]) >> 1] + F64[(fp + code[pc + 4]) >> 1], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.f64_mul_add_store: {
        const ea = (I32[fp + code[pc + 1]] >>> 0) + (code[pc + 2] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setFloat64(ea, F64[(fp + code[pc + 3]) >> 1] + F64[(fp + code[pc + 4]) >> 1] * F64[(fp + code[pc + 5]) >> 1], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.f64_mul_sub_store: {
        const ea = (I32[fp + code[pc + 1]] >>> 0) + (code[pc + 2] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setFloat64(ea, F64[(fp + code[pc + 3]) >> 1] - F64[(fp + code[pc + 4]) >> 1] * F64[(fp + code[pc + 5]) >> 1], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 6) | 0;
        continue;
      }

      case Ir.f64_mul_add_to: {
        const ea = (I32[fp + code[pc + 1]] >>> 0) + (code[pc + 2] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setFloat64(ea, dv.getFloat64(ea, true) + F64[(fp + code[pc + 3]) >> 1] * F64[(fp + code[pc + 4]) >> 1], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.f64_add_to: {
        const ea = (I32[fp + code[pc + 1]] >>> 0) + (code[pc + 2] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setFloat64(ea, dv.getFloat64(ea, true) + F64[(fp + code[pc + 3]) >> 1], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.f64_mul_load_add_to: {
        const ea = (I32[(fp + code[pc + 1]) | 0] >>> 0) + (code[pc + 2] >>> 0);
        const eb = (((I32[(fp + code[pc + 4]) | 0] << code[pc + 5]) + code[pc + 6]) >>> 0) + (code[pc + 7] >>> 0);
        if (ea + 8 > memLen || eb + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setFloat64(ea, dv.getFloat64(ea, true) + F64[(fp + code[pc + 3]) >> 1] * dv.getFloat64(eb, true), true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 8) | 0;
        continue;
      }
      case Ir.f64_mul2_add_to: {
        const ea = (I32[(fp + code[pc + 1]) | 0] >>> 0) + (code[pc + 2] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setFloat64(ea, dv.getFloat64(ea, true) + F64[(fp + code[pc + 3]) >> 1] * F64[(fp + code[pc + 4]) >> 1] * F64[(fp + code[pc + 5]) >> 1], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.f64_mul2_sub_to: {
        const ea = (I32[(fp + code[pc + 1]) | 0] >>> 0) + (code[pc + 2] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setFloat64(ea, dv.getFloat64(ea, true) - F64[(fp + code[pc + 3]) >> 1] * F64[(fp + code[pc + 4]) >> 1] * F64[(fp + code[pc + 5]) >> 1], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.f64_mul_sub_to: {
        const ea = (I32[(fp + code[pc + 1]) | 0] >>> 0) + (code[pc + 2] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setFloat64(ea, dv.getFloat64(ea, true) - F64[(fp + code[pc + 3]) >> 1] * F64[(fp + code[pc + 4]) >> 1], true);
        mem.dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 5) | 0;
        continue;
      }

      // ── Conversions ───────────────────────────────────────────────────────────────────────
      case Ir.i32_trunc_f64_s:
        I32[fp + code[pc + 1]] = i32TruncF64S(F64[(fp + code[pc + 2]) >> 1]);
        pc = (pc + 3) | 0;
        continue;
      case Ir.i32_trunc_sat_f64_s:
        I32[fp + code[pc + 1]] = i32TruncSatF64S(F64[(fp + code[pc + 2]) >> 1]);
        pc = (pc + 3) | 0;
        continue;
      case Ir.f32_convert_i32_s:
        F32[fp + code[pc + 1]] = I32[fp + code[pc + 2]];
        pc = (pc + 3) | 0;
        continue;
      case Ir.f32_convert_i32_u:
        F32[fp + code[pc + 1]] = I32[fp + code[pc + 2]] >>> 0;
        pc = (pc + 3) | 0;
        continue;
      case Ir.f32_demote_f64:
        F32[fp + code[pc + 1]] = F64[(fp + code[pc + 2]) >> 1];
        pc = (pc + 3) | 0;
        continue;
      case Ir.f64_convert_i32_s:
        F64[(fp + code[pc + 1]) >> 1] = I32[fp + code[pc + 2]];
        pc = (pc + 3) | 0;
        continue;
      case Ir.f64_convert_i32_u:
        F64[(fp + code[pc + 1]) >> 1] = I32[fp + code[pc + 2]] >>> 0;
        pc = (pc + 3) | 0;
        continue;
      case Ir.f64_promote_f32:
        F64[(fp + code[pc + 1]) >> 1] = F32[fp + code[pc + 2]];
        pc = (pc + 3) | 0;
        continue;

      // ── i64 sums absorbing their operand (ir.ts; RATIONALE, "Why sums that absorb their terms?") ──
      case Ir.load64_add_then_rotl2_shr_xor_add:
      case Ir.i64_rotl2_shr_xor_add: {
        let f = pc;
        if (code[pc] === Ir.load64_add_then_rotl2_shr_xor_add) {
          // The pair (ir.ts): the load64_add first (as its own case), then the instruction at f.
          const ea = (((I32[(fp + code[(pc + 2) | 0]) | 0] << code[(pc + 3) | 0]) + code[(pc + 4) | 0]) >>> 0) + (code[(pc + 5) | 0] >>> 0);
          if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
          const l = fp + code[(pc + 1) | 0];
          I32[l] = dv.getInt32(ea, true);
          I32[l + 1] = dv.getInt32(ea + 4, true);
          f = (pc + 6) | 0;
        }
        // The xor as in i64.rotl2_shr_xor, added to r[a] word by word (the low word's carry
        // into the high one): the terms are words already, joining them into a BigInt is not.
        const a = fp + code[(f + 3) | 0], i = code[(f + 4) | 0], xlo = I32[a], xhi = I32[(a + 1) | 0];
        let lo = xlo, hi = xhi;
        if ((i & 32) !== 0) {
          lo = xhi;
          hi = xlo;
        }
        let rlo = (lo << i) | ((hi >>> 1) >>> ~i), rhi = (hi << i) | ((lo >>> 1) >>> ~i);
        const b = fp + code[(f + 5) | 0], j = code[(f + 6) | 0];
        lo = xlo;
        hi = xhi;
        if (b !== a) {
          lo = I32[b];
          hi = I32[(b + 1) | 0];
        }
        if ((j & 32) !== 0) {
          const t = lo;
          lo = hi;
          hi = t;
        }
        rlo ^= (lo << j) | ((hi >>> 1) >>> ~j);
        rhi ^= (hi << j) | ((lo >>> 1) >>> ~j);
        const c = fp + code[(f + 7) | 0], k = code[(f + 8) | 0];
        lo = xlo;
        hi = xhi;
        if (c !== a) {
          lo = I32[c];
          hi = I32[(c + 1) | 0];
        }
        if ((k & 32) === 0) {
          rlo ^= (lo >>> k) | ((hi << 1) << ~k);
          rhi ^= hi >>> k;
        } else {
          rlo ^= hi >>> k;
        }
        const d = fp + code[(f + 1) | 0], e = fp + code[(f + 2) | 0];
        const elo = I32[e], sum = (elo + rlo) | 0;
        I32[(d + 1) | 0] = (I32[(e + 1) | 0] + rhi + carry(elo, rlo, sum)) | 0;
        I32[d] = sum;
        pc = (f + 9) | 0;
        continue;
      }
      case Ir.i64_add_mem: {
        const ea = (((I32[(fp + code[(pc + 3) | 0]) | 0] << code[(pc + 4) | 0]) + code[(pc + 5) | 0]) >>> 0) + (code[(pc + 6) | 0] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        B64[(fp + code[(pc + 1) | 0]) >> 1] = BigInt.asIntN(64, B64[(fp + code[(pc + 2) | 0]) >> 1]
          + ((BigInt(dv.getInt32(ea + 4, true)) << 32n) | BigInt(dv.getUint32(ea, true))));
        pc = (pc + 7) | 0;
        continue;
      }
      case Ir.i64_add3_mem: {
        const ea = (((I32[(fp + code[(pc + 4) | 0]) | 0] << code[(pc + 5) | 0]) + code[(pc + 6) | 0]) >>> 0) + (code[(pc + 7) | 0] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        B64[(fp + code[(pc + 1) | 0]) >> 1] = BigInt.asIntN(64, B64[(fp + code[(pc + 2) | 0]) >> 1] + (B64[(fp + code[(pc + 3) | 0]) >> 1]
          + ((BigInt(dv.getInt32(ea + 4, true)) << 32n) | BigInt(dv.getUint32(ea, true)))));
        pc = (pc + 8) | 0;
        continue;
      }
      case Ir.i64_and_xor_add:
        B64[(fp + code[pc + 1]) >> 1] = BigInt.asIntN(64, B64[(fp + code[pc + 2]) >> 1]
          + (B64[(fp + code[pc + 3]) >> 1] ^ (B64[(fp + code[pc + 4]) >> 1] & B64[(fp + code[pc + 5]) >> 1])));
        pc = (pc + 6) | 0;
        continue;
      case Ir.i64_xor_imm_and_add:
        B64[(fp + code[(pc + 1) | 0]) >> 1] = BigInt.asIntN(64, B64[(fp + code[(pc + 2) | 0]) >> 1]
          + (B64[(fp + code[(pc + 3) | 0]) >> 1] & (B64[(fp + code[(pc + 4) | 0]) >> 1] ^ ((BigInt(code[(pc + 6) | 0]) << 32n) | BigInt(code[(pc + 5) | 0] >>> 0)))));
        pc = (pc + 7) | 0;
        continue;
      case Ir.i64_shl_and_imm:
      case Ir.i64_shl_and_imm_or: {
        // The shift as in i64.shl_imm, masked; or-ed into r[a] (fields one further) for _or.
        const d = fp + code[pc + 1], f = code[pc] === Ir.i64_shl_and_imm ? pc : (pc + 1) | 0;
        const x = fp + code[f + 2], k = code[f + 3], s = k & 31, lo = I32[x], hi = I32[x + 1];
        let rlo = 0, rhi = lo << s;
        if ((k & 32) === 0) {
          rhi = (hi << s) | ((lo >>> 1) >>> (31 - s));
          rlo = lo << s;
        }
        rlo &= code[f + 4];
        rhi &= code[f + 5];
        if (f !== pc) {
          const o = fp + code[pc + 2];
          rlo |= I32[o];
          rhi |= I32[o + 1];
        }
        I32[d] = rlo;
        I32[d + 1] = rhi;
        pc = (f + 6) | 0;
        continue;
      }
      case Ir.i64_bswap: {
        // Each word's bytes reversed, and the words swapped.
        const a = fp + code[pc + 2], d = fp + code[pc + 1], lo = I32[a], hi = I32[a + 1];
        I32[d] = (hi << 24) | ((hi & 0xff00) << 8) | ((hi >>> 8) & 0xff00) | (hi >>> 24);
        I32[d + 1] = (lo << 24) | ((lo & 0xff00) << 8) | ((lo >>> 8) & 0xff00) | (lo >>> 24);
        pc = (pc + 3) | 0;
        continue;
      }
      case Ir.i64_add2:
        // Pairs (ir.ts): the second instruction's fields follow its own opcode word, at pc + 5.
        B64[(fp + code[(pc + 1) | 0]) >> 1] = BigInt.asIntN(64, B64[(fp + code[(pc + 2) | 0]) >> 1] + B64[(fp + code[(pc + 3) | 0]) >> 1]);
        B64[(fp + code[(pc + 5) | 0]) >> 1] = BigInt.asIntN(64, B64[(fp + code[(pc + 6) | 0]) >> 1] + B64[(fp + code[(pc + 7) | 0]) >> 1]);
        pc = (pc + 8) | 0;
        continue;
      case Ir.copy64x5:
        B64[(fp + code[pc + 1]) >> 1] = B64[(fp + code[pc + 2]) >> 1];
        B64[(fp + code[pc + 3]) >> 1] = B64[(fp + code[pc + 4]) >> 1];
        B64[(fp + code[pc + 5]) >> 1] = B64[(fp + code[pc + 6]) >> 1];
        B64[(fp + code[pc + 8]) >> 1] = B64[(fp + code[pc + 9]) >> 1];
        B64[(fp + code[pc + 10]) >> 1] = B64[(fp + code[pc + 11]) >> 1];
        pc = (pc + 12) | 0;
        continue;
      case Ir.copy64x5_br:
        B64[(fp + code[(pc + 1) | 0]) >> 1] = B64[(fp + code[(pc + 2) | 0]) >> 1];
        B64[(fp + code[(pc + 3) | 0]) >> 1] = B64[(fp + code[(pc + 4) | 0]) >> 1];
        B64[(fp + code[(pc + 5) | 0]) >> 1] = B64[(fp + code[(pc + 6) | 0]) >> 1];
        B64[(fp + code[(pc + 8) | 0]) >> 1] = B64[(fp + code[(pc + 9) | 0]) >> 1];
        B64[(fp + code[(pc + 10) | 0]) >> 1] = B64[(fp + code[(pc + 11) | 0]) >> 1];
        pc = code[(pc + 13) | 0];
        continue;
      case Ir.i64_and_then_add3:
        B64[(fp + code[(pc + 1) | 0]) >> 1] = B64[(fp + code[(pc + 2) | 0]) >> 1] & B64[(fp + code[(pc + 3) | 0]) >> 1];
        B64[(fp + code[(pc + 5) | 0]) >> 1] = BigInt.asIntN(64, B64[(fp + code[(pc + 6) | 0]) >> 1] + (B64[(fp + code[(pc + 7) | 0]) >> 1] + B64[(fp + code[(pc + 8) | 0]) >> 1]));
        pc = (pc + 9) | 0;
        continue;
      case Ir.i64_xor_and_then_and_xor_add:
        B64[(fp + code[(pc + 1) | 0]) >> 1] = B64[(fp + code[(pc + 2) | 0]) >> 1] & (B64[(fp + code[(pc + 3) | 0]) >> 1] ^ B64[(fp + code[(pc + 4) | 0]) >> 1]);
        B64[(fp + code[(pc + 6) | 0]) >> 1] = BigInt.asIntN(64, B64[(fp + code[(pc + 7) | 0]) >> 1]
          + (B64[(fp + code[(pc + 8) | 0]) >> 1] ^ (B64[(fp + code[(pc + 9) | 0]) >> 1] & B64[(fp + code[(pc + 10) | 0]) >> 1])));
        pc = (pc + 11) | 0;
        continue;
      case Ir.load64_idx_then_add_imm: {
        // The load first: when it traps, the index is not stepped, as in the two instructions.
        const ea = ((I32[fp + code[(pc + 2) | 0]] + I32[fp + code[(pc + 3) | 0]]) >>> 0) + (code[(pc + 4) | 0] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[(pc + 1) | 0];
        I32[d] = dv.getInt32(ea, true);
        I32[d + 1] = dv.getInt32(ea + 4, true);
        I32[(fp + code[(pc + 6) | 0]) | 0] = (I32[(fp + code[(pc + 7) | 0]) | 0] + code[(pc + 8) | 0]) | 0;
        pc = (pc + 9) | 0;
        continue;
      }
      case Ir.i32_add_then_load64_add: {
        I32[(fp + code[(pc + 1) | 0]) | 0] = (I32[(fp + code[(pc + 2) | 0]) | 0] + I32[(fp + code[(pc + 3) | 0]) | 0]) | 0;
        const ea = (((I32[(fp + code[(pc + 6) | 0]) | 0] << code[(pc + 7) | 0]) + code[(pc + 8) | 0]) >>> 0) + (code[(pc + 9) | 0] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[(pc + 5) | 0];
        I32[d] = dv.getInt32(ea, true);
        I32[d + 1] = dv.getInt32(ea + 4, true);
        pc = (pc + 10) | 0;
        continue;
      }
      case Ir.i64_shr_u_and_imm:
      case Ir.i64_shr_u_and_imm_or: {
        // As above, with the shift of i64.shr_u_imm.
        const d = fp + code[pc + 1], f = code[pc] === Ir.i64_shr_u_and_imm ? pc : (pc + 1) | 0;
        const x = fp + code[f + 2], k = code[f + 3], s = k & 31, lo = I32[x], hi = I32[x + 1];
        let rlo = hi >>> s, rhi = 0;
        if ((k & 32) === 0) {
          rlo = (lo >>> s) | ((hi << 1) << (31 - s));
          rhi = hi >>> s;
        }
        rlo &= code[f + 4];
        rhi &= code[f + 5];
        if (f !== pc) {
          const o = fp + code[pc + 2];
          rlo |= I32[o];
          rhi |= I32[o + 1];
        }
        I32[d] = rlo;
        I32[d + 1] = rhi;
        pc = (f + 6) | 0;
        continue;
      }

      default: {
        // A rare scalar instruction: runCold (below) runs it and returns the next pc. A vector
        // instruction: runVector (below) runs it and what follows it, vector instructions and the
        // scalar ones of vector loops, and returns the pc of the first it does not have
        // (RATIONALE, "Why do vector instructions run in a loop of their own?").
        const next = code[pc] < Ir.copy128 ? runCold(m, code, pc, fp, inst)
          : runVector(code, pc, fp, I32, F32, F64, dv, memLen, mem, inst);
        if (next === pc) throw new RuntimeError(`internal error: bad IR opcode ${code[pc]} at ${pc}`);
        pc = next | 0;
        continue;
      }
    }

    // ── A call (reached by `break` from the call instructions) ───────────────────────────────
    if (callee.host !== null) {
      m.depth = depth;
      if (callHost(m, callee, argBase)) {
        // Suspended on a promise: resume after the call (or, for a tail call, return its results).
        m.resumeCode = tail ? RETURN_CODE : code;
        m.resumePc = tail ? 0 : pc;
        m.resumeFp = fp;
        m.resumeFunc = func;
        tail = false;
        return true;
      }
      // A re-entrant invocation may have grown the registers, the frame stack or the memory.
      I32 = m.i32; F32 = m.f32; F64 = m.f64; B64 = m.b64; U64 = m.u64; refs = m.refs;
      framePc = m.framePc;
      frameFp = m.frameFp;
      dv = mem.view;
      memLen = dv.byteLength;
      if (tail) {
        // The host's results are in r0…: return them.
        tail = false;
        code = RETURN_CODE;
        pc = 0;
      }
      continue;
    }
    const calleeInst = callee.instance!;
    if (tail) {
      tail = false;
    } else {
      if (depth >= calleeInst.maxCallDepth) throw trap(TrapCode.CallStackExhausted);
      if (depth >= framePc.length) {
        m.growFrames();
        framePc = m.framePc;
        frameFp = m.frameFp;
      }
      framePc[depth] = pc;
      frameFp[depth] = fp;
      frameFunc[depth] = func;
      depth++;
    }
    const c = callee.code;
    if (c !== null && argBase + c.frameWords <= I32.length && !c.refLocals) {
      // The common case, inlined: translated, registers large enough, only numeric locals.
      for (let w = argBase + c.paramWords, end = argBase + c.localWords; w < end; w++) I32[w] = 0;
      code = c.code;
    } else {
      code = enterFrame(m, callee, argBase).code;
      if (m.i32 !== I32) {
        I32 = m.i32; F32 = m.f32; F64 = m.f64; B64 = m.b64; U64 = m.u64; refs = m.refs;
      }
    }
    func = callee;
    fp = argBase;
    pc = 0;
    if (calleeInst !== inst) {
      inst = calleeInst;
      mem = inst.mem0;
      dv = mem.view;
      memLen = dv.byteLength;
    }
  }
  } catch (e) {
    recordFrames(e, func, frameFunc, entryDepth, depth);
    throw e;
  }
}

/**
 * The scalar instructions too rare to earn a place in `run`'s switch (tables, passive segments,
 * i64 division, bit counts and shifts by a register, most float-to-int truncations and i64-to-float
 * conversions, f32 rounding, copysign, i64 and reference globals, a few reference instructions):
 * `run`'s `default` calls this for an opcode before the vector ones; it runs that instruction and
 * returns the next pc (pc itself for an opcode it does not have). Out of `run`, they leave room
 * within the bytecode size TurboFan optimizes for the superinstructions that earn it (RATIONALE,
 * "Why are rare instructions outside `run`?"). None grows the memory or the registers, so `run`'s
 * views stay valid.
 */
function runCold(m: Machine, code: Int32Array, pc: number, fp: number, inst: Instance): number {
  const I32 = m.i32, F32 = m.f32, F64 = m.f64, refs = m.refs;
  const mem = inst.mem0, dv = mem.view, memLen = dv.byteLength;
  switch (code[pc]) {
    case Ir.i64_rotl2_xor:
    case Ir.i64_rotl2_shr_xor: {
      // As run's i64.rotl3_xor, on BigInts; no benchmark program runs these two.
      const u = (k: number) => BigInt.asUintN(64, m.b64[(fp + code[pc + k]) >> 1]);
      const rotl = (x: bigint, k: number) => BigInt.asUintN(64, (x << BigInt(k)) | (x >> BigInt((64 - k) & 63)));
      let r = rotl(u(2), code[pc + 3]) ^ rotl(u(4), code[pc + 5]);
      if (code[pc] === Ir.i64_rotl2_shr_xor) r ^= u(6) >> BigInt(code[pc + 7]);
      m.b64[(fp + code[pc + 1]) >> 1] = BigInt.asIntN(64, r);
      return code[pc] === Ir.i64_rotl2_xor ? (pc + 6) | 0 : (pc + 8) | 0;
    }
    case Ir.i64_load_mul_imm_add: {
      // Alone, not paired with a rotate (run's pair case): no benchmark program runs it.
      const ea = (((I32[(fp + code[pc + 3]) | 0] << code[pc + 4]) + code[pc + 5]) >>> 0) + (code[pc + 6] >>> 0);
      if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
      m.b64[(fp + code[pc + 1]) >> 1] = BigInt.asIntN(64, m.b64[(fp + code[pc + 2]) >> 1]
        + ((BigInt(dv.getInt32(ea + 4, true)) << 32n) | BigInt(dv.getUint32(ea, true))) * ((BigInt(code[pc + 8]) << 32n) | BigInt(code[pc + 7] >>> 0)));
      return (pc + 9) | 0;
    }
    case Ir.memory_init: {
      const data = inst.datas[code[pc + 1]];
      const d = I32[fp + code[pc + 2]] >>> 0, s = I32[fp + code[pc + 3]] >>> 0;
      const n = I32[fp + code[pc + 4]] >>> 0;
      if (s + n > data.length || d + n > memLen) throw trap(TrapCode.MemoryOutOfBounds);
      new Uint8Array(dv.buffer).set(data.subarray(s, s + n), d);
      mem.markDirty(d, n);
      return (pc + 5) | 0;
    }
    case Ir.data_drop:
      inst.datas[code[pc + 1]] = EMPTY_BYTES;
      return (pc + 2) | 0;
    case Ir.table_get: {
      const elements = inst.tables[code[pc + 2]].elements;
      const i = I32[fp + code[pc + 3]] >>> 0;
      if (i >= elements.length) throw trap(TrapCode.TableOutOfBounds);
      refs[(fp + code[pc + 1]) >> 1] = elements[i];
      return (pc + 4) | 0;
    }
    case Ir.table_set: {
      const elements = inst.tables[code[pc + 1]].elements;
      const i = I32[fp + code[pc + 2]] >>> 0;
      if (i >= elements.length) throw trap(TrapCode.TableOutOfBounds);
      elements[i] = refs[(fp + code[pc + 3]) >> 1];
      return (pc + 4) | 0;
    }
    case Ir.table_size:
      I32[fp + code[pc + 1]] = inst.tables[code[pc + 2]].elements.length;
      return (pc + 3) | 0;
    case Ir.table_grow:
      I32[fp + code[pc + 1]] = inst.tables[code[pc + 2]].grow(
        I32[fp + code[pc + 4]] >>> 0, refs[(fp + code[pc + 3]) >> 1]);
      return (pc + 5) | 0;
    case Ir.table_fill: {
      const elements = inst.tables[code[pc + 1]].elements;
      const i = I32[fp + code[pc + 2]] >>> 0, n = I32[fp + code[pc + 4]] >>> 0;
      if (i + n > elements.length) throw trap(TrapCode.TableOutOfBounds);
      elements.fill(refs[(fp + code[pc + 3]) >> 1], i, i + n);
      return (pc + 5) | 0;
    }
    case Ir.table_copy: {
      const dst = inst.tables[code[pc + 1]].elements, src = inst.tables[code[pc + 2]].elements;
      const d = I32[fp + code[pc + 3]] >>> 0, s = I32[fp + code[pc + 4]] >>> 0;
      const n = I32[fp + code[pc + 5]] >>> 0;
      if (s + n > src.length || d + n > dst.length) throw trap(TrapCode.TableOutOfBounds);
      if (dst === src) dst.copyWithin(d, s, s + n);
      else for (let k = 0; k < n; k++) dst[d + k] = src[s + k];
      return (pc + 6) | 0;
    }
    case Ir.table_init: {
      const seg = inst.elems[code[pc + 1]], elements = inst.tables[code[pc + 2]].elements;
      const d = I32[fp + code[pc + 3]] >>> 0, s = I32[fp + code[pc + 4]] >>> 0;
      const n = I32[fp + code[pc + 5]] >>> 0;
      if (s + n > seg.length || d + n > elements.length) throw trap(TrapCode.TableOutOfBounds);
      for (let k = 0; k < n; k++) elements[d + k] = seg[s + k];
      return (pc + 6) | 0;
    }
    case Ir.elem_drop:
      inst.elems[code[pc + 1]] = [];
      return (pc + 2) | 0;
    case Ir.f32_convert_i64_s: {
      const a = fp + code[pc + 2];
      F32[fp + code[pc + 1]] = f32ConvertI64SHalves(I32[a], I32[a + 1]);
      return (pc + 3) | 0;
    }
    case Ir.f32_convert_i64_u: {
      const a = fp + code[pc + 2];
      F32[fp + code[pc + 1]] = f32ConvertI64UHalves(I32[a], I32[a + 1]);
      return (pc + 3) | 0;
    }
    case Ir.f64_convert_i64_s: {
      const a = fp + code[pc + 2];
      F64[(fp + code[pc + 1]) >> 1] = f64ConvertI64SHalves(I32[a], I32[a + 1]);
      return (pc + 3) | 0;
    }
    case Ir.f64_convert_i64_u: {
      const a = fp + code[pc + 2];
      F64[(fp + code[pc + 1]) >> 1] = f64ConvertI64UHalves(I32[a], I32[a + 1]);
      return (pc + 3) | 0;
    }
    case Ir.global_get64: {
      i64ToHalves(inst.globals[code[pc + 2]].value as bigint);
      const d = fp + code[pc + 1];
      I32[d] = i64Out[0];
      I32[d + 1] = i64Out[1];
      return (pc + 3) | 0;
    }
    case Ir.global_set64: {
      const a = fp + code[pc + 2];
      inst.globals[code[pc + 1]].value = i64FromHalves(I32[a], I32[a + 1]);
      return (pc + 3) | 0;
    }
    case Ir.ref_func:
      refs[(fp + code[pc + 1]) >> 1] = inst.funcs[code[pc + 2]];
      return (pc + 3) | 0;
    case Ir.ref_eq:
      I32[fp + code[pc + 1]] = refs[(fp + code[pc + 2]) >> 1] === refs[(fp + code[pc + 3]) >> 1] ? 1 : 0;
      return (pc + 4) | 0;
    case Ir.select_ref: {
      const s = fp + (I32[fp + code[pc + 4]] !== 0 ? code[pc + 2] : code[pc + 3]);
      refs[(fp + code[pc + 1]) >> 1] = refs[s >> 1];
      return (pc + 5) | 0;
    }
    case Ir.global_get_ref:
      refs[(fp + code[pc + 1]) >> 1] = inst.globals[code[pc + 2]].value;
      return (pc + 3) | 0;
    case Ir.global_set_ref:
      inst.globals[code[pc + 1]].value = refs[(fp + code[pc + 2]) >> 1];
      return (pc + 3) | 0;
    case Ir.i64_shl: {
      // Inlined like i64.shl_imm below, the count taken mod 64.
      const a = fp + code[pc + 2], d = fp + code[pc + 1];
      const k = I32[fp + code[pc + 3]] & 63, s = k & 31, lo = I32[a], hi = I32[a + 1];
      if ((k & 32) === 0) {
        I32[d + 1] = (hi << s) | ((lo >>> 1) >>> (31 - s));
        I32[d] = lo << s;
      } else {
        I32[d + 1] = lo << s;
        I32[d] = 0;
      }
      return (pc + 4) | 0;
    }
    case Ir.i64_shr_s: {
      // Inlined like i64.shr_s_imm below, the count taken mod 64.
      const a = fp + code[pc + 2], d = fp + code[pc + 1];
      const k = I32[fp + code[pc + 3]] & 63, s = k & 31, lo = I32[a], hi = I32[a + 1];
      if ((k & 32) === 0) {
        I32[d] = (lo >>> s) | ((hi << 1) << (31 - s));
        I32[d + 1] = hi >> s;
      } else {
        I32[d] = hi >> s;
        I32[d + 1] = hi >> 31;
      }
      return (pc + 4) | 0;
    }
    case Ir.i64_shr_u: {
      // Inlined like i64.shr_u_imm below, the count taken mod 64.
      const a = fp + code[pc + 2], d = fp + code[pc + 1];
      const k = I32[fp + code[pc + 3]] & 63, s = k & 31, lo = I32[a], hi = I32[a + 1];
      if ((k & 32) === 0) {
        I32[d] = (lo >>> s) | ((hi << 1) << (31 - s));
        I32[d + 1] = hi >>> s;
      } else {
        I32[d] = hi >>> s;
        I32[d + 1] = 0;
      }
      return (pc + 4) | 0;
    }
    case Ir.i64_rotl: {
      // Inlined like i64.rotl_imm below.
      const a = fp + code[pc + 2], d = fp + code[pc + 1];
      const k = I32[fp + code[pc + 3]] & 63, s = k & 31;
      let lo = I32[a], hi = I32[a + 1];
      if ((k & 32) !== 0) {
        const t = lo;
        lo = hi;
        hi = t;
      }
      I32[d] = (lo << s) | ((hi >>> 1) >>> (31 - s));
      I32[d + 1] = (hi << s) | ((lo >>> 1) >>> (31 - s));
      return (pc + 4) | 0;
    }
    case Ir.i64_rotr: {
      // Inlined like i64.rotl_imm below, rotating left by 64 − count.
      const a = fp + code[pc + 2], d = fp + code[pc + 1];
      const k = -I32[fp + code[pc + 3]] & 63, s = k & 31;
      let lo = I32[a], hi = I32[a + 1];
      if ((k & 32) !== 0) {
        const t = lo;
        lo = hi;
        hi = t;
      }
      I32[d] = (lo << s) | ((hi >>> 1) >>> (31 - s));
      I32[d + 1] = (hi << s) | ((lo >>> 1) >>> (31 - s));
      return (pc + 4) | 0;
    }
    case Ir.f32_ceil:
      F32[fp + code[pc + 1]] = fCeil(F32[fp + code[pc + 2]]);
      return (pc + 3) | 0;
    case Ir.f32_floor:
      F32[fp + code[pc + 1]] = fFloor(F32[fp + code[pc + 2]]);
      return (pc + 3) | 0;
    case Ir.f32_trunc:
      F32[fp + code[pc + 1]] = fTrunc(F32[fp + code[pc + 2]]);
      return (pc + 3) | 0;
    case Ir.f32_nearest:
      F32[fp + code[pc + 1]] = f32Nearest(F32[fp + code[pc + 2]]);
      return (pc + 3) | 0;
    case Ir.f32_copysign:
      I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] & 0x7fffffff) | (I32[fp + code[pc + 3]] & 0x80000000);
      return (pc + 4) | 0;
    case Ir.f64_copysign: {
      const d = fp + code[pc + 1], a = fp + code[pc + 2];
      const hi = (I32[a + 1] & 0x7fffffff) | (I32[fp + code[pc + 3] + 1] & 0x80000000);
      I32[d] = I32[a];
      I32[d + 1] = hi;
      return (pc + 4) | 0;
    }
    default: {
      // Families of like instructions go by tables (coldHalves, coldTrunc32): one case for each.
      const h = coldHalves.get(code[pc]);
      if (h !== undefined) {
        const a = fp + code[pc + 2], d = fp + code[pc + 1];
        switch (h.kind) {
          case ColdKind.I64Binary: {
            const b = fp + code[pc + 3];
            h.fn(I32[a], I32[a + 1], I32[b], I32[b + 1]);
            break;
          }
          case ColdKind.I64Count:
            I32[d] = h.fn(I32[a], I32[a + 1]);
            I32[d + 1] = 0;
            return (pc + 3) | 0;
          case ColdKind.FromI32: h.fn(I32[a]); break;
          case ColdKind.FromF32: h.fn(F32[a]); break;
          case ColdKind.FromF64: h.fn(F64[a >> 1]); break;
        }
        I32[d] = i64Out[0];
        I32[d + 1] = i64Out[1];
        return (pc + (h.kind === ColdKind.I64Binary ? 4 : 3)) | 0;
      }
      const t = coldTrunc32.get(code[pc]);
      if (t !== undefined) {
        const a = fp + code[pc + 2];
        I32[fp + code[pc + 1]] = t.fn(t.f64 ? F64[a >> 1] : F32[a]);
        return (pc + 3) | 0;
      }
      return pc;
    }
  }
}

/** How a coldHalves instruction reads its operands and writes its result. */
const enum ColdKind {
  /** Two i64 operands on word pairs; the helper writes i64Out. */
  I64Binary,
  /** One i64 operand on a word pair; the helper returns the count (an i64 below 2^7). */
  I64Count,
  /** One i32 / f32 / f64 operand; the helper writes i64Out. */
  FromI32, FromF32, FromF64,
}
type ColdHalves =
  | { kind: ColdKind.I64Binary; fn: (a0: number, a1: number, b0: number, b1: number) => void }
  | { kind: ColdKind.I64Count; fn: (a0: number, a1: number) => number }
  | { kind: ColdKind.FromI32 | ColdKind.FromF32 | ColdKind.FromF64; fn: (x: number) => void };

/** runCold's instructions with an i64 result on word pairs (numerics-halves.ts), by opcode. */
const coldHalves = new Map<number, ColdHalves>([
  [Ir.i64_div_s, { kind: ColdKind.I64Binary, fn: i64DivSHalves }],
  [Ir.i64_div_u, { kind: ColdKind.I64Binary, fn: i64DivUHalves }],
  [Ir.i64_rem_s, { kind: ColdKind.I64Binary, fn: i64RemSHalves }],
  [Ir.i64_rem_u, { kind: ColdKind.I64Binary, fn: i64RemUHalves }],
  [Ir.i64_clz, { kind: ColdKind.I64Count, fn: i64ClzHalves }],
  [Ir.i64_ctz, { kind: ColdKind.I64Count, fn: i64CtzHalves }],
  [Ir.i64_popcnt, { kind: ColdKind.I64Count, fn: i64PopcntHalves }],
  [Ir.i64_extend8_s, { kind: ColdKind.FromI32, fn: i64Extend8SHalves }],
  [Ir.i64_extend16_s, { kind: ColdKind.FromI32, fn: i64Extend16SHalves }],
  [Ir.i64_trunc_f32_s, { kind: ColdKind.FromF32, fn: i64TruncSHalves }],
  [Ir.i64_trunc_f32_u, { kind: ColdKind.FromF32, fn: i64TruncUHalves }],
  [Ir.i64_trunc_f64_s, { kind: ColdKind.FromF64, fn: i64TruncSHalves }],
  [Ir.i64_trunc_f64_u, { kind: ColdKind.FromF64, fn: i64TruncUHalves }],
  [Ir.i64_trunc_sat_f32_s, { kind: ColdKind.FromF32, fn: i64TruncSatSHalves }],
  [Ir.i64_trunc_sat_f32_u, { kind: ColdKind.FromF32, fn: i64TruncSatUHalves }],
  [Ir.i64_trunc_sat_f64_s, { kind: ColdKind.FromF64, fn: i64TruncSatSHalves }],
  [Ir.i64_trunc_sat_f64_u, { kind: ColdKind.FromF64, fn: i64TruncSatUHalves }],
]);

/** runCold's float-to-i32 truncations (numerics.ts), by opcode; `f64`: the operand is an f64. */
const coldTrunc32 = new Map<number, { fn: (x: number) => number; f64: boolean }>([
  [Ir.i32_trunc_f32_s, { fn: i32TruncF32S, f64: false }],
  [Ir.i32_trunc_f32_u, { fn: i32TruncF32U, f64: false }],
  [Ir.i32_trunc_f64_u, { fn: i32TruncF64U, f64: true }],
  [Ir.i32_trunc_sat_f32_s, { fn: i32TruncSatF32S, f64: false }],
  [Ir.i32_trunc_sat_f32_u, { fn: i32TruncSatF32U, f64: false }],
  [Ir.i32_trunc_sat_f64_u, { fn: i32TruncSatF64U, f64: true }],
]);

/** Four lanes computed before they are stored (runVector's i32x4.trunc_sat_mul_load_add_store). */
const vectorLanes = new Int32Array(4);

let vectorWarm = false;

/** The scalar instructions runVector has (its second switch), for warmVector. */
const vectorScalars: readonly Ir[] = [
  Ir.i32_add_imm, Ir.step_br_if, Ir.i32_add, Ir.step_br_ne_imm, Ir.step3_br_ne_imm, Ir.step3_br_if,
  Ir.step3_br_ne, Ir.i32_shl_add_imm, Ir.load32_add, Ir.load32, Ir.i32_add_imm2, Ir.const32, Ir.copy32,
  Ir.step_br, Ir.step_br_ne, Ir.step_br_lt_u, Ir.br_if, Ir.br_unless, Ir.br,
];

/** The operations (simd.ts `S`) of each generic simd_* instruction, first and end, for warmVector. */
const warmSimd = new Map<number, readonly [number, number]>([
  [Ir.simd_unary, [S.v128_not, S.v128_and]], [Ir.simd_binary, [S.v128_and, S.v128_bitselect]],
  [Ir.simd_ternary, [S.v128_bitselect, S.i8x16_extract_lane_s]],
  [Ir.simd_extract, [S.i8x16_extract_lane_s, S.i8x16_replace_lane]],
  [Ir.simd_replace, [S.i8x16_replace_lane, S.v128_load8x8_s]], [Ir.simd_load, [S.v128_load8x8_s, S.v128_load8_lane]],
  [Ir.simd_load_lane, [S.v128_load8_lane, S.v128_store8_lane]],
  [Ir.simd_store_lane, [S.v128_store8_lane, S.v128_store64_lane + 1]],
]);

/**
 * Runs every case of runVector, before its first real instruction, on scratch registers and a
 * scratch memory, so that each operation has type feedback when TurboFan first compiles the loop
 * (long vector loops get it compiled early, before a program has reached all its instructions).
 * A case first reached after that compile deoptimized it ("Insufficient type feedback"), and
 * after such a late deopt V8 sometimes recompiled only the loop's OSR entry, which every call
 * then entered from the bytecode interpreter: simd's second, slower speed (RATIONALE, "Why does
 * simd run at two speeds?"). How, each point measured on Node 20 (V8 11.3):
 * - Each instruction runs four ways: distinct registers, immediates 0; one register for all (its
 *   own), immediates 33 (the other side of `k < 32`, `d !== v`, splat terms); registers 0
 *   (branches not taken); registers near 2^31, immediates 5 (sums that leave the small integers,
 *   shift counts 1–31), instructions without memory only. Registers hold 256 in the first two:
 *   small addresses, and float lanes that are not integers (denormals), so float operations
 *   record doubles before they see zeros. Branches lead to the next instruction. The generic
 *   simd_* instructions run the first way, once per operation of their shape (TurboFan may inline
 *   their helpers, whose own cases then need feedback too). Opcodes with other fields (globals,
 *   tables) are left out.
 * - One call runs them all in a row (the last is `unreachable`, which runVector does not have: it
 *   returns): the loop's ticks may mark runVector for optimization, but its compile starts at a
 *   later call, with all the feedback in. Calls one by one had TurboFan compile halfway through.
 * - Five such calls: V8 gives a function its feedback vector only after some work in it (here
 *   after the second call), and records nothing before. More calls that return at once instead
 *   cost ~11 µs each, some 300 of them, and counted as calls of runVector: TurboFan inlines a
 *   call (fMin, fMax, i32TruncSatF64S) only if it ran in ~15 % of them, and kept those as calls.
 * It costs ~6 ms once per process, at the first vector instruction.
 */
function warmVector(): void {
  vectorWarm = true;
  const ops: number[] = [];
  irInfo.forEach((info, op) => {
    if (/^[dauibhxvL]*$/.test(info.fields) && (op >= Ir.copy128 || vectorScalars.includes(op))) ops.push(op);
  });
  // Registers: words [0, 64) read by ways 0 and 3 (256, then near 2^31 from 32), [64, 192) written,
  // [192, 256) read by way 2 (0); way 1 gives each instruction 128 words of its own from 256.
  const hot: number[] = [], generic: number[] = [];
  let own = 256;
  for (const way of [0, 1, 2, 3]) {
    for (const op of ops) {
      const fields = irInfo[op].fields, range = warmSimd.get(op);
      if (way === 3 && fields.includes('u')) continue;
      if (range === undefined) {
        warmInstr(hot, op, fields, way, 0, own);
        if (way === 1) own += 128;
      } else if (way === 0) {
        for (let x = range[0]; x < range[1]; x++) warmInstr(generic, op, fields, way, x, own);
      }
    }
  }
  // The generic ones after the others (they have no branches to patch).
  const code = Int32Array.from([...hot, ...generic, Ir.unreachable]);
  const regs = new Int32Array(own), start = regs.fill(256, 0, 32).fill(0x7ffffff0, 32, 64).fill(256, 256).slice();
  const F32 = new Float32Array(regs.buffer), F64 = new Float64Array(regs.buffer);
  const mem = new MemoryInst({ limits: { min: 1 }, addr: 'i32', shared: false }), dv = mem.view;
  const noInst = null as unknown as Instance;
  for (let i = 0; i < 5; i++) {
    regs.set(start);
    if (runVector(code, 0, 0, regs, F32, F64, dv, 65536, mem, noInst) !== code.length - 1) {
      throw new Error('internal error: warmVector did not reach its end');
    }
  }
}

/**
 * Appends instruction `op` (fields as ir.ts irInfo) to `code` for warmVector's `way`, `x` its
 * simd_* operation, `own` the registers of way 1. Branches lead to the next instruction (offsets
 * from `code`'s start).
 */
function warmInstr(code: number[], op: number, fields: string, way: number, x: number, own: number): void {
  const targets: number[] = [];
  let a = way === 2 ? 192 : way === 3 ? 32 : 0, d = 64;
  code.push(op);
  for (const f of fields) {
    if (f === 'd') code.push(way === 1 ? own + 4 : (d += 4));
    else if (f === 'a') code.push(way === 1 ? own + 4 : (a += 4));
    else if (f === 'v') code.push(1, 2, 3, 4);
    else if (f === 'L') targets.push(code.push(0) - 1);
    else if (f === 'x') code.push(x);
    else if (f === 'h') code.push(way === 1 ? 512 + 33 : 0);
    else code.push(way === 1 ? 33 : way === 3 ? 5 : 0);
  }
  for (const t of targets) code[t] = code.length;
}

/**
 * The v128 instructions (ir.ts, from `copy128` on; spec §4.4.3 and the vector parts of §4.4.5–
 * §4.4.7), a dispatch loop of their own: `run` enters it at a vector instruction, it runs that one
 * and every instruction after it that it has — the vector ones, and copies of the few scalar ones
 * that vector loops interleave with them (address adds, step-and-branch, branches) — and returns
 * the pc of the first it does not have (the second switch's `default`). They live here, not in
 * `run`, to keep `run` within the size TurboFan agrees to optimize (see RATIONALE, "Why do vector
 * instructions run in a loop of their own?"). Every view and the memory are `run`'s current ones;
 * no instruction here grows memory or registers, or calls.
 */
function runVector(
  code: Int32Array, pc: number, fp: number, I32: Int32Array, F32: Float32Array, F64: Float64Array, dv: DataView,
  memLen: number, mem: MemoryInst, inst: Instance,
): number {
  if (!vectorWarm) warmVector();
  // Int32 loop variables, as in `run` (RATIONALE, "Why `pc = (pc + 4) | 0`?").
  pc |= 0;
  fp |= 0;
  // The dirty flags of stores (MemoryInst.dirty): replaced only when memory grows, which no
  // instruction here does, so read once per call rather than at every store.
  const dirty = mem.dirty;
  for (;;) {
    switch (code[pc]) {
      // ── v128 (exec/simd.ts; handlers take absolute word offsets) ──────────────────────────
      case Ir.copy128: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2];
        I32[d] = I32[a]; I32[d + 1] = I32[a + 1]; I32[d + 2] = I32[a + 2]; I32[d + 3] = I32[a + 3];
        pc = (pc + 3) | 0;
        continue;
      }
      case Ir.const128: {
        const d = fp + code[pc + 1];
        I32[d] = code[pc + 2]; I32[d + 1] = code[pc + 3]; I32[d + 2] = code[pc + 4]; I32[d + 3] = code[pc + 5];
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.select128: {
        const s = fp + (I32[fp + code[pc + 4]] !== 0 ? code[pc + 2] : code[pc + 3]);
        const d = fp + code[pc + 1];
        I32[d] = I32[s]; I32[d + 1] = I32[s + 1]; I32[d + 2] = I32[s + 2]; I32[d + 3] = I32[s + 3];
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.global_get128:
        v128ToRegs(I32, fp + code[pc + 1], inst.globals[code[pc + 2]].value as Uint8Array);
        pc = (pc + 3) | 0;
        continue;
      case Ir.global_set128:
        inst.globals[code[pc + 1]].value = v128FromRegs(I32, fp + code[pc + 2]);
        pc = (pc + 3) | 0;
        continue;
      case Ir.load128: {
        const ea = (I32[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 16 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1];
        I32[d] = dv.getInt32(ea, true);
        I32[d + 1] = dv.getInt32(ea + 4, true);
        I32[d + 2] = dv.getInt32(ea + 8, true);
        I32[d + 3] = dv.getInt32(ea + 12, true);
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.store128: {
        const ea = (I32[fp + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 16 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const v = fp + code[pc + 2];
        dv.setInt32(ea, I32[v], true);
        dv.setInt32(ea + 4, I32[v + 1], true);
        dv.setInt32(ea + 8, I32[v + 2], true);
        dv.setInt32(ea + 12, I32[v + 3], true);
        dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.simd_unary:
        simdUnary(I32, code[pc + 2], fp + code[pc + 1], fp + code[pc + 3]);
        pc = (pc + 4) | 0;
        continue;
      case Ir.simd_binary:
        simdBinary(I32, code[pc + 2], fp + code[pc + 1], fp + code[pc + 3], fp + code[pc + 4]);
        pc = (pc + 5) | 0;
        continue;
      case Ir.simd_ternary:
        simdTernary(I32, code[pc + 2], fp + code[pc + 1], fp + code[pc + 3], fp + code[pc + 4], fp + code[pc + 5]);
        pc = (pc + 6) | 0;
        continue;
      case Ir.simd_extract:
        simdExtract(I32, code[pc + 2], fp + code[pc + 1], fp + code[pc + 3], code[pc + 4]);
        pc = (pc + 5) | 0;
        continue;
      case Ir.simd_replace:
        simdReplace(I32, code[pc + 2], fp + code[pc + 1], fp + code[pc + 3], fp + code[pc + 4], code[pc + 5]);
        pc = (pc + 6) | 0;
        continue;
      case Ir.simd_load:
        simdLoad(I32, code[pc + 2], dv, fp + code[pc + 1], (I32[fp + code[pc + 3]] >>> 0) + (code[pc + 4] >>> 0));
        pc = (pc + 5) | 0;
        continue;
      case Ir.simd_load_lane:
        simdLoadLane(I32, code[pc + 2], dv, fp + code[pc + 1], fp + code[pc + 4],
          (I32[fp + code[pc + 3]] >>> 0) + (code[pc + 5] >>> 0), code[pc + 6]);
        pc = (pc + 7) | 0;
        continue;
      case Ir.simd_store_lane: {
        const ea = (I32[fp + code[pc + 2]] >>> 0) + (code[pc + 4] >>> 0);
        simdStoreLane(I32, code[pc + 1], dv, fp + code[pc + 3], ea, code[pc + 5]);
        dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.i8x16_shuffle: {
        // Byte i comes from word (sel >> 5) at bit (sel & 31): `>>>` takes the count mod 32.
        // All 16 are read before d is written (d may be an operand).
        const w0 = ((I32[fp + (code[pc + 2] >> 5)] >>> code[pc + 2]) & 0xff) |
          ((I32[fp + (code[pc + 3] >> 5)] >>> code[pc + 3]) & 0xff) << 8 |
          ((I32[fp + (code[pc + 4] >> 5)] >>> code[pc + 4]) & 0xff) << 16 |
          ((I32[fp + (code[pc + 5] >> 5)] >>> code[pc + 5]) & 0xff) << 24;
        const w1 = ((I32[fp + (code[pc + 6] >> 5)] >>> code[pc + 6]) & 0xff) |
          ((I32[fp + (code[pc + 7] >> 5)] >>> code[pc + 7]) & 0xff) << 8 |
          ((I32[fp + (code[pc + 8] >> 5)] >>> code[pc + 8]) & 0xff) << 16 |
          ((I32[fp + (code[pc + 9] >> 5)] >>> code[pc + 9]) & 0xff) << 24;
        const w2 = ((I32[fp + (code[pc + 10] >> 5)] >>> code[pc + 10]) & 0xff) |
          ((I32[fp + (code[pc + 11] >> 5)] >>> code[pc + 11]) & 0xff) << 8 |
          ((I32[fp + (code[pc + 12] >> 5)] >>> code[pc + 12]) & 0xff) << 16 |
          ((I32[fp + (code[pc + 13] >> 5)] >>> code[pc + 13]) & 0xff) << 24;
        const w3 = ((I32[fp + (code[pc + 14] >> 5)] >>> code[pc + 14]) & 0xff) |
          ((I32[fp + (code[pc + 15] >> 5)] >>> code[pc + 15]) & 0xff) << 8 |
          ((I32[fp + (code[pc + 16] >> 5)] >>> code[pc + 16]) & 0xff) << 16 |
          ((I32[fp + (code[pc + 17] >> 5)] >>> code[pc + 17]) & 0xff) << 24;
        const d = fp + code[pc + 1];
        I32[d] = w0; I32[d + 1] = w1; I32[d + 2] = w2; I32[d + 3] = w3;
        pc = (pc + 18) | 0;
        continue;
      }

      // ── Hot SIMD instructions inline (ir.ts; spec §4.3 lifted lane-wise, §4.4.3) ───────────
      case Ir.load128_add:
      case Ir.load128_ac: {
        const ac = code[pc] === Ir.load128_ac;
        const ea = ac ? (I32[fp + code[pc + 2]] + code[pc + 4]) >>> 0 : (((I32[fp + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 16 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1];
        I32[d] = dv.getInt32(ea, true);
        I32[d + 1] = dv.getInt32(ea + 4, true);
        I32[d + 2] = dv.getInt32(ea + 8, true);
        I32[d + 3] = dv.getInt32(ea + 12, true);
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.load128_tee: {
        const x = fp + code[pc + 2];
        I32[x] = (I32[fp + code[pc + 3]] + code[pc + 4]) | 0;
        const ea = (I32[x] >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 16 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1];
        I32[d] = dv.getInt32(ea, true);
        I32[d + 1] = dv.getInt32(ea + 4, true);
        I32[d + 2] = dv.getInt32(ea + 8, true);
        I32[d + 3] = dv.getInt32(ea + 12, true);
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.store128_add: {
        const ea = (((I32[fp + code[pc + 1]] << code[pc + 2]) + code[pc + 3]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 16 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const v = fp + code[pc + 4];
        dv.setInt32(ea, I32[v], true);
        dv.setInt32(ea + 4, I32[v + 1], true);
        dv.setInt32(ea + 8, I32[v + 2], true);
        dv.setInt32(ea + 12, I32[v + 3], true);
        dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 6) | 0;
        continue;
      }
      // Store, step, branch (ir.ts): as v128.store / v128.store_add, then as step_br_if.
      case Ir.store128_step_br_if: {
        const ea = (I32[fp + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 16 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const v = fp + code[pc + 2];
        dv.setInt32(ea, I32[v], true);
        dv.setInt32(ea + 4, I32[v + 1], true);
        dv.setInt32(ea + 8, I32[v + 2], true);
        dv.setInt32(ea + 12, I32[v + 3], true);
        dirty[ea >>> Dirty.Shift] = 1;
        I32[fp + code[pc + 4]] = (I32[fp + code[pc + 5]] + code[pc + 6]) | 0;
        pc = I32[fp + code[pc + 7]] !== 0 ? code[pc + 8] : (pc + 9) | 0;
        continue;
      }
      case Ir.store128_add_step_br_if:
      case Ir.store128_add_step_br_if_ac: {
        const ac = code[pc] === Ir.store128_add_step_br_if_ac;
        const ea = ac ? (I32[fp + code[pc + 1]] + code[pc + 3]) >>> 0 : (((I32[fp + code[pc + 1]] << code[pc + 2]) + code[pc + 3]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 16 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const v = fp + code[pc + 4];
        dv.setInt32(ea, I32[v], true);
        dv.setInt32(ea + 4, I32[v + 1], true);
        dv.setInt32(ea + 8, I32[v + 2], true);
        dv.setInt32(ea + 12, I32[v + 3], true);
        dirty[ea >>> Dirty.Shift] = 1;
        I32[fp + code[pc + 6]] = (I32[fp + code[pc + 7]] + code[pc + 8]) | 0;
        pc = I32[fp + code[pc + 9]] !== 0 ? code[pc + 10] : (pc + 11) | 0;
        continue;
      }
      case Ir.store128_idx: {
        const ea = ((I32[fp + code[pc + 1]] + I32[fp + code[pc + 2]]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 16 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const v = fp + code[pc + 3];
        dv.setInt32(ea, I32[v], true);
        dv.setInt32(ea + 4, I32[v + 1], true);
        dv.setInt32(ea + 8, I32[v + 2], true);
        dv.setInt32(ea + 12, I32[v + 3], true);
        dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.i8x16_shuffle_w: {
        // Two packed terms per word (ir.ts): t = w << 10 | splat << 9 | p << 5 | r, p a 4-bit byte
        // mask spread to one bit per byte by the multiply; `<< (32 - 0)` shifts by 0.
        const t0 = code[pc + 2], x0 = I32[fp + (t0 >> 10)], r0 = t0 & 24;
        const p0 = ((t0 >>> 5) & 15) * 0x204081 & 0x01010101, q0 = (x0 >>> r0) | (x0 << (32 - r0));
        const t1 = code[pc + 3], x1 = I32[fp + (t1 >> 10)], r1 = t1 & 24;
        const p1 = ((t1 >>> 5) & 15) * 0x204081 & 0x01010101, q1 = (x1 >>> r1) | (x1 << (32 - r1));
        const t2 = code[pc + 4], x2 = I32[fp + (t2 >> 10)], r2 = t2 & 24;
        const p2 = ((t2 >>> 5) & 15) * 0x204081 & 0x01010101, q2 = (x2 >>> r2) | (x2 << (32 - r2));
        const t3 = code[pc + 5], x3 = I32[fp + (t3 >> 10)], r3 = t3 & 24;
        const p3 = ((t3 >>> 5) & 15) * 0x204081 & 0x01010101, q3 = (x3 >>> r3) | (x3 << (32 - r3));
        const t4 = code[pc + 6], x4 = I32[fp + (t4 >> 10)], r4 = t4 & 24;
        const p4 = ((t4 >>> 5) & 15) * 0x204081 & 0x01010101, q4 = (x4 >>> r4) | (x4 << (32 - r4));
        const t5 = code[pc + 7], x5 = I32[fp + (t5 >> 10)], r5 = t5 & 24;
        const p5 = ((t5 >>> 5) & 15) * 0x204081 & 0x01010101, q5 = (x5 >>> r5) | (x5 << (32 - r5));
        const t6 = code[pc + 8], x6 = I32[fp + (t6 >> 10)], r6 = t6 & 24;
        const p6 = ((t6 >>> 5) & 15) * 0x204081 & 0x01010101, q6 = (x6 >>> r6) | (x6 << (32 - r6));
        const t7 = code[pc + 9], x7 = I32[fp + (t7 >> 10)], r7 = t7 & 24;
        const p7 = ((t7 >>> 5) & 15) * 0x204081 & 0x01010101, q7 = (x7 >>> r7) | (x7 << (32 - r7));
        const w0 = ((t0 & 512) !== 0 ? Math.imul(q0 & 255, p0) : q0 & (p0 * 255)) |
          ((t1 & 512) !== 0 ? Math.imul(q1 & 255, p1) : q1 & (p1 * 255));
        const w1 = ((t2 & 512) !== 0 ? Math.imul(q2 & 255, p2) : q2 & (p2 * 255)) |
          ((t3 & 512) !== 0 ? Math.imul(q3 & 255, p3) : q3 & (p3 * 255));
        const w2 = ((t4 & 512) !== 0 ? Math.imul(q4 & 255, p4) : q4 & (p4 * 255)) |
          ((t5 & 512) !== 0 ? Math.imul(q5 & 255, p5) : q5 & (p5 * 255));
        const w3 = ((t6 & 512) !== 0 ? Math.imul(q6 & 255, p6) : q6 & (p6 * 255)) |
          ((t7 & 512) !== 0 ? Math.imul(q7 & 255, p7) : q7 & (p7 * 255));
        const d = fp + code[pc + 1];
        I32[d] = w0; I32[d + 1] = w1; I32[d + 2] = w2; I32[d + 3] = w3;
        pc = (pc + 10) | 0;
        continue;
      }
      case Ir.f32x4_mul_add: {
        // Each product rounded to f32 before the add, as f32x4.mul would.
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3], c = fp + code[pc + 4];
        F32[d] = F32[a] + Math.fround(F32[b] * F32[c]); F32[d + 1] = F32[a + 1] + Math.fround(F32[b + 1] * F32[c + 1]);
        F32[d + 2] = F32[a + 2] + Math.fround(F32[b + 2] * F32[c + 2]); F32[d + 3] = F32[a + 3] + Math.fround(F32[b + 3] * F32[c + 3]);
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.f32x4_mul_load_add:
      case Ir.f32x4_mul_load_add_ac: {
        const ac = code[pc] === Ir.f32x4_mul_load_add_ac;
        const ea = ac ? (I32[fp + code[pc + 3]] + code[pc + 5]) >>> 0 : (((I32[fp + code[pc + 3]] << code[pc + 4]) + code[pc + 5]) >>> 0) + (code[pc + 6] >>> 0);
        if (ea + 16 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], a = fp + code[pc + 2];
        F32[d] = F32[a] * dv.getFloat32(ea, true); F32[d + 1] = F32[a + 1] * dv.getFloat32(ea + 4, true);
        F32[d + 2] = F32[a + 2] * dv.getFloat32(ea + 8, true); F32[d + 3] = F32[a + 3] * dv.getFloat32(ea + 12, true);
        pc = (pc + 7) | 0;
        continue;
      }
      case Ir.f32x4_sub_load_add:
      case Ir.f32x4_sub_load_add_ac: {
        const ac = code[pc] === Ir.f32x4_sub_load_add_ac;
        const ea = ac ? (I32[fp + code[pc + 3]] + code[pc + 5]) >>> 0 : (((I32[fp + code[pc + 3]] << code[pc + 4]) + code[pc + 5]) >>> 0) + (code[pc + 6] >>> 0);
        if (ea + 16 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], a = fp + code[pc + 2];
        F32[d] = F32[a] - dv.getFloat32(ea, true); F32[d + 1] = F32[a + 1] - dv.getFloat32(ea + 4, true);
        F32[d + 2] = F32[a + 2] - dv.getFloat32(ea + 8, true); F32[d + 3] = F32[a + 3] - dv.getFloat32(ea + 12, true);
        pc = (pc + 7) | 0;
        continue;
      }
      case Ir.f32x4_max_min:
      case Ir.f32x4_max_min_store:
      case Ir.f32x4_max_min_store_ac: {
        const ac = code[pc] === Ir.f32x4_max_min_store_ac;
        // min(a, max(b, c)) as floats: Math.min and Math.max order −0 below +0 and propagate NaN
        // as Wasm does; a NaN lane becomes the canonical NaN, as fMin and fMax make it. The _store
        // form stores each lane as it is made (the operands are registers, not memory). (The
        // register form compared the lanes' bits, branch-free, until the store form measured
        // ~1 % of simd's run() faster as floats: RATIONALE, "Why does f32x4.max_min compare the
        // lanes' bits?")
        const store = code[pc] !== Ir.f32x4_max_min, o = store ? 1 : 0;
        let d = 0, es = 0;
        if (store) {
          es = ac ? (I32[fp + code[pc + 4]] + code[pc + 6]) >>> 0 : (((I32[fp + code[pc + 4]] << code[pc + 5]) + code[pc + 6]) >>> 0) + (code[pc + 7] >>> 0);
          if (es + 16 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        } else {
          d = fp + code[pc + 1];
        }
        const a = fp + code[pc + 2 - o], b = fp + code[pc + 3 - o], c = fp + code[pc + 4 - o];
        if (store) {
          for (let i = 0; i < 4; i++) {
            const r = Math.min(F32[a + i], Math.max(F32[b + i], F32[c + i]));
            if (r === r) dv.setFloat32(es + 4 * i, r, true);
            else dv.setInt32(es + 4 * i, 0x7fc00000, true);
          }
          dirty[es >>> Dirty.Shift] = 1;
          pc = (pc + 8) | 0;
          continue;
        }
        for (let i = 0; i < 4; i++) {
          const r = Math.min(F32[a + i], Math.max(F32[b + i], F32[c + i]));
          if (r === r) F32[d + i] = r;
          else I32[d + i] = 0x7fc00000;
        }
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.i32x4_mul_add: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3], c = fp + code[pc + 4];
        I32[d] = I32[a] + Math.imul(I32[b], I32[c]); I32[d + 1] = I32[a + 1] + Math.imul(I32[b + 1], I32[c + 1]);
        I32[d + 2] = I32[a + 2] + Math.imul(I32[b + 2], I32[c + 2]); I32[d + 3] = I32[a + 3] + Math.imul(I32[b + 3], I32[c + 3]);
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.f32x4_mul_convert_s: {
        // The product of two f32 values is exact in a double: one rounding, as f32x4.mul.
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        F32[d] = F32[a] * Math.fround(I32[b]); F32[d + 1] = F32[a + 1] * Math.fround(I32[b + 1]);
        F32[d + 2] = F32[a + 2] * Math.fround(I32[b + 2]); F32[d + 3] = F32[a + 3] * Math.fround(I32[b + 3]);
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i32x4_shl_xor: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3], k = code[pc + 4];
        I32[d] = I32[a] ^ (I32[b] << k); I32[d + 1] = I32[a + 1] ^ (I32[b + 1] << k);
        I32[d + 2] = I32[a + 2] ^ (I32[b + 2] << k); I32[d + 3] = I32[a + 3] ^ (I32[b + 3] << k);
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.i32x4_shr_u_xor: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3], k = code[pc + 4];
        I32[d] = I32[a] ^ (I32[b] >>> k); I32[d + 1] = I32[a + 1] ^ (I32[b + 1] >>> k);
        I32[d + 2] = I32[a + 2] ^ (I32[b + 2] >>> k); I32[d + 3] = I32[a + 3] ^ (I32[b + 3] >>> k);
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.v128_and: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        I32[d] = I32[a] & I32[b]; I32[d + 1] = I32[a + 1] & I32[b + 1];
        I32[d + 2] = I32[a + 2] & I32[b + 2]; I32[d + 3] = I32[a + 3] & I32[b + 3];
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.v128_andnot: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        I32[d] = I32[a] & ~I32[b]; I32[d + 1] = I32[a + 1] & ~I32[b + 1];
        I32[d + 2] = I32[a + 2] & ~I32[b + 2]; I32[d + 3] = I32[a + 3] & ~I32[b + 3];
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.v128_or: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        I32[d] = I32[a] | I32[b]; I32[d + 1] = I32[a + 1] | I32[b + 1];
        I32[d + 2] = I32[a + 2] | I32[b + 2]; I32[d + 3] = I32[a + 3] | I32[b + 3];
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.v128_xor: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        I32[d] = I32[a] ^ I32[b]; I32[d + 1] = I32[a + 1] ^ I32[b + 1];
        I32[d + 2] = I32[a + 2] ^ I32[b + 2]; I32[d + 3] = I32[a + 3] ^ I32[b + 3];
        pc = (pc + 4) | 0;
        continue;
      }
      // Packed 8- and 16-bit lanes: four or two lanes per word, the formulas of swarAdd and
      // swarSub (simd.ts) written out: a call from the loop cost ~17 ns against ~1.3 ns for the
      // lanes inline (RATIONALE, "Why inline the hot SIMD instructions?").
      case Ir.i8x16_add: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        for (let i = 0; i < 4; i++) {
          const x = I32[a + i], y = I32[b + i];
          I32[d + i] = ((x & ~H8) + (y & ~H8)) ^ ((x ^ y) & H8);
        }
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i8x16_sub: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        for (let i = 0; i < 4; i++) {
          const x = I32[a + i], y = I32[b + i];
          I32[d + i] = ((x | H8) - (y & ~H8)) ^ ((x ^ ~y) & H8);
        }
        pc = (pc + 4) | 0;
        continue;
      }
      // Unsigned byte min/max, four lanes a word: the top bit of each byte of
      // (~x & y | ~(x ^ y) & (x − y)), the byte-wise difference as i8x16.sub makes it, is the
      // borrow of x − y in that lane (x < y); (t << 1) − (t >>> 7) spreads it over the byte.
      case Ir.i8x16_min_u:
      case Ir.i8x16_max_u: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        const max = code[pc] === Ir.i8x16_max_u ? -1 : 0;
        for (let i = 0; i < 4; i++) {
          const x = I32[a + i], y = I32[b + i];
          const t = ((~x & y) | (~(x ^ y) & (((x | H8) - (y & ~H8)) ^ ((x ^ ~y) & H8)))) & H8;
          I32[d + i] = y ^ ((x ^ y) & (((t << 1) - (t >>> 7)) ^ max));
        }
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i16x8_add: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        for (let i = 0; i < 4; i++) {
          const x = I32[a + i], y = I32[b + i];
          I32[d + i] = ((x & ~H16) + (y & ~H16)) ^ ((x ^ y) & H16);
        }
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i16x8_sub: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        for (let i = 0; i < 4; i++) {
          const x = I32[a + i], y = I32[b + i];
          I32[d + i] = ((x | H16) - (y & ~H16)) ^ ((x ^ ~y) & H16);
        }
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i16x8_mul: {
        // The low 16 bits of a product depend only on the low 16 bits of its factors.
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        for (let i = 0; i < 4; i++) {
          const x = I32[a + i], y = I32[b + i];
          I32[d + i] = (Math.imul(x, y) & 0xffff) | (Math.imul(x >>> 16, y >>> 16) << 16);
        }
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i32x4_add: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        I32[d] = I32[a] + I32[b]; I32[d + 1] = I32[a + 1] + I32[b + 1];
        I32[d + 2] = I32[a + 2] + I32[b + 2]; I32[d + 3] = I32[a + 3] + I32[b + 3];
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i32x4_sub: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        I32[d] = I32[a] - I32[b]; I32[d + 1] = I32[a + 1] - I32[b + 1];
        I32[d + 2] = I32[a + 2] - I32[b + 2]; I32[d + 3] = I32[a + 3] - I32[b + 3];
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i32x4_mul: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        I32[d] = Math.imul(I32[a], I32[b]); I32[d + 1] = Math.imul(I32[a + 1], I32[b + 1]);
        I32[d + 2] = Math.imul(I32[a + 2], I32[b + 2]); I32[d + 3] = Math.imul(I32[a + 3], I32[b + 3]);
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i32x4_min_s: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        for (let i = 0; i < 4; i++) {
          const x = I32[a + i], y = I32[b + i];
          I32[d + i] = x < y ? x : y;
        }
        pc = (pc + 4) | 0;
        continue;
      }
      // Unsigned min/max without a branch (lanes of pixel data compare at random): the borrow
      // of x − y, (~x & y | ~(x ^ y) & (x − y)) >> 31, is all ones when x < y unsigned.
      case Ir.i32x4_min_u: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        for (let i = 0; i < 4; i++) {
          const x = I32[a + i], y = I32[b + i];
          I32[d + i] = y ^ ((x ^ y) & (((~x & y) | (~(x ^ y) & (x - y))) >> 31));
        }
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i32x4_max_s: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        for (let i = 0; i < 4; i++) {
          const x = I32[a + i], y = I32[b + i];
          I32[d + i] = x > y ? x : y;
        }
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i32x4_max_u: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        for (let i = 0; i < 4; i++) {
          const x = I32[a + i], y = I32[b + i];
          I32[d + i] = x ^ ((x ^ y) & (((~x & y) | (~(x ^ y) & (x - y))) >> 31));
        }
        pc = (pc + 4) | 0;
        continue;
      }
      // f32 lanes: computed in f64 and rounded once by the Float32Array store, as f32.add etc.
      case Ir.f32x4_add: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        F32[d] = F32[a] + F32[b]; F32[d + 1] = F32[a + 1] + F32[b + 1];
        F32[d + 2] = F32[a + 2] + F32[b + 2]; F32[d + 3] = F32[a + 3] + F32[b + 3];
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.f32x4_sub: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        F32[d] = F32[a] - F32[b]; F32[d + 1] = F32[a + 1] - F32[b + 1];
        F32[d + 2] = F32[a + 2] - F32[b + 2]; F32[d + 3] = F32[a + 3] - F32[b + 3];
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.f32x4_mul: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        F32[d] = F32[a] * F32[b]; F32[d + 1] = F32[a + 1] * F32[b + 1];
        F32[d + 2] = F32[a + 2] * F32[b + 2]; F32[d + 3] = F32[a + 3] * F32[b + 3];
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.f32x4_div: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        F32[d] = F32[a] / F32[b]; F32[d + 1] = F32[a + 1] / F32[b + 1];
        F32[d + 2] = F32[a + 2] / F32[b + 2]; F32[d + 3] = F32[a + 3] / F32[b + 3];
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.f32x4_min: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        for (let i = 0; i < 4; i++) F32[d + i] = fMin(F32[a + i], F32[b + i]);
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.f32x4_max: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        for (let i = 0; i < 4; i++) F32[d + i] = fMax(F32[a + i], F32[b + i]);
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.f64x2_add: {
        const d = (fp + code[pc + 1]) >> 1, a = (fp + code[pc + 2]) >> 1, b = (fp + code[pc + 3]) >> 1;
        F64[d] = F64[a] + F64[b]; F64[d + 1] = F64[a + 1] + F64[b + 1];
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.f64x2_sub: {
        const d = (fp + code[pc + 1]) >> 1, a = (fp + code[pc + 2]) >> 1, b = (fp + code[pc + 3]) >> 1;
        F64[d] = F64[a] - F64[b]; F64[d + 1] = F64[a + 1] - F64[b + 1];
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.f64x2_mul: {
        const d = (fp + code[pc + 1]) >> 1, a = (fp + code[pc + 2]) >> 1, b = (fp + code[pc + 3]) >> 1;
        F64[d] = F64[a] * F64[b]; F64[d + 1] = F64[a + 1] * F64[b + 1];
        pc = (pc + 4) | 0;
        continue;
      }
      // Shifts by a constant count s (already reduced mod the lane width).
      case Ir.i16x8_shl_imm: {
        // Bits shifted out of the low lane are cleared from the high lane.
        const d = fp + code[pc + 1], a = fp + code[pc + 2], s = code[pc + 3];
        const m = Math.imul((0xffff << s) & 0xffff, 0x10001);
        for (let i = 0; i < 4; i++) I32[d + i] = (I32[a + i] << s) & m;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i16x8_shr_s_imm: {
        // High lane: the word's arithmetic shift; low lane: moved to the top first.
        const d = fp + code[pc + 1], a = fp + code[pc + 2], s = code[pc + 3];
        for (let i = 0; i < 4; i++) {
          const w = I32[a + i];
          I32[d + i] = ((w >> s) & -0x10000) | (((w << 16) >> (16 + s)) & 0xffff);
        }
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i16x8_shr_u_imm: {
        // Bits shifted out of the high lane are cleared from the low lane.
        const d = fp + code[pc + 1], a = fp + code[pc + 2], s = code[pc + 3];
        const m = Math.imul(0xffff >>> s, 0x10001);
        for (let i = 0; i < 4; i++) I32[d + i] = (I32[a + i] >>> s) & m;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i32x4_shl_imm: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], s = code[pc + 3];
        I32[d] = I32[a] << s; I32[d + 1] = I32[a + 1] << s; I32[d + 2] = I32[a + 2] << s; I32[d + 3] = I32[a + 3] << s;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i32x4_shr_s_imm: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], s = code[pc + 3];
        I32[d] = I32[a] >> s; I32[d + 1] = I32[a + 1] >> s; I32[d + 2] = I32[a + 2] >> s; I32[d + 3] = I32[a + 3] >> s;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i32x4_shr_u_imm: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], s = code[pc + 3];
        I32[d] = I32[a] >>> s; I32[d + 1] = I32[a + 1] >>> s; I32[d + 2] = I32[a + 2] >>> s; I32[d + 3] = I32[a + 3] >>> s;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i32x4_splat: {
        const d = fp + code[pc + 1], v = I32[fp + code[pc + 2]];
        I32[d] = v; I32[d + 1] = v; I32[d + 2] = v; I32[d + 3] = v;
        pc = (pc + 3) | 0;
        continue;
      }
      case Ir.i32x4_abs: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2];
        for (let i = 0; i < 4; i++) {
          const x = I32[a + i], s = x >> 31;
          I32[d + i] = (x ^ s) - s;
        }
        pc = (pc + 3) | 0;
        continue;
      }
      case Ir.f32x4_convert_i32x4_s: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2];
        F32[d] = I32[a]; F32[d + 1] = I32[a + 1]; F32[d + 2] = I32[a + 2]; F32[d + 3] = I32[a + 3];
        pc = (pc + 3) | 0;
        continue;
      }
      case Ir.i32x4_trunc_sat_f32x4_s: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2];
        for (let i = 0; i < 4; i++) I32[d + i] = i32TruncSatF64S(F32[a + i]);
        pc = (pc + 3) | 0;
        continue;
      }
      case Ir.i32x4_extract_lane:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2] + code[pc + 3]];
        pc = (pc + 4) | 0;
        continue;
      case Ir.i32x4_lane_shl_add_imm:
        I32[fp + code[pc + 1]] = ((I32[fp + code[pc + 2] + code[pc + 3]] << code[pc + 4]) + code[pc + 5]) | 0;
        pc = (pc + 6) | 0;
        continue;
      // Narrowing with saturation: all eight (sixteen) lanes are read before d is written.
      case Ir.i16x8_narrow_i32x4_u: {
        // Saturation without branches or calls: y = max(x, 0) is x & ~(x >> 31), and with
        // t = 65535 − y, y + (t & (t >> 31)) is min(y, 65535).
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        const x0 = I32[a], x1 = I32[a + 1];
        const x2 = I32[a + 2], x3 = I32[a + 3];
        const x4 = I32[b], x5 = I32[b + 1];
        const x6 = I32[b + 2], x7 = I32[b + 3];
        const y0 = x0 & ~(x0 >> 31), t0 = 65535 - y0;
        const y1 = x1 & ~(x1 >> 31), t1 = 65535 - y1;
        const y2 = x2 & ~(x2 >> 31), t2 = 65535 - y2;
        const y3 = x3 & ~(x3 >> 31), t3 = 65535 - y3;
        const y4 = x4 & ~(x4 >> 31), t4 = 65535 - y4;
        const y5 = x5 & ~(x5 >> 31), t5 = 65535 - y5;
        const y6 = x6 & ~(x6 >> 31), t6 = 65535 - y6;
        const y7 = x7 & ~(x7 >> 31), t7 = 65535 - y7;
        const v0 = (y0 + (t0 & (t0 >> 31))) | ((y1 + (t1 & (t1 >> 31))) << 16);
        const v1 = (y2 + (t2 & (t2 >> 31))) | ((y3 + (t3 & (t3 >> 31))) << 16);
        const v2 = (y4 + (t4 & (t4 >> 31))) | ((y5 + (t5 & (t5 >> 31))) << 16);
        const v3 = (y6 + (t6 & (t6 >> 31))) | ((y7 + (t7 & (t7 >> 31))) << 16);
        I32[d] = v0; I32[d + 1] = v1; I32[d + 2] = v2; I32[d + 3] = v3;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i8x16_narrow_i16x8_u: {
        // Two 16-bit lanes of a word at once: negative lanes cleared (their sign bits spread to
        // lane masks), lanes above 255 (a bit among 8–14 set: adding 0x7f to those seven bits
        // shifted down carries into bit 7) set to 0xff, then the two low bytes packed.
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        const x0 = I32[a], w0 = x0 & ~Math.imul((x0 >>> 15) & 0x10001, 0xffff);
        const x1 = I32[a + 1], w1 = x1 & ~Math.imul((x1 >>> 15) & 0x10001, 0xffff);
        const x2 = I32[a + 2], w2 = x2 & ~Math.imul((x2 >>> 15) & 0x10001, 0xffff);
        const x3 = I32[a + 3], w3 = x3 & ~Math.imul((x3 >>> 15) & 0x10001, 0xffff);
        const x4 = I32[b], w4 = x4 & ~Math.imul((x4 >>> 15) & 0x10001, 0xffff);
        const x5 = I32[b + 1], w5 = x5 & ~Math.imul((x5 >>> 15) & 0x10001, 0xffff);
        const x6 = I32[b + 2], w6 = x6 & ~Math.imul((x6 >>> 15) & 0x10001, 0xffff);
        const x7 = I32[b + 3], w7 = x7 & ~Math.imul((x7 >>> 15) & 0x10001, 0xffff);
        const r0 = (w0 | Math.imul(((((w0 >>> 8) & 0x7f007f) + 0x7f007f) & 0x800080) >>> 7, 0xff)) & 0xff00ff;
        const r1 = (w1 | Math.imul(((((w1 >>> 8) & 0x7f007f) + 0x7f007f) & 0x800080) >>> 7, 0xff)) & 0xff00ff;
        const r2 = (w2 | Math.imul(((((w2 >>> 8) & 0x7f007f) + 0x7f007f) & 0x800080) >>> 7, 0xff)) & 0xff00ff;
        const r3 = (w3 | Math.imul(((((w3 >>> 8) & 0x7f007f) + 0x7f007f) & 0x800080) >>> 7, 0xff)) & 0xff00ff;
        const r4 = (w4 | Math.imul(((((w4 >>> 8) & 0x7f007f) + 0x7f007f) & 0x800080) >>> 7, 0xff)) & 0xff00ff;
        const r5 = (w5 | Math.imul(((((w5 >>> 8) & 0x7f007f) + 0x7f007f) & 0x800080) >>> 7, 0xff)) & 0xff00ff;
        const r6 = (w6 | Math.imul(((((w6 >>> 8) & 0x7f007f) + 0x7f007f) & 0x800080) >>> 7, 0xff)) & 0xff00ff;
        const r7 = (w7 | Math.imul(((((w7 >>> 8) & 0x7f007f) + 0x7f007f) & 0x800080) >>> 7, 0xff)) & 0xff00ff;
        const v0 = ((r0 | (r0 >>> 8)) & 0xffff) | (r1 << 16) | ((r1 >>> 8) << 16);
        const v1 = ((r2 | (r2 >>> 8)) & 0xffff) | (r3 << 16) | ((r3 >>> 8) << 16);
        const v2 = ((r4 | (r4 >>> 8)) & 0xffff) | (r5 << 16) | ((r5 >>> 8) << 16);
        const v3 = ((r6 | (r6 >>> 8)) & 0xffff) | (r7 << 16) | ((r7 >>> 8) << 16);
        I32[d] = v0; I32[d + 1] = v1; I32[d + 2] = v2; I32[d + 3] = v3;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i16x8_add_sat_s: {
        // SWAR: the wrapping sum r (as i16x8.add); a lane overflowed where r's sign differs from
        // both operands' (bit 15 of (x ^ r) & (y ^ r)), and then saturates toward x's sign:
        // 0x7fff + 1 = 0x8000 for a negative x. The overflow bits spread to lane masks.
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        for (let i = 0; i < 4; i++) {
          const x = I32[a + i], y = I32[b + i];
          const r = ((x & ~H16) + (y & ~H16)) ^ ((x ^ y) & H16);
          const m = Math.imul((((x ^ r) & (y ^ r)) >>> 15) & 0x10001, 0xffff);
          I32[d + i] = r ^ ((r ^ (0x7fff7fff + ((x >>> 15) & 0x10001))) & m);
        }
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i64x2_add: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        for (let i = 0; i < 4; i += 2) {
          const alo = I32[a + i], blo = I32[b + i], lo = (alo + blo) | 0;
          I32[d + i + 1] = (I32[a + i + 1] + I32[b + i + 1] + carry(alo, blo, lo)) | 0;
          I32[d + i] = lo;
        }
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i64x2_shl_imm: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], k = code[pc + 3], s = k & 31;
        for (let i = 0; i < 4; i += 2) {
          const lo = I32[a + i], hi = I32[a + i + 1];
          if (k < 32) {
            I32[d + i + 1] = s === 0 ? hi : (hi << s) | (lo >>> (32 - s));
            I32[d + i] = lo << s;
          } else {
            I32[d + i + 1] = lo << s;
            I32[d + i] = 0;
          }
        }
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i64x2_shr_u_imm: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], k = code[pc + 3], s = k & 31;
        for (let i = 0; i < 4; i += 2) {
          const lo = I32[a + i], hi = I32[a + i + 1];
          if (k < 32) {
            I32[d + i] = s === 0 ? lo : (lo >>> s) | (hi << (32 - s));
            I32[d + i + 1] = hi >>> s;
          } else {
            I32[d + i] = hi >>> s;
            I32[d + i + 1] = 0;
          }
        }
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i64x2_mul: {
        // Per lane as the scalar i64.mul case (i64MulHalves written out).
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        for (let i = 0; i < 4; i += 2) {
          const alo = I32[a + i], blo = I32[b + i];
          const a0 = alo & 0xffff, a1 = alo >>> 16, b0 = blo & 0xffff, b1 = blo >>> 16;
          const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0;
          const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
          const highOfLow = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
          I32[d + i + 1] = (highOfLow + Math.imul(alo, I32[b + i + 1]) + Math.imul(I32[a + i + 1], blo)) | 0;
          I32[d + i] = Math.imul(alo, blo);
        }
        pc = (pc + 4) | 0;
        continue;
      }
      // 32-bit loads into a vector (spec §4.4.7): d, a (address), [a (vector),] u (offset)[, i (lane)].
      case Ir.v128_load32_splat: {
        const ea = (I32[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], v = dv.getInt32(ea, true);
        I32[d] = v; I32[d + 1] = v; I32[d + 2] = v; I32[d + 3] = v;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.v128_load32_zero: {
        const ea = (I32[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1];
        I32[d] = dv.getInt32(ea, true); I32[d + 1] = 0; I32[d + 2] = 0; I32[d + 3] = 0;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.v128_load32_lane: {
        const ea = (I32[fp + code[pc + 2]] >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], v = fp + code[pc + 3], x = dv.getInt32(ea, true);
        if (d !== v) {
          I32[d] = I32[v]; I32[d + 1] = I32[v + 1]; I32[d + 2] = I32[v + 2]; I32[d + 3] = I32[v + 3];
        }
        I32[d + code[pc + 5]] = x;
        pc = (pc + 6) | 0;
        continue;
      }
      // Extending loads through a computed address (ir.ts v128.load8x8_s_add …): d, a, i (s), i (c), u.
      case Ir.v128_load8x8_s_add: {
        const ea = (((I32[fp + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], lo = dv.getInt32(ea, true), hi = dv.getInt32(ea + 4, true);
        I32[d] = ((((lo << 24) >> 24) & 0xffff) | (((lo << 16) >> 24) << 16)); I32[d + 1] = ((((lo << 8) >> 24) & 0xffff) | ((lo >> 24) << 16));
        I32[d + 2] = ((((hi << 24) >> 24) & 0xffff) | (((hi << 16) >> 24) << 16)); I32[d + 3] = ((((hi << 8) >> 24) & 0xffff) | ((hi >> 24) << 16));
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.v128_load8x8_u_add: {
        const ea = (((I32[fp + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], lo = dv.getInt32(ea, true), hi = dv.getInt32(ea + 4, true);
        I32[d] = ((lo & 0xff) | ((lo & 0xff00) << 8)); I32[d + 1] = (((lo >>> 16) & 0xff) | ((lo >>> 8) & 0xff0000));
        I32[d + 2] = ((hi & 0xff) | ((hi & 0xff00) << 8)); I32[d + 3] = (((hi >>> 16) & 0xff) | ((hi >>> 8) & 0xff0000));
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.v128_load16x4_s_add:
      case Ir.v128_load16x4_s_add_ac: {
        const ac = code[pc] === Ir.v128_load16x4_s_add_ac;
        const ea = ac ? (I32[fp + code[pc + 2]] + code[pc + 4]) >>> 0 : (((I32[fp + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], lo = dv.getInt32(ea, true), hi = dv.getInt32(ea + 4, true);
        I32[d] = (lo << 16) >> 16; I32[d + 1] = lo >> 16;
        I32[d + 2] = (hi << 16) >> 16; I32[d + 3] = hi >> 16;
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.v128_load16x4_u_add: {
        const ea = (((I32[fp + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], lo = dv.getInt32(ea, true), hi = dv.getInt32(ea + 4, true);
        I32[d] = lo & 0xffff; I32[d + 1] = lo >>> 16;
        I32[d + 2] = hi & 0xffff; I32[d + 3] = hi >>> 16;
        pc = (pc + 6) | 0;
        continue;
      }
      // Lane stores (spec §4.4.7 v128.storeN_lane): a (address), a (vector), u (offset), i (lane).
      case Ir.v128_store32_lane: {
        const ea = (I32[fp + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setInt32(ea, I32[fp + code[pc + 2] + code[pc + 4]], true);
        dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.v128_store32_lane_add: {
        const ea = (((I32[fp + code[pc + 1]] << code[pc + 2]) + code[pc + 3]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setInt32(ea, I32[fp + code[pc + 4] + code[pc + 6]], true);
        dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 7) | 0;
        continue;
      }
      case Ir.v128_store64_lane_add: {
        const ea = (((I32[fp + code[pc + 1]] << code[pc + 2]) + code[pc + 3]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const v = fp + code[pc + 4] + 2 * code[pc + 6];
        dv.setInt32(ea, I32[v], true);
        dv.setInt32(ea + 4, I32[v + 1], true);
        dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 7) | 0;
        continue;
      }
      case Ir.v128_store64_lane: {
        const ea = (I32[fp + code[pc + 1]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const v = fp + code[pc + 2] + 2 * code[pc + 4];
        dv.setInt32(ea, I32[v], true);
        dv.setInt32(ea + 4, I32[v + 1], true);
        dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 5) | 0;
        continue;
      }
      // Extending loads (spec §4.4.7 v128.load8x8 / load16x4): d, a (address), u (offset).
      case Ir.v128_load8x8_s: {
        const ea = (I32[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], lo = dv.getInt32(ea, true), hi = dv.getInt32(ea + 4, true);
        I32[d] = ((((lo << 24) >> 24) & 0xffff) | (((lo << 16) >> 24) << 16)); I32[d + 1] = ((((lo << 8) >> 24) & 0xffff) | ((lo >> 24) << 16));
        I32[d + 2] = ((((hi << 24) >> 24) & 0xffff) | (((hi << 16) >> 24) << 16)); I32[d + 3] = ((((hi << 8) >> 24) & 0xffff) | ((hi >> 24) << 16));
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.v128_load8x8_u: {
        const ea = (I32[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], lo = dv.getInt32(ea, true), hi = dv.getInt32(ea + 4, true);
        I32[d] = ((lo & 0xff) | ((lo & 0xff00) << 8)); I32[d + 1] = (((lo >>> 16) & 0xff) | ((lo >>> 8) & 0xff0000));
        I32[d + 2] = ((hi & 0xff) | ((hi & 0xff00) << 8)); I32[d + 3] = (((hi >>> 16) & 0xff) | ((hi >>> 8) & 0xff0000));
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.v128_load16x4_s: {
        const ea = (I32[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], lo = dv.getInt32(ea, true), hi = dv.getInt32(ea + 4, true);
        I32[d] = (lo << 16) >> 16; I32[d + 1] = lo >> 16;
        I32[d + 2] = (hi << 16) >> 16; I32[d + 3] = hi >> 16;
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.v128_load16x4_u: {
        const ea = (I32[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], lo = dv.getInt32(ea, true), hi = dv.getInt32(ea + 4, true);
        I32[d] = lo & 0xffff; I32[d + 1] = lo >>> 16;
        I32[d + 2] = hi & 0xffff; I32[d + 3] = hi >>> 16;
        pc = (pc + 4) | 0;
        continue;
      }

      case Ir.i8x16_shuffle_w4: {
        // One term a word, as in i8x16_shuffle_w (ir.ts); bytes outside its mask are 0.
        const t0 = code[pc + 2], x0 = I32[fp + (t0 >> 10)], r0 = t0 & 24;
        const p0 = ((t0 >>> 5) & 15) * 0x204081 & 0x01010101, q0 = (x0 >>> r0) | (x0 << (32 - r0));
        const t1 = code[pc + 3], x1 = I32[fp + (t1 >> 10)], r1 = t1 & 24;
        const p1 = ((t1 >>> 5) & 15) * 0x204081 & 0x01010101, q1 = (x1 >>> r1) | (x1 << (32 - r1));
        const t2 = code[pc + 4], x2 = I32[fp + (t2 >> 10)], r2 = t2 & 24;
        const p2 = ((t2 >>> 5) & 15) * 0x204081 & 0x01010101, q2 = (x2 >>> r2) | (x2 << (32 - r2));
        const t3 = code[pc + 5], x3 = I32[fp + (t3 >> 10)], r3 = t3 & 24;
        const p3 = ((t3 >>> 5) & 15) * 0x204081 & 0x01010101, q3 = (x3 >>> r3) | (x3 << (32 - r3));
        const d = fp + code[pc + 1];
        I32[d] = (t0 & 512) !== 0 ? Math.imul(q0 & 255, p0) : q0 & (p0 * 255);
        I32[d + 1] = (t1 & 512) !== 0 ? Math.imul(q1 & 255, p1) : q1 & (p1 * 255);
        I32[d + 2] = (t2 & 512) !== 0 ? Math.imul(q2 & 255, p2) : q2 & (p2 * 255);
        I32[d + 3] = (t3 & 512) !== 0 ? Math.imul(q3 & 255, p3) : q3 & (p3 * 255);
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.i32x4_abs_sub_load8x4_u:
      case Ir.i32x4_abs_sub_load8x4_u_ac: {
        const ac = code[pc] === Ir.i32x4_abs_sub_load8x4_u_ac;
        // As i32x4.abs_sub, each step under `| 0` (lanes from memory get no large-value feedback
        // from warmVector: a speculated `(x ^ s) - s` deoptimized at 2^31).
        const ea = ac ? (I32[fp + code[pc + 3]] + code[pc + 5]) >>> 0 : (((I32[fp + code[pc + 3]] << code[pc + 4]) + code[pc + 5]) >>> 0) + (code[pc + 6] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const x = dv.getInt32(ea, true), d = fp + code[pc + 1], a = fp + code[pc + 2];
        const t0 = (I32[a] - (x & 255)) | 0, t1 = (I32[a + 1] - ((x >>> 8) & 255)) | 0;
        const t2 = (I32[a + 2] - ((x >>> 16) & 255)) | 0, t3 = (I32[a + 3] - (x >>> 24)) | 0;
        const s0 = t0 >> 31, s1 = t1 >> 31, s2 = t2 >> 31, s3 = t3 >> 31;
        I32[d] = ((t0 ^ s0) - s0) | 0; I32[d + 1] = ((t1 ^ s1) - s1) | 0;
        I32[d + 2] = ((t2 ^ s2) - s2) | 0; I32[d + 3] = ((t3 ^ s3) - s3) | 0;
        pc = (pc + 7) | 0;
        continue;
      }
      case Ir.i32x4_widen8_u: {
        const x = I32[fp + code[pc + 2]], d = fp + code[pc + 1];
        I32[d] = x & 255; I32[d + 1] = (x >>> 8) & 255; I32[d + 2] = (x >>> 16) & 255; I32[d + 3] = x >>> 24;
        pc = (pc + 3) | 0;
        continue;
      }
      case Ir.i16x8_widen8_u: {
        const w = fp + code[pc + 2], x = I32[w], y = I32[w + 1], d = fp + code[pc + 1];
        I32[d] = (x & 255) | (x & 0xff00) << 8; I32[d + 1] = ((x >>> 16) & 255) | (x >>> 24) << 16;
        I32[d + 2] = (y & 255) | (y & 0xff00) << 8; I32[d + 3] = ((y >>> 16) & 255) | (y >>> 24) << 16;
        pc = (pc + 3) | 0;
        continue;
      }
      case Ir.i16x8_pack_lo: {
        const w = fp + code[pc + 2], x = I32[w], y = I32[w + 2], d = fp + code[pc + 1];
        const lo = (x & 0xffff) | I32[w + 1] << 16, hi = (y & 0xffff) | I32[w + 3] << 16, s = Math.imul(x & 255, 0x01010101);
        I32[d] = lo; I32[d + 1] = hi; I32[d + 2] = s; I32[d + 3] = s;
        pc = (pc + 3) | 0;
        continue;
      }
      case Ir.v128_store8x4_narrow:
      case Ir.v128_store8x4_narrow_ac: {
        const ac = code[pc] === Ir.v128_store8x4_narrow_ac;
        const ea = ac ? (I32[fp + code[pc + 1]] + code[pc + 3]) >>> 0 : (((I32[fp + code[pc + 1]] << code[pc + 2]) + code[pc + 3]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const w = fp + code[pc + 5], k = code[pc + 6];
        dv.setInt32(ea, ((I32[w] >>> k) & 255) | ((I32[w + 1] >>> k) & 255) << 8 |
          ((I32[w + 2] >>> k) & 255) << 16 | (I32[w + 3] >>> k) << 24, true);
        dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 7) | 0;
        continue;
      }
      case Ir.v128_store16x4_narrow: {
        const ea = (((I32[fp + code[pc + 1]] << code[pc + 2]) + code[pc + 3]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const w = fp + code[pc + 5], k = code[pc + 6];
        dv.setInt32(ea, ((I32[w] >>> k) & 0xffff) | (I32[w + 1] >>> k) << 16, true);
        dv.setInt32(ea + 4, ((I32[w + 2] >>> k) & 0xffff) | (I32[w + 3] >>> k) << 16, true);
        dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 7) | 0;
        continue;
      }
      // A lane store of a shuffle (ir.ts): the lane's bytes gathered as i8x16.shuffle does.
      case Ir.v128_store32_shuffle: {
        const ea = (((I32[fp + code[pc + 1]] << code[pc + 2]) + code[pc + 3]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setInt32(ea, ((I32[fp + (code[pc + 5] >> 5)] >>> code[pc + 5]) & 0xff) |
          ((I32[fp + (code[pc + 6] >> 5)] >>> code[pc + 6]) & 0xff) << 8 |
          ((I32[fp + (code[pc + 7] >> 5)] >>> code[pc + 7]) & 0xff) << 16 |
          ((I32[fp + (code[pc + 8] >> 5)] >>> code[pc + 8]) & 0xff) << 24, true);
        dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 9) | 0;
        continue;
      }
      case Ir.v128_store64_shuffle: {
        const ea = (((I32[fp + code[pc + 1]] << code[pc + 2]) + code[pc + 3]) >>> 0) + (code[pc + 4] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setInt32(ea, ((I32[fp + (code[pc + 5] >> 5)] >>> code[pc + 5]) & 0xff) |
          ((I32[fp + (code[pc + 6] >> 5)] >>> code[pc + 6]) & 0xff) << 8 |
          ((I32[fp + (code[pc + 7] >> 5)] >>> code[pc + 7]) & 0xff) << 16 |
          ((I32[fp + (code[pc + 8] >> 5)] >>> code[pc + 8]) & 0xff) << 24, true);
        dv.setInt32(ea + 4, ((I32[fp + (code[pc + 9] >> 5)] >>> code[pc + 9]) & 0xff) |
          ((I32[fp + (code[pc + 10] >> 5)] >>> code[pc + 10]) & 0xff) << 8 |
          ((I32[fp + (code[pc + 11] >> 5)] >>> code[pc + 11]) & 0xff) << 16 |
          ((I32[fp + (code[pc + 12] >> 5)] >>> code[pc + 12]) & 0xff) << 24, true);
        dirty[ea >>> Dirty.Shift] = 1;
        pc = (pc + 13) | 0;
        continue;
      }
      case Ir.f32x4_mul_load_add_add: {
        // Each product rounded to f32 before the add, as f32x4.mul_load_add would store it.
        const ea = (((I32[fp + code[pc + 4]] << code[pc + 5]) + code[pc + 6]) >>> 0) + (code[pc + 7] >>> 0);
        if (ea + 16 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        F32[d] = F32[a] + Math.fround(F32[b] * dv.getFloat32(ea, true));
        F32[d + 1] = F32[a + 1] + Math.fround(F32[b + 1] * dv.getFloat32(ea + 4, true));
        F32[d + 2] = F32[a + 2] + Math.fround(F32[b + 2] * dv.getFloat32(ea + 8, true));
        F32[d + 3] = F32[a + 3] + Math.fround(F32[b + 3] * dv.getFloat32(ea + 12, true));
        pc = (pc + 8) | 0;
        continue;
      }
      case Ir.i32x4_abs_sub: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3];
        for (let i = 0; i < 4; i++) {
          const x = (I32[a + i] - I32[b + i]) | 0, s = x >> 31;
          I32[d + i] = (x ^ s) - s;
        }
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.v128_load32_shuffle: {
        // i8x16_shuffle_w4's terms, each applied to the loaded word x.
        const ea = (((I32[fp + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const x = dv.getInt32(ea, true);
        const t0 = code[pc + 6], r0 = t0 & 24, p0 = ((t0 >>> 5) & 15) * 0x204081 & 0x01010101, q0 = (x >>> r0) | (x << (32 - r0));
        const t1 = code[pc + 7], r1 = t1 & 24, p1 = ((t1 >>> 5) & 15) * 0x204081 & 0x01010101, q1 = (x >>> r1) | (x << (32 - r1));
        const t2 = code[pc + 8], r2 = t2 & 24, p2 = ((t2 >>> 5) & 15) * 0x204081 & 0x01010101, q2 = (x >>> r2) | (x << (32 - r2));
        const t3 = code[pc + 9], r3 = t3 & 24, p3 = ((t3 >>> 5) & 15) * 0x204081 & 0x01010101, q3 = (x >>> r3) | (x << (32 - r3));
        const d = fp + code[pc + 1];
        I32[d] = (t0 & 512) !== 0 ? Math.imul(q0 & 255, p0) : q0 & (p0 * 255);
        I32[d + 1] = (t1 & 512) !== 0 ? Math.imul(q1 & 255, p1) : q1 & (p1 * 255);
        I32[d + 2] = (t2 & 512) !== 0 ? Math.imul(q2 & 255, p2) : q2 & (p2 * 255);
        I32[d + 3] = (t3 & 512) !== 0 ? Math.imul(q3 & 255, p3) : q3 & (p3 * 255);
        pc = (pc + 10) | 0;
        continue;
      }
      case Ir.v128_load8x4_u:
      case Ir.v128_load8x4_u_ac: {
        const ac = code[pc] === Ir.v128_load8x4_u_ac;
        const ea = ac ? (I32[fp + code[pc + 2]] + code[pc + 4]) >>> 0 : (((I32[fp + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const x = dv.getInt32(ea, true), d = fp + code[pc + 1];
        I32[d] = x & 255; I32[d + 1] = (x >>> 8) & 255; I32[d + 2] = (x >>> 16) & 255; I32[d + 3] = x >>> 24;
        pc = (pc + 6) | 0;
        continue;
      }
      // Gathered 32-bit loads (ir.ts v128.load32_splat_lx …): the address from a lane, as
      // i32x4.lane_shl_add_imm computes it.
      case Ir.v128_load32_splat_lx: {
        const ea = (((I32[fp + code[pc + 2] + code[pc + 3]] << code[pc + 4]) + code[pc + 5]) >>> 0) + (code[pc + 6] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], v = dv.getInt32(ea, true);
        I32[d] = v; I32[d + 1] = v; I32[d + 2] = v; I32[d + 3] = v;
        pc = (pc + 7) | 0;
        continue;
      }
      case Ir.v128_load32_zero_lx: {
        const ea = (((I32[fp + code[pc + 2] + code[pc + 3]] << code[pc + 4]) + code[pc + 5]) >>> 0) + (code[pc + 6] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1];
        I32[d] = dv.getInt32(ea, true); I32[d + 1] = 0; I32[d + 2] = 0; I32[d + 3] = 0;
        pc = (pc + 7) | 0;
        continue;
      }
      case Ir.v128_load32_lane_lx: {
        const ea = (((I32[fp + code[pc + 2] + code[pc + 3]] << code[pc + 4]) + code[pc + 5]) >>> 0) + (code[pc + 7] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], v = fp + code[pc + 6], x = dv.getInt32(ea, true);
        if (d !== v) {
          I32[d] = I32[v]; I32[d + 1] = I32[v + 1]; I32[d + 2] = I32[v + 2]; I32[d + 3] = I32[v + 3];
        }
        I32[d + code[pc + 8]] = x;
        pc = (pc + 9) | 0;
        continue;
      }
      case Ir.v128_load32x2_splat_lx:
      case Ir.v128_load32x2_zero_lx: {
        const v = fp + code[pc + 2], s = code[pc + 4], c = code[pc + 5];
        const ea = (((I32[v + code[pc + 3]] << s) + c) >>> 0) + (code[pc + 6] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const eb = (((I32[v + code[pc + 7]] << s) + c) >>> 0) + (code[pc + 8] >>> 0);
        if (eb + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], x = dv.getInt32(ea, true), y = dv.getInt32(eb, true);
        const z = code[pc] === Ir.v128_load32x2_splat_lx ? x : 0;
        I32[d] = x; I32[d + 1] = z; I32[d + 2] = z; I32[d + 3] = z;
        I32[d + code[pc + 9]] = y;
        pc = (pc + 10) | 0;
        continue;
      }
      case Ir.i32x4_add3: {
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 3], c = fp + code[pc + 4];
        I32[d] = I32[a] + I32[b] + I32[c]; I32[d + 1] = I32[a + 1] + I32[b + 1] + I32[c + 1];
        I32[d + 2] = I32[a + 2] + I32[b + 2] + I32[c + 2]; I32[d + 3] = I32[a + 3] + I32[b + 3] + I32[c + 3];
        pc = (pc + 5) | 0;
        continue;
      }
      case Ir.i32x4_mul_load16x4_s_add:
      case Ir.i32x4_mul_load16x4_s_add_ac: {
        const ac = code[pc] === Ir.i32x4_mul_load16x4_s_add_ac;
        const ea = ac ? (I32[fp + code[pc + 3]] + code[pc + 5]) >>> 0 : (((I32[fp + code[pc + 3]] << code[pc + 4]) + code[pc + 5]) >>> 0) + (code[pc + 6] >>> 0);
        if (ea + 8 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], a = fp + code[pc + 2], lo = dv.getInt32(ea, true), hi = dv.getInt32(ea + 4, true);
        I32[d] = Math.imul(I32[a], (lo << 16) >> 16); I32[d + 1] = Math.imul(I32[a + 1], lo >> 16);
        I32[d + 2] = Math.imul(I32[a + 2], (hi << 16) >> 16); I32[d + 3] = Math.imul(I32[a + 3], hi >> 16);
        pc = (pc + 7) | 0;
        continue;
      }
      case Ir.i32x4_trunc_sat_mul_load_add: {
        // The product rounded to f32 (as f32x4.mul_load_add stores it), then truncated.
        const ea = (((I32[fp + code[pc + 3]] << code[pc + 4]) + code[pc + 5]) >>> 0) + (code[pc + 6] >>> 0);
        if (ea + 16 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], a = fp + code[pc + 2];
        for (let i = 0; i < 4; i++) I32[d + i] = i32TruncSatF64S(Math.fround(F32[a + i] * dv.getFloat32(ea + 4 * i, true)));
        pc = (pc + 7) | 0;
        continue;
      }
      // Computed and stored (ir.ts "A vector computed and stored"): the four lanes first, then the
      // store, as the unfused pair; a load out of bounds traps before the store is checked.
      case Ir.f32x4_mul_load_add_add_store:
      case Ir.f32x4_mul_load_add_add_store_ac: {
        const ac = code[pc] === Ir.f32x4_mul_load_add_add_store_ac;
        const ea = ac ? (I32[fp + code[pc + 3]] + code[pc + 5]) >>> 0 : (((I32[fp + code[pc + 3]] << code[pc + 4]) + code[pc + 5]) >>> 0) + (code[pc + 6] >>> 0);
        if (ea + 16 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const a = fp + code[pc + 1], b = fp + code[pc + 2];
        const v0 = F32[a] + Math.fround(F32[b] * dv.getFloat32(ea, true));
        const v1 = F32[a + 1] + Math.fround(F32[b + 1] * dv.getFloat32(ea + 4, true));
        const v2 = F32[a + 2] + Math.fround(F32[b + 2] * dv.getFloat32(ea + 8, true));
        const v3 = F32[a + 3] + Math.fround(F32[b + 3] * dv.getFloat32(ea + 12, true));
        const es = ac ? (I32[fp + code[pc + 7]] + code[pc + 9]) >>> 0 : (((I32[fp + code[pc + 7]] << code[pc + 8]) + code[pc + 9]) >>> 0) + (code[pc + 10] >>> 0);
        if (es + 16 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setFloat32(es, v0, true);
        dv.setFloat32(es + 4, v1, true);
        dv.setFloat32(es + 8, v2, true);
        dv.setFloat32(es + 12, v3, true);
        dirty[es >>> Dirty.Shift] = 1;
        pc = (pc + 11) | 0;
        continue;
      }
      case Ir.i32x4_trunc_sat_mul_load_add_store:
      case Ir.i32x4_trunc_sat_mul_load_add_store_ac: {
        const ac = code[pc] === Ir.i32x4_trunc_sat_mul_load_add_store_ac;
        const ea = ac ? (I32[fp + code[pc + 2]] + code[pc + 4]) >>> 0 : (((I32[fp + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 16 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        // One call site of i32TruncSatF64S (TurboFan inlines it), the lanes kept in vectorLanes.
        const a = fp + code[pc + 1];
        for (let i = 0; i < 4; i++) vectorLanes[i] = i32TruncSatF64S(Math.fround(F32[a + i] * dv.getFloat32(ea + 4 * i, true)));
        const es = ac ? (I32[fp + code[pc + 6]] + code[pc + 8]) >>> 0 : (((I32[fp + code[pc + 6]] << code[pc + 7]) + code[pc + 8]) >>> 0) + (code[pc + 9] >>> 0);
        if (es + 16 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        dv.setInt32(es, vectorLanes[0], true);
        dv.setInt32(es + 4, vectorLanes[1], true);
        dv.setInt32(es + 8, vectorLanes[2], true);
        dv.setInt32(es + 12, vectorLanes[3], true);
        dirty[es >>> Dirty.Shift] = 1;
        pc = (pc + 10) | 0;
        continue;
      }
      case Ir.i64x2_mul_load_add:
      case Ir.i64x2_mul_load_add_add: {
        // Per lane as i64x2.mul (the loaded lane the right factor), then as i64x2.add for _add;
        // every step in 32-bit integers (Math.imul, shifts, sums of typed words under `| 0`), so
        // TurboFan needs no overflow check to speculate on: lanes from memory get no type
        // feedback from warmVector's large values (it runs memory instructions on small ones),
        // and `a * b` or a sum with a call in it, seen small there, deoptimized on the real lanes.
        const add = code[pc] === Ir.i64x2_mul_load_add_add, o = add ? 1 : 0;
        const ea = (((I32[fp + code[pc + 3 + o]] << code[pc + 4 + o]) + code[pc + 5 + o]) >>> 0) + (code[pc + 6 + o] >>> 0);
        if (ea + 16 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], a = fp + code[pc + 2], b = fp + code[pc + 2 + o];
        for (let i = 0; i < 4; i += 2) {
          const alo = I32[b + i], blo = dv.getInt32(ea + 4 * i, true), bhi = dv.getInt32(ea + 4 * i + 4, true);
          const a0 = alo & 0xffff, a1 = alo >>> 16, b0 = blo & 0xffff, b1 = blo >>> 16;
          // The 16×16-bit products are below 2^32: Math.imul's bits, read unsigned, are exact.
          const p01 = Math.imul(a0, b1), p10 = Math.imul(a1, b0);
          const mid = (Math.imul(a0, b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
          const highOfLow = (Math.imul(a1, b1) + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) | 0;
          let hi = (highOfLow + Math.imul(alo, bhi) + Math.imul(I32[b + i + 1], blo)) | 0, lo = Math.imul(alo, blo);
          if (add) {
            const clo = I32[a + i], sum = (clo + lo) | 0;
            hi = (I32[a + i + 1] + hi + (((clo & lo) | ((clo | lo) & ~sum)) >>> 31)) | 0;
            lo = sum;
          }
          I32[d + i + 1] = hi;
          I32[d + i] = lo;
        }
        pc = (pc + 7 + o) | 0;
        continue;
      }
      case Ir.f32x4_mul_load_tee: {
        const x = fp + code[pc + 3];
        I32[x] = (I32[fp + code[pc + 4]] + code[pc + 5]) | 0;
        const ea = (I32[x] >>> 0) + (code[pc + 6] >>> 0);
        if (ea + 16 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], a = fp + code[pc + 2];
        F32[d] = F32[a] * dv.getFloat32(ea, true); F32[d + 1] = F32[a + 1] * dv.getFloat32(ea + 4, true);
        F32[d + 2] = F32[a + 2] * dv.getFloat32(ea + 8, true); F32[d + 3] = F32[a + 3] * dv.getFloat32(ea + 12, true);
        pc = (pc + 7) | 0;
        continue;
      }
      case Ir.f32x4_mul_convert_load_add:
      case Ir.f32x4_mul_convert_load_add_ac: {
        const ac = code[pc] === Ir.f32x4_mul_convert_load_add_ac;
        // As f32x4.mul_convert_s, the integers loaded (the product of two f32 values is exact).
        const ea = ac ? (I32[fp + code[pc + 3]] + code[pc + 5]) >>> 0 : (((I32[fp + code[pc + 3]] << code[pc + 4]) + code[pc + 5]) >>> 0) + (code[pc + 6] >>> 0);
        if (ea + 16 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        const d = fp + code[pc + 1], a = fp + code[pc + 2];
        F32[d] = F32[a] * Math.fround(dv.getInt32(ea, true)); F32[d + 1] = F32[a + 1] * Math.fround(dv.getInt32(ea + 4, true));
        F32[d + 2] = F32[a + 2] * Math.fround(dv.getInt32(ea + 8, true)); F32[d + 3] = F32[a + 3] * Math.fround(dv.getInt32(ea + 12, true));
        pc = (pc + 7) | 0;
        continue;
      }
      default:
        break;
    }
    // ── Scalar instructions of vector loops (copies of `run`'s cases) ───────────────────────
    // Compiled SIMD loops interleave these with vector instructions: address and counter
    // arithmetic, the loop's step-and-branch, scalar loads feeding a splat. Running them here
    // keeps such a loop inside runVector instead of returning to `run` for each and calling
    // runVector again for the next vector instruction (a call from the loop is not inlined;
    // RATIONALE, "Why do vector instructions run in a loop of their own?"). Each must stay
    // identical to its case in `run`. They are a switch of their own, most frequent first: in
    // the one above, their opcodes (far below the vector ones) would spread its cases too thin
    // for V8's jump table, and every dispatch would walk a chain of comparisons. (Read into a
    // local: tools/ir-profile.js counts a dispatch at each `switch (code[pc])`, the one above.)
    const scalar = code[pc];
    switch (scalar) {
      case Ir.i32_add_imm:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] + code[pc + 3]) | 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.step_br_if:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] + code[pc + 3]) | 0;
        pc = I32[fp + code[pc + 4]] !== 0 ? code[pc + 5] : (pc + 6) | 0;
        continue;
      case Ir.i32_add:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] + I32[fp + code[pc + 3]]) | 0;
        pc = (pc + 4) | 0;
        continue;
      case Ir.step_br_ne_imm:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] + code[pc + 3]) | 0;
        pc = I32[fp + code[pc + 4]] !== code[pc + 5] ? code[pc + 6] : (pc + 7) | 0;
        continue;
      case Ir.step3_br_ne_imm:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] + code[pc + 3]) | 0;
        I32[fp + code[pc + 4]] = (I32[fp + code[pc + 5]] + code[pc + 6]) | 0;
        I32[fp + code[pc + 7]] = (I32[fp + code[pc + 8]] + code[pc + 9]) | 0;
        pc = I32[fp + code[pc + 10]] !== code[pc + 11] ? code[pc + 12] : (pc + 13) | 0;
        continue;
      case Ir.step3_br_if:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] + code[pc + 3]) | 0;
        I32[fp + code[pc + 4]] = (I32[fp + code[pc + 5]] + code[pc + 6]) | 0;
        I32[fp + code[pc + 7]] = (I32[fp + code[pc + 8]] + code[pc + 9]) | 0;
        pc = I32[fp + code[pc + 10]] !== 0 ? code[pc + 11] : (pc + 12) | 0;
        continue;
      case Ir.step3_br_ne:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] + code[pc + 3]) | 0;
        I32[fp + code[pc + 4]] = (I32[fp + code[pc + 5]] + code[pc + 6]) | 0;
        I32[fp + code[pc + 7]] = (I32[fp + code[pc + 8]] + code[pc + 9]) | 0;
        pc = I32[fp + code[pc + 10]] !== I32[fp + code[pc + 11]] ? code[pc + 12] : (pc + 13) | 0;
        continue;
      case Ir.i32_shl_add_imm:
        I32[fp + code[pc + 1]] = ((I32[fp + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) | 0;
        pc = (pc + 5) | 0;
        continue;
      case Ir.load32_add: {
        const ea = (((I32[fp + code[pc + 2]] << code[pc + 3]) + code[pc + 4]) >>> 0) + (code[pc + 5] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        I32[fp + code[pc + 1]] = dv.getInt32(ea, true);
        pc = (pc + 6) | 0;
        continue;
      }
      case Ir.load32: {
        const ea = (I32[fp + code[pc + 2]] >>> 0) + (code[pc + 3] >>> 0);
        if (ea + 4 > memLen) throw trap(TrapCode.MemoryOutOfBounds);
        I32[fp + code[pc + 1]] = dv.getInt32(ea, true);
        pc = (pc + 4) | 0;
        continue;
      }
      case Ir.i32_add_imm2:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] + code[pc + 3]) | 0;
        I32[fp + code[pc + 4]] = (I32[fp + code[pc + 5]] + code[pc + 6]) | 0;
        pc = (pc + 7) | 0;
        continue;
      case Ir.const32:
        I32[fp + code[pc + 1]] = code[pc + 2];
        pc = (pc + 3) | 0;
        continue;
      case Ir.copy32:
        I32[fp + code[pc + 1]] = I32[fp + code[pc + 2]];
        pc = (pc + 3) | 0;
        continue;
      case Ir.step_br:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] + code[pc + 3]) | 0;
        pc = code[pc + 4];
        continue;
      case Ir.step_br_ne:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] + code[pc + 3]) | 0;
        pc = I32[fp + code[pc + 4]] !== I32[fp + code[pc + 5]] ? code[pc + 6] : (pc + 7) | 0;
        continue;
      case Ir.step_br_lt_u:
        I32[fp + code[pc + 1]] = (I32[fp + code[pc + 2]] + code[pc + 3]) | 0;
        pc = (I32[fp + code[pc + 4]] ^ SIGN) < (I32[fp + code[pc + 5]] ^ SIGN) ? code[pc + 6] : (pc + 7) | 0;
        continue;
      case Ir.br_if:
        pc = I32[fp + code[pc + 1]] !== 0 ? code[pc + 2] : (pc + 3) | 0;
        continue;
      case Ir.br_unless:
        pc = I32[fp + code[pc + 1]] === 0 ? code[pc + 2] : (pc + 3) | 0;
        continue;
      case Ir.br:
        pc = code[pc + 1];
        continue;
      default:
        return pc;
    }
  }
}
