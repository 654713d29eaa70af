import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { encodeTraces } from '@otlpx/proto';
import { makeHttpServerSpans } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';
import { gzipReusing, idleGzipStreams } from '../src/gzip-streams.js';

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('gzipReusing', () => {
  it('each request is its own complete gzip member, request after request on the same stream', async () => {
    const bodies = [0, 1, 7, 512, 1500].map((count) =>
      count === 0 ? new Uint8Array(0) : encodeTraces(makeHttpServerSpans({ count, seed: 40 + count })),
    );
    for (let round = 0; round < 3; round++) {
      for (const body of bodies) {
        const out = await gzipReusing(body, 1);
        expect(out[0]).toBe(0x1f); // a fresh header every time
        expect(out[1]).toBe(0x8b);
        expect(same(gunzipSync(out), body)).toBe(true);
      }
    }
    expect(idleGzipStreams()).toBeGreaterThanOrEqual(1);
  });

  it('runs concurrent requests on separate streams and keeps at most four waiting per level', async () => {
    const bodies = Array.from({ length: 12 }, (_, i) =>
      i % 3 === 0 ? randomBytes(200_000 + i) : encodeTraces(makeHttpServerSpans({ count: 64 + i, seed: i })),
    );
    const outs = await Promise.all(bodies.map((body) => gzipReusing(body, 6)));
    for (const [i, out] of outs.entries()) expect(same(gunzipSync(out), bodies[i])).toBe(true);
    // incompressible bodies come out larger than one 128 KiB output chunk: several chunks joined
    expect(outs[0].length).toBeGreaterThan(128 * 1024);
    expect(idleGzipStreams()).toBeLessThanOrEqual(8); // level 1 from above + level 6, four each
  });

  it('the level matters, and an invalid level rejects without leaving a stream behind', async () => {
    const body = encodeTraces(makeHttpServerSpans({ count: 256, seed: 3 }));
    const [fast, small] = await Promise.all([gzipReusing(body, 1), gzipReusing(body, 9)]);
    expect(small.length).toBeLessThan(fast.length);
    const before = idleGzipStreams();
    await expect(gzipReusing(body, 42)).rejects.toThrow(/level/);
    expect(idleGzipStreams()).toBe(before);
  });

  it('something that is not bytes rejects and its stream is dropped; the next request works', async () => {
    const body = encodeTraces(makeHttpServerSpans({ count: 8, seed: 6 }));
    await gzipReusing(body, 2);
    const before = idleGzipStreams();
    await expect(gzipReusing(12345 as unknown as Uint8Array, 2)).rejects.toThrow();
    expect(idleGzipStreams()).toBe(before - 1);
    expect(same(gunzipSync(await gzipReusing(body, 2)), body)).toBe(true);
  });

  it('returns a buffer of exactly the output, not a view into a shared chunk', async () => {
    const body = encodeTraces(makeHttpServerSpans({ count: 32, seed: 5 }));
    const out = await gzipReusing(body, 1);
    // its own memory (or Node's small-buffer pool slab), not a 128 KiB output chunk
    expect(out.buffer.byteLength).toBeLessThanOrEqual(Math.max(8192, out.length));
  });
});
