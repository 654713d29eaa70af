// The trace-serialize spans as the HTTP instrumentation writes them with
// OTEL_SEMCONV_STABILITY_OPT_IN=http/dup (the migration setting that emits the old and the stable
// HTTP conventions side by side): the 12 stable attributes plus their 12 old names, 24 in all.
// V8 keeps an object with that many keys added one by one in dictionary mode, where reading the
// keys and values costs more than on the 12-key objects of the other scenarios.
// Run: pnpm bench trace-serialize-dup
import { makeHttpServerSpans } from '@otlpx/testkit';
import { traceSerializeScenario } from './trace-cases.mjs';

/** Old HTTP convention name -> the stable attribute it duplicates. */
const OLD_NAMES = {
  'http.method': 'http.request.method',
  'http.target': 'url.path',
  'http.scheme': 'url.scheme',
  'net.host.name': 'server.address',
  'net.host.port': 'server.port',
  'http.flavor': 'network.protocol.version',
  'net.peer.ip': 'client.address',
  'http.user_agent': 'user_agent.original',
  'http.status_code': 'http.response.status_code',
  'http.request_content_length': 'http.request.body.size',
  'http.response_content_length': 'http.response.body.size',
  'http.client_ip': 'client.address',
};

function withOldNames(spans) {
  for (const span of spans) {
    const attributes = span.attributes;
    for (const [old, stable] of Object.entries(OLD_NAMES)) attributes[old] = attributes[stable];
  }
  return spans;
}

export default traceSerializeScenario({
  title: 'Trace serialization, HTTP server spans with old and stable conventions (http/dup, 24 attributes)',
  fixture: (size) => withOldNames(makeHttpServerSpans({ count: size, seed: 42 })),
});
