// The timing loop that runs inside a child process: warm-up (discarded), then samples of k
// calls each, every sample timed by the wall clock and by process CPU time (user + system
// of all threads, so V8's GC helper threads count). Returns per-call figures in nanoseconds.
import { outputBytes } from './scenario.mjs';
import { median, quantile } from './stats.mjs';

// Results go here so that V8 cannot drop the calls as dead code.
let sink;

function cpuNs(usage) {
  return (usage.user + usage.system) * 1000;
}

/**
 * @param fn        the case, `(input) => output`
 * @param input     the fixture
 * @param settings  { warmupMs, warmupMinCalls, samples, minSampleMs }
 */
export function measure(fn, input, settings) {
  const { warmupMs, warmupMinCalls, samples, minSampleMs } = settings;
  // Warm-up: at least warmupMinCalls calls and warmupMs of wall time. Discarded.
  let calls = 0;
  const warmStart = process.hrtime.bigint();
  let warmNs = 0;
  while (calls < warmupMinCalls || warmNs < warmupMs * 1e6) {
    sink = fn(input);
    calls++;
    warmNs = Number(process.hrtime.bigint() - warmStart);
  }
  // Calls per sample from the warm-up's pace, so that a sample lasts at least minSampleMs.
  const perCallNs = warmNs / calls;
  const callsPerSample = Math.max(1, Math.ceil((minSampleMs * 1e6) / perCallNs));

  const wall = [];
  const cpu = [];
  for (let s = 0; s < samples; s++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < callsPerSample; i++) sink = fn(input);
    const t1 = process.hrtime.bigint();
    const c1 = process.cpuUsage(c0);
    wall.push(Number(t1 - t0) / callsPerSample);
    cpu.push(cpuNs(c1) / callsPerSample);
  }
  return {
    warmupCalls: calls,
    callsPerSample,
    samples,
    wallNs: median(wall),
    cpuNs: median(cpu),
    // The least disturbed sample: on a busy machine a lower bound of the cost, kept for analysis.
    cpuNsMin: Math.min(...cpu),
    // Spread inside this process: (p75 - p25) / median of the samples' CPU time, in percent.
    sampleSpreadPct: (100 * (quantile(cpu, 0.75) - quantile(cpu, 0.25))) / median(cpu),
    // Read the sink: the last timed call's output size, checked by the caller.
    lastOutputBytes: outputBytes(sink).length,
  };
}
