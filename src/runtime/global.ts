/**
 * Global instances — spec §4.2.9 (Runtime Structure › Global Instances), allocation §4.5.3.5.
 *
 * An imported global is the exporter's GlobalInst itself, so every instance sees every write.
 */

import type { GlobalType } from '../syntax/types.js';
import type { RawValue } from './func.js';

export class GlobalInst {
  readonly type: GlobalType;
  /** The value in the raw representation (see RawValue). */
  value: RawValue;
  /**
   * The JS API's object cache: this object's one wrapper (api/wrappers.ts). A declared field, not a
   * private field stamped on later: stamping changes the object's hidden class, and the
   * interpreter's reads of the object would see two shapes (RATIONALE, "Why internal slots in
   * private fields, not WeakMaps?").
   */
  wrapper: object | undefined = undefined;
  /**
   * The canonical ids of the defining module's types (runtime/canon.ts), which give a concrete
   * heap type in `type` its meaning outside that module, for import matching; undefined for a
   * global made outside any module (the JS API, spectest), whose types are abstract.
   */
  readonly canon: ArrayLike<number> | undefined;

  constructor(type: GlobalType, value: RawValue, canon?: ArrayLike<number>) {
    this.type = type;
    this.value = value;
    this.canon = canon;
  }
}
