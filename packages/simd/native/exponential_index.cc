// Base-2 exponential histogram index, bit-identical to src/js/exponential-index.ts: the same
// polynomial for ln(m), evaluated in the same order; binding.gyp compiles every file with
// -ffp-contract=off so no multiply-add is fused (JS and wasm never fuse either).
#include <cmath>
#include <cstring>
#include "simd.h"

namespace otlpx {

static const double kC[10] = {1.0 / 21, 1.0 / 19, 1.0 / 17, 1.0 / 15, 1.0 / 13,
                              1.0 / 11, 1.0 / 9,  1.0 / 7,  1.0 / 5,  1.0 / 3};
static const double kLog2e = 1.4426950408889634;
static const double kSqrt2 = 1.4142135623730951;

void exponentialIndex(const double* values, size_t n, int scale, int32_t* out) {
  const double factor = std::ldexp(1.0, scale);
  for (size_t i = 0; i < n; i++) {
    const double v = values[i];
    if (v != v || v == 0 || std::isinf(v)) {
      out[i] = INT32_MIN;
      continue;
    }
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    bits &= 0x7fffffffffffffffull;
    const int bexp = static_cast<int>(bits >> 52);
    int e = bexp - 1023;
    bool exact = (bits & 0xfffffffffffffull) == 0;
    if (bexp == 0) {
      e = -1022;
      exact = true;
    }
    if (scale <= 0) {
      out[i] = (exact ? e - 1 : e) >> (-scale);
    } else if (exact) {
      out[i] = static_cast<int32_t>(e * factor - 1);
    } else {
      const uint64_t mbits = (bits & 0xfffffffffffffull) | 0x3ff0000000000000ull;
      double m;
      std::memcpy(&m, &mbits, 8);
      if (m > kSqrt2) {
        m = m * 0.5;
        e = e + 1;
      }
      const double s = (m - 1) / (m + 1);
      const double z = s * s;
      double p = kC[0];
      for (int k = 1; k < 10; k++) p = p * z + kC[k];
      p = p * z + 1;
      const double ln = 2 * s * p;
      out[i] = static_cast<int32_t>(std::floor((e + ln * kLog2e) * factor));
    }
  }
}

}  // namespace otlpx
