// The trace-serialize spans with one change: every span's `user_agent.original` is a distinct,
// freshly built string. The shared generator picks user agents from a pool of six string
// objects, which is kind to encoders that remember recent values per attribute; real traffic has
// many more user agents, each parsed from a request. This variant shows what such caches are
// worth when the longest attribute never repeats (both sides get the same spans).
// Run: pnpm bench trace-serialize-distinct
import { makeHttpServerSpans } from '@otlpx/testkit';
import { traceSerializeScenario } from './trace-cases.mjs';

function withDistinctUserAgents(spans) {
  for (let i = 0; i < spans.length; i++) {
    const attributes = spans[i].attributes;
    attributes['user_agent.original'] = `${attributes['user_agent.original']} req/${i}`;
  }
  return spans;
}

export default traceSerializeScenario({
  title: 'Trace serialization, every user agent distinct (worst case for value caches)',
  fixture: (size) => withDistinctUserAgents(makeHttpServerSpans({ count: size, seed: 42 })),
});
