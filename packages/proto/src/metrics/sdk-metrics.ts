import type { SdkResourceLike, SdkScopeLike } from '../common/sdk-resource-scope.js';

/**
 * The parts of @opentelemetry/sdk-metrics 2.x `collect()` output (`ResourceMetrics`) that the
 * metrics encoders read, as structural types: the SDK's objects are assignable to them, and
 * @otlpx/proto needs no SDK package at run time or in its type declarations.
 */

/** sdk-metrics `DataPointType`. */
export const SdkDataPointType = {
  HISTOGRAM: 0,
  EXPONENTIAL_HISTOGRAM: 1,
  GAUGE: 2,
  SUM: 3,
} as const;

/** sdk-metrics `AggregationTemporality` (DELTA 0, CUMULATIVE 1: OTLP's value minus one). */
export const SdkAggregationTemporality = {
  DELTA: 0,
  CUMULATIVE: 1,
} as const;

/** @opentelemetry/api `ValueType`. */
export const SdkValueType = {
  INT: 0,
  DOUBLE: 1,
} as const;

export interface SdkMetricDescriptor {
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  /** ValueType: INT 0 (written as `as_int`), DOUBLE 1 (`as_double`). */
  readonly valueType: number;
}

export interface SdkHistogram {
  readonly buckets: { readonly boundaries: readonly number[]; readonly counts: readonly number[] };
  readonly sum?: number;
  readonly count: number;
  readonly min?: number;
  readonly max?: number;
}

export interface SdkExponentialHistogram {
  readonly count: number;
  readonly sum?: number;
  readonly scale: number;
  readonly zeroCount: number;
  readonly positive: { readonly offset: number; readonly bucketCounts: readonly number[] };
  readonly negative: { readonly offset: number; readonly bucketCounts: readonly number[] };
  readonly min?: number;
  readonly max?: number;
}

export interface SdkDataPoint<T> {
  readonly startTime: readonly [number, number];
  readonly endTime: readonly [number, number];
  readonly attributes: object;
  readonly value: T;
}

/** One metric: `dataPointType` says which value shape its points carry. */
export interface SdkMetricData {
  readonly descriptor: SdkMetricDescriptor;
  readonly aggregationTemporality: number;
  readonly dataPointType: number;
  readonly dataPoints: readonly SdkDataPoint<number | SdkHistogram | SdkExponentialHistogram>[];
  /** Sums only. */
  readonly isMonotonic?: boolean;
}

export interface SdkScopeMetrics {
  readonly scope: SdkScopeLike;
  readonly metrics: readonly SdkMetricData[];
}

export interface SdkResourceMetrics {
  readonly resource: SdkResourceLike;
  readonly scopeMetrics: readonly SdkScopeMetrics[];
}

/** OTLP AggregationTemporality of an SDK one: DELTA 1, CUMULATIVE 2, anything else 0. */
export function otlpTemporality(sdkTemporality: number): number {
  return sdkTemporality === 0 ? 1 : sdkTemporality === 1 ? 2 : 0;
}
