/**
 * How Vitrine's memories let Vitrine's own WASI (src/wasi/memory.ts) reach guest memory without
 * marking it `exposed` (src/runtime/memory.ts): a memory object with these two members offers its
 * current bytes untracked and a way to record what was written, so pooled instances that use WASI
 * keep resets that copy only the written blocks (RATIONALE, "Why is a memory whose `buffer` the
 * host took restored whole?"). Registered symbols, so a separately bundled `vitrine/wasi` finds
 * them too; this file imports nothing, so WASI pulls in nothing else with it.
 */

/** A getter: the memory's current ArrayBuffer, taken without marking the memory exposed. */
export const untrackedBuffer: unique symbol = Symbol.for('vitrine.memory.untrackedBuffer') as never;
/** A method `(offset, length)`: records a write for pool resets. */
export const markWritten: unique symbol = Symbol.for('vitrine.memory.markWritten') as never;

/** A memory that supports the protocol. */
export interface TrackedMemory {
  readonly [untrackedBuffer]: ArrayBuffer;
  [markWritten](offset: number, length: number): void;
}
