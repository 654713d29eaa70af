export { createKeySet } from './attribute-keys.js';
export { availableBackends } from './backend.js';
export {
  backend,
  exponentialIndex,
  features,
  findAttributeKeys,
  hash64Batch,
  hash64Strings,
  hexDecode,
  hexEncode,
  hexEncodeString,
  histogramBuckets,
  utf8Validate,
  utf8ValidateBatch,
  varintDecode,
  varintEncode,
} from './default-simd.js';
export {
  isOtlpxError,
  OtlpxError,
  OtlpxSimdArgumentError,
  OtlpxSimdDecodeError,
  type SimdErrorCode,
} from './errors.js';
export type { HashOptions } from './hash.js';
export type { HistogramStats } from './histogram.js';
export type { BackendName } from './kernels.js';
export type { KeySet } from './key-table.js';
export { createSimd, type Simd, type SimdOptions } from './simd.js';
export { type EncodedStrings, encodeStrings } from './strings.js';
export { type KernelName, THRESHOLDS, type Thresholds } from './thresholds.js';
export { utf8Length } from './utf8.js';
