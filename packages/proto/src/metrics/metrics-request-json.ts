import { keyValuesFromJson, keyValuesToJson } from '../common/common-json.js';
import { enumFromJson } from '../common/json-enum.js';
import {
  arrayField,
  boolFromJson,
  doubleFromJson,
  doubleToJson,
  expectObject,
  field,
  hexFromJson,
  hexOf,
  int32FromJson,
  int64FromJson,
  type JsonObject,
  parseJsonInput,
  stringFromJson,
  uint32FromJson,
  uint64FromJson,
} from '../common/json-values.js';
import {
  resourceGroupFromJson,
  resourceGroupToJson,
  scopeGroupFromJson,
  scopeGroupToJson,
} from '../common/resource-scope-groups-json.js';
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
} from '../model/metrics.js';

// ExportMetricsServiceRequest model <-> OTLP/JSON (the spec's JSON mapping: lowerCamelCase names,
// 64-bit integers as decimal strings, enums as numbers, trace and span ids as hex, default values
// omitted). Readers accept numbers or strings for integers, enum names, and snake_case names.

const TEMPORALITY_NAMES = [
  'AGGREGATION_TEMPORALITY_UNSPECIFIED',
  'AGGREGATION_TEMPORALITY_DELTA',
  'AGGREGATION_TEMPORALITY_CUMULATIVE',
] as const;

/** The request as OTLP/JSON text. */
export function metricsRequestToJson(request: ExportMetricsServiceRequest): string {
  return JSON.stringify({ resourceMetrics: request.resourceMetrics.map(resourceMetricsToJson) });
}

function resourceMetricsToJson(rm: ResourceMetrics): JsonObject {
  return resourceGroupToJson(rm.resource, 'scopeMetrics', rm.scopeMetrics, rm.schemaUrl, scopeMetricsToJson);
}

function scopeMetricsToJson(sm: ScopeMetrics): JsonObject {
  return scopeGroupToJson(sm.scope, 'metrics', sm.metrics, sm.schemaUrl, metricToJson);
}

function metricToJson(m: Metric): JsonObject {
  const o: JsonObject = { name: m.name };
  if (m.description !== '') o.description = m.description;
  if (m.unit !== '') o.unit = m.unit;
  if (m.gauge !== undefined) o.gauge = { dataPoints: m.gauge.dataPoints.map(numberPointToJson) };
  else if (m.sum !== undefined) {
    const sum: JsonObject = { dataPoints: m.sum.dataPoints.map(numberPointToJson) };
    if (m.sum.aggregationTemporality) sum.aggregationTemporality = m.sum.aggregationTemporality;
    if (m.sum.isMonotonic) sum.isMonotonic = true;
    o.sum = sum;
  } else if (m.histogram !== undefined) {
    const h: JsonObject = { dataPoints: m.histogram.dataPoints.map(histogramPointToJson) };
    if (m.histogram.aggregationTemporality) h.aggregationTemporality = m.histogram.aggregationTemporality;
    o.histogram = h;
  } else if (m.exponentialHistogram !== undefined) {
    const e = m.exponentialHistogram;
    const h: JsonObject = { dataPoints: e.dataPoints.map(exponentialPointToJson) };
    if (e.aggregationTemporality) h.aggregationTemporality = e.aggregationTemporality;
    o.exponentialHistogram = h;
  } else if (m.summary !== undefined)
    o.summary = { dataPoints: m.summary.dataPoints.map(summaryPointToJson) };
  if (m.metadata.length > 0) o.metadata = keyValuesToJson(m.metadata);
  return o;
}

/** Fields every point kind shares: attributes, times, flags. */
interface PointBase {
  attributes: KeyValue[];
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  flags: number;
}

function pointBase(p: PointBase): JsonObject {
  const o: JsonObject = {};
  if (p.attributes.length > 0) o.attributes = keyValuesToJson(p.attributes);
  if (p.startTimeUnixNano !== 0n) o.startTimeUnixNano = p.startTimeUnixNano.toString();
  if (p.timeUnixNano !== 0n) o.timeUnixNano = p.timeUnixNano.toString();
  if (p.flags) o.flags = p.flags;
  return o;
}
function valueToJson(o: JsonObject, v: { asDouble?: number; asInt?: bigint }): void {
  if (v.asDouble !== undefined) o.asDouble = doubleToJson(v.asDouble);
  else if (v.asInt !== undefined) o.asInt = v.asInt.toString();
}

function numberPointToJson(p: NumberDataPoint): JsonObject {
  const o = pointBase(p);
  valueToJson(o, p);
  if (p.exemplars.length > 0) o.exemplars = p.exemplars.map(exemplarToJson);
  return o;
}

function histogramPointToJson(p: HistogramDataPoint): JsonObject {
  const o = pointBase(p);
  if (p.count !== 0n) o.count = p.count.toString();
  if (p.sum !== undefined) o.sum = doubleToJson(p.sum);
  if (p.bucketCounts.length > 0) o.bucketCounts = p.bucketCounts.map(String);
  if (p.explicitBounds.length > 0) o.explicitBounds = p.explicitBounds.map(doubleToJson);
  if (p.exemplars.length > 0) o.exemplars = p.exemplars.map(exemplarToJson);
  if (p.min !== undefined) o.min = doubleToJson(p.min);
  if (p.max !== undefined) o.max = doubleToJson(p.max);
  return o;
}

function bucketsToJson(b: ExponentialHistogramBuckets): JsonObject {
  const o: JsonObject = {};
  if (b.offset) o.offset = b.offset;
  if (b.bucketCounts.length > 0) o.bucketCounts = b.bucketCounts.map(String);
  return o;
}

function exponentialPointToJson(p: ExponentialHistogramDataPoint): JsonObject {
  const o = pointBase(p);
  if (p.count !== 0n) o.count = p.count.toString();
  if (p.sum !== undefined) o.sum = doubleToJson(p.sum);
  if (p.scale) o.scale = p.scale;
  if (p.zeroCount !== 0n) o.zeroCount = p.zeroCount.toString();
  if (p.positive !== undefined) o.positive = bucketsToJson(p.positive);
  if (p.negative !== undefined) o.negative = bucketsToJson(p.negative);
  if (p.exemplars.length > 0) o.exemplars = p.exemplars.map(exemplarToJson);
  if (p.min !== undefined) o.min = doubleToJson(p.min);
  if (p.max !== undefined) o.max = doubleToJson(p.max);
  if (p.zeroThreshold !== 0) o.zeroThreshold = doubleToJson(p.zeroThreshold);
  return o;
}

function summaryPointToJson(p: SummaryDataPoint): JsonObject {
  const o = pointBase(p);
  if (p.count !== 0n) o.count = p.count.toString();
  if (p.sum !== 0) o.sum = doubleToJson(p.sum);
  if (p.quantileValues.length > 0) {
    o.quantileValues = p.quantileValues.map((q) => {
      const v: JsonObject = {};
      if (q.quantile !== 0) v.quantile = doubleToJson(q.quantile);
      if (q.value !== 0) v.value = doubleToJson(q.value);
      return v;
    });
  }
  return o;
}

function exemplarToJson(e: Exemplar): JsonObject {
  const o: JsonObject = {};
  if (e.filteredAttributes.length > 0) o.filteredAttributes = keyValuesToJson(e.filteredAttributes);
  if (e.timeUnixNano !== 0n) o.timeUnixNano = e.timeUnixNano.toString();
  valueToJson(o, e);
  if (e.spanId.length > 0) o.spanId = hexOf(e.spanId);
  if (e.traceId.length > 0) o.traceId = hexOf(e.traceId);
  return o;
}

// ---------------------------------------------------------------- reading

/** Reads OTLP/JSON (text, UTF-8 bytes or an already parsed object); throws OtlpxJsonError with the path. */
export function metricsRequestFromJson(input: string | Uint8Array | object): ExportMetricsServiceRequest {
  const o = expectObject(parseJsonInput(input), '');
  return {
    resourceMetrics: arrayField(o, '', 'resourceMetrics', 'resource_metrics', resourceMetricsFromJson),
  };
}

function resourceMetricsFromJson(json: unknown, path: string): ResourceMetrics {
  const { resource, groups, schemaUrl } = resourceGroupFromJson(
    json,
    path,
    ['scopeMetrics', 'scope_metrics'],
    scopeMetricsFromJson,
  );
  const out: ResourceMetrics = { scopeMetrics: groups, schemaUrl };
  if (resource !== undefined) out.resource = resource;
  return out;
}

function scopeMetricsFromJson(json: unknown, path: string): ScopeMetrics {
  const { scope, items, schemaUrl } = scopeGroupFromJson(json, path, ['metrics', 'metrics'], metricFromJson);
  const out: ScopeMetrics = { metrics: items, schemaUrl };
  if (scope !== undefined) out.scope = scope;
  return out;
}

function temporalityFromJson(o: JsonObject, path: string): number {
  const v = field(o, 'aggregationTemporality', 'aggregation_temporality');
  return enumFromJson(v, `${path}.aggregationTemporality`, TEMPORALITY_NAMES);
}

function metricFromJson(json: unknown, path: string): Metric {
  const o = expectObject(json, path);
  const m: Metric = {
    name: stringFromJson(o.name, `${path}.name`),
    description: stringFromJson(o.description, `${path}.description`),
    unit: stringFromJson(o.unit, `${path}.unit`),
    metadata: keyValuesFromJson(o, path, 'metadata'),
  };
  const exp = field(o, 'exponentialHistogram', 'exponential_histogram');
  if (o.gauge !== undefined && o.gauge !== null) {
    const p = `${path}.gauge`;
    m.gauge = {
      dataPoints: arrayField(expectObject(o.gauge, p), p, 'dataPoints', 'data_points', numberPointFromJson),
    };
  } else if (o.sum !== undefined && o.sum !== null) {
    const p = `${path}.sum`;
    const s = expectObject(o.sum, p);
    m.sum = {
      dataPoints: arrayField(s, p, 'dataPoints', 'data_points', numberPointFromJson),
      aggregationTemporality: temporalityFromJson(s, p),
      isMonotonic: boolFromJson(field(s, 'isMonotonic', 'is_monotonic'), `${p}.isMonotonic`),
    };
  } else if (o.histogram !== undefined && o.histogram !== null) {
    const p = `${path}.histogram`;
    const h = expectObject(o.histogram, p);
    m.histogram = {
      dataPoints: arrayField(h, p, 'dataPoints', 'data_points', histogramPointFromJson),
      aggregationTemporality: temporalityFromJson(h, p),
    };
  } else if (exp !== undefined && exp !== null) {
    const p = `${path}.exponentialHistogram`;
    const h = expectObject(exp, p);
    m.exponentialHistogram = {
      dataPoints: arrayField(h, p, 'dataPoints', 'data_points', exponentialPointFromJson),
      aggregationTemporality: temporalityFromJson(h, p),
    };
  } else if (o.summary !== undefined && o.summary !== null) {
    const p = `${path}.summary`;
    m.summary = {
      dataPoints: arrayField(
        expectObject(o.summary, p),
        p,
        'dataPoints',
        'data_points',
        summaryPointFromJson,
      ),
    };
  }
  return m;
}

function pointBaseFromJson(o: JsonObject, path: string): PointBase {
  return {
    attributes: keyValuesFromJson(o, path),
    startTimeUnixNano: uint64FromJson(
      field(o, 'startTimeUnixNano', 'start_time_unix_nano'),
      `${path}.startTimeUnixNano`,
    ),
    timeUnixNano: uint64FromJson(field(o, 'timeUnixNano', 'time_unix_nano'), `${path}.timeUnixNano`),
    flags: uint32FromJson(o.flags, `${path}.flags`),
  };
}

function valueFromJson(o: JsonObject, path: string, out: { asDouble?: number; asInt?: bigint }): void {
  const d = field(o, 'asDouble', 'as_double');
  const i = field(o, 'asInt', 'as_int');
  if (d !== undefined && d !== null) out.asDouble = doubleFromJson(d, `${path}.asDouble`);
  else if (i !== undefined && i !== null) out.asInt = int64FromJson(i, `${path}.asInt`);
}

function optionalDouble(o: JsonObject, name: string, path: string): number | undefined {
  const v = o[name];
  return v === undefined || v === null ? undefined : doubleFromJson(v, `${path}.${name}`);
}

function numberPointFromJson(json: unknown, path: string): NumberDataPoint {
  const o = expectObject(json, path);
  const base = pointBaseFromJson(o, path);
  const p: NumberDataPoint = {
    attributes: base.attributes,
    startTimeUnixNano: base.startTimeUnixNano,
    timeUnixNano: base.timeUnixNano,
    exemplars: arrayField(o, path, 'exemplars', undefined, exemplarFromJson),
    flags: base.flags,
  };
  valueFromJson(o, path, p);
  return p;
}

function histogramPointFromJson(json: unknown, path: string): HistogramDataPoint {
  const o = expectObject(json, path);
  const p: HistogramDataPoint = {
    ...pointBaseFromJson(o, path),
    count: uint64FromJson(o.count, `${path}.count`),
    bucketCounts: arrayField(o, path, 'bucketCounts', 'bucket_counts', uint64FromJson),
    explicitBounds: arrayField(o, path, 'explicitBounds', 'explicit_bounds', doubleFromJson),
    exemplars: arrayField(o, path, 'exemplars', undefined, exemplarFromJson),
  };
  const sum = optionalDouble(o, 'sum', path);
  if (sum !== undefined) p.sum = sum;
  const min = optionalDouble(o, 'min', path);
  if (min !== undefined) p.min = min;
  const max = optionalDouble(o, 'max', path);
  if (max !== undefined) p.max = max;
  return p;
}

function bucketsFromJson(json: unknown, path: string): ExponentialHistogramBuckets {
  const o = expectObject(json, path);
  return {
    offset: int32FromJson(o.offset, `${path}.offset`),
    bucketCounts: arrayField(o, path, 'bucketCounts', 'bucket_counts', uint64FromJson),
  };
}

function exponentialPointFromJson(json: unknown, path: string): ExponentialHistogramDataPoint {
  const o = expectObject(json, path);
  const p: ExponentialHistogramDataPoint = {
    ...pointBaseFromJson(o, path),
    count: uint64FromJson(o.count, `${path}.count`),
    scale: int32FromJson(o.scale, `${path}.scale`),
    zeroCount: uint64FromJson(field(o, 'zeroCount', 'zero_count'), `${path}.zeroCount`),
    exemplars: arrayField(o, path, 'exemplars', undefined, exemplarFromJson),
    zeroThreshold: doubleFromJson(field(o, 'zeroThreshold', 'zero_threshold'), `${path}.zeroThreshold`),
  };
  const sum = optionalDouble(o, 'sum', path);
  if (sum !== undefined) p.sum = sum;
  if (o.positive !== undefined && o.positive !== null)
    p.positive = bucketsFromJson(o.positive, `${path}.positive`);
  if (o.negative !== undefined && o.negative !== null)
    p.negative = bucketsFromJson(o.negative, `${path}.negative`);
  const min = optionalDouble(o, 'min', path);
  if (min !== undefined) p.min = min;
  const max = optionalDouble(o, 'max', path);
  if (max !== undefined) p.max = max;
  return p;
}

function summaryPointFromJson(json: unknown, path: string): SummaryDataPoint {
  const o = expectObject(json, path);
  return {
    ...pointBaseFromJson(o, path),
    count: uint64FromJson(o.count, `${path}.count`),
    sum: doubleFromJson(o.sum, `${path}.sum`),
    quantileValues: arrayField(o, path, 'quantileValues', 'quantile_values', (item, p) => {
      const q = expectObject(item, p);
      return {
        quantile: doubleFromJson(q.quantile, `${p}.quantile`),
        value: doubleFromJson(q.value, `${p}.value`),
      };
    }),
  };
}

function exemplarFromJson(json: unknown, path: string): Exemplar {
  const o = expectObject(json, path);
  const e: Exemplar = {
    filteredAttributes: keyValuesFromJson(o, path, 'filteredAttributes', 'filtered_attributes'),
    timeUnixNano: uint64FromJson(field(o, 'timeUnixNano', 'time_unix_nano'), `${path}.timeUnixNano`),
    spanId: hexFromJson(field(o, 'spanId', 'span_id'), `${path}.spanId`),
    traceId: hexFromJson(field(o, 'traceId', 'trace_id'), `${path}.traceId`),
  };
  valueFromJson(o, path, e);
  return e;
}
