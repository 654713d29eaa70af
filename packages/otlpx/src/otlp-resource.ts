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

function anyValue(value: unknown): AnyValue {
  if (value === undefined || value === null) return {};
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValue) } };
  return toAnyValue(value as ProfileAttributeValue);
}
