import { readKeyValue, readResource, readScope } from '../common/common-binary.js';
import type { KeyValue } from '../model/common.js';
import type {
  Exemplar,
  ExponentialHistogramBuckets,
  ExponentialHistogramDataPoint,
  ExportMetricsServiceRequest,
  HistogramDataPoint,
  Metric,
  NumberDataPoint,
  ResourceMetrics,
  ScopeMetrics,
  SummaryDataPoint,
  ValueAtQuantile,
} from '../model/metrics.js';
import { ProtoReader, type ReaderLimits } from '../wire/reader.js';
import { WireType } from '../wire/wire-type.js';

// ExportMetricsServiceRequest bytes to the typed model (opentelemetry-proto v1.11.0). Unknown
// fields are skipped; a field with the wrong wire type, a truncated or overlong length, invalid
// UTF-8 or nesting past `limits.maxDepth` throws OtlpxDecodeError with the byte offset. Packed
// and unpacked repeated scalars are both accepted. Of a oneof, the member read last wins.

const { Varint, Fixed64, LengthDelimited } = WireType;

/** Decodes an ExportMetricsServiceRequest (also the bytes of a MetricsData, which has the same shape). */
export function decodeMetricsRequest(bytes: Uint8Array, limits?: ReaderLimits): ExportMetricsServiceRequest {
  const r = new ProtoReader(bytes, limits);
  const request: ExportMetricsServiceRequest = { resourceMetrics: [] };
  while (r.pos < r.end) {
    const tag = r.tag();
    if (tag >>> 3 === 1) {
      r.expect(tag, LengthDelimited); // 1: resource_metrics
      request.resourceMetrics.push(readResourceMetrics(r));
    } else r.skip(tag);
  }
  return request;
}

function readResourceMetrics(r: ProtoReader): ResourceMetrics {
  const end = r.enter();
  const out: ResourceMetrics = { scopeMetrics: [], schemaUrl: '' };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // resource (LEN)
        r.expect(tag, LengthDelimited);
        out.resource = readResource(r);
        break;
      case 2: // scope_metrics (LEN)
        r.expect(tag, LengthDelimited);
        out.scopeMetrics.push(readScopeMetrics(r));
        break;
      case 3: // schema_url (LEN)
        r.expect(tag, LengthDelimited);
        out.schemaUrl = r.string();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return out;
}

function readScopeMetrics(r: ProtoReader): ScopeMetrics {
  const end = r.enter();
  const out: ScopeMetrics = { metrics: [], schemaUrl: '' };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // scope (LEN)
        r.expect(tag, LengthDelimited);
        out.scope = readScope(r);
        break;
      case 2: // metrics (LEN)
        r.expect(tag, LengthDelimited);
        out.metrics.push(readMetric(r));
        break;
      case 3: // schema_url (LEN)
        r.expect(tag, LengthDelimited);
        out.schemaUrl = r.string();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return out;
}

function clearData(m: Metric): void {
  delete m.gauge;
  delete m.sum;
  delete m.histogram;
  delete m.exponentialHistogram;
  delete m.summary;
}

function readMetric(r: ProtoReader): Metric {
  const end = r.enter();
  const m: Metric = { name: '', description: '', unit: '', metadata: [] };
  while (r.pos < end) {
    const tag = r.tag();
    const field = tag >>> 3;
    switch (field) {
      case 1: // name (LEN)
        r.expect(tag, LengthDelimited);
        m.name = r.string();
        break;
      case 2: // description (LEN)
        r.expect(tag, LengthDelimited);
        m.description = r.string();
        break;
      case 3: // unit (LEN)
        r.expect(tag, LengthDelimited);
        m.unit = r.string();
        break;
      case 5: // gauge (LEN Gauge)
      case 7: // sum (LEN Sum)
      case 9: // histogram (LEN Histogram)
      case 10: // exponential_histogram (LEN ExponentialHistogram)
      case 11: // summary (LEN Summary)
        r.expect(tag, LengthDelimited);
        clearData(m);
        readData(r, m, field);
        break;
      case 12: // metadata (LEN KeyValue)
        r.expect(tag, LengthDelimited);
        m.metadata.push(readKeyValue(r));
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return m;
}

/** Gauge, Sum, Histogram, ExponentialHistogram and Summary share their layout: 1 points, 2 temporality, 3 monotonic. */
function readData(r: ProtoReader, m: Metric, field: number): void {
  const end = r.enter();
  const points: unknown[] = [];
  let temporality = 0;
  let monotonic = false;
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // data_points (LEN)
        r.expect(tag, LengthDelimited);
        points.push(
          field === 5 || field === 7
            ? readNumberPoint(r)
            : field === 9
              ? readHistogramPoint(r)
              : field === 10
                ? readExponentialHistogramPoint(r)
                : readSummaryPoint(r),
        );
        break;
      case 2: // aggregation_temporality (VARINT enum; Gauge and Summary have no field 2)
        if (field === 5 || field === 11) r.skip(tag);
        else {
          r.expect(tag, Varint);
          temporality = r.int32();
        }
        break;
      case 3: // is_monotonic (VARINT bool, Sum only)
        if (field !== 7) r.skip(tag);
        else {
          r.expect(tag, Varint);
          monotonic = r.bool();
        }
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  if (field === 5) m.gauge = { dataPoints: points as NumberDataPoint[] };
  else if (field === 7)
    m.sum = {
      dataPoints: points as NumberDataPoint[],
      aggregationTemporality: temporality,
      isMonotonic: monotonic,
    };
  else if (field === 9)
    m.histogram = { dataPoints: points as HistogramDataPoint[], aggregationTemporality: temporality };
  else if (field === 10)
    m.exponentialHistogram = {
      dataPoints: points as ExponentialHistogramDataPoint[],
      aggregationTemporality: temporality,
    };
  else m.summary = { dataPoints: points as SummaryDataPoint[] };
}

function readAttribute(r: ProtoReader, tag: number, out: KeyValue[]): void {
  r.expect(tag, LengthDelimited);
  out.push(readKeyValue(r));
}

function readNumberPoint(r: ProtoReader): NumberDataPoint {
  const end = r.enter();
  const p: NumberDataPoint = {
    attributes: [],
    startTimeUnixNano: 0n,
    timeUnixNano: 0n,
    exemplars: [],
    flags: 0,
  };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 2: // start_time_unix_nano (I64 fixed64)
        r.expect(tag, Fixed64);
        p.startTimeUnixNano = r.fixed64();
        break;
      case 3: // time_unix_nano (I64 fixed64)
        r.expect(tag, Fixed64);
        p.timeUnixNano = r.fixed64();
        break;
      case 4: // as_double (I64)
        r.expect(tag, Fixed64);
        delete p.asInt;
        p.asDouble = r.double();
        break;
      case 5: // exemplars (LEN)
        r.expect(tag, LengthDelimited);
        p.exemplars.push(readExemplar(r));
        break;
      case 6: // as_int (I64 sfixed64)
        r.expect(tag, Fixed64);
        delete p.asDouble;
        p.asInt = r.sfixed64();
        break;
      case 7: // attributes (LEN)
        readAttribute(r, tag, p.attributes);
        break;
      case 8: // flags (VARINT uint32)
        r.expect(tag, Varint);
        p.flags = r.uint32();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return p;
}

function readHistogramPoint(r: ProtoReader): HistogramDataPoint {
  const end = r.enter();
  const p: HistogramDataPoint = {
    attributes: [],
    startTimeUnixNano: 0n,
    timeUnixNano: 0n,
    count: 0n,
    bucketCounts: [],
    explicitBounds: [],
    exemplars: [],
    flags: 0,
  };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 2: // start_time_unix_nano (I64)
        r.expect(tag, Fixed64);
        p.startTimeUnixNano = r.fixed64();
        break;
      case 3: // time_unix_nano (I64)
        r.expect(tag, Fixed64);
        p.timeUnixNano = r.fixed64();
        break;
      case 4: // count (I64 fixed64)
        r.expect(tag, Fixed64);
        p.count = r.fixed64();
        break;
      case 5: // sum (I64, optional)
        r.expect(tag, Fixed64);
        p.sum = r.double();
        break;
      case 6: // bucket_counts (repeated fixed64, packed or not)
        r.repeated(tag, Fixed64, p.bucketCounts, () => r.fixed64());
        break;
      case 7: // explicit_bounds (repeated double, packed or not)
        r.repeated(tag, Fixed64, p.explicitBounds, () => r.double());
        break;
      case 8: // exemplars (LEN)
        r.expect(tag, LengthDelimited);
        p.exemplars.push(readExemplar(r));
        break;
      case 9: // attributes (LEN)
        readAttribute(r, tag, p.attributes);
        break;
      case 10: // flags (VARINT)
        r.expect(tag, Varint);
        p.flags = r.uint32();
        break;
      case 11: // min (I64, optional)
        r.expect(tag, Fixed64);
        p.min = r.double();
        break;
      case 12: // max (I64, optional)
        r.expect(tag, Fixed64);
        p.max = r.double();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return p;
}

function readBuckets(r: ProtoReader): ExponentialHistogramBuckets {
  const end = r.enter();
  const b: ExponentialHistogramBuckets = { offset: 0, bucketCounts: [] };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // offset (VARINT sint32)
        r.expect(tag, Varint);
        b.offset = r.sint32();
        break;
      case 2: // bucket_counts (repeated uint64, packed or not)
        r.repeated(tag, Varint, b.bucketCounts, () => r.uint64());
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return b;
}

function readExponentialHistogramPoint(r: ProtoReader): ExponentialHistogramDataPoint {
  const end = r.enter();
  const p: ExponentialHistogramDataPoint = {
    attributes: [],
    startTimeUnixNano: 0n,
    timeUnixNano: 0n,
    count: 0n,
    scale: 0,
    zeroCount: 0n,
    flags: 0,
    exemplars: [],
    zeroThreshold: 0,
  };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // attributes (LEN)
        readAttribute(r, tag, p.attributes);
        break;
      case 2: // start_time_unix_nano (I64)
        r.expect(tag, Fixed64);
        p.startTimeUnixNano = r.fixed64();
        break;
      case 3: // time_unix_nano (I64)
        r.expect(tag, Fixed64);
        p.timeUnixNano = r.fixed64();
        break;
      case 4: // count (I64 fixed64)
        r.expect(tag, Fixed64);
        p.count = r.fixed64();
        break;
      case 5: // sum (I64, optional)
        r.expect(tag, Fixed64);
        p.sum = r.double();
        break;
      case 6: // scale (VARINT sint32)
        r.expect(tag, Varint);
        p.scale = r.sint32();
        break;
      case 7: // zero_count (I64 fixed64)
        r.expect(tag, Fixed64);
        p.zeroCount = r.fixed64();
        break;
      case 8: // positive (LEN Buckets)
        r.expect(tag, LengthDelimited);
        p.positive = readBuckets(r);
        break;
      case 9: // negative (LEN Buckets)
        r.expect(tag, LengthDelimited);
        p.negative = readBuckets(r);
        break;
      case 10: // flags (VARINT)
        r.expect(tag, Varint);
        p.flags = r.uint32();
        break;
      case 11: // exemplars (LEN)
        r.expect(tag, LengthDelimited);
        p.exemplars.push(readExemplar(r));
        break;
      case 12: // min (I64, optional)
        r.expect(tag, Fixed64);
        p.min = r.double();
        break;
      case 13: // max (I64, optional)
        r.expect(tag, Fixed64);
        p.max = r.double();
        break;
      case 14: // zero_threshold (I64 double)
        r.expect(tag, Fixed64);
        p.zeroThreshold = r.double();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return p;
}

function readSummaryPoint(r: ProtoReader): SummaryDataPoint {
  const end = r.enter();
  const p: SummaryDataPoint = {
    attributes: [],
    startTimeUnixNano: 0n,
    timeUnixNano: 0n,
    count: 0n,
    sum: 0,
    quantileValues: [],
    flags: 0,
  };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 2: // start_time_unix_nano (I64)
        r.expect(tag, Fixed64);
        p.startTimeUnixNano = r.fixed64();
        break;
      case 3: // time_unix_nano (I64)
        r.expect(tag, Fixed64);
        p.timeUnixNano = r.fixed64();
        break;
      case 4: // count (I64 fixed64)
        r.expect(tag, Fixed64);
        p.count = r.fixed64();
        break;
      case 5: // sum (I64 double)
        r.expect(tag, Fixed64);
        p.sum = r.double();
        break;
      case 6: // quantile_values (LEN ValueAtQuantile)
        r.expect(tag, LengthDelimited);
        p.quantileValues.push(readQuantile(r));
        break;
      case 7: // attributes (LEN)
        readAttribute(r, tag, p.attributes);
        break;
      case 8: // flags (VARINT)
        r.expect(tag, Varint);
        p.flags = r.uint32();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return p;
}

function readQuantile(r: ProtoReader): ValueAtQuantile {
  const end = r.enter();
  const q: ValueAtQuantile = { quantile: 0, value: 0 };
  while (r.pos < end) {
    const tag = r.tag();
    const field = tag >>> 3;
    if (field === 1 || field === 2) {
      r.expect(tag, Fixed64); // 1: quantile, 2: value (I64 double)
      if (field === 1) q.quantile = r.double();
      else q.value = r.double();
    } else r.skip(tag);
  }
  r.leave(end);
  return q;
}

function readExemplar(r: ProtoReader): Exemplar {
  const end = r.enter();
  const e: Exemplar = {
    filteredAttributes: [],
    timeUnixNano: 0n,
    spanId: new Uint8Array(0),
    traceId: new Uint8Array(0),
  };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 2: // time_unix_nano (I64 fixed64)
        r.expect(tag, Fixed64);
        e.timeUnixNano = r.fixed64();
        break;
      case 3: // as_double (I64)
        r.expect(tag, Fixed64);
        delete e.asInt;
        e.asDouble = r.double();
        break;
      case 4: // span_id (LEN)
        r.expect(tag, LengthDelimited);
        e.spanId = r.bytes();
        break;
      case 5: // trace_id (LEN)
        r.expect(tag, LengthDelimited);
        e.traceId = r.bytes();
        break;
      case 6: // as_int (I64 sfixed64)
        r.expect(tag, Fixed64);
        delete e.asDouble;
        e.asInt = r.sfixed64();
        break;
      case 7: // filtered_attributes (LEN)
        readAttribute(r, tag, e.filteredAttributes);
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return e;
}
