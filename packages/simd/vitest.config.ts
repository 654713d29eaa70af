import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['otlpx-source'] },
  test: {
    name: 'simd',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
