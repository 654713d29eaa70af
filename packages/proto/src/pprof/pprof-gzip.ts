import { gunzipSync, gzipSync } from 'node:zlib';
import { OtlpxDecodeError } from '../errors.js';

/** Largest decompressed pprof decodePprof() accepts by default: 256 MiB. */
export const DEFAULT_MAX_PPROF_BYTES = 256 * 1024 * 1024;

/** Whether bytes start with the gzip magic number (1f 8b), as a `.pb.gz` file does. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Gzips encoded pprof bytes into the on-disk `.pb.gz` form that `go tool pprof` reads. */
export function gzipPprof(bytes: Uint8Array, level = 6): Uint8Array {
  const out = gzipSync(bytes, { level });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * Gunzips with a hard limit on the output: zlib stops as soon as `maxBytes` would be
 * exceeded, so a gzip bomb costs at most `maxBytes` of memory. Errors carry offset 0 (zlib
 * does not say where in the compressed input it failed).
 */
export function gunzipPprof(bytes: Uint8Array, maxBytes = DEFAULT_MAX_PPROF_BYTES): Uint8Array {
  try {
    const out = gunzipSync(bytes, { maxOutputLength: maxBytes });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      throw new OtlpxDecodeError(
        'OTLPX_ERR_DECODE_TOO_LARGE',
        `gzip input inflates past ${maxBytes} bytes (limits.maxDecompressedBytes)`,
        0,
      );
    }
    throw new OtlpxDecodeError(
      'OTLPX_ERR_DECODE_INVALID',
      `gzip input is corrupt or truncated: ${(err as Error).message}`,
      0,
    );
  }
}
