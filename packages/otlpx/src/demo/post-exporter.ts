import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { encodeTraces } from '@otlpx/proto';

/** Per-export figures the demo reports. */
export interface ExportStats {
  exports: number;
  spans: number;
  bytes: number;
  encodeMs: number;
}

/**
 * The demo's span exporter: @otlpx/proto's encoder and one HTTP POST per batch. It is the
 * shortest honest path from SDK spans to an OTLP/HTTP receiver; production code uses
 * @otlpx/exporter-otlp, which adds retries, compression, concurrency and durability.
 */
export class PostSpanExporter implements SpanExporter {
  readonly stats: ExportStats = { exports: 0, spans: 0, bytes: 0, encodeMs: 0 };
  readonly #url: string;
  readonly #pending = new Set<Promise<void>>();

  constructor(url: string) {
    this.#url = url;
  }

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const started = performance.now();
    const body = encodeTraces(spans);
    this.stats.encodeMs += performance.now() - started;
    const sent = fetch(this.#url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body,
      signal: AbortSignal.timeout(10_000),
    })
      .then(async (res) => {
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`receiver answered HTTP ${res.status}`);
        this.stats.exports++;
        this.stats.spans += spans.length;
        this.stats.bytes += body.length;
        done({ code: ExportResultCode.SUCCESS });
      })
      .catch((error: Error) => done({ code: ExportResultCode.FAILED, error }))
      .finally(() => this.#pending.delete(sent));
    this.#pending.add(sent);
  }

  async forceFlush(): Promise<void> {
    await Promise.all(this.#pending);
  }

  async shutdown(): Promise<void> {
    await this.forceFlush();
  }
}
