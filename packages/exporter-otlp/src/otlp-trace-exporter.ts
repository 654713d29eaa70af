/**
 * SpanExporter for @opentelemetry/sdk-trace-base: spans -> @otlpx/proto encoder -> transport.
 * Drop-in for @opentelemetry/exporter-trace-otlp-proto / -http (same options, same variables).
 * With FastSpanProcessor the spans arrive already encoded (`exportEncoded`).
 *
 * http/protobuf batches are written into a pooled SpanBatch (no copy of the request, the buffer
 * reused once the export settles); gzip runs on the thread pool, one call per request.
 */
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { decodeTraceRequest, encodeTracesJson, traceRequestToJson } from '@otlpx/proto';
import type { OtlpExporterOptions } from './config.js';
import { OtlpxExportError, report } from './errors.js';
import { callBack, type ExportResult, ExportResultCode, runExport } from './export-result.js';
import { OtlpExporterBase } from './otlp-exporter-base.js';
import { SpanBatch } from './span-batch.js';

type Encode = (spans: readonly ReadableSpan[]) => Uint8Array;

export class OtlpTraceExporter extends OtlpExporterBase implements SpanExporter {
  readonly #json: boolean;

  constructor(options: OtlpExporterOptions = {}) {
    super('traces', options);
    this.#json = this.config.protocol === 'http/json';
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.#json) {
      callBack(runExport(this.transport, encodeTracesJson as Encode, spans, spans.length), resultCallback);
      return;
    }
    const batch = this.newBatch();
    try {
      for (let i = 0; i < spans.length; i++) batch.add(spans[i]);
    } catch (err) {
      batch.release();
      const error = new OtlpxExportError(
        'OTLPX_ERR_EXPORT_ENCODE',
        `the batch could not be encoded: ${(err as Error).message}`,
        { cause: err },
      );
      this.transport.stats.exportsFailed++;
      this.transport.stats.itemsFailed += spans.length;
      report('error', 'OTLPX_ERR_EXPORT_ENCODE', error.message);
      callBack(Promise.resolve({ code: ExportResultCode.FAILED, error }), resultCallback);
      return;
    }
    const sent = this.exportBatch(batch, Number.POSITIVE_INFINITY);
    callBack(
      sent.then((error) =>
        error ? { code: ExportResultCode.FAILED, error } : { code: ExportResultCode.SUCCESS },
      ),
      resultCallback,
    );
  }

  /** An empty batch for this exporter; FastSpanProcessor fills it span by span and hands it to `exportBatch`. */
  newBatch(): SpanBatch {
    return new SpanBatch();
  }

  /**
   * Sends a batch from `newBatch()` and releases its buffers once the export has settled.
   * `deadline` as in `exportEncoded`. Resolves with undefined or the error; never rejects.
   */
  async exportBatch(batch: SpanBatch, deadline: number): Promise<OtlpxExportError | undefined> {
    try {
      // As the SDK's processors do before they export: resources whose detectors are still
      // running get their attributes first, within half the time the export has.
      if (batch.resourcesPending) await batch.settleResources((this.#until(deadline) - Date.now()) / 2);
      if (this.#json) return await this.exportEncoded(batch.finish(), batch.count, deadline);
      const request = batch.finish();
      return await this.transport.send(request, batch.count, this.#until(deadline));
    } finally {
      batch.release();
    }
  }

  /**
   * Sends an ExportTraceServiceRequest that is already protobuf-encoded; with http/json it is
   * transcoded first. `deadline` (absolute, Date.now() based) can only shorten the exporter's own
   * timeout. Resolves with undefined or the error; never rejects.
   */
  exportEncoded(
    request: Uint8Array,
    spans: number,
    deadline?: number,
  ): Promise<OtlpxExportError | undefined> {
    const until = this.#until(deadline ?? Number.POSITIVE_INFINITY);
    if (this.#json) {
      return runExport(this.transport, toJson, request, spans, until).then(
        (result) => result.error as OtlpxExportError | undefined,
      );
    }
    return this.transport.send(request, spans, until);
  }

  #until(deadline: number): number {
    return Math.min(Date.now() + this.transport.config.timeoutMillis, deadline);
  }
}

function toJson(request: Uint8Array): Uint8Array {
  return Buffer.from(traceRequestToJson(decodeTraceRequest(request)), 'utf8');
}
