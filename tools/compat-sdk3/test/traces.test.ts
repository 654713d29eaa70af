import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { decodeTraceRequest, encodeTraceRequest, encodeTraces } from '@otlpx/proto';
import { referenceDecodeCanonical } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';

// The OTel JS SDK 3.x line needs Node >= 22.15; CI runs this file in its Node 22 leg.
const [major, minor] = process.versions.node.split('.').map(Number);
const sdk3Runs = major > 22 || (major === 22 && minor >= 15);
if (!sdk3Runs) console.warn(`[skip] OTel SDK 3.x needs Node >= 22.15, this is ${process.version}`);

describe.skipIf(!sdk3Runs)('@otlpx/proto with OTel SDK 3.x', () => {
  it('encodes SDK 3.x spans exactly as the official 0.30x serializer decodes', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'compat', 'process.pid': 1 }),
      spanProcessors: [new SimpleSpanProcessor({ exporter })],
    });
    const tracer = provider.getTracer('compat-scope', '3.0.0');
    for (let i = 0; i < 20; i++) {
      const span = tracer.startSpan(`op ${i}`, {
        kind: i % 2 ? SpanKind.SERVER : SpanKind.CLIENT,
        attributes: { i, 'x.ratio': i / 3, tags: ['a', 'b'], ok: i % 3 === 0 },
      });
      span.addEvent('tick', { n: i });
      if (i % 5 === 0) span.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
      span.end();
    }
    const spans = exporter.getFinishedSpans();
    const ours = encodeTraces(spans);
    const official = ProtobufTraceSerializer.serializeRequest(spans);
    expect(official).toBeDefined();
    expect(referenceDecodeCanonical('traces', ours)).toEqual(
      referenceDecodeCanonical('traces', official as Uint8Array),
    );
    expect(encodeTraceRequest(decodeTraceRequest(ours))).toEqual(ours);
  });
});
