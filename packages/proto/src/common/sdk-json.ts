import type { SdkResourceLike, SdkScopeLike } from './sdk-resource-scope.js';

// OTel SDK values straight to OTLP/JSON text, with no intermediate object tree: the JSON twin of
// sdk-attributes.ts, with the same value mapping (integers within int64 -> intValue as a decimal
// string, other numbers -> doubleValue with NaN/Infinity as strings, Uint8Array -> base64
// bytesValue, arrays, plain objects -> kvlistValue, null/undefined -> {}). Members appear in the
// order the model's JSON writers (common-json.ts) use, so both paths give the same text.

const MIN_INT64 = -(2 ** 63);
const MAX_INT64 = 2 ** 63; // exclusive
const KEY_CACHE_LIMIT = 4096;

/** `{"key":"<key>","value":` prefixes, escaped once per key (bounded like the binary key cache). */
const keyPrefixes = new Map<string, string>();

function keyPrefix(key: string): string {
  let prefix = keyPrefixes.get(key);
  if (prefix === undefined) {
    prefix = `{"key":${jsonString(key)},"value":`;
    if (keyPrefixes.size < KEY_CACHE_LIMIT) keyPrefixes.set(key, prefix);
  }
  return prefix;
}

type MaybeWellFormed = string & { isWellFormed(): boolean; toWellFormed(): string };

/**
 * A JSON string literal. Lone surrogates become U+FFFD, as in the UTF-8 of the protobuf path
 * (JSON.stringify would keep them as `\ud800` escapes, which no UTF-8 decoder can return).
 */
export function jsonString(value: string): string {
  const s = value as MaybeWellFormed;
  return JSON.stringify(s.isWellFormed() ? s : s.toWellFormed());
}

/** An integral number as a decimal string: String() is exact only up to 2^53 (String(2 ** 62) ends in 000). */
export function jsonInteger(value: number): string {
  return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
}

/** A double as OTLP/JSON: a JSON number, or "NaN" / "Infinity" / "-Infinity". */
export function jsonDouble(value: number): string {
  if (Number.isFinite(value)) return String(value);
  return Number.isNaN(value) ? '"NaN"' : value > 0 ? '"Infinity"' : '"-Infinity"';
}

/** A JSON array of KeyValue objects for an SDK Attributes record (`[]` when empty). */
export function sdkAttributesJson(attributes: object): string {
  let out = '[';
  for (const key in attributes) {
    if (!Object.hasOwn(attributes, key)) continue;
    if (out.length > 1) out += ',';
    out += keyPrefix(key);
    out += sdkAnyValueJson((attributes as Record<string, unknown>)[key]);
    out += '}';
  }
  return `${out}]`;
}

/** `,"<name>":[...]` for non-empty attributes, '' otherwise (default values are omitted). */
export function sdkAttributesMember(name: string, attributes: object | undefined): string {
  if (attributes === undefined) return '';
  const list = sdkAttributesJson(attributes);
  return list === '[]' ? '' : `,"${name}":${list}`;
}

/** An AnyValue object for an SDK value. */
export function sdkAnyValueJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return `{"stringValue":${jsonString(value)}}`;
    case 'boolean':
      return value ? '{"boolValue":true}' : '{"boolValue":false}';
    case 'number':
      if (Number.isInteger(value) && value >= MIN_INT64 && value < MAX_INT64) {
        return `{"intValue":"${jsonInteger(value)}"}`;
      }
      return `{"doubleValue":${jsonDouble(value)}}`;
    case 'object': {
      if (value === null) return '{}';
      if (value instanceof Uint8Array) {
        return `{"bytesValue":"${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}"}`;
      }
      if (Array.isArray(value)) {
        let out = '{"arrayValue":{"values":[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          out += sdkAnyValueJson(value[i]);
        }
        return `${out}]}}`;
      }
      return `{"kvlistValue":{"values":${sdkAttributesJson(value)}}}`;
    }
    default:
      return '{}';
  }
}

const resourceJson = new WeakMap<object, string>();
const scopeJson = new WeakMap<object, string>();

/** A Resource object for an SDK resource, built once per resource object. */
export function sdkResourceJson(resource: SdkResourceLike): string {
  let json = resourceJson.get(resource);
  if (json === undefined) {
    json = `{"attributes":${sdkAttributesJson(resource.attributes)}}`;
    if (resource.asyncAttributesPending !== true) resourceJson.set(resource, json);
  }
  return json;
}

/** An InstrumentationScope object for an SDK scope, built once per scope object. */
export function sdkScopeJson(scope: SdkScopeLike): string {
  let json = scopeJson.get(scope);
  if (json === undefined) {
    json = `{"name":${jsonString(scope.name ?? '')}`;
    if (scope.version) json += `,"version":${jsonString(scope.version)}`;
    json += sdkAttributesMember('attributes', scope.attributes);
    if (scope.droppedAttributesCount) json += `,"droppedAttributesCount":${scope.droppedAttributesCount}`;
    json += '}';
    scopeJson.set(scope, json);
  }
  return json;
}

/** `,"schemaUrl":"..."` when set, '' otherwise. */
export function schemaUrlMember(schemaUrl: string | undefined): string {
  return schemaUrl ? `,"schemaUrl":${jsonString(schemaUrl)}` : '';
}
