import { describe, expect, it } from 'vitest';
import {
  decodeProfilesRequest,
  encodeProfilesRequest,
  isOtlpxError,
  ProfilesDictionaryBuilder,
  toAnyValue,
  validateProfilesRequest,
} from '../../src/index.js';

describe('ProfilesDictionaryBuilder', () => {
  it('starts every table with its zero value, so index 0 means unset', () => {
    const d = new ProfilesDictionaryBuilder().build();
    expect(d.stringTable).toEqual(['']);
    expect(d.mappingTable).toEqual([
      { memoryStart: 0n, memoryLimit: 0n, fileOffset: 0n, filenameStrindex: 0, attributeIndices: [] },
    ]);
    expect(d.locationTable).toEqual([{ mappingIndex: 0, address: 0n, lines: [], attributeIndices: [] }]);
    expect(d.functionTable).toEqual([
      { nameStrindex: 0, systemNameStrindex: 0, filenameStrindex: 0, startLine: 0 },
    ]);
    expect(d.linkTable).toEqual([{ traceId: new Uint8Array(16), spanId: new Uint8Array(8) }]);
    expect(d.attributeTable).toEqual([{ keyStrindex: 0, unitStrindex: 0 }]);
    expect(d.stackTable).toEqual([{ locationIndices: [] }]);
  });

  it('interns every kind of entry once and returns the same index for equal values', () => {
    const d = new ProfilesDictionaryBuilder();
    expect(d.string('')).toBe(0);
    expect(d.string('a')).toBe(1);
    expect(d.string('a')).toBe(1);
    const f = d.function({ name: 'main', filename: 'app.js', startLine: 3 });
    expect(d.function({ name: 'main', filename: 'app.js', startLine: 3 })).toBe(f);
    expect(d.function({ name: 'main', filename: 'app.js', startLine: 4 })).not.toBe(f);
    const m = d.mapping({ filename: 'node', memoryStart: 1n, memoryLimit: 2n ** 64n - 1n });
    expect(d.mapping({ filename: 'node', memoryStart: 1n, memoryLimit: 2n ** 64n - 1n })).toBe(m);
    expect(d.mapping({})).toBe(0);
    const loc = d.location({
      mappingIndex: m,
      address: 0x10n,
      lines: [{ functionIndex: f, line: 7, column: 2 }],
    });
    expect(
      d.location({ mappingIndex: m, address: 0x10n, lines: [{ functionIndex: f, line: 7, column: 2 }] }),
    ).toBe(loc);
    expect(d.location({ lines: [{ functionIndex: f, line: 8 }] })).not.toBe(loc);
    expect(d.location({})).toBe(0);
    const s = d.stack([loc, loc]);
    expect(d.stack([loc, loc])).toBe(s);
    expect(d.stack([])).toBe(0);
    const trace = new Uint8Array(16).fill(1);
    const span = new Uint8Array(8).fill(2);
    const l = d.link(trace, span);
    expect(l).toBe(1);
    expect(d.link(trace.slice(), span.slice())).toBe(l);
    expect(d.link(new Uint8Array(16), new Uint8Array(8))).toBe(0);
    const a = d.attribute('thread.id', 1);
    expect(d.attribute('thread.id', 1)).toBe(a);
    expect(d.attribute('thread.id', 1.5)).not.toBe(a);
    expect(d.attribute('thread.id', '1')).not.toBe(a);
    expect(d.attribute('allocation_size', 128, 'By')).not.toBe(d.attribute('allocation_size', 128));
    expect(d.attributes({ 'thread.id': 1, 'thread.name': 'main' })).toEqual([
      a,
      d.attribute('thread.name', 'main'),
    ]);
    expect(d.sizes).toEqual({
      mappingTable: 2,
      locationTable: 3,
      functionTable: 3,
      linkTable: 2,
      stringTable: 9,
      attributeTable: 7,
      stackTable: 2,
    });
  });

  it('builds dictionaries that validate, and copies the tables so interning can go on', () => {
    const d = new ProfilesDictionaryBuilder();
    const loc = d.location({ lines: [{ functionIndex: d.function({ name: 'f' }) }] });
    const first = d.build();
    d.stack([loc]);
    expect(first.stackTable.length).toBe(1);
    const dictionary = d.build();
    expect(dictionary.stackTable.length).toBe(2);
    expect(validateProfilesRequest({ resourceProfiles: [], dictionary })).toEqual([]);
  });

  it('rejects indices it did not hand out, bad link ids and nameless functions', () => {
    const d = new ProfilesDictionaryBuilder();
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        expect(isOtlpxError(err)).toBe(true);
        return (err as { code: string; message: string }).message;
      }
      throw new Error('expected an error');
    };
    expect(code(() => d.stack([1]))).toContain('location index 1 is not in this dictionary');
    expect(code(() => d.location({ lines: [{ functionIndex: 5 }] }))).toContain('function index 5');
    expect(code(() => d.location({ mappingIndex: -1 }))).toContain('mapping index -1');
    expect(code(() => d.mapping({ attributeIndices: [3] }))).toContain('attribute index 3');
    expect(code(() => d.link(new Uint8Array(8), new Uint8Array(8)))).toContain('16-byte trace id');
    expect(code(() => d.function({ startLine: 3 }))).toContain('at least one of name');
  });

  it('maps JS attribute values like the OTel SDK', () => {
    expect(toAnyValue('s')).toEqual({ stringValue: 's' });
    expect(toAnyValue(true)).toEqual({ boolValue: true });
    expect(toAnyValue(3)).toEqual({ intValue: 3n });
    expect(toAnyValue(2 ** 60)).toEqual({ doubleValue: 2 ** 60 });
    expect(toAnyValue(0.5)).toEqual({ doubleValue: 0.5 });
    expect(toAnyValue(-(2n ** 63n))).toEqual({ intValue: -(2n ** 63n) });
    expect(toAnyValue(new Uint8Array([1]))).toEqual({ bytesValue: new Uint8Array([1]) });
    expect(toAnyValue(['a', 1])).toEqual({
      arrayValue: { values: [{ stringValue: 'a' }, { intValue: 1n }] },
    });
    expect(toAnyValue({ kvlistValue: { values: [] } })).toEqual({ kvlistValue: { values: [] } });
    expect(() => toAnyValue(undefined as never)).toThrow(/unsupported attribute value/);
  });

  it('makes samples, profiles and a request with every default filled', () => {
    const d = new ProfilesDictionaryBuilder();
    const leaf = d.location({ lines: [{ functionIndex: d.function({ name: 'leaf' }), line: 2 }] });
    const root = d.location({ lines: [{ functionIndex: d.function({ name: 'root' }), line: 1 }] });
    const link = d.link(new Uint8Array(16).fill(7), new Uint8Array(8).fill(8));
    const a = d.sample({
      stack: [leaf, root],
      values: [5],
      attributes: { 'thread.name': 'main' },
      linkIndex: link,
    });
    const b = d.sample({ stack: a.stackIndex, timestampsUnixNano: [1n, 2n], attributes: a.attributeIndices });
    expect(a).toEqual({
      stackIndex: 1,
      attributeIndices: [1],
      linkIndex: 1,
      values: [5],
      timestampsUnixNano: [],
    });
    expect(b).toEqual({
      stackIndex: 1,
      attributeIndices: [1],
      linkIndex: 0,
      values: [],
      timestampsUnixNano: [1n, 2n],
    });
    const cpu = d.profile({
      sampleType: ['cpu', 'nanoseconds'],
      periodType: ['cpu', 'nanoseconds'],
      period: 10_000_000,
      samples: [a],
      timeUnixNano: 10n,
      durationNano: 20,
      profileId: new Uint8Array(16).fill(1),
      attributes: { 'profile.frame.type': 'v8js' },
      originalPayload: { format: 'pprof', bytes: new Uint8Array([1]) },
    });
    const wall = d.profile({ sampleType: ['wall', 'nanoseconds'], samples: [b] });
    expect(wall).toEqual({
      sampleType: d.valueType('wall', 'nanoseconds'),
      samples: [b],
      timeUnixNano: 0n,
      durationNano: 0,
      period: 0,
      profileId: new Uint8Array(0),
      droppedAttributesCount: 0,
      originalPayloadFormat: '',
      originalPayload: new Uint8Array(0),
      attributeIndices: [],
    });
    const resource = {
      attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }],
      droppedAttributesCount: 0,
      entityRefs: [],
    };
    const scope = { name: '@otlpx/profiling', version: '1', attributes: [], droppedAttributesCount: 0 };
    const request = d.request([cpu, wall], {
      resource,
      scope,
      schemaUrl: 'https://opentelemetry.io/schemas/1.38.0',
    });
    expect(validateProfilesRequest(request)).toEqual([]);
    expect(decodeProfilesRequest(encodeProfilesRequest(request))).toEqual(request);
    expect(d.request([]).resourceProfiles[0]).toEqual({
      scopeProfiles: [{ profiles: [], schemaUrl: '' }],
      schemaUrl: '',
    });
    expect(() => d.sample({ stack: 99 })).toThrow(/stack index 99/);
    expect(() => d.sample({ stack: 0, linkIndex: 9 })).toThrow(/link index 9/);
    expect(() => d.sample({ stack: 0, attributes: [42] })).toThrow(/attribute index 42/);
  });
});
