#!/usr/bin/env node
'use strict';
// Checks the native addon this Node loads against the TypeScript reference kernels, at every
// instruction-set level the CPU offers, through the public API of dist/ (no test runner needed).
// It exists for the arm64 prebuild: scripts/arm64-check.sh runs it with an arm64 Node under
// qemu-aarch64 (vitest's esbuild/rollup binaries are x64-only here). Exit 1 on any difference.
//
//   PREBUILDS_ONLY=1 node scripts/cross-check.cjs
const assert = require('node:assert/strict');
const path = require('node:path');

const root = path.join(__dirname, '..');
const simd = require(path.join(root, 'dist', 'index.cjs'));

if (!simd.availableBackends().includes('native')) {
  console.error(`cross-check: the native addon does not load on ${process.platform}-${process.arch}`);
  process.exit(1);
}
// node-gyp-build resolves the same file createSimd loaded, so selectLevel switches its kernels.
const addon = require('node-gyp-build')(root);
const ZERO = Object.fromEntries(Object.keys(simd.THRESHOLDS.native).map((k) => [k, 0]));
const native = simd.createSimd('native', { thresholds: ZERO });
const js = simd.createSimd('js');

let seed = 0x9e3779b9;
function rand() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(rand() * n);
const SIZES = [0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 1000, 4099];
const EDGE = [
  Number.NaN,
  -0,
  0,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.MIN_VALUE,
  -1e308,
];

/** Runs `fn` on both backends (so `fn` must not draw random numbers); results or error codes must be equal. */
let level = 'auto';
function same(what, fn) {
  const run = (impl) => {
    try {
      return { value: fn(impl) };
    } catch (err) {
      return { error: err.code ?? String(err) };
    }
  };
  assert.deepStrictEqual(run(native), run(js), `${process.arch} ${level}: ${what}`);
}

function randomBytes(n) {
  return Uint8Array.from({ length: n }, () => int(256));
}

function varintInput(n) {
  const values = BigUint64Array.from({ length: n }, () => {
    const k = int(4);
    return k === 0
      ? BigInt(int(128))
      : k === 1
        ? BigInt(int(16384))
        : k === 2
          ? BigInt(int(2 ** 40))
          : 2n ** 63n + BigInt(int(2 ** 30));
  });
  return { values, bytes: js.varintEncode(values).slice() };
}

function checkAllKernels() {
  for (const n of SIZES) {
    const values = Float64Array.from({ length: n }, () =>
      rand() < 0.1 ? EDGE[int(EDGE.length)] : rand() * 2000 - 500,
    );
    for (const nb of [0, 1, 16, 70]) {
      const bounds = Float64Array.from({ length: nb }, (_, i) => i * 25 - 100);
      same(`histogram n=${n} nb=${nb}`, (s) => {
        const counts = new Float64Array(nb + 1);
        return [s.histogramBuckets(values, bounds, counts), counts];
      });
      same(`histogram u64 n=${n} nb=${nb}`, (s) => {
        const counts = new BigUint64Array(nb + 1);
        return [s.histogramBuckets(values, bounds, counts), counts];
      });
    }
    same(`exponentialIndex n=${n}`, (s) =>
      [0, 3, 20, -10].map((scale) => s.exponentialIndex(values.map(Math.abs), scale)),
    );
    const bytes = randomBytes(n);
    same(`hexEncode n=${n}`, (s) => s.hexEncode(bytes));
    const hex = js.hexEncode(bytes).slice();
    same(`hexDecode n=${n}`, (s) => s.hexDecode(hex));
    if (n > 0) {
      const bad = hex.slice();
      bad[int(bad.length)] = 0x67; // 'g'
      same(`hexDecode bad n=${n}`, (s) => s.hexDecode(bad));
    }
    const offsets = Uint32Array.from({ length: n + 1 }, (_, i) => Math.min(i * 3, n));
    same(`hash64Batch n=${n}`, (s) => s.hash64Batch(bytes, offsets, { seed: 7n }));
    same(`utf8ValidateBatch n=${n}`, (s) => s.utf8ValidateBatch(bytes, offsets));
    const { values: big, bytes: packed } = varintInput(n);
    same(`varintEncode n=${n}`, (s) => s.varintEncode(big));
    same(`varintEncode u32 n=${n}`, (s) =>
      s.varintEncode(Uint32Array.from(big, (v) => Number(v & 0xffffffffn))),
    );
    same(`varintDecode n=${n}`, (s) => s.varintDecode(packed, new BigUint64Array(n)));
    same(`varintDecode u32 n=${n}`, (s) => s.varintDecode(packed, new Uint32Array(n)));
    if (packed.length > 0) {
      const cut = packed.subarray(0, int(packed.length));
      same(`varintDecode cut n=${n}`, (s) => s.varintDecode(cut, new BigUint64Array(n)));
      const damaged = new Uint8Array(packed.length + 11);
      const at = int(packed.length);
      damaged.set(packed.subarray(0, at));
      damaged.fill(0x80, at, at + 11);
      damaged.set(packed.subarray(at), at + 11);
      same(`varintDecode damaged n=${n}`, (s) => s.varintDecode(damaged, new BigUint64Array(n + 2)));
      same(`varintDecode small dst n=${n}`, (s) => s.varintDecode(packed, new BigUint64Array(n >> 1)));
    }
  }
  const keys = ['http.request.method', 'url.full', 'db.system.name', 'a', '', 'http.route', 'äöü.key'];
  const set = simd.createKeySet(keys.slice(0, 5));
  const probe = Array.from({ length: 300 }, () => (rand() < 0.5 ? keys[int(keys.length)] : `k.${int(1000)}`));
  same('findAttributeKeys', (s) => s.findAttributeKeys(set, probe));
  same('hash64Strings', (s) => s.hash64Strings(probe));
}

for (level of addon.levels()) {
  assert.equal(addon.selectLevel(level), true, `selectLevel(${level})`);
  checkAllKernels();
  console.log(`cross-check: ${process.arch} level ${level}: every kernel equals the TS reference`);
}
addon.selectLevel('auto');
