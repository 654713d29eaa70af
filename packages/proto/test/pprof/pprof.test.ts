import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePprof, encodePprof, gunzipPprof, gzipPprof, isGzip } from '../../src/index.js';
import { decodeError, handWritten } from '../profiles/decode-helpers.js';
import { pprofProfile } from '../profiles/profile-arbitraries.js';
import { makePprof } from '../profiles/profiles-fixtures.js';

describe('encodePprof / decodePprof', () => {
  it('round-trips a realistic profile to an equal model and identical bytes, raw and gzipped', () => {
    const profile = makePprof({ samples: 400, seed: 5 });
    const bytes = encodePprof(profile);
    expect(decodePprof(bytes)).toEqual(profile);
    expect(encodePprof(decodePprof(bytes))).toEqual(bytes);
    const gz = encodePprof(profile, { gzip: true });
    expect(isGzip(gz)).toBe(true);
    expect(isGzip(bytes)).toBe(false);
    expect(gz.length).toBeLessThan(bytes.length);
    expect(decodePprof(gz)).toEqual(profile);
    expect(gunzipPprof(gz)).toEqual(bytes);
    expect(gunzipPprof(gzipPprof(bytes, 9))).toEqual(bytes);
    expect(encodePprof(profile, { gzip: true, gzipLevel: 1 }).length).toBeGreaterThan(0);
  });

  it('round-trips random builder-made profiles', () => {
    fc.assert(
      fc.property(pprofProfile, (profile) => {
        const bytes = encodePprof(profile);
        const decoded = decodePprof(bytes);
        expect(decoded).toEqual(profile);
        expect(encodePprof(decoded)).toEqual(bytes);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the newer fields doc_url (15) and Line.column (3)', () => {
    const profile = makePprof({ samples: 2, seed: 1 });
    profile.docUrl = profile.stringTable.push('https://example.com/doc') - 1;
    profile.location[0].line[0].column = 17;
    expect(decodePprof(encodePprof(profile))).toEqual(profile);
  });

  it('reads unpacked location ids and values, and labels with negative and 64-bit numbers', () => {
    const bytes = handWritten((w) => {
      w.byte(0x12); // sample
      const s = w.fork();
      w.byte(0x08); // location_id, one per tag
      w.uint32(3);
      w.byte(0x08);
      w.uint32(1);
      w.byte(0x10); // value, one per tag
      w.int64(-4);
      w.byte(0x1a); // label
      const l = w.fork();
      w.byte(0x08);
      w.int64(1);
      w.byte(0x18);
      w.int64(1_764_300_000_123_456_789n);
      w.join(l);
      w.join(s);
    });
    expect(decodePprof(bytes).sample).toEqual([
      {
        locationId: [3, 1],
        value: [-4],
        label: [{ key: 1, str: 0, num: 1_764_300_000_123_456_789n, numUnit: 0 }],
      },
    ]);
  });

  it('rejects ids beyond 2^53 - 1 instead of rounding them', () => {
    const bytes = handWritten((w) => {
      w.byte(0x2a); // function
      const s = w.fork();
      w.byte(0x08);
      w.int64(2n ** 60n);
      w.join(s);
    });
    const err = decodeError(() => decodePprof(bytes));
    expect(err.code).toBe('OTLPX_ERR_DECODE_INVALID');
    expect(err.offset).toBe(3);
  });

  it('caps gunzipped size: a gzip bomb fails early with OTLPX_ERR_DECODE_TOO_LARGE', () => {
    // 64 gzip members of 16 MiB of zeros: 1 GiB when inflated, ~1 MiB on the wire.
    const member = gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
    const bomb = new Uint8Array(Buffer.concat(Array.from({ length: 64 }, () => member)));
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    const err = decodeError(() => decodePprof(bomb));
    expect(err.code).toBe('OTLPX_ERR_DECODE_TOO_LARGE');
    expect(err.message).toContain('maxDecompressedBytes');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(300 * 1024 * 1024);
    expect(
      decodeError(() => decodePprof(gzipPprof(new Uint8Array(2048)), { maxDecompressedBytes: 1024 })).code,
    ).toBe('OTLPX_ERR_DECODE_TOO_LARGE');
  });

  it('reports corrupt and truncated gzip as OTLPX_ERR_DECODE_INVALID', () => {
    const gz = encodePprof(makePprof({ samples: 20, seed: 3 }), { gzip: true });
    const truncated = gz.subarray(0, gz.length - 9);
    expect(decodeError(() => decodePprof(truncated)).code).toBe('OTLPX_ERR_DECODE_INVALID');
    const corrupt = gz.slice();
    corrupt[12] ^= 0xff;
    corrupt[13] ^= 0xff;
    expect(decodeError(() => decodePprof(corrupt)).code).toMatch(/^OTLPX_ERR_DECODE_/);
  });

  it('fails on a sample type with the wrong wire type', () => {
    const err = decodeError(() => decodePprof(new Uint8Array([0x08, 0x01])));
    expect(err.code).toBe('OTLPX_ERR_DECODE_WIRE_TYPE');
    expect(err.offset).toBe(1);
  });
});
