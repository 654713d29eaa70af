// Scalar attribute-key matching: compare the zero-padded 8-byte prefix first (one 64-bit compare
// per set entry), then the length and the remaining bytes.
#include <cstring>
#include "simd.h"

namespace otlpx {
namespace detail {
uint64_t prefixOf(const uint8_t* p, size_t len) {
  uint64_t w = 0;
  std::memcpy(&w, p, len < 8 ? len : 8);
  return w;  // little-endian hosts only (x86-64, arm64)
}
bool restEqual(const uint8_t* tbytes, const uint32_t* toffsets, size_t j, const uint8_t* key, size_t len) {
  const uint32_t q = toffsets[j];
  if (toffsets[j + 1] - q != len) return false;
  return len <= 8 || std::memcmp(tbytes + q + 8, key + 8, len - 8) == 0;
}
}  // namespace detail

namespace scalar {
void matchKeys(const uint8_t* tbytes, const uint32_t* toffsets, const uint64_t* prefixes, size_t m,
               const uint8_t* bytes, const uint32_t* offsets, size_t n, int32_t* out) {
  for (size_t i = 0; i < n; i++) {
    const uint8_t* key = bytes + offsets[i];
    const size_t len = offsets[i + 1] - offsets[i];
    const uint64_t pfx = detail::prefixOf(key, len);
    int32_t found = -1;
    for (size_t j = 0; j < m; j++) {
      if (prefixes[j] == pfx && detail::restEqual(tbytes, toffsets, j, key, len)) {
        found = static_cast<int32_t>(j);
        break;
      }
    }
    out[i] = found;
  }
}
}  // namespace scalar
}  // namespace otlpx
