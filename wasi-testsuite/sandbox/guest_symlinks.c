/*
 * Leaving the preopen through symlinks the guest makes itself with path_symlink: relative targets
 * that climb out (allowed to exist — a target is only text until followed — but refused when
 * followed), absolute targets (refused at creation, as wasmtime does and wasi-testsuite's
 * symlink_create expects), links created outside or through a link, chains, loops, long chains,
 * and a link whose meaning changes when it is renamed to another directory.
 */
#include "sandbox.h"

static void try_symlink(const char *attempt, const char *target, __wasi_fd_t dir,
                        const char *path) {
  report(attempt, __wasi_path_symlink(target, dir, path));
}

int main(int argc, char **argv) {
  __wasi_fd_t root = setup(argc, argv);
  const __wasi_lookupflags_t follow = __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;
  const __wasi_oflags_t dir = __WASI_OFLAGS_DIRECTORY;
  char name[32], target[32];

  /* A link that stays inside works. */
  try_symlink("symlink-inside", "sub/deep.txt", root, "g-inside");
  try_open("follow-g-inside", root, follow, "g-inside", 0);

  /* Relative targets that climb out: created, never followed out. */
  try_symlink("symlink-rel-file", "../outside/secret.txt", root, "g-rel-file");
  try_open("follow-g-rel-file", root, follow, "g-rel-file", 0);
  try_open("truncate-g-rel-file", root, follow, "g-rel-file", __WASI_OFLAGS_TRUNC);
  try_stat("stat-g-rel-file", root, follow, "g-rel-file");
  try_readlink("readlink-g-rel-file", root, "g-rel-file");
  try_symlink("symlink-up", "..", root, "g-up");
  try_open("follow-g-up", root, follow, "g-up", dir);
  try_open("through-g-up", root, 0, "g-up/outside/secret.txt", 0);
  try_open("through-g-up-decoy", root, 0, "g-up/inside.txt", 0);
  try_open("create-through-g-up", root, 0, "g-up/outside/created.txt", __WASI_OFLAGS_CREAT);
  report("mkdir-through-g-up", __wasi_path_create_directory(root, "g-up/outside/g-dir"));
  report("unlink-through-g-up", __wasi_path_unlink_file(root, "g-up/outside/victim.txt"));
  report("rename-into-g-up", __wasi_path_rename(root, "inside.txt", root, "g-up/outside/moved.txt"));
  try_symlink("symlink-other-preopen", "../other/other.txt", root, "g-other");
  try_open("follow-g-other", root, follow, "g-other", 0);

  /* A dangling link to a file outside: following it to create must not create anything. */
  try_symlink("symlink-dangling-out", "../outside/created-by-guest.txt", root, "g-dangling");
  try_open("create-through-g-dangling", root, follow, "g-dangling", __WASI_OFLAGS_CREAT);
  try_open("create-excl-g-dangling", root, follow, "g-dangling",
           __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL);
  report("mkdir-on-g-dangling", __wasi_path_create_directory(root, "g-dangling"));

  /* Absolute targets are refused when the link is made, so nothing can follow them later. */
  try_symlink("symlink-abs-root", "/", root, "g-abs-root");
  try_symlink("symlink-abs-host-secret", host_path("outside/secret.txt"), root, "g-abs-secret");
  try_symlink("symlink-abs-host-inside", host_path("sandbox/inside.txt"), root, "g-abs-inside");
  try_symlink("symlink-abs-guest-name", "/sandbox/inside.txt", root, "g-abs-guest");
  try_open("follow-g-abs-root", root, follow, "g-abs-root", dir);
  try_open("follow-g-abs-secret", root, follow, "g-abs-secret", 0);
  try_open("follow-g-abs-guest", root, follow, "g-abs-guest", 0);

  /* Where the link is made: never outside, never through a link that leaves. */
  try_symlink("symlink-at-parent", "inside.txt", root, "../outside/g-link");
  try_symlink("symlink-at-abs-host", "inside.txt", root, host_path("outside/g-link"));
  try_symlink("symlink-in-host-rel-dir", "inside.txt", root, "h-rel-dir/g-link");
  try_symlink("symlink-in-g-up", "inside.txt", root, "g-up/outside/g-link");
  try_symlink("symlink-over-file", "../outside/secret.txt", root, "inside.txt");
  try_symlink("symlink-over-link", "inside.txt", root, "h-rel-file");
  try_open("inside-unchanged", root, 0, "inside.txt", 0);

  /* A chain ending outside. */
  try_symlink("symlink-chain-1", "g-chain2", root, "g-chain1");
  try_symlink("symlink-chain-2", "sub/g-chain3", root, "g-chain2");
  try_symlink("symlink-chain-3", "../g-up", root, "sub/g-chain3");
  try_open("follow-g-chain", root, follow, "g-chain1", dir);
  try_open("through-g-chain", root, 0, "g-chain1/outside/secret.txt", 0);

  /* Loops, and chains short and long. */
  try_symlink("symlink-loop-a", "g-loop-b", root, "g-loop-a");
  try_symlink("symlink-loop-b", "g-loop-a", root, "g-loop-b");
  try_open("follow-g-loop", root, follow, "g-loop-a", 0);
  try_open("through-g-loop", root, 0, "g-loop-a/x", 0);
  try_symlink("symlink-self", "g-self", root, "g-self");
  try_open("follow-g-self", root, follow, "g-self", 0);
  try_symlink("symlink-self-dir", "g-self-dir/x", root, "g-self-dir");
  try_open("follow-g-self-dir", root, follow, "g-self-dir", 0);
  __wasi_errno_t first = 0;
  for (int i = 0; i < 8; i++) {  /* g-short-0 -> ... -> g-short-7 -> inside.txt */
    snprintf(name, sizeof name, "g-short-%d", i);
    if (i == 7) snprintf(target, sizeof target, "inside.txt");
    else snprintf(target, sizeof target, "g-short-%d", i + 1);
    __wasi_errno_t e = __wasi_path_symlink(target, root, name);
    if (first == 0) first = e;
  }
  report("symlink-short-chain", first);
  try_open("follow-short-chain", root, follow, "g-short-0", 0);
  first = 0;
  for (int i = 0; i < 100; i++) {  /* g-long-0 -> ... -> g-long-99 -> inside.txt */
    snprintf(name, sizeof name, "g-long-%d", i);
    if (i == 99) snprintf(target, sizeof target, "inside.txt");
    else snprintf(target, sizeof target, "g-long-%d", i + 1);
    __wasi_errno_t e = __wasi_path_symlink(target, root, name);
    if (first == 0) first = e;
  }
  report("symlink-long-chain", first);
  try_open("follow-long-chain", root, follow, "g-long-0", 0);

  /*
   * A link that is fine where it is made — sub/g-move -> ../inside.txt is /sandbox/inside.txt —
   * means T/inside.txt (a decoy outside) once moved up to /sandbox; following it then is refused.
   */
  try_symlink("symlink-to-move", "../inside.txt", root, "sub/g-move");
  try_open("follow-before-move", root, follow, "sub/g-move", 0);
  report("rename-link-up", __wasi_path_rename(root, "sub/g-move", root, "g-moved"));
  try_open("follow-after-move", root, follow, "g-moved", 0);
  try_readlink("readlink-after-move", root, "g-moved");

  /* Made from a directory opened inside the preopen. */
  __wasi_fd_t sub = open_dir(root, "sub");
  try_symlink("subdir-symlink-up", "../inside.txt", sub, "g-sub-up");
  try_open("subdir-follow-up", sub, follow, "g-sub-up", 0);
  try_open("root-follow-sub-up", root, follow, "sub/g-sub-up", 0);
  try_symlink("subdir-symlink-upup", "../../outside/secret.txt", sub, "g-sub-upup");
  try_open("subdir-follow-upup", sub, follow, "g-sub-upup", 0);
  try_symlink("subdir-symlink-at-parent", "x", sub, "../../outside/g-link");
  close_fd(sub);

  /* Removing a link removes the link, never its target. */
  report("unlink-g-rel-file", __wasi_path_unlink_file(root, "g-rel-file"));
  report("unlink-g-up", __wasi_path_unlink_file(root, "g-up"));
  report("rmdir-g-chain1", __wasi_path_remove_directory(root, "g-chain1"));

  done();
  return 0;
}
