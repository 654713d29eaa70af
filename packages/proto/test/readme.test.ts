import { join } from 'node:path';
import { runReadmeSection } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '..');

describe('README example', () => {
  it('encodes and decodes the span as the README shows', async () => {
    const run = await runReadmeSection(packageDir, 'Traces');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const printed = run.stdout.trimEnd().split('\n');
    // The request's size depends on the default resource (the SDK's version, the process name):
    // the line is checked without it, and the size against the README's within a tenth.
    const size = (line: string) => Number(line.split(' ')[0]);
    const rest = (line: string) => line.slice(line.indexOf(' '));
    expect(printed.map(rest)).toEqual(run.expected.map(rest));
    expect(Math.abs(size(printed[0]) - size(run.expected[0]))).toBeLessThan(size(run.expected[0]) / 10);
  });
});
