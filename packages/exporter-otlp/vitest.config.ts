import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['otlpx-source'] },
  test: {
    name: 'exporter-otlp',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
