// Checks of the verification that guards the trace numbers (run by `node benchmarks/run.mjs
// --self-test`): equal data compares equal across protobuf and JSON, and every kind of wrong
// output is caught.
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { makeHttpServerSpans, referenceType } from '@otlpx/testkit';
import { firstDifference } from '../lib/difference.mjs';
import { canonicalTraces, canonicalTracesJson } from './otlp-canonical.mjs';

const throws = (fn, pattern) => {
  try {
    fn();
    return false;
  } catch (err) {
    return pattern.test(err.message);
  }
};

export default function check(ok) {
  const spans = makeHttpServerSpans({ count: 40, seed: 7 });
  const pb = ProtobufTraceSerializer.serializeRequest(spans);
  const jsonText = new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans));
  const reference = canonicalTraces(pb);
  ok(
    firstDifference(reference, canonicalTracesJson(jsonText)) === null,
    'canonical: official JSON = official protobuf',
  );

  const edit = (fn) => {
    const object = JSON.parse(jsonText);
    fn(object.resourceSpans[0].scopeSpans[0].spans);
    return JSON.stringify(object);
  };
  const renamed = edit((s) => {
    s[3].name = 'GET /elsewhere';
  });
  const d = firstDifference(reference, canonicalTracesJson(renamed));
  ok(d?.path.endsWith('.spans[3].name'), 'canonical: a changed span name is found, with its path');
  ok(
    throws(
      () =>
        canonicalTracesJson(
          edit((s) => {
            s[0].nmae = 'x';
          }),
        ),
      /unknown field/,
    ),
    'canonical: an unknown JSON key is rejected',
  );
  ok(
    throws(
      () =>
        canonicalTracesJson(
          edit((s) => {
            s[0].traceId = Buffer.from(s[0].traceId, 'hex').toString('base64');
          }),
        ),
      /expected hex/,
    ),
    'canonical: a base64 trace id is rejected (OTLP/JSON wants hex)',
  );
  ok(
    throws(
      () =>
        canonicalTracesJson(
          edit((s) => {
            s[0].startTimeUnixNano = '17643e18';
          }),
        ),
      /64-bit integer/,
    ),
    'canonical: a malformed int64 is rejected',
  );
  ok(
    throws(
      () =>
        canonicalTracesJson(
          edit((s) => {
            s[0].kind = 'SPAN_KIND_SERVER';
          }),
        ),
      /enum/,
    ),
    'canonical: an enum by name is rejected (OTLP/JSON wants integers)',
  );

  // Protobuf: an omitted UNSET status is the same data; a different status is not.
  const type = referenceType('traces');
  const message = type.decode(pb);
  const first = message.resourceSpans[0].scopeSpans[0].spans;
  const unset = first.findIndex((s) => !s.status || s.status.code === 0);
  first[unset].status = null;
  ok(
    firstDifference(reference, canonicalTraces(type.encode(message).finish())) === null,
    'canonical: an omitted UNSET status equals an empty one',
  );
  first[unset].status = { code: 2, message: '' };
  ok(
    firstDifference(reference, canonicalTraces(type.encode(message).finish()))?.path.includes(
      `spans[${unset}].status.code`,
    ),
    'canonical: a changed status code is found',
  );
  ok(
    throws(() => canonicalTraces(pb.subarray(0, pb.length - 3)), /./),
    'canonical: truncated protobuf does not decode',
  );
}
