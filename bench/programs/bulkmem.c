/*
 * bulkmem — bulk memory: memcpy, memmove (overlapping) and memset of PRNG-chosen sizes, from a
 * few bytes to 64 KiB, over a 2 MiB arena; then a hash of the whole arena. Built with
 * -mbulk-memory (see the CFLAGS line below), so the copies and fills are memory.copy and
 * memory.fill instructions rather than calls into libc loops.
 *
 * CFLAGS: -mbulk-memory
 */
#include "bench.h"
#include <string.h>

#ifndef BULK_OPS
#define BULK_OPS 120000 /* copy/move/fill operations */
#endif
#define ARENA (2u << 20)
#define HALF (ARENA / 2)

typedef struct { uint32_t w[16]; } Block64; /* struct assignment: a fixed-size copy */

/* The arena is an array of Block64 (so the struct copies below are well-typed and aligned),
 * viewed as bytes everywhere else. */
static Block64 arena_blocks[ARENA / sizeof(Block64)];
#define arena ((uint8_t *)arena_blocks)
static volatile uint32_t param = BULK_OPS;

/* Sizes: mostly small and medium, some large, so both per-op overhead and throughput count. */
static uint32_t pick_len(uint32_t *seed) {
  uint32_t r = xorshift32(seed);
  switch (r & 7) {
    case 0: case 1: case 2: return 1 + ((r >> 3) & 63);     /* 1 .. 64 */
    case 3: case 4: case 5: return 64 + ((r >> 3) & 4095);  /* 64 .. 4159 */
    default: return 4096 + ((r >> 3) & 65535);              /* 4 KiB .. 68 KiB */
  }
}

uint64_t run(void) {
  uint32_t ops = param;
  uint32_t seed = 0x1234567u;
  memset(arena, 0, ARENA);
  for (uint32_t i = 0; i < 4096; i++) arena[i * 509 % ARENA] = (uint8_t)xorshift32(&seed);
  uint32_t h = 2166136261u;
  for (uint32_t k = 0; k < ops; k++) {
    uint32_t r = xorshift32(&seed);
    uint32_t len = pick_len(&seed);
    uint32_t a = xorshift32(&seed) % (HALF - len);
    uint32_t b = xorshift32(&seed) % (HALF - len);
    switch (r % 5) {
      case 0: /* copy from one half to the other */
        memcpy(arena + HALF + b, arena + a, len);
        break;
      case 1:
        memcpy(arena + a, arena + HALF + b, len);
        break;
      case 2: { /* overlapping move within a half */
        uint32_t d = len / 3 + 1;
        if (r & 8) memmove(arena + a + d, arena + a, len);
        else memmove(arena + a, arena + a + d, len);
        break;
      }
      case 3: /* fill */
        memset(arena + b + (r & 1) * HALF, (int)(r >> 24), len);
        break;
      default: { /* a run of 64-byte struct copies */
        Block64 *dst = arena_blocks + b / 64;
        const Block64 *src = arena_blocks + (HALF + a) / 64;
        for (uint32_t i = 0; i < len / 64; i++) dst[i] = src[i];
        break;
      }
    }
    h = fold32(h, arena[(a + b) % ARENA]);
  }
  uint64_t x = h;
  for (uint32_t i = 0; i < ARENA; i += 8) {
    uint64_t w;
    memcpy(&w, arena + i, 8);
    x = (x ^ w) * 0x100000001B3ull;
  }
  return x;
}

BENCH_MAIN_U64
