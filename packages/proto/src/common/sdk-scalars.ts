import type { ProtoWriter } from '../wire/writer.js';

// SDK scalar shapes to protobuf and OTLP/JSON: HrTime `[seconds, nanoseconds]` to fixed64
// nanoseconds, and lower-case hex ids to raw bytes, without BigInt or temporary arrays.

const NANOS_PER_SECOND = 1_000_000_000;
const TWO_16 = 0x10000;
const TWO_32 = 0x100000000;

/** True when an HrTime is the zero time (an absent proto3 fixed64, omitted on the wire). */
export function isZeroHrTime(t: readonly [number, number]): boolean {
  return t[0] === 0 && t[1] === 0;
}

/**
 * Writes `seconds * 1e9 + nanos` as fixed64. seconds * 1e9 passes 2^53 from 1970 + 104 days, so
 * seconds is split at 2^16 and each half multiplied separately (both products stay below 2^53);
 * the halves are recombined in 32-bit words with the carry propagated.
 */
export function writeHrTimeFixed64(w: ProtoWriter, t: readonly [number, number]): void {
  const seconds = t[0];
  const high = Math.floor(seconds / TWO_16) * NANOS_PER_SECOND; // contributes high * 2^16
  const low = (seconds % TWO_16) * NANOS_PER_SECOND + t[1];
  const lowLo = low % TWO_32;
  const sumLo = lowLo + (high % TWO_16) * TWO_16;
  const lo = sumLo % TWO_32;
  const hi = Math.floor(low / TWO_32) + Math.floor(high / TWO_16) + Math.floor(sumLo / TWO_32);
  w.fixed64(lo, hi);
}

/** `seconds * 1e9 + nanos` as a decimal string (OTLP/JSON fixed64), exact beyond 2^53. */
export function hrTimeToNanosString(t: readonly [number, number]): string {
  const seconds = t[0];
  const nanos = t[1];
  if (seconds === 0) return String(nanos);
  if (nanos >= 0 && nanos < NANOS_PER_SECOND && Number.isInteger(seconds) && Number.isInteger(nanos)) {
    const n = String(nanos);
    return `${seconds}${'000000000'.slice(n.length)}${n}`;
  }
  return (BigInt(Math.trunc(seconds)) * 1_000_000_000n + BigInt(Math.trunc(nanos))).toString();
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  return c - 55; // A-F (other characters decode as the official hexToBinary does)
}

/** Writes a hex id as a length-prefixed bytes field body (length, then the bytes). */
export function writeHexBytes(w: ProtoWriter, hex: string): void {
  const len = hex.length >>> 1;
  w.uint32(len);
  w.ensure(len);
  const buf = w.buf;
  let pos = w.pos;
  for (let i = 0; i < len; i++) {
    buf[pos++] = ((hexDigit(hex.charCodeAt(2 * i)) << 4) | hexDigit(hex.charCodeAt(2 * i + 1))) & 0xff;
  }
  w.pos = pos;
}
