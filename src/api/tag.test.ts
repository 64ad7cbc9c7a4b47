import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TagInst } from '../runtime/index.js';
import { externref } from '../syntax/types.js';
import { Tag, tags } from './tag.js';

/** uvu's `throws` calls a function argument as a predicate: check the class explicitly. */
const is = (C: new (...args: never[]) => Error) => (e: unknown): boolean => e instanceof C;

test('new Tag makes a tag whose type has the given parameters and no results', () => {
  const t = new Tag({ parameters: ['i32', 'externref'] });
  assert.equal(tags.instOf(t).type, { kind: 'func', params: ['i32', externref], results: [] });
  assert.ok(tags.has(t));
  assert.not.ok(tags.has({}));
  assert.is.not(tags.instOf(new Tag({ parameters: [] })), tags.instOf(t));
});

test('bad tag types are TypeErrors', () => {
  assert.throws(() => new Tag(undefined as never), is(TypeError));
  assert.throws(() => new Tag({} as never), is(TypeError));
  assert.throws(() => new Tag({ parameters: ['i16'] }), is(TypeError));
});

test('tags.wrap caches one wrapper per TagInst; tags.instOf brand-checks', () => {
  const inst = new TagInst({ kind: 'func', params: [], results: [] });
  const t = tags.wrap(inst);
  assert.is(tags.wrap(inst), t);
  assert.instance(t, Tag);
  const made = new Tag({ parameters: ['f64'] });
  assert.is(tags.wrap(tags.instOf(made)), made);
  assert.throws(() => tags.instOf({}), is(TypeError));
});

test.run();
