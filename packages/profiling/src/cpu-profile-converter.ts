import type { V8CpuProfile, V8CpuProfileNode } from './engine.js';
import { type FrameMapper, FrameTable } from './frame-table.js';
import { v8MicrosToPerfMillis, v8MicrosToUnixNanos } from './monotonic-clock.js';
import type { Profile } from './profile.js';
import type { SpanTimeline } from './span-timeline.js';

export interface CpuConvertOptions {
  intervalMicros: number;
  timeline?: SpanTimeline;
  mapper?: FrameMapper;
  maxSamples: number;
  maxStacks: number;
  /** Keep `(idle)` samples (wall-clock view). Default false: CPU view. */
  keepIdle: boolean;
  attributes: Record<string, string | number>;
}

/**
 * V8 CPU profile (node tree + sample node ids + time deltas) to the otlpx model: one sample per
 * V8 tick, valued `samples/count` = 1 and `cpu/nanoseconds` = time until the next tick, with its
 * timestamp and the span that was active at that time.
 */
export function convertCpuProfile(raw: V8CpuProfile, options: CpuConvertOptions): Profile {
  const nodes = new Map<number, V8CpuProfileNode>();
  const parent = new Map<number, number>();
  for (const node of raw.nodes) {
    nodes.set(node.id, node);
    if (node.children) for (const child of node.children) parent.set(child, node.id);
  }
  const table = new FrameTable(options.mapper, options.maxStacks);
  const stackOfNode = new Map<number, number>();
  const idle = new Set<number>();
  for (const node of raw.nodes) if (node.callFrame.functionName === '(idle)') idle.add(node.id);

  const stackOf = (id: number): number => {
    let index = stackOfNode.get(id);
    if (index !== undefined) return index;
    const frames: number[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = nodes.get(at);
      if (!node || (node.callFrame.functionName === '(root)' && !parent.has(at))) break;
      frames.push(table.frame(node.callFrame));
    }
    index = table.stack(frames);
    stackOfNode.set(id, index);
    return index;
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
  let kept = 0;
  let dropped = 0;
  let t = raw.startTime;
  for (let i = 0; i < n; i++) {
    t += deltas[i] ?? 0;
    const id = ids[i];
    if (!options.keepIdle && idle.has(id)) continue;
    const s = stackOf(id);
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
    kept++;
  }

  let span: Int32Array = new Int32Array(kept).fill(-1);
  let spans: Profile['spans'] = [];
  let unknown = 0;
  if (options.timeline) {
    const joined = options.timeline.join(perf.subarray(0, kept));
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
