import { OtlpxInvalidArgError } from './errors.js';

/** Ranges the registry does not encode but the conventions imply; builders check them once. */
export function checkSize(bytes: number): number {
  if (!Number.isInteger(bytes) || bytes < 0) {
    throw new OtlpxInvalidArgError('bytes', `a size must be a non-negative integer, got ${bytes}`);
  }
  return bytes;
}

export function checkPort(port: number, argument: string): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new OtlpxInvalidArgError(argument, `a port must be an integer 0-65535, got ${port}`);
  }
  return port;
}

export function checkStatusCode(code: number): number {
  if (!Number.isInteger(code) || code < 100 || code > 599) {
    throw new OtlpxInvalidArgError('statusCode', `HTTP status code must be an integer 100-599, got ${code}`);
  }
  return code;
}

/**
 * `error.type` of a failure: an `Error` contributes its string `code` (`ECONNRESET`) or its
 * class name (`TypeError`); anything else is converted to a string (`'500'`, `'timeout'`).
 */
export function errorTypeOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    return error.name || error.constructor.name;
  }
  return String(error);
}
