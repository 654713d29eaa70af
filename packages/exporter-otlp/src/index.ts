export {
  type Codec,
  type Compression,
  type OtlpExporterOptions,
  type Protocol,
  type ResolvedConfig,
  type RetryOptions,
  resolveConfig,
  type Signal,
  signalUrl,
  type TlsOptions,
} from './config.js';
export { type ExporterErrorCode, OtlpxConfigError, OtlpxExportError } from './errors.js';
export { type ExportResult, ExportResultCode } from './export-result.js';
export type { ExportStats } from './export-stats.js';
export { FastSpanProcessor, type SpanProcessorStats } from './fast-span-processor.js';
export type { MetricPreferencesOptions, TemporalityPreference } from './metric-preferences.js';
export { OtlpLogExporter } from './otlp-log-exporter.js';
export { OtlpMetricExporter, type OtlpMetricExporterOptions } from './otlp-metric-exporter.js';
export { OtlpProfileExporter, type PprofExport, type ProfileExporter } from './otlp-profile-exporter.js';
export { OtlpTraceExporter } from './otlp-trace-exporter.js';
export type { FastSpanProcessorOptions } from './processor-config.js';
export type { SpoolOptions } from './spool.js';
