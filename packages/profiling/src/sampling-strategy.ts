import { checkRange } from './resolve-options.js';

/** What a strategy learns about the window that just ended. */
export interface WindowStats {
  /** Wall time of the window, ms. */
  wallMillis: number;
  /** CPU time of the whole process during the window (user + system), ms. */
  processCpuMillis: number;
  /** CPU the profiler spent on the JS thread at rotation (stop/start, conversion, encoding), ms. */
  profilerCpuMillis: number;
  /** CPU samples taken (idle excluded). */
  samples: number;
  /** Frequency the window ran at, Hz (0: not sampling). */
  frequency: number;
}

/**
 * Decides the CPU sampling frequency of each window. `next()` runs at every window boundary;
 * `poll()` (optional) runs every second with the process CPU usage in % of one core, and can switch
 * the frequency before the window ends (bursts). 0 Hz means "not sampling".
 */
export interface SamplingStrategy {
  readonly name: string;
  initial(): number;
  next(stats: WindowStats): number;
  poll?(cpuPercent: number, nowMillis: number): number | undefined;
}

/** Always `hz` (default 100). */
export function fixedRate(hz = 100): SamplingStrategy {
  checkRange('hz', hz, 1, 10_000);
  return { name: 'fixed', initial: () => hz, next: () => hz };
}

export interface AdaptiveOptions {
  /** CPU-overhead budget in % of the window's wall time. Default 2. */
  budgetPercent?: number;
  minHz?: number;
  maxHz?: number;
  /**
   * Estimated CPU cost of one V8 sample beyond the rotation (signal, stack walk, tick processing on
   * V8's profiler thread), µs. Default 100: the +1 % wall / +1.5 % CPU measured at 100 Hz for the
   * inspector engine in shared/research/profiling.md §3.3 (10 ms × 1-1.5 %).
   */
  perSampleMicros?: number;
}

/**
 * Keeps the estimated profiler overhead under a budget: overhead = (measured rotation CPU +
 * samples × perSampleMicros) / window wall time. Above the budget the rate drops in proportion
 * (to 90 % of what fits); below half of it the rate rises by half, up to `maxHz`. An idle process
 * takes few samples (idle ticks are not counted), so its rate climbs back to `maxHz`.
 */
export function adaptiveRate(options: AdaptiveOptions = {}): SamplingStrategy {
  const budget = (options.budgetPercent ?? 2) / 100;
  const minHz = options.minHz ?? 10;
  const maxHz = options.maxHz ?? 100;
  const perSample = (options.perSampleMicros ?? 100) / 1000;
  checkRange('budgetPercent', options.budgetPercent, 0.01, 100);
  checkRange('minHz', minHz, 1, 10_000);
  checkRange('maxHz', maxHz, minHz, 10_000);
  let hz = maxHz;
  return {
    name: 'adaptive',
    initial: () => hz,
    next(stats) {
      if (stats.wallMillis <= 0) return hz;
      const overhead = (stats.profilerCpuMillis + stats.samples * perSample) / stats.wallMillis;
      if (overhead > budget) hz = Math.max(minHz, Math.floor(hz * (budget / overhead) * 0.9));
      else if (overhead < budget / 2) hz = Math.min(maxHz, Math.ceil(hz * 1.5));
      return hz;
    },
  };
}

export interface TriggeredOptions {
  /** Process CPU in % of one core that starts a burst. Default 80. */
  thresholdPercent?: number;
  /** For how long CPU must stay above the threshold, s. Default 5. */
  forSeconds?: number;
  /** Burst frequency, Hz. Default 500. */
  burstHz?: number;
  /** Burst length, s. Default 10. */
  burstSeconds?: number;
  /** Frequency outside bursts; 0 = not sampling. Default 0. */
  baseHz?: number;
  /** No new burst for this long after one ends, s. Default 60. */
  cooldownSeconds?: number;
}

/**
 * Samples at `baseHz` (default: not at all) and switches to a short `burstHz` burst when CPU
 * stays above `thresholdPercent` for `forSeconds`, read every second by ContinuousProfiler: the
 * perf_event task-clock of the JS thread when the optional peer `@otlpx/simd` provides it, else
 * process.cpuUsage (process-wide).
 */
export function cpuTriggered(options: TriggeredOptions = {}): SamplingStrategy {
  const threshold = options.thresholdPercent ?? 80;
  const forMillis = (options.forSeconds ?? 5) * 1000;
  const burstHz = options.burstHz ?? 500;
  const burstMillis = (options.burstSeconds ?? 10) * 1000;
  const baseHz = options.baseHz ?? 0;
  const cooldownMillis = (options.cooldownSeconds ?? 60) * 1000;
  checkRange('thresholdPercent', threshold, 1, 100_000);
  checkRange('burstHz', burstHz, 1, 10_000);
  checkRange('baseHz', baseHz, 0, 10_000);
  let aboveSince = -1;
  let burstUntil = -1;
  let quietUntil = -1;
  let hz = baseHz;
  return {
    name: 'cpu-triggered',
    initial: () => hz,
    next: () => hz,
    poll(cpuPercent, now) {
      if (burstUntil >= 0) {
        if (now < burstUntil) return undefined;
        burstUntil = -1;
        quietUntil = now + cooldownMillis;
        aboveSince = -1;
        hz = baseHz;
        return hz;
      }
      if (cpuPercent < threshold) {
        aboveSince = -1;
        return undefined;
      }
      if (aboveSince < 0) aboveSince = now;
      if (now - aboveSince >= forMillis && now >= quietUntil) {
        burstUntil = now + burstMillis;
        hz = burstHz;
        return hz;
      }
      return undefined;
    },
  };
}
