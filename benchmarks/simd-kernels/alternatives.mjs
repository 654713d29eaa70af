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

/** Stand-ins for the Simd object: implementation name -> { kernel: methods }. */
export const ALTERNATIVES = {
  'js-binary-search': { histogram: { histogramBuckets: histogramPlain } },
  'js-linear': { histogram: { histogramBuckets: histogramLinear } },
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
