#!/usr/bin/env node
// profiler-overhead benchmark (issue 6): CPU overhead of @otlpx/profiling at 100 Hz on a CPU-bound
// and an async HTTP workload, heap sampling at 512 KiB, continuous mode; then, in continuous mode,
// rotation stalls, V8 tick spacing and RSS after a long run. Each case is a fresh process.
//   node benchmarks/profiler-overhead/run.mjs [--quick] [--pairs 40] [--chunk 100] [--seconds 60] [--only overhead|continuous]
//     [--rewarm 500: ms of untimed workload before each timed chunk] [--workloads cpu,async]
//     [--modes control,cpu,heap,continuous]
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleProfiling } from './bundle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(name) ? args[args.indexOf(name) + 1] : def);
const quick = args.includes('--quick');
const pairs = Number(opt('--pairs', quick ? 6 : 40));
const chunk = Number(opt('--chunk', quick ? 40 : 100));
const seconds = Number(opt('--seconds', quick ? 5 : 60));
const only = opt('--only', '');
// untimed workload before each timed chunk (case.mjs), and which cases run
const rewarm = opt('--rewarm', quick ? '0' : '500');
const workloads = opt('--workloads', 'cpu,async').split(',');
const modes = opt('--modes', 'control,cpu,heap,continuous').split(',');

const bundle = await bundleProfiling();
const node = (script, argv) =>
  JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', join(here, script), bundle, ...argv], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    })
      .trim()
      .split('\n')
      .pop(),
  );

console.log(
  `node ${process.version}, ${cpus()[0]?.model} x${cpus().length}, load ${loadavg()[0].toFixed(2)}`,
);
if (only !== 'continuous') overhead();
if (only !== 'overhead') continuous();
rmSync(dirname(bundle), { recursive: true, force: true });

function overhead() {
  console.log(
    `${pairs} ABBA pairs of ${chunk} ms chunks per case (each after ${rewarm} ms untimed); median per-pair ratio on/off, and ratio of each side's fastest chunk\n`,
  );
  console.log('| workload | profiler | wall overhead | p25..p75 | CPU overhead | min-chunk wall / CPU |');
  console.log('|---|---|---|---|---|---|');
  const f = (x) => `${x >= 0 ? '+' : ''}${x.toFixed(2)} %`;
  for (const workload of workloads) {
    for (const mode of modes) {
      const r = node('case.mjs', [workload, mode, String(pairs), String(chunk), rewarm]);
      const label = {
        control: 'none (noise floor)',
        cpu: 'CPU 100 Hz + spans',
        heap: 'heap 512 KiB',
        continuous: 'continuous (CPU+heap, 1 s windows)',
      }[mode];
      console.log(
        `| ${workload === 'cpu' ? 'CPU-bound' : 'async HTTP + spans'} | ${label} | ${f(r.wallOverheadPct)} | ${f(r.wallP25P75[0])}..${f(r.wallP25P75[1])} | ${f(r.cpuOverheadPct)} | ${f(r.minWallOverheadPct)} / ${f(r.minCpuOverheadPct)} |`,
      );
    }
  }
}

function continuous() {
  console.log(`\ncontinuous mode, ${seconds} s under load, 1 s windows (CPU 100 Hz + heap):`);
  const offRun = node('continuous.mjs', ['off', String(seconds), '1000']);
  const onRun = node('continuous.mjs', ['on', String(seconds), '1000']);
  const bareRun = node('continuous.mjs', ['bare', String(seconds), '1000']);
  console.log('| measure | value |');
  console.log('|---|---|');
  console.log(`| windows | ${onRun.windows} |`);
  console.log(
    `| CPU rotation stall p50 / p99 / max (profiler's own figure, wall time) | ${onRun.stallP50Ms.toFixed(2)} / ${onRun.stallP99Ms.toFixed(2)} / ${onRun.stallMaxMs.toFixed(2)} ms |`,
  );
  console.log(
    `| heap collection stall, max (V8 forces a full GC; once per 60 s, and at stop) | ${onRun.heapStallMaxMs.toFixed(2)} ms |`,
  );
  console.log(
    `| event-loop delay p99 / max, off -> on | ${offRun.eventLoopDelayP99Ms.toFixed(2)} -> ${onRun.eventLoopDelayP99Ms.toFixed(2)} ms / ${offRun.eventLoopDelayMaxMs.toFixed(2)} -> ${onRun.eventLoopDelayMaxMs.toFixed(2)} ms |`,
  );
  console.log(
    `| sampling latency (after the sample's tick) p50 / p99 / max; samples > 1 ms late | ${onRun.latencyP50Ms?.toFixed(3)} / ${onRun.latencyP99Ms?.toFixed(3)} / ${onRun.latencyMaxMs?.toFixed(2)} ms; ${onRun.latencyOver1MsPct?.toFixed(2)} % |`,
  );
  console.log(
    `| same, V8's profiler alone on the same workload (no otlpx: the floor) | ${bareRun.latencyP50Ms?.toFixed(3)} / ${bareRun.latencyP99Ms?.toFixed(3)} / ${bareRun.latencyMaxMs?.toFixed(2)} ms; ${bareRun.latencyOver1MsPct?.toFixed(2)} % |`,
  );
  console.log(
    `| ticks whose sample V8 discarded (gap of whole periods), otlpx / V8 alone | ${onRun.discardedTicksPct?.toFixed(2)} % / ${bareRun.discardedTicksPct?.toFixed(2)} % |`,
  );
  console.log(
    `| RSS after run (post-GC), off -> on | ${offRun.rssMB.toFixed(1)} -> ${onRun.rssMB.toFixed(1)} MB (${(onRun.rssMB - offRun.rssMB).toFixed(1)} MB) |`,
  );
  console.log(`| profiler CPU at rotations | ${onRun.profilerCpuMs.toFixed(1)} ms over ${seconds} s |`);
  console.log(`| dropped samples + windows | ${onRun.dropped} |`);
}
