import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { isOtlpxError } from '../src/errors.js';
import { loadNativeAddon } from '../src/native-addon.js';
import { attributeName, openCounters, PERF_EVENTS, SpanCountersProcessor } from '../src/perf/index.js';

const nativeOk =
  process.platform === 'linux' &&
  loadNativeAddon() !== undefined &&
  process.env.OTLPX_SIMD !== 'js' &&
  process.env.OTLPX_SIMD !== 'wasm';

function burn(): number {
  let x = 0;
  for (let i = 0; i < 2e6; i++) x += Math.sqrt(i);
  return x;
}

describe('openCounters', () => {
  it('counts software events of this thread and reports deltas', () => {
    const c = openCounters(['task-clock', 'page-faults', 'context-switches', 'instructions', 'cycles']);
    expect(c.backend).toBe(nativeOk ? 'perf_event' : 'process');
    const status = Object.fromEntries(c.events.map((e) => [e.name, e]));
    expect(status['task-clock'].available).toBe(true);
    burn();
    const d1 = c.read();
    expect(d1['task-clock']).toBeGreaterThan(0);
    expect(d1['page-faults']).toBeGreaterThanOrEqual(0);
    const d2 = c.read();
    // deltas, not totals: the second read only covers the time since the first.
    expect(d2['task-clock']).toBeLessThan((d1['task-clock'] as number) + 1e9);
    for (const e of c.events) {
      if (!e.available) {
        expect(d1[e.name]).toBeUndefined();
        expect(e.reason).toMatch(/.+/);
      }
    }
    const s = c.sample();
    expect(s).toHaveLength(5);
    c.close();
    c.close();
  });

  it('reports hardware events without a PMU as unavailable (ENOENT), not as an error', () => {
    if (!nativeOk) return;
    const c = openCounters(['instructions', 'cycles', 'cache-misses', 'branch-misses']);
    for (const e of c.events) {
      if (!e.available) {
        expect(['ENOENT', 'ENODEV', 'EOPNOTSUPP', 'EACCES', 'EPERM']).toContain(e.errno);
        if (e.errno === 'ENOENT') expect(e.reason).toMatch(/no PMU/);
        if (e.errno === 'EACCES') expect(e.reason).toMatch(/perf_event_paranoid/);
      }
    }
    c.close();
  });

  it('falls back to process.cpuUsage/resourceUsage on request', () => {
    const c = openCounters(
      ['task-clock', 'cpu-clock', 'minor-faults', 'major-faults', 'context-switches', 'cycles'],
      {
        backend: 'process',
      },
    );
    expect(c.backend).toBe('process');
    burn();
    const d = c.read();
    expect(d['task-clock']).toBeGreaterThan(0);
    expect(d.cycles).toBeUndefined();
    expect(c.events.find((e) => e.name === 'cycles')?.available).toBe(false);
  });

  it('validates names, and the explicit perf_event backend', () => {
    expect(() => openCounters([])).toThrow(/non-empty/);
    expect(() => openCounters(['bogus' as never])).toThrow(/unknown event "bogus"/);
    if (!nativeOk) {
      try {
        openCounters(['task-clock'], { backend: 'perf_event' });
        expect.unreachable();
      } catch (err) {
        expect(isOtlpxError(err) && err.code).toBe('OTLPX_ERR_PERF_UNAVAILABLE');
      }
    } else {
      expect(openCounters(['task-clock'], { backend: 'perf_event' }).backend).toBe('perf_event');
    }
    expect(Object.keys(PERF_EVENTS)).toContain('branch-misses');
    expect(attributeName('task-clock')).toBe('otlpx.perf.task_clock');
  });
});

describe('SpanCountersProcessor', () => {
  it('adds counter deltas of synchronous spans as attributes', async () => {
    const exporter = new InMemorySpanExporter();
    const counters = new SpanCountersProcessor({
      events: ['task-clock', 'page-faults', 'cycles'],
      filter: (s) => s.name !== 'skip',
    });
    const provider = new BasicTracerProvider({
      spanProcessors: [counters, new SimpleSpanProcessor(exporter)],
    });
    const tracer = provider.getTracer('t');
    const span = tracer.startSpan('work');
    burn();
    span.end();
    tracer.startSpan('skip').end();
    const [work, skipped] = exporter.getFinishedSpans();
    expect(work.attributes['otlpx.perf.task_clock']).toBeGreaterThan(0);
    expect(typeof work.attributes['otlpx.perf.page_faults']).toBe('number');
    const cyclesOk = counters.counters.events.find((e) => e.name === 'cycles')?.available;
    expect('otlpx.perf.cycles' in work.attributes).toBe(Boolean(cyclesOk));
    expect(skipped.attributes['otlpx.perf.task_clock']).toBeUndefined();
    await provider.forceFlush();
    await provider.shutdown();
  });

  it('uses the default event list', async () => {
    const p = new SpanCountersProcessor({ backend: 'process' });
    expect(p.counters.events.map((e) => e.name)).toEqual([
      'task-clock',
      'page-faults',
      'context-switches',
      'instructions',
      'cycles',
    ]);
    await p.forceFlush();
    await p.shutdown();
  });
});
