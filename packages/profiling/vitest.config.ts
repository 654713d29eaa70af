import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['otlpx-source'] },
  ssr: { resolve: { conditions: ['otlpx-source'] } },
  test: {
    name: 'profiling',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Workspace packages sit in node_modules, which vitest externalizes to Node's resolver (no
    // 'otlpx-source' condition: it would load their possibly stale dist). Inline them instead.
    server: { deps: { inline: [/@otlpx\//] } },
  },
});
