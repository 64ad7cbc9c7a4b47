/*
 * fptr — indirect calls: function-pointer dispatch through a table of sixteen small binary
 * operations chosen by a PRNG sequence, plus "objects with vtables" (four shape kinds, three
 * methods of different signatures). Every call is a call_indirect; stresses the table lookup,
 * the signature check and call overhead.
 */
#include "bench.h"

#ifndef FPTR_ROUNDS
#define FPTR_ROUNDS 960 /* passes over the operation sequence and the shape array */
#endif
#define SEQ_LEN 4096
#define NSHAPES 1024

typedef uint32_t (*BinOp)(uint32_t, uint32_t);

static uint32_t op_add(uint32_t a, uint32_t b) { return a + b; }
static uint32_t op_sub(uint32_t a, uint32_t b) { return a - b; }
static uint32_t op_xor(uint32_t a, uint32_t b) { return a ^ b; }
static uint32_t op_mul(uint32_t a, uint32_t b) { return a * (b | 1); }
static uint32_t op_rotl(uint32_t a, uint32_t b) { return (a << (b & 31)) | (a >> ((32 - b) & 31)); }
static uint32_t op_rotr(uint32_t a, uint32_t b) { return (a >> (b & 31)) | (a << ((32 - b) & 31)); }
static uint32_t op_or_mix(uint32_t a, uint32_t b) { return (a | b) + (a >> 3); }
static uint32_t op_and_mix(uint32_t a, uint32_t b) { return (a & b) ^ (a * 3); }
static uint32_t op_div(uint32_t a, uint32_t b) { return a / (b | 1) + a; }
static uint32_t op_rem(uint32_t a, uint32_t b) { return a % (b | 1) + a * 5; }
static uint32_t op_min(uint32_t a, uint32_t b) { return (a < b ? a : b) + 0x9E3779B9u; }
static uint32_t op_max(uint32_t a, uint32_t b) { return (a > b ? a : b) ^ 0x7F4A7C15u; }
static uint32_t op_clz(uint32_t a, uint32_t b) { return a + (uint32_t)__builtin_clz(b | 1); }
static uint32_t op_ctz(uint32_t a, uint32_t b) { return a ^ (uint32_t)__builtin_ctz(b | 0x80000000u); }
static uint32_t op_pop(uint32_t a, uint32_t b) { return a * 33 + (uint32_t)__builtin_popcount(b); }
static uint32_t op_shr(uint32_t a, uint32_t b) { return (a ^ b) >> 1 | (a << 31); }

static BinOp const ops[16] = {
  op_add, op_sub, op_xor, op_mul, op_rotl, op_rotr, op_or_mix, op_and_mix,
  op_div, op_rem, op_min, op_max, op_clz, op_ctz, op_pop, op_shr,
};

typedef struct Shape Shape;
typedef struct {
  int32_t (*area)(const Shape *);
  int32_t (*perimeter)(const Shape *);
  void (*grow)(Shape *, int32_t);
} VTable;
struct Shape {
  const VTable *vt;
  int32_t a, b;
};

static int32_t rect_area(const Shape *s) { return s->a * s->b; }
static int32_t rect_perimeter(const Shape *s) { return 2 * (s->a + s->b); }
static void rect_grow(Shape *s, int32_t d) { s->a += d; s->b -= d; }
static int32_t square_area(const Shape *s) { return s->a * s->a; }
static int32_t square_perimeter(const Shape *s) { return 4 * s->a; }
static void square_grow(Shape *s, int32_t d) { s->a = (s->a + d) & 1023; }
static int32_t tri_area(const Shape *s) { return s->a * s->b / 2; }
static int32_t tri_perimeter(const Shape *s) { return s->a + s->b + (s->a > s->b ? s->a : s->b); }
static void tri_grow(Shape *s, int32_t d) { s->b = (s->b ^ d) & 2047; }
static int32_t circle_area(const Shape *s) { return 355 * s->a * s->a / 113; }
static int32_t circle_perimeter(const Shape *s) { return 710 * s->a / 113; }
static void circle_grow(Shape *s, int32_t d) { s->a = (s->a * 3 + d) % 1000; }

static const VTable vtables[4] = {
  {rect_area, rect_perimeter, rect_grow},
  {square_area, square_perimeter, square_grow},
  {tri_area, tri_perimeter, tri_grow},
  {circle_area, circle_perimeter, circle_grow},
};

static uint8_t seq[SEQ_LEN];
static uint32_t args[SEQ_LEN];
static Shape shapes[NSHAPES];
static volatile uint32_t param = FPTR_ROUNDS;

static NOINLINE uint32_t dispatch(uint32_t acc) {
  for (uint32_t i = 0; i < SEQ_LEN; i++) acc = ops[seq[i]](acc, args[i]);
  return acc;
}

static NOINLINE uint32_t methods(int32_t d) {
  uint32_t sum = 0;
  for (uint32_t i = 0; i < NSHAPES; i++) {
    Shape *s = &shapes[i];
    sum = sum * 31 + (uint32_t)s->vt->area(s);
    sum ^= (uint32_t)s->vt->perimeter(s);
    s->vt->grow(s, d);
  }
  return sum;
}

uint32_t run(void) {
  uint32_t rounds = param;
  uint32_t seed = 0xDEADBEEFu;
  for (uint32_t i = 0; i < SEQ_LEN; i++) {
    seq[i] = (uint8_t)(xorshift32(&seed) & 15);
    args[i] = xorshift32(&seed);
  }
  for (uint32_t i = 0; i < NSHAPES; i++) {
    uint32_t r = xorshift32(&seed);
    shapes[i].vt = &vtables[r & 3];
    shapes[i].a = (int32_t)((r >> 8) & 511) + 1;
    shapes[i].b = (int32_t)((r >> 20) & 511) + 1;
  }
  uint32_t h = 2166136261u, acc = 1;
  for (uint32_t r = 0; r < rounds; r++) {
    acc = dispatch(acc + r);
    h = fold32(h, acc);
    h = fold32(h, methods((int32_t)(r & 7) - 3));
  }
  return h;
}

BENCH_MAIN_U32
