import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { convertCpuProfile, cpuProfileSteps } from '../src/cpu-profile-converter.js';
import { SpanTimeline } from '../src/span-timeline.js';
import { runFor, runToEnd, type Steps } from '../src/time-slice.js';
import { toOtlp, toOtlpSteps } from '../src/to-otlp.js';
import { toPprofModel, toPprofModelSteps } from '../src/to-pprof.js';
import { bigProfile } from './fixtures/profiles.js';

function* counted(steps: number, spinMillis: number, log: number[]): Steps<string> {
  for (let i = 0; i < steps; i++) {
    const until = performance.now() + spinMillis;
    while (performance.now() < until);
    log.push(i);
    yield;
  }
  return 'done';
}

function span(spanId: string, name: string) {
  return { spanContext: () => ({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId }), name };
}

const options = { intervalMicros: 10_000, maxSamples: 1e6, maxStacks: 1e5, keepIdle: false, attributes: {} };

describe('time slices', () => {
  it('runFor stops at its budget after at least one step; runToEnd returns the result', () => {
    const log: number[] = [];
    const steps = counted(5, 1, log);
    expect(runFor(steps, 0).done).toBe(false);
    expect(log).toEqual([0]); // a budget already spent still runs one step
    expect(runFor(steps, 0).done).toBe(false);
    expect(log).toEqual([0, 1]);
    expect(runFor(steps, 60_000)).toEqual({ done: true, value: 'done' });
    expect(log).toEqual([0, 1, 2, 3, 4]);
    expect(runToEnd(counted(3, 0, []))).toBe('done');
  });

  it('a CPU profile converted in steps is the profile converted at once, and it pauses inside', () => {
    const raw = bigProfile(50_000, 2_000);
    const steps = cpuProfileSteps(raw, options);
    let pauses = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) pauses++;
    // nodes every 256, samples every 32 while keying and every 1,024 after: many places to stop
    expect(pauses).toBeGreaterThan(50_000 / 32);
    expect(step.value).toEqual(convertCpuProfile(raw, options));
    expect(step.value.samples.count).toBe(50_000);
    expect(step.value.stacks).toHaveLength(2_000);
  });

  it('toOtlp and the pprof model built in steps are those built at once, with pauses inside', () => {
    const profile = convertCpuProfile(bigProfile(20_000, 2_000), options);
    const pauses = { otlp: 0, pprof: 0 };
    const otlpSteps = toOtlpSteps(profile);
    let otlp = otlpSteps.next();
    for (; !otlp.done; otlp = otlpSteps.next()) pauses.otlp++;
    const pprofSteps = toPprofModelSteps(profile);
    let pprof = pprofSteps.next();
    for (; !pprof.done; pprof = pprofSteps.next()) pauses.pprof++;
    expect(pauses.otlp).toBeGreaterThan(20);
    expect(pauses.pprof).toBeGreaterThan(20);
    expect(pprof.value).toEqual(toPprofModel(profile));
    const withoutIds = (request: ReturnType<typeof toOtlp>) => {
      for (const p of request.resourceProfiles[0].scopeProfiles[0].profiles) p.profileId = new Uint8Array(16);
      return request;
    };
    expect(withoutIds(otlp.value)).toEqual(withoutIds(toOtlp(profile))); // profile ids are random
  });

  it('a join spread over turns is not disturbed by switches recorded between its steps', () => {
    const timeline = new SpanTimeline(1024, 100);
    const a = span('00000000000000a1', 'a');
    const b = span('00000000000000b2', 'b');
    const times: number[] = [];
    timeline.record(a);
    for (let i = 0; i < 300; i++) times.push(performance.now());
    timeline.record(b);
    for (let i = 0; i < 300; i++) times.push(performance.now());
    const sampleTimes = Float64Array.from(times);
    const whole = timeline.join(sampleTimes);
    const steps = timeline.joinSteps(sampleTimes);
    expect(steps.next().done).toBe(false); // paused after 255 samples
    for (let i = 0; i < 100; i++) timeline.record(i % 2 ? a : span(`${i}`.padStart(16, '0'), 'late'));
    const joined = runToEnd(steps);
    expect(joined).toEqual(whole);
    expect(joined.spans.map((s) => s.name)).toEqual(['a', 'b']);
    expect(Array.from(joined.span.subarray(295, 305))).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  });

  it('samples whose switch was overwritten between steps count as unknown, the rest still join', () => {
    const timeline = new SpanTimeline(16, 100);
    const a = span('00000000000000a1', 'a');
    timeline.record(a);
    const times: number[] = [];
    for (let i = 0; i < 600; i++) times.push(performance.now());
    const steps = timeline.joinSteps(Float64Array.from(times));
    steps.next(); // samples 0-254 joined with span a
    for (let i = 0; i < 40; i++) timeline.record(span(`${i}`.padStart(16, '0'), 'late'));
    const joined = runToEnd(steps);
    expect(Array.from(joined.span.subarray(0, 255)).every((s) => s === 0)).toBe(true);
    expect(Array.from(joined.span.subarray(255)).every((s) => s === -1)).toBe(true);
    expect(joined.unknown).toBe(600 - 255);
  });

  it('trim keeps the switch in effect and forgets the older ones, across the ring end', () => {
    const timeline = new SpanTimeline(16, 100);
    const marks: number[] = [];
    for (let i = 0; i < 30; i++) {
      timeline.record(span(`${i}`.padStart(16, '0'), `s${i}`)); // wraps the ring of 16
      marks.push(performance.now());
    }
    timeline.trim(marks[24]);
    expect(timeline.size).toBe(6); // s24, the one in effect at marks[24], and s25..s29
    const joined = timeline.join(Float64Array.from([marks[24], marks[29]]));
    expect(joined.spans.map((s) => s.name)).toEqual(['s24', 's29']);
  });
});
