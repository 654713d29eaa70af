// Trace serialization of realistic HTTP server spans from the shared seeded generator, official
// serializers vs otlpx, protobuf and OTLP/JSON (cases: trace-cases.mjs).
// Run: pnpm bench 'trace-serialize$'
import { makeHttpServerSpans } from '@otlpx/testkit';
import { traceSerializeScenario } from './trace-cases.mjs';

export default traceSerializeScenario({
  title: 'Trace serialization: ReadableSpan[] (HTTP server spans) to an ExportTraceServiceRequest',
  // Same seed in every process: every case encodes exactly the same spans.
  fixture: (size) => makeHttpServerSpans({ count: size, seed: 42 }),
});
