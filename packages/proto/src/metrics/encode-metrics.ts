import { invalidArg, isObject } from '../common/invalid-arg.js';
import { MAX_RETAINED_BUFFER } from '../common/retained-buffer.js';
import { writeSdkAttributes } from '../common/sdk-attributes.js';
import {
  writeSchemaUrlField,
  writeSdkResourceField,
  writeSdkScopeGroup,
} from '../common/sdk-resource-scope.js';
import { isZeroHrTime, storeFixed64, writeHrTimeFixed64 } from '../common/sdk-scalars.js';
import { ProtoWriter } from '../wire/writer.js';
import {
  otlpTemporality,
  type SdkDataPoint,
  SdkDataPointType,
  type SdkExponentialHistogram,
  type SdkHistogram,
  type SdkMetricData,
  type SdkResourceMetrics,
  SdkValueType,
} from './sdk-metrics.js';

// SDK `collect()` output straight to ExportMetricsServiceRequest bytes, mapped like the official
// ProtobufMetricsSerializer (otlp-transformer 0.223): INT instruments -> as_int, DOUBLE ->
// as_double; SUM -> sum with temporality and is_monotonic; GAUGE -> gauge; HISTOGRAM -> histogram
// with packed bucket_counts / explicit_bounds; EXPONENTIAL_HISTOGRAM -> exponential_histogram
// with both bucket messages always present. Fields go out in field-number order with proto3
// defaults omitted (oneof members and `optional` fields that are set are always written), the
// rules of encodeMetricsRequest, so decoding and re-encoding our bytes gives the same bytes.

let writer = new ProtoWriter();

/** Encodes one SDK `ResourceMetrics` (a `MetricReader.collect()` result) as an ExportMetricsServiceRequest. */
export function encodeMetrics(resourceMetrics: SdkResourceMetrics): Uint8Array {
  if (
    !isObject(resourceMetrics) ||
    !Array.isArray(resourceMetrics.scopeMetrics) ||
    !isObject(resourceMetrics.resource)
  ) {
    invalidArg(
      'encodeMetrics',
      'the resourceMetrics of a MetricReader.collect() result ({ resource, scopeMetrics })',
      resourceMetrics,
    );
  }
  const w = writer;
  w.reset();
  w.byte(0x0a); // ExportMetricsServiceRequest 1: resource_metrics (LEN)
  const start = w.fork();
  writeSdkResourceField(w, resourceMetrics.resource); // 1: resource (LEN)
  const scopes = resourceMetrics.scopeMetrics;
  for (let i = 0; i < scopes.length; i++) {
    writeSdkScopeGroup(w, scopes[i].scope, scopes[i].metrics, writeMetric); // 2: scope_metrics
  }
  writeSchemaUrlField(w, resourceMetrics.resource.schemaUrl); // 3: schema_url (LEN)
  w.join(start);
  const out = w.finish();
  if (w.buf.length > MAX_RETAINED_BUFFER) writer = new ProtoWriter();
  return out;
}

function writeMetric(w: ProtoWriter, metric: SdkMetricData): void {
  const descriptor = metric.descriptor;
  if (descriptor.name) {
    w.byte(0x0a); // 1: name (LEN)
    w.string(descriptor.name);
  }
  if (descriptor.description) {
    w.byte(0x12); // 2: description (LEN)
    w.string(descriptor.description);
  }
  if (descriptor.unit) {
    w.byte(0x1a); // 3: unit (LEN)
    w.string(descriptor.unit);
  }
  const points = metric.dataPoints;
  const temporality = otlpTemporality(metric.aggregationTemporality);
  switch (metric.dataPointType) {
    case SdkDataPointType.GAUGE: {
      w.byte(0x2a); // 5: gauge (LEN)
      const g = w.fork();
      writeNumberPoints(w, points as readonly SdkDataPoint<number>[], descriptor.valueType);
      w.join(g);
      return;
    }
    case SdkDataPointType.SUM: {
      w.byte(0x3a); // 7: sum (LEN)
      const s = w.fork();
      writeNumberPoints(w, points as readonly SdkDataPoint<number>[], descriptor.valueType);
      if (temporality !== 0) {
        w.byte(0x10); // Sum 2: aggregation_temporality (VARINT)
        w.byte(temporality);
      }
      if (metric.isMonotonic) {
        w.byte(0x18); // Sum 3: is_monotonic (VARINT)
        w.byte(1);
      }
      w.join(s);
      return;
    }
    case SdkDataPointType.HISTOGRAM: {
      w.byte(0x4a); // 9: histogram (LEN)
      const h = w.fork();
      for (let i = 0; i < points.length; i++) {
        w.byte(0x0a); // Histogram 1: data_points (LEN)
        const p = w.fork();
        writeHistogramPoint(w, points[i] as SdkDataPoint<SdkHistogram>);
        w.join(p);
      }
      if (temporality !== 0) {
        w.byte(0x10); // Histogram 2: aggregation_temporality (VARINT)
        w.byte(temporality);
      }
      w.join(h);
      return;
    }
    case SdkDataPointType.EXPONENTIAL_HISTOGRAM: {
      w.byte(0x52); // 10: exponential_histogram (LEN)
      const h = w.fork();
      for (let i = 0; i < points.length; i++) {
        w.byte(0x0a); // ExponentialHistogram 1: data_points (LEN)
        const p = w.fork();
        writeExponentialHistogramPoint(w, points[i] as SdkDataPoint<SdkExponentialHistogram>);
        w.join(p);
      }
      if (temporality !== 0) {
        w.byte(0x10); // ExponentialHistogram 2: aggregation_temporality (VARINT)
        w.byte(temporality);
      }
      w.join(h);
      return;
    }
    default:
    // An unknown point type (a newer SDK): the metric goes out without data, as the official
    // serializer writes it.
  }
}

/** `1: data_points (LEN NumberDataPoint)` of a Gauge or Sum. */
function writeNumberPoints(w: ProtoWriter, points: readonly SdkDataPoint<number>[], valueType: number): void {
  const asInt = valueType === SdkValueType.INT;
  for (let i = 0; i < points.length; i++) {
    const point = points[i];
    w.byte(0x0a); // 1: data_points (LEN)
    const p = w.fork();
    writeTimes(w, point);
    if (asInt) {
      w.byte(0x31); // 6: as_int (I64 sfixed64)
      w.fixed64Value(point.value);
    } else {
      w.byte(0x21); // 4: as_double (I64)
      w.double(point.value);
    }
    writeSdkAttributes(w, 7, point.attributes); // 7: attributes (LEN)
    w.join(p);
  }
}

/** `2: start_time_unix_nano`, `3: time_unix_nano` (I64 fixed64), the same numbers in every point type. */
function writeTimes(w: ProtoWriter, point: SdkDataPoint<unknown>): void {
  if (!isZeroHrTime(point.startTime)) {
    w.byte(0x11); // 2: start_time_unix_nano (I64)
    writeHrTimeFixed64(w, point.startTime);
  }
  if (!isZeroHrTime(point.endTime)) {
    w.byte(0x19); // 3: time_unix_nano (I64)
    writeHrTimeFixed64(w, point.endTime);
  }
}

function writeHistogramPoint(w: ProtoWriter, point: SdkDataPoint<SdkHistogram>): void {
  const h = point.value;
  writeTimes(w, point);
  if (h.count) {
    w.byte(0x21); // 4: count (I64 fixed64)
    w.fixed64Value(h.count);
  }
  if (h.sum !== undefined) {
    w.byte(0x29); // 5: sum (I64, optional)
    w.double(h.sum);
  }
  const counts = h.buckets.counts;
  if (counts.length > 0) {
    w.byte(0x32); // 6: bucket_counts (LEN, packed fixed64)
    writePackedCounts(w, counts);
  }
  const bounds = h.buckets.boundaries;
  if (bounds.length > 0) {
    w.byte(0x3a); // 7: explicit_bounds (LEN, packed double)
    w.uint32(bounds.length * 8);
    for (let i = 0; i < bounds.length; i++) w.double(bounds[i]);
  }
  writeSdkAttributes(w, 9, point.attributes); // 9: attributes (LEN)
  if (h.min !== undefined) {
    w.byte(0x59); // 11: min (I64, optional)
    w.double(h.min);
  }
  if (h.max !== undefined) {
    w.byte(0x61); // 12: max (I64, optional)
    w.double(h.max);
  }
}

function writeExponentialHistogramPoint(w: ProtoWriter, point: SdkDataPoint<SdkExponentialHistogram>): void {
  const h = point.value;
  writeSdkAttributes(w, 1, point.attributes); // 1: attributes (LEN)
  writeTimes(w, point);
  if (h.count) {
    w.byte(0x21); // 4: count (I64 fixed64)
    w.fixed64Value(h.count);
  }
  if (h.sum !== undefined) {
    w.byte(0x29); // 5: sum (I64, optional)
    w.double(h.sum);
  }
  if (h.scale) {
    w.byte(0x30); // 6: scale (VARINT sint32)
    w.sint32(h.scale);
  }
  if (h.zeroCount) {
    w.byte(0x39); // 7: zero_count (I64 fixed64)
    w.fixed64Value(h.zeroCount);
  }
  w.byte(0x42); // 8: positive (LEN Buckets)
  writeBuckets(w, h.positive.offset, h.positive.bucketCounts);
  w.byte(0x4a); // 9: negative (LEN Buckets)
  writeBuckets(w, h.negative.offset, h.negative.bucketCounts);
  if (h.min !== undefined) {
    w.byte(0x61); // 12: min (I64, optional)
    w.double(h.min);
  }
  if (h.max !== undefined) {
    w.byte(0x69); // 13: max (I64, optional)
    w.double(h.max);
  }
}

/**
 * Packed fixed64 counts (length, then 8 bytes each), stored byte by byte: histograms carry 16
 * buckets per point by default. Measured against a fixed64Value() call per count on
 * makeSdkMetrics({ series: 100 }) (898 points, 4 alternating fresh-process runs): the whole
 * encodeMetrics call went from 0.55 to 0.51 ms.
 */
function writePackedCounts(w: ProtoWriter, counts: readonly number[]): void {
  const n = counts.length;
  w.uint32(n * 8);
  w.ensure(n * 8);
  const buf = w.buf;
  let pos = w.pos;
  for (let i = 0; i < n; i++) {
    const count = counts[i];
    const lo = count % 4294967296;
    storeFixed64(buf, pos, lo, (count - lo) / 4294967296);
    pos += 8;
  }
  w.pos = pos;
}

/** The body of an ExponentialHistogramDataPoint.Buckets, with its length. */
function writeBuckets(w: ProtoWriter, offset: number, counts: readonly number[]): void {
  const b = w.fork();
  if (offset) {
    w.byte(0x08); // 1: offset (VARINT sint32)
    w.sint32(offset);
  }
  if (counts.length > 0) {
    w.byte(0x12); // 2: bucket_counts (LEN, packed uint64)
    const c = w.fork();
    for (let i = 0; i < counts.length; i++) w.uint53(counts[i]);
    w.join(c);
  }
  w.join(b);
}
