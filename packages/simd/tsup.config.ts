import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', perf: 'src/perf/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // import.meta.url must work in the CJS build: the loader resolves the package root from it.
  shims: true,
});
