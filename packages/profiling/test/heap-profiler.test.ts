import { describe, expect, it } from 'vitest';
import { type HeapEngine, HeapProfiler, toPprof } from '../src/index.js';

const retained: unknown[] = [];

function allocateRecords(n: number): void {
  for (let i = 0; i < n; i++) retained.push({ id: i, name: `record-${i}`, tags: [i, i + 1, i + 2] });
}

function allocateGarbage(n: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += JSON.stringify({ i, s: 'x'.repeat(64) }).length;
  return total;
}

describe('HeapProfiler', () => {
  it('in-use view: retained allocations show up at their allocation site', () => {
    const profiler = new HeapProfiler({ intervalBytes: 4096 });
    profiler.start();
    allocateRecords(50_000);
    const window = profiler.collect();
    expect(profiler.running).toBe(true);
    const profile = profiler.stop();
    retained.length = 0;
    expect(profile.kind).toBe('heap');
    expect(profile.sampleTypes.map((t) => t.type)).toEqual(['inuse_objects', 'inuse_space']);
    expect(profile.period).toBe(4096);
    const fn = profile.frames.findIndex((f) => f.function === 'allocateRecords');
    expect(fn).toBeGreaterThanOrEqual(0);
    let bytes = 0;
    let total = 0;
    for (let i = 0; i < profile.samples.count; i++) {
      total += profile.samples.values[1][i];
      if (profile.stacks[profile.samples.stack[i]].includes(fn)) bytes += profile.samples.values[1][i];
    }
    // 50,000 records of ~100+ bytes each; the unsampled estimate is in that range
    expect(bytes).toBeGreaterThan(2_000_000);
    expect(bytes / total).toBeGreaterThan(0.5);
    expect(window.samples.count).toBeGreaterThan(0);
    expect(profile.samples.timeOffsetNanos).toBeUndefined();
    expect(toPprof(profile).length).toBeGreaterThan(100);
  });

  it('allocated view keeps collected objects', () => {
    const inuse = new HeapProfiler({ intervalBytes: 8192 });
    inuse.start();
    allocateGarbage(20_000);
    globalThis.gc?.();
    const a = inuse.stop();
    const alloc = new HeapProfiler({ intervalBytes: 8192, view: 'allocated' });
    alloc.start();
    allocateGarbage(20_000);
    const b = alloc.stop();
    expect(b.sampleTypes[1].type).toBe('alloc_space');
    const sum = (p: typeof a) => p.samples.values[1].reduce((x, y) => x + y, 0);
    expect(sum(b)).toBeGreaterThan(sum(a));
  });

  it('errors and options', () => {
    const p = new HeapProfiler();
    expect(() => p.stop()).toThrowError(expect.objectContaining({ code: 'OTLPX_ERR_PROFILING_NOT_STARTED' }));
    expect(() => p.collect()).toThrowError(/start\(\) first/);
    p.start();
    expect(() => p.start()).toThrowError(
      expect.objectContaining({ code: 'OTLPX_ERR_PROFILING_ALREADY_STARTED' }),
    );
    p.stop();
    expect(() => p.stop()).toThrowError(expect.objectContaining({ code: 'OTLPX_ERR_PROFILING_NOT_STARTED' }));
    p.dispose();
    expect(() => new HeapProfiler({ intervalBytes: 0 })).toThrowError(/intervalBytes/);
    expect(() => new HeapProfiler({ view: 'live' as 'inuse' })).toThrowError(
      expect.objectContaining({ code: 'OTLPX_ERR_INVALID_ARG' }),
    );
  });

  it('custom engine, and a failing start leaves it stopped', () => {
    const raw = {
      head: {
        callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 },
        selfSize: 0,
        id: 1,
        children: [
          {
            callFrame: { functionName: 'alloc', scriptId: '1', url: '/x.js', lineNumber: 2, columnNumber: 0 },
            selfSize: 100,
            id: 2,
            children: [],
          },
        ],
      },
      samples: [
        { size: 100, nodeId: 2, ordinal: 1 },
        { size: 100, nodeId: 2, ordinal: 2 },
        { size: 100, nodeId: 99, ordinal: 3 },
      ],
    };
    const engine: HeapEngine = {
      name: 'fake',
      start() {},
      snapshot: () => raw,
      stop: () => raw,
      dispose() {},
    };
    const p = new HeapProfiler({ engine, intervalBytes: 100 });
    p.start();
    const profile = p.stop();
    expect(profile.attributes['profiler.engine']).toBe('fake');
    expect(profile.samples.count).toBe(1);
    const scale = 1 / (1 - Math.exp(-1));
    expect(profile.samples.values[0][0]).toBe(Math.round(2 * scale));
    expect(profile.samples.values[1][0]).toBe(Math.round(200 * scale));
    expect(profile.dropped.samples).toBe(1);
    const failing = new HeapProfiler({
      engine: {
        ...engine,
        start() {
          throw new Error('boom');
        },
      },
    });
    expect(() => failing.start()).toThrowError('boom');
    expect(failing.running).toBe(false);
  });
});
