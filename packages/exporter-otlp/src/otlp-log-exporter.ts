/**
 * LogRecordExporter for @opentelemetry/sdk-logs: records -> @otlpx/proto encoder -> transport.
 * Drop-in for @opentelemetry/exporter-logs-otlp-proto / -http (same options, same variables).
 */
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { encodeLogs, encodeLogsJson, type SdkLogRecord } from '@otlpx/proto';
import { type OtlpExporterOptions, resolveConfig } from './config.js';
import { callBack, type ExportResult, runExport } from './export-result.js';
import type { ExportStats } from './export-stats.js';
import { HttpTransport } from './http-transport.js';

export class OtlpLogExporter implements LogRecordExporter {
  readonly #transport: HttpTransport;
  readonly #encode: (records: readonly SdkLogRecord[]) => Uint8Array;

  constructor(options: OtlpExporterOptions = {}) {
    const config = resolveConfig('logs', options);
    this.#transport = new HttpTransport(config);
    this.#encode = config.protocol === 'http/json' ? encodeLogsJson : encodeLogs;
  }

  export(logs: ReadableLogRecord[], resultCallback: (result: ExportResult) => void): void {
    callBack(
      runExport(this.#transport, this.#encode, logs as readonly SdkLogRecord[], logs.length),
      resultCallback,
    );
  }

  forceFlush(): Promise<void> {
    return this.#transport.idle();
  }

  shutdown(): Promise<void> {
    return this.#transport.shutdown();
  }

  stats(): ExportStats {
    return { ...this.#transport.stats };
  }
}
