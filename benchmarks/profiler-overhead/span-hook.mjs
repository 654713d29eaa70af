#!/usr/bin/env node
// Cost of span tracking per await and per context.with(), robust to a noisy machine: the minimum
// over 40 interleaved repetitions of each arm (preemption only ever adds time).
//   node benchmarks/profiler-overhead/span-hook.mjs
import { createHook } from 'node:async_hooks';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundleProfiling, requireFromProfiling } from './bundle.mjs';

const bundle = await bundleProfiling();
const P = await import(bundle);
rmSync(dirname(bundle), { recursive: true, force: true }); // loaded: the file is no longer needed
const { NodeTracerProvider } = requireFromProfiling('@opentelemetry/sdk-trace-node');
const api = requireFromProfiling('@opentelemetry/api');
new NodeTracerProvider().register();
const tracer = api.trace.getTracer('bench');
const N = 20_000;

// two "requests" with their own spans awaiting in turn: every await switches span (worst case)
const awaits = () =>
  Promise.all(
    [0, 1].map((i) =>
      tracer.startActiveSpan(`r${i}`, async (span) => {
        for (let k = 0; k < N; k++) await null;
        span.end();
      }),
    ),
  );
const withs = () =>
  tracer.startActiveSpan('w', (span) => {
    let x = 0;
    const ctx = api.trace.setSpan(api.context.active(), span);
    for (let k = 0; k < N; k++) x += api.context.with(ctx, () => k);
    span.end();
    return x;
  });

const noop = createHook({ before() {} });
const arms = {
  'no profiler': { on() {}, off() {} },
  'no-op async hook (floor)': { on: () => noop.enable(), off: () => noop.disable() },
  'CpuProfiler, no spans': {
    on() {
      this.p = new P.CpuProfiler({ traceCorrelation: false });
      this.p.start();
    },
    off() {
      this.p.stop();
    },
  },
  'CpuProfiler + span tracking': {
    on() {
      this.p = new P.CpuProfiler();
      this.p.start();
    },
    off() {
      this.p.stop();
    },
  },
};
const res = Object.fromEntries(Object.keys(arms).map((k) => [k, { await: [], with: [] }]));
for (let r = 0; r < 40; r++) {
  for (const [name, arm] of Object.entries(arms)) {
    arm.on();
    let t = performance.now();
    await awaits();
    res[name].await.push(((performance.now() - t) * 1e6) / (2 * N));
    t = performance.now();
    withs();
    res[name].with.push(((performance.now() - t) * 1e6) / N);
    arm.off();
  }
}
console.log(`node ${process.version}; minimum of 40 interleaved repetitions\n`);
console.log('| arm | ns per await (span switch each) | ns per context.with |');
console.log('|---|---|---|');
for (const [name, r] of Object.entries(res)) {
  console.log(`| ${name} | ${Math.min(...r.await).toFixed(0)} | ${Math.min(...r.with).toFixed(0)} |`);
}
