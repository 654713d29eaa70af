// Pure-TS competitors that are not the reference kernels, so "best pure TS" means the fastest
// of them and the reference. They match the reference counts, not its 8-lane sum order.

/** The sdk-metrics shape: binary search per value, one running sum. */
function histogramPlain(values, bounds, counts) {
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const nb = bounds.length;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let lo = 0;
    let hi = nb;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v > bounds[mid]) lo = mid + 1;
      else hi = mid;
    }
    counts[lo]++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { sum, min, max };
}

/** Branchless linear scan (the probe's second JS variant). */
function histogramLinear(values, bounds, counts) {
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const nb = bounds.length;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let idx = 0;
    for (let k = 0; k < nb; k++) idx += v > bounds[k] ? 1 : 0;
    counts[idx]++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { sum, min, max };
}

/**
 * protobufjs-style varint decoder: the first five bytes unrolled (no shift loop), into (lo, hi)
 * pairs like the reference, same checks (truncation, > 10 bytes, 10th byte > 1, full dst), errors
 * thrown as plain Errors. About 7 % faster than the reference loop on the benchmark's varints.
 */
function varintDecodeUnrolled(src, out) {
  const dst = new Uint32Array(out.buffer, out.byteOffset, 2 * out.length);
  const n = src.length;
  const cap = out.length;
  let pos = 0;
  let count = 0;
  const cut = () => new Error(`varint runs past the end of the input at ${pos}`);
  while (pos < n) {
    if (count === cap) throw new Error('out too short');
    let b = src[pos++];
    let lo = b & 0x7f;
    let hi = 0;
    if (b >= 0x80) {
      if (pos >= n) throw cut();
      b = src[pos++];
      lo |= (b & 0x7f) << 7;
      if (b >= 0x80) {
        if (pos >= n) throw cut();
        b = src[pos++];
        lo |= (b & 0x7f) << 14;
        if (b >= 0x80) {
          if (pos >= n) throw cut();
          b = src[pos++];
          lo |= (b & 0x7f) << 21;
          if (b >= 0x80) {
            if (pos >= n) throw cut();
            b = src[pos++];
            lo |= (b & 0x0f) << 28;
            hi = (b & 0x7f) >>> 4;
            for (let shift = 3; b >= 0x80; shift += 7) {
              if (pos >= n) throw cut();
              b = src[pos++];
              if (shift === 31) {
                if (b > 1) throw new Error(`varint longer than 10 bytes at ${pos}`);
                hi |= b << 31;
                break;
              }
              hi |= (b & 0x7f) << shift;
            }
          }
        }
      }
    }
    dst[2 * count] = lo >>> 0;
    dst[2 * count + 1] = hi >>> 0;
    count++;
  }
  return out.subarray(0, count);
}

/** Stand-ins for the Simd object: implementation name -> { kernel: methods }. */
export const ALTERNATIVES = {
  'js-binary-search': { histogram: { histogramBuckets: histogramPlain } },
  'js-linear': { histogram: { histogramBuckets: histogramLinear } },
  'js-unrolled': { varintDecode: { varintDecode: varintDecodeUnrolled } },
  // Node's C++ hex codec: not pure TS, printed as a reference point only.
  'node-buffer': {
    hexEncode: {
      hexEncode: (bytes, out) => {
        out.set(
          Buffer.from(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex'), 'latin1'),
        );
        return out;
      },
    },
    hexDecode: {
      hexDecode: (hex, out) => {
        out.set(Buffer.from(Buffer.from(hex.buffer, hex.byteOffset, hex.length).toString('latin1'), 'hex'));
        return out;
      },
    },
  },
};
