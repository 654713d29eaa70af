export {
  type CounterBackend,
  type CounterStatus,
  type Counters,
  type OpenCountersOptions,
  openCounters,
} from './counters.js';
export { attributeName, PERF_EVENTS, type PerfEventName, type PerfEventSpec } from './events.js';
export { SpanCountersProcessor, type SpanCountersProcessorOptions } from './span-counters-processor.js';
