import { setFlagsFromString } from 'node:v8';
import { context, trace } from '@opentelemetry/api';
import {
  AsyncHooksContextManager,
  AsyncLocalStorageContextManager,
} from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { afterEach, describe, expect, it } from 'vitest';
import { CpuProfiler } from '../src/index.js';
import { makeBurner } from './fixtures/burn.js';
import { linkedShare, request } from './fixtures/requests.js';

const API_KEY = Symbol.for('opentelemetry.js.api.1');
const tracer = () => trace.getTracer('test');

async function twoRequests(tag: string) {
  const tracer = trace.getTracer('test');
  const burnA = makeBurner(`burnA_${tag}`);
  const burnB = makeBurner(`burnB_${tag}`);
  const [a, b] = await Promise.all([
    request(tracer, `req-a-${tag}`, burnA),
    request(tracer, `req-b-${tag}`, burnB),
  ]);
  return { a, b, fnA: `burnA_${tag}`, fnB: `burnB_${tag}` };
}

function expectLinked(profile: ReturnType<CpuProfiler['stop']>, r: Awaited<ReturnType<typeof twoRequests>>) {
  const a = linkedShare(profile, r.fnA, r.a);
  const b = linkedShare(profile, r.fnB, r.b);
  expect(a.samples).toBeGreaterThan(10);
  expect(b.samples).toBeGreaterThan(10);
  expect(a.share).toBeGreaterThanOrEqual(0.95);
  expect(b.share).toBeGreaterThanOrEqual(0.95);
  const names = new Set(profile.spans.map((s) => s.name));
  expect([...names].some((n) => n.startsWith('req-a-'))).toBe(true);
}

describe('trace correlation', () => {
  afterEach(() => {
    trace.disable();
    context.disable();
  });

  it('profiler started before the API registry exists, NodeTracerProvider registered after', async () => {
    expect((globalThis as Record<symbol, unknown>)[API_KEY]).toBeUndefined();
    const profiler = new CpuProfiler({ frequency: 1000 });
    profiler.start();
    const provider = new NodeTracerProvider();
    provider.register();
    const r = await twoRequests('late');
    const profile = profiler.stop();
    expectLinked(profile, r);
    expect(profile.dropped.links).toBe(0);
    await provider.shutdown();
  });

  it('NodeTracerProvider registered first, profiler started after', async () => {
    const provider = new NodeTracerProvider();
    provider.register();
    const profiler = new CpuProfiler({ frequency: 1000 });
    profiler.start();
    const r = await twoRequests('early');
    const profile = profiler.stop();
    expectLinked(profile, r);
    // after stop the manager is unwrapped and still works
    const desc = Object.getOwnPropertyDescriptor((globalThis as Record<symbol, object>)[API_KEY], 'context');
    expect(desc?.get).toBeUndefined();
    expect(trace.getTracer('x').startActiveSpan('s', (span) => trace.getActiveSpan() === span)).toBe(true);
    await provider.shutdown();
  });

  it('BasicTracerProvider with setGlobalContextManager, re-registered after context.disable() between windows', async () => {
    const provider = new BasicTracerProvider();
    trace.setGlobalTracerProvider(provider);
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const profiler = new CpuProfiler({ frequency: 1000 });
    profiler.start();
    const first = await twoRequests('w1');
    expectLinked(profiler.collect(), first);
    context.disable();
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    profiler.collect(); // re-installs the hook the API removed
    const second = await twoRequests('w2');
    expectLinked(profiler.stop(), second);
  });

  it('a context manager without an AsyncLocalStorage (AsyncHooksContextManager): spans linked through active()', async () => {
    const provider = new BasicTracerProvider();
    trace.setGlobalTracerProvider(provider);
    context.setGlobalContextManager(new AsyncHooksContextManager().enable());
    const profiler = new CpuProfiler({ frequency: 1000 });
    profiler.start();
    const r = await twoRequests('hooks');
    expectLinked(profiler.stop(), r);
    await provider.shutdown();
  });

  it('context.with() through the wrapper passes thisArg and every argument on', () => {
    const provider = new NodeTracerProvider();
    provider.register();
    const profiler = new CpuProfiler({ frequency: 1000 });
    profiler.start();
    const self = { tag: 'self' };
    const all = function (this: unknown, ...args: number[]) {
      return [this, ...args];
    };
    expect(context.with(context.active(), all, self)).toEqual([self]);
    expect(context.with(context.active(), all, self, 1)).toEqual([self, 1]);
    expect(context.with(context.active(), all, self, 1, 2, 3, 4, 5)).toEqual([self, 1, 2, 3, 4, 5]);
    expect(
      tracer().startActiveSpan('s', (span) => [
        trace.getActiveSpan() === span,
        context.with(context.active(), all, self, 7),
      ]),
    ).toEqual([true, [self, 7]]);
    profiler.stop();
  });

  it('hooking keeps the API registry in fast mode with its entries, before and after stop', () => {
    setFlagsFromString('--allow-natives-syntax');
    const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
    const provider = new NodeTracerProvider();
    provider.register();
    const registry = () => (globalThis as Record<symbol, Record<string, unknown>>)[API_KEY];
    const before = registry();
    const entries = { version: before.version, trace: before.trace, propagation: before.propagation };
    const manager = before.context;
    // (the registry of this test file may already be slow: the API's own disable() deletes entries)
    const profiler = new CpuProfiler({ frequency: 1000 });
    profiler.start();
    expect(hasFastProperties(registry())).toBe(true);
    expect(registry()).toMatchObject(entries);
    expect(Object.getOwnPropertyDescriptor(registry(), 'context')?.get).toBeDefined();
    expect(tracer().startActiveSpan('s', (span) => trace.getActiveSpan() === span)).toBe(true);
    profiler.stop();
    expect(hasFastProperties(registry())).toBe(true);
    expect(registry()).toMatchObject(entries);
    expect(registry().context).toBe(manager);
    expect(Object.keys(registry())).toEqual(Object.keys(before));
  });

  it('a failing engine stop still removes the span hook', () => {
    const provider = new NodeTracerProvider();
    provider.register();
    const profiler = new CpuProfiler({
      engine: {
        name: 'failing',
        start() {},
        rotate() {
          throw new Error('x');
        },
        stop() {
          throw new Error('stop failed');
        },
        dispose() {},
      },
    });
    profiler.start();
    const registry = (globalThis as Record<symbol, object>)[API_KEY];
    expect(Object.getOwnPropertyDescriptor(registry, 'context')?.get).toBeDefined();
    expect(() => profiler.stop()).toThrowError('stop failed');
    expect(Object.getOwnPropertyDescriptor(registry, 'context')?.get).toBeUndefined();
    expect(profiler.running).toBe(false);
  });

  it('bound functions and no-correlation mode', async () => {
    const provider = new NodeTracerProvider();
    provider.register();
    const tracer = trace.getTracer('t');
    const profiler = new CpuProfiler({ frequency: 1000 });
    profiler.start();
    const burn = makeBurner('boundBurner');
    let spanId = '';
    const bound = tracer.startActiveSpan('bound', (span) => {
      spanId = span.spanContext().spanId;
      span.end();
      return context.bind(context.active(), (ms: number) => burn(ms));
    });
    expect(bound.length).toBe(1);
    bound(120);
    const profile = profiler.stop();
    expect(linkedShare(profile, 'boundBurner', spanId).share).toBeGreaterThanOrEqual(0.95);

    const plain = new CpuProfiler({ frequency: 1000, traceCorrelation: false });
    plain.start();
    const r = await twoRequests('off');
    const off = plain.stop();
    expect(linkedShare(off, r.fnA, r.a).share).toBe(0);
    expect(off.spans).toEqual([]);
    await provider.shutdown();
  });
});
