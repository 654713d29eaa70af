import { readFileSync } from 'node:fs';
import { ProtoWriter } from '@otlpx/proto/wire';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OtlpExporterOptions, resolveConfig, zstdAvailable } from '../src/config.js';
import { OtlpxExportError } from '../src/errors.js';
import { HttpTransport, nodeUsesEnvProxy } from '../src/http-transport.js';
import { DiagCapture } from './support/diag-capture.js';
import { closeSocket, hang, reply, TestReceiver } from './support/receiver.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const BODY = new Uint8Array(Buffer.from('pretend-otlp-request-bytes'.repeat(20)));
const FAST_RETRY = { initialBackoffMillis: 5, maxBackoffMillis: 20 };

let receiver: TestReceiver;
let transport: HttpTransport | undefined;
const diag = new DiagCapture();

beforeEach(async () => {
  diag.install();
  receiver = await TestReceiver.start();
});
afterEach(async () => {
  await transport?.shutdown();
  transport = undefined;
  clientOptions = {};
  await receiver.close();
  diag.uninstall();
});

/** Which HTTP client the transport uses: its own, or node:http when Agent options are given. */
const CLIENTS: [string, OtlpExporterOptions][] = [
  ['its own HTTP/1.1 client', {}],
  ['node:http (httpAgentOptions given)', { httpAgentOptions: {} }],
];
let clientOptions: OtlpExporterOptions = {};

function make(options: OtlpExporterOptions = {}, signal: 'traces' | 'logs' = 'traces'): HttpTransport {
  transport = new HttpTransport(
    resolveConfig(signal, { url: receiver.url(), retry: FAST_RETRY, ...clientOptions, ...options }, {}),
  );
  return transport;
}

describe.each(CLIENTS)('HttpTransport over %s', (_name, options) => {
  beforeEach(() => {
    clientOptions = options;
  });

  describe('HttpTransport: delivery', () => {
    it('POSTs the body with content type, length, user agent and configured headers', async () => {
      const t = make({ headers: { 'x-api-key': 'k1' } });
      expect(await t.send(BODY, 7)).toBeUndefined();
      const [req] = receiver.requests;
      expect(req.method).toBe('POST');
      expect(req.path).toBe('/v1/traces');
      expect(req.headers['content-type']).toBe('application/x-protobuf');
      expect(req.headers['content-length']).toBe(String(BODY.length));
      expect(req.headers['user-agent']).toBe(`otlpx-exporter-otlp/${pkg.version}`);
      expect(req.headers['x-api-key']).toBe('k1');
      expect(req.headers['content-encoding']).toBeUndefined();
      expect(req.body.equals(Buffer.from(BODY))).toBe(true);
      expect(t.stats).toMatchObject({ exportsSucceeded: 1, itemsExported: 7, requests: 1, retries: 0 });
      expect(t.stats.bytesSent).toBe(BODY.length);
    });

    // zstd only where the runtime has it (Node >= 22.15).
    it.for(['gzip', 'zstd'] as const)(
      'compresses with %s when asked, and the receiver gets the same bytes back',
      async (compression, { skip }) => {
        if (compression === 'zstd' && !zstdAvailable) skip();
        const t = make({ compression });
        expect(await t.send(BODY, 1)).toBeUndefined();
        const [req] = receiver.requests;
        expect(req.headers['content-encoding']).toBe(compression);
        expect(req.raw.length).toBeLessThan(BODY.length);
        expect(req.body.equals(Buffer.from(BODY))).toBe(true);
      },
    );

    it('compresses harder at a higher compressionLevel (default 1)', async () => {
      const text = new Uint8Array(
        Buffer.from(Array.from({ length: 4000 }, (_, i) => `span-${i % 97}-${i % 13};`).join('')),
      );
      const t = make({ compression: 'gzip' });
      await t.send(text, 1);
      await t.shutdown();
      transport = make({ compression: 'gzip', compressionLevel: 9 });
      await transport.send(text, 1);
      const [fast, small] = receiver.requests;
      expect(small.raw.length).toBeLessThan(fast.raw.length);
      expect(small.body.equals(fast.body)).toBe(true);
    });

    it('sends application/json for http/json', async () => {
      const t = make({ protocol: 'http/json' });
      await t.send(Buffer.from('{}'), 1);
      expect(receiver.requests[0].headers['content-type']).toBe('application/json');
    });

    it('reuses one keep-alive connection across exports', async () => {
      const t = make();
      for (let i = 0; i < 5; i++) await t.send(BODY, 1);
      expect(new Set(receiver.requests.map((r) => r.headers.connection))).toEqual(new Set(['keep-alive']));
    });
  });

  describe('HttpTransport: retries', () => {
    it('retries 503 with Retry-After in seconds, waiting at least that long', async () => {
      receiver.respond(reply(503, '', { 'retry-after': '1' }));
      const t = make();
      expect(await t.send(BODY, 2)).toBeUndefined();
      expect(receiver.requests).toHaveLength(2);
      expect(receiver.requests[1].at - receiver.requests[0].at).toBeGreaterThanOrEqual(950);
      expect(t.stats).toMatchObject({ requests: 2, retries: 1, exportsSucceeded: 1 });
    });

    it('honours Retry-After as an HTTP-date', async () => {
      const when = new Date(Date.now() + 2000).toUTCString(); // second precision: 1-2 s from now
      receiver.respond(reply(503, '', { 'retry-after': when }));
      const t = make();
      expect(await t.send(BODY, 1)).toBeUndefined();
      expect(receiver.requests[1].at).toBeGreaterThanOrEqual(Date.parse(when) - 50);
    });

    it('gives up at once when Retry-After ends past the deadline', async () => {
      receiver.respond(reply(503, '', { 'retry-after': '30' }));
      const t = make({ timeoutMillis: 2000 });
      const err = await t.send(BODY, 3);
      expect(err).toBeInstanceOf(OtlpxExportError);
      expect(err).toMatchObject({
        code: 'OTLPX_ERR_EXPORT_HTTP',
        statusCode: 503,
        retryable: true,
        attempts: 1,
      });
      expect(receiver.requests).toHaveLength(1);
      expect(t.stats).toMatchObject({ exportsFailed: 1, itemsFailed: 3 });
    });

    it.each([429, 502, 503, 504])('retries %i with backoff', async (status) => {
      receiver.respond(reply(status), reply(status));
      const t = make();
      expect(await t.send(BODY, 1)).toBeUndefined();
      expect(receiver.requests).toHaveLength(3);
    });

    it.each([400, 401, 403, 404, 413, 500, 501])('does not retry %i', async (status) => {
      receiver.respond(
        reply(status, JSON.stringify({ code: 3, message: 'why' }), { 'content-type': 'application/json' }),
      );
      const t = make();
      const err = await t.send(BODY, 1);
      expect(err).toMatchObject({ code: 'OTLPX_ERR_EXPORT_HTTP', statusCode: status, retryable: false });
      expect(err?.message).toContain(': why');
      expect(receiver.requests).toHaveLength(1);
      expect(diag.withCode('OTLPX_ERR_EXPORT_HTTP')).toHaveLength(1);
    });

    it('stops after maxAttempts', async () => {
      receiver.otherwise(reply(503));
      const t = make({ retry: { ...FAST_RETRY, maxAttempts: 3 } });
      const err = await t.send(BODY, 1);
      expect(err).toMatchObject({ code: 'OTLPX_ERR_EXPORT_HTTP', attempts: 3 });
      expect(receiver.requests).toHaveLength(3);
    });

    it('retry: false makes one request', async () => {
      receiver.otherwise(reply(503));
      const t = make({ retry: false });
      await t.send(BODY, 1);
      expect(receiver.requests).toHaveLength(1);
    });

    it('retries when the server closes the socket without answering', async () => {
      receiver.respond(closeSocket());
      const t = make();
      expect(await t.send(BODY, 1)).toBeUndefined();
      expect(receiver.requests).toHaveLength(2);
      expect(t.stats.retries).toBe(1);
    });

    it('reports a network error with OTLPX_ERR_EXPORT_NETWORK when nothing listens', async () => {
      const port = receiver.port;
      await receiver.close();
      transport = new HttpTransport(
        resolveConfig(
          'traces',
          { url: `http://127.0.0.1:${port}/v1/traces`, retry: { ...FAST_RETRY, maxAttempts: 2 } },
          {},
        ),
      );
      const err = await transport.send(BODY, 1);
      expect(err).toMatchObject({ code: 'OTLPX_ERR_EXPORT_NETWORK', attempts: 2, retryable: true });
      expect((err!.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
      receiver = await TestReceiver.start(); // for afterEach
    });

    it('ends a request that gets no answer at the deadline with OTLPX_ERR_EXPORT_TIMEOUT', async () => {
      receiver.otherwise(hang());
      const t = make({ timeoutMillis: 300 });
      const err = await t.send(BODY, 1);
      expect(err).toMatchObject({ code: 'OTLPX_ERR_EXPORT_TIMEOUT', attempts: 1 });
      expect(receiver.requests).toHaveLength(1);
    });

    it('counts earlier failures in the timeout error', async () => {
      receiver.respond(reply(503)).otherwise(hang());
      const t = make({ timeoutMillis: 400 });
      const err = await t.send(BODY, 1);
      expect(err).toMatchObject({ code: 'OTLPX_ERR_EXPORT_TIMEOUT', attempts: 2, statusCode: 503 });
      expect(err?.message).toContain('answered 503');
    });
  });

  describe('HttpTransport: partial success', () => {
    it('reports rejected spans through diag and counts them; the export still succeeds', async () => {
      const w = new ProtoWriter();
      w.tag(1, 2);
      const at = w.fork();
      w.tag(1, 0);
      w.uint32(4);
      w.tag(2, 2);
      w.string('4 spans had invalid ids');
      w.join(at);
      receiver.respond(reply(200, w.finish(), { 'content-type': 'application/x-protobuf' }));
      const t = make();
      expect(await t.send(BODY, 10)).toBeUndefined();
      expect(t.stats).toMatchObject({ itemsRejected: 4, itemsExported: 10, exportsSucceeded: 1 });
      expect(diag.withCode('OTLPX_ERR_EXPORT_PARTIAL')[0]).toMatch(
        /rejected 4 spans: 4 spans had invalid ids/,
      );
      expect(receiver.requests).toHaveLength(1);
    });

    it('reads JSON partial success for http/json (logs)', async () => {
      receiver.respond(reply(200, '{"partialSuccess":{"rejectedLogRecords":"2","errorMessage":"too big"}}'));
      const t = make({ protocol: 'http/json' }, 'logs');
      await t.send(Buffer.from('{}'), 5);
      expect(t.stats.itemsRejected).toBe(2);
      expect(diag.withCode('OTLPX_ERR_EXPORT_PARTIAL')[0]).toMatch(/rejected 2 log records: too big/);
    });
  });
});

describe('HttpTransport: codec', () => {
  const codec = {
    contentType: 'application/x-test-codec',
    resets: 0,
    encode: (b: Uint8Array) => Buffer.concat([Buffer.from('CODEC:'), b]),
    reset() {
      this.resets++;
    },
  };

  it('sends through the codec while the receiver accepts it', async () => {
    const t = make({ codec });
    await t.send(BODY, 1);
    await t.send(BODY, 1);
    expect(receiver.requests.map((r) => r.headers['content-type'])).toEqual([
      codec.contentType,
      codec.contentType,
    ]);
    expect(receiver.requests[0].body.subarray(0, 6).toString()).toBe('CODEC:');
  });

  it.each([415, 400])(
    'falls back to plain OTLP when the receiver answers %i to the codec',
    async (status) => {
      codec.resets = 0;
      receiver.respond(reply(status));
      const t = make({ codec, compression: 'gzip' });
      expect(await t.send(BODY, 3)).toBeUndefined();
      await t.send(BODY, 1);
      expect(receiver.requests.map((r) => r.headers['content-type'])).toEqual([
        codec.contentType,
        'application/x-protobuf',
        'application/x-protobuf',
      ]);
      expect(receiver.requests[1].body.equals(Buffer.from(BODY))).toBe(true);
      expect(codec.resets).toBe(1);
      expect(t.stats).toMatchObject({ codecFallbacks: 1, retries: 0, exportsSucceeded: 2 });
      expect(diag.withCode('OTLPX_ERR_EXPORT_CODEC')).toHaveLength(1);
    },
  );

  it('treats a 400 after the codec was accepted as a real bad request', async () => {
    receiver.respond(reply(200), reply(400));
    const t = make({ codec });
    await t.send(BODY, 1);
    expect(await t.send(BODY, 1)).toMatchObject({ code: 'OTLPX_ERR_EXPORT_HTTP', statusCode: 400 });
    expect(t.stats.codecFallbacks).toBe(0);
  });

  it('sends plain OTLP when the codec throws', async () => {
    const t = make({
      codec: {
        contentType: 'x/broken',
        encode: () => {
          throw new Error('boom');
        },
      },
    });
    expect(await t.send(BODY, 1)).toBeUndefined();
    expect(receiver.requests[0].headers['content-type']).toBe('application/x-protobuf');
  });

  it('is not used for http/json', async () => {
    const t = make({ codec, protocol: 'http/json' });
    await t.send(Buffer.from('{}'), 1);
    expect(receiver.requests[0].headers['content-type']).toBe('application/json');
  });
});

describe('HttpTransport: limits and shutdown', () => {
  it('fails fast with OTLPX_ERR_EXPORT_BUSY beyond concurrencyLimit', async () => {
    receiver.respond(hang());
    const t = make({ concurrencyLimit: 1, timeoutMillis: 300 });
    const first = t.send(BODY, 1);
    await receiver.waitFor(1);
    expect(t.busy).toBe(true);
    expect(await t.send(BODY, 2)).toMatchObject({ code: 'OTLPX_ERR_EXPORT_BUSY' });
    expect(await first).toMatchObject({ code: 'OTLPX_ERR_EXPORT_TIMEOUT' });
    expect(t.stats.itemsFailed).toBe(3);
  });

  it('waits for exports in flight on shutdown, then refuses new ones', async () => {
    receiver.respond(reply(503));
    const t = make();
    const pending = t.send(BODY, 1);
    await receiver.waitFor(1);
    const idle = t.idle();
    await t.shutdown();
    await idle;
    // The retry was cut short by the shutdown: no more requests.
    expect(await pending).toMatchObject({ code: 'OTLPX_ERR_EXPORT_HTTP' });
    expect(await t.send(BODY, 1)).toMatchObject({ code: 'OTLPX_ERR_EXPORT_SHUTDOWN' });
    expect(t.inFlight).toBe(0);
  });
});

describe('nodeUsesEnvProxy', () => {
  it('is true when Node routes node:http through proxies (the Agent is used then)', () => {
    expect(nodeUsesEnvProxy({}, [])).toBe(false);
    expect(nodeUsesEnvProxy({ NODE_USE_ENV_PROXY: '1' }, [])).toBe(true);
    expect(nodeUsesEnvProxy({ NODE_USE_ENV_PROXY: '0' }, [])).toBe(false);
    expect(nodeUsesEnvProxy({}, ['--use-env-proxy'])).toBe(true);
    expect(nodeUsesEnvProxy({ NODE_OPTIONS: '--max-old-space-size=100 --use-env-proxy' }, [])).toBe(true);
  });
});
