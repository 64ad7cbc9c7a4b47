/*
 * matmul — memory-heavy f64 work: dense matrix multiply C = A * B (i-k-j order), then
 * C^T * A via a transposed copy, on N x N row-major matrices. Stresses f64 loads/stores across
 * large arrays, address arithmetic and multiply-add chains.
 */
#include "bench.h"

#ifndef MATMUL_N
#define MATMUL_N 200
#endif
#define N MATMUL_N
#ifndef MATMUL_REPS
#define MATMUL_REPS 2 /* 1 until 2026-12-07; raised when Vitrine ran it in about 0.2 s */
#endif

static double A[N * N], B[N * N], C[N * N], T[N * N], D[N * N];
static volatile uint32_t param = N;

static NOINLINE void multiply(double *restrict out, const double *a, const double *b, uint32_t n) {
  for (uint32_t i = 0; i < n * n; i++) out[i] = 0;
  for (uint32_t i = 0; i < n; i++)
    for (uint32_t k = 0; k < n; k++) {
      double aik = a[i * n + k];
      const double *brow = b + k * n;
      double *orow = out + i * n;
      for (uint32_t j = 0; j < n; j++) orow[j] += aik * brow[j];
    }
}

static NOINLINE void transpose(double *restrict out, const double *in, uint32_t n) {
  for (uint32_t i = 0; i < n; i++)
    for (uint32_t j = 0; j < n; j++) out[j * n + i] = in[i * n + j];
}

uint64_t run(void) {
  uint32_t n = param;
  uint32_t seed = 12345;
  uint64_t h = 0;
  for (uint32_t rep = 0; rep < MATMUL_REPS; rep++) {
    for (uint32_t i = 0; i < n * n; i++) {
      A[i] = (double)(int32_t)(xorshift32(&seed) % 2001) / 1000.0 - 1.0;
      B[i] = (double)(int32_t)(xorshift32(&seed) % 2001) / 1000.0 - 1.0;
    }
    multiply(C, A, B, n);
    transpose(T, C, n);
    multiply(D, T, A, n);
    for (uint32_t i = 0; i < n * n; i++) h = (h ^ f64_bits(D[i])) * 0x100000001B3ull;
  }
  return h;
}

BENCH_MAIN_U64
