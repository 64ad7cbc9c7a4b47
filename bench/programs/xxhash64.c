/*
 * xxhash64 — i64 arithmetic: XXH64 (the 64-bit xxHash) over a PRNG-filled buffer, hashed
 * repeatedly with different seeds and at different offsets and lengths. Stresses i64 multiply,
 * rotate, add and unaligned-looking 64-bit loads.
 */
#include "bench.h"

#ifndef XXH_BUF
#define XXH_BUF (64 * 1024) /* bytes hashed per round */
#endif
#ifndef XXH_REPS
#define XXH_REPS 2400 /* 960 until 2026-12-07; raised when Vitrine ran it in under 0.2 s */
#endif

static const uint64_t P1 = 0x9E3779B185EBCA87ull;
static const uint64_t P2 = 0xC2B2AE3D27D4EB4Full;
static const uint64_t P3 = 0x165667B19E3779F9ull;
static const uint64_t P4 = 0x85EBCA77C2B2AE63ull;
static const uint64_t P5 = 0x27D4EB2F165667C5ull;

static uint8_t buf[XXH_BUF + 64];

static inline uint64_t rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

static inline uint64_t read64(const uint8_t *p) {
  /* Little-endian assembly byte by byte would hide the i64.load; memcpy keeps it one load. */
  uint64_t v;
  __builtin_memcpy(&v, p, 8);
  return v;
}
static inline uint32_t read32(const uint8_t *p) {
  uint32_t v;
  __builtin_memcpy(&v, p, 4);
  return v;
}

static inline uint64_t round64(uint64_t acc, uint64_t input) {
  acc += input * P2;
  acc = rotl64(acc, 31);
  return acc * P1;
}

static inline uint64_t merge_round(uint64_t acc, uint64_t val) {
  val = round64(0, val);
  acc ^= val;
  return acc * P1 + P4;
}

static NOINLINE uint64_t xxh64(const uint8_t *p, size_t len, uint64_t seed) {
  const uint8_t *end = p + len;
  uint64_t h;
  if (len >= 32) {
    const uint8_t *limit = end - 32;
    uint64_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
    do {
      v1 = round64(v1, read64(p));
      v2 = round64(v2, read64(p + 8));
      v3 = round64(v3, read64(p + 16));
      v4 = round64(v4, read64(p + 24));
      p += 32;
    } while (p <= limit);
    h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) + rotl64(v4, 18);
    h = merge_round(h, v1);
    h = merge_round(h, v2);
    h = merge_round(h, v3);
    h = merge_round(h, v4);
  } else {
    h = seed + P5;
  }
  h += (uint64_t)len;
  while (p + 8 <= end) {
    h ^= round64(0, read64(p));
    h = rotl64(h, 27) * P1 + P4;
    p += 8;
  }
  if (p + 4 <= end) {
    h ^= (uint64_t)read32(p) * P1;
    h = rotl64(h, 23) * P2 + P3;
    p += 4;
  }
  while (p < end) {
    h ^= (*p) * P5;
    h = rotl64(h, 11) * P1;
    p++;
  }
  h ^= h >> 33;
  h *= P2;
  h ^= h >> 29;
  h *= P3;
  h ^= h >> 32;
  return h;
}

uint64_t run(void) {
  /* Known answers: XXH64("", 0) and XXH64("abc", 0). A wrong implementation returns 0. */
  if (xxh64((const uint8_t *)"", 0, 0) != 0xEF46DB3751D8E999ull) return 0;
  if (xxh64((const uint8_t *)"abc", 3, 0) != 0x44BC2CF5AD770999ull) return 0;

  uint64_t s = 0x0123456789ABCDEFull;
  for (size_t i = 0; i < sizeof buf; i += 8) {
    uint64_t v = splitmix64(&s);
    __builtin_memcpy(buf + i, &v, 8);
  }
  uint64_t h = 0;
  for (uint32_t r = 0; r < XXH_REPS; r++) {
    size_t off = r % 8;          /* unaligned starts too */
    size_t len = XXH_BUF - r * 3; /* and every tail length */
    h = rotl64(h, 5) ^ xxh64(buf + off, len, h + r);
  }
  return h;
}

BENCH_MAIN_U64
