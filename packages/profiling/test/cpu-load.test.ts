import { openCounters } from '@otlpx/simd/perf';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CpuLoad, type PerfModule } from '../src/cpu-load.js';
import { ContinuousProfiler, cpuTriggered } from '../src/index.js';

/** Burns `ms` of process CPU time (not wall time: the shared test VM is loaded). */
function burnCpu(ms: number): number {
  const start = process.cpuUsage();
  let x = 0;
  for (;;) {
    for (let i = 0; i < 10_000; i++) x += Math.sqrt(i + x);
    const u = process.cpuUsage(start);
    if ((u.user + u.system) / 1000 >= ms) return x;
  }
}

function perfAvailable(): boolean {
  const c = openCounters(['task-clock']);
  const ok = c.backend === 'perf_event' && c.events[0].available;
  c.close();
  return ok;
}

describe('CpuLoad', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it.skipIf(!perfAvailable())('reads the task-clock of this thread from @otlpx/simd/perf', async () => {
    const load = new CpuLoad();
    expect(load.source).toBe('process');
    expect(await load.open()).toBe('perf_event');
    const before = process.cpuUsage();
    burnCpu(150);
    const task = load.cpuMillis();
    const u = process.cpuUsage(before);
    const proc = (u.user + u.system) / 1000;
    // the JS thread's CPU is most of the process's during a busy loop, and never more
    expect(task).toBeGreaterThan(0.5 * proc);
    expect(task).toBeLessThanOrEqual(proc + 5);
    expect(load.percent()).toBeGreaterThanOrEqual(0);
    load.close();
    expect(load.source).toBe('process');
  });

  it('falls back to process.cpuUsage when the simd package has no perf_event (OTLPX_SIMD=js)', async () => {
    vi.resetModules();
    vi.stubEnv('OTLPX_SIMD', 'js');
    const perf = (await import('@otlpx/simd/perf')) as PerfModule;
    const probe = perf.openCounters(['task-clock']);
    expect(probe.backend).toBe('process'); // the simd package honours OTLPX_SIMD=js
    probe.close();
    const load = new CpuLoad();
    expect(await load.open(async () => perf)).toBe('process');
    const before = process.cpuUsage();
    burnCpu(60);
    const got = load.cpuMillis();
    const u = process.cpuUsage(before);
    expect(got).toBeGreaterThanOrEqual(60);
    expect(got).toBeLessThanOrEqual((u.user + u.system) / 1000 + 50);
  });

  it('falls back when the package is not installed, and after close()', async () => {
    const missing = new CpuLoad();
    expect(await missing.open(() => Promise.reject(new Error('Cannot find module')))).toBe('process');
    burnCpu(30);
    expect(missing.percent()).toBeGreaterThan(0);
    const closed = new CpuLoad();
    let closedCounters = 0;
    const fake: PerfModule = {
      openCounters: () => ({
        backend: 'perf_event',
        events: [{ available: true }],
        read: () => ({ 'task-clock': 1e6 }),
        close: () => {
          closedCounters++;
        },
      }),
    };
    closed.close(); // the profiler stopped before the module loaded
    expect(await closed.open(async () => fake)).toBe('process');
    expect(closedCounters).toBe(1);
    const unavailable = new CpuLoad();
    const refused: PerfModule = {
      openCounters: () => ({
        backend: 'perf_event',
        events: [{ available: false }],
        read: () => ({}),
        close() {},
      }),
    };
    expect(await unavailable.open(async () => refused)).toBe('process');
  });

  it('the cpu-triggered strategy of ContinuousProfiler reports its source', async () => {
    const profiler = new ContinuousProfiler({ cpu: false, heap: false, strategy: cpuTriggered() });
    profiler.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(profiler.stats().cpuLoadSource).toBe(perfAvailable() ? 'perf_event' : 'process');
    await profiler.stop();
    expect(profiler.stats().cpuLoadSource).toBe('process');
    const fixed = new ContinuousProfiler({ cpu: false, heap: false });
    fixed.start();
    expect(fixed.stats().cpuLoadSource).toBeUndefined();
    await fixed.stop();
  });
});
