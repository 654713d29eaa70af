import { describe, expect, it } from 'vitest';
import {
  decodeProfilesRequest,
  encodePprof,
  encodeProfilesRequest,
  PprofBuilder,
  pprofToProfiles,
  validateProfilesRequest,
} from '../../src/index.js';
import { makePprof } from './profiles-fixtures.js';

describe('pprofToProfiles', () => {
  it('makes one valid Profile per sample type over one dictionary, with the same stacks and values', () => {
    const pprof = makePprof({ samples: 200, seed: 31 });
    const bytes = encodePprof(pprof);
    const request = pprofToProfiles(pprof, {
      originalPayload: bytes,
      scope: { name: 'conv', version: '1', attributes: [], droppedAttributesCount: 0 },
    });
    expect(validateProfilesRequest(request)).toEqual([]);
    expect(decodeProfilesRequest(encodeProfilesRequest(request))).toEqual(request);
    const d = request.dictionary!;
    const [samples, cpu] = request.resourceProfiles[0].scopeProfiles[0].profiles;
    const s = (i: number) => d.stringTable[i];
    expect([
      s(samples.sampleType!.typeStrindex),
      s(cpu.sampleType!.typeStrindex),
      s(cpu.sampleType!.unitStrindex),
    ]).toEqual(['samples', 'cpu', 'nanoseconds']);
    expect(s(cpu.periodType!.typeStrindex)).toBe('cpu');
    expect(cpu.period).toBe(10_000_000);
    expect(cpu.timeUnixNano).toBe(pprof.timeNanos);
    expect(samples.originalPayloadFormat).toBe('pprof');
    expect(samples.originalPayload).toEqual(bytes);
    expect(cpu.originalPayload.length).toBe(0);
    // Every stack (as function names, leaf first) keeps its total of each type; equal
    // pprof samples are merged into one OTLP sample.
    const pname = (id: number) => {
      const loc = pprof.location.find((l) => l.id === id)!;
      return pprof.stringTable[pprof.function.find((f) => f.id === loc.line[0].functionId)!.name];
    };
    const oname = (locationIndex: number) =>
      s(d.functionTable[d.locationTable[locationIndex].lines[0].functionIndex].nameStrindex);
    const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
    const want = new Map<string, number>();
    const got = new Map<string, number>();
    for (const ps of pprof.sample) add(want, ps.locationId.map(pname).join(';'), ps.value[1]);
    for (const os of cpu.samples)
      add(got, d.stackTable[os.stackIndex].locationIndices.map(oname).join(';'), os.values[0]);
    expect(got).toEqual(want);
    expect(cpu.samples.length).toBeLessThan(pprof.sample.length);
    expect(samples.samples.map((x) => x.stackIndex)).toEqual(cpu.samples.map((x) => x.stackIndex));
    const scopeAttrs = request.resourceProfiles[0].scopeProfiles[0].scope?.attributes;
    expect(scopeAttrs).toEqual([{ key: 'pprof.scope.default_sample_type', value: { stringValue: 'cpu' } }]);
    const profileAttrs = cpu.attributeIndices.map((a) => s(d.attributeTable[a].keyStrindex));
    expect(profileAttrs).toEqual(['pprof.profile.comment']);
    const mappingAttrs = d.mappingTable[1].attributeIndices.map((a) => s(d.attributeTable[a].keyStrindex));
    expect(mappingAttrs).toEqual([
      'process.executable.build_id.gnu',
      'pprof.mapping.has_functions',
      'pprof.mapping.has_filenames',
      'pprof.mapping.has_line_numbers',
    ]);
  });

  it('turns trace/span id labels into Links and other labels into attributes with units', () => {
    const b = new PprofBuilder({
      sampleTypes: [['wall', 'nanoseconds']],
      dropFrames: 'x',
      keepFrames: 'y',
      comments: [],
    });
    const loc = b.location({
      lines: [{ functionId: b.function({ name: 'f' }) }],
      isFolded: true,
      mappingId: b.mapping({ buildId: 'go-build/id' }),
    });
    const trace = '5b8efff798038103d269b633813fc60c';
    b.sample([loc], [10], {
      trace_id: trace,
      span_id: 'eee19b7ec3c1b174',
      'thread.name': 'main',
      bytes: { num: 512, unit: 'bytes' },
    });
    b.sample([loc], [20], { 'span id': 'not-hex', 'trace id': trace });
    const request = pprofToProfiles(b.build());
    expect(validateProfilesRequest(request)).toEqual([]);
    const d = request.dictionary!;
    const s = (i: number) => d.stringTable[i];
    const [first, second] = request.resourceProfiles[0].scopeProfiles[0].profiles[0].samples;
    expect(Buffer.from(d.linkTable[first.linkIndex].traceId).toString('hex')).toBe(trace);
    expect(Buffer.from(d.linkTable[first.linkIndex].spanId).toString('hex')).toBe('eee19b7ec3c1b174');
    expect(
      first.attributeIndices.map((a) => [
        s(d.attributeTable[a].keyStrindex),
        d.attributeTable[a].value,
        s(d.attributeTable[a].unitStrindex),
      ]),
    ).toEqual([
      ['thread.name', { stringValue: 'main' }, ''],
      ['bytes', { intValue: 512n }, 'bytes'],
    ]);
    // A span id that is not 16 hex digits stays an attribute; without both ids there is no link,
    // and the lone trace id stays an attribute too.
    expect(second.linkIndex).toBe(0);
    expect(second.attributeIndices.map((a) => s(d.attributeTable[a].keyStrindex))).toEqual([
      'span id',
      'trace id',
    ]);
    expect(d.locationTable[1].attributeIndices.map((a) => s(d.attributeTable[a].keyStrindex))).toEqual([
      'pprof.location.is_folded',
    ]);
    expect(d.mappingTable[1].attributeIndices.map((a) => s(d.attributeTable[a].keyStrindex))).toEqual([
      'process.executable.build_id.go',
    ]);
    const profile = request.resourceProfiles[0].scopeProfiles[0].profiles[0];
    expect(profile.attributeIndices.map((a) => s(d.attributeTable[a].keyStrindex))).toEqual([
      'pprof.profile.drop_frames',
      'pprof.profile.keep_frames',
    ]);
    expect(request.resourceProfiles[0].scopeProfiles[0].scope).toBeUndefined();
  });
});
