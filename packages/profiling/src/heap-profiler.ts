import { performance } from 'node:perf_hooks';
import type { HeapEngine, HeapView, V8HeapProfile } from './engine.js';
import { OtlpxProfilingError } from './errors.js';
import { convertHeapProfile } from './heap-profile-converter.js';
import { InspectorHeapEngine } from './inspector-engine.js';
import { DatadogHeapEngine, type DatadogPprof, loadDatadogPprof } from './pprof-engine.js';
import type { Profile } from './profile.js';
import { checkRange, readProfilingEnv } from './resolve-options.js';
import { sourceMapper } from './source-maps.js';
import { threadAttributes } from './thread-info.js';

export interface HeapProfilerOptions {
  /** Average bytes between samples. Default 524288 (512 KiB; env OTLPX_PROFILING_HEAP_INTERVAL). */
  intervalBytes?: number;
  /** 'inuse' (live objects, default) or 'allocated' (everything allocated, collected or not). */
  view?: HeapView;
  /** 'inspector' (default), 'pprof' (optional peer @datadog/pprof; in-use view only) or your own HeapEngine. */
  engine?: 'inspector' | 'pprof' | HeapEngine;
  /** Apply source maps to frames. Default true (env OTLPX_NO_PROFILING_SOURCE_MAPS=1). */
  sourceMaps?: boolean;
  /** Hard cap of distinct stacks per profile. Default 100,000. */
  maxStacks?: number;
  /** `thread.name` attribute. */
  threadName?: string;
}

/**
 * Sampling heap profiler of the current thread: `collect()` returns the sampled allocations so
 * far (sampling goes on), `stop()` the final ones.
 */
export class HeapProfiler {
  readonly #interval: number;
  readonly #view: HeapView;
  readonly #engineOption: 'inspector' | 'pprof' | HeapEngine;
  readonly #dd: DatadogPprof | undefined;
  readonly #sourceMaps: boolean;
  readonly #maxStacks: number;
  readonly #attributes: Record<string, string | number>;
  #engine: HeapEngine | undefined;
  #startedAt = 0;
  #windowStart = 0;

  constructor(options: HeapProfilerOptions = {}) {
    const env = readProfilingEnv();
    checkRange('intervalBytes', options.intervalBytes, 1, 2 ** 31 - 1);
    checkRange('maxStacks', options.maxStacks, 1, 10_000_000);
    if (options.view !== undefined && options.view !== 'inuse' && options.view !== 'allocated') {
      throw new OtlpxProfilingError(
        'OTLPX_ERR_INVALID_ARG',
        `view must be 'inuse' or 'allocated', got ${String(options.view)}`,
      );
    }
    this.#interval = options.intervalBytes ?? env.heapInterval ?? 512 * 1024;
    this.#view = options.view ?? 'inuse';
    this.#engineOption = options.engine ?? 'inspector';
    if (this.#engineOption === 'pprof') this.#dd = loadDatadogPprof();
    this.#sourceMaps = options.sourceMaps ?? !env.noSourceMaps;
    this.#maxStacks = options.maxStacks ?? 100_000;
    this.#attributes = threadAttributes(options.threadName);
  }

  get running(): boolean {
    return this.#engine !== undefined;
  }

  start(): void {
    if (this.#engine) {
      throw new OtlpxProfilingError(
        'OTLPX_ERR_PROFILING_ALREADY_STARTED',
        'HeapProfiler is already running: stop() it first',
      );
    }
    const option = this.#engineOption;
    const engine =
      option === 'inspector'
        ? new InspectorHeapEngine()
        : option === 'pprof'
          ? new DatadogHeapEngine(this.#dd)
          : option;
    try {
      engine.start(this.#interval, this.#view);
    } catch (err) {
      engine.dispose();
      throw err;
    }
    this.#engine = engine;
    this.#startedAt = performance.now();
    this.#windowStart = this.#startedAt;
  }

  /** The heap profile so far; sampling goes on. */
  collect(): Profile {
    const engine = this.#require('collect');
    return this.#convert(engine.snapshot());
  }

  /** Stops sampling and returns the profile. Throws OTLPX_ERR_PROFILING_NOT_STARTED when not running. */
  stop(): Profile {
    const engine = this.#require('stop');
    this.#engine = undefined;
    let raw: V8HeapProfile;
    try {
      raw = engine.stop();
    } finally {
      engine.dispose();
    }
    return this.#convert(raw);
  }

  dispose(): void {
    this.#engine?.dispose();
    this.#engine = undefined;
  }

  #require(what: string): HeapEngine {
    if (!this.#engine) {
      throw new OtlpxProfilingError(
        'OTLPX_ERR_PROFILING_NOT_STARTED',
        `HeapProfiler.${what}() needs a running profiler: call start() first (was it already stopped?)`,
      );
    }
    return this.#engine;
  }

  #convert(raw: V8HeapProfile): Profile {
    const now = performance.now();
    const start = this.#windowStart;
    this.#windowStart = now;
    return convertHeapProfile(raw, {
      startTimeUnixNano: BigInt(Math.round((performance.timeOrigin + start) * 1000)) * 1000n,
      durationNanos: Math.max(0, Math.round((now - start) * 1e6)),
      intervalBytes: this.#interval,
      view: this.#view,
      mapper: this.#sourceMaps ? sourceMapper() : undefined,
      maxStacks: this.#maxStacks,
      attributes: {
        ...this.#attributes,
        'profiler.engine':
          typeof this.#engineOption === 'string' ? this.#engineOption : this.#engineOption.name,
      },
    });
  }
}
