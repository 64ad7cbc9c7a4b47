/*
 * Leaving the preopen with path_create_directory, path_unlink_file and path_remove_directory:
 * making or removing entries outside by `..`, by absolute path, through host-made and guest-made
 * links to directories outside; a final symlink is never followed by these calls, so making a
 * directory on a dangling link is EEXIST, and unlinking a link removes only the link. The preopen
 * itself cannot be removed.
 */
#include "sandbox.h"

static void try_mkdir(const char *attempt, __wasi_fd_t dir, const char *path) {
  report(attempt, __wasi_path_create_directory(dir, path));
}

static void try_unlink(const char *attempt, __wasi_fd_t dir, const char *path) {
  report(attempt, __wasi_path_unlink_file(dir, path));
}

static void try_rmdir(const char *attempt, __wasi_fd_t dir, const char *path) {
  report(attempt, __wasi_path_remove_directory(dir, path));
}

int main(int argc, char **argv) {
  __wasi_fd_t root = setup(argc, argv);
  report("symlink-g-up", __wasi_path_symlink("..", root, "g-up"));
  report("symlink-g-dangling-dir", __wasi_path_symlink("../outside/g-new-dir", root, "g-dangling-dir"));

  /* ---- mkdir ---- */
  try_mkdir("mkdir-inside", root, "sub/new-dir");
  try_mkdir("mkdir-parent", root, "../outside/new-dir");
  try_mkdir("mkdir-parent-itself", root, "..");
  try_mkdir("mkdir-parent-sibling", root, "../new-dir");
  try_mkdir("mkdir-sub-up-up", root, "sub/../../outside/new-dir");
  try_mkdir("mkdir-abs-host", root, host_path("outside/new-dir"));
  try_mkdir("mkdir-abs-root", root, "/new-dir");
  try_mkdir("mkdir-in-host-rel-dir", root, "h-rel-dir/new-dir");
  try_mkdir("mkdir-in-host-abs-dir", root, "h-abs-dir/new-dir");
  try_mkdir("mkdir-in-host-chain", root, "h-chain1/new-dir");
  try_mkdir("mkdir-in-g-up", root, "g-up/outside/new-dir");
  try_mkdir("mkdir-on-host-dangling-link", root, "h-dangling-out");
  try_mkdir("mkdir-on-g-dangling-dir", root, "g-dangling-dir");
  try_mkdir("mkdir-on-host-rel-dir-link", root, "h-rel-dir");
  try_mkdir("mkdir-on-loop", root, "h-loop-a");
  try_mkdir("mkdir-slash-on-host-dangling-link", root, "h-dangling-out/");
  try_mkdir("mkdir-slash-on-g-dangling-dir", root, "g-dangling-dir/");

  /* ---- unlink ---- */
  try_unlink("unlink-parent", root, "../outside/victim.txt");
  try_unlink("unlink-sub-up-up", root, "sub/../../outside/victim.txt");
  try_unlink("unlink-abs-host", root, host_path("outside/victim.txt"));
  try_unlink("unlink-abs-guest-name", root, "/sandbox/inside.txt");
  try_unlink("unlink-in-host-rel-dir", root, "h-rel-dir/victim.txt");
  try_unlink("unlink-in-host-abs-dir", root, "h-abs-dir/victim.txt");
  try_unlink("unlink-in-host-chain", root, "h-chain1/victim.txt");
  try_unlink("unlink-in-g-up", root, "g-up/outside/victim.txt");
  try_unlink("unlink-in-host-root", root, "h-root/tmp/no-such-file");
  try_unlink("unlink-decoy-via-dotdot-link", root, "h-dotdot/inside.txt");
  try_unlink("unlink-other-preopen", root, "../other/other.txt");

  /* ---- rmdir ---- */
  try_rmdir("rmdir-parent", root, "../outside/victim-dir");
  try_rmdir("rmdir-parent-itself", root, "..");
  try_rmdir("rmdir-abs-host", root, host_path("outside/victim-dir"));
  try_rmdir("rmdir-in-host-rel-dir", root, "h-rel-dir/victim-dir");
  try_rmdir("rmdir-in-host-abs-dir", root, "h-abs-dir/victim-dir");
  try_rmdir("rmdir-in-g-up", root, "g-up/outside/victim-dir");
  try_rmdir("rmdir-host-dir-link", root, "h-rel-dir");
  try_rmdir("rmdir-host-abs-dir-link", root, "h-abs-dir");
  /* A link to an empty directory outside: rmdir never follows the link, slash or not. */
  try_rmdir("rmdir-host-empty-out-link", root, "h-empty-out");
  try_rmdir("rmdir-slash-host-empty-out-link", root, "h-empty-out/");
  try_rmdir("rmdir-through-host-empty-out-link", root, "h-empty-out/.");
  try_unlink("unlink-slash-host-rel-dir-link", root, "h-rel-dir/");
  try_unlink("unlink-slash-host-rel-file-link", root, "h-rel-file/");
  try_rmdir("rmdir-preopen-dot", root, ".");
  try_rmdir("rmdir-preopen-via-sub", root, "sub/..");

  /* ---- from a directory opened inside ---- */
  __wasi_fd_t sub = open_dir(root, "sub");
  try_mkdir("subdir-mkdir-outside", sub, "../../outside/new-dir");
  try_unlink("subdir-unlink-outside", sub, "../../outside/victim.txt");
  try_rmdir("subdir-rmdir-outside", sub, "../../outside/victim-dir");
  try_rmdir("subdir-rmdir-preopen", sub, "..");
  try_mkdir("subdir-mkdir-in-preopen", sub, "../made-from-sub");
  try_rmdir("subdir-rmdir-in-preopen", sub, "../made-from-sub");
  close_fd(sub);

  /* ---- removing links removes only the links ---- */
  try_unlink("unlink-host-rel-file-link", root, "h-rel-file");
  try_unlink("unlink-host-abs-file-link", root, "h-abs-file");
  try_unlink("unlink-host-rel-dir-link", root, "h-rel-dir");
  try_unlink("unlink-host-abs-dir-link", root, "h-abs-dir");
  try_unlink("unlink-host-root-link", root, "h-root");
  try_unlink("unlink-g-up", root, "g-up");
  try_unlink("unlink-loop-link", root, "h-loop-a");
  try_stat("gone-host-rel-file", root, 0, "h-rel-file");

  done();
  return 0;
}
