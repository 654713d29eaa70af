import { protocDecode, protocEncode, skipWithoutPeer } from '@otlpx/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeProfilesRequest,
  type ExportProfilesServiceRequest,
  encodeProfilesRequest,
  profilesRequestToJson,
  validateProfilesRequest,
} from '../../src/index.js';
import { profilesRequest } from '../profiles/profile-arbitraries.js';
import { makeProfilesRequest } from '../profiles/profiles-fixtures.js';
import { canonical, referenceJson, referenceObject, referenceReencode } from './reference-shape.js';

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

  it.each(fixtures)('%s: OTLP/JSON has the official field names and value forms', (_name, request) => {
    // protobufjs's JSON differs from OTLP/JSON only in ids: base64 there, hex here.
    const ours = JSON.parse(JSON.stringify(profilesRequestToJson(request)), (key, value) =>
      ['traceId', 'spanId', 'profileId'].includes(key) ? Buffer.from(value, 'hex').toString('base64') : value,
    );
    expect(canonical(ours, 'all')).toEqual(
      canonical(referenceJson('profiles', encodeProfilesRequest(request)), 'all'),
    );
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

  it('decodes what protoc --encode writes for every field, to the expected model', () => {
    const text = String.raw`
      resource_profiles {
        resource { attributes { key: "service.name" value { string_value: "svc" } } dropped_attributes_count: 1 }
        scope_profiles {
          scope { name: "prof" version: "1" }
          profiles {
            sample_type { type_strindex: 1 unit_strindex: 2 }
            samples { stack_index: 1 attribute_indices: 1 link_index: 1 values: -3 values: 4 timestamps_unix_nano: 18446744073709551615 timestamps_unix_nano: 7 }
            time_unix_nano: 1764300000000000000
            duration_nano: 9007199254740991
            period_type { type_strindex: 1 unit_strindex: 2 }
            period: -10
            profile_id: "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10"
            dropped_attributes_count: 5
            original_payload_format: "pprof"
            original_payload: "\x1f\x8b"
            attribute_indices: 1
          }
          schema_url: "s"
        }
        schema_url: "r"
      }
      dictionary {
        mapping_table {}
        mapping_table { memory_start: 4096 memory_limit: 18446744073709551615 file_offset: 16 filename_strindex: 3 attribute_indices: 1 }
        location_table {}
        location_table { mapping_index: 1 address: 18446744073709551614 lines { function_index: 1 line: 42 column: 7 } attribute_indices: 1 }
        function_table {}
        function_table { name_strindex: 4 system_name_strindex: 4 filename_strindex: 3 start_line: 40 }
        link_table { trace_id: "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0" span_id: "\0\0\0\0\0\0\0\0" }
        link_table { trace_id: "\x11\x11\x11\x11\x11\x11\x11\x11\x11\x11\x11\x11\x11\x11\x11\x11" span_id: "\x22\x22\x22\x22\x22\x22\x22\x22" }
        string_table: "" string_table: "cpu" string_table: "nanoseconds" string_table: "/usr/bin/node" string_table: "main" string_table: "thread.name" string_table: "By"
        attribute_table {}
        attribute_table { key_strindex: 5 value { string_value_strindex: 4 } unit_strindex: 6 }
        stack_table {}
        stack_table { location_indices: 1 location_indices: 1 }
      }`;
    const model = decodeProfilesRequest(protocEncode('profiles', text));
    expect(validateProfilesRequest(model)).toEqual([]);
    const profile = model.resourceProfiles[0].scopeProfiles[0].profiles[0];
    expect(profile.samples[0]).toEqual({
      stackIndex: 1,
      attributeIndices: [1],
      linkIndex: 1,
      values: [-3, 4],
      timestampsUnixNano: [2n ** 64n - 1n, 7n],
    });
    expect(profile).toMatchObject({
      timeUnixNano: 1764300000000000000n,
      durationNano: Number.MAX_SAFE_INTEGER,
      period: -10,
      profileId: Uint8Array.from({ length: 16 }, (_, i) => i + 1),
      droppedAttributesCount: 5,
      originalPayloadFormat: 'pprof',
      originalPayload: new Uint8Array([0x1f, 0x8b]),
      attributeIndices: [1],
    });
    expect(model.resourceProfiles[0].resource?.droppedAttributesCount).toBe(1);
    expect(model.resourceProfiles[0].scopeProfiles[0].scope?.name).toBe('prof');
    const d = model.dictionary!;
    expect(d.mappingTable[1]).toEqual({
      memoryStart: 4096n,
      memoryLimit: 2n ** 64n - 1n,
      fileOffset: 16n,
      filenameStrindex: 3,
      attributeIndices: [1],
    });
    expect(d.locationTable[1]).toEqual({
      mappingIndex: 1,
      address: 2n ** 64n - 2n,
      lines: [{ functionIndex: 1, line: 42, column: 7 }],
      attributeIndices: [1],
    });
    expect(d.functionTable[1]).toEqual({
      nameStrindex: 4,
      systemNameStrindex: 4,
      filenameStrindex: 3,
      startLine: 40,
    });
    expect(d.attributeTable[1]).toEqual({
      keyStrindex: 5,
      value: { stringValueStrindex: 4 },
      unitStrindex: 6,
    });
    expect(d.stackTable[1]).toEqual({ locationIndices: [1, 1] });
    expect(encodeProfilesRequest(model)).toEqual(protocEncode('profiles', text));
  });
});
