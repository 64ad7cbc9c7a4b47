/*
 * Leaving the preopen through symlinks the host made (sandbox.test.ts creates them before the
 * run): relative and absolute, to files and to directories, to / and to the other preopen,
 * chains, loops, a link to itself, dangling links pointing outside. Each is tried as the final
 * component (followed, or not) and as an intermediate one (always followed). Symlinks are
 * expanded inside the preopen: a target that climbs above it, or any absolute target, is refused
 * (EPERM) — even one naming a host path inside the sandbox.
 *
 * The host-made links (in /sandbox):
 *   h-rel-file -> ../outside/secret.txt      h-abs-file   -> T/outside/secret.txt
 *   h-rel-dir  -> ../outside                  h-abs-dir    -> T/outside
 *   h-root     -> /                           h-abs-inside -> T/sandbox/inside.txt
 *   h-dotdot   -> ..                          h-dot        -> .
 *   h-other    -> ../other/other.txt          h-inside     -> sub/deep.txt
 *   h-chain1   -> h-chain2 -> sub/h-chain3 -> ../h-rel-dir
 *   h-ok-chain1 -> sub/h-ok-chain2 -> ../inside.txt
 *   h-loop-a -> h-loop-b -> h-loop-a          h-self -> h-self
 *   h-dangling-out -> ../outside/created-through-link.txt, h-empty-out -> ../outside/empty-dir
 *   h-sub -> sub, h-subsub -> sub/subsub, sub/h-up -> .., sub/h-upup -> ../..
 */
#include "sandbox.h"

int main(int argc, char **argv) {
  __wasi_fd_t root = setup(argc, argv);
  const __wasi_lookupflags_t follow = __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW;
  const __wasi_oflags_t dir = __WASI_OFLAGS_DIRECTORY;

  /* Links that stay inside work, followed as the last component or passed through. */
  try_open("follow-inside", root, follow, "h-inside", 0);
  try_open("follow-ok-chain", root, follow, "h-ok-chain1", 0);
  try_open("follow-dot", root, follow, "h-dot", dir);
  try_open("through-dot", root, 0, "h-dot/inside.txt", 0);
  try_open("through-sub", root, 0, "h-sub/deep.txt", 0);
  try_open("through-sub-up", root, 0, "sub/h-up/inside.txt", 0);
  try_open("through-sub-up-twice", root, 0, "sub/h-up/sub/h-up/sub/deep.txt", 0);

  /* Relative links that climb out. */
  try_open("follow-rel-file", root, follow, "h-rel-file", 0);
  try_open("follow-rel-dir", root, follow, "h-rel-dir", dir);
  try_open("through-rel-dir", root, 0, "h-rel-dir/secret.txt", 0);
  try_open("through-rel-dir-dotdot", root, 0, "h-rel-dir/../sandbox/inside.txt", 0);
  try_open("follow-dotdot", root, follow, "h-dotdot", dir);
  try_open("through-dotdot", root, 0, "h-dotdot/outside/secret.txt", 0);
  try_open("through-dotdot-decoy", root, 0, "h-dotdot/inside.txt", 0);
  try_open("follow-other-preopen", root, follow, "h-other", 0);
  try_open("through-sub-upup", root, 0, "sub/h-upup/outside/secret.txt", 0);
  try_open("follow-sub-upup", root, follow, "sub/h-upup", dir);

  /* Absolute links: refused wherever they point, even into the sandbox. */
  try_open("follow-abs-file", root, follow, "h-abs-file", 0);
  try_open("follow-abs-dir", root, follow, "h-abs-dir", dir);
  try_open("through-abs-dir", root, 0, "h-abs-dir/secret.txt", 0);
  try_open("follow-abs-inside", root, follow, "h-abs-inside", 0);
  try_open("follow-root", root, follow, "h-root", dir);
  try_open("through-root", root, 0, "h-root/etc/passwd", 0);

  /* A chain whose last link leaves, and loops. */
  try_open("follow-chain", root, follow, "h-chain1", dir);
  try_open("through-chain", root, 0, "h-chain1/secret.txt", 0);
  try_open("follow-loop", root, follow, "h-loop-a", 0);
  try_open("through-loop", root, 0, "h-loop-a/x", 0);
  try_open("follow-self", root, follow, "h-self", 0);
  try_open("through-self", root, 0, "h-self/x", 0);

  /* Not following the last component: the link itself is not opened. */
  try_open("nofollow-rel-file", root, 0, "h-rel-file", 0);
  try_open("nofollow-abs-file", root, 0, "h-abs-file", 0);
  try_open("nofollow-rel-dir-as-dir", root, 0, "h-rel-dir", dir);
  try_open("nofollow-inside", root, 0, "h-inside", 0);
  /* ...but a trailing slash resolves the link (POSIX), so it is refused like a followed one. */
  try_open("nofollow-slash-rel-dir", root, 0, "h-rel-dir/", dir);
  try_open("nofollow-slash-rel-file", root, 0, "h-rel-file/", 0);
  try_stat("lstat-slash-rel-dir", root, 0, "h-rel-dir/");

  /* Creating or truncating through links that point outside. */
  try_open("create-through-dangling", root, follow, "h-dangling-out", __WASI_OFLAGS_CREAT);
  try_open("create-excl-through-dangling", root, follow, "h-dangling-out",
           __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL);
  try_open("create-nofollow-dangling", root, 0, "h-dangling-out", __WASI_OFLAGS_CREAT);
  try_open("truncate-through-rel-file", root, follow, "h-rel-file", __WASI_OFLAGS_TRUNC);
  try_open("truncate-through-abs-file", root, follow, "h-abs-file", __WASI_OFLAGS_TRUNC);
  try_open("create-in-rel-dir", root, 0, "h-rel-dir/created.txt", __WASI_OFLAGS_CREAT);
  try_open("create-in-abs-dir", root, 0, "h-abs-dir/created.txt", __WASI_OFLAGS_CREAT);
  try_open("create-in-chain", root, 0, "h-chain1/created.txt", __WASI_OFLAGS_CREAT);

  /* Stats: the link itself is inside (lstat works); what it points at is not. */
  try_stat("lstat-rel-file", root, 0, "h-rel-file");
  try_stat("lstat-abs-dir", root, 0, "h-abs-dir");
  try_stat("stat-rel-file", root, follow, "h-rel-file");
  try_stat("stat-rel-dir", root, follow, "h-rel-dir");
  try_stat("stat-through-rel-dir", root, 0, "h-rel-dir/secret.txt");
  try_stat("stat-abs-file", root, follow, "h-abs-file");
  try_stat("stat-through-abs-dir", root, 0, "h-abs-dir/victim-dir");
  try_stat("stat-root", root, follow, "h-root");
  try_stat("stat-loop", root, follow, "h-loop-a");
  try_stat("stat-dangling-out", root, follow, "h-dangling-out");
  try_stat("stat-inside", root, follow, "h-inside");

  /* Timestamps: following changes the target, which is outside; not following changes the link. */
  report("settimes-follow-rel-file",
         __wasi_path_filestat_set_times(root, follow, "h-rel-file", 0, 0, SET_BOTH_NOW));
  report("settimes-follow-abs-file",
         __wasi_path_filestat_set_times(root, follow, "h-abs-file", 0, 0, SET_BOTH_NOW));
  report("settimes-through-rel-dir",
         __wasi_path_filestat_set_times(root, 0, "h-rel-dir/victim.txt", 0, 0, SET_BOTH_NOW));
  report("settimes-nofollow-rel-file",
         __wasi_path_filestat_set_times(root, 0, "h-rel-file", 0, 0, SET_BOTH_NOW));

  /* Readlink reads the link (inside) but never resolves through a link that leaves. */
  try_readlink("readlink-rel-file", root, "h-rel-file");
  try_readlink("readlink-sub-upup", root, "sub/h-upup");
  try_readlink("readlink-through-rel-dir", root, "h-rel-dir/secret.txt");
  try_readlink("readlink-through-dotdot", root, "h-dotdot/sandbox/h-rel-file");

  /* From a directory opened inside the preopen: links may lead up to the preopen, not above. */
  __wasi_fd_t sub = open_dir(root, "sub");
  try_open("subdir-through-up", sub, 0, "h-up/inside.txt", 0);
  try_open("subdir-follow-upup", sub, follow, "h-upup", dir);
  try_open("subdir-through-upup", sub, 0, "h-upup/outside/secret.txt", 0);
  try_open("subdir-through-chain3", sub, 0, "h-chain3/secret.txt", 0);
  close_fd(sub);

  /* A directory reached through a link: `..` from it is relative to where it really is. */
  __wasi_fd_t via = open_dir(root, "h-subsub");
  try_open("via-link-file", via, 0, "bottom.txt", 0);
  try_open("via-link-parent-file", via, 0, "../deep.txt", 0);
  try_open("via-link-above-preopen", via, 0, "../../../outside/secret.txt", 0);
  close_fd(via);

  done();
  return 0;
}
