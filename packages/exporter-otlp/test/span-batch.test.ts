import { ProtoWriter } from '@otlpx/proto/wire';
import { referenceDecode } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';
import { SpanBatch } from '../src/span-batch.js';

// A hand-written one-span ExportTraceServiceRequest encoder over the same wire layout as the
// real one, so the batch's split-and-assemble logic is tested on its own.
interface FakeSpan {
  resource: { name: string; schema?: string };
  instrumentationScope: { name: string; schema?: string };
  name: string;
}

function encodeOne(span: object): Uint8Array {
  const s = span as FakeSpan;
  const w = new ProtoWriter(256);
  w.tag(1, 2); // resource_spans
  const rs = w.fork();
  w.tag(1, 2); // resource
  const r = w.fork();
  w.tag(1, 2); // attributes
  const kv = w.fork();
  w.tag(1, 2);
  w.string('service.name');
  w.tag(2, 2);
  const v = w.fork();
  w.tag(1, 2);
  w.string(s.resource.name);
  w.join(v);
  w.join(kv);
  w.join(r);
  w.tag(2, 2); // scope_spans
  const ss = w.fork();
  w.tag(1, 2); // scope
  const sc = w.fork();
  w.tag(1, 2);
  w.string(s.instrumentationScope.name);
  w.join(sc);
  w.tag(2, 2); // span
  const sp = w.fork();
  w.tag(1, 2);
  w.bytes(new Uint8Array(16).fill(1));
  w.tag(2, 2);
  w.bytes(new Uint8Array(8).fill(2));
  w.tag(5, 2);
  w.string(s.name);
  w.join(sp);
  if (s.instrumentationScope.schema) {
    w.tag(3, 2);
    w.string(s.instrumentationScope.schema);
  }
  w.join(ss);
  if (s.resource.schema) {
    w.tag(3, 2);
    w.string(s.resource.schema);
  }
  w.join(rs);
  return w.finish();
}

type Decoded = {
  resourceSpans: {
    resource: { attributes: { value: { stringValue: string } }[] };
    schemaUrl: string;
    scopeSpans: { scope: { name: string }; schemaUrl: string; spans: { name: string }[] }[];
  }[];
};

function summary(bytes: Uint8Array) {
  const d = referenceDecode('traces', bytes) as Decoded;
  return d.resourceSpans.map((rs) => ({
    resource: rs.resource.attributes[0].value.stringValue,
    schema: rs.schemaUrl,
    scopes: rs.scopeSpans.map((ss) => ({
      scope: ss.scope.name,
      schema: ss.schemaUrl,
      spans: ss.spans.map((x) => x.name),
    })),
  }));
}

describe('SpanBatch', () => {
  it('assembles spans of one resource and scope into one request', () => {
    const resource = { name: 'svc' };
    const scope = { name: 'lib' };
    const batch = new SpanBatch(encodeOne);
    for (let i = 0; i < 3; i++)
      batch.add({ resource, instrumentationScope: scope, name: `s${i}` } as FakeSpan);
    expect(batch.count).toBe(3);
    expect(summary(batch.finish())).toEqual([
      { resource: 'svc', schema: '', scopes: [{ scope: 'lib', schema: '', spans: ['s0', 's1', 's2'] }] },
    ]);
  });

  it('groups by resource and scope identity, keeping schema URLs and per-scope end order', () => {
    const r1 = { name: 'one', schema: 'https://opentelemetry.io/schemas/1.30.0' };
    const r2 = { name: 'two' };
    const a = { name: 'a', schema: 'https://example.com/a' };
    const b = { name: 'b' };
    const batch = new SpanBatch(encodeOne);
    const add = (resource: object, scope: object, name: string) =>
      batch.add({ resource, instrumentationScope: scope, name } as FakeSpan);
    add(r1, a, '1');
    add(r1, b, '2');
    add(r2, a, '3');
    add(r1, a, '4');
    add(r2, a, '5');
    expect(summary(batch.finish())).toEqual([
      {
        resource: 'one',
        schema: r1.schema,
        scopes: [
          { scope: 'a', schema: a.schema, spans: ['1', '4'] },
          { scope: 'b', schema: '', spans: ['2'] },
        ],
      },
      { resource: 'two', schema: '', scopes: [{ scope: 'a', schema: a.schema, spans: ['3', '5'] }] },
    ]);
  });

  it('handles spans past 128 bytes and batches past 16 KiB (multi-byte lengths, buffer growth)', () => {
    const resource = { name: 'r'.repeat(300) };
    const scope = { name: 's' };
    const batch = new SpanBatch(encodeOne);
    const names = Array.from({ length: 200 }, (_, i) => `${i}-${'x'.repeat(150)}`);
    for (const name of names) batch.add({ resource, instrumentationScope: scope, name } as FakeSpan);
    const out = summary(batch.finish());
    expect(out[0].scopes[0].spans).toEqual(names);
    expect(batch.bytes).toBeGreaterThan(16 * 1024);
  });

  it('an empty batch is an empty request; a broken encoder output throws', () => {
    expect(new SpanBatch(encodeOne).finish()).toHaveLength(0);
    expect(() =>
      new SpanBatch(() => new Uint8Array([0x12, 0x00])).add({ resource: {}, instrumentationScope: {} }),
    ).toThrow();
    expect(() =>
      new SpanBatch(() => new Uint8Array([0x0a, 0x00])).add({ resource: {}, instrumentationScope: {} }),
    ).toThrow(/no span/);
  });
});
