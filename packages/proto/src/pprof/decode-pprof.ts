import type {
  PprofFunction,
  PprofLabel,
  PprofLine,
  PprofLocation,
  PprofMapping,
  PprofProfile,
  PprofSample,
  PprofValueType,
} from '../model/pprof.js';
import { BoundedReader, type ProfilesDecodeLimits } from '../profiles/bounded-reader.js';
import { WireType } from '../wire/wire-type.js';
import { DEFAULT_MAX_PPROF_BYTES, gunzipPprof, isGzip } from './pprof-gzip.js';

// perftools.profiles.Profile bytes (raw or gzipped) -> model. Unknown fields are skipped,
// repeated scalars are read packed or unpacked; bad input fails with an OtlpxDecodeError that
// names the byte offset (in the decompressed bytes when the input was gzipped).

const { Varint, LengthDelimited } = WireType;

export interface PprofDecodeLimits extends ProfilesDecodeLimits {
  /** Largest gunzipped size accepted; more fails with OTLPX_ERR_DECODE_TOO_LARGE. Default 256 MiB. */
  maxDecompressedBytes?: number;
}

/**
 * Decodes a pprof Profile from protobuf bytes, raw or gzip-compressed (detected by the gzip
 * magic number; the output size is capped by `limits.maxDecompressedBytes`).
 */
export function decodePprof(bytes: Uint8Array, limits?: PprofDecodeLimits): PprofProfile {
  const raw = isGzip(bytes)
    ? gunzipPprof(bytes, limits?.maxDecompressedBytes ?? DEFAULT_MAX_PPROF_BYTES)
    : bytes;
  const r = new BoundedReader(raw, limits);
  const p: PprofProfile = {
    sampleType: [],
    sample: [],
    mapping: [],
    location: [],
    function: [],
    stringTable: [],
    dropFrames: 0,
    keepFrames: 0,
    timeNanos: 0n,
    durationNanos: 0,
    period: 0,
    comment: [],
    defaultSampleType: 0,
    docUrl: 0,
  };
  while (r.pos < r.end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // sample_type (LEN)
        r.expect(tag, LengthDelimited);
        p.sampleType.push(readValueType(r));
        break;
      case 2: // sample (LEN)
        r.expect(tag, LengthDelimited);
        p.sample.push(readSample(r));
        break;
      case 3: // mapping (LEN)
        r.expect(tag, LengthDelimited);
        p.mapping.push(readMapping(r));
        break;
      case 4: // location (LEN)
        r.expect(tag, LengthDelimited);
        p.location.push(readLocation(r));
        break;
      case 5: // function (LEN)
        r.expect(tag, LengthDelimited);
        p.function.push(readFunction(r));
        break;
      case 6: // string_table (LEN)
        r.expect(tag, LengthDelimited);
        p.stringTable.push(r.string());
        break;
      case 7: // drop_frames (VARINT int64)
        r.expect(tag, Varint);
        p.dropFrames = r.int53();
        break;
      case 8: // keep_frames (VARINT int64)
        r.expect(tag, Varint);
        p.keepFrames = r.int53();
        break;
      case 9: // time_nanos (VARINT int64)
        r.expect(tag, Varint);
        p.timeNanos = r.int64();
        break;
      case 10: // duration_nanos (VARINT int64)
        r.expect(tag, Varint);
        p.durationNanos = r.int53();
        break;
      case 11: // period_type (LEN)
        r.expect(tag, LengthDelimited);
        p.periodType = readValueType(r);
        break;
      case 12: // period (VARINT int64)
        r.expect(tag, Varint);
        p.period = r.int53();
        break;
      case 13: // comment (packed int64)
        p.comment = r.int53s(tag, p.comment);
        break;
      case 14: // default_sample_type (VARINT int64)
        r.expect(tag, Varint);
        p.defaultSampleType = r.int53();
        break;
      case 15: // doc_url (VARINT int64)
        r.expect(tag, Varint);
        p.docUrl = r.int53();
        break;
      default:
        r.skip(tag);
    }
  }
  return p;
}

function readValueType(r: BoundedReader): PprofValueType {
  const end = r.enter();
  const vt: PprofValueType = { type: 0, unit: 0 };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // type (VARINT int64)
        r.expect(tag, Varint);
        vt.type = r.int53();
        break;
      case 2: // unit (VARINT int64)
        r.expect(tag, Varint);
        vt.unit = r.int53();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return vt;
}

function readSample(r: BoundedReader): PprofSample {
  const end = r.enter();
  const s: PprofSample = { locationId: [], value: [], label: [] };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // location_id (packed uint64)
        s.locationId = r.uint53s(tag, s.locationId);
        break;
      case 2: // value (packed int64)
        s.value = r.int53s(tag, s.value);
        break;
      case 3: // label (LEN)
        r.expect(tag, LengthDelimited);
        s.label.push(readLabel(r));
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return s;
}

function readLabel(r: BoundedReader): PprofLabel {
  const end = r.enter();
  const label: PprofLabel = { key: 0, str: 0, num: 0n, numUnit: 0 };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // key (VARINT int64)
        r.expect(tag, Varint);
        label.key = r.int53();
        break;
      case 2: // str (VARINT int64)
        r.expect(tag, Varint);
        label.str = r.int53();
        break;
      case 3: // num (VARINT int64)
        r.expect(tag, Varint);
        label.num = r.int64();
        break;
      case 4: // num_unit (VARINT int64)
        r.expect(tag, Varint);
        label.numUnit = r.int53();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return label;
}

function readMapping(r: BoundedReader): PprofMapping {
  const end = r.enter();
  const m: PprofMapping = {
    id: 0,
    memoryStart: 0n,
    memoryLimit: 0n,
    fileOffset: 0n,
    filename: 0,
    buildId: 0,
    hasFunctions: false,
    hasFilenames: false,
    hasLineNumbers: false,
    hasInlineFrames: false,
  };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // id (VARINT uint64)
        r.expect(tag, Varint);
        m.id = r.uint53();
        break;
      case 2: // memory_start (VARINT uint64)
        r.expect(tag, Varint);
        m.memoryStart = r.uint64();
        break;
      case 3: // memory_limit (VARINT uint64)
        r.expect(tag, Varint);
        m.memoryLimit = r.uint64();
        break;
      case 4: // file_offset (VARINT uint64)
        r.expect(tag, Varint);
        m.fileOffset = r.uint64();
        break;
      case 5: // filename (VARINT int64)
        r.expect(tag, Varint);
        m.filename = r.int53();
        break;
      case 6: // build_id (VARINT int64)
        r.expect(tag, Varint);
        m.buildId = r.int53();
        break;
      case 7: // has_functions (VARINT bool)
        r.expect(tag, Varint);
        m.hasFunctions = r.bool();
        break;
      case 8: // has_filenames (VARINT bool)
        r.expect(tag, Varint);
        m.hasFilenames = r.bool();
        break;
      case 9: // has_line_numbers (VARINT bool)
        r.expect(tag, Varint);
        m.hasLineNumbers = r.bool();
        break;
      case 10: // has_inline_frames (VARINT bool)
        r.expect(tag, Varint);
        m.hasInlineFrames = r.bool();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return m;
}

function readLocation(r: BoundedReader): PprofLocation {
  const end = r.enter();
  const loc: PprofLocation = { id: 0, mappingId: 0, address: 0n, line: [], isFolded: false };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // id (VARINT uint64)
        r.expect(tag, Varint);
        loc.id = r.uint53();
        break;
      case 2: // mapping_id (VARINT uint64)
        r.expect(tag, Varint);
        loc.mappingId = r.uint53();
        break;
      case 3: // address (VARINT uint64)
        r.expect(tag, Varint);
        loc.address = r.uint64();
        break;
      case 4: // line (LEN)
        r.expect(tag, LengthDelimited);
        loc.line.push(readLine(r));
        break;
      case 5: // is_folded (VARINT bool)
        r.expect(tag, Varint);
        loc.isFolded = r.bool();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return loc;
}

function readLine(r: BoundedReader): PprofLine {
  const end = r.enter();
  const line: PprofLine = { functionId: 0, line: 0, column: 0 };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // function_id (VARINT uint64)
        r.expect(tag, Varint);
        line.functionId = r.uint53();
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

function readFunction(r: BoundedReader): PprofFunction {
  const end = r.enter();
  const f: PprofFunction = { id: 0, name: 0, systemName: 0, filename: 0, startLine: 0 };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // id (VARINT uint64)
        r.expect(tag, Varint);
        f.id = r.uint53();
        break;
      case 2: // name (VARINT int64)
        r.expect(tag, Varint);
        f.name = r.int53();
        break;
      case 3: // system_name (VARINT int64)
        r.expect(tag, Varint);
        f.systemName = r.int53();
        break;
      case 4: // filename (VARINT int64)
        r.expect(tag, Varint);
        f.filename = r.int53();
        break;
      case 5: // start_line (VARINT int64)
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
