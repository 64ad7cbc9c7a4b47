/**
 * Error classes, one per phase, named and shaped like the WebAssembly JS API's
 * (https://webassembly.github.io/spec/js-api/#error-objects), and the trap-code table.
 *
 * Messages use the exact wording of the official test suite (the text after `assert_malformed`,
 * `assert_invalid`, `assert_unlinkable`, `assert_trap`), so the spec harness can compare by prefix.
 */

/** Malformed binary or text, or a module that fails validation. */
export class CompileError extends Error {
  override name = 'CompileError';
  constructor(message: string, readonly offset?: number) {
    super(message);
  }
}

/** Instantiation failed while resolving imports (spec §4.5.4 "Instantiation", steps on imports). */
export class LinkError extends Error {
  override name = 'LinkError';
}

/** A trap (spec §4.4.1), or instantiation failing after linking (out-of-bounds segments, …). */
export class RuntimeError extends Error {
  override name = 'RuntimeError';
  constructor(message: string, readonly code?: TrapCode) {
    super(message);
  }
}

/**
 * Internal trap codes. Runtime objects and the interpreter raise these small integers (cheap, no
 * strings in the hot path); `trap()` turns them into a RuntimeError with the spec's wording.
 */
export const enum TrapCode {
  Unreachable = 0,
  MemoryOutOfBounds,
  TableOutOfBounds,
  IndirectCallToNull,
  BadSignature,
  IntegerOverflow,
  IntegerDivideByZero,
  InvalidConversionToInteger,
  CallStackExhausted,
  UninitializedElement,
  UndefinedElement,
  NullReference,
  CastFailure,
  ArrayOutOfBounds,
  OutOfFuel,
  DeadlineExceeded,
  UnalignedAtomic,
  NullFunctionReference,
}

/** Spec wording for each trap code (the official suite's `assert_trap` messages). */
export const trapMessages: readonly string[] = [
  'unreachable',
  'out of bounds memory access',
  'out of bounds table access',
  'uninitialized element',
  'indirect call type mismatch',
  'integer overflow',
  'integer divide by zero',
  'invalid conversion to integer',
  'call stack exhausted',
  'uninitialized element',
  'undefined element',
  'null reference',
  'cast failure',
  'out of bounds array access',
  'fuel exhausted',
  'deadline exceeded',
  'unaligned atomic',
  'null function reference',
];

export function trap(code: TrapCode): RuntimeError {
  return new RuntimeError(trapMessages[code], code);
}
