import { VARINT_DST_FULL } from '../kernels.js';

/** Reference protobuf varint encoder of uint32 values; returns bytes written. */
export function varintEncode32Js(values: Uint32Array, dst: Uint8Array): number {
  const n = values.length;
  let pos = 0;
  for (let i = 0; i < n; i++) {
    let v = values[i];
    while (v > 0x7f) {
      dst[pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    dst[pos++] = v;
  }
  return pos;
}

/** Reference varint encoder of u64 values given as (lo, hi) u32 pairs; returns bytes written. */
export function varintEncode64Js(pairs: Uint32Array, dst: Uint8Array): number {
  const n = pairs.length >>> 1;
  let pos = 0;
  for (let i = 0; i < n; i++) {
    let lo = pairs[2 * i];
    let hi = pairs[2 * i + 1];
    while (hi !== 0 || lo > 0x7f) {
      dst[pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    dst[pos++] = lo;
  }
  return pos;
}

/**
 * Reference varint decoder into (lo, hi) pairs, or into low 32 bits when `pairs` is false.
 * A varint is malformed when it runs past the input, has more than 10 bytes, or its 10th byte
 * sets bits above 2^63 (Go's rule).
 */
function decode(src: Uint8Array, dst: Uint32Array, pairs: boolean): number {
  const n = src.length;
  const cap = pairs ? dst.length >>> 1 : dst.length;
  let pos = 0;
  let count = 0;
  while (pos < n) {
    if (count === cap) return VARINT_DST_FULL - pos;
    const start = pos;
    let b = src[pos++];
    if (b < 0x80) {
      if (pairs) {
        dst[2 * count] = b;
        dst[2 * count + 1] = 0;
      } else dst[count] = b;
      count++;
      continue;
    }
    // Bytes 0-3 fill 28 low bits, byte 4 adds 4 low + 3 high bits, bytes 5-9 the next 35 high bits.
    let lo = b & 0x7f;
    let hi = 0;
    let shift = 7;
    let done = false;
    while (shift < 28) {
      if (pos >= n) return -1 - start;
      b = src[pos++];
      lo |= (b & 0x7f) << shift;
      shift += 7;
      if (b < 0x80) {
        done = true;
        break;
      }
    }
    if (!done) {
      if (pos >= n) return -1 - start;
      b = src[pos++];
      lo |= (b & 0x0f) << 28;
      hi = (b & 0x7f) >>> 4;
      if (b >= 0x80) {
        let hshift = 3;
        for (;;) {
          if (pos >= n) return -1 - start;
          b = src[pos++];
          if (hshift === 31) {
            // 10th byte: only bit 63 may be set, and it must end the varint.
            if (b > 1) return -1 - start;
            hi |= b << 31;
            break;
          }
          hi |= (b & 0x7f) << hshift;
          hshift += 7;
          if (b < 0x80) break;
        }
      }
    }
    if (pairs) {
      dst[2 * count] = lo >>> 0;
      dst[2 * count + 1] = hi >>> 0;
    } else dst[count] = lo >>> 0;
    count++;
  }
  return count;
}

export function varintDecode32Js(src: Uint8Array, dst: Uint32Array): number {
  return decode(src, dst, false);
}

export function varintDecode64Js(src: Uint8Array, dstPairs: Uint32Array): number {
  return decode(src, dstPairs, true);
}
