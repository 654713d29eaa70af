/**
 * SpanExporter for @opentelemetry/sdk-trace-base: spans -> @otlpx/proto encoder -> transport.
 * Drop-in for @opentelemetry/exporter-trace-otlp-proto / -http (same options, same variables).
 * With FastSpanProcessor the spans arrive already encoded (`exportEncoded`).
 */
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { decodeTraceRequest, encodeTraces, encodeTracesJson, traceRequestToJson } from '@otlpx/proto';
import type { OtlpExporterOptions } from './config.js';
import type { OtlpxExportError } from './errors.js';
import { callBack, type ExportResult, runExport } from './export-result.js';
import { OtlpExporterBase } from './otlp-exporter-base.js';

type Encode = (spans: readonly ReadableSpan[]) => Uint8Array;

export class OtlpTraceExporter extends OtlpExporterBase implements SpanExporter {
  readonly #encode: Encode;

  constructor(options: OtlpExporterOptions = {}) {
    super('traces', options);
    this.#encode = (this.config.protocol === 'http/json' ? encodeTracesJson : encodeTraces) as Encode;
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    callBack(runExport(this.transport, this.#encode, spans, spans.length), resultCallback);
  }

  /**
   * Sends an ExportTraceServiceRequest that is already protobuf-encoded (FastSpanProcessor); with
   * http/json it is transcoded first. `deadline` (absolute, Date.now() based) can only shorten the
   * exporter's own timeout. Resolves with undefined or the error; never rejects.
   */
  exportEncoded(
    request: Uint8Array,
    spans: number,
    deadline?: number,
  ): Promise<OtlpxExportError | undefined> {
    const own = Date.now() + this.transport.config.timeoutMillis;
    const until = deadline === undefined ? own : Math.min(own, deadline);
    if (this.config.protocol === 'http/json') {
      return runExport(this.transport, toJson, request, spans, until).then(
        (result) => result.error as OtlpxExportError | undefined,
      );
    }
    return this.transport.send(request, spans, until);
  }
}

function toJson(request: Uint8Array): Uint8Array {
  return Buffer.from(traceRequestToJson(decodeTraceRequest(request)), 'utf8');
}
