/*
 * fib — recursive calls: naive Fibonacci plus the Takeuchi function.
 * Stresses call/return, argument passing and frame set-up; almost no memory traffic.
 */
#include "bench.h"

#ifndef FIB_N
#define FIB_N 34 /* fib(FIB_N) and fib(FIB_N - 3): fib(34) makes 18 million calls in C; clang -O2
                     turns the second recursive call into a loop, leaving about half as many */
#endif
#ifndef TAK_X
#define TAK_X 18 /* tak(TAK_X - r, 12, 6) for r in 0..3: tak(18, 12, 6) makes 63609 calls */
#endif

/* Opaque inputs, so the compiler cannot fold calls with constant arguments. */
static volatile uint32_t param = FIB_N;
static volatile int32_t tak_x = TAK_X;

static NOINLINE uint32_t fib(uint32_t n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static NOINLINE int32_t tak(int32_t x, int32_t y, int32_t z) {
  if (y >= x) return z;
  return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
}

uint32_t run(void) {
  uint32_t n = param;
  uint32_t h = 2166136261u;
  h = fold32(h, fib(n));
  h = fold32(h, fib(n - 3));
  int32_t x = tak_x;
  for (int32_t r = 0; r < 4; r++) h = fold32(h, (uint32_t)tak(x - r, 12, 6));
  return h;
}

BENCH_MAIN_U32
