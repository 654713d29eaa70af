import { attachTimeline, detachTimeline, refreshHook, type SpanSink } from './context-hook.js';
import { cpuProfileSteps } from './cpu-profile-converter.js';
import type { CpuEngine, V8CpuProfile } from './engine.js';
import { OtlpxProfilingError } from './errors.js';
import { fileOf } from './frame-table.js';
import { InspectorCpuEngine } from './inspector-engine.js';
import { v8MicrosToPerfMillis } from './monotonic-clock.js';
import { DatadogCpuEngine, type DatadogPprof, loadDatadogPprof } from './pprof-engine.js';
import type { Profile } from './profile.js';
import { checkRange, readProfilingEnv } from './resolve-options.js';
import { preloadSourceMap, sourceMapper, unlookedScripts } from './source-maps.js';
import { SpanTimeline } from './span-timeline.js';
import { threadAttributes } from './thread-info.js';
import { runToEnd, type Steps } from './time-slice.js';

/**
 * A window's profile, to be converted once (collectLater): call it, or drive `steps()`. `scripts`
 * are the window's scripts whose source map has not been looked up yet.
 */
export type WindowConversion = (() => Profile) & {
  readonly scripts: readonly string[];
  steps(): Steps<Profile>;
};

export interface CpuProfilerOptions {
  /** Sampling frequency in Hz. Default 100 (env OTLPX_PROFILING_HZ). */
  frequency?: number;
  /**
   * 'inspector' (default, node:inspector), 'pprof' (the native profiler of the optional peer
   * @datadog/pprof, loaded when chosen) or your own CpuEngine.
   */
  engine?: 'inspector' | 'pprof' | CpuEngine;
  /** Link samples to the active OTel span. Default true (env OTLPX_NO_PROFILING_SPANS=1 turns it off). */
  traceCorrelation?: boolean;
  /** Apply source maps to frames when a script has one. Default true (env OTLPX_NO_PROFILING_SOURCE_MAPS=1). */
  sourceMaps?: boolean;
  /** Keep `(idle)` samples. Default false. */
  keepIdle?: boolean;
  /** Hard cap of samples per profile; the rest are dropped and counted. Default 1,000,000. */
  maxSamples?: number;
  /** Hard cap of distinct stacks per profile. Default 100,000. */
  maxStacks?: number;
  /** Hard cap of distinct spans per profile (samples of more spans count as unknown). Default 10,000. */
  maxSpans?: number;
  /** Span switches remembered between two profiles (a ring). Default 65,536. */
  maxSpanSwitches?: number;
  /** `thread.name` attribute. Default 'main' or 'worker-<threadId>'. */
  threadName?: string;
}

/**
 * CPU profiler of the current thread (main thread or a worker).
 *
 * ```ts
 * const profiler = new CpuProfiler({ frequency: 100 });
 * profiler.start();
 * await work();
 * const profile = profiler.stop(); // or profiler.collect() for a window, sampling goes on
 * ```
 */
export class CpuProfiler {
  readonly #options: Required<Omit<CpuProfilerOptions, 'engine' | 'threadName'>>;
  readonly #engineOption: 'inspector' | 'pprof' | CpuEngine;
  readonly #dd: DatadogPprof | undefined;
  readonly #attributes: Record<string, string | number>;
  #engine: CpuEngine | undefined;
  /** The span join of engines without their own context; `#sink` is what the hook feeds. */
  #timeline: SpanTimeline | undefined;
  #sink: SpanSink | undefined;
  #intervalMicros = 0;

  constructor(options: CpuProfilerOptions = {}) {
    const env = readProfilingEnv();
    checkRange('frequency', options.frequency, 1, 10_000);
    checkRange('maxSamples', options.maxSamples, 1, 100_000_000);
    checkRange('maxStacks', options.maxStacks, 1, 10_000_000);
    checkRange('maxSpans', options.maxSpans, 1, 10_000_000);
    checkRange('maxSpanSwitches', options.maxSpanSwitches, 16, 2 ** 26);
    const engine = options.engine ?? 'inspector';
    if (
      engine !== 'inspector' &&
      engine !== 'pprof' &&
      (typeof engine !== 'object' || typeof engine.start !== 'function')
    ) {
      throw new OtlpxProfilingError(
        'OTLPX_ERR_PROFILING_ENGINE_UNAVAILABLE',
        `engine must be 'inspector', 'pprof' or a CpuEngine object, got ${String(engine)}`,
      );
    }
    this.#engineOption = engine;
    if (engine === 'pprof') this.#dd = loadDatadogPprof();
    this.#options = {
      frequency: options.frequency ?? env.hz ?? 100,
      traceCorrelation: options.traceCorrelation ?? !env.noSpans,
      sourceMaps: options.sourceMaps ?? !env.noSourceMaps,
      keepIdle: options.keepIdle ?? false,
      maxSamples: options.maxSamples ?? 1_000_000,
      maxStacks: options.maxStacks ?? 100_000,
      maxSpans: options.maxSpans ?? 10_000,
      maxSpanSwitches: options.maxSpanSwitches ?? 65_536,
    };
    this.#attributes = threadAttributes(options.threadName);
  }

  get running(): boolean {
    return this.#engine !== undefined;
  }

  /** Sampling frequency in Hz of the running profile (or of the next start). */
  get frequency(): number {
    return this.#options.frequency;
  }

  /** Starts sampling. Throws OTLPX_ERR_PROFILING_ALREADY_STARTED when running. */
  start(): void {
    if (this.#engine) {
      throw new OtlpxProfilingError(
        'OTLPX_ERR_PROFILING_ALREADY_STARTED',
        'CpuProfiler is already running: stop() it first',
      );
    }
    const option = this.#engineOption;
    const engine: CpuEngine =
      option === 'inspector'
        ? new InspectorCpuEngine()
        : option === 'pprof'
          ? new DatadogCpuEngine(this.#dd)
          : option;
    this.#intervalMicros = Math.max(1, Math.round(1e6 / this.#options.frequency));
    if (this.#options.traceCorrelation) {
      if (engine.recordSpan) {
        // the engine captures the span with each sample itself
        this.#sink = { record: engine.recordSpan.bind(engine) };
      } else {
        this.#timeline = new SpanTimeline(this.#options.maxSpanSwitches, this.#options.maxSpans);
        this.#sink = this.#timeline;
      }
      attachTimeline(this.#sink);
    }
    try {
      engine.start(this.#intervalMicros);
    } catch (err) {
      this.#detach();
      engine.dispose();
      throw err;
    }
    this.#engine = engine;
  }

  /**
   * Ends the current window and returns its profile while sampling goes on (continuous mode).
   * `frequency` changes the rate from the next window on (which restarts the sampler).
   */
  collect(frequency?: number): Profile {
    return this.collectLater(frequency)();
  }

  /**
   * `collect()` in two steps: ends the window now (the sampler switches profiles, well under a
   * millisecond) and returns the conversion of its profile, to run later, e.g. in other
   * event-loop turns (what ContinuousProfiler does, so a rotation never blocks the loop for long).
   * Run it once, before the next collect() or stop(): call it (converts at once), or drive its
   * `steps()` (time-slice.ts), which first looks up the source map of each of the window's
   * `scripts` not looked up yet (with `sourceMaps` on), one per step, then converts.
   */
  collectLater(frequency?: number): WindowConversion {
    const engine = this.#requireRunning('collect');
    checkRange('frequency', frequency, 1, 10_000);
    if (frequency !== undefined) this.#options.frequency = frequency;
    const interval = this.#intervalMicros;
    const next = Math.max(1, Math.round(1e6 / this.#options.frequency));
    const raw = engine.rotate(next);
    this.#intervalMicros = next;
    if (this.#sink) refreshHook();
    return this.#conversion(raw, interval, this.#timeline);
  }

  /** Stops sampling and returns the profile. Throws OTLPX_ERR_PROFILING_NOT_STARTED when not running (e.g. stopping twice). */
  stop(): Profile {
    return this.stopLater()();
  }

  /** `stop()` in two steps, as `collectLater()`: sampling stops now, the conversion runs later. */
  stopLater(): WindowConversion {
    const engine = this.#requireRunning('stop');
    this.#engine = undefined;
    const timeline = this.#timeline;
    let raw: V8CpuProfile;
    try {
      try {
        raw = engine.stop();
      } finally {
        engine.dispose();
      }
    } finally {
      // the span hook goes away even when the engine failed; the switches it recorded stay
      this.#detach();
    }
    return this.#conversion(raw, this.#intervalMicros, timeline);
  }

  /** Stops without a profile; safe at any time (for teardown paths). */
  dispose(): void {
    this.#engine?.dispose();
    this.#engine = undefined;
    this.#detach();
  }

  #detach(): void {
    if (this.#sink) detachTimeline(this.#sink);
    this.#sink = undefined;
    this.#timeline = undefined;
  }

  #requireRunning(what: string): CpuEngine {
    if (!this.#engine) {
      throw new OtlpxProfilingError(
        'OTLPX_ERR_PROFILING_NOT_STARTED',
        `CpuProfiler.${what}() needs a running profiler: call start() first (was it already stopped?)`,
      );
    }
    return this.#engine;
  }

  /** A window's conversion: source maps of its new scripts first (one per step), then the profile. */
  #conversion(
    raw: V8CpuProfile,
    intervalMicros: number,
    timeline: SpanTimeline | undefined,
  ): WindowConversion {
    let scripts: string[] = [];
    if (this.#options.sourceMaps) {
      const urls = new Set<string>();
      for (const node of raw.nodes) if (node.callFrame.url) urls.add(node.callFrame.url);
      scripts = unlookedScripts(Array.from(urls, fileOf));
    }
    const self = this;
    function* steps(): Steps<Profile> {
      for (const script of scripts) {
        preloadSourceMap(script);
        yield;
      }
      return yield* self.#convertSteps(raw, intervalMicros, timeline);
    }
    return Object.assign(() => runToEnd(steps()), { scripts, steps });
  }

  *#convertSteps(
    raw: V8CpuProfile,
    intervalMicros: number,
    timeline: SpanTimeline | undefined,
  ): Steps<Profile> {
    const profile = yield* cpuProfileSteps(raw, {
      intervalMicros,
      timeline,
      mapper: this.#options.sourceMaps ? sourceMapper() : undefined,
      maxSamples: this.#options.maxSamples,
      maxStacks: this.#options.maxStacks,
      keepIdle: this.#options.keepIdle,
      maxSpans: this.#options.maxSpans,
      attributes: { ...this.#attributes, 'profiler.engine': nameOf(this.#engineOption) },
    });
    // switches before this window's end are no longer needed by the next one
    if (timeline) timeline.trim(v8MicrosToPerfMillis(raw.endTime));
    return profile;
  }
}

function nameOf(engine: 'inspector' | 'pprof' | CpuEngine): string {
  return typeof engine === 'string' ? engine : engine.name;
}
