import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hexDecodeJs, hexEncodeJs } from './js/hex.js';
import { bucketOf, histogramJs } from './js/histogram.js';
import { jsKernels } from './js-backend.js';
import type { Kernels } from './kernels.js';
import { packageRoot } from './native-addon.js';

/** The WebAssembly API (not in this project's `lib`: ES2022 + @types/node). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
const wasmApi = (
  globalThis as unknown as {
    WebAssembly: {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports: object) => { exports: unknown };
    };
  }
).WebAssembly;

/** Exports of wasm/kernels.wasm (see wasm/kernels.wat for the contracts). */
interface WasmExports {
  memory: WasmMemory;
  histogram(values: number, n: number, bounds2: number, nb: number, tables: number, out: number): void;
  hexEncode(src: number, n: number, dst: number): void;
  hexDecode(src: number, n: number, dst: number): number;
  hash64(bytes: number, offsets: number, n: number, seedLo: number, seedHi: number, out: number): void;
  varintDecode(src: number, n: number, limit: number, dst: number, cap: number, wide: number): number;
  varintEncode(src: number, n: number, dst: number, wide: number): number;
}

/** Above this many bounds the linear SIMD scan loses to binary search; the TS kernel runs. */
const WASM_LINEAR_MAX_BOUNDS = 64;
/**
 * varintDecode copies and decodes long inputs in chunks of this many bytes, so its scratch memory
 * stays under 600 KB whatever the input size. Measured (1,000,000 mixed values, one process,
 * alternating, thread CPU time): 64 KiB and 256 KiB chunks 2.9 ns/value, one chunk for the whole
 * input 3.0, 16 KiB 3.1, 4 KiB 3.2 (each chunk ends in the byte loop).
 */
const VARINT_CHUNK = 65536;
/** Scratch memory starts here; address 0 holds varintDecode's written count, 4 its end offset. */
const BASE = 1024;

let loadError: unknown;

/** Region allocator over the wasm memory: call `reset`, then `alloc` each region of one call. */
class Arena {
  #wasm: WasmExports;
  #top = BASE;
  #buffer: ArrayBuffer | undefined;
  u8 = new Uint8Array(0);
  u32 = new Uint32Array(0);
  f64 = new Float64Array(0);

  constructor(wasm: WasmExports) {
    this.#wasm = wasm;
  }

  /** Reserves `sizes` bytes each (16-byte aligned) and returns their addresses. */
  alloc(a: number, b = 0, c = 0, d = 0): [number, number, number, number] {
    const pa = BASE;
    const pb = pa + ((a + 15) & ~15);
    const pc = pb + ((b + 15) & ~15);
    const pd = pc + ((c + 15) & ~15);
    this.#top = pd + ((d + 15) & ~15);
    const mem = this.#wasm.memory;
    if (mem.buffer.byteLength < this.#top) {
      mem.grow(Math.ceil((this.#top - mem.buffer.byteLength) / 65536));
    }
    if (mem.buffer !== this.#buffer) {
      this.#buffer = mem.buffer as ArrayBuffer;
      this.u8 = new Uint8Array(this.#buffer);
      this.u32 = new Uint32Array(this.#buffer);
      this.f64 = new Float64Array(this.#buffer);
    }
    return [pa, pb, pc, pd];
  }
}

function createWasmKernels(wasm: WasmExports): Kernels {
  const arena = new Arena(wasm);
  const lanes = new Float64Array(8);

  function histogram(
    values: Float64Array,
    bounds: Float64Array,
    counts: Float64Array,
    stats: Float64Array,
  ): void {
    const nb = bounds.length;
    if (nb > WASM_LINEAR_MAX_BOUNDS) {
      histogramJs(values, bounds, counts, stats);
      return;
    }
    const n = values.length;
    const n8 = n & ~7;
    const slots = nb + 1;
    const [pv, pb, pt, po] = arena.alloc(8 * n8, 16 * nb, 32 * slots, 112);
    const { f64, u32 } = arena;
    f64.set(n8 === n ? values : values.subarray(0, n8), pv >>> 3);
    for (let k = 0; k < nb; k++) {
      f64[(pb >>> 3) + 2 * k] = bounds[k];
      f64[(pb >>> 3) + 2 * k + 1] = bounds[k];
    }
    u32.fill(0, pt >>> 2, (pt >>> 2) + 8 * slots);
    wasm.histogram(pv, n8, pb, nb, pt, po);
    const o = po >>> 3;
    for (let l = 0; l < 8; l++) lanes[l] = f64[o + l];
    // Lanes never hold NaN (pmin/pmax skip it); -0 vs 0 is normalised below.
    let min = Math.min(f64[o + 8], f64[o + 9]);
    let max = Math.max(f64[o + 10], f64[o + 11]);
    let nan = u32[(po + 96) >>> 2] + u32[(po + 104) >>> 2];
    const t = pt >>> 2;
    for (let s = 0; s < slots; s++) {
      let c = 0;
      for (let l = 0; l < 8; l++) c += u32[t + l * slots + s];
      if (c !== 0) counts[s] += c;
    }
    counts[0] -= nan;
    // Tail (< 8 values): the reference loop, same lanes.
    for (let i = n8; i < n; i++) {
      const v = values[i];
      if (Number.isNaN(v)) {
        nan++;
        continue;
      }
      counts[bucketOf(v, bounds, nb)]++;
      if (v < min) min = v;
      if (v > max) max = v;
      lanes[i & 7] += v;
    }
    stats[0] = lanes[0] + lanes[4] + (lanes[2] + lanes[6]) + (lanes[1] + lanes[5] + (lanes[3] + lanes[7]));
    stats[1] = min === 0 ? 0 : min;
    stats[2] = max === 0 ? 0 : max;
    stats[3] = nan;
  }

  function hexEncode(src: Uint8Array, dst: Uint8Array): void {
    const n16 = src.length & ~15;
    if (n16 > 0) {
      const [ps, pd] = arena.alloc(n16, 2 * n16);
      arena.u8.set(src.length === n16 ? src : src.subarray(0, n16), ps);
      wasm.hexEncode(ps, n16, pd);
      dst.set(arena.u8.subarray(pd, pd + 2 * n16));
    }
    if (n16 < src.length) hexEncodeJs(src.subarray(n16), dst.subarray(2 * n16));
  }

  function hexDecode(src: Uint8Array, dst: Uint8Array): number {
    const n = src.length >>> 1;
    const n16 = n & ~15;
    let done = 0;
    if (n16 > 0) {
      const [ps, pd] = arena.alloc(2 * n16, n16);
      arena.u8.set(src.subarray(0, 2 * n16), ps);
      done = wasm.hexDecode(ps, n16, pd);
      dst.set(arena.u8.subarray(pd, pd + done));
    }
    const r = hexDecodeJs(src.subarray(2 * done, 2 * n), dst.subarray(done));
    return r < 0 ? r : r + 2 * done;
  }

  function hash64(
    bytes: Uint8Array,
    offsets: Uint32Array,
    seedLo: number,
    seedHi: number,
    out: Uint32Array,
  ): void {
    const n = offsets.length - 1;
    if (n <= 0) return;
    const first = offsets[0];
    const span = offsets[n] - first;
    const [pb, po, ph] = arena.alloc(span, 4 * (n + 1), 8 * n);
    arena.u8.set(bytes.subarray(first, offsets[n]), pb);
    arena.u32.set(offsets, po >>> 2);
    // offsets are absolute in `bytes`: the base address is shifted back by the first one.
    wasm.hash64((pb - first) | 0, po, n, seedLo, seedHi, ph);
    out.set(arena.u32.subarray(ph >>> 2, (ph >>> 2) + 2 * n));
  }

  function decode(src: Uint8Array, dst: Uint32Array, wide: number): number {
    const total = src.length;
    const cap = wide ? dst.length >>> 1 : dst.length;
    const chunk = Math.min(total, VARINT_CHUNK);
    const [ps, pd] = arena.alloc(chunk, (wide ? 8 : 4) * Math.min(cap, chunk));
    const { u8, u32 } = arena;
    const lanes = wide ? 2 : 1;
    let base = 0;
    let count = 0;
    for (;;) {
      const len = Math.min(total - base, chunk);
      const last = base + len === total;
      u8.set(len === total ? src : src.subarray(base, base + len), ps);
      const r = wasm.varintDecode(ps, len, last ? len : len - 16, pd, cap - count, wide);
      const got = u32[0];
      dst.set(u32.subarray(pd >>> 2, (pd >>> 2) + lanes * got), lanes * count);
      count += got;
      // Both error results (-1 - offset, DST_FULL - offset) hold an offset into this chunk.
      if (r < 0) return r - base;
      if (last) return count;
      base += u32[1];
    }
  }

  function encode(values: Uint32Array, dst: Uint8Array, wide: number): number {
    const n = wide ? values.length >>> 1 : values.length;
    const [pv, pd] = arena.alloc(4 * values.length, (wide ? 10 : 5) * n);
    arena.u32.set(values, pv >>> 2);
    const written = wasm.varintEncode(pv, n, pd, wide);
    dst.set(arena.u8.subarray(pd, pd + written));
    return written;
  }

  return Object.freeze({
    name: 'wasm',
    histogram,
    // Multiply- or branch-bound kernels without a wasm version run the reference (same bits).
    exponentialIndex: jsKernels.exponentialIndex,
    hash64,
    hexEncode,
    hexDecode,
    varintEncode32: (values: Uint32Array, dst: Uint8Array) => encode(values, dst, 0),
    varintEncode64: (pairs: Uint32Array, dst: Uint8Array) => encode(pairs, dst, 1),
    varintDecode32: (src: Uint8Array, dst: Uint32Array) => decode(src, dst, 0),
    varintDecode64: (src: Uint8Array, dst: Uint32Array) => decode(src, dst, 1),
    utf8Validate: jsKernels.utf8Validate,
    matchKeys: jsKernels.matchKeys,
  });
}

/** Compiles wasm/kernels.wasm (about 2.5 KB; sync compile is fine at that size) once. */
export function loadWasmKernels(): Kernels | undefined {
  try {
    const bytes = readFileSync(join(packageRoot, 'wasm', 'kernels.wasm'));
    const instance = new wasmApi.Instance(new wasmApi.Module(bytes), {});
    return createWasmKernels(instance.exports as unknown as WasmExports);
  } catch (err) {
    loadError = err;
    return undefined;
  }
}

export function wasmLoadError(): unknown {
  return loadError;
}
