import { readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Every package gets its own project (packages/<name>/vitest.config.ts) and its own
// 80 % line-coverage gate, so a well-tested package cannot hide an untested one.
const packages = readdirSync(new URL('./packages', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const thresholds = Object.fromEntries(packages.map((name) => [`packages/${name}/src/**`, { lines: 80 }]));

export default defineConfig({
  test: {
    projects: ['packages/*', 'tools/compat-sdk3', 'tools/compat-sdk3/vitest.exporter-suite.config.ts'],
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts'],
      exclude: ['packages/*/src/gen/**', '**/*.d.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
      thresholds,
    },
  },
});
