/**
 * `@otlpx/proto/sdk`: the pieces of `encodeTraces` for callers that build an
 * ExportTraceServiceRequest one span at a time (the exporter's FastSpanProcessor writes each span
 * into its pending batch when it ends, instead of encoding small arrays and splitting them again).
 *
 *   ExportTraceServiceRequest 1: ResourceSpans { 1: resource  2: ScopeSpans { 1: scope  2: Span...  3: schema_url }  3: schema_url }
 *
 * The bytes are exactly those `encodeTraces` writes for the same span, resource and scope (same
 * internals, same caches), so a request assembled from them decodes like one `encodeTraces` call.
 */
import {
  type SdkResourceLike,
  type SdkScopeLike,
  writeSchemaUrlField,
  writeSdkResourceField,
  writeSdkScopeField,
} from '../common/sdk-resource-scope.js';
import type { ProtoWriter } from '../wire/writer.js';
import type { SdkReadableSpan } from './sdk-span.js';
import { writeSdkSpan } from './write-sdk-span.js';

export type { SdkReadableSpan, SdkResourceLike, SdkScopeLike };

/** Writes one SDK span as a `ScopeSpans 2: spans` field (tag, length, Span message). */
export function writeSdkSpanRecord(w: ProtoWriter, span: SdkReadableSpan): void {
  writeSdkSpan(w, 0x12, span);
}

/** Writes the `ResourceSpans 1: resource` field of an SDK resource (cached per resource object). */
export function writeSdkResourceRecord(w: ProtoWriter, resource: SdkResourceLike): void {
  writeSdkResourceField(w, resource);
}

/** Writes the `ScopeSpans 1: scope` field of an SDK instrumentation scope (cached per scope object). */
export function writeSdkScopeRecord(w: ProtoWriter, scope: SdkScopeLike): void {
  writeSdkScopeField(w, scope);
}

/** Writes the `3: schema_url` field of a ResourceSpans or ScopeSpans, when set. */
export function writeSdkSchemaUrlRecord(w: ProtoWriter, schemaUrl: string | undefined): void {
  writeSchemaUrlField(w, schemaUrl);
}
