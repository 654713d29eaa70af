import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { encodeTraces } from '@otlpx/proto';
import { makeHttpServerSpans, referenceDecode } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';
import type { Compression, Protocol } from '../src/config.js';
import { OtlpTraceExporter } from '../src/otlp-trace-exporter.js';
import { useReceiver } from './support/use-receiver.js';

const h = useReceiver();

describe('OtlpTraceExporter', () => {
  const variants: [Protocol, Compression][] = [
    ['http/protobuf', 'none'],
    ['http/protobuf', 'gzip'],
    ['http/json', 'none'],
    ['http/json', 'gzip'],
  ];

  it.each(variants)('exports SDK spans over %s with compression %s', async (protocol, compression) => {
    const spans = makeHttpServerSpans({ count: 20, seed: 7 });
    const exporter = new OtlpTraceExporter({
      url: h.receiver.url(),
      protocol,
      compression,
      headers: { 'x-tenant': 't1' },
    });
    const result = await new Promise((resolve) => exporter.export(spans, resolve));
    expect(result).toEqual({ code: 0 });
    const [req] = h.receiver.requests;
    expect(req.headers['x-tenant']).toBe('t1');
    expect(req.headers['content-type']).toBe(
      protocol === 'http/json' ? 'application/json' : 'application/x-protobuf',
    );
    const expected = referenceDecode('traces', encodeTraces(spans));
    if (protocol === 'http/protobuf') {
      expect(referenceDecode('traces', req.body)).toEqual(expected);
    } else {
      const json = JSON.parse(req.body.toString('utf8')) as {
        resourceSpans: { scopeSpans: { spans: { traceId: string; name: string }[] }[] }[];
      };
      const got = json.resourceSpans[0].scopeSpans[0].spans;
      expect(got.map((s) => s.name)).toEqual(spans.map((s) => s.name));
      expect(got[0].traceId).toBe(spans[0].spanContext().traceId);
    }
    expect(exporter.stats()).toMatchObject({ exportsSucceeded: 1, itemsExported: 20 });
    await exporter.shutdown();
  });

  it('works behind the SDK BatchSpanProcessor', async () => {
    const exporter = new OtlpTraceExporter({ url: h.receiver.url() });
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'bsp' }),
      spanProcessors: [new BatchSpanProcessor(exporter)],
    });
    const tracer = provider.getTracer('t');
    for (let i = 0; i < 5; i++) tracer.startSpan(`op${i}`).end();
    await provider.shutdown();
    const d = referenceDecode('traces', h.receiver.requests[0].body) as {
      resourceSpans: { scopeSpans: { spans: { name: string }[] }[] }[];
    };
    expect(d.resourceSpans[0].scopeSpans[0].spans.map((s) => s.name)).toEqual([
      'op0',
      'op1',
      'op2',
      'op3',
      'op4',
    ]);
  });

  it('uses OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as-is and the generic endpoint with /v1/traces', async () => {
    const { vi } = await import('vitest');
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', `http://127.0.0.1:${h.receiver.port}/base`);
    const generic = new OtlpTraceExporter();
    expect(generic.config.url).toBe(`http://127.0.0.1:${h.receiver.port}/base/v1/traces`);
    vi.stubEnv('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', `http://127.0.0.1:${h.receiver.port}/custom`);
    const specific = new OtlpTraceExporter();
    await new Promise((resolve) => specific.export(makeHttpServerSpans({ count: 1, seed: 1 }), resolve));
    expect(h.receiver.requests[0].path).toBe('/custom');
    vi.unstubAllEnvs();
    await generic.shutdown();
    await specific.shutdown();
  });

  it('fails with OTLPX_ERR_EXPORT_ENCODE for spans it cannot encode, without a request', async () => {
    const exporter = new OtlpTraceExporter({ url: h.receiver.url() });
    const result = await new Promise<{ code: number; error?: Error }>((resolve) =>
      exporter.export([{ bogus: true } as never], resolve),
    );
    expect(result.code).toBe(1);
    expect(result.error).toMatchObject({ code: 'OTLPX_ERR_EXPORT_ENCODE' });
    expect(h.receiver.requests).toHaveLength(0);
    await exporter.shutdown();
  });
});
