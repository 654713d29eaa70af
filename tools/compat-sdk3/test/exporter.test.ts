import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { FastSpanProcessor, OtlpTraceExporter } from '@otlpx/exporter-otlp';
import { decodeTraceRequest } from '@otlpx/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The OTel JS SDK 3.x line needs Node >= 22.15; CI runs this file in its Node 22 leg.
const [major, minor] = process.versions.node.split('.').map(Number);
const sdk3Runs = major > 22 || (major === 22 && minor >= 15);

describe.skipIf(!sdk3Runs)('@otlpx/exporter-otlp with OTel SDK 3.x', () => {
  let server: Server;
  let url = '';
  const received: string[][] = [];
  const resources: Record<string, unknown>[] = [];

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk);
      const body = Buffer.concat(chunks);
      const gzip = req.headers['content-encoding'] === 'gzip';
      const request = decodeTraceRequest(gzip ? gunzipSync(body) : body);
      received.push(
        request.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => s.name))),
      );
      for (const rs of request.resourceSpans) {
        resources.push(
          Object.fromEntries(
            rs.resource?.attributes.map((a) => [
              a.key,
              a.value && 'stringValue' in a.value ? a.value.stringValue : a.value,
            ]) ?? [],
          ),
        );
      }
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function exportThrough(
    processor: SpanProcessor,
    names: string[],
    resource?: Resource,
  ): Promise<string[]> {
    received.length = 0;
    resources.length = 0;
    const provider = new TracerProvider({ spanProcessors: [processor], resource });
    const tracer = provider.getTracer('compat', '3.0.0');
    for (const name of names) tracer.startSpan(name).end();
    await provider.forceFlush();
    await provider.shutdown();
    return received.flat();
  }

  it('FastSpanProcessor + OtlpTraceExporter deliver every SDK 3.x span', async () => {
    const names = Array.from({ length: 100 }, (_, i) => `fast ${i}`);
    const processor = new FastSpanProcessor(new OtlpTraceExporter({ url }), { scheduledDelayMillis: 50 });
    expect((await exportThrough(processor, names)).sort()).toEqual([...names].sort());
  });

  it("FastSpanProcessor waits for an SDK 3.x resource's async attributes, as BatchSpanProcessor", async () => {
    const resource = resourceFromAttributes({
      'service.name': 'compat',
      'host.id': new Promise<string>((resolve) => setTimeout(() => resolve('host-3'), 30)),
    });
    expect(resource.asyncAttributesPending).toBe(true);
    const processor = new FastSpanProcessor(new OtlpTraceExporter({ url }), { scheduledDelayMillis: 10 });
    expect(await exportThrough(processor, ['early'], resource)).toEqual(['early']);
    expect(resources).toEqual([{ 'service.name': 'compat', 'host.id': 'host-3' }]);
  });

  it('the SDK 3.x BatchSpanProcessor drives OtlpTraceExporter like the official exporter', async () => {
    const names = Array.from({ length: 50 }, (_, i) => `batch ${i}`);
    const processor = new BatchSpanProcessor({
      exporter: new OtlpTraceExporter({ url, compression: 'gzip' }),
      scheduledDelayMillis: 50,
    });
    expect((await exportThrough(processor, names)).sort()).toEqual([...names].sort());
  });
});
