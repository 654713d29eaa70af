/**
 * Errors of @otlpx/simd. Every otlpx error carries the `Symbol.for('otlpx.error')` brand, so
 * `isOtlpxError(err)` holds across packages, duplicated copies and the ESM/CJS builds, where
 * `instanceof` alone would not. Codes are API: never renamed or reused (docs/errors.md).
 */
const kOtlpxError = Symbol.for('otlpx.error');

export type SimdErrorCode =
  | 'OTLPX_ERR_INVALID_ARG'
  | 'OTLPX_ERR_SIMD_BACKEND_UNAVAILABLE'
  | 'OTLPX_ERR_SIMD_HEX_INVALID'
  | 'OTLPX_ERR_DECODE_VARINT'
  | 'OTLPX_ERR_DECODE_TRUNCATED'
  | 'OTLPX_ERR_PERF_UNAVAILABLE'
  | 'OTLPX_ERR_PERF_ACCESS';

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

/** An argument of a kernel has the wrong type, size or value; `argument` names it. */
export class OtlpxSimdArgumentError extends OtlpxError {
  readonly argument: string;
  constructor(argument: string, message: string) {
    super('OTLPX_ERR_INVALID_ARG', `${argument}: ${message}`);
    this.name = 'OtlpxSimdArgumentError';
    this.argument = argument;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return isOtlpxError(value) && typeof (value as OtlpxSimdArgumentError).argument === 'string';
  }
}

/** Input bytes are malformed (hex digit, varint); `offset` is the byte where the kernel stopped. */
export class OtlpxSimdDecodeError extends OtlpxError {
  readonly offset: number;
  constructor(code: SimdErrorCode, message: string, offset: number) {
    super(code, `${message} (at byte offset ${offset})`);
    this.name = 'OtlpxSimdDecodeError';
    this.offset = offset;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return isOtlpxError(value) && typeof (value as OtlpxSimdDecodeError).offset === 'number';
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
