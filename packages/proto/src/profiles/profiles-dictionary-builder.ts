import { OtlpxError } from '../errors.js';
import type { InstrumentationScope, Resource } from '../model/common.js';
import type {
  ExportProfilesServiceRequest,
  KeyValueAndUnit,
  Profile,
  ProfileFunction,
  ProfileLink,
  ProfileLocation,
  ProfileMapping,
  ProfileSample,
  ProfileStack,
  ProfilesDictionary,
  ProfileValueType,
} from '../model/profiles.js';
import { attributeKey, functionKey, linkKey, locationKey, mappingKey, stackKey } from './dictionary-keys.js';
import { type ProfileAttributeValue, toAnyValue } from './to-any-value.js';

export interface FunctionInput {
  name?: string;
  systemName?: string;
  filename?: string;
  /** 1-based; 0 or absent when unknown. */
  startLine?: number;
}

export interface MappingInput {
  memoryStart?: bigint;
  memoryLimit?: bigint;
  fileOffset?: bigint;
  filename?: string;
  /** attribute_table indices, e.g. from `attributes({ 'process.executable.build_id.gnu': id })`. */
  attributeIndices?: number[];
}

export interface LineInput {
  /** function_table index from `function()`. */
  functionIndex: number;
  line?: number;
  column?: number;
}

export interface LocationInput {
  /** mapping_table index from `mapping()`; 0 or absent when unknown. */
  mappingIndex?: number;
  address?: bigint;
  /** Inlined callees first, the caller last. */
  lines?: LineInput[];
  attributeIndices?: number[];
}

export interface SampleInput {
  /** A stack_table index from `stack()`, or location indices (leaf first) to intern as one. */
  stack: number | readonly number[];
  /** Values of the profile's sample type; may be empty when `timestampsUnixNano` is set. */
  values?: number[];
  timestampsUnixNano?: bigint[];
  /** Attributes as a record (interned here) or attribute_table indices. */
  attributes?: Readonly<Record<string, ProfileAttributeValue>> | number[];
  /** A link_table index from `link()`; 0 or absent for none. */
  linkIndex?: number;
}

export interface ProfileInput {
  /** `[type, unit]` of the values, e.g. `['cpu', 'nanoseconds']`. */
  sampleType?: readonly [type: string, unit: string];
  samples?: ProfileSample[];
  timeUnixNano?: bigint;
  durationNano?: number;
  periodType?: readonly [type: string, unit: string];
  period?: number;
  /** 16 bytes. */
  profileId?: Uint8Array;
  attributes?: Readonly<Record<string, ProfileAttributeValue>>;
  droppedAttributesCount?: number;
  /** e.g. `{ format: 'pprof', bytes }`: the source the profile was converted from. */
  originalPayload?: { format: string; bytes: Uint8Array };
}

export interface RequestInput {
  resource?: Resource;
  scope?: InstrumentationScope;
  /** Schema URL of the resource and of the scope. */
  schemaUrl?: string;
}

const TRACE_ID_ZERO = new Uint8Array(16);
const SPAN_ID_ZERO = new Uint8Array(8);

/**
 * Builds a ProfilesDictionary that follows the spec by construction: element 0 of every table
 * is the zero value, and each value is stored once (interning returns the index of an equal
 * entry, so a zero value interns to index 0, "unset"). One builder per export request: every
 * Profile of the request indexes the same tables.
 *
 * ```ts
 * const d = new ProfilesDictionaryBuilder();
 * const fn = d.function({ name: 'handler', filename: 'app.js' });
 * const stack = d.stack([d.location({ lines: [{ functionIndex: fn, line: 12 }] })]);
 * const sample = { stackIndex: stack, values: [1], attributeIndices: d.attributes({ 'thread.name': 'main' }), ... };
 * ```
 */
export class ProfilesDictionaryBuilder {
  readonly #strings = new Map<string, number>([['', 0]]);
  readonly #tables: ProfilesDictionary = {
    mappingTable: [
      { memoryStart: 0n, memoryLimit: 0n, fileOffset: 0n, filenameStrindex: 0, attributeIndices: [] },
    ],
    locationTable: [{ mappingIndex: 0, address: 0n, lines: [], attributeIndices: [] }],
    functionTable: [{ nameStrindex: 0, systemNameStrindex: 0, filenameStrindex: 0, startLine: 0 }],
    // 16 + 8 zero bytes rather than Link{}: the spec's SHOULD, for codecs that expect fixed lengths.
    linkTable: [{ traceId: TRACE_ID_ZERO, spanId: SPAN_ID_ZERO }],
    stringTable: [''],
    attributeTable: [{ keyStrindex: 0, unitStrindex: 0 }],
    stackTable: [{ locationIndices: [] }],
  };
  readonly #mappings = new Map<string, number>();
  readonly #locations = new Map<string, number>();
  readonly #functions = new Map<string, number>();
  readonly #links = new Map<string, number>();
  readonly #attributes = new Map<string, number>();
  readonly #stacks = new Map<string, number>();

  constructor() {
    const t = this.#tables;
    this.#mappings.set(mappingKey(t.mappingTable[0]), 0);
    this.#locations.set(locationKey(t.locationTable[0]), 0);
    this.#functions.set(functionKey(t.functionTable[0]), 0);
    this.#links.set(linkKey(t.linkTable[0]), 0);
    this.#attributes.set(attributeKey(t.attributeTable[0]), 0);
    this.#stacks.set(stackKey(t.stackTable[0]), 0);
  }

  /** string_table index of `value` ("" is 0). */
  string(value: string): number {
    let index = this.#strings.get(value);
    if (index === undefined) {
      index = this.#tables.stringTable.push(value) - 1;
      this.#strings.set(value, index);
    }
    return index;
  }

  /** A ValueType (sample or period type), e.g. `valueType('cpu', 'nanoseconds')`. */
  valueType(type: string, unit: string): ProfileValueType {
    return { typeStrindex: this.string(type), unitStrindex: this.string(unit) };
  }

  /** function_table index. A function needs at least one of name, system name or filename. */
  function(input: FunctionInput): number {
    if (!input.name && !input.systemName && !input.filename) {
      throw new OtlpxError(
        'OTLPX_ERR_INVALID_ARG',
        'a function needs at least one of name, systemName or filename',
      );
    }
    const f: ProfileFunction = {
      nameStrindex: this.string(input.name ?? ''),
      systemNameStrindex: this.string(input.systemName ?? ''),
      filenameStrindex: this.string(input.filename ?? ''),
      startLine: input.startLine ?? 0,
    };
    return intern(this.#functions, this.#tables.functionTable, functionKey(f), f);
  }

  /** mapping_table index. */
  mapping(input: MappingInput): number {
    const m: ProfileMapping = {
      memoryStart: input.memoryStart ?? 0n,
      memoryLimit: input.memoryLimit ?? 0n,
      fileOffset: input.fileOffset ?? 0n,
      filenameStrindex: this.string(input.filename ?? ''),
      attributeIndices: input.attributeIndices ? [...input.attributeIndices] : [],
    };
    this.#checkIndices(m.attributeIndices, this.#tables.attributeTable.length, 'attribute');
    return intern(this.#mappings, this.#tables.mappingTable, mappingKey(m), m);
  }

  /** location_table index. */
  location(input: LocationInput): number {
    const t = this.#tables;
    const lines = input.lines ?? [];
    const loc: ProfileLocation = {
      mappingIndex: input.mappingIndex ?? 0,
      address: input.address ?? 0n,
      lines: new Array(lines.length),
      attributeIndices: input.attributeIndices ? [...input.attributeIndices] : [],
    };
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      this.#checkIndex(l.functionIndex, t.functionTable.length, 'function');
      loc.lines[i] = { functionIndex: l.functionIndex, line: l.line ?? 0, column: l.column ?? 0 };
    }
    this.#checkIndex(loc.mappingIndex, t.mappingTable.length, 'mapping');
    this.#checkIndices(loc.attributeIndices, t.attributeTable.length, 'attribute');
    return intern(this.#locations, t.locationTable, locationKey(loc), loc);
  }

  /** stack_table index of location indices, leaf first. */
  stack(locationIndices: readonly number[]): number {
    // Called once per sample by profilers: a known stack costs one join and one lookup.
    const key = locationIndices.join(',');
    const hit = this.#stacks.get(key);
    if (hit !== undefined) return hit;
    const stack: ProfileStack = { locationIndices: locationIndices.slice() };
    this.#checkIndices(stack.locationIndices, this.#tables.locationTable.length, 'location');
    return intern(this.#stacks, this.#tables.stackTable, key, stack);
  }

  /** link_table index of a trace/span pair (16 and 8 bytes); all zeros is 0, "no link". */
  link(traceId: Uint8Array, spanId: Uint8Array): number {
    if (traceId.length !== 16 || spanId.length !== 8) {
      throw new OtlpxError(
        'OTLPX_ERR_INVALID_ARG',
        `a link needs a 16-byte trace id and an 8-byte span id, got ${traceId.length} and ${spanId.length} bytes`,
      );
    }
    const link: ProfileLink = { traceId: traceId.slice(), spanId: spanId.slice() };
    return intern(this.#links, this.#tables.linkTable, linkKey(link), link);
  }

  /** attribute_table index of one key/value (with an optional UCUM unit). */
  attribute(key: string, value: ProfileAttributeValue, unit = ''): number {
    const kv: KeyValueAndUnit = {
      keyStrindex: this.string(key),
      value: toAnyValue(value),
      unitStrindex: this.string(unit),
    };
    return intern(this.#attributes, this.#tables.attributeTable, attributeKey(kv), kv);
  }

  /** attribute_table indices of a record of attributes (keys are unique by construction). */
  attributes(record: Readonly<Record<string, ProfileAttributeValue>>): number[] {
    const out: number[] = [];
    for (const key in record) out.push(this.attribute(key, record[key]));
    return out;
  }

  /** A sample: interns its stack (when given locations) and attributes. */
  sample(input: SampleInput): ProfileSample {
    const t = this.#tables;
    const stackIndex = typeof input.stack === 'number' ? input.stack : this.stack(input.stack);
    this.#checkIndex(stackIndex, t.stackTable.length, 'stack');
    const linkIndex = input.linkIndex ?? 0;
    this.#checkIndex(linkIndex, t.linkTable.length, 'link');
    const attrs = input.attributes;
    const attributeIndices =
      attrs === undefined ? [] : Array.isArray(attrs) ? [...attrs] : this.attributes(attrs);
    this.#checkIndices(attributeIndices, t.attributeTable.length, 'attribute');
    return {
      stackIndex,
      attributeIndices,
      linkIndex,
      values: input.values ?? [],
      timestampsUnixNano: input.timestampsUnixNano ?? [],
    };
  }

  /** A Profile with every field filled (defaults for what `input` leaves out). */
  profile(input: ProfileInput): Profile {
    const p: Profile = {
      samples: input.samples ?? [],
      timeUnixNano: input.timeUnixNano ?? 0n,
      durationNano: input.durationNano ?? 0,
      period: input.period ?? 0,
      profileId: input.profileId ?? new Uint8Array(0),
      droppedAttributesCount: input.droppedAttributesCount ?? 0,
      originalPayloadFormat: input.originalPayload?.format ?? '',
      originalPayload: input.originalPayload?.bytes ?? new Uint8Array(0),
      attributeIndices: input.attributes ? this.attributes(input.attributes) : [],
    };
    if (input.sampleType) p.sampleType = this.valueType(input.sampleType[0], input.sampleType[1]);
    if (input.periodType) p.periodType = this.valueType(input.periodType[0], input.periodType[1]);
    return p;
  }

  /** A request with one resource and one scope holding `profiles`, and this dictionary. */
  request(profiles: Profile[], input: RequestInput = {}): ExportProfilesServiceRequest {
    const schemaUrl = input.schemaUrl ?? '';
    return {
      resourceProfiles: [
        {
          ...(input.resource ? { resource: input.resource } : {}),
          scopeProfiles: [{ ...(input.scope ? { scope: input.scope } : {}), profiles, schemaUrl }],
          schemaUrl,
        },
      ],
      dictionary: this.build(),
    };
  }

  /** Entries in each table so far (zero elements included). */
  get sizes(): Record<keyof ProfilesDictionary, number> {
    const t = this.#tables;
    return {
      mappingTable: t.mappingTable.length,
      locationTable: t.locationTable.length,
      functionTable: t.functionTable.length,
      linkTable: t.linkTable.length,
      stringTable: t.stringTable.length,
      attributeTable: t.attributeTable.length,
      stackTable: t.stackTable.length,
    };
  }

  /** The dictionary: copies of the tables, so the builder can keep interning afterwards. */
  build(): ProfilesDictionary {
    const t = this.#tables;
    return {
      mappingTable: t.mappingTable.slice(),
      locationTable: t.locationTable.slice(),
      functionTable: t.functionTable.slice(),
      linkTable: t.linkTable.slice(),
      stringTable: t.stringTable.slice(),
      attributeTable: t.attributeTable.slice(),
      stackTable: t.stackTable.slice(),
    };
  }

  #checkIndex(index: number, size: number, what: string): void {
    if (!Number.isInteger(index) || index < 0 || index >= size) {
      throw new OtlpxError(
        'OTLPX_ERR_INVALID_ARG',
        `${what} index ${index} is not in this dictionary (${size} entries): use the index its builder method returned`,
      );
    }
  }

  #checkIndices(list: number[], size: number, what: string): void {
    for (let i = 0; i < list.length; i++) this.#checkIndex(list[i], size, what);
  }
}

function intern<T>(index: Map<string, number>, table: T[], key: string, value: T): number {
  let at = index.get(key);
  if (at === undefined) {
    at = table.push(value) - 1;
    index.set(key, at);
  }
  return at;
}
