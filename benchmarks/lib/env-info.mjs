// What a result depends on besides the code: runtime, machine, load, package versions, commit.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';

/** The version of a package as installed where `fromDir` would resolve it (walks node_modules up). */
export function packageVersion(name, fromDirs) {
  for (const from of fromDirs) {
    let dir = from;
    for (;;) {
      const file = join(dir, 'node_modules', name, 'package.json');
      if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')).version;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return null;
}

function git(root, args) {
  try {
    return execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

/**
 * Runtime and machine. `gitDirty` lists which of `sourceDirs` (the code a result depends on)
 * have uncommitted changes; other work in the same checkout does not change the result.
 */
export function machineInfo(root, sourceDirs = ['.']) {
  const cpu = cpus();
  // Results and READMEs the harness writes itself do not count as changed code.
  const notCode = [':(exclude)*.md', ':(exclude)benchmarks/results'];
  const dirty = sourceDirs.map((dir) => [
    dir,
    git(root, ['status', '--porcelain', '--untracked-files=no', '--', dir, ...notCode]),
  ]);
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
    cpuModel: cpu[0]?.model?.trim() ?? 'unknown',
    cpus: availableParallelism(),
    totalMemGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    gitCommit: git(root, ['rev-parse', '--short=12', 'HEAD']),
    gitDirty: dirty.some(([, status]) => status === null)
      ? null
      : dirty.filter(([, status]) => status).map(([dir]) => dir),
  };
}

/** When each package's dist was last written (ISO time of its newest file), or null if missing. */
export function distBuilds(root, packageDirs) {
  return Object.fromEntries(
    packageDirs.map((rel) => {
      const dist = join(root, rel, 'dist');
      return [rel, existsSync(dist) ? new Date(newestMtime(dist)).toISOString() : null];
    }),
  );
}

export const load1 = () => Math.round(loadavg()[0] * 100) / 100;

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Workspace packages whose dist is missing or older than their src: benchmarks import dist, so
 * a stale build would measure old code. Returns human-readable warnings.
 */
export function staleBuilds(root, packageDirs) {
  const warnings = [];
  for (const rel of packageDirs) {
    const src = join(root, rel, 'src');
    const dist = join(root, rel, 'dist');
    if (!existsSync(src)) continue;
    if (!existsSync(dist)) warnings.push(`${rel}/dist is missing`);
    else if (newestMtime(src) > newestMtime(dist)) warnings.push(`${rel}/dist is older than ${rel}/src`);
  }
  return warnings;
}
