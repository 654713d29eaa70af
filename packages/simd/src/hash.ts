import type { Context } from './context.js';
import { OtlpxSimdArgumentError } from './errors.js';
import { jsKernels } from './js-backend.js';
import { encodeStrings } from './strings.js';
import { checkOffsets, expectLength, expectType } from './validate.js';

export interface HashOptions {
  /** 64-bit seed; default 0n. */
  seed?: bigint;
  /** Where to write the hashes (n entries at least); a new array by default. */
  out?: BigUint64Array;
}

/**
 * wyhash (final4) of every byte range [offsets[i], offsets[i+1]) of `bytes`, in one call. The same
 * 64-bit value on every backend: use it for dictionaries and deduplication, never for security.
 */
export function hash64Batch(
  ctx: Context,
  bytes: Uint8Array,
  offsets: Uint32Array,
  options: HashOptions = {},
): BigUint64Array {
  expectType(bytes, Uint8Array, 'bytes');
  expectType(offsets, Uint32Array, 'offsets');
  checkOffsets(offsets, bytes.length, 'offsets');
  const n = offsets.length - 1;
  const out =
    options.out === undefined ? new BigUint64Array(n) : expectType(options.out, BigUint64Array, 'out');
  expectLength(out.length, n, 'out');
  const seed = options.seed ?? 0n;
  if (typeof seed !== 'bigint' || seed < 0n || seed >= 2n ** 64n) {
    throw new OtlpxSimdArgumentError('seed', 'must be a bigint from 0 to 2^64 - 1');
  }
  const k = n < ctx.thresholds.hash64 ? jsKernels : ctx.kernels;
  k.hash64(
    bytes,
    offsets,
    Number(seed & 0xffffffffn),
    Number(seed >> 32n),
    new Uint32Array(out.buffer, out.byteOffset, 2 * n),
  );
  return out;
}

/** hash64Batch of the UTF-8 bytes of each string. */
export function hash64Strings(
  ctx: Context,
  strings: readonly string[],
  options: HashOptions = {},
): BigUint64Array {
  if (!Array.isArray(strings)) throw new OtlpxSimdArgumentError('strings', 'expected an array of strings');
  const { bytes, offsets } = encodeStrings(strings);
  return hash64Batch(ctx, bytes, offsets, options);
}
