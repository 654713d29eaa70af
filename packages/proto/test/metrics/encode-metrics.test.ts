import { ProtobufMetricsSerializer } from '@opentelemetry/otlp-transformer';
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { referenceDecode } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';
import { decodeMetricsRequest } from '../../src/metrics/decode-metrics-request.js';
import { encodeMetrics } from '../../src/metrics/encode-metrics.js';
import { encodeMetricsJson } from '../../src/metrics/encode-metrics-json.js';
import { encodeMetricsRequest } from '../../src/metrics/encode-metrics-request.js';
import { metricsRequestFromJson, metricsRequestToJson } from '../../src/metrics/metrics-request-json.js';
import type { SdkMetricData, SdkResourceMetrics } from '../../src/metrics/sdk-metrics.js';

// Hand-made SDK-shaped inputs for the corners real collections rarely reach; each is checked
// against the official serializer, for byte-exact re-encoding, and for JSON agreement.

const time: [number, number] = [1_764_300_000, 123_456_789];
const zero: [number, number] = [0, 0];

function rm(metrics: SdkMetricData[], scope: object = { name: 'edge' }): SdkResourceMetrics {
  return {
    resource: { attributes: { 'service.name': 'edge', big: 2 ** 62, neg: -(2 ** 40) } },
    scopeMetrics: [{ scope: scope as { name: string }, metrics }],
  };
}

function check(input: SdkResourceMetrics): void {
  const ours = encodeMetrics(input);
  const official = ProtobufMetricsSerializer.serializeRequest(
    input as unknown as ResourceMetrics,
  ) as Uint8Array;
  expect(referenceDecode('metrics', ours)).toEqual(referenceDecode('metrics', official));
  expect(Buffer.from(encodeMetricsRequest(decodeMetricsRequest(ours)))).toEqual(Buffer.from(ours));
  const json = Buffer.from(encodeMetricsJson(input)).toString('utf8');
  expect(json).toBe(metricsRequestToJson(decodeMetricsRequest(ours)));
  expect(Buffer.from(encodeMetricsRequest(metricsRequestFromJson(json)))).toEqual(Buffer.from(ours));
}

const descriptor = (valueType: number) => ({ name: 'x', description: '', unit: '', valueType });

describe('encodeMetrics corners', () => {
  it('int values: negative, zero, beyond 2^32 and 2^53; double values: NaN, -0, Infinity', () => {
    const ints = [-1, 0, 2 ** 32 + 5, -(2 ** 53), 2 ** 60].map((value, i) => ({
      startTime: time,
      endTime: time,
      attributes: { i },
      value,
    }));
    const doubles = [Number.NaN, 0.5, Number.NEGATIVE_INFINITY, 1e-300].map((value) => ({
      startTime: zero,
      endTime: time,
      attributes: {},
      value,
    }));
    check(
      rm([
        { descriptor: descriptor(0), aggregationTemporality: 1, dataPointType: 2, dataPoints: ints },
        {
          descriptor: descriptor(1),
          aggregationTemporality: 0,
          dataPointType: 3,
          dataPoints: doubles,
          isMonotonic: false,
        },
      ]),
    );
  });

  it('histograms with zero counts, no buckets, no sum/min/max; exponential with offsets and scale', () => {
    check(
      rm([
        {
          descriptor: { name: 'h', description: 'd', unit: 'ms', valueType: 1 },
          aggregationTemporality: 1,
          dataPointType: 0,
          dataPoints: [
            {
              startTime: time,
              endTime: time,
              attributes: {},
              value: { buckets: { boundaries: [], counts: [] }, count: 0 },
            },
            {
              startTime: time,
              endTime: time,
              attributes: { a: [1, 'b'] },
              value: {
                buckets: { boundaries: [0, 5.5], counts: [2 ** 33, 0, 1] },
                count: 2 ** 33 + 1,
                sum: 0,
                min: -3,
                max: 7,
              },
            },
          ],
        },
        {
          descriptor: descriptor(1),
          aggregationTemporality: 0,
          dataPointType: 1,
          dataPoints: [
            {
              startTime: time,
              endTime: time,
              attributes: {},
              value: {
                count: 5,
                scale: -3,
                zeroCount: 1,
                positive: { offset: -7, bucketCounts: [1, 0, 2 ** 40] },
                negative: { offset: 3, bucketCounts: [] },
              },
            },
            {
              startTime: time,
              endTime: time,
              attributes: {},
              value: {
                count: 0,
                scale: 0,
                zeroCount: 0,
                positive: { offset: 0, bucketCounts: [] },
                negative: { offset: 0, bucketCounts: [] },
                sum: 0,
                min: 0,
                max: 0,
              },
            },
          ],
        },
      ]),
    );
  });

  it('an unknown point type, an empty scope, scope attributes and schema URLs', () => {
    check(
      rm([{ descriptor: descriptor(1), aggregationTemporality: 5, dataPointType: 42, dataPoints: [] }], {
        name: '',
      }),
    );
    check({
      resource: { attributes: {}, schemaUrl: 'https://r' },
      scopeMetrics: [
        {
          scope: {
            name: 's',
            version: '1',
            schemaUrl: 'https://s',
            attributes: { k: 'v' },
            droppedAttributesCount: 2,
          } as { name: string },
          metrics: [],
        },
        { scope: { name: 't' }, metrics: [] },
      ],
    });
  });

  it('keeps -0 in protobuf; OTLP/JSON (JSON.stringify numbers) carries it as 0', () => {
    const input = rm([
      {
        descriptor: descriptor(1),
        aggregationTemporality: 1,
        dataPointType: 2,
        dataPoints: [{ startTime: time, endTime: time, attributes: { z: -0.0 }, value: -0 }],
      },
    ]);
    const ours = encodeMetrics(input);
    const official = ProtobufMetricsSerializer.serializeRequest(
      input as unknown as ResourceMetrics,
    ) as Uint8Array;
    expect(referenceDecode('metrics', ours)).toEqual(referenceDecode('metrics', official));
    const point =
      decodeMetricsRequest(ours).resourceMetrics[0].scopeMetrics[0].metrics[0].gauge?.dataPoints[0];
    expect(Object.is(point?.asDouble, -0)).toBe(true);
    const json = Buffer.from(encodeMetricsJson(input)).toString('utf8');
    expect(json).toContain('"asDouble":0}');
    expect(json).toBe(metricsRequestToJson(decodeMetricsRequest(ours)));
  });

  it('does not cache a resource whose attributes are still pending', () => {
    const attributes: Record<string, string> = { a: '1' };
    const resource = { attributes, asyncAttributesPending: true };
    const first = decodeMetricsRequest(encodeMetrics({ resource, scopeMetrics: [] }));
    attributes.b = '2';
    const second = decodeMetricsRequest(encodeMetrics({ resource, scopeMetrics: [] }));
    expect(first.resourceMetrics[0].resource?.attributes.length).toBe(1);
    expect(second.resourceMetrics[0].resource?.attributes.length).toBe(2);
  });

  it('re-encodes a cached resource or scope whose attributes object or name changed', () => {
    const resource = { attributes: { a: '1' } as object };
    const scope = { name: 's', version: '1' };
    const names = () => {
      const m = decodeMetricsRequest(encodeMetrics({ resource, scopeMetrics: [{ scope, metrics: [] }] }));
      const rm = m.resourceMetrics[0];
      return [rm.resource?.attributes.map((kv) => kv.key), rm.scopeMetrics[0].scope?.version];
    };
    expect(names()).toEqual([['a'], '1']);
    resource.attributes = { b: '2' }; // what a resource settling async attributes does
    scope.version = '2';
    expect(names()).toEqual([['b'], '2']);
  });
});
