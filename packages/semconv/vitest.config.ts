import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['otlpx-source'] },
  test: {
    name: 'semconv',
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
