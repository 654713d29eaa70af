import type { HeapView, V8HeapNode, V8HeapProfile } from './engine.js';
import { type FrameMapper, FrameTable } from './frame-table.js';
import type { Profile } from './profile.js';

export interface HeapConvertOptions {
  intervalBytes: number;
  view: HeapView;
  mapper?: FrameMapper;
  maxStacks: number;
  startTimeUnixNano: bigint;
  durationNanos: number;
  attributes: Record<string, string | number>;
}

/**
 * V8 sampling heap profile to the otlpx model: one sample per allocation site (tree node) with
 * `<view>_objects/count` and `<view>_space/bytes`. Each sampled allocation of `size` bytes stands
 * for 1 / (1 - exp(-size / interval)) allocations (the Poisson unsampling V8 applies to its own
 * `selfSize`), so the space column sums to V8's selfSize.
 */
export function convertHeapProfile(raw: V8HeapProfile, options: HeapConvertOptions): Profile {
  const table = new FrameTable(options.mapper, options.maxStacks);
  const nodeIds: number[] = [];
  const paths: number[][] = [];
  const walk = (node: V8HeapNode, path: number[]): void => {
    const isRoot = node.callFrame.functionName === '(root)' && path.length === 0 && node === raw.head;
    const here = isRoot ? path : [table.frame(node.callFrame), ...path];
    if (!isRoot) {
      nodeIds.push(node.id);
      paths.push(here);
    }
    for (const child of node.children) walk(child, here);
  };
  walk(raw.head, []);
  const stacks = table.stacksOf(paths);
  const stackOfNode = new Map<number, number>();
  for (let i = 0; i < nodeIds.length; i++) stackOfNode.set(nodeIds[i], stacks[i]);

  const objects = new Map<number, number>();
  const space = new Map<number, number>();
  let dropped = 0;
  for (const sample of raw.samples) {
    const s = stackOfNode.get(sample.nodeId);
    if (s === undefined || s < 0) {
      dropped++;
      continue;
    }
    const scale = 1 / (1 - Math.exp(-sample.size / options.intervalBytes));
    objects.set(s, (objects.get(s) ?? 0) + scale);
    space.set(s, (space.get(s) ?? 0) + sample.size * scale);
  }
  const n = objects.size;
  const stack = new Int32Array(n);
  const obj = new Float64Array(n);
  const bytes = new Float64Array(n);
  let i = 0;
  for (const [s, count] of objects) {
    stack[i] = s;
    obj[i] = Math.round(count);
    bytes[i] = Math.round(space.get(s) ?? 0);
    i++;
  }
  const prefix = options.view === 'inuse' ? 'inuse' : 'alloc';
  return {
    kind: 'heap',
    sampleTypes: [
      { type: `${prefix}_objects`, unit: 'count' },
      { type: `${prefix}_space`, unit: 'bytes' },
    ],
    periodType: { type: 'space', unit: 'bytes' },
    period: options.intervalBytes,
    startTimeUnixNano: options.startTimeUnixNano,
    durationNanos: options.durationNanos,
    frames: table.frames,
    stacks: table.stacks,
    samples: { count: n, stack, values: [obj, bytes], span: new Int32Array(n).fill(-1) },
    spans: [],
    attributes: { ...options.attributes },
    dropped: { samples: dropped, links: 0, stacks: table.stacksDropped },
  };
}
