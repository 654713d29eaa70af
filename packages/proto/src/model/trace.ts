import type { InstrumentationScope, KeyValue, Resource } from './common.js';

/**
 * The plain typed model of opentelemetry/proto/collector/trace/v1 ExportTraceServiceRequest and
 * trace/v1 (opentelemetry-proto v1.11.0). Field names are the lowerCamelCase names of the
 * OTLP/JSON mapping; ids are raw bytes; fixed64 times are bigints (nanoseconds since the Unix
 * epoch); absent proto3 fields hold their default (0, '', empty bytes, []), and absent
 * sub-messages (`resource`, `scope`, `status`) are `undefined`.
 */

export interface ExportTraceServiceRequest {
  resourceSpans: ResourceSpans[];
}

export interface ResourceSpans {
  /** Absent when the producer wrote no resource message. */
  resource?: Resource;
  scopeSpans: ScopeSpans[];
  schemaUrl: string;
}

export interface ScopeSpans {
  /** Absent when the producer wrote no scope message. */
  scope?: InstrumentationScope;
  spans: Span[];
  schemaUrl: string;
}

/**
 * Span.SpanKind as OTLP numbers it: UNSPECIFIED 0, INTERNAL 1, SERVER 2, CLIENT 3, PRODUCER 4,
 * CONSUMER 5 (one more than @opentelemetry/api's SpanKind, hence the distinct name).
 */
export const OtlpSpanKind = {
  UNSPECIFIED: 0,
  INTERNAL: 1,
  SERVER: 2,
  CLIENT: 3,
  PRODUCER: 4,
  CONSUMER: 5,
} as const;

/** Status.StatusCode: UNSET 0, OK 1, ERROR 2 (the same numbers as the API's SpanStatusCode). */
export const OtlpStatusCode = {
  UNSET: 0,
  OK: 1,
  ERROR: 2,
} as const;

/** SpanFlags bit masks of `Span.flags` and `Link.flags`. */
export const OtlpSpanFlags = {
  TRACE_FLAGS_MASK: 0xff,
  CONTEXT_HAS_IS_REMOTE_MASK: 0x100,
  CONTEXT_IS_REMOTE_MASK: 0x200,
} as const;

export interface Span {
  /** 1: 16 bytes (empty only in invalid input). */
  traceId: Uint8Array;
  /** 2: 8 bytes. */
  spanId: Uint8Array;
  /** 3: W3C tracestate header value. */
  traceState: string;
  /** 4: empty for a root span. */
  parentSpanId: Uint8Array;
  /** 16: W3C trace flags (bits 0-7) and the SpanFlags remote bits (8, 9). */
  flags: number;
  /** 5 */
  name: string;
  /** 6: a SpanKind value; unknown values are kept as numbers. */
  kind: number;
  /** 7 */
  startTimeUnixNano: bigint;
  /** 8 */
  endTimeUnixNano: bigint;
  /** 9 */
  attributes: KeyValue[];
  /** 10 */
  droppedAttributesCount: number;
  /** 11 */
  events: SpanEvent[];
  /** 12 */
  droppedEventsCount: number;
  /** 13 */
  links: SpanLink[];
  /** 14 */
  droppedLinksCount: number;
  /** 15: absent when the producer wrote no status message. */
  status?: Status;
}

/** Span.Event */
export interface SpanEvent {
  /** 1 */
  timeUnixNano: bigint;
  /** 2 */
  name: string;
  /** 3 */
  attributes: KeyValue[];
  /** 4 */
  droppedAttributesCount: number;
}

/** Span.Link */
export interface SpanLink {
  /** 1 */
  traceId: Uint8Array;
  /** 2 */
  spanId: Uint8Array;
  /** 3 */
  traceState: string;
  /** 4 */
  attributes: KeyValue[];
  /** 5 */
  droppedAttributesCount: number;
  /** 6 */
  flags: number;
}

export interface Status {
  /** 2 */
  message: string;
  /** 3: a StatusCode value; unknown values are kept as numbers. */
  code: number;
}

/** Short name of ExportTraceServiceRequest. */
export type TraceRequest = ExportTraceServiceRequest;
