import { describe, expect, it } from 'vitest';
import { isOtlpxError, PprofBuilder } from '../../src/index.js';

describe('PprofBuilder', () => {
  it('builds a profile with "" at string 0, ids from 1 and deduplicated entries', () => {
    const b = new PprofBuilder({
      sampleTypes: [
        ['samples', 'count'],
        ['wall', 'nanoseconds'],
      ],
      periodType: ['wall', 'nanoseconds'],
      period: 1_000_000,
      timeNanos: 5n,
      durationNanos: 7,
      defaultSampleType: 'wall',
      comments: ['c'],
      dropFrames: 'runtime\\..*',
      keepFrames: 'main',
    });
    const m = b.mapping({ filename: 'node', buildId: 'abc', hasFunctions: true });
    expect(b.mapping({ filename: 'node', buildId: 'abc', hasFunctions: true })).toBe(m);
    const f = b.function({ name: 'main', filename: 'app.js', startLine: 1 });
    const g = b.function({ name: 'helper', systemName: '_helper' });
    expect(b.function({ name: 'main', filename: 'app.js', startLine: 1 })).toBe(f);
    const leaf = b.location({
      mappingId: m,
      address: 0x10n,
      lines: [
        { functionId: g, line: 3, column: 4 },
        { functionId: f, line: 9 },
      ],
    });
    const root = b.location({ lines: [{ functionId: f, line: 2 }] });
    expect(b.location({ lines: [{ functionId: f, line: 2 }] })).toBe(root);
    b.sample([leaf, root], [1, 1_000_000], {
      'span id': 'ab',
      bytes: { num: 512, unit: 'bytes' },
      n: 3n,
      k: 4,
    });
    const p = b.build();
    expect(p.stringTable[0]).toBe('');
    expect(new Set(p.stringTable).size).toBe(p.stringTable.length);
    expect([m, f, g, leaf, root]).toEqual([1, 1, 2, 1, 2]);
    expect(p.function.map((x) => x.id)).toEqual([1, 2]);
    expect(p.location.map((x) => x.id)).toEqual([1, 2]);
    const s = (i: number) => p.stringTable[i];
    expect(p.sampleType.map((t) => `${s(t.type)}/${s(t.unit)}`)).toEqual([
      'samples/count',
      'wall/nanoseconds',
    ]);
    expect(s(p.defaultSampleType)).toBe('wall');
    expect(p.comment.map(s)).toEqual(['c']);
    expect(s(p.dropFrames)).toBe('runtime\\..*');
    expect(s(p.keepFrames)).toBe('main');
    expect(s(p.mapping[0].buildId)).toBe('abc');
    expect(s(p.function[1].systemName)).toBe('_helper');
    expect(p.location[0].line).toEqual([
      { functionId: g, line: 3, column: 4 },
      { functionId: f, line: 9, column: 0 },
    ]);
    const labels = p.sample[0].label.map((l) => [s(l.key), s(l.str), l.num, s(l.numUnit)]);
    expect(labels).toEqual([
      ['span id', 'ab', 0n, ''],
      ['bytes', '', 512n, 'bytes'],
      ['n', '', 3n, ''],
      ['k', '', 4n, ''],
    ]);
  });

  it('rejects what would make an invalid profile', () => {
    const message = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        expect(isOtlpxError(err)).toBe(true);
        expect((err as { code: string }).code).toBe('OTLPX_ERR_INVALID_ARG');
        return (err as Error).message;
      }
      throw new Error('expected an error');
    };
    expect(message(() => new PprofBuilder({ sampleTypes: [['a', 'b']], defaultSampleType: 'x' }))).toContain(
      'defaultSampleType "x"',
    );
    const b = new PprofBuilder({ sampleTypes: [['a', 'b']] });
    expect(message(() => b.sample([], [1, 2]))).toContain('needs 1 value(s)');
    expect(message(() => b.sample([1], [1]))).toContain('location id 1 was not made by this builder');
    expect(message(() => b.location({ mappingId: 2 }))).toContain('mapping id 2');
    expect(message(() => b.location({ lines: [{ functionId: 0 }] }))).toContain('function id 0');
  });
});
