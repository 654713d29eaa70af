import { isOtlpxError } from '@otlpx/proto';
import { describe, expect, it } from 'vitest';
import { type CpuEngine, CpuProfiler, eachSample, OtlpxProfilingError } from '../src/index.js';
import { coldBurner, hotBurner, makeBurner, samplesIn } from './fixtures/burn.js';

describe('CpuProfiler (inspector engine)', () => {
  it('profiles the hot function with frames, timestamps and values', () => {
    const profiler = new CpuProfiler({ frequency: 1000 });
    profiler.start();
    expect(profiler.running).toBe(true);
    hotBurner(150);
    coldBurner(30);
    const profile = profiler.stop();
    expect(profiler.running).toBe(false);
    expect(profile.kind).toBe('cpu');
    expect(profile.sampleTypes).toEqual([
      { type: 'samples', unit: 'count' },
      { type: 'cpu', unit: 'nanoseconds' },
    ]);
    expect(profile.period).toBe(1_000_000);
    const hot = samplesIn(profile, 'hotBurner');
    const cold = samplesIn(profile, 'coldBurner');
    expect(hot.length).toBeGreaterThan(cold.length);
    expect(cold.length).toBeGreaterThan(0);
    // the sampled frames carry the executing line (column unknown) and the function's start line
    const frame = profile.frames.find((f) => f.function === 'hotBurner' && f.startLine !== undefined);
    expect(frame?.file).toMatch(/burn\.ts$/);
    expect(frame?.startLine).toBeGreaterThan(0); // vitest runs transformed code: lines are of that code
    expect(frame?.line).toBeGreaterThan(frame?.startLine ?? 0);
    expect(frame?.column).toBe(0);
    // timestamps are ascending offsets inside the profile's duration; epoch start is now-ish
    const t = profile.samples.timeOffsetNanos as Float64Array;
    for (let i = 1; i < profile.samples.count; i++) expect(t[i]).toBeGreaterThanOrEqual(t[i - 1]);
    expect(t[profile.samples.count - 1]).toBeLessThanOrEqual(profile.durationNanos + 1e6);
    const epochMs = Number(profile.startTimeUnixNano / 1_000_000n);
    expect(Math.abs(epochMs - Date.now())).toBeLessThan(10_000);
    expect(profile.attributes['thread.id']).toBe(0);
    expect(profile.attributes['thread.name']).toBe('main');
    const first = eachSample(profile).next().value;
    expect(first?.values[0]).toBe(1);
    expect(first?.frames.length).toBeGreaterThan(0);
    expect(profile.samples.span.every((s) => s === -1)).toBe(true);
  });

  it('collect() returns consecutive windows while sampling goes on', () => {
    const first = makeBurner('windowOne');
    const second = makeBurner('windowTwo');
    const profiler = new CpuProfiler({ frequency: 1000 });
    profiler.start();
    first(200);
    const a = profiler.collect();
    second(200);
    const b = profiler.collect(250);
    first(40);
    const c = profiler.stop();
    expect(samplesIn(a, 'windowOne').length).toBeGreaterThan(0);
    expect(samplesIn(a, 'windowTwo').length).toBe(0);
    expect(samplesIn(b, 'windowTwo').length).toBeGreaterThan(0);
    expect(samplesIn(b, 'windowOne').length).toBe(0);
    expect(b.startTimeUnixNano).toBeGreaterThanOrEqual(
      a.startTimeUnixNano + BigInt(a.durationNanos) - 5_000_000n,
    );
    expect(c.period).toBe(4_000_000);
    expect(profiler.frequency).toBe(250);
  });

  it('collectLater() ends the window at once and converts it when called, later samples excluded', () => {
    const before = makeBurner('beforeCut');
    const after = makeBurner('afterCut');
    const profiler = new CpuProfiler({ frequency: 1000 });
    profiler.start();
    before(150);
    const convert = profiler.collectLater();
    after(150);
    const a = convert();
    const b = profiler.stop();
    expect(samplesIn(a, 'beforeCut').length).toBeGreaterThan(0);
    expect(samplesIn(a, 'afterCut').length).toBe(0);
    expect(samplesIn(b, 'afterCut').length).toBeGreaterThan(0);
  });

  it('keeps idle samples when asked', () => {
    const profiler = new CpuProfiler({ frequency: 1000, keepIdle: true });
    profiler.start();
    const until = Date.now() + 50;
    while (Date.now() < until) {}
    const profile = profiler.stop();
    expect(profile.samples.count).toBeGreaterThan(0);
  });

  it('caps samples and stacks with drop counters', () => {
    const profiler = new CpuProfiler({ frequency: 2000, maxSamples: 5, maxStacks: 2 });
    profiler.start();
    makeBurner('capA')(60);
    makeBurner('capB')(60);
    const profile = profiler.stop();
    expect(profile.samples.count).toBeLessThanOrEqual(5);
    expect(profile.stacks.length).toBeLessThanOrEqual(2);
    expect(profile.dropped.samples).toBeGreaterThan(0);
  });

  it('stopping twice, collecting before start and starting twice fail with codes', () => {
    const profiler = new CpuProfiler();
    expect(() => profiler.stop()).toThrowError(
      expect.objectContaining({ code: 'OTLPX_ERR_PROFILING_NOT_STARTED' }),
    );
    expect(() => profiler.collect()).toThrowError(/call start\(\) first/);
    profiler.start();
    try {
      profiler.start();
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(OtlpxProfilingError);
      expect(isOtlpxError(err)).toBe(true);
      expect((err as OtlpxProfilingError).code).toBe('OTLPX_ERR_PROFILING_ALREADY_STARTED');
    }
    profiler.stop();
    expect(() => profiler.stop()).toThrowError(
      expect.objectContaining({ code: 'OTLPX_ERR_PROFILING_NOT_STARTED' }),
    );
    profiler.dispose();
    profiler.dispose();
  });

  it('validates options', () => {
    expect(() => new CpuProfiler({ frequency: 0 })).toThrowError(
      expect.objectContaining({ code: 'OTLPX_ERR_INVALID_ARG' }),
    );
    expect(() => new CpuProfiler({ frequency: Number.NaN })).toThrowError(/frequency/);
    expect(() => new CpuProfiler({ engine: 'perf' as 'inspector' })).toThrowError(
      expect.objectContaining({ code: 'OTLPX_ERR_PROFILING_ENGINE_UNAVAILABLE' }),
    );
    const p = new CpuProfiler();
    p.start();
    expect(() => p.collect(-1)).toThrowError(/frequency/);
    p.stop();
  });

  it('takes a custom engine and cleans up when it fails to start', () => {
    const calls: string[] = [];
    const raw = {
      nodes: [
        {
          id: 1,
          callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 },
          children: [2],
        },
        {
          id: 2,
          callFrame: {
            functionName: 'f',
            scriptId: '1',
            url: 'file:///a%20b/x.js',
            lineNumber: 0,
            columnNumber: 9,
          },
        },
      ],
      startTime: 1000,
      endTime: 3000,
      samples: [2, 2],
      timeDeltas: [10, 1000],
    };
    const engine: CpuEngine = {
      name: 'fake',
      start: (i) => calls.push(`start ${i}`),
      rotate: () => raw,
      stop: () => raw,
      dispose: () => calls.push('dispose'),
    };
    const p = new CpuProfiler({ engine, frequency: 1000, traceCorrelation: false });
    p.start();
    const profile = p.stop();
    expect(calls).toEqual(['start 1000', 'dispose']);
    expect(profile.attributes['profiler.engine']).toBe('fake');
    expect(profile.frames).toEqual([{ function: 'f', file: '/a b/x.js', line: 1, column: 10 }]);
    expect(Array.from(profile.samples.values[1])).toEqual([1_000_000, 1_000_000]);
    expect(profile.durationNanos).toBe(2_000_000);

    const failing = new CpuProfiler({
      engine: {
        ...engine,
        start: () => {
          throw new OtlpxProfilingError('OTLPX_ERR_PROFILING_SESSION', 'nope');
        },
      },
    });
    expect(() => failing.start()).toThrowError(/nope/);
    expect(failing.running).toBe(false);
  });
});
