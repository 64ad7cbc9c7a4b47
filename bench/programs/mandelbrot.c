/*
 * mandelbrot — f64 numerics: the Mandelbrot set on a W x H grid, 50 iterations per point
 * (as in the Benchmarks Game), packed into a bitmap. Stresses f64 mul/add/compare in a tight
 * loop with a data-dependent exit, and i32 bit packing.
 */
#include "bench.h"

#ifndef MANDEL_SIZE
#define MANDEL_SIZE 600 /* the grid is MANDEL_SIZE x MANDEL_SIZE */
#endif
#define MAX_ITER 50

static volatile uint32_t param = MANDEL_SIZE;
static uint8_t bitmap[(MANDEL_SIZE + 7) / 8 * MANDEL_SIZE];

uint32_t run(void) {
  uint32_t n = param;
  uint32_t rowbytes = (n + 7) / 8;
  uint32_t iters = 0;
  for (uint32_t y = 0; y < n; y++) {
    double ci = 2.0 * y / n - 1.0;
    uint8_t bits = 0;
    for (uint32_t x = 0; x < n; x++) {
      double cr = 2.0 * x / n - 1.5;
      double zr = 0, zi = 0, tr = 0, ti = 0;
      uint32_t i = 0;
      while (i < MAX_ITER && tr + ti <= 4.0) {
        zi = 2.0 * zr * zi + ci;
        zr = tr - ti + cr;
        tr = zr * zr;
        ti = zi * zi;
        i++;
      }
      iters += i;
      bits = (uint8_t)(bits << 1) | (tr + ti <= 4.0);
      if ((x & 7) == 7) {
        bitmap[y * rowbytes + x / 8] = bits;
        bits = 0;
      }
    }
    if (n & 7) bitmap[y * rowbytes + n / 8] = (uint8_t)(bits << (8 - (n & 7)));
  }
  uint32_t h = fold32(2166136261u, iters);
  for (uint32_t i = 0; i < rowbytes * n; i++) h = fold32(h, bitmap[i]);
  return h;
}

BENCH_MAIN_U32
