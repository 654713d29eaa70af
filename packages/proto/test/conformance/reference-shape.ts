import { referenceType } from '@otlpx/testkit';

// Compares our model with what protobufjs (over the official .proto files) decodes from our
// bytes. Both sides are brought to one canonical shape: 64-bit integers as decimal strings,
// bytes as hex, and proto3 default values (null, '', '0', 0, false, []) dropped from objects,
// because an absent field and a default are the same message.

const HEX = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** `int64Keys`: model keys holding 64-bit integers as JS numbers (protobufjs gives strings). */
export function canonical(value: unknown, int64Keys: ReadonlySet<string> | 'all', key = ''): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return HEX(value);
  if (typeof value === 'number' && (int64Keys === 'all' || int64Keys.has(key))) return String(value);
  if (Array.isArray(value)) return value.map((v) => canonical(v, int64Keys, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = canonical(v, int64Keys, k);
      if (c === null || c === undefined || c === '' || c === '0' || c === 0 || c === false) continue;
      if (Array.isArray(c) && c.length === 0) continue;
      out[k] = c;
    }
    return out;
  }
  return value;
}

/** protobufjs decode of `bytes` as a plain object (64-bit integers as strings, bytes as hex). */
export function referenceObject(kind: 'profiles' | 'pprof', bytes: Uint8Array): unknown {
  const type = referenceType(kind);
  const object = type.toObject(type.decode(bytes), { longs: String, enums: Number, arrays: true });
  return bytesToHex(object);
}

function bytesToHex(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(bytesToHex);
  if (value instanceof Uint8Array) return HEX(value);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bytesToHex(v)]));
  }
  return value;
}

/** protobufjs re-encoding of its own decode: equal to `bytes` when they are canonical protobuf. */
export function referenceReencode(kind: 'profiles' | 'pprof', bytes: Uint8Array): Uint8Array {
  const type = referenceType(kind);
  return new Uint8Array(type.encode(type.decode(bytes)).finish());
}

/** protobufjs's JSON form of `bytes` (64-bit integers as decimal strings, bytes as base64). */
export function referenceJson(kind: 'profiles' | 'pprof', bytes: Uint8Array): unknown {
  const type = referenceType(kind);
  return type.toObject(type.decode(bytes), { longs: String, enums: Number, bytes: String, json: true });
}
