import { OwnedOutput } from '../common/owned-output.js';
import { writeSdkResourceField, writeSdkScopeField } from '../common/sdk-resource-scope.js';
import { ProtoWriter, varintSize } from '../wire/writer.js';
import {
  BULK_CHUNK,
  BULK_MAX_BINARY,
  BULK_MIN_SPANS,
  bulkIdBytes,
  defaultHexKernels,
  type HexKernels,
} from './bulk-ids.js';
import { groupSpans } from './group-spans.js';
import type { SdkReadableSpan, SdkResource } from './sdk-span.js';
import { writeSdkSpans } from './write-sdk-span.js';

// SDK ReadableSpan[] -> ExportTraceServiceRequest bytes, single pass, straight into the memory
// of the result (see common/owned-output.ts). Spans are grouped by resource and scope object identity in order of first
// appearance, exactly like the official ProtobufTraceSerializer, so both decode to the same
// message (ours omits the proto3 defaults the official one writes explicitly).
//
// Measurements quoted below: see write-sdk-span.ts (512 HTTP spans, encodeTraces vs
// ProtobufTraceSerializer.serializeRequest, fresh process, median).

const writer = new ProtoWriter(64);
/** Sizes the output from the previous call's bytes per span (~500 for an HTTP server span). */
const output = new OwnedOutput(512);
/** Average bytes per span of the last call: sizes the length prefixes reserved up front. */
let bytesPerSpan = 600;

/**
 * Reserves `n` bytes for the length of a message of about `estimate` bytes. ResourceSpans and
 * ScopeSpans hold the whole batch (280 KB for 512 spans): a one-byte fork() would move all of
 * it once per level in join(); sized from the previous call, the reservation is almost always
 * exact and nothing moves.
 */
function forkSized(w: ProtoWriter, estimate: number): number {
  const n = varintSize(estimate);
  w.ensure(n);
  w.pos += n;
  return n;
}

function joinSized(w: ProtoWriter, bodyStart: number, reserved: number): void {
  const len = w.pos - bodyStart;
  const need = varintSize(len);
  if (need !== reserved) {
    w.ensure(need - reserved);
    w.buf.copyWithin(bodyStart + need - reserved, bodyStart, w.pos);
    w.pos += need - reserved;
    bodyStart += need - reserved;
  }
  const buf = w.buf;
  let pos = bodyStart - need;
  let v = len;
  while (v > 0x7f) {
    buf[pos++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  buf[pos] = v;
}

function writeScopeSpans(w: ProtoWriter, spans: readonly SdkReadableSpan[], from: number, to: number): void {
  const scope = spans[from].instrumentationScope;
  w.byte(0x12); // ResourceSpans 2: scope_spans (LEN ScopeSpans)
  const reserved = forkSized(w, (to - from) * bytesPerSpan + 64);
  const bodyStart = w.pos;
  writeSdkScopeField(w, scope); // 1: scope (encoded once per scope object)
  const k = to - from <= BULK_MAX_BINARY ? kernels : null;
  for (let start = from; start < to; start += BULK_CHUNK) {
    const end = Math.min(to, start + BULK_CHUNK);
    const ids = k !== null && end - start >= BULK_MIN_SPANS ? bulkIdBytes(spans, start, end, k) : null;
    writeSdkSpans(w, 0x12, spans, start, end, ids); // 2: spans (LEN Span)
  }
  if (scope.schemaUrl) {
    w.byte(0x1a); // 3: schema_url (LEN)
    w.string(scope.schemaUrl);
  }
  joinSized(w, bodyStart, reserved);
}

function writeResourceSpans(
  w: ProtoWriter,
  resource: SdkResource,
  groups: SdkReadableSpan[][] | null,
  spans: readonly SdkReadableSpan[],
): void {
  w.byte(0x0a); // ExportTraceServiceRequest 1: resource_spans (LEN ResourceSpans)
  const count = groups === null ? spans.length : groups.reduce((n, g) => n + g.length, 0);
  const reserved = forkSized(w, count * bytesPerSpan + 1024);
  const bodyStart = w.pos;
  writeSdkResourceField(w, resource); // 1: resource (encoded once per resource object)
  if (groups === null) writeScopeSpans(w, spans, 0, spans.length);
  else for (const group of groups) writeScopeSpans(w, group, 0, group.length);
  if (resource.schemaUrl) {
    w.byte(0x1a); // 3: schema_url (LEN)
    w.string(resource.schemaUrl);
  }
  joinSized(w, bodyStart, reserved);
}

/**
 * Encodes SDK spans as an OTLP ExportTraceServiceRequest. Decodes (protobufjs, protoc) to the
 * same message as `ProtobufTraceSerializer.serializeRequest` of @opentelemetry/otlp-transformer,
 * without the explicit defaults. The result is fresh memory the caller owns.
 */
export function encodeTraces(spans: readonly SdkReadableSpan[]): Uint8Array {
  return encodeTracesWith(spans, defaultHexKernels());
}

/** The @otlpx/simd kernels of the call in progress (null: each id decoded by the JS loop). */
let kernels: HexKernels | null = null;

/** encodeTraces with the ids of groups of BULK_MIN_SPANS or more decoded through `hexKernels`. */
export function encodeTracesWith(
  spans: readonly SdkReadableSpan[],
  hexKernels: HexKernels | null,
): Uint8Array {
  kernels = hexKernels;
  const w = writer;
  const n = spans.length;
  output.start(w, n, 0);
  if (n > 0) {
    // One resource and one scope is the common case (one provider, one tracer): skip grouping.
    const resource = spans[0].resource;
    const scope = spans[0].instrumentationScope;
    let uniform = true;
    for (let i = 1; i < n; i++) {
      const span = spans[i];
      if (span.resource !== resource || span.instrumentationScope !== scope) {
        uniform = false;
        break;
      }
    }
    if (uniform) writeResourceSpans(w, resource, null, spans);
    else
      for (const [res, byScope] of groupSpans(spans))
        writeResourceSpans(w, res, [...byScope.values()], spans);
    bytesPerSpan = Math.ceil(w.pos / n);
  }
  return output.finish(w, n);
}
