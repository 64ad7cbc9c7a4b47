/*
 * json — branchy code: a JSON tokenizer and structure checker run over a PRNG-generated
 * document (nested objects and arrays, strings with escapes, integers, decimals, exponents,
 * literals, random whitespace). Stresses byte loads, character-class branches, small switch
 * statements and a bracket stack.
 */
#include "bench.h"

#ifndef JSON_BYTES
#define JSON_BYTES (256 * 1024) /* approximate document size */
#endif
#ifndef JSON_REPS
#define JSON_REPS 56
#endif

static char doc[JSON_BYTES + 16384]; /* the slack bounds what containers open at the limit add */
static uint32_t len;
static uint32_t seed;
static volatile uint32_t param = JSON_REPS;

static uint32_t rnd(uint32_t n) { return xorshift32(&seed) % n; }
static void put(char c) { doc[len++] = c; }
static void puts_(const char *s) { while (*s) doc[len++] = *s++; }
static void ws(void) {
  uint32_t r = rnd(8);
  if (r == 0) put(' ');
  else if (r == 1) { put('\n'); put(' '); put(' '); }
}

static void gen_string(void) {
  put('"');
  uint32_t n = rnd(12);
  for (uint32_t i = 0; i < n; i++) {
    uint32_t r = rnd(40);
    if (r == 0) { put('\\'); put('"'); }
    else if (r == 1) { put('\\'); put('n'); }
    else if (r == 2) { put('\\'); put('\\'); }
    else if (r == 3) puts_("\\u00e9");
    else put((char)('a' + rnd(26)));
  }
  put('"');
}

static void gen_number(void) {
  if (rnd(4) == 0) put('-');
  uint32_t digits = 1 + rnd(6);
  put((char)('1' + rnd(9)));
  for (uint32_t i = 1; i < digits; i++) put((char)('0' + rnd(10)));
  if (rnd(3) == 0) {
    put('.');
    for (uint32_t i = 0, d = 1 + rnd(4); i < d; i++) put((char)('0' + rnd(10)));
  }
  if (rnd(8) == 0) {
    put(rnd(2) ? 'e' : 'E');
    if (rnd(2)) put(rnd(2) ? '+' : '-');
    put((char)('0' + rnd(10)));
  }
}

static void gen_value(int depth) {
  uint32_t r = depth > 6 || len > JSON_BYTES ? 3 + rnd(5) : rnd(8);
  ws();
  switch (r) {
    case 0: case 1: { /* object */
      put('{');
      uint32_t n = rnd(6);
      for (uint32_t i = 0; i < n; i++) {
        if (i) put(',');
        ws(); gen_string(); ws(); put(':');
        gen_value(depth + 1);
      }
      ws(); put('}');
      break;
    }
    case 2: { /* array */
      put('[');
      uint32_t n = rnd(7);
      for (uint32_t i = 0; i < n; i++) {
        if (i) put(',');
        gen_value(depth + 1);
      }
      ws(); put(']');
      break;
    }
    case 3: case 4: gen_string(); break;
    case 5: case 6: gen_number(); break;
    default: puts_(r == 7 ? (rnd(2) ? "true" : "false") : "null"); break;
  }
  ws();
}

typedef struct { uint32_t objects, arrays, strings, numbers, literals, hash; } Counts;

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Tokenize doc[0..n); returns 0 on a syntax error (mismatched brackets, bad token). */
static NOINLINE int tokenize(const char *p, uint32_t n, Counts *c) {
  char stack[256];
  int depth = 0;
  const char *end = p + n;
  uint32_t h = c->hash;
  while (p < end) {
    char ch = *p;
    switch (ch) {
      case ' ': case '\n': case '\t': case '\r': case ',': case ':':
        p++;
        break;
      case '{': case '[':
        if (depth == 256) return 0;
        stack[depth++] = ch;
        if (ch == '{') c->objects++; else c->arrays++;
        p++;
        break;
      case '}': case ']':
        if (depth == 0 || stack[--depth] != (ch == '}' ? '{' : '[')) return 0;
        p++;
        break;
      case '"': {
        p++;
        uint32_t sh = 5381;
        while (*p != '"') {
          char d = *p++;
          if (d == '\\') {
            char e = *p++;
            switch (e) {
              case 'n': d = '\n'; break;
              case 't': d = '\t'; break;
              case 'u': {
                uint32_t v = 0;
                for (int i = 0; i < 4; i++) {
                  char x = *p++;
                  v = v * 16 + (uint32_t)(is_digit(x) ? x - '0' : (x | 32) - 'a' + 10);
                }
                d = (char)v;
                break;
              }
              default: d = e; break;
            }
          }
          sh = sh * 33 + (uint8_t)d;
        }
        p++;
        c->strings++;
        h = fold32(h, sh);
        break;
      }
      case 't': case 'f': case 'n':
        if (ch == 't' && p[1] == 'r' && p[2] == 'u' && p[3] == 'e') p += 4;
        else if (ch == 'f' && p[1] == 'a' && p[2] == 'l' && p[3] == 's' && p[4] == 'e') p += 5;
        else if (ch == 'n' && p[1] == 'u' && p[2] == 'l' && p[3] == 'l') p += 4;
        else return 0;
        c->literals++;
        h = fold32(h, (uint32_t)ch);
        break;
      default: {
        int neg = 0;
        uint32_t mant = 0;
        int32_t exp = 0, frac = 0;
        if (*p == '-') { neg = 1; p++; }
        if (!is_digit(*p)) return 0;
        while (is_digit(*p)) mant = mant * 10 + (uint32_t)(*p++ - '0');
        if (*p == '.') {
          p++;
          if (!is_digit(*p)) return 0;
          while (is_digit(*p)) { mant = mant * 10 + (uint32_t)(*p++ - '0'); frac++; }
        }
        if (*p == 'e' || *p == 'E') {
          int eneg = 0;
          p++;
          if (*p == '+' || *p == '-') eneg = *p++ == '-';
          if (!is_digit(*p)) return 0;
          while (is_digit(*p)) exp = exp * 10 + (*p++ - '0');
          if (eneg) exp = -exp;
        }
        c->numbers++;
        h = fold32(h, (neg ? 0u - mant : mant) ^ ((uint32_t)(exp - frac) << 24));
        break;
      }
    }
  }
  c->hash = h;
  return depth == 0;
}

uint32_t run(void) {
  uint32_t reps = param;
  len = 0;
  seed = 0x9E3779B9u;
  put('[');
  while (len < JSON_BYTES) {
    gen_value(0);
    put(',');
  }
  puts_("null]");
  doc[len] = 0;
  Counts c = {0, 0, 0, 0, 0, 2166136261u};
  for (uint32_t r = 0; r < reps; r++)
    if (!tokenize(doc, len, &c)) return 0;
  uint32_t h = c.hash;
  h = fold32(h, c.objects);
  h = fold32(h, c.arrays);
  h = fold32(h, c.strings);
  h = fold32(h, c.numbers);
  h = fold32(h, c.literals);
  return fold32(h, len);
}

BENCH_MAIN_U32
