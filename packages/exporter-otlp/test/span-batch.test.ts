import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { encodeTraces } from '@otlpx/proto';
import { makeHttpServerSpans, makeServiceSpans, referenceDecode } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';
import { SpanBatch } from '../src/span-batch.js';
import { pooledWriters, takeWriter } from '../src/writer-pool.js';

/** A span that reads like `span` but belongs to another resource and/or scope object. */
function moved(span: ReadableSpan, resource: object, scope: object): ReadableSpan {
  return Object.create(span, {
    resource: { value: resource },
    instrumentationScope: { value: scope },
  }) as ReadableSpan;
}

function filled(spans: readonly ReadableSpan[]): SpanBatch {
  const batch = new SpanBatch();
  for (const span of spans) batch.add(span);
  return batch;
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('SpanBatch', () => {
  it('writes one resource and scope into the bytes encodeTraces gives, in place', () => {
    for (const count of [1, 3, 512]) {
      const spans = makeHttpServerSpans({ count, seed: count });
      const batch = filled(spans);
      expect(batch.count).toBe(count);
      const request = batch.finish();
      expect(same(request, encodeTraces(spans))).toBe(true);
      expect(batch.finish()).toBe(request);
      expect(batch.bytes).toBeLessThan(request.length);
      batch.release();
    }
  });

  it('groups by resource and scope object like one encodeTraces call, schema URLs included', () => {
    const base = makeHttpServerSpans({ count: 6, seed: 3 });
    const r1 = base[0].resource;
    const r2 = { attributes: r1.attributes, schemaUrl: 'https://opentelemetry.io/schemas/1.30.0' };
    const a = base[0].instrumentationScope;
    const b = { name: 'other', version: '2', schemaUrl: 'https://example.com/b' };
    const spans = [
      base[0],
      moved(base[1], r1, b),
      moved(base[2], r2, a),
      base[3],
      moved(base[4], r2, a),
      moved(base[5], r1, b),
    ];
    const batch = filled(spans);
    const request = batch.finish();
    expect(same(request, encodeTraces(spans))).toBe(true);
    const decoded = referenceDecode('traces', request) as {
      resourceSpans: { schemaUrl: string; scopeSpans: { schemaUrl: string; spans: unknown[] }[] }[];
    };
    expect(
      decoded.resourceSpans.map((rs) => [
        rs.schemaUrl,
        rs.scopeSpans.map((ss) => [ss.schemaUrl, ss.spans.length]),
      ]),
    ).toEqual([
      [
        '',
        [
          ['', 2],
          ['https://example.com/b', 2],
        ],
      ],
      ['https://opentelemetry.io/schemas/1.30.0', [['', 2]]],
    ]);
    batch.release();
  });

  it('writes the interleaved spans of a service (four scopes, three kinds) as encodeTraces does', () => {
    const spans = makeServiceSpans({ count: 700, seed: 9 });
    const batch = filled(spans);
    const request = batch.finish();
    expect(same(request, encodeTraces(spans))).toBe(true);
    const decoded = referenceDecode('traces', request) as {
      resourceSpans: { scopeSpans: { scope: { name: string }; spans: unknown[] }[] }[];
    };
    const perScope = decoded.resourceSpans[0].scopeSpans.map((ss) => ss.spans.length);
    expect(perScope).toHaveLength(4);
    expect(perScope.reduce((a, b) => a + b)).toBe(700);
    batch.release();
  });

  it('an empty batch is an empty request', () => {
    const batch = new SpanBatch();
    expect(batch.finish()).toHaveLength(0);
    batch.release();
  });

  it('a span that cannot be encoded throws and leaves the batch as it was', () => {
    const [good, later] = makeHttpServerSpans({ count: 2, seed: 5 });
    const batch = new SpanBatch();
    batch.add(good);
    const bytes = batch.bytes;
    // Throws half-way through the span (after ids, name and times were written).
    const broken = Object.create(good, {
      attributes: {
        get() {
          throw new Error('attributes unavailable');
        },
      },
    });
    expect(() => batch.add(broken)).toThrow(/attributes unavailable/);
    expect(() => batch.add({ ...good, resource: undefined } as never)).toThrow();
    expect(batch.count).toBe(1);
    expect(batch.bytes).toBe(bytes);
    batch.add(later);
    expect(same(batch.finish(), encodeTraces([good, later]))).toBe(true);
    expect(() => batch.add(later)).toThrow(/after finish/);
    batch.release();
  });

  it('returns its buffers to the pool once, on release', () => {
    const spans = makeHttpServerSpans({ count: 3, seed: 13 });
    while (pooledWriters() > 0) takeWriter();
    const one = filled(spans);
    const two = filled(spans);
    const first = one.finish();
    const copy = Buffer.from(first);
    expect(pooledWriters()).toBe(0);
    two.release();
    two.release();
    expect(pooledWriters()).toBe(1);
    // A third batch reuses two's buffer, never one's, which is still held.
    filled(makeHttpServerSpans({ count: 3, seed: 14 })).finish();
    expect(Buffer.from(first).equals(copy)).toBe(true);
    one.release();
  });
});
