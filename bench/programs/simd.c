/*
 * simd — 128-bit SIMD: array kernels that clang auto-vectorizes to v128 instructions. Each round
 * steps a vector of xorshift32 generators (i32x4 shifts and xors), derives u8, i16 and f32 data
 * from them, and runs image- and signal-style kernels over the arrays: an alpha blend and
 * saturating add/subtract of u8 pixels, a sum of absolute differences, an i16 dot product and a
 * saturating i16 add, saxpy-like f32 updates with a clamp and f32/i32 conversions, i32 min/max
 * reductions, an i64 multiply-add mix and a byte reversal. Plain portable C: the native build
 * (without -msimd128) computes the same results, so no float reduction is reordered (float
 * results are folded one by one, outside the vectorized loops). Built with -msimd128 (see the
 * CFLAGS line below).
 *
 * CFLAGS: -msimd128
 */
#include "bench.h"

#ifndef SIMD_ROUNDS
#define SIMD_ROUNDS 240
#endif
#define SIMD_N 4096 /* elements per array */

static uint32_t gen[SIMD_N];                  /* xorshift32 states, one per lane */
static uint8_t pa[SIMD_N], pb[SIMD_N];        /* u8 "pixels" */
static uint8_t blend[SIMD_N], sat[SIMD_N], rev[SIMD_N];
static int16_t sa[SIMD_N], sb[SIMD_N], sc[SIMD_N]; /* i16 samples */
static float fx[SIMD_N], fy[SIMD_N], fz[SIMD_N];
static int32_t iq[SIMD_N];
static uint64_t wide[SIMD_N / 2];
static volatile uint32_t param = SIMD_ROUNDS;

/* Steps every generator once: three shift-xor steps on i32x4. */
static NOINLINE void step_generators(void) {
  for (uint32_t i = 0; i < SIMD_N; i++) {
    uint32_t x = gen[i];
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    gen[i] = x;
  }
}

/* u8, i16 and f32 inputs from the generator states (narrowing, shifts, int-to-float). */
static NOINLINE void derive_inputs(void) {
  for (uint32_t i = 0; i < SIMD_N; i++) {
    uint32_t g = gen[i];
    pa[i] = (uint8_t)g;
    pb[i] = (uint8_t)(g >> 8);
    sa[i] = (int16_t)(g >> 16);
    sb[i] = (int16_t)(uint16_t)(g * 0x9E37u);
  }
  for (uint32_t i = 0; i < SIMD_N; i++) fx[i] = (float)(int32_t)(gen[i] >> 12) * (1.0f / 524288.0f) - 1.0f;
}

/* (a*alpha + b*(256-alpha) + 128) >> 8, and saturating a+b / a-b, on u8 pixels. */
static NOINLINE void pixels(uint32_t alpha) {
  for (uint32_t i = 0; i < SIMD_N; i++)
    blend[i] = (uint8_t)((pa[i] * alpha + pb[i] * (256 - alpha) + 128) >> 8);
  for (uint32_t i = 0; i < SIMD_N; i++) {
    uint32_t s = (uint32_t)blend[i] + pa[i];
    sat[i] = (uint8_t)(s > 255 ? 255 : s);
  }
  for (uint32_t i = 0; i < SIMD_N; i++) sat[i] = (uint8_t)(sat[i] > pb[i] ? sat[i] - pb[i] : 0);
}

/* Sum of absolute differences of two u8 arrays. */
static NOINLINE uint32_t sad(const uint8_t *restrict a, const uint8_t *restrict b) {
  uint32_t s = 0;
  for (uint32_t i = 0; i < SIMD_N; i++) {
    int32_t d = (int32_t)a[i] - (int32_t)b[i];
    s += (uint32_t)(d < 0 ? -d : d);
  }
  return s;
}

/* Reverses a byte array (a shuffle per 16 bytes). */
static NOINLINE void reverse_bytes(uint8_t *restrict dst, const uint8_t *restrict src) {
  for (uint32_t i = 0; i < SIMD_N; i++) dst[i] = src[SIMD_N - 1 - i];
}

/* i16 dot product into i32 (wrapping), and a saturating i16 add. */
static NOINLINE uint32_t dot16(const int16_t *restrict a, const int16_t *restrict b) {
  int32_t s = 0;
  for (uint32_t i = 0; i < SIMD_N; i++) s += (int32_t)a[i] * b[i];
  return (uint32_t)s;
}
static NOINLINE void addsat16(int16_t *restrict dst, const int16_t *restrict a, const int16_t *restrict b) {
  for (uint32_t i = 0; i < SIMD_N; i++) {
    int32_t s = (int32_t)a[i] + b[i];
    dst[i] = (int16_t)(s > 32767 ? 32767 : s < -32768 ? -32768 : s);
  }
}

/* y = 0.5*y + a*x, z = clamp(x*b - y, -4, 4), q = (int)(z*c); then x gets back (float)q/c. */
static NOINLINE void saxpy_round(float a, float b, float c, float inv_c) {
  for (uint32_t i = 0; i < SIMD_N; i++) fy[i] = fy[i] * 0.5f + a * fx[i];
  for (uint32_t i = 0; i < SIMD_N; i++) {
    float z = fx[i] * b - fy[i];
    z = z < -4.0f ? -4.0f : z;
    z = z > 4.0f ? 4.0f : z;
    fz[i] = z;
  }
  for (uint32_t i = 0; i < SIMD_N; i++) iq[i] = (int32_t)(fz[i] * c);
  for (uint32_t i = 0; i < SIMD_N; i++) fx[i] = (float)iq[i] * inv_c + fx[i] * 0.25f;
}

/* Minimum and maximum of an i32 array. */
static NOINLINE uint32_t minmax32(const int32_t *restrict v) {
  int32_t mn = v[0], mx = v[0];
  for (uint32_t i = 0; i < SIMD_N; i++) {
    mn = v[i] < mn ? v[i] : mn;
    mx = v[i] > mx ? v[i] : mx;
  }
  return (uint32_t)mn * 31u + (uint32_t)mx;
}

/* An i64 multiply-add-xor mix over the generator states, two lanes at a time, and its xor. */
static NOINLINE uint64_t mix64(void) {
  uint64_t x = 0;
  for (uint32_t i = 0; i < SIMD_N / 2; i++) {
    uint64_t w = wide[i] * 0x9E3779B97F4A7C15ull + ((uint64_t)gen[2 * i] << 32 | gen[2 * i + 1]);
    w ^= w >> 29;
    wide[i] = w;
    x ^= w;
  }
  return x;
}

uint32_t run(void) {
  uint32_t rounds = param;
  uint32_t seed = 0x6C078965u;
  for (uint32_t i = 0; i < SIMD_N; i++) {
    gen[i] = xorshift32(&seed) | 1u;
    fy[i] = 0.0f;
  }
  for (uint32_t i = 0; i < SIMD_N / 2; i++) wide[i] = i;
  derive_inputs();
  uint32_t h = 2166136261u;
  for (uint32_t r = 0; r < rounds; r++) {
    step_generators();
    derive_inputs();
    pixels(1 + (r * 37) % 255);
    h = fold32(h, sad(blend, pb));
    reverse_bytes(rev, sat);
    h = fold32(h, sad(rev, pa));
    addsat16(sc, sa, sb);
    h = fold32(h, dot16(sa, sb));
    h = fold32(h, dot16(sc, sa));
    float a = 0.75f + (float)(r & 7) * 0.0625f;
    saxpy_round(a, 1.5f, 1024.0f, 1.0f / 1024.0f);
    saxpy_round(a * 0.5f, -1.25f, 4096.0f, 1.0f / 4096.0f);
    h = fold32(h, minmax32(iq));
    uint64_t w = mix64();
    h = fold32(fold32(h, (uint32_t)w), (uint32_t)(w >> 32));
    h = fold32(h, f32_bits(fx[r % SIMD_N]));
    h = fold32(h, f32_bits(fy[(r * 131) % SIMD_N]));
  }
  for (uint32_t i = 0; i < SIMD_N; i++) {
    h = fold32(h, f32_bits(fx[i]) ^ f32_bits(fy[i]));
    h = fold32(h, (uint32_t)sat[i] | (uint32_t)blend[i] << 8 | (uint32_t)(uint16_t)sc[i] << 16);
  }
  return h;
}

BENCH_MAIN_U32
