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

  constructor(type: GlobalType, value: RawValue) {
    this.type = type;
    this.value = value;
  }
}
