/**
 * The transport step of an export: codec, compression, the HTTP request, retries and the answer,
 * all under one deadline that the exporter sets (timeoutMillis from the start of `send`).
 *
 *   send(body) -> [codec] -> compress (thread pool) -> POST -> 2xx: partial success? -> done
 *                                                         -> 429/502/503/504/network: wait, POST again
 *                                                         -> 415 (codec refused): plain OTLP, POST again
 *                                                         -> other: failed
 *
 * It never throws: `send` resolves with undefined on success or an OtlpxExportError.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { compress, contentEncoding } from './compress.js';
import type { Codec, ResolvedConfig } from './config.js';
import { OtlpxExportError, report } from './errors.js';
import { readPartialSuccess, readStatusMessage } from './export-response.js';
import { type ExportStats, newExportStats } from './export-stats.js';
import { type HttpResponse, postOnce, RequestTimeout } from './http-request.js';
import { Http1Client } from './http1-client.js';
import { headersWith, lazyAgent, OptionFunctionError } from './option-functions.js';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from './retry-policy.js';
import { type SelfMetrics, selfMetrics } from './self-metrics.js';
import { Spool } from './spool.js';
import { withTracingSuppressed } from './suppress-tracing.js';
import { withinThen } from './time-limit.js';
import { VERSION } from './version.js';

const USER_AGENT = `otlpx-exporter-otlp/${VERSION}`;
const ITEM_NAMES = { traces: 'spans', metrics: 'data points', logs: 'log records', profiles: 'profiles' };

export class HttpTransport {
  readonly config: ResolvedConfig;
  readonly stats: ExportStats = newExportStats();
  /**
   * One POST, and closing the connections: over the own HTTP/1.1 client, or over a node:http
   * Agent when the user passed Agent options or asked Node for proxies.
   */
  readonly #post: (
    headers: http.OutgoingHttpHeaders,
    body: Uint8Array,
    timeoutMillis: number,
  ) => Promise<HttpResponse>;
  readonly #closeConnections: () => void;
  readonly #plainType: string;
  #codec: Codec | undefined;
  #codecAccepted = false;
  readonly #headerCache = new Map<string, http.OutgoingHttpHeaders>();
  readonly #userAgent: string;
  /** Names the headers function returned that could not be sent, reported once each (at most 64). */
  readonly #badHeaderNames = new Set<string>();
  readonly #metrics: SelfMetrics | undefined;
  #inFlight = 0;
  #idle: (() => void)[] = [];
  #shutdown = false;
  readonly #spool: Spool | undefined;
  readonly #replayInterval: number;
  #replaying = false;
  #replayTimer: NodeJS.Timeout | undefined;
  /** Injectable for tests: the jitter source. */
  random: () => number = Math.random;

  constructor(config: ResolvedConfig) {
    this.config = config;
    const url = new URL(config.url);
    const tls = config.tls;
    const certificates = { ca: pem(tls?.ca), cert: pem(tls?.cert), key: pem(tls?.key) };
    if (
      config.httpAgentOptions === undefined &&
      config.agentFactory === undefined &&
      config.keepAlive &&
      !nodeUsesEnvProxy()
    ) {
      const client = new Http1Client(url, { maxSockets: config.concurrencyLimit, tls: certificates });
      this.#post = (headers, body, timeoutMillis) => client.post(headers, body, timeoutMillis);
      this.#closeConnections = () => client.destroy();
    } else if (config.agentFactory !== undefined) {
      // The user's Agent, as it is: theirs to configure and to close.
      const agentWithin = lazyAgent(config.agentFactory, url.protocol);
      this.#post = (headers, body, timeoutMillis) =>
        withinThen(timeoutMillis, agentWithin, (agent, left) =>
          postOnce({ url, agent }, headers, body, left),
        );
      this.#closeConnections = () => {};
    } else {
      // The official exporter's `httpAgentOptions` are honoured (drop-in), keep-alive included.
      const agentOptions: https.AgentOptions = {
        maxSockets: config.concurrencyLimit,
        maxFreeSockets: Math.min(config.concurrencyLimit, 8),
        scheduling: 'lifo',
        ...config.httpAgentOptions,
        keepAlive: config.keepAlive,
      };
      for (const [field, value] of Object.entries(certificates)) {
        if (value !== undefined) agentOptions[field as keyof typeof certificates] = value;
      }
      const agent = url.protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
      this.#post = (headers, body, timeoutMillis) => postOnce({ url, agent }, headers, body, timeoutMillis);
      this.#closeConnections = () => agent.destroy();
    }
    this.#userAgent = config.userAgent ? `${config.userAgent} ${USER_AGENT}` : USER_AGENT;
    this.#metrics = selfMetrics(config.selfObsMeterProvider, config, VERSION);
    this.#plainType = config.protocol === 'http/json' ? 'application/json' : 'application/x-protobuf';
    this.#codec = config.protocol === 'http/protobuf' ? config.codec : undefined;
    this.#replayInterval = config.durable?.replayIntervalMillis ?? 5000;
    if (config.durable) {
      this.#spool = new Spool(config.durable);
      if (this.#spool.list(config.signal).length > 0) this.#scheduleReplay(0);
    }
  }

  /** Whether a `send` can start now (not shut down, under the concurrency limit). */
  get busy(): boolean {
    return this.#inFlight >= this.config.concurrencyLimit;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /**
   * Delivers one encoded request (`items` spans/points/records, for the counters). `deadline` is
   * an absolute `Date.now()` time; the default is timeoutMillis from now. In durable mode a batch
   * that could not be delivered (retryable failure, or too many exports in flight) is spooled to
   * disk instead, and counts as delivered once the spool acknowledged it.
   */
  send(body: Uint8Array, items: number, deadline?: number): Promise<OtlpxExportError | undefined> {
    return withTracingSuppressed(() => this.#send(body, items, deadline));
  }

  async #send(body: Uint8Array, items: number, deadline?: number): Promise<OtlpxExportError | undefined> {
    if (this.#shutdown) {
      return this.#failed(
        items,
        new OtlpxExportError('OTLPX_ERR_EXPORT_SHUTDOWN', 'the exporter is shut down'),
      );
    }
    const busy = this.busy;
    this.#inFlight++; // held until the batch is delivered, spooled or given up, so shutdown waits
    const endMetrics = this.#metrics?.start(items);
    const outcome = { status: 0 };
    let result: OtlpxExportError | undefined;
    try {
      result = await this.#deliverOrSpool(body, items, busy, outcome, deadline);
      return result;
    } finally {
      endMetrics?.(result, outcome.status);
      this.#release();
    }
  }

  /** Delivers (or spools) one batch; counts it. `outcome.status` gets the last HTTP status. */
  async #deliverOrSpool(
    body: Uint8Array,
    items: number,
    busy: boolean,
    outcome: { status: number },
    deadline: number | undefined,
  ): Promise<OtlpxExportError | undefined> {
    const error = busy
      ? new OtlpxExportError(
          'OTLPX_ERR_EXPORT_BUSY',
          `${this.#inFlight - 1} exports already in flight (concurrencyLimit); batch dropped`,
        )
      : await this.#deliver(
          body,
          this.#plainType,
          deadline ?? Date.now() + this.config.timeoutMillis,
          outcome,
        );
    if (!error) {
      this.stats.exportsSucceeded++;
      this.stats.itemsExported += items;
      if (this.#spool && this.#spool.bytes > 0) this.#scheduleReplay(0); // the receiver is back
      return undefined;
    }
    if (this.#spool && (error.retryable || error.code === 'OTLPX_ERR_EXPORT_BUSY')) {
      if (await this.#spool.write(this.config.signal, this.config.protocol, body, items)) {
        this.stats.itemsSpooled += items;
        report(
          'warn',
          error.code as never,
          `${error.message}; ${items} items spooled to ${this.#spool.directory}`,
        );
        this.#scheduleReplay(this.#replayInterval);
        return undefined;
      }
    }
    return this.#failed(items, error);
  }

  #release(): void {
    if (--this.#inFlight === 0) for (const resolve of this.#idle.splice(0)) resolve();
  }

  #scheduleReplay(delay: number): void {
    if (!this.#spool || this.#replayTimer !== undefined || this.#replaying || this.#shutdown) return;
    this.#replayTimer = setTimeout(() => {
      this.#replayTimer = undefined;
      void withTracingSuppressed(() => this.#replay());
    }, delay);
    this.#replayTimer.unref();
  }

  /** Re-sends spooled batches oldest first; stops at the first retryable failure and tries later. */
  async #replay(): Promise<void> {
    const spool = this.#spool!;
    const { signal, timeoutMillis } = this.config;
    this.#replaying = true;
    this.#inFlight++;
    let again = false;
    try {
      for (const name of spool.list(signal)) {
        if (this.#shutdown) return;
        const record = spool.read(name);
        if (!record) continue;
        const type = record.protocol === 'http/json' ? 'application/json' : 'application/x-protobuf';
        const error = await this.#deliver(record.body, type, Date.now() + timeoutMillis);
        if (error?.retryable) {
          again = true;
          return;
        }
        spool.remove(name);
        if (error) {
          this.stats.itemsFailed += record.items;
          report('error', error.code as never, `spooled batch ${name} refused, deleted: ${error.message}`);
        } else {
          this.stats.itemsExported += record.items;
          this.stats.itemsReplayed += record.items;
        }
      }
    } finally {
      this.#replaying = false;
      this.#release();
      if (again) this.#scheduleReplay(this.#replayInterval);
    }
  }

  /** One batch to the receiver, retries included; `outcome.status` gets the last HTTP status. */
  async #deliver(
    plain: Uint8Array,
    plainType: string,
    deadline: number,
    outcome: { status: number } = { status: 0 },
  ): Promise<OtlpxExportError | undefined> {
    const { retry } = this.config;
    let payload = await this.#encode(plain, plainType);
    let attempt = 0;
    let last: OtlpxExportError | undefined;
    for (;;) {
      attempt++;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return timeout(attempt - 1, last);
      let res: HttpResponse;
      this.stats.requests++;
      if (attempt > 1) this.stats.retries++;
      this.stats.bytesSent += payload.body.length;
      try {
        res = await this.#postWithHeaders(payload.headers, payload.body, remaining);
      } catch (err) {
        if (err instanceof RequestTimeout) return timeout(attempt, last, err);
        last =
          err instanceof OptionFunctionError
            ? new OtlpxExportError(
                err.option === 'headers' ? 'OTLPX_ERR_EXPORT_HEADERS' : 'OTLPX_ERR_EXPORT_AGENT',
                `options.${err.message}`,
                { attempts: attempt, retryable: true, cause: err },
              )
            : new OtlpxExportError('OTLPX_ERR_EXPORT_NETWORK', `request failed: ${(err as Error).message}`, {
                attempts: attempt,
                retryable: true,
                cause: err,
              });
        if (!(await this.#wait(attempt, undefined, deadline, retry.maxAttempts))) return last;
        continue;
      }
      const status = res.status;
      outcome.status = status;
      if (status >= 200 && status < 300) {
        if (payload.codec) this.#codecAccepted = true;
        this.#partialSuccess(res.body);
        return undefined;
      }
      if (payload.codec && (status === 415 || (status === 400 && !this.#codecAccepted))) {
        this.#dropCodec(status);
        payload = await this.#encode(plain, plainType);
        attempt--; // the receiver did not look at the data: this is not a retry
        continue;
      }
      const detail = readStatusMessage(header(res.headers['content-type']), res.body);
      const retryable = isRetryableStatus(status);
      last = new OtlpxExportError(
        'OTLPX_ERR_EXPORT_HTTP',
        `${this.config.url} answered ${status}${detail ? `: ${detail}` : ''}`,
        { statusCode: status, attempts: attempt, retryable },
      );
      if (!retryable) return last;
      const retryAfter = parseRetryAfter(res.headers['retry-after'], Date.now());
      if (!(await this.#wait(attempt, retryAfter, deadline, retry.maxAttempts))) return last;
    }

    function timeout(attempts: number, previous: OtlpxExportError | undefined, cause?: unknown) {
      const why = previous ? ` (last failure: ${previous.message})` : '';
      return new OtlpxExportError(
        'OTLPX_ERR_EXPORT_TIMEOUT',
        `export deadline passed after ${attempts} requests${why}`,
        {
          statusCode: previous?.statusCode,
          attempts,
          retryable: true,
          cause,
        },
      );
    }
  }

  /** One POST; with a headers function, its headers are fetched first, within the same time. */
  #postWithHeaders(
    headers: http.OutgoingHttpHeaders,
    body: Uint8Array,
    timeoutMillis: number,
  ): Promise<HttpResponse> {
    const factory = this.config.headersFactory;
    if (factory === undefined) return this.#post(headers, body, timeoutMillis); // no extra async hop
    return withinThen(
      timeoutMillis,
      (limit) => headersWith(factory, headers, limit, this.#badHeaderNames),
      (withExtra, left) => this.#post(withExtra, body, left),
    );
  }

  /** Waits before the next retry; false when no retry fits in the attempt budget or the deadline. */
  async #wait(
    attempt: number,
    retryAfter: number | undefined,
    deadline: number,
    maxAttempts: number,
  ): Promise<boolean> {
    if (attempt >= maxAttempts || this.#shutdown) return false;
    const delay = retryAfter ?? backoffDelay(attempt, this.config.retry, this.random);
    if (Date.now() + delay >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, delay));
    return true;
  }

  async #encode(
    plain: Uint8Array,
    plainType: string,
  ): Promise<{ body: Uint8Array; headers: http.OutgoingHttpHeaders; codec: boolean }> {
    const codec = plainType === 'application/x-protobuf' ? this.#codec : undefined;
    let body = plain;
    let contentType = plainType;
    if (codec) {
      try {
        body = await codec.encode(plain);
        contentType = codec.contentType;
      } catch (err) {
        report(
          'warn',
          'OTLPX_ERR_EXPORT_CODEC',
          `codec failed (${(err as Error).message}); sending plain OTLP`,
        );
        body = plain;
      }
    }
    body = await compress(body, this.config.compression, this.config.compressionLevel);
    // One header object per content type, built once (the client caches its bytes); the
    // content-length is added per request.
    return { body, headers: this.#headers(contentType), codec: contentType !== plainType };
  }

  #headers(contentType: string): http.OutgoingHttpHeaders {
    let headers = this.#headerCache.get(contentType);
    if (headers === undefined) {
      headers = { 'user-agent': this.#userAgent, ...this.config.headers, 'content-type': contentType };
      const encoding = contentEncoding(this.config.compression);
      if (encoding) headers['content-encoding'] = encoding;
      this.#headerCache.set(contentType, headers);
    }
    return headers;
  }

  #dropCodec(status: number): void {
    const codec = this.#codec;
    this.#codec = undefined;
    this.stats.codecFallbacks++;
    report(
      'warn',
      'OTLPX_ERR_EXPORT_CODEC',
      `receiver answered ${status} to ${codec?.contentType}: it does not understand the codec; sending plain OTLP from now on`,
    );
    try {
      codec?.reset?.();
    } catch {
      // A codec's reset failing must not fail the export.
    }
  }

  #partialSuccess(body: Uint8Array): void {
    const { signal, protocol } = this.config;
    const partial = readPartialSuccess(signal, protocol, body);
    if (!partial) return;
    this.stats.itemsRejected += partial.rejected;
    report(
      'warn',
      'OTLPX_ERR_EXPORT_PARTIAL',
      `receiver rejected ${partial.rejected} ${ITEM_NAMES[signal]}${partial.errorMessage ? `: ${partial.errorMessage}` : ''}`,
    );
  }

  #failed(items: number, error: OtlpxExportError): OtlpxExportError {
    this.stats.exportsFailed++;
    this.stats.itemsFailed += items;
    report('error', error.code as never, error.message);
    return error;
  }

  /** Resolves when no export is in flight. */
  idle(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Stops accepting exports, lets the ones in flight finish, then closes the sockets. */
  async shutdown(): Promise<void> {
    this.#shutdown = true;
    if (this.#replayTimer !== undefined) clearTimeout(this.#replayTimer);
    this.#replayTimer = undefined;
    await this.idle();
    this.#closeConnections();
  }
}

/**
 * Whether Node was asked to route node:http through HTTP_PROXY / HTTPS_PROXY (Node >= 22.21 and
 * 24: NODE_USE_ENV_PROXY=1 or --use-env-proxy); the own client does not speak to proxies, so
 * the Agent is used then.
 */
export function nodeUsesEnvProxy(
  env: NodeJS.ProcessEnv = process.env,
  execArgv: readonly string[] = process.execArgv,
): boolean {
  const flag = '--use-env-proxy';
  return (
    (env.NODE_USE_ENV_PROXY !== undefined &&
      env.NODE_USE_ENV_PROXY !== '' &&
      env.NODE_USE_ENV_PROXY !== '0') ||
    execArgv.includes(flag) ||
    (env.NODE_OPTIONS ?? '').split(/\s+/).includes(flag)
  );
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function pem(value: string | Uint8Array | undefined): string | Buffer | undefined {
  return value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.length) : value;
}
