import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePprof, gunzipPprof } from '@otlpx/proto';
import { skipWithoutPeer } from '@otlpx/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { CpuProfiler, HeapProfiler, toPprof, toPprofModel } from '../src/index.js';
import { coldBurner, hotBurner } from './fixtures/burn.js';
import { cpuFixture } from './fixtures/profiles.js';
import { LOG_LINE, loadTwoLoops, SQRT_LINE } from './fixtures/two-loops.js';

describe('toPprof', () => {
  it('merges samples by (stack, span) and labels span samples', () => {
    const model = toPprofModel(cpuFixture());
    const str = (i: number) => model.stringTable[i];
    expect(model.sample).toHaveLength(3);
    const withSpan = model.sample.find((s) => s.label.length > 0);
    expect(withSpan?.value).toEqual([2, 30]);
    expect(Object.fromEntries(withSpan?.label.map((l) => [str(l.key), str(l.str)]) ?? [])).toEqual({
      trace_id: '0af7651916cd43dd8448eb211c80319c',
      span_id: 'b7ad6b7169203331',
      span_name: 'GET /users',
    });
    expect(model.comment.map(str)).toEqual(['thread.id=0', 'thread.name=main']);
    expect(str(model.defaultSampleType)).toBe('cpu');
    const bytes = toPprof(cpuFixture());
    expect(bytes[0]).toBe(0x1f);
    const decoded = decodePprof(gunzipPprof(bytes));
    expect(decoded.sample).toHaveLength(3);
    expect(decoded.timeNanos).toBe(1_700_000_000_000_000_000n);
    expect(toPprof(cpuFixture(), { gzip: false })[0]).not.toBe(0x1f);
  });
});

describe.skipIf(skipWithoutPeer('go-pprof'))('toPprof read by go tool pprof', () => {
  const dir = mkdtempSync(join(tmpdir(), 'otlpx-pprof-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const goPprof = (args: string[]) =>
    spawnSync('go', ['tool', 'pprof', ...args], {
      encoding: 'utf8',
      env: {
        ...process.env,
        HOME: process.env.HOME ?? dir,
        GOCACHE: join(dir, 'gocache'),
        PPROF_TMPDIR: dir,
      },
      timeout: 60_000,
    });

  it('ranks the hot function first in -top', () => {
    const profiler = new CpuProfiler({ frequency: 1000 });
    profiler.start();
    for (let i = 0; i < 5; i++) {
      hotBurner(60);
      coldBurner(15);
    }
    const file = join(dir, 'cpu.pb.gz');
    writeFileSync(file, toPprof(profiler.stop()));
    const res = goPprof(['-top', '-symbolize=none', file]);
    expect(res.status, res.stderr).toBe(0);
    const rows = res.stdout.split('\n').filter((l) => /^\s*[\d.]+\w*\s+[\d.]+%/.test(l));
    expect(rows.length).toBeGreaterThan(1);
    expect(rows[0]).toMatch(/hotBurner/);
    expect(res.stdout).toMatch(/Type: cpu/);
  });

  it('shows the sampled lines of a function with two hot loops in -lines -top', () => {
    const { file: script, run } = loadTwoLoops();
    const profiler = new CpuProfiler({ frequency: 1000 });
    profiler.start();
    run(400);
    const profile = profiler.stop();
    const lines = new Map<number, number>();
    for (let i = 0; i < profile.samples.count; i++) {
      const leaf = profile.frames[profile.stacks[profile.samples.stack[i]][0]];
      if (leaf.function === 'twoLoops') lines.set(leaf.line, (lines.get(leaf.line) ?? 0) + 1);
    }
    const sqrt = lines.get(SQRT_LINE) ?? 0;
    const log = lines.get(LOG_LINE) ?? 0;
    expect(sqrt, JSON.stringify([...lines])).toBeGreaterThan(0);
    expect(log, JSON.stringify([...lines])).toBeGreaterThan(0);
    const model = toPprofModel(profile);
    const fn = model.function.find((f) => model.stringTable[f.name] === 'twoLoops');
    expect(fn?.startLine).toBe(1);

    const file = join(dir, 'lines.pb.gz');
    writeFileSync(file, toPprof(profile));
    const res = goPprof(['-lines', '-top', '-symbolize=none', file]);
    expect(res.status, res.stderr).toBe(0);
    const rows = res.stdout.split('\n').filter((l) => l.includes('twoLoops'));
    expect(
      rows.some((l) => l.includes(`${script}:${SQRT_LINE}`)),
      res.stdout,
    ).toBe(true);
    expect(
      rows.some((l) => l.includes(`${script}:${LOG_LINE}`)),
      res.stdout,
    ).toBe(true);
  });

  it('reads a heap profile and ranks the allocating function first by in-use space', () => {
    const heap = new HeapProfiler({ intervalBytes: 16 * 1024 });
    heap.start();
    const kept: object[] = [];
    (function retainBuffers() {
      for (let i = 0; i < 2000; i++) kept.push(new Array(512).fill(i));
    })();
    const file = join(dir, 'heap.pb.gz');
    writeFileSync(file, toPprof(heap.stop()));
    expect(kept.length).toBe(2000);
    const res = goPprof(['-top', '-symbolize=none', '-sample_index=inuse_space', file]);
    expect(res.status, res.stderr).toBe(0);
    const rows = res.stdout.split('\n').filter((l) => /^\s*[\d.]+\w*\s+[\d.]+%/.test(l));
    expect(rows[0]).toMatch(/retainBuffers/);
  });

  it('reads span labels with -tags', () => {
    const file = join(dir, 'labels.pb.gz');
    writeFileSync(file, toPprof(cpuFixture()));
    const res = goPprof(['-tags', '-symbolize=none', file]);
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/span_name/);
    expect(res.stdout).toMatch(/GET \/users/);
    expect(res.stdout).toMatch(/b7ad6b7169203331/);
  });
});
