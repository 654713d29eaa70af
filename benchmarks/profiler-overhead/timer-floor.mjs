#!/usr/bin/env node
// The floor under the profiler's sampling latency on this machine: how late a thread that sleeps
// one period wakes up, next to how late V8's CPU profiler takes its samples, over the same seconds.
// V8's profiler thread sleeps one sampling period (a timed condition-variable wait), then signals
// the JS thread; a sample is due one period after the previous one (see README.md, "Sampling
// latency"). A worker thread doing the same timed wait (Atomics.wait, 10 ms) shows what any
// sleeping thread gets from the OS and the hypervisor, with no profiler involved.
//   node benchmarks/profiler-overhead/timer-floor.mjs [--seconds 10]
// Two phases: the main thread idle, then the main thread spinning in JS (one core busy).
import { Session } from 'node:inspector/promises';
import { Worker } from 'node:worker_threads';

const args = process.argv.slice(2);
const seconds = args.includes('--seconds') ? Number(args[args.indexOf('--seconds') + 1]) : 10;
const PERIOD_MS = 10;

// The sleeper: Atomics.wait for one period, again and again, recording how late each wake-up is.
const sleeperSource = `
const { parentPort, workerData } = require('node:worker_threads');
const cell = new Int32Array(new SharedArrayBuffer(4));
const late = [];
const end = performance.now() + workerData.ms;
while (performance.now() < end) {
  const t = performance.now();
  Atomics.wait(cell, 0, 0, ${PERIOD_MS});
  late.push(performance.now() - t - ${PERIOD_MS});
}
parentPort.postMessage(late);
`;

function sleeper(ms) {
  const worker = new Worker(sleeperSource, { eval: true, workerData: { ms } });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

function summary(late) {
  const s = [...late].sort((a, b) => a - b);
  const at = (f) => s[Math.min(s.length - 1, Math.floor(f * s.length))].toFixed(3);
  const over = (100 * s.filter((x) => x > 1).length) / s.length;
  return `n ${s.length}, late ms p50 ${at(0.5)} p90 ${at(0.9)} p99 ${at(0.99)} max ${at(1)}; > 1 ms late ${over.toFixed(2)} %`;
}

async function phase(name, spin) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: PERIOD_MS * 1000 });
  await session.post('Profiler.start');
  const slept = sleeper(seconds * 1000);
  if (spin) {
    // busy in JS, yielding every 50 ms so the worker's result can arrive
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) {
      const until = performance.now() + 50;
      while (performance.now() < until);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const sleeperLate = await slept;
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  // every sample counts, (idle) ones too: its delta to the previous one minus the period
  const v8Late = profile.timeDeltas.slice(2).map((us) => us / 1000 - PERIOD_MS);
  console.log(`${name}\n  sleeping thread (Atomics.wait ${PERIOD_MS} ms): ${summary(sleeperLate)}`);
  console.log(`  V8 CPU profiler samples (${PERIOD_MS} ms period):   ${summary(v8Late)}`);
}

await phase('main thread idle', false);
await phase('main thread spinning in JS', true);
