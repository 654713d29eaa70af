/**
 * Request body compression, asynchronous so it runs on libuv's thread pool and not on the event
 * loop (perf-baselines.md section 2: the official exporter's synchronous path is what limits it).
 *
 * gzip defaults to level 1: on a 256 KB request of 512 HTTP spans it took 2.8 ms against 4.2 ms at
 * zlib's default level 6, for 10 % more bytes (45.0 KB vs 41.0 KB; Node 20, EPYC, measured while
 * writing benchmarks/export-e2e). Compression is the largest CPU cost of a gzip export, so
 * the faster level is what lets more spans through per core; `compressionLevel` sets another.
 */
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import type { Compression } from './config.js';

const gzip = promisify(zlib.gzip);
type ZstdCompress = (buf: Uint8Array, cb: (err: Error | null, out: Buffer) => void) => void;
const zstdCompress = (zlib as unknown as { zstdCompress?: ZstdCompress }).zstdCompress;
const zstd = zstdCompress ? promisify(zstdCompress) : undefined;

/** The Content-Encoding header value of a compression, or undefined for none. */
export function contentEncoding(compression: Compression): string | undefined {
  return compression === 'none' ? undefined : compression;
}

export const DEFAULT_GZIP_LEVEL = 1;

export function compress(body: Uint8Array, compression: Compression, level?: number): Promise<Uint8Array> {
  if (compression === 'gzip') return gzip(body, { level: level ?? DEFAULT_GZIP_LEVEL });
  if (compression === 'zstd' && zstd) return zstd(body);
  return Promise.resolve(body);
}
