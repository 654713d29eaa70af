import { join } from 'node:path';
import { runReadmeSection } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '..');

/**
 * The first number of the Traces and Metrics lines is a request's size, which depends on the
 * SDK's default resource (its version, the process name): it is compared with the README's within
 * a tenth, the rest of the line exactly.
 */
function expectSameOutput(printed: string[], expected: string[], sizeFirst: boolean): void {
  if (!sizeFirst) {
    expect(printed).toEqual(expected);
    return;
  }
  const size = (line: string) => Number(line.split(' ')[0]);
  const rest = (line: string) => line.slice(line.indexOf(' '));
  expect(printed.map(rest)).toEqual(expected.map(rest));
  expect(Math.abs(size(printed[0]) - size(expected[0]))).toBeLessThan(size(expected[0]) / 10);
}

describe('README examples', () => {
  it.each([
    ['Traces', true],
    ['Metrics', true],
    ['Logs', false],
    ['Profiles', false],
    ['pprof', false],
  ])('%s: runs and prints what the README shows', async (heading, sizeFirst) => {
    const run = await runReadmeSection(packageDir, heading);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expectSameOutput(run.stdout.trimEnd().split('\n'), run.expected, sizeFirst);
  });
});
