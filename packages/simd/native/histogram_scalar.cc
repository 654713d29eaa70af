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
  double lanes[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  double mn = std::numeric_limits<double>::infinity();
  double mx = -std::numeric_limits<double>::infinity();
  double nan = 0;
  for (size_t i = 0; i < n; i++) {
    const double v = values[i];
    if (v != v) {
      nan += 1;
      continue;
    }
    size_t idx;
    if (nb <= kLinearMax) {
      idx = 0;
      for (size_t k = 0; k < nb; k++) idx += v > bounds[k];
    } else {
      idx = detail::bucketOf(v, bounds, nb);
    }
    counts[idx] += 1;
    if (v < mn) mn = v;
    if (v > mx) mx = v;
    lanes[i & 7] += v;
  }
  stats[0] = detail::combineLanes(lanes);
  stats[1] = detail::zeroSign(mn);
  stats[2] = detail::zeroSign(mx);
  stats[3] = nan;
}

}  // namespace scalar
}  // namespace otlpx
