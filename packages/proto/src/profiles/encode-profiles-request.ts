import { writeAnyValueBody, writeResource, writeScope } from '../common/common-binary.js';
import type {
  ExportProfilesServiceRequest,
  KeyValueAndUnit,
  Profile,
  ProfileFunction,
  ProfileLine,
  ProfileLink,
  ProfileLocation,
  ProfileMapping,
  ProfileSample,
  ProfileStack,
  ProfilesDictionary,
  ProfileValueType,
  ResourceProfiles,
  ScopeProfiles,
} from '../model/profiles.js';
import { ProtoWriter } from '../wire/writer.js';
import { writeEach, writePackedInt32, writePackedInt64 } from './repeated-writers.js';

// ExportProfilesServiceRequest (opentelemetry-proto v1.11.0 profiles/v1development), model ->
// bytes. Fields in field-number order, proto3 defaults omitted, repeated scalars packed: the
// same rules as every otlpx encoder, so encodeProfilesRequest(decodeProfilesRequest(b)) gives
// back b for our own output. All field numbers are below 16, so every tag is one byte.

/** Encodes an ExportProfilesServiceRequest to protobuf bytes. The model is not validated: see validateProfilesRequest(). */
export function encodeProfilesRequest(request: ExportProfilesServiceRequest): Uint8Array {
  const w = new ProtoWriter(64 * 1024);
  const list = request.resourceProfiles;
  for (let i = 0; i < list.length; i++) {
    w.byte(0x0a); // 1: resource_profiles (LEN)
    const s = w.fork();
    writeResourceProfiles(w, list[i]);
    w.join(s);
  }
  if (request.dictionary !== undefined) {
    w.byte(0x12); // 2: dictionary (LEN)
    const s = w.fork();
    writeDictionary(w, request.dictionary);
    w.join(s);
  }
  return w.finish();
}

function writeResourceProfiles(w: ProtoWriter, rp: ResourceProfiles): void {
  if (rp.resource !== undefined) writeResource(w, 1, rp.resource); // 1: resource (LEN)
  const scopes = rp.scopeProfiles;
  for (let i = 0; i < scopes.length; i++) {
    w.byte(0x12); // 2: scope_profiles (LEN)
    const s = w.fork();
    writeScopeProfiles(w, scopes[i]);
    w.join(s);
  }
  if (rp.schemaUrl !== '') {
    w.byte(0x1a); // 3: schema_url (LEN)
    w.string(rp.schemaUrl);
  }
}

function writeScopeProfiles(w: ProtoWriter, sp: ScopeProfiles): void {
  if (sp.scope !== undefined) writeScope(w, 1, sp.scope); // 1: scope (LEN)
  const profiles = sp.profiles;
  for (let i = 0; i < profiles.length; i++) {
    w.byte(0x12); // 2: profiles (LEN)
    const s = w.fork();
    writeProfile(w, profiles[i]);
    w.join(s);
  }
  if (sp.schemaUrl !== '') {
    w.byte(0x1a); // 3: schema_url (LEN)
    w.string(sp.schemaUrl);
  }
}

function writeValueType(w: ProtoWriter, tagByte: number, vt: ProfileValueType): void {
  w.byte(tagByte);
  const s = w.fork();
  if (vt.typeStrindex !== 0) {
    w.byte(0x08); // 1: type_strindex (VARINT int32)
    w.int32(vt.typeStrindex);
  }
  if (vt.unitStrindex !== 0) {
    w.byte(0x10); // 2: unit_strindex (VARINT int32)
    w.int32(vt.unitStrindex);
  }
  w.join(s);
}

function writeProfile(w: ProtoWriter, p: Profile): void {
  if (p.sampleType !== undefined) writeValueType(w, 0x0a, p.sampleType); // 1: sample_type (LEN)
  const samples = p.samples;
  for (let i = 0; i < samples.length; i++) {
    w.byte(0x12); // 2: samples (LEN)
    const s = w.fork();
    writeSample(w, samples[i]);
    w.join(s);
  }
  if (p.timeUnixNano !== 0n) {
    w.byte(0x19); // 3: time_unix_nano (I64 fixed64)
    w.fixed64Value(p.timeUnixNano);
  }
  if (p.durationNano !== 0) {
    w.byte(0x20); // 4: duration_nano (VARINT uint64)
    w.int64(p.durationNano);
  }
  if (p.periodType !== undefined) writeValueType(w, 0x2a, p.periodType); // 5: period_type (LEN)
  if (p.period !== 0) {
    w.byte(0x30); // 6: period (VARINT int64)
    w.int64(p.period);
  }
  if (p.profileId.length > 0) {
    w.byte(0x3a); // 7: profile_id (LEN)
    w.bytes(p.profileId);
  }
  if (p.droppedAttributesCount !== 0) {
    w.byte(0x40); // 8: dropped_attributes_count (VARINT uint32)
    w.uint32(p.droppedAttributesCount);
  }
  if (p.originalPayloadFormat !== '') {
    w.byte(0x4a); // 9: original_payload_format (LEN)
    w.string(p.originalPayloadFormat);
  }
  if (p.originalPayload.length > 0) {
    w.byte(0x52); // 10: original_payload (LEN)
    w.bytes(p.originalPayload);
  }
  writePackedInt32(w, 0x5a, p.attributeIndices); // 11: attribute_indices (LEN packed int32)
}

function writeSample(w: ProtoWriter, sample: ProfileSample): void {
  if (sample.stackIndex !== 0) {
    w.byte(0x08); // 1: stack_index (VARINT int32)
    w.int32(sample.stackIndex);
  }
  writePackedInt32(w, 0x12, sample.attributeIndices); // 2: attribute_indices (LEN packed int32)
  if (sample.linkIndex !== 0) {
    w.byte(0x18); // 3: link_index (VARINT int32)
    w.int32(sample.linkIndex);
  }
  writePackedInt64(w, 0x22, sample.values); // 4: values (LEN packed int64)
  const times = sample.timestampsUnixNano;
  if (times.length > 0) {
    w.byte(0x2a); // 5: timestamps_unix_nano (LEN packed fixed64)
    w.uint32(times.length * 8);
    for (let i = 0; i < times.length; i++) w.fixed64Value(times[i]);
  }
}

function writeDictionary(w: ProtoWriter, d: ProfilesDictionary): void {
  writeEach(w, 0x0a, d.mappingTable, writeMapping); // 1: mapping_table (LEN)
  writeEach(w, 0x12, d.locationTable, writeLocation); // 2: location_table (LEN)
  writeEach(w, 0x1a, d.functionTable, writeFunction); // 3: function_table (LEN)
  writeEach(w, 0x22, d.linkTable, writeLink); // 4: link_table (LEN)
  const strings = d.stringTable;
  for (let i = 0; i < strings.length; i++) {
    w.byte(0x2a); // 5: string_table (LEN, repeated: "" is written too)
    w.string(strings[i]);
  }
  writeEach(w, 0x32, d.attributeTable, writeKeyValueAndUnit); // 6: attribute_table (LEN)
  writeEach(w, 0x3a, d.stackTable, writeStack); // 7: stack_table (LEN)
}

function writeMapping(w: ProtoWriter, m: ProfileMapping): void {
  if (m.memoryStart !== 0n) {
    w.byte(0x08); // 1: memory_start (VARINT uint64)
    w.int64(m.memoryStart);
  }
  if (m.memoryLimit !== 0n) {
    w.byte(0x10); // 2: memory_limit (VARINT uint64)
    w.int64(m.memoryLimit);
  }
  if (m.fileOffset !== 0n) {
    w.byte(0x18); // 3: file_offset (VARINT uint64)
    w.int64(m.fileOffset);
  }
  if (m.filenameStrindex !== 0) {
    w.byte(0x20); // 4: filename_strindex (VARINT int32)
    w.int32(m.filenameStrindex);
  }
  writePackedInt32(w, 0x2a, m.attributeIndices); // 5: attribute_indices (LEN packed int32)
}

function writeLocation(w: ProtoWriter, loc: ProfileLocation): void {
  if (loc.mappingIndex !== 0) {
    w.byte(0x08); // 1: mapping_index (VARINT int32)
    w.int32(loc.mappingIndex);
  }
  if (loc.address !== 0n) {
    w.byte(0x10); // 2: address (VARINT uint64)
    w.int64(loc.address);
  }
  writeEach(w, 0x1a, loc.lines, writeLine); // 3: lines (LEN)
  writePackedInt32(w, 0x22, loc.attributeIndices); // 4: attribute_indices (LEN packed int32)
}

function writeLine(w: ProtoWriter, line: ProfileLine): void {
  if (line.functionIndex !== 0) {
    w.byte(0x08); // 1: function_index (VARINT int32)
    w.int32(line.functionIndex);
  }
  if (line.line !== 0) {
    w.byte(0x10); // 2: line (VARINT int64)
    w.int64(line.line);
  }
  if (line.column !== 0) {
    w.byte(0x18); // 3: column (VARINT int64)
    w.int64(line.column);
  }
}

function writeFunction(w: ProtoWriter, f: ProfileFunction): void {
  if (f.nameStrindex !== 0) {
    w.byte(0x08); // 1: name_strindex (VARINT int32)
    w.int32(f.nameStrindex);
  }
  if (f.systemNameStrindex !== 0) {
    w.byte(0x10); // 2: system_name_strindex (VARINT int32)
    w.int32(f.systemNameStrindex);
  }
  if (f.filenameStrindex !== 0) {
    w.byte(0x18); // 3: filename_strindex (VARINT int32)
    w.int32(f.filenameStrindex);
  }
  if (f.startLine !== 0) {
    w.byte(0x20); // 4: start_line (VARINT int64)
    w.int64(f.startLine);
  }
}

function writeLink(w: ProtoWriter, link: ProfileLink): void {
  if (link.traceId.length > 0) {
    w.byte(0x0a); // 1: trace_id (LEN)
    w.bytes(link.traceId);
  }
  if (link.spanId.length > 0) {
    w.byte(0x12); // 2: span_id (LEN)
    w.bytes(link.spanId);
  }
}

function writeKeyValueAndUnit(w: ProtoWriter, kv: KeyValueAndUnit): void {
  if (kv.keyStrindex !== 0) {
    w.byte(0x08); // 1: key_strindex (VARINT int32)
    w.int32(kv.keyStrindex);
  }
  if (kv.value !== undefined) {
    w.byte(0x12); // 2: value (LEN AnyValue)
    const s = w.fork();
    writeAnyValueBody(w, kv.value);
    w.join(s);
  }
  if (kv.unitStrindex !== 0) {
    w.byte(0x18); // 3: unit_strindex (VARINT int32)
    w.int32(kv.unitStrindex);
  }
}

function writeStack(w: ProtoWriter, stack: ProfileStack): void {
  writePackedInt32(w, 0x0a, stack.locationIndices); // 1: location_indices (LEN packed int32)
}
