import { describe, expect, it } from 'vitest';
import {
  decodePprof,
  encodePprof,
  isOtlpxError,
  type PprofProfile,
  ProfilesDictionaryBuilder,
  pprofToProfiles,
  profilesToPprof,
} from '../../src/index.js';
import { makePprof, makeProfilesRequest } from './profiles-fixtures.js';

/** Samples of a pprof as "leaf;...;root|labels" -> summed values (ids and order do not matter). */
function totals(p: PprofProfile): Map<string, number[]> {
  const s = p.stringTable;
  const out = new Map<string, number[]>();
  for (const x of p.sample) {
    const names = x.locationId.map((id) => {
      const loc = p.location.find((l) => l.id === id)!;
      return loc.line.map((l) => s[p.function.find((f) => f.id === l.functionId)!.name]).join('>');
    });
    const labels = x.label
      .map((l) => `${s[l.key]}=${l.str ? s[l.str] : `${l.num}${s[l.numUnit]}`}`)
      .sort()
      .join(',');
    const key = `${names.join(';')}|${labels}`;
    const sum = out.get(key);
    if (sum) for (let i = 0; i < x.value.length; i++) sum[i] += x.value[i];
    else out.set(key, x.value.slice());
  }
  return out;
}

describe('profilesToPprof', () => {
  it('pprof -> OTLP -> pprof keeps sample types, period, stacks, labels and totals', () => {
    const original = makePprof({ samples: 300, seed: 41 });
    const back = profilesToPprof(pprofToProfiles(original));
    const s = back.stringTable;
    expect(back.sampleType.map((t) => `${s[t.type]}/${s[t.unit]}`)).toEqual([
      'samples/count',
      'cpu/nanoseconds',
    ]);
    expect([s[back.periodType!.type], s[back.periodType!.unit], back.period]).toEqual([
      'cpu',
      'nanoseconds',
      10_000_000,
    ]);
    expect(back.timeNanos).toBe(original.timeNanos);
    expect(back.durationNanos).toBe(original.durationNanos);
    expect(totals(back)).toEqual(totals(original));
    expect(decodePprof(encodePprof(back, { gzip: true }))).toEqual(back);
  });

  it('merges samples across profiles by identity and writes links as trace_id/span_id labels', () => {
    const request = makeProfilesRequest({ samples: 100, seed: 42 });
    const pprof = profilesToPprof(request);
    const [cpu, count] = request.resourceProfiles[0].scopeProfiles[0].profiles;
    const sum = (list: typeof cpu.samples) =>
      list.reduce((a, x) => a + x.values.reduce((b, v) => b + v, 0), 0);
    expect(pprof.sample.reduce((a, x) => a + x.value[0], 0)).toBe(sum(cpu.samples));
    expect(pprof.sample.reduce((a, x) => a + x.value[1], 0)).toBe(sum(count.samples));
    expect(pprof.sample.length).toBeLessThanOrEqual(100);
    const keys = new Set(pprof.sample.flatMap((x) => x.label.map((l) => pprof.stringTable[l.key])));
    expect([...keys].sort()).toEqual(['span_id', 'thread.id', 'thread.name', 'trace_id']);
    const onlyCount = profilesToPprof(request, {
      profiles: [1],
      traceIdLabel: 'trace id',
      spanIdLabel: 'span id',
    });
    expect(onlyCount.sampleType.map((t) => onlyCount.stringTable[t.type])).toEqual(['samples']);
    expect(onlyCount.stringTable).toContain('span id');
  });

  it('counts timestamps of timestamp-only samples and drops zero locations from stacks', () => {
    const d = new ProfilesDictionaryBuilder();
    const loc = d.location({ lines: [{ functionIndex: d.function({ name: 'f' }) }] });
    const stack = d.stack([0, loc]);
    const sample = d.sample({
      stack,
      timestampsUnixNano: [1n, 2n, 3n],
      attributes: { flag: true, ratio: 0.5, tags: ['a'] },
    });
    const pprof = profilesToPprof(
      d.request([d.profile({ sampleType: ['events', 'count'], samples: [sample] })]),
    );
    expect(pprof.sample).toHaveLength(1);
    expect(pprof.sample[0].value).toEqual([3]);
    expect(pprof.sample[0].locationId).toHaveLength(1);
    const labels = pprof.sample[0].label.map((l) => [pprof.stringTable[l.key], pprof.stringTable[l.str]]);
    expect(labels).toEqual([
      ['flag', 'true'],
      ['ratio', '0.5'],
    ]);
  });

  it('rejects a missing scope or profile', () => {
    const request = makeProfilesRequest({ samples: 1, seed: 1 });
    for (const bad of [
      () => profilesToPprof(request, { scope: 3 }),
      () => profilesToPprof(request, { profiles: [7] }),
      () => profilesToPprof({ resourceProfiles: [] }),
    ]) {
      try {
        bad();
        throw new Error('expected an error');
      } catch (err) {
        expect(isOtlpxError(err) && err.code).toBe('OTLPX_ERR_INVALID_ARG');
      }
    }
  });
});
