import v8 from 'node:v8';
import vm from 'node:vm';
import { DiagLogLevel, diag, SpanKind } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, type Sampler, SamplingDecision } from '@opentelemetry/sdk-trace-base';
import { traceRequestFromJson } from '@otlpx/proto';
import { referenceDecode } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';
import { OtlpxConfigError } from '../src/errors.js';
import { FastSpanProcessor } from '../src/fast-span-processor.js';
import { OtlpTraceExporter } from '../src/otlp-trace-exporter.js';
import type { FastSpanProcessorOptions } from '../src/processor-config.js';
import { hang, reply } from './support/receiver.js';
import { useReceiver } from './support/use-receiver.js';

const h = useReceiver();

type Decoded = {
  resourceSpans: { scopeSpans: { scope: { name: string }; spans: { name: string; kind: number }[] }[] }[];
};
function spanNames(body: Uint8Array): string[] {
  const d = referenceDecode('traces', body) as Decoded;
  return d.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => s.name)));
}

function setup(options: FastSpanProcessorOptions = {}, sampler?: Sampler, exporterOptions = {}) {
  const exporter = new OtlpTraceExporter({ url: h.receiver.url(), retry: false, ...exporterOptions });
  const processor = new FastSpanProcessor(exporter, { scheduledDelayMillis: 60_000, ...options });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'fsp' }),
    spanProcessors: [processor],
    sampler,
  });
  const tracer = provider.getTracer('fsp-test', '1.0.0');
  const end = (name: string) => tracer.startSpan(name, { kind: SpanKind.SERVER }).end();
  return { exporter, processor, provider, end, tracer };
}

describe('FastSpanProcessor', () => {
  it('sends a full batch as soon as it has maxExportBatchSize spans', async () => {
    const { processor, end, provider } = setup({ maxExportBatchSize: 3 });
    for (let i = 0; i < 7; i++) end(`s${i}`);
    await h.receiver.waitFor(2);
    expect(h.receiver.requests.map((r) => spanNames(r.body))).toEqual([
      ['s0', 's1', 's2'],
      ['s3', 's4', 's5'],
    ]);
    expect(processor.stats().spansQueued).toBe(7);
    expect(processor.stats().queueLength).toBeGreaterThanOrEqual(1); // s6, plus batches whose answer is on its way
    await provider.shutdown();
    expect(spanNames(h.receiver.requests[2].body)).toEqual(['s6']);
    expect(processor.stats()).toMatchObject({
      spansExported: 7,
      spansDropped: 0,
      queueLength: 0,
      queueBytes: 0,
    });
  });

  it('sends a partial batch after scheduledDelayMillis', async () => {
    const { end, provider } = setup({ scheduledDelayMillis: 20 });
    end('lonely');
    await h.receiver.waitFor(1);
    expect(spanNames(h.receiver.requests[0].body)).toEqual(['lonely']);
    await provider.shutdown();
  });

  it('encodes what the SDK span holds: resource, scope, kind', async () => {
    const { end, provider } = setup();
    end('checkout');
    await provider.forceFlush();
    const d = referenceDecode('traces', h.receiver.requests[0].body) as Decoded & {
      resourceSpans: { resource: { attributes: { key: string }[] } }[];
    };
    expect(d.resourceSpans[0].resource.attributes.map((a) => a.key)).toContain('service.name');
    expect(d.resourceSpans[0].scopeSpans[0].scope.name).toBe('fsp-test');
    expect(d.resourceSpans[0].scopeSpans[0].spans[0].kind).toBe(2);
    await provider.shutdown();
  });

  it('forceFlush sends what ended before it and resolves after delivery', async () => {
    const { end, processor, provider } = setup();
    end('a');
    end('b');
    await processor.forceFlush();
    expect(h.receiver.requests).toHaveLength(1);
    expect(processor.stats().spansExported).toBe(2);
    await processor.forceFlush(); // nothing pending: resolves at once
    expect(h.receiver.requests).toHaveLength(1);
    await provider.shutdown();
  });

  it('drops and counts spans beyond maxQueueSize while exports are stuck, reporting once', async () => {
    h.receiver.otherwise(hang());
    const { end, processor, exporter } = setup(
      { maxQueueSize: 6, maxExportBatchSize: 2, maxConcurrentExports: 1 },
      undefined,
      { timeoutMillis: 300 },
    );
    for (let i = 0; i < 10; i++) end(`s${i}`);
    expect(processor.stats()).toMatchObject({ spansQueued: 6, spansDropped: 4, queueLength: 6 });
    expect(h.diag.withCode('OTLPX_ERR_QUEUE_FULL')).toHaveLength(1);
    await expect(processor.forceFlush()).rejects.toMatchObject({ code: 'OTLPX_ERR_EXPORT_TIMEOUT' });
    expect(processor.stats()).toMatchObject({ spansFailed: 6, queueLength: 0 });
    await exporter.shutdown();
  });

  it('keeps at most maxConcurrentExports exports in flight', async () => {
    h.receiver.otherwise(hang());
    const { end, processor, exporter } = setup(
      { maxExportBatchSize: 1, maxConcurrentExports: 2 },
      undefined,
      {
        timeoutMillis: 300,
      },
    );
    for (let i = 0; i < 5; i++) end(`s${i}`);
    await h.receiver.waitFor(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(h.receiver.requests).toHaveLength(2);
    await expect(processor.forceFlush()).rejects.toMatchObject({ code: 'OTLPX_ERR_EXPORT_TIMEOUT' });
    expect(h.receiver.requests).toHaveLength(5);
    await exporter.shutdown();
  });

  it('counts failed exports; forceFlush and shutdown reject with the export error, as BatchSpanProcessor', async () => {
    h.receiver.otherwise(reply(400));
    const { end, processor, provider, exporter } = setup();
    end('x');
    const flushed = processor.forceFlush();
    await expect(flushed).rejects.toMatchObject({ code: 'OTLPX_ERR_EXPORT_HTTP', statusCode: 400 });
    expect(processor.stats()).toMatchObject({ spansFailed: 1, spansExported: 0 });
    await expect(processor.forceFlush()).resolves.toBeUndefined(); // nothing new to send
    end('y');
    await expect(provider.shutdown()).rejects.toMatchObject({ code: 'OTLPX_ERR_EXPORT_HTTP' });
    // The exporter was shut down all the same.
    expect(await new Promise((resolve) => exporter.export([], resolve))).toMatchObject({
      code: 1,
      error: { code: 'OTLPX_ERR_EXPORT_SHUTDOWN' },
    });
  });

  it('ignores spans that are recorded but not sampled', async () => {
    const recordOnly: Sampler = {
      shouldSample: () => ({ decision: SamplingDecision.RECORD }),
      toString: () => 'record',
    };
    const { end, processor, provider } = setup({}, recordOnly);
    end('not-sampled');
    await processor.forceFlush();
    expect(h.receiver.requests).toHaveLength(0);
    expect(processor.stats().spansQueued).toBe(0);
    await provider.shutdown();
  });

  it('shutdown flushes, shuts the exporter down, is idempotent, and drops later spans', async () => {
    const { end, processor, exporter } = setup();
    end('before');
    const first = processor.shutdown();
    expect(processor.shutdown()).toBe(first);
    await first;
    expect(spanNames(h.receiver.requests[0].body)).toEqual(['before']);
    processor.onEnd({ spanContext: () => ({ traceFlags: 1 }) } as never);
    expect(processor.stats().spansDropped).toBe(1);
    expect((await exporter.exportEncoded(new Uint8Array(0), 0))?.code).toBe('OTLPX_ERR_EXPORT_SHUTDOWN');
  });

  it('drops and counts a span that cannot be encoded, keeping the rest of its chunk', async () => {
    const { processor, provider, end } = setup();
    end('good-1');
    processor.onEnd({ name: 'broken', spanContext: () => ({ traceFlags: 1 }) } as never);
    end('good-2');
    await processor.forceFlush();
    expect(processor.stats()).toMatchObject({
      spansDropped: 1,
      spansQueued: 2,
      spansExported: 2,
      queueLength: 0,
    });
    expect(h.diag.withCode('OTLPX_ERR_EXPORT_ENCODE')[0]).toContain('"broken"');
    expect(spanNames(h.receiver.requests[0].body)).toEqual(['good-1', 'good-2']);
    await provider.shutdown();
  });

  describe('writing spans as they end', () => {
    const T0 = 1_795_000_000_000; // ms since the epoch
    /** Ends a span at `atMs` after T0: spans 5 µs apart end in a burst, 1 ms apart alone. */
    function endAt(tracer: ReturnType<typeof setup>['tracer'], name: string, atMs: number) {
      tracer.startSpan(name, { startTime: T0 }).end(T0 + atMs);
    }

    it('writes a span that ends alone at once', async () => {
      const { processor, provider, tracer } = setup();
      endAt(tracer, 'a', 0);
      const one = processor.stats().queueBytes;
      expect(one).toBeGreaterThan(0);
      endAt(tracer, 'b', 1);
      expect(processor.stats().queueBytes).toBeGreaterThan(one);
      await provider.shutdown();
      expect(spanNames(h.receiver.requests[0].body)).toEqual(['a', 'b']);
    });

    it('writes the spans of a burst together, encodeChunkSize at most, before the task ends', async () => {
      const { processor, provider, tracer } = setup({ encodeChunkSize: 2 });
      endAt(tracer, 'a', 0); // alone so far: written at once
      const written = () => processor.stats().queueBytes;
      const afterA = written();
      expect(afterA).toBeGreaterThan(0);
      endAt(tracer, 'b', 0.005); // 5 µs later: a burst, so it waits for more
      expect(written()).toBe(afterA);
      endAt(tracer, 'c', 0.01); // the chunk of 2 is full: written
      const afterC = written();
      expect(afterC).toBeGreaterThan(afterA);
      endAt(tracer, 'd', 0.015);
      expect(written()).toBe(afterC);
      expect(processor.stats()).toMatchObject({ spansQueued: 4, queueLength: 4 });
      await Promise.resolve(); // the task's microtasks: the last, partial chunk is written
      expect(written()).toBeGreaterThan(afterC);
      await provider.shutdown();
      expect(spanNames(h.receiver.requests[0].body)).toEqual(['a', 'b', 'c', 'd']);
    });

    it('flushes a waiting chunk before a batch is sealed', async () => {
      const { provider, tracer } = setup({ maxExportBatchSize: 3 });
      for (let i = 0; i < 4; i++) endAt(tracer, `s${i}`, i * 0.005);
      await h.receiver.waitFor(1);
      expect(spanNames(h.receiver.requests[0].body)).toEqual(['s0', 's1', 's2']);
      await provider.shutdown();
      expect(spanNames(h.receiver.requests[1].body)).toEqual(['s3']);
    });

    it('drops a span of a burst that cannot be written, even when the diag logger throws', async () => {
      const { processor, provider, tracer } = setup();
      const broke = () => {
        throw new Error('the logger broke');
      };
      diag.setLogger(
        { error: broke, warn: broke, info: () => {}, debug: () => {}, verbose: () => {} }, // the API logs at debug
        { logLevel: DiagLogLevel.ALL, suppressOverrideMessage: true },
      );
      endAt(tracer, 'a', 0);
      // Ends 5 µs after 'a', so it waits in the chunk; writing it throws in the microtask.
      const broken = { name: 'broken', endTime: [T0 / 1000, 5000], spanContext: () => ({ traceFlags: 1 }) };
      processor.onEnd(broken as never);
      endAt(tracer, 'c', 0.01);
      await new Promise((resolve) => setImmediate(resolve)); // an unhandled rejection fails the test
      h.diag.install();
      expect(processor.stats()).toMatchObject({ spansQueued: 2, spansDropped: 1, queueLength: 2 });
      await provider.shutdown();
      expect(spanNames(h.receiver.requests[0].body)).toEqual(['a', 'c']);
    });

    it('writes each span as it ends with encodeChunkSize 1, bursts too', async () => {
      const { processor, provider, tracer } = setup({ encodeChunkSize: 1 });
      endAt(tracer, 'a', 0);
      const afterA = processor.stats().queueBytes;
      endAt(tracer, 'b', 0.005);
      expect(processor.stats().queueBytes).toBeGreaterThan(afterA);
      await provider.shutdown();
    });
  });

  it('keeps no ended span alive once it is written (bounded memory)', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    h.receiver.otherwise(hang());
    const { processor, tracer, exporter } = setup(
      { maxExportBatchSize: 1000, maxQueueSize: 2000 },
      undefined,
      {
        timeoutMillis: 200,
      },
    );
    const refs: WeakRef<object>[] = [];
    for (let i = 0; i < 100; i++) {
      const span = tracer.startSpan(`s${i}`);
      span.end();
      refs.push(new WeakRef(span));
    }
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((r) => setImmediate(r));
    }
    const alive = refs.filter((r) => r.deref() !== undefined).length;
    // The spans are written into the batch by the end of the task they ended in (16 at a time)
    // and let go; the last one created may still be reachable from a stale local of the loop.
    expect(alive).toBeLessThanOrEqual(1);
    expect(processor.stats()).toMatchObject({ spansQueued: 100, queueLength: 100 });
    await expect(processor.forceFlush()).rejects.toMatchObject({ code: 'OTLPX_ERR_EXPORT_TIMEOUT' });
    await exporter.shutdown();
  });

  it.each(['none', 'gzip'] as const)(
    'never hands out a batch buffer still in flight or under retry (compression %s)',
    async (compression) => {
      // Three batches at once; each first attempt is answered 503, so every buffer is held
      // across a retry while the producer fills new batches from the pool.
      h.receiver.respond(reply(503), reply(503), reply(503));
      const { processor, provider, end } = setup({ maxExportBatchSize: 40 }, undefined, {
        compression,
        retry: { maxAttempts: 3, initialBackoffMillis: 20, maxBackoffMillis: 20 },
      });
      const names = Array.from({ length: 200 }, (_, i) => `span-${i}`);
      for (const name of names) end(name);
      await processor.forceFlush();
      expect(processor.stats()).toMatchObject({ spansExported: 200, spansFailed: 0, retries: 3 });
      const bodies = h.receiver.requests.map((r) => spanNames(r.body));
      // Each retry carries exactly the batch its first attempt did.
      for (const first of bodies.slice(0, 3))
        expect(bodies.slice(3).filter((b) => b[0] === first[0])).toEqual([first]);
      expect(bodies.slice(3).flat().sort()).toEqual([...names].sort());
      await provider.shutdown();
    },
  );

  it('needs an OtlpTraceExporter', () => {
    expect(() => new FastSpanProcessor({} as never)).toThrow(OtlpxConfigError);
  });

  it('works with an http/json exporter (the batch is transcoded to OTLP/JSON)', async () => {
    const { end, provider } = setup({}, undefined, { protocol: 'http/json' });
    end('as-json');
    await provider.shutdown();
    const [req] = h.receiver.requests;
    expect(req.headers['content-type']).toBe('application/json');
    const json = traceRequestFromJson(req.body.toString('utf8'));
    expect(json.resourceSpans[0].scopeSpans[0].spans.map((s) => s.name)).toEqual(['as-json']);
  });
});
