import { type JsonWriter, jsonBytes } from './json-writer.js';
import type { SdkResourceLike, SdkScopeLike } from './sdk-resource-scope.js';

// OTel SDK values straight to OTLP/JSON bytes, with no intermediate object tree: the JSON twin of
// sdk-attributes.ts, with the same value mapping (integers within int64 -> intValue as a decimal
// string, other numbers -> doubleValue with NaN/Infinity as strings, Uint8Array -> base64
// bytesValue, arrays, plain objects -> kvlistValue, null/undefined -> {}). Members appear in the
// order the model's JSON writers (common-json.ts) use, so both paths give the same text.

const MIN_INT64 = -(2 ** 63);
const MAX_INT64 = 2 ** 63; // exclusive
const KEY_CACHE_LIMIT = 4096;
/** hasOwnProperty.call is folded away inside for-in; Object.hasOwn is a call per key (4x slower, span-attributes.ts). */
const hasOwn = Object.prototype.hasOwnProperty;

/** `{"key":"<key>","value":` prefixes, encoded once per key (bounded like the binary key cache). */
const keyPrefixes = new Map<string, Uint8Array>();

function writeKeyPrefix(w: JsonWriter, key: string): void {
  let prefix = keyPrefixes.get(key);
  if (prefix === undefined) {
    prefix = jsonBytes((p) => {
      p.ascii('{"key":');
      p.string(key);
      p.ascii(',"value":');
    });
    if (keyPrefixes.size < KEY_CACHE_LIMIT) keyPrefixes.set(key, prefix);
  }
  w.raw(prefix);
}

/** A double as OTLP/JSON: a JSON number, or "NaN" / "Infinity" / "-Infinity". */
export function jsonDouble(value: number): string {
  if (Number.isFinite(value)) return String(value);
  return Number.isNaN(value) ? '"NaN"' : value > 0 ? '"Infinity"' : '"-Infinity"';
}

/** Whether an SDK Attributes record has an own enumerable key. */
function hasAttributes(attributes: object): boolean {
  for (const key in attributes) if (hasOwn.call(attributes, key)) return true;
  return false;
}

/** A JSON array of KeyValue objects for an SDK Attributes record (`[]` when empty). */
export function writeSdkAttributesJson(w: JsonWriter, attributes: object): void {
  w.byte(0x5b); // [
  let first = true;
  for (const key in attributes) {
    if (!hasOwn.call(attributes, key)) continue;
    if (!first) w.byte(0x2c); // ,
    first = false;
    writeKeyPrefix(w, key);
    writeSdkAnyValueJson(w, (attributes as Record<string, unknown>)[key]);
    w.byte(0x7d); // }
  }
  w.byte(0x5d); // ]
}

/**
 * Writes `"<name>":[...]` for non-empty attributes (after a comma unless `first`); returns whether
 * the object now has a member. Empty attributes are the default value: omitted.
 */
export function writeSdkAttributesMember(
  w: JsonWriter,
  first: boolean,
  name: string,
  attributes: object | undefined,
): boolean {
  if (attributes === undefined || !hasAttributes(attributes)) return !first;
  w.ascii(first ? `"${name}":` : `,"${name}":`);
  writeSdkAttributesJson(w, attributes);
  return true;
}

/** An AnyValue object for an SDK value. */
export function writeSdkAnyValueJson(w: JsonWriter, value: unknown): void {
  switch (typeof value) {
    case 'string':
      w.ascii('{"stringValue":');
      w.string(value);
      w.byte(0x7d);
      return;
    case 'boolean':
      w.ascii(value ? '{"boolValue":true}' : '{"boolValue":false}');
      return;
    case 'number':
      if (Number.isInteger(value) && value >= MIN_INT64 && value < MAX_INT64) {
        w.ascii('{"intValue":');
        w.quotedInteger(value);
        w.byte(0x7d);
      } else {
        w.ascii(`{"doubleValue":${jsonDouble(value)}}`);
      }
      return;
    case 'object':
      if (value === null) {
        w.ascii('{}');
      } else if (value instanceof Uint8Array) {
        w.ascii('{"bytesValue":"');
        w.ascii(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64'));
        w.ascii('"}');
      } else if (Array.isArray(value)) {
        w.ascii('{"arrayValue":{"values":[');
        for (let i = 0; i < value.length; i++) {
          if (i > 0) w.byte(0x2c);
          writeSdkAnyValueJson(w, value[i]);
        }
        w.ascii(']}}');
      } else {
        w.ascii('{"kvlistValue":{"values":');
        writeSdkAttributesJson(w, value);
        w.ascii('}}');
      }
      return;
    default:
      w.ascii('{}');
  }
}

interface CachedJson {
  attributes: object | undefined;
  name: string | undefined;
  version: string | undefined;
  bytes: Uint8Array;
}

const resourceJson = new WeakMap<object, CachedJson>();
const scopeJson = new WeakMap<object, CachedJson>();

/** A Resource object for an SDK resource, encoded once per resource object (and attributes object). */
export function writeSdkResourceJson(w: JsonWriter, resource: SdkResourceLike): void {
  const attributes = resource.attributes;
  const hit = resourceJson.get(resource);
  if (hit !== undefined && hit.attributes === attributes) {
    w.raw(hit.bytes);
    return;
  }
  const bytes = jsonBytes((j) => {
    j.ascii('{"attributes":');
    writeSdkAttributesJson(j, attributes);
    j.byte(0x7d);
  });
  if (resource.asyncAttributesPending !== true) {
    resourceJson.set(resource, { attributes, name: undefined, version: undefined, bytes });
  }
  w.raw(bytes);
}

/** An InstrumentationScope object for an SDK scope, encoded once per scope object. */
export function writeSdkScopeJson(w: JsonWriter, scope: SdkScopeLike): void {
  const hit = scopeJson.get(scope);
  if (
    hit !== undefined &&
    hit.attributes === scope.attributes &&
    hit.name === scope.name &&
    hit.version === scope.version
  ) {
    w.raw(hit.bytes);
    return;
  }
  const bytes = jsonBytes((j) => {
    j.ascii('{"name":');
    j.string(scope.name ?? '');
    if (scope.version) {
      j.ascii(',"version":');
      j.string(scope.version);
    }
    writeSdkAttributesMember(j, false, 'attributes', scope.attributes);
    if (scope.droppedAttributesCount) j.ascii(`,"droppedAttributesCount":${scope.droppedAttributesCount}`);
    j.byte(0x7d);
  });
  scopeJson.set(scope, { attributes: scope.attributes, name: scope.name, version: scope.version, bytes });
  w.raw(bytes);
}

/** `,"schemaUrl":"..."` when set, nothing otherwise. */
export function writeSchemaUrlMember(w: JsonWriter, schemaUrl: string | undefined): void {
  if (schemaUrl) {
    w.ascii(',"schemaUrl":');
    w.string(schemaUrl);
  }
}
