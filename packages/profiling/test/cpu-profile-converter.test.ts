import { describe, expect, it } from 'vitest';
import { convertCpuProfile } from '../src/cpu-profile-converter.js';
import type { V8CpuProfile } from '../src/engine.js';

const frame = (functionName: string, lineNumber: number) => ({
  functionName,
  scriptId: '1',
  url: 'file:///app/a.js',
  lineNumber,
  columnNumber: 4,
});

function raw(samples: number[], positionTicks?: Array<{ line: number; ticks: number }>): V8CpuProfile {
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)', -1), children: [2] },
      { id: 2, callFrame: frame('main', 0), children: [3] },
      { id: 3, callFrame: frame('hot', 9), positionTicks },
    ],
    startTime: 1_000,
    endTime: 1_000 + samples.length * 1_000,
    samples,
    timeDeltas: samples.map(() => 1_000),
  };
}

const options = { intervalMicros: 1_000, maxSamples: 1_000, maxStacks: 100, keepIdle: false, attributes: {} };

function linesOf(profile: ReturnType<typeof convertCpuProfile>): Record<number, number> {
  const out: Record<number, number> = {};
  for (let i = 0; i < profile.samples.count; i++) {
    const leaf = profile.frames[profile.stacks[profile.samples.stack[i]][0]];
    out[leaf.line] = (out[leaf.line] ?? 0) + 1;
  }
  return out;
}

describe('convertCpuProfile lines', () => {
  it('deals a node samples to its position lines in proportion to the ticks', () => {
    const profile = convertCpuProfile(
      raw(new Array(100).fill(3), [
        { line: 12, ticks: 3 },
        { line: 14, ticks: 1 },
      ]),
      options,
    );
    expect(linesOf(profile)).toEqual({ 12: 75, 14: 25 });
    const leaves = profile.frames.filter((f) => f.function === 'hot');
    expect(leaves.map((f) => [f.line, f.column, f.startLine])).toEqual([
      [12, 0, 10],
      [14, 0, 10],
    ]);
    // callers keep their function line, and both stacks share them
    const main = profile.frames.findIndex((f) => f.function === 'main');
    expect(profile.frames[main]).toEqual({ function: 'main', file: '/app/a.js', line: 1, column: 5 });
    expect(profile.stacks.map((s) => s[1])).toEqual([main, main]);
  });

  it('interleaves lines in sample order and keeps the totals within one sample', () => {
    const profile = convertCpuProfile(
      raw(new Array(7).fill(3), [
        { line: 20, ticks: 2 },
        { line: 21, ticks: 1 },
      ]),
      options,
    );
    expect(linesOf(profile)).toEqual({ 20: 5, 21: 2 });
    const order = Array.from(
      profile.samples.stack.subarray(0, 3),
      (s) => profile.frames[profile.stacks[s][0]].line,
    );
    expect(order).toEqual([20, 21, 20]);
  });

  it('keeps the function line when V8 gave no position ticks', () => {
    const profile = convertCpuProfile(raw([3, 3, 2]), options);
    expect(linesOf(profile)).toEqual({ 10: 2, 1: 1 });
    expect(profile.frames.every((f) => f.startLine === undefined)).toBe(true);
  });
});
