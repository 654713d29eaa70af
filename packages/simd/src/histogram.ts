import type { Context } from './context.js';
import { OtlpxSimdArgumentError } from './errors.js';
import { jsKernels } from './js-backend.js';
import { STAT_MAX, STAT_MIN, STAT_NAN, STAT_SUM } from './kernels.js';
import { expectLength, expectType } from './validate.js';

/** What one `histogramBuckets` call saw (NaN values are not counted, summed or compared). */
export interface HistogramStats {
  count: number;
  sum: number;
  /** +Infinity when no value was counted; -0 is reported as 0. */
  min: number;
  /** -Infinity when no value was counted; -0 is reported as 0. */
  max: number;
  nanCount: number;
}

const stats = new Float64Array(4);

function checkBounds(bounds: Float64Array): void {
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[i];
    if (Number.isNaN(b) || (i > 0 && !(b > bounds[i - 1]))) {
      throw new OtlpxSimdArgumentError(
        'bounds',
        `must be strictly increasing and not NaN (bounds[${i}] = ${b})`,
      );
    }
  }
}

/**
 * Adds each value to its explicit bucket (OpenTelemetry: bucket i holds bounds[i-1] < v <= bounds[i],
 * the last bucket v > bounds[n-1]) in `counts` (bounds.length + 1 slots) and returns count, sum,
 * min and max of the batch. The sum uses a fixed 8-lane order, so it is the same on every backend.
 */
export function histogramBuckets(
  ctx: Context,
  values: Float64Array,
  bounds: Float64Array,
  counts: Float64Array | BigUint64Array,
): HistogramStats {
  expectType(values, Float64Array, 'values');
  expectType(bounds, Float64Array, 'bounds');
  checkBounds(bounds);
  const k = values.length < ctx.thresholds.histogram ? jsKernels : ctx.kernels;
  if (counts instanceof Float64Array) {
    expectLength(counts.length, bounds.length + 1, 'counts');
    k.histogram(values, bounds, counts, stats);
  } else if (counts instanceof BigUint64Array) {
    expectLength(counts.length, bounds.length + 1, 'counts');
    const scratch = new Float64Array(bounds.length + 1);
    k.histogram(values, bounds, scratch, stats);
    for (let i = 0; i < scratch.length; i++) if (scratch[i] !== 0) counts[i] += BigInt(scratch[i]);
  } else {
    throw new OtlpxSimdArgumentError('counts', 'expected a Float64Array or BigUint64Array');
  }
  const nanCount = stats[STAT_NAN];
  return {
    count: values.length - nanCount,
    sum: stats[STAT_SUM],
    min: stats[STAT_MIN],
    max: stats[STAT_MAX],
    nanCount,
  };
}

/**
 * Base-2 exponential histogram bucket index of |v| at `scale` (-10..20) for each value, as the
 * OpenTelemetry mapping functions define it; -2147483648 for 0, NaN and +-Infinity.
 */
export function exponentialIndex(
  ctx: Context,
  values: Float64Array,
  scale: number,
  out?: Int32Array,
): Int32Array {
  expectType(values, Float64Array, 'values');
  if (!Number.isInteger(scale) || scale < -10 || scale > 20) {
    throw new OtlpxSimdArgumentError('scale', `must be an integer from -10 to 20, got ${scale}`);
  }
  const result = out === undefined ? new Int32Array(values.length) : expectType(out, Int32Array, 'out');
  expectLength(result.length, values.length, 'out');
  const k = values.length < ctx.thresholds.exponentialIndex ? jsKernels : ctx.kernels;
  k.exponentialIndex(values, scale, result);
  return result;
}
