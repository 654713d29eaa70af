import { invalidArg, isObject } from '../common/invalid-arg.js';
import { JsonWriter } from '../common/json-writer.js';
import { MAX_RETAINED_BUFFER } from '../common/retained-buffer.js';
import {
  jsonDouble,
  writeSchemaUrlMember,
  writeSdkAttributesMember,
  writeSdkResourceJson,
  writeSdkScopeJson,
} from '../common/sdk-json.js';
import { isZeroHrTime, writeHrTimeJson } from '../common/sdk-scalars.js';
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

// SDK `collect()` output straight to OTLP/JSON bytes, written front to back into one buffer (no
// object tree, no string building). The same mapping as encodeMetrics and the same member order
// and omissions as metricsRequestToJson, so for any input encodeMetricsJson(rm) is the UTF-8 of
// metricsRequestToJson(decodeMetricsRequest(encodeMetrics(rm))).

let writer = new JsonWriter();

/** Encodes one SDK `ResourceMetrics` as an ExportMetricsServiceRequest in OTLP/JSON (UTF-8). */
export function encodeMetricsJson(resourceMetrics: SdkResourceMetrics): Uint8Array {
  if (
    !isObject(resourceMetrics) ||
    !Array.isArray(resourceMetrics.scopeMetrics) ||
    !isObject(resourceMetrics.resource)
  ) {
    invalidArg(
      'encodeMetricsJson',
      'the resourceMetrics of a MetricReader.collect() result ({ resource, scopeMetrics })',
      resourceMetrics,
    );
  }
  const w = writer;
  w.reset();
  w.ascii('{"resourceMetrics":[{"resource":');
  writeSdkResourceJson(w, resourceMetrics.resource);
  w.ascii(',"scopeMetrics":[');
  const scopes = resourceMetrics.scopeMetrics;
  for (let i = 0; i < scopes.length; i++) {
    const scopeMetrics = scopes[i];
    if (i > 0) w.byte(0x2c);
    w.ascii('{"scope":');
    writeSdkScopeJson(w, scopeMetrics.scope);
    w.ascii(',"metrics":[');
    const metrics = scopeMetrics.metrics;
    for (let j = 0; j < metrics.length; j++) {
      if (j > 0) w.byte(0x2c);
      writeMetricJson(w, metrics[j]);
    }
    w.byte(0x5d);
    writeSchemaUrlMember(w, scopeMetrics.scope.schemaUrl);
    w.byte(0x7d);
  }
  w.byte(0x5d);
  writeSchemaUrlMember(w, resourceMetrics.resource.schemaUrl);
  w.ascii('}]}');
  const out = w.finish();
  if (w.buf.length > MAX_RETAINED_BUFFER) writer = new JsonWriter();
  return out;
}

function writeMetricJson(w: JsonWriter, metric: SdkMetricData): void {
  const d = metric.descriptor;
  w.ascii('{"name":');
  w.string(d.name);
  if (d.description) {
    w.ascii(',"description":');
    w.string(d.description);
  }
  if (d.unit) {
    w.ascii(',"unit":');
    w.string(d.unit);
  }
  const points = metric.dataPoints;
  const temporality = otlpTemporality(metric.aggregationTemporality);
  const temporalityMember = temporality !== 0 ? `,"aggregationTemporality":${temporality}` : '';
  switch (metric.dataPointType) {
    case SdkDataPointType.GAUGE:
    case SdkDataPointType.SUM: {
      const asInt = d.valueType === SdkValueType.INT;
      const isGauge = metric.dataPointType === SdkDataPointType.GAUGE;
      w.ascii(isGauge ? ',"gauge":{"dataPoints":[' : ',"sum":{"dataPoints":[');
      for (let i = 0; i < points.length; i++) {
        const p = points[i] as SdkDataPoint<number>;
        if (i > 0) w.byte(0x2c);
        w.byte(0x7b);
        const c = writePointBase(w, p);
        if (asInt) {
          w.ascii(c ? ',"asInt":' : '"asInt":');
          w.quotedInteger(p.value);
          w.byte(0x7d);
        } else {
          w.ascii(c ? ',"asDouble":' : '"asDouble":');
          w.ascii(jsonDouble(p.value));
          w.byte(0x7d);
        }
      }
      if (isGauge) w.ascii(']}');
      else w.ascii(`]${temporalityMember}${metric.isMonotonic ? ',"isMonotonic":true' : ''}}`);
      break;
    }
    case SdkDataPointType.HISTOGRAM:
      w.ascii(',"histogram":{"dataPoints":[');
      for (let i = 0; i < points.length; i++) {
        if (i > 0) w.byte(0x2c);
        writeHistogramPointJson(w, points[i] as SdkDataPoint<SdkHistogram>);
      }
      w.ascii(`]${temporalityMember}}`);
      break;
    case SdkDataPointType.EXPONENTIAL_HISTOGRAM:
      w.ascii(',"exponentialHistogram":{"dataPoints":[');
      for (let i = 0; i < points.length; i++) {
        if (i > 0) w.byte(0x2c);
        writeExponentialPointJson(w, points[i] as SdkDataPoint<SdkExponentialHistogram>);
      }
      w.ascii(`]${temporalityMember}}`);
      break;
    default:
    // An unknown point type: the metric without data, as encodeMetrics writes it.
  }
  w.byte(0x7d);
}

/** `attributes`, `startTimeUnixNano`, `timeUnixNano` (after the point's `{`); returns whether any was written. */
function writePointBase(w: JsonWriter, p: SdkDataPoint<unknown>): boolean {
  let c = writeSdkAttributesMember(w, true, 'attributes', p.attributes);
  if (!isZeroHrTime(p.startTime)) {
    w.ascii(c ? ',"startTimeUnixNano":' : '"startTimeUnixNano":');
    writeHrTimeJson(w, p.startTime);
    c = true;
  }
  if (!isZeroHrTime(p.endTime)) {
    w.ascii(c ? ',"timeUnixNano":' : '"timeUnixNano":');
    writeHrTimeJson(w, p.endTime);
    c = true;
  }
  return c;
}

/** Writes `"name":value` after a comma when the object has members; returns true. */
function member(w: JsonWriter, c: boolean, nameAndValue: string): boolean {
  w.ascii(c ? `,${nameAndValue}` : nameAndValue);
  return true;
}

function writeCounts(w: JsonWriter, c: boolean, name: string, counts: readonly number[]): boolean {
  if (counts.length === 0) return c;
  w.ascii(c ? `,"${name}":[` : `"${name}":[`);
  for (let i = 0; i < counts.length; i++) {
    if (i > 0) w.byte(0x2c);
    w.quotedInteger(counts[i]);
  }
  w.byte(0x5d);
  return true;
}

/** count, sum, then the kind's own members, then min and max: the order metricsRequestToJson uses. */
function writeCountAndSum(w: JsonWriter, c: boolean, count: number, sum: number | undefined): boolean {
  if (count) {
    w.ascii(c ? ',"count":' : '"count":');
    w.quotedInteger(count);
    c = true;
  }
  if (sum !== undefined) c = member(w, c, `"sum":${jsonDouble(sum)}`);
  return c;
}

function writeMinMax(w: JsonWriter, c: boolean, min: number | undefined, max: number | undefined): void {
  if (min !== undefined) c = member(w, c, `"min":${jsonDouble(min)}`);
  if (max !== undefined) member(w, c, `"max":${jsonDouble(max)}`);
}

function writeHistogramPointJson(w: JsonWriter, p: SdkDataPoint<SdkHistogram>): void {
  const h = p.value;
  w.byte(0x7b);
  let c = writeCountAndSum(w, writePointBase(w, p), h.count, h.sum);
  c = writeCounts(w, c, 'bucketCounts', h.buckets.counts);
  const bounds = h.buckets.boundaries;
  if (bounds.length > 0) {
    w.ascii(c ? ',"explicitBounds":[' : '"explicitBounds":[');
    for (let i = 0; i < bounds.length; i++) {
      if (i > 0) w.byte(0x2c);
      w.ascii(jsonDouble(bounds[i]));
    }
    w.byte(0x5d);
    c = true;
  }
  writeMinMax(w, c, h.min, h.max);
  w.byte(0x7d);
}

function writeBucketsJson(w: JsonWriter, offset: number, counts: readonly number[]): void {
  w.byte(0x7b);
  let c = false;
  if (offset) c = member(w, c, `"offset":${offset}`);
  writeCounts(w, c, 'bucketCounts', counts);
  w.byte(0x7d);
}

function writeExponentialPointJson(w: JsonWriter, p: SdkDataPoint<SdkExponentialHistogram>): void {
  const h = p.value;
  w.byte(0x7b);
  let c = writeCountAndSum(w, writePointBase(w, p), h.count, h.sum);
  if (h.scale) c = member(w, c, `"scale":${h.scale}`);
  if (h.zeroCount) {
    w.ascii(c ? ',"zeroCount":' : '"zeroCount":');
    w.quotedInteger(h.zeroCount);
    c = true;
  }
  w.ascii(c ? ',"positive":' : '"positive":');
  writeBucketsJson(w, h.positive.offset, h.positive.bucketCounts);
  w.ascii(',"negative":');
  writeBucketsJson(w, h.negative.offset, h.negative.bucketCounts);
  writeMinMax(w, true, h.min, h.max);
  w.byte(0x7d);
}
