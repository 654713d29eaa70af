// Scalar explicit-bucket histogram: branchless linear scan for short bound lists (the probe in
// perf-baselines.md section 5 measured 6.5 ns/value vs 15.5 for binary search at 16 bounds),
// binary search above kLinearMax bounds.
#include <cmath>
#include <limits>
#include "simd.h"

namespace otlpx {
namespace scalar {

static constexpr size_t kLinearMax = 32;

void histogram(const double* values, size_t n, const double* bounds, size_t nb, double* counts,
               double* stats) {
  detail::HistogramState st = {{0, 0, 0, 0, 0, 0, 0, 0},
                               std::numeric_limits<double>::infinity(),
                               -std::numeric_limits<double>::infinity(),
                               0};
  detail::histogramScalar(values, 0, n, bounds, nb, kLinearMax, counts, &st);
  detail::writeStats(st, stats);
}

}  // namespace scalar
}  // namespace otlpx
