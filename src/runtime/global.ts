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

  constructor(type: GlobalType, value: RawValue) {
    this.type = type;
    this.value = value;
  }
}
