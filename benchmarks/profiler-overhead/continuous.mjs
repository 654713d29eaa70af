// Continuous mode under load, in a fresh process: rotation stalls (the profiler's own figure and
// the event-loop delay histogram), sampling latency, and post-GC RSS after a run of `seconds`
// (compared by run.mjs with the same run without profiler).
//
// Sampling latency = how late each V8 sample is taken after it was due: V8's sampler thread waits
// one period (10 ms) after the previous sample, then signals the JS thread, whose handler records
// the stack and the timestamp; so a sample is due one period after the previous one and its
// latency is (timestamp delta to the previous sample) - period. Every sample counts, idle ones
// too (`keepIdle`), since the sampler runs whatever the thread does. The other candidate, the
// delay from the signal to the handler, cannot be observed from JS and does not bias the profile:
// the stack and the timestamp are taken together, in the handler.
//   node --expose-gc continuous.mjs <bundle> <on|off> <seconds> <windowMs>
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const [bundle, mode, secondsArg, windowArg] = process.argv.slice(2);
const P = await import(bundle);
const { NodeTracerProvider } = (await import('./bundle.mjs')).requireFromProfiling(
  '@opentelemetry/sdk-trace-node',
);
const api = (await import('./bundle.mjs')).requireFromProfiling('@opentelemetry/api');
new NodeTracerProvider().register();
const tracer = api.trace.getTracer('bench');

function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}
const retained = [];
function work() {
  return tracer.startActiveSpan('job', async (span) => {
    fib(20);
    const rows = [];
    for (let i = 0; i < 300; i++) rows.push({ i, s: `row-${i}` });
    retained.push(rows);
    if (retained.length > 64) retained.shift();
    await new Promise((resolve) => setImmediate(resolve));
    fib(18);
    span.end();
  });
}

const gaps = [];
let profiler;
if (mode === 'on') {
  profiler = new P.ContinuousProfiler({
    windowMillis: Number(windowArg),
    heap: {},
    cpu: { keepIdle: true },
    onWindow(profiles) {
      const cpu = profiles.find((p) => p.kind === 'cpu');
      const t = cpu?.samples.timeOffsetNanos;
      if (t) for (let i = 1; i < t.length; i++) gaps.push((t[i] - t[i - 1]) / 1e6 - cpu.period / 1e6);
    },
  });
  profiler.start();
}
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
const end = performance.now() + Number(secondsArg) * 1000;
while (performance.now() < end) await work();
loop.disable();
if (profiler) await profiler.stop();
global.gc?.();
await new Promise((resolve) => setTimeout(resolve, 100));
global.gc?.();
const stats = profiler?.stats();
const sorted = gaps.sort((a, b) => a - b);
const pick = (f) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))] : null;
console.log(
  JSON.stringify({
    mode,
    rssMB: process.memoryUsage().rss / 1048576,
    heapUsedMB: process.memoryUsage().heapUsed / 1048576,
    windows: stats?.windows ?? 0,
    stallP50Ms: stats?.stallP50Millis ?? null,
    stallP99Ms: stats?.stallP99Millis ?? null,
    stallMaxMs: stats?.stallMaxMillis ?? null,
    heapStallMaxMs: stats?.heapStallMaxMillis ?? null,
    eventLoopDelayP99Ms: loop.percentile(99) / 1e6,
    eventLoopDelayMaxMs: loop.max / 1e6,
    latencyP50Ms: pick(0.5),
    latencyP99Ms: pick(0.99),
    latencyMaxMs: pick(1),
    latencyOver1MsPct: sorted.length ? (100 * sorted.filter((g) => g > 1).length) / sorted.length : null,
    profilerCpuMs: stats?.profilerCpuMillis ?? 0,
    dropped: stats ? stats.droppedSamples + stats.droppedWindows : 0,
  }),
);
