// Protobuf varints of packed arrays. Decoding takes 8 bytes at a time while none has its
// continuation bit set (small values: location indices, most sample values), else one varint
// at a time with Go's validity rule (<= 10 bytes, 10th byte 0 or 1).
#include <cstring>
#include "simd.h"

namespace otlpx {

size_t varintEncode32(const uint32_t* values, size_t n, uint8_t* dst) {
  uint8_t* p = dst;
  for (size_t i = 0; i < n; i++) {
    uint32_t v = values[i];
    while (v > 0x7f) {
      *p++ = static_cast<uint8_t>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    *p++ = static_cast<uint8_t>(v);
  }
  return static_cast<size_t>(p - dst);
}

size_t varintEncode64(const uint64_t* values, size_t n, uint8_t* dst) {
  uint8_t* p = dst;
  for (size_t i = 0; i < n; i++) {
    uint64_t v = values[i];
    while (v > 0x7f) {
      *p++ = static_cast<uint8_t>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    *p++ = static_cast<uint8_t>(v);
  }
  return static_cast<size_t>(p - dst);
}

template <typename T>
static double decode(const uint8_t* src, size_t n, T* dst, size_t cap) {
  size_t pos = 0, count = 0;
  while (pos < n) {
    // Fast path: 8 single-byte varints.
    if (pos + 8 <= n && count + 8 <= cap) {
      uint64_t w;
      std::memcpy(&w, src + pos, 8);
      if ((w & 0x8080808080808080ull) == 0) {
        for (int k = 0; k < 8; k++) dst[count + k] = static_cast<T>(src[pos + k]);
        pos += 8;
        count += 8;
        continue;
      }
    }
    if (count == cap) return kVarintDstFull - static_cast<double>(pos);
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
