import { join } from 'node:path';
import { runReadmeSection } from '@otlpx/testkit';
import { describe, expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '..');

describe('README example', () => {
  it('prints what the README shows', async () => {
    const run = await runReadmeSection(packageDir, 'Example');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const printed = run.stdout.trimEnd().split('\n');
    // The backend and the CPU features lead the first line and depend on the machine (and on
    // OTLPX_SIMD); the README shows an AVX2 machine. Every value after them is the same everywhere.
    const values = (line: string) => line.slice(line.indexOf('Float64Array'));
    expect(printed).toHaveLength(2);
    expect(printed[0]).toMatch(/^(native|wasm|js) \[.*\] Float64Array/);
    expect(values(printed[0])).toBe(values(run.expected[0]));
    expect(printed[1]).toBe(run.expected[1]);
  });
});
