import { JsonWriter } from '../common/json-writer.js';
import { OwnedOutput } from '../common/owned-output.js';
import { type PackedBytes, packBytes, writeWords } from '../common/packed-bytes.js';
import {
  writeSchemaUrlMember,
  writeSdkAttributesMember,
  writeSdkResourceJson,
  writeSdkScopeJson,
} from '../common/sdk-json.js';
import { isZeroHrTime, writeHrTimeJson } from '../common/sdk-scalars.js';
import { AttributeMemos } from './attribute-memo.js';
import {
  BULK_CHUNK,
  BULK_MIN_SPANS,
  bulkLowerHexIds,
  defaultHexKernels,
  type HexKernels,
  writesId,
} from './bulk-ids.js';
import { groupSpans } from './group-spans.js';
import type { SdkHrTime, SdkLink, SdkReadableSpan, SdkSpanContext, SdkTimedEvent } from './sdk-span.js';
import { type KeyPrefix, writeSpanAttributesJson } from './span-attributes-json.js';

// SDK spans straight to OTLP/JSON bytes, written front to back into the memory of the result (no object tree,
// no JSON.stringify of a request). The same grouping and mapping as encodeTraces and the same
// member order and omissions as traceRequestToJson, so encodeTracesJson(s) is the UTF-8 of
// traceRequestToJson(decodeTraceRequest(encodeTraces(s))).

const HAS_IS_REMOTE = 0x100; // SpanFlags.SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK
const IS_REMOTE = 0x200; // SpanFlags.SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK
const writer = new JsonWriter(64);
/** Sizes the output from the previous call's bytes per span (~1,000 for an HTTP server span). */
const output = new OwnedOutput(1024);
const spanKeys = new AttributeMemos<KeyPrefix>();

/**
 * `"name":` and `,"name":` of each member, made once: building them per call with a template
 * string and copying char by char was 9.6 % of the 512-span call.
 */
interface Member {
  first: PackedBytes;
  next: PackedBytes;
}

function member(name: string): Member {
  return { first: packBytes(Buffer.from(`"${name}":`)), next: packBytes(Buffer.from(`,"${name}":`)) };
}

const M = {
  traceId: member('traceId'),
  spanId: member('spanId'),
  traceState: member('traceState'),
  parentSpanId: member('parentSpanId'),
  name: member('name'),
  kind: member('kind'),
  startTimeUnixNano: member('startTimeUnixNano'),
  endTimeUnixNano: member('endTimeUnixNano'),
  timeUnixNano: member('timeUnixNano'),
  droppedAttributesCount: member('droppedAttributesCount'),
  droppedEventsCount: member('droppedEventsCount'),
  droppedLinksCount: member('droppedLinksCount'),
  message: member('message'),
  code: member('code'),
  flags: member('flags'),
};

/**
 * Copies a member name as int32 words (see packed-bytes.ts): a byte loop over these 8-26 bytes
 * was 4.4 % of the 512-span call.
 */
function writeName(w: JsonWriter, c: boolean, m: Member): void {
  const name = c ? m.next : m.first;
  w.ensure(name.bytes.length + 3); // the last word may write up to 3 bytes past the name
  writeWords(w.dataView(), w.pos, name);
  w.pos += name.bytes.length;
}

function digit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return 0;
}

/**
 * `"<name>":"<hex>"` of an id (after a comma when `c`); returns whether a member was written.
 * SDK ids are lower-case hex already and are copied while checked, in one pass (a RegExp test
 * first and a copy after took 12 % of the 512-span call); anything else is decoded like the
 * binary encoder does (pairs of hex digits, other characters as 0) and written in lower case.
 */
function writeIdMember(w: JsonWriter, c: boolean, m: Member, hex: string | undefined): boolean {
  if (!hex || hex.length < 2) return c;
  writeName(w, c, m);
  const n = hex.length & ~1;
  w.ensure(n + 2);
  const buf = w.buf;
  const start = w.pos;
  let pos = start;
  buf[pos++] = 0x22; // "
  for (let i = 0; i < n; i++) {
    const ch = hex.charCodeAt(i);
    if (ch > 102 || LOWER_HEX_CHAR[ch] === 0) {
      pos = start + 1;
      for (let j = 0; j < n; j += 2) {
        const byte = (digit(hex.charCodeAt(j)) << 4) | digit(hex.charCodeAt(j + 1));
        buf[pos++] = HEX_DIGITS[byte >> 4];
        buf[pos++] = HEX_DIGITS[byte & 15];
      }
      break;
    }
    buf[pos++] = ch;
  }
  buf[pos++] = 0x22; // "
  w.pos = pos;
  return true;
}

const HEX_DIGITS = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));
/** 1 for '0'-'9' and 'a'-'f' by char code: one load per character instead of four compares. */
const LOWER_HEX_CHAR = new Uint8Array(103);
for (const ch of HEX_DIGITS) LOWER_HEX_CHAR[ch] = 1;

let lastSeconds = -1;
let lastSecondsDigits = '';

/**
 * `"<nanoseconds>"` of an HrTime: the seconds' digits (the same for every span of the same
 * second, so kept from the last call) and nine digits of nanoseconds by integer division.
 * Going through JsonWriter#integer for both halves was 11 % of the 512-span call.
 */
function writeTime(w: JsonWriter, time: SdkHrTime): void {
  const seconds = time[0];
  const nanos = time[1];
  if (
    !(
      seconds > 0 &&
      seconds < 4294967296 &&
      seconds % 1 === 0 &&
      nanos >= 0 &&
      nanos < 1e9 &&
      nanos % 1 === 0
    )
  ) {
    writeHrTimeJson(w, time);
    return;
  }
  if (seconds !== lastSeconds) {
    lastSeconds = seconds;
    lastSecondsDigits = String(seconds);
  }
  const digits = lastSecondsDigits;
  const n = digits.length;
  w.ensure(n + 11);
  const buf = w.buf;
  let pos = w.pos;
  buf[pos++] = 0x22; // "
  for (let i = 0; i < n; i++) buf[pos++] = digits.charCodeAt(i);
  let v = nanos;
  for (let i = pos + 8; i >= pos; i--) {
    const q = (v / 10) | 0;
    buf[i] = 0x30 + v - q * 10;
    v = q;
  }
  pos += 9;
  buf[pos++] = 0x22; // "
  w.pos = pos;
}

function writeTimeMember(w: JsonWriter, c: boolean, m: Member, time: SdkHrTime): boolean {
  if (isZeroHrTime(time)) return c;
  writeName(w, c, m);
  writeTime(w, time);
  return true;
}

function writeCountMember(w: JsonWriter, c: boolean, m: Member, value: number | undefined): boolean {
  if (!value) return c;
  writeName(w, c, m);
  w.integer(value);
  return true;
}

function writeStringMember(w: JsonWriter, c: boolean, m: Member, value: string | undefined): boolean {
  if (!value) return c;
  writeName(w, c, m);
  w.string(value);
  return true;
}

function flags(traceFlags: number, isRemote: boolean | undefined): number {
  return (traceFlags & 0xff) | HAS_IS_REMOTE | (isRemote ? IS_REMOTE : 0);
}

/** The lower-case hex of the ids of the spans being written (bulk-ids.ts), or null; its cursor. */
let bulkIds: DataView | null = null;
let bulkPos = 0;

/**
 * writeIdMember for the ids of spans (not links): copied from the bulk hex as int32 words when
 * there is one, in the order bulkLowerHexIds gathered them.
 */
function writeSpanIdMember(w: JsonWriter, c: boolean, m: Member, hex: string | undefined): boolean {
  const ids = bulkIds;
  if (ids === null) return writeIdMember(w, c, m, hex);
  if (!writesId(hex)) return c;
  writeName(w, c, m);
  const n = hex.length;
  w.ensure(n + 5); // words may write up to 3 bytes past the id; the quote comes after
  const dv = w.dataView();
  let pos = w.pos;
  w.buf[pos++] = 0x22; // "
  const from = bulkPos;
  for (let j = 0; j < n; j += 4) dv.setInt32(pos + j, ids.getInt32(from + j, true), true);
  bulkPos = from + n;
  pos += n;
  w.buf[pos++] = 0x22; // "
  w.pos = pos;
  return true;
}

function writeIds(w: JsonWriter, ctx: SdkSpanContext): boolean {
  let c = writeIdMember(w, false, M.traceId, ctx.traceId);
  c = writeIdMember(w, c, M.spanId, ctx.spanId);
  return writeStringMember(w, c, M.traceState, ctx.traceState?.serialize());
}

function writeEventJson(w: JsonWriter, event: SdkTimedEvent): void {
  w.byte(0x7b); // {
  let c = writeTimeMember(w, false, M.timeUnixNano, event.time);
  c = writeStringMember(w, c, M.name, event.name);
  c = writeSdkAttributesMember(w, !c, 'attributes', event.attributes);
  writeCountMember(w, c, M.droppedAttributesCount, event.droppedAttributesCount);
  w.byte(0x7d); // }
}

function writeLinkJson(w: JsonWriter, link: SdkLink): void {
  const ctx = link.context;
  w.byte(0x7b); // {
  let c = writeIds(w, ctx);
  c = writeSdkAttributesMember(w, !c, 'attributes', link.attributes);
  c = writeCountMember(w, c, M.droppedAttributesCount, link.droppedAttributesCount);
  writeCountMember(w, c, M.flags, flags(ctx.traceFlags, ctx.isRemote));
  w.byte(0x7d); // }
}

function writeSpanJson(w: JsonWriter, span: SdkReadableSpan): void {
  const ctx = span.spanContext();
  const parent = span.parentSpanContext;
  w.byte(0x7b); // {
  // `c` says whether the object has a member yet: every later member starts with a comma.
  let c = writeSpanIdMember(w, false, M.traceId, ctx.traceId);
  c = writeSpanIdMember(w, c, M.spanId, ctx.spanId);
  c = writeStringMember(w, c, M.traceState, ctx.traceState?.serialize());
  if (parent !== undefined) c = writeSpanIdMember(w, c, M.parentSpanId, parent.spanId);
  c = writeStringMember(w, c, M.name, span.name);
  const kind = span.kind == null ? 0 : span.kind + 1; // API SpanKind + 1
  c = writeCountMember(w, c, M.kind, kind);
  c = writeTimeMember(w, c, M.startTimeUnixNano, span.startTime);
  c = writeTimeMember(w, c, M.endTimeUnixNano, span.endTime);
  c = writeSpanAttributesJson(w, !c, span.attributes, spanKeys, span.instrumentationScope, kind);
  c = writeCountMember(w, c, M.droppedAttributesCount, span.droppedAttributesCount);
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
  c = writeCountMember(w, c, M.droppedEventsCount, span.droppedEventsCount);
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
  c = writeCountMember(w, c, M.droppedLinksCount, span.droppedLinksCount);
  const status = span.status;
  if (status.code !== 0 || status.message) {
    w.ascii(c ? ',"status":{' : '"status":{');
    const s = writeStringMember(w, false, M.message, status.message);
    writeCountMember(w, s, M.code, status.code);
    w.byte(0x7d);
    c = true;
  }
  writeCountMember(w, c, M.flags, flags(ctx.traceFlags, parent?.isRemote));
  w.byte(0x7d); // }
}

/**
 * Encodes SDK spans as one ExportTraceServiceRequest in OTLP/JSON (UTF-8). Parses to the same
 * data as `JsonTraceSerializer.serializeRequest` of @opentelemetry/otlp-transformer, written the
 * way the spec asks (int64 as decimal strings, NaN/Infinity as strings, defaults omitted).
 */
export function encodeTracesJson(spans: readonly SdkReadableSpan[]): Uint8Array {
  return encodeTracesJsonWith(spans, defaultHexKernels());
}

/** encodeTracesJson with the ids of groups of BULK_MIN_SPANS or more through `kernels`. */
export function encodeTracesJsonWith(
  spans: readonly SdkReadableSpan[],
  kernels: HexKernels | null,
): Uint8Array {
  const w = writer;
  output.start(w, spans.length, 0);
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
        if (i % BULK_CHUNK === 0) {
          const end = Math.min(list.length, i + BULK_CHUNK);
          bulkIds =
            kernels !== null && end - i >= BULK_MIN_SPANS ? bulkLowerHexIds(list, i, end, kernels) : null;
          bulkPos = 0;
        }
        writeSpanJson(w, list[i]);
      }
      bulkIds = null;
      w.byte(0x5d);
      writeSchemaUrlMember(w, scope.schemaUrl);
      w.byte(0x7d);
    }
    w.byte(0x5d);
    writeSchemaUrlMember(w, resource.schemaUrl);
    w.byte(0x7d);
  }
  w.ascii(']}');
  return output.finish(w, spans.length);
}
