import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ERRNO_INVAL, ERRNO_SUCCESS } from '../errno.js';
import { checkFstflags, newTimes, realtimeNs } from './time.js';
import { FSTFLAGS_ATIM, FSTFLAGS_ATIM_NOW, FSTFLAGS_MTIM, FSTFLAGS_MTIM_NOW } from './types.js';

test('realtimeNs: nanoseconds since the epoch, close to Date.now(), not going back', () => {
  const a = realtimeNs();
  const ms = BigInt(Date.now());
  const b = realtimeNs();
  assert.ok(b >= a);
  assert.ok(a / 1_000_000n > ms - 1000n && a / 1_000_000n < ms + 1000n);
});

test('checkFstflags: each time given at most one way, no unknown bits', () => {
  for (let flags = 0; flags < 16; flags++) {
    const both = ((flags & FSTFLAGS_ATIM) !== 0 && (flags & FSTFLAGS_ATIM_NOW) !== 0)
      || ((flags & FSTFLAGS_MTIM) !== 0 && (flags & FSTFLAGS_MTIM_NOW) !== 0);
    assert.is(checkFstflags(flags), both ? ERRNO_INVAL : ERRNO_SUCCESS, `flags ${flags}`);
  }
  assert.is(checkFstflags(16), ERRNO_INVAL);
  assert.is(checkFstflags(0x8001), ERRNO_INVAL);
});

test('newTimes: given, now, or unchanged, per time', () => {
  const current = { atim: 1n, mtim: 2n };
  const now = () => 99n;
  assert.equal(newTimes(current, 10n, 20n, 0, now), { atim: 1n, mtim: 2n });
  assert.equal(newTimes(current, 10n, 20n, FSTFLAGS_ATIM, now), { atim: 10n, mtim: 2n });
  assert.equal(newTimes(current, 10n, 20n, FSTFLAGS_MTIM, now), { atim: 1n, mtim: 20n });
  assert.equal(newTimes(current, 10n, 20n, FSTFLAGS_ATIM_NOW | FSTFLAGS_MTIM, now), { atim: 99n, mtim: 20n });
  assert.equal(newTimes(current, 10n, 20n, FSTFLAGS_ATIM | FSTFLAGS_MTIM_NOW, now), { atim: 10n, mtim: 99n });
});

test.run();
