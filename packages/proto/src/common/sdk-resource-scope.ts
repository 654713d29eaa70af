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

interface CachedField {
  /** The attributes object the bytes were made from: a resource that settles async attributes
   * returns a new one, and the bytes are then made again. */
  attributes: object | undefined;
  name: string | undefined;
  version: string | undefined;
  /** The encoded `1: resource` / `1: scope` field, tag and length included. */
  bytes: Uint8Array;
}

// Weak: an entry lives as long as the SDK object, so per-request resources cannot pile up.
const resourceCache = new WeakMap<object, CachedField>();
const scopeCache = new WeakMap<object, CachedField>();

/** Writes `1: resource (LEN Resource)` for an SDK resource, from the cache when possible. */
export function writeSdkResourceField(w: ProtoWriter, resource: SdkResourceLike): void {
  const attributes = resource.attributes;
  const hit = resourceCache.get(resource);
  if (hit !== undefined && hit.attributes === attributes) {
    w.raw(hit.bytes);
    return;
  }
  const start = w.pos;
  w.byte(0x0a); // 1: resource (LEN)
  const body = w.fork();
  writeSdkAttributes(w, 1, attributes); // Resource 1: attributes (LEN)
  // Resource 2: dropped_attributes_count is always 0 for SDK resources: omitted.
  w.join(body);
  if (resource.asyncAttributesPending !== true) {
    const bytes = new Uint8Array(w.buf.subarray(start, w.pos));
    resourceCache.set(resource, { attributes, name: undefined, version: undefined, bytes });
  }
}

/** Writes `1: scope (LEN InstrumentationScope)` for an SDK scope, from the cache when possible. */
export function writeSdkScopeField(w: ProtoWriter, scope: SdkScopeLike): void {
  const hit = scopeCache.get(scope);
  if (
    hit !== undefined &&
    hit.attributes === scope.attributes &&
    hit.name === scope.name &&
    hit.version === scope.version
  ) {
    w.raw(hit.bytes);
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
  const bytes = new Uint8Array(w.buf.subarray(start, w.pos));
  scopeCache.set(scope, { attributes: scope.attributes, name: scope.name, version: scope.version, bytes });
}

/** `3: schema_url (LEN)` of a ResourceX or ScopeX message, when set. */
export function writeSchemaUrlField(w: ProtoWriter, schemaUrl: string | undefined): void {
  if (schemaUrl) {
    w.byte(0x1a); // 3: schema_url (LEN)
    w.string(schemaUrl);
  }
}

/**
 * Writes `2: scope_x (LEN ScopeX)` of a ResourceX for an SDK scope and its items: 1 the cached
 * scope, 2 each item (its body written by `writeItem`, a top-level function: no closure per call),
 * 3 the scope's schema URL.
 */
export function writeSdkScopeGroup<T>(
  w: ProtoWriter,
  scope: SdkScopeLike,
  items: readonly T[],
  writeItem: (w: ProtoWriter, item: T) => void,
): void {
  w.byte(0x12); // ResourceX 2: scope_x (LEN)
  const s = w.fork();
  writeSdkScopeField(w, scope); // ScopeX 1: scope (LEN)
  for (let i = 0; i < items.length; i++) {
    w.byte(0x12); // ScopeX 2: items (LEN)
    const item = w.fork();
    writeItem(w, items[i]);
    w.join(item);
  }
  writeSchemaUrlField(w, scope.schemaUrl); // ScopeX 3: schema_url (LEN)
  w.join(s);
}
