// Differential tests against the official exporter (@opentelemetry/exporter-trace-otlp-proto):
// for the same OTEL_EXPORTER_OTLP_* environment, both export the same spans to the same receiver,
// and the requests must agree on what the environment decides: the path, the custom headers and
// the content encoding.
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  makeEdgeCaseSpans,
  makeHttpServerSpans,
  makeSdkLogRecords,
  makeSdkMetrics,
  referenceDecodeCanonical,
} from '@otlpx/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FastSpanProcessor } from '../src/fast-span-processor.js';
import { OtlpLogExporter } from '../src/otlp-log-exporter.js';
import { OtlpMetricExporter } from '../src/otlp-metric-exporter.js';
import { OtlpTraceExporter } from '../src/otlp-trace-exporter.js';
import { closeSocket, hang, type ReceivedRequest, reply } from './support/receiver.js';
import { useReceiver } from './support/use-receiver.js';

const h = useReceiver();
const SPANS = makeHttpServerSpans({ count: 2, seed: 3 });
type Decoded = { resourceSpans: { scopeSpans: { spans: { name: string }[] }[] }[] };
/** Headers of the transport (the official exporter streams its body chunked), or that differ by design (README). */
const OWN = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'content-type',
  'user-agent',
  'keep-alive',
]);

afterEach(() => {
  vi.unstubAllEnvs();
});

/** What the environment decided about a request. */
function decided(req: ReceivedRequest) {
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !OWN.has(name)));
  return { path: req.path, headers };
}

type Exporter = {
  export(spans: typeof SPANS, done: (r: { code: number }) => void): void;
  shutdown(): Promise<void>;
};

async function request(make: () => Exporter): Promise<ReturnType<typeof decided>> {
  const exporter = make();
  const before = h.receiver.requests.length;
  const result = await new Promise<{ code: number }>((done) => exporter.export(SPANS, done));
  await exporter.shutdown();
  expect(result.code).toBe(0);
  return decided(h.receiver.requests[before]);
}

describe('the environment decides the same request as for the official exporter', () => {
  const base = () => `http://127.0.0.1:${h.receiver.port}`;
  const cases: [string, (base: string) => Record<string, string>][] = [
    ['a base endpoint', (b) => ({ OTEL_EXPORTER_OTLP_ENDPOINT: b })],
    ['a base endpoint with a trailing slash', (b) => ({ OTEL_EXPORTER_OTLP_ENDPOINT: `${b}/` })],
    ['a base endpoint with a path', (b) => ({ OTEL_EXPORTER_OTLP_ENDPOINT: `${b}/otlp` })],
    ['a base endpoint with a path and a slash', (b) => ({ OTEL_EXPORTER_OTLP_ENDPOINT: `${b}/otlp/` })],
    [
      'a traces endpoint, used as it is',
      (b) => ({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${b}/custom/traces` }),
    ],
    [
      'both endpoints (the traces one wins)',
      (b) => ({ OTEL_EXPORTER_OTLP_ENDPOINT: `${b}/base`, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${b}/mine` }),
    ],
    [
      'headers, spaced and percent-encoded',
      (b) => ({
        OTEL_EXPORTER_OTLP_ENDPOINT: b,
        OTEL_EXPORTER_OTLP_HEADERS: 'x-a=1, x-b = two%20words ,x-c=%3D',
      }),
    ],
    [
      'generic and traces headers, merged per name',
      (b) => ({
        OTEL_EXPORTER_OTLP_ENDPOINT: b,
        OTEL_EXPORTER_OTLP_HEADERS: 'x-tenant=generic,x-region=eu',
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-tenant=traces',
      }),
    ],
    ['gzip compression', (b) => ({ OTEL_EXPORTER_OTLP_ENDPOINT: b, OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip' })],
    [
      'an unknown compression',
      (b) => ({ OTEL_EXPORTER_OTLP_ENDPOINT: b, OTEL_EXPORTER_OTLP_COMPRESSION: 'brotli' }),
    ],
    ['a traces endpoint without a path', (b) => ({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: b })],
    [
      'headers with a bad entry and a repeated name',
      (b) => ({ OTEL_EXPORTER_OTLP_ENDPOINT: b, OTEL_EXPORTER_OTLP_HEADERS: 'novalue,x-a=1,x-a=2,=empty' }),
    ],
    [
      'an empty traces endpoint (unset)',
      (b) => ({ OTEL_EXPORTER_OTLP_ENDPOINT: b, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '' }),
    ],
    [
      'traces compression over the generic one',
      (b) => ({
        OTEL_EXPORTER_OTLP_ENDPOINT: b,
        OTEL_EXPORTER_OTLP_COMPRESSION: 'none',
        OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: 'gzip',
      }),
    ],
  ];

  it.for(cases)('%s', async ([, env]) => {
    for (const [name, value] of Object.entries(env(base()))) vi.stubEnv(name, value);
    const ours = await request(() => new OtlpTraceExporter());
    const official = await request(() => new OTLPTraceExporter());
    expect(ours).toEqual(official);
  });
});

describe('where the official exporter departs from the spec, otlpx follows the spec', () => {
  it('reads enumerated values case-insensitively: COMPRESSION=GZIP compresses (the official sends plain)', async () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', `http://127.0.0.1:${h.receiver.port}`);
    vi.stubEnv('OTEL_EXPORTER_OTLP_COMPRESSION', 'GZIP');
    expect((await request(() => new OtlpTraceExporter())).headers).toEqual({ 'content-encoding': 'gzip' });
    expect((await request(() => new OTLPTraceExporter())).headers).toEqual({});
  });

  it("appends the signal's path to the base URL's path, keeping its query (the official appends it after the query)", async () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', `http://127.0.0.1:${h.receiver.port}/otlp?tenant=a`);
    expect((await request(() => new OtlpTraceExporter())).path).toBe('/otlp/v1/traces?tenant=a');
    expect((await request(() => new OTLPTraceExporter())).path).toBe('/otlp?tenant=a/v1/traces');
  });
});

describe('retries decided as the official exporter decides them', () => {
  const now = (status: number | 'close') =>
    status === 'close' ? closeSocket() : reply(status, '', { 'retry-after': '0' });
  const cases: [string, (number | 'close')[]][] = [
    ['the connection closed without an answer, then 200', ['close', 200]],
    ['503 then 200', [503, 200]],
    ['429, 502, 504, then 200', [429, 502, 504, 200]],
    ['400 (final)', [400]],
    ['500 (final)', [500]],
    ['503 every time', [503, 503, 503, 503, 503, 503, 503, 503]],
  ];

  it.for(cases)('%s', async ([, statuses]) => {
    const run = async (make: () => Exporter) => {
      h.receiver.respond(...statuses.map(now));
      h.receiver.otherwise(now(statuses.at(-1)!));
      const before = h.receiver.requests.length;
      const exporter = make();
      const result = await new Promise<{ code: number }>((done) => exporter.export(SPANS, done));
      await exporter.shutdown();
      return { code: result.code, requests: h.receiver.requests.length - before };
    };
    const url = h.receiver.url();
    const ours = await run(() => new OtlpTraceExporter({ url }));
    h.receiver.respond(); // the script is used up by now
    const official = await run(() => new OTLPTraceExporter({ url }));
    expect(ours).toEqual(official);
  });
});

describe('deadlines and the concurrency limit, as the official exporter', () => {
  /** Result code and how long it took, for `exporters` exporting at once to a receiver that never answers. */
  async function hanging(make: () => Exporter, exports: number) {
    h.receiver.otherwise(hang());
    const exporter = make();
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: exports }, () =>
        new Promise<number>((done) => exporter.export(SPANS, (r) => done(r.code))).then((code) => ({
          code,
          fast: Date.now() - started < 500, // half the deadline: no answer could have come
        })),
      ),
    );
    void exporter.shutdown();
    return results;
  }

  it('an export fails when timeoutMillis passes with no answer', async () => {
    const url = h.receiver.url();
    const ours = await hanging(() => new OtlpTraceExporter({ url, timeoutMillis: 1000 }), 1);
    const official = await hanging(() => new OTLPTraceExporter({ url, timeoutMillis: 1000 }), 1);
    expect(ours).toEqual([{ code: 1, fast: false }]);
    expect(ours).toEqual(official);
  });

  it('an export beyond concurrencyLimit fails at once', async () => {
    const url = h.receiver.url();
    const ours = await hanging(
      () => new OtlpTraceExporter({ url, timeoutMillis: 1000, concurrencyLimit: 1 }),
      2,
    );
    const official = await hanging(
      () => new OTLPTraceExporter({ url, timeoutMillis: 1000, concurrencyLimit: 1 }),
      2,
    );
    expect(ours).toEqual([
      { code: 1, fast: false },
      { code: 1, fast: true },
    ]);
    expect(ours).toEqual(official);
  });
});

describe('the request body means what the official exporter sends (reference decoder)', () => {
  const fixtures: [string, () => ReturnType<typeof makeHttpServerSpans>][] = [
    ['512 HTTP server spans', () => makeHttpServerSpans({ count: 512, seed: 9 })],
    ['spans with every field, several resources and scopes', () => makeEdgeCaseSpans()],
  ];

  /**
   * The body the receiver got for `send` (gzip undone), decoded to proto3 semantics: the official
   * serializer writes an empty Status on every span, otlpx omits that default.
   */
  async function body(send: () => Promise<void>) {
    const before = h.receiver.requests.length;
    await send();
    expect(h.receiver.requests.length).toBe(before + 1);
    return referenceDecodeCanonical('traces', h.receiver.requests[before].body);
  }

  it.for(fixtures)('%s', async ([, make]) => {
    const spans = make();
    const url = h.receiver.url();
    const viaExport =
      (exporter: Exporter, batch = spans) =>
      async () => {
        expect(await new Promise<{ code: number }>((done) => exporter.export(batch, done))).toEqual({
          code: 0,
        });
        await exporter.shutdown();
      };
    const official = await body(viaExport(new OTLPTraceExporter({ url })));
    expect(await body(viaExport(new OtlpTraceExporter({ url, compression: 'gzip' })))).toEqual(official);
    // FastSpanProcessor writes each span as it ends, into per-(resource, scope) groups; like the
    // SDK's processors it passes on sampled spans only.
    const sampled = spans.filter((span) => (span.spanContext().traceFlags & 1) === 1);
    const officialSampled = await body(viaExport(new OTLPTraceExporter({ url }), sampled));
    const processor = new FastSpanProcessor(new OtlpTraceExporter({ url }), { maxExportBatchSize: 1024 });
    const viaProcessor = async () => {
      for (const span of spans) processor.onEnd(span);
      await processor.shutdown();
    };
    expect(await body(viaProcessor)).toEqual(officialSampled);
  });
});

describe('metric and log request bodies mean what the official exporters send (reference decoder)', () => {
  type AnyExporter<T> = {
    export(items: T, done: (r: { code: number }) => void): void;
    shutdown(): Promise<void>;
  };

  async function sent<T>(kind: 'metrics' | 'logs', exporter: AnyExporter<T>, items: T) {
    const before = h.receiver.requests.length;
    expect(await new Promise<{ code: number }>((done) => exporter.export(items, done))).toEqual({ code: 0 });
    await exporter.shutdown();
    return referenceDecodeCanonical(kind, h.receiver.requests[before].body);
  }

  it('metrics: every instrument kind, explicit and exponential histograms, cumulative and delta', async () => {
    const url = h.receiver.url('/v1/metrics');
    for (const temporality of ['cumulative', 'delta'] as const) {
      const metrics = await makeSdkMetrics({ temporality });
      const official = await sent('metrics', new OTLPMetricExporter({ url }), metrics);
      expect(await sent('metrics', new OtlpMetricExporter({ url, compression: 'gzip' }), metrics)).toEqual(
        official,
      );
    }
  });

  it('logs: every field and body kind, three scopes on two resources', async () => {
    const url = h.receiver.url('/v1/logs');
    const logs = makeSdkLogRecords({ count: 64 });
    const official = await sent('logs', new OTLPLogExporter({ url }), logs);
    expect(await sent('logs', new OtlpLogExporter({ url, compression: 'gzip' }), logs)).toEqual(official);
  });
});

describe('FastSpanProcessor beside the SDK BatchSpanProcessor', () => {
  it('flushes the same spans, and forceFlush rejects when their export failed', async () => {
    const url = h.receiver.url();
    const run = async (processor: SpanProcessor) => {
      h.receiver.respond(reply(400));
      const before = h.receiver.requests.length;
      const provider = new BasicTracerProvider({ spanProcessors: [processor] });
      for (const name of ['a', 'b']) provider.getTracer('t').startSpan(name).end();
      const flushed = await provider.forceFlush().then(
        () => 'resolved',
        () => 'rejected',
      );
      await provider.shutdown();
      const names = h.receiver.requests
        .slice(before)
        .flatMap((r) => (referenceDecodeCanonical('traces', r.body) as Decoded).resourceSpans)
        .flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((span) => span.name)));
      return { flushed, names };
    };
    const official = await run(new BatchSpanProcessor(new OTLPTraceExporter({ url })));
    const ours = await run(new FastSpanProcessor(new OtlpTraceExporter({ url })));
    expect(official).toEqual({ flushed: 'rejected', names: ['a', 'b'] });
    expect(ours).toEqual(official);
  });
});
