import { readKeyValue } from '../common/common-binary.js';
import { invalidArg } from '../common/invalid-arg.js';
import { readResourceGroup, readScopeGroup } from '../common/resource-scope-groups.js';
import type {
  ExponentialHistogramDataPoint,
  ExportMetricsServiceRequest,
  HistogramDataPoint,
  Metric,
  NumberDataPoint,
  ResourceMetrics,
  ScopeMetrics,
  SummaryDataPoint,
} from '../model/metrics.js';
import { ProtoReader, type ReaderLimits } from '../wire/reader.js';
import { WireType } from '../wire/wire-type.js';
import {
  readExponentialHistogramPoint,
  readHistogramPoint,
  readNumberPoint,
  readSummaryPoint,
} from './decode-data-points.js';

// ExportMetricsServiceRequest bytes to the typed model (opentelemetry-proto v1.11.0). Unknown
// fields are skipped; a field with the wrong wire type, a truncated or overlong length, invalid
// UTF-8 or nesting past `limits.maxDepth` throws OtlpxDecodeError with the byte offset. Packed
// and unpacked repeated scalars are both accepted. Of a oneof, the member read last wins.

const { Varint, LengthDelimited } = WireType;

/** Decodes an ExportMetricsServiceRequest (also the bytes of a MetricsData, which has the same shape). */
export function decodeMetricsRequest(bytes: Uint8Array, limits?: ReaderLimits): ExportMetricsServiceRequest {
  if (!(bytes instanceof Uint8Array)) invalidArg('decodeMetricsRequest', 'a Uint8Array', bytes);
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
  const { resource, groups, schemaUrl } = readResourceGroup(r, readScopeMetrics); // 1 resource, 2 scope_metrics, 3 schema_url
  const out: ResourceMetrics = { scopeMetrics: groups, schemaUrl };
  if (resource !== undefined) out.resource = resource;
  return out;
}

function readScopeMetrics(r: ProtoReader): ScopeMetrics {
  const { scope, items, schemaUrl } = readScopeGroup(r, readMetric); // 1 scope, 2 metrics, 3 schema_url
  const out: ScopeMetrics = { metrics: items, schemaUrl };
  if (scope !== undefined) out.scope = scope;
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
