#!/usr/bin/env node
// Main-thread CPU of gzip-compressing one 512-span request (256 KB) on the thread pool, by the
// ways an exporter can call zlib. Why: the thread pool does the deflating, but every new zlib
// stream and every trip back through the event loop costs the main thread, and on a 2-core machine
// the main thread is what limits an exporter's closed-loop rate.
//   node benchmarks/export-e2e/gzip-main-thread.mjs [--requests 300] [--rounds 3]
// Counts the main thread's own task-clock (perf_event through @otlpx/simd's build: `pnpm exec turbo
// run build --filter @otlpx/simd`), and the process CPU of all threads, per request; variants
// interleaved, medians over rounds.
import * as zlib from 'node:zlib';
import { encodeTraces } from '@otlpx/proto';
import { makeHttpServerSpans } from '@otlpx/testkit';

const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : def);
const requests = opt('--requests', 300);
const rounds = opt('--rounds', 3);
const { openCounters } = await import(new URL('../../packages/simd/dist/perf.js', import.meta.url));
const counters = openCounters(['task-clock']);
const body = encodeTraces(makeHttpServerSpans({ count: 512, seed: 1 }));

const gzipWith = (options) =>
  new Promise((resolve, reject) => zlib.gzip(body, options, (e, out) => (e ? reject(e) : resolve(out))));
// What the exporter did before: 64 KiB pieces deflated in parallel (Z_SYNC_FLUSH), the last one on
// the main thread, joined with a CRC-32 of the whole body (the stored blocks around them left out).
async function pieces() {
  const options = { level: 1, finishFlush: zlib.constants.Z_SYNC_FLUSH, chunkSize: 32 * 1024 };
  const out = [];
  let at = 0;
  for (; at + 65_536 < body.length; at += 65_536) {
    const piece = body.subarray(at, at + 65_536);
    out.push(new Promise((resolve) => zlib.deflateRaw(piece, options, (_e, b) => resolve(b))));
  }
  out.push(zlib.deflateRawSync(body.subarray(at), options));
  const parts = await Promise.all(out);
  zlib.crc32(body);
  return Buffer.concat(parts);
}
// One zlib stream kept for every request: write, flush with Z_FINISH, reset.
const stream = zlib.createGzip({ level: 1, chunkSize: 128 * 1024 });
let chunks = [];
stream.on('data', (chunk) => chunks.push(chunk));
const reused = () =>
  new Promise((resolve) => {
    stream.write(body);
    stream.flush(zlib.constants.Z_FINISH, () => {
      const out = Buffer.concat(chunks);
      chunks = [];
      stream.reset();
      resolve(out);
    });
  });

// The same, but every write is deflated with Z_FINISH (the stream's default flush flag): one trip.
const finishing = zlib.createGzip({ level: 1, chunkSize: 128 * 1024, flush: zlib.constants.Z_FINISH });
let finished = [];
finishing.on('data', (chunk) => finished.push(chunk));
const reusedFinishing = () =>
  new Promise((resolve) => {
    finishing.write(body, () => {
      const out = Buffer.concat(finished);
      finished = [];
      finishing.reset();
      resolve(out);
    });
  });

const variants = {
  'zlib.gzip, default 16 KiB chunks': () => gzipWith({ level: 1 }),
  'zlib.gzip, one 128 KiB chunk': () => gzipWith({ level: 1, chunkSize: 128 * 1024 }),
  '64 KiB pieces in parallel (before)': pieces,
  'one zlib stream reused, write + flush(Z_FINISH)': reused,
  'one zlib stream reused, writes with Z_FINISH (shipped)': reusedFinishing,
};
const results = Object.fromEntries(Object.keys(variants).map((k) => [k, { main: [], all: [] }]));
for (const fn of Object.values(variants)) for (let i = 0; i < 30; i++) await fn(); // warm-up
for (let r = 0; r < rounds; r++) {
  for (const [name, fn] of Object.entries(variants)) {
    const cpu0 = process.cpuUsage();
    counters.read();
    for (let i = 0; i < requests; i++) await fn();
    const main = counters.read()['task-clock'] / 1000 / requests;
    const cpu = process.cpuUsage(cpu0);
    results[name].main.push(main);
    results[name].all.push((cpu.user + cpu.system) / requests);
  }
}
// Event-loop turns each variant needs when the application keeps the loop busy (1 ms of work per
// turn, like a producer): each trip through the loop waits for one such turn.
async function turnsUntilDone(fn) {
  let turns = 0;
  let done = false;
  const p = fn().then(() => {
    done = true;
  });
  while (!done) {
    const until = performance.now() + 1;
    while (performance.now() < until);
    turns++;
    await new Promise((resolve) => setImmediate(resolve));
  }
  await p;
  return turns;
}
const turns = {};
for (const [name, fn] of Object.entries(variants)) {
  const t = [];
  for (let i = 0; i < 30; i++) t.push(await turnsUntilDone(fn));
  turns[name] = t;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`${body.length} bytes per request, ${rounds} rounds x ${requests} requests, medians`);
console.log(
  '| variant | main thread µs per request | all threads µs per request | busy-loop turns until done |\n|---|---:|---:|---:|',
);
for (const [name, r] of Object.entries(results))
  console.log(
    `| ${name} | ${median(r.main).toFixed(0)} | ${median(r.all).toFixed(0)} | ${median(turns[name])} |`,
  );
for (const [name, fn] of Object.entries(variants)) {
  const out = await fn();
  // the pieces variant leaves out its stored blocks and trailer: check the deflate stream only
  const plain = name.startsWith('64 KiB')
    ? zlib.inflateRawSync(out, { finishFlush: zlib.constants.Z_SYNC_FLUSH })
    : zlib.gunzipSync(out);
  if (!plain.equals(Buffer.from(body))) throw new Error(`${name}: output does not decompress to the request`);
}
