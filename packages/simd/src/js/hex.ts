const DIGITS = '0123456789abcdef';

/** ASCII pair of each byte as one little-endian u16 (first char in the low byte). */
const PAIRS = new Uint16Array(256);
/** Nibble value of each ASCII byte, -1 when it is not a hex digit (either case). */
const NIBBLE = new Int8Array(256).fill(-1);
for (let i = 0; i < 256; i++) {
  PAIRS[i] = DIGITS.charCodeAt(i >>> 4) | (DIGITS.charCodeAt(i & 15) << 8);
}
for (let i = 0; i < 16; i++) {
  NIBBLE[DIGITS.charCodeAt(i)] = i;
  NIBBLE[DIGITS.toUpperCase().charCodeAt(i)] = i;
}

/** Reference lower-case hex encoder: one u16 table store per byte when `dst` is 2-aligned. */
export function hexEncodeJs(src: Uint8Array, dst: Uint8Array): void {
  const n = src.length;
  if ((dst.byteOffset & 1) === 0) {
    const out = new Uint16Array(dst.buffer, dst.byteOffset, n);
    for (let i = 0; i < n; i++) out[i] = PAIRS[src[i]];
    return;
  }
  for (let i = 0; i < n; i++) {
    const pair = PAIRS[src[i]];
    dst[2 * i] = pair & 0xff;
    dst[2 * i + 1] = pair >>> 8;
  }
}

/** Reference hex decoder (either case); -1, or the index in `src` of the first non-hex char. */
export function hexDecodeJs(src: Uint8Array, dst: Uint8Array): number {
  const n = src.length >>> 1;
  for (let i = 0; i < n; i++) {
    const h = NIBBLE[src[2 * i]];
    const l = NIBBLE[src[2 * i + 1]];
    if ((h | l) < 0) return h < 0 ? 2 * i : 2 * i + 1;
    dst[i] = (h << 4) | l;
  }
  return -1;
}
