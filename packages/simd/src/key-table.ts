import { prefixOf } from './js/match-keys.js';
import type { KeyTable } from './kernels.js';

/** A compiled set of attribute keys for `findAttributeKeys`. Build once, match many times. */
export interface KeySet {
  /** The distinct keys in table order: a match result i refers to keys[i]. */
  readonly keys: readonly string[];
  readonly table: KeyTable;
}

const encoder = new TextEncoder();

/** Compiles keys (duplicates dropped, first wins) into bytes, offsets and 8-byte prefixes. */
export function compileKeyTable(keys: readonly string[]): KeySet {
  const unique = [...new Set(keys)];
  const encoded = unique.map((k) => encoder.encode(k));
  const offsets = new Uint32Array(unique.length + 1);
  for (let i = 0; i < encoded.length; i++) offsets[i + 1] = offsets[i] + encoded[i].length;
  const bytes = new Uint8Array(offsets[unique.length]);
  // prefixes live in their own ArrayBuffer, so the native kernel can read them as aligned u64.
  const prefixes = new Uint32Array(2 * unique.length);
  for (let i = 0; i < encoded.length; i++) {
    bytes.set(encoded[i], offsets[i]);
    prefixOf(bytes, offsets[i], offsets[i + 1], prefixes, 2 * i);
  }
  return Object.freeze({ keys: Object.freeze(unique), table: Object.freeze({ bytes, offsets, prefixes }) });
}
