/*
 * A small HTTP/1.1 server on a preopened TCP listener — the socket a runtime hands in with
 * `--tcplisten HOST:PORT` (wasmtime's convention; Vitrine's CLI and WASI class do the same).
 * WASI preview1 cannot create or bind sockets: it accepts on the listener it was given, with
 * sock_accept, sock_recv, sock_send and sock_shutdown, and waits with poll_oneoff.
 *
 * Usage: httpd MAX-REQUESTS [IDLE-MS]
 *   Serves MAX-REQUESTS connections (one request each, "Connection: close"), then exits 0.
 *   Exits 3 if IDLE-MS (default 10000) pass with no connection or no request bytes.
 *
 * Routes:
 *   GET /              200, a greeting with the request's number
 *   GET /echo...       200, the request line and header lines as received
 *   GET /files/PATH    200 and the file PATH under the preopened directory "/www" (if there is
 *                      one), or 404 with the errno name — so "/files/../secret" is answered
 *                      "EPERM" by the sandbox, not by this program
 *   other paths        404;  methods other than GET and HEAD: 405
 * Each request is logged on stdout: "<n> <method> <target> <status>".
 */
#include "sandbox.h"

static uint64_t idle_ns = 10000ull * 1000000ull;

/* Waits until `fd` is ready (`type`: FD_READ or FD_WRITE): 1 ready, 0 timed out, -1 error. */
static int wait_fd(__wasi_fd_t fd, __wasi_eventtype_t type) {
  __wasi_subscription_t subs[2];
  memset(subs, 0, sizeof subs);
  subs[0].userdata = 1;
  subs[0].u.tag = type;
  subs[0].u.u.fd_read.file_descriptor = fd;
  subs[1].userdata = 2;
  subs[1].u.tag = __WASI_EVENTTYPE_CLOCK;
  subs[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  subs[1].u.u.clock.timeout = idle_ns;
  __wasi_event_t events[2];
  size_t count = 0;
  __wasi_errno_t e = __wasi_poll_oneoff(subs, events, 2, &count);
  if (e != 0) {
    fprintf(stderr, "httpd: poll_oneoff: %s\n", errno_name(e));
    return -1;
  }
  for (size_t i = 0; i < count; i++) {
    if (events[i].userdata == 1) return 1; /* ready, or an error the next call will report */
  }
  return 0;
}

/* The first preopened TCP listener. */
static int find_listener(void) {
  for (__wasi_fd_t fd = 3; fd < 64; fd++) {
    __wasi_fdstat_t stat;
    __wasi_errno_t e = __wasi_fd_fdstat_get(fd, &stat);
    if (e == __WASI_ERRNO_BADF) continue;
    if (e == 0 && stat.fs_filetype == __WASI_FILETYPE_SOCKET_STREAM) return (int)fd;
  }
  return -1;
}

/* The preopened directory named `name`, or -1. */
static int find_dir(const char *name) {
  for (__wasi_fd_t fd = 3; fd < 64; fd++) {
    __wasi_prestat_t prestat;
    if (__wasi_fd_prestat_get(fd, &prestat) != 0 || prestat.tag != __WASI_PREOPENTYPE_DIR) continue;
    char got[256];
    size_t len = prestat.u.dir.pr_name_len;
    if (len >= sizeof got || __wasi_fd_prestat_dir_name(fd, (uint8_t *)got, len) != 0) continue;
    got[len] = '\0';
    if (strcmp(got, name) == 0) return (int)fd;
  }
  return -1;
}

/* Sends all of `data`, waiting whenever the socket is not ready; 0 on success. */
static int send_all(__wasi_fd_t conn, const char *data, size_t len) {
  while (len > 0) {
    __wasi_ciovec_t iov = {(const uint8_t *)data, len};
    size_t sent = 0;
    __wasi_errno_t e = __wasi_sock_send(conn, &iov, 1, 0, &sent);
    if (e == __WASI_ERRNO_AGAIN) {
      if (wait_fd(conn, __WASI_EVENTTYPE_FD_WRITE) <= 0) return -1;
      continue;
    }
    if (e != 0) {
      fprintf(stderr, "httpd: sock_send: %s\n", errno_name(e));
      return -1;
    }
    data += sent;
    len -= sent;
  }
  return 0;
}

static char body[65536];
static char head[512];

static void respond(__wasi_fd_t conn, int status, const char *reason, int with_body,
                    size_t body_len) {
  int n = snprintf(head, sizeof head,
                   "HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\nContent-Length: %zu\r\n"
                   "Connection: close\r\nServer: vitrine-httpd\r\n\r\n",
                   status, reason, body_len);
  if (send_all(conn, head, (size_t)n) == 0 && with_body) send_all(conn, body, body_len);
}

/* Reads the request head (up to the blank line) into `req`; its length, or -1. */
static long read_head(__wasi_fd_t conn, char *req, size_t size) {
  size_t len = 0;
  req[0] = '\0';
  while (len < size - 1 && strstr(req, "\r\n\r\n") == NULL) {
    __wasi_iovec_t iov = {(uint8_t *)req + len, size - 1 - len};
    size_t got = 0;
    __wasi_roflags_t roflags = 0;
    __wasi_errno_t e = __wasi_sock_recv(conn, &iov, 1, 0, &got, &roflags);
    if (e == __WASI_ERRNO_AGAIN) {
      if (wait_fd(conn, __WASI_EVENTTYPE_FD_READ) <= 0) return -1;
      continue;
    }
    if (e != 0) {
      fprintf(stderr, "httpd: sock_recv: %s\n", errno_name(e));
      return -1;
    }
    if (got == 0) break; /* the client closed its side */
    len += got;
    req[len] = '\0';
  }
  return (long)len;
}

/* Serves one connection: request `number`. */
static void serve(__wasi_fd_t conn, long number, long max, int www) {
  static char req[8192];
  char method[16] = "", target[1024] = "", version[16] = "";
  if (read_head(conn, req, sizeof req) <= 0 ||
      sscanf(req, "%15s %1023s %15s", method, target, version) != 3) {
    int n = snprintf(body, sizeof body, "bad request\n");
    respond(conn, 400, "Bad Request", 1, (size_t)n);
    printf("%ld - - 400\n", number);
    return;
  }
  int head_only = strcmp(method, "HEAD") == 0;
  int status = 200;
  const char *reason = "OK";
  size_t len = 0;
  if (!head_only && strcmp(method, "GET") != 0) {
    status = 405, reason = "Method Not Allowed";
    len = (size_t)snprintf(body, sizeof body, "only GET and HEAD\n");
  } else if (strcmp(target, "/") == 0) {
    len = (size_t)snprintf(body, sizeof body,
                           "Hello from a WASI program in Vitrine: request %ld of %ld\n", number, max);
  } else if (strncmp(target, "/echo", 5) == 0) {
    char *end = strstr(req, "\r\n\r\n");
    len = end ? (size_t)(end - req) + 2 : strlen(req);
    memcpy(body, req, len);
  } else if (strncmp(target, "/files/", 7) == 0 && www >= 0) {
    __wasi_fd_t fd = 0;
    __wasi_errno_t e = __wasi_path_open((__wasi_fd_t)www, 0, target + 7, 0,
                                        __WASI_RIGHTS_FD_READ, 0, 0, &fd);
    while (e == 0 && len < sizeof body) {
      __wasi_iovec_t iov = {(uint8_t *)body + len, sizeof body - len};
      size_t got = 0;
      e = __wasi_fd_read(fd, &iov, 1, &got);
      if (got == 0) break;
      len += got;
    }
    if (e != 0) {
      status = 404, reason = "Not Found";
      len = (size_t)snprintf(body, sizeof body, "%s\n", errno_name(e));
    }
    if (fd != 0) close_fd(fd);
  } else {
    status = 404, reason = "Not Found";
    len = (size_t)snprintf(body, sizeof body, "not found\n");
  }
  respond(conn, status, reason, !head_only, len);
  printf("%ld %s %s %d\n", number, method, target, status);
}

int main(int argc, char **argv) {
  long max = argc > 1 ? atol(argv[1]) : 1;
  if (argc > 2) idle_ns = (uint64_t)atol(argv[2]) * 1000000ull;
  setvbuf(stdout, NULL, _IOLBF, 0);
  int listener = find_listener();
  if (listener < 0) {
    fprintf(stderr, "httpd: no preopened TCP listener (run with --tcplisten HOST:PORT)\n");
    return 2;
  }
  int www = find_dir("/www");
  printf("httpd: listening on fd %d, serving %ld request(s)%s\n", listener, max,
         www >= 0 ? ", files from /www" : "");
  long served = 0;
  while (served < max) {
    int ready = wait_fd((__wasi_fd_t)listener, __WASI_EVENTTYPE_FD_READ);
    if (ready < 0) return 1;
    if (ready == 0) {
      fprintf(stderr, "httpd: no connection for %llu ms\n", (unsigned long long)(idle_ns / 1000000));
      return 3;
    }
    __wasi_fd_t conn = 0;
    __wasi_errno_t e = __wasi_sock_accept((__wasi_fd_t)listener, 0, &conn);
    if (e == __WASI_ERRNO_AGAIN) continue;
    if (e != 0) {
      fprintf(stderr, "httpd: sock_accept: %s\n", errno_name(e));
      return 1;
    }
    served++;
    serve(conn, served, max, www);
    (void)__wasi_sock_shutdown(conn, __WASI_SDFLAGS_WR);
    close_fd(conn);
  }
  printf("httpd: served %ld request(s)\n", served);
  return 0;
}
