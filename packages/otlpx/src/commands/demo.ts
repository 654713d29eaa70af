import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { FastSpanProcessor, OtlpTraceExporter } from '@otlpx/exporter-otlp';
import { traceRequestToJson } from '@otlpx/proto';
import { startLoopbackReceiver } from '../demo/receiver.js';
import { runHttpWorkload } from '../demo/workload.js';

export interface DemoOptions {
  requests: number;
  /** Print one exported span as OTLP/JSON. */
  showJson: boolean;
  out: NodeJS.WritableStream;
}

export interface DemoResult {
  spansSent: number;
  spansReceived: number;
  byteExact: boolean;
}

const SPAN_KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];

/**
 * `otlpx demo`: a real HTTP service, traced with the OTel SDK, exported by @otlpx/exporter-otlp
 * (FastSpanProcessor + OtlpTraceExporter, OTLP/protobuf, gzip) to a receiver on 127.0.0.1 that
 * decodes every request with @otlpx/proto and checks that re-encoding it gives back the same bytes.
 */
export async function runDemo({ requests, showJson, out }: DemoOptions): Promise<DemoResult> {
  const say = (line: string) => out.write(`${line}\n`);
  say('otlpx demo: a traced HTTP service exporting OTLP to a local receiver\n');
  const receiver = await startLoopbackReceiver();
  say(`  receiver     listening on ${receiver.url}`);

  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  const exporter = new OtlpTraceExporter({ url: receiver.url, compression: 'gzip' });
  const processor = new FastSpanProcessor(exporter, { maxExportBatchSize: 512, scheduledDelayMillis: 200 });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'otlpx-demo', 'service.version': '1.0.0' }),
    spanProcessors: [processor],
  });
  const tracer = provider.getTracer('otlpx-demo', '1.0.0');

  try {
    const started = performance.now();
    const work = await runHttpWorkload(tracer, requests);
    say(
      `  workload     ${work.requests} HTTP requests in ${(performance.now() - started).toFixed(0)} ms (${work.failures} answered 503)`,
    );
    await provider.forceFlush();
    const stats = processor.stats();
    const wireBytes = receiver.received.reduce((sum, r) => sum + r.bytes, 0);
    say(
      `  exporter     ${stats.spansExported} spans in ${receiver.received.length} gzip exports, ${(wireBytes / 1024).toFixed(1)} KiB on the wire (${(wireBytes / Math.max(1, stats.spansExported)).toFixed(0)} B/span), ${stats.spansDropped} dropped, ${stats.retries} retried`,
    );

    const kinds = new Map<string, number>();
    let received = 0;
    let errors = 0;
    for (const { request } of receiver.received) {
      for (const rs of request.resourceSpans) {
        for (const ss of rs.scopeSpans) {
          for (const span of ss.spans) {
            received++;
            const kind = SPAN_KINDS[span.kind] ?? String(span.kind);
            kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
            if (span.status?.code === 2) errors++;
          }
        }
      }
    }
    const byKind = [...kinds].map(([k, n]) => `${n} ${k}`).join(', ');
    say(`  receiver     decoded ${received} spans (${byKind}), ${errors} with status ERROR`);
    const byteExact = receiver.received.every((r) => r.byteExact !== false);
    say(
      `  round trip   re-encoding every decoded request ${byteExact ? 'gave back the same bytes' : 'DIFFERED'}`,
    );

    if (showJson && receiver.received.length > 0) {
      const first = receiver.received[0].request;
      const sample = {
        resourceSpans: first.resourceSpans.slice(0, 1).map((rs) => ({
          ...rs,
          scopeSpans: rs.scopeSpans.slice(0, 1).map((ss) => ({ ...ss, spans: ss.spans.slice(0, 1) })),
        })),
      };
      say('\n  one span as OTLP/JSON:');
      say(JSON.stringify(JSON.parse(traceRequestToJson(sample)), null, 2).replace(/^/gm, '    '));
    }
    return { spansSent: stats.spansExported, spansReceived: received, byteExact };
  } finally {
    await provider.shutdown();
    contextManager.disable();
    context.disable();
    await receiver.close();
  }
}
