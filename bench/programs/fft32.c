/*
 * fft32 — f32 numerics: FFT convolution in single precision. Each round filters a signal with
 * a forward radix-2 FFT, a pointwise complex multiply by a low-pass spectrum and an inverse FFT,
 * then adds fresh noise. Stresses f32 add/sub/mul, f32 loads/stores with strided access, f32
 * sqrt and f32/i32 conversions. Twiddles are computed here (Taylor series in f64, then rounded to
 * f32) so no libm is needed and native and Wasm builds agree bit for bit.
 */
#include "bench.h"

#ifndef FFT_LOG
#define FFT_LOG 12 /* FFT size 2^FFT_LOG */
#endif
#ifndef FFT_ROUNDS
#define FFT_ROUNDS 60
#endif
#define FFT_N (1 << FFT_LOG)

static float re[FFT_N], im[FFT_N];
static float tw_re[FFT_N / 2], tw_im[FFT_N / 2]; /* exp(-2*pi*i*k/N) */
static float filt_re[FFT_N], filt_im[FFT_N];
static volatile uint32_t param = FFT_ROUNDS;

/* sin and cos of x in [0, pi] by their Taylor series (plenty of terms for double precision). */
static void sincos_taylor(double x, double *s, double *c) {
  double term_s = x, term_c = 1, sum_s = 0, sum_c = 0, x2 = x * x;
  for (int n = 0; n < 30; n++) {
    sum_s += term_s;
    sum_c += term_c;
    term_s = -term_s * x2 / ((2 * n + 2) * (2 * n + 3));
    term_c = -term_c * x2 / ((2 * n + 1) * (2 * n + 2));
  }
  *s = sum_s;
  *c = sum_c;
}

static void bit_reverse(float *xr, float *xi) {
  for (uint32_t i = 1, j = 0; i < FFT_N; i++) {
    uint32_t bit = FFT_N >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      float t = xr[i]; xr[i] = xr[j]; xr[j] = t;
      t = xi[i]; xi[i] = xi[j]; xi[j] = t;
    }
  }
}

/* In-place radix-2 FFT; inverse when sign < 0 (conjugated twiddles, no scaling). */
static NOINLINE void fft(float *xr, float *xi, float sign) {
  bit_reverse(xr, xi);
  for (uint32_t len = 2; len <= FFT_N; len <<= 1) {
    uint32_t half = len >> 1, step = FFT_N / len;
    for (uint32_t i = 0; i < FFT_N; i += len) {
      for (uint32_t k = 0; k < half; k++) {
        float wr = tw_re[k * step], wi = sign * tw_im[k * step];
        uint32_t a = i + k, b = a + half;
        float br = xr[b] * wr - xi[b] * wi;
        float bi = xr[b] * wi + xi[b] * wr;
        xr[b] = xr[a] - br;
        xi[b] = xi[a] - bi;
        xr[a] += br;
        xi[a] += bi;
      }
    }
  }
}

uint32_t run(void) {
  uint32_t rounds = param;
  for (uint32_t k = 0; k < FFT_N / 2; k++) {
    double s, c;
    sincos_taylor(6.283185307179586 * k / FFT_N, &s, &c);
    tw_re[k] = (float)c;
    tw_im[k] = (float)-s;
  }
  /* A low-pass filter with a phase twist: |H| <= 1 keeps the signal bounded. */
  for (uint32_t k = 0; k < FFT_N; k++) {
    uint32_t f = k < FFT_N / 2 ? k : FFT_N - k;
    float g = 1.0f / (1.0f + (float)f * (float)f * (1.0f / 4096.0f));
    filt_re[k] = g * tw_re[(k * 7) % (FFT_N / 2)];
    filt_im[k] = g * tw_im[(k * 7) % (FFT_N / 2)];
  }
  uint32_t seed = 0x2545F491u;
  for (uint32_t i = 0; i < FFT_N; i++) {
    re[i] = (float)(int32_t)(xorshift32(&seed) & 0xFFFF) * (1.0f / 32768.0f) - 1.0f;
    im[i] = 0.0f;
  }
  uint32_t h = 2166136261u;
  const float scale = 1.0f / FFT_N;
  for (uint32_t r = 0; r < rounds; r++) {
    fft(re, im, 1.0f);
    for (uint32_t k = 0; k < FFT_N; k++) {
      float xr = re[k], xi = im[k];
      re[k] = xr * filt_re[k] - xi * filt_im[k];
      im[k] = xr * filt_im[k] + xi * filt_re[k];
    }
    fft(re, im, -1.0f);
    float energy = 0.0f;
    for (uint32_t i = 0; i < FFT_N; i++) {
      float noise = (float)(int32_t)(xorshift32(&seed) & 0xFFFF) * (1.0f / 262144.0f) - 0.125f;
      re[i] = re[i] * scale + noise;
      im[i] = im[i] * scale;
      energy += __builtin_sqrtf(re[i] * re[i] + im[i] * im[i]);
    }
    h = fold32(h, f32_bits(energy));
  }
  for (uint32_t i = 0; i < FFT_N; i++) h = fold32(fold32(h, f32_bits(re[i])), f32_bits(im[i]));
  return h;
}

BENCH_MAIN_U32
