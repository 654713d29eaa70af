#!/usr/bin/env node
// The one entry behind `npm start` and `npm test`: on a machine with only Node and npm it
// installs the pinned pnpm (from the npm registry) when missing, installs the workspace when
// node_modules is missing or older than the lockfile, builds, then runs the task.
// No dependencies: it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmVersion = pkg.packageManager.replace(/^pnpm@/, '');
const toolsDir = join(root, '.tools');
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  // Lets node-gyp find local headers instead of downloading them (no internet here).
  npm_config_nodedir: process.env.npm_config_nodedir ?? findNodeDir(),
};

const task = process.argv[2] ?? 'test';
const taskArgs = process.argv.slice(3);

function log(msg) {
  process.stderr.write(`[otlpx bootstrap] ${msg}\n`);
}

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env, ...opts });
  if (res.error) throw res.error;
  return res.status ?? 1;
}

function findNodeDir() {
  const candidates = [join(dirname(process.execPath), '..'), '/usr', '/usr/local'];
  return candidates.find((dir) => existsSync(join(dir, 'include', 'node', 'node_api.h')));
}

function pnpmWorks(bin) {
  const res = spawnSync(bin, ['--version'], { env, encoding: 'utf8' });
  return res.status === 0 && res.stdout.trim() === pnpmVersion;
}

function ensurePnpm() {
  const local = join(toolsDir, 'pnpm', 'node_modules', '.bin', 'pnpm');
  if (pnpmWorks('pnpm')) return 'pnpm';
  if (existsSync(local) && pnpmWorks(local)) return local;
  log(`installing pnpm ${pnpmVersion} into .tools/pnpm (from the npm registry)`);
  const status = run('npm', [
    'install',
    '--no-save',
    '--no-package-lock',
    '--prefix',
    join(toolsDir, 'pnpm'),
    `pnpm@${pnpmVersion}`,
  ]);
  if (status !== 0 || !pnpmWorks(local)) throw new Error(`could not install pnpm@${pnpmVersion} with npm`);
  return local;
}

// A digest of everything that decides what `pnpm install` writes.
function installDigest() {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(root, 'pnpm-lock.yaml')));
  hash.update(readFileSync(join(root, 'pnpm-workspace.yaml')));
  hash.update(process.version);
  for (const dir of ['packages']) {
    for (const name of readdirSync(join(root, dir)).sort()) {
      const file = join(root, dir, name, 'package.json');
      if (existsSync(file)) hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}

function ensureInstalled(pnpm) {
  const stamp = join(root, 'node_modules', '.otlpx-install-stamp');
  const digest = installDigest();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) return;
  log('installing dependencies (pnpm install --frozen-lockfile)');
  const status = run(pnpm, ['install', '--frozen-lockfile']);
  if (status !== 0) throw new Error('pnpm install failed');
  writeFileSync(stamp, digest);
}

function build(pnpm) {
  log('building packages (turbo run build)');
  return run(pnpm, ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
}

try {
  const pnpm = ensurePnpm();
  if (pnpm !== 'pnpm') env.PATH = [dirname(pnpm), env.PATH].join(delimiter);
  ensureInstalled(pnpm);
  if (task === 'install') process.exit(0);
  let status = build(pnpm);
  if (status !== 0) process.exit(status);
  if (task === 'build') process.exit(0);
  if (task === 'test') {
    status = run(process.execPath, [join(root, 'scripts', 'check.mjs'), ...taskArgs]);
  } else if (task === 'start') {
    status = run(process.execPath, [join(root, 'packages', 'otlpx', 'dist', 'cli.js'), 'demo', ...taskArgs]);
  } else {
    log(`unknown task "${task}": use start, test, build or install`);
    status = 2;
  }
  process.exit(status);
} catch (err) {
  log(`failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
