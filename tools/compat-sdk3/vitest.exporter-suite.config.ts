// @otlpx/exporter-otlp's own test suite, run against the OTel JS SDK 3.x line (issue 3: "the same
// test suite passes with sdk-trace-base 2.x on Node 20 and the SDK 3.x line on Node 22"). The
// SDK packages the tests and @otlpx/testkit import resolve to this directory's 3.x copies (the
// 2.x `@opentelemetry/sdk-trace-base` through src/sdk-trace-base-shim.ts, the logs API to
// `@opentelemetry/api` 1.10, where 3.x has it). The SDK 3.x line needs Node >= 22.15: older Node
// runs no file of this project (CI's Node 22 leg runs it).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineOtlpxProject } from '../../vitest.project.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const require = createRequire(import.meta.url);
const [major, minor] = process.versions.node.split('.').map(Number);
const sdk3Runs = major > 22 || (major === 22 && minor >= 15);

/** The ESM entry of one of this directory's SDK 3.x packages. */
function sdk3(name: string): string {
  const main = require.resolve(name); // the CommonJS entry: dist/index.cjs
  return main.replace(/index\.cjs$/, 'index.mjs');
}

const exact = (name: string, target: string) => ({ find: new RegExp(`^${name}$`), replacement: target });

const aliases = [
  exact('@opentelemetry/sdk-trace-base', here('src/sdk-trace-base-shim.ts')),
  exact('@opentelemetry/sdk-trace', sdk3('@opentelemetry/sdk-trace')),
  exact('@opentelemetry/sdk-metrics', sdk3('@opentelemetry/sdk-metrics')),
  exact('@opentelemetry/sdk-logs', sdk3('@opentelemetry/sdk-logs')),
  exact('@opentelemetry/resources', sdk3('@opentelemetry/resources')),
  exact('@opentelemetry/core', sdk3('@opentelemetry/core')),
  exact('@opentelemetry/api-logs', sdk3('@opentelemetry/api')),
  exact('@opentelemetry/api', sdk3('@opentelemetry/api')),
];

const project = defineOtlpxProject('exporter-otlp-sdk3', {
  dir: here('../../packages/exporter-otlp/test'),
  include: sdk3Runs ? ['**/*.test.ts'] : [],
  testTimeout: 30_000,
});

// Vite's resolver, so the aliases hold for the tests, @otlpx/testkit and the sources they import.
project.resolve = { ...project.resolve, alias: aliases };

export default project;
