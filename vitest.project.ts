import { defineProject, type TestProjectInlineConfiguration } from 'vitest/config';

type TestOptions = NonNullable<TestProjectInlineConfiguration['test']>;

/**
 * The vitest project of one workspace package. Tests run against sources: workspace packages
 * resolve through their `otlpx-source` export condition, and since they sit in node_modules
 * (which vitest would hand to Node's resolver, loading a possibly stale dist), they are inlined.
 */
export function defineOtlpxProject(name: string, test: Omit<TestOptions, 'name'> = {}) {
  return defineProject({
    resolve: { conditions: ['otlpx-source'] },
    ssr: { resolve: { conditions: ['otlpx-source'] } },
    test: {
      name,
      include: ['test/**/*.test.ts'],
      testTimeout: 60_000,
      server: { deps: { inline: [/@otlpx\//] } },
      ...test,
    },
  });
}
