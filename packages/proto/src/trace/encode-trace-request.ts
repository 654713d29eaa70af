import { writeKeyValues } from '../common/common-binary.js';
import { writeResourceGroup, writeScopeGroup } from '../common/resource-scope-groups.js';
import type { ExportTraceServiceRequest, ScopeSpans, Span, SpanEvent, SpanLink } from '../model/trace.js';
import { ProtoWriter } from '../wire/writer.js';

// The typed model back to ExportTraceServiceRequest bytes. Fields go out in field-number order
// with proto3 defaults omitted and present sub-messages (resource, scope, status) always
// written, the rules of encodeTraces, so for bytes we produced
// encodeTraceRequest(decodeTraceRequest(b)) is byte-identical to b; any valid input decodes to
// the same model again after a round trip.

const writer = new ProtoWriter();

export function encodeTraceRequest(request: ExportTraceServiceRequest): Uint8Array {
  const w = writer;
  w.reset();
  for (const rs of request.resourceSpans) {
    writeResourceGroup(w, rs.resource, rs.scopeSpans, rs.schemaUrl, writeScopeSpans); // 1: resource_spans
  }
  return w.finish();
}

function writeScopeSpans(w: ProtoWriter, ss: ScopeSpans): void {
  writeScopeGroup(w, ss.scope, ss.spans, ss.schemaUrl, writeSpan); // 1 scope, 2 spans, 3 schema_url
}

function writeBytesField(w: ProtoWriter, tag: number, bytes: Uint8Array): void {
  if (bytes.length > 0) {
    w.byte(tag);
    w.bytes(bytes);
  }
}

function writeStringField(w: ProtoWriter, tag: number, value: string): void {
  if (value !== '') {
    w.byte(tag);
    w.string(value);
  }
}

function writeUint32Field(w: ProtoWriter, tag: number, value: number): void {
  if (value) {
    w.byte(tag);
    w.uint32(value);
  }
}

function writeFixed64Field(w: ProtoWriter, tag: number, value: bigint): void {
  if (value !== 0n) {
    w.byte(tag);
    w.fixed64Value(value);
  }
}

function writeSpan(w: ProtoWriter, span: Span): void {
  writeBytesField(w, 0x0a, span.traceId); // 1: trace_id (LEN)
  writeBytesField(w, 0x12, span.spanId); // 2: span_id (LEN)
  writeStringField(w, 0x1a, span.traceState); // 3: trace_state (LEN)
  writeBytesField(w, 0x22, span.parentSpanId); // 4: parent_span_id (LEN)
  writeStringField(w, 0x2a, span.name); // 5: name (LEN)
  if (span.kind) {
    w.byte(0x30); // 6: kind (VARINT enum)
    w.int32(span.kind);
  }
  writeFixed64Field(w, 0x39, span.startTimeUnixNano); // 7: start_time_unix_nano (I64)
  writeFixed64Field(w, 0x41, span.endTimeUnixNano); // 8: end_time_unix_nano (I64)
  writeKeyValues(w, 9, span.attributes); // 9: attributes (LEN)
  writeUint32Field(w, 0x50, span.droppedAttributesCount); // 10: dropped_attributes_count (VARINT)
  for (const event of span.events) {
    w.byte(0x5a); // 11: events (LEN Event)
    const e = w.fork();
    writeEvent(w, event);
    w.join(e);
  }
  writeUint32Field(w, 0x60, span.droppedEventsCount); // 12: dropped_events_count (VARINT)
  for (const link of span.links) {
    w.byte(0x6a); // 13: links (LEN Link)
    const l = w.fork();
    writeLink(w, link);
    w.join(l);
  }
  writeUint32Field(w, 0x70, span.droppedLinksCount); // 14: dropped_links_count (VARINT)
  if (span.status !== undefined) {
    w.byte(0x7a); // 15: status (LEN Status)
    const s = w.fork();
    writeStringField(w, 0x12, span.status.message); // Status 2: message (LEN)
    if (span.status.code) {
      w.byte(0x18); // Status 3: code (VARINT enum)
      w.int32(span.status.code);
    }
    w.join(s);
  }
  if (span.flags) {
    w.byte(0x85); // 16: flags (I32), a two-byte tag
    w.byte(0x01);
    w.fixed32(span.flags);
  }
}

function writeEvent(w: ProtoWriter, event: SpanEvent): void {
  writeFixed64Field(w, 0x09, event.timeUnixNano); // 1: time_unix_nano (I64)
  writeStringField(w, 0x12, event.name); // 2: name (LEN)
  writeKeyValues(w, 3, event.attributes); // 3: attributes (LEN)
  writeUint32Field(w, 0x20, event.droppedAttributesCount); // 4: dropped_attributes_count (VARINT)
}

function writeLink(w: ProtoWriter, link: SpanLink): void {
  writeBytesField(w, 0x0a, link.traceId); // 1: trace_id (LEN)
  writeBytesField(w, 0x12, link.spanId); // 2: span_id (LEN)
  writeStringField(w, 0x1a, link.traceState); // 3: trace_state (LEN)
  writeKeyValues(w, 4, link.attributes); // 4: attributes (LEN)
  writeUint32Field(w, 0x28, link.droppedAttributesCount); // 5: dropped_attributes_count (VARINT)
  if (link.flags) {
    w.byte(0x35); // 6: flags (I32)
    w.fixed32(link.flags);
  }
}
