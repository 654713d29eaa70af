/**
 * Errors of @otlpx/exporter-otlp. They extend @otlpx/proto's `OtlpxError`, so they carry the
 * `Symbol.for('otlpx.error')` brand and `isOtlpxError(err)` holds across packages, copies and the
 * ESM/CJS builds. Codes are API: never renamed or reused (docs/errors.md).
 *
 * Only constructors throw (invalid options, a programming error found at start-up). Exports never
 * throw: they resolve with `{ code: FAILED, error }` where `error` is one of these classes, and
 * report through `diag` with the same code.
 */
import { diag } from '@opentelemetry/api';
import { OtlpxError } from '@otlpx/proto';

export type ExporterErrorCode =
  | 'OTLPX_ERR_CONFIG_INVALID'
  | 'OTLPX_ERR_CONFIG_PROTOCOL'
  | 'OTLPX_ERR_CONFIG_FILE'
  | 'OTLPX_ERR_EXPORT_HTTP'
  | 'OTLPX_ERR_EXPORT_NETWORK'
  | 'OTLPX_ERR_EXPORT_TIMEOUT'
  | 'OTLPX_ERR_EXPORT_BUSY'
  | 'OTLPX_ERR_EXPORT_SHUTDOWN'
  | 'OTLPX_ERR_EXPORT_ENCODE'
  | 'OTLPX_ERR_EXPORT_PARTIAL'
  | 'OTLPX_ERR_EXPORT_CODEC'
  | 'OTLPX_ERR_EXPORT_HEADERS'
  | 'OTLPX_ERR_EXPORT_AGENT'
  | 'OTLPX_ERR_EXPORT_RESOURCE'
  | 'OTLPX_ERR_QUEUE_FULL'
  | 'OTLPX_ERR_SPOOL_IO'
  | 'OTLPX_ERR_SPOOL_CORRUPT';

/** An option or environment variable that cannot be used; `source` names it. */
export class OtlpxConfigError extends OtlpxError {
  readonly source: string;
  constructor(code: ExporterErrorCode, source: string, message: string, options?: { cause?: unknown }) {
    super(code, `${source}: ${message}`, options);
    this.name = 'OtlpxConfigError';
    this.source = source;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof OtlpxError && typeof (value as OtlpxConfigError).source === 'string';
  }
}

/**
 * An export that did not deliver its batch. `statusCode` is the last HTTP status (0 when none
 * arrived), `attempts` how many requests were made, `retryable` whether the last failure was
 * one the spec allows to retry (the deadline or attempt budget ran out first).
 */
export class OtlpxExportError extends OtlpxError {
  readonly statusCode: number;
  readonly attempts: number;
  readonly retryable: boolean;
  constructor(
    code: ExporterErrorCode,
    message: string,
    fields: { statusCode?: number; attempts?: number; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(code, message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = 'OtlpxExportError';
    this.statusCode = fields.statusCode ?? 0;
    this.attempts = fields.attempts ?? 0;
    this.retryable = fields.retryable ?? false;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof OtlpxError && typeof (value as OtlpxExportError).attempts === 'number';
  }
}

/**
 * Reports a failure through `diag`, the code first so logs can be grepped by it. A diag logger
 * that throws is ignored: a report comes from inside span.end(), a timer or a microtask of the
 * exporter, where an exception would reach the application or end the process.
 */
export function report(level: 'error' | 'warn' | 'debug', code: ExporterErrorCode, message: string): void {
  try {
    diag[level](`[${code}] ${message}`);
  } catch {
    // nothing to report it to
  }
}
