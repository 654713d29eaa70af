import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOtlpxError, type OtlpxJsonError } from '../../src/errors.js';
import { encodeMetricsRequest } from '../../src/metrics/encode-metrics-request.js';
import { metricsRequestFromJson, metricsRequestToJson } from '../../src/metrics/metrics-request-json.js';
import { normaliseForJson } from '../json-normalise.js';
import { metricsRequest } from './arbitraries.js';

function jsonError(input: unknown): OtlpxJsonError {
  try {
    metricsRequestFromJson(input as object);
  } catch (err) {
    expect(isOtlpxError(err)).toBe(true);
    return err as OtlpxJsonError;
  }
  throw new Error('expected a JSON error');
}

const point = (extra: object) => ({
  resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: 'm', gauge: { dataPoints: [extra] } }] }] }],
});

describe('metricsRequestToJson / metricsRequestFromJson', () => {
  it('round-trips any model (model -> JSON -> model)', () => {
    fc.assert(
      fc.property(metricsRequest, (model) => {
        const text = metricsRequestToJson(model);
        const back = metricsRequestFromJson(text);
        expect(normaliseForJson(back)).toEqual(normaliseForJson(model));
        // The JSON text is stable: writing what was read gives the same text.
        expect(metricsRequestToJson(back)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('writes the spec mapping: decimal strings for 64-bit integers, numbers for enums, hex ids', () => {
    const json = JSON.parse(
      metricsRequestToJson({
        resourceMetrics: [
          {
            schemaUrl: '',
            scopeMetrics: [
              {
                schemaUrl: 's',
                metrics: [
                  {
                    name: 'm',
                    description: '',
                    unit: '',
                    metadata: [],
                    sum: {
                      aggregationTemporality: 2,
                      isMonotonic: true,
                      dataPoints: [
                        {
                          attributes: [],
                          startTimeUnixNano: 2n ** 63n,
                          timeUnixNano: 1n,
                          asInt: -(2n ** 62n),
                          exemplars: [
                            {
                              filteredAttributes: [],
                              timeUnixNano: 0n,
                              asDouble: Number.NaN,
                              spanId: new Uint8Array([0xab, 1, 2, 3, 4, 5, 6, 0xff]),
                              traceId: new Uint8Array(0),
                            },
                          ],
                          flags: 1,
                        },
                      ],
                    },
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(json.resourceMetrics[0].scopeMetrics[0].metrics[0].sum).toEqual({
      aggregationTemporality: 2,
      isMonotonic: true,
      dataPoints: [
        {
          startTimeUnixNano: '9223372036854775808',
          timeUnixNano: '1',
          flags: 1,
          asInt: '-4611686018427387904',
          exemplars: [{ asDouble: 'NaN', spanId: 'ab010203040506ff' }],
        },
      ],
    });
  });

  it('accepts numbers for integers, enum names, snake_case names and bytes input', () => {
    const text = JSON.stringify({
      resource_metrics: [
        {
          scope_metrics: [
            {
              metrics: [
                {
                  name: 'h',
                  exponential_histogram: {
                    aggregation_temporality: 'AGGREGATION_TEMPORALITY_DELTA',
                    data_points: [
                      {
                        count: 3,
                        zero_count: '1',
                        scale: -2,
                        positive: { offset: -1, bucket_counts: [1, '2'] },
                      },
                    ],
                  },
                },
              ],
            },
          ],
        },
      ],
    });
    const model = metricsRequestFromJson(new TextEncoder().encode(text));
    const h = model.resourceMetrics[0].scopeMetrics[0].metrics[0].exponentialHistogram;
    expect(h?.aggregationTemporality).toBe(1);
    expect(h?.dataPoints[0]).toMatchObject({
      count: 3n,
      zeroCount: 1n,
      scale: -2,
      positive: { offset: -1, bucketCounts: [1n, 2n] },
    });
    expect(encodeMetricsRequest(model).length).toBeGreaterThan(0);
  });

  it('rejects invalid values with the JSON path of the culprit', () => {
    expect(jsonError('{').code).toBe('OTLPX_ERR_JSON_INVALID');
    expect(jsonError([]).path).toBe('');
    expect(jsonError({ resourceMetrics: {} }).path).toBe('.resourceMetrics');
    expect(jsonError(point({ asInt: 1.5 })).path).toBe(
      '.resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0].asInt',
    );
    expect(jsonError(point({ timeUnixNano: '-1' })).path).toMatch(/timeUnixNano$/);
    expect(jsonError(point({ exemplars: [{ spanId: 'xyz' }] })).path).toMatch(/exemplars\[0\]\.spanId$/);
    const temporality = {
      resourceMetrics: [{ scopeMetrics: [{ metrics: [{ sum: { aggregationTemporality: 'SOMETIMES' } }] }] }],
    };
    expect(jsonError(temporality).message).toContain('unknown enum value');
  });
});
