import { context, diag, propagation, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startLoopbackReceiver } from '../src/demo/receiver.js';
import { settlingOtlpResource, toOtlpResource } from '../src/otlp-resource.js';
import { start } from '../src/start.js';
import { resolveStart } from '../src/start-config.js';

afterEach(() => {
  trace.disable();
  context.disable();
  propagation.disable();
  vi.restoreAllMocks();
});

describe('resolveStart', () => {
  it('turns everything on by default', () => {
    expect(resolveStart({}, {})).toEqual({ disabled: false, traces: {}, profiling: {}, propagators: true });
  });

  it('reads OTEL_SDK_DISABLED, OTEL_TRACES_EXPORTER=none and OTLPX_PROFILING', () => {
    expect(resolveStart({}, { OTEL_SDK_DISABLED: ' TRUE ' }).disabled).toBe(true);
    expect(resolveStart({}, { OTEL_SDK_DISABLED: 'false' }).disabled).toBe(false);
    expect(resolveStart({}, { OTEL_TRACES_EXPORTER: 'none' }).traces).toBe(false);
    expect(resolveStart({}, { OTEL_TRACES_EXPORTER: ' none , NONE' }).traces).toBe(false);
    // Another exporter next to none: traces stay on (otlp is what start() exports).
    expect(resolveStart({}, { OTEL_TRACES_EXPORTER: 'otlp,none' }).traces).toEqual({});
    expect(resolveStart({}, { OTEL_TRACES_EXPORTER: '' }).traces).toEqual({});
    for (const off of ['false', '0', 'off', 'No']) {
      expect(resolveStart({}, { OTLPX_PROFILING: off }).profiling).toBe(false);
    }
    expect(resolveStart({}, { OTLPX_PROFILING: 'true' }).profiling).toEqual({});
  });

  it('lets options win over the environment', () => {
    const env = { OTEL_TRACES_EXPORTER: 'none', OTLPX_PROFILING: 'off' };
    const r = resolveStart({ traces: { maxExportBatchSize: 64 }, profiling: { windowMillis: 5000 } }, env);
    expect(r.traces).toEqual({ maxExportBatchSize: 64 });
    expect(r.profiling).toEqual({ windowMillis: 5000 });
    expect(resolveStart({ traces: false, profiling: false, propagators: false }, {})).toMatchObject({
      traces: false,
      profiling: false,
      propagators: false,
    });
  });
});

describe('toOtlpResource', () => {
  it('maps SDK attribute values like the OTLP transformer, nulls to the empty value', () => {
    const sdk = resourceFromAttributes({
      'service.name': 'checkout',
      'process.pid': 42,
      ratio: 0.5,
      ok: true,
      tags: ['a', null as unknown as string, 'b'],
    });
    const r = toOtlpResource(sdk);
    expect(r.attributes).toEqual([
      { key: 'service.name', value: { stringValue: 'checkout' } },
      { key: 'process.pid', value: { intValue: 42n } },
      { key: 'ratio', value: { doubleValue: 0.5 } },
      { key: 'ok', value: { boolValue: true } },
      { key: 'tags', value: { arrayValue: { values: [{ stringValue: 'a' }, {}, { stringValue: 'b' }] } } },
    ]);
  });
});

describe('settlingOtlpResource', () => {
  it('gives the attributes known so far while a detector runs, then all of them, never reading early', async () => {
    const errors: string[] = [];
    diag.setLogger({ error: (m: string) => errors.push(m), warn() {}, info() {}, debug() {}, verbose() {} });
    try {
      let give: (id: string) => void = () => {};
      const sdk = resourceFromAttributes({
        'service.name': 'checkout',
        'host.id': new Promise<string>((resolve) => {
          give = resolve;
        }),
      });
      const resource = settlingOtlpResource(sdk);
      expect(resource().attributes).toEqual([{ key: 'service.name', value: { stringValue: 'checkout' } }]);
      give('host-7');
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(resource().attributes).toEqual([
        { key: 'service.name', value: { stringValue: 'checkout' } },
        { key: 'host.id', value: { stringValue: 'host-7' } },
      ]);
      expect(errors).toEqual([]); // the SDK's "Accessing resource attributes before async attributes settled"
    } finally {
      diag.disable();
    }
  });
});

describe('start()', () => {
  it('traces and profiles to an OTLP endpoint, then unregisters what it registered', async () => {
    const receiver = await startLoopbackReceiver();
    try {
      const otel = start({
        serviceName: 'checkout',
        resourceAttributes: { 'deployment.environment.name': 'test' },
        endpoint: receiver.endpoint,
        traces: { scheduledDelayMillis: 50 },
        profiling: { windowMillis: 60_000, heap: false },
      });
      expect(otel.tracerProvider).toBeDefined();
      expect(otel.profiler).toBeDefined();
      expect(otel.resource.attributes['service.name']).toBe('checkout');
      expect(otel.resource.attributes['process.pid']).toBe(process.pid);
      const tracer = trace.getTracer('test');
      await tracer.startActiveSpan('checkout', async (span) => {
        // The context manager start() registered carries the span across an await.
        await new Promise((r) => setTimeout(r, 5));
        expect(trace.getActiveSpan()).toBe(span);
        span.end();
      });
      // W3C propagators are registered.
      const carrier: Record<string, string> = {};
      tracer.startActiveSpan('outgoing', (span) => {
        propagation.inject(context.active(), carrier);
        span.end();
      });
      expect(carrier.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

      await otel.shutdown();
      await otel.shutdown(); // idempotent
      const spans = receiver.received.flatMap((r) => r.request.resourceSpans);
      expect(
        spans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => s.name))).sort(),
      ).toEqual(['checkout', 'outgoing']);
      const serviceName = spans[0].resource?.attributes.find((a) => a.key === 'service.name')?.value;
      expect(serviceName).toEqual({ stringValue: 'checkout' });
      // The profiler's last window, with the same resource.
      expect(receiver.profiles).toHaveLength(1);
      expect(receiver.profiles[0].violations).toEqual([]);
      const profileResource = receiver.profiles[0].request.resourceProfiles[0].resource?.attributes;
      expect(profileResource?.find((a) => a.key === 'deployment.environment.name')?.value).toEqual({
        stringValue: 'test',
      });
      // Globals are gone again.
      expect(trace.getTracer('x').startSpan('y').spanContext().traceId).toBe('0'.repeat(32));
    } finally {
      await receiver.close();
    }
  });

  it('leaves traces to a tracer provider registered before it, and still profiles', async () => {
    const own = new BasicTracerProvider();
    trace.setGlobalTracerProvider(own);
    const warn = vi.spyOn(diag, 'warn');
    const otel = start(
      { endpoint: 'http://127.0.0.1:9', exporter: { retry: false }, profiling: { heap: false } },
      {},
    );
    expect(otel.tracerProvider).toBeUndefined();
    expect(otel.spanProcessor).toBeUndefined();
    expect(otel.profiler).toBeDefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('registered already'));
    await otel.profiler?.stop();
    await otel.shutdown();
  });

  it('starts nothing with OTEL_SDK_DISABLED=true, and nothing throws', async () => {
    const otel = start({ serviceName: 'off' }, { OTEL_SDK_DISABLED: 'true' });
    expect(otel.tracerProvider).toBeUndefined();
    expect(otel.profiler).toBeUndefined();
    await expect(otel.forceFlush()).resolves.toBeUndefined();
    await expect(otel.shutdown()).resolves.toBeUndefined();
  });

  it('takes an endpoint that is not a URL without throwing, and says why through diag', async () => {
    const error = vi.spyOn(diag, 'error');
    const otel = start({ endpoint: 'not a url', profiling: { heap: false } }, {});
    expect(otel.tracerProvider).toBeUndefined();
    expect(otel.profiler).toBeUndefined();
    expect(error).toHaveBeenCalledWith('otlpx: traces not started', expect.any(TypeError));
    expect(error).toHaveBeenCalledWith('otlpx: profiling not started', expect.any(TypeError));
    await otel.shutdown();
  });

  it('reports a component that cannot start through diag and starts the rest', async () => {
    const error = vi.spyOn(diag, 'error');
    // An invalid profiling option: the profiler refuses it, traces still start.
    const otel = start(
      { endpoint: 'http://127.0.0.1:9', exporter: { retry: false }, profiling: { windowMillis: -1 } },
      {},
    );
    expect(otel.profiler).toBeUndefined();
    expect(otel.tracerProvider).toBeDefined();
    expect(error).toHaveBeenCalledWith('otlpx: profiling not started', expect.anything());
    await otel.shutdown();
  });
});
