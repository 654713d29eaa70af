import { performance } from 'node:perf_hooks';
import type { Meter } from '@opentelemetry/api';
import type { ProfileExporter } from '@otlpx/exporter-otlp';
import { encodePprof, type InstrumentationScope, type Resource } from '@otlpx/proto';
import { CpuLoad, type CpuLoadSource } from './cpu-load.js';
import { CpuProfiler, type CpuProfilerOptions, type WindowConversion } from './cpu-profiler.js';
import { OtlpxProfilingError } from './errors.js';
import { HeapProfiler, type HeapProfilerOptions } from './heap-profiler.js';
import { PprofDirectory } from './pprof-directory.js';
import type { Profile } from './profile.js';
import { checkRange, readProfilingEnv } from './resolve-options.js';
import { fixedRate, type SamplingStrategy } from './sampling-strategy.js';
import { registerSelfMetrics } from './self-metrics.js';
import { StallHistogram } from './stall-histogram.js';
import { runFor, type Steps } from './time-slice.js';
import { toOtlpSteps } from './to-otlp.js';
import { toPprofModelSteps } from './to-pprof.js';
import { warmUpWindowPath } from './warm-up.js';

export interface ContinuousProfilerOptions {
  /** Window length, ms. Default 60,000 (env OTLPX_PROFILING_WINDOW_MS). */
  windowMillis?: number;
  /** CPU profiler options, or false for no CPU profile. `frequency` is the strategy's business. */
  cpu?: Omit<CpuProfilerOptions, 'frequency'> | false;
  /** Heap profiler options, or false. Default on (512 KiB, in-use). */
  heap?: HeapProfilerOptions | false;
  /**
   * How often the heap profile is collected, ms (at the first window end after it elapsed).
   * Reading V8's sampling heap profile forces a full GC (measured 12-99 ms on a 4 MB heap), so it
   * runs less often than CPU windows. Default max(windowMillis, 60,000).
   */
  heapIntervalMillis?: number;
  /** CPU sampling strategy. Default fixedRate(100) (or OTLPX_PROFILING_HZ). */
  strategy?: SamplingStrategy;
  /** Where each window goes as OTLP (e.g. an OtlpProfileExporter). */
  exporter?: ProfileExporter;
  /** Directory where each window is also written as `<time>-<kind>-thread<id>-<n>.pb.gz`. */
  pprofDir?: string;
  /** pprof files kept in `pprofDir`; older ones are deleted. Default 20. */
  maxPprofFiles?: number;
  /**
   * The OTLP resource of every request, or a function called for each window (for a resource
   * whose attributes are still being detected when the profiler starts).
   */
  resource?: Resource | (() => Resource);
  scope?: InstrumentationScope;
  /** Attach each window's pprof as OTLP original_payload. Default false. */
  originalPayload?: boolean;
  /** Windows being exported or written at once; a window beyond is dropped and counted. Default 2. */
  maxQueued?: number;
  /** Publishes the profiler's own cost and drops as OTel metrics (`otlpx.profiler.*`) while running. */
  meter?: Meter;
  /** Called with each window's profiles (after caps), e.g. to keep the last one. */
  onWindow?: (profiles: Profile[]) => void;
}

export interface ContinuousStats {
  windows: number;
  /** Windows handed to the exporter / written, and those that failed. */
  exported: number;
  exportFailed: number;
  filesWritten: number;
  writeFailed: number;
  /** Windows dropped because `maxQueued` were still in flight. */
  droppedWindows: number;
  /** Rotations that failed (a profiler's session went away): the window is lost, profiling goes on. */
  rotationFailed: number;
  /** Totals of the profiles' drop counters (caps). */
  droppedSamples: number;
  droppedLinks: number;
  droppedStacks: number;
  /** Event-loop stall of each CPU rotation (rotate + convert + encode + hand-on), heap excluded, ms. */
  stallLastMillis: number;
  stallMaxMillis: number;
  stallP50Millis: number;
  stallP99Millis: number;
  /** Event-loop stall of each heap collection (V8 forces a full GC to read it), ms. */
  heapStallLastMillis: number;
  heapStallMaxMillis: number;
  /** CPU the profiler spent at rotations, ms (process.cpuUsage around them). */
  profilerCpuMillis: number;
  /** Current CPU sampling frequency, Hz (0: not sampling). */
  frequency: number;
  /** Last window: profiler CPU / wall time, %. */
  overheadPercent: number;
  /**
   * What a strategy with `poll()` (cpuTriggered) reads: 'perf_event' (task-clock of the JS thread,
   * from the optional peer @otlpx/simd) or 'process' (process.cpuUsage); undefined without poll.
   */
  cpuLoadSource?: CpuLoadSource;
}

/** Longest piece of a window's conversion per event-loop turn, ms (a step may overrun it). */
const SLICE_MILLIS = 2;

/** A rotation's hand-on still running in slices: `finish()` runs the rest now; `done` settles after. */
interface PendingHandOn {
  finish(): void;
  done: Promise<void>;
}

/**
 * Continuous profiling of the current thread: a window of CPU (and heap) profile every
 * `windowMillis`, exported through a ProfileExporter and/or written as pprof files. Rotation
 * keeps V8's sampler running (no code re-streaming), so the event loop stalls for the
 * conversion only; stalls are measured in stats(). Everything is bounded: samples, stacks and
 * spans per window, and windows in flight; what does not fit is dropped and counted. Nothing
 * here throws into the app after start(): failures are counted.
 */
export class ContinuousProfiler {
  readonly #windowMillis: number;
  readonly #options: ContinuousProfilerOptions;
  readonly #strategy: SamplingStrategy;
  readonly #maxQueued: number;
  readonly #stalls = new StallHistogram();
  readonly #heapStalls = new StallHistogram();
  readonly #heapIntervalMillis: number;
  #lastHeap = 0;
  readonly #stats = {
    windows: 0,
    exported: 0,
    exportFailed: 0,
    filesWritten: 0,
    writeFailed: 0,
    droppedWindows: 0,
    rotationFailed: 0,
    droppedSamples: 0,
    droppedLinks: 0,
    droppedStacks: 0,
    profilerCpuMillis: 0,
    overheadPercent: 0,
  };
  #cpu: CpuProfiler | undefined;
  #heap: HeapProfiler | undefined;
  #frequency = 0;
  #windowTimer: NodeJS.Timeout | undefined;
  #pollTimer: NodeJS.Timeout | undefined;
  #windowStart = 0;
  #windowCpu = 0;
  #load: CpuLoad | undefined;
  #inFlight = new Set<Promise<void>>();
  #running = false;
  #unregisterMetrics: (() => void) | undefined;
  #directory: PprofDirectory | undefined;

  constructor(options: ContinuousProfilerOptions = {}) {
    const env = readProfilingEnv();
    checkRange('windowMillis', options.windowMillis, 100, 24 * 3600_000);
    checkRange('maxQueued', options.maxQueued, 1, 1000);
    checkRange('maxPprofFiles', options.maxPprofFiles, 1, 100_000);
    checkRange('heapIntervalMillis', options.heapIntervalMillis, 100, 24 * 3600_000);
    this.#options = options;
    this.#windowMillis = options.windowMillis ?? env.windowMillis ?? 60_000;
    this.#strategy = options.strategy ?? fixedRate(env.hz ?? 100);
    this.#maxQueued = options.maxQueued ?? 2;
    this.#heapIntervalMillis = options.heapIntervalMillis ?? Math.max(this.#windowMillis, 60_000);
    if (options.pprofDir) this.#directory = new PprofDirectory(options.pprofDir, options.maxPprofFiles ?? 20);
  }

  get running(): boolean {
    return this.#running;
  }

  start(): void {
    if (this.#running) {
      throw new OtlpxProfilingError(
        'OTLPX_ERR_PROFILING_ALREADY_STARTED',
        'ContinuousProfiler is already running',
      );
    }
    const o = this.#options;
    try {
      if (o.heap !== false) {
        this.#heap = new HeapProfiler(o.heap ?? {});
        this.#heap.start();
      }
      this.#frequency = this.#strategy.initial();
      if (o.cpu !== false) this.#startCpu();
    } catch (err) {
      // leave nothing running behind a failed start
      this.#heap?.dispose();
      this.#cpu?.dispose();
      this.#heap = undefined;
      this.#cpu = undefined;
      throw err;
    }
    warmUpWindowPath();
    this.#running = true;
    this.#windowStart = performance.now();
    this.#lastHeap = this.#windowStart;
    this.#windowCpu = cpuMillis();
    this.#windowTimer = setInterval(() => this.#rotate(), this.#windowMillis).unref();
    if (this.#strategy.poll) {
      const load = new CpuLoad();
      this.#load = load;
      void load.open(); // task-clock when @otlpx/simd/perf has it, before the first poll
      this.#pollTimer = setInterval(() => this.#poll(), 1000).unref();
    }
    if (o.meter) this.#unregisterMetrics = registerSelfMetrics(o.meter, () => this.stats());
  }

  /** Ends the current window now and hands it on (also what each timer tick does). */
  flush(): Promise<void> {
    if (this.#running) this.#rotate();
    return this.#idle();
  }

  /** Ends the last window, waits for exports and writes, and releases the profilers. */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#rotate(true);
    this.#running = false;
    clearInterval(this.#windowTimer);
    clearInterval(this.#pollTimer);
    this.#load?.close();
    await this.#idle();
    this.#unregisterMetrics?.();
    this.#unregisterMetrics = undefined;
  }

  stats(): ContinuousStats {
    return {
      ...this.#stats,
      stallLastMillis: this.#stalls.last,
      stallMaxMillis: this.#stalls.max,
      stallP50Millis: this.#stalls.quantile(0.5),
      stallP99Millis: this.#stalls.quantile(0.99),
      heapStallLastMillis: this.#heapStalls.last,
      heapStallMaxMillis: this.#heapStalls.max,
      frequency: this.#frequency,
      cpuLoadSource: this.#load?.source,
    };
  }

  #startCpu(): void {
    if (this.#frequency <= 0 || this.#options.cpu === false) return;
    this.#cpu = new CpuProfiler({ ...(this.#options.cpu ?? {}), frequency: this.#frequency });
    this.#cpu.start();
  }

  #poll(): void {
    const now = performance.now();
    const percent = this.#load?.percent(now) ?? 0;
    const hz = this.#strategy.poll?.(percent, now);
    if (hz !== undefined && hz !== this.#frequency) this.#rotate(false, hz);
  }

  /**
   * Ends the window. The CPU sampler switches profiles at once (about a millisecond); the rest
   * (the window's conversion, toOtlp, the export call, files) runs in slices of about
   * SLICE_MILLIS, one per event-loop turn (setImmediate), so a rotation blocks the loop several
   * times briefly rather than once for the sum: converting a window takes 0.4-0.8 ms once warm
   * but 6-13 ms in the first windows of a process (cold code), and grows with what a window
   * holds. The stall recorded per rotation is its longest block (heap collection excluded).
   */
  #rotate(last = false, forcedHz?: number): void {
    this.#finishPending(); // the previous rotation's hand-on, if it has not finished yet
    const t0 = performance.now();
    const c0 = cpuMillis();
    const profiles: Profile[] = [];
    let convert: WindowConversion | undefined;
    this.#heapTime = 0;
    let failed = false;
    try {
      if (last) convert = this.#lastWindow(profiles);
      else convert = this.#nextWindow(profiles, forcedHz ?? this.#nextHz(t0 - this.#windowStart, c0));
    } catch {
      failed = true; // a profiler failed mid-rotation (session gone): counted, never thrown
    }
    const end = performance.now();
    const block = end - t0 - this.#heapTime;
    let cpu = cpuMillis() - c0;
    const wall = end - this.#windowStart;
    this.#windowStart = end;
    this.#windowCpu = cpuMillis();
    if (failed) {
      this.#stats.rotationFailed++;
      this.#settle(block, cpu, wall);
      return;
    }
    const steps = this.#handOnSteps(profiles, convert?.steps());
    let longest = 0;
    let settled = (): void => {};
    /** Runs the hand-on for up to `budget` ms; settles the rotation when it is done. */
    const run = (budget: number): boolean => {
      const t = performance.now();
      const c = cpuMillis();
      let done = true;
      try {
        done = runFor(steps, budget).done === true;
      } catch {
        this.#stats.rotationFailed++; // e.g. a malformed window, or onWindow threw: never thrown on
      }
      cpu += cpuMillis() - c;
      longest = Math.max(longest, performance.now() - t);
      if (done) {
        this.#pending = undefined;
        this.#settle(convert ? Math.max(block, longest) : block + longest, cpu, wall);
        settled();
      }
      return done;
    };
    if (!convert) {
      run(Number.POSITIVE_INFINITY); // nothing deferred: no CPU profiler, or sampling paused
      return;
    }
    const pending: PendingHandOn = {
      finish: () => run(Number.POSITIVE_INFINITY),
      done: new Promise<void>((resolve) => {
        settled = resolve;
      }),
    };
    const slice = (): void => {
      if (this.#pending === pending && !run(SLICE_MILLIS)) setImmediate(slice);
    };
    this.#pending = pending;
    setImmediate(slice);
  }

  /** The rotation's stall and the profiler's CPU, once its hand-on is done. */
  #settle(stall: number, cpu: number, wall: number): void {
    this.#lastRotationCpu = cpu;
    this.#stats.profilerCpuMillis += cpu;
    this.#stalls.add(stall);
    this.#stats.overheadPercent = wall > 0 ? (cpu / wall) * 100 : 0;
  }

  /**
   * The deferred part of the last rotation (the rest of its conversion and hand-on), run at once
   * when the next rotation or stop() comes before it has finished.
   */
  #pending: PendingHandOn | undefined;

  #finishPending(): void {
    this.#pending?.finish();
  }

  /** Converts the CPU window (when deferred), counts the window and hands it on. */
  *#handOnSteps(profiles: Profile[], conversion: Steps<Profile> | undefined): Steps<void> {
    if (conversion) {
      const window = yield* conversion;
      profiles.unshift(window);
      this.#lastSamples = window.samples.count;
    }
    this.#stats.windows++;
    for (const p of profiles) {
      this.#stats.droppedSamples += p.dropped.samples;
      this.#stats.droppedLinks += p.dropped.links;
      this.#stats.droppedStacks += p.dropped.stacks;
    }
    if (profiles.length > 0) yield* this.#handOn(profiles);
  }

  /** Stops the profilers; returns the CPU window's conversion (deferred like the others). */
  #lastWindow(profiles: Profile[]): WindowConversion | undefined {
    const cpu = this.#cpu;
    const heap = this.#heap;
    this.#cpu = undefined;
    this.#heap = undefined;
    try {
      return cpu?.stopLater();
    } finally {
      if (heap) profiles.push(this.#collectHeap(heap, true));
    }
  }

  /**
   * Ends this window and runs the next at `hz` (0 stops CPU sampling until a strategy raises it);
   * returns the CPU window's conversion (none while CPU sampling is paused or off).
   */
  #nextWindow(profiles: Profile[], hz: number): WindowConversion | undefined {
    const cpu = this.#cpu;
    let convert: WindowConversion | undefined;
    if (cpu && hz <= 0) {
      this.#cpu = undefined;
      convert = cpu.stopLater();
    } else if (cpu) convert = cpu.collectLater(hz);
    this.#frequency = hz;
    if (!cpu) this.#startCpu();
    // The strategy decides before this window is converted, so it sees the previous window's samples.
    if (this.#heap && performance.now() - this.#lastHeap >= this.#heapIntervalMillis)
      profiles.push(this.#collectHeap(this.#heap, false));
    return convert;
  }

  #collectHeap(heap: HeapProfiler, last: boolean): Profile {
    const t0 = performance.now();
    const profile = last ? heap.stop() : heap.collect();
    const end = performance.now();
    this.#heapStalls.add(end - t0);
    this.#heapTime += end - t0;
    this.#lastHeap = t0; // cadence from collection starts, so a long GC does not skip the next one
    return profile;
  }

  #heapTime = 0;

  #lastSamples = 0;
  #lastRotationCpu = 0;

  #nextHz(wall: number, c0: number): number {
    return this.#strategy.next({
      wallMillis: wall,
      processCpuMillis: c0 - this.#windowCpu,
      profilerCpuMillis: this.#lastRotationCpu,
      samples: this.#lastSamples,
      frequency: this.#frequency,
    });
  }

  *#handOn(profiles: Profile[]): Steps<void> {
    const o = this.#options;
    o.onWindow?.(profiles);
    if (!o.exporter && !this.#directory) return;
    if (this.#inFlight.size >= this.#maxQueued) {
      this.#stats.droppedWindows++;
      return;
    }
    const jobs: Promise<void>[] = [];
    if (o.exporter) {
      const request = yield* toOtlpSteps(profiles, {
        resource: typeof o.resource === 'function' ? o.resource() : o.resource,
        scope: o.scope,
        originalPayload: o.originalPayload,
      });
      yield; // the exporter encodes in its own slice
      jobs.push(
        o.exporter.export(request).then(
          (result) => {
            if (result.code === 0) this.#stats.exported++;
            else this.#stats.exportFailed++;
          },
          () => {
            this.#stats.exportFailed++;
          },
        ),
      );
    }
    const directory = this.#directory;
    if (directory)
      for (const p of profiles) {
        const model = yield* toPprofModelSteps(p);
        yield; // encoding in its own slice
        jobs.push(this.#write(directory, p, encodePprof(model)));
      }
    const job = Promise.all(jobs).then(() => undefined);
    this.#inFlight.add(job);
    void job.finally(() => this.#inFlight.delete(job));
  }

  async #write(directory: PprofDirectory, profile: Profile, pprof: Uint8Array): Promise<void> {
    try {
      await directory.write(profile, this.#stats.windows, pprof);
      this.#stats.filesWritten++;
    } catch {
      this.#stats.writeFailed++;
    }
  }

  /** Waits for the last rotation's slices, then for the exports and writes in flight. */
  async #idle(): Promise<void> {
    while (this.#pending) await this.#pending.done;
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }
}

function cpuMillis(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
