// Continuous mode under load, in a fresh process: rotation stalls (the profiler's own figure and
// the event-loop delay histogram), sampling latency, and post-GC RSS after a run of `seconds`
// (compared by run.mjs with the same run without profiler).
//
// Sampling latency = how late each V8 sample is taken after its tick. V8's profiler thread waits
// one period (10 ms) after it signalled the JS thread, then signals it again; the JS thread's
// handler records the stack and the timestamp. So consecutive samples are one period apart plus
// the lateness of the later one, unless V8 discarded the sample of a tick (it does when the
// signal lands where it cannot walk the stack, e.g. in a frame's setup or teardown: 4-7 % of the
// ticks of recursion-heavy code such as fib(), measured): then the gap is a whole number of
// periods plus that lateness. A gap within 2.5 ms of k >= 2 periods counts as k - 1 discarded ticks
// and a sample late by the remainder; any other gap counts as one late sample. Why this is not
// hiding late wake-ups: a thread that sleeps one period on this VM wakes p99 0.3-0.4 ms late and
// never 10 ms late in thousands of tries (timer-floor.mjs), and the remainders of the whole-period
// gaps sit at 0.2-0.7 ms, two ticks' usual lateness. Every sample counts, idle ones too
// (`keepIdle`), since the sampler runs whatever the thread does.
// Mode `bare` is the floor of that figure on the same workload: V8's profiler alone, started
// through node:inspector at 100 Hz for the whole run, no otlpx (no windows, no span tracking).
//   node --expose-gc continuous.mjs <bundle> <on|off|bare> <seconds> <windowMs>
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

const late = [];
let ticks = 0;
let discarded = 0;
/** Lateness of each sample after its tick, and the ticks V8 discarded (see the header). */
function noteDeltas(offsets, periodMs) {
  for (let i = 1; i < offsets.length; i++) {
    const gap = (offsets[i] - offsets[i - 1]) / 1e6;
    const k = Math.round(gap / periodMs);
    const whole = k >= 2 && Math.abs(gap - k * periodMs) <= 2.5;
    late.push(whole ? gap - k * periodMs : gap - periodMs);
    ticks += whole ? k : 1;
    if (whole) discarded += k - 1;
  }
}
let profiler;
if (mode === 'on') {
  profiler = new P.ContinuousProfiler({
    windowMillis: Number(windowArg),
    heap: {},
    cpu: { keepIdle: true },
    onWindow(profiles) {
      const cpu = profiles.find((p) => p.kind === 'cpu');
      const t = cpu?.samples.timeOffsetNanos;
      if (t) noteDeltas(t, cpu.period / 1e6);
    },
  });
  profiler.start();
}
let bare;
if (mode === 'bare') {
  const { Session } = await import('node:inspector');
  bare = new Session();
  bare.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) =>
      bare.post(method, params, (err, result) => (err ? reject(err) : resolve(result))),
    );
  bare.profile = post;
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 10_000 });
  await post('Profiler.start');
}
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
const end = performance.now() + Number(secondsArg) * 1000;
while (performance.now() < end) await work();
loop.disable();
if (profiler) await profiler.stop();
if (bare) {
  const { profile } = await bare.profile('Profiler.stop');
  bare.disconnect();
  const offsets = [];
  let t = 0;
  for (const delta of profile.timeDeltas) {
    t += delta;
    offsets.push(t * 1000);
  }
  noteDeltas(offsets, 10);
}
global.gc?.();
await new Promise((resolve) => setTimeout(resolve, 100));
global.gc?.();
const stats = profiler?.stats();
const sorted = late.sort((a, b) => a - b);
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
    discardedTicksPct: ticks ? (100 * discarded) / ticks : null,
    profilerCpuMs: stats?.profilerCpuMillis ?? 0,
    dropped: stats ? stats.droppedSamples + stats.droppedWindows : 0,
  }),
);
