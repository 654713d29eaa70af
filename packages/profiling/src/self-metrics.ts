import type { Meter } from '@opentelemetry/api';
import type { ContinuousStats } from './continuous-profiler.js';

/**
 * The profiler's own cost and losses as OTel metrics (observable instruments read from `stats()`
 * once per collection). Returns a function that unregisters the callback.
 *
 * | instrument | kind | unit | attributes |
 * |---|---|---|---|
 * | otlpx.profiler.windows | counter | {window} | |
 * | otlpx.profiler.dropped | counter | {item} | kind: samples, links, stacks, windows |
 * | otlpx.profiler.failures | counter | {window} | kind: export, write, rotation |
 * | otlpx.profiler.cpu.time | counter | s | |
 * | otlpx.profiler.rotation.stall | gauge | ms | stat: p50, p99, max; what: cpu, heap (max only) |
 * | otlpx.profiler.sampling.frequency | gauge | Hz | |
 */
export function registerSelfMetrics(meter: Meter, stats: () => ContinuousStats): () => void {
  const windows = meter.createObservableCounter('otlpx.profiler.windows', {
    unit: '{window}',
    description: 'Profile windows handed on',
  });
  const dropped = meter.createObservableCounter('otlpx.profiler.dropped', {
    unit: '{item}',
    description: 'Items dropped by the hard caps',
  });
  const failures = meter.createObservableCounter('otlpx.profiler.failures', {
    unit: '{window}',
    description: 'Windows whose rotation, export or pprof write failed',
  });
  const cpu = meter.createObservableCounter('otlpx.profiler.cpu.time', {
    unit: 's',
    description: 'CPU the profiler spent at rotations',
  });
  const stall = meter.createObservableGauge('otlpx.profiler.rotation.stall', {
    unit: 'ms',
    description: 'Event-loop stall of rotations',
  });
  const frequency = meter.createObservableGauge('otlpx.profiler.sampling.frequency', {
    unit: 'Hz',
    description: 'Current CPU sampling frequency',
  });
  const observables = [windows, dropped, failures, cpu, stall, frequency];
  const callback = (result: Parameters<Parameters<Meter['addBatchObservableCallback']>[0]>[0]) => {
    const s = stats();
    result.observe(windows, s.windows);
    result.observe(dropped, s.droppedSamples, { kind: 'samples' });
    result.observe(dropped, s.droppedLinks, { kind: 'links' });
    result.observe(dropped, s.droppedStacks, { kind: 'stacks' });
    result.observe(dropped, s.droppedWindows, { kind: 'windows' });
    result.observe(failures, s.exportFailed, { kind: 'export' });
    result.observe(failures, s.writeFailed, { kind: 'write' });
    result.observe(failures, s.rotationFailed, { kind: 'rotation' });
    result.observe(cpu, s.profilerCpuMillis / 1000);
    result.observe(stall, s.stallP50Millis, { stat: 'p50', what: 'cpu' });
    result.observe(stall, s.stallP99Millis, { stat: 'p99', what: 'cpu' });
    result.observe(stall, s.stallMaxMillis, { stat: 'max', what: 'cpu' });
    result.observe(stall, s.heapStallMaxMillis, { stat: 'max', what: 'heap' });
    result.observe(frequency, s.frequency);
  };
  meter.addBatchObservableCallback(callback, observables);
  return () => meter.removeBatchObservableCallback(callback, observables);
}
