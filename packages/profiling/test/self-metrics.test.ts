import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { ContinuousProfiler } from '../src/index.js';
import { makeBurner } from './fixtures/burn.js';

describe('self metrics', () => {
  it('publishes windows, drops, CPU, stalls and frequency through a Meter', async () => {
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 });
    const provider = new MeterProvider({ readers: [reader] });
    const profiler = new ContinuousProfiler({
      windowMillis: 60_000, // windows come from flush() and stop() only
      heap: false,
      cpu: { maxSamples: 1 },
      meter: provider.getMeter('test'),
    });
    profiler.start();
    makeBurner('metricsBurner')(60);
    await profiler.flush();
    await reader.forceFlush();
    const metrics = exporter.getMetrics()[0].scopeMetrics[0].metrics;
    const byName = new Map(metrics.map((m) => [m.descriptor.name, m]));
    expect([...byName.keys()].sort()).toEqual([
      'otlpx.profiler.cpu.time',
      'otlpx.profiler.dropped',
      'otlpx.profiler.failures',
      'otlpx.profiler.rotation.stall',
      'otlpx.profiler.sampling.frequency',
      'otlpx.profiler.windows',
    ]);
    expect(byName.get('otlpx.profiler.windows')?.dataPoints[0].value).toBe(1);
    expect(byName.get('otlpx.profiler.sampling.frequency')?.dataPoints[0].value).toBe(100);
    const droppedSamples = byName
      .get('otlpx.profiler.dropped')
      ?.dataPoints.find((p) => p.attributes.kind === 'samples');
    expect(droppedSamples?.value).toBeGreaterThan(0);
    expect(byName.get('otlpx.profiler.rotation.stall')?.dataPoints).toHaveLength(4);
    await profiler.stop();
    exporter.reset();
    await reader.forceFlush();
    // unregistered at stop: the SDK keeps the last observed value, which no longer follows stats()
    expect(profiler.stats().windows).toBe(2);
    const after = exporter
      .getMetrics()[0]
      .scopeMetrics[0].metrics.find((m) => m.descriptor.name === 'otlpx.profiler.windows');
    expect(after?.dataPoints[0].value).toBe(1);
    await provider.shutdown();
  });
});
