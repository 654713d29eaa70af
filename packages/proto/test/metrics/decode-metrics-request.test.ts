import { makeSdkMetrics } from '@otlpx/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOtlpxError, type OtlpxDecodeError } from '../../src/errors.js';
import { decodeMetricsRequest } from '../../src/metrics/decode-metrics-request.js';
import { encodeMetrics } from '../../src/metrics/encode-metrics.js';
import { encodeMetricsRequest } from '../../src/metrics/encode-metrics-request.js';
import type { ExportMetricsServiceRequest } from '../../src/model/metrics.js';
import { ProtoWriter } from '../../src/wire/writer.js';
import { deeplyNestedAnyValue, expectModelOrDecodeError, fuzzDecoder, hugeLengthPrefix } from '../fuzz.js';
import { metricsRequest } from './arbitraries.js';

function decodeError(bytes: Uint8Array, maxDepth?: number): OtlpxDecodeError {
  try {
    decodeMetricsRequest(bytes, maxDepth === undefined ? undefined : { maxDepth });
  } catch (err) {
    expect(isOtlpxError(err)).toBe(true);
    return err as OtlpxDecodeError;
  }
  throw new Error('expected a decode error');
}

/** A request with one histogram point built by hand, to control how its fields are laid out. */
function histogramRequest(writePoint: (w: ProtoWriter) => void): Uint8Array {
  const w = new ProtoWriter();
  w.tag(1, 2); // resource_metrics
  const rm = w.fork();
  w.tag(2, 2); // scope_metrics
  const sm = w.fork();
  w.tag(2, 2); // metrics
  const m = w.fork();
  w.tag(9, 2); // histogram
  const h = w.fork();
  w.tag(1, 2); // data_points
  const p = w.fork();
  writePoint(w);
  w.join(p);
  w.join(h);
  w.join(m);
  w.join(sm);
  w.join(rm);
  return w.finish();
}

const firstPoint = (req: ExportMetricsServiceRequest) =>
  req.resourceMetrics[0].scopeMetrics[0].metrics[0].histogram?.dataPoints[0];

describe('decodeMetricsRequest / encodeMetricsRequest', () => {
  it('round-trips any model byte-exactly (model -> bytes -> model -> same bytes)', () => {
    fc.assert(
      fc.property(metricsRequest, (model) => {
        const bytes = encodeMetricsRequest(model);
        const decoded = decodeMetricsRequest(bytes);
        expect(decoded).toEqual(model);
        expect(Buffer.from(encodeMetricsRequest(decoded))).toEqual(Buffer.from(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('reads repeated scalars packed and unpacked alike', () => {
    const packed = histogramRequest((w) => {
      w.tag(6, 2); // bucket_counts, packed
      w.uint32(16);
      w.fixed64Value(3n);
      w.fixed64Value(2n ** 40n);
      w.tag(7, 2); // explicit_bounds, packed
      w.uint32(8);
      w.double(1.5);
    });
    const unpacked = histogramRequest((w) => {
      w.tag(6, 1);
      w.fixed64Value(3n);
      w.tag(6, 1);
      w.fixed64Value(2n ** 40n);
      w.tag(7, 1);
      w.double(1.5);
    });
    const a = firstPoint(decodeMetricsRequest(packed));
    expect(a?.bucketCounts).toEqual([3n, 2n ** 40n]);
    expect(a?.explicitBounds).toEqual([1.5]);
    expect(decodeMetricsRequest(unpacked)).toEqual(decodeMetricsRequest(packed));
    // Written back packed, whatever came in.
    expect(Buffer.from(encodeMetricsRequest(decodeMetricsRequest(unpacked)))).toEqual(Buffer.from(packed));
  });

  it('keeps the last oneof member read, and skips unknown fields', () => {
    const model: ExportMetricsServiceRequest = {
      resourceMetrics: [
        {
          schemaUrl: '',
          scopeMetrics: [
            {
              schemaUrl: '',
              metrics: [
                {
                  name: 'm',
                  description: '',
                  unit: '',
                  metadata: [],
                  gauge: {
                    dataPoints: [
                      {
                        attributes: [],
                        startTimeUnixNano: 0n,
                        timeUnixNano: 0n,
                        exemplars: [],
                        flags: 0,
                        asInt: 5n,
                      },
                    ],
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    const bytes = encodeMetricsRequest(model);
    const w = new ProtoWriter();
    w.raw(bytes);
    w.tag(99, 0); // unknown top-level field
    w.uint32(1);
    expect(decodeMetricsRequest(w.finish())).toEqual(model);

    // A point carrying as_int then as_double, in a metric carrying gauge then histogram.
    const both = histogramRequest((p) => {
      p.tag(4, 1); // count
      p.fixed64Value(7n);
    });
    const point = new ProtoWriter();
    point.tag(6, 1); // as_int
    point.fixed64Value(-3n);
    point.tag(4, 1); // as_double
    point.double(2.5);
    const gauge = new ProtoWriter();
    gauge.tag(1, 2); // data_points
    gauge.bytes(point.finish());
    // Metric = gauge (field 5) followed by the histogram of `both`, then the gauge again.
    const metric = decodeMetricsRequest(both).resourceMetrics[0].scopeMetrics[0].metrics[0];
    expect(metric.histogram?.dataPoints[0].count).toBe(7n);
    const w2 = new ProtoWriter();
    w2.tag(5, 2);
    w2.bytes(gauge.finish());
    const wrapped = new ProtoWriter();
    wrapped.tag(1, 2);
    const rm = wrapped.fork();
    wrapped.tag(2, 2);
    const sm = wrapped.fork();
    wrapped.tag(2, 2);
    const m = wrapped.fork();
    wrapped.tag(9, 2); // histogram first ...
    wrapped.uint32(0);
    wrapped.raw(w2.finish()); // ... then gauge: the gauge wins
    wrapped.join(m);
    wrapped.join(sm);
    wrapped.join(rm);
    const last = decodeMetricsRequest(wrapped.finish()).resourceMetrics[0].scopeMetrics[0].metrics[0];
    expect(last.histogram).toBeUndefined();
    expect(last.gauge?.dataPoints[0]).toMatchObject({ asDouble: 2.5 });
    expect(last.gauge?.dataPoints[0].asInt).toBeUndefined();
  });

  it('rejects a field with the wrong wire type, with its offset', () => {
    const w = new ProtoWriter();
    w.tag(1, 0); // resource_metrics as a varint
    w.uint32(1);
    const err = decodeError(w.finish());
    expect(err.code).toBe('OTLPX_ERR_DECODE_WIRE_TYPE');
    expect(err.offset).toBe(1);
  });

  it('fails fast on a 100 MB length prefix without allocating it', () => {
    const err = decodeError(hugeLengthPrefix(1, 100 * 1024 * 1024));
    expect(err.code).toBe('OTLPX_ERR_DECODE_TRUNCATED');
    expect(err.offset).toBe(1);
  });

  it('stops deep nesting at maxDepth', () => {
    const w = new ProtoWriter();
    w.tag(1, 2); // resource_metrics
    const rm = w.fork();
    w.tag(1, 2); // resource
    const r = w.fork();
    w.tag(1, 2); // attributes
    const kv = w.fork();
    w.tag(2, 2); // value
    w.bytes(deeplyNestedAnyValue(200));
    w.join(kv);
    w.join(r);
    w.join(rm);
    const bytes = w.finish();
    expect(decodeError(bytes).code).toBe('OTLPX_ERR_DECODE_DEPTH');
    expect(decodeError(bytes, 8).code).toBe('OTLPX_ERR_DECODE_DEPTH');
    expect(() => decodeMetricsRequest(bytes, { maxDepth: 1000 })).not.toThrow();
  });

  it('survives fuzzing: random bytes, every truncation, bit flips of real SDK output', async () => {
    const valid = encodeMetrics(await makeSdkMetrics({ series: 1, measurements: 2 }));
    fuzzDecoder(decodeMetricsRequest, valid);
    fc.assert(
      fc.property(metricsRequest, fc.nat(), fc.nat(7), (model, at, bit) => {
        const bytes = encodeMetricsRequest(model);
        if (bytes.length === 0) return;
        bytes[at % bytes.length] ^= 1 << bit;
        expectModelOrDecodeError(decodeMetricsRequest, bytes);
      }),
      { numRuns: 500 },
    );
  });
});
