import { protocDecode, protocEncode, skipWithoutPeer } from '@otlpx/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ExportProfilesServiceRequest, encodeProfilesRequest } from '../../src/index.js';
import { profilesRequest } from '../profiles/profile-arbitraries.js';
import { makeProfilesRequest } from '../profiles/profiles-fixtures.js';
import { canonical, referenceObject, referenceReencode } from './reference-shape.js';

// Our ExportProfilesServiceRequest bytes, read back by protobufjs over the official
// opentelemetry-proto v1.11.0 files and by protoc.

const INT64_NUMBER_KEYS = new Set(['durationNano', 'period', 'values', 'line', 'column', 'startLine']);

const fixtures: Array<[string, ExportProfilesServiceRequest]> = [
  ['500 samples with timestamps and links', makeProfilesRequest({ samples: 500, seed: 3 })],
  ['aggregated values, no timestamps', makeProfilesRequest({ samples: 50, seed: 4, timestamps: false })],
];

describe('profiles conformance with protobufjs over the official .proto files', () => {
  it.each(fixtures)('%s: decodes to the same message', (_name, request) => {
    const bytes = encodeProfilesRequest(request);
    expect(canonical(referenceObject('profiles', bytes), INT64_NUMBER_KEYS)).toEqual(
      canonical(request, INT64_NUMBER_KEYS),
    );
  });

  it.each(fixtures)('%s: is canonical protobuf (protobufjs re-encodes the same bytes)', (_name, request) => {
    const bytes = encodeProfilesRequest(request);
    expect(referenceReencode('profiles', bytes)).toEqual(bytes);
  });

  it('holds for random builder-made requests', () => {
    fc.assert(
      fc.property(profilesRequest, (request) => {
        const bytes = encodeProfilesRequest(request);
        expect(canonical(referenceObject('profiles', bytes), INT64_NUMBER_KEYS)).toEqual(
          canonical(request, INT64_NUMBER_KEYS),
        );
        expect(referenceReencode('profiles', bytes)).toEqual(bytes);
      }),
      { numRuns: 100 },
    );
  });
});

describe.skipIf(skipWithoutPeer('protoc'))('profiles conformance with protoc', () => {
  it('protoc --decode reads every field, and --encode of its text gives back our bytes', () => {
    const request = makeProfilesRequest({ samples: 40, seed: 5 });
    const bytes = encodeProfilesRequest(request);
    const text = protocDecode('profiles', bytes);
    expect(text).toContain('string_table: "handleRequest"');
    expect(text).toContain('stack_index: ');
    expect(text).toContain('timestamps_unix_nano: 1764300005');
    expect(text).toContain('trace_id: "');
    expect(text).toContain('memory_limit: 18446744073699065856');
    expect(text).not.toMatch(/^\d+: /m); // no field protoc did not know
    expect(protocEncode('profiles', text)).toEqual(bytes);
  });
});
