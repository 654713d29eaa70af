// Trace serialization of the spans of a whole service in the order they end: per request an HTTP
// server span, an Express handler span, 1-3 PostgreSQL spans, application spans of two shapes
// and an outgoing HTTP call on 30 % (four scopes, three kinds; @otlpx/testkit makeServiceSpans).
// What a processor hands an exporter in production, where instrumentations interleave; encoders
// that remember the previous span's keys and values meet a different shape at almost every span.
// Run: pnpm bench trace-serialize-service
import { makeServiceSpans } from '@otlpx/testkit';
import { traceSerializeScenario } from './trace-cases.mjs';

export default traceSerializeScenario({
  title: 'Trace serialization, the interleaved spans of a whole service (four scopes, three kinds)',
  // Same seed in every process: every case encodes exactly the same spans.
  fixture: (size) => makeServiceSpans({ count: size, seed: 42 }),
});
