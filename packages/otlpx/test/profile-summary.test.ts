import type { Profile } from '@otlpx/profiling';
import { describe, expect, it } from 'vitest';
import { summarizeCpuProfile } from '../src/profile-summary.js';

function profile(stacks: number[][], samples: Array<[stack: number, count: number, span: number]>): Profile {
  return {
    kind: 'cpu',
    sampleTypes: [
      { type: 'samples', unit: 'count' },
      { type: 'cpu', unit: 'nanoseconds' },
    ],
    periodType: { type: 'cpu', unit: 'nanoseconds' },
    period: 10_000_000,
    startTimeUnixNano: 0n,
    durationNanos: 2_500_000_000,
    frames: [
      { function: 'main', file: '/app/main.js', line: 1, column: 1 },
      { function: 'walk', file: '/app/tree.js', line: 10, column: 3 },
      { function: 'hash', file: '/app/tree.js', line: 40, column: 5 },
      { function: '(garbage collector)', file: '', line: 0, column: 0 },
    ],
    stacks: stacks.map((s) => Int32Array.from(s)),
    samples: {
      count: samples.length,
      stack: Int32Array.from(samples.map((s) => s[0])),
      values: [
        Float64Array.from(samples.map((s) => s[1])),
        Float64Array.from(samples.map((s) => s[1] * 1e7)),
      ],
      span: Int32Array.from(samples.map((s) => s[2])),
    },
    spans: [{ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), name: 'GET /tree' }],
    attributes: {},
    dropped: { samples: 0, stacks: 0, links: 0 },
  };
}

describe('summarizeCpuProfile', () => {
  it('ranks functions by self samples, counts a recursive function once per sample in its total', () => {
    // Leaf first: hash <- walk <- walk <- main (walk recursive), walk <- main, GC.
    const p = profile(
      [[2, 1, 1, 0], [1, 0], [3]],
      [
        [0, 5, 0],
        [1, 3, -1],
        [2, 2, -1],
      ],
    );
    const s = summarizeCpuProfile(p);
    expect(s.samples).toBe(10);
    expect(s.inSpans).toBe(5);
    expect(s.durationMillis).toBe(2500);
    expect(s.top.map((f) => [f.name, f.self, f.total])).toEqual([
      ['hash /app/tree.js:40', 5, 5],
      ['walk /app/tree.js:10', 3, 8],
      ['(garbage collector)', 2, 2],
      ['main /app/main.js:1', 0, 8],
    ]);
  });

  it('handles an empty profile', () => {
    expect(summarizeCpuProfile(profile([], []))).toEqual({
      samples: 0,
      durationMillis: 2500,
      inSpans: 0,
      top: [],
    });
  });
});
