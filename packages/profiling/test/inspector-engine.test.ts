import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeProfilesItself } from '../src/inspector-engine.js';
import { bundlePackage } from './fixtures/bundle.js';

describe('nodeProfilesItself', () => {
  it('is true under NODE_V8_COVERAGE and the --cpu-prof / --heap-prof flags, false otherwise', () => {
    expect(nodeProfilesItself({}, [])).toBe(false);
    expect(nodeProfilesItself({ NODE_V8_COVERAGE: '/tmp/cov' }, [])).toBe(true);
    expect(nodeProfilesItself({}, ['--cpu-prof'])).toBe(true);
    expect(nodeProfilesItself({}, ['--cpu-prof-dir=/tmp/p'])).toBe(true);
    expect(nodeProfilesItself({}, ['--heap-prof'])).toBe(true);
    expect(nodeProfilesItself({ NODE_OPTIONS: '--max-old-space-size=512 --cpu-prof' }, [])).toBe(true);
    expect(nodeProfilesItself({ NODE_OPTIONS: '--cpu-profx' }, ['--inspect', '--prof'])).toBe(false);
  });
});

describe('CPU rotation while Node profiles itself', () => {
  let bundle = '';
  beforeAll(async () => {
    bundle = await bundlePackage();
  }, 60_000);
  afterAll(() => rmSync(dirname(bundle), { recursive: true, force: true }));

  it('under NODE_V8_COVERAGE, windows rotate and nothing is printed to stderr', () => {
    const coverage = mkdtempSync(join(tmpdir(), 'otlpx-v8-coverage-'));
    try {
      const script = `
        const { ContinuousProfiler } = await import(${JSON.stringify(bundle)});
        let windows = 0;
        const p = new ContinuousProfiler({ windowMillis: 150, heap: false, onWindow() { windows++; } });
        p.start();
        const end = performance.now() + 800;
        while (performance.now() < end) await new Promise((r) => setImmediate(r));
        await p.stop();
        console.log(JSON.stringify({ windows, failed: p.stats().rotationFailed }));
      `;
      const res = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        env: { ...process.env, NODE_V8_COVERAGE: coverage, NODE_OPTIONS: '' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(res.stderr).toBe('');
      expect(res.status).toBe(0);
      const out = JSON.parse(res.stdout.trim().split('\n').pop() as string);
      expect(out.windows).toBeGreaterThanOrEqual(3);
      expect(out.failed).toBe(0);
    } finally {
      rmSync(coverage, { recursive: true, force: true });
    }
  });
});
