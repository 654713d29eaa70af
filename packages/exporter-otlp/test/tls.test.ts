import { once } from 'node:events';
import * as tls from 'node:tls';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Http1Client } from '../src/http1-client.js';
import { OtlpLogExporter } from '../src/otlp-log-exporter.js';
import { DiagCapture } from './support/diag-capture.js';
import { TestReceiver } from './support/receiver.js';
import { makeSelfSignedCert, skipWithoutOpenssl, type TestCert } from './support/tls-cert.js';

const diag = new DiagCapture();

describe.skipIf(skipWithoutOpenssl())('TLS (self-signed certificates made with openssl)', () => {
  let server: TestCert;
  let client: TestCert;
  let receiver: TestReceiver | undefined;

  beforeAll(() => {
    server = makeSelfSignedCert('otlpx-test-server');
    client = makeSelfSignedCert('otlpx-test-client');
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await receiver?.close();
    receiver = undefined;
    diag.uninstall();
  });

  async function exportOnce(exporter: OtlpLogExporter) {
    const result = await new Promise<{ code: number; error?: Error }>((resolve) =>
      exporter.export([], resolve),
    );
    await exporter.shutdown();
    return result;
  }

  it('trusts the server through OTEL_EXPORTER_OTLP_CERTIFICATE', async () => {
    receiver = await TestReceiver.start({ key: server.key, cert: server.cert });
    vi.stubEnv('OTEL_EXPORTER_OTLP_CERTIFICATE', server.certPath);
    const result = await exportOnce(new OtlpLogExporter({ url: receiver.url('/v1/logs') }));
    expect(result).toEqual({ code: 0 });
    expect(receiver.requests).toHaveLength(1);
  });

  it('refuses a server it cannot verify, with a network error and no retry storm', async () => {
    diag.install();
    receiver = await TestReceiver.start({ key: server.key, cert: server.cert });
    const result = await exportOnce(
      new OtlpLogExporter({
        url: receiver.url('/v1/logs'),
        retry: { maxAttempts: 2, initialBackoffMillis: 1 },
      }),
    );
    expect(result.code).toBe(1);
    expect(result.error).toMatchObject({ code: 'OTLPX_ERR_EXPORT_NETWORK' });
    expect(result.error?.message).toMatch(/self[- ]signed/i);
    expect(receiver.requests).toHaveLength(0);
  });

  it('presents a client certificate for mTLS (CLIENT_CERTIFICATE / CLIENT_KEY, signal-specific)', async () => {
    receiver = await TestReceiver.start({
      key: server.key,
      cert: server.cert,
      ca: client.cert,
      requestCert: true,
      rejectUnauthorized: true,
    });
    vi.stubEnv('OTEL_EXPORTER_OTLP_LOGS_CERTIFICATE', server.certPath);
    vi.stubEnv('OTEL_EXPORTER_OTLP_LOGS_CLIENT_CERTIFICATE', client.certPath);
    vi.stubEnv('OTEL_EXPORTER_OTLP_LOGS_CLIENT_KEY', client.keyPath);
    expect(await exportOnce(new OtlpLogExporter({ url: receiver.url('/v1/logs') }))).toEqual({ code: 0 });

    // Without the client certificate the server hangs up during the handshake.
    vi.unstubAllEnvs();
    const bare = new OtlpLogExporter({
      url: receiver.url('/v1/logs'),
      tls: { ca: server.cert },
      retry: false,
    });
    expect((await exportOnce(bare)).code).toBe(1);
    expect(receiver.requests).toHaveLength(1);
  });

  it("honours the official exporter's httpAgentOptions (ca), with tls winning when both are set", async () => {
    receiver = await TestReceiver.start({ key: server.key, cert: server.cert });
    const viaAgent = new OtlpLogExporter({
      url: receiver.url('/v1/logs'),
      httpAgentOptions: { ca: server.cert },
    });
    expect(await exportOnce(viaAgent)).toEqual({ code: 0 });
    const wrongAgentCa = new OtlpLogExporter({
      url: receiver.url('/v1/logs'),
      httpAgentOptions: { ca: client.cert },
      tls: { ca: server.cert },
    });
    expect(await exportOnce(wrongAgentCa)).toEqual({ code: 0 });
  });

  it('takes PEM text through options.tls', async () => {
    receiver = await TestReceiver.start({ key: server.key, cert: server.cert });
    const exporter = new OtlpLogExporter({
      url: receiver.url('/v1/logs'),
      tls: { ca: server.cert.toString('utf8') },
    });
    expect(await exportOnce(exporter)).toEqual({ code: 0 });
  });

  it('resumes the TLS session on a new connection instead of a full handshake', async () => {
    const reused: boolean[] = [];
    const tlsServer = tls.createServer({ key: server.key, cert: server.cert }, (socket) => {
      socket.on('error', () => {});
      socket.once('data', () =>
        socket.end('HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 0\r\n\r\n'),
      );
    });
    tlsServer.on('secureConnection', (socket) => reused.push(socket.isSessionReused()));
    tlsServer.listen(0, '127.0.0.1');
    await once(tlsServer, 'listening');
    const { port } = tlsServer.address() as { port: number };
    const http1 = new Http1Client(new URL(`https://127.0.0.1:${port}/v1/traces`), {
      maxSockets: 1,
      tls: { ca: server.cert },
    });
    try {
      for (let i = 0; i < 3; i++) {
        expect((await http1.post({}, new Uint8Array(10), 2000)).status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 10)); // the session ticket arrives
      }
    } finally {
      http1.destroy();
      tlsServer.close();
    }
    expect(reused).toEqual([false, true, true]);
  });
});
