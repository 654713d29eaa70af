import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeProfilesRequest,
  type ExportProfilesServiceRequest,
  encodeProfilesRequest,
  validateProfilesRequest,
} from '../../src/index.js';
import type { ProtoWriter } from '../../src/wire/writer.js';
import { decodeError, handWritten } from './decode-helpers.js';
import { profilesRequest } from './profile-arbitraries.js';
import { makeProfilesRequest } from './profiles-fixtures.js';

/** ExportProfilesServiceRequest { resource_profiles { scope_profiles { profiles { <body> } } } } */
function inOneProfile(body: (w: ProtoWriter) => void): Uint8Array {
  return handWritten((w) => {
    w.byte(0x0a);
    const a = w.fork();
    w.byte(0x12);
    const b = w.fork();
    w.byte(0x12);
    const c = w.fork();
    body(w);
    w.join(c);
    w.join(b);
    w.join(a);
  });
}

describe('encodeProfilesRequest / decodeProfilesRequest', () => {
  it('round-trips a realistic request to an equal model and identical bytes', () => {
    const request = makeProfilesRequest({ samples: 500, seed: 7 });
    const bytes = encodeProfilesRequest(request);
    const decoded = decodeProfilesRequest(bytes);
    expect(decoded).toEqual(request);
    expect(encodeProfilesRequest(decoded)).toEqual(bytes);
    expect(validateProfilesRequest(decoded)).toEqual([]);
  });

  it('copies bytes fields out of a Node Buffer input instead of aliasing it', () => {
    const request = makeProfilesRequest({ samples: 2, seed: 3 });
    const input = Buffer.from(encodeProfilesRequest(request));
    const decoded = decodeProfilesRequest(input);
    input.fill(0);
    expect(decoded).toEqual(request);
  });

  it('encodes an empty request as zero bytes and keeps an empty dictionary present', () => {
    expect(encodeProfilesRequest({ resourceProfiles: [] })).toEqual(new Uint8Array(0));
    expect(decodeProfilesRequest(new Uint8Array(0))).toEqual({ resourceProfiles: [] });
    const withDictionary: ExportProfilesServiceRequest = {
      resourceProfiles: [],
      dictionary: {
        mappingTable: [],
        locationTable: [],
        functionTable: [],
        linkTable: [],
        stringTable: [],
        attributeTable: [],
        stackTable: [],
      },
    };
    const bytes = encodeProfilesRequest(withDictionary);
    expect([...bytes]).toEqual([0x12, 0x00]);
    expect(decodeProfilesRequest(bytes)).toEqual(withDictionary);
  });

  it('round-trips random builder-made requests (model equal, bytes identical, valid)', () => {
    fc.assert(
      fc.property(profilesRequest, (request) => {
        const bytes = encodeProfilesRequest(request);
        const decoded = decodeProfilesRequest(bytes);
        expect(decoded).toEqual(request);
        expect(encodeProfilesRequest(decoded)).toEqual(bytes);
        expect(validateProfilesRequest(request)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('writes packed repeated scalars and reads them unpacked too', () => {
    // Sample { stack_index: 1, attribute_indices: [1, 2], values: [-5, 7], timestamps: [9, 10] },
    // one value per tag (the pre-packed encoding every proto3 decoder must still accept).
    const unpacked = inOneProfile((w) => {
      w.byte(0x12); // samples
      const s = w.fork();
      w.byte(0x08);
      w.int32(1);
      w.byte(0x10);
      w.int32(1);
      w.byte(0x10);
      w.int32(2);
      w.byte(0x20);
      w.int64(-5);
      w.byte(0x20);
      w.int64(7);
      w.byte(0x29);
      w.fixed64Value(9n);
      w.byte(0x29);
      w.fixed64Value(10n);
      w.join(s);
    });
    const decoded = decodeProfilesRequest(unpacked);
    const sample = decoded.resourceProfiles[0].scopeProfiles[0].profiles[0].samples[0];
    expect(sample).toEqual({
      stackIndex: 1,
      attributeIndices: [1, 2],
      linkIndex: 0,
      values: [-5, 7],
      timestampsUnixNano: [9n, 10n],
    });
    const packed = encodeProfilesRequest(decoded);
    expect(packed).not.toEqual(unpacked);
    expect(encodeProfilesRequest(decodeProfilesRequest(packed))).toEqual(packed);
    expect(decodeProfilesRequest(packed)).toEqual(decoded);
  });

  it('skips unknown fields of every wire type', () => {
    const bytes = inOneProfile((w) => {
      w.tag(99, 0);
      w.uint32(5);
      w.tag(98, 1);
      w.fixed64(1, 2);
      w.tag(97, 2);
      w.string('x');
      w.tag(96, 5);
      w.fixed32(3);
      w.byte(0x30); // period
      w.int64(1000);
    });
    expect(decodeProfilesRequest(bytes).resourceProfiles[0].scopeProfiles[0].profiles[0].period).toBe(1000);
  });

  it('rejects a wrong wire type with the field and offset', () => {
    const bytes = inOneProfile((w) => {
      w.byte(0x18); // 3: time_unix_nano as VARINT instead of I64
      w.uint32(1);
    });
    const err = decodeError(() => decodeProfilesRequest(bytes));
    expect(err.code).toBe('OTLPX_ERR_DECODE_WIRE_TYPE');
    expect(err.message).toContain('field 3');
    expect(err.offset).toBe(7);
  });

  it('rejects 64-bit values a JS number cannot hold instead of rounding them', () => {
    const big = inOneProfile((w) => {
      w.byte(0x30); // 6: period = 2^53
      w.int64(2n ** 53n);
    });
    const err = decodeError(() => decodeProfilesRequest(big));
    expect(err.code).toBe('OTLPX_ERR_DECODE_INVALID');
    expect(err.message).toMatch(/2\^53/);
    expect(err.offset).toBe(7);
    const edge = inOneProfile((w) => {
      w.byte(0x30);
      w.int64(-(2 ** 53 - 1));
    });
    expect(decodeProfilesRequest(edge).resourceProfiles[0].scopeProfiles[0].profiles[0].period).toBe(
      -(2 ** 53 - 1),
    );
    const tooNegative = inOneProfile((w) => {
      w.byte(0x30);
      w.int64(-(2n ** 53n));
    });
    expect(decodeError(() => decodeProfilesRequest(tooNegative)).code).toBe('OTLPX_ERR_DECODE_INVALID');
  });

  it('rejects packed fixed64 whose length is not a multiple of 8', () => {
    const bytes = inOneProfile((w) => {
      w.byte(0x12);
      const s = w.fork();
      w.byte(0x2a); // 5: timestamps_unix_nano, 5 bytes
      w.bytes(new Uint8Array(5));
      w.join(s);
    });
    expect(decodeError(() => decodeProfilesRequest(bytes)).code).toBe('OTLPX_ERR_DECODE_INVALID');
  });

  it('rejects a packed varint run that overruns its length', () => {
    const bytes = inOneProfile((w) => {
      w.byte(0x5a); // 11: attribute_indices, length 1 but a 2-byte varint
      w.byte(0x01);
      w.byte(0x80);
      w.byte(0x01);
    });
    expect(decodeError(() => decodeProfilesRequest(bytes)).code).toBe('OTLPX_ERR_DECODE_INVALID');
  });

  it('limits the number of messages (maxMessages) and nesting (maxDepth)', () => {
    const bytes = encodeProfilesRequest(makeProfilesRequest({ samples: 50, seed: 1 }));
    const err = decodeError(() => decodeProfilesRequest(bytes, { maxMessages: 100 }));
    expect(err.code).toBe('OTLPX_ERR_DECODE_TOO_LARGE');
    expect(err.message).toContain('maxMessages');
    expect(decodeError(() => decodeProfilesRequest(bytes, { maxDepth: 2 })).code).toBe(
      'OTLPX_ERR_DECODE_DEPTH',
    );
  });

  it('keeps negative int32 indices as written (ten-byte varints) for validate() to report', () => {
    const bytes = inOneProfile((w) => {
      w.byte(0x12);
      const s = w.fork();
      w.byte(0x08);
      w.int32(-1);
      w.byte(0x22);
      const v = w.fork();
      w.int64(1);
      w.join(v);
      w.join(s);
    });
    const decoded = decodeProfilesRequest(bytes);
    expect(decoded.resourceProfiles[0].scopeProfiles[0].profiles[0].samples[0].stackIndex).toBe(-1);
    expect(encodeProfilesRequest(decoded)).toEqual(bytes);
  });
});
