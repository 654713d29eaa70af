// The cases of the trace serialization scenarios: SDK ReadableSpan[] to the bytes of an
// ExportTraceServiceRequest, official serializers vs otlpx, in protobuf and in OTLP/JSON.
//
// Every case is verified before it is timed (in its own process): its output must decode to the
// same data as the official output (protobuf with protobufjs over the official .proto files,
// JSON with JSON.parse and a strict OTLP/JSON schema walk); see otlp-canonical.mjs.
import { NotAvailable } from '../lib/scenario.mjs';
import { canonicalTraces, canonicalTracesJson } from './otlp-canonical.mjs';

async function otlpxExport(name) {
  let proto;
  try {
    proto = await import('@otlpx/proto');
  } catch (err) {
    throw new NotAvailable(
      `@otlpx/proto cannot be imported (built? pnpm exec turbo run build): ${err.message}`,
    );
  }
  if (typeof proto[name] !== 'function') {
    throw new NotAvailable(`@otlpx/proto (dist) does not export ${name} yet`);
  }
  return proto[name];
}

async function official(name) {
  const transformer = await import('@opentelemetry/otlp-transformer');
  return transformer[name];
}

/**
 * A trace serialization scenario: official ProtobufTraceSerializer / JsonTraceSerializer vs otlpx
 * encodeTraces / encodeTracesJson on the spans `fixture(size)` returns (same in every process).
 */
export function traceSerializeScenario({ title, fixture }) {
  return {
    title,
    unit: 'span',
    sizes: { full: [512, 10_000], quick: [200] },
    packages: [
      '@opentelemetry/otlp-transformer',
      '@opentelemetry/sdk-trace-base',
      '@otlpx/proto',
      '@otlpx/testkit',
      'protobufjs',
    ],
    fixture,
    canonical: (caseId, output) =>
      caseId.endsWith('-json') ? canonicalTracesJson(output) : canonicalTraces(output),
    cases: [
      {
        id: 'official-protobuf',
        label: 'official ProtobufTraceSerializer',
        group: 'protobuf',
        baseline: 'official-protobuf',
        load: async () => {
          const serializer = await official('ProtobufTraceSerializer');
          return (spans) => serializer.serializeRequest(spans);
        },
      },
      {
        id: 'otlpx-protobuf',
        label: 'otlpx encodeTraces',
        group: 'protobuf',
        baseline: 'official-protobuf',
        reference: 'official-protobuf',
        load: async () => {
          const encodeTraces = await otlpxExport('encodeTraces');
          return (spans) => encodeTraces(spans);
        },
      },
      {
        // The same encoder without @otlpx/simd's native/wasm kernels: span ids decoded per id.
        id: 'otlpx-simd-js-protobuf',
        label: 'otlpx encodeTraces, OTLPX_SIMD=js',
        group: 'protobuf',
        baseline: 'official-protobuf',
        reference: 'official-protobuf',
        load: async () => {
          process.env.OTLPX_SIMD = 'js'; // read by @otlpx/simd when the encoder first loads it
          const encodeTraces = await otlpxExport('encodeTraces');
          return (spans) => encodeTraces(spans);
        },
      },
      {
        id: 'official-json',
        label: 'official JsonTraceSerializer',
        group: 'json',
        baseline: 'official-json',
        // The official JSON must carry the same data as the official protobuf.
        reference: 'official-protobuf',
        load: async () => {
          const serializer = await official('JsonTraceSerializer');
          return (spans) => serializer.serializeRequest(spans);
        },
      },
      {
        id: 'otlpx-json',
        label: 'otlpx encodeTracesJson',
        group: 'json',
        baseline: 'official-json',
        reference: 'official-json',
        load: async () => {
          const encodeTracesJson = await otlpxExport('encodeTracesJson');
          // The official serializer returns UTF-8 bytes; if ours returns a string, encoding it is
          // part of the timed call, so both sides hand over bytes ready to send.
          const encoder = new TextEncoder();
          return (spans) => {
            const out = encodeTracesJson(spans);
            return typeof out === 'string' ? encoder.encode(out) : out;
          };
        },
      },
      {
        // Issue 5: the bulk hex pass of span ids through @otlpx/simd (packages/proto/src/trace/
        // bulk-ids.ts) against the same encoder on the TS backend, which keeps the per-id loops.
        id: 'otlpx-simd-js-json',
        label: 'otlpx encodeTracesJson, OTLPX_SIMD=js',
        group: 'json',
        baseline: 'official-json',
        reference: 'official-json',
        load: async () => {
          // Read by @otlpx/simd when the encoder first loads it; each case runs in its own process.
          process.env.OTLPX_SIMD = 'js';
          const encodeTracesJson = await otlpxExport('encodeTracesJson');
          return (spans) => encodeTracesJson(spans);
        },
      },
    ],
  };
}
