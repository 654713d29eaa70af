import { trace } from '@opentelemetry/api';
import { traceRequestToJson } from '@otlpx/proto';
import { summarizeProfiles } from '../demo/profile-summary.js';
import { startLoopbackReceiver } from '../demo/receiver.js';
import { runHttpWorkload } from '../demo/workload.js';
import { start } from '../start.js';

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
  /** CPU samples in the profiles the receiver got, and how many link to a span. */
  profileSamples: number;
  linkedSamples: number;
  /** OTLP Profiles rules broken by the received profiles (0 expected). */
  profileViolations: number;
}

const SPAN_KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];

/**
 * `otlpx demo`: a real HTTP service, started with otlpx's `start()` (traces through
 * FastSpanProcessor + OtlpTraceExporter, OTLP/protobuf, gzip; continuous CPU + heap profiling
 * linked to spans through OtlpProfileExporter), exporting to a receiver on 127.0.0.1 that decodes
 * every request with @otlpx/proto, checks that re-encoding traces gives back the same bytes and
 * that the profiles follow the OTLP Profiles rules.
 */
export async function runDemo({ requests, showJson, out }: DemoOptions): Promise<DemoResult> {
  const say = (line: string) => out.write(`${line}\n`);
  say('otlpx demo: a traced and profiled HTTP service exporting OTLP to a local receiver\n');
  const receiver = await startLoopbackReceiver();
  say(`  receiver     listening on ${receiver.url}`);

  // The demo's own settings win over the environment: it always talks to its receiver.
  const otel = start(
    {
      serviceName: 'otlpx-demo',
      resourceAttributes: { 'service.version': '1.0.0' },
      endpoint: receiver.endpoint,
      exporter: { compression: 'gzip' },
      traces: { maxExportBatchSize: 512, scheduledDelayMillis: 200 },
      profiling: { windowMillis: 60_000 },
    },
    {},
  );
  const processor = otel.spanProcessor;
  if (processor === undefined)
    throw new Error('otlpx demo: a tracer provider was registered before the demo');
  const tracer = trace.getTracer('otlpx-demo', '1.0.0');

  try {
    const started = performance.now();
    const work = await runHttpWorkload(tracer, requests);
    say(
      `  workload     ${work.requests} HTTP requests in ${(performance.now() - started).toFixed(0)} ms (${work.failures} answered 503)`,
    );
    // Stops the profiler (its last window is exported) and flushes the spans.
    await otel.shutdown();
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

    const profile = summarizeProfiles(
      receiver.profiles,
      receiver.received.map((r) => r.request),
    );
    const share = profile.samples === 0 ? 0 : (100 * profile.linked) / profile.samples;
    const top = profile.bySpan
      .slice(0, 3)
      .map(([name, n]) => `${name} ${n}`)
      .join(', ');
    say(
      `  profiler     ${profile.samples} CPU samples in ${profile.requests} OTLP profiles request(s), ${share.toFixed(0)} % linked to spans${top ? ` (${top})` : ''}`,
    );
    say(
      `               hottest JS function ${profile.topFunction ?? '-'}; OTLP Profiles rules ${profile.violations === 0 ? 'all kept' : `BROKEN ${profile.violations} time(s)`}`,
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
    return {
      spansSent: stats.spansExported,
      spansReceived: received,
      byteExact,
      profileSamples: profile.samples,
      linkedSamples: profile.linked,
      profileViolations: profile.violations,
    };
  } finally {
    await otel.shutdown();
    await receiver.close();
  }
}
