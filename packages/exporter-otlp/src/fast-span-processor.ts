/**
 * A BatchSpanProcessor replacement that writes each span into the pending batch as it ends, so
 * the queue holds bytes, not ReadableSpans, and an export only puts the envelope around those
 * bytes and sends them.
 *
 *   onEnd(span) -> open SpanBatch (@otlpx/proto/sdk span record into a pooled buffer)
 *   open SpanBatch --(maxExportBatchSize reached | scheduledDelayMillis)--> sealed
 *   sealed batches --(at most maxConcurrentExports in flight)--> OtlpTraceExporter.exportBatch
 *
 * Spans that end in a burst (one task ending many) are written together, at most
 * `encodeChunkSize` (default 16) at a time and at the latest in a microtask queued by the first
 * of them, so no ReadableSpan outlives the task in which it ended; a span that ends alone is
 * written at once. Writing them back to back rather than each between the SDK's own work made
 * the writing ~20 % cheaper per span (the encoder's code and tables stay hot), measured in situ
 * with `benchmarks/encode/span-writer-ab.mjs <dist> <dist> --chunk-b N`: HTTP server spans
 * 1,384-1,606 -> 1,111-1,272 ns per span with N = 16-256 (B / A 0.78-0.82; N = 4: 0.89, N = 2:
 * 0.94), a service's interleaved spans 0.90-0.92; the closed loop of benchmarks/export-e2e with
 * gzip delivered 220-229k spans/s against 195-209k (four alternating pairs).
 *
 * Memory is bounded by maxQueueSize spans and maxQueueBytes encoded bytes (open + sealed +
 * in flight); beyond that spans are dropped and counted. forceFlush sends everything ended
 * before the call and settles when those exports finish; shutdown flushes, then shuts the
 * exporter down. As the SDK's BatchSpanProcessor (and the spec: ForceFlush lets the caller know
 * whether it failed), both reject with the export error when a batch they sent was not
 * delivered; failures also go to `diag` and the counters.
 */
import { diag } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OtlpxConfigError, report } from './errors.js';
import type { OtlpTraceExporter } from './otlp-trace-exporter.js';
import {
  type FastSpanProcessorOptions,
  type ResolvedProcessorConfig,
  resolveProcessorConfig,
} from './processor-config.js';
import { type ProcessorMetrics, processorMetrics } from './processor-metrics.js';
import type { SpanBatch } from './span-batch.js';
import { VERSION } from './version.js';

export interface SpanProcessorStats {
  /** Spans accepted into the queue. */
  spansQueued: number;
  /** Spans dropped: queue full, encoding failed, or ended after shutdown. */
  spansDropped: number;
  /** Spans in exports that succeeded. */
  spansExported: number;
  /** Spans in exports that failed (after the exporter's retries). */
  spansFailed: number;
  /** Spans held right now (open, sealed and in flight). */
  queueLength: number;
  /** Encoded bytes held right now. */
  queueBytes: number;
  /** Requests the exporter retried. */
  retries: number;
  /** Bytes the exporter sent (after compression). */
  bytesSent: number;
}

const RESOLVED = Promise.resolve();
/**
 * Spans that end closer together than this are taken to end in one task. The SDK takes ~3 µs
 * to make and end a span, so spans ended back to back are 3-10 µs apart.
 */
const BURST_MS = 0.02;
const SAMPLED = 1;

interface Sealed {
  batch: SpanBatch;
  done: Promise<void>;
  resolve: () => void;
  /** Why the batch was not delivered, once its export has settled. */
  error?: Error;
}

export class FastSpanProcessor implements SpanProcessor {
  readonly #exporter: OtlpTraceExporter;
  readonly #config: ResolvedProcessorConfig;
  #open: SpanBatch;
  #chunk: ReadableSpan[] = [];
  /** The end time (ms) of the last span that reached #endedInBurst. */
  #lastEndMs = 0;
  /** Writes the chunk at the end of the task its first span ended in. */
  readonly #encodeChunkLater = () => this.#encodeChunk();
  readonly #sealed: Sealed[] = [];
  readonly #inFlight = new Set<Sealed>();
  #timer: NodeJS.Timeout | undefined;
  #queued = 0;
  #queuedBytes = 0;
  #closed = false;
  #shutdown: Promise<void> | undefined;
  #lastDropReport = 0;
  readonly #stats = { spansQueued: 0, spansDropped: 0, spansExported: 0, spansFailed: 0 };
  readonly #metrics: ProcessorMetrics | undefined;

  constructor(exporter: OtlpTraceExporter, options: FastSpanProcessorOptions = {}) {
    if (typeof (exporter as Partial<OtlpTraceExporter>)?.exportBatch !== 'function') {
      throw new OtlpxConfigError(
        'OTLPX_ERR_CONFIG_INVALID',
        'exporter',
        'FastSpanProcessor needs an OtlpTraceExporter (it sends pre-encoded batches); use BatchSpanProcessor for other exporters',
      );
    }
    this.#exporter = exporter;
    this.#config = resolveProcessorConfig(options);
    this.#open = exporter.newBatch();
    this.#metrics = processorMetrics(
      options.selfObsMeterProvider,
      this.#config.maxQueueSize,
      () => this.#queued,
      VERSION,
    );
  }

  onStart(_span: Span): void {}

  onEnd(span: ReadableSpan): void {
    if (this.#closed) {
      this.#stats.spansDropped++;
      return;
    }
    if ((span.spanContext().traceFlags & SAMPLED) === 0) return;
    const config = this.#config;
    if (this.#queued >= config.maxQueueSize || this.#queuedBytes >= config.maxQueueBytes) {
      this.#drop('the queue is full (maxQueueSize / maxQueueBytes): exports cannot keep up');
      return;
    }
    this.#queued++;
    this.#stats.spansQueued++;
    const chunk = this.#chunk;
    if (config.encodeChunkSize === 1 || (!this.#endedInBurst(span) && chunk.length === 0)) {
      this.#encode(span); // no array, no microtask
    } else {
      if (chunk.length === 0) RESOLVED.then(this.#encodeChunkLater);
      chunk.push(span);
      if (chunk.length >= config.encodeChunkSize) this.#encodeChunk();
    }
    const pending = this.#open.count + this.#chunk.length;
    if (pending >= config.maxExportBatchSize) {
      this.#seal();
      this.#pump();
    } else if (pending === 1) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#seal();
        this.#pump();
      }, config.scheduledDelayMillis);
      this.#timer.unref();
    }
  }

  /**
   * Whether `span` ended within BURST_MS of the span before it (by their end times, which the
   * SDK has already taken): then more spans are likely to end in this task and it waits in the
   * chunk. A span that ends alone is written at once, without the microtask: one microtask per
   * span cost 2-7 % more CPU per span in a loop that ended one span per event-loop turn (whose
   * spans, ~5 µs apart, this still takes for a burst; a wrong guess costs only that microtask).
   */
  #endedInBurst(span: ReadableSpan): boolean {
    const end = span.endTime;
    if (end === undefined) return false;
    const endMs = end[0] * 1e3 + end[1] / 1e6;
    const gap = endMs - this.#lastEndMs;
    this.#lastEndMs = endMs;
    return gap >= 0 && gap < BURST_MS;
  }

  /** Writes the waiting spans into the open batch. */
  #encodeChunk(): void {
    const chunk = this.#chunk;
    if (chunk.length === 0) return;
    this.#chunk = [];
    for (let i = 0; i < chunk.length; i++) this.#encode(chunk[i]);
  }

  /** Writes one queued span into the open batch; a span that cannot be encoded is dropped. */
  #encode(span: ReadableSpan): void {
    const open = this.#open;
    const before = open.bytes;
    try {
      open.add(span);
    } catch (err) {
      this.#queued--;
      this.#stats.spansQueued--;
      this.#stats.spansDropped++;
      this.#metrics?.processed(1, 'OTLPX_ERR_EXPORT_ENCODE');
      report(
        'error',
        'OTLPX_ERR_EXPORT_ENCODE',
        `span "${span.name}" could not be encoded: ${(err as Error).message}`,
      );
      return;
    }
    this.#queuedBytes += open.bytes - before;
  }

  /**
   * Sends every span ended before this call; settles when those exports have finished, rejecting
   * with the first export error if one of them was not delivered.
   */
  async forceFlush(): Promise<void> {
    this.#seal();
    const waiting = [...this.#inFlight, ...this.#sealed];
    this.#pump();
    await Promise.all(waiting.map((s) => s.done));
    await this.#exporter.forceFlush();
    const failed = waiting.find((s) => s.error !== undefined);
    if (failed) throw failed.error;
  }

  /**
   * Flushes, then shuts the exporter down (also when the flush failed, whose error it then
   * rejects with). Idempotent; spans ending later are dropped.
   */
  shutdown(): Promise<void> {
    this.#shutdown ??= (async () => {
      this.#closed = true;
      let flushError: unknown;
      await this.forceFlush().catch((err: unknown) => {
        flushError = err;
      });
      this.#metrics?.shutdown();
      await this.#exporter.shutdown();
      if (flushError !== undefined) throw flushError;
    })();
    return this.#shutdown;
  }

  stats(): SpanProcessorStats {
    const exporter = this.#exporter.stats();
    return {
      ...this.#stats,
      queueLength: this.#queued,
      queueBytes: this.#queuedBytes,
      retries: exporter.retries,
      bytesSent: exporter.bytesSent,
    };
  }

  #drop(why: string): void {
    this.#stats.spansDropped++;
    this.#metrics?.processed(1, 'queue_full');
    const now = Date.now();
    if (now - this.#lastDropReport >= 10_000) {
      this.#lastDropReport = now;
      report(
        'warn',
        'OTLPX_ERR_QUEUE_FULL',
        `span dropped: ${why} (${this.#stats.spansDropped} dropped so far)`,
      );
    }
  }

  #seal(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    this.#encodeChunk();
    if (this.#open.count === 0) return; // the empty open batch is kept (and reused)
    let resolve!: () => void;
    const done = new Promise<void>((r) => {
      resolve = r;
    });
    this.#sealed.push({ batch: this.#open, done, resolve });
    this.#open = this.#exporter.newBatch();
  }

  #pump(): void {
    while (this.#inFlight.size < this.#config.maxConcurrentExports && this.#sealed.length > 0) {
      const sealed = this.#sealed.shift()!;
      this.#inFlight.add(sealed);
      this.#send(sealed);
    }
  }

  async #send(sealed: Sealed): Promise<void> {
    const { batch } = sealed;
    try {
      const error = await this.#exporter.exportBatch(batch, Date.now() + this.#config.exportTimeoutMillis);
      sealed.error = error;
      if (error) this.#stats.spansFailed += batch.count;
      else this.#stats.spansExported += batch.count;
      this.#metrics?.processed(batch.count, error?.code);
    } catch (err) {
      // exportBatch does not reject; an error here is a bug. Never let it escape.
      sealed.error = err instanceof Error ? err : new Error(String(err));
      this.#stats.spansFailed += batch.count;
      this.#metrics?.processed(batch.count, 'unexpected');
      diag.error(`FastSpanProcessor: export failed unexpectedly: ${(err as Error).message}`);
    } finally {
      this.#queued -= batch.count;
      this.#queuedBytes -= batch.bytes;
      this.#inFlight.delete(sealed);
      sealed.resolve();
      this.#pump();
    }
  }
}
