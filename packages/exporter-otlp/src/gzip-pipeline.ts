/**
 * gzip of a request whose middle part (the span fields) arrives piece by piece: each piece is
 * deflated on libuv's thread pool while the next one is being encoded, so the export only waits
 * for the last piece instead of compressing the whole request at once.
 *
 *   gzip member = header (10 bytes)
 *               + stored block, not final: the envelope in front of the spans (known only at the end)
 *               + raw deflate of the span bytes, ended with Z_SYNC_FLUSH (byte-aligned, not final)
 *               + stored block, final: the schema URL fields after the spans (often empty)
 *               + CRC-32 and length of the whole request (zlib.crc32)
 *
 * Deflate distances are relative, so the span stream stays valid behind the prefix block; every
 * gunzip reads the member as one stream (RFC 1951/1952).
 */
import * as zlib from 'node:zlib';

const HEADER = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff); // no name, mtime 0, OS unknown
const SYNC_MARKER = 0xffff0000; // 00 00 ff ff: the empty stored block that ends a sync flush
const MAX_STORED = 0xffff;

export class GzipPipeline {
  readonly #level: number;
  #streamOrUndefined: zlib.DeflateRaw | undefined;
  readonly #out: Buffer[] = [];
  #outBytes = 0;
  #error: Error | undefined;
  #onData: (() => void) | undefined;

  constructor(level: number) {
    this.#level = level;
  }

  /** The deflate stream, made on first use (an empty batch costs no zlib state). */
  get #stream(): zlib.DeflateRaw {
    if (this.#streamOrUndefined !== undefined) return this.#streamOrUndefined;
    const stream = zlib.createDeflateRaw({ level: this.#level, chunkSize: 64 * 1024 });
    stream.on('data', (chunk: Buffer) => {
      this.#out.push(chunk);
      this.#outBytes += chunk.length;
      this.#onData?.();
    });
    stream.on('error', (err) => {
      this.#error = err;
      this.#onData?.();
    });
    stream.on('close', () => {
      this.#error ??= new Error('deflate stream closed');
      this.#onData?.();
    });
    this.#streamOrUndefined = stream;
    return stream;
  }

  /** Queues span bytes; they must stay unchanged until `finish()` settles. */
  write(bytes: Uint8Array): void {
    if (this.#error !== undefined) return;
    try {
      this.#stream.write(bytes);
    } catch (err) {
      this.#error = err as Error; // finish() falls back to a one-shot gzip
    }
  }

  /**
   * The gzip body of `request`, where `request[prefixEnd, spansEnd)` are exactly the bytes
   * written so far and the rest is stored. Falls back to a one-shot gzip if the stream failed.
   */
  async finish(request: Uint8Array, prefixEnd: number, spansEnd: number): Promise<Uint8Array> {
    try {
      if (this.#error) throw this.#error;
      await this.#flush();
    } catch {
      this.abort();
      return gzipOnce(request, this.#level);
    }
    const prefix = request.subarray(0, prefixEnd);
    const suffix = request.subarray(spansEnd);
    const storedPrefix = storedSize(prefix.length);
    const size = HEADER.length + storedPrefix + this.#outBytes + storedSize(suffix.length) + 8;
    const out = Buffer.allocUnsafe(size);
    out.set(HEADER, 0);
    let pos = writeStored(out, HEADER.length, prefix, false);
    for (const chunk of this.#out) {
      out.set(chunk, pos);
      pos += chunk.length;
    }
    pos = writeStored(out, pos, suffix, true);
    out.writeUInt32LE(zlib.crc32(request), pos);
    out.writeUInt32LE(request.length >>> 0, pos + 4);
    this.#stream.destroy();
    return out.subarray(0, pos + 8);
  }

  #flush(): Promise<void> {
    const stream = this.#stream;
    if (stream.destroyed) return Promise.reject(new Error('deflate stream closed'));
    return new Promise<void>((resolve, reject) => {
      const done = () => {
        if (this.#error) {
          this.#onData = undefined;
          reject(this.#error);
        } else if (this.#endsWithMarker()) {
          this.#onData = undefined;
          resolve();
        }
      };
      this.#onData = () => {
        if (this.#error) done(); // closed or failed before the flush finished
      };
      stream.flush(zlib.constants.Z_SYNC_FLUSH, () => {
        // The flushed output is pushed before this callback; wait for it if it was not.
        this.#onData = done;
        done();
      });
    });
  }

  /** Whether the output so far ends with 00 00 ff ff (possibly split across chunks). */
  #endsWithMarker(): boolean {
    let value = 0;
    let have = 0;
    for (let i = this.#out.length - 1; i >= 0 && have < 4; i--) {
      const chunk = this.#out[i];
      for (let j = chunk.length - 1; j >= 0 && have < 4; j--) {
        value = (value << 8) | chunk[j];
        have++;
      }
    }
    return have === 4 && value >>> 0 === SYNC_MARKER;
  }

  /** Stops the stream; its output is discarded. */
  abort(): void {
    this.#streamOrUndefined?.destroy();
  }
}

function storedSize(n: number): number {
  return Math.max(1, Math.ceil(n / MAX_STORED)) * 5 + n;
}

/** Writes `data` as stored deflate blocks (at least one), the last one final when `final`. */
function writeStored(out: Buffer, pos: number, data: Uint8Array, final: boolean): number {
  let offset = 0;
  do {
    const n = Math.min(MAX_STORED, data.length - offset);
    const last = offset + n === data.length;
    out[pos] = final && last ? 1 : 0; // BFINAL, BTYPE 00 (stored); the rest of the byte is padding
    out.writeUInt16LE(n, pos + 1);
    out.writeUInt16LE(~n & 0xffff, pos + 3);
    out.set(data.subarray(offset, offset + n), pos + 5);
    pos += 5 + n;
    offset += n;
  } while (offset < data.length);
  return pos;
}

function gzipOnce(request: Uint8Array, level: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) =>
    zlib.gzip(request, { level }, (err, out) => (err ? reject(err) : resolve(out))),
  );
}
