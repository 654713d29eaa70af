/**
 * The SDK's "suppress tracing" context flag, without depending on @opentelemetry/core: its key is
 * `createContextKey('OpenTelemetry SDK Context Key SUPPRESS_TRACING')`, a `Symbol.for` of that
 * description, so this is the same key core's `suppressTracing` sets and instrumentations
 * (`isTracingSuppressed`) read.
 *
 * Why: the SDK's processors export with tracing suppressed so that instrumented HTTP clients do
 * not trace the exporter's own requests (each export would make a span, to be exported, ...).
 * Through node:http (httpAgentOptions, keepAlive: false, proxies) @opentelemetry/instrumentation-http
 * would do just that; the transport runs every export this way, whoever calls it.
 */
import { type Context, context, createContextKey } from '@opentelemetry/api';

const SUPPRESS_TRACING_KEY = createContextKey('OpenTelemetry SDK Context Key SUPPRESS_TRACING');

/** `fn()` in the active context with tracing suppressed. */
export function withTracingSuppressed<T>(fn: () => T): T {
  const active: Context = context.active();
  return context.with(active.setValue(SUPPRESS_TRACING_KEY, true), fn);
}
