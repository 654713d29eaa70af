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

function encodeOne(s: FakeSpan): Uint8Array {
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
    const batch = new SpanBatch();
    for (let i = 0; i < 3; i++)
      batch.append(encodeOne({ resource, instrumentationScope: scope, name: `s${i}` }));
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
    const batch = new SpanBatch();
    const add = (resource: FakeSpan['resource'], scope: FakeSpan['instrumentationScope'], name: string) =>
      batch.append(encodeOne({ resource, instrumentationScope: scope, name }));
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
    const batch = new SpanBatch();
    const names = Array.from({ length: 200 }, (_, i) => `${i}-${'x'.repeat(150)}`);
    for (const name of names) batch.append(encodeOne({ resource, instrumentationScope: scope, name }));
    const out = summary(batch.finish());
    expect(out[0].scopes[0].spans).toEqual(names);
    expect(batch.bytes).toBeGreaterThan(16 * 1024);
  });

  it('merges multi-span, multi-group requests into the same groups', () => {
    const r = { name: 'svc' };
    const a = { name: 'a' };
    const b = { name: 'b' };
    const batch = new SpanBatch();
    const two = Buffer.concat([
      encodeOne({ resource: r, instrumentationScope: a, name: '1' }),
      encodeOne({ resource: r, instrumentationScope: b, name: '2' }),
    ]);
    expect(batch.append(two)).toBe(2);
    // Equal bytes mean the same group, whatever object produced them.
    expect(
      batch.append(encodeOne({ resource: { name: 'svc' }, instrumentationScope: { name: 'a' }, name: '3' })),
    ).toBe(1);
    expect(summary(batch.finish())).toEqual([
      {
        resource: 'svc',
        schema: '',
        scopes: [
          { scope: 'a', schema: '', spans: ['1', '3'] },
          { scope: 'b', schema: '', spans: ['2'] },
        ],
      },
    ]);
  });

  it('an empty batch is an empty request; a request without spans adds none; garbage throws and adds nothing', () => {
    const batch = new SpanBatch();
    expect(batch.finish()).toHaveLength(0);
    expect(batch.append(new Uint8Array([0x0a, 0x02, 0x0a, 0x00]))).toBe(0);
    batch.append(encodeOne({ resource: { name: 'r' }, instrumentationScope: { name: 's' }, name: 'kept' }));
    const bad = Buffer.concat([
      encodeOne({ resource: { name: 'r' }, instrumentationScope: { name: 's' }, name: 'x' }),
      Buffer.from([0x0a, 0x7f]),
    ]);
    expect(() => batch.append(bad)).toThrow(/length prefix/);
    expect(batch.count).toBe(1);
    expect(summary(batch.finish())[0].scopes[0].spans).toEqual(['kept']);
  });
});
