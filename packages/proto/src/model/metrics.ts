import type { InstrumentationScope, KeyValue, Resource } from './common.js';

/**
 * The plain typed model of opentelemetry/proto/metrics/v1 (opentelemetry-proto v1.11.0) and
 * its ExportMetricsServiceRequest. Field names are the lowerCamelCase names of the OTLP/JSON
 * mapping; 64-bit integers (timestamps, counts, `asInt`) are bigints; absent proto3 fields hold
 * their default. Message fields that may be absent on the wire are optional (`resource?`,
 * `positive?`), as are oneof members and proto3 `optional` fields, so a decoded message
 * re-encodes to the same bytes.
 */

/** AggregationTemporality enum values (the numbers on the wire and in OTLP/JSON). */
export const AggregationTemporality = {
  UNSPECIFIED: 0,
  DELTA: 1,
  CUMULATIVE: 2,
} as const;
export type AggregationTemporality = (typeof AggregationTemporality)[keyof typeof AggregationTemporality];

/** DataPointFlags bits. */
export const DataPointFlags = {
  NO_RECORDED_VALUE_MASK: 1,
} as const;

export interface ExportMetricsServiceRequest {
  resourceMetrics: ResourceMetrics[];
}

export interface ResourceMetrics {
  resource?: Resource;
  scopeMetrics: ScopeMetrics[];
  schemaUrl: string;
}

export interface ScopeMetrics {
  scope?: InstrumentationScope;
  metrics: Metric[];
  schemaUrl: string;
}

/** One metric. At most one of `gauge`, `sum`, `histogram`, `exponentialHistogram`, `summary` is set. */
export interface Metric {
  name: string;
  description: string;
  unit: string;
  gauge?: Gauge;
  sum?: Sum;
  histogram?: Histogram;
  exponentialHistogram?: ExponentialHistogram;
  summary?: Summary;
  metadata: KeyValue[];
}

export interface Gauge {
  dataPoints: NumberDataPoint[];
}

export interface Sum {
  dataPoints: NumberDataPoint[];
  /** An AggregationTemporality value; unknown numbers are kept as they came. */
  aggregationTemporality: number;
  isMonotonic: boolean;
}

export interface Histogram {
  dataPoints: HistogramDataPoint[];
  aggregationTemporality: number;
}

export interface ExponentialHistogram {
  dataPoints: ExponentialHistogramDataPoint[];
  aggregationTemporality: number;
}

export interface Summary {
  dataPoints: SummaryDataPoint[];
}

/** A gauge or sum point. At most one of `asDouble` / `asInt` is set (the `value` oneof). */
export interface NumberDataPoint {
  attributes: KeyValue[];
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  asDouble?: number;
  asInt?: bigint;
  exemplars: Exemplar[];
  flags: number;
}

export interface HistogramDataPoint {
  attributes: KeyValue[];
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  count: bigint;
  sum?: number;
  bucketCounts: bigint[];
  explicitBounds: number[];
  exemplars: Exemplar[];
  flags: number;
  min?: number;
  max?: number;
}

export interface ExponentialHistogramBuckets {
  offset: number;
  bucketCounts: bigint[];
}

export interface ExponentialHistogramDataPoint {
  attributes: KeyValue[];
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  count: bigint;
  sum?: number;
  scale: number;
  zeroCount: bigint;
  positive?: ExponentialHistogramBuckets;
  negative?: ExponentialHistogramBuckets;
  flags: number;
  exemplars: Exemplar[];
  min?: number;
  max?: number;
  zeroThreshold: number;
}

export interface ValueAtQuantile {
  quantile: number;
  value: number;
}

export interface SummaryDataPoint {
  attributes: KeyValue[];
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  count: bigint;
  sum: number;
  quantileValues: ValueAtQuantile[];
  flags: number;
}

/** A measurement sampled into a point. At most one of `asDouble` / `asInt` is set. */
export interface Exemplar {
  filteredAttributes: KeyValue[];
  timeUnixNano: bigint;
  asDouble?: number;
  asInt?: bigint;
  /** 8 bytes, or empty when the exemplar has no span. */
  spanId: Uint8Array;
  /** 16 bytes, or empty when the exemplar has no trace. */
  traceId: Uint8Array;
}
