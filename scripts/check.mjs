#!/usr/bin/env node
// The whole test suite behind `npm test`: strict type-check, lint with zero warnings, then every
// package's tests with per-package line coverage (>= 80 %). Ends with the plain line
// `N passed, N failed, N skipped` that CI reads, and exits non-zero on any failure.
//
//   node scripts/check.mjs                 everything
//   node scripts/check.mjs --tests-only    tests without type-check, lint and coverage (Node 22 leg)
//   node scripts/check.mjs -- <filters>    extra arguments go to vitest
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const testsOnly = args.includes('--tests-only');
const extra = args.includes('--') ? args.slice(args.indexOf('--') + 1) : [];
const bin = (name) => join(root, 'node_modules', '.bin', name);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };

function step(title, cmd, cmdArgs) {
  process.stdout.write(`\n== ${title}\n`);
  const started = Date.now();
  const res = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = res.status === 0;
  process.stdout.write(`== ${title}: ${ok ? 'ok' : 'FAILED'} (${seconds} s)\n`);
  return ok;
}

let failedGates = 0;
if (!testsOnly) {
  if (!step('type-check (tsc --strict, every package)', bin('tsc'), ['-p', 'tsconfig.json'])) failedGates++;
  if (!step('lint (biome, zero warnings)', bin('biome'), ['check', '--error-on-warnings', '.']))
    failedGates++;
  const packaging = join(root, 'scripts', 'check-packaging.mjs');
  if (!step('packaging (ESM + CJS builds load, same exports)', process.execPath, [packaging])) failedGates++;
}

const report = join(root, '.vitest-report.json');
rmSync(report, { force: true });
const vitestArgs = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
if (!testsOnly) vitestArgs.push('--coverage');
const testsOk = step('tests (vitest)', bin('vitest'), [...vitestArgs, ...extra]);

if (!testsOnly) printCoverage();

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests;
  skipped = r.numPendingTests + r.numTodoTests;
  // A suite that fails to load counts no test but must still fail the run.
  failed += r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
} else {
  failed = 1;
}
if (failedGates > 0) process.stdout.write(`\n${failedGates} quality gate(s) failed (see above)\n`);
if (!testsOk && failed === 0) failed = 1; // e.g. a coverage threshold missed
process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failed > 0 || failedGates > 0 || !testsOk ? 1 : 0);

function printCoverage() {
  const file = join(root, 'coverage', 'coverage-summary.json');
  if (!existsSync(file)) return;
  const summary = JSON.parse(readFileSync(file, 'utf8'));
  const perPackage = new Map();
  for (const [path, data] of Object.entries(summary)) {
    if (path === 'total') continue;
    const name = relative(join(root, 'packages'), path).split(sep)[0];
    const acc = perPackage.get(name) ?? { covered: 0, total: 0 };
    acc.covered += data.lines.covered;
    acc.total += data.lines.total;
    perPackage.set(name, acc);
  }
  process.stdout.write('\nline coverage per package (gate: 80 %)\n');
  for (const [name, { covered, total }] of [...perPackage].sort()) {
    const pct = total === 0 ? 100 : (100 * covered) / total;
    process.stdout.write(
      `  ${name.padEnd(16)} ${pct.toFixed(1).padStart(5)} %  (${covered}/${total} lines)\n`,
    );
  }
}
