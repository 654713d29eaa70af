// Reads a callgrind.out file (callgrind-arms.mjs --keep) into per-function self costs and call-edge
// costs, with V8's JIT code named from a `--perf-basic-prof` map (callgrind sees it as bare addresses).
import { readFileSync } from 'node:fs';

/** `/tmp/perf-<pid>.map` lines `start size name` as sorted arrays. */
function readPerfMap(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const rows = text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [a, s, ...name] = line.split(' ');
      return [Number.parseInt(a, 16), Number.parseInt(s, 16), name.join(' ')];
    })
    .sort((x, y) => x[0] - y[0]);
  return rows;
}

function namer(map) {
  return (name) => {
    if (!map || !name.startsWith('0x')) return name;
    const addr = Number.parseInt(name.split("'")[0], 16);
    let lo = 0;
    let hi = map.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (map[mid][0] <= addr) lo = mid;
      else hi = mid - 1;
    }
    const row = map[lo];
    return row && row[0] <= addr && addr < row[0] + row[1] ? row[2] : name;
  };
}

/**
 * `{ total, self: Map<fn, Ir>, calls: Map<caller, Map<callee, Ir>>, totals: { event: count } }`
 * (a call's cost is the callee's inclusive cost for the calls from that caller; self and calls
 * count instructions, Ir, the first event); `perfMap`: names JIT code.
 */
export function readCallgrind(file, perfMap) {
  const resolve = namer(perfMap ? readPerfMap(perfMap) : undefined);
  const ids = new Map();
  const name = (spec) => {
    const m = /^\((\d+)\)(?: (.*))?$/.exec(spec);
    if (!m) return resolve(spec);
    if (m[2] !== undefined) ids.set(m[1], resolve(m[2]));
    return ids.get(m[1]);
  };
  const self = new Map();
  const calls = new Map();
  let fn = '';
  let callee = '';
  let inCall = false;
  let total = 0;
  let totals = [];
  let events = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('fn=')) fn = name(line.slice(3));
    else if (line.startsWith('cfn=')) callee = name(line.slice(4));
    else if (line.startsWith('calls=')) inCall = true;
    else if (line.startsWith('totals:')) {
      totals = line.split(/\s+/).slice(1).map(Number);
      total = totals[0];
    } else if (line.startsWith('events:')) events = line.split(/\s+/).slice(1);
    else if (/^[0-9+\-*]/.test(line)) {
      const cost = Number(line.split(' ')[1] ?? 0);
      if (inCall) {
        let edges = calls.get(fn);
        if (!edges) {
          edges = new Map();
          calls.set(fn, edges);
        }
        edges.set(callee, (edges.get(callee) ?? 0) + cost);
        inCall = false;
      } else self.set(fn, (self.get(fn) ?? 0) + cost);
    }
  }
  return { total, self, calls, totals: Object.fromEntries(events.map((e, i) => [e, totals[i] ?? 0])) };
}

/**
 * Instructions spent in functions matching `re` and everything they call: the cost of the calls
 * into them from functions that do not match (entry points, so that nothing is counted twice).
 */
export function costUnder(profile, re) {
  let cost = 0;
  for (const [caller, edges] of profile.calls) {
    if (re.test(caller)) continue;
    for (const [callee, c] of edges) if (re.test(callee)) cost += c;
  }
  return cost;
}

/**
 * V8's garbage collector: every pause (scavenges, mark-compacts) runs inside Heap::CollectGarbage
 * when incremental marking is off (callgrind-arms.mjs runs V8 with --no-incremental-marking and
 * --single-threaded, so no marking or sweeping happens elsewhere).
 */
export const GC = /^v8::internal::Heap::Collect(Garbage|AllGarbage|AllAvailableGarbage)\(/;
/** Compilation: lazy, baseline and optimizing compiles, and deoptimizations. */
export const COMPILE =
  /^v8::internal::(Runtime_(Compile|NotifyDeoptimized|InstallBaselineCode)|Deoptimizer::New\(|Compiler::)/;

/**
 * Cycles estimated from a `--cache-sim=yes --branch-sim=yes` profile's totals, with
 * callgrind_annotate's weights: an L1 miss 10 cycles, a last-level miss 100, a mispredicted
 * branch 10, every instruction 1.
 */
export function estimatedCycles(t) {
  const l1 = (t.I1mr ?? 0) + (t.D1mr ?? 0) + (t.D1mw ?? 0);
  const ll = (t.ILmr ?? 0) + (t.DLmr ?? 0) + (t.DLmw ?? 0);
  return (t.Ir ?? 0) + 10 * l1 + 100 * ll + 10 * ((t.Bcm ?? 0) + (t.Bim ?? 0));
}
