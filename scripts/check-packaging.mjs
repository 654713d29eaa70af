#!/usr/bin/env node
// Loads every published package's built entry points through its `exports` map, once with
// require() and once with import(), in fresh processes, and fails when a build is missing, an
// entry does not load, a types file is missing, or the ESM and CJS builds export different names.
// (The dual-package checks of protobuf-es / attw, without the network.)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const problems = [];
let checked = 0;

for (const dir of readdirSync(join(root, 'packages'))) {
  const pkgDir = join(root, 'packages', dir);
  const manifestPath = join(pkgDir, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (manifest.private || !manifest.exports) continue;
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    if (typeof target !== 'object' || !target.import) continue;
    const specifier = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
    for (const [branch, conditions] of [
      ['import', target.import],
      ['require', target.require],
    ]) {
      if (!conditions) {
        problems.push(`${specifier}: no "${branch}" branch`);
        continue;
      }
      for (const file of [conditions.types, conditions.default]) {
        if (!file || !existsSync(join(pkgDir, file)))
          problems.push(`${specifier} (${branch}): missing ${file}`);
      }
    }
    const esm = names(
      pkgDir,
      `import(${JSON.stringify(specifier)}).then((m) => console.log(JSON.stringify(Object.keys(m).sort())))`,
      'module',
    );
    const cjs = target.require
      ? names(
          pkgDir,
          `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(specifier)})).sort()))`,
          'commonjs',
        )
      : esm;
    if (esm instanceof Error) problems.push(`${specifier}: import() failed: ${esm.message}`);
    else if (cjs instanceof Error) problems.push(`${specifier}: require() failed: ${cjs.message}`);
    else if (
      JSON.stringify(esm.filter((n) => n !== 'default')) !==
      JSON.stringify(cjs.filter((n) => n !== 'default'))
    ) {
      problems.push(`${specifier}: ESM and CJS export different names`);
    }
    checked++;
  }
}

for (const p of problems) console.log(`  ✗ ${p}`);
console.log(`packaging: ${checked} entry points checked, ${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);

function names(cwd, code, type) {
  try {
    const out = execFileSync(process.execPath, [`--input-type=${type}`, '-e', code], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
    });
    return JSON.parse(out.trim().split('\n').pop());
  } catch (err) {
    return new Error(
      String(err.stderr || err.message)
        .split('\n')
        .find((l) => l.trim()) ?? 'failed',
    );
  }
}
