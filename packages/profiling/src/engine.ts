/**
 * The engine interface: what a sampler must give CpuProfiler and HeapProfiler. Raw profiles use
 * V8's own shapes (the inspector's `Profiler.Profile` and `HeapProfiler.SamplingHeapProfile`),
 * which any engine can produce; the profilers convert them to the otlpx Profile model.
 */

export interface V8CallFrame {
  functionName: string;
  scriptId: string;
  url: string;
  /** 0-based, -1 when unknown. */
  lineNumber: number;
  /** 0-based, -1 when unknown. */
  columnNumber: number;
}

/** Self ticks of a node on one source line (V8's `Profiler.PositionTickInfo`; `line` is 1-based). */
export interface V8PositionTicks {
  line: number;
  ticks: number;
}

export interface V8CpuProfileNode {
  id: number;
  callFrame: V8CallFrame;
  children?: number[];
  /** Self samples of this node per line that was executing (absent when the engine does not record lines). */
  positionTicks?: V8PositionTicks[];
}

export interface V8CpuProfile {
  nodes: V8CpuProfileNode[];
  /** Monotonic microseconds (the clock of `process.hrtime`). */
  startTime: number;
  endTime: number;
  /** Node id of each sample. */
  samples?: number[];
  /** Microseconds between consecutive samples (the first from `startTime`). */
  timeDeltas?: number[];
  /**
   * The OTel span (or undefined) active at each sample, for engines that capture it themselves
   * (see `CpuEngine.recordSpan`); absent: spans are joined from the profiler's own timeline.
   */
  sampleSpans?: unknown[];
}

export interface V8HeapNode {
  callFrame: V8CallFrame;
  selfSize: number;
  id: number;
  children: V8HeapNode[];
}

export interface V8HeapProfile {
  head: V8HeapNode;
  samples: Array<{ size: number; nodeId: number; ordinal: number }>;
}

export interface CpuEngine {
  readonly name: string;
  /** Starts sampling every `intervalMicros` microseconds. */
  start(intervalMicros: number): void;
  /**
   * Ends the current profile and starts the next one. With the same interval the sampler keeps
   * running (no code re-streaming, a sub-millisecond stall); a new interval restarts it.
   */
  rotate(intervalMicros: number): V8CpuProfile;
  /** Ends the current profile and the sampler. */
  stop(): V8CpuProfile;
  /** Releases the engine without a profile (safe to call at any time, twice included). */
  dispose(): void;
  /**
   * Optional: an engine with its own per-sample context calls this at every switch of the active
   * OTel span (undefined: none) and returns `sampleSpans` with its profiles.
   */
  recordSpan?(span: unknown): void;
}

export type HeapView = 'inuse' | 'allocated';

export interface HeapEngine {
  readonly name: string;
  start(intervalBytes: number, view: HeapView): void;
  /** The sampled allocations so far (sampling continues). */
  snapshot(): V8HeapProfile;
  stop(): V8HeapProfile;
  dispose(): void;
}
