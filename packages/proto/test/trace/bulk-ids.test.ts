import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { availableBackends, createSimd } from '@otlpx/simd';
import { makeHttpServerSpans } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';
import {
  BULK_CHUNK,
  BULK_MAX_BINARY,
  BULK_MIN_SPANS,
  bulkIdBytes,
  bulkLowerHexIds,
  defaultHexKernels,
} from '../../src/trace/bulk-ids.js';
import { decodeTraceRequest } from '../../src/trace/decode-trace.js';
import { encodeTraces, encodeTracesWith } from '../../src/trace/encode-spans.js';
import { encodeTracesJson, encodeTracesJsonWith } from '../../src/trace/encode-spans-json.js';
import { traceRequestToJson } from '../../src/trace/trace-request-json.js';

const http = makeHttpServerSpans({ count: 40, seed: 7 });

/** A copy of a real SDK span with other ids (the parent keeps its own unless given). */
function withIds(span: ReadableSpan, traceId: string, spanId: string, parentSpanId?: string): ReadableSpan {
  const ctx = { ...span.spanContext(), traceId, spanId };
  const parent =
    parentSpanId === undefined ? span.parentSpanContext : { ...span.spanContext(), spanId: parentSpanId };
  return { ...span, spanContext: () => ctx, parentSpanContext: parent } as ReadableSpan;
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString();

type Kernels = Parameters<typeof encodeTracesWith>[1];

/** Both encoders with the bulk ids through `kernels` write what they write without them. */
function expectSameAsLoop(spans: readonly ReadableSpan[], kernels: Kernels): void {
  expect(Buffer.from(encodeTracesWith(spans, kernels))).toEqual(Buffer.from(encodeTracesWith(spans, null)));
  expect(text(encodeTracesJsonWith(spans, kernels))).toBe(text(encodeTracesJsonWith(spans, null)));
}

describe.each(availableBackends())('bulk ids with the %s backend', (name) => {
  const kernels = createSimd(name);

  it('writes what the per-id loop writes, for SDK ids', () => {
    expectSameAsLoop(http, kernels);
    expect(bulkIdBytes(http, 0, http.length, kernels)).not.toBeNull();
    expect(text(encodeTracesJsonWith(http, kernels))).toBe(
      traceRequestToJson(decodeTraceRequest(encodeTraces(http))),
    );
  });

  it('lower-cases upper-case ids and leaves odd, empty and non-hex ids to the loop', () => {
    const upper = http.map((s, i) =>
      i % 3 === 0
        ? withIds(s, s.spanContext().traceId.toUpperCase(), 'ABCDEF0123456789', 'FEDCBA9876543210')
        : s,
    );
    expect(bulkLowerHexIds(upper, 0, upper.length, kernels)).not.toBeNull();
    expectSameAsLoop(upper, kernels);
    expect(text(encodeTracesJsonWith(upper, kernels))).not.toMatch(/"[0-9a-f]*[A-F][0-9A-Fa-f]*"/);
    const cases: [string, string, string | undefined][] = [
      ['abc', '0123456789abcdef', undefined], // odd length
      ['zz00112233445566778899aabbccddee', '01', undefined], // not hex
      ['\u00e1\u00e1', '0123456789abcdef', undefined], // not ASCII
      ['', 'a', ''], // empty and one-character ids are not written
      ['ab'.repeat(128), '0123456789abcdef', undefined], // 128 bytes: a two-byte length prefix
    ];
    for (const [traceId, spanId, parentSpanId] of cases) {
      const spans = http.map((s, i) => (i === 5 ? withIds(s, traceId, spanId, parentSpanId) : s));
      if (traceId !== '') expect(bulkIdBytes(spans, 0, spans.length, kernels)).toBeNull();
      expectSameAsLoop(spans, kernels);
    }
  });

  it('takes big groups in chunks (a short last chunk through the loop), binary only up to a cap', () => {
    expect(BULK_CHUNK * 2 + 8).toBeLessThan(BULK_MAX_BINARY);
    expectSameAsLoop(makeHttpServerSpans({ count: BULK_CHUNK * 2 + 8, seed: 9 }), kernels);
    expectSameAsLoop(makeHttpServerSpans({ count: BULK_MAX_BINARY + 40, seed: 9 }), kernels);
  });

  it('keeps to the loop below BULK_MIN_SPANS and for links', () => {
    expectSameAsLoop(http.slice(0, BULK_MIN_SPANS - 1), kernels);
    const link = { context: http[0].spanContext(), attributes: { a: 1 } };
    const linked = http.map((s) => ({ ...s, spanContext: s.spanContext, links: [link] }));
    expectSameAsLoop(linked as ReadableSpan[], kernels);
  });
});

describe('defaultHexKernels', () => {
  it('loads @otlpx/simd once, and the public encoder writes the same bytes with it', () => {
    const k = defaultHexKernels();
    expect(defaultHexKernels()).toBe(k);
    if (process.env.OTLPX_SIMD === 'js') expect(k).toBeNull();
    expect(text(encodeTracesJson(http))).toBe(text(encodeTracesJsonWith(http, null)));
    expect(Buffer.from(encodeTraces(http))).toEqual(Buffer.from(encodeTracesWith(http, null)));
  });
});
