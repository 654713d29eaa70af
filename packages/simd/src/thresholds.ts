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
 * Crossover sizes: below these element counts a call stays in TypeScript, where crossing into
 * C++ (about 60 ns + 65 ns per typed-array argument here) or copying into wasm memory costs more
 * than the kernel saves (ws keeps masks under 48 bytes in JS for the same reason).
 * Units: values (histogram, exponentialIndex, varintEncode), byte ranges (hash64, utf8Validate,
 * matchKeys), input bytes (hexEncode, hexDecode, varintDecode).
 *
 * Measured by `node packages/simd/scripts/crossover.mjs` (fresh process per kernel and backend,
 * median of 7 rounds, first size where the backend is faster than JS at that size and at every
 * larger size it tried), on the 2-core AMD EPYC VM, Node 20.20.2. Rounded up to a power of two.
 */
export const THRESHOLDS: Readonly<Record<Exclude<BackendName, 'js'>, Thresholds>> = Object.freeze({
  native: Object.freeze({
    histogram: 16,
    exponentialIndex: 16,
    hash64: 4,
    hexEncode: 64,
    hexDecode: 64,
    varintEncode: 32,
    varintDecode: 64,
    utf8Validate: 8,
    matchKeys: 4,
  }),
  wasm: Object.freeze({
    histogram: 8,
    exponentialIndex: 8,
    hash64: 4,
    hexEncode: 64,
    hexDecode: 64,
    varintEncode: 32,
    varintDecode: 64,
    utf8Validate: 8,
    matchKeys: 4,
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
