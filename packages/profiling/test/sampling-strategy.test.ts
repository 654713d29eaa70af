import { describe, expect, it } from 'vitest';
import { adaptiveRate, cpuTriggered, fixedRate } from '../src/index.js';

const window = (over: Partial<Parameters<ReturnType<typeof fixedRate>['next']>[0]>) => ({
  wallMillis: 1000,
  processCpuMillis: 500,
  profilerCpuMillis: 1,
  samples: 100,
  frequency: 100,
  ...over,
});

describe('sampling strategies', () => {
  it('fixed', () => {
    const s = fixedRate();
    expect(s.initial()).toBe(100);
    expect(s.next(window({}))).toBe(100);
    expect(fixedRate(19).next(window({}))).toBe(19);
    expect(() => fixedRate(0)).toThrowError(/hz/);
  });

  it('adaptive lowers the rate over budget and raises it when the cost falls', () => {
    const s = adaptiveRate({ budgetPercent: 2, minHz: 10, maxHz: 100, perSampleMicros: 100 });
    expect(s.initial()).toBe(100);
    // 100 samples × 0.1 ms + 20 ms rotation = 30 ms per 1000 ms = 3 % > 2 %
    const lower = s.next(window({ profilerCpuMillis: 20 }));
    expect(lower).toBe(60); // floor(100 × 2/3 × 0.9)
    // 60 Hz, 60 samples, 20 ms: 2.6 % -> lower again
    const lower2 = s.next(window({ profilerCpuMillis: 20, samples: 60, frequency: lower }));
    expect(lower2).toBeLessThan(lower);
    // idle: few samples, cheap rotation -> rises by half, capped
    let hz = lower2;
    for (let i = 0; i < 10; i++) hz = s.next(window({ profilerCpuMillis: 0.2, samples: 2, frequency: hz }));
    expect(hz).toBe(100);
    // never below minHz
    expect(s.next(window({ profilerCpuMillis: 900 }))).toBe(10);
    expect(s.next(window({ wallMillis: 0 }))).toBe(10);
    expect(() => adaptiveRate({ minHz: 50, maxHz: 10 })).toThrowError(/maxHz/);
  });

  it('cpu-triggered bursts after sustained CPU, then cools down', () => {
    const s = cpuTriggered({
      thresholdPercent: 80,
      forSeconds: 3,
      burstHz: 500,
      burstSeconds: 5,
      cooldownSeconds: 10,
    });
    expect(s.initial()).toBe(0);
    expect(s.poll?.(90, 0)).toBeUndefined();
    expect(s.poll?.(90, 1000)).toBeUndefined();
    expect(s.poll?.(50, 2000)).toBeUndefined(); // dip resets
    expect(s.poll?.(95, 3000)).toBeUndefined();
    expect(s.poll?.(95, 5000)).toBeUndefined();
    expect(s.poll?.(95, 6000)).toBe(500);
    expect(s.next(window({}))).toBe(500);
    expect(s.poll?.(95, 9000)).toBeUndefined(); // still bursting
    expect(s.poll?.(95, 11_000)).toBe(0); // burst over
    for (let t = 12_000; t <= 20_000; t += 1000) expect(s.poll?.(99, t)).toBeUndefined(); // cooldown
    expect(s.poll?.(99, 21_000)).toBe(500);
    expect(() => cpuTriggered({ burstHz: 0 })).toThrowError(/burstHz/);
  });
});
