#!/usr/bin/env node
// otlpx benchmarks: `pnpm bench [options] [filter ...]`. See benchmarks/README.md for the method
// and `node benchmarks/run.mjs --help` for the options.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandLine, parseArgs, USAGE } from './lib/args.mjs';
import { discoverScenarios, filterScenarios } from './lib/discover.mjs';
import { distBuilds, load1, machineInfo, staleBuilds } from './lib/env-info.mjs';
import { consoleTable, contextLine, packagesLine, readmeBlock } from './lib/format.mjs';
import { loadScenario, runScenario } from './lib/orchestrate.mjs';
import { updateReadme } from './lib/readme.mjs';
import { validateReport } from './lib/report-schema.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = resolve(benchDir, '..');
const argv = process.argv.slice(2);
const log = (line) => process.stdout.write(`${line}\n`);

async function main() {
  const opts = parseArgs(argv);
  if (opts.help) {
    log(USAGE);
    return 0;
  }
  if (opts.selfTest) {
    const { selfTest } = await import('./lib/self-test.mjs');
    return selfTest({ benchDir, log });
  }
  const scenariosRoot = opts.scenariosRoot ? resolve(opts.scenariosRoot) : benchDir;
  const all = discoverScenarios(scenariosRoot);
  const chosen = filterScenarios(all, opts.filters);
  if (chosen.length === 0) {
    log(
      `No scenario matches ${opts.filters.join(' ')}. Scenarios: ${all.map((s) => `${s.area}/${s.name}`).join(', ')}`,
    );
    return 2;
  }
  if (opts.list) {
    for (const entry of chosen) {
      const s = await loadScenario(entry.file);
      log(`${entry.area}/${entry.name}: ${s.title}`);
      for (const c of s.cases) log(`  ${c.id.padEnd(24)} ${c.label}`);
    }
    return 0;
  }
  const defaultReadme = join(benchDir, 'README.md');
  const readme = opts.readme ? resolve(opts.readme) : defaultReadme;
  if (opts.updateReadme && opts.quick && readme === defaultReadme) {
    log('--update-readme publishes numbers: it needs a full run, not --quick.');
    return 2;
  }
  const resultsDir = opts.resultsDir ? resolve(opts.resultsDir) : join(benchDir, 'results');
  if (opts.fromResults) return readmeFromResults(chosen, resultsDir, readme);
  mkdirSync(resultsDir, { recursive: true });
  const nodeArgs = opts.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', join(resultsDir, 'profiles')] : [];

  // The code results depend on: the harness and scenarios, and the workspace packages they import.
  // Taken once, before this run writes anything.
  const sourceDirs = ['benchmarks', 'packages/proto', 'tools/testkit'];
  const machine = { ...machineInfo(root, sourceDirs), distBuiltAt: distBuilds(root, sourceDirs.slice(1)) };
  const m = machine;
  log(`otlpx benchmarks (${opts.mode}): Node ${m.node}, ${m.cpuModel} x ${m.cpus}, load average ${load1()}`);
  for (const warning of staleBuilds(root, sourceDirs.slice(1))) {
    log(`WARNING: ${warning}; benchmarks import dist. Run: pnpm exec turbo run build`);
  }
  let exitCode = 0;
  for (const entry of chosen) {
    log(`\n== ${entry.area}/${entry.name}`);
    const report = await runScenario(entry, {
      mode: opts.mode,
      rounds: opts.rounds,
      settings: opts.settings,
      sizes: opts.sizes,
      caseFilter: opts.caseFilter,
      timeoutMs: opts.timeoutMs,
      nodeArgs,
      root,
      machine,
      packageDirs: [benchDir, join(root, 'tools', 'testkit'), join(root, 'packages', 'proto')],
      command: commandLine(argv),
      log,
    });
    log(`\n${report.title}\n`);
    log(consoleTable(report));
    log(`\n${contextLine(report)}\n${packagesLine(report)}`);
    const problems = validateReport(report);
    for (const p of problems) log(`MALFORMED REPORT: ${p}`);
    const name = opts.quick ? `${entry.name}.quick.tmp.json` : `${entry.name}.json`;
    const out = join(resultsDir, name);
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    log(`wrote ${relative(process.cwd(), out)}`);
    if (opts.updateReadme) {
      updateReadme(readme, entry.name, readmeBlock(report));
      log(`updated ${relative(process.cwd(), readme)} (${entry.name})`);
    }
    const bad = report.results.filter((r) => r.status === 'verify-failed' || r.status === 'error');
    if (bad.length > 0 || problems.length > 0) exitCode = 1;
    const missing = report.results.filter((r) => r.status === 'unavailable');
    if (missing.length > 0) log(`not available: ${[...new Set(missing.map((r) => r.case))].join(', ')}`);
  }
  return exitCode;
}

// Rewrites README tables from saved full-run reports (the command inside is the one that ran).
function readmeFromResults(chosen, resultsDir, readme) {
  for (const entry of chosen) {
    const file = join(resultsDir, `${entry.name}.json`);
    if (!existsSync(file)) {
      log(`no full-run report ${relative(process.cwd(), file)} (--quick reports are never published)`);
      return 1;
    }
    const report = JSON.parse(readFileSync(file, 'utf8'));
    const problems = validateReport(report);
    if (problems.length > 0 || report.mode !== 'full') {
      log(
        `${relative(process.cwd(), file)} is not a valid full-run report: ${problems.join('; ') || report.mode}`,
      );
      return 1;
    }
    updateReadme(readme, entry.name, readmeBlock(report));
    log(`updated ${relative(process.cwd(), readme)} (${entry.name}) from ${relative(process.cwd(), file)}`);
  }
  return 0;
}

process.exitCode = await main().catch((err) => {
  log(`benchmarks: ${err.message}`);
  return 2;
});
