// The SDK's processors export with tracing suppressed, so that an instrumented HTTP client does
// not trace the exporter's own requests. The transport does it for every export: here an Agent
// (httpAgentOptions as a function) looks at the context each request is made in, as
// @opentelemetry/instrumentation-http would.
import * as http from 'node:http';
import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { isTracingSuppressed } from '@opentelemetry/core';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { makeHttpServerSpans } from '@otlpx/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FastSpanProcessor } from '../src/fast-span-processor.js';
import { OtlpTraceExporter } from '../src/otlp-trace-exporter.js';
import { reply } from './support/receiver.js';
import { useReceiver } from './support/use-receiver.js';

const h = useReceiver();

beforeEach(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
afterEach(() => {
  context.disable();
});

/** An exporter whose requests record whether tracing was suppressed when they were made. */
function observedExporter(): { exporter: OtlpTraceExporter; suppressed: boolean[] } {
  const suppressed: boolean[] = [];
  const agent = new http.Agent();
  const addRequest = (agent as unknown as { addRequest: (...args: unknown[]) => void }).addRequest;
  (agent as unknown as { addRequest: (...args: unknown[]) => void }).addRequest = function (...args) {
    suppressed.push(isTracingSuppressed(context.active()));
    return addRequest.apply(this, args);
  };
  const exporter = new OtlpTraceExporter({
    url: h.receiver.url(),
    httpAgentOptions: () => agent,
    retry: { initialBackoffMillis: 5, maxBackoffMillis: 10 },
  });
  return { exporter, suppressed };
}

describe('exports run with tracing suppressed', () => {
  it('for OtlpTraceExporter.export, retries included, and the caller keeps its context', async () => {
    h.receiver.respond(reply(503));
    const { exporter, suppressed } = observedExporter();
    const result = await context.with(
      ROOT_CONTEXT,
      () => new Promise((resolve) => exporter.export(makeHttpServerSpans({ count: 2 }), resolve)),
    );
    expect(result).toEqual({ code: 0 });
    expect(suppressed).toEqual([true, true]);
    expect(isTracingSuppressed(context.active())).toBe(false);
    await exporter.shutdown();
  });

  it('for batches FastSpanProcessor sends', async () => {
    const { exporter, suppressed } = observedExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new FastSpanProcessor(exporter)] });
    provider.getTracer('t').startSpan('s').end();
    await provider.shutdown();
    expect(h.receiver.requests).toHaveLength(1);
    expect(suppressed).toEqual([true]);
  });
});
