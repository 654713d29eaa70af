// `node benchmarks/run.mjs --self-test`: runs the real CLI on the toy scenario (lib/self-test/toy)
// in --quick mode into a temporary folder, then checks the JSON report, the console output and a
// README regenerated between markers. Returns 1 (and says why) if anything is malformed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { firstDifference } from './difference.mjs';
import { discoverScenarios } from './discover.mjs';
import { validateReport } from './report-schema.mjs';
import { median, quantile } from './stats.mjs';

const README = `# toy\n\nbefore\n\n<!-- TABLE-START:toy -->\nold table\n<!-- TABLE-END:toy -->\n\nafter\n`;

function checkPureHelpers(check) {
  check(median([4, 1, 3, 2]) === 2.5 && quantile([1, 2, 3, 4, 5], 0.25) === 2, 'stats: median/quantile');
  check(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }) === null, 'difference: equal data');
  check(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })?.path === '$.a[1].b', 'difference: path');
}

function checkReport(report, check) {
  const problems = validateReport(report);
  check(problems.length === 0, `report is well formed${problems.length ? `: ${problems.join('; ')}` : ''}`);
  check(report.mode === 'quick' && report.settings.rounds === 2, 'quick mode, 2 rounds');
  const row = (id, size) => report.results.find((r) => r.case === id && r.size === size);
  for (const size of report.settings.sizes) {
    const base = row('stringify', size);
    const cand = row('join', size);
    check(base?.status === 'ok' && base.ratio?.cpu === 1, `@${size}: baseline measured, ratio 1`);
    check(
      cand?.status === 'ok' && cand.ratio?.cpu > 0 && cand.verification.reference === 'stringify',
      `@${size}: candidate verified against the baseline and measured with a ratio`,
    );
    check(
      row('missing', size)?.status === 'unavailable' && /not written yet/.test(row('missing', size).reason),
      `@${size}: missing implementation reported as not available`,
    );
    const wrong = row('wrong', size);
    check(
      wrong?.status === 'verify-failed' && wrong.cpu === null && /differs from stringify/.test(wrong.reason),
      `@${size}: wrong output refused, no figures`,
    );
    check(
      cand?.verification.reusesBuffer === false && row('reuse', size)?.verification?.reusesBuffer === true,
      `@${size}: output buffer reuse detected, and only where it happens`,
    );
    const order = report.order.filter((o) => o.size === size).map((o) => o.case);
    check(
      order.join(' ') === 'stringify join reuse stringify join reuse',
      `@${size}: cases alternate A B A B`,
    );
    check(cand?.verification.bytesPerItem > 0 && cand.itemsPerSecond.cpu > 0, `@${size}: per-item figures`);
  }
  const pids = report.results.flatMap((r) => r.rounds.map((x) => x.pid));
  check(pids.length === 12 && new Set(pids).size === pids.length, 'every timed round ran in its own process');
  // The validator itself must catch damage.
  const broken = structuredClone(report);
  broken.results.find((r) => r.status === 'ok').rounds.pop();
  check(validateReport(broken).length > 0, 'validator rejects a report with a missing round');
}

// Scenarios' own checks: every `<area>/*.check.mjs` default-exports `(check) => void`.
async function runScenarioChecks(benchDir, check, log) {
  const areas = new Set(discoverScenarios(benchDir).map((s) => s.area));
  for (const area of areas) {
    for (const file of readdirSync(join(benchDir, area)).filter((f) => f.endsWith('.check.mjs'))) {
      log(`-- ${area}/${file}`);
      try {
        const mod = await import(pathToFileURL(join(benchDir, area, file)).href);
        await mod.default(check);
      } catch (err) {
        check(false, `${area}/${file} ran (${err.message}; built? pnpm exec turbo run build)`);
      }
    }
  }
}

export async function selfTest({ benchDir, log }) {
  const started = Date.now();
  let failures = 0;
  const check = (ok, what) => {
    log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) failures++;
  };
  checkPureHelpers(check);
  const dir = mkdtempSync(join(tmpdir(), 'otlpx-bench-self-test-'));
  try {
    const readme = join(dir, 'README.md');
    writeFileSync(readme, README);
    const args = ['--quick', '--scenarios-root', join(benchDir, 'lib', 'self-test'), '--results-dir', dir];
    const res = spawnSync(
      process.execPath,
      [join(benchDir, 'run.mjs'), ...args, '--readme', readme, '--update-readme', 'toy'],
      { encoding: 'utf8', timeout: 120_000, env: { ...process.env, npm_lifecycle_event: '' } },
    );
    const out = `${res.stdout}${res.stderr}`;
    check(res.status === 1, `run exits 1 because a case was refused (got ${res.status})`);
    check(/Node v\d+/.test(out) && /load average/.test(out), 'console prints Node, CPU and load average');
    check(/REFUSED/.test(out) && /not available/.test(out), 'console shows refused and unavailable cases');
    let report = null;
    try {
      report = JSON.parse(readFileSync(join(dir, 'toy.quick.tmp.json'), 'utf8'));
    } catch (err) {
      check(false, `report JSON written and parseable (${err.message})`);
    }
    if (report) checkReport(report, check);
    const text = readFileSync(readme, 'utf8');
    check(
      text.startsWith('# toy\n\nbefore\n\n<!-- TABLE-START:toy -->\n') &&
        text.endsWith('<!-- TABLE-END:toy -->\n\nafter\n'),
      'README: only the text between the markers changed',
    );
    check(
      !text.includes('old table') && /\|\s+1,024 \| JSON\.stringify\s+\|/.test(text),
      'README: new table written',
    );
    check(text.includes('Command: `node benchmarks/run.mjs --quick'), 'README: the command that produced it');
    const again = spawnSync(
      process.execPath,
      [
        join(benchDir, 'run.mjs'),
        '--results-dir',
        dir,
        '--scenarios-root',
        args[2],
        '--readme',
        readme,
        '--from-results',
        'toy',
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    check(
      again.status === 1 && /no full-run report/.test(again.stdout),
      '--from-results refuses a quick report',
    );
    if (failures > 0) log(`\nchild output:\n${out}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await runScenarioChecks(benchDir, check, log);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(`\nself-test: ${failures === 0 ? 'passed' : `${failures} check(s) FAILED`} in ${seconds} s`);
  return failures === 0 ? 0 : 1;
}
