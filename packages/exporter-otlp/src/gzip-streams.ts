/**
 * gzip on the thread pool with zlib streams that are kept and reused, one request at a time
 * each: the stream deflates every write with Z_FINISH (its default flush flag), so one `write`
 * gives one whole gzip member before the write callback; `reset()` readies it for the next.
 *
 * Why not `zlib.gzip(body)`: each call creates a zlib stream (deflateInit allocates and clears
 * about 270 KB, freed again at the end) and the main thread pays for it, and for each 16 KiB of
 * output, one trip through the event loop. Measured per 512-span request (256 KB) on the 2-core
 * test VM, main thread / all threads: `zlib.gzip` 191 / 1203 µs, with one 128 KiB output chunk
 * 153 / 1159 µs, this reused stream 77 / 1058 µs (`benchmarks/export-e2e/gzip-main-thread.mjs`,
 * load 1.1).
 * On two cores the main thread is what limits an exporter, so this is throughput.
 *
 * At most MAX_IDLE streams per level wait between requests (about 400 KB each: zlib state plus
 * the output chunk); a stream that failed is destroyed, never reused.
 */
import * as zlib from 'node:zlib';

const CHUNK_BYTES = 128 * 1024;
const MAX_IDLE = 4;

interface Job {
  chunks: Buffer[];
  size: number;
  resolve(out: Buffer): void;
  reject(err: Error): void;
}

class GzipStream {
  // Gzip streams have reset() at run time (deflateReset: the next write starts a new member with
  // its own header); @types/node only declares it on Deflate and Inflate.
  readonly #stream: zlib.Gzip & zlib.ZlibReset;
  #job: Job | undefined;
  broken = false;

  constructor(level: number) {
    this.#stream = zlib.createGzip({
      level,
      chunkSize: CHUNK_BYTES,
      flush: zlib.constants.Z_FINISH,
    }) as zlib.Gzip & zlib.ZlibReset;
    // Flowing mode: output is handed over as zlib produces it, so the write callback cannot wait
    // on a reader (a paused stream would hold it back once the output passes highWaterMark).
    this.#stream.on('data', (chunk: Buffer) => {
      if (this.#job === undefined) return;
      this.#job.chunks.push(chunk);
      this.#job.size += chunk.length;
    });
    this.#stream.on('error', (err: Error) => {
      this.broken = true;
      const job = this.#job;
      this.#job = undefined;
      job?.reject(err);
    });
  }

  /** The gzip member of `body`. One at a time per stream. */
  compress(body: Uint8Array): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      const job: Job = { chunks: [], size: 0, resolve, reject };
      this.#job = job;
      const done = (err?: Error | null) => {
        if (this.#job !== job) return; // failed meanwhile: already rejected
        this.#job = undefined;
        if (err) {
          this.broken = true;
          job.reject(err);
          return;
        }
        // A copy of exactly the output, so a request does not keep a whole 128 KiB chunk alive.
        job.resolve(Buffer.concat(job.chunks, job.size));
        this.#stream.reset();
      };
      try {
        this.#stream.write(body, done);
      } catch (err) {
        done(err as Error); // not bytes: the stream is not trusted again
      }
    });
  }

  destroy(): void {
    this.broken = true;
    this.#stream.destroy();
  }
}

const idle = new Map<number, GzipStream[]>();

/** gzip of `body` at `level` (0-9) on the thread pool, through a reused zlib stream. */
export async function gzipReusing(body: Uint8Array, level: number): Promise<Buffer> {
  const stream = idle.get(level)?.pop() ?? new GzipStream(level); // throws on a bad level: nothing kept
  try {
    return await stream.compress(body);
  } finally {
    let waiting = idle.get(level);
    if (waiting === undefined) {
      waiting = [];
      idle.set(level, waiting);
    }
    if (!stream.broken && waiting.length < MAX_IDLE) waiting.push(stream);
    else stream.destroy();
  }
}

/** Streams waiting for a request, all levels (for tests). */
export function idleGzipStreams(): number {
  let n = 0;
  for (const list of idle.values()) n += list.length;
  return n;
}
