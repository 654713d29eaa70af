import { join } from 'node:path';
import { runReadmeSection } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '..');

describe('README example', () => {
  it('starts everything with one call and prints what the README shows', async () => {
    const run = await runReadmeSection(packageDir, 'One call: `start()`', { timeoutMillis: 20_000 });
    // It also ends by itself: nothing started by start() keeps the process alive.
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toEqual(run.expected);
  });
});
