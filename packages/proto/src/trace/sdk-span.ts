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

export interface SdkResource {
  readonly attributes: SdkAttributes;
  readonly schemaUrl?: string;
  readonly asyncAttributesPending?: boolean;
}

export interface SdkInstrumentationScope {
  readonly name: string;
  readonly version?: string;
  readonly schemaUrl?: string;
  /** Scope attributes (newer SDKs); written when present. */
  readonly attributes?: SdkAttributes;
  readonly droppedAttributesCount?: number;
}

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
