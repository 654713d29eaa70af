import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
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

  it('keeps ids as numbers: every hex digit and the high bit survive, uppercase comes back lowercase', () => {
    const t = new SpanTimeline(16, 10);
    const times: number[] = [];
    const ids = [
      ['ffffffff80000000000000017fffffff', '8000000000000001'],
      ['0123456789ABCDEFabcdef0000000000', 'FEDCBA9876543210'],
      ['00000000000000000000000000000001', '0000000000000000'],
    ];
    for (const [traceId, spanId] of ids) {
      t.record(span(traceId, spanId, traceId.slice(0, 4)));
      times.push(performance.now());
    }
    const joined = t.join(Float64Array.from(times));
    expect(joined.spans).toEqual(
      ids.map(([traceId, spanId]) => ({
        traceId: traceId.toLowerCase(),
        spanId: spanId.toLowerCase(),
        name: traceId.slice(0, 4),
      })),
    );
    expect(Array.from(joined.span)).toEqual([0, 1, 2]);
  });

  it('a malformed id (not hex, wrong length, not a string) is no span', () => {
    const t = new SpanTimeline(16, 10);
    const times: number[] = [];
    for (const [traceId, spanId] of [
      ['0af7651916cd43dd8448eb211c80319g', '00000000000000a1'],
      ['0af7651916cd43dd8448eb211c80319', '00000000000000a1'],
      [T1, '00000000000000a'],
      [T1, 42],
      [T1, '00000000000000:1'],
    ]) {
      t.record(span(traceId as string, spanId as string));
      times.push(performance.now());
    }
    const joined = t.join(Float64Array.from(times));
    expect(joined.spans).toEqual([]);
    expect(Array.from(joined.span)).toEqual([-1, -1, -1, -1, -1]);
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
    const times: number[] = [early];
    for (let i = 0; i < 6; i++) {
      t.record(span(T1, `${100 + i}`.padStart(16, '0'), `late${i}`));
      times.push(performance.now());
    }
    const joined = t.join(Float64Array.from(times));
    // early: its switch was overwritten; late3..late5: over the cap of 2 spans per profile
    expect(joined.span[0]).toBe(-1);
    expect(joined.spans.map((s) => s.name)).toEqual(['late0', 'late1']);
    expect(t.spansDropped).toBe(4);
    expect(joined.unknown).toBe(1 + 4);
  });

  it('keeps no span alive, and a span context only until another lands in its slot: the join still names it', async () => {
    const t = new SpanTimeline(64, 10);
    let context: object | undefined = { traceId: T1, spanId: '00000000000000a1' };
    let a: object | undefined = { spanContext: () => context, name: 'a' };
    const weakSpan = new WeakRef(a);
    const weakContext = new WeakRef(context);
    t.record(a);
    t.record(undefined);
    t.record(a);
    const during = performance.now();
    // another span whose id ends in the same two digits takes the context's slot
    t.record(span(T1, '00000000000001a1', 'b'));
    a = undefined;
    context = undefined;
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    await new Promise((resolve) => setImmediate(resolve)); // WeakRef targets live to the end of the turn
    gc();
    expect(weakSpan.deref()).toBeUndefined();
    expect(weakContext.deref()).toBeUndefined();
    const joined = t.join(Float64Array.from([during]));
    expect(joined.spans).toEqual([{ traceId: T1, spanId: '00000000000000a1', name: 'a' }]);
  });

  it('gives one span entry per span id, whatever objects carried it', () => {
    const t = new SpanTimeline(64, 10);
    t.record(span(T1, '00000000000000a1', 'a'));
    const first = performance.now();
    t.record(span(T1, '00000000000000b2', 'b'));
    t.record(span(T1, '00000000000000a1', 'a')); // another object, same span
    const joined = t.join(Float64Array.from([first, performance.now()]));
    expect(joined.spans.map((s) => s.name)).toEqual(['a']);
    expect(Array.from(joined.span)).toEqual([0, 0]);
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
