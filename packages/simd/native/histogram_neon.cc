// NEON (arm64) explicit-bucket histogram and hex encode. Compiled only on arm64 (binding.gyp);
// same lane layout as the SSE4.2 kernel: four 2-lane sum accumulators in the canonical order.
// Not exercised on the x86-64 CI machine; the arm64 property tests run it where available.
#if defined(__aarch64__)
#include <arm_neon.h>
#include <limits>
#include <vector>
#include "simd.h"

namespace otlpx {
namespace neon {

static constexpr size_t kLinearMax = 64;

void histogram(const double* values, size_t n, const double* bounds, size_t nb, double* counts,
               double* stats) {
  const size_t slots = nb + 1;
  std::vector<uint32_t> tables(slots * 8, 0);
  uint32_t* t = tables.data();
  float64x2_t acc[4] = {vdupq_n_f64(0), vdupq_n_f64(0), vdupq_n_f64(0), vdupq_n_f64(0)};
  double mn = std::numeric_limits<double>::infinity();
  double mx = -std::numeric_limits<double>::infinity();
  double nanCount = 0;
  const bool linear = nb <= kLinearMax;
  size_t i = 0;
  uint64_t ix[8];
  for (; i + 8 <= n; i += 8) {
    for (int g = 0; g < 4; g++) {
      float64x2_t v = vld1q_f64(values + i + 2 * g);
      uint64x2_t ok = vceqq_f64(v, v);  // false for NaN
      acc[g] = vaddq_f64(acc[g], vreinterpretq_f64_u64(vandq_u64(ok, vreinterpretq_u64_f64(v))));
      if (linear) {
        uint64x2_t idx = vdupq_n_u64(0);
        for (size_t k = 0; k < nb; k++) idx = vsubq_u64(idx, vcgtq_f64(v, vdupq_n_f64(bounds[k])));
        vst1q_u64(ix + 2 * g, idx);
      }
    }
    for (int l = 0; l < 8; l++) {
      const double v = values[i + l];
      if (v != v) {
        nanCount += 1;
        continue;
      }
      if (v < mn) mn = v;
      if (v > mx) mx = v;
      const size_t idx = linear ? static_cast<size_t>(ix[l]) : detail::bucketOf(v, bounds, nb);
      t[l * slots + idx]++;
    }
  }
  detail::HistogramState st;
  for (int g = 0; g < 4; g++) vst1q_f64(st.lanes + 2 * g, acc[g]);
  st.mn = mn;
  st.mx = mx;
  st.nan = nanCount;
  detail::mergeTables(t, slots, counts);
  detail::histogramScalar(values, i, n, bounds, nb, 0, counts, &st);
  detail::writeStats(st, stats);
}

void hexEncode(const uint8_t* src, size_t n, uint8_t* dst) {
  const uint8x16_t lut = vld1q_u8(reinterpret_cast<const uint8_t*>(detail::kDigits));
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    uint8x16_t x = vld1q_u8(src + i);
    uint8x16x2_t pair;
    pair.val[0] = vqtbl1q_u8(lut, vshrq_n_u8(x, 4));
    pair.val[1] = vqtbl1q_u8(lut, vandq_u8(x, vdupq_n_u8(0x0f)));
    vst2q_u8(dst + 2 * i, pair);  // interleaves hi/lo chars
  }
  scalar::hexEncode(src + i, n - i, dst + 2 * i);
}

}  // namespace neon
}  // namespace otlpx
#endif
