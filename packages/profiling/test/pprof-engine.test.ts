import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { trace } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { describe, expect, it } from 'vitest';
import {
  ContinuousProfiler,
  CpuProfiler,
  HeapProfiler,
  OtlpxProfilingError,
  type Profile,
  toOtlp,
  toPprof,
} from '../src/index.js';
import { allocationTreeToV8, loadDatadogPprof, timeProfileToV8 } from '../src/pprof-engine.js';
import { bundlePackage } from './fixtures/bundle.js';
import { makeBurner, samplesIn } from './fixtures/burn.js';
import { linkedShare, request } from './fixtures/requests.js';

/** Samples whose leaf frame is `name`. */
function leafSamples(profile: Profile, name: string): number {
  let n = 0;
  for (let i = 0; i < profile.samples.count; i++) {
    if (profile.frames[profile.stacks[profile.samples.stack[i]][0]].function === name) n++;
  }
  return n;
}

/** The function with the most leaf samples. */
function topLeaf(profile: Profile): string {
  const counts = new Map<string, number>();
  for (let i = 0; i < profile.samples.count; i++) {
    const name = profile.frames[profile.stacks[profile.samples.stack[i]][0]].function;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

function burnWith(engine: 'inspector' | 'pprof', tag: string): Profile {
  const hot = makeBurner(`hot_${tag}`);
  const cold = makeBurner(`cold_${tag}`);
  const profiler = new CpuProfiler({ engine, frequency: 500 });
  profiler.start();
  for (let i = 0; i < 6; i++) {
    hot(60);
    cold(15);
  }
  return profiler.stop();
}

describe("engine 'pprof' (@datadog/pprof)", () => {
  it('profiles the same burner as the inspector engine: the hot function dominates in both', () => {
    const results = (['inspector', 'pprof'] as const).map((engine) => {
      const profile = burnWith(engine, engine);
      const hot = samplesIn(profile, `hot_${engine}`).length;
      const cold = samplesIn(profile, `cold_${engine}`).length;
      return { engine, profile, hot, cold, top: topLeaf(profile) };
    });
    for (const r of results) {
      expect(r.profile.attributes['profiler.engine']).toBe(r.engine);
      expect(r.profile.sampleTypes).toEqual([
        { type: 'samples', unit: 'count' },
        { type: 'cpu', unit: 'nanoseconds' },
      ]);
      expect(r.cold, r.engine).toBeGreaterThan(0);
      expect(r.hot, r.engine).toBeGreaterThan(2 * r.cold);
      expect(r.top, r.engine).toBe(`hot_${r.engine}`);
      expect(leafSamples(r.profile, `hot_${r.engine}`) / r.profile.samples.count).toBeGreaterThan(0.5);
      // timestamps ascending inside the profile, values are real CPU time
      const t = r.profile.samples.timeOffsetNanos as Float64Array;
      for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThanOrEqual(t[i - 1]);
      expect(t[t.length - 1]).toBeLessThanOrEqual(r.profile.durationNanos + 1e6);
      const cpu = r.profile.samples.values[1].reduce((a, b) => a + b, 0);
      expect(cpu).toBeGreaterThan(0);
      expect(toPprof(r.profile)[0]).toBe(0x1f);
      expect(toOtlp(r.profile).dictionary?.functionTable.length).toBeGreaterThan(2);
    }
    // the hot function's share agrees between engines within 25 points
    const [a, b] = results.map((r) => r.hot / (r.hot + r.cold));
    expect(Math.abs(a - b)).toBeLessThan(0.25);
  });

  it('links samples to spans through its own per-sample context (>= 95 %)', async () => {
    const provider = new NodeTracerProvider();
    provider.register();
    try {
      const profiler = new CpuProfiler({ engine: 'pprof', frequency: 1000 });
      profiler.start();
      const tracer = trace.getTracer('test');
      const [a, b] = await Promise.all([
        request(tracer, 'req-a-dd', makeBurner('burnA_dd')),
        request(tracer, 'req-b-dd', makeBurner('burnB_dd')),
      ]);
      const first = profiler.collect(); // restart=true keeps the native profiler running
      const [c] = await Promise.all([request(tracer, 'req-c-dd', makeBurner('burnC_dd'))]);
      const second = profiler.stop();
      for (const [profile, fn, span] of [
        [first, 'burnA_dd', a],
        [first, 'burnB_dd', b],
        [second, 'burnC_dd', c],
      ] as const) {
        const share = linkedShare(profile, fn, span);
        expect(share.samples, fn).toBeGreaterThan(10);
        expect(share.share, fn).toBeGreaterThanOrEqual(0.95);
      }
      expect(first.spans.map((s) => s.name).sort()).toEqual(['req-a-dd', 'req-b-dd']);
    } finally {
      trace.disable();
      await provider.shutdown();
    }
  });

  it('heap: the allocating function first by in-use space; allocated view refused', () => {
    const heap = new HeapProfiler({ engine: 'pprof', intervalBytes: 16 * 1024 });
    heap.start();
    const kept: object[] = [];
    (function retainWithPprof() {
      for (let i = 0; i < 2000; i++) kept.push(new Array(512).fill(i));
    })();
    const profile = heap.stop();
    expect(kept.length).toBe(2000);
    expect(profile.attributes['profiler.engine']).toBe('pprof');
    const space = new Map<string, number>();
    for (let i = 0; i < profile.samples.count; i++) {
      const name = profile.frames[profile.stacks[profile.samples.stack[i]][0]].function;
      space.set(name, (space.get(name) ?? 0) + profile.samples.values[1][i]);
    }
    const top = [...space].sort((x, y) => y[1] - x[1])[0];
    expect(top[0]).toBe('retainWithPprof');
    // 2000 arrays of 512 slots (>= 4 KiB each): at least 8 MB in use, unsampled
    expect(top[1]).toBeGreaterThan(4_000_000);
    expect(() => new HeapProfiler({ engine: 'pprof', view: 'allocated' }).start()).toThrowError(
      /in-use heap view only/,
    );
  });

  it('runs continuous mode: CPU and heap windows from the native profilers', async () => {
    const windows: Profile[][] = [];
    const profiler = new ContinuousProfiler({
      windowMillis: 60_000,
      heapIntervalMillis: 100,
      cpu: { engine: 'pprof' },
      heap: { engine: 'pprof', intervalBytes: 64 * 1024 },
      onWindow: (w) => windows.push(w),
    });
    profiler.start();
    const burn = makeBurner('continuousDd');
    burn(150);
    await profiler.flush();
    burn(150);
    await profiler.stop();
    expect(windows.length).toBe(2);
    for (const w of windows) {
      const cpu = w.find((p) => p.kind === 'cpu');
      expect(cpu?.attributes['profiler.engine']).toBe('pprof');
      expect(samplesIn(cpu as Profile, 'continuousDd').length).toBeGreaterThan(0);
    }
    expect(windows.flat().some((p) => p.kind === 'heap' && p.attributes['profiler.engine'] === 'pprof')).toBe(
      true,
    );
    expect(profiler.stats().rotationFailed).toBe(0);
  });

  it('refuses a second time profiler in the same thread', () => {
    const one = new CpuProfiler({ engine: 'pprof' });
    one.start();
    try {
      const two = new CpuProfiler({ engine: 'pprof' });
      expect(() => two.start()).toThrowError(/already running/);
      expect(two.running).toBe(false);
    } finally {
      one.stop();
    }
  });

  it('OTLPX_ERR_PROFILING_ENGINE_UNAVAILABLE when the package cannot be loaded', async () => {
    let error: unknown;
    try {
      loadDatadogPprof('@datadog/pprof-not-installed');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(OtlpxProfilingError);
    expect((error as OtlpxProfilingError).code).toBe('OTLPX_ERR_PROFILING_ENGINE_UNAVAILABLE');
    expect((error as Error).message).toMatch(/npm i @datadog\/pprof/);
    // and through the public option: the bundled package in a temp dir, where @datadog/pprof
    // does not resolve (as in an app that did not install it)
    const bundle = await bundlePackage();
    const res = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { CpuProfiler, HeapProfiler } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
         for (const P of [CpuProfiler, HeapProfiler]) {
           try { new P({ engine: 'pprof' }); console.log('constructed'); } catch (e) { console.log(e.code); }
         }
         new CpuProfiler(); console.log('inspector ok');`,
      ],
      // pnpm's bin shims set NODE_PATH to the store, where the package would resolve
      { encoding: 'utf8', cwd: dirname(bundle), env: { ...process.env, NODE_PATH: '' } },
    );
    expect(res.stdout.trim().split('\n'), res.stderr).toEqual([
      'OTLPX_ERR_PROFILING_ENGINE_UNAVAILABLE',
      'OTLPX_ERR_PROFILING_ENGINE_UNAVAILABLE',
      'inspector ok',
    ]);
  });

  it('maps the native shapes: untimed hits at the end, non-JS rows skipped, allocations unrolled', () => {
    const strings = ['', 'f', '/a.js', 'otlpx_seq'];
    const raw = timeProfileToV8(
      {
        sample: [
          { locationId: [1], value: [1, 1000], label: [{ key: 3, num: 0 }] },
          { locationId: [1], value: [2, 2000], label: [] },
          { locationId: [1], value: [0, 0, 5], label: [] },
        ],
        location: [{ id: 1, line: [{ functionId: 1, line: 3, column: 2 }] }],
        function: [{ id: 1, name: 1, filename: 2 }],
        stringTable: { strings },
        durationNanos: 5_000_000,
      },
      [{ timestamp: BigInt(Date.now() * 1000), context: {} }],
    );
    expect(raw.samples).toEqual([2, 2, 2]);
    expect(raw.nodes[1].callFrame).toMatchObject({
      functionName: 'f',
      url: '/a.js',
      lineNumber: 2,
      columnNumber: 1,
    });
    expect(raw.sampleSpans).toEqual([undefined, undefined, undefined]);
    const heap = allocationTreeToV8({
      name: '(root)',
      scriptName: '',
      allocations: [],
      children: [
        {
          name: 'g',
          scriptName: '/b.js',
          lineNumber: 1,
          allocations: [{ sizeBytes: 64, count: 3 }],
          children: [],
        },
      ],
    });
    expect(heap.samples).toHaveLength(3);
    expect(heap.head.children[0].selfSize).toBe(192);
  });
});
