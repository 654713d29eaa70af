// The official node exporters' options beyond the spec's variables (`headers` and
// `httpAgentOptions` as functions, `keepAlive`, `userAgent`, `selfObsMeterProvider`): accepted
// with the same meaning, so that switching changes nothing else. The self metrics are compared
// with what @opentelemetry/exporter-trace-otlp-proto records for the same exports.

import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import {
  AggregationTemporality,
  type DataPoint,
  type Histogram,
  InMemoryMetricExporter,
  MeterProvider,
  type MetricData,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { makeHttpServerSpans, makeSdkLogRecords, makeSdkMetrics } from '@otlpx/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type OtlpExporterOptions, resolveConfig } from '../src/config.js';
import { OtlpxConfigError } from '../src/errors.js';
import { FastSpanProcessor } from '../src/fast-span-processor.js';
import { HttpTransport } from '../src/http-transport.js';
import { OtlpLogExporter } from '../src/otlp-log-exporter.js';
import { OtlpMetricExporter, type OtlpMetricExporterOptions } from '../src/otlp-metric-exporter.js';
import { OtlpTraceExporter } from '../src/otlp-trace-exporter.js';
import { hang, reply } from './support/receiver.js';
import { useReceiver } from './support/use-receiver.js';

const h = useReceiver();
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const FAST_RETRY = { initialBackoffMillis: 5, maxBackoffMillis: 20 };
const SPANS = makeHttpServerSpans({ count: 3, seed: 11 });

let exporters: { shutdown(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(exporters.map((e) => e.shutdown()));
  exporters = [];
});

function make(options: OtlpExporterOptions): OtlpTraceExporter {
  const exporter = new OtlpTraceExporter({ url: h.receiver.url(), retry: FAST_RETRY, ...options });
  exporters.push(exporter);
  return exporter;
}

function exportOnce(exporter: {
  export(spans: typeof SPANS, done: (r: { code: number; error?: Error }) => void): void;
}): Promise<{ code: number; error?: Error & { code?: string; retryable?: boolean } }> {
  return new Promise((resolve) => exporter.export(SPANS, resolve));
}

/** A MeterProvider whose metrics can be read on demand. */
function meterProvider(): { provider: MeterProvider; read(): Promise<MetricData[]> } {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ readers: [reader] });
  return {
    provider,
    async read() {
      const { resourceMetrics } = await reader.collect();
      return resourceMetrics.scopeMetrics.flatMap((s) => s.metrics);
    },
  };
}

/** Each metric as name, unit, and its points' attribute keys and values (component name without its number). */
function shape(metrics: MetricData[]) {
  return metrics
    .map((m) => ({
      name: m.descriptor.name,
      unit: m.descriptor.unit,
      type: m.dataPointType,
      points: (m.dataPoints as DataPoint<number | Histogram>[])
        .map((p) => {
          const attributes: Record<string, unknown> = {
            ...p.attributes,
            'otel.component.name': String(p.attributes['otel.component.name']).replace(/\/\d+$/, '/N'),
          };
          const value = typeof p.value === 'number' ? p.value : { count: p.value.count };
          return { attributes, value };
        })
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

describe('options.headers as a function', () => {
  it('is called before every request, retries included (a rotating token is fresh on each)', async () => {
    h.receiver.respond(reply(503));
    let calls = 0;
    const exporter = make({ headers: async () => ({ Authorization: `Bearer token-${++calls}` }) });
    expect((await exportOnce(exporter)).code).toBe(0);
    expect(calls).toBe(2);
    expect(h.receiver.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('wins over the environment per name, case-insensitively, and cannot replace the content type', async () => {
    const previous = process.env.OTEL_EXPORTER_OTLP_TRACES_HEADERS;
    process.env.OTEL_EXPORTER_OTLP_TRACES_HEADERS = 'x-tenant=from-env,x-region=eu';
    try {
      const exporter = make({
        headers: () => ({ 'X-Tenant': 'from-function', 'Content-Type': 'text/plain' }),
      });
      expect((await exportOnce(exporter)).code).toBe(0);
    } finally {
      if (previous === undefined) delete process.env.OTEL_EXPORTER_OTLP_TRACES_HEADERS;
      else process.env.OTEL_EXPORTER_OTLP_TRACES_HEADERS = previous;
    }
    const [req] = h.receiver.requests;
    expect(req.headers['x-tenant']).toBe('from-function');
    expect(req.headers['x-region']).toBe('eu');
    expect(req.headers['content-type']).toBe('application/x-protobuf');
  });

  it('skips names and values that are not HTTP headers (reported once each), never sending CR/LF', async () => {
    const exporter = make({
      headers: () =>
        ({
          'x-ok': 'yes',
          'x-injected': 'a\r\nx-evil: 1',
          'bad name': 'v',
          'x-missing': undefined,
          'x-number': 42,
        }) as unknown as Record<string, string>,
    });
    expect((await exportOnce(exporter)).code).toBe(0);
    expect((await exportOnce(exporter)).code).toBe(0);
    for (const req of h.receiver.requests) {
      expect(req.headers['x-ok']).toBe('yes');
      expect(req.headers['x-number']).toBe('42');
      expect(req.headers['x-injected']).toBeUndefined();
      expect(req.headers['x-evil']).toBeUndefined();
      expect(req.headers['x-missing']).toBeUndefined();
    }
    const warnings = h.diag.withCode('OTLPX_ERR_CONFIG_INVALID');
    expect(warnings).toHaveLength(3);
    expect(warnings.join('\n')).not.toContain('x-evil'); // names only: values may be secrets
  });

  it('reports at most 64 different bad names, so a function that makes up new ones cannot grow memory', async () => {
    let n = 0;
    const exporter = make({ headers: () => ({ [`bad name ${n++}`]: 'v' }) });
    for (let i = 0; i < 70; i++) expect((await exportOnce(exporter)).code).toBe(0);
    expect(h.diag.withCode('OTLPX_ERR_CONFIG_INVALID')).toHaveLength(64);
  });

  it('fails the export with OTLPX_ERR_EXPORT_HEADERS when it throws, retrying it like a network error', async () => {
    let calls = 0;
    const exporter = make({
      headers: () => {
        calls++;
        throw new Error('token service down');
      },
      retry: { ...FAST_RETRY, maxAttempts: 3 },
    });
    const result = await exportOnce(exporter);
    expect(result.code).toBe(1);
    expect(result.error?.code).toBe('OTLPX_ERR_EXPORT_HEADERS');
    expect(result.error?.message).toContain('token service down');
    expect(result.error?.retryable).toBe(true);
    expect(calls).toBe(3);
    expect(h.receiver.requests).toHaveLength(0);
    expect(h.diag.withCode('OTLPX_ERR_EXPORT_HEADERS')).toHaveLength(1);
  });

  it('is bounded by timeoutMillis when it never settles', async () => {
    const exporter = make({ headers: () => new Promise(() => {}), timeoutMillis: 150 });
    const started = Date.now();
    const result = await exportOnce(exporter);
    expect(result.error?.code).toBe('OTLPX_ERR_EXPORT_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('rejects a value that is neither an object nor a function at construction', () => {
    expect(() => make({ headers: 'x=1' as never })).toThrow(OtlpxConfigError);
  });

  it.for([null, 'authorization=x', 42, undefined] as unknown[])(
    'fails the export with OTLPX_ERR_EXPORT_HEADERS when it returns %s, not an object',
    async (value) => {
      const exporter = make({ headers: () => value as Record<string, string>, retry: false });
      const result = await exportOnce(exporter);
      expect(result.error?.code).toBe('OTLPX_ERR_EXPORT_HEADERS');
      expect(result.error?.message).toMatch(/returned (null|string|number|undefined), not an object/);
      expect(h.receiver.requests).toHaveLength(0);
    },
  );
});

describe('options.httpAgentOptions as a function', () => {
  it("is called once with the endpoint's protocol, and its Agent carries every request", async () => {
    const protocols: string[] = [];
    const agent = new http.Agent({ keepAlive: true });
    let requests = 0;
    const addRequest = (agent as unknown as { addRequest: (...a: unknown[]) => void }).addRequest;
    (agent as unknown as { addRequest: (...a: unknown[]) => void }).addRequest = function (...a) {
      requests++;
      return addRequest.apply(this, a);
    };
    const exporter = make({
      httpAgentOptions: async (protocol) => {
        protocols.push(protocol);
        return agent;
      },
    });
    expect((await exportOnce(exporter)).code).toBe(0);
    expect((await exportOnce(exporter)).code).toBe(0);
    expect(protocols).toEqual(['http:']);
    expect(requests).toBe(2);
    const destroy = agent.destroy.bind(agent);
    let destroyed = false;
    agent.destroy = () => {
      destroyed = true;
    };
    await exporter.shutdown();
    expect(destroyed).toBe(false); // the Agent is the user's: shutdown leaves it alone
    destroy();
  });

  it('fails with OTLPX_ERR_EXPORT_AGENT when it throws or returns no Agent, and asks again next time', async () => {
    const answers: unknown[] = [new Error('no proxy configured'), { not: 'an agent' }, new http.Agent()];
    const exporter = make({
      httpAgentOptions: () => {
        const next = answers.shift();
        if (next instanceof Error) throw next;
        return next as http.Agent;
      },
      retry: false,
    });
    const first = await exportOnce(exporter);
    expect(first.error?.code).toBe('OTLPX_ERR_EXPORT_AGENT');
    expect(first.error?.message).toContain('no proxy configured');
    const second = await exportOnce(exporter);
    expect(second.error?.code).toBe('OTLPX_ERR_EXPORT_AGENT');
    expect(second.error?.message).toContain('did not return a node:http Agent');
    expect((await exportOnce(exporter)).code).toBe(0);
    expect(h.receiver.requests).toHaveLength(1);
  });
});

describe('options.keepAlive and options.userAgent', () => {
  it.for([
    ['keepAlive: false', { keepAlive: false }],
    ['httpAgentOptions.keepAlive: false', { httpAgentOptions: { keepAlive: false } }],
  ] as [string, OtlpExporterOptions][])('%s opens a connection per request', async ([, options]) => {
    const exporter = make(options);
    for (let i = 0; i < 3; i++) expect((await exportOnce(exporter)).code).toBe(0);
    expect(new Set(h.receiver.requests.map((r) => r.remotePort)).size).toBe(3);
  });

  it('keeps one connection by default', async () => {
    const exporter = make({});
    for (let i = 0; i < 3; i++) expect((await exportOnce(exporter)).code).toBe(0);
    expect(new Set(h.receiver.requests.map((r) => r.remotePort)).size).toBe(1);
  });

  it('puts userAgent in front of its own User-Agent', async () => {
    const exporter = make({ userAgent: 'checkout/2.1' });
    expect((await exportOnce(exporter)).code).toBe(0);
    expect(h.receiver.requests[0].headers['user-agent']).toBe(
      `checkout/2.1 otlpx-exporter-otlp/${pkg.version}`,
    );
    expect(() => make({ userAgent: 'a\nb' })).toThrow(OtlpxConfigError);
    expect(() => make({ keepAlive: 'no' as never })).toThrow(OtlpxConfigError);
  });
});

describe('options.selfObsMeterProvider', () => {
  it('records the otel.sdk.exporter metrics the official exporter records, for the same exports', async () => {
    // One success and one final failure (400) for each exporter.
    h.receiver.respond(reply(200), reply(400), reply(200), reply(400));
    const ours = meterProvider();
    const official = meterProvider();
    const otlpx = make({ selfObsMeterProvider: ours.provider });
    const reference = new OTLPTraceExporter({
      url: h.receiver.url(),
      selfObsMeterProvider: official.provider,
    });
    exporters.push(reference);
    expect((await exportOnce(otlpx)).code).toBe(0);
    expect((await exportOnce(otlpx)).code).toBe(1);
    expect((await exportOnce(reference)).code).toBe(0);
    expect((await exportOnce(reference)).code).toBe(1);

    const got = shape(await ours.read());
    const want = shape(await official.read());
    expect(got.map((m) => [m.name, m.unit, m.type])).toEqual(want.map((m) => [m.name, m.unit, m.type]));
    const names = got.map((m) => m.name);
    expect(names).toEqual([
      'otel.sdk.exporter.operation.duration',
      'otel.sdk.exporter.span.exported',
      'otel.sdk.exporter.span.inflight',
    ]);
    // Same attribute keys and values, but error.type: the official puts the error's class name
    // there, otlpx its error code.
    const errorTypeOf = (points: { attributes: Record<string, unknown> }[]) =>
      points.map((p) => p.attributes['error.type']).filter((t) => t !== undefined);
    for (let i = 0; i < got.length; i++) {
      const strip = (points: (typeof got)[number]['points']) =>
        points.map((p) => ({
          ...p,
          attributes: { ...p.attributes, 'error.type': p.attributes['error.type'] ? 'E' : undefined },
        }));
      expect(strip(got[i].points)).toEqual(strip(want[i].points));
    }
    expect(errorTypeOf(got[1].points)).toEqual(['OTLPX_ERR_EXPORT_HTTP']);
    const exported = got[1].points;
    expect(exported.map((p) => p.value)).toEqual([3, 3]); // three spans each, one success, one failure
    expect(exported[0].attributes).toMatchObject({
      'otel.component.type': 'otlp_http_span_exporter',
      'server.address': '127.0.0.1',
      'server.port': h.receiver.port,
    });
    expect(got[2].points.map((p) => p.value)).toEqual([0]); // nothing in flight after both exports
  });

  it.for([
    ['metrics', 'http/protobuf', 'otel.sdk.exporter.metric_data_point.exported', 'otlp_http_metric_exporter'],
    ['logs', 'http/json', 'otel.sdk.exporter.log.exported', 'otlp_http_json_log_exporter'],
    ['profiles', 'http/protobuf', undefined, undefined],
  ] as const)(
    'names the %s exporter over %s as the registry does',
    async ([signal, protocol, metric, type]) => {
      const { provider, read } = meterProvider();
      const transport = new HttpTransport(
        resolveConfig(signal, { url: h.receiver.url(), protocol, selfObsMeterProvider: provider }, {}),
      );
      exporters.push(transport);
      expect(await transport.send(new Uint8Array([0x0a, 0x00]), 4)).toBeUndefined();
      const metrics = await read();
      if (metric === undefined) {
        expect(metrics).toEqual([]);
        return;
      }
      const exported = metrics.find((m) => m.descriptor.name === metric);
      expect(exported?.dataPoints.map((p) => [p.value, p.attributes['otel.component.type']])).toEqual([
        [4, type],
      ]);
    },
  );

  it('counts metric data points and log records as the official metric and log exporters do', async () => {
    const metrics = await makeSdkMetrics();
    const logs = makeSdkLogRecords({ count: 7 });
    type Exporter<T> = {
      export(items: T, done: (r: { code: number }) => void): void;
      shutdown(): Promise<void>;
    };
    /** The `*.exported` counts after `metricExporter` and `logExporter` exported the fixtures once. */
    async function exportedCounts(
      [metricExporter, logExporter]: [Exporter<typeof metrics>, Exporter<typeof logs>],
      read: () => Promise<MetricData[]>,
    ) {
      expect(await new Promise<{ code: number }>((done) => metricExporter.export(metrics, done))).toEqual({
        code: 0,
      });
      expect(await new Promise<{ code: number }>((done) => logExporter.export(logs, done))).toEqual({
        code: 0,
      });
      return Object.fromEntries(
        (await read())
          .filter((m) => m.descriptor.name.endsWith('.exported'))
          .map((m) => [
            m.descriptor.name,
            m.dataPoints.map((p) => [p.value, p.attributes['otel.component.type']]),
          ]),
      );
    }
    const ours = meterProvider();
    const official = meterProvider();
    const url = (path: string) => h.receiver.url(path);
    const mine = [
      new OtlpMetricExporter({ url: url('/v1/metrics'), selfObsMeterProvider: ours.provider }),
      new OtlpLogExporter({ url: url('/v1/logs'), selfObsMeterProvider: ours.provider }),
    ] as const;
    const theirs = [
      new OTLPMetricExporter({ url: url('/v1/metrics'), selfObsMeterProvider: official.provider }),
      new OTLPLogExporter({ url: url('/v1/logs'), selfObsMeterProvider: official.provider }),
    ] as const;
    exporters.push(...mine, ...theirs);
    const got = await exportedCounts(mine as never, ours.read);
    const want = await exportedCounts(theirs as never, official.read);
    expect(got).toEqual(want);
    expect(Object.keys(got).sort()).toEqual([
      'otel.sdk.exporter.log.exported',
      'otel.sdk.exporter.metric_data_point.exported',
    ]);
    expect(got['otel.sdk.exporter.log.exported']).toEqual([[7, 'otlp_http_log_exporter']]);
  });

  it('refuses at construction a value that is not a MeterProvider', () => {
    for (const value of [{}, 'meter', 1, null]) {
      expect(() => make({ selfObsMeterProvider: value as never })).toThrow(OtlpxConfigError);
    }
  });

  it('exports without self metrics when the meter throws while its instruments are made, saying so once each', async () => {
    const provider = {
      getMeter: () => {
        throw new Error('no meter today');
      },
    } as unknown as MeterProvider;
    const exporter = make({ selfObsMeterProvider: provider });
    const processor = new FastSpanProcessor(make({}), { selfObsMeterProvider: provider });
    expect((await exportOnce(exporter)).code).toBe(0);
    const tracerProvider = new BasicTracerProvider({ spanProcessors: [processor] });
    tracerProvider.getTracer('t').startSpan('a').end();
    await tracerProvider.shutdown();
    expect(h.receiver.requests).toHaveLength(2);
    const reports = h.diag.lines.filter((l) => l.includes('no meter today'));
    expect(reports).toHaveLength(2);
    expect(reports.join('\n')).toContain('FastSpanProcessor selfObsMeterProvider');
  });

  it('keeps exporting when the meter throws, and says so once', async () => {
    const provider = {
      getMeter: () => ({
        createUpDownCounter: () => ({
          add: () => {
            throw new Error('meter broken');
          },
        }),
        createCounter: () => ({ add: () => {} }),
        createHistogram: () => ({ record: () => {} }),
      }),
    } as unknown as MeterProvider;
    const exporter = make({ selfObsMeterProvider: provider });
    expect((await exportOnce(exporter)).code).toBe(0);
    expect((await exportOnce(exporter)).code).toBe(0);
    expect(h.diag.lines.filter((l) => l.includes('meter broken'))).toHaveLength(1);
  });
});

describe('FastSpanProcessor selfObsMeterProvider', () => {
  /** A tracer whose spans go through `processor`; ends `names` and flushes. */
  async function run(processor: SpanProcessor, names: string[]): Promise<void> {
    const provider = new BasicTracerProvider({ spanProcessors: [processor] });
    const tracer = provider.getTracer('self-metrics');
    for (const name of names) tracer.startSpan(name).end();
    await provider.forceFlush();
  }

  it('records the otel.sdk.processor metrics the SDK BatchSpanProcessor records', async () => {
    // Batches of two: the first delivered, the second refused (400).
    h.receiver.respond(reply(200), reply(400), reply(200), reply(400));
    const ours = meterProvider();
    const official = meterProvider();
    const options = { maxExportBatchSize: 2, maxQueueSize: 4, scheduledDelayMillis: 60_000 };
    const fast = new FastSpanProcessor(make({ retry: false }), {
      ...options,
      selfObsMeterProvider: ours.provider,
    });
    await run(fast, ['a', 'b', 'c']).catch(() => {}); // rejects on the refused batch, as BSP below
    const reference = new OTLPTraceExporter({ url: h.receiver.url() });
    exporters.push(reference);
    // sdk-trace-base 2.x's BufferConfig type does not list the option; its processor reads it.
    const bsp = new BatchSpanProcessor(reference, {
      ...options,
      selfObsMeterProvider: official.provider,
    } as never);
    await run(bsp, ['a', 'b', 'c']).catch(() => {}); // BSP's forceFlush rejects on the refused batch
    expect(h.receiver.requests).toHaveLength(4);

    const got = shape(await ours.read());
    const want = shape(await official.read());
    expect(got.map((m) => m.name)).toEqual([
      'otel.sdk.processor.span.processed',
      'otel.sdk.processor.span.queue.capacity',
      'otel.sdk.processor.span.queue.size',
    ]);
    const withoutErrorType = (m: (typeof got)[number]) => ({
      ...m,
      points: m.points.map((p) => ({
        ...p,
        attributes: { ...p.attributes, 'error.type': p.attributes['error.type'] ? 'E' : undefined },
      })),
    });
    expect(got.map(withoutErrorType)).toEqual(want.map(withoutErrorType));
    const byValue = [...got[0].points].sort((a, b) => (a.value as number) - (b.value as number));
    expect(byValue).toEqual([
      {
        attributes: {
          'otel.component.type': 'batching_span_processor',
          'otel.component.name': 'batching_span_processor/N',
          'error.type': 'OTLPX_ERR_EXPORT_HTTP',
        },
        value: 1,
      },
      {
        attributes: {
          'otel.component.type': 'batching_span_processor',
          'otel.component.name': 'batching_span_processor/N',
        },
        value: 2,
      },
    ]);
    expect(got[1].points.map((p) => p.value)).toEqual([4]);
    expect(got[2].points.map((p) => p.value)).toEqual([0]);
    await fast.shutdown();
  });

  it('counts spans dropped on a full queue as error.type queue_full, and the queue size while it is full', async () => {
    h.receiver.otherwise(hang());
    const { provider, read } = meterProvider();
    const fast = new FastSpanProcessor(make({ retry: false, timeoutMillis: 300 }), {
      maxExportBatchSize: 2,
      maxQueueSize: 2,
      scheduledDelayMillis: 60_000,
      selfObsMeterProvider: provider,
    });
    const tracer = new BasicTracerProvider({ spanProcessors: [fast] }).getTracer('full');
    for (const name of ['a', 'b', 'c']) tracer.startSpan(name).end(); // a + b in flight, c dropped
    const metrics = shape(await read());
    const points = (name: string) => metrics.find((m) => m.name === name)?.points ?? [];
    expect(points('otel.sdk.processor.span.processed')).toEqual([
      {
        attributes: {
          'otel.component.type': 'batching_span_processor',
          'otel.component.name': 'batching_span_processor/N',
          'error.type': 'queue_full',
        },
        value: 1,
      },
    ]);
    expect(points('otel.sdk.processor.span.queue.size').map((p) => p.value)).toEqual([2]);
    await expect(fast.shutdown()).rejects.toMatchObject({ code: 'OTLPX_ERR_EXPORT_TIMEOUT' });
  });
});

describe('the official options type', () => {
  it('is accepted as it is (type-checked by tsc)', () => {
    type OfficialOptions = NonNullable<ConstructorParameters<typeof OTLPTraceExporter>[0]>;
    const official: OfficialOptions = {
      url: h.receiver.url(),
      headers: async () => ({ authorization: 'x' }),
      concurrencyLimit: 10,
      timeoutMillis: 1000,
      keepAlive: true,
      httpAgentOptions: { maxSockets: 2 },
      userAgent: 'app/1',
    };
    // Every field of the official type is one of ours: this line does not compile otherwise.
    const typed: OtlpExporterOptions = official;
    type OfficialMetricOptions = NonNullable<ConstructorParameters<typeof OTLPMetricExporter>[0]>;
    type OfficialLogOptions = NonNullable<ConstructorParameters<typeof OTLPLogExporter>[0]>;
    // The whole official type is checked, its AggregationTemporalityPreference enum included.
    const metricOptions: OfficialMetricOptions = {
      ...official,
      temporalityPreference: 'delta' as unknown as OfficialMetricOptions['temporalityPreference'],
    };
    const ourMetricOptions: OtlpMetricExporterOptions = metricOptions;
    const logOptions: OfficialLogOptions = official;
    const ourLogOptions: OtlpExporterOptions = logOptions;
    expect([ourMetricOptions.url, ourLogOptions.url]).toEqual([official.url, official.url]);
    const exporter = make(typed);
    expect(exporter).toBeInstanceOf(OtlpTraceExporter);
  });
});
