/**
 * perf_event names (as `perf stat -e` spells them) and their perf_event_attr type/config
 * (linux/perf_event.h). Software events are counted by the kernel and work on every Linux machine,
 * VMs included; hardware events need a PMU, which many VMs do not expose (ENOENT).
 */
export type PerfEventName =
  | 'task-clock'
  | 'cpu-clock'
  | 'page-faults'
  | 'minor-faults'
  | 'major-faults'
  | 'context-switches'
  | 'cpu-migrations'
  | 'cycles'
  | 'instructions'
  | 'cache-references'
  | 'cache-misses'
  | 'branch-instructions'
  | 'branch-misses';

const PERF_TYPE_HARDWARE = 0;
const PERF_TYPE_SOFTWARE = 1;

export interface PerfEventSpec {
  readonly type: number;
  readonly config: number;
  readonly hardware: boolean;
  /** Unit of the value: nanoseconds for the clocks, else a count. */
  readonly unit: 'ns' | 'count';
}

export const PERF_EVENTS: Readonly<Record<PerfEventName, PerfEventSpec>> = Object.freeze({
  'cpu-clock': { type: PERF_TYPE_SOFTWARE, config: 0, hardware: false, unit: 'ns' },
  'task-clock': { type: PERF_TYPE_SOFTWARE, config: 1, hardware: false, unit: 'ns' },
  'page-faults': { type: PERF_TYPE_SOFTWARE, config: 2, hardware: false, unit: 'count' },
  'context-switches': { type: PERF_TYPE_SOFTWARE, config: 3, hardware: false, unit: 'count' },
  'cpu-migrations': { type: PERF_TYPE_SOFTWARE, config: 4, hardware: false, unit: 'count' },
  'minor-faults': { type: PERF_TYPE_SOFTWARE, config: 5, hardware: false, unit: 'count' },
  'major-faults': { type: PERF_TYPE_SOFTWARE, config: 6, hardware: false, unit: 'count' },
  cycles: { type: PERF_TYPE_HARDWARE, config: 0, hardware: true, unit: 'count' },
  instructions: { type: PERF_TYPE_HARDWARE, config: 1, hardware: true, unit: 'count' },
  'cache-references': { type: PERF_TYPE_HARDWARE, config: 2, hardware: true, unit: 'count' },
  'cache-misses': { type: PERF_TYPE_HARDWARE, config: 3, hardware: true, unit: 'count' },
  'branch-instructions': { type: PERF_TYPE_HARDWARE, config: 4, hardware: true, unit: 'count' },
  'branch-misses': { type: PERF_TYPE_HARDWARE, config: 5, hardware: true, unit: 'count' },
});

/** Span attribute carrying an event's delta: `otlpx.perf.task_clock`, `otlpx.perf.cache_misses`. */
export function attributeName(event: PerfEventName): string {
  return `otlpx.perf.${event.replace(/-/g, '_')}`;
}
