import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  AggregationType,
  InstrumentType,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { decodeMetricsRequest, metricsRequestFromJson } from '@otlpx/proto';
import { referenceDecode } from '@otlpx/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OtlpxConfigError } from '../src/errors.js';
import { OtlpMetricExporter, type OtlpMetricExporterOptions } from '../src/otlp-metric-exporter.js';
import { useReceiver } from './support/use-receiver.js';

const h = useReceiver();
afterEach(() => {
  vi.unstubAllEnvs();
});

async function collectThrough(exporter: OtlpMetricExporter): Promise<void> {
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'm' }),
    readers: [reader],
  });
  const meter = provider.getMeter('otlpx-test');
  meter.createCounter('requests').add(5, { route: '/a' });
  meter.createUpDownCounter('inflight').add(2);
  meter.createHistogram('latency', { unit: 'ms' }).record(12.5);
  await reader.forceFlush();
  await provider.shutdown();
}

type Decoded = ReturnType<typeof decodeMetricsRequest>;
function byName(decoded: Decoded) {
  const out: Record<string, Decoded['resourceMetrics'][0]['scopeMetrics'][0]['metrics'][0]> = {};
  for (const m of decoded.resourceMetrics[0].scopeMetrics[0].metrics) out[m.name] = m;
  return out;
}

describe('OtlpMetricExporter', () => {
  it.each(['http/protobuf', 'http/json'] as const)('delivers SDK metrics over %s', async (protocol) => {
    const exporter = new OtlpMetricExporter({
      url: h.receiver.url('/v1/metrics'),
      protocol,
      compression: 'gzip',
    });
    await collectThrough(exporter);
    const req = h.receiver.requests[0];
    expect(req.path).toBe('/v1/metrics');
    const decoded =
      protocol === 'http/json'
        ? metricsRequestFromJson(req.body)
        : decodeMetricsRequest(new Uint8Array(req.body));
    const metrics = byName(decoded);
    expect(Object.keys(metrics).sort()).toEqual(['inflight', 'latency', 'requests']);
    expect(metrics.requests.sum).toMatchObject({ aggregationTemporality: 2, isMonotonic: true });
    if (protocol === 'http/protobuf') {
      const ref = referenceDecode('metrics', req.body) as {
        resourceMetrics: { scopeMetrics: { metrics: { name: string }[] }[] }[];
      };
      expect(ref.resourceMetrics[0].scopeMetrics[0].metrics.map((m) => m.name).sort()).toEqual([
        'inflight',
        'latency',
        'requests',
      ]);
    }
    // forceFlush and shutdown each collect once: 3 data points per request.
    expect(exporter.stats().itemsExported).toBe(3 * h.receiver.requests.length);
  });

  it('delta preference: counters and histograms delta, up-down counters cumulative', async () => {
    const exporter = new OtlpMetricExporter({
      url: h.receiver.url('/v1/metrics'),
      temporalityPreference: 'delta',
    });
    await collectThrough(exporter);
    const metrics = byName(decodeMetricsRequest(new Uint8Array(h.receiver.requests[0].body)));
    expect(metrics.requests.sum?.aggregationTemporality).toBe(1);
    expect(metrics.latency.histogram?.aggregationTemporality).toBe(1);
    expect(metrics.inflight.sum?.aggregationTemporality).toBe(2);
  });

  const all = Object.values(InstrumentType);
  const D = AggregationTemporality.DELTA;
  const C = AggregationTemporality.CUMULATIVE;

  it('selects temporality per instrument like the official exporter', () => {
    const pick = (options: OtlpMetricExporterOptions) => {
      const e = new OtlpMetricExporter(options);
      return Object.fromEntries(all.map((t) => [t, e.selectAggregationTemporality(t)]));
    };
    expect(pick({})).toEqual(Object.fromEntries(all.map((t) => [t, C])));
    expect(pick({ temporalityPreference: 'delta' })).toEqual({
      COUNTER: D,
      OBSERVABLE_COUNTER: D,
      HISTOGRAM: D,
      GAUGE: D,
      OBSERVABLE_GAUGE: D,
      UP_DOWN_COUNTER: C,
      OBSERVABLE_UP_DOWN_COUNTER: C,
    });
    expect(pick({ temporalityPreference: 'lowmemory' })).toEqual({
      COUNTER: D,
      HISTOGRAM: D,
      OBSERVABLE_COUNTER: C,
      GAUGE: C,
      OBSERVABLE_GAUGE: C,
      UP_DOWN_COUNTER: C,
      OBSERVABLE_UP_DOWN_COUNTER: C,
    });
    expect(() => new OtlpMetricExporter({ temporalityPreference: 'sometimes' as never })).toThrow(
      OtlpxConfigError,
    );
    expect(() => new OtlpMetricExporter({ temporalityPreference: 3 as never })).toThrow(OtlpxConfigError);
  });

  it("reads the official exporter's numbers (AggregationTemporalityPreference, AggregationTemporality) as it does", () => {
    const selections = (e: { selectAggregationTemporality(t: InstrumentType): AggregationTemporality }) =>
      Object.fromEntries(all.map((t) => [t, e.selectAggregationTemporality(t)]));
    // DELTA 0, CUMULATIVE 1 (both enums), LOWMEMORY 2 (the official exporter's own enum).
    for (const preference of [undefined, D, C, 0, 1, 2] as const) {
      const ours = selections(new OtlpMetricExporter({ temporalityPreference: preference }));
      const official = selections(new OTLPMetricExporter({ temporalityPreference: preference }));
      expect({ preference, ours }).toEqual({ preference, ours: official });
    }
    for (const name of ['cumulative', 'delta', 'lowmemory']) {
      vi.stubEnv('OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE', name);
      expect({ name, ours: selections(new OtlpMetricExporter()) }).toEqual({
        name,
        ours: selections(new OTLPMetricExporter()),
      });
    }
    vi.unstubAllEnvs();
  });

  it('reads OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE (case-insensitive), reporting bad values', () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE', 'Delta');
    expect(new OtlpMetricExporter().selectAggregationTemporality(InstrumentType.COUNTER)).toBe(D);
    vi.stubEnv('OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE', 'weekly');
    expect(new OtlpMetricExporter().selectAggregationTemporality(InstrumentType.COUNTER)).toBe(C);
    expect(h.diag.withCode('OTLPX_ERR_CONFIG_INVALID')).toHaveLength(1);
  });

  it('reads OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION; options win', () => {
    expect(new OtlpMetricExporter().selectAggregation(InstrumentType.HISTOGRAM)).toEqual({
      type: AggregationType.DEFAULT,
    });
    vi.stubEnv(
      'OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION',
      'base2_exponential_bucket_histogram',
    );
    const e = new OtlpMetricExporter();
    expect(e.selectAggregation(InstrumentType.HISTOGRAM)).toEqual({
      type: AggregationType.EXPONENTIAL_HISTOGRAM,
    });
    expect(e.selectAggregation(InstrumentType.COUNTER)).toEqual({ type: AggregationType.DEFAULT });
    const custom = () => ({ type: AggregationType.DROP }) as const;
    expect(
      new OtlpMetricExporter({ aggregationPreference: custom }).selectAggregation(InstrumentType.HISTOGRAM),
    ).toEqual({
      type: AggregationType.DROP,
    });
    vi.stubEnv('OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION', 'linear');
    expect(new OtlpMetricExporter().selectAggregation(InstrumentType.HISTOGRAM)).toEqual({
      type: AggregationType.DEFAULT,
    });
    expect(h.diag.withCode('OTLPX_ERR_CONFIG_INVALID')).toHaveLength(1);
  });

  it('the exponential histogram preference reaches the wire', async () => {
    vi.stubEnv(
      'OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION',
      'base2_exponential_bucket_histogram',
    );
    const exporter = new OtlpMetricExporter({ url: h.receiver.url('/v1/metrics') });
    await collectThrough(exporter);
    const metrics = byName(decodeMetricsRequest(new Uint8Array(h.receiver.requests[0].body)));
    expect(metrics.latency.histogram).toBeUndefined();
    expect(metrics.latency.exponentialHistogram?.dataPoints).toHaveLength(1);
  });
});
