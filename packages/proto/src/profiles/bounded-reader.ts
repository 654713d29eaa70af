import { ProtoReader, type ReaderLimits } from '../wire/reader.js';
import { WireType } from '../wire/wire-type.js';

/** Limits of the profiles and pprof decoders. */
export interface ProfilesDecodeLimits extends ReaderLimits {
  /**
   * Most sub-messages (samples, locations, lines, ...) one input may hold. An empty message
   * costs two input bytes but a JS object of ~100-200 bytes, so a receiver of untrusted input
   * should set this to what it is ready to hold. Default 16,777,216.
   */
  maxMessages?: number;
}

const DEFAULT_MAX_MESSAGES = 16_777_216;
const TWO_32 = 4294967296;

/**
 * A ProtoReader that counts the sub-messages it enters and fails with
 * OTLPX_ERR_DECODE_TOO_LARGE past `maxMessages`, and reads the 64-bit integers that the
 * profiles and pprof models keep as JS numbers (with a range check, never rounding).
 */
export class BoundedReader extends ProtoReader {
  #budget: number;
  readonly #maxMessages: number;

  readonly #view: DataView;

  constructor(bytes: Uint8Array, limits: ProfilesDecodeLimits = {}) {
    // A plain Uint8Array view: on a Node Buffer, slice() would return a view into the input
    // instead of a copy, and decoded bytes fields (ids, payloads) would pin and alias it.
    super(
      Buffer.isBuffer(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes,
      limits,
    );
    this.#view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    this.#maxMessages = limits.maxMessages ?? DEFAULT_MAX_MESSAGES;
    this.#budget = this.#maxMessages;
  }

  /**
   * fixed64 through one DataView read: 1.4-1.8x faster than building the bigint from two
   * 32-bit halves (200,000 timestamps, Node 20; timeline profiles carry one per sample).
   */
  override fixed64(): bigint {
    const p = this.pos;
    if (this.end - p < 8) return super.fixed64(); // fails with the truncation error
    this.pos = p + 8;
    return this.#view.getBigUint64(p, true);
  }

  override enter(): number {
    if (--this.#budget < 0) {
      this.fail('OTLPX_ERR_DECODE_TOO_LARGE', `more than ${this.#maxMessages} messages (limits.maxMessages)`);
    }
    return super.enter();
  }

  /** An int64 varint that must be a safe integer (|v| <= 2^53 - 1). */
  int53(): number {
    const at = this.pos;
    // One-byte values (counts, small indices, line numbers < 128) skip the 64-bit path, which
    // allocates: decoding 20,000 timeline samples went from 68 to 37 ms with this branch.
    if (at < this.end && this.buf[at] < 0x80) {
      this.pos = at + 1;
      return this.buf[at];
    }
    const [lo, hi] = this.varint64();
    if (hi <= 0x1fffff) return hi * TWO_32 + lo;
    const v = (hi - TWO_32) * TWO_32 + lo;
    if (hi < 0xffe00000 || !Number.isSafeInteger(v)) {
      this.fail(
        'OTLPX_ERR_DECODE_INVALID',
        'int64 value is beyond +-(2^53 - 1), the exact range of a JS number',
        at,
      );
    }
    return v;
  }

  /**
   * Repeated int32, packed or one value per tag. Returns the array to keep: `out` with the
   * values appended, or (when `out` is empty and the field is packed) a new array of exactly
   * the right length, so a million one-value samples do not each carry a 17-slot backing store.
   */
  int32s(tag: number, out: number[]): number[] {
    return this.#varints(tag, out, 0);
  }

  /** Repeated int64 kept as numbers (int53), packed or one value per tag; see int32s(). */
  int53s(tag: number, out: number[]): number[] {
    return this.#varints(tag, out, 1);
  }

  /** Repeated uint64 kept as numbers (uint53), packed or one value per tag; see int32s(). */
  uint53s(tag: number, out: number[]): number[] {
    return this.#varints(tag, out, 2);
  }

  #varint(kind: number): number {
    const p = this.pos;
    if (p < this.end && this.buf[p] < 0x80) {
      this.pos = p + 1;
      return this.buf[p];
    }
    return kind === 0 ? this.int32() : kind === 1 ? this.int53() : this.uint53();
  }

  #varints(tag: number, out: number[], kind: number): number[] {
    if ((tag & 7) !== WireType.LengthDelimited) {
      this.expect(tag, WireType.Varint);
      out.push(this.#varint(kind));
      return out;
    }
    const end = this.lengthDelimited();
    if (out.length === 0) {
      // Every varint ends with one byte below 0x80: count them for the exact length.
      const buf = this.buf;
      let n = 0;
      for (let i = this.pos; i < end; i++) if (buf[i] < 0x80) n++;
      const exact = new Array<number>(n);
      for (let i = 0; i < n; i++) exact[i] = this.#varint(kind);
      this.#packedEnd(end);
      return exact;
    }
    while (this.pos < end) out.push(this.#varint(kind));
    this.#packedEnd(end);
    return out;
  }

  /** Repeated fixed64 as bigints, packed or one value per tag. */
  fixed64s(tag: number, out: bigint[]): bigint[] {
    if ((tag & 7) !== WireType.LengthDelimited) {
      this.expect(tag, WireType.Fixed64);
      out.push(this.fixed64());
      return out;
    }
    const at = this.pos;
    const end = this.lengthDelimited();
    const n = (end - this.pos) / 8;
    if (!Number.isInteger(n)) {
      this.fail('OTLPX_ERR_DECODE_INVALID', 'packed fixed64 field length is not a multiple of 8', at);
    }
    const target = out.length === 0 ? new Array<bigint>(n) : out;
    let k = out.length === 0 ? 0 : out.length;
    for (let i = 0; i < n; i++) target[k++] = this.fixed64();
    return target;
  }

  #packedEnd(end: number): void {
    if (this.pos !== end) this.fail('OTLPX_ERR_DECODE_INVALID', 'packed field overruns its length prefix');
  }
}
