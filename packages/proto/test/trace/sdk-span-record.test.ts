import { makeHttpServerSpans } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';
import { encodeTraces } from '../../src/trace/encode-spans.js';
import {
  writeSdkResourceRecord,
  writeSdkSchemaUrlRecord,
  writeSdkScopeRecord,
  writeSdkSpanRecord,
} from '../../src/trace/sdk-span-record.js';
import { ProtoWriter } from '../../src/wire/writer.js';

// Assembles a one-resource, one-scope request from the per-span records, the way a caller that
// writes spans as they end does: spans into their own buffer, the envelope around them at the end.
function assemble(spans: ReturnType<typeof makeHttpServerSpans>): Uint8Array {
  const body = new ProtoWriter(1024);
  for (const span of spans) writeSdkSpanRecord(body, span);
  const { resource, instrumentationScope: scope } = spans[0];
  const w = new ProtoWriter(1024);
  w.byte(0x0a);
  const rs = w.fork();
  writeSdkResourceRecord(w, resource);
  w.byte(0x12);
  const ss = w.fork();
  writeSdkScopeRecord(w, scope);
  w.raw(body.view());
  writeSdkSchemaUrlRecord(w, scope.schemaUrl);
  w.join(ss);
  writeSdkSchemaUrlRecord(w, resource.schemaUrl);
  w.join(rs);
  return w.finish();
}

describe('@otlpx/proto/sdk records', () => {
  it('assemble into the same bytes as encodeTraces', () => {
    for (const count of [1, 7, 512]) {
      const spans = makeHttpServerSpans({ count, seed: 11 + count });
      expect(Buffer.from(assemble(spans)).equals(Buffer.from(encodeTraces(spans)))).toBe(true);
    }
  });

  it('write spans of interleaved kinds as encodeTraces does', () => {
    // One scope, server and client spans alternating: each kind has its own memo of keys.
    const server = makeHttpServerSpans({ count: 64, seed: 5 });
    const spans = server.map((span, i) =>
      i % 2 === 0
        ? span
        : ({
            ...span,
            spanContext: span.spanContext,
            kind: 2, // SpanKind.CLIENT
            attributes: {
              'http.request.method': 'GET',
              'url.full': `https://b.example/${i % 3}`,
              'server.port': 443,
            },
          } as typeof span),
    );
    expect(Buffer.from(assemble(spans)).equals(Buffer.from(encodeTraces(spans)))).toBe(true);
  });

  it('write schema URLs only when set', () => {
    const w = new ProtoWriter(64);
    writeSdkSchemaUrlRecord(w, undefined);
    writeSdkSchemaUrlRecord(w, '');
    expect(w.pos).toBe(0);
    writeSdkSchemaUrlRecord(w, 'https://opentelemetry.io/schemas/1.26.0');
    expect(w.view()[0]).toBe(0x1a);
    expect(w.view()[1]).toBe(39);
  });
});
