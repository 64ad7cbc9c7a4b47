/**
 * The guest's file descriptor table: what each number refers to and the rights it holds
 * (witx `fd`, `rights`, `fdstat`). Numbers are handed out lowest first, from 0; stdio are 0-2,
 * preopened sockets and directories follow.
 */

import { ERRNO_BADF, ERRNO_NOTCAPABLE, ERRNO_NOTDIR } from './errno.js';
import type { FsDir, FsFile } from './fs/types.js';
import { WasiError } from './memory.js';
import type { WasiListener, WasiStream } from './streams.js';

export type Resource = FsFile | FsDir | WasiStream | WasiListener;

export interface Descriptor {
  readonly resource: Resource;
  /** Rights for operations on this descriptor. */
  base: bigint;
  /** Rights that descriptors opened through this one may hold. */
  inheriting: bigint;
  /** The guest path of a preopened directory (`fd_prestat_get`). */
  readonly preopen?: string;
}

export class FdTable {
  private readonly slots: (Descriptor | undefined)[] = [];

  /** The descriptor at `fd`, or undefined. */
  get(fd: number): Descriptor | undefined {
    return this.slots[fd >>> 0];
  }

  /** The descriptor at `fd` holding all of `rights`: EBADF if there is none, ENOTCAPABLE if it lacks a right. */
  use(fd: number, rights: bigint): Descriptor {
    const d = this.slots[fd >>> 0];
    if (d === undefined) throw new WasiError(ERRNO_BADF);
    if ((d.base & rights) !== rights) throw new WasiError(ERRNO_NOTCAPABLE);
    return d;
  }

  /** The directory at `fd` holding `rights`: EBADF, ENOTDIR for another kind, ENOTCAPABLE. */
  dir(fd: number, rights: bigint): FsDir {
    const d = this.slots[fd >>> 0];
    if (d === undefined) throw new WasiError(ERRNO_BADF);
    if (d.resource.kind !== 'dir') throw new WasiError(ERRNO_NOTDIR);
    if ((d.base & rights) !== rights) throw new WasiError(ERRNO_NOTCAPABLE);
    return d.resource;
  }

  /** Puts `d` at the lowest free number and returns it. */
  add(d: Descriptor): number {
    let fd = 0;
    while (this.slots[fd] !== undefined) fd++;
    this.slots[fd] = d;
    return fd;
  }

  set(fd: number, d: Descriptor): void {
    this.slots[fd >>> 0] = d;
  }

  remove(fd: number): void {
    const n = fd >>> 0;
    if (n === this.slots.length - 1) this.slots.pop();
    else this.slots[n] = undefined;
  }

  /** Every open descriptor (to close them all at exit). */
  all(): Descriptor[] {
    return this.slots.filter((d): d is Descriptor => d !== undefined);
  }
}
