import type { PackedBytes } from '../common/packed-bytes.js';
import { writeSdkAttributes } from '../common/sdk-attributes.js';
import { type ProtoWriter, varintSize } from '../wire/writer.js';
import { AttributeMemos } from './attribute-memo.js';
import { writesId } from './bulk-ids.js';
import type { SdkHrTime, SdkLink, SdkReadableSpan, SdkSpanContext, SdkTimedEvent } from './sdk-span.js';
import { writeSpanAttributes } from './span-attributes.js';

// One SDK ReadableSpan -> one `Span` message (trace/v1/trace.proto), written straight into the
// shared ProtoWriter: no intermediate objects, no bigint, no per-id Uint8Array. Fields go in
// field-number order and proto3 defaults are omitted (dropped counts of 0, an UNSET status with
// no message), so decodeTraceRequest + encodeTraceRequest give back the same bytes.
//
// Measurements quoted below: encodeTraces on makeHttpServerSpans({ count: 512 }), CPU profiles
// (`node --cpu-prof`) and medians of fresh processes (200 warm-up calls, 9 x 200 timed calls,
// alternating with ProtobufTraceSerializer), Node 20.20.2 on the 2-core EPYC VM; the figures of
// the finished encoder come from benchmarks/encode (see packages/proto/README.md, Traces).

const HAS_IS_REMOTE = 0x100; // SpanFlags.SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK
const IS_REMOTE = 0x200; // SpanFlags.SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK

/**
 * The value of a hex digit by char code, 0 for any other character: indexed by the full code,
 * no masking. 64 KB, but only the two cache lines of '0'-'9' and 'a'-'f' are ever hot. It ran
 * as fast as the previous 128 x 128 table of pairs indexed by `(c1 & 0x7f) << 7 | (c2 & 0x7f)`
 * (which read 'á' as 'a'), and Buffer#hexWrite was 20 % slower per call (in-process A/B, 512
 * HTTP spans): reading the id strings, not the decoding, is what the loop waits on.
 */
const HEX_NIBBLE = new Uint8Array(65536);
for (let c = 0; c < 10; c++) HEX_NIBBLE[48 + c] = c;
for (let c = 0; c < 6; c++) HEX_NIBBLE[97 + c] = HEX_NIBBLE[65 + c] = 10 + c;

/**
 * Writes `tag, length, bytes` of a hex id straight into the buffer. The official serializer
 * allocates a Uint8Array per id twice per span (hexToBinary, 15 % of its profile); decoding the
 * pairs in place removed that allocation and its GC.
 */
function writeHexId(w: ProtoWriter, tag: number, hex: string): void {
  const n = hex.length >>> 1;
  if (n === 0) return; // an empty bytes field is a proto3 default
  w.ensure(6 + n);
  const buf = w.buf;
  let pos = w.pos;
  buf[pos++] = tag;
  if (n < 0x80) buf[pos++] = n;
  else {
    w.pos = pos;
    w.uint32(n); // not an SDK id: longer than 127 bytes
    pos = w.pos;
  }
  for (let i = 0; i < 2 * n; i += 2) {
    buf[pos++] = (HEX_NIBBLE[hex.charCodeAt(i)] << 4) | HEX_NIBBLE[hex.charCodeAt(i + 1)];
  }
  w.pos = pos;
}

/** The bytes of the ids of the spans being written (bulk-ids.ts), or null; its cursor. */
let bulkIds: DataView | null = null;
let bulkPos = 0;

/**
 * writeHexId for the ids of spans (not links): copied from the bulk bytes as int32 words when
 * there are some, in the order bulkIdBytes decoded them.
 */
function writeSpanHexId(w: ProtoWriter, tag: number, hex: string | undefined): void {
  const ids = bulkIds;
  if (ids === null) {
    if (hex !== undefined) writeHexId(w, tag, hex);
    return;
  }
  if (!writesId(hex)) return;
  const n = hex.length >>> 1; // < 128: bulkIdBytes takes no longer ids
  w.ensure(n + 5); // words may write up to 3 bytes past the id; what follows overwrites them
  const buf = w.buf;
  const outView = w.dataView();
  let pos = w.pos;
  buf[pos++] = tag;
  buf[pos++] = n;
  const from = bulkPos;
  for (let j = 0; j < n; j += 4) outView.setInt32(pos + j, ids.getInt32(from + j, true), true);
  bulkPos = from + n;
  w.pos = pos + n;
}

/**
 * Writes `spans[from..to)` as Span messages under the one-byte `fieldTag`; `ids` are the bytes
 * of their ids from bulkIdBytes (same spans), or null to decode each id here.
 */
export function writeSdkSpans(
  w: ProtoWriter,
  fieldTag: number,
  spans: readonly SdkReadableSpan[],
  from: number,
  to: number,
  ids: DataView | null,
): void {
  bulkIds = ids;
  bulkPos = 0;
  try {
    for (let i = from; i < to; i++) writeSdkSpan(w, fieldTag, spans[i]);
  } finally {
    bulkIds = null;
  }
}

/**
 * Writes `tag` and an HrTime as fixed64 nanoseconds without bigint. seconds * 1e9 passes 2^53,
 * so seconds is split at bit 16: both halves times 1e9 stay exact doubles, and the part of the
 * high product that lands in the low word is carried over with integer ops (`%` on doubles is
 * an fmod call; the first version with `%` and Math.floor took 7.7 % of the 512-span profile).
 */
function writeHrTime(w: ProtoWriter, tag: number, time: SdkHrTime): void {
  const seconds = time[0];
  if (seconds === 0 && time[1] === 0) return; // fixed64 0 is a proto3 default
  const secondsHigh = seconds >= 0 && seconds < 4294967296 ? seconds >>> 16 : Math.floor(seconds / 65536);
  const low = (seconds - secondsHigh * 65536) * 1e9 + time[1]; // < 2^47: exact
  const high = secondsHigh * 1e9; // exact while seconds < 2^39; contributes high * 2^16
  const highLow16 = high & 0xffff; // ToInt32 keeps the exact low bits of an integer < 2^53
  const lowSum = highLow16 * 65536 + low;
  const lo = lowSum >>> 0;
  const hi = ((high - highLow16) / 65536 + Math.floor(lowSum / 4294967296)) >>> 0;
  w.ensure(9);
  const buf = w.buf;
  const pos = w.pos;
  buf[pos] = tag;
  buf[pos + 1] = lo;
  buf[pos + 2] = lo >>> 8;
  buf[pos + 3] = lo >>> 16;
  buf[pos + 4] = lo >>> 24;
  buf[pos + 5] = hi;
  buf[pos + 6] = hi >>> 8;
  buf[pos + 7] = hi >>> 16;
  buf[pos + 8] = hi >>> 24;
  w.pos = pos + 9;
}

function writeFixed32(w: ProtoWriter, tag1: number, tag2: number, value: number): void {
  w.ensure(6);
  const buf = w.buf;
  let pos = w.pos;
  buf[pos++] = tag1;
  if (tag2 !== 0) buf[pos++] = tag2;
  buf[pos++] = value;
  buf[pos++] = value >>> 8;
  buf[pos++] = value >>> 16;
  buf[pos++] = value >>> 24;
  w.pos = pos;
}

function writeCount(w: ProtoWriter, tag: number, value: number | undefined): void {
  if (value) {
    w.byte(tag);
    w.uint32(value);
  }
}

/**
 * Span bodies are 128 bytes to 16 KiB in practice (546 bytes for the HTTP span), whose length
 * needs two varint bytes: reserving two bytes up front avoids the copyWithin that the generic
 * one-byte fork() + join() does for every such message.
 */
function forkSpan(w: ProtoWriter): number {
  w.ensure(2);
  const start = w.pos;
  w.pos = start + 2;
  return start;
}

function joinSpan(w: ProtoWriter, start: number): void {
  let len = w.pos - start - 2;
  if (len >= 0x80 && len < 0x4000) {
    w.buf[start] = (len & 0x7f) | 0x80;
    w.buf[start + 1] = len >>> 7;
    return;
  }
  // Rare sizes: move the body to fit a one-byte or a longer length prefix.
  const size = varintSize(len);
  w.ensure(size - 2);
  const buf = w.buf;
  buf.copyWithin(start + size, start + 2, w.pos);
  w.pos += size - 2;
  let pos = start;
  while (len > 0x7f) {
    buf[pos++] = (len & 0x7f) | 0x80;
    len >>>= 7;
  }
  buf[pos] = len;
}

const spanKeys = new AttributeMemos<PackedBytes>();
let lastTraceState: SdkSpanContext['traceState'];
let lastTraceStateText = '';

/** `TraceState.serialize()` builds a new string per call; spans of one trace share the object. */
function traceStateText(ctx: SdkSpanContext): string {
  const ts = ctx.traceState;
  if (ts === undefined) return '';
  if (ts !== lastTraceState) {
    lastTraceState = ts;
    lastTraceStateText = ts.serialize();
  }
  return lastTraceStateText;
}

function spanFlags(traceFlags: number, isRemote: boolean | undefined): number {
  return (traceFlags & 0xff) | HAS_IS_REMOTE | (isRemote ? IS_REMOTE : 0);
}

/** Writes `fieldTag` (one byte) and a Span message. */
export function writeSdkSpan(w: ProtoWriter, fieldTag: number, span: SdkReadableSpan): void {
  w.byte(fieldTag);
  const start = forkSpan(w);
  const ctx = span.spanContext();
  writeSpanHexId(w, 0x0a, ctx.traceId); // 1: trace_id (LEN)
  writeSpanHexId(w, 0x12, ctx.spanId); // 2: span_id (LEN)
  const traceState = traceStateText(ctx);
  if (traceState !== '') {
    w.byte(0x1a); // 3: trace_state (LEN)
    w.string(traceState);
  }
  const parent = span.parentSpanContext;
  if (parent !== undefined) writeSpanHexId(w, 0x22, parent.spanId); // 4: parent_span_id (LEN)
  w.byte(0x2a); // 5: name (LEN)
  w.string(span.name);
  const kind = span.kind == null ? 0 : span.kind + 1; // the API's SpanKind is OTLP's minus one
  if (kind !== 0) {
    w.byte(0x30); // 6: kind (VARINT)
    w.uint32(kind);
  }
  writeHrTime(w, 0x39, span.startTime); // 7: start_time_unix_nano (I64)
  writeHrTime(w, 0x41, span.endTime); // 8: end_time_unix_nano (I64)
  writeSpanAttributes(w, 0x4a, span.attributes, spanKeys, span.instrumentationScope, kind); // 9: attributes (LEN)
  writeCount(w, 0x50, span.droppedAttributesCount); // 10: dropped_attributes_count (VARINT)
  const events = span.events;
  for (let i = 0; i < events.length; i++) writeEvent(w, events[i]); // 11: events (LEN)
  writeCount(w, 0x60, span.droppedEventsCount); // 12: dropped_events_count (VARINT)
  const links = span.links;
  for (let i = 0; i < links.length; i++) writeLink(w, links[i]); // 13: links (LEN)
  writeCount(w, 0x70, span.droppedLinksCount); // 14: dropped_links_count (VARINT)
  const status = span.status;
  if (status.code !== 0 || status.message) {
    w.byte(0x7a); // 15: status (LEN Status)
    const s = w.fork();
    if (status.message) {
      w.byte(0x12); // Status 2: message (LEN)
      w.string(status.message);
    }
    if (status.code !== 0) {
      w.byte(0x18); // Status 3: code (VARINT)
      w.uint32(status.code);
    }
    w.join(s);
  }
  // 16: flags (I32), tag 0x85 0x01; never 0 because HAS_IS_REMOTE is always set
  writeFixed32(w, 0x85, 0x01, spanFlags(ctx.traceFlags, parent?.isRemote));
  joinSpan(w, start);
}

function writeEvent(w: ProtoWriter, event: SdkTimedEvent): void {
  w.byte(0x5a); // Span 11: events (LEN Event)
  const start = w.fork();
  writeHrTime(w, 0x09, event.time); // 1: time_unix_nano (I64)
  if (event.name) {
    w.byte(0x12); // 2: name (LEN)
    w.string(event.name);
  }
  if (event.attributes) writeSdkAttributes(w, 3, event.attributes); // 3: attributes (LEN)
  writeCount(w, 0x20, event.droppedAttributesCount); // 4: dropped_attributes_count (VARINT)
  w.join(start);
}

function writeLink(w: ProtoWriter, link: SdkLink): void {
  w.byte(0x6a); // Span 13: links (LEN Link)
  const start = w.fork();
  const ctx = link.context;
  writeHexId(w, 0x0a, ctx.traceId); // 1: trace_id (LEN)
  writeHexId(w, 0x12, ctx.spanId); // 2: span_id (LEN)
  const traceState = ctx.traceState?.serialize();
  if (traceState) {
    w.byte(0x1a); // 3: trace_state (LEN)
    w.string(traceState);
  }
  if (link.attributes) writeSdkAttributes(w, 4, link.attributes); // 4: attributes (LEN)
  writeCount(w, 0x28, link.droppedAttributesCount); // 5: dropped_attributes_count (VARINT)
  writeFixed32(w, 0x35, 0, spanFlags(ctx.traceFlags, ctx.isRemote)); // 6: flags (I32)
  w.join(start);
}
