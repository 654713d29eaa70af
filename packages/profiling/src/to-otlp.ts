import { randomFillSync } from 'node:crypto';
import {
  type ExportProfilesServiceRequest,
  type InstrumentationScope,
  type Profile as OtlpProfile,
  type ProfileSample,
  ProfilesDictionaryBuilder,
  type Resource,
} from '@otlpx/proto';
import type { Profile } from './profile.js';
import { runToEnd, type Steps } from './time-slice.js';
import { toPprof } from './to-pprof.js';
import { VERSION } from './version.js';

export interface ToOtlpOptions {
  resource?: Resource;
  scope?: InstrumentationScope;
  /** Attach the profile's pprof (gzipped) as `original_payload` of its first OTLP Profile. Default false. */
  originalPayload?: boolean;
}

const DEFAULT_SCOPE: InstrumentationScope = {
  name: '@otlpx/profiling',
  version: VERSION,
  attributes: [],
  droppedAttributesCount: 0,
};

/**
 * Profiles as one OTLP ExportProfilesServiceRequest (profiles v1development): one OTLP Profile per
 * sample type of each profile, all indexing one shared, deduplicated dictionary whose tables start
 * with their zero element. Samples with the same stack and span are merged: CPU samples keep one
 * value per timestamp, heap samples one aggregated value. A sample taken inside a span points to a
 * Link (trace_id, span_id); profile attributes (thread.id, thread.name...) become attribute_indices.
 */
export function toOtlp(
  input: Profile | readonly Profile[],
  options?: ToOtlpOptions,
): ExportProfilesServiceRequest {
  return runToEnd(toOtlpSteps(input, options));
}

/** `toOtlp()` as Steps (time-slice.ts): yields every few hundred frames, stacks and samples. */
export function* toOtlpSteps(
  input: Profile | readonly Profile[],
  options?: ToOtlpOptions,
): Steps<ExportProfilesServiceRequest> {
  const profiles = Array.isArray(input) ? input : [input as Profile];
  const dict = new ProfilesDictionaryBuilder();
  const out: OtlpProfile[] = [];
  for (const profile of profiles)
    out.push(...(yield* convertOne(profile, dict, options?.originalPayload ?? false)));
  return {
    resourceProfiles: [
      {
        resource: options?.resource ?? { attributes: [], droppedAttributesCount: 0, entityRefs: [] },
        scopeProfiles: [{ scope: options?.scope ?? DEFAULT_SCOPE, profiles: out, schemaUrl: '' }],
        schemaUrl: '',
      },
    ],
    dictionary: dict.build(),
  };
}

function* convertOne(
  profile: Profile,
  dict: ProfilesDictionaryBuilder,
  payload: boolean,
): Steps<OtlpProfile[]> {
  const locationOfFrame = new Int32Array(profile.frames.length);
  for (let i = 0; i < profile.frames.length; i++) {
    if ((i & 255) === 255) yield;
    const f = profile.frames[i];
    const functionIndex = dict.function({
      name: f.function,
      filename: f.file,
      startLine: f.startLine ?? f.line,
    });
    locationOfFrame[i] = dict.location({ lines: [{ functionIndex, line: f.line, column: f.column }] });
  }
  const stackIndex = new Int32Array(profile.stacks.length);
  for (let i = 0; i < profile.stacks.length; i++) {
    if ((i & 255) === 255) yield;
    const frames = profile.stacks[i];
    const locations = new Array<number>(frames.length);
    for (let j = 0; j < frames.length; j++) locations[j] = locationOfFrame[frames[j]];
    stackIndex[i] = dict.stack(locations);
  }
  const linkIndex = profile.spans.map((s) => dict.link(hexBytes(s.traceId, 16), hexBytes(s.spanId, 8)));
  const attributeIndices = dict.attributes(profile.attributes);

  // Group sample positions by identity (stack, link): one OTLP sample each.
  const s = profile.samples;
  const groups = new Map<number, number[]>();
  const spanCount = profile.spans.length + 1;
  for (let i = 0; i < s.count; i++) {
    if ((i & 1023) === 1023) yield;
    const key = s.stack[i] * spanCount + (s.span[i] + 1);
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  }
  const timed = s.timeOffsetNanos !== undefined;
  const start = profile.startTimeUnixNano;
  const profileId = new Uint8Array(16);
  randomFillSync(profileId);
  const result: OtlpProfile[] = [];
  for (let t = 0; t < profile.sampleTypes.length; t++) {
    const column = s.values[t];
    const samples: ProfileSample[] = [];
    let done = 0;
    for (const [key, positions] of groups) {
      done += positions.length;
      if (done >= 1024) {
        done = 0;
        yield;
      }
      const span = (key % spanCount) - 1;
      const sample: ProfileSample = {
        stackIndex: stackIndex[Math.floor(key / spanCount)],
        attributeIndices: [],
        linkIndex: span >= 0 ? linkIndex[span] : 0,
        values: [],
        timestampsUnixNano: [],
      };
      if (timed) {
        const offsets = s.timeOffsetNanos as Float64Array;
        for (const i of positions) {
          sample.values.push(Math.round(column[i]));
          sample.timestampsUnixNano.push(start + BigInt(Math.round(offsets[i])));
        }
      } else {
        let sum = 0;
        for (const i of positions) sum += column[i];
        sample.values.push(Math.round(sum));
      }
      samples.push(sample);
    }
    const type = profile.sampleTypes[t];
    result.push({
      sampleType: dict.valueType(type.type, type.unit),
      samples,
      timeUnixNano: start,
      durationNano: profile.durationNanos,
      periodType: dict.valueType(profile.periodType.type, profile.periodType.unit),
      period: profile.period,
      profileId: t === 0 ? profileId : randomId(),
      droppedAttributesCount: 0,
      originalPayloadFormat: payload && t === 0 ? 'pprof' : '',
      originalPayload: payload && t === 0 ? toPprof(profile) : new Uint8Array(0),
      attributeIndices: attributeIndices.slice(),
    });
  }
  return result;
}

function randomId(): Uint8Array {
  const id = new Uint8Array(16);
  randomFillSync(id);
  return id;
}

function hexBytes(hex: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length && i * 2 + 1 < hex.length; i++)
    out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
