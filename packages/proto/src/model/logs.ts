import type { AnyValue, InstrumentationScope, KeyValue, Resource } from './common.js';

/**
 * The plain typed model of opentelemetry/proto/logs/v1 (opentelemetry-proto v1.11.0) and its
 * ExportLogsServiceRequest. Field names are the lowerCamelCase names of the OTLP/JSON mapping;
 * 64-bit timestamps are bigints; absent proto3 fields hold their default. `resource`, `scope`
 * and `body` are optional because a message field can be absent on the wire, which is not the
 * same as present and empty.
 */

/** SeverityNumber enum values (the numbers on the wire and in OTLP/JSON). */
export const SeverityNumber = {
  UNSPECIFIED: 0,
  TRACE: 1,
  TRACE2: 2,
  TRACE3: 3,
  TRACE4: 4,
  DEBUG: 5,
  DEBUG2: 6,
  DEBUG3: 7,
  DEBUG4: 8,
  INFO: 9,
  INFO2: 10,
  INFO3: 11,
  INFO4: 12,
  WARN: 13,
  WARN2: 14,
  WARN3: 15,
  WARN4: 16,
  ERROR: 17,
  ERROR2: 18,
  ERROR3: 19,
  ERROR4: 20,
  FATAL: 21,
  FATAL2: 22,
  FATAL3: 23,
  FATAL4: 24,
} as const;
export type SeverityNumber = (typeof SeverityNumber)[keyof typeof SeverityNumber];

/** LogRecordFlags bits: the low byte holds the W3C trace flags. */
export const LogRecordFlags = {
  TRACE_FLAGS_MASK: 0xff,
} as const;

export interface ExportLogsServiceRequest {
  resourceLogs: ResourceLogs[];
}

export interface ResourceLogs {
  resource?: Resource;
  scopeLogs: ScopeLogs[];
  schemaUrl: string;
}

export interface ScopeLogs {
  scope?: InstrumentationScope;
  logRecords: LogRecord[];
  schemaUrl: string;
}

export interface LogRecord {
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint;
  /** A SeverityNumber value; unknown numbers are kept as they came. */
  severityNumber: number;
  severityText: string;
  body?: AnyValue;
  attributes: KeyValue[];
  droppedAttributesCount: number;
  /** LogRecordFlags: the low byte is the W3C trace flags. */
  flags: number;
  /** 16 bytes, or empty when the record is not tied to a trace. */
  traceId: Uint8Array;
  /** 8 bytes, or empty when the record is not tied to a span. */
  spanId: Uint8Array;
  eventName: string;
}
