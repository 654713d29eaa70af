/**
 * Errors of @otlpx/proto. Every otlpx error carries the `Symbol.for('otlpx.error')` brand, so
 * `isOtlpxError(err)` holds across packages, duplicated copies and the ESM/CJS builds, where
 * `instanceof` alone would not. Codes are API: never renamed or reused (docs/errors.md).
 */
const kOtlpxError = Symbol.for('otlpx.error');

export type OtlpxErrorCode =
  | 'OTLPX_ERR_INVALID_ARG'
  | 'OTLPX_ERR_DECODE_TRUNCATED'
  | 'OTLPX_ERR_DECODE_WIRE_TYPE'
  | 'OTLPX_ERR_DECODE_VARINT'
  | 'OTLPX_ERR_DECODE_DEPTH'
  | 'OTLPX_ERR_DECODE_UTF8'
  | 'OTLPX_ERR_DECODE_TOO_LARGE'
  | 'OTLPX_ERR_DECODE_INVALID'
  | 'OTLPX_ERR_JSON_INVALID'
  | 'OTLPX_ERR_ENCODE_INVALID';

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

/** Bytes could not be decoded; `offset` is where in the input the decoder stopped. */
export class OtlpxDecodeError extends OtlpxError {
  readonly offset: number;
  constructor(code: OtlpxErrorCode, message: string, offset: number) {
    super(code, `${message} (at byte offset ${offset})`);
    this.name = 'OtlpxDecodeError';
    this.offset = offset;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return isOtlpxError(value) && typeof (value as OtlpxDecodeError).offset === 'number';
  }
}

/** OTLP/JSON text that does not follow the spec's JSON mapping; `path` names the field. */
export class OtlpxJsonError extends OtlpxError {
  readonly path: string;
  constructor(message: string, path: string) {
    super('OTLPX_ERR_JSON_INVALID', `${message} at ${path || '$'}`);
    this.name = 'OtlpxJsonError';
    this.path = path;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return isOtlpxError(value) && typeof (value as OtlpxJsonError).path === 'string';
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
