/**
 * Errors of @otlpx/semconv. Every otlpx error carries the `Symbol.for('otlpx.error')` brand, so
 * `isOtlpxError(err)` holds across packages, duplicated copies and the ESM/CJS builds, where
 * `instanceof` alone would not. Codes are API: never renamed or reused (docs/errors.md).
 */
const kOtlpxError = Symbol.for('otlpx.error');

export type OtlpxErrorCode = 'OTLPX_ERR_INVALID_ARG' | 'OTLPX_ERR_SEMCONV_MISSING_REQUIRED';

export class OtlpxError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OtlpxError';
    this.code = code;
  }

  get [kOtlpxError](): true {
    return true;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return isOtlpxError(value);
  }
}

/**
 * `build()` of an attribute builder found required attributes unset. `group` is the registry
 * group (`span.http.client`), `missing` every required key that has no value.
 */
export class OtlpxMissingAttributesError extends OtlpxError {
  readonly group: string;
  readonly missing: readonly string[];
  constructor(group: string, missing: readonly string[]) {
    super(
      'OTLPX_ERR_SEMCONV_MISSING_REQUIRED',
      `${group} requires ${missing.length === 1 ? 'attribute' : 'attributes'} ${missing.map((k) => `'${k}'`).join(', ')}: set ${missing.length === 1 ? 'it' : 'them'} before build()`,
    );
    this.name = 'OtlpxMissingAttributesError';
    this.group = group;
    this.missing = missing;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return isOtlpxError(value) && Array.isArray((value as OtlpxMissingAttributesError).missing);
  }
}

/** An argument had the wrong type or range; `argument` names it. */
export class OtlpxInvalidArgError extends OtlpxError {
  readonly argument: string;
  constructor(argument: string, message: string, options?: { cause?: unknown }) {
    super('OTLPX_ERR_INVALID_ARG', message, options);
    this.name = 'OtlpxInvalidArgError';
    this.argument = argument;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return isOtlpxError(value) && typeof (value as OtlpxInvalidArgError).argument === 'string';
  }
}

export function isOtlpxError(value: unknown): value is OtlpxError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[kOtlpxError] === true &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}
