import { encodePprof, PprofBuilder, type PprofLabelValue, type PprofProfile } from '@otlpx/proto';
import type { Profile } from './profile.js';
import { runToEnd, type Steps } from './time-slice.js';

export interface ToPprofOptions {
  /** Gzip the bytes (the `.pb.gz` form `go tool pprof` reads). Default true. */
  gzip?: boolean;
}

/**
 * A profile as pprof bytes (gzipped by default): samples with the same stack and span are merged
 * (values summed); a sample taken while a span was active carries the labels `trace_id`,
 * `span_id` and `span_name`. Profile attributes (thread.id, thread.name...) go to comments.
 */
export function toPprof(profile: Profile, options?: ToPprofOptions): Uint8Array {
  return encodePprof(toPprofModel(profile), { gzip: options?.gzip ?? true });
}

/** The pprof model (before encoding) of a profile. */
export function toPprofModel(profile: Profile): PprofProfile {
  return runToEnd(toPprofModelSteps(profile));
}

/** `toPprofModel()` as Steps (time-slice.ts): yields every few hundred frames and samples. */
export function* toPprofModelSteps(profile: Profile): Steps<PprofProfile> {
  const b = new PprofBuilder({
    sampleTypes: profile.sampleTypes.map((t) => [t.type, t.unit] as const),
    periodType: [profile.periodType.type, profile.periodType.unit],
    period: profile.period,
    timeNanos: profile.startTimeUnixNano,
    durationNanos: profile.durationNanos,
    defaultSampleType: profile.sampleTypes[profile.sampleTypes.length - 1]?.type,
    comments: Object.entries(profile.attributes).map(([k, v]) => `${k}=${v}`),
  });
  const locationOfFrame = new Int32Array(profile.frames.length);
  for (let i = 0; i < profile.frames.length; i++) {
    if ((i & 255) === 255) yield;
    const f = profile.frames[i];
    const functionId = b.function({ name: f.function, filename: f.file, startLine: f.startLine ?? f.line });
    locationOfFrame[i] = b.location({ lines: [{ functionId, line: f.line, column: f.column }] });
  }
  const labels: Array<Record<string, PprofLabelValue> | undefined> = profile.spans.map((s) => ({
    trace_id: s.traceId,
    span_id: s.spanId,
    span_name: s.name,
  }));

  // merge samples by (stack, span)
  const s = profile.samples;
  const types = s.values.length;
  const merged = new Map<number, number[]>();
  const spanCount = profile.spans.length + 1;
  for (let i = 0; i < s.count; i++) {
    if ((i & 1023) === 1023) yield;
    const key = s.stack[i] * spanCount + (s.span[i] + 1);
    let sums = merged.get(key);
    if (!sums) {
      sums = new Array<number>(types).fill(0);
      merged.set(key, sums);
    }
    for (let v = 0; v < types; v++) sums[v] += s.values[v][i];
  }
  let written = 0;
  for (const [key, sums] of merged) {
    if ((++written & 255) === 0) yield;
    const stackIndex = Math.floor(key / spanCount);
    const span = (key % spanCount) - 1;
    const stack = profile.stacks[stackIndex];
    const ids = new Array<number>(stack.length);
    for (let j = 0; j < stack.length; j++) ids[j] = locationOfFrame[stack[j]];
    b.sample(
      ids,
      sums.map((v) => Math.round(v)),
      span >= 0 ? labels[span] : undefined,
    );
  }
  return b.build();
}
