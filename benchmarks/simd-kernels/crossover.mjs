#!/usr/bin/env node
// Crossover sweep behind packages/simd/src/thresholds.ts: for each kernel and backend, the
// smallest input where the backend's kernel beats the TS kernel at that size and every larger
// size tried. One fresh process per kernel x backend; inside it, sizes ascend and the two
// implementations alternate (A B A B), 7 samples each, thread CPU time.
//   node benchmarks/simd-kernels/crossover.mjs [--kernels a,b] [--backends native,wasm]
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { availableBackends, createSimd } from '../../packages/simd/dist/index.js';
import { openCounters } from '../../packages/simd/dist/perf.js';
import { fixture, KERNELS } from './fixtures.mjs';

const SIZES = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 2048];
const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(name) ? args[args.indexOf(name) + 1] : def);

function child(kernel, backend) {
  const clock = openCounters(['task-clock']);
  const t = new Float64Array(1);
  const cpu = () => clock.sample(t)[0];
  const js = createSimd('js');
  const zero = Object.fromEntries(Object.keys(js.thresholds).map((k) => [k, 0]));
  const be = createSimd(backend, { thresholds: zero });
  const time = (run, reps) => {
    const start = cpu();
    for (let i = 0; i < reps; i++) run();
    return (cpu() - start) / reps;
  };
  const rows = [];
  for (const n of SIZES) {
    const bind = fixture(kernel, n);
    const a = bind(js);
    const b = bind(be);
    const reps = Math.max(20, Math.floor(200_000 / (n + 4)));
    time(a, reps);
    time(b, reps);
    const ta = [];
    const tb = [];
    for (let s = 0; s < 7; s++) {
      ta.push(time(a, reps));
      tb.push(time(b, reps));
    }
    ta.sort((x, y) => x - y);
    tb.sort((x, y) => x - y);
    rows.push({ n, units: bind.units, js: ta[3], backend: tb[3] });
  }
  console.log(JSON.stringify(rows));
}

if (args[0] === '--child') {
  child(args[1], args[2]);
} else {
  const kernels = opt('--kernels', KERNELS.join(',')).split(',');
  const backends = opt('--backends', 'native,wasm')
    .split(',')
    .filter((b) => availableBackends().includes(b));
  const result = {};
  for (const backend of backends) {
    result[backend] = {};
    for (const kernel of kernels) {
      const out = execFileSync(
        process.execPath,
        [fileURLToPath(import.meta.url), '--child', kernel, backend],
        {
          encoding: 'utf8',
          timeout: 600_000,
        },
      );
      const rows = JSON.parse(out.trim().split('\n').pop());
      // The first size from which the backend wins at every larger size.
      let cross = null;
      for (let i = rows.length - 1; i >= 0; i--) {
        if (rows[i].backend < rows[i].js) cross = rows[i].units;
        else break;
      }
      result[backend][kernel] = cross;
      const curve = rows.map((r) => `${r.units}:${(r.js / r.backend).toFixed(2)}`).join(' ');
      console.error(
        `${backend} ${kernel}: crossover ${cross ?? 'none (TS wins at 2048)'}  [units:speedup] ${curve}`,
      );
    }
  }
  console.log(JSON.stringify(result, null, 2));
}
