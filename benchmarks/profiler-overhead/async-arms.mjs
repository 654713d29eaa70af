#!/usr/bin/env node
// Where the profiler's cost goes on the async HTTP workload of case.mjs (http-workload.mjs): arms
// interleaved in one process (off / no-op async_hooks `before` / the shipped span tracking without
// a profiler / profiler without spans / profiler with spans), CPU time per request, median and minimum.
//   node --expose-gc benchmarks/profiler-overhead/async-arms.mjs [--rounds 30] [--requests 800]
//     [--light: no CPU work per request] [--thread: main-thread task-clock (perf_event via
//     packages/simd/dist) instead of process CPU] [--settle] [--arms 0,3,4] [--count: hooks per request]
//     [--rewarm 2000: requests run, not measured, after each arm's start] [--warm 400]
import { createHook } from 'node:async_hooks';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { bundleProfiling } from './bundle.mjs';
import { startHttpWorkload } from './http-workload.mjs';
import { settled } from './settle.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(name) ? args[args.indexOf(name) + 1] : def);
const rounds = Number(opt('--rounds', 30));
const requests = Number(opt('--requests', 800));
const bundle = await bundleProfiling({ benchmarkEntry: true });
const P = await import(bundle);
rmSync(dirname(bundle), { recursive: true, force: true });
const light = args.includes('--light'); // no cpuUnit: the request path alone
const { api, run, close } = await startHttpWorkload({ light });

if (args.includes('--count')) {
  // how many async resumptions (async_hooks `before`) a request has, and in how many of them the
  // active context / span actually changes
  const store = api.context._getContextManager()._asyncLocalStorage;
  const SPAN = Symbol.for('OpenTelemetry Context Key SPAN');
  let befores = 0;
  let ctxChanges = 0;
  let spanChanges = 0;
  let lastCtx;
  let lastSpan;
  const counter = createHook({
    before() {
      befores++;
      const ctx = store.getStore();
      if (ctx === lastCtx) return;
      lastCtx = ctx;
      ctxChanges++;
      const span = ctx?.getValue(SPAN);
      if (span !== lastSpan) {
        lastSpan = span;
        spanChanges++;
      }
    },
  });
  await run(200);
  counter.enable();
  await run(requests);
  counter.disable();
  const per = (x) => (x / requests).toFixed(1);
  console.log(
    `per request: ${per(befores)} before hooks, ${per(ctxChanges)} context changes, ${per(spanChanges)} span changes`,
  );
  close();
  process.exit(0);
}
// --thread: the main thread's own task-clock (perf_event) instead of the process CPU time
const thread = args.includes('--thread')
  ? (await import(new URL('../../packages/simd/dist/perf.js', import.meta.url))).openCounters(['task-clock'])
  : undefined;
// --settle: after starting, wait (idle) until the process uses < 5 % CPU over 20 ms, so the
// profiler's start-up work on other threads (code map building) is not in the timed chunk
const settle = args.includes('--settle');
const rewarm = Number(opt('--rewarm', 0));
const noop = createHook({ before() {} });
// the shipped span tracking (context-manager wrapper, `before` hook, SpanTimeline) without a profiler
const timeline = new P.SpanTimeline();
const hookArm = (hook) => ({ on: () => hook.enable(), off: () => hook.disable() });
const profilerArm = (options) => ({
  on() {
    this.p = new P.CpuProfiler(options);
    this.p.start();
  },
  off() {
    this.p.stop();
  },
});
const arms = {
  off: { on() {}, off() {} },
  'no-op before hook': hookArm(noop),
  tracking: { on: () => P.attachTimeline(timeline), off: () => P.detachTimeline(timeline) },
  'profiler, no spans': profilerArm({ traceCorrelation: false }),
  'profiler + spans': profilerArm({}),
};
// --arms 0,3 picks arms by index
const pick = opt('--arms', '');
const names = Object.keys(arms).filter((_, i) => !pick || pick.split(',').map(Number).includes(i));
const res = Object.fromEntries(names.map((k) => [k, []]));
const gcRes = Object.fromEntries(names.map((k) => [k, []]));
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });
await run(Number(opt('--warm', 400))); // warm-up
for (let r = 0; r < rounds; r++) {
  const order = r % 2 ? [...names].reverse() : names;
  for (const name of order) {
    arms[name].on();
    // --rewarm: requests run (not measured) after an arm starts: attaching the span tracking
    // replaces the API's context manager with the wrapper, and the OTel code that reads it is
    // deoptimized and optimized again (callgrind: compile work for ~1000 requests after each switch)
    if (rewarm) await run(rewarm);
    global.gc?.();
    if (settle) await settled();
    await new Promise((r) => setImmediate(r)); // GC entries of the forced gc() delivered
    const g0 = gcMs;
    const c0 = process.cpuUsage();
    thread?.read();
    await run(requests);
    const t = thread?.read()['task-clock'];
    const c = process.cpuUsage(c0);
    if (t !== undefined) {
      c.user = t / 1000;
      c.system = 0;
    }
    await new Promise((r) => setImmediate(r));
    gcRes[name].push(((gcMs - g0) * 1000) / requests);
    arms[name].off();
    res[name].push((c.user + c.system) / requests);
  }
}
const med = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s[s.length >> 1];
};
const base = med(res.off ?? res[names[0]]);
const baseMin = Math.min(...(res.off ?? res[names[0]]));
console.log(
  `rounds ${rounds} x ${requests} requests${light ? ' (light)' : ''}; CPU µs per request: median (vs off) / min (vs off)`,
);
for (const n of names) {
  const m = med(res[n]);
  const mn = Math.min(...res[n]);
  console.log(
    `${n.padEnd(22)} ${m.toFixed(1)} µs (${((m / base - 1) * 100).toFixed(1)} %)  min ${mn.toFixed(1)} (${((mn / baseMin - 1) * 100).toFixed(1)} %)  GC ${med(gcRes[n]).toFixed(1)} µs`,
  );
}
close();
