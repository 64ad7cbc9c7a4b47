/*
 * coremark — a CoreMark-style mix (written here, not EEMBC's code): each iteration runs
 *   - linked-list work: find, reverse, and merge-sort a list of small records by two keys;
 *   - matrix work: 16-bit matrices — add/multiply by a constant, matrix-vector, matrix-matrix,
 *     and matrix-matrix with bit-field extraction — folded with saturating sums;
 *   - a state machine that classifies comma-separated tokens (integers, decimals, scientific
 *     notation, invalid) and then scrambles its input;
 * and chains everything through a bitwise CRC-16. Stresses pointer chasing, i16/i32 loads and
 * stores, small multiplies, unpredictable branches and bit manipulation, all at once.
 */
#include "bench.h"

#ifndef CM_ITERATIONS
#define CM_ITERATIONS 260
#endif
#define LIST_N 200
#define MAT_N 24
#define SM_BYTES 800

/* ---- CRC-16 (CCITT, reflected polynomial 0xA001), bit by bit as in CoreMark ---- */
static uint16_t crcu8(uint8_t data, uint16_t crc) {
  for (int i = 0; i < 8; i++) {
    uint8_t x16 = (uint8_t)((data & 1) ^ ((uint8_t)crc & 1));
    data >>= 1;
    if (x16 == 1) {
      crc ^= 0x4002;
      crc = (uint16_t)((crc >> 1) | 0x8000);
    } else {
      crc >>= 1;
    }
  }
  return crc;
}
static uint16_t crcu16(uint16_t v, uint16_t crc) {
  crc = crcu8((uint8_t)v, crc);
  return crcu8((uint8_t)(v >> 8), crc);
}
static uint16_t crcu32(uint32_t v, uint16_t crc) {
  crc = crcu16((uint16_t)v, crc);
  return crcu16((uint16_t)(v >> 16), crc);
}

/* ---- linked list ---- */
typedef struct Node {
  struct Node *next;
  int16_t data; /* the low byte is a value, bits 8..14 a "kind" */
  int16_t idx;
} Node;

static Node pool[LIST_N];

static Node *list_build(uint32_t *seed) {
  Node *head = 0;
  for (int i = LIST_N - 1; i >= 0; i--) {
    pool[i].data = (int16_t)(xorshift32(seed) & 0x7FFF);
    pool[i].idx = (int16_t)i;
    pool[i].next = head;
    head = &pool[i];
  }
  return head;
}

static Node *list_find(Node *list, int16_t data) {
  while (list && (list->data & 0xFF) != (data & 0xFF)) list = list->next;
  return list;
}

static Node *list_reverse(Node *list) {
  Node *prev = 0;
  while (list) {
    Node *next = list->next;
    list->next = prev;
    prev = list;
    list = next;
  }
  return prev;
}

static int cmp_data(const Node *a, const Node *b) { return (a->data & 0xFF) - (b->data & 0xFF); }
static int cmp_idx(const Node *a, const Node *b) { return a->idx - b->idx; }

/* Bottom-up merge sort of a singly linked list (stable), by a comparison function. */
static Node *list_sort(Node *list, int (*cmp)(const Node *, const Node *)) {
  for (int insize = 1;; insize *= 2) {
    Node *p = list, *tail = 0;
    list = 0;
    int merges = 0;
    while (p) {
      merges++;
      Node *q = p;
      int psize = 0, qsize = insize;
      for (int i = 0; i < insize && q; i++) { psize++; q = q->next; }
      while (psize > 0 || (qsize > 0 && q)) {
        Node *e;
        if (psize == 0) { e = q; q = q->next; qsize--; }
        else if (qsize == 0 || !q) { e = p; p = p->next; psize--; }
        else if (cmp(p, q) <= 0) { e = p; p = p->next; psize--; }
        else { e = q; q = q->next; qsize--; }
        if (tail) tail->next = e; else list = e;
        tail = e;
      }
      p = q;
    }
    tail->next = 0;
    if (merges <= 1) return list;
  }
}

static uint16_t bench_list(Node **plist, uint32_t iter, uint16_t crc) {
  Node *list = *plist;
  int16_t found = 0, missed = 0;
  for (uint32_t i = 0; i < 16; i++) {
    Node *n = list_find(list, (int16_t)(i * 37 + iter));
    if (n) found = (int16_t)(found + (n->data >> 8)); else missed++;
    list = list_reverse(list);
  }
  crc = crcu16((uint16_t)found, crc);
  crc = crcu16((uint16_t)missed, crc);
  list = list_sort(list, cmp_data);
  for (Node *n = list; n; n = n->next) crc = crcu16((uint16_t)n->data, crc);
  /* perturb one value per iteration so later iterations sort different data */
  list->data = (int16_t)((list->data + (int16_t)iter * 7) & 0x7FFF);
  list = list_sort(list, cmp_idx);
  *plist = list;
  return crc;
}

/* ---- matrices ---- */
static int16_t MA[MAT_N * MAT_N], MB[MAT_N * MAT_N];
static int32_t MC[MAT_N * MAT_N];

static int16_t sum_clip(const int32_t *c, int32_t clip) {
  int32_t tmp = 0, prev = 0, cur;
  int16_t ret = 0;
  for (int i = 0; i < MAT_N * MAT_N; i++) {
    cur = c[i];
    tmp += cur;
    if (tmp > clip) { ret = (int16_t)(ret + 10); tmp = 0; }
    else ret = (int16_t)(ret + (cur > prev ? 1 : 0));
    prev = cur;
  }
  return ret;
}

static uint16_t bench_matrix(int16_t val, uint16_t crc) {
  int32_t clip = (int32_t)val | 0x2000;
  /* add a constant */
  for (int i = 0; i < MAT_N * MAT_N; i++) MA[i] = (int16_t)(MA[i] + val);
  /* multiply by a constant */
  for (int i = 0; i < MAT_N * MAT_N; i++) MC[i] = (int32_t)MA[i] * (int32_t)val;
  crc = crcu16((uint16_t)sum_clip(MC, clip), crc);
  /* matrix-vector: C[i] = A[i,:] . B[:,0] */
  for (int i = 0; i < MAT_N; i++) {
    int32_t s = 0;
    for (int j = 0; j < MAT_N; j++) s += (int32_t)MA[i * MAT_N + j] * (int32_t)MB[j * MAT_N];
    MC[i] = s;
  }
  for (int i = MAT_N; i < MAT_N * MAT_N; i++) MC[i] = 0;
  crc = crcu16((uint16_t)sum_clip(MC, clip), crc);
  /* matrix-matrix */
  for (int i = 0; i < MAT_N; i++)
    for (int j = 0; j < MAT_N; j++) {
      int32_t s = 0;
      for (int k = 0; k < MAT_N; k++) s += (int32_t)MA[i * MAT_N + k] * (int32_t)MB[k * MAT_N + j];
      MC[i * MAT_N + j] = s;
    }
  crc = crcu16((uint16_t)sum_clip(MC, clip), crc);
  /* matrix-matrix on bit fields of the products */
  for (int i = 0; i < MAT_N; i++)
    for (int j = 0; j < MAT_N; j++) {
      int32_t s = 0;
      for (int k = 0; k < MAT_N; k++) {
        int32_t p = (int32_t)MA[i * MAT_N + k] * (int32_t)MB[k * MAT_N + j];
        s += ((p >> 2) & 0xF) * ((p >> 5) & 0x7F);
      }
      MC[i * MAT_N + j] = s;
    }
  crc = crcu16((uint16_t)sum_clip(MC, clip), crc);
  /* undo the constant so values stay in range */
  for (int i = 0; i < MAT_N * MAT_N; i++) MA[i] = (int16_t)(MA[i] - val);
  return crc;
}

/* ---- state machine ---- */
enum { S_START, S_INVALID, S_S1, S_S2, S_INT, S_FLOAT, S_EXPONENT, S_SCIENTIFIC, S_COUNT };

static uint8_t sm_input[SM_BYTES + 1];

static int is_digit(uint8_t c) { return c >= '0' && c <= '9'; }

/* Classify one token starting at *pp; advance past it and its comma. */
static int sm_token(uint8_t **pp, uint32_t transitions[S_COUNT]) {
  uint8_t *p = *pp;
  int state = S_START;
  for (; *p && state != S_INVALID; p++) {
    uint8_t c = *p;
    if (c == ',') { p++; break; }
    int next = state;
    switch (state) {
      case S_START:
        if (is_digit(c)) next = S_INT;
        else if (c == '+' || c == '-') next = S_S1;
        else if (c == '.') next = S_FLOAT;
        else next = S_INVALID;
        break;
      case S_S1:
        if (is_digit(c)) next = S_INT;
        else if (c == '.') next = S_FLOAT;
        else next = S_INVALID;
        break;
      case S_INT:
        if (c == '.') next = S_FLOAT;
        else if (!is_digit(c)) next = S_INVALID;
        break;
      case S_FLOAT:
        if (c == 'E' || c == 'e') next = S_S2;
        else if (!is_digit(c)) next = S_INVALID;
        break;
      case S_S2:
        if (c == '+' || c == '-') next = S_EXPONENT;
        else next = S_INVALID;
        break;
      case S_EXPONENT:
        if (is_digit(c)) next = S_SCIENTIFIC;
        else next = S_INVALID;
        break;
      case S_SCIENTIFIC:
        if (!is_digit(c)) next = S_INVALID;
        break;
    }
    if (next != state) transitions[next]++;
    state = next;
  }
  if (state == S_INVALID) /* skip the rest of an invalid token */
    while (*p) if (*p++ == ',') break;
  *pp = p;
  return state;
}

static void sm_fill(uint32_t *seed) {
  static const char *const tokens[] = {
    "5012", "1234", "-874", "+122", "35.54", ".1234", "-110.7", "+0.64",
    "5.500e+3", "-.123e-2", "-87e+832", "+0.6e-12", "T0.3e-1F", "-T.T++Tq", "1T3.4e4z", "34.0e-T^",
  };
  uint32_t n = 0;
  while (n < SM_BYTES - 10) {
    const char *t = tokens[xorshift32(seed) & 15];
    while (*t && n < SM_BYTES - 1) sm_input[n++] = (uint8_t)*t++;
    sm_input[n++] = ',';
  }
  while (n < SM_BYTES) sm_input[n++] = 0;
  sm_input[SM_BYTES] = 0;
}

static uint16_t bench_state(uint32_t iter, uint16_t crc) {
  uint32_t finals[S_COUNT] = {0}, transitions[S_COUNT] = {0};
  for (int pass = 0; pass < 2; pass++) {
    uint8_t *p = sm_input;
    while (*p) finals[sm_token(&p, transitions)]++;
    /* scramble: flip some bytes to other characters (never to NUL), as CoreMark does */
    for (uint32_t i = iter % 7; i < SM_BYTES; i += 13)
      if (sm_input[i] && sm_input[i] != ',') sm_input[i] ^= (uint8_t)(pass ? 0x01 : 0x08);
  }
  for (int s = 0; s < S_COUNT; s++) {
    crc = crcu32(finals[s], crc);
    crc = crcu32(transitions[s], crc);
  }
  return crc;
}

static volatile uint32_t param = CM_ITERATIONS;

uint32_t run(void) {
  uint32_t iterations = param;
  uint32_t seed = 0x66u;
  Node *list = list_build(&seed);
  for (int i = 0; i < MAT_N * MAT_N; i++) {
    MA[i] = (int16_t)((xorshift32(&seed) & 0xFF) - 128);
    MB[i] = (int16_t)((xorshift32(&seed) & 0xFF) - 128);
  }
  uint16_t crc = 0;
  uint32_t h = 2166136261u; /* the CRC after every iteration, folded into 32 bits */
  for (uint32_t it = 0; it < iterations; it++) {
    sm_fill(&seed);
    crc = bench_list(&list, it, crc);
    crc = bench_matrix((int16_t)((crc & 0x3F) + 1), crc);
    crc = bench_state(it, crc);
    h = fold32(h, crc);
  }
  return h;
}

BENCH_MAIN_U32
