import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeProfilesRequest,
  isOtlpxError,
  type OtlpxJsonError,
  profilesRequestFromJson,
  profilesRequestToJson,
} from '../../src/index.js';
import { profilesRequest } from './profile-arbitraries.js';
import { makeProfilesRequest } from './profiles-fixtures.js';

function jsonError(fn: () => unknown): OtlpxJsonError {
  try {
    fn();
  } catch (err) {
    expect(isOtlpxError(err)).toBe(true);
    return err as OtlpxJsonError;
  }
  throw new Error('expected a JSON error');
}

describe('profilesRequestToJson / profilesRequestFromJson', () => {
  it('writes the OTLP/JSON mapping: camelCase, int64 as strings, ids as hex, bytes as base64', () => {
    const request = makeProfilesRequest({ samples: 3, seed: 9 });
    request.resourceProfiles[0].scopeProfiles[0].profiles[0].originalPayloadFormat = 'pprof';
    request.resourceProfiles[0].scopeProfiles[0].profiles[0].originalPayload = new Uint8Array([1, 2, 255]);
    const json = JSON.parse(JSON.stringify(profilesRequestToJson(request)));
    const profile = json.resourceProfiles[0].scopeProfiles[0].profiles[0];
    expect(profile.timeUnixNano).toBe('1764300009000000000');
    expect(profile.durationNano).toBe('30000000');
    expect(profile.period).toBe('10000000');
    expect(profile.profileId).toBe('01010101010101010101010101010101');
    expect(profile.originalPayload).toBe('AQL/');
    expect(profile.samples[0].values).toEqual(['10000000']);
    expect(typeof profile.samples[0].timestampsUnixNano[0]).toBe('string');
    expect(json.dictionary.stringTable[0]).toBe('');
    expect(json.dictionary.mappingTable[0]).toEqual({});
    expect(json.dictionary.linkTable[0]).toEqual({ traceId: '0'.repeat(32), spanId: '0'.repeat(16) });
    expect(json.dictionary.linkTable[1].traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(json.dictionary.mappingTable[1].memoryLimit).toBe('18446744073699065856');
    expect(json.dictionary.locationTable[1].lines[0].line).toMatch(/^\d+$/);
    expect(json.dictionary.attributeTable[1].value).toEqual({ stringValue: 'a1b2c3d4' });
  });

  it('round-trips through JSON text to the same model and the same protobuf bytes', () => {
    fc.assert(
      fc.property(profilesRequest, (request) => {
        // -0 comes back as 0: the common doubleToJson writes JSON.stringify(-0) === '0' (reported).
        fc.pre(!hasNegativeZero(request));
        const text = JSON.stringify(profilesRequestToJson(request));
        const back = profilesRequestFromJson(text);
        expect(back).toEqual(request);
        expect(encodeProfilesRequest(back)).toEqual(encodeProfilesRequest(request));
      }),
      { numRuns: 150 },
    );
  });

  it('reads snake_case names, numbers for integers, and UTF-8 bytes input', () => {
    const text = JSON.stringify({
      resource_profiles: [
        {
          scope_profiles: [
            {
              profiles: [
                {
                  sample_type: { type_strindex: 1, unit_strindex: 2 },
                  samples: [{ stack_index: 1, values: [5, '6'], timestamps_unix_nano: [7] }],
                  time_unix_nano: 1000,
                  duration_nano: '2000',
                },
              ],
            },
          ],
        },
      ],
      dictionary: { string_table: ['', 'cpu', 'nanoseconds'], stack_table: [{}, { location_indices: [0] }] },
    });
    const request = profilesRequestFromJson(new TextEncoder().encode(text));
    const profile = request.resourceProfiles[0].scopeProfiles[0].profiles[0];
    expect(profile.sampleType).toEqual({ typeStrindex: 1, unitStrindex: 2 });
    expect(profile.samples[0]).toEqual({
      stackIndex: 1,
      attributeIndices: [],
      linkIndex: 0,
      values: [5, 6],
      timestampsUnixNano: [7n],
    });
    expect(profile.timeUnixNano).toBe(1000n);
    expect(profile.durationNano).toBe(2000);
    expect(request.dictionary?.stackTable[1].locationIndices).toEqual([0]);
  });

  it('names the JSON path of a bad value', () => {
    const bad = (samples: unknown) =>
      jsonError(() =>
        profilesRequestFromJson({ resourceProfiles: [{ scopeProfiles: [{ profiles: [{ samples }] }] }] }),
      );
    let err = bad([{ values: ['9007199254740992'] }]);
    expect(err.code).toBe('OTLPX_ERR_JSON_INVALID');
    expect(err.path).toBe('$.resourceProfiles[0].scopeProfiles[0].profiles[0].samples[0].values[0]');
    expect(err.message).toContain('2^53');
    err = bad([{ stackIndex: 'x' }]);
    expect(err.path).toBe('$.resourceProfiles[0].scopeProfiles[0].profiles[0].samples[0].stackIndex');
    err = jsonError(() =>
      profilesRequestFromJson({ resourceProfiles: [], dictionary: { linkTable: [{ traceId: 'xyz' }] } }),
    );
    expect(err.path).toBe('$.dictionary.linkTable[0].traceId');
    err = jsonError(() => profilesRequestFromJson('{"resourceProfiles": ['));
    expect(err.message).toContain('not valid JSON');
  });
});

function hasNegativeZero(value: unknown): boolean {
  if (Object.is(value, -0)) return true;
  if (value instanceof Uint8Array || typeof value !== 'object' || value === null) return false;
  return Object.values(value).some(hasNegativeZero);
}
