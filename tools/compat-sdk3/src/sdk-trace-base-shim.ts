/**
 * `@opentelemetry/sdk-trace-base` (the SDK 2.x package) over the SDK 3.x `@opentelemetry/sdk-trace`,
 * for running @otlpx/exporter-otlp's own test suite against the 3.x line (vitest.exporter-suite.config.ts):
 * the same classes under their 2.x names and 2.x constructor shapes. The 3.x package exports
 * everything else the tests use under the same names.
 */
import {
  BatchSpanProcessor as BatchSpanProcessor3,
  type BatchSpanProcessorOptions,
  SimpleSpanProcessor as SimpleSpanProcessor3,
  type SpanExporter,
  TracerProvider,
} from '@opentelemetry/sdk-trace';

export * from '@opentelemetry/sdk-trace';

/** 2.x name of the 3.x TracerProvider. */
export class BasicTracerProvider extends TracerProvider {}

/** 2.x shape: `(exporter, config)` instead of `({ exporter, ...config })`. */
export class BatchSpanProcessor extends BatchSpanProcessor3 {
  constructor(exporter: SpanExporter, config: Omit<BatchSpanProcessorOptions, 'exporter'> = {}) {
    super({ exporter, ...config });
  }
}

/** 2.x shape: `(exporter)` instead of `({ exporter })`. */
export class SimpleSpanProcessor extends SimpleSpanProcessor3 {
  constructor(exporter: SpanExporter) {
    super({ exporter });
  }
}
