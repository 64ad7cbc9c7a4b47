/*
 * sieve — tight i32 loops: the sieve of Eratosthenes over a byte array, repeated with a
 * slightly different limit each round. Stresses i32 arithmetic, compares, branches and byte
 * loads/stores.
 */
#include "bench.h"

#ifndef SIEVE_N
#define SIEVE_N (1 << 20) /* bytes in the sieve */
#endif
#ifndef SIEVE_REPS
#define SIEVE_REPS 7
#endif

static uint8_t composite[SIEVE_N + 1];
static volatile uint32_t param = SIEVE_N;

static NOINLINE uint32_t sieve(uint32_t limit, uint32_t *sum) {
  for (uint32_t i = 0; i <= limit; i++) composite[i] = 0;
  uint32_t count = 0, s = 0;
  for (uint32_t i = 2; i <= limit; i++) {
    if (composite[i]) continue;
    count++;
    s += i;
    if (i <= limit / i)
      for (uint32_t j = i * i; j <= limit; j += i) composite[j] = 1;
  }
  *sum = s;
  return count;
}

uint32_t run(void) {
  uint32_t n = param;
  uint32_t h = 2166136261u;
  for (uint32_t r = 0; r < SIEVE_REPS; r++) {
    uint32_t sum;
    uint32_t count = sieve(n - r * 977, &sum);
    h = fold32(fold32(h, count), sum);
  }
  return h;
}

BENCH_MAIN_U32
