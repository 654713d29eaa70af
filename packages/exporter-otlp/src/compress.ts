/**
 * Request body compression, asynchronous so it runs on libuv's thread pool and not on the event
 * loop (perf-baselines.md section 2: the official exporter's synchronous path is what limits it).
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

export function compress(body: Uint8Array, compression: Compression): Promise<Uint8Array> {
  if (compression === 'gzip') return gzip(body);
  if (compression === 'zstd' && zstd) return zstd(body);
  return Promise.resolve(body);
}
