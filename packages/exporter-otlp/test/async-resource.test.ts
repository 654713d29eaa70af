// Resources whose detectors are still running when spans end (hostDetector's `host.id`, cloud
// detectors): the SDK's BatchSpanProcessor waits for their attributes before exporting, and so
// must FastSpanProcessor, or every batch goes out without them.
import { SpanKind } from '@opentelemetry/api';
import { detectResources, hostDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { referenceDecode } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';
import { FastSpanProcessor } from '../src/fast-span-processor.js';
import { OtlpTraceExporter } from '../src/otlp-trace-exporter.js';
import { useReceiver } from './support/use-receiver.js';

const h = useReceiver();

type Decoded = {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: { name: string }[] }[];
  }[];
};

/** Resource attributes and span names of a request the receiver got. */
function contents(body: Uint8Array) {
  const d = referenceDecode('traces', body) as Decoded;
  return d.resourceSpans.map((rs) => ({
    resource: Object.fromEntries(rs.resource.attributes.map((a) => [a.key, a.value.stringValue])),
    spans: rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => s.name)),
  }));
}

function later<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

function pipeline(resource: ReturnType<typeof resourceFromAttributes>, timeoutMillis = 10_000) {
  const exporter = new OtlpTraceExporter({ url: h.receiver.url(), retry: false, timeoutMillis });
  const provider = new BasicTracerProvider({
    resource,
    spanProcessors: [
      new FastSpanProcessor(exporter, { scheduledDelayMillis: 60_000, maxExportBatchSize: 4 }),
    ],
  });
  const tracer = provider.getTracer('async-resource');
  return { provider, end: (name: string) => tracer.startSpan(name, { kind: SpanKind.SERVER }).end() };
}

describe('FastSpanProcessor with a resource whose attributes are still being detected', () => {
  it('waits for them before the export, so every batch carries them', async () => {
    const resource = resourceFromAttributes({ 'service.name': 'svc', 'host.id': later(80, 'host-1') });
    expect(resource.asyncAttributesPending).toBe(true);
    const { provider, end } = pipeline(resource);
    for (let i = 0; i < 6; i++) end(`s${i}`); // a full batch of 4 right away, then 2 at shutdown
    await provider.shutdown();
    expect(h.receiver.requests.map((r) => contents(r.body))).toEqual([
      [{ resource: { 'service.name': 'svc', 'host.id': 'host-1' }, spans: ['s0', 's1', 's2', 's3'] }],
      [{ resource: { 'service.name': 'svc', 'host.id': 'host-1' }, spans: ['s4', 's5'] }],
    ]);
    // The SDK reports reads of a pending resource's attributes: there were none.
    expect(h.diag.lines.filter((l) => l.includes('before async attributes settled'))).toEqual([]);
  });

  it("gets hostDetector's host.id, as the SDK's BatchSpanProcessor does", async () => {
    const resource = detectResources({ detectors: [hostDetector] });
    const { provider, end } = pipeline(resource);
    end('s0');
    await provider.shutdown();
    const [{ resource: sent }] = contents(h.receiver.requests[0].body);
    await resource.waitForAsyncAttributes?.();
    expect(sent).toEqual(
      Object.fromEntries(Object.entries(resource.attributes).map(([k, v]) => [k, String(v)])),
    );
  });

  it('sends without them, reported, when they do not settle within half the export time', async () => {
    const resource = resourceFromAttributes({
      'service.name': 'svc',
      'host.id': new Promise<string>(() => {}),
    });
    const { provider, end } = pipeline(resource, 400);
    end('s0');
    const started = Date.now();
    await provider.forceFlush();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(h.receiver.requests.map((r) => contents(r.body))).toEqual([
      [{ resource: { 'service.name': 'svc' }, spans: ['s0'] }],
    ]);
    expect(h.diag.withCode('OTLPX_ERR_EXPORT_RESOURCE')).toHaveLength(1);
    void provider.shutdown();
  });
});
