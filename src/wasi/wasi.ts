/**
 * The `WASI` class, shaped like Node's `node:wasi` so that code written for it switches with one
 * import line:
 *
 *   import { WASI } from 'vitrine';            // instead of: from 'node:wasi'
 *   const wasi = new WASI({ version: 'preview1', args, env, preopens: { '/sandbox': hostDir } });
 *   const instance = new Instance(module, wasi.getImportObject());   // Vitrine or host WebAssembly
 *   const exitCode = wasi.start(instance);
 *
 * Unlike node:wasi it is a sandbox: preopened host directories are confined (fs/host.ts; no way
 * out through `..`, absolute paths or symlinks). Extensions: a preopen may be any FsDir (e.g. an
 * in-memory `MemoryFs().root()`), stdio may be a WasiStream (e.g. a CallbackStream), and
 * `tcplisten` hands the guest listening TCP sockets, as wasmtime's `--tcplisten` does.
 */

import { constants } from 'node:os';
import { RIGHTS_DIR_BASE, RIGHTS_DIR_INHERITING, RIGHTS_LISTENER_BASE } from './constants.js';
import { FdTable } from './fd-table.js';
import { openHostDir } from './fs/host.js';
import type { FsDir } from './fs/types.js';
import { HostFdStream } from './host-streams.js';
import { IoThread } from './io-thread.js';
import type { MemoryLike } from './memory.js';
import { untrackedBuffer } from '../runtime/memory-access.js';
import { Preview1, WasiExit, type WasiFunction } from './preview1.js';
import { TcpListener } from './sockets.js';
import type { WasiStream } from './streams.js';

export interface WASIOptions {
  /** Only 'preview1' (the import module `wasi_snapshot_preview1`); the default. */
  readonly version?: 'preview1';
  /** argv as the guest sees it, the program name first (default: none). */
  readonly args?: readonly string[];
  /** The guest's whole environment (default: empty). */
  readonly env?: Readonly<Record<string, string>>;
  /** Guest path → host directory path (confined), or any FsDir. */
  readonly preopens?: Readonly<Record<string, string | FsDir>>;
  /** Whether `start` returns the exit code of `proc_exit` (default) or ends the process with it. */
  readonly returnOnExit?: boolean;
  /** A host fd (default 0, 1, 2) or a stream. */
  readonly stdin?: number | WasiStream;
  readonly stdout?: number | WasiStream;
  readonly stderr?: number | WasiStream;
  /** `HOST:PORT` addresses to listen on; the guest finds them as fds 3… (before the preopens). */
  readonly tcplisten?: readonly string[];
}

/** What `start` and `initialize` need of an instance: its exports (Vitrine's and host WebAssembly's alike). */
export interface InstanceLike {
  readonly exports: Readonly<Record<string, unknown>>;
}

export class WASI {
  /** The import module's functions; import them as `wasi_snapshot_preview1`. */
  readonly wasiImport: Readonly<Record<string, WasiFunction>>;
  /** The TCP listeners of `tcplisten`, in order (their `port` is the bound one, also for port 0). */
  readonly listeners: readonly TcpListener[];
  private readonly preview1: Preview1;
  private readonly returnOnExit: boolean;
  private io: IoThread | null = null;
  private started = false;

  /** Throws an Error if a preopen cannot be opened or an address cannot be listened on. */
  constructor(options: WASIOptions = {}) {
    if (options.version !== undefined && options.version !== 'preview1') {
      throw new TypeError(`WASI version ${JSON.stringify(options.version)} is not supported: Vitrine implements 'preview1'`);
    }
    this.returnOnExit = options.returnOnExit ?? true;
    const io = (): IoThread => (this.io ??= new IoThread());
    const fds = new FdTable();
    const stdio = (s: number | WasiStream | undefined, fd: number): WasiStream =>
      typeof s === 'object' ? s : new HostFdStream(s ?? fd, fd === 0, io);
    for (const [fd, s] of [options.stdin, options.stdout, options.stderr].entries()) {
      const stream = stdio(s, fd);
      fds.add({ resource: stream, base: stream.rights, inheriting: 0n });
    }
    try {
      this.listeners = (options.tcplisten ?? []).map((addr) => {
        const l = TcpListener.listen(io(), addr);
        fds.add({ resource: l, base: RIGHTS_LISTENER_BASE, inheriting: 0n });
        return l;
      });
      for (const [guest, host] of Object.entries(options.preopens ?? {})) {
        const dir = typeof host === 'string' ? openHostDir(host) : host;
        fds.add({ resource: dir, base: RIGHTS_DIR_BASE, inheriting: RIGHTS_DIR_INHERITING, preopen: guest });
      }
    } catch (e) {
      this.closeAll(fds);
      throw e;
    }
    const env = Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`);
    this.preview1 = new Preview1({ args: options.args ?? [], env, fds, signals: constants.signals });
    this.wasiImport = this.preview1.functions;
  }

  /** `{ wasi_snapshot_preview1: wasiImport }`, as node:wasi's getImportObject. */
  getImportObject(): { wasi_snapshot_preview1: Readonly<Record<string, WasiFunction>> } {
    return { wasi_snapshot_preview1: this.wasiImport };
  }

  /**
   * Runs a command: calls the instance's `_start` export and returns its exit code — 0 when it
   * returns, the code of `proc_exit` (or 128 + signal for a fatal `proc_raise`) otherwise. A trap
   * propagates. Afterwards every descriptor is closed. Once per WASI object.
   */
  start(instance: InstanceLike): number {
    const start = this.attach(instance, '_start', '_initialize');
    try {
      (start as () => unknown)();
      return 0;
    } catch (e) {
      if (!(e instanceof WasiExit)) throw e;
      if (!this.returnOnExit) process.exit(e.code);
      return e.code;
    } finally {
      this.closeAll(this.preview1.fds);
    }
  }

  /** Initializes a reactor: calls its `_initialize` export, if any. Once per WASI object. */
  initialize(instance: InstanceLike): void {
    const init = this.attach(instance, '_initialize', '_start');
    if (init !== undefined) (init as () => unknown)();
  }

  /** Checks the exports as node:wasi does, takes the memory, and returns the entry point. */
  private attach(instance: InstanceLike, entry: string, forbidden: string): unknown {
    if (typeof instance !== 'object' || instance === null || typeof instance.exports !== 'object') {
      throw new TypeError('WASI: the instance must be an object with exports');
    }
    if (this.started) throw new Error('WASI: the instance has already been started');
    const { exports } = instance;
    const memory = exports.memory as MemoryLike | undefined;
    if (typeof memory !== 'object' || memory === null ||
      // A Vitrine memory is checked without taking `buffer`, which would mark it exposed.
      !(untrackedBuffer in memory || memory.buffer instanceof ArrayBuffer || memory.buffer instanceof SharedArrayBuffer)) {
      throw new TypeError('WASI: the instance must export its memory as "memory"');
    }
    const fn = exports[entry];
    if (entry === '_start' && typeof fn !== 'function') throw new TypeError('WASI: the instance has no "_start" export');
    if (fn !== undefined && typeof fn !== 'function') throw new TypeError(`WASI: the "${entry}" export is not a function`);
    if (exports[forbidden] !== undefined) throw new TypeError(`WASI: the instance must not export "${forbidden}"`);
    this.started = true;
    this.preview1.setMemory(memory);
    return fn;
  }

  private closeAll(fds: FdTable): void {
    for (const d of fds.all()) d.resource.close();
    this.io?.close();
    this.io = null;
  }
}
