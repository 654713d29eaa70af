/**
 * Errors of @otlpx/profiling. Same shape and `Symbol.for('otlpx.error')` brand as @otlpx/proto's
 * OtlpxError, so `isOtlpxError(err)` holds across packages, copies and the ESM/CJS builds.
 * Codes are API: never renamed or reused (docs/errors.md).
 */
const kOtlpxError = Symbol.for('otlpx.error');

export type ProfilingErrorCode =
  /** An option or argument of the wrong type or range. */
  | 'OTLPX_ERR_INVALID_ARG'
  /** start() on a profiler that is already running. */
  | 'OTLPX_ERR_PROFILING_ALREADY_STARTED'
  /** stop()/collect() on a profiler that is not running (stopping twice included). */
  | 'OTLPX_ERR_PROFILING_NOT_STARTED'
  /** The inspector session failed or closed (the thread is exiting, or another tool owns the profiler). */
  | 'OTLPX_ERR_PROFILING_SESSION'
  /** The requested engine cannot run here (not installed, or not supported on this thread). */
  | 'OTLPX_ERR_PROFILING_ENGINE_UNAVAILABLE';

export class OtlpxProfilingError extends Error {
  readonly code: ProfilingErrorCode;
  constructor(code: ProfilingErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OtlpxProfilingError';
    this.code = code;
  }

  get [kOtlpxError](): true {
    return true;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[kOtlpxError] === true &&
      typeof (value as { code?: unknown }).code === 'string'
    );
  }
}
