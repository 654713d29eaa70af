import { OtlpxDecodeError } from '../errors.js';
import { WireType } from './wire-type.js';

/** Limits a reader enforces so hostile input costs bounded time and memory. */
export interface ReaderLimits {
  /** Deepest sub-message nesting accepted (AnyValue arrays inside kvlists, ...). Default 64. */
  maxDepth?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const TWO_32 = 4294967296;

/**
 * A protobuf reader over one byte array. Every read checks the bytes it needs against the
 * end of the input first, so a length prefix of 100 MB in a 10-byte input fails with
 * OTLPX_ERR_DECODE_TRUNCATED before anything is allocated. Errors carry the byte offset.
 */
export class ProtoReader {
  readonly buf: Uint8Array;
  pos: number;
  readonly end: number;
  #depth = 0;
  readonly #maxDepth: number;

  constructor(bytes: Uint8Array, limits: ReaderLimits = {}) {
    this.buf = bytes;
    this.pos = 0;
    this.end = bytes.length;
    this.#maxDepth = limits.maxDepth ?? 64;
  }

  fail(code: ConstructorParameters<typeof OtlpxDecodeError>[0], message: string, offset = this.pos): never {
    throw new OtlpxDecodeError(code, message, offset);
  }

  /** Reads a field tag; returns `(fieldNumber << 3) | wireType`. */
  tag(): number {
    const at = this.pos;
    const tag = this.uint32();
    if (tag >>> 3 === 0) this.fail('OTLPX_ERR_DECODE_INVALID', 'field number 0 is not valid protobuf', at);
    return tag;
  }

  /** A varint read as unsigned 32 bits (higher bits of a longer varint are dropped, as protobuf does). */
  uint32(): number {
    const buf = this.buf;
    let pos = this.pos;
    const end = this.end;
    if (pos < end && buf[pos] < 0x80) {
      this.pos = pos + 1;
      return buf[pos];
    }
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 10; i++) {
      if (pos >= end) this.fail('OTLPX_ERR_DECODE_TRUNCATED', 'input ends inside a varint', pos);
      const b = buf[pos++];
      if (shift < 32) result |= (b & 0x7f) << shift;
      shift += 7;
      if (b < 0x80) {
        this.pos = pos;
        return result >>> 0;
      }
    }
    return this.fail('OTLPX_ERR_DECODE_VARINT', 'varint longer than 10 bytes', this.pos);
  }

  int32(): number {
    return this.uint32() | 0;
  }

  /** A varint as unsigned 32-bit halves `[lo, hi]`. */
  varint64(): [number, number] {
    const buf = this.buf;
    let pos = this.pos;
    const end = this.end;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (pos >= end) this.fail('OTLPX_ERR_DECODE_TRUNCATED', 'input ends inside a varint', pos);
      const b = buf[pos++];
      if (i < 4) lo |= (b & 0x7f) << (7 * i);
      else if (i === 4) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >> 4;
      } else hi |= (b & 0x7f) << (7 * i - 32);
      if (b < 0x80) {
        this.pos = pos;
        return [lo >>> 0, hi >>> 0];
      }
    }
    return this.fail('OTLPX_ERR_DECODE_VARINT', 'varint longer than 10 bytes', this.pos);
  }

  int64(): bigint {
    const [lo, hi] = this.varint64();
    return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
  }

  uint64(): bigint {
    const [lo, hi] = this.varint64();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** An unsigned varint that must fit a JS number exactly (counts, indices). */
  uint53(): number {
    const at = this.pos;
    const [lo, hi] = this.varint64();
    if (hi > 0x1fffff) this.fail('OTLPX_ERR_DECODE_INVALID', 'value does not fit 53 bits', at);
    return hi * TWO_32 + lo;
  }

  sint32(): number {
    const v = this.uint32();
    return (v >>> 1) ^ -(v & 1);
  }

  sint64(): bigint {
    const u = this.uint64();
    return (u >> 1n) ^ -(u & 1n);
  }

  bool(): boolean {
    const [lo, hi] = this.varint64();
    return lo !== 0 || hi !== 0;
  }

  #need(n: number): void {
    if (this.end - this.pos < n) {
      this.fail('OTLPX_ERR_DECODE_TRUNCATED', `input ends ${n - (this.end - this.pos)} byte(s) early`);
    }
  }

  fixed32(): number {
    this.#need(4);
    const b = this.buf;
    const p = this.pos;
    this.pos = p + 4;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
  }

  sfixed32(): number {
    return this.fixed32() | 0;
  }

  fixed64(): bigint {
    const lo = this.fixed32();
    const hi = this.fixed32();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  sfixed64(): bigint {
    return BigInt.asIntN(64, this.fixed64());
  }

  double(): number {
    this.#need(8);
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8);
    this.pos += 8;
    return view.getFloat64(0, true);
  }

  float(): number {
    this.#need(4);
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 4);
    this.pos += 4;
    return view.getFloat32(0, true);
  }

  /** Reads a length prefix, checks it against the input, and returns the end of the body. */
  lengthDelimited(): number {
    const at = this.pos;
    const len = this.uint32();
    if (len > this.end - this.pos) {
      this.fail(
        'OTLPX_ERR_DECODE_TRUNCATED',
        `length prefix says ${len} bytes but only ${this.end - this.pos} remain`,
        at,
      );
    }
    return this.pos + len;
  }

  /** Length-prefixed bytes, copied (the result never pins the input buffer). */
  bytes(): Uint8Array {
    const end = this.lengthDelimited();
    // Uint8Array#slice copies even when the input is a Buffer (Buffer#slice would be a view).
    const out = Uint8Array.prototype.slice.call(this.buf, this.pos, end);
    this.pos = end;
    return out;
  }

  /** A length-prefixed string; invalid UTF-8 is an error, never silently replaced. */
  string(): string {
    const end = this.lengthDelimited();
    const start = this.pos;
    this.pos = end;
    if (end === start) return '';
    // ASCII fast path: short strings are cheaper to build in JS than through TextDecoder.
    if (end - start < 32) {
      const buf = this.buf;
      let ascii = true;
      for (let i = start; i < end; i++) {
        if (buf[i] >= 0x80) {
          ascii = false;
          break;
        }
      }
      if (ascii) return String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
    }
    try {
      return utf8.decode(this.buf.subarray(start, end));
    } catch {
      return this.fail('OTLPX_ERR_DECODE_UTF8', 'string field is not valid UTF-8', start);
    }
  }

  /** Enters a sub-message; returns its end. Pair with `leave()`. */
  enter(): number {
    if (++this.#depth > this.#maxDepth) {
      this.fail('OTLPX_ERR_DECODE_DEPTH', `messages nested deeper than ${this.#maxDepth} levels`);
    }
    return this.lengthDelimited();
  }

  /** Leaves a sub-message: the body must end exactly at `end`. */
  leave(end: number): void {
    this.#depth--;
    if (this.pos !== end) this.fail('OTLPX_ERR_DECODE_INVALID', 'sub-message overruns its length prefix');
  }

  /** Fails unless a field has the wire type the schema gives it. */
  expect(tag: number, wireType: number): void {
    if ((tag & 7) !== wireType) {
      this.fail(
        'OTLPX_ERR_DECODE_WIRE_TYPE',
        `field ${tag >>> 3} has wire type ${tag & 7}, expected ${wireType}`,
      );
    }
  }

  /** Skips an unknown field (proto3 keeps going past fields it does not know). */
  skip(tag: number): void {
    switch (tag & 7) {
      case WireType.Varint:
        this.varint64();
        return;
      case WireType.Fixed64:
        this.#need(8);
        this.pos += 8;
        return;
      case WireType.LengthDelimited:
        this.pos = this.lengthDelimited();
        return;
      case WireType.Fixed32:
        this.#need(4);
        this.pos += 4;
        return;
      case WireType.StartGroup:
        this.#skipGroup(tag >>> 3);
        return;
      default:
        this.fail('OTLPX_ERR_DECODE_WIRE_TYPE', `unexpected wire type ${tag & 7} for field ${tag >>> 3}`);
    }
  }

  #skipGroup(fieldNumber: number): void {
    if (++this.#depth > this.#maxDepth) {
      this.fail('OTLPX_ERR_DECODE_DEPTH', `groups nested deeper than ${this.#maxDepth} levels`);
    }
    for (;;) {
      if (this.pos >= this.end) this.fail('OTLPX_ERR_DECODE_TRUNCATED', `group ${fieldNumber} is not closed`);
      const tag = this.tag();
      if ((tag & 7) === WireType.EndGroup) {
        if (tag >>> 3 !== fieldNumber) this.fail('OTLPX_ERR_DECODE_INVALID', 'mismatched end-group tag');
        this.#depth--;
        return;
      }
      this.skip(tag);
    }
  }

  /**
   * Reads a repeated scalar that may come packed (one LEN field) or one value per tag:
   * decoders must accept both. `read` consumes one value.
   */
  repeated<T>(tag: number, scalarWireType: number, out: T[], read: () => T): void {
    if ((tag & 7) === WireType.LengthDelimited && scalarWireType !== WireType.LengthDelimited) {
      const end = this.lengthDelimited();
      while (this.pos < end) out.push(read());
      if (this.pos !== end) this.fail('OTLPX_ERR_DECODE_INVALID', 'packed field overruns its length prefix');
      return;
    }
    this.expect(tag, scalarWireType);
    out.push(read());
  }
}
