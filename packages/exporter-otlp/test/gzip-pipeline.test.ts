import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GzipPipeline } from '../src/gzip-pipeline.js';

/** Compressible bytes: repeated words with random ids, like encoded spans. */
function request(size: number): Buffer {
  const parts: Buffer[] = [];
  let n = 0;
  while (n < size) {
    const part = Buffer.concat([Buffer.from('GET /api/users/:id http.route '), randomBytes(12)]);
    parts.push(part);
    n += part.length;
  }
  return Buffer.concat(parts).subarray(0, size);
}

async function pipelined(body: Buffer, prefixEnd: number, spansEnd: number, piece: number, level = 1) {
  const gzip = new GzipPipeline(level);
  for (let at = prefixEnd; at < spansEnd; at += piece)
    gzip.write(body.subarray(at, Math.min(spansEnd, at + piece)));
  return gzip.finish(body, prefixEnd, spansEnd);
}

describe('GzipPipeline', () => {
  it('keeps the pieces in write order whichever finishes first', async () => {
    const body = request(200_000);
    const gzip = new GzipPipeline(1);
    gzip.write(body.subarray(0, 150_000)); // slow, on the thread pool
    gzip.write(body.subarray(150_000, 200_000), true); // done at once
    expect(gunzipSync(await gzip.finish(body, 0, 200_000)).equals(body)).toBe(true);
  });

  it('makes one gzip member that gunzips to the request, for any split into pieces', async () => {
    const body = request(300_000);
    for (const [prefixEnd, spansEnd, piece] of [
      [0, 300_000, 65_536],
      [1200, 299_950, 1000],
      [70_000, 300_000, 100_000],
      [10, 20, 3],
    ]) {
      const out = await pipelined(body, prefixEnd, spansEnd, piece);
      expect(out.subarray(0, 3)).toEqual(Buffer.from([0x1f, 0x8b, 8]));
      expect(gunzipSync(out).equals(body)).toBe(true);
    }
  });

  it('compresses the spans (only the prefix and suffix are stored)', async () => {
    const body = request(256 * 1024);
    const out = await pipelined(body, 1000, body.length - 50, 64 * 1024, 6);
    expect(out.length).toBeLessThan(body.length / 2);
  });

  it('falls back to a one-shot gzip when the stream is gone', async () => {
    const body = request(100_000);
    const gzip = new GzipPipeline(1);
    gzip.write(body.subarray(100, 50_000));
    gzip.abort();
    gzip.write(body.subarray(50_000, 99_000));
    const out = await gzip.finish(body, 100, 99_000);
    expect(gunzipSync(out).equals(body)).toBe(true);
  });
});
