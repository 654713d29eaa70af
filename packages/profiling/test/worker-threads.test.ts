import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { decodePprof, gunzipPprof } from '@otlpx/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDatadogPprof } from '../src/pprof-engine.js';
import { bundlePackage } from './fixtures/bundle.js';

/** Why engine 'pprof' cannot run here ('' when it can); a missing peer fails under OTLPX_REQUIRE_PEERS=1. */
function pprofUnavailable(): string {
  if (process.env.OTLPX_REQUIRE_PEERS === '1') return '';
  try {
    loadDatadogPprof();
    return '';
  } catch (err) {
    return (err as Error).message;
  }
}
const noPprof = pprofUnavailable();

let bundle = '';
beforeAll(async () => {
  bundle = await bundlePackage({ withPeers: true });
}, 60_000);
afterAll(() => rmSync(dirname(bundle), { recursive: true, force: true }));

function runWorker(source: string): { worker: Worker; messages: Promise<unknown[]>; exit: Promise<number> } {
  const worker = new Worker(source, { eval: true, workerData: { bundle } });
  const messages: unknown[] = [];
  worker.on('message', (m) => messages.push(m));
  const exit = new Promise<number>((resolve, reject) => {
    worker.on('exit', resolve);
    worker.on('error', reject);
  });
  return { worker, messages: exit.then(() => messages), exit };
}

const header = `
const { parentPort, workerData, threadId } = require('node:worker_threads');
const load = import(workerData.bundle);
function workerBurner(ms) { const end = performance.now() + ms; let x = 0; while (performance.now() < end) for (let i = 0; i < 1000; i++) x += Math.sqrt(i + x); return x; }
`;

describe('worker threads', () => {
  it('profiles a worker from its own thread, with thread.id / thread.name', async () => {
    const { messages } = runWorker(`${header}
      load.then(({ CpuProfiler, HeapProfiler, toPprof }) => {
        const cpu = new CpuProfiler({ frequency: 1000, threadName: 'resizer' });
        const heap = new HeapProfiler({ intervalBytes: 8192 });
        cpu.start(); heap.start();
        const keep = []; for (let i = 0; i < 20000; i++) keep.push({ i });
        workerBurner(300);
        const p = cpu.stop(); const h = heap.stop();
        parentPort.postMessage({ threadId, attrs: p.attributes, heapAttrs: h.attributes, pprof: toPprof(p), kept: keep.length });
      });`);
    const [m] = (await messages) as Array<{
      threadId: number;
      attrs: Record<string, unknown>;
      heapAttrs: Record<string, unknown>;
      pprof: Uint8Array;
    }>;
    expect(m.threadId).toBeGreaterThan(0);
    expect(m.attrs['thread.id']).toBe(m.threadId);
    expect(m.attrs['thread.name']).toBe('resizer');
    expect(m.heapAttrs['thread.name']).toBe(`worker-${m.threadId}`);
    const pprof = decodePprof(gunzipPprof(m.pprof));
    const names = pprof.function.map((f) => pprof.stringTable[f.name]);
    expect(names).toContain('workerBurner');
  });

  it('terminate() while continuous profiling runs: no crash, the main thread goes on', async () => {
    const { worker, messages, exit } = runWorker(`${header}
      load.then(({ ContinuousProfiler }) => {
        const p = new ContinuousProfiler({ windowMillis: 100, heap: { intervalBytes: 4096 } });
        p.start();
        parentPort.postMessage('started');
        const spin = () => { workerBurner(20); setImmediate(spin); };
        spin();
      });`);
    await new Promise<void>((resolve) => worker.once('message', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 350));
    const code = await worker.terminate();
    expect(code).toBe(1);
    await exit;
    expect(await messages).toEqual(['started']);
  });

  it('a worker that exits while its profiler runs, and one that starts a profiler inside an exit handler', async () => {
    const { messages, exit } = runWorker(`${header}
      load.then(({ CpuProfiler }) => {
        const p = new CpuProfiler();
        p.start();
        process.on('exit', () => {
          const late = new CpuProfiler();
          try { late.start(); late.stop(); parentPort.postMessage('late-ok'); }
          catch (err) { parentPort.postMessage(err.code); }
        });
        workerBurner(20);
        process.exit(3);
      });`);
    expect(await exit).toBe(3);
    const got = await messages;
    // the exit handler either still profiles or gets a coded session error: never a crash
    expect(got.length <= 1).toBe(true);
    if (got.length === 1) expect(['late-ok', 'OTLPX_ERR_PROFILING_SESSION']).toContain(got[0]);
  });

  it.skipIf(noPprof !== '')(
    `engine 'pprof' (@datadog/pprof) profiles a worker, CPU and heap, twice in a row${noPprof ? ` (skipped: ${noPprof})` : ''}`,
    async () => {
      for (const name of ['first', 'second']) {
        const { messages, exit } = runWorker(`${header}
      load.then(({ CpuProfiler, HeapProfiler, toPprof }) => {
        const cpu = new CpuProfiler({ engine: 'pprof', frequency: 500, threadName: '${name}' });
        const heap = new HeapProfiler({ engine: 'pprof', intervalBytes: 8192 });
        cpu.start(); heap.start();
        const keep = []; for (let i = 0; i < 20000; i++) keep.push({ i });
        workerBurner(300);
        const p = cpu.stop(); const h = heap.stop();
        parentPort.postMessage({ threadId, attrs: p.attributes, heapSamples: h.samples.count, pprof: toPprof(p), kept: keep.length });
      });`);
        expect(await exit).toBe(0);
        const [m] = (await messages) as Array<{
          threadId: number;
          attrs: Record<string, unknown>;
          heapSamples: number;
          pprof: Uint8Array;
        }>;
        expect(m.attrs['profiler.engine']).toBe('pprof');
        expect(m.attrs['thread.id']).toBe(m.threadId);
        expect(m.attrs['thread.name']).toBe(name);
        expect(m.heapSamples).toBeGreaterThan(0);
        const pprof = decodePprof(gunzipPprof(m.pprof));
        expect(pprof.function.map((f) => pprof.stringTable[f.name])).toContain('workerBurner');
      }
    },
  );

  it.skipIf(noPprof !== '')(
    `engine 'pprof': terminate() while a worker profiles continuously, then the main thread profiles${noPprof ? ` (skipped: ${noPprof})` : ''}`,
    async () => {
      for (let i = 0; i < 2; i++) {
        const { worker, exit } = runWorker(`${header}
      load.then(({ ContinuousProfiler }) => {
        const p = new ContinuousProfiler({ windowMillis: 100, cpu: { engine: 'pprof' }, heap: { engine: 'pprof', intervalBytes: 4096 } });
        p.start();
        parentPort.postMessage('started');
        const spin = () => { workerBurner(20); setImmediate(spin); };
        spin();
      });`);
        await new Promise<void>((resolve) => worker.once('message', () => resolve()));
        await new Promise((resolve) => setTimeout(resolve, 250));
        expect(await worker.terminate()).toBe(1);
        await exit;
      }
      const { CpuProfiler } = await import('../src/index.js');
      const main = new CpuProfiler({ engine: 'pprof', frequency: 500 });
      main.start();
      const end = performance.now() + 100;
      let x = 0;
      while (performance.now() < end) x += Math.sqrt(x + 1);
      expect(x).toBeGreaterThan(0);
      expect(main.stop().samples.count).toBeGreaterThan(0);
    },
  );
});
