import { encodeStringField, type ProtoWriter } from '../wire/writer.js';

// OTel SDK values (span/resource/scope Attributes, log bodies) straight to protobuf bytes,
// with no intermediate AnyValue objects. The mapping is the official otlp-transformer's:
// integers within int64 -> int_value, other numbers -> double_value, Uint8Array -> bytes_value,
// arrays -> array_value, plain objects -> kvlist_value, null/undefined -> an empty AnyValue.

const MIN_INT64 = -(2 ** 63);
const MAX_INT64 = 2 ** 63; // exclusive
const KEY_CACHE_LIMIT = 4096;
const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Encoded `1: key (LEN)` prefixes of attribute keys, shared by every SDK encoder. Keys repeat
 * across spans and records (the same dozen names on every HTTP span), so each is UTF-8-encoded
 * once. Bounded: past the limit, new keys are encoded each time instead of growing the cache
 * with high-cardinality names.
 */
const keyCache = new Map<string, Uint8Array>();

/** `1: key (LEN)`, tag included, of an attribute key; cached while the cache has room. */
export function attributeKeyField(key: string): Uint8Array {
  let bytes = keyCache.get(key);
  if (bytes === undefined) {
    bytes = encodeStringField(1, key);
    if (keyCache.size < KEY_CACHE_LIMIT) keyCache.set(key, bytes);
  }
  return bytes;
}

/** Writes `repeated KeyValue` under `fieldNumber` from an SDK Attributes record. */
export function writeSdkAttributes(w: ProtoWriter, fieldNumber: number, attributes: object): void {
  for (const key in attributes) {
    // hasOwnProperty.call is folded away inside for-in; Object.hasOwn is a call per key (4x slower,
    // measured in span-attributes.ts on the 512-span HTTP case).
    if (!hasOwn.call(attributes, key)) continue;
    w.tag(fieldNumber, 2);
    const kvStart = w.fork();
    // An empty key is the proto3 default: omitted, as the model writer omits it (byte-exactness).
    if (key !== '') w.raw(attributeKeyField(key));
    w.byte(0x12); // 2: value (LEN)
    const valueStart = w.fork();
    writeSdkAnyValueBody(w, (attributes as Record<string, unknown>)[key]);
    w.join(valueStart);
    w.join(kvStart);
  }
}

/** Writes the body of an AnyValue for an SDK value (see the mapping above). */
export function writeSdkAnyValueBody(w: ProtoWriter, value: unknown): void {
  switch (typeof value) {
    case 'string':
      w.byte(0x0a); // 1: string_value (LEN)
      w.string(value);
      return;
    case 'boolean':
      w.byte(0x10); // 2: bool_value (VARINT)
      w.bool(value);
      return;
    case 'number':
      if (Number.isInteger(value) && value >= MIN_INT64 && value < MAX_INT64) {
        w.byte(0x18); // 3: int_value (VARINT)
        w.int64(value);
      } else {
        w.byte(0x21); // 4: double_value (I64)
        w.double(value);
      }
      return;
    case 'object':
      if (value === null) return;
      if (value instanceof Uint8Array) {
        w.byte(0x3a); // 7: bytes_value (LEN)
        w.bytes(value);
      } else if (Array.isArray(value)) {
        w.byte(0x2a); // 5: array_value (LEN)
        const start = w.fork();
        for (let i = 0; i < value.length; i++) {
          w.byte(0x0a); // ArrayValue 1: values (LEN)
          const s = w.fork();
          writeSdkAnyValueBody(w, value[i]);
          w.join(s);
        }
        w.join(start);
      } else {
        w.byte(0x32); // 6: kvlist_value (LEN)
        const start = w.fork();
        writeSdkAttributes(w, 1, value);
        w.join(start);
      }
      return;
    default:
    // undefined, functions, symbols, bigint: an empty AnyValue, as the official serializer writes.
  }
}
