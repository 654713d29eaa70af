import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ExportResult, ProfileExporter } from '@otlpx/exporter-otlp';
import { OtlpProfileExporter } from '@otlpx/exporter-otlp';
import {
  decodePprof,
  decodeProfilesRequest,
  type ExportProfilesServiceRequest,
  gunzipPprof,
  validateProfilesRequest,
} from '@otlpx/proto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  adaptiveRate,
  ContinuousProfiler,
  type CpuEngine,
  cpuTriggered,
  type Profile,
  type V8CpuProfile,
} from '../src/index.js';
import { makeBurner } from './fixtures/burn.js';
import { bigProfile, fixedEngine } from './fixtures/profiles.js';

class MemoryExporter implements ProfileExporter {
  requests: ExportProfilesServiceRequest[] = [];
  export(input: ExportProfilesServiceRequest): Promise<ExportResult> {
    this.requests.push(input);
    return Promise.resolve({ code: 0 });
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** stop() under fake timers: its last window is converted in slices, one per (fake) turn. */
async function stopDriving(profiler: ContinuousProfiler): Promise<void> {
  const stopped = profiler.stop();
  await vi.runAllTimersAsync();
  await stopped;
}

/** Burns in slices, yielding to the event loop between them (so timers run). */
async function busy(ms: number, burner: (ms: number) => number): Promise<void> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    burner(10);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('ContinuousProfiler', () => {
  it('exports a window of CPU + heap per period and writes pruned pprof files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'otlpx-cont-'));
    dirs.push(dir);
    const exporter = new MemoryExporter();
    const windows: Profile[][] = [];
    const profiler = new ContinuousProfiler({
      windowMillis: 150,
      exporter,
      pprofDir: dir,
      maxPprofFiles: 4,
      maxQueued: 50,
      cpu: {},
      heap: { intervalBytes: 32 * 1024 },
      heapIntervalMillis: 100,
      onWindow: (w) => windows.push(w),
    });
    profiler.start();
    expect(() => profiler.start()).toThrowError(
      expect.objectContaining({ code: 'OTLPX_ERR_PROFILING_ALREADY_STARTED' }),
    );
    await busy(700, makeBurner('continuousBurner'));
    await profiler.stop();
    await profiler.stop(); // idempotent
    const stats = profiler.stats();
    expect(stats.windows).toBeGreaterThanOrEqual(3);
    expect(stats.droppedWindows).toBe(0);
    expect(exporter.requests.length).toBe(stats.windows);
    expect(stats.exported).toBe(stats.windows);
    expect(stats.frequency).toBe(100);
    expect(stats.stallMaxMillis).toBeGreaterThan(0);
    expect(stats.stallP99Millis).toBeLessThanOrEqual(stats.stallMaxMillis);
    expect(stats.stallP50Millis).toBeLessThanOrEqual(stats.stallP99Millis);
    expect(stats.profilerCpuMillis).toBeGreaterThan(0);
    expect(stats.heapStallMaxMillis).toBeGreaterThan(0);
    for (const request of exporter.requests) {
      expect(validateProfilesRequest(request)).toEqual([]);
      expect(request.resourceProfiles[0].scopeProfiles[0].profiles).toHaveLength(4); // cpu × 2 + heap × 2
    }
    expect(windows.flat().some((p) => p.frames.some((f) => f.function === 'continuousBurner'))).toBe(true);
    // consecutive CPU windows do not overlap
    const cpu = windows.map((w) => w[0]);
    for (let i = 1; i < cpu.length; i++) {
      expect(cpu[i].startTimeUnixNano + 2_000_000n).toBeGreaterThanOrEqual(
        cpu[i - 1].startTimeUnixNano + BigInt(cpu[i - 1].durationNanos),
      );
    }
    const files = readdirSync(dir);
    expect(stats.filesWritten).toBe(stats.windows * 2);
    expect(files.length).toBe(4);
    for (const f of files)
      expect(decodePprof(gunzipPprof(readFileSync(join(dir, f)))).sample.length).toBeGreaterThanOrEqual(0);
  });

  it('converts each window in slices over the turns after its rotation; stop() hands on a pending one first', async () => {
    const raw = bigProfile(300_000, 3_000); // far more than one 2 ms slice converts
    const engine = fixedEngine(raw);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setImmediate', 'clearImmediate'] });
    try {
      const order: string[] = [];
      const profiler = new ContinuousProfiler({
        windowMillis: 1000,
        heap: false,
        cpu: { engine, traceCorrelation: false, sourceMaps: false },
        onWindow: (w) => order.push(`window of ${w[0].samples.count}`),
      });
      profiler.start();
      vi.advanceTimersToNextTimer(); // the window timer: the sampler switches profiles
      order.push('rotated');
      let turns = 0;
      while (order.length === 1 && turns < 10_000) {
        vi.advanceTimersToNextTimer(); // a slice of the conversion, then the hand-on
        turns++;
      }
      expect(order).toEqual(['rotated', 'window of 300000']);
      expect(turns).toBeGreaterThanOrEqual(3);
      vi.advanceTimersToNextTimer(); // another rotation, its conversion only begun...
      vi.advanceTimersToNextTimer();
      expect(order).toHaveLength(2);
      const stopped = profiler.stop(); // ...is finished and handed on at once...
      expect(order).toHaveLength(3);
      await vi.runAllTimersAsync(); // ...and the last window follows in slices
      await stopped;
      expect(order).toEqual(['rotated', 'window of 300000', 'window of 300000', 'window of 300000']);
      const stats = profiler.stats();
      expect(stats.windows).toBe(3);
      expect(stats.rotationFailed).toBe(0);
      expect(stats.stallMaxMillis).toBeGreaterThan(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a window whose conversion fails in a slice is counted, not thrown, and the next one goes on', async () => {
    const good = bigProfile(1_000, 10);
    const broken = { ...good, samples: good.samples?.slice(), nodes: null } as unknown as V8CpuProfile;
    let rotations = 0;
    const engine: CpuEngine = {
      name: 'fixture',
      start() {},
      rotate: () => (++rotations === 1 ? broken : good),
      stop: () => good,
      dispose() {},
    };
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setImmediate', 'clearImmediate'] });
    try {
      const windows: number[] = [];
      const profiler = new ContinuousProfiler({
        windowMillis: 1000,
        heap: false,
        cpu: { engine, traceCorrelation: false, sourceMaps: false },
        onWindow: (w) => windows.push(w[0].samples.count),
      });
      profiler.start();
      for (let i = 0; i < 20; i++) vi.advanceTimersToNextTimer();
      await stopDriving(profiler);
      expect(profiler.stats().rotationFailed).toBe(1);
      expect(windows.length).toBeGreaterThanOrEqual(2);
      expect(windows.every((n) => n === 1_000)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('adaptive strategy lowers the rate when the estimated cost is over budget', async () => {
    const periods: number[] = [];
    const p = new ContinuousProfiler({
      windowMillis: 100,
      heap: false,
      // 1 ms per sample against a 0.5 % budget: far over, so every window lowers the rate
      strategy: adaptiveRate({ budgetPercent: 0.5, minHz: 10, maxHz: 100, perSampleMicros: 1000 }),
      onWindow: (w) => periods.push(w[0].period),
    });
    p.start();
    await busy(800, makeBurner('adaptiveBurner'));
    await p.stop();
    expect(periods[0]).toBe(10_000_000); // 100 Hz
    expect(p.stats().frequency).toBe(10);
    expect(periods[periods.length - 1]).toBe(100_000_000); // 10 Hz
  });

  it('collects the heap on its own, slower cadence (default: at least 60 s)', async () => {
    const windows: Profile[][] = [];
    const p = new ContinuousProfiler({ windowMillis: 100, onWindow: (w) => windows.push(w) });
    p.start();
    await busy(350, makeBurner('cadenceBurner'));
    await p.stop();
    const kinds = windows.map((w) => w.map((x) => x.kind).join('+'));
    expect(kinds.slice(0, -1).every((k) => k === 'cpu')).toBe(true);
    expect(kinds[kinds.length - 1]).toBe('cpu+heap'); // the final window has the heap profile
    expect(p.stats().heapStallLastMillis).toBeGreaterThan(0);
  });

  it('sends windows through a real OtlpProfileExporter to /v1development/profiles', async () => {
    const bodies: Buffer[] = [];
    const paths: string[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks));
        paths.push(req.url ?? '');
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const exporter = new OtlpProfileExporter({
      url: `http://127.0.0.1:${port}/v1development/profiles`,
      compression: 'none',
    });
    const profiler = new ContinuousProfiler({
      windowMillis: 200,
      exporter,
      heap: false,
      originalPayload: true,
    });
    profiler.start();
    await busy(450, makeBurner('exportedBurner'));
    await profiler.stop();
    await exporter.shutdown();
    server.close();
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    expect(paths[0]).toBe('/v1development/profiles');
    const decoded = bodies.map((b) => decodeProfilesRequest(new Uint8Array(b)));
    const names = new Set<string>();
    for (const r of decoded) {
      expect(validateProfilesRequest(r)).toEqual([]);
      for (const f of r.dictionary?.functionTable ?? [])
        names.add(r.dictionary?.stringTable[f.nameStrindex] ?? '');
      expect(r.resourceProfiles[0].scopeProfiles[0].profiles[0].originalPayloadFormat).toBe('pprof');
    }
    expect(names.has('exportedBurner')).toBe(true);
    expect(profiler.stats().exported).toBe(bodies.length);
  });

  it('drops windows beyond maxQueued and counts them; export failures are counted, not thrown', async () => {
    const stuck: ProfileExporter = {
      export: () => new Promise(() => {}),
      forceFlush: () => Promise.resolve(),
      shutdown: () => Promise.resolve(),
    };
    // windows only from flush() and stop(): a timer's window would race the counts
    const p = new ContinuousProfiler({ windowMillis: 60_000, exporter: stuck, maxQueued: 1, heap: false });
    p.start();
    for (let i = 0; i < 3; i++) void p.flush(); // never settles: the exporter never answers
    // each flush finishes the previous window's hand-on at once; the last one's takes a few turns
    for (let turn = 0; turn < 1000 && p.stats().windows < 3; turn++) await new Promise(setImmediate);
    expect(p.stats().windows).toBe(3);
    expect(p.stats().droppedWindows).toBe(2);

    const failing: ProfileExporter = {
      export: () => Promise.resolve({ code: 1 as const, error: new Error('503') }),
      forceFlush: () => Promise.resolve(),
      shutdown: () => Promise.resolve(),
    };
    const q = new ContinuousProfiler({
      windowMillis: 60_000,
      exporter: failing,
      heap: false,
      cpu: { maxSamples: 1 },
    });
    q.start();
    makeBurner('capped')(50);
    await q.flush();
    await q.stop();
    expect(q.stats().exportFailed).toBe(2);
    expect(q.stats().droppedSamples).toBeGreaterThan(0);
    expect(() => new ContinuousProfiler({ windowMillis: 1 })).toThrowError(/windowMillis/);
  });

  // 10 % of a core: the shared CI machine gives a busy test process as little as a third of a core
  it('cpu-triggered strategy: no sampling until CPU stays high, then a burst', async () => {
    const windows: Profile[][] = [];
    const p = new ContinuousProfiler({
      windowMillis: 60_000,
      heap: false,
      strategy: cpuTriggered({
        thresholdPercent: 10,
        forSeconds: 1,
        burstHz: 250,
        burstSeconds: 1,
        cooldownSeconds: 60,
      }),
      onWindow: (w) => windows.push(w),
    });
    p.start();
    expect(p.stats().frequency).toBe(0);
    // a fresh function once the burst runs (see makeBurner)
    const warm = makeBurner('warmBurner');
    const hot = makeBurner('triggerBurner');
    await busy(3500, (ms) => (p.stats().frequency > 0 ? hot(ms) : warm(ms)));
    const during = p.stats().frequency;
    // The 1 s burst may have started late in the busy phase; its end is seen by a timer, which a
    // loaded machine delays: 2.5 s leaves room for both.
    await sleep(2500);
    await p.stop();
    // the burst started (window ended at the switch), then ended
    expect(windows.length).toBeGreaterThanOrEqual(1);
    const burst = windows.flat().find((w) => w.kind === 'cpu' && w.period === 4_000_000);
    expect(burst, `frequency during load ${during}`).toBeDefined();
    expect(burst?.frames.some((f) => f.function === 'triggerBurner')).toBe(true);
    expect(p.stats().frequency).toBe(0);
  });
});

describe('ContinuousProfiler failures', () => {
  it('a failing start leaves nothing running; a failing rotation is counted, not thrown', async () => {
    const bad = new ContinuousProfiler({
      heap: {},
      cpu: {
        engine: {
          name: 'broken',
          start() {
            throw new Error('no sampler');
          },
          rotate() {
            throw new Error('x');
          },
          stop() {
            throw new Error('x');
          },
          dispose() {},
        },
      },
    });
    expect(() => bad.start()).toThrowError('no sampler');
    expect(bad.running).toBe(false);

    let calls = 0;
    const raw = {
      nodes: [
        {
          id: 1,
          callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 },
        },
      ],
      startTime: 0,
      endTime: 1,
    };
    const flaky = new ContinuousProfiler({
      windowMillis: 60_000,
      heap: false,
      cpu: {
        engine: {
          name: 'flaky',
          start() {},
          rotate() {
            calls++;
            if (calls === 1) throw new Error('session gone');
            return raw;
          },
          stop: () => raw,
          dispose() {},
        },
      },
    });
    flaky.start();
    await flaky.flush();
    await flaky.flush();
    await flaky.stop();
    expect(flaky.stats().rotationFailed).toBe(1);
    expect(flaky.stats().windows).toBe(2);
  });

  it('a pprof directory that disappears: writes fail and are counted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'otlpx-gone-'));
    const p = new ContinuousProfiler({ windowMillis: 60_000, heap: false, pprofDir: join(dir, 'sub') });
    rmSync(dir, { recursive: true, force: true });
    p.start();
    await p.flush();
    await p.stop();
    expect(p.stats().writeFailed).toBe(2);
    expect(p.stats().filesWritten).toBe(0);
  });
});
