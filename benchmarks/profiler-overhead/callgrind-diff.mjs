#!/usr/bin/env node
// Where an arm's extra instructions go: per-function self-cost difference per request between two
// arms (GC and compiler functions included: compare arms whose GC and compile figures are close) of a `callgrind-arms.mjs --keep` run (dumps and JIT code map in /tmp/otlpx-callgrind).
//   node benchmarks/profiler-overhead/callgrind-diff.mjs --a off --b tracking --requests 1000 [--top 40]
//     [--dir /tmp/otlpx-callgrind]
// (--a / --b: arm names, or the arm folders of different runs; all their measured stretches,
// the odd dumps from cg.out.3 on, are averaged)
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { COMPILE, costUnder, GC, readCallgrind } from './callgrind-file.mjs';

const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(name) ? args[args.indexOf(name) + 1] : def);
const dir = opt('--dir', '/tmp/otlpx-callgrind');
const requests = Number(opt('--requests', 1000));
const top = Number(opt('--top', 40));

/** Self cost per request of each function, and the arm's GC / compilation / total, averaged over its dumps. */
function perRequest(arm) {
  const at = arm.includes('/') ? arm : join(dir, arm);
  const map = existsSync(join(at, 'perf.map')) ? join(at, 'perf.map') : undefined;
  const files = readdirSync(at).filter((f) => /^cg\.out\.\d*[13579]$/.test(f) && f !== 'cg.out.1');
  const self = new Map();
  const sums = { total: 0, gc: 0, compile: 0 };
  for (const f of files) {
    const profile = readCallgrind(join(at, f), map);
    for (const [fn, c] of profile.self) self.set(fn, (self.get(fn) ?? 0) + c);
    sums.total += profile.total;
    sums.gc += costUnder(profile, GC);
    sums.compile += costUnder(profile, COMPILE);
  }
  const per = files.length * requests;
  for (const [fn, c] of self) self.set(fn, c / per);
  return { self, total: sums.total / per, gc: sums.gc / per, compile: sums.compile / per };
}

const a = perRequest(opt('--a', ''));
const b = perRequest(opt('--b', ''));
const diff = new Map();
for (const fn of new Set([...a.self.keys(), ...b.self.keys()]))
  diff.set(fn, (b.self.get(fn) ?? 0) - (a.self.get(fn) ?? 0));
const d = (k) => (b[k] - a[k]).toFixed(0);
console.log(
  `b - a, instructions per request: total ${d('total')} (gc ${d('gc')}, compile ${d('compile')}); largest self-cost differences:`,
);
const rows = [...diff];
rows.sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]));
for (const [fn, d] of rows.slice(0, top)) console.log(`${d.toFixed(0).padStart(9)}  ${fn.slice(0, 140)}`);
