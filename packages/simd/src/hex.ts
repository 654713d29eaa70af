import type { Context } from './context.js';
import { OtlpxSimdArgumentError, OtlpxSimdDecodeError } from './errors.js';
import { jsKernels } from './js-backend.js';
import { expectLength, expectType } from './validate.js';

/**
 * Lower-case hex of `bytes` as ASCII bytes (2 per input byte), e.g. many 16-byte trace ids and
 * 8-byte span ids back to back, ready to copy into OTLP/JSON output.
 */
export function hexEncode(ctx: Context, bytes: Uint8Array, out?: Uint8Array): Uint8Array {
  expectType(bytes, Uint8Array, 'bytes');
  const dst = out === undefined ? new Uint8Array(2 * bytes.length) : expectType(out, Uint8Array, 'out');
  expectLength(dst.length, 2 * bytes.length, 'out');
  const k = bytes.length < ctx.thresholds.hexEncode ? jsKernels : ctx.kernels;
  k.hexEncode(bytes, dst);
  return out === undefined ? dst : dst.subarray(0, 2 * bytes.length);
}

/** hexEncode as a JS string (one latin1 decode of the whole output). */
export function hexEncodeString(ctx: Context, bytes: Uint8Array): string {
  const ascii = hexEncode(ctx, bytes);
  return Buffer.from(ascii.buffer, ascii.byteOffset, ascii.length).toString('latin1');
}

/**
 * Bytes of a hex text (either case; ASCII bytes or a string). Throws OTLPX_ERR_SIMD_HEX_INVALID
 * with the offset of the first character that is not a hex digit.
 */
export function hexDecode(ctx: Context, hex: Uint8Array | string, out?: Uint8Array): Uint8Array {
  let src: Uint8Array;
  if (typeof hex === 'string') {
    const buf = Buffer.from(hex, 'utf8');
    if (buf.length !== hex.length) {
      let i = 0;
      while (hex.charCodeAt(i) < 0x80) i++;
      throw new OtlpxSimdDecodeError('OTLPX_ERR_SIMD_HEX_INVALID', 'not a hex digit', i);
    }
    src = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
  } else src = expectType(hex, Uint8Array, 'hex');
  if ((src.length & 1) !== 0) {
    throw new OtlpxSimdArgumentError('hex', `must have an even number of digits, has ${src.length}`);
  }
  const n = src.length >>> 1;
  const dst = out === undefined ? new Uint8Array(n) : expectType(out, Uint8Array, 'out');
  expectLength(dst.length, n, 'out');
  const k = src.length < ctx.thresholds.hexDecode ? jsKernels : ctx.kernels;
  const bad = k.hexDecode(src, dst);
  if (bad >= 0) throw new OtlpxSimdDecodeError('OTLPX_ERR_SIMD_HEX_INVALID', 'not a hex digit', bad);
  return out === undefined ? dst : dst.subarray(0, n);
}
