#!/usr/bin/env node
// Deterministic cost of the profiler's span tracking on the async HTTP workload (http-workload.mjs):
// instructions per request counted by valgrind's callgrind, which a noisy shared VM does not move.
// Each arm is its own process under callgrind, with the arm on from the start: a long warm-up (V8
// keeps optimizing node's HTTP code for ~5000 requests), then `--rounds` stretches of `--requests`
// requests, each between two calls of os.loadavg(), where callgrind dumps its counters
// (--dump-before=node::os::GetLoadAvg*), so each stretch is its own dump (and so is what runs
// between stretches). Per arm: instructions per
// request outside GC and compilation (`mutator`), in GC, in compilation (lazy and optimizing
// compiles, deopts): median over the stretches (min..max).
// Arms:
//   off | noop (an async_hooks `before` hook that does nothing) | store-read (a `before` hook that
//   reads the OTel context manager's AsyncLocalStorage and compares, nothing more) | hook-record
//   (that, and on a change the span recorded into a SpanTimeline: the tracking without its
//   context-manager wrapper) | tracking (the shipped span
//   tracking: context-manager wrapper + `before` hook + SpanTimeline, without the V8 profiler) |
//   profiler (CpuProfiler 100 Hz, traceCorrelation off) | profiler+spans (CpuProfiler 100 Hz) |
//   heap (HeapProfiler, 512 KiB) |
//   <arm>-restart (tracking, profiler or profiler+spans stopped and started again before each
//   stretch, outside it: what the code runs like after each start)
// Under valgrind the code runs ~50x slower while V8's sampler still ticks every 10 ms of wall time,
// so the profiler arms take ~50x more samples per request than natively: only the first three are
// clean. V8 runs --single-threaded (no concurrent compiler or GC threads: all work is on the counted
// main thread), --no-incremental-marking (all GC work inside Heap::CollectGarbage, counted apart),
// --predictable-gc-schedule, hash and random seeds fixed.
//   nice node benchmarks/profiler-overhead/callgrind-arms.mjs [--requests 1000] [--warm 6000]
//     [--rounds 3] [--light] [--arms off,noop,tracking] [--node <path>] [--hz 100: profiler arms]
//     [--keep: keep the dumps and the JIT code map in <out>/<arm>/, for callgrind-diff.mjs]
//     [--out /tmp/otlpx-callgrind] [--node-flag --experimental-async-context-frame: one more node flag]
//     [--sim: also simulate caches and branch prediction, and report estimated cycles per request]
import { execFile } from 'node:child_process';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { bundleProfiling } from './bundle.mjs';
import { COMPILE, costUnder, estimatedCycles, GC, readCallgrind } from './callgrind-file.mjs';
import { startHttpWorkload } from './http-workload.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(name) ? args[args.indexOf(name) + 1] : def);
const requests = Number(opt('--requests', 1000));
const warm = Number(opt('--warm', 6000));
const rounds = Number(opt('--rounds', 3));
const light = args.includes('--light');
const keep = args.includes('--keep');
const sim = args.includes('--sim');
const arms = opt('--arms', 'off,noop,tracking,profiler,profiler+spans').split(',');

if (args[0] === '--child') await child(args[1], args[2]);
else await parent();

async function child(bundle, arm) {
  const { createHook } = await import('node:async_hooks');
  const { loadavg: mark } = await import('node:os');
  const P = await import(bundle);
  const w = await startHttpWorkload({ light });
  const frequency = Number(opt('--hz', 100));
  const timeline = new P.SpanTimeline();
  let profiler;
  const start = {
    off() {},
    noop: () => createHook({ before() {} }).enable(),
    // the tracking's per-resumption read alone: the OTel manager's AsyncLocalStorage, compared
    'store-read'() {
      const als = w.api.context._getContextManager()._asyncLocalStorage;
      let last;
      createHook({
        before() {
          const context = als.getStore();
          if (context !== last) last = context;
        },
      }).enable();
    },
    // the tracking's hook alone, without the context-manager wrapper: read, compare, and on a
    // change record the span into a SpanTimeline (what the package's hook does)
    'hook-record'() {
      const als = w.api.context._getContextManager()._asyncLocalStorage;
      const key = Symbol.for('OpenTelemetry Context Key SPAN');
      let last;
      let span;
      createHook({
        before() {
          const context = als.getStore();
          if (context === last) return;
          last = context;
          const next = context?.getValue(key);
          if (next === span) return;
          span = next;
          timeline.record(next);
        },
      }).enable();
    },
    tracking: () => P.attachTimeline(timeline),
    profiler() {
      profiler = new P.CpuProfiler({ traceCorrelation: false, frequency });
      profiler.start();
    },
    'profiler+spans'() {
      profiler = new P.CpuProfiler({ frequency });
      profiler.start();
    },
    // V8's sampling heap profiler at the default 512 KiB: it samples by allocated bytes, not by
    // time, so valgrind's slowdown does not change how often it samples
    heap() {
      profiler = new P.HeapProfiler();
      profiler.start();
    },
  };
  const base = arm.replace(/-restart$/, '');
  start[base]();
  await w.run(warm);
  mark(); // dump 1: start-up and warm-up
  let wall = 0;
  for (let r = 0; r < rounds; r++) {
    if (arm.endsWith('-restart')) {
      // what each start costs afterwards: stop (profile built here, not in a measured stretch), start again
      if (base === 'tracking') P.detachTimeline(timeline);
      else profiler?.stop();
      start[base]();
    }
    // the ring is trimmed like at a profile window (a full ring takes a new branch: a deopt)
    timeline.trim(performance.now());
    mark(); // dump 2r + 2: the restart, not measured
    const t0 = performance.now();
    await w.run(requests);
    wall += performance.now() - t0;
    mark(); // dump 2r + 3: the stretch
  }
  // wall time per request under callgrind (the sampler ticks on wall time: see --hz)
  console.log(JSON.stringify({ wallMicros: (wall * 1000) / (rounds * requests) }));
  w.close();
  process.exit(0); // no stop(): a profile's conversion would count
}

async function parent() {
  const out = opt('--out', '/tmp/otlpx-callgrind');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const node = opt('--node', process.execPath);
  const bundle = await bundleProfiling({ benchmarkEntry: true });
  console.log(
    `${node}, callgrind: per arm ${warm} warm-up requests, then ${rounds} stretches of ${requests} requests${light ? ' (light)' : ''}; load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  /** The arm's dumps: instructions per request of each measured stretch. */
  async function measure(arm) {
    const dir = join(out, arm);
    mkdirSync(dir);
    const run = promisify(execFile)(
      'valgrind',
      [
        '--tool=callgrind',
        '--smc-check=all-non-file',
        `--callgrind-out-file=${join(dir, 'cg.out')}`,
        '--dump-before=node::os::GetLoadAvg*',
        ...(sim ? ['--cache-sim=yes', '--branch-sim=yes'] : []),
        node,
        '--single-threaded',
        '--predictable-gc-schedule',
        '--no-incremental-marking',
        '--hash-seed=1',
        '--random-seed=1',
        ...(keep ? ['--perf-basic-prof'] : []),
        ...(opt('--node-flag', '') ? [opt('--node-flag', '')] : []),
        fileURLToPath(import.meta.url),
        '--child',
        bundle,
        arm,
        ...args,
      ],
      // cwd: V8 may write its isolate-*.log (--perf-basic-prof) there
      { env: { ...process.env, NODE_OPTIONS: '' }, cwd: dir },
    );
    const pid = run.child.pid;
    const { wallMicros } = JSON.parse((await run).stdout.trim().split('\n').pop());
    if (keep) renameSync(`/tmp/perf-${pid}.map`, join(dir, 'perf.map'));
    // cg.out.1 is start-up + warm-up, then a restart dump and a stretch dump per round
    const rows = [];
    for (let i = 3; i <= 2 * rounds + 1; i += 2) {
      const profile = readCallgrind(join(dir, `cg.out.${i}`), keep ? join(dir, 'perf.map') : undefined);
      const gc = costUnder(profile, GC);
      const compile = costUnder(profile, COMPILE);
      rows.push({
        mutator: (profile.total - gc - compile) / requests,
        gc: gc / requests,
        compile: compile / requests,
        cycles: estimatedCycles(profile.totals) / requests,
      });
    }
    return Object.assign(rows, { wallMicros });
  }
  // two arms at a time (2 cores; under `nice` they yield to other work)
  const results = {};
  for (let i = 0; i < arms.length; i += 2)
    await Promise.all(arms.slice(i, i + 2).map(async (arm) => (results[arm] = await measure(arm))));
  rmSync(dirname(bundle), { recursive: true, force: true });
  if (!keep) rmSync(out, { recursive: true, force: true });
  const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
  const base = results.off ? med(results.off.map((r) => r.mutator)) : undefined;
  console.log('arm: instructions per request, median over stretches (min..max); vs off');
  for (const arm of arms) {
    const rows = results[arm];
    const m = rows.map((r) => r.mutator);
    const vs = base
      ? `  ${(med(m) - base).toFixed(0)} (${(((med(m) - base) / base) * 100).toFixed(2)} %)`
      : '';
    console.log(
      `${arm.padEnd(15)} mutator ${med(m).toFixed(0)} (${Math.min(...m).toFixed(0)}..${Math.max(...m).toFixed(0)})${vs}; gc ${med(rows.map((r) => r.gc)).toFixed(0)}; compile ${med(rows.map((r) => r.compile)).toFixed(0)}${sim ? `; est. cycles (all) ${med(rows.map((r) => r.cycles)).toFixed(0)}` : ''}; wall ${rows.wallMicros.toFixed(0)} µs`,
    );
  }
}
