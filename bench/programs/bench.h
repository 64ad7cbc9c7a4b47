/*
 * bench.h — shared by the benchmark programs in this folder.
 *
 * Every program defines `run(void)` (exported from the Wasm module) that does all its work from
 * a fresh state and returns a checksum: a u32 or u64 fold of its results. run() re-initialises
 * everything it uses, so calling it twice on one instance gives the same answer.
 *
 * The Wasm build has no imports: no libc function that needs WASI is used (memcpy/memset are
 * fine). Built with -DNATIVE (tools/build-bench.sh), the same source gets a main() that prints
 * the checksum in decimal, so the native result can be compared with the Wasm one.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stddef.h>
#include <stdint.h>

#ifdef NATIVE
#include <stdio.h>
#define BENCH_MAIN_U32 \
  int main(void) { printf("%u\n", (unsigned)run()); return 0; }
#define BENCH_MAIN_U64 \
  int main(void) { printf("%llu\n", (unsigned long long)run()); return 0; }
#else
#define BENCH_MAIN_U32
#define BENCH_MAIN_U64
#endif

#define NOINLINE __attribute__((noinline))

/* xorshift32 (Marsaglia): a fixed-seed PRNG in pure i32 arithmetic. The state must be non-zero. */
static inline uint32_t xorshift32(uint32_t *s) {
  uint32_t x = *s;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *s = x;
}

/* splitmix64: a fixed-seed PRNG in i64 arithmetic. */
static inline uint64_t splitmix64(uint64_t *s) {
  uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/* Fold one 32-bit value into a running checksum (FNV-1a-like, one step per word). */
static inline uint32_t fold32(uint32_t h, uint32_t v) {
  return (h ^ v) * 0x01000193u + (v >> 7);
}

/* The bits of a float or a double, for folding floating-point results exactly. */
static inline uint32_t f32_bits(float f) {
  union { float f; uint32_t u; } x;
  x.f = f;
  return x.u;
}
static inline uint64_t f64_bits(double d) {
  union { double d; uint64_t u; } x;
  x.d = d;
  return x.u;
}

#endif
