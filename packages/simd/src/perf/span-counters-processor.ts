import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { type Counters, type OpenCountersOptions, openCounters } from './counters.js';
import { attributeName, type PerfEventName } from './events.js';

export interface SpanCountersProcessorOptions extends OpenCountersOptions {
  /** Events to attach; default task-clock, page-faults, context-switches, instructions, cycles. */
  events?: readonly PerfEventName[];
  /** Only spans this returns true for get counters (default: every span). */
  filter?: (span: Span) => boolean;
}

const DEFAULT_EVENTS: readonly PerfEventName[] = [
  'task-clock',
  'page-faults',
  'context-switches',
  'instructions',
  'cycles',
];

/**
 * Opt-in SpanProcessor that adds the counter deltas of the span's thread between start and end as
 * attributes (`otlpx.perf.task_clock` in ns, `otlpx.perf.page_faults`, ...). Meant for synchronous
 * spans: for a span that awaits, the delta includes whatever else the thread ran meanwhile.
 * Unavailable events (no PMU) are skipped. Register it before the exporting processor.
 */
export class SpanCountersProcessor implements SpanProcessor {
  readonly counters: Counters;
  #names: string[];
  #available: boolean[];
  #starts = new WeakMap<Span, Float64Array>();
  #end: Float64Array;
  #filter: ((span: Span) => boolean) | undefined;

  constructor(options: SpanCountersProcessorOptions = {}) {
    this.counters = openCounters(options.events ?? DEFAULT_EVENTS, options);
    this.#names = this.counters.events.map((e) => attributeName(e.name));
    this.#available = this.counters.events.map((e) => e.available);
    this.#end = new Float64Array(this.#names.length);
    this.#filter = options.filter;
  }

  onStart(span: Span, _parentContext: Context): void {
    if (this.#filter !== undefined && !this.#filter(span)) return;
    this.#starts.set(span, this.counters.sample());
  }

  onEnding(span: Span): void {
    const start = this.#starts.get(span);
    if (start === undefined) return;
    this.#starts.delete(span);
    const end = this.counters.sample(this.#end);
    for (let i = 0; i < end.length; i++) {
      if (this.#available[i]) span.setAttribute(this.#names[i], end[i] - start[i]);
    }
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.counters.close();
    return Promise.resolve();
  }
}
