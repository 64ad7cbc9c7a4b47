/**
 * WebAssembly.Tag — JS API §"Tags": an exception tag, created from JavaScript or exported by a
 * module (exception handling, 3.0). `tags` is the JS API's Tag object cache.
 */

import { TagInst } from '../runtime/index.js';
import type { ValType } from '../syntax/types.js';
import { toValueType } from './values.js';
import { WrapperSlots } from './wrappers.js';

export interface TagType {
  parameters: readonly string[];
}

export class Tag {
  /** A new tag whose exceptions carry values of the `parameters` types. */
  constructor(type: TagType) {
    if (typeof type !== 'object' || type === null || !Array.isArray(type.parameters)) {
      throw new TypeError('Tag needs a { parameters: [...] } object');
    }
    const params = type.parameters.map((p): ValType => {
      const t = toValueType(p);
      if (t === undefined) throw new TypeError(`${String(p)} is not a value type`);
      return t;
    });
    const inst = new TagInst({ kind: 'func', params, results: [] });
    tags.bind(this, inst);
  }
}

/** The TagInst slot and object cache of Tag objects. */
export const tags = new WrapperSlots<TagInst, Tag>(Tag.prototype, 'WebAssembly.Tag');
