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
import { writeEach, writePackedInt64 } from '../profiles/repeated-writers.js';
import { ProtoWriter } from '../wire/writer.js';
import { gzipPprof } from './pprof-gzip.js';

// perftools.profiles.Profile, model -> bytes. Fields in field-number order, proto3 defaults
// omitted, repeated scalars packed, so encodePprof(decodePprof(b)) gives back b for our own
// output. All field numbers are below 16, so every tag is one byte.

export interface PprofEncodeOptions {
  /** Gzip the result (the on-disk `.pb.gz` form). Default false. */
  gzip?: boolean;
  /** zlib level when gzipping, 0-9. Default 6. */
  gzipLevel?: number;
}

/** Encodes a pprof Profile to protobuf bytes (gzipped with `{ gzip: true }`). */
export function encodePprof(profile: PprofProfile, options?: PprofEncodeOptions): Uint8Array {
  const w = new ProtoWriter(64 * 1024);
  writeProfile(w, profile);
  const bytes = w.finish();
  return options?.gzip ? gzipPprof(bytes, options.gzipLevel) : bytes;
}

function writeProfile(w: ProtoWriter, p: PprofProfile): void {
  const types = p.sampleType;
  for (let i = 0; i < types.length; i++) writeValueType(w, 0x0a, types[i]); // 1: sample_type (LEN)
  writeEach(w, 0x12, p.sample, writeSample); // 2: sample (LEN)
  writeEach(w, 0x1a, p.mapping, writeMapping); // 3: mapping (LEN)
  writeEach(w, 0x22, p.location, writeLocation); // 4: location (LEN)
  writeEach(w, 0x2a, p.function, writeFunction); // 5: function (LEN)
  const strings = p.stringTable;
  for (let i = 0; i < strings.length; i++) {
    w.byte(0x32); // 6: string_table (LEN, repeated: "" is written too)
    w.string(strings[i]);
  }
  writeInt64(w, 0x38, p.dropFrames); // 7: drop_frames (VARINT int64)
  writeInt64(w, 0x40, p.keepFrames); // 8: keep_frames (VARINT int64)
  if (p.timeNanos !== 0n) {
    w.byte(0x48); // 9: time_nanos (VARINT int64)
    w.int64(p.timeNanos);
  }
  writeInt64(w, 0x50, p.durationNanos); // 10: duration_nanos (VARINT int64)
  if (p.periodType !== undefined) writeValueType(w, 0x5a, p.periodType); // 11: period_type (LEN)
  writeInt64(w, 0x60, p.period); // 12: period (VARINT int64)
  writePackedInt64(w, 0x6a, p.comment); // 13: comment (LEN packed int64)
  writeInt64(w, 0x70, p.defaultSampleType); // 14: default_sample_type (VARINT int64)
  writeInt64(w, 0x78, p.docUrl); // 15: doc_url (VARINT int64)
}

/** A non-zero int64/uint64 held in a JS number, under a one-byte VARINT tag. */
function writeInt64(w: ProtoWriter, tagByte: number, value: number): void {
  if (value === 0) return;
  w.byte(tagByte);
  w.int64(value);
}

function writeUint64(w: ProtoWriter, tagByte: number, value: bigint): void {
  if (value === 0n) return;
  w.byte(tagByte);
  w.int64(value);
}

function writeBool(w: ProtoWriter, tagByte: number, value: boolean): void {
  if (!value) return;
  w.byte(tagByte);
  w.byte(1);
}

function writeValueType(w: ProtoWriter, tagByte: number, vt: PprofValueType): void {
  w.byte(tagByte);
  const s = w.fork();
  writeInt64(w, 0x08, vt.type); // 1: type (VARINT int64)
  writeInt64(w, 0x10, vt.unit); // 2: unit (VARINT int64)
  w.join(s);
}

function writeSample(w: ProtoWriter, sample: PprofSample): void {
  writePackedInt64(w, 0x0a, sample.locationId); // 1: location_id (LEN packed uint64)
  writePackedInt64(w, 0x12, sample.value); // 2: value (LEN packed int64)
  writeEach(w, 0x1a, sample.label, writeLabel); // 3: label (LEN)
}

function writeLabel(w: ProtoWriter, label: PprofLabel): void {
  writeInt64(w, 0x08, label.key); // 1: key (VARINT int64)
  writeInt64(w, 0x10, label.str); // 2: str (VARINT int64)
  if (label.num !== 0n) {
    w.byte(0x18); // 3: num (VARINT int64)
    w.int64(label.num);
  }
  writeInt64(w, 0x20, label.numUnit); // 4: num_unit (VARINT int64)
}

function writeMapping(w: ProtoWriter, m: PprofMapping): void {
  writeInt64(w, 0x08, m.id); // 1: id (VARINT uint64)
  writeUint64(w, 0x10, m.memoryStart); // 2: memory_start (VARINT uint64)
  writeUint64(w, 0x18, m.memoryLimit); // 3: memory_limit (VARINT uint64)
  writeUint64(w, 0x20, m.fileOffset); // 4: file_offset (VARINT uint64)
  writeInt64(w, 0x28, m.filename); // 5: filename (VARINT int64)
  writeInt64(w, 0x30, m.buildId); // 6: build_id (VARINT int64)
  writeBool(w, 0x38, m.hasFunctions); // 7: has_functions (VARINT bool)
  writeBool(w, 0x40, m.hasFilenames); // 8: has_filenames (VARINT bool)
  writeBool(w, 0x48, m.hasLineNumbers); // 9: has_line_numbers (VARINT bool)
  writeBool(w, 0x50, m.hasInlineFrames); // 10: has_inline_frames (VARINT bool)
}

function writeLocation(w: ProtoWriter, loc: PprofLocation): void {
  writeInt64(w, 0x08, loc.id); // 1: id (VARINT uint64)
  writeInt64(w, 0x10, loc.mappingId); // 2: mapping_id (VARINT uint64)
  writeUint64(w, 0x18, loc.address); // 3: address (VARINT uint64)
  writeEach(w, 0x22, loc.line, writeLine); // 4: line (LEN)
  writeBool(w, 0x28, loc.isFolded); // 5: is_folded (VARINT bool)
}

function writeLine(w: ProtoWriter, line: PprofLine): void {
  writeInt64(w, 0x08, line.functionId); // 1: function_id (VARINT uint64)
  writeInt64(w, 0x10, line.line); // 2: line (VARINT int64)
  writeInt64(w, 0x18, line.column); // 3: column (VARINT int64)
}

function writeFunction(w: ProtoWriter, f: PprofFunction): void {
  writeInt64(w, 0x08, f.id); // 1: id (VARINT uint64)
  writeInt64(w, 0x10, f.name); // 2: name (VARINT int64)
  writeInt64(w, 0x18, f.systemName); // 3: system_name (VARINT int64)
  writeInt64(w, 0x20, f.filename); // 4: filename (VARINT int64)
  writeInt64(w, 0x28, f.startLine); // 5: start_line (VARINT int64)
}
