/**
 * gzip of a request whose middle part (the span fields) arrives piece by piece: each piece is
 * deflated on its own on libuv's thread pool as soon as it is complete, while the next one is
 * being encoded, so the export only waits for the last piece instead of compressing the whole
 * request at once. Pieces do not wait for each other (a single zlib stream would take one trip
 * through the event loop per piece), so on a loaded event loop they still finish in time, and
 * several run in parallel like pigz.
 *
 *   gzip member = header (10 bytes)
 *               + stored block, not final: the envelope in front of the spans (known only at the end)
 *               + per piece: raw deflate ended with Z_SYNC_FLUSH (byte-aligned, not final)
 *               + stored block, final: the schema URL fields after the spans (often empty)
 *               + CRC-32 and length of the whole request (zlib.crc32)
 *
 * Each piece is deflated without a dictionary, so no back-reference crosses a piece boundary and
 * the concatenation is one valid deflate stream (RFC 1951/1952) that every gunzip reads; the cost
 * is a slightly larger body (the first matches of each 64 KiB piece are literals).
 */
import * as zlib from 'node:zlib';

const HEADER = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff); // no name, mtime 0, OS unknown
const MAX_STORED = 0xffff;

export class GzipPipeline {
  readonly #level: number;
  readonly #pieces: Promise<Buffer>[] = [];
  #aborted = false;

  constructor(level: number) {
    this.#level = level;
  }

  /**
   * Starts deflating a piece of span bytes on the thread pool; they must stay unchanged until
   * `finish()` settles. With `now`, deflates it on this thread instead: for the last, small piece
   * of a batch that is about to be sent, so the export does not wait a trip through the event
   * loop (a busy application's turn can take milliseconds) for it.
   */
  write(bytes: Uint8Array, now = false): void {
    if (this.#aborted) return;
    const options = { level: this.#level, finishFlush: zlib.constants.Z_SYNC_FLUSH, chunkSize: 32 * 1024 };
    const piece = new Promise<Buffer>((resolve, reject) => {
      try {
        if (now) resolve(zlib.deflateRawSync(bytes, options));
        else zlib.deflateRaw(bytes, options, (err, out) => (err ? reject(err) : resolve(out)));
      } catch (err) {
        reject(err);
      }
    });
    piece.catch(() => {}); // awaited in finish(); a failure there means the one-shot fallback
    this.#pieces.push(piece);
  }

  /**
   * The gzip body of `request`, where `request[prefixEnd, spansEnd)` are exactly the bytes
   * written so far, in order, and the rest is stored. Falls back to a one-shot gzip if a piece
   * failed or the pipeline was aborted.
   */
  async finish(request: Uint8Array, prefixEnd: number, spansEnd: number): Promise<Uint8Array> {
    let pieces: Buffer[];
    try {
      if (this.#aborted) throw new Error('aborted');
      pieces = await Promise.all(this.#pieces);
    } catch {
      return gzipOnce(request, this.#level);
    }
    const prefix = request.subarray(0, prefixEnd);
    const suffix = request.subarray(spansEnd);
    let size = HEADER.length + storedSize(prefix.length) + storedSize(suffix.length) + 8;
    for (const piece of pieces) size += piece.length;
    const out = Buffer.allocUnsafe(size);
    out.set(HEADER, 0);
    let pos = writeStored(out, HEADER.length, prefix, false);
    for (const piece of pieces) {
      out.set(piece, pos);
      pos += piece.length;
    }
    pos = writeStored(out, pos, suffix, true);
    out.writeUInt32LE(zlib.crc32(request), pos);
    out.writeUInt32LE(request.length >>> 0, pos + 4);
    return out;
  }

  /** Drops the pieces: `finish()` then compresses the whole request at once. */
  abort(): void {
    this.#aborted = true;
    this.#pieces.length = 0;
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
