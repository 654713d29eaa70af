#!/usr/bin/env node
'use strict';
// prebuildify --napi --strip for linux-x64 (this machine) and linux-arm64 (cross-compiled with
// Debian's g++-aarch64-linux-gnu), with local Node headers (N-API headers are the same for every
// architecture, so nothing is downloaded). Each build records the source hash it was made from in
// prebuilds/<platform>-<arch>/SOURCE_HASH; test/prebuild.test.ts fails when one lags behind native/.
//
//   node scripts/prebuild.cjs                 both architectures (arm64 needs the cross compiler)
//   node scripts/prebuild.cjs --arch arm64    one of them
const { spawnSync } = require('node:child_process');
const { writeFileSync } = require('node:fs');
const path = require('node:path');
const { sourceHash } = require('./source-hash.cjs');

const root = path.join(__dirname, '..');
const CROSS = {
  arm64: {
    CC: 'aarch64-linux-gnu-gcc',
    CXX: 'aarch64-linux-gnu-g++',
    LINK: 'aarch64-linux-gnu-g++',
    AR: 'aarch64-linux-gnu-ar',
    PREBUILD_STRIP_BIN: 'aarch64-linux-gnu-strip',
  },
};

function build(arch) {
  const env = {
    ...process.env,
    npm_config_nodedir: process.env.npm_config_nodedir || path.join(path.dirname(process.execPath), '..'),
  };
  env.PATH = [path.join(root, 'node_modules', '.bin'), env.PATH].join(path.delimiter);
  if (arch !== process.arch) {
    const tools = CROSS[arch];
    if (!tools) throw new Error(`no cross toolchain known for ${arch}`);
    const probe = spawnSync(tools.CXX, ['--version'], { stdio: 'ignore' });
    if (probe.status !== 0) {
      console.error(
        `${tools.CXX} not found: apt-get install -y g++-aarch64-linux-gnu (prebuild for ${arch} skipped)`,
      );
      return false;
    }
    Object.assign(env, tools);
  }
  const bin = require.resolve('prebuildify/bin.js', { paths: [root] });
  const res = spawnSync(process.execPath, [bin, '--napi', '--strip', '--arch', arch], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (res.status !== 0) process.exit(res.status ?? 1);
  const file = path.join(root, 'prebuilds', `linux-${arch}`, 'SOURCE_HASH');
  writeFileSync(file, `${sourceHash(root)}\n`);
  console.log(`${path.relative(root, file)} written`);
  return true;
}

const i = process.argv.indexOf('--arch');
const arches = i > 0 ? [process.argv[i + 1]] : ['arm64', 'x64']; // the host last: build/ is left with a loadable addon
let ok = true;
for (const arch of arches) ok = build(arch) && ok;
process.exit(ok ? 0 : 1);
