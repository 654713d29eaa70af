/**
 * Request body compression, asynchronous so it runs on libuv's thread pool and not on the event
 * loop (perf-baselines.md section 2: the official exporter's synchronous path is what limits it).
 *
 * gzip defaults to level 1: on a 256 KB request of 512 HTTP spans it took 2.8 ms against 4.2 ms at
 * zlib's default level 6, for 10 % more bytes (45.0 KB vs 41.0 KB; Node 20, EPYC, measured while
 * writing benchmarks/export-e2e). Compression is the largest CPU cost of a gzip export, so
 * the faster level is what lets more spans through per core; `compressionLevel` sets another.
 *
 * gzip goes through reused zlib streams (gzip-streams.ts: a new stream per request, and a trip
 * through the event loop per 16 KiB of output, cost the main thread more than the deflate's
 * scheduling suggests). zstd, one call per request with an output chunk that holds the result.
 */
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import type { Compression } from './config.js';
import { gzipReusing } from './gzip-streams.js';

type ZstdCompress = (
  buf: Uint8Array,
  options: zlib.ZlibOptions,
  cb: (err: Error | null, out: Buffer) => void,
) => void;
const zstdCompress = (zlib as unknown as { zstdCompress?: ZstdCompress }).zstdCompress;
const zstd = zstdCompress ? promisify(zstdCompress) : undefined;

/** The Content-Encoding header value of a compression, or undefined for none. */
export function contentEncoding(compression: Compression): string | undefined {
  return compression === 'none' ? undefined : compression;
}

export const DEFAULT_GZIP_LEVEL = 1;

const MIN_CHUNK = 16 * 1024;
const MAX_CHUNK = 1024 * 1024;

/**
 * Output chunk size for a body: half its length (OTLP bodies compress 4-6x, so one chunk holds
 * the result), a power of two between 16 KiB and 1 MiB. A body that compresses worse only takes
 * a few more trips.
 */
export function outputChunkSize(bodyLength: number): number {
  const half = 2 ** Math.ceil(Math.log2(Math.max(1, bodyLength / 2)));
  return Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, half));
}

export function compress(body: Uint8Array, compression: Compression, level?: number): Promise<Uint8Array> {
  if (compression === 'gzip') return gzipReusing(body, level ?? DEFAULT_GZIP_LEVEL);
  if (compression === 'zstd' && zstd) return zstd(body, { chunkSize: outputChunkSize(body.length) });
  return Promise.resolve(body);
}
