import type { ProtoWriter } from '../wire/writer.js';
import { writeSdkAttributes } from './sdk-attributes.js';

// SDK Resource and InstrumentationScope objects to protobuf bytes, encoded once per object and
// reused: the SDK hands the same resource and scope objects to every export, so the resource
// (often 14+ attributes) costs one copy per request instead of a re-encode.
// Both messages sit at field 1 of their parent in every signal (ResourceSpans/Metrics/Logs.resource,
// ScopeSpans/Metrics/Logs.scope), so the cached bytes include that tag.

/** The parts of an SDK `Resource` (@opentelemetry/resources 2.x) the encoders read. */
export interface SdkResourceLike {
  readonly attributes: object;
  readonly schemaUrl?: string;
  /** While true, `attributes` may still change, so the encoding is not cached. */
  readonly asyncAttributesPending?: boolean;
}

/** The parts of an SDK `InstrumentationScope` the encoders read. */
export interface SdkScopeLike {
  readonly name: string;
  readonly version?: string;
  readonly schemaUrl?: string;
  readonly attributes?: object;
  readonly droppedAttributesCount?: number;
}

const resourceCache = new WeakMap<object, Uint8Array>();
const scopeCache = new WeakMap<object, Uint8Array>();

/** Writes `1: resource (LEN Resource)` for an SDK resource, from the cache when possible. */
export function writeSdkResourceField(w: ProtoWriter, resource: SdkResourceLike): void {
  const cached = resourceCache.get(resource);
  if (cached !== undefined) {
    w.raw(cached);
    return;
  }
  const start = w.pos;
  w.byte(0x0a); // 1: resource (LEN)
  const body = w.fork();
  writeSdkAttributes(w, 1, resource.attributes); // Resource 1: attributes (LEN)
  // Resource 2: dropped_attributes_count is always 0 for SDK resources: omitted.
  w.join(body);
  if (resource.asyncAttributesPending !== true)
    resourceCache.set(resource, new Uint8Array(w.buf.subarray(start, w.pos)));
}

/** Writes `1: scope (LEN InstrumentationScope)` for an SDK scope, from the cache when possible. */
export function writeSdkScopeField(w: ProtoWriter, scope: SdkScopeLike): void {
  const cached = scopeCache.get(scope);
  if (cached !== undefined) {
    w.raw(cached);
    return;
  }
  const start = w.pos;
  w.byte(0x0a); // 1: scope (LEN)
  const body = w.fork();
  if (scope.name) {
    w.byte(0x0a); // 1: name (LEN)
    w.string(scope.name);
  }
  if (scope.version) {
    w.byte(0x12); // 2: version (LEN)
    w.string(scope.version);
  }
  if (scope.attributes) writeSdkAttributes(w, 3, scope.attributes); // 3: attributes (LEN)
  if (scope.droppedAttributesCount) {
    w.byte(0x20); // 4: dropped_attributes_count (VARINT)
    w.uint32(scope.droppedAttributesCount);
  }
  w.join(body);
  scopeCache.set(scope, new Uint8Array(w.buf.subarray(start, w.pos)));
}
