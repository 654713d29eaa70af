/**
 * FastSpanProcessor's options, resolved like the exporter's (options > env > defaults, once,
 * frozen), with the official BatchSpanProcessor's names, defaults and OTEL_BSP_* variables.
 */
import type { MeterProvider } from '@opentelemetry/api';
import type { Env } from './config.js';
import { OtlpxConfigError, report } from './errors.js';

export interface FastSpanProcessorOptions {
  /**
   * Spans held at most (open, waiting and in flight); more are dropped and counted. Env
   * OTEL_BSP_MAX_QUEUE_SIZE. Default 8192 (the official processor: 2048 ReadableSpans): the queue
   * holds encoded spans, about 500 bytes each for HTTP server spans (a 512-span request is 256 KB),
   * so 8192 are about 4 MB and absorb 80 ms of a 100,000 spans/s burst.
   */
  maxQueueSize?: number;
  /** Spans per export. Env OTEL_BSP_MAX_EXPORT_BATCH_SIZE. Default 512. */
  maxExportBatchSize?: number;
  /** Longest a span waits before its batch is sent, ms. Env OTEL_BSP_SCHEDULE_DELAY. Default 5000. */
  scheduledDelayMillis?: number;
  /** Deadline of one export, ms (capped by the exporter's own timeout). Env OTEL_BSP_EXPORT_TIMEOUT. Default 30000. */
  exportTimeoutMillis?: number;
  /** Exports in flight at once (the official processor has one). Default 4. */
  maxConcurrentExports?: number;
  /** Encoded bytes held at most, a second bound beside maxQueueSize for very large spans. Default 32 MiB. */
  maxQueueBytes?: number;
  /**
   * Spans that end in one task are written into the batch together, this many at most, before
   * the task returns to the event loop (1 = each span as it ends). Default 16.
   */
  encodeChunkSize?: number;
  /**
   * Where the processor records the semantic conventions' `otel.sdk.processor.span.*` metrics, as
   * the SDK's BatchSpanProcessor does with this option.
   */
  selfObsMeterProvider?: MeterProvider;
}

/** The numeric options, resolved. */
export type ResolvedProcessorConfig = Readonly<
  Required<Omit<FastSpanProcessorOptions, 'selfObsMeterProvider'>>
>;

const DEFAULTS: ResolvedProcessorConfig = {
  maxQueueSize: 8192,
  maxExportBatchSize: 512,
  scheduledDelayMillis: 5000,
  exportTimeoutMillis: 30_000,
  maxConcurrentExports: 4,
  maxQueueBytes: 32 * 1024 * 1024,
  encodeChunkSize: 16,
};

const ENV: Partial<Record<keyof ResolvedProcessorConfig, string>> = {
  maxQueueSize: 'OTEL_BSP_MAX_QUEUE_SIZE',
  maxExportBatchSize: 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE',
  scheduledDelayMillis: 'OTEL_BSP_SCHEDULE_DELAY',
  exportTimeoutMillis: 'OTEL_BSP_EXPORT_TIMEOUT',
};

export function resolveProcessorConfig(
  options: FastSpanProcessorOptions = {},
  env: Env = process.env,
): ResolvedProcessorConfig {
  const out = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as (keyof ResolvedProcessorConfig)[]) {
    const min = key === 'scheduledDelayMillis' ? 0 : 1;
    const value = options[key];
    if (value !== undefined) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
        throw new OtlpxConfigError(
          'OTLPX_ERR_CONFIG_INVALID',
          `options.${key}`,
          `must be an integer >= ${min}`,
        );
      }
      out[key] = value;
      continue;
    }
    const name = ENV[key];
    const text = name ? env[name]?.trim() : undefined;
    if (!name || !text) continue;
    if (/^\d+$/.test(text) && Number(text) >= min) out[key] = Number(text);
    else
      report('warn', 'OTLPX_ERR_CONFIG_INVALID', `${name}: "${text}" is not an integer >= ${min}; ignored`);
  }
  if (out.maxExportBatchSize > out.maxQueueSize) {
    report(
      'warn',
      'OTLPX_ERR_CONFIG_INVALID',
      `maxExportBatchSize (${out.maxExportBatchSize}) exceeds maxQueueSize (${out.maxQueueSize}); using ${out.maxQueueSize}`,
    );
    out.maxExportBatchSize = out.maxQueueSize;
  }
  return Object.freeze(out);
}
