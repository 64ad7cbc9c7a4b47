import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TagInst } from '../runtime/index.js';
import { externref } from '../syntax/types.js';
import { isTag, Tag, tagInstOf, tagObject } from './tag.js';

/** uvu's `throws` calls a function argument as a predicate: check the class explicitly. */
const is = (C: new (...args: never[]) => Error) => (e: unknown): boolean => e instanceof C;

test('new Tag makes a tag whose type has the given parameters and no results', () => {
  const t = new Tag({ parameters: ['i32', 'externref'] });
  assert.equal(tagInstOf(t).type, { kind: 'func', params: ['i32', externref], results: [] });
  assert.ok(isTag(t));
  assert.not.ok(isTag({}));
  assert.is.not(tagInstOf(new Tag({ parameters: [] })), tagInstOf(t));
});

test('bad tag types are TypeErrors', () => {
  assert.throws(() => new Tag(undefined as never), is(TypeError));
  assert.throws(() => new Tag({} as never), is(TypeError));
  assert.throws(() => new Tag({ parameters: ['i16'] }), is(TypeError));
});

test('tagObject caches one wrapper per TagInst; tagInstOf brand-checks', () => {
  const inst = new TagInst({ kind: 'func', params: [], results: [] });
  const t = tagObject(inst);
  assert.is(tagObject(inst), t);
  assert.instance(t, Tag);
  const made = new Tag({ parameters: ['f64'] });
  assert.is(tagObject(tagInstOf(made)), made);
  assert.throws(() => tagInstOf({}), is(TypeError));
});

test.run();
