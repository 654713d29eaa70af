// Protobuf varints of packed arrays. Decoding finds the last byte of every varint in a 64-byte
// window at once and folds each varint of up to 8 bytes without a loop; longer ones go byte by
// byte with Go's validity rule (<= 10 bytes, 10th byte 0 or 1).
#include "varint_decode.h"

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

// Folds the 7-bit groups of the first `len` (1-8) bytes of `w` into one value: 7->14->28->56 bits,
// no branch on the length (random lengths mispredict a byte loop).
static inline uint64_t foldPortable(uint64_t w, size_t len) {
  uint64_t x = w & 0x7f7f7f7f7f7f7f7full & (~0ull >> (64 - 8 * len));
  x = ((x & 0x7f007f007f007f00ull) >> 1) | (x & 0x007f007f007f007full);
  x = ((x & 0x3fff00003fff0000ull) >> 2) | (x & 0x00003fff00003fffull);
  return ((x & 0x0fffffff00000000ull) >> 4) | (x & 0x000000000fffffffull);
}

namespace scalar {
const VarintDecode32Fn varintDecode32 = detail::decodeVarints<uint32_t, foldPortable>;
const VarintDecode64Fn varintDecode64 = detail::decodeVarints<uint64_t, foldPortable>;
}  // namespace scalar

}  // namespace otlpx
