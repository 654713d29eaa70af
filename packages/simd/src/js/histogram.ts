import { STAT_MAX, STAT_MIN, STAT_NAN, STAT_SUM } from '../kernels.js';

/**
 * Reference explicit-bucket histogram (OpenTelemetry semantics: bucket i holds
 * bounds[i-1] < v <= bounds[i]; the last one v > bounds[n-1]).
 *
 * The sum is defined, on every backend, as 8 lanes (value i goes to lane i % 8) combined as
 * ((l0+l4)+(l2+l6)) + ((l1+l5)+(l3+l7)): that is the order AVX2 (two 4-lane accumulators),
 * SSE/wasm (four 2-lane accumulators) and this loop all reproduce, so sums are bit-identical.
 * NaN values are skipped (counted in stats[3]); min/max report -0 as 0.
 */
export function histogramJs(
  values: Float64Array,
  bounds: Float64Array,
  counts: Float64Array,
  stats: Float64Array,
): void {
  const n = values.length;
  const nb = bounds.length;
  let l0 = 0;
  let l1 = 0;
  let l2 = 0;
  let l3 = 0;
  let l4 = 0;
  let l5 = 0;
  let l6 = 0;
  let l7 = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let nan = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      nan++;
      continue;
    }
    // Upper-bound binary search (the sdk-metrics search): first bound with v <= bound.
    let lo = 0;
    let hi = nb;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v > bounds[mid]) lo = mid + 1;
      else hi = mid;
    }
    counts[lo]++;
    if (v < min) min = v;
    if (v > max) max = v;
    switch (i & 7) {
      case 0:
        l0 += v;
        break;
      case 1:
        l1 += v;
        break;
      case 2:
        l2 += v;
        break;
      case 3:
        l3 += v;
        break;
      case 4:
        l4 += v;
        break;
      case 5:
        l5 += v;
        break;
      case 6:
        l6 += v;
        break;
      default:
        l7 += v;
    }
  }
  stats[STAT_SUM] = l0 + l4 + (l2 + l6) + (l1 + l5 + (l3 + l7));
  stats[STAT_MIN] = min === 0 ? 0 : min;
  stats[STAT_MAX] = max === 0 ? 0 : max;
  stats[STAT_NAN] = nan;
}
