#!/usr/bin/env node
// The profile-build step on a large CPU profile (issue 5/6 wiring): a synthetic V8 profile of
// 100,000 samples over a call tree of 20,000 nodes (depth up to 48, 3,000 functions in 300 files),
// built into the otlpx model (frame + stack tables, samples), then toPprof and toOtlp. Each
// backend of @otlpx/simd (OTLPX_SIMD=native | js) runs in its own child process, alternating,
// `--rounds` times; the figure is the median per phase, and the ratio js / native.
//   node benchmarks/profiler-overhead/profile-build.mjs [--rounds 5] [--samples 100000] [--nodes 20000]
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleProfiling } from './bundle.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(name) ? args[args.indexOf(name) + 1] : def);
const here = fileURLToPath(import.meta.url);

if (args[0] === '--child') {
  const [, bundle, samplesArg, nodesArg] = args;
  const P = await import(bundle);
  const raw = syntheticProfile(Number(samplesArg), Number(nodesArg));
  const times = { convert: [], toPprof: [], toOtlp: [] };
  let stacks = 0;
  for (let rep = 0; rep < 7; rep++) {
    let t = performance.now();
    const profile = P.convertForBenchmark(raw);
    times.convert.push(performance.now() - t);
    stacks = profile.stacks.length;
    t = performance.now();
    P.toPprof(profile);
    times.toPprof.push(performance.now() - t);
    t = performance.now();
    P.toOtlp(profile);
    times.toOtlp.push(performance.now() - t);
  }
  const stackStep = P.stackTableBenchmark(raw);
  const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
  console.log(
    JSON.stringify({
      backend: P.simdBackendForBenchmark(),
      stacks,
      convert: med(times.convert),
      toPprof: med(times.toPprof),
      toOtlp: med(times.toOtlp),
      ...stackStep,
    }),
  );
  process.exit(0);
}

/** A deterministic V8 CPU profile: a random tree, samples on random nodes, 10 ms apart. */
function syntheticProfile(samples, nodeCount) {
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const nodes = [{ id: 1, callFrame: frame('(root)', '', -1), children: [] }];
  const depth = [0];
  for (let id = 2; id <= nodeCount; id++) {
    // attach under a random earlier node that is not too deep
    let p;
    do p = Math.floor(rnd() * nodes.length);
    while (depth[p] >= 48);
    const f = Math.floor(rnd() * 3000);
    nodes.push({ id, callFrame: frame(`fn${f}`, `file:///app/src/module${f % 300}.js`, f), children: [] });
    depth.push(depth[p] + 1);
    nodes[p].children.push(id);
  }
  const ids = new Array(samples);
  const deltas = new Array(samples).fill(10_000);
  for (let i = 0; i < samples; i++) ids[i] = 2 + Math.floor(rnd() * (nodeCount - 1));
  return { nodes, startTime: 1e9, endTime: 1e9 + samples * 10_000, samples: ids, timeDeltas: deltas };
  function frame(functionName, url, line) {
    return { functionName, scriptId: '1', url, lineNumber: line, columnNumber: line % 40 };
  }
}

const rounds = Number(opt('--rounds', 5));
const samples = opt('--samples', '100000');
const nodes = opt('--nodes', '20000');
const bundle = await bundleProfiling({ benchmarkEntry: true });
const runs = { native: [], js: [] };
for (let r = 0; r < rounds; r++) {
  for (const backend of r % 2 ? ['js', 'native'] : ['native', 'js']) {
    const out = execFileSync(process.execPath, [here, '--child', bundle, samples, nodes], {
      encoding: 'utf8',
      env: { ...process.env, OTLPX_SIMD: backend, NODE_OPTIONS: '' },
    });
    runs[backend].push(JSON.parse(out.trim().split('\n').pop()));
  }
}
rmSync(dirname(bundle), { recursive: true, force: true });
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const phases = ['convert', 'toPprof', 'toOtlp', 'stackJoinMs', 'stackHashMs'];
console.log(
  `${samples} samples, ${nodes} nodes (${runs.native[0].stacks} stacks); ${rounds} child runs per backend (${runs.native[0].backend} / ${runs.js[0].backend}), median of 7 reps each, then median of runs\n`,
);
console.log('| phase | native (ms) | js (ms) | js / native |');
console.log('|---|---|---|---|');
for (const p of phases) {
  const n = med(runs.native.map((x) => x[p]));
  const j = med(runs.js.map((x) => x[p]));
  console.log(`| ${p} | ${n.toFixed(2)} | ${j.toFixed(2)} | ${(j / n).toFixed(2)} |`);
}
