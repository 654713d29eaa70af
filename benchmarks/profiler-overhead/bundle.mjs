// Bundles @otlpx/profiling from source (otlpx-source condition, workspace deps included) into one
// ESM file, so the benchmark measures the current code without a build of every package.
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const profilingDir = join(dirname(fileURLToPath(import.meta.url)), '../../packages/profiling');
export const requireFromProfiling = createRequire(join(profilingDir, 'package.json'));

export async function bundleProfiling() {
  const { build } = requireFromProfiling('esbuild');
  const outfile = join(mkdtempSync(join(tmpdir(), 'otlpx-bench-profiling-')), 'profiling.mjs');
  await build({
    entryPoints: [join(profilingDir, 'src/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    conditions: ['otlpx-source'],
    external: ['@opentelemetry/*'],
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}
