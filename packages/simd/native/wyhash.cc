// wyhash "final4" (Wang Yi's wyhash.h, 2022; WYHASH_CONDOM 1, default secret), batched: one call
// hashes every byte range of a buffer. Chosen over xxh3-64 because the whole function is ~30 lines
// that JS and WAT can reproduce exactly (the short-key path dominates: attribute keys, frames), and
// it runs at about one 64x64->128 multiply per 16 bytes.
#include <cstring>
#include "simd.h"

namespace otlpx {

static const uint64_t kSecret[4] = {0x2d358dccaa6c78a5ull, 0x8bb84b93962eacc9ull, 0x4b33a62ed433d4a3ull,
                                    0x4d5a2da51de1aa47ull};

static inline void mum(uint64_t* a, uint64_t* b) {
  __uint128_t r = static_cast<__uint128_t>(*a) * *b;
  *a = static_cast<uint64_t>(r);
  *b = static_cast<uint64_t>(r >> 64);
}
static inline uint64_t mix(uint64_t a, uint64_t b) {
  mum(&a, &b);
  return a ^ b;
}
static inline uint64_t r8(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
static inline uint64_t r4(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

static inline uint64_t wyhash(const uint8_t* p, size_t len, uint64_t seed) {
  const uint64_t* s = kSecret;
  uint64_t a, b;
  if (len <= 16) {
    if (len >= 4) {
      const size_t q = (len >> 3) << 2;
      a = (r4(p) << 32) | r4(p + q);
      b = (r4(p + len - 4) << 32) | r4(p + len - 4 - q);
    } else if (len > 0) {
      a = (static_cast<uint64_t>(p[0]) << 16) | (static_cast<uint64_t>(p[len >> 1]) << 8) | p[len - 1];
      b = 0;
    } else {
      a = b = 0;
    }
  } else {
    size_t i = len;
    if (i >= 48) {
      uint64_t see1 = seed, see2 = seed;
      do {
        seed = mix(r8(p) ^ s[1], r8(p + 8) ^ seed);
        see1 = mix(r8(p + 16) ^ s[2], r8(p + 24) ^ see1);
        see2 = mix(r8(p + 32) ^ s[3], r8(p + 40) ^ see2);
        p += 48;
        i -= 48;
      } while (i >= 48);
      seed ^= see1 ^ see2;
    }
    while (i > 16) {
      seed = mix(r8(p) ^ s[1], r8(p + 8) ^ seed);
      i -= 16;
      p += 16;
    }
    a = r8(p + i - 16);
    b = r8(p + i - 8);
  }
  a ^= s[1];
  b ^= seed;
  mum(&a, &b);
  return mix(a ^ s[0] ^ len, b ^ s[1]);
}

void hash64(const uint8_t* bytes, const uint32_t* offsets, size_t n, uint64_t seed, uint64_t* out) {
  seed ^= mix(seed ^ kSecret[0], kSecret[1]);
  for (size_t k = 0; k < n; k++) out[k] = wyhash(bytes + offsets[k], offsets[k + 1] - offsets[k], seed);
}

}  // namespace otlpx
