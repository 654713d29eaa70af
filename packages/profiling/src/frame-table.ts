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
  readonly #stackIndex = new Map<string, number>();
  readonly #mapper: FrameMapper | undefined;
  readonly #maxStacks: number;
  /** Distinct stacks refused by the cap. */
  stacksDropped = 0;

  constructor(mapper: FrameMapper | undefined, maxStacks: number) {
    this.#mapper = mapper;
    this.#maxStacks = maxStacks;
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

  /** Stack index of frame indices (leaf first), or -1 when over `maxStacks`. */
  stack(frames: number[]): number {
    const key = frames.join(',');
    let index = this.#stackIndex.get(key);
    if (index === undefined) {
      if (this.stacks.length >= this.#maxStacks) {
        this.stacksDropped++;
        return -1;
      }
      index = this.stacks.push(Int32Array.from(frames)) - 1;
      this.#stackIndex.set(key, index);
    }
    return index;
  }
}

/** `file:///app/x.js` -> `/app/x.js`; other URLs (node:internal, http) unchanged. */
function fileOf(url: string): string {
  if (url.startsWith('file://')) {
    try {
      return decodeURIComponent(new URL(url).pathname);
    } catch {
      return url;
    }
  }
  return url;
}
