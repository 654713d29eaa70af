import type { Profile } from '@otlpx/profiling';

/** What `otlpx profile` hands its preload (as JSON in OTLPX_PROFILE_CONFIG). */
export interface PreloadConfig {
  hz: number;
  pprof: string;
  html?: string;
  summary: string;
}

export interface FunctionCost {
  /** `name file:line` of the function (its first sampled line). */
  name: string;
  /** Samples where it was the leaf. */
  self: number;
  /** Samples where it was on the stack. */
  total: number;
}

export interface CpuProfileSummary {
  samples: number;
  durationMillis: number;
  /** Samples taken while an OpenTelemetry span was active. */
  inSpans: number;
  /** Functions by self samples, most first (at most 15). */
  top: FunctionCost[];
}

const TOP = 15;

export function summarizeCpuProfile(profile: Profile): CpuProfileSummary {
  const s = profile.samples;
  const counts = s.values[0];
  const keyOf = profile.frames.map((f) =>
    `${f.function || '(anonymous)'} ${f.file ? `${f.file}:${f.line}` : ''}`.trim(),
  );
  const byKey = new Map<string, FunctionCost>();
  const cost = (key: string): FunctionCost => {
    let c = byKey.get(key);
    if (c === undefined) {
      c = { name: key, self: 0, total: 0 };
      byKey.set(key, c);
    }
    return c;
  };
  let samples = 0;
  let inSpans = 0;
  for (let i = 0; i < s.count; i++) {
    const n = counts?.[i] ?? 1;
    samples += n;
    if (s.span[i] >= 0) inSpans += n;
    const stack = profile.stacks[s.stack[i]];
    if (stack === undefined || stack.length === 0) continue;
    cost(keyOf[stack[0]]).self += n;
    // A recursive function counts once per sample in its total.
    const seen = new Set<string>();
    for (const frame of stack) {
      const key = keyOf[frame];
      if (seen.has(key)) continue;
      seen.add(key);
      cost(key).total += n;
    }
  }
  const top = [...byKey.values()].sort((a, b) => b.self - a.self || b.total - a.total).slice(0, TOP);
  return { samples, durationMillis: profile.durationNanos / 1e6, inSpans, top };
}
