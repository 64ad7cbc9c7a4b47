/*
 * sort — memory-heavy i32 work: sorts SORT_N PRNG ints with quicksort (median of three,
 * insertion sort for small ranges) and with a bottom-up merge sort through a scratch array, and
 * checks they agree; then sorts scrambled keys with an LSD radix sort and checks the order.
 * Stresses i32 loads and stores spread over megabytes, compares and unpredictable branches.
 */
#include "bench.h"

#ifndef SORT_N
#define SORT_N 160000 /* -DSORT_N=1000000 sorts a million, but takes ~6x longer than this */
#endif

static int32_t input[SORT_N], a[SORT_N], b[SORT_N], scratch[SORT_N];
static volatile uint32_t param = SORT_N;

static void insertion_sort(int32_t *x, int32_t lo, int32_t hi) {
  for (int32_t i = lo + 1; i <= hi; i++) {
    int32_t v = x[i], j = i - 1;
    while (j >= lo && x[j] > v) {
      x[j + 1] = x[j];
      j--;
    }
    x[j + 1] = v;
  }
}

static NOINLINE void quicksort(int32_t *x, int32_t lo, int32_t hi) {
  while (hi - lo > 16) {
    int32_t mid = lo + (hi - lo) / 2;
    /* median of three into x[mid] */
    if (x[mid] < x[lo]) { int32_t t = x[mid]; x[mid] = x[lo]; x[lo] = t; }
    if (x[hi] < x[lo]) { int32_t t = x[hi]; x[hi] = x[lo]; x[lo] = t; }
    if (x[hi] < x[mid]) { int32_t t = x[hi]; x[hi] = x[mid]; x[mid] = t; }
    int32_t pivot = x[mid], i = lo, j = hi;
    while (i <= j) {
      while (x[i] < pivot) i++;
      while (x[j] > pivot) j--;
      if (i <= j) {
        int32_t t = x[i]; x[i] = x[j]; x[j] = t;
        i++;
        j--;
      }
    }
    /* recurse into the smaller side, loop on the larger */
    if (j - lo < hi - i) {
      quicksort(x, lo, j);
      lo = i;
    } else {
      quicksort(x, i, hi);
      hi = j;
    }
  }
  insertion_sort(x, lo, hi);
}

static NOINLINE int32_t *merge_sort(int32_t *x, int32_t *tmp, uint32_t n) {
  int32_t *src = x, *dst = tmp;
  for (uint32_t width = 1; width < n; width *= 2) {
    for (uint32_t lo = 0; lo < n; lo += 2 * width) {
      uint32_t mid = lo + width < n ? lo + width : n;
      uint32_t hi = lo + 2 * width < n ? lo + 2 * width : n;
      uint32_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) dst[k++] = src[i] <= src[j] ? src[i++] : src[j++];
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    int32_t *t = src; src = dst; dst = t;
  }
  return src;
}

static NOINLINE int32_t *radix_sort(int32_t *x, int32_t *tmp, uint32_t n) {
  uint32_t count[256];
  int32_t *src = x, *dst = tmp;
  for (int shift = 0; shift < 32; shift += 8) {
    for (int d = 0; d < 256; d++) count[d] = 0;
    for (uint32_t i = 0; i < n; i++) count[(((uint32_t)src[i] ^ 0x80000000u) >> shift) & 255]++;
    uint32_t sum = 0;
    for (int d = 0; d < 256; d++) { uint32_t c = count[d]; count[d] = sum; sum += c; }
    for (uint32_t i = 0; i < n; i++) dst[count[(((uint32_t)src[i] ^ 0x80000000u) >> shift) & 255]++] = src[i];
    int32_t *t = src; src = dst; dst = t;
  }
  return src;
}

uint32_t run(void) {
  uint32_t n = param;
  uint32_t seed = 0xC0FFEEu;
  for (uint32_t i = 0; i < n; i++) {
    input[i] = (int32_t)xorshift32(&seed);
    a[i] = input[i];
    b[i] = input[i];
  }
  quicksort(a, 0, (int32_t)n - 1);
  int32_t *m = merge_sort(b, scratch, n);
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < n; i++) {
    if (a[i] != m[i]) return 0; /* quicksort and merge sort disagree */
    h = fold32(h, (uint32_t)a[i]);
  }
  /* Radix sort different keys (the input scrambled by a multiply) in place of the merge sort's. */
  for (uint32_t i = 0; i < n; i++) b[i] = (int32_t)((uint32_t)input[i] * 2654435761u);
  int32_t *r = radix_sort(b, scratch, n);
  for (uint32_t i = 0; i < n; i++) {
    if (i > 0 && r[i - 1] > r[i]) return 0; /* radix sort output not sorted */
    h = fold32(h, (uint32_t)r[i]);
  }
  return h;
}

BENCH_MAIN_U32
