import type { Context } from './context.js';
import { OtlpxSimdArgumentError, OtlpxSimdDecodeError } from './errors.js';
import { jsKernels } from './js-backend.js';
import { VARINT_DST_FULL } from './kernels.js';
import { expectLength, expectType, pairsOf } from './validate.js';

/**
 * Protobuf varints of a packed repeated field (pprof / OTLP profiles sample values, location
 * indices). BigInt64Array values are encoded as int64 (negative numbers take 10 bytes). Returns
 * the encoded bytes (a view of `out` when given; `out` needs 5 bytes per u32, 10 per 64-bit value).
 */
export function varintEncode(
  ctx: Context,
  values: Uint32Array | BigUint64Array | BigInt64Array,
  out?: Uint8Array,
): Uint8Array {
  const wide = values instanceof BigUint64Array || values instanceof BigInt64Array;
  if (!wide && !(values instanceof Uint32Array)) {
    throw new OtlpxSimdArgumentError('values', 'expected a Uint32Array, BigUint64Array or BigInt64Array');
  }
  const max = (wide ? 10 : 5) * values.length;
  const dst = out === undefined ? new Uint8Array(max) : expectType(out, Uint8Array, 'out');
  expectLength(dst.length, max, 'out');
  const k = values.length < ctx.thresholds.varintEncode ? jsKernels : ctx.kernels;
  const written = wide
    ? k.varintEncode64(pairsOf(values), dst)
    : k.varintEncode32(values as Uint32Array, dst);
  return dst.subarray(0, written);
}

function fail(src: Uint8Array, offset: number): never {
  let end = offset;
  while (end < src.length && end - offset < 10 && src[end] >= 0x80) end++;
  if (end === src.length && end - offset < 10) {
    throw new OtlpxSimdDecodeError(
      'OTLPX_ERR_DECODE_TRUNCATED',
      'varint runs past the end of the input',
      offset,
    );
  }
  throw new OtlpxSimdDecodeError(
    'OTLPX_ERR_DECODE_VARINT',
    'varint longer than 10 bytes or above 2^64 - 1',
    offset,
  );
}

/**
 * Decodes a packed varint array. Into a Uint32Array the low 32 bits of each value are kept (as
 * protobuf does for uint32); into BigUint64Array/BigInt64Array the full 64 bits. Without `out`,
 * a BigUint64Array is allocated. Returns a view of the decoded values.
 */
export function varintDecode<T extends Uint32Array | BigUint64Array | BigInt64Array = BigUint64Array>(
  ctx: Context,
  bytes: Uint8Array,
  out?: T,
): T {
  expectType(bytes, Uint8Array, 'bytes');
  const dst = (out ?? new BigUint64Array(bytes.length)) as T;
  const k = bytes.length < ctx.thresholds.varintDecode ? jsKernels : ctx.kernels;
  let r: number;
  if (dst instanceof Uint32Array) r = k.varintDecode32(bytes, dst);
  else if (dst instanceof BigUint64Array || dst instanceof BigInt64Array)
    r = k.varintDecode64(bytes, pairsOf(dst));
  else throw new OtlpxSimdArgumentError('out', 'expected a Uint32Array, BigUint64Array or BigInt64Array');
  if (r <= VARINT_DST_FULL) {
    throw new OtlpxSimdArgumentError(
      'out',
      `too short: full after ${dst.length} values at byte ${VARINT_DST_FULL - r}`,
    );
  }
  if (r < 0) fail(bytes, -1 - r);
  return dst.subarray(0, r) as T;
}
