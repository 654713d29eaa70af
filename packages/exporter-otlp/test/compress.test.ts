import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { encodeTraces } from '@otlpx/proto';
import { makeHttpServerSpans } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';
import { compress, contentEncoding, outputChunkSize } from '../src/compress.js';

describe('compress', () => {
  it('sizes the output chunk at half the body, a power of two within 16 KiB..1 MiB', () => {
    expect(outputChunkSize(0)).toBe(16 * 1024);
    expect(outputChunkSize(1000)).toBe(16 * 1024);
    expect(outputChunkSize(255_690)).toBe(128 * 1024);
    expect(outputChunkSize(262_144)).toBe(128 * 1024);
    expect(outputChunkSize(262_145)).toBe(256 * 1024);
    expect(outputChunkSize(50 * 1024 * 1024)).toBe(1024 * 1024);
  });

  it('gzip gives back exactly the body: a span batch, an empty body, and incompressible bytes larger than one chunk', async () => {
    const batch = encodeTraces(makeHttpServerSpans({ count: 512, seed: 21 }));
    const random = randomBytes(300_000); // compresses to more than its chunk (256 KiB): several trips
    for (const body of [batch, new Uint8Array(0), random]) {
      const out = await compress(body, 'gzip');
      expect(Buffer.from(gunzipSync(out)).equals(Buffer.from(body))).toBe(true);
    }
    expect((await compress(batch, 'gzip')).length).toBeLessThan(batch.length / 4);
  });

  it('honours the level and leaves the body alone without compression', async () => {
    const batch = encodeTraces(makeHttpServerSpans({ count: 256, seed: 22 }));
    const fast = await compress(batch, 'gzip', 1);
    const small = await compress(batch, 'gzip', 9);
    expect(small.length).toBeLessThan(fast.length);
    expect(await compress(batch, 'none')).toBe(batch);
    expect(contentEncoding('none')).toBeUndefined();
    expect(contentEncoding('gzip')).toBe('gzip');
  });
});
