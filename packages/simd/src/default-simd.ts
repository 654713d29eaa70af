import { resolveBackend } from './backend.js';
import { createSimd } from './simd.js';

/**
 * The process-wide instance: backend chosen once, at load, from OTLPX_SIMD (native | wasm | js)
 * or the load order native -> wasm -> js.
 */
const simd = createSimd(resolveBackend(process.env.OTLPX_SIMD));

/** The backend every top-level function uses: 'native' | 'wasm' | 'js'. */
export const backend = simd.backend;
export const {
  features,
  histogramBuckets,
  exponentialIndex,
  hash64Batch,
  hash64Strings,
  hexEncode,
  hexEncodeString,
  hexDecode,
  varintEncode,
  varintDecode,
  utf8Validate,
  utf8ValidateBatch,
  findAttributeKeys,
} = simd;
