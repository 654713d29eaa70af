import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isOtlpxError } from '@otlpx/proto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendPath, resolveConfig, type Signal, signalUrl, zstdAvailable } from '../src/config.js';
import { OtlpxConfigError } from '../src/errors.js';
import { DiagCapture } from './support/diag-capture.js';

const diag = new DiagCapture();
beforeEach(() => diag.install());
afterEach(() => diag.uninstall());

describe('endpoint', () => {
  const paths: [Signal, string][] = [
    ['traces', '/v1/traces'],
    ['metrics', '/v1/metrics'],
    ['logs', '/v1/logs'],
    ['profiles', '/v1development/profiles'],
  ];

  it.each(paths)('defaults to http://localhost:4318%s for %s', (signal, path) => {
    expect(resolveConfig(signal, {}, {}).url).toBe(`http://localhost:4318${path.replace(/^/, '')}`);
  });

  it.each(paths)('appends the %s path to the generic endpoint', (signal, path) => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(resolveConfig(signal, {}, env).url).toBe(`http://collector:4318${path}`);
  });

  it('puts exactly one slash between a generic endpoint and the signal path', () => {
    const cases: [string, string][] = [
      ['http://c:4318/', 'http://c:4318/v1/traces'],
      ['http://c:4318//', 'http://c:4318/v1/traces'],
      ['http://c:4318/mycollector', 'http://c:4318/mycollector/v1/traces'],
      ['http://c:4318/mycollector/', 'http://c:4318/mycollector/v1/traces'],
      ['https://c/base?tenant=a', 'https://c/base/v1/traces?tenant=a'],
    ];
    for (const [base, expected] of cases) {
      expect(resolveConfig('traces', {}, { OTEL_EXPORTER_OTLP_ENDPOINT: base }).url).toBe(expected);
    }
    expect(appendPath('http://c', 'v1/logs')).toBe('http://c/v1/logs');
    expect(signalUrl('http://collector:4318', 'traces')).toBe('http://collector:4318/v1/traces');
    expect(signalUrl('http://collector:4318/base//?k=v', 'profiles')).toBe(
      'http://collector:4318/base/v1development/profiles?k=v',
    );
    expect(() => signalUrl('not a url', 'traces')).toThrow(TypeError);
  });

  it('uses the signal-specific endpoint as-is, even without a path or with a custom one', () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://generic:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://specific:4318',
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://specific:4318/custom/path/',
    };
    expect(resolveConfig('traces', {}, env).url).toBe('http://specific:4318');
    expect(resolveConfig('metrics', {}, env).url).toBe('http://specific:4318/custom/path/');
    expect(resolveConfig('logs', {}, env).url).toBe('http://generic:4318/v1/logs');
  });

  it('uses options.url as-is over every variable', () => {
    const env = { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://specific:4318/v1/traces' };
    expect(resolveConfig('traces', { url: 'https://mine:9999' }, env).url).toBe('https://mine:9999');
  });

  it('treats empty variables as unset', () => {
    const env = { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: '', OTEL_EXPORTER_OTLP_ENDPOINT: '  ' };
    expect(resolveConfig('traces', {}, env).url).toBe('http://localhost:4318/v1/traces');
    expect(diag.lines).toEqual([]);
  });

  it('reports an invalid variable and falls back to the next level', () => {
    const env = {
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'not a url',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://x',
    };
    expect(resolveConfig('traces', {}, env).url).toBe('http://localhost:4318/v1/traces');
    expect(diag.withCode('OTLPX_ERR_CONFIG_INVALID')).toHaveLength(2);
  });

  it('throws OtlpxConfigError for an invalid options.url', () => {
    const err = catchError(() => resolveConfig('traces', { url: 'localhost:4318' }, {}));
    expect(err).toBeInstanceOf(OtlpxConfigError);
    expect(isOtlpxError(err)).toBe(true);
    expect((err as OtlpxConfigError).code).toBe('OTLPX_ERR_CONFIG_INVALID');
    expect((err as OtlpxConfigError).source).toBe('options.url');
  });
});

describe('headers', () => {
  it('merges generic < signal-specific < options per case-insensitive name', () => {
    const env = {
      OTEL_EXPORTER_OTLP_HEADERS: 'a=generic,b=generic,c=generic',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'B=specific,c=specific',
      OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'a=metrics',
    };
    expect(resolveConfig('traces', { headers: { C: 'option' } }, env).headers).toEqual({
      a: 'generic',
      b: 'specific',
      c: 'option',
    });
    expect(resolveConfig('metrics', {}, env).headers).toEqual({ a: 'metrics', b: 'generic', c: 'generic' });
  });

  it('throws on an options header that would corrupt the request', () => {
    expect(() => resolveConfig('traces', { headers: { 'x-a': 'v\r\nInjected: 1' } }, {})).toThrow(
      OtlpxConfigError,
    );
    expect(() => resolveConfig('traces', { headers: { 'bad name': 'v' } }, {})).toThrow(/invalid header/);
    expect(() => resolveConfig('traces', { headers: null as never }, {})).toThrow(OtlpxConfigError);
  });
});

describe('compression', () => {
  it('defaults to none; the specific variable beats the generic; options beat both', () => {
    expect(resolveConfig('logs', {}, {}).compression).toBe('none');
    const env = { OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip', OTEL_EXPORTER_OTLP_LOGS_COMPRESSION: 'none' };
    expect(resolveConfig('logs', {}, env).compression).toBe('none');
    expect(resolveConfig('traces', {}, env).compression).toBe('gzip');
    expect(resolveConfig('logs', { compression: 'gzip' }, env).compression).toBe('gzip');
  });

  it('is case-insensitive in variables, reports unknown values and falls back', () => {
    expect(resolveConfig('traces', {}, { OTEL_EXPORTER_OTLP_COMPRESSION: 'GZIP' }).compression).toBe('gzip');
    const env = { OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: 'brotli', OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip' };
    expect(resolveConfig('traces', {}, env).compression).toBe('gzip');
    expect(diag.withCode('OTLPX_ERR_CONFIG_INVALID')[0]).toContain('OTEL_EXPORTER_OTLP_TRACES_COMPRESSION');
    expect(() => resolveConfig('traces', { compression: 'br' as never }, {})).toThrow(OtlpxConfigError);
  });

  it('takes a gzip level from 1 to 9', () => {
    expect(resolveConfig('traces', {}, {}).compressionLevel).toBeUndefined();
    expect(resolveConfig('traces', { compressionLevel: 9 }, {}).compressionLevel).toBe(9);
    for (const bad of [0, 10, 2.5]) {
      expect(() => resolveConfig('traces', { compressionLevel: bad }, {})).toThrow(OtlpxConfigError);
    }
  });

  it('uses zstd only when the runtime has zlib.zstdCompress, else gzip with a warning', () => {
    const c = resolveConfig('traces', { compression: 'zstd' }, {}).compression;
    expect(c).toBe(zstdAvailable ? 'zstd' : 'gzip');
    expect(diag.withCode('OTLPX_ERR_CONFIG_INVALID')).toHaveLength(zstdAvailable ? 0 : 1);
  });
});

describe('timeout', () => {
  it('defaults to 10000 ms, reads integer milliseconds with precedence', () => {
    expect(resolveConfig('traces', {}, {}).timeoutMillis).toBe(10_000);
    const env = { OTEL_EXPORTER_OTLP_TIMEOUT: '2000', OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '500' };
    expect(resolveConfig('traces', {}, env).timeoutMillis).toBe(500);
    expect(resolveConfig('metrics', {}, env).timeoutMillis).toBe(2000);
    expect(resolveConfig('metrics', { timeoutMillis: 42 }, env).timeoutMillis).toBe(42);
  });

  it('reports non-integer, zero and negative variables and falls back', () => {
    for (const bad of ['1.5', '-1', '0', '10s', 'abc']) {
      diag.clear();
      expect(resolveConfig('traces', {}, { OTEL_EXPORTER_OTLP_TIMEOUT: bad }).timeoutMillis).toBe(10_000);
      expect(diag.withCode('OTLPX_ERR_CONFIG_INVALID')).toHaveLength(1);
    }
  });

  it('throws for an invalid options.timeoutMillis', () => {
    for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, '100' as never]) {
      expect(() => resolveConfig('traces', { timeoutMillis: bad }, {})).toThrow(OtlpxConfigError);
    }
  });
});

describe('protocol', () => {
  it('defaults to http/protobuf, accepts http/json with precedence', () => {
    expect(resolveConfig('traces', {}, {}).protocol).toBe('http/protobuf');
    const env = {
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: 'http/protobuf',
    };
    expect(resolveConfig('traces', {}, env).protocol).toBe('http/json');
    expect(resolveConfig('logs', {}, env).protocol).toBe('http/protobuf');
    expect(resolveConfig('logs', { protocol: 'http/json' }, env).protocol).toBe('http/json');
  });

  it('rejects grpc in options with OTLPX_ERR_CONFIG_PROTOCOL and a clear message', () => {
    const err = catchError(() => resolveConfig('traces', { protocol: 'grpc' }, {})) as OtlpxConfigError;
    expect(err.code).toBe('OTLPX_ERR_CONFIG_PROTOCOL');
    expect(err.message).toMatch(/grpc is not supported.*http\/protobuf/);
  });

  it('reports grpc from the environment as an error and falls back', () => {
    const env = { OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' };
    expect(resolveConfig('traces', {}, env).protocol).toBe('http/json');
    expect(diag.withCode('OTLPX_ERR_CONFIG_PROTOCOL')[0]).toMatch(/^error: /);
    resolveConfig('traces', {}, { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/xml' });
    expect(diag.withCode('OTLPX_ERR_CONFIG_INVALID')).toHaveLength(1);
    expect(() => resolveConfig('traces', { protocol: 'http/xml' as never }, {})).toThrow(OtlpxConfigError);
  });
});

describe('TLS files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'otlpx-config-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const ca = file('ca.pem', 'CA');
  const traceCa = file('trace-ca.pem', 'TRACE-CA');
  const cert = file('cert.pem', 'CERT');
  const key = file('key.pem', 'KEY');

  it('reads CERTIFICATE, CLIENT_CERTIFICATE and CLIENT_KEY files, specific over generic', () => {
    const env = {
      OTEL_EXPORTER_OTLP_CERTIFICATE: ca,
      OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE: traceCa,
      OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: cert,
      OTEL_EXPORTER_OTLP_CLIENT_KEY: key,
    };
    const tls = resolveConfig('traces', {}, env).tls!;
    expect(Buffer.from(tls.ca as Uint8Array).toString()).toBe('TRACE-CA');
    expect(Buffer.from(tls.cert as Uint8Array).toString()).toBe('CERT');
    expect(Buffer.from(tls.key as Uint8Array).toString()).toBe('KEY');
    expect(Buffer.from(resolveConfig('logs', {}, env).tls!.ca as Uint8Array).toString()).toBe('CA');
  });

  it('options.tls beats files; no TLS settings gives undefined', () => {
    const tls = resolveConfig('traces', { tls: { ca: 'OPT' } }, { OTEL_EXPORTER_OTLP_CERTIFICATE: ca }).tls!;
    expect(tls.ca).toBe('OPT');
    expect(resolveConfig('traces', {}, {}).tls).toBeUndefined();
    expect(() => resolveConfig('traces', { tls: { ca: 5 as never } }, {})).toThrow(OtlpxConfigError);
  });

  it('reports an unreadable file with OTLPX_ERR_CONFIG_FILE and goes on', () => {
    const env = {
      OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE: join(dir, 'missing.pem'),
      OTEL_EXPORTER_OTLP_CERTIFICATE: ca,
    };
    expect(Buffer.from(resolveConfig('traces', {}, env).tls!.ca as Uint8Array).toString()).toBe('CA');
    expect(diag.withCode('OTLPX_ERR_CONFIG_FILE')[0]).toContain('missing.pem');
  });
});

describe('other options', () => {
  it('resolves retry, concurrency and codec, and freezes the result', () => {
    const c = resolveConfig('traces', {}, {});
    expect(c.retry).toEqual({
      maxAttempts: 6, // a request and 5 retries, as the official exporter (official-differential.test.ts)
      initialBackoffMillis: 1000,
      maxBackoffMillis: 5000,
      backoffMultiplier: 1.5,
    });
    expect(c.concurrencyLimit).toBe(30);
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.headers)).toBe(true);
    expect(resolveConfig('traces', { retry: false }, {}).retry.maxAttempts).toBe(1);
    expect(
      resolveConfig('traces', { retry: { maxAttempts: 2, initialBackoffMillis: 0 } }, {}).retry,
    ).toMatchObject({
      maxAttempts: 2,
      initialBackoffMillis: 0,
      maxBackoffMillis: 5000,
    });
    expect(() => resolveConfig('traces', { retry: { maxAttempts: 0 } }, {})).toThrow(OtlpxConfigError);
    expect(() => resolveConfig('traces', { concurrencyLimit: 0 }, {})).toThrow(OtlpxConfigError);
    expect(resolveConfig('traces', { concurrencyLimit: 4 }, {}).concurrencyLimit).toBe(4);
    expect(() => resolveConfig('traces', { codec: { contentType: 'x' } as never }, {})).toThrow(
      OtlpxConfigError,
    );
    const codec = { contentType: 'application/x-test', encode: (b: Uint8Array) => b };
    expect(resolveConfig('traces', { codec }, {}).codec).toBe(codec);
    expect(resolveConfig('traces', { httpAgentOptions: { servername: 'x' } }, {}).httpAgentOptions).toEqual({
      servername: 'x',
    });
    expect(() => resolveConfig('traces', { httpAgentOptions: 5 as never }, {})).toThrow(OtlpxConfigError);
  });

  it('reads the environment once: later changes do not affect a resolved config', () => {
    const env: Record<string, string> = { OTEL_EXPORTER_OTLP_TIMEOUT: '100' };
    const c = resolveConfig('traces', {}, env);
    env.OTEL_EXPORTER_OTLP_TIMEOUT = '200';
    expect(c.timeoutMillis).toBe(100);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}
