import { writeKeyValues } from '../common/common-binary.js';
import { invalidArg, isObject } from '../common/invalid-arg.js';
import { writeResourceGroup, writeScopeGroup } from '../common/resource-scope-groups.js';
import { MAX_RETAINED_BUFFER } from '../common/retained-buffer.js';
import type {
  Exemplar,
  ExponentialHistogramBuckets,
  ExponentialHistogramDataPoint,
  ExportMetricsServiceRequest,
  HistogramDataPoint,
  Metric,
  NumberDataPoint,
  ScopeMetrics,
  SummaryDataPoint,
} from '../model/metrics.js';
import { ProtoWriter } from '../wire/writer.js';

// The typed model back to ExportMetricsServiceRequest bytes. Fields go out in field-number order;
// proto3 defaults are omitted, set oneof members and `optional` fields are always written, and
// repeated scalars are packed: the rules of encodeMetrics, so for bytes we produced,
// encodeMetricsRequest(decodeMetricsRequest(b)) is byte-identical to b.

let writer = new ProtoWriter();

export function encodeMetricsRequest(request: ExportMetricsServiceRequest): Uint8Array {
  if (!isObject(request) || !Array.isArray(request.resourceMetrics)) {
    invalidArg(
      'encodeMetricsRequest',
      'an ExportMetricsServiceRequest model ({ resourceMetrics: [...] })',
      request,
    );
  }
  const w = writer;
  w.reset();
  for (const rm of request.resourceMetrics) {
    writeResourceGroup(w, rm.resource, rm.scopeMetrics, rm.schemaUrl, writeScopeMetrics); // 1: resource_metrics
  }
  const out = w.finish();
  if (w.buf.length > MAX_RETAINED_BUFFER) writer = new ProtoWriter();
  return out;
}

function writeScopeMetrics(w: ProtoWriter, sm: ScopeMetrics): void {
  writeScopeGroup(w, sm.scope, sm.metrics, sm.schemaUrl, writeMetric); // 1 scope, 2 metrics, 3 schema_url
}

function writeString(w: ProtoWriter, tagByte: number, value: string): void {
  if (value !== '') {
    w.byte(tagByte);
    w.string(value);
  }
}

function writeMetric(w: ProtoWriter, m: Metric): void {
  writeString(w, 0x0a, m.name); // 1: name (LEN)
  writeString(w, 0x12, m.description); // 2: description (LEN)
  writeString(w, 0x1a, m.unit); // 3: unit (LEN)
  if (m.gauge !== undefined) {
    w.byte(0x2a); // 5: gauge (LEN)
    const d = w.fork();
    for (const p of m.gauge.dataPoints) writeNumberPoint(w, p);
    w.join(d);
  } else if (m.sum !== undefined) {
    w.byte(0x3a); // 7: sum (LEN)
    const d = w.fork();
    for (const p of m.sum.dataPoints) writeNumberPoint(w, p);
    writeTemporality(w, m.sum.aggregationTemporality);
    if (m.sum.isMonotonic) {
      w.byte(0x18); // Sum 3: is_monotonic (VARINT)
      w.byte(1);
    }
    w.join(d);
  } else if (m.histogram !== undefined) {
    w.byte(0x4a); // 9: histogram (LEN)
    const d = w.fork();
    for (const p of m.histogram.dataPoints) writeHistogramPoint(w, p);
    writeTemporality(w, m.histogram.aggregationTemporality);
    w.join(d);
  } else if (m.exponentialHistogram !== undefined) {
    w.byte(0x52); // 10: exponential_histogram (LEN)
    const d = w.fork();
    for (const p of m.exponentialHistogram.dataPoints) writeExponentialHistogramPoint(w, p);
    writeTemporality(w, m.exponentialHistogram.aggregationTemporality);
    w.join(d);
  } else if (m.summary !== undefined) {
    w.byte(0x5a); // 11: summary (LEN)
    const d = w.fork();
    for (const p of m.summary.dataPoints) writeSummaryPoint(w, p);
    w.join(d);
  }
  writeKeyValues(w, 12, m.metadata); // 12: metadata (LEN)
}

function writeTemporality(w: ProtoWriter, temporality: number): void {
  if (temporality) {
    w.byte(0x10); // 2: aggregation_temporality (VARINT enum)
    w.int32(temporality);
  }
}

function writeFixed64(w: ProtoWriter, tagByte: number, value: bigint): void {
  if (value !== 0n) {
    w.byte(tagByte);
    w.fixed64Value(value);
  }
}

function writeOptionalDouble(w: ProtoWriter, tagByte: number, value: number | undefined): void {
  if (value !== undefined) {
    w.byte(tagByte);
    w.double(value);
  }
}

function writeFlags(w: ProtoWriter, tagByte: number, flags: number): void {
  if (flags) {
    w.byte(tagByte);
    w.uint32(flags);
  }
}

function writeExemplars(w: ProtoWriter, tagByte: number, exemplars: Exemplar[]): void {
  for (const e of exemplars) {
    w.byte(tagByte); // exemplars (LEN Exemplar)
    const x = w.fork();
    writeFixed64(w, 0x11, e.timeUnixNano); // 2: time_unix_nano (I64)
    writeOptionalDouble(w, 0x19, e.asDouble); // 3: as_double (I64, oneof)
    if (e.spanId.length > 0) {
      w.byte(0x22); // 4: span_id (LEN)
      w.bytes(e.spanId);
    }
    if (e.traceId.length > 0) {
      w.byte(0x2a); // 5: trace_id (LEN)
      w.bytes(e.traceId);
    }
    if (e.asInt !== undefined && e.asDouble === undefined) {
      w.byte(0x31); // 6: as_int (I64 sfixed64, oneof)
      w.fixed64Value(e.asInt);
    }
    writeKeyValues(w, 7, e.filteredAttributes); // 7: filtered_attributes (LEN)
    w.join(x);
  }
}

function writeNumberPoint(w: ProtoWriter, p: NumberDataPoint): void {
  w.byte(0x0a); // 1: data_points (LEN)
  const d = w.fork();
  writeFixed64(w, 0x11, p.startTimeUnixNano); // 2: start_time_unix_nano (I64)
  writeFixed64(w, 0x19, p.timeUnixNano); // 3: time_unix_nano (I64)
  writeOptionalDouble(w, 0x21, p.asDouble); // 4: as_double (I64, oneof)
  writeExemplars(w, 0x2a, p.exemplars); // 5: exemplars (LEN)
  if (p.asInt !== undefined && p.asDouble === undefined) {
    w.byte(0x31); // 6: as_int (I64 sfixed64, oneof)
    w.fixed64Value(p.asInt);
  }
  writeKeyValues(w, 7, p.attributes); // 7: attributes (LEN)
  writeFlags(w, 0x40, p.flags); // 8: flags (VARINT)
  w.join(d);
}

function writeHistogramPoint(w: ProtoWriter, p: HistogramDataPoint): void {
  w.byte(0x0a); // 1: data_points (LEN)
  const d = w.fork();
  writeFixed64(w, 0x11, p.startTimeUnixNano); // 2: start_time_unix_nano (I64)
  writeFixed64(w, 0x19, p.timeUnixNano); // 3: time_unix_nano (I64)
  writeFixed64(w, 0x21, p.count); // 4: count (I64)
  writeOptionalDouble(w, 0x29, p.sum); // 5: sum (I64, optional)
  const counts = p.bucketCounts;
  if (counts.length > 0) {
    w.byte(0x32); // 6: bucket_counts (LEN, packed fixed64)
    w.uint32(counts.length * 8);
    for (let i = 0; i < counts.length; i++) w.fixed64Value(counts[i]);
  }
  const bounds = p.explicitBounds;
  if (bounds.length > 0) {
    w.byte(0x3a); // 7: explicit_bounds (LEN, packed double)
    w.uint32(bounds.length * 8);
    for (let i = 0; i < bounds.length; i++) w.double(bounds[i]);
  }
  writeExemplars(w, 0x42, p.exemplars); // 8: exemplars (LEN)
  writeKeyValues(w, 9, p.attributes); // 9: attributes (LEN)
  writeFlags(w, 0x50, p.flags); // 10: flags (VARINT)
  writeOptionalDouble(w, 0x59, p.min); // 11: min (I64, optional)
  writeOptionalDouble(w, 0x61, p.max); // 12: max (I64, optional)
  w.join(d);
}

function writeBuckets(w: ProtoWriter, tagByte: number, b: ExponentialHistogramBuckets | undefined): void {
  if (b === undefined) return;
  w.byte(tagByte); // positive / negative (LEN Buckets)
  const x = w.fork();
  if (b.offset) {
    w.byte(0x08); // 1: offset (VARINT sint32)
    w.sint32(b.offset);
  }
  const counts = b.bucketCounts;
  if (counts.length > 0) {
    w.byte(0x12); // 2: bucket_counts (LEN, packed uint64)
    const c = w.fork();
    for (let i = 0; i < counts.length; i++) w.int64(counts[i]);
    w.join(c);
  }
  w.join(x);
}

function writeExponentialHistogramPoint(w: ProtoWriter, p: ExponentialHistogramDataPoint): void {
  w.byte(0x0a); // 1: data_points (LEN)
  const d = w.fork();
  writeKeyValues(w, 1, p.attributes); // 1: attributes (LEN)
  writeFixed64(w, 0x11, p.startTimeUnixNano); // 2: start_time_unix_nano (I64)
  writeFixed64(w, 0x19, p.timeUnixNano); // 3: time_unix_nano (I64)
  writeFixed64(w, 0x21, p.count); // 4: count (I64)
  writeOptionalDouble(w, 0x29, p.sum); // 5: sum (I64, optional)
  if (p.scale) {
    w.byte(0x30); // 6: scale (VARINT sint32)
    w.sint32(p.scale);
  }
  writeFixed64(w, 0x39, p.zeroCount); // 7: zero_count (I64)
  writeBuckets(w, 0x42, p.positive); // 8: positive (LEN)
  writeBuckets(w, 0x4a, p.negative); // 9: negative (LEN)
  writeFlags(w, 0x50, p.flags); // 10: flags (VARINT)
  writeExemplars(w, 0x5a, p.exemplars); // 11: exemplars (LEN)
  writeOptionalDouble(w, 0x61, p.min); // 12: min (I64, optional)
  writeOptionalDouble(w, 0x69, p.max); // 13: max (I64, optional)
  if (p.zeroThreshold !== 0 || Object.is(p.zeroThreshold, -0)) {
    w.byte(0x71); // 14: zero_threshold (I64 double)
    w.double(p.zeroThreshold);
  }
  w.join(d);
}

function writeSummaryPoint(w: ProtoWriter, p: SummaryDataPoint): void {
  w.byte(0x0a); // 1: data_points (LEN)
  const d = w.fork();
  writeFixed64(w, 0x11, p.startTimeUnixNano); // 2: start_time_unix_nano (I64)
  writeFixed64(w, 0x19, p.timeUnixNano); // 3: time_unix_nano (I64)
  writeFixed64(w, 0x21, p.count); // 4: count (I64)
  if (p.sum !== 0 || Object.is(p.sum, -0)) {
    w.byte(0x29); // 5: sum (I64 double)
    w.double(p.sum);
  }
  for (const q of p.quantileValues) {
    w.byte(0x32); // 6: quantile_values (LEN)
    const x = w.fork();
    if (q.quantile !== 0 || Object.is(q.quantile, -0)) {
      w.byte(0x09); // 1: quantile (I64 double)
      w.double(q.quantile);
    }
    if (q.value !== 0 || Object.is(q.value, -0)) {
      w.byte(0x11); // 2: value (I64 double)
      w.double(q.value);
    }
    w.join(x);
  }
  writeKeyValues(w, 7, p.attributes); // 7: attributes (LEN)
  writeFlags(w, 0x40, p.flags); // 8: flags (VARINT)
  w.join(d);
}
