import { readAnyValue, readResource, readScope } from '../common/common-binary.js';
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
import { WireType } from '../wire/wire-type.js';
import { BoundedReader, type ProfilesDecodeLimits } from './bounded-reader.js';

// ExportProfilesServiceRequest bytes -> model. Unknown fields are skipped, repeated scalars are
// read packed or unpacked, wrong wire types, truncation, invalid UTF-8 and 64-bit values a JS
// number cannot hold exactly fail with an OtlpxDecodeError that names the byte offset.

const { Varint, Fixed64, LengthDelimited } = WireType;

/**
 * Decodes protobuf bytes of an ExportProfilesServiceRequest. Indices are not checked against
 * the dictionary here: run validateProfilesRequest() on input you did not produce.
 */
export function decodeProfilesRequest(
  bytes: Uint8Array,
  limits?: ProfilesDecodeLimits,
): ExportProfilesServiceRequest {
  const r = new BoundedReader(bytes, limits);
  const request: ExportProfilesServiceRequest = { resourceProfiles: [] };
  while (r.pos < r.end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // resource_profiles (LEN)
        r.expect(tag, LengthDelimited);
        request.resourceProfiles.push(readResourceProfiles(r));
        break;
      case 2: // dictionary (LEN)
        r.expect(tag, LengthDelimited);
        request.dictionary = readDictionary(r);
        break;
      default:
        r.skip(tag);
    }
  }
  return request;
}

function readResourceProfiles(r: BoundedReader): ResourceProfiles {
  const end = r.enter();
  const rp: ResourceProfiles = { scopeProfiles: [], schemaUrl: '' };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // resource (LEN)
        r.expect(tag, LengthDelimited);
        rp.resource = readResource(r);
        break;
      case 2: // scope_profiles (LEN)
        r.expect(tag, LengthDelimited);
        rp.scopeProfiles.push(readScopeProfiles(r));
        break;
      case 3: // schema_url (LEN)
        r.expect(tag, LengthDelimited);
        rp.schemaUrl = r.string();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return rp;
}

function readScopeProfiles(r: BoundedReader): ScopeProfiles {
  const end = r.enter();
  const sp: ScopeProfiles = { profiles: [], schemaUrl: '' };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // scope (LEN)
        r.expect(tag, LengthDelimited);
        sp.scope = readScope(r);
        break;
      case 2: // profiles (LEN)
        r.expect(tag, LengthDelimited);
        sp.profiles.push(readProfile(r));
        break;
      case 3: // schema_url (LEN)
        r.expect(tag, LengthDelimited);
        sp.schemaUrl = r.string();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return sp;
}

function readValueType(r: BoundedReader): ProfileValueType {
  const end = r.enter();
  const vt: ProfileValueType = { typeStrindex: 0, unitStrindex: 0 };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // type_strindex (VARINT int32)
        r.expect(tag, Varint);
        vt.typeStrindex = r.int32();
        break;
      case 2: // unit_strindex (VARINT int32)
        r.expect(tag, Varint);
        vt.unitStrindex = r.int32();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return vt;
}

function readProfile(r: BoundedReader): Profile {
  const end = r.enter();
  const p: Profile = {
    samples: [],
    timeUnixNano: 0n,
    durationNano: 0,
    period: 0,
    profileId: new Uint8Array(0),
    droppedAttributesCount: 0,
    originalPayloadFormat: '',
    originalPayload: new Uint8Array(0),
    attributeIndices: [],
  };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // sample_type (LEN)
        r.expect(tag, LengthDelimited);
        p.sampleType = readValueType(r);
        break;
      case 2: // samples (LEN)
        r.expect(tag, LengthDelimited);
        p.samples.push(readSample(r));
        break;
      case 3: // time_unix_nano (I64 fixed64)
        r.expect(tag, Fixed64);
        p.timeUnixNano = r.fixed64();
        break;
      case 4: // duration_nano (VARINT uint64)
        r.expect(tag, Varint);
        p.durationNano = r.uint53();
        break;
      case 5: // period_type (LEN)
        r.expect(tag, LengthDelimited);
        p.periodType = readValueType(r);
        break;
      case 6: // period (VARINT int64)
        r.expect(tag, Varint);
        p.period = r.int53();
        break;
      case 7: // profile_id (LEN)
        r.expect(tag, LengthDelimited);
        p.profileId = r.bytes();
        break;
      case 8: // dropped_attributes_count (VARINT uint32)
        r.expect(tag, Varint);
        p.droppedAttributesCount = r.uint32();
        break;
      case 9: // original_payload_format (LEN)
        r.expect(tag, LengthDelimited);
        p.originalPayloadFormat = r.string();
        break;
      case 10: // original_payload (LEN)
        r.expect(tag, LengthDelimited);
        p.originalPayload = r.bytes();
        break;
      case 11: // attribute_indices (packed int32)
        p.attributeIndices = r.int32s(tag, p.attributeIndices);
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return p;
}

function readSample(r: BoundedReader): ProfileSample {
  const end = r.enter();
  const s: ProfileSample = {
    stackIndex: 0,
    attributeIndices: [],
    linkIndex: 0,
    values: [],
    timestampsUnixNano: [],
  };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // stack_index (VARINT int32)
        r.expect(tag, Varint);
        s.stackIndex = r.int32();
        break;
      case 2: // attribute_indices (packed int32)
        s.attributeIndices = r.int32s(tag, s.attributeIndices);
        break;
      case 3: // link_index (VARINT int32)
        r.expect(tag, Varint);
        s.linkIndex = r.int32();
        break;
      case 4: // values (packed int64)
        s.values = r.int53s(tag, s.values);
        break;
      case 5: // timestamps_unix_nano (packed fixed64)
        s.timestampsUnixNano = r.fixed64s(tag, s.timestampsUnixNano);
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return s;
}

function readDictionary(r: BoundedReader): ProfilesDictionary {
  const end = r.enter();
  const d: ProfilesDictionary = {
    mappingTable: [],
    locationTable: [],
    functionTable: [],
    linkTable: [],
    stringTable: [],
    attributeTable: [],
    stackTable: [],
  };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // mapping_table (LEN)
        r.expect(tag, LengthDelimited);
        d.mappingTable.push(readMapping(r));
        break;
      case 2: // location_table (LEN)
        r.expect(tag, LengthDelimited);
        d.locationTable.push(readLocation(r));
        break;
      case 3: // function_table (LEN)
        r.expect(tag, LengthDelimited);
        d.functionTable.push(readFunction(r));
        break;
      case 4: // link_table (LEN)
        r.expect(tag, LengthDelimited);
        d.linkTable.push(readLink(r));
        break;
      case 5: // string_table (LEN)
        r.expect(tag, LengthDelimited);
        d.stringTable.push(r.string());
        break;
      case 6: // attribute_table (LEN)
        r.expect(tag, LengthDelimited);
        d.attributeTable.push(readKeyValueAndUnit(r));
        break;
      case 7: // stack_table (LEN)
        r.expect(tag, LengthDelimited);
        d.stackTable.push(readStack(r));
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return d;
}

function readMapping(r: BoundedReader): ProfileMapping {
  const end = r.enter();
  const m: ProfileMapping = {
    memoryStart: 0n,
    memoryLimit: 0n,
    fileOffset: 0n,
    filenameStrindex: 0,
    attributeIndices: [],
  };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // memory_start (VARINT uint64)
        r.expect(tag, Varint);
        m.memoryStart = r.uint64();
        break;
      case 2: // memory_limit (VARINT uint64)
        r.expect(tag, Varint);
        m.memoryLimit = r.uint64();
        break;
      case 3: // file_offset (VARINT uint64)
        r.expect(tag, Varint);
        m.fileOffset = r.uint64();
        break;
      case 4: // filename_strindex (VARINT int32)
        r.expect(tag, Varint);
        m.filenameStrindex = r.int32();
        break;
      case 5: // attribute_indices (packed int32)
        m.attributeIndices = r.int32s(tag, m.attributeIndices);
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return m;
}

function readLocation(r: BoundedReader): ProfileLocation {
  const end = r.enter();
  const loc: ProfileLocation = { mappingIndex: 0, address: 0n, lines: [], attributeIndices: [] };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // mapping_index (VARINT int32)
        r.expect(tag, Varint);
        loc.mappingIndex = r.int32();
        break;
      case 2: // address (VARINT uint64)
        r.expect(tag, Varint);
        loc.address = r.uint64();
        break;
      case 3: // lines (LEN)
        r.expect(tag, LengthDelimited);
        loc.lines.push(readLine(r));
        break;
      case 4: // attribute_indices (packed int32)
        loc.attributeIndices = r.int32s(tag, loc.attributeIndices);
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return loc;
}

function readLine(r: BoundedReader): ProfileLine {
  const end = r.enter();
  const line: ProfileLine = { functionIndex: 0, line: 0, column: 0 };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // function_index (VARINT int32)
        r.expect(tag, Varint);
        line.functionIndex = r.int32();
        break;
      case 2: // line (VARINT int64)
        r.expect(tag, Varint);
        line.line = r.int53();
        break;
      case 3: // column (VARINT int64)
        r.expect(tag, Varint);
        line.column = r.int53();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return line;
}

function readFunction(r: BoundedReader): ProfileFunction {
  const end = r.enter();
  const f: ProfileFunction = { nameStrindex: 0, systemNameStrindex: 0, filenameStrindex: 0, startLine: 0 };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // name_strindex (VARINT int32)
        r.expect(tag, Varint);
        f.nameStrindex = r.int32();
        break;
      case 2: // system_name_strindex (VARINT int32)
        r.expect(tag, Varint);
        f.systemNameStrindex = r.int32();
        break;
      case 3: // filename_strindex (VARINT int32)
        r.expect(tag, Varint);
        f.filenameStrindex = r.int32();
        break;
      case 4: // start_line (VARINT int64)
        r.expect(tag, Varint);
        f.startLine = r.int53();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return f;
}

function readLink(r: BoundedReader): ProfileLink {
  const end = r.enter();
  const link: ProfileLink = { traceId: new Uint8Array(0), spanId: new Uint8Array(0) };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // trace_id (LEN)
        r.expect(tag, LengthDelimited);
        link.traceId = r.bytes();
        break;
      case 2: // span_id (LEN)
        r.expect(tag, LengthDelimited);
        link.spanId = r.bytes();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return link;
}

function readKeyValueAndUnit(r: BoundedReader): KeyValueAndUnit {
  const end = r.enter();
  const kv: KeyValueAndUnit = { keyStrindex: 0, unitStrindex: 0 };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // key_strindex (VARINT int32)
        r.expect(tag, Varint);
        kv.keyStrindex = r.int32();
        break;
      case 2: // value (LEN AnyValue)
        r.expect(tag, LengthDelimited);
        kv.value = readAnyValue(r);
        break;
      case 3: // unit_strindex (VARINT int32)
        r.expect(tag, Varint);
        kv.unitStrindex = r.int32();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return kv;
}

function readStack(r: BoundedReader): ProfileStack {
  const end = r.enter();
  const stack: ProfileStack = { locationIndices: [] };
  while (r.pos < end) {
    const tag = r.tag();
    if (tag >>> 3 === 1)
      stack.locationIndices = r.int32s(tag, stack.locationIndices); // location_indices (packed int32)
    else r.skip(tag);
  }
  r.leave(end);
  return stack;
}
