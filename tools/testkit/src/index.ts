export { EDGE_ATTRIBUTES, JSON_LOSSY_ATTRIBUTES, makeEdgeCaseSpans } from './fixtures/edge-spans.js';
export {
  HTTP_RESOURCE_ATTRIBUTES,
  type HttpSpanOptions,
  makeHttpServerSpans,
  maybeRemoteParent,
} from './fixtures/http-spans.js';
export { SeededRandom } from './fixtures/random.js';
export { makeSdkLogRecords, type SdkLogsOptions } from './fixtures/sdk-logs.js';
export { makeSdkMetrics, type SdkMetricsOptions } from './fixtures/sdk-metrics.js';
export {
  makeServiceSpans,
  type ServiceSpanOptions,
  serviceProvider,
  serviceTraffic,
} from './fixtures/service-spans.js';
export { findPeer, type Peer, type PeerName, peersRequired, skipWithoutPeer } from './peers.js';
export {
  type ExampleRun,
  oneLine,
  type ReadmeExample,
  readmeExample,
  runExample,
  runReadmeSection,
} from './readme-example.js';
export {
  MESSAGE_TYPES,
  type MessageKind,
  protocDecode,
  protocEncode,
  referenceDecode,
  referenceDecodeCanonical,
  referenceType,
} from './reference-decoders.js';
export { otlpProtoDir, pprofProtoDir, repoRoot, semconvModelDir, sharedDir } from './shared-data.js';
