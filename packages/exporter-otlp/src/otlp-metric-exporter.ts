/**
 * PushMetricExporter for @opentelemetry/sdk-metrics: ResourceMetrics -> @otlpx/proto encoder ->
 * transport, with the official exporter's temporality and aggregation preferences.
 */
import type {
  AggregationOption,
  AggregationTemporality,
  InstrumentType,
  PushMetricExporter,
  ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { encodeMetrics, encodeMetricsJson, type SdkResourceMetrics } from '@otlpx/proto';
import type { OtlpExporterOptions } from './config.js';
import { callBack, type ExportResult, runExport } from './export-result.js';
import {
  type MetricPreferencesOptions,
  type MetricSelectors,
  resolveMetricSelectors,
} from './metric-preferences.js';
import { OtlpExporterBase } from './otlp-exporter-base.js';

export interface OtlpMetricExporterOptions extends OtlpExporterOptions, MetricPreferencesOptions {}

export class OtlpMetricExporter extends OtlpExporterBase implements PushMetricExporter {
  readonly #encode: (metrics: SdkResourceMetrics) => Uint8Array;
  readonly #selectors: MetricSelectors;

  constructor(options: OtlpMetricExporterOptions = {}) {
    super('metrics', options);
    this.#encode = this.config.protocol === 'http/json' ? encodeMetricsJson : encodeMetrics;
    this.#selectors = resolveMetricSelectors(options, process.env);
  }

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    callBack(
      runExport(
        this.transport,
        this.#encode,
        metrics as unknown as SdkResourceMetrics,
        countMetrics(metrics),
      ),
      resultCallback,
    );
  }

  selectAggregationTemporality(instrumentType: InstrumentType): AggregationTemporality {
    return this.#selectors.temporality(instrumentType);
  }

  selectAggregation(instrumentType: InstrumentType): AggregationOption {
    return this.#selectors.aggregation(instrumentType);
  }
}

/** Data points in a collection: the unit the receiver's rejected_data_points counts. */
function countMetrics(metrics: ResourceMetrics): number {
  let n = 0;
  for (const scope of metrics.scopeMetrics) for (const metric of scope.metrics) n += metric.dataPoints.length;
  return n;
}
