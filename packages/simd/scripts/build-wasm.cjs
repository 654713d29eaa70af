#!/usr/bin/env node
'use strict';
// Assembles wasm/kernels.wat into wasm/kernels.wasm with the wabt npm package (no compiler
// needed). The .wasm is committed and shipped, so users never run this.
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const dir = path.join(__dirname, '..', 'wasm');

async function main() {
  const wabt = await require('wabt')();
  const source = readFileSync(path.join(dir, 'kernels.wat'), 'utf8');
  const module = wabt.parseWat('kernels.wat', source, { simd: true, multi_value: true });
  module.validate();
  const { buffer } = module.toBinary({ log: false, write_debug_names: false });
  module.destroy();
  writeFileSync(path.join(dir, 'kernels.wasm'), buffer);
  console.log(`wasm/kernels.wasm: ${buffer.length} bytes`);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
