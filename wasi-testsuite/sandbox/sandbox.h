/*
 * Shared by the sandbox programs (wasi-testsuite/sandbox/<name>.c): each program makes escape attempts
 * with the raw preview1 calls of <wasi/api.h> — so the exact path bytes reach the host, with no
 * libc path handling in between — and prints one line per attempt:
 *
 *     <attempt name> <result>
 *
 * where the result is the WASI errno name (EPERM, ENOENT, ELOOP, ...) or "ok", and for an open
 * that succeeded, what the guest got: "ok read=<first bytes of the file>" or
 * "ok dir=<sorted entry names>" — so an escape that works shows the outside data in the output.
 * The last line is "done". The test (sandbox.test.ts) compares the lines with <program>.expected.
 *
 * Every program is run with the host layout that sandbox.test.ts builds: a temporary folder T
 * holding outside/, other/ and sandbox/, with sandbox/ preopened as "/sandbox" and other/ as
 * "/other"; argv[1] is T's host path (for the attempts that name host paths).
 */
#ifndef SANDBOX_H
#define SANDBOX_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

/* The witx errno enum, in order, with the usual C names ("ok" for success). */
static const char *const errno_names[] = {
    "ok", "E2BIG", "EACCES", "EADDRINUSE", "EADDRNOTAVAIL", "EAFNOSUPPORT", "EAGAIN", "EALREADY",
    "EBADF", "EBADMSG", "EBUSY", "ECANCELED", "ECHILD", "ECONNABORTED", "ECONNREFUSED",
    "ECONNRESET", "EDEADLK", "EDESTADDRREQ", "EDOM", "EDQUOT", "EEXIST", "EFAULT", "EFBIG",
    "EHOSTUNREACH", "EIDRM", "EILSEQ", "EINPROGRESS", "EINTR", "EINVAL", "EIO", "EISCONN",
    "EISDIR", "ELOOP", "EMFILE", "EMLINK", "EMSGSIZE", "EMULTIHOP", "ENAMETOOLONG", "ENETDOWN",
    "ENETRESET", "ENETUNREACH", "ENFILE", "ENOBUFS", "ENODEV", "ENOENT", "ENOEXEC", "ENOLCK",
    "ENOLINK", "ENOMEM", "ENOMSG", "ENOPROTOOPT", "ENOSPC", "ENOSYS", "ENOTCONN", "ENOTDIR",
    "ENOTEMPTY", "ENOTRECOVERABLE", "ENOTSOCK", "ENOTSUP", "ENOTTY", "ENXIO", "EOVERFLOW",
    "EOWNERDEAD", "EPERM", "EPIPE", "EPROTO", "EPROTONOSUPPORT", "EPROTOTYPE", "ERANGE", "EROFS",
    "ESPIPE", "ESRCH", "ESTALE", "ETIMEDOUT", "ETXTBSY", "EXDEV", "ENOTCAPABLE",
};

static inline const char *errno_name(unsigned e) {
  static char unknown[24];
  if (e < sizeof errno_names / sizeof errno_names[0]) return errno_names[e];
  snprintf(unknown, sizeof unknown, "errno%u", e);
  return unknown;
}

/* One result line. */
static inline void report(const char *attempt, __wasi_errno_t e) {
  printf("%s %s\n", attempt, errno_name(e));
}

/* fd_close; a failure is noted on stderr (it would show in the test's failure message). */
static inline void close_fd(__wasi_fd_t fd) {
  __wasi_errno_t e = __wasi_fd_close(fd);
  if (e != 0) fprintf(stderr, "fd_close(%u): %s\n", (unsigned)fd, errno_name(e));
}

/* The host path of the layout's root T (argv[1]) and a buffer to build host paths in. */
static const char *host_root = "";
static char host_path_buf[4096];

static inline const char *host_path(const char *relative) {
  snprintf(host_path_buf, sizeof host_path_buf, "%s/%s", host_root, relative);
  return host_path_buf;
}

/* The fd of the preopened directory named `name`; exits with status 2 if there is none. */
static inline __wasi_fd_t preopen(const char *name) {
  for (__wasi_fd_t fd = 3; fd < 64; fd++) {
    __wasi_prestat_t prestat;
    __wasi_errno_t e = __wasi_fd_prestat_get(fd, &prestat);
    if (e == __WASI_ERRNO_BADF) break;
    if (e != 0 || prestat.tag != __WASI_PREOPENTYPE_DIR) continue;
    char got[256];
    size_t len = prestat.u.dir.pr_name_len;
    if (len >= sizeof got) continue;
    if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)got, len) != 0) continue;
    got[len] = '\0';
    if (strcmp(got, name) == 0) return fd;
  }
  fprintf(stderr, "no preopened directory %s\n", name);
  exit(2);
}

/* Checks the command line and returns the sandbox preopen. */
static inline __wasi_fd_t setup(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s HOST-ROOT (run with --dir HOST-ROOT/sandbox::/sandbox)\n", argv[0]);
    exit(2);
  }
  host_root = argv[1];
  setvbuf(stdout, NULL, _IOLBF, 0);
  return preopen("/sandbox");
}

/* ---- opening, and showing what an open reached ------------------------------------------- */

#define RIGHTS_READ                                                                          \
  (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL |                    \
   __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_READDIR)
#define RIGHTS_WRITE                                                                         \
  (__WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE |                              \
   __WASI_RIGHTS_FD_FILESTAT_SET_TIMES)
#define RIGHTS_DIR                                                                           \
  (__WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_PATH_OPEN |       \
   __WASI_RIGHTS_PATH_CREATE_DIRECTORY | __WASI_RIGHTS_PATH_CREATE_FILE |                    \
   __WASI_RIGHTS_PATH_LINK_SOURCE | __WASI_RIGHTS_PATH_LINK_TARGET |                         \
   __WASI_RIGHTS_PATH_READLINK | __WASI_RIGHTS_PATH_RENAME_SOURCE |                          \
   __WASI_RIGHTS_PATH_RENAME_TARGET | __WASI_RIGHTS_PATH_FILESTAT_GET |                      \
   __WASI_RIGHTS_PATH_FILESTAT_SET_TIMES | __WASI_RIGHTS_PATH_SYMLINK |                      \
   __WASI_RIGHTS_PATH_REMOVE_DIRECTORY | __WASI_RIGHTS_PATH_UNLINK_FILE)

/*
 * path_open asking for the rights the open needs — directory rights with OFLAGS_DIRECTORY, write
 * rights only when creating or truncating, else reading — limited (as wasi-libc does) to what
 * `dir` may hand on, so a refusal is about the path, never about rights.
 */
static inline __wasi_errno_t open_at(__wasi_fd_t dir, __wasi_lookupflags_t lookup, const char *path,
                                     __wasi_oflags_t oflags, __wasi_fd_t *out) {
  __wasi_fdstat_t stat;
  __wasi_rights_t inheriting = ~(__wasi_rights_t)0;
  if (__wasi_fd_fdstat_get(dir, &stat) == 0) inheriting = stat.fs_rights_inheriting;
  __wasi_rights_t base = RIGHTS_READ;
  if (oflags & __WASI_OFLAGS_DIRECTORY) base = RIGHTS_DIR;
  else if (oflags & (__WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC)) base |= RIGHTS_WRITE;
  return __wasi_path_open(dir, lookup, path, oflags, base & inheriting, inheriting, 0, out);
}

static inline int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends "dir=<sorted names>" (without . and ..) for a directory fd. */
static inline void describe_dir(__wasi_fd_t fd, char *out, size_t size) {
  static uint8_t buf[8192];
  static char names[8192];
  char *list[128];
  size_t count = 0, used = 0, filled = 0;
  if (__wasi_fd_readdir(fd, buf, sizeof buf, 0, &filled) != 0) {
    snprintf(out, size, "dir=?");
    return;
  }
  for (size_t at = 0; at + sizeof(__wasi_dirent_t) <= filled && count < 128;) {
    __wasi_dirent_t entry;
    memcpy(&entry, buf + at, sizeof entry);
    at += sizeof entry;
    if (at + entry.d_namlen > filled || used + entry.d_namlen + 1 > sizeof names) break;
    memcpy(names + used, buf + at, entry.d_namlen);
    names[used + entry.d_namlen] = '\0';
    at += entry.d_namlen;
    if (strcmp(names + used, ".") != 0 && strcmp(names + used, "..") != 0) list[count++] = names + used;
    used += entry.d_namlen + 1;
  }
  qsort(list, count, sizeof list[0], compare_names);
  size_t n = (size_t)snprintf(out, size, "dir=");
  for (size_t i = 0; i < count && n < size; i++) {
    n += (size_t)snprintf(out + n, size - n, "%s%s", i ? "," : "", list[i]);
  }
}

/* Appends "read=<first bytes>" for a file fd; unprintable bytes become '.'. */
static inline void describe_file(__wasi_fd_t fd, char *out, size_t size) {
  char data[48];
  __wasi_iovec_t iov = {(uint8_t *)data, sizeof data - 1};
  size_t got = 0;
  if (__wasi_fd_read(fd, &iov, 1, &got) != 0) {
    snprintf(out, size, "read=?");
    return;
  }
  for (size_t i = 0; i < got; i++) {
    if (data[i] < 0x20 || data[i] > 0x7e || data[i] == ' ') data[i] = data[i] == '\n' ? '\0' : '.';
  }
  data[got] = '\0';
  snprintf(out, size, "read=%s", data);
}

/* Reports an open's outcome: the errno, or "ok" and what the fd shows; closes the fd. */
static inline void report_open(const char *attempt, __wasi_errno_t e, __wasi_fd_t fd) {
  if (e != 0) {
    report(attempt, e);
    return;
  }
  char what[1024];
  __wasi_filestat_t stat;
  if (__wasi_fd_filestat_get(fd, &stat) != 0) {
    snprintf(what, sizeof what, "filestat?");
  } else if (stat.filetype == __WASI_FILETYPE_DIRECTORY) {
    describe_dir(fd, what, sizeof what);
  } else {
    describe_file(fd, what, sizeof what);
  }
  printf("%s ok %s\n", attempt, what);
  close_fd(fd);
}

/* An open attempt: `dir`, lookup flags, path, oflags. */
static inline void try_open(const char *attempt, __wasi_fd_t dir, __wasi_lookupflags_t lookup,
                     const char *path, __wasi_oflags_t oflags) {
  __wasi_fd_t fd = 0;
  __wasi_errno_t e = open_at(dir, lookup, path, oflags, &fd);
  report_open(attempt, e, fd);
}

/* Opens a directory the program itself needs, following symlinks (exits if it cannot). */
static inline __wasi_fd_t open_dir(__wasi_fd_t dir, const char *path) {
  __wasi_fd_t fd = 0;
  __wasi_errno_t e =
      open_at(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path, __WASI_OFLAGS_DIRECTORY, &fd);
  if (e != 0) {
    fprintf(stderr, "cannot open directory %s: %s\n", path, errno_name(e));
    exit(2);
  }
  return fd;
}

/* A filestat attempt: "ok file size=<n>", "ok directory", "ok symlink", ... on success. */
static inline void try_stat(const char *attempt, __wasi_fd_t dir, __wasi_lookupflags_t lookup,
                            const char *path) {
  static const char *const types[] = {"unknown", "block", "char", "directory", "file",
                                      "dgram", "stream", "symlink"};
  __wasi_filestat_t stat;
  __wasi_errno_t e = __wasi_path_filestat_get(dir, lookup, path, &stat);
  if (e != 0) {
    report(attempt, e);
  } else if (stat.filetype == __WASI_FILETYPE_REGULAR_FILE) {
    printf("%s ok file size=%llu\n", attempt, (unsigned long long)stat.size);
  } else {
    printf("%s ok %s\n", attempt, stat.filetype < 8 ? types[stat.filetype] : "?");
  }
}

/* A readlink attempt: "ok <target>" on success. */
static inline void try_readlink(const char *attempt, __wasi_fd_t dir, const char *path) {
  char target[512];
  size_t len = 0;
  __wasi_errno_t e = __wasi_path_readlink(dir, path, (uint8_t *)target, sizeof target - 1, &len);
  if (e != 0) {
    report(attempt, e);
    return;
  }
  target[len] = '\0';
  printf("%s ok %s\n", attempt, target);
}

/* Creates (or truncates) a file inside the sandbox with `text`; part of a program's set-up. */
static inline void write_file(const char *attempt, __wasi_fd_t dir, const char *path, const char *text) {
  __wasi_fd_t fd = 0;
  __wasi_errno_t e = open_at(dir, 0, path, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, &fd);
  if (e == 0) {
    __wasi_ciovec_t iov = {(const uint8_t *)text, strlen(text)};
    size_t written = 0;
    e = __wasi_fd_write(fd, &iov, 1, &written);
    close_fd(fd);
  }
  report(attempt, e);
}

/* Wall-clock "now" for both timestamps (ATIM_NOW | MTIM_NOW). */
#define SET_BOTH_NOW (__WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM_NOW)

static inline void done(void) {
  printf("done\n");
}

#endif
