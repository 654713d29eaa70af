import { OtlpxError } from '../errors.js';
import { BufferViews } from './buffer-views.js';

const MAX_SHORT_STRING = 42; // 42 UTF-16 units * 3 bytes = 126: the length always fits one byte

/**
 * A protobuf writer over one growing buffer. Sub-messages reserve a single length byte
 * (`fork`) and are moved only when they turn out to be 128 bytes or longer (`join`), so the
 * common small message (a key-value, an attribute value) is written in one pass with no copy
 * and no size pre-computation. The buffer doubles when full and is kept across `reset()`.
 *
 * Writers do not validate: the encoders that drive them pass only well-formed values.
 */
export class ProtoWriter {
  buf: Buffer;
  pos = 0;
  readonly #views = new BufferViews();

  constructor(initialSize = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(Math.max(64, initialSize));
  }

  /** `buf` as a plain Uint8Array, until the buffer grows (see BufferViews). */
  bytesView(): Uint8Array {
    return this.#views.bytes(this.buf);
  }

  /** A DataView of `buf`, until the buffer grows. */
  dataView(): DataView {
    return this.#views.data(this.buf);
  }

  /** Starts a new message in the same memory. */
  reset(): void {
    this.pos = 0;
  }

  /** A copy of what was written: safe to keep after the writer is reused. */
  finish(): Uint8Array {
    // From a plain Uint8Array view, not Buffer#subarray: its species constructor cost ~2 % of the
    // 512-span encodeTracesJson call on top of the copy itself (see encode-spans-json.ts).
    const out = new Uint8Array(this.pos);
    out.set(new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.pos));
    return out;
  }

  /** A view of what was written, valid only until the next write or `reset()`. */
  view(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  ensure(extra: number): void {
    const need = this.pos + extra;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    if (size > 0x7fffffff) {
      if (need > 0x7fffffff) {
        throw new OtlpxError(
          'OTLPX_ERR_ENCODE_INVALID',
          `message larger than 2 GiB (${need} bytes) cannot be encoded`,
        );
      }
      size = 0x7fffffff;
    }
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** One raw byte, e.g. a precomputed single-byte tag. */
  byte(value: number): void {
    this.ensure(1);
    this.buf[this.pos++] = value;
  }

  /** Pre-encoded bytes (cached resource, scope or attribute-key encodings). */
  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  tag(fieldNumber: number, wireType: number): void {
    this.uint32(((fieldNumber << 3) | wireType) >>> 0);
  }

  /** varint of an unsigned 32-bit value. */
  uint32(value: number): void {
    this.ensure(5);
    const buf = this.buf;
    let pos = this.pos;
    while (value > 0x7f) {
      buf[pos++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    buf[pos++] = value;
    this.pos = pos;
  }

  /** varint of a signed 32-bit value: negatives take ten bytes, as protobuf requires. */
  int32(value: number): void {
    if (value >= 0) this.uint32(value);
    else this.varint64(value >>> 0, -1);
  }

  /** varint of a non-negative integer up to 2^53 held in a JS number. */
  uint53(value: number): void {
    if (value <= 0xffffffff) {
      this.uint32(value);
      return;
    }
    this.varint64(value >>> 0, Math.floor(value / 4294967296) >>> 0);
  }

  /** varint of a 64-bit integer given as a JS number (exact up to 2^53) or a bigint. */
  int64(value: number | bigint): void {
    if (typeof value === 'bigint') {
      const v = BigInt.asUintN(64, value);
      this.varint64(Number(v & 0xffffffffn), Number(v >> 32n));
    } else if (value >= 0) {
      this.uint53(value);
    } else {
      const lo = value % 4294967296;
      const hi = Math.floor(value / 4294967296);
      this.varint64(lo >>> 0, hi >>> 0);
    }
  }

  /** zig-zag varint (sint32). */
  sint32(value: number): void {
    this.uint32(((value << 1) ^ (value >> 31)) >>> 0);
  }

  /** varint of a 64-bit value split into unsigned 32-bit halves. */
  varint64(lo: number, hi: number): void {
    this.ensure(10);
    const buf = this.buf;
    let pos = this.pos;
    lo >>>= 0;
    hi >>>= 0;
    while (hi > 0 || lo > 0x7f) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    buf[pos++] = lo;
    this.pos = pos;
  }

  fixed32(value: number): void {
    this.ensure(4);
    this.buf.writeUInt32LE(value >>> 0, this.pos);
    this.pos += 4;
  }

  /** fixed64 from unsigned 32-bit halves. */
  fixed64(lo: number, hi: number): void {
    this.ensure(8);
    const buf = this.buf;
    buf.writeUInt32LE(lo >>> 0, this.pos);
    buf.writeUInt32LE(hi >>> 0, this.pos + 4);
    this.pos += 8;
  }

  /** fixed64/sfixed64 of a bigint or a JS number (exact up to 2^53). */
  fixed64Value(value: number | bigint): void {
    if (typeof value === 'bigint') {
      const v = BigInt.asUintN(64, value);
      this.fixed64(Number(v & 0xffffffffn), Number(v >> 32n));
    } else {
      this.fixed64((value % 4294967296) >>> 0, Math.floor(value / 4294967296) >>> 0);
    }
  }

  double(value: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(value, this.pos);
    this.pos += 8;
  }

  bool(value: boolean): void {
    this.byte(value ? 1 : 0);
  }

  /**
   * A length-prefixed UTF-8 string. Short strings are encoded inline (ASCII needs no call
   * into C++); longer ones go through Buffer's native UTF-8 writer. Lone surrogates become
   * U+FFFD in both paths, exactly like TextEncoder and Buffer.from.
   */
  string(value: string): void {
    const len = value.length;
    if (len <= MAX_SHORT_STRING) {
      this.ensure(1 + len * 3);
      const buf = this.buf;
      const start = this.pos + 1;
      let pos = start;
      for (let i = 0; i < len; i++) {
        let c = value.charCodeAt(i);
        if (c < 0x80) {
          buf[pos++] = c;
        } else if (c < 0x800) {
          buf[pos++] = 0xc0 | (c >> 6);
          buf[pos++] = 0x80 | (c & 0x3f);
        } else {
          if (c >= 0xd800 && c <= 0xdfff) {
            const next = i + 1 < len ? value.charCodeAt(i + 1) : 0;
            if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
              c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
              i++;
              buf[pos++] = 0xf0 | (c >> 18);
              buf[pos++] = 0x80 | ((c >> 12) & 0x3f);
              buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
              buf[pos++] = 0x80 | (c & 0x3f);
              continue;
            }
            c = 0xfffd;
          }
          buf[pos++] = 0xe0 | (c >> 12);
          buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
          buf[pos++] = 0x80 | (c & 0x3f);
        }
      }
      buf[this.pos] = pos - start;
      this.pos = pos;
      return;
    }
    const byteLength = Buffer.byteLength(value, 'utf8');
    this.uint32(byteLength);
    this.ensure(byteLength);
    this.buf.write(value, this.pos, byteLength, 'utf8');
    this.pos += byteLength;
  }

  /** Length-prefixed bytes. */
  bytes(value: Uint8Array): void {
    this.uint32(value.length);
    this.raw(value);
  }

  /**
   * Reserves one length byte for a sub-message and returns its position. Write the
   * sub-message's fields, then call `join(start)`.
   */
  fork(): number {
    this.ensure(1);
    return this.pos++;
  }

  /** Writes the length reserved by `fork()`, moving the body when it needs more than one byte. */
  join(start: number): void {
    const len = this.pos - start - 1;
    if (len < 0x80) {
      this.buf[start] = len;
      return;
    }
    const extra = varintSize(len) - 1;
    this.ensure(extra);
    const buf = this.buf;
    buf.copyWithin(start + 1 + extra, start + 1, this.pos);
    let pos = start;
    let v = len;
    while (v > 0x7f) {
      buf[pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[pos] = v;
    this.pos += extra;
  }
}

/** Bytes a varint of an unsigned 32-bit value takes. */
export function varintSize(value: number): number {
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  return 5;
}

/** Encodes a string once into its tag + length + UTF-8 bytes, for values written many times. */
export function encodeStringField(fieldNumber: number, value: string): Uint8Array {
  const w = new ProtoWriter(16 + value.length * 3);
  w.tag(fieldNumber, 2);
  w.string(value);
  return w.finish();
}
