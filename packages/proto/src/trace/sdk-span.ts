import type { SdkResourceLike, SdkScopeLike } from '../common/sdk-resource-scope.js';

/**
 * The parts of an OpenTelemetry JS SDK 2.x `ReadableSpan` (sdk-trace-base / sdk-trace) that the
 * trace encoders read, as structural types: an SDK span is assignable to `SdkReadableSpan`,
 * and @otlpx/proto needs no SDK package at run time or in its type declarations.
 */

/** `[seconds, nanoseconds]` since the Unix epoch (the API's HrTime). */
export type SdkHrTime = [number, number];

/** SDK attribute records: string keys to primitives, arrays, Uint8Array or nested records. */
export type SdkAttributes = object;

export interface SdkTraceState {
  serialize(): string;
}

export interface SdkSpanContext {
  traceId: string;
  spanId: string;
  traceFlags: number;
  isRemote?: boolean;
  traceState?: SdkTraceState;
}

/** An SDK Resource (@opentelemetry/resources 2.x), as the shared resource encoder reads it. */
export type SdkResource = SdkResourceLike;

/** An SDK InstrumentationScope (scope attributes included, as newer SDKs have them). */
export type SdkInstrumentationScope = SdkScopeLike;

export interface SdkTimedEvent {
  time: SdkHrTime;
  name: string;
  attributes?: SdkAttributes;
  droppedAttributesCount?: number;
}

export interface SdkLink {
  context: SdkSpanContext;
  attributes?: SdkAttributes;
  droppedAttributesCount?: number;
}

export interface SdkReadableSpan {
  readonly name: string;
  /** API SpanKind: INTERNAL 0 ... CONSUMER 4 (OTLP's value minus one). */
  readonly kind: number;
  readonly spanContext: () => SdkSpanContext;
  readonly parentSpanContext?: SdkSpanContext;
  readonly startTime: SdkHrTime;
  readonly endTime: SdkHrTime;
  readonly status: { code: number; message?: string };
  readonly attributes: SdkAttributes;
  readonly links: SdkLink[];
  readonly events: SdkTimedEvent[];
  readonly resource: SdkResource;
  readonly instrumentationScope: SdkInstrumentationScope;
  readonly droppedAttributesCount: number;
  readonly droppedEventsCount: number;
  readonly droppedLinksCount: number;
}
