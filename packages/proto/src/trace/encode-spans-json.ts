import { JsonWriter } from '../common/json-writer.js';
import {
  writeSchemaUrlMember,
  writeSdkAttributesMember,
  writeSdkResourceJson,
  writeSdkScopeJson,
} from '../common/sdk-json.js';
import { isZeroHrTime, writeHrTimeJson } from '../common/sdk-scalars.js';
import { groupSpans } from './group-spans.js';
import type { SdkHrTime, SdkLink, SdkReadableSpan, SdkSpanContext, SdkTimedEvent } from './sdk-span.js';

// SDK spans straight to OTLP/JSON bytes, written front to back into one buffer (no object tree,
// no JSON.stringify of a request). The same grouping and mapping as encodeTraces and the same
// member order and omissions as traceRequestToJson, so encodeTracesJson(s) is the UTF-8 of
// traceRequestToJson(decodeTraceRequest(encodeTraces(s))).

const HAS_IS_REMOTE = 0x100; // SpanFlags.SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK
const IS_REMOTE = 0x200; // SpanFlags.SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK
const LOWER_HEX = /^(?:[0-9a-f]{2})+$/;

const writer = new JsonWriter(512 * 1024);

function digit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return 0;
}

/**
 * `"<name>":"<hex>"` of an id (after a comma when `c`); returns whether a member was written.
 * SDK ids are lower-case hex already and are copied; anything else is decoded like the binary
 * encoder does (pairs of hex digits, other characters as 0) and written in lower case.
 */
function writeIdMember(w: JsonWriter, c: boolean, name: string, hex: string | undefined): boolean {
  if (!hex || hex.length < 2) return c;
  w.ascii(c ? `,"${name}":"` : `"${name}":"`);
  if (LOWER_HEX.test(hex)) w.ascii(hex);
  else {
    for (let i = 0; i + 1 < hex.length; i += 2) {
      const byte = (digit(hex.charCodeAt(i)) << 4) | digit(hex.charCodeAt(i + 1));
      w.ascii(byte.toString(16).padStart(2, '0'));
    }
  }
  w.byte(0x22);
  return true;
}

function writeTimeMember(w: JsonWriter, c: boolean, name: string, time: SdkHrTime): boolean {
  if (isZeroHrTime(time)) return c;
  w.ascii(c ? `,"${name}":` : `"${name}":`);
  writeHrTimeJson(w, time);
  return true;
}

function writeCountMember(w: JsonWriter, c: boolean, name: string, value: number | undefined): boolean {
  if (!value) return c;
  w.ascii(c ? `,"${name}":` : `"${name}":`);
  w.integer(value);
  return true;
}

function writeStringMember(w: JsonWriter, c: boolean, name: string, value: string | undefined): boolean {
  if (!value) return c;
  w.ascii(c ? `,"${name}":` : `"${name}":`);
  w.string(value);
  return true;
}

function flags(traceFlags: number, isRemote: boolean | undefined): number {
  return (traceFlags & 0xff) | HAS_IS_REMOTE | (isRemote ? IS_REMOTE : 0);
}

function writeIds(w: JsonWriter, ctx: SdkSpanContext): boolean {
  let c = writeIdMember(w, false, 'traceId', ctx.traceId);
  c = writeIdMember(w, c, 'spanId', ctx.spanId);
  return writeStringMember(w, c, 'traceState', ctx.traceState?.serialize());
}

function writeEventJson(w: JsonWriter, event: SdkTimedEvent): void {
  w.byte(0x7b); // {
  let c = writeTimeMember(w, false, 'timeUnixNano', event.time);
  c = writeStringMember(w, c, 'name', event.name);
  c = writeSdkAttributesMember(w, !c, 'attributes', event.attributes);
  writeCountMember(w, c, 'droppedAttributesCount', event.droppedAttributesCount);
  w.byte(0x7d); // }
}

function writeLinkJson(w: JsonWriter, link: SdkLink): void {
  const ctx = link.context;
  w.byte(0x7b); // {
  let c = writeIds(w, ctx);
  c = writeSdkAttributesMember(w, !c, 'attributes', link.attributes);
  c = writeCountMember(w, c, 'droppedAttributesCount', link.droppedAttributesCount);
  writeCountMember(w, c, 'flags', flags(ctx.traceFlags, ctx.isRemote));
  w.byte(0x7d); // }
}

function writeSpanJson(w: JsonWriter, span: SdkReadableSpan): void {
  const ctx = span.spanContext();
  const parent = span.parentSpanContext;
  w.byte(0x7b); // {
  // `c` says whether the object has a member yet: every later member starts with a comma.
  let c = writeIds(w, ctx);
  if (parent !== undefined) c = writeIdMember(w, c, 'parentSpanId', parent.spanId);
  c = writeStringMember(w, c, 'name', span.name);
  c = writeCountMember(w, c, 'kind', span.kind == null ? 0 : span.kind + 1); // API SpanKind + 1
  c = writeTimeMember(w, c, 'startTimeUnixNano', span.startTime);
  c = writeTimeMember(w, c, 'endTimeUnixNano', span.endTime);
  c = writeSdkAttributesMember(w, !c, 'attributes', span.attributes);
  c = writeCountMember(w, c, 'droppedAttributesCount', span.droppedAttributesCount);
  const events = span.events;
  if (events.length > 0) {
    w.ascii(c ? ',"events":[' : '"events":[');
    for (let i = 0; i < events.length; i++) {
      if (i > 0) w.byte(0x2c);
      writeEventJson(w, events[i]);
    }
    w.byte(0x5d);
    c = true;
  }
  c = writeCountMember(w, c, 'droppedEventsCount', span.droppedEventsCount);
  const links = span.links;
  if (links.length > 0) {
    w.ascii(c ? ',"links":[' : '"links":[');
    for (let i = 0; i < links.length; i++) {
      if (i > 0) w.byte(0x2c);
      writeLinkJson(w, links[i]);
    }
    w.byte(0x5d);
    c = true;
  }
  c = writeCountMember(w, c, 'droppedLinksCount', span.droppedLinksCount);
  const status = span.status;
  if (status.code !== 0 || status.message) {
    w.ascii(c ? ',"status":{' : '"status":{');
    const s = writeStringMember(w, false, 'message', status.message);
    writeCountMember(w, s, 'code', status.code);
    w.byte(0x7d);
    c = true;
  }
  writeCountMember(w, c, 'flags', flags(ctx.traceFlags, parent?.isRemote));
  w.byte(0x7d); // }
}

/**
 * Encodes SDK spans as one ExportTraceServiceRequest in OTLP/JSON (UTF-8). Parses to the same
 * data as `JsonTraceSerializer.serializeRequest` of @opentelemetry/otlp-transformer, written the
 * way the spec asks (int64 as decimal strings, NaN/Infinity as strings, defaults omitted).
 */
export function encodeTracesJson(spans: readonly SdkReadableSpan[]): Uint8Array {
  const w = writer;
  w.reset();
  w.ascii('{"resourceSpans":[');
  let firstResource = true;
  for (const [resource, scopes] of groupSpans(spans)) {
    if (!firstResource) w.byte(0x2c);
    firstResource = false;
    w.ascii('{"resource":');
    writeSdkResourceJson(w, resource);
    w.ascii(',"scopeSpans":[');
    let firstScope = true;
    for (const [scope, list] of scopes) {
      if (!firstScope) w.byte(0x2c);
      firstScope = false;
      w.ascii('{"scope":');
      writeSdkScopeJson(w, scope);
      w.ascii(',"spans":[');
      for (let i = 0; i < list.length; i++) {
        if (i > 0) w.byte(0x2c);
        writeSpanJson(w, list[i]);
      }
      w.byte(0x5d);
      writeSchemaUrlMember(w, scope.schemaUrl);
      w.byte(0x7d);
    }
    w.byte(0x5d);
    writeSchemaUrlMember(w, resource.schemaUrl);
    w.byte(0x7d);
  }
  w.ascii(']}');
  return w.finish();
}
