import fc from 'fast-check';
import type {
  Exemplar,
  ExponentialHistogramBuckets,
  ExponentialHistogramDataPoint,
  ExportMetricsServiceRequest,
  HistogramDataPoint,
  Metric,
  NumberDataPoint,
  SummaryDataPoint,
} from '../../src/model/metrics.js';
import { attributes, resource, scope, text, uint32 } from '../arbitraries.js';

// fast-check arbitraries of the metrics model: every data kind, both oneof members, optional
// fields present and absent, packed repeated fields, exemplars with ids. Each value is canonical
// (what the decoder would build from its own encoding), so model -> bytes -> model is the identity.

const fixed64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const sfixed64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const optionalDouble = fc.option(fc.double(), { nil: undefined });
const temporality = fc.oneof(fc.constantFrom(0, 1, 2), fc.integer({ min: 3, max: 1000 }));
const id = (length: number) =>
  fc.oneof(
    fc.constant(new Uint8Array(0)),
    fc.uint8Array({ minLength: length, maxLength: length }).map((b) => new Uint8Array(b)),
  );

/** Either `asDouble`, `asInt` or neither (the `value` oneof). */
const value = fc.oneof(
  fc.record({ asDouble: fc.double() }),
  fc.record({ asInt: sfixed64 }),
  fc.constant({} as { asDouble?: number; asInt?: bigint }),
);

export const exemplar: fc.Arbitrary<Exemplar> = fc
  .tuple(
    fc.record({ filteredAttributes: attributes, timeUnixNano: fixed64, spanId: id(8), traceId: id(16) }),
    value,
  )
  .map(([e, v]) => ({ ...e, ...v }));

const exemplars = fc.array(exemplar, { maxLength: 2 });
const base = { attributes, startTimeUnixNano: fixed64, timeUnixNano: fixed64, flags: uint32 };

export const numberPoint: fc.Arbitrary<NumberDataPoint> = fc
  .tuple(fc.record({ ...base, exemplars }), value)
  .map(([p, v]) => ({ ...p, ...v }));

function withOptionals<T extends object>(point: T, optionals: Record<string, number | undefined>): T {
  const out: Record<string, unknown> = { ...(point as Record<string, unknown>) };
  for (const [k, v] of Object.entries(optionals)) if (v !== undefined) out[k] = v;
  return out as T;
}

export const histogramPoint: fc.Arbitrary<HistogramDataPoint> = fc
  .tuple(
    fc.record({
      ...base,
      count: fixed64,
      bucketCounts: fc.array(fixed64, { maxLength: 5 }),
      explicitBounds: fc.array(fc.double(), { maxLength: 5 }),
      exemplars,
    }),
    optionalDouble,
    optionalDouble,
    optionalDouble,
  )
  .map(([p, sum, min, max]) => withOptionals(p, { sum, min, max }));

const buckets: fc.Arbitrary<ExponentialHistogramBuckets | undefined> = fc.option(
  fc.record({ offset: int32, bucketCounts: fc.array(fixed64, { maxLength: 5 }) }),
  { nil: undefined },
);

export const exponentialPoint: fc.Arbitrary<ExponentialHistogramDataPoint> = fc
  .tuple(
    fc.record({
      ...base,
      count: fixed64,
      scale: int32,
      zeroCount: fixed64,
      exemplars,
      zeroThreshold: fc.double(),
    }),
    buckets,
    buckets,
    optionalDouble,
    optionalDouble,
    optionalDouble,
  )
  .map(([p, positive, negative, sum, min, max]) => {
    const out: ExponentialHistogramDataPoint = withOptionals(p, { sum, min, max });
    if (positive) out.positive = positive;
    if (negative) out.negative = negative;
    return out;
  });

export const summaryPoint: fc.Arbitrary<SummaryDataPoint> = fc.record({
  ...base,
  count: fixed64,
  sum: fc.double(),
  quantileValues: fc.array(fc.record({ quantile: fc.double(), value: fc.double() }), { maxLength: 3 }),
});

const points = <T>(a: fc.Arbitrary<T>) => fc.array(a, { maxLength: 3 });

const data = fc.oneof(
  fc.constant({}),
  fc.record({ gauge: fc.record({ dataPoints: points(numberPoint) }) }),
  fc.record({
    sum: fc.record({
      dataPoints: points(numberPoint),
      aggregationTemporality: temporality,
      isMonotonic: fc.boolean(),
    }),
  }),
  fc.record({
    histogram: fc.record({ dataPoints: points(histogramPoint), aggregationTemporality: temporality }),
  }),
  fc.record({
    exponentialHistogram: fc.record({
      dataPoints: points(exponentialPoint),
      aggregationTemporality: temporality,
    }),
  }),
  fc.record({ summary: fc.record({ dataPoints: points(summaryPoint) }) }),
);

export const metric: fc.Arbitrary<Metric> = fc
  .tuple(fc.record({ name: text, description: text, unit: text, metadata: attributes }), data)
  .map(([m, d]) => ({ ...m, ...d }));

export const metricsRequest: fc.Arbitrary<ExportMetricsServiceRequest> = fc.record({
  resourceMetrics: fc.array(
    fc
      .tuple(
        fc.record({
          scopeMetrics: fc.array(
            fc
              .tuple(
                fc.record({ metrics: fc.array(metric, { maxLength: 3 }), schemaUrl: text }),
                fc.option(scope, { nil: undefined }),
              )
              .map(([sm, s]) => (s === undefined ? sm : { ...sm, scope: s })),
            { maxLength: 2 },
          ),
          schemaUrl: text,
        }),
        fc.option(resource, { nil: undefined }),
      )
      .map(([rm, r]) => (r === undefined ? rm : { ...rm, resource: r })),
    { maxLength: 2 },
  ),
});
