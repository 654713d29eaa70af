import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kernels, KeyTable } from './kernels.js';

/** The functions of build/Release/otlpx_simd.node (or prebuilds/<platform>-<arch>/). */
export interface NativeAddon extends Omit<Kernels, 'name' | 'matchKeys'> {
  matchKeys(
    tbytes: Uint8Array,
    toffsets: Uint32Array,
    prefixes: Uint32Array,
    bytes: Uint8Array,
    offsets: Uint32Array,
    out: Int32Array,
  ): void;
  /** Instruction-set levels this CPU supports, best first: 'avx2', 'sse4.2', 'neon', 'scalar'. */
  levels(): string[];
  /** The level the dispatched kernels use now. */
  level(): string;
  /** Switches the dispatched kernels to a supported level ('auto' = best); false if unsupported. */
  selectLevel(name: string): boolean;
  perfOpen(type: number, config: number): number;
  perfRead(fd: number): number;
  /** Reads every fd (negative fds give -1) into `out` in one call. */
  perfReadAll(fds: Int32Array, out: Float64Array): void;
  perfClose(fd: number): number;
}

/** The package root: src/ and dist/ both sit directly below it. */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

let addon: NativeAddon | null | undefined;
let loadError: unknown;

/**
 * Loads the addon once (bufferutil's loader: node-gyp-build finds a prebuild or build/Release).
 * ESM has no __dirname, so the require function comes from createRequire(import.meta.url).
 */
export function loadNativeAddon(): NativeAddon | undefined {
  if (addon === undefined) {
    try {
      const load = createRequire(import.meta.url)('node-gyp-build') as (dir: string) => NativeAddon;
      addon = load(packageRoot);
    } catch (err) {
      addon = null;
      loadError = err;
    }
  }
  return addon ?? undefined;
}

/** Why the addon did not load (undefined when it did, or before the first attempt). */
export function nativeLoadError(): unknown {
  return loadError;
}

export function createNativeKernels(a: NativeAddon): Kernels {
  return Object.freeze({
    name: 'native',
    histogram: a.histogram,
    exponentialIndex: a.exponentialIndex,
    hash64: a.hash64,
    hexEncode: a.hexEncode,
    hexDecode: a.hexDecode,
    varintEncode32: a.varintEncode32,
    varintEncode64: a.varintEncode64,
    varintDecode32: a.varintDecode32,
    varintDecode64: a.varintDecode64,
    utf8Validate: a.utf8Validate,
    matchKeys: (t: KeyTable, bytes: Uint8Array, offsets: Uint32Array, out: Int32Array) =>
      a.matchKeys(t.bytes, t.offsets, t.prefixes, bytes, offsets, out),
  });
}
