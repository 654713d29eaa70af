/**
 * What `start()` turns on, from its options and the standard OTel environment variables
 * (options win). Pure: reads an env object, so tests pass their own.
 */
import type { FastSpanProcessorOptions, OtlpExporterOptions } from '@otlpx/exporter-otlp';
import type { ContinuousProfilerOptions } from '@otlpx/profiling';

export interface StartOptions {
  /** `service.name`. Default: `OTEL_SERVICE_NAME`, else `OTEL_RESOURCE_ATTRIBUTES`, else `unknown_service:node`. */
  serviceName?: string;
  /** More resource attributes, over those of `OTEL_RESOURCE_ATTRIBUTES` and the process/host detectors. */
  resourceAttributes?: Record<string, string | number | boolean | string[]>;
  /**
   * Base OTLP/HTTP URL of every signal (`/v1/traces`, `/v1development/profiles` are appended, as for
   * `OTEL_EXPORTER_OTLP_ENDPOINT`). Default: the exporters' own resolution of the `OTEL_EXPORTER_OTLP_*`
   * variables (per-signal endpoints included), else http://localhost:4318.
   */
  endpoint?: string;
  /** Options every exporter shares (headers, compression, timeout, TLS, codec, ...). */
  exporter?: Omit<OtlpExporterOptions, 'url'>;
  /** Traces through `FastSpanProcessor` + `OtlpTraceExporter`; `false` (or `OTEL_TRACES_EXPORTER=none`) turns them off. */
  traces?: FastSpanProcessorOptions | false;
  /**
   * Continuous CPU + heap profiling linked to spans, exported through `OtlpProfileExporter`;
   * `false` (or `OTLPX_PROFILING=false`) turns it off. Default on, 60 s windows.
   */
  profiling?: ContinuousProfilerOptions | false;
  /** Register the W3C trace-context + baggage propagators globally. Default true. */
  propagators?: boolean;
}

export interface ResolvedStart {
  /** `OTEL_SDK_DISABLED=true`: nothing is started. */
  disabled: boolean;
  traces: FastSpanProcessorOptions | false;
  profiling: ContinuousProfilerOptions | false;
  propagators: boolean;
}

const FALSE = new Set(['false', '0', 'off', 'no', 'none']);

function envFalse(value: string | undefined): boolean {
  return value !== undefined && FALSE.has(value.trim().toLowerCase());
}

/** `OTEL_TRACES_EXPORTER` is a list; only `none` alone turns traces off (otlp is what we export). */
function tracesExporterNone(value: string | undefined): boolean {
  if (value === undefined) return false;
  const names = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return names.length > 0 && names.every((n) => n === 'none');
}

export function resolveStart(options: StartOptions, env: NodeJS.ProcessEnv): ResolvedStart {
  const disabled = env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true';
  const traces =
    options.traces === false || (options.traces === undefined && tracesExporterNone(env.OTEL_TRACES_EXPORTER))
      ? false
      : (options.traces ?? {});
  const profiling =
    options.profiling === false || (options.profiling === undefined && envFalse(env.OTLPX_PROFILING))
      ? false
      : (options.profiling ?? {});
  return { disabled, traces, profiling, propagators: options.propagators ?? true };
}
