/**
 * The one configuration resolver of the package, exactly per the OTLP exporter specification:
 * constructor options > OTEL_EXPORTER_OTLP_<SIGNAL>_* > OTEL_EXPORTER_OTLP_* > defaults.
 * Resolved once, at construction, into a frozen object; nothing reads the environment later.
 *
 * Invalid constructor options throw OtlpxConfigError (a programming error, found at start-up).
 * Invalid environment values never throw: they are reported through `diag` with their code and
 * the next lower level applies, so a bad variable cannot take an application down.
 */
import { readFileSync } from 'node:fs';
import type { Agent } from 'node:http';
import type { AgentOptions } from 'node:https';
import * as zlib from 'node:zlib';
import type { MeterProvider } from '@opentelemetry/api';
import { type ExporterErrorCode, OtlpxConfigError, report } from './errors.js';
import { isHeaderValue, isToken, parseHeaders } from './headers.js';
import type { SpoolOptions } from './spool.js';

export type Signal = 'traces' | 'metrics' | 'logs' | 'profiles';
export type Protocol = 'http/protobuf' | 'http/json';
export type Compression = 'none' | 'gzip' | 'zstd';

/**
 * A payload codec (e.g. @otlpx/tracezip). It gets the OTLP/protobuf request bytes and returns
 * what is sent with its content type. When the receiver answers 415 (or 400 before the codec was
 * ever accepted) the exporter re-sends that batch as plain OTLP, calls `reset()` and stops using
 * the codec.
 */
export interface Codec {
  readonly contentType: string;
  encode(request: Uint8Array): Uint8Array | Promise<Uint8Array>;
  reset?(): void;
}

/**
 * Headers computed for every request (a token that rotates, say), as the official exporter's
 * `headers` function; it may be async. Its result is merged over the environment's headers.
 */
export type HeadersFactory = () => Record<string, string> | Promise<Record<string, string>>;

/**
 * Makes the node:http/https Agent for the endpoint's protocol (`'http:'` or `'https:'`), as the
 * official exporter's `httpAgentOptions` function. Called once, at the first request.
 */
export type HttpAgentFactory = (protocol: string) => Agent | Promise<Agent>;

export interface RetryOptions {
  /** Requests per export, the first included. Default 6: one and 5 retries, as the official exporter. */
  maxAttempts?: number;
  /** Default 1000. */
  initialBackoffMillis?: number;
  /** Default 5000. */
  maxBackoffMillis?: number;
  /** Default 1.5. */
  backoffMultiplier?: number;
}

export interface TlsOptions {
  /** PEM trust roots (replaces the default CAs). Env: *_CERTIFICATE (a file path). */
  ca?: string | Uint8Array;
  /** PEM client certificate for mTLS. Env: *_CLIENT_CERTIFICATE. */
  cert?: string | Uint8Array;
  /** PEM client private key for mTLS. Env: *_CLIENT_KEY. */
  key?: string | Uint8Array;
}

export interface OtlpExporterOptions {
  /** Full URL, used as-is. Env: OTEL_EXPORTER_OTLP_<SIGNAL>_ENDPOINT, OTEL_EXPORTER_OTLP_ENDPOINT (+ /v1/<signal>). */
  url?: string;
  /**
   * Extra request headers, merged over the environment's (per key, case-insensitive); or a
   * function that returns them for each request.
   */
  headers?: Record<string, string> | HeadersFactory;
  compression?: Compression;
  /** gzip level 1 (fastest, the default) to 9 (smallest); zstd uses its default. */
  compressionLevel?: number;
  /** Deadline of one export, retries included, in ms. Default 10000. */
  timeoutMillis?: number;
  protocol?: Protocol | 'grpc';
  /** Exports in flight at once; one more fails fast with OTLPX_ERR_EXPORT_BUSY. Default 30. */
  concurrencyLimit?: number;
  /** `false` disables retries. */
  retry?: RetryOptions | false;
  tls?: TlsOptions;
  /** Payload codec for http/protobuf (see Codec). */
  codec?: Codec;
  /**
   * node:http/https Agent options, as the official exporter's `httpAgentOptions` (e.g. `ca`,
   * `servername`, `maxSockets`; `tls` and the certificate variables win for ca/cert/key), or a
   * function that makes the Agent (then it is used as it is).
   */
  httpAgentOptions?: AgentOptions | HttpAgentFactory;
  /**
   * `false`: a new connection per request, closed after the answer (as the official option;
   * `httpAgentOptions.keepAlive` wins). Default true.
   */
  keepAlive?: boolean;
  /** Put in front of the exporter's own User-Agent: `<userAgent> otlpx-exporter-otlp/<version>`. */
  userAgent?: string;
  /**
   * Where the exporter records the semantic conventions' SDK metrics about itself
   * (`otel.sdk.exporter.*`), as the official exporter does with this option.
   */
  selfObsMeterProvider?: MeterProvider;
  /** Durable mode: batches that cannot be delivered go to an on-disk spool and are re-sent later. */
  durable?: SpoolOptions;
}

export interface ResolvedConfig {
  readonly signal: Signal;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** options.headers when it is a function: called for each request, merged over `headers`. */
  readonly headersFactory: HeadersFactory | undefined;
  readonly compression: Compression;
  readonly compressionLevel: number | undefined;
  readonly timeoutMillis: number;
  readonly protocol: Protocol;
  readonly concurrencyLimit: number;
  readonly retry: Readonly<Required<RetryOptions>>;
  readonly tls: Readonly<TlsOptions> | undefined;
  readonly codec: Codec | undefined;
  readonly httpAgentOptions: Readonly<AgentOptions> | undefined;
  readonly agentFactory: HttpAgentFactory | undefined;
  readonly keepAlive: boolean;
  readonly userAgent: string | undefined;
  readonly selfObsMeterProvider: MeterProvider | undefined;
  readonly durable: Readonly<SpoolOptions> | undefined;
}

export type Env = Record<string, string | undefined>;

const SIGNAL_PATH: Record<Signal, string> = {
  traces: 'v1/traces',
  metrics: 'v1/metrics',
  logs: 'v1/logs',
  profiles: 'v1development/profiles',
};
const DEFAULT_BASE = 'http://localhost:4318/';
const DEFAULT_TIMEOUT = 10_000;
const DEFAULT_CONCURRENCY = 30;
const DEFAULT_RETRY: Required<RetryOptions> = Object.freeze({
  maxAttempts: 6,
  initialBackoffMillis: 1000,
  maxBackoffMillis: 5000,
  backoffMultiplier: 1.5,
});
const NO_RETRY: Required<RetryOptions> = Object.freeze({ ...DEFAULT_RETRY, maxAttempts: 1 });

/** Whether this runtime can compress with zstd (Node >= 22.15). */
export const zstdAvailable = typeof (zlib as { zstdCompress?: unknown }).zstdCompress === 'function';

/** The environment variable names of one setting, most specific first. */
function names(signal: Signal, key: string): [string, string] {
  return [`OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_${key}`, `OTEL_EXPORTER_OTLP_${key}`];
}

/** A variable's value, or undefined when unset or empty (the spec treats empty as unset). */
function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function bad(code: ExporterErrorCode, source: string, message: string): void {
  report('warn', code, `${source}: ${message}; ignored`);
}

export function resolveConfig(
  signal: Signal,
  options: OtlpExporterOptions = {},
  env: Env = process.env,
): ResolvedConfig {
  const specific = (key: string) => names(signal, key)[0];
  const generic = (key: string) => names(signal, key)[1];

  // Endpoint: options and the signal-specific variable are used as-is; the generic variable is a
  // base URL that gets the signal's path appended (exactly one slash between them).
  let url: string | undefined;
  if (options.url !== undefined) url = checkUrl(options.url, 'options.url', true);
  url ??= fromEnvUrl(env, specific('ENDPOINT'), false);
  url ??= fromEnvUrl(env, generic('ENDPOINT'), true, SIGNAL_PATH[signal]);
  url ??= appendPath(DEFAULT_BASE, SIGNAL_PATH[signal]);

  // Headers: generic < specific < options, merged per (lower-cased) key.
  const headers: Record<string, string> = {};
  Object.assign(headers, parseHeaders(read(env, generic('HEADERS')), generic('HEADERS')));
  Object.assign(headers, parseHeaders(read(env, specific('HEADERS')), specific('HEADERS')));
  let headersFactory: HeadersFactory | undefined;
  if (typeof options.headers === 'function') headersFactory = options.headers;
  else if (options.headers !== undefined) {
    if (typeof options.headers !== 'object' || options.headers === null) {
      throw new OtlpxConfigError(
        'OTLPX_ERR_CONFIG_INVALID',
        'options.headers',
        'must be an object of strings or a function that returns one',
      );
    }
    for (const [key, value] of Object.entries(options.headers)) {
      if (!isToken(key) || typeof value !== 'string' || !isHeaderValue(value)) {
        throw new OtlpxConfigError(
          'OTLPX_ERR_CONFIG_INVALID',
          'options.headers',
          `invalid header ${JSON.stringify(key)}: names are HTTP tokens, values strings without control characters`,
        );
      }
      headers[key.toLowerCase()] = value;
    }
  }

  const compression =
    pickCompression(options.compression, 'options.compression', true) ??
    pickCompression(read(env, specific('COMPRESSION')), specific('COMPRESSION'), false) ??
    pickCompression(read(env, generic('COMPRESSION')), generic('COMPRESSION'), false) ??
    'none';

  const level = options.compressionLevel;
  if (level !== undefined && (!Number.isInteger(level) || level < 1 || level > 9)) {
    throw new OtlpxConfigError(
      'OTLPX_ERR_CONFIG_INVALID',
      'options.compressionLevel',
      'must be an integer from 1 to 9',
    );
  }

  const timeoutMillis =
    pickTimeout(options.timeoutMillis, 'options.timeoutMillis', true) ??
    pickTimeout(read(env, specific('TIMEOUT')), specific('TIMEOUT'), false) ??
    pickTimeout(read(env, generic('TIMEOUT')), generic('TIMEOUT'), false) ??
    DEFAULT_TIMEOUT;

  const protocol =
    pickProtocol(options.protocol, 'options.protocol', true) ??
    pickProtocol(read(env, specific('PROTOCOL')), specific('PROTOCOL'), false) ??
    pickProtocol(read(env, generic('PROTOCOL')), generic('PROTOCOL'), false) ??
    'http/protobuf';

  let concurrencyLimit = DEFAULT_CONCURRENCY;
  if (options.concurrencyLimit !== undefined) {
    if (!Number.isInteger(options.concurrencyLimit) || options.concurrencyLimit < 1) {
      throw new OtlpxConfigError(
        'OTLPX_ERR_CONFIG_INVALID',
        'options.concurrencyLimit',
        'must be an integer >= 1',
      );
    }
    concurrencyLimit = options.concurrencyLimit;
  }

  const tls = resolveTls(options.tls, env, specific, generic);

  if (options.codec !== undefined) {
    const codec = options.codec as Partial<Codec> | null;
    if (!codec || typeof codec.contentType !== 'string' || typeof codec.encode !== 'function') {
      throw new OtlpxConfigError(
        'OTLPX_ERR_CONFIG_INVALID',
        'options.codec',
        'must be an object with a contentType string and an encode(bytes) function',
      );
    }
  }

  const durable = resolveDurable(options.durable);
  const agent = resolveAgent(options.httpAgentOptions);
  if (options.keepAlive !== undefined && typeof options.keepAlive !== 'boolean') {
    throw new OtlpxConfigError('OTLPX_ERR_CONFIG_INVALID', 'options.keepAlive', 'must be a boolean');
  }
  const userAgent = options.userAgent;
  if (userAgent !== undefined && (typeof userAgent !== 'string' || !isHeaderValue(userAgent))) {
    throw new OtlpxConfigError(
      'OTLPX_ERR_CONFIG_INVALID',
      'options.userAgent',
      'must be a string without control characters',
    );
  }
  const meterProvider = options.selfObsMeterProvider;
  if (meterProvider !== undefined && typeof meterProvider?.getMeter !== 'function') {
    throw new OtlpxConfigError(
      'OTLPX_ERR_CONFIG_INVALID',
      'options.selfObsMeterProvider',
      'must be a MeterProvider (an object with getMeter)',
    );
  }

  return Object.freeze({
    signal,
    url,
    headers: Object.freeze(headers),
    headersFactory,
    compression,
    compressionLevel: level,
    timeoutMillis,
    protocol,
    concurrencyLimit,
    retry: resolveRetry(options.retry),
    tls,
    codec: options.codec,
    httpAgentOptions: agent.options,
    agentFactory: agent.factory,
    // As the official exporter: the Agent options' own keepAlive, then the option, then on.
    keepAlive: agent.options?.keepAlive ?? options.keepAlive ?? true,
    userAgent: userAgent || undefined,
    selfObsMeterProvider: meterProvider,
    durable,
  });
}

function resolveAgent(value: AgentOptions | HttpAgentFactory | undefined): {
  options?: Readonly<AgentOptions>;
  factory?: HttpAgentFactory;
} {
  if (value === undefined) return {};
  if (typeof value === 'function') return { factory: value };
  if (typeof value !== 'object' || value === null) {
    throw new OtlpxConfigError(
      'OTLPX_ERR_CONFIG_INVALID',
      'options.httpAgentOptions',
      'must be an object of Agent options or a function that returns an Agent',
    );
  }
  return { options: Object.freeze({ ...value }) };
}

function resolveDurable(durable: SpoolOptions | undefined): Readonly<SpoolOptions> | undefined {
  if (durable === undefined) return undefined;
  if (typeof durable?.directory !== 'string' || durable.directory === '') {
    throw new OtlpxConfigError(
      'OTLPX_ERR_CONFIG_INVALID',
      'options.durable.directory',
      'must be a directory path',
    );
  }
  const max = durable.maxBytes;
  if (max !== undefined && (!Number.isInteger(max) || max < 1024)) {
    throw new OtlpxConfigError(
      'OTLPX_ERR_CONFIG_INVALID',
      'options.durable.maxBytes',
      'must be an integer >= 1024',
    );
  }
  const interval = durable.replayIntervalMillis;
  if (interval !== undefined && (!Number.isFinite(interval) || interval < 0)) {
    throw new OtlpxConfigError(
      'OTLPX_ERR_CONFIG_INVALID',
      'options.durable.replayIntervalMillis',
      'must be a number >= 0',
    );
  }
  return Object.freeze({ directory: durable.directory, maxBytes: max, replayIntervalMillis: interval });
}

/**
 * The URL of one signal under a base endpoint, by the rule of `OTEL_EXPORTER_OTLP_ENDPOINT`
 * (`http://collector:4318` -> `http://collector:4318/v1/traces`), for callers that configure several
 * exporters from one base (otlpx's `start()`). Throws TypeError on a base that is not a URL.
 */
export function signalUrl(base: string, signal: Signal): string {
  return appendPath(base, SIGNAL_PATH[signal]);
}

/** `base` + `/` + `path`, keeping base's own path and query, with exactly one slash between. */
export function appendPath(base: string, path: string): string {
  const u = new URL(base);
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/${path}`;
  return u.toString();
}

function checkUrl(value: unknown, source: string, strict: boolean): string | undefined {
  let ok = false;
  if (typeof value === 'string') {
    try {
      const u = new URL(value);
      ok = u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      ok = false;
    }
  }
  if (ok) return value as string;
  const message = `${JSON.stringify(value)} is not an http:// or https:// URL`;
  if (strict) throw new OtlpxConfigError('OTLPX_ERR_CONFIG_INVALID', source, message);
  bad('OTLPX_ERR_CONFIG_INVALID', source, message);
  return undefined;
}

function fromEnvUrl(env: Env, name: string, isBase: boolean, path = ''): string | undefined {
  const value = read(env, name);
  if (value === undefined) return undefined;
  const url = checkUrl(value, name, false);
  if (url === undefined) return undefined;
  return isBase ? appendPath(url, path) : url;
}

function pickCompression(value: unknown, source: string, strict: boolean): Compression | undefined {
  if (value === undefined) return undefined;
  const v = typeof value === 'string' ? value.toLowerCase() : value;
  if (v === 'none' || v === 'gzip') return v;
  if (v === 'zstd') {
    if (zstdAvailable) return 'zstd';
    report('warn', 'OTLPX_ERR_CONFIG_INVALID', `${source}: zstd needs Node >= 22.15; using gzip`);
    return 'gzip';
  }
  const message = `${JSON.stringify(value)} is not one of gzip, none${zstdAvailable ? ', zstd' : ''}`;
  if (strict) throw new OtlpxConfigError('OTLPX_ERR_CONFIG_INVALID', source, message);
  bad('OTLPX_ERR_CONFIG_INVALID', source, message);
  return undefined;
}

function pickTimeout(value: unknown, source: string, strict: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = !strict && typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n === 'number' && Number.isFinite(n) && n > 0) return n;
  const message = `${JSON.stringify(value)} is not a positive number of milliseconds`;
  if (strict) throw new OtlpxConfigError('OTLPX_ERR_CONFIG_INVALID', source, message);
  bad('OTLPX_ERR_CONFIG_INVALID', source, message);
  return undefined;
}

function pickProtocol(value: unknown, source: string, strict: boolean): Protocol | undefined {
  if (value === undefined) return undefined;
  if (value === 'http/protobuf' || value === 'http/json') return value;
  const grpc = value === 'grpc';
  const code = grpc ? 'OTLPX_ERR_CONFIG_PROTOCOL' : 'OTLPX_ERR_CONFIG_INVALID';
  const message = grpc
    ? 'grpc is not supported: @otlpx/exporter-otlp speaks OTLP/HTTP only; use http/protobuf (port 4318)'
    : `${JSON.stringify(value)} is not one of http/protobuf, http/json`;
  if (strict) throw new OtlpxConfigError(code, source, message);
  report(grpc ? 'error' : 'warn', code, `${source}: ${message}; ignored`);
  return undefined;
}

function resolveTls(
  options: TlsOptions | undefined,
  env: Env,
  specific: (key: string) => string,
  generic: (key: string) => string,
): Readonly<TlsOptions> | undefined {
  const tls: TlsOptions = {};
  const files: [keyof TlsOptions, string][] = [
    ['ca', 'CERTIFICATE'],
    ['cert', 'CLIENT_CERTIFICATE'],
    ['key', 'CLIENT_KEY'],
  ];
  for (const [field, key] of files) {
    const fromOptions = options?.[field];
    if (fromOptions !== undefined) {
      if (typeof fromOptions !== 'string' && !(fromOptions instanceof Uint8Array)) {
        throw new OtlpxConfigError(
          'OTLPX_ERR_CONFIG_INVALID',
          `options.tls.${field}`,
          'must be PEM text or bytes',
        );
      }
      tls[field] = fromOptions;
      continue;
    }
    const value = readFile(env, specific(key)) ?? readFile(env, generic(key));
    if (value !== undefined) tls[field] = value;
  }
  return tls.ca === undefined && tls.cert === undefined && tls.key === undefined
    ? undefined
    : Object.freeze(tls);
}

function readFile(env: Env, name: string): Uint8Array | undefined {
  const path = read(env, name);
  if (path === undefined) return undefined;
  try {
    return readFileSync(path);
  } catch (err) {
    bad('OTLPX_ERR_CONFIG_FILE', name, `cannot read ${path} (${(err as Error).message})`);
    return undefined;
  }
}

function resolveRetry(retry: RetryOptions | false | undefined): Readonly<Required<RetryOptions>> {
  if (retry === false) return NO_RETRY;
  if (retry === undefined) return DEFAULT_RETRY;
  const out = { ...DEFAULT_RETRY };
  for (const key of Object.keys(DEFAULT_RETRY) as (keyof RetryOptions)[]) {
    const value = retry[key];
    if (value === undefined) continue;
    const min = key === 'maxAttempts' || key === 'backoffMultiplier' ? 1 : 0;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
      throw new OtlpxConfigError(
        'OTLPX_ERR_CONFIG_INVALID',
        `options.retry.${key}`,
        `must be a number >= ${min}`,
      );
    }
    out[key] = value;
  }
  return Object.freeze(out);
}
