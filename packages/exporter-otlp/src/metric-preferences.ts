/**
 * The metrics exporter's two extra settings, resolved like every other option (options > env >
 * default): temporality preference (OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE:
 * cumulative | delta | lowmemory) and the default histogram aggregation
 * (OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION: explicit_bucket_histogram |
 * base2_exponential_bucket_histogram), turned into the selectors the SDK's reader calls.
 *
 * The SDK enums are numbers and strings at run time; their values are written here so the package
 * loads without @opentelemetry/sdk-metrics installed (it is only needed to use this exporter).
 */
import type { AggregationOption, AggregationTemporality, InstrumentType } from '@opentelemetry/sdk-metrics';
import type { Env } from './config.js';
import { OtlpxConfigError, report } from './errors.js';

export type TemporalityPreference = 'cumulative' | 'delta' | 'lowmemory';

const DELTA = 0 as AggregationTemporality;
const CUMULATIVE = 1 as AggregationTemporality;
const EXPONENTIAL_HISTOGRAM = 5;
const DEFAULT_AGGREGATION = 0;

export interface MetricPreferencesOptions {
  /**
   * A preference name, or the official exporter's `AggregationTemporalityPreference` (DELTA 0,
   * CUMULATIVE 1, LOWMEMORY 2) or the SDK's `AggregationTemporality` (DELTA 0, CUMULATIVE 1),
   * read the same way the official exporter reads them: 0 is the delta preference (delta for
   * counters and histograms, cumulative for up-down counters), 1 cumulative, 2 low memory.
   */
  temporalityPreference?: TemporalityPreference | AggregationTemporality | 0 | 1 | 2;
  /** Per-instrument aggregation, as the official exporter's `aggregationPreference`. */
  aggregationPreference?: (instrumentType: InstrumentType) => AggregationOption;
}

export interface MetricSelectors {
  readonly temporality: (instrumentType: InstrumentType) => AggregationTemporality;
  readonly aggregation: (instrumentType: InstrumentType) => AggregationOption;
}

// Per the OTLP metrics exporter spec (and the official JS selectors).
function deltaSelector(type: InstrumentType): AggregationTemporality {
  return type === 'UP_DOWN_COUNTER' || type === 'OBSERVABLE_UP_DOWN_COUNTER' ? CUMULATIVE : DELTA;
}
function lowMemorySelector(type: InstrumentType): AggregationTemporality {
  return type === 'COUNTER' || type === 'HISTOGRAM' ? DELTA : CUMULATIVE;
}
function cumulativeSelector(): AggregationTemporality {
  return CUMULATIVE;
}

const TEMPORALITY: Record<TemporalityPreference, (t: InstrumentType) => AggregationTemporality> = {
  cumulative: cumulativeSelector,
  delta: deltaSelector,
  lowmemory: lowMemorySelector,
};

export function resolveMetricSelectors(options: MetricPreferencesOptions, env: Env): MetricSelectors {
  return Object.freeze({
    temporality: resolveTemporality(options.temporalityPreference, env),
    aggregation: options.aggregationPreference ?? resolveHistogram(env),
  });
}

function resolveTemporality(
  option: MetricPreferencesOptions['temporalityPreference'],
  env: Env,
): (t: InstrumentType) => AggregationTemporality {
  if (typeof option === 'number') {
    // As the official exporter: DELTA (0) is the delta preference, not delta for every instrument.
    const chosen = [TEMPORALITY.delta, TEMPORALITY.cumulative, TEMPORALITY.lowmemory][option];
    if (!chosen) {
      throw new OtlpxConfigError(
        'OTLPX_ERR_CONFIG_INVALID',
        'options.temporalityPreference',
        `${option} is not 0 (delta), 1 (cumulative) or 2 (low memory)`,
      );
    }
    return chosen;
  }
  if (option !== undefined) {
    const chosen = TEMPORALITY[String(option).toLowerCase() as TemporalityPreference];
    if (!chosen) {
      throw new OtlpxConfigError(
        'OTLPX_ERR_CONFIG_INVALID',
        'options.temporalityPreference',
        `${JSON.stringify(option)} is not one of cumulative, delta, lowmemory`,
      );
    }
    return chosen;
  }
  const name = 'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE';
  const value = env[name]?.trim().toLowerCase();
  if (value) {
    const chosen = TEMPORALITY[value as TemporalityPreference];
    if (chosen) return chosen;
    report(
      'warn',
      'OTLPX_ERR_CONFIG_INVALID',
      `${name}: "${value}" is not one of cumulative, delta, lowmemory; ignored`,
    );
  }
  return cumulativeSelector;
}

function resolveHistogram(env: Env): (t: InstrumentType) => AggregationOption {
  const name = 'OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION';
  const value = env[name]?.trim().toLowerCase();
  const defaultOption = { type: DEFAULT_AGGREGATION } as AggregationOption;
  if (value === 'base2_exponential_bucket_histogram') {
    const exponential = { type: EXPONENTIAL_HISTOGRAM } as AggregationOption;
    return (type) => (type === 'HISTOGRAM' ? exponential : defaultOption);
  }
  if (value && value !== 'explicit_bucket_histogram') {
    report(
      'warn',
      'OTLPX_ERR_CONFIG_INVALID',
      `${name}: "${value}" is not one of explicit_bucket_histogram, base2_exponential_bucket_histogram; ignored`,
    );
  }
  return () => defaultOption;
}
