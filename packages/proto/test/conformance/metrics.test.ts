import { JsonMetricsSerializer, ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { makeSdkMetrics, protocDecode, referenceDecode, skipWithoutPeer } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';
import { decodeMetricsRequest } from '../../src/metrics/decode-metrics-request.js';
import { encodeMetrics } from '../../src/metrics/encode-metrics.js';
import { encodeMetricsJson } from '../../src/metrics/encode-metrics-json.js';
import { encodeMetricsRequest } from '../../src/metrics/encode-metrics-request.js';
import { metricsRequestFromJson, metricsRequestToJson } from '../../src/metrics/metrics-request-json.js';

const cases = [
  { name: 'cumulative', options: { temporality: 'cumulative' as const } },
  { name: 'delta', options: { temporality: 'delta' as const, seed: 99 } },
  { name: 'one series, one measurement', options: { series: 1, measurements: 1 } },
];

describe.each(cases)('encodeMetrics vs ProtobufMetricsSerializer ($name)', ({ options }) => {
  it('decodes to the same message with the official .proto files', async () => {
    const rm = await makeSdkMetrics(options);
    const ours = encodeMetrics(rm);
    const official = ProtobufMetricsSerializer.serializeRequest(rm);
    expect(official).toBeDefined();
    expect(referenceDecode('metrics', ours)).toEqual(referenceDecode('metrics', official as Uint8Array));
  });

  it('covers every data kind and value type', async () => {
    const rm = await makeSdkMetrics(options);
    const model = decodeMetricsRequest(encodeMetrics(rm));
    const metrics = model.resourceMetrics[0].scopeMetrics.flatMap((s) => s.metrics);
    expect(metrics.some((m) => m.gauge?.dataPoints.some((p) => p.asInt !== undefined))).toBe(true);
    expect(metrics.some((m) => m.gauge?.dataPoints.some((p) => p.asDouble !== undefined))).toBe(true);
    expect(metrics.some((m) => m.sum?.isMonotonic && m.sum.dataPoints[0].asInt !== undefined)).toBe(true);
    expect(metrics.some((m) => m.sum?.isMonotonic && m.sum.dataPoints[0].asDouble !== undefined)).toBe(true);
    expect(metrics.some((m) => m.sum && !m.sum.isMonotonic)).toBe(true);
    expect(metrics.some((m) => m.histogram?.dataPoints.some((p) => p.sum === undefined))).toBe(true);
    expect(metrics.some((m) => m.histogram?.dataPoints.some((p) => p.sum !== undefined))).toBe(true);
    expect(
      metrics.some((m) => m.exponentialHistogram?.dataPoints.some((p) => p.negative?.bucketCounts.length)),
    ).toBe(true);
    expect(model.resourceMetrics[0].scopeMetrics.length).toBe(3);
  });

  it('re-encodes byte-exactly from the model', async () => {
    const ours = encodeMetrics(await makeSdkMetrics(options));
    expect(Buffer.from(encodeMetricsRequest(decodeMetricsRequest(ours)))).toEqual(Buffer.from(ours));
  });
});

describe.each(cases)('encodeMetricsJson ($name)', ({ options }) => {
  it('parses to the same data as the official JsonMetricsSerializer output', async () => {
    const rm = await makeSdkMetrics(options);
    const official = JsonMetricsSerializer.serializeRequest(rm) as Uint8Array;
    expect(metricsRequestFromJson(encodeMetricsJson(rm))).toEqual(metricsRequestFromJson(official));
  });

  it('is the text metricsRequestToJson gives for the decoded binary encoding', async () => {
    const rm = await makeSdkMetrics(options);
    const viaModel = metricsRequestToJson(decodeMetricsRequest(encodeMetrics(rm)));
    expect(Buffer.from(encodeMetricsJson(rm)).toString('utf8')).toBe(viaModel);
  });

  it('reads back to the bytes encodeMetrics writes', async () => {
    const rm = await makeSdkMetrics(options);
    const fromJson = encodeMetricsRequest(metricsRequestFromJson(encodeMetricsJson(rm)));
    expect(Buffer.from(fromJson)).toEqual(Buffer.from(encodeMetrics(rm)));
  });
});

describe.skipIf(skipWithoutPeer('protoc'))('protoc --decode', () => {
  it('accepts our metrics bytes', async () => {
    const ours = encodeMetrics(await makeSdkMetrics({ series: 2, measurements: 3 }));
    const text = protocDecode('metrics', ours);
    expect(text).toContain('exponential_histogram');
    expect(text).toContain('as_int');
    expect(text).toContain('is_monotonic: true');
  });
});
