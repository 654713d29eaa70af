import {
  anyValueFromJson,
  anyValueToJson,
  resourceFromJson,
  resourceToJson,
  scopeFromJson,
  scopeToJson,
} from '../common/common-json.js';
import {
  arrayField,
  base64FromJson,
  base64Of,
  expectObject,
  field,
  hexFromJson,
  hexOf,
  int32FromJson,
  int64FromJson,
  type JsonObject,
  parseJsonInput,
  stringFromJson,
  uint32FromJson,
  uint64FromJson,
} from '../common/json-values.js';
import { OtlpxJsonError } from '../errors.js';
import type {
  ExportProfilesServiceRequest,
  KeyValueAndUnit,
  Profile,
  ProfileLocation,
  ProfileSample,
  ProfilesDictionary,
  ProfileValueType,
  ResourceProfiles,
  ScopeProfiles,
} from '../model/profiles.js';

// ExportProfilesServiceRequest <-> OTLP/JSON: lowerCamelCase names, 64-bit integers as decimal
// strings, trace, span and profile ids as hex, other bytes as base64. Writers omit default
// values (table entries are always written, `{}` for a zero element); readers also accept
// snake_case names and numbers for integers, and name the JSON path of a bad value.

/** The OTLP/JSON object of a request (pass it to JSON.stringify). */
export function profilesRequestToJson(request: ExportProfilesServiceRequest): JsonObject {
  const o: JsonObject = { resourceProfiles: request.resourceProfiles.map(resourceProfilesToJson) };
  if (request.dictionary !== undefined) o.dictionary = dictionaryToJson(request.dictionary);
  return o;
}

function resourceProfilesToJson(rp: ResourceProfiles): JsonObject {
  const o: JsonObject = {};
  if (rp.resource !== undefined) o.resource = resourceToJson(rp.resource);
  o.scopeProfiles = rp.scopeProfiles.map(scopeProfilesToJson);
  if (rp.schemaUrl !== '') o.schemaUrl = rp.schemaUrl;
  return o;
}

function scopeProfilesToJson(sp: ScopeProfiles): JsonObject {
  const o: JsonObject = {};
  if (sp.scope !== undefined) o.scope = scopeToJson(sp.scope);
  o.profiles = sp.profiles.map(profileToJson);
  if (sp.schemaUrl !== '') o.schemaUrl = sp.schemaUrl;
  return o;
}

function valueTypeToJson(vt: ProfileValueType): JsonObject {
  const o: JsonObject = {};
  if (vt.typeStrindex !== 0) o.typeStrindex = vt.typeStrindex;
  if (vt.unitStrindex !== 0) o.unitStrindex = vt.unitStrindex;
  return o;
}

function profileToJson(p: Profile): JsonObject {
  const o: JsonObject = {};
  if (p.sampleType !== undefined) o.sampleType = valueTypeToJson(p.sampleType);
  o.samples = p.samples.map(sampleToJson);
  if (p.timeUnixNano !== 0n) o.timeUnixNano = p.timeUnixNano.toString();
  if (p.durationNano !== 0) o.durationNano = String(p.durationNano);
  if (p.periodType !== undefined) o.periodType = valueTypeToJson(p.periodType);
  if (p.period !== 0) o.period = String(p.period);
  if (p.profileId.length > 0) o.profileId = hexOf(p.profileId);
  if (p.droppedAttributesCount !== 0) o.droppedAttributesCount = p.droppedAttributesCount;
  if (p.originalPayloadFormat !== '') o.originalPayloadFormat = p.originalPayloadFormat;
  if (p.originalPayload.length > 0) o.originalPayload = base64Of(p.originalPayload);
  if (p.attributeIndices.length > 0) o.attributeIndices = p.attributeIndices.slice();
  return o;
}

function sampleToJson(s: ProfileSample): JsonObject {
  const o: JsonObject = {};
  if (s.stackIndex !== 0) o.stackIndex = s.stackIndex;
  if (s.attributeIndices.length > 0) o.attributeIndices = s.attributeIndices.slice();
  if (s.linkIndex !== 0) o.linkIndex = s.linkIndex;
  if (s.values.length > 0) o.values = s.values.map(String);
  if (s.timestampsUnixNano.length > 0) o.timestampsUnixNano = s.timestampsUnixNano.map(String);
  return o;
}

function dictionaryToJson(d: ProfilesDictionary): JsonObject {
  return {
    mappingTable: d.mappingTable.map((m) => {
      const o: JsonObject = {};
      if (m.memoryStart !== 0n) o.memoryStart = m.memoryStart.toString();
      if (m.memoryLimit !== 0n) o.memoryLimit = m.memoryLimit.toString();
      if (m.fileOffset !== 0n) o.fileOffset = m.fileOffset.toString();
      if (m.filenameStrindex !== 0) o.filenameStrindex = m.filenameStrindex;
      if (m.attributeIndices.length > 0) o.attributeIndices = m.attributeIndices.slice();
      return o;
    }),
    locationTable: d.locationTable.map(locationToJson),
    functionTable: d.functionTable.map((f) => {
      const o: JsonObject = {};
      if (f.nameStrindex !== 0) o.nameStrindex = f.nameStrindex;
      if (f.systemNameStrindex !== 0) o.systemNameStrindex = f.systemNameStrindex;
      if (f.filenameStrindex !== 0) o.filenameStrindex = f.filenameStrindex;
      if (f.startLine !== 0) o.startLine = String(f.startLine);
      return o;
    }),
    linkTable: d.linkTable.map((link) => {
      const o: JsonObject = {};
      if (link.traceId.length > 0) o.traceId = hexOf(link.traceId);
      if (link.spanId.length > 0) o.spanId = hexOf(link.spanId);
      return o;
    }),
    stringTable: d.stringTable.slice(),
    attributeTable: d.attributeTable.map((kv) => {
      const o: JsonObject = {};
      if (kv.keyStrindex !== 0) o.keyStrindex = kv.keyStrindex;
      if (kv.value !== undefined) o.value = anyValueToJson(kv.value);
      if (kv.unitStrindex !== 0) o.unitStrindex = kv.unitStrindex;
      return o;
    }),
    stackTable: d.stackTable.map((s) =>
      s.locationIndices.length > 0 ? { locationIndices: s.locationIndices.slice() } : {},
    ),
  };
}

function locationToJson(loc: ProfileLocation): JsonObject {
  const o: JsonObject = {};
  if (loc.mappingIndex !== 0) o.mappingIndex = loc.mappingIndex;
  if (loc.address !== 0n) o.address = loc.address.toString();
  if (loc.lines.length > 0) {
    o.lines = loc.lines.map((line) => {
      const l: JsonObject = {};
      if (line.functionIndex !== 0) l.functionIndex = line.functionIndex;
      if (line.line !== 0) l.line = String(line.line);
      if (line.column !== 0) l.column = String(line.column);
      return l;
    });
  }
  if (loc.attributeIndices.length > 0) o.attributeIndices = loc.attributeIndices.slice();
  return o;
}

// ---------------------------------------------------------------- reading

/** Reads OTLP/JSON (text, UTF-8 bytes or a parsed object) into the model. */
export function profilesRequestFromJson(input: string | Uint8Array | object): ExportProfilesServiceRequest {
  const o = expectObject(parseJsonInput(input), '$');
  const request: ExportProfilesServiceRequest = {
    resourceProfiles: arrayField(o, '$', 'resourceProfiles', 'resource_profiles', resourceProfilesFromJson),
  };
  const dictionary = o.dictionary;
  if (dictionary !== undefined && dictionary !== null)
    request.dictionary = dictionaryFromJson(dictionary, '$.dictionary');
  return request;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** An int64 the model keeps as a JS number: within +-(2^53 - 1). */
function int53FromJson(value: unknown, path: string, unsigned = false): number {
  const n = unsigned ? uint64FromJson(value, path) : int64FromJson(value, path);
  if (n > 9007199254740991n || n < -9007199254740991n) {
    throw new OtlpxJsonError(`${n} is beyond +-(2^53 - 1), the exact range of a JS number`, path);
  }
  return Number(n);
}

function int32sFromJson(o: JsonObject, path: string, camel: string, snake: string): number[] {
  return arrayField(o, path, camel, snake, int32FromJson);
}

function resourceProfilesFromJson(json: unknown, path: string): ResourceProfiles {
  const o = expectObject(json, path);
  const rp: ResourceProfiles = {
    scopeProfiles: arrayField(o, path, 'scopeProfiles', 'scope_profiles', scopeProfilesFromJson),
    schemaUrl: stringFromJson(field(o, 'schemaUrl', 'schema_url'), `${path}.schemaUrl`),
  };
  if (present(o.resource)) rp.resource = resourceFromJson(o.resource, `${path}.resource`);
  return rp;
}

function scopeProfilesFromJson(json: unknown, path: string): ScopeProfiles {
  const o = expectObject(json, path);
  const sp: ScopeProfiles = {
    profiles: arrayField(o, path, 'profiles', undefined, profileFromJson),
    schemaUrl: stringFromJson(field(o, 'schemaUrl', 'schema_url'), `${path}.schemaUrl`),
  };
  if (present(o.scope)) sp.scope = scopeFromJson(o.scope, `${path}.scope`);
  return sp;
}

function valueTypeFromJson(json: unknown, path: string): ProfileValueType {
  const o = expectObject(json, path);
  return {
    typeStrindex: int32FromJson(field(o, 'typeStrindex', 'type_strindex'), `${path}.typeStrindex`),
    unitStrindex: int32FromJson(field(o, 'unitStrindex', 'unit_strindex'), `${path}.unitStrindex`),
  };
}

function profileFromJson(json: unknown, path: string): Profile {
  const o = expectObject(json, path);
  const p: Profile = {
    samples: arrayField(o, path, 'samples', undefined, sampleFromJson),
    timeUnixNano: uint64FromJson(field(o, 'timeUnixNano', 'time_unix_nano'), `${path}.timeUnixNano`),
    durationNano: int53FromJson(field(o, 'durationNano', 'duration_nano'), `${path}.durationNano`, true),
    period: int53FromJson(o.period, `${path}.period`),
    profileId: hexFromJson(field(o, 'profileId', 'profile_id'), `${path}.profileId`),
    droppedAttributesCount: uint32FromJson(
      field(o, 'droppedAttributesCount', 'dropped_attributes_count'),
      `${path}.droppedAttributesCount`,
    ),
    originalPayloadFormat: stringFromJson(
      field(o, 'originalPayloadFormat', 'original_payload_format'),
      `${path}.originalPayloadFormat`,
    ),
    originalPayload: base64FromJson(
      field(o, 'originalPayload', 'original_payload'),
      `${path}.originalPayload`,
    ),
    attributeIndices: int32sFromJson(o, path, 'attributeIndices', 'attribute_indices'),
  };
  const sampleType = field(o, 'sampleType', 'sample_type');
  if (present(sampleType)) p.sampleType = valueTypeFromJson(sampleType, `${path}.sampleType`);
  const periodType = field(o, 'periodType', 'period_type');
  if (present(periodType)) p.periodType = valueTypeFromJson(periodType, `${path}.periodType`);
  return p;
}

function sampleFromJson(json: unknown, path: string): ProfileSample {
  const o = expectObject(json, path);
  return {
    stackIndex: int32FromJson(field(o, 'stackIndex', 'stack_index'), `${path}.stackIndex`),
    attributeIndices: int32sFromJson(o, path, 'attributeIndices', 'attribute_indices'),
    linkIndex: int32FromJson(field(o, 'linkIndex', 'link_index'), `${path}.linkIndex`),
    values: arrayField(o, path, 'values', undefined, (v, p) => int53FromJson(v, p)),
    timestampsUnixNano: arrayField(o, path, 'timestampsUnixNano', 'timestamps_unix_nano', uint64FromJson),
  };
}

function dictionaryFromJson(json: unknown, path: string): ProfilesDictionary {
  const o = expectObject(json, path);
  return {
    mappingTable: arrayField(o, path, 'mappingTable', 'mapping_table', (item, p) => {
      const m = expectObject(item, p);
      return {
        memoryStart: uint64FromJson(field(m, 'memoryStart', 'memory_start'), `${p}.memoryStart`),
        memoryLimit: uint64FromJson(field(m, 'memoryLimit', 'memory_limit'), `${p}.memoryLimit`),
        fileOffset: uint64FromJson(field(m, 'fileOffset', 'file_offset'), `${p}.fileOffset`),
        filenameStrindex: int32FromJson(
          field(m, 'filenameStrindex', 'filename_strindex'),
          `${p}.filenameStrindex`,
        ),
        attributeIndices: int32sFromJson(m, p, 'attributeIndices', 'attribute_indices'),
      };
    }),
    locationTable: arrayField(o, path, 'locationTable', 'location_table', locationFromJson),
    functionTable: arrayField(o, path, 'functionTable', 'function_table', (item, p) => {
      const f = expectObject(item, p);
      return {
        nameStrindex: int32FromJson(field(f, 'nameStrindex', 'name_strindex'), `${p}.nameStrindex`),
        systemNameStrindex: int32FromJson(
          field(f, 'systemNameStrindex', 'system_name_strindex'),
          `${p}.systemNameStrindex`,
        ),
        filenameStrindex: int32FromJson(
          field(f, 'filenameStrindex', 'filename_strindex'),
          `${p}.filenameStrindex`,
        ),
        startLine: int53FromJson(field(f, 'startLine', 'start_line'), `${p}.startLine`),
      };
    }),
    linkTable: arrayField(o, path, 'linkTable', 'link_table', (item, p) => {
      const l = expectObject(item, p);
      return {
        traceId: hexFromJson(field(l, 'traceId', 'trace_id'), `${p}.traceId`),
        spanId: hexFromJson(field(l, 'spanId', 'span_id'), `${p}.spanId`),
      };
    }),
    stringTable: arrayField(o, path, 'stringTable', 'string_table', stringFromJson),
    attributeTable: arrayField(o, path, 'attributeTable', 'attribute_table', (item, p) => {
      const a = expectObject(item, p);
      const kv: KeyValueAndUnit = {
        keyStrindex: int32FromJson(field(a, 'keyStrindex', 'key_strindex'), `${p}.keyStrindex`),
        unitStrindex: int32FromJson(field(a, 'unitStrindex', 'unit_strindex'), `${p}.unitStrindex`),
      };
      if (present(a.value)) kv.value = anyValueFromJson(a.value, `${p}.value`);
      return kv;
    }),
    stackTable: arrayField(o, path, 'stackTable', 'stack_table', (item, p) => ({
      locationIndices: int32sFromJson(expectObject(item, p), p, 'locationIndices', 'location_indices'),
    })),
  };
}

function locationFromJson(json: unknown, path: string): ProfileLocation {
  const o = expectObject(json, path);
  return {
    mappingIndex: int32FromJson(field(o, 'mappingIndex', 'mapping_index'), `${path}.mappingIndex`),
    address: uint64FromJson(o.address, `${path}.address`),
    lines: arrayField(o, path, 'lines', undefined, (item, p) => {
      const l = expectObject(item, p);
      return {
        functionIndex: int32FromJson(field(l, 'functionIndex', 'function_index'), `${p}.functionIndex`),
        line: int53FromJson(l.line, `${p}.line`),
        column: int53FromJson(l.column, `${p}.column`),
      };
    }),
    attributeIndices: int32sFromJson(o, path, 'attributeIndices', 'attribute_indices'),
  };
}
