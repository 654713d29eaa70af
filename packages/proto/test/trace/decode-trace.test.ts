import { makeEdgeCaseSpans, makeHttpServerSpans } from '@otlpx/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOtlpxError, type OtlpxDecodeError } from '../../src/errors.js';
import { decodeTraceRequest } from '../../src/trace/decode-trace.js';
import { encodeTraces } from '../../src/trace/encode-spans.js';
import { encodeTraceRequest } from '../../src/trace/encode-trace-request.js';
import { ProtoWriter } from '../../src/wire/writer.js';
import { deeplyNestedAnyValue, expectModelOrDecodeError, fuzzDecoder, hugeLengthPrefix } from '../fuzz.js';
import { traceRequest } from './arbitraries.js';

function decodeError(bytes: Uint8Array, maxDepth?: number): OtlpxDecodeError {
  try {
    decodeTraceRequest(bytes, maxDepth === undefined ? undefined : { maxDepth });
  } catch (err) {
    expect(isOtlpxError(err)).toBe(true);
    return err as OtlpxDecodeError;
  }
  throw new Error('expected a decode error');
}

/** A request holding one span whose fields `write` writes. */
function spanRequest(write: (w: ProtoWriter) => void): Uint8Array {
  const w = new ProtoWriter();
  w.tag(1, 2); // resource_spans
  const rs = w.fork();
  w.tag(2, 2); // scope_spans
  const ss = w.fork();
  w.tag(2, 2); // spans
  const s = w.fork();
  write(w);
  w.join(s);
  w.join(ss);
  w.join(rs);
  return w.finish();
}

const firstSpan = (bytes: Uint8Array) => decodeTraceRequest(bytes).resourceSpans[0].scopeSpans[0].spans[0];

describe('decodeTraceRequest / encodeTraceRequest', () => {
  it('round-trips any model byte-exactly (model -> bytes -> model -> same bytes)', () => {
    fc.assert(
      fc.property(traceRequest, (model) => {
        const bytes = encodeTraceRequest(model);
        const decoded = decodeTraceRequest(bytes);
        expect(decoded).toEqual(model);
        expect(Buffer.from(encodeTraceRequest(decoded))).toEqual(Buffer.from(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('tells an absent status, resource and scope from empty ones', () => {
    const empty = firstSpan(spanRequest((w) => w.raw(new Uint8Array([0x7a, 0x00]))));
    expect(empty.status).toEqual({ message: '', code: 0 });
    const request = decodeTraceRequest(spanRequest(() => {}));
    expect(request.resourceSpans[0].resource).toBeUndefined();
    expect(request.resourceSpans[0].scopeSpans[0].scope).toBeUndefined();
    expect(request.resourceSpans[0].scopeSpans[0].spans[0].status).toBeUndefined();
    expect(
      Buffer.from(
        encodeTraceRequest(decodeTraceRequest(spanRequest((w) => w.raw(new Uint8Array([0x7a, 0x00]))))),
      ),
    ).toEqual(Buffer.from(spanRequest((w) => w.raw(new Uint8Array([0x7a, 0x00])))));
  });

  it('keeps unknown enum values and skips unknown fields', () => {
    const bytes = spanRequest((w) => {
      w.tag(6, 0); // kind
      w.int32(-7);
      w.tag(99, 2); // unknown LEN field
      w.bytes(new Uint8Array([1, 2, 3]));
      w.tag(98, 0); // unknown varint
      w.uint32(5);
      w.tag(15, 2); // status with an unknown code
      const s = w.fork();
      w.tag(3, 0);
      w.uint32(9);
      w.join(s);
    });
    const span = firstSpan(bytes);
    expect(span.kind).toBe(-7);
    expect(span.status).toEqual({ message: '', code: 9 });
  });

  it('rejects flags written with the wrong wire type, and invalid UTF-8, with the offset', () => {
    const flags = spanRequest((w) => {
      w.tag(16, 0); // flags must be fixed32
      w.uint32(1);
    });
    expect(decodeError(flags).code).toBe('OTLPX_ERR_DECODE_WIRE_TYPE');
    const utf8 = spanRequest((w) => {
      w.tag(5, 2); // name
      w.bytes(new Uint8Array([0xc3, 0x28]));
    });
    const err = decodeError(utf8);
    expect(err.code).toBe('OTLPX_ERR_DECODE_UTF8');
    expect(err.offset).toBe(utf8.length - 2);
  });

  it('fails fast on a 100 MB length prefix, and stops deep nesting at maxDepth', () => {
    expect(decodeError(hugeLengthPrefix(1, 100 * 1024 * 1024)).code).toBe('OTLPX_ERR_DECODE_TRUNCATED');
    const inSpan = spanRequest((w) => {
      w.tag(9, 2); // attributes
      w.uint32(100 * 1024 * 1024);
    });
    const err = decodeError(inSpan);
    expect(err.code).toBe('OTLPX_ERR_DECODE_TRUNCATED');
    expect(err.offset).toBeLessThan(inSpan.length);
    const nested = spanRequest((w) => {
      w.tag(9, 2); // attributes: KeyValue { value: <deep AnyValue> }
      const kv = w.fork();
      w.tag(2, 2);
      w.bytes(deeplyNestedAnyValue(500));
      w.join(kv);
    });
    expect(decodeError(nested).code).toBe('OTLPX_ERR_DECODE_DEPTH');
    expect(decodeError(nested, 8).offset).toBeLessThan(60);
  });

  it('survives fuzzing: random bytes, every truncation, bit flips of real SDK output', () => {
    fuzzDecoder(decodeTraceRequest, encodeTraces(makeHttpServerSpans({ count: 3 })));
    fuzzDecoder(decodeTraceRequest, encodeTraces(makeEdgeCaseSpans()).subarray(0, 3000));
    fc.assert(
      fc.property(traceRequest, fc.nat(), fc.nat(7), (model, at, bit) => {
        const bytes = encodeTraceRequest(model);
        if (bytes.length === 0) return;
        bytes[at % bytes.length] ^= 1 << bit;
        expectModelOrDecodeError(decodeTraceRequest, bytes);
      }),
      { numRuns: 500 },
    );
  });
});
