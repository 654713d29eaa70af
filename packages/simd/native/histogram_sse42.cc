// SSE4.2 explicit-bucket histogram (compiled with -msse4.2 only): as the AVX2 kernel with 2-lane
// registers; four sum accumulators hold lanes (0,1) (2,3) (4,5) (6,7) of the canonical order.
#include <nmmintrin.h>
#include <limits>
#include <vector>
#include "simd.h"

namespace otlpx {
namespace sse42 {

static constexpr size_t kLinearMax = 64;

static inline __m128i bucketIndex(__m128d v, const double* bounds, size_t nb) {
  __m128i idx = _mm_setzero_si128();
  for (size_t k = 0; k < nb; k++) {
    __m128d gt = _mm_cmpgt_pd(v, _mm_set1_pd(bounds[k]));
    idx = _mm_sub_epi64(idx, _mm_castpd_si128(gt));
  }
  return idx;
}

void histogram(const double* values, size_t n, const double* bounds, size_t nb, double* counts,
               double* stats) {
  const size_t slots = nb + 1;
  std::vector<uint32_t> tables(slots * 8, 0);
  uint32_t* t = tables.data();
  __m128d acc[4] = {_mm_setzero_pd(), _mm_setzero_pd(), _mm_setzero_pd(), _mm_setzero_pd()};
  __m128d vmin = _mm_set1_pd(std::numeric_limits<double>::infinity());
  __m128d vmax = _mm_set1_pd(-std::numeric_limits<double>::infinity());
  __m128i nan = _mm_setzero_si128();
  const bool linear = nb <= kLinearMax;
  size_t i = 0;
  alignas(16) int64_t ix[8];
  for (; i + 8 <= n; i += 8) {
    for (int g = 0; g < 4; g++) {
      __m128d v = _mm_loadu_pd(values + i + 2 * g);
      __m128d nm = _mm_cmpunord_pd(v, v);
      nan = _mm_sub_epi64(nan, _mm_castpd_si128(nm));
      acc[g] = _mm_add_pd(acc[g], _mm_andnot_pd(nm, v));
      vmin = _mm_min_pd(v, vmin);
      vmax = _mm_max_pd(v, vmax);
      if (linear) _mm_store_si128(reinterpret_cast<__m128i*>(ix + 2 * g), bucketIndex(v, bounds, nb));
    }
    if (!linear) {
      for (int l = 0; l < 8; l++) ix[l] = static_cast<int64_t>(detail::bucketOf(values[i + l], bounds, nb));
    }
    for (int l = 0; l < 8; l++) t[l * slots + ix[l]]++;
  }
  detail::HistogramState st;
  for (int g = 0; g < 4; g++) _mm_storeu_pd(st.lanes + 2 * g, acc[g]);
  alignas(16) int64_t nans[2];
  _mm_store_si128(reinterpret_cast<__m128i*>(nans), nan);
  st.nan = static_cast<double>(nans[0] + nans[1]);
  alignas(16) double mins[2], maxs[2];
  _mm_store_pd(mins, vmin);
  _mm_store_pd(maxs, vmax);
  st.mn = mins[1] < mins[0] ? mins[1] : mins[0];
  st.mx = maxs[1] > maxs[0] ? maxs[1] : maxs[0];
  detail::mergeTables(t, slots, counts);
  counts[0] -= st.nan;  // NaN lanes landed in bucket 0
  detail::histogramScalar(values, i, n, bounds, nb, 0, counts, &st);
  detail::writeStats(st, stats);
}

}  // namespace sse42
}  // namespace otlpx
