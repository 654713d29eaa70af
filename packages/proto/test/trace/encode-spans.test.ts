import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { makeHttpServerSpans, makeServiceSpans, referenceDecode } from '@otlpx/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTraceRequest } from '../../src/trace/decode-trace.js';
import { encodeTraces } from '../../src/trace/encode-spans.js';
import { encodeTracesJson } from '../../src/trace/encode-spans-json.js';
import { traceRequestFromJson, traceRequestToJson } from '../../src/trace/trace-request-json.js';

const [template] = makeHttpServerSpans({ count: 1, seed: 3 });

/** A copy of a real SDK span with some fields replaced (the SDK's spanContext() reads `_spanContext`). */
function spanWith(overrides: Record<string, unknown>): ReadableSpan {
  return { ...template, spanContext: template.spanContext, ...overrides } as ReadableSpan;
}

function withContext(traceId: string, spanId: string): ReadableSpan {
  const ctx = { ...template.spanContext(), traceId, spanId };
  return spanWith({ spanContext: () => ctx });
}

/** protobufjs decodes of ours and of the official serializer's bytes, UNSET status filled in. */
function expectSameAsOfficial(spans: ReadableSpan[]): void {
  const fill = (o: Record<string, unknown>) => {
    for (const rs of o.resourceSpans as { scopeSpans: { spans: { status: unknown }[] }[] }[])
      for (const ss of rs.scopeSpans) for (const s of ss.spans) s.status ??= { message: '', code: 0 };
    return o;
  };
  const official = ProtobufTraceSerializer.serializeRequest(spans) as Uint8Array;
  expect(fill(referenceDecode('traces', encodeTraces(spans)))).toEqual(
    fill(referenceDecode('traces', official)),
  );
}

const firstSpan = (bytes: Uint8Array) => decodeTraceRequest(bytes).resourceSpans[0].scopeSpans[0].spans[0];

describe('encodeTraces', () => {
  it('encodes nothing for no spans', () => {
    expect(encodeTraces([]).length).toBe(0);
    expect(Buffer.from(encodeTracesJson([])).toString()).toBe('{"resourceSpans":[]}');
  });

  it('writes HrTime as exact fixed64 nanoseconds, also past 2^32 seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 34 }), fc.integer({ min: 0, max: 999_999_999 }), (s, ns) => {
        const bytes = encodeTraces([spanWith({ startTime: [s, ns], endTime: [s + 1, ns] })]);
        const span = firstSpan(bytes);
        expect(span.startTimeUnixNano).toBe(BigInt(s) * 1_000_000_000n + BigInt(ns));
        expect(span.endTimeUnixNano).toBe(BigInt(s + 1) * 1_000_000_000n + BigInt(ns));
      }),
      { numRuns: 300 },
    );
  });

  it('writes the HrTimes of spans that share their seconds exactly, carries into the high word included', () => {
    // Many times within one second, as in a batch; for some seconds the low word of seconds * 1e9
    // is near 2^32 and adding the nanoseconds carries into the high word.
    const carrying = (s: number) => Number((BigInt(s) * 1_000_000_000n) % 2n ** 32n) > 2 ** 32 - 1e9;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 33 }),
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 999_999_999 })),
          {
            minLength: 2,
            maxLength: 12,
          },
        ),
        (s, pairs) => {
          const spans = pairs.map(([a, b]) => spanWith({ startTime: [s, a], endTime: [s, b] }));
          const decoded = decodeTraceRequest(encodeTraces(spans)).resourceSpans[0].scopeSpans[0].spans;
          decoded.forEach((span, i) => {
            expect(span.startTimeUnixNano).toBe(BigInt(s) * 1_000_000_000n + BigInt(pairs[i][0]));
            expect(span.endTimeUnixNano).toBe(BigInt(s) * 1_000_000_000n + BigInt(pairs[i][1]));
          });
        },
      ),
      { numRuns: 300 },
    );
    const s = 1_764_300_001; // its low word is within 1e9 of 2^32: nanoseconds above ~724e6 carry
    expect(carrying(s)).toBe(true);
    const times = [0, 1, 999_999_999, 500_000_000, 0];
    const spans = times.map((ns) => spanWith({ startTime: [s, ns], endTime: [s, ns] }));
    const decoded = decodeTraceRequest(encodeTraces(spans)).resourceSpans[0].scopeSpans[0].spans;
    expect(decoded.map((span) => span.startTimeUnixNano)).toEqual(
      times.map((ns) => BigInt(s) * 1_000_000_000n + BigInt(ns)),
    );
  });

  it('decodes upper-case hex ids like lower-case ones, as the official serializer does', () => {
    const upper = withContext('0AF7651916CD43DD8448EB211C80319C', 'B7AD6B7169203331');
    const span = firstSpan(encodeTraces([upper]));
    expect(Buffer.from(span.traceId).toString('hex')).toBe('0af7651916cd43dd8448eb211c80319c');
    expectSameAsOfficial([upper]);
    const json = traceRequestFromJson(encodeTracesJson([upper])).resourceSpans[0].scopeSpans[0].spans[0];
    expect(json.traceId).toEqual(span.traceId);
  });

  it('writes ids of any even length, non-hex characters as 0 (also past U+007F)', () => {
    const long = withContext('ab'.repeat(150), '0123456789abcdef');
    expectSameAsOfficial([long]);
    expect(firstSpan(encodeTraces([long])).traceId.length).toBe(150);
    const odd = withContext('zz\u00e1\u00e100ff', '01');
    expect(Buffer.from(firstSpan(encodeTraces([odd])).traceId).toString('hex')).toBe('000000ff');
    const json = traceRequestFromJson(encodeTracesJson([odd])).resourceSpans[0].scopeSpans[0].spans[0];
    expect(Buffer.from(json.traceId).toString('hex')).toBe('000000ff');
  });

  it('matches the official serializer for any SDK attribute values', () => {
    const scalar = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({
        unit: fc.constantFrom('a', '"', '\\', '\n', '\u0001', '\u007f', 'é'),
        minLength: 16,
        maxLength: 40,
      }),
      fc.boolean(),
      fc.integer(),
      fc.double(),
      fc.maxSafeInteger(),
      fc.constant(null),
    );
    const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.uint8Array({ maxLength: 8 }));
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.string({ maxLength: 12 }), value, { maxKeys: 20 }), {
          minLength: 1,
          maxLength: 4,
        }),
        (list) => {
          const spans = list.map((attributes) => spanWith({ attributes }));
          expectSameAsOfficial(spans);
          // The JSON encoder writes what the model's JSON writer writes for the same data.
          expect(Buffer.from(encodeTracesJson(spans)).toString()).toBe(
            traceRequestToJson(decodeTraceRequest(encodeTraces(spans))),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('replays repeated values only while they are the same (mutated arrays are re-read)', () => {
    const tags = ['a', 'b'];
    const spans = [0, 1, 2, 3].map(() => spanWith({ attributes: { 'url.scheme': 'https', tags, n: 7 } }));
    expectSameAsOfficial(spans);
    tags.push('c');
    expectSameAsOfficial(spans);
    const changing = ['x', 'x', 'y', 'y', 'y', 'é', 'é'].map((v) =>
      spanWith({ attributes: { 'url.scheme': v } }),
    );
    expectSameAsOfficial(changing);
    // More alternating values than a position keeps: entries are replaced, bytes stay right.
    const values = Array.from({ length: 20 }, (_, i) => (i % 2 ? `value-${i}` : i * 1000));
    const cycling = [...values, ...values]
      .flatMap((v) => [v, v])
      .map((v) => spanWith({ attributes: { v, w: 'x' } }));
    expectSameAsOfficial(cycling);
    expectSameAsOfficial(cycling);
  });

  it('joins runs of repeated values into one copy and still writes what changes', () => {
    // Small pools per position, so runs of kept values repeat and get joined; keys change too.
    const pool = (p: number) => [`v${p}-a`, `v${p}-b`, p * 10, true, `${'x'.repeat(120)}${p}`];
    const span = fc.tuple(fc.array(fc.nat({ max: 4 }), { minLength: 8, maxLength: 8 }), fc.nat({ max: 9 }));
    fc.assert(
      fc.property(fc.array(span, { minLength: 20, maxLength: 60 }), (shapes) => {
        const spans = shapes.flatMap(([picks, variant]) => {
          const attributes: Record<string, unknown> = {};
          picks.forEach((pick, p) => {
            // One key in ten is renamed: the position's memo starts over for it.
            attributes[variant === 0 && p === 3 ? 'renamed' : `key.${p}`] = pool(p)[pick];
          });
          const one = spanWith({ attributes });
          return [one, one]; // each shape twice in a row: its runs are joined at once
        });
        expectSameAsOfficial(spans);
        expectSameAsOfficial(spans);
        const json = Buffer.from(encodeTracesJson(spans)).toString();
        expect(Buffer.from(encodeTracesJson(spans)).toString()).toBe(json);
        expect(json).toBe(traceRequestToJson(decodeTraceRequest(encodeTraces(spans))));
      }),
      { numRuns: 60 },
    );
  });

  it('matches the official serializer on the interleaved spans of a whole service', () => {
    const spans = makeServiceSpans({ count: 900, seed: 21 });
    expectSameAsOfficial(spans);
    expect(Buffer.from(encodeTracesJson(spans)).toString()).toBe(
      traceRequestToJson(decodeTraceRequest(encodeTraces(spans))),
    );
  });

  it('stays right when spans of many scopes, kinds and key sets interleave (a memo per shape)', () => {
    // More scope/kind pairs than the encoder keeps memos for, so memos are also replaced.
    const scopes = Array.from({ length: 24 }, (_, i) => ({ name: `scope-${i}`, version: '1.0.0' }));
    const span = fc.record({
      scope: fc.nat({ max: scopes.length - 1 }),
      kind: fc.nat({ max: 4 }),
      pick: fc.nat({ max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(span, { minLength: 30, maxLength: 120 }), (shapes) => {
        const spans = shapes.map(({ scope, kind, pick }) => {
          // Values repeat within a shape.
          const attributes: Record<string, unknown> = {};
          // Two key sets per scope and kind, told apart by their first key.
          for (let p = 0; p < 4; p++)
            attributes[`s${scope}.k${kind}.${pick & 1}.${p}`] = pick < 2 ? `v${p}` : pick * p;
          return spanWith({ attributes, kind, instrumentationScope: scopes[scope] });
        });
        expectSameAsOfficial(spans);
        expect(Buffer.from(encodeTracesJson(spans)).toString()).toBe(
          traceRequestToJson(decodeTraceRequest(encodeTraces(spans))),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('drops joined runs past its memory budget and stays right', () => {
    // Many distinct long runs, each seen twice in a row: more joined bytes than a memo keeps.
    const long = (p: number, i: number) => `${'y'.repeat(130)}-${p}-${i}`;
    const spans: ReadableSpan[] = [];
    for (let round = 0; round < 3; round++)
      for (let i = 0; i < 200; i++) {
        const attributes: Record<string, unknown> = {};
        for (let p = 0; p < 6; p++) attributes[`k${p}`] = long(p, (i * (p + 1)) % 8);
        const one = spanWith({ attributes });
        spans.push(one, one, one);
      }
    expectSameAsOfficial(spans);
    expect(Buffer.from(encodeTracesJson(spans)).toString()).toBe(
      traceRequestToJson(decodeTraceRequest(encodeTraces(spans))),
    );
  });

  it('stops keeping values past its memory budget and stays right', () => {
    // 64 positions x 20 values of ~150 bytes, each span twice in a row: every value would be kept.
    const value = (p: number, v: number) => `${'k'.repeat(140)}-${p}-${v}`;
    const spans: ReadableSpan[] = [];
    for (let v = 0; v < 20; v++) {
      const attributes: Record<string, unknown> = {};
      for (let p = 0; p < 64; p++) attributes[`p${p}`] = value(p, v);
      const one = spanWith({ attributes });
      spans.push(one, one);
    }
    expectSameAsOfficial(spans);
    expectSameAsOfficial(spans); // now mostly from what was kept
    expect(Buffer.from(encodeTracesJson(spans)).toString()).toBe(
      traceRequestToJson(decodeTraceRequest(encodeTraces(spans))),
    );
  });

  it('handles spans under 128 bytes, over 16 KiB, more than 64 attributes and multi-MB batches', () => {
    const tiny = withContext('', '01');
    const tinySpan = spanWith({
      spanContext: tiny.spanContext,
      attributes: {},
      name: '',
      parentSpanContext: undefined,
    });
    const many = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`attr.${i}`, i % 3 === 0 ? `v${i}` : i]),
    );
    const big = spanWith({ attributes: { blob: 'ü'.repeat(20_000), many: 'x'.repeat(300) } });
    expectSameAsOfficial([tinySpan]);
    expectSameAsOfficial([spanWith({ attributes: many })]);
    expectSameAsOfficial([big]);
    expectSameAsOfficial([tinySpan, spanWith({ attributes: many }), big, spanWith({ attributes: many })]);
    const huge = Array.from({ length: 12 }, () => spanWith({ attributes: { blob: 'z'.repeat(1_000_000) } }));
    expectSameAsOfficial(huge);
    // The writer grew past its retention limit and was replaced: the next call is still right.
    expectSameAsOfficial(makeHttpServerSpans({ count: 20 }));
  });

  it('never serves a stale resource or scope from its caches', () => {
    let attributes: Record<string, string> = { 'service.name': 'a' };
    const resource = {
      get attributes() {
        return attributes;
      },
      asyncAttributesPending: false,
    };
    const scope = { name: 's', version: '1' };
    const span = spanWith({ resource, instrumentationScope: scope });
    const name = () =>
      decodeTraceRequest(encodeTraces([span])).resourceSpans[0].resource?.attributes[0].value;
    expect(name()).toEqual({ stringValue: 'a' });
    attributes = { 'service.name': 'b' };
    expect(name()).toEqual({ stringValue: 'b' });
    const pending = { attributes: { 'service.name': 'p' }, asyncAttributesPending: true };
    const pendingSpan = spanWith({ resource: pending, instrumentationScope: scope });
    expectSameAsOfficial([pendingSpan]);
    pending.attributes = { 'service.name': 'settled' };
    expectSameAsOfficial([pendingSpan]);
    // Many resources and scopes: the bounded caches evict and re-encode.
    const spans = Array.from({ length: 80 }, (_, i) =>
      spanWith({
        resource: { attributes: { 'service.name': `svc-${i % 40}` } },
        instrumentationScope: { name: `scope-${i % 50}`, version: '', attributes: { i } },
      }),
    );
    expectSameAsOfficial(spans);
    expectSameAsOfficial(spans);
  });

  it('groups by resource and scope object in order of first appearance', () => {
    const [a, b, c] = [spanWith({}), spanWith({ name: 'b' }), spanWith({ name: 'c' })];
    const otherScope = { name: 'other' };
    const otherResource = { attributes: { 'service.name': 'other' } };
    const spans = [
      a,
      spanWith({ instrumentationScope: otherScope }),
      spanWith({ resource: otherResource }),
      b,
      spanWith({ resource: otherResource, instrumentationScope: otherScope }),
      c,
    ];
    expectSameAsOfficial(spans);
    const model = decodeTraceRequest(encodeTraces(spans));
    expect(model.resourceSpans.map((r) => r.scopeSpans.map((s) => s.spans.length))).toEqual([
      [3, 1],
      [1, 1],
    ]);
  });
});
