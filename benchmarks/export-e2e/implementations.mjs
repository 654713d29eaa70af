// Loads the two stacks the export-e2e benchmark compares, each the way a user wires it:
//   official: BatchSpanProcessor + @opentelemetry/exporter-trace-otlp-proto OTLPTraceExporter
//   otlpx:    FastSpanProcessor + @otlpx/exporter-otlp OtlpTraceExporter (built dist)
// The official exporter is resolved from benchmarks/ (its package.json lists it), or from
// OTLPX_BENCH_OFFICIAL_DIR, a directory whose node_modules holds it.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export class NotAvailable extends Error {}

export async function loadOfficial() {
  const name = '@opentelemetry/exporter-trace-otlp-proto';
  const dirs = [new URL('..', import.meta.url).pathname, process.env.OTLPX_BENCH_OFFICIAL_DIR].filter(
    Boolean,
  );
  for (const dir of dirs) {
    try {
      const path = createRequire(join(dir, 'package.json')).resolve(name);
      const mod = await import(pathToFileURL(path).href);
      const version = createRequire(join(dir, 'package.json'))(`${name}/package.json`).version;
      return { OTLPTraceExporter: mod.OTLPTraceExporter ?? mod.default?.OTLPTraceExporter, version };
    } catch {
      // try the next directory
    }
  }
  throw new NotAvailable(`${name} is not installed for benchmarks/ (set OTLPX_BENCH_OFFICIAL_DIR)`);
}

export async function loadOtlpx() {
  const url = new URL('../../packages/exporter-otlp/dist/index.js', import.meta.url);
  try {
    return await import(url.href);
  } catch (err) {
    throw new NotAvailable(
      `@otlpx/exporter-otlp dist cannot be imported (pnpm exec turbo run build): ${err.message}`,
    );
  }
}
