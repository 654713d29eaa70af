import type { ExportProfilesServiceRequest, TraceRequest } from '@otlpx/proto';

/** What the demo prints about the CPU profiles the receiver got. */
export interface ProfileSummary {
  requests: number;
  /** CPU samples (the `samples/count` profiles). */
  samples: number;
  /** Of those, samples whose Link names a span. */
  linked: number;
  /** Linked samples by the name of their span (found in the received traces), most first. */
  bySpan: Array<[name: string, samples: number]>;
  /** The JavaScript function that is the leaf of most samples (V8's "(garbage collector)", "(program)" left out). */
  topFunction: string | undefined;
  /** Spec violations the receiver's validator found (0 for a correct exporter). */
  violations: number;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

export function summarizeProfiles(
  profiles: ReadonlyArray<{ request: ExportProfilesServiceRequest; violations: readonly unknown[] }>,
  traces: readonly TraceRequest[],
): ProfileSummary {
  const spanNames = new Map<string, string>();
  for (const t of traces) {
    for (const rs of t.resourceSpans) {
      for (const ss of rs.scopeSpans) for (const span of ss.spans) spanNames.set(hex(span.spanId), span.name);
    }
  }
  let samples = 0;
  let linked = 0;
  let violations = 0;
  const bySpan = new Map<string, number>();
  const leaves = new Map<string, number>();
  for (const { request, violations: v } of profiles) {
    violations += v.length;
    const d = request.dictionary;
    if (d === undefined) continue;
    for (const rp of request.resourceProfiles) {
      for (const sp of rp.scopeProfiles) {
        for (const profile of sp.profiles) {
          const type = profile.sampleType;
          if (type === undefined || d.stringTable[type.typeStrindex] !== 'samples') continue;
          for (const sample of profile.samples) {
            const n = sample.values.reduce((a, b) => a + b, 0) || sample.timestampsUnixNano.length;
            samples += n;
            const leaf = d.stackTable[sample.stackIndex]?.locationIndices[0];
            const fn = leaf === undefined ? undefined : d.locationTable[leaf]?.lines[0]?.functionIndex;
            const name = fn === undefined ? undefined : d.stringTable[d.functionTable[fn]?.nameStrindex ?? 0];
            if (name && !name.startsWith('(')) leaves.set(name, (leaves.get(name) ?? 0) + n);
            if (sample.linkIndex === 0) continue;
            linked += n;
            const link = d.linkTable[sample.linkIndex];
            const spanName = link === undefined ? undefined : spanNames.get(hex(link.spanId));
            const key = spanName ?? '(span not in the received traces)';
            bySpan.set(key, (bySpan.get(key) ?? 0) + n);
          }
        }
      }
    }
  }
  const topFunction = [...leaves].sort((a, b) => b[1] - a[1])[0]?.[0];
  return {
    requests: profiles.length,
    samples,
    linked,
    bySpan: [...bySpan].sort((a, b) => b[1] - a[1]),
    topFunction,
    violations,
  };
}
