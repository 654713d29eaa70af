import { OtlpxProfilingError } from './errors.js';

/**
 * Environment switches of @otlpx/profiling, read once when a profiler is constructed. Options
 * passed in code win over them; invalid values are ignored with a process warning (code
 * OTLPX_ERR_INVALID_ARG), never thrown, so a bad variable cannot take an app down.
 */
export interface ProfilingEnv {
  /** OTLPX_PROFILING_HZ: CPU sampling frequency. */
  hz?: number;
  /** OTLPX_PROFILING_HEAP_INTERVAL: heap sampling interval in bytes. */
  heapInterval?: number;
  /** OTLPX_PROFILING_WINDOW_MS: continuous-mode window length. */
  windowMillis?: number;
  /** OTLPX_NO_PROFILING_SPANS=1: no trace correlation. */
  noSpans: boolean;
  /** OTLPX_NO_PROFILING_SOURCE_MAPS=1: no source-map lookup. */
  noSourceMaps: boolean;
}

export function readProfilingEnv(env: NodeJS.ProcessEnv = process.env): ProfilingEnv {
  return {
    hz: positive(env, 'OTLPX_PROFILING_HZ', 1, 10_000),
    heapInterval: positive(env, 'OTLPX_PROFILING_HEAP_INTERVAL', 1, 2 ** 31 - 1),
    windowMillis: positive(env, 'OTLPX_PROFILING_WINDOW_MS', 100, 24 * 3600_000),
    noSpans: env.OTLPX_NO_PROFILING_SPANS === '1',
    noSourceMaps: env.OTLPX_NO_PROFILING_SOURCE_MAPS === '1',
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    process.emitWarning(`${name}=${JSON.stringify(raw)} ignored: expected a number in [${min}, ${max}]`, {
      code: 'OTLPX_ERR_INVALID_ARG',
    });
    return undefined;
  }
  return value;
}

/** Throws OTLPX_ERR_INVALID_ARG unless `value` is undefined or a number in [min, max]. */
export function checkRange(name: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new OtlpxProfilingError(
      'OTLPX_ERR_INVALID_ARG',
      `${name} must be a number in [${min}, ${max}], got ${String(value)}`,
    );
  }
}
