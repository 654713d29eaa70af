import { describe, expect, it } from 'vitest';
import { type ExportProfilesServiceRequest, validateProfilesRequest } from '../../src/index.js';
import { makeProfilesRequest } from './profiles-fixtures.js';

function fixture(): ExportProfilesServiceRequest {
  return makeProfilesRequest({ samples: 20, seed: 2 });
}

function rules(request: ExportProfilesServiceRequest): string[] {
  return validateProfilesRequest(request).map((v) => `${v.rule} ${v.path}`);
}

describe('validateProfilesRequest', () => {
  it('passes builder-made requests', () => {
    expect(validateProfilesRequest(fixture())).toEqual([]);
    expect(validateProfilesRequest({ resourceProfiles: [] })).toEqual([]);
  });

  it('requires a dictionary when there are profiles', () => {
    const r = fixture();
    delete r.dictionary;
    expect(rules(r)).toEqual(['missing-dictionary dictionary']);
  });

  it('requires the zero value at index 0 of every table', () => {
    const r = fixture();
    const d = r.dictionary!;
    d.stringTable[0] = 'x';
    d.mappingTable[0] = { ...d.mappingTable[0], fileOffset: 1n };
    d.locationTable[0] = { ...d.locationTable[0], address: 1n };
    d.functionTable[0] = { ...d.functionTable[0], startLine: 1 };
    d.linkTable[0] = { traceId: new Uint8Array(16).fill(1), spanId: new Uint8Array(8) };
    d.attributeTable[0] = { keyStrindex: 1, unitStrindex: 0 };
    d.stackTable[0] = { locationIndices: [1] };
    const zero = validateProfilesRequest(r).filter((v) => v.rule === 'zero-element');
    expect(zero.map((v) => v.path)).toEqual([
      'dictionary.mappingTable[0]',
      'dictionary.locationTable[0]',
      'dictionary.functionTable[0]',
      'dictionary.linkTable[0]',
      'dictionary.stringTable[0]',
      'dictionary.attributeTable[0]',
      'dictionary.stackTable[0]',
    ]);
    expect(zero[4].message).toBe('stringTable[0] must be ""');
    d.linkTable[0] = { traceId: new Uint8Array(0), spanId: new Uint8Array(0) }; // Link{} is a zero value too
    d.stackTable.length = 0;
    expect(rules(r)).toContain('zero-element dictionary.stackTable');
    expect(rules(r)).not.toContain('zero-element dictionary.linkTable[0]');
  });

  it('finds duplicate entries', () => {
    const r = fixture();
    const d = r.dictionary!;
    d.stringTable.push('handleRequest');
    d.functionTable.push({ ...d.functionTable[1] });
    d.stackTable.push({ locationIndices: [...d.stackTable[1].locationIndices] });
    d.linkTable.push({ traceId: d.linkTable[1].traceId.slice(), spanId: d.linkTable[1].spanId.slice() });
    d.attributeTable.push({ ...d.attributeTable[1] });
    d.locationTable.push(structuredClone(d.locationTable[1]));
    d.mappingTable.push(structuredClone(d.mappingTable[1]));
    const dupes = validateProfilesRequest(r).filter((v) => v.rule === 'duplicate');
    expect(dupes.length).toBe(7);
    expect(dupes.find((v) => v.path.startsWith('dictionary.functionTable'))?.message).toBe(
      `functionTable[${d.functionTable.length - 1}] duplicates functionTable[1]`,
    );
  });

  it('checks every index against its table', () => {
    const r = fixture();
    const d = r.dictionary!;
    const profile = r.resourceProfiles[0].scopeProfiles[0].profiles[0];
    profile.samples[0].stackIndex = 999;
    profile.samples[0].linkIndex = -1;
    profile.samples[1].attributeIndices = [77];
    profile.sampleType = { typeStrindex: 5000, unitStrindex: 0 };
    profile.attributeIndices = [88];
    d.stackTable[1].locationIndices[0] = 4000;
    d.locationTable[1].mappingIndex = 9;
    d.locationTable[1].lines[0].functionIndex = 99;
    d.functionTable[1].nameStrindex = 12345;
    d.mappingTable[1].filenameStrindex = 54321;
    d.attributeTable[1].value = { arrayValue: { values: [{ stringValueStrindex: 777 }] } };
    const found = validateProfilesRequest(r).filter((v) => v.rule === 'index-range');
    const p = 'resourceProfiles[0].scopeProfiles[0].profiles[0]';
    expect(found.map((v) => v.path).sort()).toEqual(
      [
        `${p}.samples[0].stackIndex`,
        `${p}.samples[0].linkIndex`,
        `${p}.samples[1].attributeIndices[0]`,
        `${p}.sampleType.typeStrindex`,
        `${p}.attributeIndices[0]`,
        'dictionary.stackTable[1].locationIndices[0]',
        'dictionary.locationTable[1].mappingIndex',
        'dictionary.locationTable[1].lines[0].functionIndex',
        'dictionary.functionTable[1].nameStrindex',
        'dictionary.mappingTable[1].filenameStrindex',
        'dictionary.attributeTable[1].value.arrayValue.values[0].stringValueStrindex',
      ].sort(),
    );
    expect(found.find((v) => v.path.endsWith('samples[0].stackIndex'))?.message).toBe(
      `index 999 is out of range: stackTable has ${d.stackTable.length} entries`,
    );
  });

  it('checks sample shapes, number ranges, ids and payloads', () => {
    const r = fixture();
    const profile = r.resourceProfiles[0].scopeProfiles[0].profiles[0];
    profile.samples[0].values = [];
    profile.samples[0].timestampsUnixNano = [];
    profile.samples[1].values = [1, 2];
    profile.samples[2].values = [2 ** 53];
    profile.samples[3].timestampsUnixNano = [-1n];
    profile.durationNano = -5;
    profile.timeUnixNano = 2n ** 64n;
    profile.profileId = new Uint8Array(3);
    profile.originalPayloadFormat = 'pprof';
    r.dictionary!.linkTable[1].spanId = new Uint8Array(4);
    r.dictionary!.locationTable[1].lines[0].line = 0.5;
    r.dictionary!.functionTable.push({
      nameStrindex: 0,
      systemNameStrindex: 0,
      filenameStrindex: 0,
      startLine: 9,
    });
    profile.attributeIndices = [1, 1];
    const p = 'resourceProfiles[0].scopeProfiles[0].profiles[0]';
    expect(rules(r)).toEqual(
      expect.arrayContaining([
        `sample-values ${p}.samples[0]`,
        `sample-values ${p}.samples[1]`,
        `int-range ${p}.samples[2].values[0]`,
        `int-range ${p}.samples[3].timestampsUnixNano[0]`,
        `int-range ${p}.durationNano`,
        `int-range ${p}.timeUnixNano`,
        `id-length ${p}.profileId`,
        `payload ${p}.originalPayload`,
        'id-length dictionary.linkTable[1].spanId',
        'int-range dictionary.locationTable[1].lines[0].line',
        `function-name dictionary.functionTable[${r.dictionary!.functionTable.length - 1}]`,
        `attribute-keys ${p}.attributeIndices[1]`,
      ]),
    );
    expect(validateProfilesRequest(r).find((v) => v.path === `${p}.samples[1]`)?.message).toBe(
      '2 values but 1 timestamps: when both are set they pair up one to one',
    );
  });

  it('reports samples to combine and mixed sample shapes', () => {
    const r = fixture();
    const profile = r.resourceProfiles[0].scopeProfiles[0].profiles[0];
    const first = profile.samples[0];
    profile.samples.push({ ...first, attributeIndices: [...first.attributeIndices].reverse() });
    profile.samples[1].timestampsUnixNano = [];
    const p = 'resourceProfiles[0].scopeProfiles[0].profiles[0]';
    const found = validateProfilesRequest(r);
    expect(found.find((v) => v.rule === 'duplicate-sample')).toEqual({
      path: `${p}.samples[${profile.samples.length - 1}]`,
      rule: 'duplicate-sample',
      message: 'same stack, attributes and link as samples[0]: combine them into one sample',
    });
    expect(found.filter((v) => v.rule === 'sample-shape').map((v) => v.path)).toEqual([`${p}.samples[1]`]);
  });
});
