import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { RequestTimeout } from '../src/http-request.js';
import { attempt, within, withinThen } from '../src/time-limit.js';

describe('time limits', () => {
  it('rejects with a RequestTimeout when the wait is too long, passes values and errors through', async () => {
    await expect(within(new Promise(() => {}), 20)).rejects.toBeInstanceOf(RequestTimeout);
    await expect(within(Promise.resolve(7), 1000)).resolves.toBe(7);
    await expect(within(Promise.reject(new Error('boom')), 1000)).rejects.toThrow('boom');
    await expect(
      attempt(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
  });

  it('gives the second step only the time the first left', async () => {
    const left = await withinThen(
      200,
      () => new Promise<number>((r) => setTimeout(() => r(1), 50)),
      async (_v, rest) => rest,
    );
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(160);
    await expect(
      withinThen(
        20,
        () => new Promise<number>((r) => setTimeout(() => r(1), 40)),
        async () => 'late',
      ),
    ).rejects.toBeInstanceOf(RequestTimeout);
  });

  it('does not keep the process alive while it waits', async () => {
    // A wait that never settles, bounded at 60 s: the process must exit at once, not in 60 s.
    const dir = mkdtempSync(join(tmpdir(), 'otlpx-time-limit-'));
    try {
      const script = join(dir, 'child.mjs');
      await build({
        stdin: {
          contents:
            "import { within } from './time-limit.ts'; within(new Promise(() => {}), 60_000).catch(() => {});",
          resolveDir: new URL('../src/', import.meta.url).pathname,
          loader: 'ts',
        },
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        outfile: script,
        logLevel: 'silent',
      });
      const started = Date.now();
      execFileSync(process.execPath, [script], { timeout: 30_000 });
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
