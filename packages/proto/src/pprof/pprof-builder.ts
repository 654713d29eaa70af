import { OtlpxError } from '../errors.js';
import type {
  PprofFunction,
  PprofLabel,
  PprofLocation,
  PprofMapping,
  PprofProfile,
  PprofSample,
} from '../model/pprof.js';

export interface PprofBuilderOptions {
  /** `[type, unit]` of each sample value, e.g. `[['samples', 'count'], ['cpu', 'nanoseconds']]`. */
  sampleTypes: ReadonlyArray<readonly [type: string, unit: string]>;
  /** `[type, unit]` of the sampling period, e.g. `['cpu', 'nanoseconds']`. */
  periodType?: readonly [type: string, unit: string];
  period?: number;
  /** Collection time, nanoseconds since the Unix epoch. */
  timeNanos?: bigint;
  durationNanos?: number;
  /** The sample type shown by default (one of `sampleTypes`). */
  defaultSampleType?: string;
  comments?: readonly string[];
  dropFrames?: string;
  keepFrames?: string;
}

export interface PprofFunctionInput {
  name: string;
  systemName?: string;
  filename?: string;
  startLine?: number;
}

export interface PprofMappingInput {
  memoryStart?: bigint;
  memoryLimit?: bigint;
  fileOffset?: bigint;
  filename?: string;
  buildId?: string;
  hasFunctions?: boolean;
  hasFilenames?: boolean;
  hasLineNumbers?: boolean;
  hasInlineFrames?: boolean;
}

export interface PprofLocationInput {
  /** An id from `mapping()`; 0 or absent when unknown. */
  mappingId?: number;
  address?: bigint;
  /** Inlined callees first, the caller last; `functionId` from `function()`. */
  lines?: ReadonlyArray<{ functionId: number; line?: number; column?: number }>;
  isFolded?: boolean;
}

/** A label value: a string, or a number/bigint with an optional unit (`{ num: 512, unit: 'bytes' }`). */
export type PprofLabelValue = string | number | bigint | { num: number | bigint; unit?: string };

/**
 * Builds a pprof Profile that follows pprof's rules by construction: the string table starts
 * with "", ids of functions, mappings and locations count from 1, and equal functions,
 * mappings, locations and strings are stored once.
 *
 * ```ts
 * const b = new PprofBuilder({ sampleTypes: [['samples', 'count'], ['cpu', 'nanoseconds']] });
 * const main = b.location({ lines: [{ functionId: b.function({ name: 'main' }) }] });
 * b.sample([main], [1, 10_000_000], { 'span id': '5fa1b2c3d4e5f607' });
 * const pbgz = encodePprof(b.build(), { gzip: true });
 * ```
 */
export class PprofBuilder {
  readonly #strings = new Map<string, number>([['', 0]]);
  readonly #profile: PprofProfile;
  readonly #functions = new Map<string, number>();
  readonly #mappings = new Map<string, number>();
  readonly #locations = new Map<string, number>();

  constructor(options: PprofBuilderOptions) {
    this.#profile = {
      sampleType: [],
      sample: [],
      mapping: [],
      location: [],
      function: [],
      stringTable: [''],
      dropFrames: 0,
      keepFrames: 0,
      timeNanos: options.timeNanos ?? 0n,
      durationNanos: options.durationNanos ?? 0,
      period: options.period ?? 0,
      comment: [],
      defaultSampleType: 0,
      docUrl: 0,
    };
    const p = this.#profile;
    for (const [type, unit] of options.sampleTypes)
      p.sampleType.push({ type: this.string(type), unit: this.string(unit) });
    if (options.periodType) {
      p.periodType = { type: this.string(options.periodType[0]), unit: this.string(options.periodType[1]) };
    }
    if (options.defaultSampleType !== undefined) {
      if (!options.sampleTypes.some(([type]) => type === options.defaultSampleType)) {
        throw new OtlpxError(
          'OTLPX_ERR_INVALID_ARG',
          `defaultSampleType "${options.defaultSampleType}" is not one of the sampleTypes`,
        );
      }
      p.defaultSampleType = this.string(options.defaultSampleType);
    }
    for (const c of options.comments ?? []) p.comment.push(this.string(c));
    if (options.dropFrames) p.dropFrames = this.string(options.dropFrames);
    if (options.keepFrames) p.keepFrames = this.string(options.keepFrames);
  }

  /** string_table index ("" is 0). */
  string(value: string): number {
    let index = this.#strings.get(value);
    if (index === undefined) {
      index = this.#profile.stringTable.push(value) - 1;
      this.#strings.set(value, index);
    }
    return index;
  }

  /** Function id (from 1). */
  function(input: PprofFunctionInput): number {
    const list = this.#profile.function;
    const f: PprofFunction = {
      id: list.length + 1,
      name: this.string(input.name),
      systemName: this.string(input.systemName ?? ''),
      filename: this.string(input.filename ?? ''),
      startLine: input.startLine ?? 0,
    };
    return intern(this.#functions, list, `${f.name}|${f.systemName}|${f.filename}|${f.startLine}`, f);
  }

  /** Mapping id (from 1). */
  mapping(input: PprofMappingInput): number {
    const list = this.#profile.mapping;
    const m: PprofMapping = {
      id: list.length + 1,
      memoryStart: input.memoryStart ?? 0n,
      memoryLimit: input.memoryLimit ?? 0n,
      fileOffset: input.fileOffset ?? 0n,
      filename: this.string(input.filename ?? ''),
      buildId: this.string(input.buildId ?? ''),
      hasFunctions: input.hasFunctions ?? false,
      hasFilenames: input.hasFilenames ?? false,
      hasLineNumbers: input.hasLineNumbers ?? false,
      hasInlineFrames: input.hasInlineFrames ?? false,
    };
    const key = `${m.memoryStart}|${m.memoryLimit}|${m.fileOffset}|${m.filename}|${m.buildId}|${+m.hasFunctions}${+m.hasFilenames}${+m.hasLineNumbers}${+m.hasInlineFrames}`;
    return intern(this.#mappings, list, key, m);
  }

  /** Location id (from 1). */
  location(input: PprofLocationInput): number {
    const p = this.#profile;
    const mappingId = input.mappingId ?? 0;
    checkId(mappingId, p.mapping.length, 'mapping', true);
    const lines = input.lines ?? [];
    const loc: PprofLocation = {
      id: p.location.length + 1,
      mappingId,
      address: input.address ?? 0n,
      line: new Array(lines.length),
      isFolded: input.isFolded ?? false,
    };
    let key = `${mappingId}|${loc.address}|${+loc.isFolded}|`;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      checkId(l.functionId, p.function.length, 'function', false);
      loc.line[i] = { functionId: l.functionId, line: l.line ?? 0, column: l.column ?? 0 };
      key += `${l.functionId}:${l.line ?? 0}:${l.column ?? 0};`;
    }
    return intern(this.#locations, p.location, key, loc);
  }

  /**
   * Adds a sample: location ids leaf first, one value per sample type, and labels (string
   * values, or numbers with an optional unit).
   */
  sample(
    locationIds: readonly number[],
    values: readonly number[],
    labels?: Readonly<Record<string, PprofLabelValue>>,
  ): void {
    const p = this.#profile;
    if (values.length !== p.sampleType.length) {
      throw new OtlpxError(
        'OTLPX_ERR_INVALID_ARG',
        `a sample needs ${p.sampleType.length} value(s), one per sample type, got ${values.length}`,
      );
    }
    for (let i = 0; i < locationIds.length; i++)
      checkId(locationIds[i], p.location.length, 'location', false);
    const sample: PprofSample = { locationId: locationIds.slice(), value: values.slice(), label: [] };
    if (labels) {
      for (const key in labels) sample.label.push(this.#label(key, labels[key]));
    }
    p.sample.push(sample);
  }

  #label(key: string, value: PprofLabelValue): PprofLabel {
    const label: PprofLabel = { key: this.string(key), str: 0, num: 0n, numUnit: 0 };
    if (typeof value === 'string') label.str = this.string(value);
    else if (typeof value === 'object') {
      label.num = BigInt(value.num);
      label.numUnit = this.string(value.unit ?? '');
    } else label.num = BigInt(value);
    return label;
  }

  /** The profile. The builder shares its arrays with it: build once, when done. */
  build(): PprofProfile {
    return this.#profile;
  }
}

function intern<T extends { id: number }>(
  index: Map<string, number>,
  list: T[],
  key: string,
  value: T,
): number {
  const id = index.get(key);
  if (id !== undefined) return id;
  list.push(value);
  index.set(key, value.id);
  return value.id;
}

function checkId(id: number, count: number, what: string, zeroAllowed: boolean): void {
  if (!Number.isInteger(id) || id < (zeroAllowed ? 0 : 1) || id > count) {
    throw new OtlpxError(
      'OTLPX_ERR_INVALID_ARG',
      `${what} id ${id} was not made by this builder (${count} ${what}s so far): use the id its method returned`,
    );
  }
}
