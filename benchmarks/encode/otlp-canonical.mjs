// Encoder outputs (OTLP protobuf or OTLP/JSON) to comparable plain data, so that two outputs can
// be compared field by field: the data `referenceDecode` (protobufjs over the official .proto
// files) gives, with one proto3 rule applied on top: a singular message field that is absent
// equals that message with every field at its default (OTLP: "when Status isn't set, it means
// span's status code is unset"; the official serializer writes an empty Status, proto3 encoders
// may omit it). Scalars already compare with defaults filled in.
//
// OTLP/JSON is checked strictly on the way: every key must be a field of the message (lowerCamelCase, as the OTLP/JSON
// mapping says), every value must have the JSON type of its field, trace and span ids must be
// hex, and at most one member of a oneof may be set. Then the object goes through protobufjs
// (official .proto files) to bytes and back through `referenceDecode`, which fills defaults and
// renders 64-bit integers as decimal strings and bytes as hex.
import { referenceDecode, referenceType } from '@otlpx/testkit';

// OTLP/JSON writes these bytes fields as hex instead of proto3 JSON's base64.
const HEX_FIELDS = new Set(['traceId', 'spanId', 'parentSpanId']);
const INTS = new Set(['int32', 'uint32', 'sint32', 'fixed32', 'sfixed32']);
const LONGS = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);

function fail(path, what) {
  throw new Error(`${path}: ${what}`);
}

function checkScalar(field, value, path) {
  const t = field.type;
  if (field.resolvedType && 'values' in field.resolvedType) {
    if (!Number.isInteger(value)) fail(path, `enum ${t} must be an integer, got ${JSON.stringify(value)}`);
  } else if (t === 'string') {
    if (typeof value !== 'string') fail(path, `expected a string, got ${JSON.stringify(value)}`);
  } else if (t === 'bool') {
    if (typeof value !== 'boolean') fail(path, `expected a boolean, got ${JSON.stringify(value)}`);
  } else if (INTS.has(t)) {
    if (!Number.isInteger(value)) fail(path, `expected an integer, got ${JSON.stringify(value)}`);
  } else if (LONGS.has(t)) {
    const ok = (typeof value === 'string' && /^-?\d+$/.test(value)) || Number.isSafeInteger(value);
    if (!ok)
      fail(path, `expected a 64-bit integer (decimal string or safe integer), got ${JSON.stringify(value)}`);
  } else if (t === 'double' || t === 'float') {
    const ok = typeof value === 'number' || ['NaN', 'Infinity', '-Infinity'].includes(value);
    if (!ok) fail(path, `expected a number, got ${JSON.stringify(value)}`);
  } else if (t === 'bytes') {
    if (typeof value !== 'string') fail(path, `expected a string of bytes, got ${JSON.stringify(value)}`);
  } else {
    fail(path, `unhandled field type ${t}`);
  }
}

// Checks `object` against `type` and returns a copy protobufjs's fromObject reads correctly.
function prepare(type, object, path) {
  if (object === null || typeof object !== 'object' || Array.isArray(object))
    fail(path, 'expected an object');
  const out = {};
  const oneofsSet = new Map();
  for (const [key, value] of Object.entries(object)) {
    const field = type.fields[key];
    const at = `${path}.${key}`;
    if (!field) fail(at, `unknown field of ${type.name}`);
    if (field.partOf) {
      if (oneofsSet.has(field.partOf.name)) fail(at, `second member of oneof ${field.partOf.name}`);
      oneofsSet.set(field.partOf.name, key);
    }
    if (field.repeated) {
      if (!Array.isArray(value)) fail(at, 'expected an array');
      out[key] = value.map((v, i) => prepareValue(field, v, `${at}[${i}]`));
    } else {
      out[key] = prepareValue(field, value, at);
    }
  }
  return out;
}

function prepareValue(field, value, path) {
  const rt = field.resolvedType;
  if (rt && 'fields' in rt) return prepare(rt, value, path);
  checkScalar(field, value, path);
  if (field.type === 'bytes' && HEX_FIELDS.has(field.name)) {
    if (!/^([0-9a-f]{2})*$/i.test(value)) fail(path, `expected hex, got ${JSON.stringify(value)}`);
    return Buffer.from(value, 'hex').toString('base64');
  }
  return value;
}

const TO_OBJECT = { longs: String, enums: Number, bytes: String, defaults: true, arrays: true };

function defaultsOf(type) {
  return fillAbsentMessages(type, type.toObject(type.create(), TO_OBJECT));
}

// Replaces absent (null) singular message fields with their all-defaults value, recursively.
function fillAbsentMessages(type, object) {
  for (const field of type.fieldsArray) {
    const rt = field.resolvedType;
    if (!rt || !('fields' in rt)) continue;
    const value = object[field.name];
    if (field.repeated) {
      for (const item of value) fillAbsentMessages(rt, item);
    } else if (value != null) {
      fillAbsentMessages(rt, value);
    } else if (!field.partOf) {
      object[field.name] = defaultsOf(rt);
    }
  }
  return object;
}

function tracesType() {
  const type = referenceType('traces');
  type.root.resolveAll();
  return type;
}

/** Comparable data of an ExportTraceServiceRequest in protobuf bytes. Throws if it does not decode. */
export function canonicalTraces(bytes) {
  return fillAbsentMessages(tracesType(), referenceDecode('traces', bytes));
}

/** Comparable data of an ExportTraceServiceRequest in OTLP/JSON (UTF-8 bytes or a string). */
export function canonicalTracesJson(output) {
  const text = typeof output === 'string' ? output : new TextDecoder('utf-8', { fatal: true }).decode(output);
  const type = tracesType();
  const prepared = prepare(type, JSON.parse(text), '$');
  return canonicalTraces(type.encode(type.fromObject(prepared)).finish());
}
