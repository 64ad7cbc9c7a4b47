/*
 * The same kinds of attempts as an ordinary C program makes them, through wasi-libc's POSIX
 * functions (fopen, opendir, mkdir, unlink, rmdir, rename, link, symlink, chdir). wasi-libc maps
 * an absolute path to the preopen whose name is its longest prefix and passes the rest, `..` and
 * all, to the host — so "/sandbox/../outside/secret.txt" reaches the host as
 * "../outside/secret.txt" relative to /sandbox, where it is refused. The result is the C errno
 * (wasi-libc's errno values are the WASI ones), printed by name.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sandbox.h"

/* One result line: "ok", or the name of errno when the call `failed`. */
static void result(const char *attempt, int failed) {
  printf("%s %s\n", attempt, failed ? errno_name((unsigned)errno) : "ok");
}

static void try_fopen(const char *attempt, const char *path, const char *mode) {
  errno = 0;
  FILE *f = fopen(path, mode);
  if (f == NULL) {
    result(attempt, 1);
    return;
  }
  char line[64] = "";
  if (fgets(line, sizeof line, f) == NULL) line[0] = '\0';
  line[strcspn(line, "\n")] = '\0';
  fclose(f);
  printf("%s ok read=%s\n", attempt, line);
}

static void try_opendir(const char *attempt, const char *path) {
  errno = 0;
  DIR *d = opendir(path);
  if (d == NULL) {
    result(attempt, 1);
    return;
  }
  int count = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL;) count++;
  closedir(d);
  printf("%s ok entries=%d\n", attempt, count);
}

int main(int argc, char **argv) {
  setup(argc, argv);
  char path[4200];

  try_fopen("fopen-inside", "/sandbox/inside.txt", "r");
  try_fopen("fopen-dotdot", "/sandbox/../outside/secret.txt", "r");
  try_fopen("fopen-sub-dotdot", "/sandbox/sub/../../outside/secret.txt", "r");
  try_fopen("fopen-decoy", "/sandbox/../inside.txt", "r");
  try_fopen("fopen-host-rel-file", "/sandbox/h-rel-file", "r");
  try_fopen("fopen-host-abs-file", "/sandbox/h-abs-file", "r");
  try_fopen("fopen-through-host-rel-dir", "/sandbox/h-rel-dir/secret.txt", "r");
  try_fopen("fopen-through-host-root", "/sandbox/h-root/etc/passwd", "r");
  try_fopen("fopen-write-through-link", "/sandbox/h-rel-file", "w");
  try_fopen("fopen-append-through-link", "/sandbox/h-abs-file", "a");
  try_fopen("fopen-create-dangling", "/sandbox/h-dangling-out", "w");
  try_fopen("fopen-loop", "/sandbox/h-loop-a", "r");
  try_opendir("opendir-dotdot", "/sandbox/..");
  try_opendir("opendir-host-rel-dir", "/sandbox/h-rel-dir");
  try_opendir("opendir-host-root", "/sandbox/h-root");

  errno = 0;
  result("mkdir-dotdot", mkdir("/sandbox/../outside/libc-dir", 0755) != 0);
  errno = 0;
  result("mkdir-through-link", mkdir("/sandbox/h-rel-dir/libc-dir", 0755) != 0);
  errno = 0;
  result("unlink-dotdot", unlink("/sandbox/../outside/victim.txt") != 0);
  errno = 0;
  result("unlink-through-link", unlink("/sandbox/h-abs-dir/victim.txt") != 0);
  errno = 0;
  result("rmdir-dotdot", rmdir("/sandbox/../outside/victim-dir") != 0);
  errno = 0;
  result("rename-out", rename("/sandbox/inside.txt", "/sandbox/../outside/libc-moved") != 0);
  errno = 0;
  result("rename-in", rename("/sandbox/../outside/victim.txt", "/sandbox/libc-stolen") != 0);
  errno = 0;
  result("rename-to-other-preopen-via-dotdot",
         rename("/sandbox/inside.txt", "/sandbox/../other/libc-moved") != 0);
  errno = 0;
  result("link-in", link("/sandbox/../outside/secret.txt", "/sandbox/libc-link") != 0);
  errno = 0;
  result("link-out", link("/sandbox/inside.txt", "/sandbox/h-rel-dir/libc-link") != 0);
  errno = 0;
  result("symlink-rel-out", symlink("../outside/secret.txt", "/sandbox/libc-symlink") != 0);
  try_fopen("fopen-libc-symlink", "/sandbox/libc-symlink", "r");
  errno = 0;
  result("symlink-abs", symlink("/etc/passwd", "/sandbox/libc-abs-symlink") != 0);
  errno = 0;
  struct stat st;
  result("stat-through-link", stat("/sandbox/h-rel-dir/secret.txt", &st) != 0);
  errno = 0;
  result("lstat-link", lstat("/sandbox/h-rel-file", &st) != 0);

  /* chdir into the sandbox, then relative paths: wasi-libc joins them to the cwd. */
  errno = 0;
  result("chdir-sub", chdir("/sandbox/sub") != 0);
  try_fopen("cwd-fopen-deep", "deep.txt", "r");
  try_fopen("cwd-fopen-up", "../inside.txt", "r");
  try_fopen("cwd-fopen-up-up", "../../outside/secret.txt", "r");
  try_fopen("cwd-fopen-through-up-link", "h-upup/outside/secret.txt", "r");

  /* Absolute host paths name no preopen: wasi-libc itself answers. */
  snprintf(path, sizeof path, "%s/outside/secret.txt", host_root);
  try_fopen("fopen-abs-host", path, "r");

  done();
  return 0;
}
