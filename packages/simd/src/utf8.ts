import * as nodeBuffer from 'node:buffer';
import type { Context } from './context.js';
import { OtlpxSimdArgumentError } from './errors.js';
import { utf8LengthOf } from './js/utf8.js';
import { jsKernels } from './js-backend.js';
import { checkOffsets, expectLength, expectType } from './validate.js';

// Node's own validator (simdutf, Node >= 18.14) beats any addon for one buffer.
const isUtf8 = (nodeBuffer as { isUtf8?: (input: Uint8Array) => boolean }).isUtf8;
const whole = new Uint32Array(2);
const flag = new Uint8Array(1);

/** True when `bytes` is valid UTF-8 (RFC 3629: no overlongs, surrogates or code points > U+10FFFF). */
export function utf8Validate(ctx: Context, bytes: Uint8Array): boolean {
  expectType(bytes, Uint8Array, 'bytes');
  if (isUtf8 !== undefined) return isUtf8(bytes);
  whole[1] = bytes.length;
  return ctx.kernels.utf8Validate(bytes, whole, flag) === 0;
}

/** Validates many byte ranges in one call: out[i] = 1 when range i is valid UTF-8, else 0. */
export function utf8ValidateBatch(
  ctx: Context,
  bytes: Uint8Array,
  offsets: Uint32Array,
  out?: Uint8Array,
): Uint8Array {
  expectType(bytes, Uint8Array, 'bytes');
  expectType(offsets, Uint32Array, 'offsets');
  checkOffsets(offsets, bytes.length, 'offsets');
  const n = offsets.length - 1;
  const dst = out === undefined ? new Uint8Array(n) : expectType(out, Uint8Array, 'out');
  expectLength(dst.length, n, 'out');
  const k = n < ctx.thresholds.utf8Validate ? jsKernels : ctx.kernels;
  k.utf8Validate(bytes, offsets, dst);
  return dst;
}

/**
 * UTF-8 byte length of each string (what protobuf length prefixes need), as Buffer.byteLength
 * counts it. Pure JS on every backend: see README ("utf8Length").
 */
export function utf8Length(strings: readonly string[], out?: Uint32Array): Uint32Array {
  if (!Array.isArray(strings)) throw new OtlpxSimdArgumentError('strings', 'expected an array of strings');
  const dst = out === undefined ? new Uint32Array(strings.length) : expectType(out, Uint32Array, 'out');
  expectLength(dst.length, strings.length, 'out');
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i];
    if (typeof s !== 'string')
      throw new OtlpxSimdArgumentError(`strings[${i}]`, `expected a string, got ${typeof s}`);
    dst[i] = utf8LengthOf(s);
  }
  return dst;
}
