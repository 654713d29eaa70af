import { encodeProfilesRequest, validateProfilesRequest } from '@otlpx/proto';
import { describe, expect, it } from 'vitest';
import { CpuProfiler, renderFlameGraph, toOtlp, toPprof, type V8CpuProfile } from '../src/index.js';
import { bigProfile, fixedEngine } from './fixtures/profiles.js';

function profilerOf(raw: V8CpuProfile, maxSamples?: number) {
  const engine = fixedEngine(raw);
  const p = new CpuProfiler({ engine, maxSamples, traceCorrelation: false, sourceMaps: false });
  p.start();
  return p;
}

describe('bad and extreme input', () => {
  it('a profile of 1,000,000 samples converts, encodes and validates; one more is capped and counted', () => {
    const profile = profilerOf(bigProfile(1_000_001)).stop();
    expect(profile.samples.count).toBe(1_000_000);
    expect(profile.dropped.samples).toBe(1);
    expect(profile.stacks.length).toBe(500);
    const pprof = toPprof(profile);
    expect(pprof.length).toBeLessThan(200_000); // merged per (stack, span)
    const request = toOtlp(profile);
    expect(validateProfilesRequest(request)).toEqual([]);
    const cpu = request.resourceProfiles[0].scopeProfiles[0].profiles[1];
    expect(cpu.samples).toHaveLength(500);
    expect(cpu.samples.reduce((n, s) => n + s.timestampsUnixNano.length, 0)).toBe(1_000_000);
    expect(encodeProfilesRequest(request).length).toBeGreaterThan(8_000_000);
    expect(renderFlameGraph(profile)).toContain('leaf499');
  });

  it('empty and odd profiles: no samples, unknown nodes, negative deltas', () => {
    const empty = profilerOf({ nodes: [bigProfile(1).nodes[0]], startTime: 5, endTime: 5 }).stop();
    expect(empty.samples.count).toBe(0);
    expect(validateProfilesRequest(toOtlp(empty))).toEqual([]);
    expect(toPprof(empty).length).toBeGreaterThan(0);
    const odd = bigProfile(3);
    odd.samples = [42, 3, 4]; // 42 is not a node: its stack is empty
    odd.timeDeltas = [5, -3, 4];
    odd.endTime = odd.startTime - 1;
    const p = profilerOf(odd).stop();
    expect(p.samples.count).toBe(3);
    expect(p.durationNanos).toBe(0);
    expect(Math.min(...p.samples.values[1])).toBeGreaterThanOrEqual(0);
    expect(validateProfilesRequest(toOtlp(p))).toEqual([]);
  });
});
