export { isOtlpxError, OtlpxDecodeError, OtlpxError, type OtlpxErrorCode, OtlpxJsonError } from './errors.js';
export type * from './model/common.js';
// pprof
export type * from './model/pprof.js';
// profiles
export type * from './model/profiles.js';
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
export {
  type FunctionInput,
  type LineInput,
  type LocationInput,
  type MappingInput,
  type ProfileAttributeValue,
  ProfilesDictionaryBuilder,
  toAnyValue,
} from './profiles/profiles-dictionary-builder.js';
export { profilesRequestFromJson, profilesRequestToJson } from './profiles/profiles-request-json.js';
export { type ProfilesViolation, validateProfilesRequest } from './profiles/validate-profiles-request.js';
