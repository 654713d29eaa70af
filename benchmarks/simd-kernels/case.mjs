// One benchmark case in its own process: node case.mjs <kernel> <impl> <n> [ms]
// impl: js | native | wasm (kernel always, thresholds 0) | native-auto | wasm-auto (shipped
// thresholds) | an alternative from alternatives.mjs. Prints one JSON line: median ns per call.
import { createSimd } from '../../packages/simd/dist/index.js';
import { openCounters } from '../../packages/simd/dist/perf.js';
import { ALTERNATIVES } from './alternatives.mjs';
import { fixture } from './fixtures.mjs';

const [kernel, impl, nArg, msArg] = process.argv.slice(2);
const n = Number(nArg);
const sampleMs = Number(msArg ?? 120);

function simdFor(name) {
  if (ALTERNATIVES[name]) return ALTERNATIVES[name][kernel];
  const auto = name.endsWith('-auto');
  const backend = auto ? name.slice(0, -5) : name;
  if (auto || backend === 'js') return createSimd(backend);
  const zero = Object.fromEntries(Object.keys(createSimd(backend).thresholds).map((k) => [k, 0]));
  return createSimd(backend, { thresholds: zero });
}

const target = simdFor(impl);
if (!target) {
  console.log(JSON.stringify({ kernel, impl, n, skipped: true }));
  process.exit(0);
}
const run = fixture(kernel, n)(target);

// The machine is shared (load average often above the core count), so time is this thread's CPU
// time: perf_event task-clock of the calling thread (our own @otlpx/simd/perf), else the
// process CPU time from process.cpuUsage(), both in ns.
const clock = openCounters(['task-clock']);
const now = new Float64Array(1);
function cpuNs() {
  return clock.sample(now)[0];
}

function sample(ms) {
  let calls = 0;
  const start = cpuNs();
  const limit = ms * 1e6;
  let elapsed = 0;
  do {
    // Batches of calls between clock reads, so tiny inputs are not dominated by the clock read.
    const batch = n >= 10_000 ? 1 : Math.max(1, Math.floor(20_000 / (n + 1)));
    for (let i = 0; i < batch; i++) run();
    calls += batch;
    elapsed = cpuNs() - start;
  } while (elapsed < limit);
  return elapsed / calls;
}

sample(sampleMs * 2); // warm-up, discarded (JIT tiers, wasm memory growth)
const samples = [];
for (let i = 0; i < 7; i++) samples.push(sample(sampleMs));
samples.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    kernel,
    impl,
    n,
    nsPerCall: samples[3],
    spread: [samples[0], samples[6]],
    clock: clock.backend,
  }),
);
