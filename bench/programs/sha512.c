/*
 * sha512 — i64 arithmetic: SHA-512 (FIPS 180-4) of a PRNG-filled buffer, chained so each
 * round's digest seeds the next. Stresses i64 rotates, shifts, xor/and/not, adds and
 * big-endian byte assembly.
 */
#include "bench.h"

#ifndef SHA_BUF
#define SHA_BUF (16 * 1024) /* bytes hashed per round */
#endif
#ifndef SHA_REPS
#define SHA_REPS 192 /* 96, then 144 until 2026-12-07; raised each time Vitrine ran it in under 0.2 s */
#endif

static const uint64_t K[80] = {
  0x428a2f98d728ae22ull, 0x7137449123ef65cdull, 0xb5c0fbcfec4d3b2full, 0xe9b5dba58189dbbcull,
  0x3956c25bf348b538ull, 0x59f111f1b605d019ull, 0x923f82a4af194f9bull, 0xab1c5ed5da6d8118ull,
  0xd807aa98a3030242ull, 0x12835b0145706fbeull, 0x243185be4ee4b28cull, 0x550c7dc3d5ffb4e2ull,
  0x72be5d74f27b896full, 0x80deb1fe3b1696b1ull, 0x9bdc06a725c71235ull, 0xc19bf174cf692694ull,
  0xe49b69c19ef14ad2ull, 0xefbe4786384f25e3ull, 0x0fc19dc68b8cd5b5ull, 0x240ca1cc77ac9c65ull,
  0x2de92c6f592b0275ull, 0x4a7484aa6ea6e483ull, 0x5cb0a9dcbd41fbd4ull, 0x76f988da831153b5ull,
  0x983e5152ee66dfabull, 0xa831c66d2db43210ull, 0xb00327c898fb213full, 0xbf597fc7beef0ee4ull,
  0xc6e00bf33da88fc2ull, 0xd5a79147930aa725ull, 0x06ca6351e003826full, 0x142929670a0e6e70ull,
  0x27b70a8546d22ffcull, 0x2e1b21385c26c926ull, 0x4d2c6dfc5ac42aedull, 0x53380d139d95b3dfull,
  0x650a73548baf63deull, 0x766a0abb3c77b2a8ull, 0x81c2c92e47edaee6ull, 0x92722c851482353bull,
  0xa2bfe8a14cf10364ull, 0xa81a664bbc423001ull, 0xc24b8b70d0f89791ull, 0xc76c51a30654be30ull,
  0xd192e819d6ef5218ull, 0xd69906245565a910ull, 0xf40e35855771202aull, 0x106aa07032bbd1b8ull,
  0x19a4c116b8d2d0c8ull, 0x1e376c085141ab53ull, 0x2748774cdf8eeb99ull, 0x34b0bcb5e19b48a8ull,
  0x391c0cb3c5c95a63ull, 0x4ed8aa4ae3418acbull, 0x5b9cca4f7763e373ull, 0x682e6ff3d6b2b8a3ull,
  0x748f82ee5defb2fcull, 0x78a5636f43172f60ull, 0x84c87814a1f0ab72ull, 0x8cc702081a6439ecull,
  0x90befffa23631e28ull, 0xa4506cebde82bde9ull, 0xbef9a3f7b2c67915ull, 0xc67178f2e372532bull,
  0xca273eceea26619cull, 0xd186b8c721c0c207ull, 0xeada7dd6cde0eb1eull, 0xf57d4f7fee6ed178ull,
  0x06f067aa72176fbaull, 0x0a637dc5a2c898a6ull, 0x113f9804bef90daeull, 0x1b710b35131c471bull,
  0x28db77f523047d84ull, 0x32caab7b40c72493ull, 0x3c9ebe0a15c9bebcull, 0x431d67c49c100d4cull,
  0x4cc5d4becb3e42b6ull, 0x597f299cfc657e2aull, 0x5fcb6fab3ad6faecull, 0x6c44198c4a475817ull,
};

typedef struct {
  uint64_t h[8];
  uint8_t block[128];
  uint32_t used;  /* bytes in block */
  uint64_t total; /* bytes hashed so far */
} Sha512;

static inline uint64_t rotr64(uint64_t x, int r) { return (x >> r) | (x << (64 - r)); }

static inline uint64_t load_be64(const uint8_t *p) {
  return ((uint64_t)p[0] << 56) | ((uint64_t)p[1] << 48) | ((uint64_t)p[2] << 40) |
         ((uint64_t)p[3] << 32) | ((uint64_t)p[4] << 24) | ((uint64_t)p[5] << 16) |
         ((uint64_t)p[6] << 8) | (uint64_t)p[7];
}

static NOINLINE void compress(uint64_t h[8], const uint8_t *p) {
  uint64_t w[80];
  for (int i = 0; i < 16; i++) w[i] = load_be64(p + 8 * i);
  for (int i = 16; i < 80; i++) {
    uint64_t s0 = rotr64(w[i - 15], 1) ^ rotr64(w[i - 15], 8) ^ (w[i - 15] >> 7);
    uint64_t s1 = rotr64(w[i - 2], 19) ^ rotr64(w[i - 2], 61) ^ (w[i - 2] >> 6);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (int i = 0; i < 80; i++) {
    uint64_t S1 = rotr64(e, 14) ^ rotr64(e, 18) ^ rotr64(e, 41);
    uint64_t ch = (e & f) ^ (~e & g);
    uint64_t t1 = hh + S1 + ch + K[i] + w[i];
    uint64_t S0 = rotr64(a, 28) ^ rotr64(a, 34) ^ rotr64(a, 39);
    uint64_t maj = (a & b) ^ (a & c) ^ (b & c);
    uint64_t t2 = S0 + maj;
    hh = g; g = f; f = e; e = d + t1;
    d = c; c = b; b = a; a = t1 + t2;
  }
  h[0] += a; h[1] += b; h[2] += c; h[3] += d;
  h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

static void sha_init(Sha512 *s) {
  static const uint64_t iv[8] = {
    0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull, 0xa54ff53a5f1d36f1ull,
    0x510e527fade682d1ull, 0x9b05688c2b3e6c1full, 0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull,
  };
  for (int i = 0; i < 8; i++) s->h[i] = iv[i];
  s->used = 0;
  s->total = 0;
}

static void sha_update(Sha512 *s, const uint8_t *p, size_t len) {
  s->total += len;
  while (len > 0) {
    if (s->used == 0 && len >= 128) {
      compress(s->h, p);
      p += 128;
      len -= 128;
      continue;
    }
    size_t n = 128 - s->used;
    if (n > len) n = len;
    for (size_t i = 0; i < n; i++) s->block[s->used + i] = p[i];
    s->used += (uint32_t)n;
    p += n;
    len -= n;
    if (s->used == 128) {
      compress(s->h, s->block);
      s->used = 0;
    }
  }
}

static void sha_final(Sha512 *s, uint8_t out[64]) {
  uint64_t bits = s->total * 8;
  uint8_t pad[144];
  size_t padlen = (s->used < 112 ? 112 : 240) - s->used;
  pad[0] = 0x80;
  for (size_t i = 1; i < padlen; i++) pad[i] = 0;
  for (int i = 0; i < 8; i++) pad[padlen + i] = 0; /* the high 64 bits of the 128-bit length */
  for (int i = 0; i < 8; i++) pad[padlen + 8 + i] = (uint8_t)(bits >> (56 - 8 * i));
  sha_update(s, pad, padlen + 16);
  for (int i = 0; i < 8; i++)
    for (int j = 0; j < 8; j++) out[8 * i + j] = (uint8_t)(s->h[i] >> (56 - 8 * j));
}

static uint8_t buf[SHA_BUF];

uint64_t run(void) {
  /* Known answer: SHA-512("abc"). A wrong implementation returns 0. */
  static const uint64_t abc[8] = {
    0xddaf35a193617abaull, 0xcc417349ae204131ull, 0x12e6fa4e89a97ea2ull, 0x0a9eeee64b55d39aull,
    0x2192992a274fc1a8ull, 0x36ba3c23a3feebbdull, 0x454d4423643ce80eull, 0x2a9ac94fa54ca49full,
  };
  Sha512 s;
  uint8_t digest[64];
  sha_init(&s);
  sha_update(&s, (const uint8_t *)"abc", 3);
  sha_final(&s, digest);
  for (int i = 0; i < 8; i++)
    if (load_be64(digest + 8 * i) != abc[i]) return 0;

  uint64_t seed = 42;
  for (size_t i = 0; i < sizeof buf; i += 8) {
    uint64_t v = splitmix64(&seed);
    __builtin_memcpy(buf + i, &v, 8);
  }
  uint64_t h = 0;
  for (uint32_t r = 0; r < SHA_REPS; r++) {
    sha_init(&s);
    sha_update(&s, digest, 64);               /* chain the previous digest */
    sha_update(&s, buf + r, SHA_BUF - r * 5); /* odd offsets and lengths */
    sha_final(&s, digest);
    for (int i = 0; i < 8; i++) h = rotr64(h, 7) ^ load_be64(digest + 8 * i);
  }
  return h;
}

BENCH_MAIN_U64
