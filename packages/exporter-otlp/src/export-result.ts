/**
 * The SDK's ExportResult, structurally: `code` 0 is SUCCESS and 1 is FAILED, the values of
 * @opentelemetry/core's ExportResultCode (kept local so the package needs no runtime import of
 * core). `runExport` is the one body every signal exporter's `export()` shares: encode, send,
 * call back exactly once, never throw.
 */
import { diag } from '@opentelemetry/api';
import { OtlpxExportError, report } from './errors.js';
import type { HttpTransport } from './http-transport.js';

export const ExportResultCode = { SUCCESS: 0, FAILED: 1 } as const;

export interface ExportResult {
  code: 0 | 1;
  error?: Error;
}

const SUCCESS: ExportResult = Object.freeze({ code: ExportResultCode.SUCCESS });

/** Encodes `input`, sends it, and reports the outcome; `items` counts what the batch holds. */
export function runExport<T>(
  transport: HttpTransport,
  encode: (input: T) => Uint8Array,
  input: T,
  items: number,
  deadline?: number,
): Promise<ExportResult> {
  let body: Uint8Array;
  try {
    body = encode(input);
  } catch (err) {
    const error = new OtlpxExportError(
      'OTLPX_ERR_EXPORT_ENCODE',
      `the batch could not be encoded: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
    transport.stats.exportsFailed++;
    transport.stats.itemsFailed += items;
    report('error', 'OTLPX_ERR_EXPORT_ENCODE', error.message);
    return Promise.resolve({ code: ExportResultCode.FAILED, error });
  }
  return transport.send(body, items, deadline).then(
    (error) => (error ? { code: ExportResultCode.FAILED, error } : SUCCESS),
    // send() does not reject; this is a last line of defence so the callback always runs.
    (err: Error) => ({ code: ExportResultCode.FAILED, error: err }),
  );
}

/** Calls the SDK's result callback, shielding the exporter from a callback that throws. */
export function callBack(promise: Promise<ExportResult>, callback: (result: ExportResult) => void): void {
  promise.then((result) => {
    try {
      callback(result);
    } catch (err) {
      diag.error(`export result callback threw: ${(err as Error).message}`);
    }
  });
}

/** UTF-8 bytes of an OTLP/JSON string, for encoders that return text. */
export function utf8(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}
