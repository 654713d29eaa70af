import type { V8CpuProfile, V8CpuProfileNode } from './engine.js';
import { type FrameMapper, FrameTable } from './frame-table.js';
import { v8MicrosToPerfMillis, v8MicrosToUnixNanos } from './monotonic-clock.js';
import type { Profile } from './profile.js';
import { type SpanTimeline, spanRefOf } from './span-timeline.js';
import { runToEnd, type Steps } from './time-slice.js';

export interface CpuConvertOptions {
  intervalMicros: number;
  timeline?: SpanTimeline;
  mapper?: FrameMapper;
  maxSamples: number;
  maxStacks: number;
  /** Keep `(idle)` samples (wall-clock view). Default false: CPU view. */
  keepIdle: boolean;
  attributes: Record<string, string | number>;
  /** Cap of distinct spans when the engine captured spans itself (`sampleSpans`). Default 10,000. */
  maxSpans?: number;
}

/**
 * V8 CPU profile (node tree + sample node ids + time deltas) to the otlpx model: one sample per
 * V8 tick, valued `samples/count` = 1 and `cpu/nanoseconds` = time until the next tick, with its
 * timestamp and the span that was active at that time.
 *
 * Lines: V8 counts a node's self ticks per executing line (`positionTicks`) but does not say which
 * tick ran which line (the inspector exposes no per-sample position). The samples of such a node
 * are therefore dealt to its lines in proportion to those counts, in sample order (each sample goes
 * to the line furthest behind its share), so per-line totals match V8's to within one sample.
 */
export function convertCpuProfile(raw: V8CpuProfile, options: CpuConvertOptions): Profile {
  return runToEnd(cpuProfileSteps(raw, options));
}

/** `convertCpuProfile()` as Steps: yields every few hundred nodes and samples (time-slice.ts). */
export function* cpuProfileSteps(raw: V8CpuProfile, options: CpuConvertOptions): Steps<Profile> {
  const nodes = new Map<number, V8CpuProfileNode>();
  const parent = new Map<number, number>();
  const idle = new Set<number>();
  // a node with position ticks: its samples get the executing line, split in proportion
  const lines = new Map<number, LineSplit>();
  for (let i = 0; i < raw.nodes.length; i++) {
    if ((i & 255) === 255) yield;
    const node = raw.nodes[i];
    nodes.set(node.id, node);
    if (node.children) for (const child of node.children) parent.set(child, node.id);
    if (node.callFrame.functionName === '(idle)') idle.add(node.id);
  }
  for (let i = 0; i < raw.nodes.length; i++) {
    if ((i & 255) === 255) yield;
    const node = raw.nodes[i];
    const ticks = node.positionTicks?.filter((p) => p.line > 0 && p.ticks > 0);
    if (ticks && ticks.length > 0 && !idle.has(node.id)) lines.set(node.id, new LineSplit(ticks));
  }
  const table = new FrameTable(options.mapper, options.maxStacks);

  const isRoot = (id: number, node: V8CpuProfileNode): boolean =>
    node.callFrame.functionName === '(root)' && !parent.has(id);
  // frames of a node's callers (nearest first), each at its function's line
  const callersOfNode = new Map<number, number[]>();
  const callersOf = (id: number): number[] => {
    let frames = callersOfNode.get(id);
    if (frames) return frames;
    frames = [];
    for (let at = parent.get(id); at !== undefined; at = parent.get(at)) {
      const node = nodes.get(at);
      if (!node || isRoot(at, node)) break;
      frames.push(table.frame(node.callFrame));
    }
    callersOfNode.set(id, frames);
    return frames;
  };
  const framesOf = (id: number, line?: number): number[] => {
    const node = nodes.get(id);
    if (!node || isRoot(id, node)) return [];
    return [table.frame(node.callFrame, line), ...callersOf(id)];
  };
  // each sample's stack key (node, or node + sampled line), keys numbered in order of appearance
  // and their frame lists deduplicated into stacks in one batch (FrameTable.stacksOf)
  const keyOfNode = new Map<number, number>();
  const keyOfLine = new Map<string, number>();
  const keyFrames: number[][] = [];
  const sampleKey = (id: number): number => {
    const split = lines.get(id);
    if (!split) {
      let key = keyOfNode.get(id);
      if (key === undefined) {
        key = keyFrames.push(framesOf(id)) - 1;
        keyOfNode.set(id, key);
      }
      return key;
    }
    const line = split.next();
    const text = `${id}:${line}`;
    let key = keyOfLine.get(text);
    if (key === undefined) {
      key = keyFrames.push(framesOf(id, line)) - 1;
      keyOfLine.set(text, key);
    }
    return key;
  };

  const ids = raw.samples ?? [];
  const deltas = raw.timeDeltas ?? [];
  const n = ids.length;
  const cap = Math.min(n, options.maxSamples);
  const stack = new Int32Array(cap);
  const count = new Float64Array(cap);
  const cpu = new Float64Array(cap);
  const offset = new Float64Array(cap);
  const perf = new Float64Array(cap);
  const keptAt = new Int32Array(cap);
  let kept = 0;
  let dropped = 0;
  const keyOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    // a sample of a node not seen before maps its frames (source maps): the costly part, cold
    if ((i & 31) === 31) yield;
    const id = ids[i];
    keyOf[i] = !options.keepIdle && idle.has(id) ? -1 : sampleKey(id);
  }
  yield;
  const stackOfKey = table.stacksOf(keyFrames);
  yield;
  let t = raw.startTime;
  for (let i = 0; i < n; i++) {
    if ((i & 1023) === 1023) yield;
    t += deltas[i] ?? 0;
    if (keyOf[i] < 0) continue;
    const s = stackOfKey[keyOf[i]];
    if (s < 0 || kept >= cap) {
      dropped++;
      continue;
    }
    const next = i + 1 < n ? (deltas[i + 1] ?? 0) : options.intervalMicros;
    stack[kept] = s;
    count[kept] = 1;
    cpu[kept] = Math.max(0, next) * 1000;
    offset[kept] = (t - raw.startTime) * 1000;
    perf[kept] = v8MicrosToPerfMillis(t);
    keptAt[kept] = i;
    kept++;
  }

  let span: Int32Array = new Int32Array(kept).fill(-1);
  let spans: Profile['spans'] = [];
  let unknown = 0;
  if (raw.sampleSpans) {
    const joined = resolveSampleSpans(raw.sampleSpans, keptAt.subarray(0, kept), options.maxSpans ?? 10_000);
    span = joined.span;
    spans = joined.spans;
    unknown = joined.unknown;
  } else if (options.timeline) {
    const joined = yield* options.timeline.joinSteps(perf.subarray(0, kept));
    span = joined.span;
    spans = joined.spans;
    unknown = joined.unknown;
  }
  return {
    kind: 'cpu',
    sampleTypes: [
      { type: 'samples', unit: 'count' },
      { type: 'cpu', unit: 'nanoseconds' },
    ],
    periodType: { type: 'cpu', unit: 'nanoseconds' },
    period: options.intervalMicros * 1000,
    startTimeUnixNano: v8MicrosToUnixNanos(raw.startTime),
    durationNanos: Math.max(0, Math.round((raw.endTime - raw.startTime) * 1000)),
    frames: table.frames,
    stacks: table.stacks,
    samples: {
      count: kept,
      stack: stack.subarray(0, kept),
      values: [count.subarray(0, kept), cpu.subarray(0, kept)],
      timeOffsetNanos: offset.subarray(0, kept),
      span,
    },
    spans,
    attributes: { ...options.attributes },
    dropped: { samples: dropped, links: unknown, stacks: table.stacksDropped },
  };
}

/** Deals a node's samples to its lines in proportion to V8's per-line tick counts. */
class LineSplit {
  readonly #lines: number[];
  readonly #share: number[];
  readonly #dealt: number[];
  #n = 0;

  constructor(ticks: ReadonlyArray<{ line: number; ticks: number }>) {
    const total = ticks.reduce((sum, p) => sum + p.ticks, 0);
    this.#lines = ticks.map((p) => p.line);
    this.#share = ticks.map((p) => p.ticks / total);
    this.#dealt = ticks.map(() => 0);
  }

  next(): number {
    this.#n++;
    let best = 0;
    let behind = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < this.#lines.length; i++) {
      const gap = this.#share[i] * this.#n - this.#dealt[i];
      if (gap > behind) {
        behind = gap;
        best = i;
      }
    }
    this.#dealt[best]++;
    return this.#lines[best];
  }
}

/** Spans an engine captured per sample (`sampleSpans`) as indices into a deduplicated, capped list. */
function resolveSampleSpans(
  sampleSpans: unknown[],
  at: Int32Array,
  maxSpans: number,
): { span: Int32Array; spans: Profile['spans']; unknown: number } {
  const out = new Int32Array(at.length).fill(-1);
  const spans: Profile['spans'] = [];
  const indexOf = new Map<unknown, number>();
  let unknown = 0;
  for (let k = 0; k < at.length; k++) {
    const object = sampleSpans[at[k]];
    if (object === undefined || object === null) continue;
    let index = indexOf.get(object);
    if (index === undefined) {
      const ref = spanRefOf(object);
      index = ref === undefined ? -1 : spans.length < maxSpans ? spans.push(ref) - 1 : -2;
      indexOf.set(object, index);
    }
    if (index === -2) unknown++;
    else out[k] = index;
  }
  return { span: out, spans, unknown };
}
