// Checks that a scenario report (the JSON in benchmarks/results/) is well formed and internally
// consistent. Returns a list of problems; empty means valid.

const STATUSES = new Set(['ok', 'unavailable', 'verify-failed', 'error']);
const positive = (n) => typeof n === 'number' && Number.isFinite(n) && n > 0;

export function validateReport(report) {
  const problems = [];
  const need = (ok, what) => {
    if (!ok) problems.push(what);
  };
  need(report?.schema === 'otlpx-bench/1', 'schema is not otlpx-bench/1');
  if (problems.length) return problems;
  for (const key of ['scenario', 'file', 'title', 'unit', 'command'])
    need(typeof report[key] === 'string' && report[key], `${key} missing`);
  need(report.mode === 'full' || report.mode === 'quick', 'mode is neither full nor quick');
  need(
    !Number.isNaN(Date.parse(report.startedAt)) && !Number.isNaN(Date.parse(report.finishedAt)),
    'bad timestamps',
  );
  const e = report.env ?? {};
  need(/^v\d+\.\d+\.\d+/.test(e.node), 'env.node missing');
  need(typeof e.cpuModel === 'string' && e.cpuModel.length > 0, 'env.cpuModel missing');
  need(Number.isInteger(e.cpus) && e.cpus > 0, 'env.cpus missing');
  need(typeof e.load1Start === 'number' && typeof e.load1End === 'number', 'env load averages missing');
  need(e.packages && typeof e.packages === 'object', 'env.packages missing');
  const s = report.settings ?? {};
  need(Number.isInteger(s.rounds) && s.rounds > 0, 'settings.rounds missing');
  need(Array.isArray(s.sizes) && s.sizes.length > 0, 'settings.sizes missing');
  const ids = new Set((report.cases ?? []).map((c) => c.id));
  need(ids.size > 0, 'no cases');
  need(Array.isArray(report.results), 'results missing');
  if (!Array.isArray(report.results)) return problems;
  need(
    report.results.length === ids.size * (s.sizes?.length ?? 0),
    'results do not cover every case at every size',
  );
  const seen = new Set();
  for (const r of report.results) {
    const where = `result ${r.case} @ ${r.size}`;
    need(ids.has(r.case), `${where}: unknown case`);
    need(!seen.has(`${r.case}@${r.size}`), `${where}: duplicate`);
    seen.add(`${r.case}@${r.size}`);
    need(STATUSES.has(r.status), `${where}: bad status ${r.status}`);
    if (r.status !== 'ok') {
      need(typeof r.reason === 'string' && r.reason.length > 0, `${where}: ${r.status} without a reason`);
      need(
        r.cpu === null && r.itemsPerSecond === null && r.rounds.length === 0,
        `${where}: ${r.status} but has figures`,
      );
      continue;
    }
    need(r.rounds.length === s.rounds, `${where}: ${r.rounds.length} rounds, expected ${s.rounds}`);
    for (const round of r.rounds) {
      need(positive(round.cpuNs) && positive(round.wallNs), `${where}: round ${round.round} has no timing`);
      need(Number.isInteger(round.pid), `${where}: round ${round.round} has no pid`);
    }
    need(new Set(r.rounds.map((x) => x.pid)).size === r.rounds.length, `${where}: rounds share a process`);
    for (const k of ['cpu', 'wall']) {
      const m = r[k];
      need(m && positive(m.median) && m.p25 <= m.median && m.median <= m.p75, `${where}: bad ${k} summary`);
    }
    need(positive(r.itemsPerSecond?.cpu) && positive(r.itemsPerSecond?.wall), `${where}: no throughput`);
    need(positive(r.perItem?.cpuNs), `${where}: no per-item time`);
    need(/^[0-9a-f]{64}$/.test(r.verification?.sha256 ?? ''), `${where}: no verified output hash`);
    need(positive(r.verification?.bytesPerItem), `${where}: no bytes per item`);
    const c = report.cases.find((x) => x.id === r.case);
    if (c?.baseline) {
      const base = report.results.find((x) => x.case === c.baseline && x.size === r.size);
      if (base?.status === 'ok') {
        need(positive(r.ratio?.cpu) && positive(r.ratio?.wall), `${where}: no ratio against ${c.baseline}`);
        if (c.baseline === c.id) need(Math.abs(r.ratio.cpu - 1) < 1e-9, `${where}: baseline ratio is not 1`);
      }
    }
  }
  return problems;
}
