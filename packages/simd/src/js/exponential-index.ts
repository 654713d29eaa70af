import { EXP_INDEX_NONE } from '../kernels.js';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/**
 * Coefficients 1/(2k+1) of ln(m) = 2s * sum(s^2k / (2k+1)), s = (m-1)/(m+1). Eleven terms give
 * |error| < 2e-17 for m in [sqrt(1/2), sqrt(2)). The native and wasm kernels evaluate the same
 * polynomial in the same order without fused multiply-add, so indexes are bit-identical.
 */
const C = [1 / 21, 1 / 19, 1 / 17, 1 / 15, 1 / 13, 1 / 11, 1 / 9, 1 / 7, 1 / 5, 1 / 3];
const LOG2E = Math.LOG2E;
const SQRT2 = Math.SQRT2;

/**
 * Reference base-2 exponential histogram index (OpenTelemetry mapping functions): for
 * scale <= 0 exact from the exponent bits; for scale > 0 floor(log2(v) * 2^scale), exact powers
 * of two at the upper boundary of their bucket ((e << scale) - 1). Subnormals map to the index
 * of 2^-1022. 0, NaN and +-Infinity get EXP_INDEX_NONE.
 */
export function exponentialIndexJs(values: Float64Array, scale: number, out: Int32Array): void {
  const n = values.length;
  const factor = 2 ** scale;
  const shift = -scale;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isNaN(v) || v === 0 || v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) {
      out[i] = EXP_INDEX_NONE;
      continue;
    }
    f64[0] = v;
    const hi = u32[1] & 0x7fffffff;
    const bexp = hi >>> 20;
    let e = bexp - 1023;
    let exact = (hi & 0xfffff) === 0 && u32[0] === 0;
    if (bexp === 0) {
      e = -1022;
      exact = true;
    }
    if (scale <= 0) {
      out[i] = (exact ? e - 1 : e) >> shift;
    } else if (exact) {
      out[i] = e * factor - 1;
    } else {
      u32[1] = (hi & 0xfffff) | 0x3ff00000;
      let m = f64[0];
      if (m > SQRT2) {
        m = m * 0.5;
        e = e + 1;
      }
      const s = (m - 1) / (m + 1);
      const z = s * s;
      let p = C[0];
      for (let k = 1; k < 10; k++) p = p * z + C[k];
      p = p * z + 1;
      const ln = 2 * s * p;
      out[i] = Math.floor((e + ln * LOG2E) * factor);
    }
  }
}
