import type { BackendName } from './kernels.js';

/** Kernels that have a crossover size (element count below which the TS path runs). */
export type KernelName =
  | 'histogram'
  | 'exponentialIndex'
  | 'hash64'
  | 'hexEncode'
  | 'hexDecode'
  | 'varintEncode'
  | 'varintDecode'
  | 'utf8Validate'
  | 'matchKeys';

export type Thresholds = Readonly<Record<KernelName, number>>;

/**
 * Crossover sizes: below these, a call stays in TypeScript, where crossing into C++ (about 60 ns
 * + 65 ns per typed-array argument here) or copying into wasm memory costs more than the kernel
 * saves (ws keeps masks under 48 bytes in JS for the same reason).
 * Units are what each wrapper compares: values (histogram, exponentialIndex, varintEncode), byte
 * ranges (hash64, utf8Validate, matchKeys), input bytes (hexEncode, varintDecode) and input
 * chars (hexDecode).
 *
 * Measured with `node benchmarks/simd-kernels/crossover.mjs` (one fresh process per kernel and
 * backend, TS and backend alternating, median of 7 samples of thread CPU time; the first size
 * from which the backend wins at every larger size up to 2048 elements), 2026-11-28, 2-core AMD
 * EPYC VM, Node 20.20.2, then rounded up to a power of two. The sweep repeats one small input, so
 * the TS kernels' branches are perfectly predicted there: the crossovers err towards TS.
 * Measured crossovers: native 32 / 3 / 1 / 16 / 64 / 48 / 213 / 6 / 4, wasm 32 / - / 1 / 32 / 256
 * / 48 / 4705 / - / - (order of the keys below). varintDecode re-measured after the windowed
 * decoders (native PEXT fold, wasm two-per-step): native 143, wasm 213 bytes (load average 5). Infinity: no wasm kernel (the wasm backend runs
 * the TS kernel for it). Native hexEncode uses 32, not 16: its 1.06x at 16 bytes was within the
 * +-15 % spread of run.mjs on this shared machine.
 */
export const THRESHOLDS: Readonly<Record<Exclude<BackendName, 'js'>, Thresholds>> = Object.freeze({
  native: Object.freeze({
    histogram: 32,
    exponentialIndex: 4,
    hash64: 1,
    hexEncode: 32,
    hexDecode: 64,
    varintEncode: 64,
    varintDecode: 256,
    utf8Validate: 8,
    matchKeys: 4,
  }),
  wasm: Object.freeze({
    histogram: 32,
    exponentialIndex: Number.POSITIVE_INFINITY,
    hash64: 1,
    hexEncode: 32,
    hexDecode: 256,
    varintEncode: 64,
    varintDecode: 256,
    utf8Validate: Number.POSITIVE_INFINITY,
    matchKeys: Number.POSITIVE_INFINITY,
  }),
});

/** The TS backend never hands off: every size runs the reference kernels. */
export const NO_HANDOFF: Thresholds = Object.freeze({
  histogram: Number.POSITIVE_INFINITY,
  exponentialIndex: Number.POSITIVE_INFINITY,
  hash64: Number.POSITIVE_INFINITY,
  hexEncode: Number.POSITIVE_INFINITY,
  hexDecode: Number.POSITIVE_INFINITY,
  varintEncode: Number.POSITIVE_INFINITY,
  varintDecode: Number.POSITIVE_INFINITY,
  utf8Validate: Number.POSITIVE_INFINITY,
  matchKeys: Number.POSITIVE_INFINITY,
});
