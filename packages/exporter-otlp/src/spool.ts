/**
 * Durable mode's on-disk spool: one file per batch that could not be delivered, written so that
 * a `kill -9` at any moment leaves either the whole record or nothing, and a damaged file is
 * recognised instead of sent.
 *
 * Record (little-endian):  "OTXS" | version u8 = 1 | signal u8 | protocol u8 | 0 u8 |
 *                          body length u32 | CRC-32 of body u32 | items u32 | body
 *
 * A write goes to `<name>.tmp`, is fsync'ed, renamed to `<name>.otlpx`, and the directory is
 * fsync'ed: only then does `write()` resolve true ("acknowledged"). Leftover .tmp files are torn
 * writes and are deleted on start; a record whose length or checksum does not match is reported
 * (OTLPX_ERR_SPOOL_CORRUPT) and deleted. The spool holds at most `maxBytes`; a batch that does
 * not fit is refused (the caller counts it as failed), never an older one evicted.
 *
 * One process per directory: the spool does not lock against a second writer.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import type { Protocol, Signal } from './config.js';
import { report } from './errors.js';

const MAGIC = 0x5358544f; // "OTXS" read as u32 LE
const HEADER = 20;
const SIGNALS: Signal[] = ['traces', 'metrics', 'logs', 'profiles'];
const PROTOCOLS: Protocol[] = ['http/protobuf', 'http/json'];
const crc32 = (zlib as unknown as { crc32: (data: Uint8Array) => number }).crc32;

export interface SpoolRecord {
  readonly name: string;
  readonly signal: Signal;
  readonly protocol: Protocol;
  /** Spans, data points, records or profiles in the batch. */
  readonly items: number;
  readonly body: Uint8Array;
}

export interface SpoolOptions {
  /** Directory of the spool; created if missing. One process per directory. */
  directory: string;
  /** Bytes the spool may hold on disk. Default 64 MiB. */
  maxBytes?: number;
  /** Wait between attempts to re-send spooled batches while the receiver is down, ms. Default 5000. */
  replayIntervalMillis?: number;
}

export class Spool {
  readonly directory: string;
  readonly maxBytes: number;
  #bytes = 0;
  #seq = 0;

  constructor(options: SpoolOptions) {
    this.directory = options.directory;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    mkdirSync(this.directory, { recursive: true });
    for (const name of readdirSync(this.directory)) {
      const path = join(this.directory, name);
      if (name.endsWith('.tmp'))
        unlinkSync(path); // a write that never completed: not acknowledged
      else if (name.endsWith('.otlpx')) this.#bytes += statSync(path).size;
    }
  }

  /** Bytes the spool holds. */
  get bytes(): number {
    return this.#bytes;
  }

  /**
   * Writes one batch durably. Resolves true once it is on disk (fsync'ed file and directory),
   * false when it does not fit or the disk refused it (reported).
   */
  async write(signal: Signal, protocol: Protocol, body: Uint8Array, items: number): Promise<boolean> {
    const size = HEADER + body.length;
    if (this.#bytes + size > this.maxBytes) {
      report(
        'warn',
        'OTLPX_ERR_SPOOL_IO',
        `spool ${this.directory} is full (${this.#bytes} of ${this.maxBytes} bytes): batch not spooled`,
      );
      return false;
    }
    const header = Buffer.alloc(HEADER);
    header.writeUInt32LE(MAGIC, 0);
    header[4] = 1;
    header[5] = SIGNALS.indexOf(signal);
    header[6] = PROTOCOLS.indexOf(protocol);
    header.writeUInt32LE(body.length, 8);
    header.writeUInt32LE(crc32(body), 12);
    header.writeUInt32LE(items >>> 0, 16);
    // Names sort in write order: time, then a per-process sequence, then the pid.
    const name = `${signal}-${Date.now().toString().padStart(15, '0')}-${(this.#seq++).toString().padStart(8, '0')}-${process.pid}`;
    const tmp = join(this.directory, `${name}.tmp`);
    this.#bytes += size; // reserved now, so concurrent writes respect maxBytes
    try {
      // File I/O on the thread pool: fsync can take milliseconds and must not stall the loop.
      const file = await open(tmp, 'w');
      try {
        await file.writev([header, body]);
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(tmp, join(this.directory, `${name}.otlpx`));
      await syncDirectory(this.directory);
    } catch (err) {
      this.#bytes -= size;
      report(
        'error',
        'OTLPX_ERR_SPOOL_IO',
        `cannot write to spool ${this.directory}: ${(err as Error).message}`,
      );
      await unlink(tmp).catch(() => {});
      return false;
    }
    return true;
  }

  /** Names of the records of `signal`, oldest first. */
  list(signal: Signal): string[] {
    return readdirSync(this.directory)
      .filter((n) => n.startsWith(`${signal}-`) && n.endsWith('.otlpx'))
      .sort();
  }

  /** Reads and checks one record; a damaged one is reported, deleted, and undefined returned. */
  read(name: string): SpoolRecord | undefined {
    const path = join(this.directory, name);
    let data: Buffer;
    try {
      data = readFileSync(path);
    } catch (err) {
      report('error', 'OTLPX_ERR_SPOOL_IO', `cannot read spooled batch ${name}: ${(err as Error).message}`);
      return undefined;
    }
    const problem = check(data);
    if (problem) {
      report('error', 'OTLPX_ERR_SPOOL_CORRUPT', `spooled batch ${name} is damaged (${problem}); deleted`);
      this.remove(name);
      return undefined;
    }
    return {
      name,
      signal: SIGNALS[data[5]],
      protocol: PROTOCOLS[data[6]],
      items: data.readUInt32LE(16),
      body: new Uint8Array(data.buffer, data.byteOffset + HEADER, data.length - HEADER),
    };
  }

  remove(name: string): void {
    const path = join(this.directory, name);
    try {
      const size = statSync(path).size;
      unlinkSync(path);
      this.#bytes = Math.max(0, this.#bytes - size);
    } catch {
      // already gone
    }
  }
}

function check(data: Buffer): string | undefined {
  if (data.length < HEADER) return 'shorter than its header';
  if (data.readUInt32LE(0) !== MAGIC) return 'not a spool record';
  if (data[4] !== 1) return `unknown version ${data[4]}`;
  if (SIGNALS[data[5]] === undefined || PROTOCOLS[data[6]] === undefined) return 'unknown signal or protocol';
  const length = data.readUInt32LE(8);
  if (data.length - HEADER !== length) return `length ${data.length - HEADER}, header says ${length}`;
  if (crc32(data.subarray(HEADER)) !== data.readUInt32LE(12)) return 'checksum mismatch';
  return undefined;
}

async function syncDirectory(directory: string): Promise<void> {
  const dir = await open(directory, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
