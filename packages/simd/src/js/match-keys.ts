import type { KeyTable } from '../kernels.js';

/** Little-endian u32 of up to 4 bytes of b[p, end), zero padded. */
function word(b: Uint8Array, p: number, end: number): number {
  let w = 0;
  for (let k = 0; k < 4 && p + k < end; k++) w |= b[p + k] << (8 * k);
  return w >>> 0;
}

/** The zero-padded 8-byte prefix of b[p, end) as (lo, hi), written into out at `at`. */
export function prefixOf(b: Uint8Array, p: number, end: number, out: Uint32Array, at: number): void {
  out[at] = word(b, p, end);
  out[at + 1] = word(b, p + 4, end);
}

/**
 * Reference key matcher: a key matches table entry j when its zero-padded 8-byte prefix, its
 * length and then its remaining bytes are equal. Entries are unique, so the first hit is the hit.
 */
export function matchKeysJs(table: KeyTable, bytes: Uint8Array, offsets: Uint32Array, out: Int32Array): void {
  const { bytes: tb, offsets: to, prefixes } = table;
  const m = to.length - 1;
  const n = offsets.length - 1;
  for (let i = 0; i < n; i++) {
    const p = offsets[i];
    const end = offsets[i + 1];
    const len = end - p;
    const lo = word(bytes, p, end);
    const hi = word(bytes, p + 4, end);
    let found = -1;
    for (let j = 0; j < m; j++) {
      if (prefixes[2 * j] !== lo || prefixes[2 * j + 1] !== hi) continue;
      const q = to[j];
      if (to[j + 1] - q !== len) continue;
      let k = 8;
      while (k < len && tb[q + k] === bytes[p + k]) k++;
      if (k >= len) {
        found = j;
        break;
      }
    }
    out[i] = found;
  }
}
