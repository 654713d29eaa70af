import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  readAnyValue,
  readResource,
  readScope,
  writeAnyValueBody,
  writeResource,
  writeScope,
} from '../src/common/common-binary.js';
import {
  anyValueFromJson,
  anyValueToJson,
  resourceFromJson,
  resourceToJson,
  scopeFromJson,
  scopeToJson,
} from '../src/common/common-json.js';
import { writeSdkAttributes } from '../src/common/sdk-attributes.js';
import { isOtlpxError } from '../src/errors.js';
import { ProtoReader } from '../src/wire/reader.js';
import { ProtoWriter } from '../src/wire/writer.js';
import { anyValue, resource, scope } from './arbitraries.js';

function encodeAnyValue(v: Parameters<typeof writeAnyValueBody>[1]): Uint8Array {
  const w = new ProtoWriter(16);
  w.tag(1, 2);
  const s = w.fork();
  writeAnyValueBody(w, v);
  w.join(s);
  return w.finish();
}

function decodeField<T>(bytes: Uint8Array, read: (r: ProtoReader) => T): T {
  const r = new ProtoReader(bytes);
  r.tag();
  return read(r);
}

/**
 * JSON-safe comparison: NaN survives, bytes compare by content, and -0 stays distinct from 0
 * unless `signedZero` is false (OTLP/JSON numbers cannot carry the sign of zero).
 */
function normalise(v: unknown, signedZero = true): unknown {
  return JSON.parse(
    JSON.stringify(v, (_k, x) =>
      typeof x === 'bigint'
        ? `${x}n`
        : x instanceof Uint8Array
          ? `bytes:${Buffer.from(x).toString('hex')}`
          : typeof x === 'number' && !Number.isFinite(x)
            ? String(x)
            : Object.is(x, -0)
              ? signedZero
                ? '-0'
                : 0
              : x,
    ),
  );
}

describe('common messages, binary', () => {
  it('round-trips AnyValue byte-exactly', () => {
    fc.assert(
      fc.property(anyValue, (v) => {
        const bytes = encodeAnyValue(v);
        const back = decodeField(bytes, readAnyValue);
        expect(normalise(back)).toEqual(normalise(v));
        expect(encodeAnyValue(back)).toEqual(bytes);
      }),
    );
  });

  it('round-trips Resource and InstrumentationScope byte-exactly', () => {
    fc.assert(
      fc.property(resource, scope, (res, sc) => {
        const w = new ProtoWriter(8);
        writeResource(w, 1, res);
        const resBytes = w.finish();
        const resBack = decodeField(resBytes, readResource);
        expect(normalise(resBack)).toEqual(normalise(res));
        w.reset();
        writeResource(w, 1, resBack);
        expect(w.finish()).toEqual(resBytes);
        w.reset();
        writeScope(w, 1, sc);
        const scBytes = w.finish();
        expect(normalise(decodeField(scBytes, readScope))).toEqual(normalise(sc));
      }),
    );
  });

  it('rejects AnyValue nesting past the reader limit', () => {
    let v: Parameters<typeof writeAnyValueBody>[1] = { stringValue: 'leaf' };
    for (let i = 0; i < 100; i++) v = { arrayValue: { values: [v] } };
    const bytes = encodeAnyValue(v);
    try {
      decodeField(bytes, readAnyValue);
      expect.unreachable();
    } catch (err) {
      expect(isOtlpxError(err) && err.code).toBe('OTLPX_ERR_DECODE_DEPTH');
    }
  });
});

describe('SDK attributes', () => {
  it('maps SDK values like the official serializer', () => {
    const w = new ProtoWriter(8);
    writeSdkAttributes(w, 1, {
      s: 'x',
      i: 42,
      big: 2 ** 60,
      neg: -7,
      d: 1.5,
      nan: Number.NaN,
      b: true,
      arr: ['a', null, 'b'],
      bytes: new Uint8Array([1, 2]),
      map: { nested: 1 },
      none: undefined,
    });
    const r = new ProtoReader(w.finish());
    const got: Record<string, unknown> = {};
    while (r.pos < r.end) {
      r.tag();
      const end = r.enter();
      r.tag();
      const key = r.string();
      r.tag();
      got[key] = readAnyValue(r);
      r.leave(end);
    }
    expect(normalise(got)).toEqual(
      normalise({
        s: { stringValue: 'x' },
        i: { intValue: 42n },
        big: { intValue: 2n ** 60n },
        neg: { intValue: -7n },
        d: { doubleValue: 1.5 },
        nan: { doubleValue: Number.NaN },
        b: { boolValue: true },
        arr: { arrayValue: { values: [{ stringValue: 'a' }, {}, { stringValue: 'b' }] } },
        bytes: { bytesValue: new Uint8Array([1, 2]) },
        map: { kvlistValue: { values: [{ key: 'nested', value: { intValue: 1n } }] } },
        none: {},
      }),
    );
  });
});

describe('common messages, OTLP/JSON', () => {
  it('round-trips through JSON text', () => {
    fc.assert(
      fc.property(anyValue, resource, scope, (v, res, sc) => {
        const text = JSON.stringify({ v: anyValueToJson(v), res: resourceToJson(res), sc: scopeToJson(sc) });
        const parsed = JSON.parse(text);
        expect(normalise(anyValueFromJson(parsed.v, '$.v'), false)).toEqual(normalise(v, false));
        expect(normalise(resourceFromJson(parsed.res, '$.res'), false)).toEqual(normalise(res, false));
        expect(normalise(scopeFromJson(parsed.sc, '$.sc'), false)).toEqual(normalise(sc, false));
      }),
    );
  });

  it('writes int64 as strings, non-finite doubles as names, bytes as base64', () => {
    expect(anyValueToJson({ intValue: 2n ** 62n })).toEqual({ intValue: '4611686018427387904' });
    expect(anyValueToJson({ doubleValue: Number.NEGATIVE_INFINITY })).toEqual({ doubleValue: '-Infinity' });
    expect(anyValueToJson({ bytesValue: new Uint8Array([255, 0]) })).toEqual({ bytesValue: '/wA=' });
  });

  it('reads snake_case names and integers given as numbers', () => {
    expect(anyValueFromJson({ int_value: 5 }, '$')).toEqual({ intValue: 5n });
    expect(anyValueFromJson({ doubleValue: 'NaN' }, '$')).toEqual({ doubleValue: Number.NaN });
    expect(resourceFromJson({ dropped_attributes_count: '3' }, '$').droppedAttributesCount).toBe(3);
  });

  it('names the path of a bad value', () => {
    const cases: [unknown, string][] = [
      [{ intValue: '1.5' }, '$.intValue'],
      [{ intValue: '9223372036854775808' }, '$.intValue'],
      [{ boolValue: 'yes' }, '$.boolValue'],
      [{ arrayValue: { values: [{ bytesValue: '%%' }] } }, '$.arrayValue.values[0].bytesValue'],
      [{ kvlistValue: { values: [{ key: 7 }] } }, '$.kvlistValue.values[0].key'],
      ['str', '$'],
    ];
    for (const [json, path] of cases) {
      try {
        anyValueFromJson(json, '$');
        expect.unreachable();
      } catch (err) {
        expect(isOtlpxError(err) && err.code).toBe('OTLPX_ERR_JSON_INVALID');
        expect((err as { path: string }).path).toBe(path);
      }
    }
    let deep: unknown = { stringValue: 'x' };
    for (let i = 0; i < 100; i++) deep = { arrayValue: { values: [deep] } };
    expect(() => anyValueFromJson(deep, '$')).toThrow(/nested deeper/);
  });
});
