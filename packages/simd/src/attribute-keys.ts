import type { Context } from './context.js';
import { OtlpxSimdArgumentError } from './errors.js';
import { jsKernels } from './js-backend.js';
import { compileKeyTable, type KeySet } from './key-table.js';
import { type EncodedStrings, encodeStrings } from './strings.js';
import { checkOffsets, expectLength, expectType } from './validate.js';

/** Compiles a set of attribute keys (validator allow-list, redaction deny-list) for matching. */
export function createKeySet(keys: readonly string[]): KeySet {
  if (!Array.isArray(keys)) throw new OtlpxSimdArgumentError('keys', 'expected an array of strings');
  for (let i = 0; i < keys.length; i++) {
    if (typeof keys[i] !== 'string') throw new OtlpxSimdArgumentError(`keys[${i}]`, 'expected a string');
  }
  return compileKeyTable(keys);
}

/**
 * For each key, its index in `set.keys`, or -1. Keys are strings or, cheaper, UTF-8 ranges as they
 * sit in a decoded OTLP payload. Candidates are found by comparing 8-byte prefixes (4 set entries
 * per AVX2 compare), then confirmed by length and bytes.
 */
export function findAttributeKeys(
  ctx: Context,
  set: KeySet,
  keys: readonly string[] | EncodedStrings,
  out?: Int32Array,
): Int32Array {
  if (typeof set !== 'object' || set === null || !set.table) {
    throw new OtlpxSimdArgumentError('set', 'expected a KeySet from createKeySet()');
  }
  const enc = Array.isArray(keys) ? encodeStrings(keys) : (keys as EncodedStrings);
  expectType(enc.bytes, Uint8Array, 'keys.bytes');
  expectType(enc.offsets, Uint32Array, 'keys.offsets');
  checkOffsets(enc.offsets, enc.bytes.length, 'keys.offsets');
  const n = enc.offsets.length - 1;
  const dst = out === undefined ? new Int32Array(n) : expectType(out, Int32Array, 'out');
  expectLength(dst.length, n, 'out');
  const k = n < ctx.thresholds.matchKeys ? jsKernels : ctx.kernels;
  k.matchKeys(set.table, enc.bytes, enc.offsets, dst);
  return dst;
}
