import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  JSON_LOSSY_ATTRIBUTES,
  makeEdgeCaseSpans,
  makeHttpServerSpans,
  protocDecode,
  referenceDecode,
  skipWithoutPeer,
} from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';
import type { ExportTraceServiceRequest } from '../../src/model/trace.js';
import { decodeTraceRequest } from '../../src/trace/decode-trace.js';
import { encodeTraces } from '../../src/trace/encode-spans.js';
import { encodeTracesJson } from '../../src/trace/encode-spans-json.js';
import { encodeTraceRequest } from '../../src/trace/encode-trace-request.js';
import { traceRequestFromJson, traceRequestToJson } from '../../src/trace/trace-request-json.js';

// Our trace encoders against the official @opentelemetry/otlp-transformer 0.223.1 serializers,
// decoded by protobufjs over the official opentelemetry-proto v1.11.0 files and by protoc.

type Decoded = { resourceSpans: { scopeSpans: { spans: { status: unknown }[] }[] }[] };

/**
 * The official serializer writes an UNSET Status explicitly on every span; we omit it (a proto3
 * default). protobufjs gives `status: null` for the absent message, so fill it in for comparison.
 */
function withStatus(decoded: Record<string, unknown>): Record<string, unknown> {
  for (const rs of (decoded as Decoded).resourceSpans)
    for (const ss of rs.scopeSpans) for (const s of ss.spans) s.status ??= { message: '', code: 0 };
  return decoded;
}

/** The same for our model: an UNSET status without a message is the same as none. */
function withoutDefaultStatus(model: ExportTraceServiceRequest): ExportTraceServiceRequest {
  for (const rs of model.resourceSpans)
    for (const ss of rs.scopeSpans)
      for (const s of ss.spans)
        if (s.status && s.status.code === 0 && s.status.message === '') delete s.status;
  return model;
}

function official(spans: ReadableSpan[]): Uint8Array {
  return ProtobufTraceSerializer.serializeRequest(spans) as Uint8Array;
}

function officialJson(spans: ReadableSpan[]): Uint8Array {
  return JsonTraceSerializer.serializeRequest(spans) as Uint8Array;
}

const FIXTURES: [string, () => ReadableSpan[]][] = [
  ['1 HTTP span', () => makeHttpServerSpans({ count: 1, seed: 1 })],
  ['17 HTTP spans', () => makeHttpServerSpans({ count: 17, seed: 17 })],
  ['512 HTTP spans', () => makeHttpServerSpans({ count: 512 })],
  ['the every-field edge cases', () => makeEdgeCaseSpans()],
];

describe.each(FIXTURES)('encodeTraces vs ProtobufTraceSerializer: %s', (_name, make) => {
  const spans = make();

  it('decodes (protobufjs, official .proto files) to the same message', () => {
    const ours = referenceDecode('traces', encodeTraces(spans));
    expect(withStatus(ours)).toEqual(withStatus(referenceDecode('traces', official(spans))));
  });

  it('gives the same bytes on a second call (caches and reused buffer)', () => {
    const first = encodeTraces(spans);
    const second = encodeTraces(spans);
    expect(Buffer.from(second)).toEqual(Buffer.from(first));
  });

  it('re-encodes byte-exactly from the model, and the official bytes decode to the same model', () => {
    const ours = encodeTraces(spans);
    const model = decodeTraceRequest(ours);
    expect(Buffer.from(encodeTraceRequest(model))).toEqual(Buffer.from(ours));
    expect(withoutDefaultStatus(decodeTraceRequest(official(spans)))).toEqual(model);
  });

  it('encodeTracesJson is the text traceRequestToJson gives for the decoded binary encoding', () => {
    const text = Buffer.from(encodeTracesJson(spans)).toString('utf8');
    expect(text).toBe(traceRequestToJson(decodeTraceRequest(encodeTraces(spans))));
    expect(Buffer.from(encodeTraceRequest(traceRequestFromJson(text)))).toEqual(
      Buffer.from(encodeTraces(spans)),
    );
  });
});

describe('edge-case fixture coverage', () => {
  it('has every span kind, status code, AnyValue kind and the fields under test', () => {
    const model = decodeTraceRequest(encodeTraces(makeEdgeCaseSpans()));
    expect(model.resourceSpans).toHaveLength(2);
    expect(model.resourceSpans[0].schemaUrl).not.toBe('');
    expect(model.resourceSpans[0].scopeSpans.length).toBe(3);
    const scopes = model.resourceSpans.flatMap((r) => r.scopeSpans);
    expect(scopes.some((s) => s.schemaUrl !== '')).toBe(true);
    expect(scopes.some((s) => (s.scope?.attributes.length ?? 0) > 0)).toBe(true);
    const spans = scopes.flatMap((s) => s.spans);
    expect(new Set(spans.map((s) => s.kind))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(new Set(spans.map((s) => s.status?.code ?? 0))).toEqual(new Set([0, 1, 2]));
    expect(spans.some((s) => s.status?.message && s.status.code === 0)).toBe(true);
    expect(spans.some((s) => s.traceState !== '' && s.links.some((l) => l.traceState !== ''))).toBe(true);
    expect(new Set(spans.map((s) => s.flags))).toEqual(new Set([0x100, 0x101, 0x301]));
    expect(spans.some((s) => s.droppedAttributesCount && s.droppedEventsCount && s.droppedLinksCount)).toBe(
      true,
    );
    expect(spans.some((s) => s.startTimeUnixNano === 0n)).toBe(true);
    expect(spans.some((s) => s.endTimeUnixNano === 5_000_000_000n * 1_000_000_000n)).toBe(true);
    const events = spans.flatMap((s) => s.events);
    expect(events.some((e) => e.attributes.length > 0 && e.droppedAttributesCount > 0)).toBe(true);
    const links = spans.flatMap((s) => s.links);
    expect(
      links.some((l) => l.attributes.length > 0 && l.droppedAttributesCount > 0 && l.flags === 0x301),
    ).toBe(true);
    const kinds = new Set(
      spans.flatMap((s) => s.attributes.map((a) => Object.keys(a.value ?? {})[0] ?? 'empty')),
    );
    for (const kind of ['stringValue', 'boolValue', 'intValue', 'doubleValue', 'bytesValue', 'arrayValue']) {
      expect(kinds).toContain(kind);
    }
    expect(kinds).toContain('kvlistValue');
    expect(kinds).toContain('empty');
  });
});

/**
 * Where the official JsonTraceSerializer (otlp-transformer 0.223.1) departs from the OTLP/JSON
 * mapping and from its own protobuf serializer. This list only shrinks: a test below fails when
 * an entry stops being a difference.
 */
const KNOWN_JSON_DIFFERENCES: { name: string; spans: () => ReadableSpan[] }[] = [
  ...Object.entries(JSON_LOSSY_ATTRIBUTES).map(([key, value]) => ({
    // NaN and the infinities become null (JSON.stringify); 2^63 becomes an out-of-range
    // intValue (no int64 range check); a lone surrogate stays a \ud800 escape where UTF-8 and
    // both protobuf serializers carry U+FFFD.
    name: `attribute ${key}`,
    spans: () => withAttributes({ [key]: value }),
  })),
  {
    // It groups scopes by `name@version:schemaUrl`, its protobuf twin (and we) by object identity.
    name: 'two scope objects with the same name, version and schema URL',
    spans: () => {
      const [a, b] = makeHttpServerSpans({ count: 2 });
      return [a, { ...b, spanContext: b.spanContext, instrumentationScope: { ...a.instrumentationScope } }];
    },
  },
];

function withAttributes(attributes: Record<string, unknown>): ReadableSpan[] {
  const [span] = makeHttpServerSpans({ count: 1 });
  return [{ ...span, spanContext: span.spanContext, attributes } as ReadableSpan];
}

function jsonModel(bytes: Uint8Array): ExportTraceServiceRequest {
  return withoutDefaultStatus(traceRequestFromJson(bytes));
}

describe('encodeTracesJson vs JsonTraceSerializer', () => {
  it.each([
    ['512 HTTP spans', () => makeHttpServerSpans({ count: 512 })],
    ['the edge cases without the known differences', () => makeEdgeCaseSpans({ includeJsonLossy: false })],
  ])('parses to the same data: %s', (_name, make) => {
    const spans = make();
    expect(jsonModel(encodeTracesJson(spans))).toEqual(jsonModel(officialJson(spans)));
    // ... and the same data as the binary encodings.
    expect(jsonModel(encodeTracesJson(spans))).toEqual(decodeTraceRequest(encodeTraces(spans)));
  });

  it.each(KNOWN_JSON_DIFFERENCES)('known difference is still real: $name', ({ spans }) => {
    const list = spans();
    let theirs: ExportTraceServiceRequest | Error;
    try {
      theirs = jsonModel(officialJson(list));
    } catch (err) {
      theirs = err as Error; // 2^63 as an intValue is not a valid int64
    }
    expect(theirs).not.toEqual(jsonModel(encodeTracesJson(list)));
    // ... while our JSON agrees with the official protobuf serializer.
    const viaJson = encodeTraceRequest(traceRequestFromJson(encodeTracesJson(list)));
    expect(withStatus(referenceDecode('traces', viaJson))).toEqual(
      withStatus(referenceDecode('traces', official(list))),
    );
  });
});

/** protoc prints the empty Status message the official serializer writes; we omit it. */
function withoutEmptyStatus(text: string): string {
  return text.replace(/^ *status \{\n *\}\n/gm, '');
}

describe.skipIf(skipWithoutPeer('protoc'))('protoc --decode', () => {
  it.each(FIXTURES)(
    'accepts our bytes and prints what it prints for the official bytes: %s',
    (_name, make) => {
      const spans = make();
      const ours = protocDecode('traces', encodeTraces(spans));
      expect(ours).toContain('span_id');
      expect(withoutEmptyStatus(ours)).toBe(withoutEmptyStatus(protocDecode('traces', official(spans))));
    },
  );
});
