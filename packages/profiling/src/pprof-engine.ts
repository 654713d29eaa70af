import { createRequire } from 'node:module';
import type {
  CpuEngine,
  HeapEngine,
  HeapView,
  V8CallFrame,
  V8CpuProfile,
  V8CpuProfileNode,
  V8HeapNode,
  V8HeapProfile,
} from './engine.js';
import { OtlpxProfilingError } from './errors.js';
import { unixMicrosToV8Micros } from './monotonic-clock.js';

/**
 * The optional second engine: the native time and heap profilers of `@datadog/pprof` (an optional
 * peer dependency, loaded only when `engine: 'pprof'` is chosen). Its output is mapped back to
 * V8's own shapes, so the same converters build the same Profile model as with the inspector.
 */

/** The parts of @datadog/pprof 5.x this engine uses. */
interface PprofFormatProfile {
  sample: Array<{ locationId: Numeric[]; value: Numeric[]; label: Array<{ key: Numeric; num: Numeric }> }>;
  location: Array<{ id: Numeric; line: Array<{ functionId: Numeric; line: Numeric; column?: Numeric }> }>;
  function: Array<{ id: Numeric; name: Numeric; filename: Numeric }>;
  stringTable: { strings: string[] };
  durationNanos: Numeric;
}
type Numeric = number | bigint;
interface TimeContext {
  context?: unknown;
  timestamp: bigint;
}
interface AllocationNode {
  name?: string;
  scriptName: string;
  lineNumber?: number;
  columnNumber?: number;
  allocations: Array<{ sizeBytes: number; count: number }>;
  children: AllocationNode[];
}
export interface DatadogPprof {
  time: {
    start(options: Record<string, unknown>): void;
    stop(
      restart: boolean,
      labels: (a: { context?: TimeContext }) => Record<string, number>,
    ): PprofFormatProfile;
    setContext(context: object): void;
    isStarted(): boolean;
  };
  heap: {
    start(intervalBytes: number, stackDepth: number): void;
    stop(): void;
    v8Profile(): AllocationNode;
  };
}

const PACKAGE = '@datadog/pprof';
let loaded: DatadogPprof | undefined;

/**
 * Loads `@datadog/pprof` (once); OTLPX_ERR_PROFILING_ENGINE_UNAVAILABLE when it is not installed
 * or fails to load (e.g. no prebuild for this platform). `id` is for tests.
 */
export function loadDatadogPprof(id = PACKAGE): DatadogPprof {
  if (loaded && id === PACKAGE) return loaded;
  let module: DatadogPprof;
  try {
    module = createRequire(import.meta.url)(id) as DatadogPprof;
  } catch (err) {
    throw new OtlpxProfilingError(
      'OTLPX_ERR_PROFILING_ENGINE_UNAVAILABLE',
      `engine 'pprof' needs the optional peer dependency ${PACKAGE} (npm i ${PACKAGE}): ${(err as Error).message}`,
      { cause: err },
    );
  }
  if (id === PACKAGE) loaded = module;
  return module;
}

const SEQ_LABEL = 'otlpx_seq';
/** What the native profiler holds as the context while no span is active. */
const NO_SPAN = Object.freeze({});

/**
 * CPU engine on the @datadog/pprof wall profiler (a SIGPROF handler in front of V8's sampler).
 * Span correlation uses its own per-sample context: `recordSpan` sets the span as the context
 * the signal handler captures, so each sample carries its span without a timestamp join.
 */
export class DatadogCpuEngine implements CpuEngine {
  readonly name = 'pprof';
  readonly #dd: DatadogPprof;
  #interval = 0;
  #running = false;
  /** The context the signal handler captures: the active span, kept while stopped for the next start. */
  #context: object = NO_SPAN;

  constructor(dd: DatadogPprof = loadDatadogPprof()) {
    this.#dd = dd;
  }

  start(intervalMicros: number): void {
    if (this.#dd.time.isStarted()) {
      throw new OtlpxProfilingError(
        'OTLPX_ERR_PROFILING_ENGINE_UNAVAILABLE',
        'the @datadog/pprof time profiler is already running in this thread (another CpuProfiler or dd-trace)',
      );
    }
    this.#dd.time.start({ intervalMicros, withContexts: true, collectCpuTime: true, columnNumbers: 'emit' });
    this.#interval = intervalMicros;
    this.#running = true;
    this.#dd.time.setContext(this.#context);
  }

  rotate(intervalMicros: number): V8CpuProfile {
    if (intervalMicros !== this.#interval) {
      const profile = this.stop();
      this.start(intervalMicros);
      return profile;
    }
    return this.#collect(true);
  }

  stop(): V8CpuProfile {
    this.#running = false;
    return this.#collect(false);
  }

  recordSpan(span: unknown): void {
    this.#context = span === undefined ? NO_SPAN : { span };
    if (this.#running) this.#dd.time.setContext(this.#context);
  }

  dispose(): void {
    if (!this.#running) return;
    this.#running = false;
    try {
      this.#dd.time.stop(false, () => ({}));
    } catch {
      // already stopped
    }
  }

  #collect(restart: boolean): V8CpuProfile {
    const contexts: TimeContext[] = [];
    const profile = this.#dd.time.stop(
      restart,
      ({ context }): Record<string, number> => (context ? { [SEQ_LABEL]: contexts.push(context) - 1 } : {}),
    );
    return timeProfileToV8(profile, contexts);
  }
}

/**
 * The pprof the wall profiler returns, labelled with the index of each sample's context, as a V8
 * CPU profile: one node per distinct call path, one sample per context in time order. Hits the
 * profiler recorded without a context (none seen in tests) are placed at the end of the profile.
 */
export function timeProfileToV8(profile: PprofFormatProfile, contexts: TimeContext[]): V8CpuProfile {
  const str = (i: Numeric) => profile.stringTable.strings[Number(i)] ?? '';
  const seqKey = profile.stringTable.strings.indexOf(SEQ_LABEL);
  const fn = new Map(profile.function.map((f) => [Number(f.id), f]));
  const frameOf = new Map<number, V8CallFrame>();
  for (const loc of profile.location) {
    const line = loc.line[0];
    const f = line ? fn.get(Number(line.functionId)) : undefined;
    frameOf.set(
      Number(loc.id),
      callFrame(str(f?.name ?? 0), str(f?.filename ?? 0), line?.line, line?.column),
    );
  }
  const nodes: V8CpuProfileNode[] = [{ id: 1, callFrame: callFrame('(root)', '', 0, 0), children: [] }];
  const childOf = new Map<string, number>();
  const nodeOf = (locations: Numeric[]): number => {
    let at = 1;
    for (let j = locations.length - 1; j >= 0; j--) {
      const key = `${at}:${locations[j]}`;
      let id = childOf.get(key);
      if (id === undefined) {
        id = nodes.length + 1;
        const frame = frameOf.get(Number(locations[j])) ?? callFrame('(unknown)', '', 0, 0);
        nodes.push({ id, callFrame: frame, children: [] });
        nodes[at - 1].children?.push(id);
        childOf.set(key, id);
      }
      at = id;
    }
    return at;
  };
  const timed: Array<{ node: number; time: number; span: unknown }> = [];
  const untimed: number[] = [];
  for (const sample of profile.sample) {
    const hits = Number(sample.value[0] ?? 0);
    if (hits <= 0) continue; // e.g. the CPU time of non-JS threads: no sample of this thread
    const node = nodeOf(sample.locationId);
    const seq = sample.label.find((l) => Number(l.key) === seqKey);
    const context = seq === undefined ? undefined : contexts[Number(seq.num)];
    if (context && context.timestamp > 0n) {
      const held = context.context as { span?: unknown } | undefined;
      timed.push({ node, time: unixMicrosToV8Micros(Number(context.timestamp)), span: held?.span });
    } else for (let h = 0; h < hits; h++) untimed.push(node);
  }
  timed.sort((a, b) => a.time - b.time);
  const endTime = timed.length > 0 ? timed[timed.length - 1].time : unixMicrosToV8Micros(Date.now() * 1000);
  const startTime = Math.min(timed[0]?.time ?? endTime, endTime - Number(profile.durationNanos) / 1000);
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  const sampleSpans: unknown[] = [];
  let last = startTime;
  for (const s of timed) {
    samples.push(s.node);
    timeDeltas.push(s.time - last);
    sampleSpans.push(s.span);
    last = s.time;
  }
  for (const node of untimed) {
    samples.push(node);
    timeDeltas.push(0);
    sampleSpans.push(undefined);
  }
  return { nodes, startTime, endTime, samples, timeDeltas, sampleSpans };
}

/** Heap engine on the @datadog/pprof sampling heap profiler (in-use view only). */
export class DatadogHeapEngine implements HeapEngine {
  readonly name = 'pprof';
  readonly #dd: DatadogPprof;
  #running = false;

  constructor(dd: DatadogPprof = loadDatadogPprof()) {
    this.#dd = dd;
  }

  start(intervalBytes: number, view: HeapView): void {
    if (view !== 'inuse') {
      throw new OtlpxProfilingError(
        'OTLPX_ERR_PROFILING_ENGINE_UNAVAILABLE',
        "engine 'pprof' has the in-use heap view only: use view 'inuse' or engine 'inspector'",
      );
    }
    this.#dd.heap.start(intervalBytes, 64);
    this.#running = true;
  }

  snapshot(): V8HeapProfile {
    return allocationTreeToV8(this.#dd.heap.v8Profile());
  }

  stop(): V8HeapProfile {
    const profile = this.snapshot();
    this.dispose();
    return profile;
  }

  dispose(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#dd.heap.stop();
  }
}

/** The native allocation tree as V8's sampling heap profile: one sample per sampled allocation. */
export function allocationTreeToV8(root: AllocationNode): V8HeapProfile {
  const samples: V8HeapProfile['samples'] = [];
  let nextId = 0;
  const walk = (node: AllocationNode): V8HeapNode => {
    const id = ++nextId;
    let selfSize = 0;
    for (const a of node.allocations) {
      selfSize += a.sizeBytes * a.count;
      for (let i = 0; i < a.count; i++)
        samples.push({ size: a.sizeBytes, nodeId: id, ordinal: samples.length });
    }
    const frame = callFrame(node.name || '(anonymous)', node.scriptName, node.lineNumber, node.columnNumber);
    return { callFrame: frame, selfSize, id, children: node.children.map(walk) };
  };
  const head = walk(root);
  head.callFrame = callFrame('(root)', '', 0, 0);
  return { head, samples };
}

/** A V8 call frame from 1-based line/column (0 or absent: unknown). */
function callFrame(functionName: string, url: string, line?: Numeric, column?: Numeric): V8CallFrame {
  return {
    functionName,
    scriptId: '0',
    url,
    lineNumber: Number(line ?? 0) - 1,
    columnNumber: Number(column ?? 0) - 1,
  };
}
