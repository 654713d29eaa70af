/**
 * `start()`: one call that turns a Node service into a traced and profiled one, exporting OTLP
 * through @otlpx/exporter-otlp. Like NodeSDK#start() it is synchronous (call it before the rest of
 * the app is imported), and like all otlpx telemetry code it never throws into the app: what cannot
 * start is reported through `diag` and left off.
 */
import { context, diag, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  defaultResource,
  detectResources,
  envDetector,
  hostDetector,
  processDetector,
  type Resource,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { FastSpanProcessor, OtlpProfileExporter, OtlpTraceExporter, signalUrl } from '@otlpx/exporter-otlp';
import { ContinuousProfiler } from '@otlpx/profiling';
import { settlingOtlpResource } from './otlp-resource.js';
import { resolveStart, type StartOptions } from './start-config.js';

export type { StartOptions } from './start-config.js';

export interface Otlpx {
  /** The SDK resource every signal carries. */
  readonly resource: Resource;
  /** The tracer provider registered globally (undefined when traces are off or one was registered already). */
  readonly tracerProvider: BasicTracerProvider | undefined;
  readonly spanProcessor: FastSpanProcessor | undefined;
  readonly profiler: ContinuousProfiler | undefined;
  /** Exports what is pending (spans, the current profile window). Never rejects. */
  forceFlush(): Promise<void>;
  /** Flushes, stops the profiler, shuts the provider down and unregisters the globals it set. Never rejects; idempotent. */
  shutdown(): Promise<void>;
}

/**
 * Starts tracing (FastSpanProcessor + OtlpTraceExporter, registered as the global tracer provider
 * with an AsyncLocalStorage context manager and W3C propagators) and continuous profiling
 * (ContinuousProfiler -> OtlpProfileExporter, samples linked to spans). Environment: the
 * `OTEL_EXPORTER_OTLP_*` and `OTEL_BSP_*` variables, `OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES`,
 * `OTEL_SDK_DISABLED`, `OTEL_TRACES_EXPORTER=none`, `OTEL_TRACES_SAMPLER`, `OTLPX_PROFILING=false`.
 */
export function start(options: StartOptions = {}, env: NodeJS.ProcessEnv = process.env): Otlpx {
  const config = resolveStart(options, env);
  const resource = buildResource(options);
  if (config.disabled) {
    diag.info('otlpx: OTEL_SDK_DISABLED=true, nothing started');
    return handle(resource, [], undefined, undefined, undefined);
  }
  const undo: Array<() => void> = [];
  let provider: BasicTracerProvider | undefined;
  let processor: FastSpanProcessor | undefined;
  let profiler: ContinuousProfiler | undefined;

  const contextManager = new AsyncLocalStorageContextManager().enable();
  if (context.setGlobalContextManager(contextManager)) undo.push(() => context.disable());
  else contextManager.disable(); // the app's own context manager stays
  if (config.propagators) {
    const registered = propagation.setGlobalPropagator(
      new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
    );
    if (registered) undo.push(() => propagation.disable());
  }

  if (config.traces !== false) {
    try {
      const url = options.endpoint === undefined ? undefined : signalUrl(options.endpoint, 'traces');
      processor = new FastSpanProcessor(new OtlpTraceExporter({ ...options.exporter, url }), config.traces);
      provider = new BasicTracerProvider({ resource, spanProcessors: [processor] });
      if (trace.setGlobalTracerProvider(provider)) {
        undo.push(() => trace.disable());
      } else {
        diag.warn('otlpx: a global tracer provider is registered already; start() leaves traces to it');
        provider.shutdown().catch(() => {}); // nothing was exported through it
        provider = undefined;
        processor = undefined;
      }
    } catch (err) {
      diag.error('otlpx: traces not started', err);
      provider = undefined;
      processor = undefined;
    }
  }

  if (config.profiling !== false) {
    try {
      const url = options.endpoint === undefined ? undefined : signalUrl(options.endpoint, 'profiles');
      profiler = new ContinuousProfiler({
        exporter: new OtlpProfileExporter({ ...options.exporter, url }),
        resource: settlingOtlpResource(resource),
        ...config.profiling,
      });
      profiler.start();
    } catch (err) {
      diag.error('otlpx: profiling not started', err);
      profiler = undefined;
    }
  }
  return handle(resource, undo, provider, processor, profiler);
}

function buildResource(options: StartOptions): Resource {
  let resource = defaultResource().merge(
    detectResources({ detectors: [processDetector, hostDetector, envDetector] }),
  );
  if (options.resourceAttributes)
    resource = resource.merge(resourceFromAttributes(options.resourceAttributes));
  if (options.serviceName)
    resource = resource.merge(resourceFromAttributes({ 'service.name': options.serviceName }));
  return resource;
}

function handle(
  resource: Resource,
  undo: Array<() => void>,
  tracerProvider: BasicTracerProvider | undefined,
  spanProcessor: FastSpanProcessor | undefined,
  profiler: ContinuousProfiler | undefined,
): Otlpx {
  let stopped: Promise<void> | undefined;
  const forceFlush = async (): Promise<void> => {
    await Promise.all([
      tracerProvider?.forceFlush().catch((err: unknown) => diag.error('otlpx: span flush failed', err)),
      profiler?.flush().catch((err: unknown) => diag.error('otlpx: profile flush failed', err)),
    ]);
  };
  const shutdown = (): Promise<void> => {
    stopped ??= (async () => {
      // The profiler first: its last window still links samples to spans the provider knows.
      await profiler?.stop().catch((err: unknown) => diag.error('otlpx: profiler stop failed', err));
      await tracerProvider
        ?.shutdown()
        .catch((err: unknown) => diag.error('otlpx: tracer shutdown failed', err));
      for (const step of undo.reverse()) step();
    })();
    return stopped;
  };
  return { resource, tracerProvider, spanProcessor, profiler, forceFlush, shutdown };
}
