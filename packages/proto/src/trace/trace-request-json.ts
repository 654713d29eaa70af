import { keyValuesFromJson, keyValuesToJson } from '../common/common-json.js';
import { enumFromJson } from '../common/json-enum.js';
import {
  arrayField,
  expectObject,
  field,
  hexFromJson,
  hexOf,
  type JsonObject,
  parseJsonInput,
  stringFromJson,
  uint32FromJson,
  uint64FromJson,
} from '../common/json-values.js';
import {
  resourceGroupFromJson,
  resourceGroupToJson,
  scopeGroupFromJson,
  scopeGroupToJson,
} from '../common/resource-scope-groups-json.js';
import type {
  ExportTraceServiceRequest,
  ResourceSpans,
  ScopeSpans,
  Span,
  SpanEvent,
  SpanLink,
  Status,
} from '../model/trace.js';

// ExportTraceServiceRequest model <-> OTLP/JSON (the spec's JSON mapping: lowerCamelCase names,
// 64-bit integers as decimal strings, enums as numbers, trace and span ids as hex, other bytes as
// base64, default values omitted). Readers accept numbers or strings for integers, enum names
// (SPAN_KIND_SERVER) and snake_case names. Members are written in field-number order, the order
// encodeTracesJson uses, so both give the same text for the same spans.

const SPAN_KIND_NAMES = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
];
const STATUS_CODE_NAMES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'];

/** The request as OTLP/JSON text. */
export function traceRequestToJson(request: ExportTraceServiceRequest): string {
  return JSON.stringify({ resourceSpans: request.resourceSpans.map(resourceSpansToJson) });
}

function resourceSpansToJson(rs: ResourceSpans): JsonObject {
  return resourceGroupToJson(rs.resource, 'scopeSpans', rs.scopeSpans, rs.schemaUrl, scopeSpansToJson);
}

function scopeSpansToJson(ss: ScopeSpans): JsonObject {
  return scopeGroupToJson(ss.scope, 'spans', ss.spans, ss.schemaUrl, spanToJson);
}

function spanToJson(span: Span): JsonObject {
  const o: JsonObject = {};
  if (span.traceId.length > 0) o.traceId = hexOf(span.traceId);
  if (span.spanId.length > 0) o.spanId = hexOf(span.spanId);
  if (span.traceState !== '') o.traceState = span.traceState;
  if (span.parentSpanId.length > 0) o.parentSpanId = hexOf(span.parentSpanId);
  if (span.name !== '') o.name = span.name;
  if (span.kind) o.kind = span.kind;
  if (span.startTimeUnixNano !== 0n) o.startTimeUnixNano = span.startTimeUnixNano.toString();
  if (span.endTimeUnixNano !== 0n) o.endTimeUnixNano = span.endTimeUnixNano.toString();
  if (span.attributes.length > 0) o.attributes = keyValuesToJson(span.attributes);
  if (span.droppedAttributesCount) o.droppedAttributesCount = span.droppedAttributesCount;
  if (span.events.length > 0) o.events = span.events.map(eventToJson);
  if (span.droppedEventsCount) o.droppedEventsCount = span.droppedEventsCount;
  if (span.links.length > 0) o.links = span.links.map(linkToJson);
  if (span.droppedLinksCount) o.droppedLinksCount = span.droppedLinksCount;
  if (span.status !== undefined) o.status = statusToJson(span.status);
  if (span.flags) o.flags = span.flags;
  return o;
}

function eventToJson(event: SpanEvent): JsonObject {
  const o: JsonObject = {};
  if (event.timeUnixNano !== 0n) o.timeUnixNano = event.timeUnixNano.toString();
  if (event.name !== '') o.name = event.name;
  if (event.attributes.length > 0) o.attributes = keyValuesToJson(event.attributes);
  if (event.droppedAttributesCount) o.droppedAttributesCount = event.droppedAttributesCount;
  return o;
}

function linkToJson(link: SpanLink): JsonObject {
  const o: JsonObject = {};
  if (link.traceId.length > 0) o.traceId = hexOf(link.traceId);
  if (link.spanId.length > 0) o.spanId = hexOf(link.spanId);
  if (link.traceState !== '') o.traceState = link.traceState;
  if (link.attributes.length > 0) o.attributes = keyValuesToJson(link.attributes);
  if (link.droppedAttributesCount) o.droppedAttributesCount = link.droppedAttributesCount;
  if (link.flags) o.flags = link.flags;
  return o;
}

function statusToJson(status: Status): JsonObject {
  const o: JsonObject = {};
  if (status.message !== '') o.message = status.message;
  if (status.code) o.code = status.code;
  return o;
}

// ---------------------------------------------------------------- reading

/** Reads OTLP/JSON (text, UTF-8 bytes or an already parsed object); throws OtlpxJsonError with the path. */
export function traceRequestFromJson(input: string | Uint8Array | object): ExportTraceServiceRequest {
  const o = expectObject(parseJsonInput(input), '');
  return { resourceSpans: arrayField(o, '', 'resourceSpans', 'resource_spans', resourceSpansFromJson) };
}

function resourceSpansFromJson(json: unknown, path: string): ResourceSpans {
  const { resource, groups, schemaUrl } = resourceGroupFromJson(
    json,
    path,
    ['scopeSpans', 'scope_spans'],
    scopeSpansFromJson,
  );
  const out: ResourceSpans = { scopeSpans: groups, schemaUrl };
  if (resource !== undefined) out.resource = resource;
  return out;
}

function scopeSpansFromJson(json: unknown, path: string): ScopeSpans {
  const { scope, items, schemaUrl } = scopeGroupFromJson(json, path, ['spans', 'spans'], spanFromJson);
  const out: ScopeSpans = { spans: items, schemaUrl };
  if (scope !== undefined) out.scope = scope;
  return out;
}

function uint32Member(o: JsonObject, path: string, camel: string, snake: string): number {
  return uint32FromJson(field(o, camel, snake), `${path}.${camel}`);
}

function spanFromJson(json: unknown, path: string): Span {
  const o = expectObject(json, path);
  const span: Span = {
    traceId: hexFromJson(field(o, 'traceId', 'trace_id'), `${path}.traceId`),
    spanId: hexFromJson(field(o, 'spanId', 'span_id'), `${path}.spanId`),
    traceState: stringFromJson(field(o, 'traceState', 'trace_state'), `${path}.traceState`),
    parentSpanId: hexFromJson(field(o, 'parentSpanId', 'parent_span_id'), `${path}.parentSpanId`),
    flags: uint32FromJson(o.flags, `${path}.flags`),
    name: stringFromJson(o.name, `${path}.name`),
    kind: enumFromJson(o.kind, `${path}.kind`, SPAN_KIND_NAMES),
    startTimeUnixNano: uint64FromJson(
      field(o, 'startTimeUnixNano', 'start_time_unix_nano'),
      `${path}.startTimeUnixNano`,
    ),
    endTimeUnixNano: uint64FromJson(
      field(o, 'endTimeUnixNano', 'end_time_unix_nano'),
      `${path}.endTimeUnixNano`,
    ),
    attributes: keyValuesFromJson(o, path),
    droppedAttributesCount: uint32Member(o, path, 'droppedAttributesCount', 'dropped_attributes_count'),
    events: arrayField(o, path, 'events', 'events', eventFromJson),
    droppedEventsCount: uint32Member(o, path, 'droppedEventsCount', 'dropped_events_count'),
    links: arrayField(o, path, 'links', 'links', linkFromJson),
    droppedLinksCount: uint32Member(o, path, 'droppedLinksCount', 'dropped_links_count'),
  };
  if (o.status !== undefined && o.status !== null) span.status = statusFromJson(o.status, `${path}.status`);
  return span;
}

function eventFromJson(json: unknown, path: string): SpanEvent {
  const o = expectObject(json, path);
  return {
    timeUnixNano: uint64FromJson(field(o, 'timeUnixNano', 'time_unix_nano'), `${path}.timeUnixNano`),
    name: stringFromJson(o.name, `${path}.name`),
    attributes: keyValuesFromJson(o, path),
    droppedAttributesCount: uint32Member(o, path, 'droppedAttributesCount', 'dropped_attributes_count'),
  };
}

function linkFromJson(json: unknown, path: string): SpanLink {
  const o = expectObject(json, path);
  return {
    traceId: hexFromJson(field(o, 'traceId', 'trace_id'), `${path}.traceId`),
    spanId: hexFromJson(field(o, 'spanId', 'span_id'), `${path}.spanId`),
    traceState: stringFromJson(field(o, 'traceState', 'trace_state'), `${path}.traceState`),
    attributes: keyValuesFromJson(o, path),
    droppedAttributesCount: uint32Member(o, path, 'droppedAttributesCount', 'dropped_attributes_count'),
    flags: uint32FromJson(o.flags, `${path}.flags`),
  };
}

function statusFromJson(json: unknown, path: string): Status {
  const o = expectObject(json, path);
  return {
    message: stringFromJson(o.message, `${path}.message`),
    code: enumFromJson(o.code, `${path}.code`, STATUS_CODE_NAMES),
  };
}
