import type { SdkInstrumentationScope, SdkReadableSpan, SdkResource } from './sdk-span.js';

/**
 * Spans grouped by resource, then by instrumentation scope, both by object identity and in order
 * of first appearance: the grouping of the official ProtobufTraceSerializer. (Its JSON twin keys
 * scopes by `name@version:schemaUrl` instead, which differs only when two scope objects share
 * all three; both of our encoders group by identity, so their outputs describe the same data.)
 */
export function groupSpans(
  spans: readonly SdkReadableSpan[],
): Map<SdkResource, Map<SdkInstrumentationScope, SdkReadableSpan[]>> {
  const byResource = new Map<SdkResource, Map<SdkInstrumentationScope, SdkReadableSpan[]>>();
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    let byScope = byResource.get(span.resource);
    if (byScope === undefined) {
      byScope = new Map();
      byResource.set(span.resource, byScope);
    }
    const list = byScope.get(span.instrumentationScope);
    if (list === undefined) byScope.set(span.instrumentationScope, [span]);
    else list.push(span);
  }
  return byResource;
}
