import fc from 'fast-check';
import type { ExportTraceServiceRequest, Span, SpanEvent, SpanLink } from '../../src/model/trace.js';
import { attributes, resource, scope, text, uint32 } from '../arbitraries.js';

// fast-check arbitraries of the trace model; each value is canonical (what the decoder builds from
// its own encoding), so model -> bytes -> model is the identity.

const fixed64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const enumValue = (max: number) =>
  fc.oneof(fc.integer({ min: 0, max }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
const id = (length: number) =>
  fc.oneof(
    fc.constant(new Uint8Array(0)),
    fc.uint8Array({ minLength: length, maxLength: length }).map((b) => new Uint8Array(b)),
  );

export const spanEvent: fc.Arbitrary<SpanEvent> = fc.record({
  timeUnixNano: fixed64,
  name: text,
  attributes,
  droppedAttributesCount: uint32,
});

export const spanLink: fc.Arbitrary<SpanLink> = fc.record({
  traceId: id(16),
  spanId: id(8),
  traceState: text,
  attributes,
  droppedAttributesCount: uint32,
  flags: uint32,
});

export const span: fc.Arbitrary<Span> = fc
  .tuple(
    fc.record({
      traceId: id(16),
      spanId: id(8),
      traceState: text,
      parentSpanId: id(8),
      flags: uint32,
      name: text,
      kind: enumValue(5),
      startTimeUnixNano: fixed64,
      endTimeUnixNano: fixed64,
      attributes,
      droppedAttributesCount: uint32,
      events: fc.array(spanEvent, { maxLength: 2 }),
      droppedEventsCount: uint32,
      links: fc.array(spanLink, { maxLength: 2 }),
      droppedLinksCount: uint32,
    }),
    fc.option(fc.record({ message: text, code: enumValue(2) }), { nil: undefined }),
  )
  .map(([s, status]) => (status === undefined ? s : { ...s, status }));

export const traceRequest: fc.Arbitrary<ExportTraceServiceRequest> = fc.record({
  resourceSpans: fc.array(
    fc
      .tuple(
        fc.record({
          scopeSpans: fc.array(
            fc
              .tuple(
                fc.record({ spans: fc.array(span, { maxLength: 3 }), schemaUrl: text }),
                fc.option(scope, { nil: undefined }),
              )
              .map(([ss, s]) => (s === undefined ? ss : { ...ss, scope: s })),
            { maxLength: 2 },
          ),
          schemaUrl: text,
        }),
        fc.option(resource, { nil: undefined }),
      )
      .map(([rs, r]) => (r === undefined ? rs : { ...rs, resource: r })),
    { maxLength: 2 },
  ),
});
