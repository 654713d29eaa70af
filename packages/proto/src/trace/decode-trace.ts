import { readKeyValue } from '../common/common-binary.js';
import { readResourceGroup, readScopeGroup } from '../common/resource-scope-groups.js';
import type {
  ExportTraceServiceRequest,
  ResourceSpans,
  ScopeSpans,
  Span,
  SpanEvent,
  SpanLink,
  Status,
} from '../model/trace.js';
import { ProtoReader, type ReaderLimits } from '../wire/reader.js';
import { WireType } from '../wire/wire-type.js';

// ExportTraceServiceRequest bytes to the typed model (opentelemetry-proto v1.11.0). Unknown
// fields are skipped; a field with the wrong wire type, a truncated or overlong length, invalid
// UTF-8 or nesting past `limits.maxDepth` throws OtlpxDecodeError with the byte offset. Every
// read is checked against the end of the input first, so hostile input costs bounded time and
// memory (a 100 MB length prefix in a short input fails before anything is allocated).

const { Varint, Fixed64, LengthDelimited, Fixed32 } = WireType;

/** Decodes an ExportTraceServiceRequest (also the bytes of a TracesData, which has the same shape). */
export function decodeTraceRequest(bytes: Uint8Array, limits?: ReaderLimits): ExportTraceServiceRequest {
  const r = new ProtoReader(bytes, limits);
  const request: ExportTraceServiceRequest = { resourceSpans: [] };
  while (r.pos < r.end) {
    const tag = r.tag();
    if (tag >>> 3 === 1) {
      r.expect(tag, LengthDelimited); // 1: resource_spans
      request.resourceSpans.push(readResourceSpans(r));
    } else r.skip(tag);
  }
  return request;
}

function readResourceSpans(r: ProtoReader): ResourceSpans {
  const { resource, groups, schemaUrl } = readResourceGroup(r, readScopeSpans); // 1 resource, 2 scope_spans, 3 schema_url
  const out: ResourceSpans = { scopeSpans: groups, schemaUrl };
  if (resource !== undefined) out.resource = resource;
  return out;
}

function readScopeSpans(r: ProtoReader): ScopeSpans {
  const { scope, items, schemaUrl } = readScopeGroup(r, readSpan); // 1 scope, 2 spans, 3 schema_url
  const out: ScopeSpans = { spans: items, schemaUrl };
  if (scope !== undefined) out.scope = scope;
  return out;
}

const EMPTY = new Uint8Array(0);

function readSpan(r: ProtoReader): Span {
  const end = r.enter();
  const span: Span = {
    traceId: EMPTY,
    spanId: EMPTY,
    traceState: '',
    parentSpanId: EMPTY,
    flags: 0,
    name: '',
    kind: 0,
    startTimeUnixNano: 0n,
    endTimeUnixNano: 0n,
    attributes: [],
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
  };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // trace_id (LEN)
        r.expect(tag, LengthDelimited);
        span.traceId = r.bytes();
        break;
      case 2: // span_id (LEN)
        r.expect(tag, LengthDelimited);
        span.spanId = r.bytes();
        break;
      case 3: // trace_state (LEN)
        r.expect(tag, LengthDelimited);
        span.traceState = r.string();
        break;
      case 4: // parent_span_id (LEN)
        r.expect(tag, LengthDelimited);
        span.parentSpanId = r.bytes();
        break;
      case 5: // name (LEN)
        r.expect(tag, LengthDelimited);
        span.name = r.string();
        break;
      case 6: // kind (VARINT enum)
        r.expect(tag, Varint);
        span.kind = r.int32();
        break;
      case 7: // start_time_unix_nano (I64 fixed64)
        r.expect(tag, Fixed64);
        span.startTimeUnixNano = r.fixed64();
        break;
      case 8: // end_time_unix_nano (I64 fixed64)
        r.expect(tag, Fixed64);
        span.endTimeUnixNano = r.fixed64();
        break;
      case 9: // attributes (LEN KeyValue)
        r.expect(tag, LengthDelimited);
        span.attributes.push(readKeyValue(r));
        break;
      case 10: // dropped_attributes_count (VARINT uint32)
        r.expect(tag, Varint);
        span.droppedAttributesCount = r.uint32();
        break;
      case 11: // events (LEN Event)
        r.expect(tag, LengthDelimited);
        span.events.push(readEvent(r));
        break;
      case 12: // dropped_events_count (VARINT uint32)
        r.expect(tag, Varint);
        span.droppedEventsCount = r.uint32();
        break;
      case 13: // links (LEN Link)
        r.expect(tag, LengthDelimited);
        span.links.push(readLink(r));
        break;
      case 14: // dropped_links_count (VARINT uint32)
        r.expect(tag, Varint);
        span.droppedLinksCount = r.uint32();
        break;
      case 15: // status (LEN Status)
        r.expect(tag, LengthDelimited);
        span.status = readStatus(r);
        break;
      case 16: // flags (I32 fixed32)
        r.expect(tag, Fixed32);
        span.flags = r.fixed32();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return span;
}

function readEvent(r: ProtoReader): SpanEvent {
  const end = r.enter();
  const event: SpanEvent = { timeUnixNano: 0n, name: '', attributes: [], droppedAttributesCount: 0 };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // time_unix_nano (I64 fixed64)
        r.expect(tag, Fixed64);
        event.timeUnixNano = r.fixed64();
        break;
      case 2: // name (LEN)
        r.expect(tag, LengthDelimited);
        event.name = r.string();
        break;
      case 3: // attributes (LEN KeyValue)
        r.expect(tag, LengthDelimited);
        event.attributes.push(readKeyValue(r));
        break;
      case 4: // dropped_attributes_count (VARINT uint32)
        r.expect(tag, Varint);
        event.droppedAttributesCount = r.uint32();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return event;
}

function readLink(r: ProtoReader): SpanLink {
  const end = r.enter();
  const link: SpanLink = {
    traceId: EMPTY,
    spanId: EMPTY,
    traceState: '',
    attributes: [],
    droppedAttributesCount: 0,
    flags: 0,
  };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1: // trace_id (LEN)
        r.expect(tag, LengthDelimited);
        link.traceId = r.bytes();
        break;
      case 2: // span_id (LEN)
        r.expect(tag, LengthDelimited);
        link.spanId = r.bytes();
        break;
      case 3: // trace_state (LEN)
        r.expect(tag, LengthDelimited);
        link.traceState = r.string();
        break;
      case 4: // attributes (LEN KeyValue)
        r.expect(tag, LengthDelimited);
        link.attributes.push(readKeyValue(r));
        break;
      case 5: // dropped_attributes_count (VARINT uint32)
        r.expect(tag, Varint);
        link.droppedAttributesCount = r.uint32();
        break;
      case 6: // flags (I32 fixed32)
        r.expect(tag, Fixed32);
        link.flags = r.fixed32();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return link;
}

function readStatus(r: ProtoReader): Status {
  const end = r.enter();
  const status: Status = { message: '', code: 0 };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 2: // message (LEN)
        r.expect(tag, LengthDelimited);
        status.message = r.string();
        break;
      case 3: // code (VARINT enum)
        r.expect(tag, Varint);
        status.code = r.int32();
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(end);
  return status;
}
