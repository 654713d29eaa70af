import { backend } from '@otlpx/simd';
import { describe, expect, it } from 'vitest';
import { FrameTable } from '../src/frame-table.js';

const lists = [[1, 2, 3], [4, 2, 3], [1, 2, 3], [], [3, 2, 1], [4, 2, 3], [1, 2, 3, 0]];

describe('FrameTable.stacksOf', () => {
  for (const hashStacks of [true, false]) {
    it(`dedupes stacks in list order (${hashStacks ? 'hash64Batch' : 'string keys'})`, () => {
      const table = new FrameTable(undefined, 100, hashStacks);
      expect(Array.from(table.stacksOf(lists))).toEqual([0, 1, 0, 2, 3, 1, 4]);
      expect(table.stacks.map((s) => Array.from(s))).toEqual([
        [1, 2, 3],
        [4, 2, 3],
        [],
        [3, 2, 1],
        [1, 2, 3, 0],
      ]);
      // a second batch finds the stacks of the first
      expect(Array.from(table.stacksOf([[3, 2, 1], [9]]))).toEqual([3, 5]);
      expect(table.stacksOf([]).length).toBe(0);
    });

    it(`refuses stacks over maxStacks and counts them (${hashStacks ? 'hash64Batch' : 'string keys'})`, () => {
      const table = new FrameTable(undefined, 2, hashStacks);
      expect(Array.from(table.stacksOf(lists))).toEqual([0, 1, 0, -1, -1, 1, -1]);
      expect(table.stacksDropped).toBe(3);
    });
  }

  it('hashes by default unless @otlpx/simd runs its js backend', () => {
    const table = new FrameTable(undefined, 100);
    expect(Array.from(table.stacksOf([[7], [7]]))).toEqual([0, 0]);
    expect(['native', 'wasm', 'js']).toContain(backend);
  });
});

describe('FrameTable.frame', () => {
  it('turns file URLs into paths (decoded), keeps other URLs, dedupes equal frames', () => {
    const table = new FrameTable(undefined, 100);
    const at = (url: string, line = 3) =>
      table.frame({ functionName: 'f', scriptId: '1', url, lineNumber: line, columnNumber: 0 });
    const a = at('file:///app/my%20dir/x.js');
    expect(at('file:///app/my%20dir/x.js')).toBe(a);
    expect(table.frames[a]).toEqual({ function: 'f', file: '/app/my dir/x.js', line: 4, column: 1 });
    expect(table.frames[at('node:internal/timers')].file).toBe('node:internal/timers');
    expect(table.frames[at('file:///bad%E0%A4%A', 1)].file).toBe('file:///bad%E0%A4%A');
  });
});
