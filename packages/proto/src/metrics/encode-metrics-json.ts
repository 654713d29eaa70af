import {
  jsonDouble,
  jsonInteger,
  jsonString,
  schemaUrlMember,
  sdkAttributesMember,
  sdkResourceJson,
  sdkScopeJson,
} from '../common/sdk-json.js';
import { hrTimeToNanosString, isZeroHrTime } from '../common/sdk-scalars.js';
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

// SDK `collect()` output straight to OTLP/JSON text, one string built front to back (no object
// tree, no JSON.stringify of the whole request). The same mapping as encodeMetrics and the same
// member order and omissions as metricsRequestToJson, so for any input
// encodeMetricsJson(rm) === metricsRequestToJson(decodeMetricsRequest(encodeMetrics(rm))).

/** Encodes one SDK `ResourceMetrics` as an ExportMetricsServiceRequest in OTLP/JSON (UTF-8). */
export function encodeMetricsJson(resourceMetrics: SdkResourceMetrics): Uint8Array {
  let out = `{"resourceMetrics":[{"resource":${sdkResourceJson(resourceMetrics.resource)},"scopeMetrics":[`;
  const scopes = resourceMetrics.scopeMetrics;
  for (let i = 0; i < scopes.length; i++) {
    const scopeMetrics = scopes[i];
    if (i > 0) out += ',';
    out += `{"scope":${sdkScopeJson(scopeMetrics.scope)},"metrics":[`;
    const metrics = scopeMetrics.metrics;
    for (let j = 0; j < metrics.length; j++) {
      if (j > 0) out += ',';
      out += metricJson(metrics[j]);
    }
    out += `]${schemaUrlMember(scopeMetrics.scope.schemaUrl)}}`;
  }
  out += `]${schemaUrlMember(resourceMetrics.resource.schemaUrl)}}]}`;
  return Buffer.from(out, 'utf8');
}

function metricJson(metric: SdkMetricData): string {
  const d = metric.descriptor;
  let out = `{"name":${jsonString(d.name)}`;
  if (d.description) out += `,"description":${jsonString(d.description)}`;
  if (d.unit) out += `,"unit":${jsonString(d.unit)}`;
  const points = metric.dataPoints;
  const temporality = otlpTemporality(metric.aggregationTemporality);
  const temporalityMember = temporality !== 0 ? `,"aggregationTemporality":${temporality}` : '';
  let list = '';
  switch (metric.dataPointType) {
    case SdkDataPointType.GAUGE:
    case SdkDataPointType.SUM: {
      const asInt = d.valueType === SdkValueType.INT;
      for (let i = 0; i < points.length; i++) {
        const p = points[i] as SdkDataPoint<number>;
        if (i > 0) list += ',';
        list += object(
          pointBase(p) +
            (asInt ? `,"asInt":"${jsonInteger(p.value)}"` : `,"asDouble":${jsonDouble(p.value)}`),
        );
      }
      if (metric.dataPointType === SdkDataPointType.GAUGE) out += `,"gauge":{"dataPoints":[${list}]}`;
      else
        out += `,"sum":{"dataPoints":[${list}]${temporalityMember}${metric.isMonotonic ? ',"isMonotonic":true' : ''}}`;
      break;
    }
    case SdkDataPointType.HISTOGRAM:
      for (let i = 0; i < points.length; i++) {
        if (i > 0) list += ',';
        list += histogramPointJson(points[i] as SdkDataPoint<SdkHistogram>);
      }
      out += `,"histogram":{"dataPoints":[${list}]${temporalityMember}}`;
      break;
    case SdkDataPointType.EXPONENTIAL_HISTOGRAM:
      for (let i = 0; i < points.length; i++) {
        if (i > 0) list += ',';
        list += exponentialPointJson(points[i] as SdkDataPoint<SdkExponentialHistogram>);
      }
      out += `,"exponentialHistogram":{"dataPoints":[${list}]${temporalityMember}}`;
      break;
    default:
    // An unknown point type: the metric without data, as encodeMetrics writes it.
  }
  return `${out}}`;
}

/** `,"attributes":…,"startTimeUnixNano":…,"timeUnixNano":…`: the members every point starts with. */
function pointBase(p: SdkDataPoint<unknown>): string {
  let out = sdkAttributesMember('attributes', p.attributes);
  if (!isZeroHrTime(p.startTime)) out += `,"startTimeUnixNano":"${hrTimeToNanosString(p.startTime)}"`;
  if (!isZeroHrTime(p.endTime)) out += `,"timeUnixNano":"${hrTimeToNanosString(p.endTime)}"`;
  return out;
}

/** An object from `,"a":…,"b":…` members (dropping the first comma). */
function object(members: string): string {
  return `{${members.slice(1)}}`;
}

function countMember(name: string, count: number): string {
  return count ? `,"${name}":"${jsonInteger(count)}"` : '';
}

function optionalDouble(name: string, value: number | undefined): string {
  return value === undefined ? '' : `,"${name}":${jsonDouble(value)}`;
}

function histogramPointJson(p: SdkDataPoint<SdkHistogram>): string {
  const h = p.value;
  let out = `${pointBase(p)}${countMember('count', h.count)}${optionalDouble('sum', h.sum)}`;
  const counts = h.buckets.counts;
  if (counts.length > 0) {
    out += ',"bucketCounts":[';
    for (let i = 0; i < counts.length; i++)
      out += i > 0 ? `,"${jsonInteger(counts[i])}"` : `"${jsonInteger(counts[i])}"`;
    out += ']';
  }
  const bounds = h.buckets.boundaries;
  if (bounds.length > 0) {
    out += ',"explicitBounds":[';
    for (let i = 0; i < bounds.length; i++)
      out += i > 0 ? `,${jsonDouble(bounds[i])}` : jsonDouble(bounds[i]);
    out += ']';
  }
  return object(`${out}${optionalDouble('min', h.min)}${optionalDouble('max', h.max)}`);
}

function bucketsJson(offset: number, counts: readonly number[]): string {
  let out = offset ? `,"offset":${offset}` : '';
  if (counts.length > 0) {
    out += ',"bucketCounts":[';
    for (let i = 0; i < counts.length; i++)
      out += i > 0 ? `,"${jsonInteger(counts[i])}"` : `"${jsonInteger(counts[i])}"`;
    out += ']';
  }
  return object(out);
}

function exponentialPointJson(p: SdkDataPoint<SdkExponentialHistogram>): string {
  const h = p.value;
  let out = `${pointBase(p)}${countMember('count', h.count)}${optionalDouble('sum', h.sum)}`;
  if (h.scale) out += `,"scale":${h.scale}`;
  out += countMember('zeroCount', h.zeroCount);
  out += `,"positive":${bucketsJson(h.positive.offset, h.positive.bucketCounts)}`;
  out += `,"negative":${bucketsJson(h.negative.offset, h.negative.bucketCounts)}`;
  return object(`${out}${optionalDouble('min', h.min)}${optionalDouble('max', h.max)}`);
}
