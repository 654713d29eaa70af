import { exponentialIndexJs } from './js/exponential-index.js';
import { hexDecodeJs, hexEncodeJs } from './js/hex.js';
import { histogramJs } from './js/histogram.js';
import { matchKeysJs } from './js/match-keys.js';
import { utf8ValidateJs } from './js/utf8.js';
import { varintDecode32Js, varintDecode64Js, varintEncode32Js, varintEncode64Js } from './js/varint.js';
import { hash64Js } from './js/wyhash.js';
import type { Kernels } from './kernels.js';

/** The pure-TS backend: the reference every other backend is tested against. */
export const jsKernels: Kernels = Object.freeze({
  name: 'js',
  histogram: histogramJs,
  exponentialIndex: exponentialIndexJs,
  hash64: hash64Js,
  hexEncode: hexEncodeJs,
  hexDecode: hexDecodeJs,
  varintEncode32: varintEncode32Js,
  varintEncode64: varintEncode64Js,
  varintDecode32: varintDecode32Js,
  varintDecode64: varintDecode64Js,
  utf8Validate: utf8ValidateJs,
  matchKeys: matchKeysJs,
});
