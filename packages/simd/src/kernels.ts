/**
 * The raw kernel interface every backend (native, wasm, js) implements. Raw kernels do not
 * validate (like bufferutil's): the public wrappers validate once, then call them. All backends
 * must produce identical bits; the pure-TS kernels in src/js/ are the reference.
 */

/** Name of a backend, in load order: native addon, WebAssembly SIMD, pure TypeScript. */
export type BackendName = 'native' | 'wasm' | 'js';

/** Stats slots written by `histogram`: [sum, min, max, nanCount]. */
export const STAT_SUM = 0;
export const STAT_MIN = 1;
export const STAT_MAX = 2;
export const STAT_NAN = 3;

/** `varintDecode*` result when `dst` filled up before `src` ended: `DST_FULL - offset`. */
export const VARINT_DST_FULL = -(2 ** 32) - 1;
/** Exponential index written for 0, NaN and +-Infinity (they have no bucket). */
export const EXP_INDEX_NONE = -2147483648;

/** A compiled attribute-key set (see key-matcher.ts): bytes, offsets and 8-byte prefixes. */
export interface KeyTable {
  readonly bytes: Uint8Array;
  /** m + 1 offsets into `bytes`. */
  readonly offsets: Uint32Array;
  /** First 8 bytes of each key, zero padded, as little-endian (lo, hi) u32 pairs: 2m entries. */
  readonly prefixes: Uint32Array;
}

export interface Kernels {
  readonly name: BackendName;
  /** Adds bucket counts to `counts` (bounds.length + 1 slots); writes [sum, min, max, nanCount] to `stats`. */
  histogram(values: Float64Array, bounds: Float64Array, counts: Float64Array, stats: Float64Array): void;
  /** Base-2 exponential bucket index of |v| at `scale` (-10..20); EXP_INDEX_NONE for 0/NaN/Inf. */
  exponentialIndex(values: Float64Array, scale: number, out: Int32Array): void;
  /** wyhash (final4) of each byte range [offsets[i], offsets[i+1]) into out[i] as (lo, hi) u32 pairs. */
  hash64(bytes: Uint8Array, offsets: Uint32Array, seedLo: number, seedHi: number, out: Uint32Array): void;
  /** Lower-case hex of `src` into `dst` (2 * src.length bytes). */
  hexEncode(src: Uint8Array, dst: Uint8Array): void;
  /** Hex pairs of `src` into `dst` (src.length / 2 bytes); -1, or the index of the first bad char. */
  hexDecode(src: Uint8Array, dst: Uint8Array): number;
  /** Varints of `values` into `dst` (>= 5 * n bytes); returns the bytes written. */
  varintEncode32(values: Uint32Array, dst: Uint8Array): number;
  /** Varints of u64 (lo, hi) pairs into `dst` (>= 10 * n bytes); returns the bytes written. */
  varintEncode64(pairs: Uint32Array, dst: Uint8Array): number;
  /** Decodes varints (low 32 bits kept); count, -1 - offset if malformed, VARINT_DST_FULL - offset. */
  varintDecode32(src: Uint8Array, dst: Uint32Array): number;
  /** Decodes varints into (lo, hi) pairs; results as varintDecode32. */
  varintDecode64(src: Uint8Array, dstPairs: Uint32Array): number;
  /** out[i] = 1 when range i is valid UTF-8, else 0; returns the number of invalid ranges. */
  utf8Validate(bytes: Uint8Array, offsets: Uint32Array, out: Uint8Array): number;
  /** out[i] = index in the table of key i, or -1. */
  matchKeys(table: KeyTable, bytes: Uint8Array, offsets: Uint32Array, out: Int32Array): void;
}
