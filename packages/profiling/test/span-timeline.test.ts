import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { SpanTimeline } from '../src/span-timeline.js';

function span(traceId: string, spanId: string, name?: string) {
  return { spanContext: () => ({ traceId, spanId }), name };
}

const T1 = '0af7651916cd43dd8448eb211c80319c';

describe('SpanTimeline', () => {
  it('joins sample times with the span active at that time', () => {
    const t = new SpanTimeline(64, 10);
    const a = span(T1, '00000000000000a1', 'a');
    const b = span(T1, '00000000000000b2', 'b');
    const t0 = performance.now();
    t.record(a);
    t.record(a); // no change: no entry
    const t1 = performance.now();
    t.record(b);
    const t2 = performance.now();
    t.record(undefined);
    const t3 = performance.now();
    expect(t.size).toBe(4);
    const joined = t.join(Float64Array.from([t0 - 1000, t1, t2, t3 + 1]));
    expect(joined.spans.map((s) => s.name)).toEqual(['a', 'b']);
    expect(Array.from(joined.span)).toEqual([-1, 0, 1, -1]);
    expect(joined.unknown).toBe(0);
  });

  it('ignores invalid span contexts and non-spans', () => {
    const t = new SpanTimeline(16, 10);
    t.record(span('00000000000000000000000000000000', '0000000000000000'));
    t.record({
      spanContext: () => {
        throw new Error('not a span');
      },
    });
    const joined = t.join(Float64Array.from([performance.now()]));
    expect(Array.from(joined.span)).toEqual([-1]);
  });

  it('counts samples it cannot answer for: overwritten switches and spans over the cap', () => {
    const t = new SpanTimeline(16, 2);
    const early = performance.now();
    for (let i = 0; i < 40; i++)
      t.record(i % 2 ? span(T1, `${i}`.padStart(16, '0'), `s${i % 4}`) : undefined);
    expect(t.overwritten).toBeGreaterThan(0);
    expect(t.spansDropped).toBeGreaterThan(0);
    const joined = t.join(Float64Array.from([early, performance.now()]));
    expect(joined.unknown).toBeGreaterThanOrEqual(1);
    expect(joined.span[0]).toBe(-1);
  });

  it('trim keeps the switch in effect and the spans still referenced', () => {
    const t = new SpanTimeline(64, 10);
    const a = span(T1, '00000000000000a1', 'a');
    const b = span(T1, '00000000000000b2', 'b');
    t.record(a);
    t.record(b);
    const cut = performance.now();
    t.trim(cut);
    expect(t.size).toBe(1);
    t.record(b); // same span: still known after trim
    expect(t.size).toBe(1);
    t.record(a);
    const joined = t.join(Float64Array.from([cut, performance.now()]));
    expect(joined.spans.map((s) => s.name)).toEqual(['b', 'a']);
  });
});
