import { backend, hash64Batch } from '@otlpx/simd';
import type { V8CallFrame } from './engine.js';
import type { Frame } from './profile.js';

/** Maps a generated frame to its original (source maps); returns the frame unchanged when it cannot. */
export type FrameMapper = (frame: Frame) => Frame;

/**
 * Deduplicated frames and stacks of one profile. V8 node ids map to stack indices once, so a
 * profile of N samples over K tree nodes costs K stack walks, not N.
 */
export class FrameTable {
  readonly frames: Frame[] = [];
  readonly stacks: Int32Array[] = [];
  readonly #frameIndex = new Map<string, number>();
  /** 53 bits of a stack's hash -> its index; exact string keys for hash collisions (or all, unhashed). */
  readonly #stackIndex = new Map<number, number>();
  readonly #collided = new Map<string, number>();
  readonly #mapper: FrameMapper | undefined;
  readonly #maxStacks: number;
  /** Distinct stacks refused by the cap. */
  stacksDropped = 0;

  readonly #hashStacks: boolean;

  /** `hashStacks`: dedupe stacks by hash (default: unless @otlpx/simd runs its js backend). */
  constructor(mapper: FrameMapper | undefined, maxStacks: number, hashStacks = backend !== 'js') {
    this.#mapper = mapper;
    this.#maxStacks = maxStacks;
    this.#hashStacks = hashStacks;
  }

  /**
   * Frame index of a V8 call frame (0-based positions become 1-based; unknown is 0). With
   * `sampledLine` (1-based, from position ticks) the frame carries that line, column 0, and the
   * function's own line as `startLine`.
   */
  frame(callFrame: V8CallFrame, sampledLine?: number): number {
    let frame: Frame = {
      function: callFrame.functionName || '(anonymous)',
      file: fileOf(callFrame.url),
      line: callFrame.lineNumber >= 0 ? callFrame.lineNumber + 1 : 0,
      column: callFrame.columnNumber >= 0 ? callFrame.columnNumber + 1 : 0,
    };
    if (sampledLine !== undefined && sampledLine > 0) {
      const at = this.#map({ ...frame, line: sampledLine, column: 0 });
      frame = this.#map(frame);
      frame = { function: frame.function, file: frame.file, line: at.line, column: 0, startLine: frame.line };
    } else frame = this.#map(frame);
    const key = `${frame.function}\0${frame.file}\0${frame.line}\0${frame.column}\0${frame.startLine ?? -1}`;
    let index = this.#frameIndex.get(key);
    if (index === undefined) {
      index = this.frames.push(frame) - 1;
      this.#frameIndex.set(key, index);
    }
    return index;
  }

  #map(frame: Frame): Frame {
    return this.#mapper && frame.file ? this.#mapper(frame) : frame;
  }

  /**
   * Stack index of each frame-index list (leaf first), or -1 when over `maxStacks`; new stacks are
   * numbered in list order. With a native or wasm @otlpx/simd backend all lists are hashed in one
   * call (`hash64Batch`, wyhash of the int32 frame indices) and deduplicated by 53 bits of the
   * hash, each hit checked frame by frame (a collision falls back to an exact string key); with
   * the js backend, whose hash is slower than the string key, each list's `frames.join(',')` is
   * the Map key. Measured in benchmarks/profiler-overhead/profile-build.mjs (README there).
   */
  stacksOf(lists: readonly (readonly number[])[]): Int32Array {
    const n = lists.length;
    const out = new Int32Array(n);
    if (n === 0) return out;
    if (!this.#hashStacks) {
      for (let i = 0; i < n; i++) {
        const key = lists[i].join(',');
        let index = this.#collided.get(key);
        if (index === undefined) {
          index = this.#add(lists[i]);
          if (index >= 0) this.#collided.set(key, index);
        }
        out[i] = index;
      }
      return out;
    }
    let total = 0;
    for (let i = 0; i < n; i++) total += lists[i].length;
    const words = new Int32Array(total);
    const offsets = new Uint32Array(n + 1);
    let at = 0;
    for (let i = 0; i < n; i++) {
      offsets[i] = at * 4;
      const frames = lists[i];
      for (let j = 0; j < frames.length; j++) words[at + j] = frames[j];
      at += frames.length;
    }
    offsets[n] = at * 4;
    const hashes = hash64Batch(new Uint8Array(words.buffer), offsets);
    const halves = new Uint32Array(hashes.buffer, hashes.byteOffset, 2 * n);
    for (let i = 0; i < n; i++) {
      const key = (halves[2 * i + 1] & 0x1fffff) * 0x100000000 + halves[2 * i];
      const frames = lists[i];
      let index = this.#stackIndex.get(key);
      if (index !== undefined && !sameFrames(this.stacks[index], frames)) {
        index = this.#collided.get(frames.join(','));
        if (index === undefined) {
          index = this.#add(frames);
          if (index >= 0) this.#collided.set(frames.join(','), index);
        }
      } else if (index === undefined) {
        index = this.#add(frames);
        if (index >= 0) this.#stackIndex.set(key, index);
      }
      out[i] = index;
    }
    return out;
  }

  #add(frames: readonly number[]): number {
    if (this.stacks.length >= this.#maxStacks) {
      this.stacksDropped++;
      return -1;
    }
    return this.stacks.push(Int32Array.from(frames)) - 1;
  }
}

function sameFrames(a: Int32Array, b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Paths of the URLs seen (a profile has a few hundred scripts and tens of thousands of frames). */
const pathOfUrl = new Map<string, string>();

/** `file:///app/x.js` -> `/app/x.js`; other URLs (node:internal, http) unchanged. */
export function fileOf(url: string): string {
  if (!url.startsWith('file://')) return url;
  let path = pathOfUrl.get(url);
  if (path === undefined) {
    try {
      path = decodeURIComponent(new URL(url).pathname);
    } catch {
      path = url;
    }
    if (pathOfUrl.size >= 10_000) pathOfUrl.clear();
    pathOfUrl.set(url, path);
  }
  return path;
}
