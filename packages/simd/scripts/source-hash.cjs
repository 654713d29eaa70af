'use strict';
// sha256 over binding.gyp and native/* (sorted): recorded next to the prebuilds by prebuild.cjs
// and checked by test/prebuild.test.ts, so a committed prebuild never lags behind the sources.
const { createHash } = require('node:crypto');
const { readdirSync, readFileSync } = require('node:fs');
const path = require('node:path');

function sourceHash(root = path.join(__dirname, '..')) {
  const hash = createHash('sha256');
  const files = [
    'binding.gyp',
    ...readdirSync(path.join(root, 'native'))
      .sort()
      .map((f) => `native/${f}`),
  ];
  for (const file of files) {
    hash.update(`${file}\n`);
    hash.update(readFileSync(path.join(root, file)));
  }
  return hash.digest('hex');
}

module.exports = { sourceHash };
