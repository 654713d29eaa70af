import { performance } from 'node:perf_hooks';

/** Where CpuLoad reads CPU time: perf_event task-clock of the JS thread, or process.cpuUsage(). */
export type CpuLoadSource = 'perf_event' | 'process';

/** The parts of `@otlpx/simd/perf` used here. */
export interface PerfModule {
  openCounters(events: string[]): {
    readonly backend: string;
    readonly events: ReadonlyArray<{ available: boolean }>;
    read(): Record<string, number | undefined>;
    close(): void;
  };
}

type TaskClock = ReturnType<PerfModule['openCounters']>;

const loadPerf = (): Promise<PerfModule> => import('@otlpx/simd/perf') as Promise<PerfModule>;

/**
 * CPU load in % of one core between two `percent()` calls, for the CPU-triggered strategy.
 * Starts on `process.cpuUsage()` (process-wide: every thread, GC helpers included); `open()` then
 * switches to the perf_event `task-clock` counter of the calling thread from `@otlpx/simd/perf`
 * (optional peer) when that module loads and reports the counter on its perf_event backend.
 * Anything else (not installed, no addon, `OTLPX_SIMD=js`, perf_event refused) keeps cpuUsage.
 */
export class CpuLoad {
  #source: CpuLoadSource = 'process';
  #counters: TaskClock | undefined;
  #closed = false;
  #wall = performance.now();
  #cpu = processCpuMillis();

  get source(): CpuLoadSource {
    return this.#source;
  }

  /** Tries the task-clock counter; resolves to the source in use. Never rejects. */
  async open(load: () => Promise<PerfModule> = loadPerf): Promise<CpuLoadSource> {
    let counters: TaskClock | undefined;
    try {
      counters = (await load()).openCounters(['task-clock']);
    } catch {
      return this.#source;
    }
    if (this.#closed || counters.backend !== 'perf_event' || !counters.events[0]?.available) {
      counters.close();
      return this.#source;
    }
    this.#counters = counters;
    this.#source = 'perf_event';
    counters.read(); // deltas from now on
    this.#wall = performance.now();
    return this.#source;
  }

  /** CPU time since the previous call, ms. */
  cpuMillis(): number {
    if (this.#counters) return (this.#counters.read()['task-clock'] ?? 0) / 1e6;
    const cpu = processCpuMillis();
    const delta = cpu - this.#cpu;
    this.#cpu = cpu;
    return delta;
  }

  /** CPU in % of one core since the previous call (or since open()). */
  percent(now = performance.now()): number {
    const cpu = this.cpuMillis();
    const wall = now - this.#wall;
    this.#wall = now;
    return wall > 0 ? (cpu / wall) * 100 : 0;
  }

  close(): void {
    this.#closed = true;
    this.#counters?.close();
    this.#counters = undefined;
    this.#source = 'process';
  }
}

function processCpuMillis(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
