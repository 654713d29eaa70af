#!/usr/bin/env node
// simd-kernels benchmark: every kernel at 16 and 1,000,000 elements, each case in a fresh
// process (case.mjs), implementations alternating round by round, median of the rounds.
//   node benchmarks/simd-kernels/run.mjs [--rounds 3] [--kernels histogram,hash64] [--readme]
// --readme rewrites the table between the BENCH markers of packages/simd/README.md.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { THRESHOLDS } from '../../packages/simd/dist/index.js';
import { ALTERNATIVES } from './alternatives.mjs';
import { fixture, KERNELS } from './fixtures.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(name) ? args[args.indexOf(name) + 1] : def);
const rounds = Number(opt('--rounds', 3));
const kernels = opt('--kernels', KERNELS.join(',')).split(',');
const SIZES = [16, 1_000_000];
const UNITS = {
  histogram: 'values (16 bounds)',
  exponentialIndex: 'values (scale 8)',
  hash64: 'keys (6-60 B)',
  hexEncode: 'bytes',
  hexDecode: 'bytes out',
  varintEncode: 'u64 values',
  varintDecode: 'u64 values',
  utf8Validate: 'strings (6-60 B)',
  matchKeys: 'keys vs 32-key set',
};

function implsFor(kernel, n) {
  const alts = Object.keys(ALTERNATIVES).filter((a) => ALTERNATIVES[a][kernel]);
  const backends = n <= 1000 ? ['native-auto', 'wasm-auto', 'native', 'wasm'] : ['native', 'wasm'];
  return ['js', ...alts, ...backends];
}

function runCase(kernel, impl, n) {
  const ms = n <= 1000 ? 60 : 120;
  const out = execFileSync(process.execPath, [join(here, 'case.mjs'), kernel, impl, String(n), String(ms)], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  return JSON.parse(out.trim().split('\n').pop());
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const load0 = loadavg()[0];
const results = [];
for (const kernel of kernels) {
  for (const n of SIZES) {
    const impls = implsFor(kernel, n);
    const times = Object.fromEntries(impls.map((i) => [i, []]));
    for (let r = 0; r < rounds; r++) {
      // A B A B: reverse the order every other round.
      const order = r % 2 === 0 ? impls : [...impls].reverse();
      for (const impl of order) {
        const res = runCase(kernel, impl, n);
        if (!res.skipped) times[impl].push(res.nsPerCall);
      }
    }
    const med = Object.fromEntries(
      Object.entries(times)
        .filter(([, t]) => t.length)
        .map(([i, t]) => [i, median(t)]),
    );
    const pureTs = Object.entries(med).filter(([i]) => i.startsWith('js'));
    const [bestJs, bestJsNs] = pureTs.sort((a, b) => a[1] - b[1])[0];
    const row = { kernel, n, bestJs, bestJsNs, med };
    results.push(row);
    const ratios = Object.entries(med)
      .filter(([i]) => !i.startsWith('js'))
      .map(([i, t]) => `${i} ${(bestJsNs / t).toFixed(2)}x`)
      .join(', ');
    console.error(`${kernel} n=${n}: best TS ${bestJs} ${(bestJsNs / n).toFixed(2)} ns/elem; ${ratios}`);
  }
}

const fmt = (ns, n) => (ns / n < 10 ? (ns / n).toFixed(2) : (ns / n).toFixed(1));
// '†': below the shipped threshold, so the public API ran the TS kernel (the ratio is noise).
const below = (backend, row) =>
  fixture(row.kernel, row.n).units < THRESHOLDS[backend][row.kernel] ? ' †' : '';
const ratio = (row, impl) => (row.med[impl] ? `${(row.bestJsNs / row.med[impl]).toFixed(1)}x` : 'n/a');
const lines = [
  '| kernel | unit | n | best pure TS (ns/elem) | native (ns/elem) | wasm (ns/elem) | native vs TS | wasm vs TS |',
  '|---|---|---:|---|---:|---:|---:|---:|',
];
for (const row of results) {
  const nat = row.n <= 1000 ? 'native-auto' : 'native';
  const wasm = row.n <= 1000 ? 'wasm-auto' : 'wasm';
  lines.push(
    `| ${row.kernel} | ${UNITS[row.kernel]} | ${row.n.toLocaleString('en-US')} | ${row.bestJs} ${fmt(row.bestJsNs, row.n)} | ` +
      `${row.med[nat] ? fmt(row.med[nat], row.n) : 'n/a'}${below('native', row)} | ` +
      `${row.med[wasm] ? fmt(row.med[wasm], row.n) : 'n/a'}${below('wasm', row)} | ` +
      `${ratio(row, nat)} | ${ratio(row, wasm)} |`,
  );
}
const extra = results
  .filter((r) => r.med['node-buffer'])
  .map(
    (r) =>
      `${r.kernel} n=${r.n}: Node's C++ Buffer hex ${fmt(r.med['node-buffer'], r.n)} ns/elem (not pure TS, for reference)`,
  );
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const method =
  `Node ${process.version}, ${cpu} x${cpus().length}, ${rounds} rounds, fresh process per case, ` +
  `median of 7 samples per process then median of rounds; time = thread CPU time (perf task-clock); ` +
  `load average ${load0.toFixed(1)} -> ${loadavg()[0].toFixed(1)}. At n = 16 the native/wasm columns use the shipped ` +
  `thresholds (what callers get; † = below the threshold, the TS kernel ran, so the ratio only shows ` +
  `run-to-run spread); at 1,000,000 the kernels run.`;
const table = `${lines.join('\n')}\n\n${method}\n${extra.length ? `\n${extra.map((e) => `- ${e}`).join('\n')}\n` : ''}`;
console.log(table);
console.log(JSON.stringify(results));

if (args.includes('--readme')) {
  const readme = join(here, '..', '..', 'packages', 'simd', 'README.md');
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- BENCH-START -->';
  const end = '<!-- BENCH-END -->';
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < 0) throw new Error('README markers missing');
  writeFileSync(readme, `${text.slice(0, i + start.length)}\n${table}${text.slice(j)}`);
}
