import { findAttributeKeys } from './attribute-keys.js';
import { getKernels } from './backend.js';
import { OtlpxError } from './errors.js';
import { type HashOptions, hash64Batch, hash64Strings } from './hash.js';
import { hexDecode, hexEncode, hexEncodeString } from './hex.js';
import { exponentialIndex, type HistogramStats, histogramBuckets } from './histogram.js';
import type { BackendName } from './kernels.js';
import type { KeySet } from './key-table.js';
import { loadNativeAddon } from './native-addon.js';
import type { EncodedStrings } from './strings.js';
import { NO_HANDOFF, THRESHOLDS, type Thresholds } from './thresholds.js';
import { utf8ValidateBatch, utf8Validate as validateOne } from './utf8.js';
import { varintDecode, varintEncode } from './varint.js';

/** The kernels of one backend behind the validated public API. */
export interface Simd {
  readonly backend: BackendName;
  /** Crossover sizes in use: below them a call runs the TS kernel. */
  readonly thresholds: Thresholds;
  /** CPU / runtime features the backend uses, e.g. ['avx2', 'sse4.2'] or ['simd128']; [] for js. */
  features(): string[];
  histogramBuckets(
    values: Float64Array,
    bounds: Float64Array,
    counts: Float64Array | BigUint64Array,
  ): HistogramStats;
  exponentialIndex(values: Float64Array, scale: number, out?: Int32Array): Int32Array;
  hash64Batch(bytes: Uint8Array, offsets: Uint32Array, options?: HashOptions): BigUint64Array;
  hash64Strings(strings: readonly string[], options?: HashOptions): BigUint64Array;
  hexEncode(bytes: Uint8Array, out?: Uint8Array): Uint8Array;
  hexEncodeString(bytes: Uint8Array): string;
  hexDecode(hex: Uint8Array | string, out?: Uint8Array): Uint8Array;
  varintEncode(values: Uint32Array | BigUint64Array | BigInt64Array, out?: Uint8Array): Uint8Array;
  varintDecode<T extends Uint32Array | BigUint64Array | BigInt64Array = BigUint64Array>(
    bytes: Uint8Array,
    out?: T,
  ): T;
  utf8Validate(bytes: Uint8Array): boolean;
  utf8ValidateBatch(bytes: Uint8Array, offsets: Uint32Array, out?: Uint8Array): Uint8Array;
  findAttributeKeys(set: KeySet, keys: readonly string[] | EncodedStrings, out?: Int32Array): Int32Array;
}

export interface SimdOptions {
  /** Override crossover sizes (0 = always use the backend; tests use it to hit both paths). */
  thresholds?: Partial<Thresholds>;
}

function featuresOf(name: BackendName): string[] {
  if (name === 'wasm') return ['simd128'];
  if (name === 'js') return [];
  const addon = loadNativeAddon();
  if (!addon) return [];
  const levels = addon.levels();
  return levels.slice(levels.indexOf(addon.level())).filter((l) => l !== 'scalar');
}

/** A Simd bound to one backend; throws OTLPX_ERR_SIMD_BACKEND_UNAVAILABLE if it cannot load. */
export function createSimd(name: BackendName, options: SimdOptions = {}): Simd {
  const kernels = getKernels(name);
  if (kernels === undefined) {
    throw new OtlpxError(
      'OTLPX_ERR_SIMD_BACKEND_UNAVAILABLE',
      `the ${name} backend cannot load on this machine`,
    );
  }
  const base = name === 'js' ? NO_HANDOFF : THRESHOLDS[name];
  const thresholds: Thresholds = Object.freeze({ ...base, ...options.thresholds });
  const ctx = { kernels, thresholds };
  return Object.freeze({
    backend: name,
    thresholds,
    features: () => featuresOf(name),
    histogramBuckets: (values, bounds, counts) => histogramBuckets(ctx, values, bounds, counts),
    exponentialIndex: (values, scale, out) => exponentialIndex(ctx, values, scale, out),
    hash64Batch: (bytes, offsets, opts) => hash64Batch(ctx, bytes, offsets, opts),
    hash64Strings: (strings, opts) => hash64Strings(ctx, strings, opts),
    hexEncode: (bytes, out) => hexEncode(ctx, bytes, out),
    hexEncodeString: (bytes) => hexEncodeString(ctx, bytes),
    hexDecode: (hex, out) => hexDecode(ctx, hex, out),
    varintEncode: (values, out) => varintEncode(ctx, values, out),
    varintDecode: (bytes, out) => varintDecode(ctx, bytes, out),
    utf8Validate: (bytes) => validateOne(ctx, bytes),
    utf8ValidateBatch: (bytes, offsets, out) => utf8ValidateBatch(ctx, bytes, offsets, out),
    findAttributeKeys: (set, keys, out) => findAttributeKeys(ctx, set, keys, out),
  } satisfies Simd);
}
