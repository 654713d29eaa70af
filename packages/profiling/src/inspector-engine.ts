import { console as inspectorConsole } from 'node:inspector';
import type { CpuEngine, HeapEngine, HeapView, V8CpuProfile, V8HeapProfile } from './engine.js';
import { InspectorSession } from './inspector-session.js';

let keepaliveSeq = 0;

/**
 * Whether Node runs profiler connections of its own (`NODE_V8_COVERAGE`, which coverage tools and
 * `node --test --experimental-test-coverage` set, or `--cpu-prof` / `--heap-prof`). A console
 * profile is broadcast to every session with the Profiler domain enabled, and those connections
 * print each event they get to stderr ("Cannot retrieve id from the response message", with the
 * whole profile), so the keepalive is not used then.
 */
export function nodeProfilesItself(
  env: NodeJS.ProcessEnv = process.env,
  execArgv: readonly string[] = process.execArgv,
): boolean {
  if (env.NODE_V8_COVERAGE) return true;
  const flags = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)];
  return flags.some((flag) => /^--(cpu|heap)-prof(=|$|-)/.test(flag));
}

/** Node opens those connections at start-up, so this is decided once. */
const KEEPALIVE_BROADCASTS = nodeProfilesItself();

/**
 * CPU engine on `node:inspector` (V8's CpuProfiler, no native build, works in workers).
 *
 * Rotation without a stall: V8 destroys its CpuProfiler when the last profile of a session
 * stops, and the next start re-streams every JIT code object on the JS thread (31 ms in a small
 * app, 100+ ms in a large one). `rotate()` first opens a short "keepalive" console profile in the
 * same session (inspector.console.profile), so `Profiler.stop` + `Profiler.start` reuse the
 * running CpuProfiler (measured 0.3 ms), then closes the keepalive and drops its result. When
 * Node profiles itself (`nodeProfilesItself`), the rotation is a plain stop + start instead.
 */
export class InspectorCpuEngine implements CpuEngine {
  readonly name = 'inspector';
  readonly #session = new InspectorSession();
  #interval = 0;
  #running = false;
  readonly #dropKeepalive = (): void => {};

  start(intervalMicros: number): void {
    this.#session.connect();
    this.#session.post('Profiler.enable');
    this.#session.post('Profiler.setSamplingInterval', { interval: intervalMicros });
    this.#session.post('Profiler.start');
    this.#interval = intervalMicros;
    this.#running = true;
  }

  rotate(intervalMicros: number): V8CpuProfile {
    if (intervalMicros !== this.#interval || KEEPALIVE_BROADCASTS) {
      const profile = this.stop();
      this.start(intervalMicros);
      return profile;
    }
    const title = `otlpx-keepalive-${++keepaliveSeq}`;
    this.#session.on('Profiler.consoleProfileFinished', this.#dropKeepalive);
    inspectorConsole.profile(title);
    try {
      const { profile } = this.#session.post<{ profile: V8CpuProfile }>('Profiler.stop');
      this.#session.post('Profiler.start');
      return profile;
    } finally {
      inspectorConsole.profileEnd(title);
      this.#session.off('Profiler.consoleProfileFinished', this.#dropKeepalive);
    }
  }

  stop(): V8CpuProfile {
    this.#running = false;
    const { profile } = this.#session.post<{ profile: V8CpuProfile }>('Profiler.stop');
    return profile;
  }

  dispose(): void {
    if (this.#running && this.#session.connected) {
      this.#running = false;
      try {
        this.#session.post('Profiler.stop');
      } catch {
        // the session is gone with its thread
      }
    }
    this.#session.disconnect();
  }
}

/** Heap engine on `node:inspector` (V8's sampling heap profiler). */
export class InspectorHeapEngine implements HeapEngine {
  readonly name = 'inspector';
  readonly #session = new InspectorSession();
  #running = false;

  start(intervalBytes: number, view: HeapView): void {
    this.#session.connect();
    this.#session.post('HeapProfiler.enable');
    this.#session.post('HeapProfiler.startSampling', {
      samplingInterval: intervalBytes,
      // 'allocated' keeps samples of objects the GC already collected: everything allocated.
      includeObjectsCollectedByMajorGC: view === 'allocated',
      includeObjectsCollectedByMinorGC: view === 'allocated',
    });
    this.#running = true;
  }

  snapshot(): V8HeapProfile {
    return this.#session.post<{ profile: V8HeapProfile }>('HeapProfiler.getSamplingProfile').profile;
  }

  stop(): V8HeapProfile {
    this.#running = false;
    return this.#session.post<{ profile: V8HeapProfile }>('HeapProfiler.stopSampling').profile;
  }

  dispose(): void {
    if (this.#running && this.#session.connected) {
      this.#running = false;
      try {
        this.#session.post('HeapProfiler.stopSampling');
      } catch {
        // the session is gone with its thread
      }
    }
    this.#session.disconnect();
  }
}
