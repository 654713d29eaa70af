import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ContinuousProfiler,
  CpuProfiler,
  clearSourceMapCache,
  sourceMapStats,
  type V8CpuProfile,
} from '../src/index.js';
import { preloadSourceMap } from '../src/source-maps.js';
import { bundlePackage } from './fixtures/bundle.js';
import { fixedEngine } from './fixtures/profiles.js';

const TS = `// app.ts
interface Point { x: number; y: number }

export function tsHotPath(ms: number): number {
  const end = performance.now() + ms;
  let acc: Point = { x: 0, y: 0 };
  while (performance.now() < end) for (let i = 0; i < 1000; i++) acc = { x: acc.x + Math.sqrt(i), y: acc.y + 1 };
  return acc.x;
}
`;
const TS_LINE = 4; // line of "export function tsHotPath" in app.ts
const TS_LOOP_LINE = 7; // its hot loop

const dir = mkdtempSync(join(tmpdir(), 'otlpx-sourcemap-'));
const outs: Record<string, string> = {};
let bundle = '';

beforeAll(async () => {
  writeFileSync(join(dir, 'app.ts'), TS);
  for (const mode of ['linked', 'inline'] as const) {
    const outfile = join(dir, `${mode}.mjs`);
    await build({
      entryPoints: [join(dir, 'app.ts')],
      outfile,
      format: 'esm',
      sourcemap: mode,
      logLevel: 'silent',
    });
    outs[mode] = outfile;
  }
  // a script whose map is not JSON, and one whose map has no mappings
  writeFileSync(
    join(dir, 'broken.mjs'),
    `${readFileSync(outs.linked, 'utf8').split('//# sourceMappingURL')[0]}//# sourceMappingURL=broken.mjs.map\n`,
  );
  writeFileSync(join(dir, 'broken.mjs.map'), '{"version":3,"sources":["app.ts"],"mappings":');
  writeFileSync(
    join(dir, 'shape.mjs'),
    `${readFileSync(outs.linked, 'utf8').split('//# sourceMappingURL')[0]}//# sourceMappingURL=shape.mjs.map\n`,
  );
  writeFileSync(join(dir, 'shape.mjs.map'), '{"version":3,"mappings":42}');
  bundle = await bundlePackage();
}, 60_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(dirname(bundle), { recursive: true, force: true });
});

/** A one-sample V8 profile whose leaf is `tsHotPath` at its position in `file`. */
function profileOf(file: string): V8CpuProfile {
  const code = readFileSync(file, 'utf8').split('\n');
  const line = code.findIndex((l) => l.includes('function tsHotPath'));
  const column = code[line].indexOf('function tsHotPath');
  const frame = (functionName: string, url: string, lineNumber: number, columnNumber: number) => ({
    functionName,
    scriptId: '1',
    url,
    lineNumber,
    columnNumber,
  });
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)', '', -1, -1), children: [2] },
      { id: 2, callFrame: frame('tsHotPath', pathToFileURL(file).href, line, column), children: [3] },
      { id: 3, callFrame: frame('native', 'node:internal/x', 3, 0) },
    ],
    startTime: 0,
    endTime: 10_000,
    samples: [3],
    timeDeltas: [10],
  };
}

function convert(file: string, sourceMaps = true) {
  const raw = profileOf(file);
  const engine = fixedEngine(raw);
  const p = new CpuProfiler({ engine, sourceMaps, traceCorrelation: false });
  p.start();
  return p.stop().frames.find((f) => f.function === 'tsHotPath');
}

describe('source maps', () => {
  it('maps generated frames to the TypeScript file and line (linked and inline maps)', () => {
    clearSourceMapCache();
    for (const mode of ['linked', 'inline']) {
      const frame = convert(outs[mode]);
      expect(frame?.file).toBe(join(dir, 'app.ts'));
      expect(frame?.line).toBe(TS_LINE);
      expect(frame?.column).toBeGreaterThan(0);
    }
    expect(sourceMapStats().mapped).toBeGreaterThanOrEqual(2);
    const off = convert(outs.linked, false);
    expect(off?.file).toBe(outs.linked);
  });

  it('a broken map or a map of the wrong shape degrades to the generated frame, counted', () => {
    clearSourceMapCache();
    const before = sourceMapStats().broken;
    for (const name of ['broken.mjs', 'shape.mjs']) {
      const frame = convert(join(dir, name));
      expect(frame?.file).toBe(join(dir, name));
      expect(frame?.line).toBeGreaterThan(0);
    }
    expect(sourceMapStats().broken).toBe(before + 2);
    convert(join(dir, 'broken.mjs')); // cached: not re-read, not re-counted
    expect(sourceMapStats().broken).toBe(before + 2);
  });

  it('collectLater() lists the scripts not looked up yet; continuous mode looks them up after the rotation, before converting', async () => {
    clearSourceMapCache();
    const raw = profileOf(outs.linked);
    const engine = fixedEngine(raw);
    const p = new CpuProfiler({ engine, traceCorrelation: false });
    p.start();
    const later = p.collectLater();
    expect(later.scripts).toEqual([outs.linked]);
    preloadSourceMap(outs.linked);
    expect(p.collectLater().scripts).toEqual([]);
    expect(later().frames.find((f) => f.function === 'tsHotPath')?.file).toBe(join(dir, 'app.ts'));
    p.stop();

    clearSourceMapCache();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setImmediate', 'clearImmediate'] });
    try {
      const files: string[] = [];
      const continuous = new ContinuousProfiler({
        windowMillis: 1000,
        heap: false,
        cpu: { engine, traceCorrelation: false },
        onWindow: (profiles) => {
          const frame = profiles[0].frames.find((f) => f.function === 'tsHotPath');
          files.push(frame?.file ?? '');
        },
      });
      continuous.start();
      vi.advanceTimersToNextTimer(); // rotation: the sampler switches, nothing is read yet
      expect(sourceMapStats().cached).toBe(0);
      for (let turn = 0; turn < 100 && files.length === 0; turn++) vi.advanceTimersToNextTimer();
      expect(files).toEqual([join(dir, 'app.ts')]); // looked up, then converted with it
      const stopped = continuous.stop(); // its last window, converted in slices too
      await vi.runAllTimersAsync();
      await stopped;
    } finally {
      vi.useRealTimers();
    }
  });

  it('end to end: a real profile of bundled code in plain node names the .ts file', async () => {
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       Promise.all([import(workerData.bundle), import(workerData.app)]).then(([{ CpuProfiler }, app]) => {
         const p = new CpuProfiler({ frequency: 1000 });
         p.start(); app.tsHotPath(300);
         const profile = p.stop();
         parentPort.postMessage(profile.frames.filter((f) => f.function === 'tsHotPath'));
       });`,
      { eval: true, workerData: { bundle, app: pathToFileURL(outs.linked).href } },
    );
    const frames = await new Promise<Array<{ file: string; line: number; startLine?: number }>>(
      (resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      },
    );
    await worker.terminate();
    expect(frames.length).toBeGreaterThan(0);
    expect(frames[0].file).toBe(join(dir, 'app.ts'));
    expect(frames[0].startLine).toBe(TS_LINE);
    // the sampled lines are mapped too: the hot loop is line 7 of app.ts
    expect(frames.map((f) => f.line)).toContain(TS_LOOP_LINE);
    for (const f of frames) expect(f.line).toBeGreaterThanOrEqual(TS_LINE);
  });
});
