// Runs one scenario: for each size, one verification process per case, then `rounds` rounds in
// which every verified case runs once in its own fresh process, in the scenario's case order
// (A B A B ...). Builds the scenario's report object (see report-schema.mjs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { load1, machineInfo, packageVersion } from './env-info.mjs';
import { checkScenario } from './scenario.mjs';
import { spawnCase } from './spawn-case.mjs';
import { summarize } from './stats.mjs';

const ROUND_FIELDS = [
  'pid',
  'cpuNs',
  'cpuNsMin',
  'wallNs',
  'callsPerSample',
  'samples',
  'warmupCalls',
  'sampleSpreadPct',
  'maxRssMiB',
];

export async function loadScenario(file) {
  return checkScenario((await import(pathToFileURL(file).href)).default, file);
}

function pick(object, keys) {
  return Object.fromEntries(keys.map((k) => [k, object[k]]));
}

/**
 * @param entry    { name, area, file, rel } from discover.mjs
 * @param options  { mode, rounds, settings, sizes?, caseFilter?, timeoutMs, nodeArgs, root, command, log }
 */
export async function runScenario(entry, options) {
  const { log } = options;
  const scenario = await loadScenario(entry.file);
  const cases = scenario.cases.filter((c) => !options.caseFilter || options.caseFilter.test(c.id));
  const sizes = options.sizes ?? scenario.sizes[options.mode];
  const tmpDir = mkdtempSync(join(tmpdir(), 'otlpx-bench-'));
  const spawnOptions = { tmpDir, timeoutMs: options.timeoutMs, nodeArgs: options.nodeArgs };
  const startedAt = new Date();
  const loadStart = load1();
  const order = [];
  const results = [];
  try {
    for (const size of sizes) {
      const rows = new Map();
      for (const c of cases) {
        log(`  verify  ${c.id} @ ${size}`);
        const v = await spawnCase(
          { mode: 'verify', scenarioFile: entry.file, caseId: c.id, size },
          { ...spawnOptions, nodeArgs: [] },
        );
        const row = {
          size,
          case: c.id,
          status: v.status,
          reason: v.reason ?? null,
          verification: null,
          rounds: [],
        };
        if (v.status === 'ok') {
          row.verification = {
            reference: c.reference && c.reference !== c.id ? c.reference : null,
            sha256: v.sha256,
            outputBytes: v.outputBytes,
            bytesPerItem: v.outputBytes / size,
            reusesBuffer: v.reusesBuffer,
          };
        } else {
          log(`          ${v.status}: ${v.reason}`);
        }
        rows.set(c.id, row);
      }
      const timed = cases.filter((c) => rows.get(c.id).status === 'ok');
      for (let round = 1; round <= options.rounds; round++) {
        for (const c of timed) {
          const row = rows.get(c.id);
          if (row.status !== 'ok') continue;
          order.push({ size, round, case: c.id });
          const t = await spawnCase(
            {
              mode: 'time',
              scenarioFile: entry.file,
              caseId: c.id,
              size,
              settings: options.settings,
              expectedSha256: row.verification.sha256,
            },
            spawnOptions,
          );
          if (t.status !== 'ok') {
            // One bad process invalidates the case: no number is better than a number from
            // code that was not the verified code, or from a partial set of rounds.
            row.status = t.status;
            row.reason = `round ${round}: ${t.reason}`;
            row.rounds = [];
            log(`  round ${round} ${c.id} @ ${size}: ${t.status}: ${t.reason}`);
            continue;
          }
          row.rounds.push({ round, ...pick(t, ROUND_FIELDS), load1: t.loadavg1[0] });
          log(
            `  round ${round} ${c.id.padEnd(24)} @ ${size}: ${(t.cpuNs / size).toFixed(0)} ns/${scenario.unit} cpu, pid ${t.pid}`,
          );
        }
      }
      for (const c of cases) results.push(summarizeRow(rows.get(c.id), c, rows));
    }
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
  const finishedAt = new Date();
  return {
    schema: 'otlpx-bench/1',
    scenario: entry.name,
    file: entry.rel,
    title: scenario.title,
    unit: scenario.unit,
    mode: options.mode,
    command: options.command,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt - startedAt,
    env: {
      ...(options.machine ?? machineInfo(options.root)),
      load1Start: loadStart,
      load1End: load1(),
      packages: Object.fromEntries(
        (scenario.packages ?? []).map((name) => [name, packageVersion(name, options.packageDirs)]),
      ),
    },
    settings: {
      rounds: options.rounds,
      sizes,
      ...options.settings,
      nodeArgs: ['--expose-gc', ...options.nodeArgs],
    },
    cases: cases.map((c) => ({
      id: c.id,
      label: c.label,
      group: c.group ?? null,
      baseline: c.baseline ?? null,
      reference: c.reference ?? null,
    })),
    order,
    results,
  };
}

function summarizeRow(row, c, rows) {
  if (row.status !== 'ok')
    return { ...row, cpu: null, wall: null, perItem: null, itemsPerSecond: null, ratio: null };
  const cpu = summarize(row.rounds.map((r) => r.cpuNs));
  const wall = summarize(row.rounds.map((r) => r.wallNs));
  const size = row.size;
  let ratio = null;
  const base = c.baseline ? rows.get(c.baseline) : null;
  if (base && base.status === 'ok' && base.rounds.length > 0) {
    const baseCpu = summarize(base.rounds.map((r) => r.cpuNs)).median;
    const baseWall = summarize(base.rounds.map((r) => r.wallNs)).median;
    // Rounds alternate, so round r of the baseline and of this case ran back to back: their
    // ratio is a paired measurement, and its quartiles show how stable the ratio is.
    const paired = summarize(
      row.rounds
        .map((r) => [r, base.rounds.find((b) => b.round === r.round)])
        .filter(([, b]) => b)
        .map(([r, b]) => b.cpuNs / r.cpuNs),
    );
    const best = (rounds) => Math.min(...rounds.map((r) => r.cpuNsMin));
    ratio = {
      vs: c.baseline,
      cpu: baseCpu / cpu.median,
      wall: baseWall / wall.median,
      pairedCpu: paired,
      // Ratio of the single least disturbed samples of all rounds (secondary; not in the tables).
      bestSampleCpu: best(base.rounds) / best(row.rounds),
    };
  }
  return {
    ...row,
    cpu,
    wall,
    perItem: {
      cpuNs: cpu.median / size,
      wallNs: wall.median / size,
      bestSampleCpuNs: Math.min(...row.rounds.map((r) => r.cpuNsMin)) / size,
    },
    itemsPerSecond: { cpu: (size * 1e9) / cpu.median, wall: (size * 1e9) / wall.median },
    ratio,
  };
}
