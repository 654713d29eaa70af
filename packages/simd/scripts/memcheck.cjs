#!/usr/bin/env node
'use strict';
// Exercises every native kernel at every instruction-set level on small inputs, for valgrind
// (scripts/memcheck.sh). Inputs are exact-size typed arrays (their own malloc'ed backing store),
// so a read or write one byte past the end is an invalid access valgrind reports; a second pass
// uses views at odd offsets. Sizes cover every vector width edge: 0, 1, w - 1, w, w + 1.
const path = require('node:path');

const addon = require('node-gyp-build')(path.join(__dirname, '..'));
const SIZES = [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100];
let seed = 7;
const rnd = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32;
};
const bytes = (n, f = () => Math.floor(rnd() * 256)) => Uint8Array.from({ length: n }, f);
const view = (Ctor, n, skip) => (skip ? new Ctor(n + skip).subarray(skip) : new Ctor(n));
const offsetsOf = (total, parts) => {
  const o = new Uint32Array(parts + 1);
  for (let i = 1; i <= parts; i++) o[i] = Math.min(total, Math.floor((total * i) / parts));
  return o;
};

let calls = 0;
for (const level of addon.levels()) {
  if (!addon.selectLevel(level)) throw new Error(`cannot select ${level}`);
  for (const skip of [0, 1]) {
    for (const n of SIZES) {
      const values = view(Float64Array, n, skip);
      for (let i = 0; i < n; i++) values[i] = i % 11 === 3 ? Number.NaN : 1000 * rnd() - 100;
      for (const nb of [0, 1, 5, 16, 70, 130]) {
        const bounds = Float64Array.from({ length: nb }, (_, i) => i * 10 - 50);
        addon.histogram(values, bounds, new Float64Array(nb + 1), new Float64Array(4));
        calls++;
      }
      addon.exponentialIndex(values, 3, new Int32Array(n));
      const src = skip ? bytes(n + 1).subarray(1) : bytes(n);
      const hex = new Uint8Array(2 * n);
      addon.hexEncode(src, hex);
      addon.hexDecode(hex, new Uint8Array(n));
      if (n > 0) {
        hex[n] = 0x7a; // 'z': the decoder stops mid-input
        addon.hexDecode(hex, new Uint8Array(n));
      }
      const offsets = offsetsOf(src.length, Math.max(1, n >> 2));
      addon.hash64(src, offsets, 1, 2, new Uint32Array(2 * (offsets.length - 1)));
      addon.utf8Validate(src, offsets, new Uint8Array(offsets.length - 1));
      const u32 = Uint32Array.from({ length: n }, () => (rnd() * 2 ** 32) >>> (rnd() * 32));
      const enc = new Uint8Array(5 * n);
      const len = addon.varintEncode32(u32, enc);
      addon.varintDecode32(enc.slice(0, len), new Uint32Array(n));
      addon.varintDecode32(enc.slice(0, len), new Uint32Array(n >> 1));
      const u64 = new BigUint64Array(n);
      for (let i = 0; i < n; i++) u64[i] = BigInt(Math.floor(rnd() * 2 ** 53)) << BigInt(i % 12);
      const enc64 = new Uint8Array(10 * n);
      const len64 = addon.varintEncode64(new Uint32Array(u64.buffer), enc64);
      addon.varintDecode64(enc64.slice(0, len64), new Uint32Array(2 * n));
      addon.varintDecode64(
        bytes(n, () => 0x80 | Math.floor(rnd() * 256)),
        new Uint32Array(2 * n),
      );
      const table = { bytes: bytes(40), offsets: offsetsOf(40, 6), prefixes: new Uint32Array(12) };
      addon.matchKeys(
        table.bytes,
        table.offsets,
        table.prefixes,
        src,
        offsets,
        new Int32Array(offsets.length - 1),
      );
      calls += 12;
    }
  }
}
addon.selectLevel('auto');
const fd = addon.perfOpen(1, 1);
if (fd >= 0) {
  addon.perfReadAll(Int32Array.of(fd, -1), new Float64Array(2));
  addon.perfClose(fd);
}
console.log(`memcheck: ${calls} kernel calls over levels ${addon.levels().join(', ')}`);
