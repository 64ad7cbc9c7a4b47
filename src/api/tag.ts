/**
 * WebAssembly.Tag — JS API §"Tags": an exception tag, created from JavaScript or exported by a
 * module (exception handling, 3.0). `tagObject` is the JS API's Tag object cache.
 */

import { TagInst } from '../runtime/index.js';
import type { ValType } from '../syntax/types.js';
import { toValueType } from './values.js';

export interface TagType {
  parameters: readonly string[];
}

/** The [[Address]] slot of every Tag object. */
const slots = new WeakMap<object, TagInst>();
/** The Tag object cache. */
const cache = new WeakMap<TagInst, Tag>();

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
    slots.set(this, inst);
    cache.set(inst, this);
  }
}

/** The TagInst behind a Tag object (brand check: TypeError for anything else). */
export function tagInstOf(t: unknown): TagInst {
  const inst = slots.get(t as object);
  if (inst === undefined) throw new TypeError('not a WebAssembly.Tag');
  return inst;
}

export function isTag(v: unknown): v is Tag {
  return slots.has(v as object);
}

/** JS API §"create a Tag object": the cached wrapper of `inst`, created on first use. */
export function tagObject(inst: TagInst): Tag {
  let t = cache.get(inst);
  if (t === undefined) {
    t = Object.create(Tag.prototype) as Tag;
    slots.set(t, inst);
    cache.set(inst, t);
  }
  return t;
}
