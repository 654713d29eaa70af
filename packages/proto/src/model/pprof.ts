/**
 * The plain typed model of pprof's perftools.profiles.Profile (google/pprof proto/profile.proto).
 * Field names are the proto's, in lowerCamelCase and singular like the proto (`sample`,
 * `location`, `function`); absent fields hold their default (0, '', [], false) and an absent
 * `periodType` is `undefined`.
 *
 * Numbers and bigints, chosen once for the whole model:
 * - ids (`id`, `mappingId`, `functionId`, `locationId`; uint64 on the wire) are JS numbers.
 *   Every known producer numbers them 1, 2, 3, ...; decodePprof() rejects an id above
 *   2^53 - 1 with OTLPX_ERR_DECODE_INVALID (naming the offset) rather than rounding it.
 * - string-table indices, sample values, periods, durations and line numbers (int64 on the
 *   wire) are JS numbers with the same safe-integer range check.
 * - bigint where real values exceed 2^53: `timeNanos` (Unix-epoch nanoseconds), label `num`
 *   (numeric labels carry epoch timestamps such as `end_timestamp_ns`), and the machine
 *   addresses `address`, `memoryStart`, `memoryLimit`, `fileOffset` (uint64).
 *
 * `docUrl` (field 15) and `Line.column` (field 3) come from newer pprof releases; older readers
 * skip them.
 */

export interface PprofProfile {
  /** 1: one entry per value of every sample. */
  sampleType: PprofValueType[];
  /** 2 */
  sample: PprofSample[];
  /** 3 */
  mapping: PprofMapping[];
  /** 4 */
  location: PprofLocation[];
  /** 5 */
  function: PprofFunction[];
  /** 6: stringTable[0] is always "". */
  stringTable: string[];
  /** 7: string index of a regexp of frames to drop. */
  dropFrames: number;
  /** 8: string index of a regexp of frames to keep. */
  keepFrames: number;
  /** 9: collection time, nanoseconds since the Unix epoch. */
  timeNanos: bigint;
  /** 10 */
  durationNanos: number;
  /** 11 */
  periodType?: PprofValueType;
  /** 12 */
  period: number;
  /** 13: string indices of free-form comments. */
  comment: number[];
  /** 14: string index of the sample type shown by default. */
  defaultSampleType: number;
  /** 15: string index of a documentation URL (newer pprof). */
  docUrl: number;
}

export interface PprofValueType {
  /** 1: string index. */
  type: number;
  /** 2: string index. */
  unit: number;
}

export interface PprofSample {
  /** 1: Location ids, leaf first. */
  locationId: number[];
  /** 2: one per sampleType. */
  value: number[];
  /** 3 */
  label: PprofLabel[];
}

export interface PprofLabel {
  /** 1: string index of the key. */
  key: number;
  /** 2: string index of a string value (0 for a numeric label). */
  str: number;
  /** 3: numeric value. */
  num: bigint;
  /** 4: string index of the unit of `num`. */
  numUnit: number;
}

export interface PprofMapping {
  /** 1: unique, non-zero. */
  id: number;
  /** 2 */
  memoryStart: bigint;
  /** 3 */
  memoryLimit: bigint;
  /** 4 */
  fileOffset: bigint;
  /** 5: string index. */
  filename: number;
  /** 6: string index. */
  buildId: number;
  /** 7 */
  hasFunctions: boolean;
  /** 8 */
  hasFilenames: boolean;
  /** 9 */
  hasLineNumbers: boolean;
  /** 10 */
  hasInlineFrames: boolean;
}

export interface PprofLocation {
  /** 1: unique, non-zero. */
  id: number;
  /** 2: 0 when unknown. */
  mappingId: number;
  /** 3 */
  address: bigint;
  /** 4: inlined callees first, the caller last. */
  line: PprofLine[];
  /** 5 */
  isFolded: boolean;
}

export interface PprofLine {
  /** 1 */
  functionId: number;
  /** 2 */
  line: number;
  /** 3: newer pprof. */
  column: number;
}

export interface PprofFunction {
  /** 1: unique, non-zero. */
  id: number;
  /** 2: string index. */
  name: number;
  /** 3: string index. */
  systemName: number;
  /** 4: string index. */
  filename: number;
  /** 5 */
  startLine: number;
}
