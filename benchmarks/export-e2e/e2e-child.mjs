// One measured process of the export-e2e benchmark. argv: <stack> <compression> <mode> <port> <seconds> [rate]
//   stack:  official | otlpx | noop (span creation with a no-op processor that counts each ended span as
//           delivered: the memory baseline, and in the closed loop the SDK's own ceiling)
//   mode:   latency  pre-built 512-span batches exported back to back (exporter alone, no processor)
//           closed   tracer in a tight loop (256 spans per event-loop turn) -> processor -> exporter;
//                    the producer holds back while more than 1,280 spans are outstanding (no drops)
//           service  closed, with the interleaved spans of a whole service instead of HTTP server
//                    spans (@otlpx/testkit serviceTraffic: four scopes, three kinds; ~256 per turn)
//           open     the producer offers `rate` spans/s (at most 256 per event-loop turn) and never waits
//           batch    tracer -> processor -> exporter, one 512-span batch at a time: the producer makes
//                    512 spans (256 per turn), then waits, idle, until the processor's export of
//                    them has settled; 50 warm-up batches, 400 measured
// Prints one JSON line with the figures. Processors run with their defaults (see README.md);
// only compression and the URL are set.
import { SpanKind } from '@opentelemetry/api';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  makeHttpServerSpans,
  maybeRemoteParent,
  SeededRandom,
  serviceProvider,
  serviceTraffic,
} from '@otlpx/testkit';
import { loadOfficial, loadOtlpx } from './implementations.mjs';

const [stack, compression, mode, port, secondsArg, rateArg] = process.argv.slice(2);
const seconds = Number(secondsArg);
const url = `http://127.0.0.1:${port}/v1/traces`;
const BATCH = 512;

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const round2 = (x) => (x === null ? null : Math.round(x * 100) / 100);

/** Count and percentiles of export latencies (ms), sorted ascending. */
function latencySummary(sorted) {
  return {
    exports: sorted.length,
    p50: round2(percentile(sorted, 50)),
    p90: round2(percentile(sorted, 90)),
    p99: round2(percentile(sorted, 99)),
    max: round2(sorted[sorted.length - 1]),
  };
}

async function makeExporter() {
  if (stack === 'official') {
    const { OTLPTraceExporter, version } = await loadOfficial();
    return { exporter: new OTLPTraceExporter({ url, compression }), version };
  }
  const { OtlpTraceExporter } = await loadOtlpx();
  return { exporter: new OtlpTraceExporter({ url, compression }), version: 'workspace' };
}

// Latency: the exporter alone, `export(ReadableSpan[512])` back to back, as BSP would call it.
async function latency() {
  const { exporter } = await makeExporter();
  const batches = [];
  for (let i = 0; i < 8; i++) batches.push(makeHttpServerSpans({ count: BATCH, seed: 100 + i }));
  const total = 450;
  const warm = 50;
  const times = [];
  const sync = [];
  const cpu0 = process.cpuUsage();
  let t0 = 0;
  for (let i = 0; i < total; i++) {
    if (i === warm) t0 = performance.now();
    const start = performance.now();
    const result = await new Promise((resolve) => {
      exporter.export(batches[i % batches.length], resolve);
      if (i >= warm) sync.push(performance.now() - start);
    });
    if (result.code !== 0) throw new Error(`export failed: ${result.error?.message}`);
    if (i >= warm) times.push(performance.now() - start);
  }
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await exporter.shutdown();
  times.sort((a, b) => a - b);
  sync.sort((a, b) => a - b);
  return {
    ...latencySummary(times),
    syncP50: round2(percentile(sync, 50)),
    syncP99: round2(percentile(sync, 99)),
    exportsPerSecond: Math.round(times.length / wall),
    cpuPercent: Math.round(((cpu.user + cpu.system) / 1e4 / wall) * 10) / 10,
  };
}

// Attribute sets of the HTTP server span shape (tools/testkit fixtures/http-spans.ts), precomputed.
function spanShapes(count) {
  const random = new SeededRandom(42);
  const routes = [
    '/api/users/:id',
    '/api/orders',
    '/api/orders/:id/items',
    '/health',
    '/api/search',
    '/login',
  ];
  const methods = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];
  const agents = [
    'curl/8.5.0',
    'okhttp/4.12.0',
    'Go-http-client/1.1',
    'python-requests/2.32.3',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  ];
  const shapes = [];
  for (let i = 0; i < count; i++) {
    const route = random.pick(routes);
    const method = random.pick(methods);
    const userId = random.int(1, 99_999);
    shapes.push({
      name: `${method} ${route}`,
      attributes: {
        'http.request.method': method,
        'http.route': route,
        'url.path': route.replace(':id', String(userId)),
        'url.scheme': 'https',
        'server.address': 'api.shop.example.com',
        'network.protocol.version': '1.1',
        'client.address': `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`,
        'user_agent.original': random.pick(agents),
        'http.response.status_code': random.pick([200, 200, 200, 201, 204, 304, 404]),
        'server.port': 443,
        'http.request.body.size': random.int(0, 4096),
        'http.response.body.size': random.int(0, 65_536),
      },
      parent: maybeRemoteParent(random),
      event: random.chance(0.074),
    });
  }
  return shapes;
}

async function sustained(mode) {
  let exported = 0;
  let failed = 0;
  const exportTimes = [];
  /** Called when an export settles (batch mode waits on it). */
  let settled = () => {};
  let processor;
  let shutdownExporter = async () => {};
  if (stack === 'noop') {
    const onEnd = () => {
      exported++;
    };
    processor = { onStart() {}, onEnd, forceFlush: async () => {}, shutdown: async () => {} };
  } else if (stack === 'official') {
    const { exporter } = await makeExporter();
    const original = exporter.export.bind(exporter);
    exporter.export = (spans, done) => {
      const start = performance.now();
      original(spans, (result) => {
        exportTimes.push(performance.now() - start);
        if (result.code === 0) exported += spans.length;
        else failed += spans.length;
        done(result);
        settled();
      });
    };
    processor = new BatchSpanProcessor(exporter);
  } else {
    const { exporter } = await makeExporter();
    const { FastSpanProcessor } = await loadOtlpx();
    // Diagnostic (not used by run-e2e.mjs): OTLPX_BENCH_NO_TRANSPORT=1 assembles each batch and
    // releases it a turn later instead of sending it, to measure what the HTTP exchange and the
    // compression cost the producer's thread.
    const original =
      process.env.OTLPX_BENCH_NO_TRANSPORT === '1'
        ? async (batch) => {
            batch.finish();
            await new Promise((resolve) => setImmediate(resolve));
            batch.release();
            return undefined;
          }
        : exporter.exportBatch.bind(exporter);
    exporter.exportBatch = async (batch, deadline) => {
      const count = batch.count;
      const start = performance.now();
      const error = await original(batch, deadline);
      exportTimes.push(performance.now() - start);
      if (error) failed += count;
      else exported += count;
      settled();
      return error;
    };
    processor = new FastSpanProcessor(exporter);
    shutdownExporter = () => exporter.shutdown();
  }
  let created = 0;
  /** Makes `n` spans (HTTP server spans), or about `n` (a service's requests). */
  let makeSpans;
  let provider;
  if (mode === 'service') {
    // A service's interleaved spans (@otlpx/testkit serviceTraffic, ~5.3 per request); a request
    // makes a variable number, so ended spans are counted as they reach the processor (the same
    // one extra call for every stack).
    const counted = {
      onStart: (span, context) => processor.onStart(span, context),
      onEnd: (span) => {
        created++;
        processor.onEnd(span);
      },
      forceFlush: () => processor.forceFlush(),
      shutdown: () => processor.shutdown(),
    };
    provider = serviceProvider([counted]);
    const serve = serviceTraffic(provider, new SeededRandom(42));
    makeSpans = (n) => serve(Math.ceil(n / 5.3)); // 5.3 spans per request on average
  } else {
    provider = serviceProvider([processor]); // the fixtures' resource
    const tracer = provider.getTracer('@otlpx/http-server', '1.0.0');
    const shapes = spanShapes(4096);
    makeSpans = (n) => {
      for (let i = 0; i < n; i++) {
        const s = shapes[created & 4095];
        const span = tracer.startSpan(s.name, { kind: SpanKind.SERVER, attributes: s.attributes }, s.parent);
        if (s.event) span.addEvent('cache.miss', { 'cache.key': 'user:1' });
        span.end();
        created++;
      }
    };
  }

  if (mode === 'batch') {
    const warm = 50;
    const measured = 400;
    const cpu0 = process.cpuUsage();
    while (exportTimes.length < warm + measured) {
      const before = exportTimes.length;
      makeSpans(256);
      await new Promise((resolve) => setImmediate(resolve));
      makeSpans(256); // 512 spans, 256 per turn
      // The 512th span made the processor export; wait for that export, idle (no polling).
      if (exportTimes.length === before) await new Promise((resolve) => (settled = resolve));
      settled = () => {};
    }
    const cpu = process.cpuUsage(cpu0);
    await provider.shutdown();
    await shutdownExporter();
    return {
      ...latencySummary(exportTimes.slice(warm).sort((a, b) => a - b)),
      failed,
      spansPerExport: (exported + failed) / exportTimes.length,
      cpuMsPerBatch: round2((cpu.user + cpu.system) / 1000 / exportTimes.length),
    };
  }
  const open = mode === 'open';
  const rate = Number(rateArg ?? 100_000);
  const warmupMs = 1000;
  const runMs = seconds * 1000;
  const heap = [];
  global.gc?.();
  const heapBase = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => heap.push(process.memoryUsage().heapUsed), 100);
  const start = performance.now();
  let windowStart = null;
  let snap = null;
  await new Promise((resolve) => {
    const turn = () => {
      const now = performance.now();
      if (windowStart === null && now - start >= warmupMs) {
        windowStart = now;
        snap = { created, exported, cpu: process.cpuUsage(), times: exportTimes.length };
      }
      if (now - start >= warmupMs + runMs) return resolve();
      if (open) {
        const due = Math.floor(((now - start) / 1000) * rate) - created;
        if (due > 0) makeSpans(Math.min(due, 256)); // at most 256 per turn, like the closed loop
      } else if (created - exported - failed <= 1280) {
        makeSpans(256);
      }
      setImmediate(turn);
    };
    turn();
  });
  const windowSeconds = (performance.now() - windowStart) / 1000;
  const cpu = process.cpuUsage(snap.cpu);
  const delivered = exported - snap.exported;
  const createdInWindow = created - snap.created;
  clearInterval(sampler);
  await provider.forceFlush();
  await provider.shutdown();
  await shutdownExporter();
  const lat = exportTimes.slice(snap.times).sort((a, b) => a - b);
  return {
    deliveredPerSecond: Math.round(delivered / windowSeconds),
    createdPerSecond: Math.round(createdInWindow / windowSeconds),
    created,
    exported,
    failed,
    droppedPercent: created === 0 ? 0 : Math.round(((created - exported - failed) / created) * 1000) / 10,
    p50: round2(percentile(lat, 50)),
    p99: round2(percentile(lat, 99)),
    cpuPercent: Math.round(((cpu.user + cpu.system) / 1e4 / windowSeconds) * 10) / 10,
    heapMaxAboveStartMB: Math.round(((Math.max(...heap) - heapBase) / 2 ** 20) * 10) / 10,
  };
}

const result = mode === 'latency' ? await latency() : await sustained(mode);
console.log(JSON.stringify({ stack, compression, mode, ...result }));
