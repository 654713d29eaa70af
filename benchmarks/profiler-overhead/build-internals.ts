// Internals of @otlpx/profiling for profile-build.mjs (bundled with the package by bundle.mjs).
import { backend } from '@otlpx/simd';
import { attachTimeline, detachTimeline } from '../../packages/profiling/src/context-hook.js';
import { convertCpuProfile } from '../../packages/profiling/src/cpu-profile-converter.js';
import type { V8CpuProfile } from '../../packages/profiling/src/engine.js';
import { FrameTable } from '../../packages/profiling/src/frame-table.js';

export * from '../../packages/profiling/src/index.js';
export { SpanTimeline } from '../../packages/profiling/src/span-timeline.js';
/** The span tracking without a profiler (callgrind-arms.mjs). */
export { attachTimeline, detachTimeline };

export function convertForBenchmark(raw: V8CpuProfile) {
  return convertCpuProfile(raw, {
    intervalMicros: 10_000,
    maxSamples: 10_000_000,
    maxStacks: 10_000_000,
    keepIdle: false,
    attributes: {},
  });
}

export function simdBackendForBenchmark(): string {
  return backend;
}

/**
 * The stack-table step alone: the frame-index list of every tree node deduplicated into stacks by
 * FrameTable.stacksOf with a `frames.join(',')` Map key per stack and with one hash64Batch of
 * all; median of 7 each, ms.
 */
export function stackTableBenchmark(raw: V8CpuProfile): { stackJoinMs: number; stackHashMs: number } {
  const table = new FrameTable(undefined, 10_000_000);
  const parent = new Map<number, number>();
  for (const node of raw.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(raw.nodes.map((n) => [n.id, n]));
  const lists: number[][] = [];
  for (const node of raw.nodes) {
    const frames: number[] = [];
    for (let at: number | undefined = node.id; at !== undefined && parent.has(at); at = parent.get(at)) {
      frames.push(table.frame((byId.get(at) as (typeof raw.nodes)[number]).callFrame));
    }
    if (frames.length > 0) lists.push(frames);
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
  const join: number[] = [];
  const hash: number[] = [];
  for (let rep = 0; rep < 7; rep++) {
    let t = performance.now();
    new FrameTable(undefined, 10_000_000, false).stacksOf(lists);
    join.push(performance.now() - t);
    t = performance.now();
    new FrameTable(undefined, 10_000_000, true).stacksOf(lists);
    hash.push(performance.now() - t);
  }
  return { stackJoinMs: med(join), stackHashMs: med(hash) };
}
