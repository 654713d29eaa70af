import { OtlpxError } from '../errors.js';

/**
 * Throws OTLPX_ERR_INVALID_ARG for a public entry called with the wrong kind of argument. Checks
 * are made once per call, on the top-level argument only (never per span, point or record).
 */
export function invalidArg(fn: string, expected: string, got: unknown): never {
  const kind = got === null ? 'null' : Array.isArray(got) ? 'an array' : typeof got;
  throw new OtlpxError('OTLPX_ERR_INVALID_ARG', `${fn} expects ${expected}, got ${kind}`);
}

/** Whether `value` is a non-null, non-array object. */
export function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
