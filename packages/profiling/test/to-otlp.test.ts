import { encodeProfilesRequest, validateProfilesRequest } from '@otlpx/proto';
import { referenceDecode } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';
import { CpuProfiler, HeapProfiler, toOtlp } from '../src/index.js';
import { hotBurner } from './fixtures/burn.js';
import { cpuFixture } from './fixtures/profiles.js';

describe('toOtlp', () => {
  it('carries the sampled line in Line and the function start in Function.start_line', () => {
    const profile = cpuFixture();
    profile.frames.push({ function: 'leaf', file: '/app/a.js', line: 7, column: 0, startLine: 3 });
    profile.stacks.push(Int32Array.from([2, 1]));
    profile.samples.stack[3] = 2;
    const request = toOtlp(profile);
    expect(validateProfilesRequest(request)).toEqual([]);
    const d = request.dictionary;
    if (!d) throw new Error('no dictionary');
    // one Function for leaf (its two frames share it), two Locations on lines 3 and 7
    const leafFunctions = d.functionTable.filter((f) => d.stringTable[f.nameStrindex] === 'leaf');
    expect(leafFunctions.map((f) => f.startLine)).toEqual([3]);
    const leafIndex = d.functionTable.indexOf(leafFunctions[0]);
    const lines = d.locationTable.flatMap((l) => l.lines).filter((l) => l.functionIndex === leafIndex);
    expect(lines.map((l) => [l.line, l.column])).toEqual([
      [3, 5],
      [7, 0],
    ]);
  });

  it('one Profile per sample type over one shared dictionary, with links and timestamps', () => {
    const request = toOtlp(cpuFixture(), { originalPayload: true });
    expect(validateProfilesRequest(request)).toEqual([]);
    const d = request.dictionary;
    if (!d) throw new Error('no dictionary');
    const profiles = request.resourceProfiles[0].scopeProfiles[0].profiles;
    expect(profiles).toHaveLength(2);
    expect(profiles.map((p) => d.stringTable[p.sampleType?.typeStrindex ?? 0])).toEqual(['samples', 'cpu']);
    expect(d.linkTable).toHaveLength(2);
    expect(Buffer.from(d.linkTable[1].traceId).toString('hex')).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(Buffer.from(d.linkTable[1].spanId).toString('hex')).toBe('b7ad6b7169203331');
    const cpu = profiles[1];
    const linked = cpu.samples.find((s) => s.linkIndex === 1);
    expect(linked?.values).toEqual([10, 20]);
    expect(linked?.timestampsUnixNano).toEqual([1_700_000_000_000_000_000n, 1_700_000_000_000_000_010n]);
    const unlinked = cpu.samples.filter((s) => s.linkIndex === 0);
    expect(unlinked.map((s) => s.values)).toEqual([[30], [40]]);
    expect(d.functionTable).toHaveLength(3); // zero + leaf + main
    expect(d.stackTable).toHaveLength(3);
    expect(profiles[0].originalPayloadFormat).toBe('pprof');
    expect(profiles[1].originalPayload.length).toBe(0);
    const attrs = profiles[0].attributeIndices.map((i) => d.stringTable[d.attributeTable[i].keyStrindex]);
    expect(attrs).toEqual(['thread.id', 'thread.name']);
  });

  it('real CPU and heap profiles share one dictionary, validate and decode with protobufjs', () => {
    const cpu = new CpuProfiler({ frequency: 1000 });
    const heap = new HeapProfiler({ intervalBytes: 16 * 1024 });
    cpu.start();
    heap.start();
    const keep: object[] = [];
    for (let i = 0; i < 20_000; i++) keep.push({ i });
    hotBurner(250); // long enough under coverage, where V8 takes far fewer samples
    const request = toOtlp([cpu.stop(), heap.stop()]);
    expect(keep.length).toBe(20_000);
    expect(validateProfilesRequest(request)).toEqual([]);
    const profiles = request.resourceProfiles[0].scopeProfiles[0].profiles;
    expect(profiles).toHaveLength(4);
    const bytes = encodeProfilesRequest(request);
    const decoded = referenceDecode('profiles', bytes) as {
      dictionary: {
        stringTable: string[];
        functionTable: Array<{ nameStrindex: number; filenameStrindex: number; startLine: string }>;
      };
      resourceProfiles: Array<{
        scopeProfiles: Array<{ scope: { name: string }; profiles: Array<{ samples: unknown[] }> }>;
      }>;
    };
    expect(decoded.dictionary.stringTable[0]).toBe('');
    const names = decoded.dictionary.functionTable.map((f) => decoded.dictionary.stringTable[f.nameStrindex]);
    expect(names).toContain('hotBurner');
    expect(names).toContain('');
    const keys = decoded.dictionary.functionTable.map(
      (f) => `${f.nameStrindex}/${f.filenameStrindex}/${f.startLine}`,
    );
    expect(new Set(keys).size).toBe(keys.length); // deduplicated
    expect(decoded.resourceProfiles[0].scopeProfiles[0].scope.name).toBe('@otlpx/profiling');
    expect(decoded.resourceProfiles[0].scopeProfiles[0].profiles).toHaveLength(4);
  });
});
