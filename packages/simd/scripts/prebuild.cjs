#!/usr/bin/env node
'use strict';
// prebuildify --napi --strip for this platform (linux-x64 is committed: about 100 KB), with local
// Node headers, then records the source hash the prebuild was made from (prebuilds/SOURCE_HASH).
const { spawnSync } = require('node:child_process');
const { writeFileSync } = require('node:fs');
const path = require('node:path');
const { sourceHash } = require('./source-hash.cjs');

const root = path.join(__dirname, '..');
const env = {
  ...process.env,
  npm_config_nodedir: process.env.npm_config_nodedir || path.join(path.dirname(process.execPath), '..'),
};
env.PATH = [path.join(root, 'node_modules', '.bin'), env.PATH].join(path.delimiter);
const bin = require.resolve('prebuildify/bin.js', { paths: [root] });
const res = spawnSync(process.execPath, [bin, '--napi', '--strip'], { cwd: root, env, stdio: 'inherit' });
if (res.status !== 0) process.exit(res.status ?? 1);
writeFileSync(path.join(root, 'prebuilds', 'SOURCE_HASH'), `${sourceHash(root)}\n`);
console.log('prebuilds/SOURCE_HASH written');
