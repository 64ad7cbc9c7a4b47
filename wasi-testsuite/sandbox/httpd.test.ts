/**
 * The HTTP server demo (httpd.c) answers real requests from a Node client on 127.0.0.1, run two
 * ways: `vitrine run --tcplisten 127.0.0.1:PORT --dir WWW::/www httpd.wasm N`, and an embedder
 * using the `WASI` class with `tcplisten: ['127.0.0.1:0']` (httpd-api.ts, in a child process:
 * `start` blocks its thread). N requests — sequential and concurrent, GET, HEAD, a refused method,
 * a file from /www, a path that tries to leave /www — then the server exits 0. Bounded: N
 * requests, and every wait has a deadline (the server's own idle limit, the client's per-request
 * timeout, and a kill of the whole run).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const wasm = join(repo, 'wasi-testsuite/sandbox/httpd.wasm');
const cli = join(repo, 'dist/src/cli/main.js');

/** Whole-run limit: the server is killed (and the test fails) after this. */
const RUN_LIMIT_MS = 60_000;
/** The server's idle limit (its second argument). */
const IDLE_MS = 20_000;
/** Requests the server is started for: what {@link exercise} makes. */
const REQUESTS = 9;

/** A port that was free a moment ago on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One HTTP request on a fresh connection, failing after 15 s. */
function fetchOnce(port: number, method: string, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false, timeout: 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 15 s`)));
    req.on('error', reject);
    req.end();
  });
}

/** A started server: its output so far, and its exit. */
interface Server {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  readonly exit: Promise<number | null>;
}

function startServer(args: string[]): Server {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const server: Server = {
    child,
    stdout: '',
    stderr: '',
    exit: new Promise((resolve) => child.on('close', (code) => resolve(code))),
  };
  child.stdout!.on('data', (d) => (server.stdout += d));
  child.stderr!.on('data', (d) => (server.stderr += d));
  const limit = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS);
  void server.exit.then(() => clearTimeout(limit));
  return server;
}

/** Waits until the server printed its "listening" line (or exited). */
async function listening(server: Server): Promise<void> {
  const deadline = Date.now() + RUN_LIMIT_MS;
  let exited = false;
  void server.exit.then(() => (exited = true));
  while (!server.stdout.includes('httpd: listening')) {
    if (exited || Date.now() > deadline) {
      throw new Error(`the server did not start:\n${server.stdout}${server.stderr}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Makes the requests of the demo against `port` and checks each answer; returns how many were
 * made (the server was started to serve exactly that many).
 */
async function exercise(port: number): Promise<number> {
  let n = 0;
  const first = await fetchOnce(port, 'GET', '/');
  n++;
  assert.is(first.status, 200);
  assert.is(first.body, `Hello from a WASI program in Vitrine: request 1 of ${REQUESTS}\n`);
  assert.is(first.headers['content-length'], String(first.body.length));

  const echo = await fetchOnce(port, 'GET', '/echo?x=1', { 'X-Vitrine-Test': 'sandbox' });
  n++;
  assert.is(echo.status, 200);
  assert.ok(echo.body.startsWith('GET /echo?x=1 HTTP/1.1\r\n'), echo.body);
  assert.match(echo.body, /\r\nX-Vitrine-Test: sandbox\r\n/i);

  const file = await fetchOnce(port, 'GET', '/files/hello.txt');
  n++;
  assert.is(file.status, 200);
  assert.is(file.body, 'hello from /www\n');

  const escape = await fetchOnce(port, 'GET', '/files/../secret.txt');
  n++;
  assert.is(escape.status, 404);
  assert.is(escape.body, 'EPERM\n', 'the sandbox refuses the path');

  const head = await fetchOnce(port, 'HEAD', '/');
  n++;
  assert.is(head.status, 200);
  assert.is(head.body, '');

  const post = await fetchOnce(port, 'POST', '/');
  n++;
  assert.is(post.status, 405);

  // Three at once: the listener's backlog holds them while the server answers one at a time.
  const together = await Promise.all([1, 2, 3].map(() => fetchOnce(port, 'GET', '/')));
  n += 3;
  const numbers = together.map((r) => Number(/request (\d+) of/.exec(r.body)?.[1])).sort((a, b) => a - b);
  assert.equal(numbers, [7, 8, 9]);
  return n;
}


/** Runs the demo against a server started by `start` (given the www folder); checks its output. */
async function demo(start: (www: string) => Promise<{ server: Server; port: number }>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-httpd-'));
  try {
    mkdirSync(join(dir, 'www'));
    writeFileSync(join(dir, 'www/hello.txt'), 'hello from /www\n');
    writeFileSync(join(dir, 'secret.txt'), 'outside-secret\n');
    const { server, port } = await start(join(dir, 'www'));
    try {
      await listening(server);
      assert.is(await exercise(port), REQUESTS);
      const code = await server.exit;
      assert.is(code, 0, `exit status; stderr: ${server.stderr}`);
      assert.is(server.stderr, '');
      const log = server.stdout.trim().split('\n').filter((l) => /^\d+ /.test(l));
      assert.equal(log.slice(0, 6), [
        '1 GET / 200', '2 GET /echo?x=1 200', '3 GET /files/hello.txt 200',
        '4 GET /files/../secret.txt 404', '5 HEAD / 200', '6 POST / 405',
      ]);
      assert.is(log.length, REQUESTS);
      assert.ok(server.stdout.trimEnd().endsWith(`httpd: served ${REQUESTS} request(s)`), server.stdout);
    } finally {
      server.child.kill('SIGKILL');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('httpd: vitrine run --tcplisten serves real HTTP requests from 127.0.0.1, then exits 0', async () => {
  await demo(async (www) => {
    const port = await freePort();
    const server = startServer([
      cli, 'run', '--tcplisten', `127.0.0.1:${port}`, '--dir', `${www}::/www`, wasm, String(REQUESTS), String(IDLE_MS),
    ]);
    return { server, port };
  });
});

test('httpd: the WASI class with tcplisten (port 0) serves the same requests', async () => {
  await demo(async (www) => {
    const server = startServer([join(repo, 'dist/wasi-testsuite/sandbox/httpd-api.js'), www, String(REQUESTS), String(IDLE_MS)]);
    await listening(server);
    const port = Number(/^port (\d+)$/m.exec(server.stdout)?.[1]);
    assert.ok(port > 0, server.stdout);
    return { server, port };
  });
});

test.run();
