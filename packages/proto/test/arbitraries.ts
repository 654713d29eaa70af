import fc from 'fast-check';
import type { AnyValue, InstrumentationScope, KeyValue, Resource } from '../src/model/common.js';

// fast-check arbitraries of the common model, shared by the round-trip property tests.

const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
export const bytes = fc.uint8Array({ maxLength: 24 }).map((b) => new Uint8Array(b));
/** Strings as UTF-8 can carry them (no lone surrogates: those become U+FFFD on the wire). */
export const text = fc.string({ unit: 'grapheme', maxLength: 24 });
export const uint32 = fc.integer({ min: 0, max: 0xffffffff });

export const { anyValue, keyValue } = fc.letrec<{ anyValue: AnyValue; keyValue: KeyValue }>((tie) => ({
  anyValue: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ stringValue: text }),
    fc.record({ boolValue: fc.boolean() }),
    fc.record({ intValue: int64 }),
    fc.record({ doubleValue: fc.double() }),
    fc.record({ bytesValue: bytes }),
    fc.constant({}),
    fc.record({ arrayValue: fc.record({ values: fc.array(tie('anyValue'), { maxLength: 3 }) }) }),
    fc.record({ kvlistValue: fc.record({ values: fc.array(tie('keyValue'), { maxLength: 3 }) }) }),
  ) as fc.Arbitrary<AnyValue>,
  keyValue: fc.record(
    { key: text, value: tie('anyValue') as fc.Arbitrary<AnyValue> },
    { requiredKeys: ['key'] },
  ),
}));

export const attributes = fc.array(keyValue, { maxLength: 4 });

export const scope: fc.Arbitrary<InstrumentationScope> = fc.record({
  name: text,
  version: text,
  attributes,
  droppedAttributesCount: uint32,
});

export const resource: fc.Arbitrary<Resource> = fc.record({
  attributes,
  droppedAttributesCount: uint32,
  entityRefs: fc.array(
    fc.record({
      schemaUrl: text,
      type: text,
      idKeys: fc.array(text, { maxLength: 2 }),
      descriptionKeys: fc.array(text, { maxLength: 2 }),
    }),
    { maxLength: 2 },
  ),
});
