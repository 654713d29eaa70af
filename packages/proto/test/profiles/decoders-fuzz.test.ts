import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodePprof,
  decodeProfilesRequest,
  encodePprof,
  encodeProfilesRequest,
  gzipPprof,
  isOtlpxError,
} from '../../src/index.js';
import { ProtoWriter } from '../../src/wire/writer.js';
import { makePprof, makeProfilesRequest } from './profiles-fixtures.js';

// Whatever the bytes, both decoders return a model or throw an OtlpxError with an
// OTLPX_ERR_DECODE_* code and an offset inside the (decompressed) input: never a TypeError, a
// RangeError, a hang or an allocation the input cannot pay for.

type Decode = (bytes: Uint8Array) => unknown;

function modelOrDecodeError(decode: Decode, bytes: Uint8Array, inputLength = bytes.length): 'model' | string {
  try {
    decode(bytes);
    return 'model';
  } catch (err) {
    if (!isOtlpxError(err)) throw err;
    expect(err.code).toMatch(/^OTLPX_ERR_DECODE_/);
    const offset = (err as unknown as { offset: number }).offset;
    expect(Number.isInteger(offset) && offset >= 0 && offset <= inputLength).toBe(true);
    return err.code;
  }
}

/** A LEN field `field` whose length prefix claims `length` bytes, followed by only a few. */
function lengthPrefix(field: number, length: number): Uint8Array {
  const w = new ProtoWriter(32);
  w.tag(field, 2);
  w.uint32(length);
  w.raw(new Uint8Array([0x08, 0x01, 0x10, 0x02]));
  return w.finish();
}

const decoders: Array<{ name: string; decode: Decode; valid: Uint8Array; fields: number[] }> = [
  {
    name: 'decodeProfilesRequest',
    decode: (b) => decodeProfilesRequest(b),
    valid: encodeProfilesRequest(makeProfilesRequest({ samples: 6, seed: 8 })),
    fields: [1, 2],
  },
  {
    name: 'decodePprof',
    decode: (b) => decodePprof(b),
    valid: encodePprof(makePprof({ samples: 6, seed: 8 })),
    fields: [1, 2, 3, 4, 5, 6, 11],
  },
];

describe.each(decoders)('$name under hostile input', ({ decode, valid, fields }) => {
  it('decodes the valid seed message', () => {
    expect(modelOrDecodeError(decode, valid)).toBe('model');
  });

  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1024 }), (bytes) => {
        modelOrDecodeError(decode, bytes);
      }),
      { numRuns: 3000 },
    );
  });

  it('every truncation of a valid message', () => {
    const codes = new Set<string>();
    for (let end = 0; end < valid.length; end++)
      codes.add(modelOrDecodeError(decode, valid.subarray(0, end)));
    expect(codes.has('OTLPX_ERR_DECODE_TRUNCATED')).toBe(true);
  });

  it('every single-bit flip of a valid message', () => {
    const copy = valid.slice();
    for (let i = 0; i < copy.length; i++) {
      for (let bit = 0; bit < 8; bit += 3) {
        copy[i] ^= 1 << bit;
        modelOrDecodeError(decode, copy);
        copy[i] ^= 1 << bit;
      }
    }
  });

  it('random byte overwrites and splices of a valid message', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.uint8Array({ maxLength: 16 }),
        fc.nat({ max: valid.length }),
        (writes, insert, at) => {
          const copy = valid.slice();
          for (const [i, v] of writes) copy[i] = v;
          modelOrDecodeError(decode, copy);
          const spliced = new Uint8Array([...valid.subarray(0, at), ...insert, ...valid.subarray(at)]);
          modelOrDecodeError(decode, spliced);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('100 MB and 4 GB length prefixes fail before allocating', () => {
    for (const field of fields) {
      for (const length of [100 * 1024 * 1024, 0xffffffff]) {
        const before = process.memoryUsage().arrayBuffers;
        expect(modelOrDecodeError(decode, lengthPrefix(field, length))).toBe('OTLPX_ERR_DECODE_TRUNCATED');
        expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
      }
    }
  });

  it('deep nesting fails with OTLPX_ERR_DECODE_DEPTH, not a stack overflow', () => {
    // Unknown group fields nested 100 000 deep inside the message.
    const depth = 100_000;
    const bytes = new Uint8Array(depth * 2 * 2);
    for (let i = 0; i < depth; i++) {
      bytes[2 * i] = 0xfb; // field 127, START_GROUP (two-byte tag)
      bytes[2 * i + 1] = 0x07;
    }
    expect(modelOrDecodeError(decode, bytes)).toBe('OTLPX_ERR_DECODE_DEPTH');
  });
});

describe('decodePprof with gzipped hostile input', () => {
  const valid = encodePprof(makePprof({ samples: 6, seed: 9 }));

  it('gzipped truncations and bit flips of the decompressed message', () => {
    for (let end = 0; end < valid.length; end += 7) {
      modelOrDecodeError(decodePprof, gzipPprof(valid.subarray(0, end)), end);
    }
    fc.assert(
      fc.property(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 7 }), (i, bit) => {
        const copy = valid.slice();
        copy[i] ^= 1 << bit;
        modelOrDecodeError(decodePprof, gzipPprof(copy), copy.length);
      }),
      { numRuns: 300 },
    );
  });

  it('damaged gzip streams', () => {
    const gz = gzipPprof(valid);
    for (let end = 2; end < gz.length; end += 5)
      modelOrDecodeError(decodePprof, gz.subarray(0, end), valid.length);
    fc.assert(
      fc.property(fc.nat({ max: gz.length - 1 }), fc.integer({ min: 1, max: 255 }), (i, x) => {
        const copy = gz.slice();
        copy[i] ^= x;
        modelOrDecodeError(decodePprof, copy, valid.length);
      }),
      { numRuns: 500 },
    );
  });

  it('a gzip bomb that inflates to a huge length prefix stops at the size limit', () => {
    const huge = new Uint8Array(64 * 1024 * 1024); // field 0 tags: invalid, and 64 MiB of it
    const gz = gzipPprof(huge, 9);
    expect(
      modelOrDecodeError(
        (b) => decodePprof(b, { maxDecompressedBytes: 8 * 1024 * 1024 }),
        gz,
        8 * 1024 * 1024,
      ),
    ).toBe('OTLPX_ERR_DECODE_TOO_LARGE');
  });
});
