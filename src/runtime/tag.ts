/**
 * Tag instances — exception handling (3.0), spec 3.0 §4.2 "Tag Instances": a tag is an identity
 * with a function type whose parameters are the exception's payload.
 */

import type { FuncType } from '../syntax/types.js';

export class TagInst {
  readonly type: FuncType;

  constructor(type: FuncType) {
    this.type = type;
  }
}
