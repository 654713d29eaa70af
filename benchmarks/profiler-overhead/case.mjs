// One benchmark case in a fresh process: paired A/B chunks of a workload, profiler off (A) and on
// (B) in ABBA order; start/stop happen outside the timed chunk, and before each timed chunk (both
// sides) `rewarmMs` of the workload run untimed: starting span tracking replaces the OTel API's
// context manager with the tracking wrapper, and V8 deoptimizes the OTel code that had inlined the
// old one and optimizes it again over the next ~1000 requests (callgrind-arms.mjs measures it). So
// with a rewarm this is steady-state cost; with 0 it includes that re-optimization after each start.
//   node case.mjs <bundle> <workload: cpu|async> <mode: control|cpu|heap|continuous> <pairs> <chunkMs> [rewarmMs]
// Prints one JSON line.
import { createServer, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { requireFromProfiling } from './bundle.mjs';
import { cpuUnit } from './cpu-unit.mjs';
import { settled } from './settle.mjs';

const [bundle, workload, mode, pairsArg, chunkArg] = process.argv.slice(2);
const pairs = Number(pairsArg);
const chunkMs = Number(chunkArg);
const rewarmMs = Number(process.argv[7] ?? 0);
const P = await import(bundle);

// --- tracing the usual way (spans on every request of the async workload)
const { NodeTracerProvider } = requireFromProfiling('@opentelemetry/sdk-trace-node');
const api = requireFromProfiling('@opentelemetry/api');
new NodeTracerProvider().register();
const tracer = api.trace.getTracer('bench');

// --- workloads: a fixed amount of work per chunk, calibrated once to about chunkMs
let server;
let port = 0;
async function asyncUnit() {
  await tracer.startActiveSpan('GET /item', async (span) => {
    await new Promise((resolve, reject) => {
      const req = httpRequest({ port, path: '/item', agent: keepAlive }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
    cpuUnit();
    span.end();
  });
}
let keepAlive;
if (workload === 'async') {
  const http = await import('node:http');
  keepAlive = new http.Agent({ keepAlive: true, maxSockets: 8 });
  server = createServer((req, res) => {
    tracer.startActiveSpan('server', (span) => {
      const body = JSON.stringify({ path: req.url, at: Date.now(), items: [1, 2, 3] });
      res.end(body);
      span.end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = server.address().port;
}
async function runUnits(n) {
  if (workload === 'cpu') {
    for (let i = 0; i < n; i++) cpuUnit();
    return;
  }
  // 8 concurrent requests at a time
  for (let i = 0; i < n; i += 8) {
    const batch = [];
    for (let j = 0; j < 8 && i + j < n; j++) batch.push(asyncUnit());
    await Promise.all(batch);
  }
}

// --- profiler modes
let profiler;
const on = () => {
  if (mode === 'cpu') profiler = new P.CpuProfiler({ frequency: 100 });
  else if (mode === 'heap') profiler = new P.HeapProfiler();
  else profiler = new P.ContinuousProfiler({ windowMillis: 1000 });
  profiler.start();
};
const off = async () => {
  if (mode === 'cpu' || mode === 'heap') profiler.stop();
  else if (mode === 'continuous') await profiler.stop();
  profiler = undefined;
};

async function timed(units) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await runUnits(units);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

// warm up (V8 keeps optimizing node's HTTP code for ~5000 requests: callgrind-arms.mjs), then
// calibrate (a cold start made single requests take milliseconds, and chunks of 4 requests)
if (workload === 'async') await runUnits(6000);
let units = 1;
for (;;) {
  const { wall } = await timed(units);
  if (wall >= chunkMs / 4) {
    units = Math.max(1, Math.round((units * chunkMs) / wall));
    break;
  }
  units *= 2;
}
for (let i = 0; i < 3; i++) await timed(units);
const rewarmUnits = Math.round((units * rewarmMs) / chunkMs);

const ratios = { wall: [], cpu: [] };
const sides = { A: { wall: [], cpu: [] }, B: { wall: [], cpu: [] } };
for (let p = 0; p < pairs; p++) {
  const order = p % 2 === 0 ? ['A', 'B'] : ['B', 'A'];
  const r = {};
  for (const side of order) {
    if (side === 'B' && mode !== 'control') on();
    if (rewarmUnits > 0) await runUnits(rewarmUnits);
    global.gc?.();
    await settled();
    r[side] = await timed(units);
    if (side === 'B' && mode !== 'control') await off();
  }
  for (const side of ['A', 'B']) {
    sides[side].wall.push(r[side].wall);
    sides[side].cpu.push(r[side].cpu);
  }
  ratios.wall.push(r.B.wall / r.A.wall);
  ratios.cpu.push(r.B.cpu / r.A.cpu);
}
server?.close();
keepAlive?.destroy();
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const q = (a, f) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(f * a.length))];
console.log(
  JSON.stringify({
    workload,
    mode,
    pairs,
    units,
    wallOverheadPct: (median(ratios.wall) - 1) * 100,
    cpuOverheadPct: (median(ratios.cpu) - 1) * 100,
    wallP25P75: [(q(ratios.wall, 0.25) - 1) * 100, (q(ratios.wall, 0.75) - 1) * 100],
    // ratio of the fastest chunk of each side: preemption on a busy machine only adds time
    minWallOverheadPct: (Math.min(...sides.B.wall) / Math.min(...sides.A.wall) - 1) * 100,
    minCpuOverheadPct: (Math.min(...sides.B.cpu) / Math.min(...sides.A.cpu) - 1) * 100,
  }),
);
