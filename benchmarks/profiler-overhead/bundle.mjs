// Bundles @otlpx/profiling from source (otlpx-source condition, workspace deps included) into one
// ESM file, so the benchmark measures the current code without a build of every package
// (except @otlpx/simd, imported from its build: `pnpm exec turbo run build --filter @otlpx/simd`).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const profilingDir = join(dirname(fileURLToPath(import.meta.url)), '../../packages/profiling');
export const requireFromProfiling = createRequire(join(profilingDir, 'package.json'));

/** `benchmarkEntry`: also export the internals profile-build.mjs measures (build-internals.ts). */
export async function bundleProfiling({ benchmarkEntry = false } = {}) {
  const { build } = requireFromProfiling('esbuild');
  // under the package's git-ignored .otlpx-tmp/: @otlpx/simd stays external (its native addon is
  // found next to its own files) and resolves, like @opentelemetry/*, from the package's node_modules
  const root = join(profilingDir, '.otlpx-tmp');
  mkdirSync(root, { recursive: true });
  const outfile = join(mkdtempSync(join(root, 'bench-')), 'profiling.mjs');
  await build({
    entryPoints: [
      benchmarkEntry
        ? join(dirname(fileURLToPath(import.meta.url)), 'build-internals.ts')
        : join(profilingDir, 'src/index.ts'),
    ],
    nodePaths: [join(profilingDir, 'node_modules')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    conditions: ['otlpx-source'],
    external: ['@opentelemetry/*', '@otlpx/simd'],
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}
