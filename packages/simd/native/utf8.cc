// UTF-8 validation of many byte ranges (RFC 3629, as src/js/utf8.ts). ASCII runs are skipped
// 8 bytes at a time (one 64-bit test of the high bits), the common case for telemetry strings.
#include <cstring>
#include "simd.h"

namespace otlpx {

static bool valid(const uint8_t* b, size_t n) {
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, b + i, 8);
      if ((w & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    const uint8_t c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    if (c < 0xc2 || c > 0xf4) return false;
    if (c < 0xe0) {
      if (i + 1 >= n || (b[i + 1] & 0xc0) != 0x80) return false;
      i += 2;
      continue;
    }
    if (c < 0xf0) {
      if (i + 2 >= n) return false;
      const uint8_t c1 = b[i + 1];
      if ((c1 & 0xc0) != 0x80 || (b[i + 2] & 0xc0) != 0x80) return false;
      if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 > 0x9f)) return false;
      i += 3;
      continue;
    }
    if (i + 3 >= n) return false;
    const uint8_t c1 = b[i + 1];
    if ((c1 & 0xc0) != 0x80 || (b[i + 2] & 0xc0) != 0x80 || (b[i + 3] & 0xc0) != 0x80) return false;
    if ((c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 > 0x8f)) return false;
    i += 4;
  }
  return true;
}

size_t utf8Validate(const uint8_t* bytes, const uint32_t* offsets, size_t n, uint8_t* out) {
  size_t invalid = 0;
  for (size_t i = 0; i < n; i++) {
    const bool ok = valid(bytes + offsets[i], offsets[i + 1] - offsets[i]);
    out[i] = ok ? 1 : 0;
    invalid += !ok;
  }
  return invalid;
}

}  // namespace otlpx
