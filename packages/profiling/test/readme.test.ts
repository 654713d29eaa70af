import { join } from 'node:path';
import { oneLine, runReadmeSection } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '..');

describe('README example', () => {
  it('profiles the span and prints what the README shows', async () => {
    const run = await runReadmeSection(packageDir, 'Example');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // Samples and ids differ per run; the shape of the line, the span's name and the link table do not.
    const line = /^(\d+) \{ traceId: '([0-9a-f]{32})', spanId: '([0-9a-f]{16})', name: '([^']*)' \} (\d+)$/;
    const printed = line.exec(oneLine(run.stdout));
    const promised = line.exec(run.expected.join(' '));
    expect(printed, run.stdout).not.toBeNull();
    expect(promised).not.toBeNull();
    expect(Number(printed![1])).toBeGreaterThan(0);
    expect(printed![4]).toBe(promised![4]);
    expect(printed![5]).toBe(promised![5]);
  });
});
