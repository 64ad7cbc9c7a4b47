/**
 * Feature sets. Vitrine's structures are WebAssembly 3.0-shaped throughout; a `Features` value
 * says which proposals a decoder, text parser or validator accepts, because the 2.0 and 3.0
 * official suites disagree on a few points (e.g. a second memory is "multiple memories" invalid
 * in 2.0 and fine in 3.0; `memory.size`'s immediate is a "zero byte expected" in 2.0 and a memory
 * index in 3.0).
 */

export interface Features {
  /** 128-bit SIMD (2.0). */
  readonly simd: boolean;
  /** Relaxed SIMD (3.0). */
  readonly relaxedSimd: boolean;
  /** Multiple memories (3.0). */
  readonly multiMemory: boolean;
  /** 64-bit memory and table addresses (3.0). */
  readonly memory64: boolean;
  /** Extended constant expressions (3.0). */
  readonly extendedConst: boolean;
  /** Tail calls: return_call* (3.0). */
  readonly tailCall: boolean;
  /** Typed function references: (ref $t), call_ref, br_on_null, … (3.0). */
  readonly functionReferences: boolean;
  /** Garbage collection: struct/array/i31, rec groups, subtyping (3.0). */
  readonly gc: boolean;
  /** Exception handling with exnref: tags, throw, try_table (3.0). */
  readonly exceptions: boolean;
  /**
   * Which edition's error wording to use where the official suites word the same fault
   * differently (e.g. a lane index of 256 in text: "malformed lane index" in 2.0, "i8 constant out
   * of range" in 3.0). Not a language feature: it only selects messages.
   */
  readonly wording: '2.0' | '3.0';
}

/** WebAssembly 2.0 (W3C Recommendation, 2022). */
export const wasm2: Features = {
  simd: true, relaxedSimd: false, multiMemory: false, memory64: false, extendedConst: false,
  tailCall: false, functionReferences: false, gc: false, exceptions: false, wording: '2.0',
};

/** WebAssembly 3.0: everything in 2.0 plus the proposals merged into 3.0. */
export const wasm3: Features = {
  simd: true, relaxedSimd: true, multiMemory: true, memory64: true, extendedConst: true,
  tailCall: true, functionReferences: true, gc: true, exceptions: true, wording: '3.0',
};

/**
 * The default for the programmatic API and the CLI: every feature the engine can execute end to
 * end today. It grows towards `wasm3` as the 3.0 proposals land in the interpreter.
 */
export const defaultFeatures: Features = wasm2;
