/**
 * The semantic conventions' SDK metrics of an exporter (`otel.sdk.exporter.*`, semconv
 * model/otel/metrics.yaml), recorded into the `selfObsMeterProvider` option as the official
 * exporters record them, so dashboards built on those keep working after the switch:
 *
 *   otel.sdk.exporter.<item>.inflight    UpDownCounter  items handed to the exporter, not finished
 *   otel.sdk.exporter.<item>.exported    Counter        items finished; `error.type` when failed
 *   otel.sdk.exporter.operation.duration Histogram (s)  one export, retries included;
 *                                                       `http.response.status_code` of the last answer
 *
 * with `otel.component.type` (`otlp_http_span_exporter`, `otlp_http_json_log_exporter`, ...),
 * `otel.component.name` (`<type>/<n>`, n counting instances in the process), `server.address` and
 * `server.port`. `error.type` is the export error's code (`OTLPX_ERR_EXPORT_HTTP`, ...). Profiles
 * have no component type in the registry: the profile exporter records nothing.
 *
 * A meter that throws is reported once and then left alone: telemetry about the exporter must
 * not fail an export.
 */
import type { Attributes, Counter, Histogram, MeterProvider, UpDownCounter } from '@opentelemetry/api';
import type { Protocol, Signal } from './config.js';
import { type OtlpxExportError, report } from './errors.js';

/** The item name of the metric names, and the signal word of the component type. */
const NAMES: Partial<Record<Signal, { item: string; kind: string }>> = {
  traces: { item: 'span', kind: 'span' },
  metrics: { item: 'metric_data_point', kind: 'metric' },
  logs: { item: 'log', kind: 'log' },
};

/** Instances per component type in this process, for `otel.component.name`. */
const instances = new Map<string, number>();

/** `otel.component.type` and `otel.component.name` (`<type>/<n>`) of a new component. */
export function componentAttributes(type: string): Attributes {
  const n = instances.get(type) ?? 0;
  instances.set(type, n + 1);
  return { 'otel.component.type': type, 'otel.component.name': `${type}/${n}` };
}

/**
 * Runs the recording calls of a component's self metrics; the first one that throws turns them
 * off, reported once under `option`: telemetry about the pipeline must not break it.
 */
export class SafeRecorder {
  readonly #option: string;
  #broken = false;

  constructor(option: string) {
    this.#option = option;
  }

  record(write: () => void): void {
    if (this.#broken) return;
    try {
      write();
    } catch (err) {
      this.#broken = true;
      report(
        'warn',
        'OTLPX_ERR_CONFIG_INVALID',
        `${this.#option}: recording failed (${(err as Error).message}); the self metrics are off`,
      );
    }
  }
}

export interface SelfMetricsTarget {
  readonly signal: Signal;
  readonly protocol: Protocol;
  readonly url: string;
}

/** Ends one export's measurement: its error (if it failed) and the last HTTP status (0: none). */
export type EndExport = (error: OtlpxExportError | undefined, statusCode: number) => void;

export class SelfMetrics {
  readonly #inflight: UpDownCounter;
  readonly #exported: Counter;
  readonly #duration: Histogram;
  readonly #attributes: Attributes;
  readonly #recorder = new SafeRecorder('selfObsMeterProvider');

  constructor(provider: MeterProvider, target: SelfMetricsTarget, version: string) {
    const names = NAMES[target.signal]!;
    const type = `otlp_http_${target.protocol === 'http/json' ? 'json_' : ''}${names.kind}_exporter`;
    const url = new URL(target.url);
    this.#attributes = {
      ...componentAttributes(type),
      'server.address': url.hostname,
      'server.port': url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80,
    };
    const meter = provider.getMeter('@otlpx/exporter-otlp', version);
    this.#inflight = meter.createUpDownCounter(`otel.sdk.exporter.${names.item}.inflight`, {
      unit: `{${names.item}}`,
      description: `The number of ${names.item}s which were passed to the exporter, but that have not been exported yet (neither successful, nor failed).`,
    });
    this.#exported = meter.createCounter(`otel.sdk.exporter.${names.item}.exported`, {
      unit: `{${names.item}}`,
      description: `The number of ${names.item}s for which the export has finished, either successful or failed.`,
    });
    this.#duration = meter.createHistogram('otel.sdk.exporter.operation.duration', {
      unit: 's',
      description: 'The duration of exporting a batch of telemetry records.',
      // As the official exporters: count, sum, min and max, no buckets.
      advice: { explicitBucketBoundaries: [] },
    });
  }

  /** Call when an export of `items` starts; call what it returns when the export has ended. */
  start(items: number): EndExport {
    const started = performance.now();
    this.#recorder.record(() => this.#inflight.add(items, this.#attributes));
    return (error, statusCode) => {
      const seconds = (performance.now() - started) / 1000;
      this.#recorder.record(() => {
        this.#inflight.add(-items, this.#attributes);
        const attributes = error ? { ...this.#attributes, 'error.type': error.code } : this.#attributes;
        this.#exported.add(items, attributes);
        this.#duration.record(
          seconds,
          statusCode > 0 ? { ...attributes, 'http.response.status_code': statusCode } : attributes,
        );
      });
    };
  }
}

/**
 * `make()`, the instruments of a component's self metrics; undefined, reported once under
 * `option`, when the user's meter throws while they are made.
 */
export function instrumentsOrNone<T>(option: string, make: () => T): T | undefined {
  try {
    return make();
  } catch (err) {
    report(
      'warn',
      'OTLPX_ERR_CONFIG_INVALID',
      `${option}: its meter failed (${(err as Error).message}); the self metrics are off`,
    );
    return undefined;
  }
}

/** The self metrics of an exporter, or undefined without a provider (or for profiles). */
export function selfMetrics(
  provider: MeterProvider | undefined,
  target: SelfMetricsTarget,
  version: string,
): SelfMetrics | undefined {
  if (provider === undefined || NAMES[target.signal] === undefined) return undefined;
  return instrumentsOrNone('selfObsMeterProvider', () => new SelfMetrics(provider, target, version));
}
