export {
  ContinuousProfiler,
  type ContinuousProfilerOptions,
  type ContinuousStats,
} from './continuous-profiler.js';
export { CpuProfiler, type CpuProfilerOptions } from './cpu-profiler.js';
export type {
  CpuEngine,
  HeapEngine,
  HeapView,
  V8CallFrame,
  V8CpuProfile,
  V8CpuProfileNode,
  V8HeapNode,
  V8HeapProfile,
  V8PositionTicks,
} from './engine.js';
export { OtlpxProfilingError, type ProfilingErrorCode } from './errors.js';
export { type FlameGraphOptions, renderFlameGraph } from './flame-graph.js';
export { HeapProfiler, type HeapProfilerOptions } from './heap-profiler.js';
export { InspectorCpuEngine, InspectorHeapEngine } from './inspector-engine.js';
export {
  eachSample,
  type Frame,
  type Profile,
  type ProfileDropped,
  type ProfileSamples,
  type SpanRef,
  type ValueType,
} from './profile.js';
export {
  type AdaptiveOptions,
  adaptiveRate,
  cpuTriggered,
  fixedRate,
  type SamplingStrategy,
  type TriggeredOptions,
  type WindowStats,
} from './sampling-strategy.js';
export { registerSelfMetrics } from './self-metrics.js';
export { clearSourceMapCache, sourceMapStats } from './source-maps.js';
export { type ToOtlpOptions, toOtlp } from './to-otlp.js';
export { type ToPprofOptions, toPprof, toPprofModel } from './to-pprof.js';
