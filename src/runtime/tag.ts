/**
 * Tag instances — exception handling (3.0), spec 3.0 §4.2 "Tag Instances": a tag is an identity
 * with a function type whose parameters are the exception's payload.
 */

import type { FuncType } from '../syntax/types.js';
import { funcTypeId } from './canon.js';

export class TagInst {
  readonly type: FuncType;
  /** Canonical id of the type (runtime/canon.ts), for import matching. */
  readonly typeId: number;
  /**
   * The JS API's object cache: this object's one wrapper (api/wrappers.ts). A declared field, not a
   * private field stamped on later: stamping changes the object's hidden class, and the
   * interpreter's reads of the object would see two shapes (RATIONALE, "Why internal slots in
   * private fields, not WeakMaps?").
   */
  wrapper: object | undefined = undefined;

  constructor(type: FuncType, typeId: number = funcTypeId(type)) {
    this.type = type;
    this.typeId = typeId;
  }
}
