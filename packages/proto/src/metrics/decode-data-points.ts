import { readKeyValue } from '../common/common-binary.js';
import type { KeyValue } from '../model/common.js';
import type {
  Exemplar,
  ExponentialHistogramBuckets,
  ExponentialHistogramDataPoint,
  HistogramDataPoint,
  NumberDataPoint,
  SummaryDataPoint,
  ValueAtQuantile,
} from '../model/metrics.js';
import type { ProtoReader } from '../wire/reader.js';
import { WireType } from '../wire/wire-type.js';

// The data points of opentelemetry/proto/metrics/v1 (Number, Histogram, ExponentialHistogram,
// Summary) and their exemplars, bytes to model; decodeMetricsRequest's leaves. Packed and unpacked
// repeated scalars are both accepted; of a oneof (`asDouble` / `asInt`), the member read last wins.

const { Varint, Fixed64, LengthDelimited } = WireType;

function readAttribute(r: ProtoReader, tag: number, out: KeyValue[]): void {
  r.expect(tag, LengthDelimited);
  out.push(readKeyValue(r));
}

export function readNumberPoint(r: ProtoReader): NumberDataPoint {
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

export function readHistogramPoint(r: ProtoReader): HistogramDataPoint {
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

export function readExponentialHistogramPoint(r: ProtoReader): ExponentialHistogramDataPoint {
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

export function readSummaryPoint(r: ProtoReader): SummaryDataPoint {
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
