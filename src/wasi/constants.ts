/**
 * The witx types of wasi_snapshot_preview1 that are not the filesystem's (those are in
 * fs/types.ts, errno values in errno.ts): rights, clocks, events, sockets, signals, preopens —
 * and the rights each kind of descriptor can hold.
 *
 * Values and record layouts are those of ../shared/wasi-spec/typenames.witx.
 */

// ---- rights (u64 flags; bigint, as the guest passes them) ----------------------------------

export const RIGHTS_FD_DATASYNC = 1n << 0n;
export const RIGHTS_FD_READ = 1n << 1n;
export const RIGHTS_FD_SEEK = 1n << 2n;
export const RIGHTS_FD_FDSTAT_SET_FLAGS = 1n << 3n;
export const RIGHTS_FD_SYNC = 1n << 4n;
export const RIGHTS_FD_TELL = 1n << 5n;
export const RIGHTS_FD_WRITE = 1n << 6n;
export const RIGHTS_FD_ADVISE = 1n << 7n;
export const RIGHTS_FD_ALLOCATE = 1n << 8n;
export const RIGHTS_PATH_CREATE_DIRECTORY = 1n << 9n;
export const RIGHTS_PATH_CREATE_FILE = 1n << 10n;
export const RIGHTS_PATH_LINK_SOURCE = 1n << 11n;
export const RIGHTS_PATH_LINK_TARGET = 1n << 12n;
export const RIGHTS_PATH_OPEN = 1n << 13n;
export const RIGHTS_FD_READDIR = 1n << 14n;
export const RIGHTS_PATH_READLINK = 1n << 15n;
export const RIGHTS_PATH_RENAME_SOURCE = 1n << 16n;
export const RIGHTS_PATH_RENAME_TARGET = 1n << 17n;
export const RIGHTS_PATH_FILESTAT_GET = 1n << 18n;
export const RIGHTS_PATH_FILESTAT_SET_SIZE = 1n << 19n;
export const RIGHTS_PATH_FILESTAT_SET_TIMES = 1n << 20n;
export const RIGHTS_FD_FILESTAT_GET = 1n << 21n;
export const RIGHTS_FD_FILESTAT_SET_SIZE = 1n << 22n;
export const RIGHTS_FD_FILESTAT_SET_TIMES = 1n << 23n;
export const RIGHTS_PATH_SYMLINK = 1n << 24n;
export const RIGHTS_PATH_REMOVE_DIRECTORY = 1n << 25n;
export const RIGHTS_PATH_UNLINK_FILE = 1n << 26n;
export const RIGHTS_POLL_FD_READWRITE = 1n << 27n;
export const RIGHTS_SOCK_SHUTDOWN = 1n << 28n;
export const RIGHTS_SOCK_ACCEPT = 1n << 29n;

/** Every right the witx defines. */
export const RIGHTS_ALL = (1n << 30n) - 1n;

/**
 * The most a descriptor of each kind can hold (base rights; what it passes on to descriptors
 * opened through it is its inheriting rights). `path_open` and `fd_fdstat_set_rights` only ever
 * narrow these, so a right that does not apply to a kind never shows in its `fdstat`.
 */
export const RIGHTS_FILE_BASE = RIGHTS_FD_DATASYNC | RIGHTS_FD_READ | RIGHTS_FD_SEEK
  | RIGHTS_FD_FDSTAT_SET_FLAGS | RIGHTS_FD_SYNC | RIGHTS_FD_TELL | RIGHTS_FD_WRITE | RIGHTS_FD_ADVISE
  | RIGHTS_FD_ALLOCATE | RIGHTS_FD_FILESTAT_GET | RIGHTS_FD_FILESTAT_SET_SIZE
  | RIGHTS_FD_FILESTAT_SET_TIMES | RIGHTS_POLL_FD_READWRITE;
export const RIGHTS_DIR_BASE = RIGHTS_FD_FDSTAT_SET_FLAGS | RIGHTS_FD_SYNC | RIGHTS_FD_ADVISE
  | RIGHTS_PATH_CREATE_DIRECTORY | RIGHTS_PATH_CREATE_FILE | RIGHTS_PATH_LINK_SOURCE
  | RIGHTS_PATH_LINK_TARGET | RIGHTS_PATH_OPEN | RIGHTS_FD_READDIR | RIGHTS_PATH_READLINK
  | RIGHTS_PATH_RENAME_SOURCE | RIGHTS_PATH_RENAME_TARGET | RIGHTS_PATH_FILESTAT_GET
  | RIGHTS_PATH_FILESTAT_SET_SIZE | RIGHTS_PATH_FILESTAT_SET_TIMES | RIGHTS_FD_FILESTAT_GET
  | RIGHTS_FD_FILESTAT_SET_TIMES | RIGHTS_PATH_SYMLINK | RIGHTS_PATH_REMOVE_DIRECTORY
  | RIGHTS_PATH_UNLINK_FILE | RIGHTS_POLL_FD_READWRITE;
/** A directory passes on what its subdirectories and files can hold. */
export const RIGHTS_DIR_INHERITING = RIGHTS_DIR_BASE | RIGHTS_FILE_BASE;
/** A terminal, pipe or other stream that cannot seek (stdio, a device met in a host preopen). */
export const RIGHTS_STREAM_BASE = RIGHTS_FD_READ | RIGHTS_FD_FDSTAT_SET_FLAGS | RIGHTS_FD_WRITE
  | RIGHTS_FD_FILESTAT_GET | RIGHTS_POLL_FD_READWRITE;
/** A connected socket. */
export const RIGHTS_SOCKET_BASE = RIGHTS_STREAM_BASE | RIGHTS_SOCK_SHUTDOWN;
/**
 * A listening socket: accepts connections, which get RIGHTS_SOCKET_BASE. FD_READ lets the guest
 * poll it for a pending connection (as wasmtime's preopened listeners).
 */
export const RIGHTS_LISTENER_BASE = RIGHTS_FD_READ | RIGHTS_FD_FDSTAT_SET_FLAGS | RIGHTS_FD_FILESTAT_GET
  | RIGHTS_POLL_FD_READWRITE | RIGHTS_SOCK_ACCEPT;

// ---- clocks ----------------------------------------------------------------------------------

/** `clockid` (u32). */
export const CLOCKID_REALTIME = 0;
export const CLOCKID_MONOTONIC = 1;
export const CLOCKID_PROCESS_CPUTIME_ID = 2;
export const CLOCKID_THREAD_CPUTIME_ID = 3;

// ---- poll_oneoff -----------------------------------------------------------------------------

/** `eventtype` (u8). */
export const EVENTTYPE_CLOCK = 0;
export const EVENTTYPE_FD_READ = 1;
export const EVENTTYPE_FD_WRITE = 2;

/** `subclockflags` (u16). */
export const SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME = 1;

/** `eventrwflags` (u16). */
export const EVENTRWFLAGS_FD_READWRITE_HANGUP = 1;

/**
 * `subscription` (48 bytes, align 8): userdata u64 @0, tag u8 @8, then the union at 16 —
 * clock: id u32 @16, timeout u64 @24, precision u64 @32, flags u16 @40; fd_read/fd_write:
 * file_descriptor u32 @16.
 */
export const SUBSCRIPTION_SIZE = 48;
/**
 * `event` (32 bytes, align 8): userdata u64 @0, error u16 @8, type u8 @10, fd_readwrite:
 * nbytes u64 @16, flags u16 @24.
 */
export const EVENT_SIZE = 32;

// ---- sockets ---------------------------------------------------------------------------------

/** `riflags` (u16). */
export const RIFLAGS_RECV_PEEK = 1;
export const RIFLAGS_RECV_WAITALL = 2;
/** `roflags` (u16). */
export const ROFLAGS_RECV_DATA_TRUNCATED = 1;
/** `sdflags` (u8). */
export const SDFLAGS_RD = 1;
export const SDFLAGS_WR = 2;

// ---- processes -------------------------------------------------------------------------------

/**
 * `signal` (u8): the witx names in order, as POSIX names. A signal's number is its index
 * (`none` is 0); the names are those Node's os.constants.signals uses.
 */
export const SIGNAL_NAMES = [
  'NONE', 'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGKILL',
  'SIGUSR1', 'SIGSEGV', 'SIGUSR2', 'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGCHLD', 'SIGCONT', 'SIGSTOP',
  'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGXCPU', 'SIGXFSZ', 'SIGVTALRM', 'SIGPROF', 'SIGWINCH',
  'SIGPOLL', 'SIGPWR', 'SIGSYS',
] as const;

// ---- preopens --------------------------------------------------------------------------------

/** `preopentype` (u8). */
export const PREOPENTYPE_DIR = 0;
