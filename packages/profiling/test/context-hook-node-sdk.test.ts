import { context, trace } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CpuProfiler } from '../src/index.js';
import { makeBurner } from './fixtures/burn.js';
import { linkedShare, request } from './fixtures/requests.js';

const API_KEY = Symbol.for('opentelemetry.js.api.1');

/** A NodeSDK as an app would start it, exporting to memory (no network, no env exporters). */
function startSdk(exporter: InMemorySpanExporter): NodeSDK {
  const sdk = new NodeSDK({
    autoDetectResources: false,
    instrumentations: [],
    // sdk-node 0.223.0 pins its own sdk-trace-base 2.12.0; the processor's shape is the same
    spanProcessors: [new SimpleSpanProcessor(exporter) as never],
  });
  sdk.start();
  return sdk;
}

async function twoRequests(tag: string) {
  const tracer = trace.getTracer('test');
  const [a, b] = await Promise.all([
    request(tracer, `req-a-${tag}`, makeBurner(`sdkA_${tag}`)),
    request(tracer, `req-b-${tag}`, makeBurner(`sdkB_${tag}`)),
  ]);
  return { a, b, fnA: `sdkA_${tag}`, fnB: `sdkB_${tag}` };
}

function expectLinked(
  profile: ReturnType<CpuProfiler['stop']>,
  r: Awaited<ReturnType<typeof twoRequests>>,
  exporter: InMemorySpanExporter,
) {
  for (const [fn, span] of [
    [r.fnA, r.a],
    [r.fnB, r.b],
  ]) {
    const { share, samples } = linkedShare(profile, fn, span);
    expect(samples, fn).toBeGreaterThan(10);
    expect(share, fn).toBeGreaterThanOrEqual(0.95);
  }
  // the linked spans are the ones the SDK exported
  const exported = new Set(exporter.getFinishedSpans().map((s) => s.spanContext().spanId));
  expect(exported.has(r.a) && exported.has(r.b)).toBe(true);
}

describe('trace correlation with the OTel NodeSDK (@opentelemetry/sdk-node)', () => {
  beforeEach(() => {
    for (const signal of ['TRACES', 'METRICS', 'LOGS']) vi.stubEnv(`OTEL_${signal}_EXPORTER`, 'none');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    trace.disable();
    context.disable();
  });

  it('profiler started first (no API registry yet), NodeSDK started after', async () => {
    expect((globalThis as Record<symbol, unknown>)[API_KEY]).toBeUndefined();
    const profiler = new CpuProfiler({ frequency: 1000 });
    profiler.start();
    const exporter = new InMemorySpanExporter();
    const sdk = startSdk(exporter);
    try {
      const r = await twoRequests('late');
      const profile = profiler.stop();
      expectLinked(profile, r, exporter);
      expect(profile.dropped.links).toBe(0);
    } finally {
      profiler.dispose();
      await sdk.shutdown();
    }
  });

  it('NodeSDK started first, profiler started after, across a window rotation', async () => {
    const exporter = new InMemorySpanExporter();
    const sdk = startSdk(exporter);
    const profiler = new CpuProfiler({ frequency: 1000 });
    try {
      profiler.start();
      const first = await twoRequests('early');
      expectLinked(profiler.collect(), first, exporter);
      const second = await twoRequests('early2');
      expectLinked(profiler.stop(), second, exporter);
    } finally {
      profiler.dispose();
      await sdk.shutdown();
    }
  });
});
