// Scalar hex encode/decode with 256-entry tables; also defines the tables the SIMD tails share.
#include <cstring>
#include "simd.h"

namespace otlpx {
namespace detail {
const char kDigits[17] = "0123456789abcdef";
#define N16(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
const int8_t kNibble[256] = {
    N16(-1), N16(-1), N16(-1),
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -1, -1, -1, -1, -1,        // 0x30 '0'-'9'
    -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 0x40 'A'-'F'
    N16(-1),
    -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1,  // 0x60 'a'-'f'
    N16(-1), N16(-1), N16(-1), N16(-1), N16(-1), N16(-1), N16(-1), N16(-1), N16(-1)};
#undef N16
}  // namespace detail

namespace scalar {

void hexEncode(const uint8_t* src, size_t n, uint8_t* dst) {
  for (size_t i = 0; i < n; i++) {
    dst[2 * i] = static_cast<uint8_t>(detail::kDigits[src[i] >> 4]);
    dst[2 * i + 1] = static_cast<uint8_t>(detail::kDigits[src[i] & 15]);
  }
}

int64_t hexDecode(const uint8_t* src, size_t n, uint8_t* dst) {
  for (size_t i = 0; i < n; i++) {
    const int h = detail::kNibble[src[2 * i]];
    const int l = detail::kNibble[src[2 * i + 1]];
    if ((h | l) < 0) return static_cast<int64_t>(h < 0 ? 2 * i : 2 * i + 1);
    dst[i] = static_cast<uint8_t>((h << 4) | l);
  }
  return -1;
}

}  // namespace scalar
}  // namespace otlpx
