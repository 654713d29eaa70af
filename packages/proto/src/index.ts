export { isOtlpxError, OtlpxDecodeError, OtlpxError, type OtlpxErrorCode, OtlpxJsonError } from './errors.js';
export { decodeLogsRequest } from './logs/decode-logs-request.js';
export { encodeLogs } from './logs/encode-logs.js';
export { encodeLogsJson } from './logs/encode-logs-json.js';
export { encodeLogsRequest } from './logs/encode-logs-request.js';
export { logsRequestFromJson, logsRequestToJson } from './logs/logs-request-json.js';
export type { SdkLogRecord } from './logs/sdk-logs.js';
export { decodeMetricsRequest } from './metrics/decode-metrics-request.js';
export { encodeMetrics } from './metrics/encode-metrics.js';
export { encodeMetricsJson } from './metrics/encode-metrics-json.js';
export { encodeMetricsRequest } from './metrics/encode-metrics-request.js';
export { metricsRequestFromJson, metricsRequestToJson } from './metrics/metrics-request-json.js';
export type {
  SdkDataPoint,
  SdkExponentialHistogram,
  SdkHistogram,
  SdkMetricData,
  SdkMetricDescriptor,
  SdkResourceMetrics,
  SdkScopeMetrics,
} from './metrics/sdk-metrics.js';
export type * from './model/common.js';
// logs
export * from './model/logs.js';
// metrics
export * from './model/metrics.js';
// pprof
export type * from './model/pprof.js';
// profiles
export type * from './model/profiles.js';
// traces
export * from './model/trace.js';
export { decodePprof, type PprofDecodeLimits } from './pprof/decode-pprof.js';
export { encodePprof, type PprofEncodeOptions } from './pprof/encode-pprof.js';
export {
  PprofBuilder,
  type PprofBuilderOptions,
  type PprofFunctionInput,
  type PprofLabelValue,
  type PprofLocationInput,
  type PprofMappingInput,
} from './pprof/pprof-builder.js';
export { DEFAULT_MAX_PPROF_BYTES, gunzipPprof, gzipPprof, isGzip } from './pprof/pprof-gzip.js';
export type { ProfilesDecodeLimits } from './profiles/bounded-reader.js';
export { decodeProfilesRequest } from './profiles/decode-profiles-request.js';
export { encodeProfilesRequest } from './profiles/encode-profiles-request.js';
export { mergeSamples, sampleIdentity } from './profiles/merge-samples.js';
export { type PprofToProfilesOptions, pprofToProfiles } from './profiles/pprof-to-profiles.js';
export {
  type FunctionInput,
  type LineInput,
  type LocationInput,
  type MappingInput,
  type ProfileInput,
  ProfilesDictionaryBuilder,
  type RequestInput,
  type SampleInput,
} from './profiles/profiles-dictionary-builder.js';
export { profilesRequestFromJson, profilesRequestToJson } from './profiles/profiles-request-json.js';
export { type ProfilesToPprofOptions, profilesToPprof } from './profiles/profiles-to-pprof.js';
export { type ProfileAttributeValue, toAnyValue } from './profiles/to-any-value.js';
export { type ProfilesViolation, validateProfilesRequest } from './profiles/validate-profiles-request.js';
// traces
export { decodeTraceRequest } from './trace/decode-trace.js';
export { encodeTraces } from './trace/encode-spans.js';
export { encodeTracesJson } from './trace/encode-spans-json.js';
export { encodeTraceRequest } from './trace/encode-trace-request.js';
export type {
  SdkHrTime,
  SdkInstrumentationScope,
  SdkLink,
  SdkReadableSpan,
  SdkResource,
  SdkSpanContext,
  SdkTimedEvent,
} from './trace/sdk-span.js';
export { traceRequestFromJson, traceRequestToJson } from './trace/trace-request-json.js';
export type { ReaderLimits } from './wire/reader.js';
