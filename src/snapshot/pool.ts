/**
 * Instance pools: instances made from one snapshot ahead of time and reused. `acquire` hands out
 * a ready instance; `release` resets it to the snapshot's state — copying back only the memory
 * blocks written since it was handed out (MemoryInst.dirty) — and keeps it for the next
 * `acquire`. docs/RATIONALE.md, "Snapshots and pooling".
 */

import type { Instance } from '../runtime/instance.js';
import type { ImportResolver, RuntimeOptions } from '../runtime/link.js';
import { Snapshot, SnapshotError, SnapshotInstance, resolverFor, type SnapshotImports } from './snapshot.js';

export interface PoolOptions {
  /** Instances made up front and kept after release (default DEFAULT_POOL_SIZE). */
  size?: number;
  /** The instances' imports, read once for all of them. */
  imports?: SnapshotImports;
  /** Instance options (call depth). */
  runtime?: RuntimeOptions;
}

/** The default pool size: enough for a handful of concurrent requests, 16 × the memory size. */
export const DEFAULT_POOL_SIZE = 16;

export class InstancePool {
  readonly size: number;
  private readonly resolve: ImportResolver;
  private readonly options: RuntimeOptions;
  private readonly idle: SnapshotInstance[] = [];

  constructor(readonly snapshot: Snapshot, options: PoolOptions = {}) {
    const size = options.size ?? DEFAULT_POOL_SIZE;
    if (!Number.isInteger(size) || size < 0) throw new RangeError(`pool size must be a non-negative integer, got ${size}`);
    this.size = size;
    this.resolve = resolverFor(snapshot.module, options.imports ?? {});
    this.options = options.runtime ?? {};
    for (let i = 0; i < size; i++) this.idle.push(this.make());
  }

  /** Idle instances ready to hand out. */
  get available(): number {
    return this.idle.length;
  }

  /** An instance in the snapshot's state: an idle one, or a new one when none is left. */
  acquire(): SnapshotInstance {
    const i = this.idle.pop() ?? this.make();
    i.leased = true;
    return i;
  }

  /**
   * Takes back an instance from `acquire`: resets it and keeps it if fewer than `size` are idle.
   * A SnapshotError for an instance of another pool or one already released.
   */
  release(i: SnapshotInstance): void {
    if (i.pool !== this || !i.leased) throw new SnapshotError('release: the instance is not out of this pool (released twice, or from another pool)');
    i.leased = false;
    if (this.idle.length >= this.size) return;
    this.snapshot.reset(i.instance);
    this.idle.push(i);
  }

  private make(): SnapshotInstance {
    const inst: Instance = this.snapshot.restore(this.resolve, this.options);
    return new SnapshotInstance(inst, this);
  }
}
