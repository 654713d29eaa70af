/**
 * LogRecordExporter for @opentelemetry/sdk-logs: records -> @otlpx/proto encoder -> transport.
 * Drop-in for @opentelemetry/exporter-logs-otlp-proto / -http (same options, same variables).
 */
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { encodeLogs, encodeLogsJson, type SdkLogRecord } from '@otlpx/proto';
import type { OtlpExporterOptions } from './config.js';
import { callBack, type ExportResult, runExport } from './export-result.js';
import { OtlpExporterBase } from './otlp-exporter-base.js';

export class OtlpLogExporter extends OtlpExporterBase implements LogRecordExporter {
  readonly #encode: (records: readonly SdkLogRecord[]) => Uint8Array;

  constructor(options: OtlpExporterOptions = {}) {
    super('logs', options);
    this.#encode = this.config.protocol === 'http/json' ? encodeLogsJson : encodeLogs;
  }

  export(logs: ReadableLogRecord[], resultCallback: (result: ExportResult) => void): void {
    callBack(
      runExport(this.transport, this.#encode, logs as readonly SdkLogRecord[], logs.length),
      resultCallback,
    );
  }
}
