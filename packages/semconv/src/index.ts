export { AttributeBuilder } from './attribute-builder.js';
export type { Attributes, AttributeValue } from './attribute-value.js';
export { DbClientSpanBuilder, type DbClientSpanOptions, dbClientSpan } from './db-client-span.js';
export {
  type DetectK8sResourceOptions,
  detectK8sResource,
  K8S_ENV_VARS,
  k8sResourceDetector,
  parseCgroup,
  parseMountinfo,
} from './detect-k8s-resource.js';
export {
  isOtlpxError,
  OtlpxError,
  type OtlpxErrorCode,
  OtlpxInvalidArgError,
  OtlpxMissingAttributesError,
} from './errors.js';
export * from './gen/groups/stable.js';
export * from './gen/stable/index.js';
export { HttpClientSpanBuilder, httpClientSpan } from './http-client-span.js';
export { defaultKnownHttpMethods, type NormalizedHttpMethod, normalizeHttpMethod } from './http-method.js';
export { HttpServerSpanBuilder, httpServerSpan } from './http-server-span.js';
export { HttpSpanBuilder, type HttpSpanOptions } from './http-span-builder.js';
export { type K8sResourceAttributes, K8sResourceBuilder, k8sResource } from './k8s-resource.js';
export { type QuerySanitizer, sanitizeSql } from './sanitize-sql.js';
export {
  ServiceResourceBuilder,
  type ServiceResourceBuilderAttributes,
  serviceResource,
} from './service-resource.js';
export { SpanBuilder } from './span-builder.js';
export { REDACTED_QUERY_KEYS, splitUrl, type UrlParts } from './url-parts.js';
