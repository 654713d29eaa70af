/**
 * The profile model of @otlpx/profiling: what CpuProfiler and HeapProfiler return, and what
 * toPprof(), toOtlp() and renderFlameGraph() read. Samples are columnar (typed arrays), so a
 * profile of 1,000,000 samples costs a few tens of MB rather than a million objects.
 */

/**
 * One stack frame. Line and column are 1-based; 0 means unknown. For a CPU sample's own function
 * `line` is the line that was executing (from V8's position ticks) and `column` is 0; for callers
 * it is the line where the function is defined.
 */
export interface Frame {
  function: string;
  file: string;
  line: number;
  column: number;
  /** Line where the function starts (pprof `Function.start_line`); absent: same as `line`. */
  startLine?: number;
}

/** The span that was active when samples were taken (ids in lowercase hex). */
export interface SpanRef {
  traceId: string;
  spanId: string;
  name: string;
}

export interface ValueType {
  type: string;
  unit: string;
}

export interface ProfileSamples {
  /** Number of samples; every column below has this length. */
  count: number;
  /** Index into `Profile.stacks`. */
  stack: Int32Array;
  /** One column per entry of `Profile.sampleTypes`. */
  values: Float64Array[];
  /** Sample time in nanoseconds since `Profile.startTimeUnixNano` (CPU profiles; absent for heap). */
  timeOffsetNanos?: Float64Array;
  /** Index into `Profile.spans`, or -1 when no span was active. */
  span: Int32Array;
}

export interface ProfileDropped {
  /** Samples dropped by `maxSamples`. */
  samples: number;
  /** Samples taken while a span was active whose span could not be resolved (ring overwritten, span cap). */
  links: number;
  /** Distinct stacks over `maxStacks` (their samples are dropped and counted in `samples` too). */
  stacks: number;
}

export interface Profile {
  kind: 'cpu' | 'heap';
  sampleTypes: ValueType[];
  periodType: ValueType;
  /** Sampling period in `periodType.unit` (ns for CPU, bytes for heap). */
  period: number;
  startTimeUnixNano: bigint;
  durationNanos: number;
  /** Deduplicated frames. */
  frames: Frame[];
  /** Deduplicated stacks: frame indices, leaf first. */
  stacks: Int32Array[];
  samples: ProfileSamples;
  /** Spans the samples link to. */
  spans: SpanRef[];
  /** Profile attributes, e.g. `thread.id`, `thread.name`, `process.pid`, `profiler.engine`. */
  attributes: Record<string, string | number>;
  dropped: ProfileDropped;
}

/** Iterates a profile's samples as objects (convenient, not for hot paths). */
export function* eachSample(
  profile: Profile,
): Generator<{ frames: Frame[]; values: number[]; timeOffsetNanos?: number; span?: SpanRef }> {
  const s = profile.samples;
  for (let i = 0; i < s.count; i++) {
    const stack = profile.stacks[s.stack[i]];
    const frames = new Array<Frame>(stack.length);
    for (let j = 0; j < stack.length; j++) frames[j] = profile.frames[stack[j]];
    yield {
      frames,
      values: s.values.map((column) => column[i]),
      timeOffsetNanos: s.timeOffsetNanos?.[i],
      span: s.span[i] >= 0 ? profile.spans[s.span[i]] : undefined,
    };
  }
}
