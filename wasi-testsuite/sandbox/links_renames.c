/*
 * Leaving the preopen with hard links and renames: linking or moving an outside file in, or an
 * inside file out, by `..`, by absolute path, through host-made and guest-made links; hard links
 * to a symlink that points outside (made fine, useless when followed); renaming over a symlink
 * (replaces the link, never its target); moving the preopen's parent. Either end of a link or
 * rename that leaves the preopen is refused (EPERM) and nothing is moved.
 */
#include "sandbox.h"

static void try_link(const char *attempt, __wasi_fd_t old_dir, __wasi_lookupflags_t lookup,
                     const char *old_path, __wasi_fd_t new_dir, const char *new_path) {
  report(attempt, __wasi_path_link(old_dir, lookup, old_path, new_dir, new_path));
}

static void try_rename(const char *attempt, __wasi_fd_t old_dir, const char *old_path,
                       __wasi_fd_t new_dir, const char *new_path) {
  report(attempt, __wasi_path_rename(old_dir, old_path, new_dir, new_path));
}

int main(int argc, char **argv) {
  __wasi_fd_t root = setup(argc, argv);
  const __wasi_lookupflags_t follow = __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;
  report("symlink-g-up", __wasi_path_symlink("..", root, "g-up"));

  /* ---- hard links ---- */
  try_link("link-inside", root, 0, "inside.txt", root, "sub/l-inside");
  try_open("open-link-inside", root, 0, "sub/l-inside", 0);

  /* An outside file linked in. */
  try_link("link-from-parent", root, 0, "../outside/secret.txt", root, "l-secret");
  try_link("link-from-abs-host", root, 0, host_path("outside/secret.txt"), root, "l-secret");
  try_link("link-from-host-rel-dir", root, 0, "h-rel-dir/secret.txt", root, "l-secret");
  try_link("link-from-host-abs-dir", root, 0, "h-abs-dir/secret.txt", root, "l-secret");
  try_link("link-from-g-up", root, 0, "g-up/outside/secret.txt", root, "l-secret");
  try_link("link-follow-host-rel-file", root, follow, "h-rel-file", root, "l-secret");
  try_link("link-follow-host-abs-file", root, follow, "h-abs-file", root, "l-secret");
  try_open("open-l-secret", root, 0, "l-secret", 0);

  /* An inside file linked out. */
  try_link("link-to-parent", root, 0, "inside.txt", root, "../outside/l-inside");
  try_link("link-to-abs-host", root, 0, "inside.txt", root, host_path("outside/l-inside"));
  try_link("link-to-host-rel-dir", root, 0, "inside.txt", root, "h-rel-dir/l-inside");
  try_link("link-to-g-up", root, 0, "inside.txt", root, "g-up/outside/l-inside");
  try_link("link-onto-dangling-link", root, 0, "inside.txt", root, "h-dangling-out");

  /* A hard link to the symlink itself stays a symlink that points outside. */
  try_link("link-nofollow-host-rel-file", root, 0, "h-rel-file", root, "l-to-symlink");
  try_stat("lstat-l-to-symlink", root, 0, "l-to-symlink");
  try_open("follow-l-to-symlink", root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "l-to-symlink", 0);

  /* From a directory inside: `..` reaches the preopen, not above. */
  __wasi_fd_t sub = open_dir(root, "sub");
  try_link("subdir-link-from-parent", sub, 0, "../inside.txt", sub, "l-from-parent");
  try_link("subdir-link-from-outside", sub, 0, "../../outside/secret.txt", sub, "l-secret");
  try_link("subdir-link-to-outside", sub, 0, "deep.txt", sub, "../../outside/l-deep");

  /* ---- renames ---- */
  /* An outside file moved in. */
  try_rename("rename-from-parent", root, "../outside/victim.txt", root, "r-victim");
  try_rename("rename-from-abs-host", root, host_path("outside/victim.txt"), root, "r-victim");
  try_rename("rename-from-host-rel-dir", root, "h-rel-dir/victim.txt", root, "r-victim");
  try_rename("rename-from-host-abs-dir", root, "h-abs-dir/victim.txt", root, "r-victim");
  try_rename("rename-from-g-up", root, "g-up/outside/victim.txt", root, "r-victim");
  try_rename("rename-dir-from-parent", root, "../outside/victim-dir", root, "r-victim-dir");
  try_open("open-r-victim", root, 0, "r-victim", 0);

  /* An inside file or directory moved out. */
  try_rename("rename-to-parent", root, "inside.txt", root, "../outside/r-inside");
  try_rename("rename-to-abs-host", root, "inside.txt", root, host_path("outside/r-inside"));
  try_rename("rename-to-host-rel-dir", root, "inside.txt", root, "h-rel-dir/r-inside");
  try_rename("rename-to-g-up", root, "inside.txt", root, "g-up/outside/r-inside");
  try_rename("rename-over-outside-file", root, "inside.txt", root, "../outside/victim.txt");
  try_rename("rename-over-outside-via-link", root, "inside.txt", root, "h-rel-dir/victim.txt");
  try_rename("rename-dir-to-parent", root, "sub", root, "../outside/r-sub");
  try_rename("rename-dir-to-other-preopen", root, "sub", root, "../other/r-sub");
  try_rename("subdir-rename-to-outside", sub, "deep.txt", sub, "../../outside/r-deep");
  try_rename("subdir-rename-from-outside", sub, "../../outside/victim.txt", sub, "r-victim");
  try_rename("subdir-rename-within-preopen", sub, "../inside.txt", sub, "r-inside");
  close_fd(sub);

  /* Moving the preopen's parent in. */
  try_rename("rename-parent-in", root, "..", root, "r-parent");

  /* Renaming over a symlink replaces the link; the file it pointed at stays as it was. */
  write_file("write-r-new", root, "r-new", "replacement\n");
  try_rename("rename-over-host-rel-file", root, "r-new", root, "h-rel-file");
  try_open("open-replaced-link", root, 0, "h-rel-file", 0);
  write_file("write-r-new-2", root, "r-new", "replacement\n");
  try_rename("rename-over-host-abs-file", root, "r-new", root, "h-abs-file");
  report("mkdir-r-dir", __wasi_path_create_directory(root, "r-dir"));
  try_rename("rename-dir-over-dir-link", root, "r-dir", root, "h-rel-dir");
  try_open("nofollow-h-rel-dir-still-link", root, 0, "h-rel-dir", 0);

  /* Moving a link that points outside moves the link; it still leads nowhere. */
  try_rename("rename-abs-dir-link", root, "h-abs-dir", root, "sub/r-abs-dir");
  try_open("through-moved-abs-dir-link", root, 0, "sub/r-abs-dir/secret.txt", 0);
  try_rename("rename-g-up-into-sub", root, "g-up", root, "sub/r-up");
  try_open("through-moved-g-up", root, 0, "sub/r-up/inside.txt", 0);
  try_open("through-moved-g-up-out", root, 0, "sub/r-up/../outside/secret.txt", 0);

  /*
   * Holding an fd on a directory, then putting a link that leads out in its place: the fd stays
   * on the directory (now sub-moved), and the path now meets the link, refused.
   */
  __wasi_fd_t held = open_dir(root, "sub");
  try_rename("swap-move-dir-away", root, "sub", root, "sub-moved");
  report("swap-link-in-its-place", __wasi_path_symlink("h-rel-dir", root, "sub"));
  try_open("swap-held-fd-file", held, 0, "deep.txt", 0);
  try_open("swap-held-fd-secret", held, 0, "secret.txt", 0);
  try_open("swap-path-secret", root, 0, "sub/secret.txt", 0);
  report("swap-held-fd-mkdir", __wasi_path_create_directory(held, "made-in-held"));
  try_stat("swap-made-in-held", root, 0, "sub-moved/made-in-held");
  close_fd(held);

  done();
  return 0;
}
