import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(packageDir, '../..');
/** The registry model the committed src/gen was generated from (`<repo root>/../shared`). */
export const modelDir = resolve(repoRoot, '../shared/semconv/model');
export const schemasDir = resolve(repoRoot, '../shared/semconv/schemas');
export const hasModel = existsSync(join(modelDir, 'manifest.yaml'));
export const missingModelReason = `semconv model not found at ${modelDir} (CI puts shared/ beside the clone)`;
if (!hasModel) {
  if (process.env.OTLPX_REQUIRE_PEERS === '1') throw new Error(missingModelReason);
  console.warn(`[semconv tests] skipping model checks: ${missingModelReason}`);
}
