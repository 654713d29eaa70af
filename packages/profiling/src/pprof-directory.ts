import { mkdirSync, readdirSync, unlinkSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Profile } from './profile.js';

const gzipAsync = promisify(gzip);

/**
 * A directory of pprof files, `<time>-<kind>-thread<id>-<n>.pb.gz` (names sort by time), keeping
 * the newest `keep`. Gzip runs on libuv's pool, not on the event loop.
 */
export class PprofDirectory {
  readonly #dir: string;
  readonly #keep: number;

  constructor(dir: string, keep: number) {
    mkdirSync(dir, { recursive: true });
    this.#dir = dir;
    this.#keep = keep;
  }

  /**
   * Writes `pprof`, the encoding of `profile` (made by the caller, in slices; `profile` names the
   * file); rejects on failure (the caller counts it).
   */
  async write(profile: Profile, sequence: number, pprof: Uint8Array): Promise<void> {
    const bytes = await gzipAsync(pprof);
    const time = new Date(Number(profile.startTimeUnixNano / 1_000_000n)).toISOString().replace(/[:.]/g, '-');
    const name = `${time}-${profile.kind}-thread${profile.attributes['thread.id']}-${sequence}.pb.gz`;
    await writeFile(join(this.#dir, name), bytes);
    this.#prune();
  }

  #prune(): void {
    const files = readdirSync(this.#dir)
      .filter((f) => f.endsWith('.pb.gz'))
      .sort();
    for (let i = 0; i < files.length - this.#keep; i++) {
      try {
        unlinkSync(join(this.#dir, files[i]));
      } catch {
        // already gone
      }
    }
  }
}
