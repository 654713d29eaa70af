import type { Resource as SdkResource } from '@opentelemetry/resources';
import { type AnyValue, type ProfileAttributeValue, type Resource, toAnyValue } from '@otlpx/proto';

/**
 * The SDK resource as the OTLP model resource the profiler puts on its requests, so profiles and
 * spans of one process carry the same resource. A null or undefined value (the SDK allows them,
 * also inside arrays) becomes the empty AnyValue, as the official OTLP transformer writes it.
 */
export function toOtlpResource(resource: SdkResource): Resource {
  const attributes = Object.entries(resource.attributes).map(([key, value]) => ({
    key,
    value: anyValue(value),
  }));
  return { attributes, droppedAttributesCount: 0, entityRefs: [] };
}

/**
 * The profiler's resource for an SDK resource whose detectors may still be running (hostDetector's
 * `host.id`): it starts `waitForAsyncAttributes()` and gives the whole resource once that is done;
 * until then the attributes known so far, read without touching `attributes` (the SDK reports
 * early reads as errors). A detector that fails leaves the attributes it did not give out.
 */
export function settlingOtlpResource(resource: SdkResource): () => Resource {
  if (!resource.asyncAttributesPending) {
    const settled = toOtlpResource(resource);
    return () => settled;
  }
  let settled: Resource | undefined;
  const done = () => {
    settled = toOtlpResource(resource);
  };
  resource.waitForAsyncAttributes?.().then(done, done);
  return () => settled ?? knownSoFar(resource);
}

function knownSoFar(resource: SdkResource): Resource {
  const attributes = resource
    .getRawAttributes()
    .filter(([, value]) => !isPromiseLike(value))
    .map(([key, value]) => ({ key, value: anyValue(value) }));
  return { attributes, droppedAttributesCount: 0, entityRefs: [] };
}

function isPromiseLike(value: unknown): boolean {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function anyValue(value: unknown): AnyValue {
  if (value === undefined || value === null) return {};
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValue) } };
  return toAnyValue(value as ProfileAttributeValue);
}
