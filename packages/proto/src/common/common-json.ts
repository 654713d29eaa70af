import { OtlpxJsonError } from '../errors.js';
import type { AnyValue, EntityRef, InstrumentationScope, KeyValue, Resource } from '../model/common.js';
import {
  arrayField,
  base64FromJson,
  base64Of,
  boolFromJson,
  doubleFromJson,
  doubleToJson,
  expectObject,
  field,
  int32FromJson,
  int64FromJson,
  type JsonObject,
  stringFromJson,
  uint32FromJson,
} from './json-values.js';

// opentelemetry/proto/common/v1 and resource/v1 messages <-> OTLP/JSON objects (ready for
// JSON.stringify, and as JSON.parse gives them back). Writers omit default values.

/** Nesting limit for AnyValue arrays and kvlists read from JSON, as for binary input. */
const MAX_DEPTH = 64;

export function anyValueToJson(v: AnyValue): JsonObject {
  if ('stringValue' in v) return { stringValue: v.stringValue };
  if ('boolValue' in v) return { boolValue: v.boolValue };
  if ('intValue' in v) return { intValue: v.intValue.toString() };
  if ('doubleValue' in v) return { doubleValue: doubleToJson(v.doubleValue) };
  if ('arrayValue' in v) return { arrayValue: { values: v.arrayValue.values.map(anyValueToJson) } };
  if ('kvlistValue' in v) return { kvlistValue: { values: keyValuesToJson(v.kvlistValue.values) } };
  if ('bytesValue' in v) return { bytesValue: base64Of(v.bytesValue) };
  if ('stringValueStrindex' in v) return { stringValueStrindex: v.stringValueStrindex };
  return {};
}

export function keyValuesToJson(list: KeyValue[]): JsonObject[] {
  const out = new Array<JsonObject>(list.length);
  for (let i = 0; i < list.length; i++) {
    const kv = list[i];
    const o: JsonObject = { key: kv.key };
    if (kv.value !== undefined) o.value = anyValueToJson(kv.value);
    if (kv.keyStrindex) o.keyStrindex = kv.keyStrindex;
    out[i] = o;
  }
  return out;
}

export function scopeToJson(scope: InstrumentationScope): JsonObject {
  const o: JsonObject = { name: scope.name };
  if (scope.version !== '') o.version = scope.version;
  if (scope.attributes.length > 0) o.attributes = keyValuesToJson(scope.attributes);
  if (scope.droppedAttributesCount) o.droppedAttributesCount = scope.droppedAttributesCount;
  return o;
}

export function resourceToJson(resource: Resource): JsonObject {
  const o: JsonObject = { attributes: keyValuesToJson(resource.attributes) };
  if (resource.droppedAttributesCount) o.droppedAttributesCount = resource.droppedAttributesCount;
  if (resource.entityRefs.length > 0) o.entityRefs = resource.entityRefs.map(entityRefToJson);
  return o;
}

function entityRefToJson(ref: EntityRef): JsonObject {
  const o: JsonObject = {};
  if (ref.schemaUrl !== '') o.schemaUrl = ref.schemaUrl;
  if (ref.type !== '') o.type = ref.type;
  if (ref.idKeys.length > 0) o.idKeys = ref.idKeys;
  if (ref.descriptionKeys.length > 0) o.descriptionKeys = ref.descriptionKeys;
  return o;
}

// ---------------------------------------------------------------- reading

export function anyValueFromJson(json: unknown, path: string, depth = 0): AnyValue {
  if (depth > MAX_DEPTH) throw new OtlpxJsonError(`values nested deeper than ${MAX_DEPTH} levels`, path);
  const o = expectObject(json, path);
  // A oneof: the member present decides the kind (unknown keys are ignored, as the spec asks).
  for (const key in o) {
    const v = o[key];
    if (v === undefined || v === null) continue;
    const p = `${path}.${key}`;
    switch (key) {
      case 'stringValue':
      case 'string_value':
        return { stringValue: stringFromJson(v, p) };
      case 'boolValue':
      case 'bool_value':
        return { boolValue: boolFromJson(v, p) };
      case 'intValue':
      case 'int_value':
        return { intValue: int64FromJson(v, p) };
      case 'doubleValue':
      case 'double_value':
        return { doubleValue: doubleFromJson(v, p) };
      case 'arrayValue':
      case 'array_value':
        return {
          arrayValue: {
            values: arrayField(expectObject(v, p), p, 'values', undefined, (item, itemPath) =>
              anyValueFromJson(item, itemPath, depth + 1),
            ),
          },
        };
      case 'kvlistValue':
      case 'kvlist_value':
        return {
          kvlistValue: {
            values: arrayField(expectObject(v, p), p, 'values', undefined, (item, itemPath) =>
              keyValueFromJson(item, itemPath, depth + 1),
            ),
          },
        };
      case 'bytesValue':
      case 'bytes_value':
        return { bytesValue: base64FromJson(v, p) };
      case 'stringValueStrindex':
      case 'string_value_strindex':
        return { stringValueStrindex: int32FromJson(v, p) };
    }
  }
  return {};
}

export function keyValueFromJson(json: unknown, path: string, depth = 0): KeyValue {
  const o = expectObject(json, path);
  const kv: KeyValue = { key: stringFromJson(o.key, `${path}.key`) };
  const value = o.value;
  if (value !== undefined && value !== null) kv.value = anyValueFromJson(value, `${path}.value`, depth);
  const strindex = field(o, 'keyStrindex', 'key_strindex');
  if (strindex !== undefined && strindex !== null) {
    const n = int32FromJson(strindex, `${path}.keyStrindex`);
    if (n !== 0) kv.keyStrindex = n;
  }
  return kv;
}

export function keyValuesFromJson(
  obj: JsonObject,
  path: string,
  camel = 'attributes',
  snake?: string,
): KeyValue[] {
  return arrayField(obj, path, camel, snake, (item, itemPath) => keyValueFromJson(item, itemPath));
}

export function scopeFromJson(json: unknown, path: string): InstrumentationScope {
  const o = expectObject(json, path);
  return {
    name: stringFromJson(o.name, `${path}.name`),
    version: stringFromJson(o.version, `${path}.version`),
    attributes: keyValuesFromJson(o, path),
    droppedAttributesCount: uint32FromJson(
      field(o, 'droppedAttributesCount', 'dropped_attributes_count'),
      `${path}.droppedAttributesCount`,
    ),
  };
}

export function resourceFromJson(json: unknown, path: string): Resource {
  const o = expectObject(json, path);
  return {
    attributes: keyValuesFromJson(o, path),
    droppedAttributesCount: uint32FromJson(
      field(o, 'droppedAttributesCount', 'dropped_attributes_count'),
      `${path}.droppedAttributesCount`,
    ),
    entityRefs: arrayField(o, path, 'entityRefs', 'entity_refs', (item, p) => {
      const r = expectObject(item, p);
      return {
        schemaUrl: stringFromJson(field(r, 'schemaUrl', 'schema_url'), `${p}.schemaUrl`),
        type: stringFromJson(r.type, `${p}.type`),
        idKeys: arrayField(r, p, 'idKeys', 'id_keys', stringFromJson),
        descriptionKeys: arrayField(r, p, 'descriptionKeys', 'description_keys', stringFromJson),
      };
    }),
  };
}
