/*
 * Leaving the preopen through `..` and absolute paths (no symlinks involved): opens, creates,
 * truncations, stats, timestamp changes and readlinks whose path climbs above /sandbox or names
 * a host path, from the preopen and from a directory opened inside it. A path is resolved
 * component by component, so `..` above the preopen is refused (EPERM) even where a textual
 * clean-up would land back inside, and a component that is missing or not a directory answers
 * as POSIX does before any later `..` is looked at. Also: bytes no path may hold, and wild
 * pointers and lengths (EFAULT).
 */
#include "sandbox.h"

/* path_open with an explicit byte length, to pass bytes wasi-libc's wrapper cannot (a NUL). */
__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_open")))
int32_t raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len, int32_t oflags,
                      int64_t rights_base, int64_t rights_inheriting, int32_t fdflags, int32_t fd_out);

static void try_raw_open(const char *attempt, __wasi_fd_t dir, uint32_t path, uint32_t len,
                         uint32_t fd_out) {
  __wasi_errno_t e = (__wasi_errno_t)raw_path_open((int32_t)dir, 0, (int32_t)path, (int32_t)len, 0,
                                                   __WASI_RIGHTS_FD_READ, 0, 0, (int32_t)fd_out);
  report_open(attempt, e, e == 0 ? *(__wasi_fd_t *)(uintptr_t)fd_out : 0);
}

static uint32_t address(const void *p) {
  return (uint32_t)(uintptr_t)p;
}

int main(int argc, char **argv) {
  __wasi_fd_t root = setup(argc, argv);
  const __wasi_lookupflags_t follow = __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;

  /* Inside: these work, and `..` that stays inside is fine. */
  try_open("open-inside", root, 0, "inside.txt", 0);
  try_open("open-dotdot-staying-inside", root, 0, "sub/../inside.txt", 0);
  try_open("open-dots-and-slashes", root, 0, "./sub//./deep.txt", 0);
  try_open("open-root-dot", root, 0, ".", __WASI_OFLAGS_DIRECTORY);

  /* Climbing out with `..`. */
  try_open("open-parent", root, 0, "..", __WASI_OFLAGS_DIRECTORY);
  try_open("open-parent-slash", root, 0, "../", 0);
  try_open("open-dot-parent", root, 0, "./..", __WASI_OFLAGS_DIRECTORY);
  try_open("open-parent-file", root, 0, "../outside/secret.txt", 0);
  try_open("open-parent-decoy", root, 0, "../inside.txt", 0);
  try_open("open-sub-up-up", root, 0, "sub/../../outside/secret.txt", 0);
  try_open("open-zigzag-up", root, 0, "sub/../sub/../../outside/secret.txt", 0);
  try_open("open-many-parents", root, 0, "../../../../../../../../../../etc/passwd", 0);
  try_open("open-parent-and-back", root, 0, "../sandbox/inside.txt", 0);
  try_open("open-parent-other-preopen", root, 0, "../other/other.txt", 0);
  try_open("open-parent-missing", root, 0, "../outside/no-such-file", 0);
  try_open("open-backslashes", root, 0, "..\\outside\\secret.txt", 0); /* one name on POSIX */
  try_open("open-follow-parent-file", root, follow, "../outside/secret.txt", 0);

  /* A component that is not a directory, or is missing, fails before the `..` after it. */
  try_open("open-file-then-up", root, 0, "inside.txt/../../outside/secret.txt", 0);
  try_open("open-missing-then-up", root, 0, "missing/../../outside/secret.txt", 0);

  /* Absolute paths are never accepted, whatever they name. */
  try_open("open-abs-root", root, 0, "/", __WASI_OFLAGS_DIRECTORY);
  try_open("open-abs-guest-name", root, 0, "/sandbox/inside.txt", 0);
  try_open("open-abs-host-secret", root, 0, host_path("outside/secret.txt"), 0);
  try_open("open-abs-host-inside", root, 0, host_path("sandbox/inside.txt"), 0);
  try_open("open-abs-etc", root, 0, "/etc/passwd", 0);
  try_open("open-abs-double-slash", root, 0, "//etc/passwd", 0);
  try_open("open-abs-root-parent", root, 0, "/..", __WASI_OFLAGS_DIRECTORY);

  /* Odd bytes: an empty path, an embedded NUL, bytes that are not UTF-8. */
  try_open("open-empty", root, 0, "", 0);
  static __wasi_fd_t fd_out;
  static const char with_nul[] = "inside.txt\0/../../outside/secret.txt";
  try_raw_open("open-embedded-nul", root, address(with_nul), sizeof with_nul - 1, address(&fd_out));
  static const char not_utf8[] = "inside\xff.txt";
  try_raw_open("open-not-utf8", root, address(not_utf8), sizeof not_utf8 - 1, address(&fd_out));

  /* Wild pointers and lengths: EFAULT, never a path made of whatever lies there. */
  try_raw_open("open-path-out-of-memory", root, 0xfffffff0u, 12, address(&fd_out));
  try_raw_open("open-path-length-past-memory", root, address(not_utf8), 0x7fffffffu, address(&fd_out));
  try_raw_open("open-result-out-of-memory", root, address("inside.txt"), 10, 0xfffffffcu);

  /* Writing outside: create, truncate, exclusive create. */
  try_open("create-parent", root, 0, "../outside/created.txt", __WASI_OFLAGS_CREAT);
  try_open("create-excl-parent", root, 0, "../outside/created.txt",
           __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL);
  try_open("create-abs-host", root, 0, host_path("outside/created.txt"), __WASI_OFLAGS_CREAT);
  try_open("create-abs-root", root, 0, "/created.txt", __WASI_OFLAGS_CREAT);
  try_open("truncate-parent", root, 0, "../outside/victim.txt", __WASI_OFLAGS_TRUNC);
  try_open("truncate-abs-host", root, 0, host_path("outside/victim.txt"), __WASI_OFLAGS_TRUNC);

  /* Metadata of what is outside: stat, set times, readlink. */
  try_stat("stat-parent", root, follow, "..");
  try_stat("stat-parent-file", root, 0, "../outside/secret.txt");
  try_stat("stat-parent-missing", root, 0, "../outside/no-such-file");
  try_stat("stat-abs-root", root, 0, "/");
  try_stat("stat-abs-host", root, follow, host_path("outside/secret.txt"));
  report("settimes-parent-file",
         __wasi_path_filestat_set_times(root, follow, "../outside/victim.txt", 0, 0, SET_BOTH_NOW));
  report("settimes-parent",
         __wasi_path_filestat_set_times(root, follow, "..", 0, 0, SET_BOTH_NOW));
  report("settimes-abs-host",
         __wasi_path_filestat_set_times(root, 0, host_path("outside/victim.txt"), 0, 0,
                                        SET_BOTH_NOW));
  try_readlink("readlink-parent", root, "../outside/secret.txt");

  /* From a directory opened inside the preopen: `..` may climb to the preopen, never above. */
  __wasi_fd_t sub = open_dir(root, "sub");
  try_open("subdir-open-file", sub, 0, "deep.txt", 0);
  try_open("subdir-open-parent", sub, 0, "..", __WASI_OFLAGS_DIRECTORY);
  try_open("subdir-open-parent-file", sub, 0, "../inside.txt", 0);
  try_open("subdir-open-parent-parent", sub, 0, "../..", __WASI_OFLAGS_DIRECTORY);
  try_open("subdir-open-outside", sub, 0, "../../outside/secret.txt", 0);
  try_open("subdir-open-decoy", sub, 0, "../../inside.txt", 0);
  try_open("subdir-create-outside", sub, 0, "../../outside/created.txt", __WASI_OFLAGS_CREAT);
  try_open("subdir-open-abs", sub, 0, "/sandbox/inside.txt", 0);
  try_stat("subdir-stat-outside", sub, 0, "../../outside");
  close_fd(sub);

  done();
  return 0;
}
