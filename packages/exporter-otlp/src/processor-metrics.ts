/**
 * The semantic conventions' SDK metrics of a span processor (`otel.sdk.processor.span.*`),
 * recorded into FastSpanProcessor's `selfObsMeterProvider` as the SDK's BatchSpanProcessor
 * records them (component type `batching_span_processor`):
 *
 *   otel.sdk.processor.span.processed       Counter        spans done with; `error.type` for the
 *                                                          ones dropped (`queue_full`) or not delivered
 *   otel.sdk.processor.span.queue.capacity  UpDownCounter  maxQueueSize, added once
 *   otel.sdk.processor.span.queue.size      observed       spans held right now
 *
 * `error.type` of a failed export is the export error's code (`OTLPX_ERR_EXPORT_HTTP`, ...), where
 * the SDK puts the error's class name.
 */
import type {
  Attributes,
  Counter,
  MeterProvider,
  ObservableCallback,
  ObservableUpDownCounter,
} from '@opentelemetry/api';
import { componentAttributes, instrumentsOrNone, SafeRecorder } from './self-metrics.js';

export class ProcessorMetrics {
  readonly #processed: Counter;
  readonly #queueSize: ObservableUpDownCounter;
  readonly #observe: ObservableCallback;
  readonly #attributes: Attributes;
  readonly #recorder = new SafeRecorder('FastSpanProcessor selfObsMeterProvider');

  constructor(provider: MeterProvider, capacity: number, queueSize: () => number, version: string) {
    this.#attributes = componentAttributes('batching_span_processor');
    const meter = provider.getMeter('@otlpx/exporter-otlp', version);
    this.#processed = meter.createCounter('otel.sdk.processor.span.processed', {
      unit: '{span}',
      description: 'The number of spans for which the processing has finished, either successful or failed.',
    });
    meter
      .createUpDownCounter('otel.sdk.processor.span.queue.capacity', {
        unit: '{span}',
        description:
          'The maximum number of spans the queue of a given instance of an SDK span processor can hold.',
      })
      .add(capacity, this.#attributes);
    this.#queueSize = meter.createObservableUpDownCounter('otel.sdk.processor.span.queue.size', {
      unit: '{span}',
      description: 'The number of spans in the queue of a given instance of an SDK span processor.',
    });
    this.#observe = (result) => this.#recorder.record(() => result.observe(queueSize(), this.#attributes));
    this.#queueSize.addCallback(this.#observe);
  }

  /** `count` spans are done with: delivered, or not (`errorType`). */
  processed(count: number, errorType?: string): void {
    const attributes =
      errorType === undefined ? this.#attributes : { ...this.#attributes, 'error.type': errorType };
    this.#recorder.record(() => this.#processed.add(count, attributes));
  }

  shutdown(): void {
    this.#recorder.record(() => this.#queueSize.removeCallback(this.#observe));
  }
}

/** The processor's self metrics, or undefined without a provider (or when its meter fails). */
export function processorMetrics(
  provider: MeterProvider | undefined,
  capacity: number,
  queueSize: () => number,
  version: string,
): ProcessorMetrics | undefined {
  if (provider === undefined) return undefined;
  return instrumentsOrNone(
    'FastSpanProcessor selfObsMeterProvider',
    () => new ProcessorMetrics(provider, capacity, queueSize, version),
  );
}
