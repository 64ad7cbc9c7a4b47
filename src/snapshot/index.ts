/** Snapshots and instance pools (docs/RATIONALE.md, "Snapshots and pooling"). */
export { snapshot, Snapshot, SnapshotInstance, SnapshotError, type SnapshotImports, type SnapshotOptions } from './snapshot.js';
export { InstancePool, DEFAULT_POOL_SIZE, type PoolOptions } from './pool.js';
export { isSnapshot, FORMAT_VERSION } from './format.js';
