import type { AnyValue, InstrumentationScope, Resource } from './common.js';

/**
 * The plain typed model of opentelemetry/proto/collector/profiles/v1development
 * ExportProfilesServiceRequest and profiles/v1development (opentelemetry-proto v1.11.0, Alpha).
 * Field names are the lowerCamelCase names of the OTLP/JSON mapping; absent proto3 fields hold
 * their default (0, '', empty bytes, []), absent sub-messages are `undefined`.
 *
 * 64-bit integers: bigint only where real values exceed 2^53, that is Unix-epoch nanosecond
 * timestamps (`timeUnixNano`, `timestampsUnixNano`) and machine addresses (`address`,
 * `memoryStart`, `memoryLimit`, `fileOffset`: kernel addresses sit near 2^64). Everything else
 * (sample values, durations, periods, line and column numbers) is a JS number that must be a
 * safe integer (|v| <= 2^53 - 1, i.e. 104 days of nanoseconds): decoders reject larger values
 * with OTLPX_ERR_DECODE_INVALID instead of rounding them, and validateProfilesRequest() reports
 * them before encoding. Table indices are int32 numbers.
 *
 * Every `*Index` / `*Strindex` / `*Indices` field points into a table of the request's one
 * ProfilesDictionary, whose element 0 is always the zero value, so index 0 means "unset".
 */

export interface ExportProfilesServiceRequest {
  /** 1 */
  resourceProfiles: ResourceProfiles[];
  /** 2: the tables every index in the request points into (absent only in empty requests). */
  dictionary?: ProfilesDictionary;
}

export interface ProfilesDictionary {
  /** 1: mapping_table[0] is Mapping{}. */
  mappingTable: ProfileMapping[];
  /** 2: location_table[0] is Location{}. */
  locationTable: ProfileLocation[];
  /** 3: function_table[0] is Function{}. */
  functionTable: ProfileFunction[];
  /** 4: link_table[0] SHOULD be 16 + 8 zero bytes. */
  linkTable: ProfileLink[];
  /** 5: string_table[0] is "". */
  stringTable: string[];
  /** 6: attribute_table[0] is KeyValueAndUnit{}. */
  attributeTable: KeyValueAndUnit[];
  /** 7: stack_table[0] is Stack{}. */
  stackTable: ProfileStack[];
}

export interface ResourceProfiles {
  /** 1: absent when the producer wrote no resource message. */
  resource?: Resource;
  /** 2 */
  scopeProfiles: ScopeProfiles[];
  /** 3 */
  schemaUrl: string;
}

export interface ScopeProfiles {
  /** 1: absent when the producer wrote no scope message. */
  scope?: InstrumentationScope;
  /** 2 */
  profiles: Profile[];
  /** 3 */
  schemaUrl: string;
}

export interface Profile {
  /** 1: the type and unit of every Sample.values entry (one per profile). */
  sampleType?: ProfileValueType;
  /** 2 */
  samples: ProfileSample[];
  /** 3 (fixed64): collection time, nanoseconds since the Unix epoch. */
  timeUnixNano: bigint;
  /** 4 (uint64): nanoseconds. */
  durationNano: number;
  /** 5 */
  periodType?: ProfileValueType;
  /** 6 (int64) */
  period: number;
  /** 7: 16 bytes, or empty when unset. */
  profileId: Uint8Array;
  /** 8 */
  droppedAttributesCount: number;
  /** 9: e.g. "pprof"; set together with `originalPayload`. */
  originalPayloadFormat: string;
  /** 10 */
  originalPayload: Uint8Array;
  /** 11: attribute_table indices. */
  attributeIndices: number[];
}

export interface ProfileValueType {
  /** 1: string_table index. */
  typeStrindex: number;
  /** 2: string_table index. */
  unitStrindex: number;
}

export interface ProfileSample {
  /** 1: stack_table index. */
  stackIndex: number;
  /** 2: attribute_table indices (keys unique within a sample). */
  attributeIndices: number[];
  /** 3: link_table index; 0 means no link. */
  linkIndex: number;
  /** 4 (int64): values of Profile.sampleType. */
  values: number[];
  /** 5 (fixed64): one per event when present, as many as `values` when both are set. */
  timestampsUnixNano: bigint[];
}

export interface ProfileMapping {
  /** 1 (uint64) */
  memoryStart: bigint;
  /** 2 (uint64) */
  memoryLimit: bigint;
  /** 3 (uint64) */
  fileOffset: bigint;
  /** 4: string_table index. */
  filenameStrindex: number;
  /** 5: attribute_table indices (build id and has_* flags live here). */
  attributeIndices: number[];
}

export interface ProfileStack {
  /** 1: location_table indices, leaf first. */
  locationIndices: number[];
}

export interface ProfileLocation {
  /** 1: mapping_table index; 0 means unknown. */
  mappingIndex: number;
  /** 2 (uint64) */
  address: bigint;
  /** 3: inlined callees first, the caller last. */
  lines: ProfileLine[];
  /** 4: attribute_table indices. */
  attributeIndices: number[];
}

export interface ProfileLine {
  /** 1: function_table index. */
  functionIndex: number;
  /** 2 (int64): 1-based, 0 means unset. */
  line: number;
  /** 3 (int64): 1-based, 0 means unset. */
  column: number;
}

export interface ProfileFunction {
  /** 1: string_table index. */
  nameStrindex: number;
  /** 2: string_table index. */
  systemNameStrindex: number;
  /** 3: string_table index. */
  filenameStrindex: number;
  /** 4 (int64): 1-based, 0 means unset. */
  startLine: number;
}

/** A pointer from samples to the trace span that was active (OTLP's trace correlation). */
export interface ProfileLink {
  /** 1: 16 bytes. */
  traceId: Uint8Array;
  /** 2: 8 bytes. */
  spanId: Uint8Array;
}

export interface KeyValueAndUnit {
  /** 1: string_table index of the key. */
  keyStrindex: number;
  /** 2: absent when the producer wrote no value message. */
  value?: AnyValue;
  /** 3: string_table index of a UCUM unit; 0 when implicit. */
  unitStrindex: number;
}
