import { readFileSync } from 'node:fs';
import { OtlpxError, OtlpxSimdArgumentError } from '../errors.js';
import { loadNativeAddon, type NativeAddon } from '../native-addon.js';
import { PERF_EVENTS, type PerfEventName } from './events.js';

export type CounterBackend = 'perf_event' | 'process';

/** How one requested event is counted, or why it is not. */
export interface CounterStatus {
  readonly name: PerfEventName;
  readonly available: boolean;
  /** errno name when perf_event_open refused the event (ENOENT, EACCES, ...). */
  readonly errno?: string;
  readonly reason?: string;
}

export interface Counters {
  readonly backend: CounterBackend;
  readonly events: readonly CounterStatus[];
  /** Deltas since the previous read() (or since openCounters); undefined for unavailable events. */
  read(): Record<string, number | undefined>;
  /** Cumulative values in `events` order into `out` (NaN when unavailable); for nested measurements. */
  sample(out?: Float64Array): Float64Array;
  close(): void;
}

export interface OpenCountersOptions {
  /**
   * 'auto' (default): perf_event_open when the native addon loads on Linux, else 'process'; events
   * the kernel refuses are reported unavailable. 'perf_event': refusals for lack of permission
   * throw OTLPX_ERR_PERF_ACCESS. 'process': process.cpuUsage()/resourceUsage() only.
   */
  backend?: 'auto' | CounterBackend;
}

const ERRNO: Record<number, string> = {
  1: 'EPERM',
  2: 'ENOENT',
  13: 'EACCES',
  19: 'ENODEV',
  22: 'EINVAL',
  95: 'EOPNOTSUPP',
};

function paranoid(): string {
  try {
    return readFileSync('/proc/sys/kernel/perf_event_paranoid', 'utf8').trim();
  } catch {
    return 'unknown';
  }
}

function explain(errno: number, name: PerfEventName): string {
  if (errno === 2 || errno === 19 || errno === 95) {
    return PERF_EVENTS[name].hardware
      ? 'no hardware counter for it on this machine (no PMU exposed, typical of VMs)'
      : 'the kernel does not provide this event';
  }
  if (errno === 13 || errno === 1) {
    return (
      `perf_event_open was refused (kernel.perf_event_paranoid = ${paranoid()}): counting the own thread ` +
      'needs perf_event_paranoid <= 2 (user space only) or <= 1 (with kernel), or CAP_PERFMON; ' +
      'in containers the seccomp profile must also allow perf_event_open'
    );
  }
  return `perf_event_open failed with errno ${errno}`;
}

function checkNames(names: readonly string[]): PerfEventName[] {
  if (!Array.isArray(names) || names.length === 0) {
    throw new OtlpxSimdArgumentError('events', 'expected a non-empty array of perf event names');
  }
  for (const name of names) {
    if (!Object.hasOwn(PERF_EVENTS, name)) {
      throw new OtlpxSimdArgumentError(
        'events',
        `unknown event "${name}"; known: ${Object.keys(PERF_EVENTS).join(', ')}`,
      );
    }
  }
  return names as PerfEventName[];
}

/** Reads what Node itself can tell (process-wide, not per thread). */
function processValue(name: PerfEventName): number {
  switch (name) {
    case 'task-clock':
    case 'cpu-clock': {
      const u = process.cpuUsage();
      return (u.user + u.system) * 1000;
    }
    case 'page-faults': {
      const r = process.resourceUsage();
      return r.minorPageFault + r.majorPageFault;
    }
    case 'minor-faults':
      return process.resourceUsage().minorPageFault;
    case 'major-faults':
      return process.resourceUsage().majorPageFault;
    case 'context-switches': {
      const r = process.resourceUsage();
      return r.voluntaryContextSwitches + r.involuntaryContextSwitches;
    }
    default:
      return Number.NaN;
  }
}

const PROCESS_EVENTS = new Set<PerfEventName>([
  'task-clock',
  'cpu-clock',
  'page-faults',
  'minor-faults',
  'major-faults',
  'context-switches',
]);

function openProcess(names: PerfEventName[]): Counters {
  const events = names.map(
    (name): CounterStatus =>
      PROCESS_EVENTS.has(name)
        ? { name, available: true }
        : { name, available: false, reason: 'not measurable without perf_event (process backend)' },
  );
  return createCounters('process', events, (out) => {
    for (let i = 0; i < names.length; i++) out[i] = events[i].available ? processValue(names[i]) : Number.NaN;
  });
}

function openPerf(addon: NativeAddon, names: PerfEventName[], strict: boolean): Counters {
  const fds = new Int32Array(names.length).fill(-1);
  const events: CounterStatus[] = [];
  for (let i = 0; i < names.length; i++) {
    const spec = PERF_EVENTS[names[i]];
    const fd = addon.perfOpen(spec.type, spec.config);
    if (fd >= 0) {
      fds[i] = fd;
      events.push({ name: names[i], available: true });
      continue;
    }
    const errno = -fd;
    const reason = explain(errno, names[i]);
    if (strict && (errno === 13 || errno === 1)) {
      for (const open of fds) if (open >= 0) addon.perfClose(open);
      throw new OtlpxError('OTLPX_ERR_PERF_ACCESS', `${names[i]}: ${reason}`);
    }
    events.push({ name: names[i], available: false, errno: ERRNO[errno] ?? `errno ${errno}`, reason });
  }
  const raw = new Float64Array(names.length);
  let closed = false;
  return createCounters(
    'perf_event',
    events,
    (out) => {
      addon.perfReadAll(fds, raw);
      for (let i = 0; i < names.length; i++) out[i] = raw[i] < 0 ? Number.NaN : raw[i];
    },
    () => {
      if (closed) return;
      closed = true;
      for (const fd of fds) if (fd >= 0) addon.perfClose(fd);
    },
  );
}

function createCounters(
  backend: CounterBackend,
  events: readonly CounterStatus[],
  fill: (out: Float64Array) => void,
  close: () => void = () => {},
): Counters {
  const last = new Float64Array(events.length);
  const now = new Float64Array(events.length);
  fill(last);
  return Object.freeze({
    backend,
    events: Object.freeze(events),
    read() {
      fill(now);
      const result: Record<string, number | undefined> = {};
      for (let i = 0; i < events.length; i++) {
        result[events[i].name] = Number.isNaN(now[i]) ? undefined : now[i] - last[i];
        last[i] = now[i];
      }
      return result;
    },
    sample(out = new Float64Array(events.length)) {
      fill(out);
      return out;
    },
    close,
  });
}

/**
 * Opens counters for the calling thread: perf_event_open(2) on Linux through the native addon,
 * else a process-wide fallback from process.cpuUsage()/resourceUsage(). Events this machine
 * cannot count are listed in `events` with `available: false` and a reason, never thrown.
 */
export function openCounters(names: readonly PerfEventName[], options: OpenCountersOptions = {}): Counters {
  const list = checkNames(names);
  const mode = options.backend ?? 'auto';
  if (mode === 'process') return openProcess(list);
  const forced = process.env.OTLPX_SIMD;
  const addon =
    process.platform === 'linux' && forced !== 'js' && forced !== 'wasm' ? loadNativeAddon() : undefined;
  if (addon === undefined) {
    if (mode === 'perf_event') {
      throw new OtlpxError(
        'OTLPX_ERR_PERF_UNAVAILABLE',
        'perf_event counters need Linux and the @otlpx/simd native addon (not loaded or OTLPX_SIMD=js|wasm)',
      );
    }
    return openProcess(list);
  }
  return openPerf(addon, list, mode === 'perf_event');
}
