// Protobuf varints of packed arrays. Decoding reads 8 bytes at a time: 8 single-byte varints at
// once, else one varint of up to 8 bytes without a loop; longer ones byte by byte with Go's
// validity rule (<= 10 bytes, 10th byte 0 or 1).
#include <cstring>
#include "simd.h"

namespace otlpx {

template <typename T>
static size_t encode(const T* values, size_t n, uint8_t* dst) {
  uint8_t* p = dst;
  for (size_t i = 0; i < n; i++) {
    T v = values[i];
    while (v > 0x7f) {
      *p++ = static_cast<uint8_t>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    *p++ = static_cast<uint8_t>(v);
  }
  return static_cast<size_t>(p - dst);
}

size_t varintEncode32(const uint32_t* values, size_t n, uint8_t* dst) { return encode(values, n, dst); }
size_t varintEncode64(const uint64_t* values, size_t n, uint8_t* dst) { return encode(values, n, dst); }

// Folds the 7-bit groups of up to 8 varint bytes (continuation bits already cleared) into one
// value: 7->14->28->56 bits, no branch on the length (random lengths mispredict a byte loop).
static inline uint64_t compact(uint64_t x) {
  x = ((x & 0x7f007f007f007f00ull) >> 1) | (x & 0x007f007f007f007full);
  x = ((x & 0x3fff00003fff0000ull) >> 2) | (x & 0x00003fff00003fffull);
  return ((x & 0x0fffffff00000000ull) >> 4) | (x & 0x000000000fffffffull);
}

template <typename T>
static double decode(const uint8_t* src, size_t n, T* dst, size_t cap) {
  size_t pos = 0, count = 0;
  while (pos < n) {
    if (pos + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, src + pos, 8);
      const uint64_t stop = ~w & 0x8080808080808080ull;
      // Fast path: 8 single-byte varints.
      if (stop == 0x8080808080808080ull && count + 8 <= cap) {
        for (int k = 0; k < 8; k++) dst[count + k] = static_cast<T>(src[pos + k]);
        pos += 8;
        count += 8;
        continue;
      }
      // The first two varints that end in this word, branch-free (lengths are random, so a
      // branch per varint mispredicts); the position then moves once for both, which halves the
      // load -> ctz -> position dependency chain that bounds a one-varint-at-a-time decoder.
      if (stop != 0 && count + 2 <= cap) {
        const uint64_t x = w & 0x7f7f7f7f7f7f7f7full;
        const unsigned e1 = static_cast<unsigned>(__builtin_ctzll(stop)) + 1;  // 8, 16, ..., 64
        const uint64_t rest = stop & (stop - 1);
        const unsigned e2 = rest != 0 ? static_cast<unsigned>(__builtin_ctzll(rest)) + 1 : e1;
        dst[count] = static_cast<T>(compact(x & (~0ull >> (64 - e1))));
        // When only one varint ends here, slot count + 1 keeps its old value (a select, no branch).
        const T second = static_cast<T>(compact((x & (~0ull >> (64 - e2))) >> (e1 & 63)));
        dst[count + 1] = rest != 0 ? second : dst[count + 1];
        count += 1 + (rest != 0);
        pos += e2 >> 3;
        continue;
      }
    }
    if (count == cap) return kVarintDstFull - static_cast<double>(pos);
    // Slow path: 9-10 byte varints and the last bytes of the input.
    const size_t start = pos;
    uint64_t v = 0;
    int shift = 0;
    for (;;) {
      if (pos >= n) return -1.0 - static_cast<double>(start);
      const uint8_t b = src[pos++];
      if (shift == 63) {
        if (b > 1) return -1.0 - static_cast<double>(start);
        v |= static_cast<uint64_t>(b) << 63;
        break;
      }
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      shift += 7;
      if (b < 0x80) break;
    }
    dst[count++] = static_cast<T>(v);
  }
  return static_cast<double>(count);
}

double varintDecode32(const uint8_t* src, size_t n, uint32_t* dst, size_t cap) { return decode(src, n, dst, cap); }
double varintDecode64(const uint8_t* src, size_t n, uint64_t* dst, size_t cap) { return decode(src, n, dst, cap); }

}  // namespace otlpx
