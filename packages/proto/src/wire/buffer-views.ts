const EMPTY_BYTES = new Uint8Array(0);
const EMPTY_DATA = new DataView(EMPTY_BYTES.buffer);

/**
 * A plain Uint8Array and a DataView over a writer's growing Buffer, made when first asked for and
 * again after the buffer grew. TypedArray#set on the plain view ran 2x faster than on the Buffer
 * subclass (small constant byte strings, keys), and DataView writes int32 words (packed-bytes.ts,
 * bulk ids). Kept per writer, not per encoder module: FastSpanProcessor writes interleaved spans
 * of several scopes into one writer per scope, and a single module-level view was rebuilt at
 * almost every span (2.3 % of the main thread's profile with four scopes).
 */
export class BufferViews {
  #viewed: Buffer | undefined;
  #bytes: Uint8Array = EMPTY_BYTES;
  #data: DataView = EMPTY_DATA;

  /** `buf` as a plain Uint8Array over the same memory. */
  bytes(buf: Buffer): Uint8Array {
    if (buf !== this.#viewed) this.#view(buf);
    return this.#bytes;
  }

  /** A DataView of `buf`. */
  data(buf: Buffer): DataView {
    if (buf !== this.#viewed) this.#view(buf);
    return this.#data;
  }

  #view(buf: Buffer): void {
    this.#viewed = buf;
    this.#bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
    this.#data = new DataView(buf.buffer, buf.byteOffset, buf.length);
  }
}
