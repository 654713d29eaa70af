import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where pnpm-workspace.yaml is). */
export const repoRoot: string = findUp(dirname(fileURLToPath(import.meta.url)), 'pnpm-workspace.yaml');

/**
 * The project's read-only shared data (`../shared` beside the checkout, in dev and in CI).
 * `OTLPX_SHARED_DIR` overrides it.
 */
export const sharedDir: string = process.env.OTLPX_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');

/** opentelemetry-proto v1.11.0 .proto files (import root). */
export const otlpProtoDir: string = join(sharedDir, 'otlp-proto');
/** google/pprof profile.proto (its folder). */
export const pprofProtoDir: string = join(sharedDir, 'pprof-proto');
/** The semantic-conventions registry model (YAML). */
export const semconvModelDir: string = join(sharedDir, 'semconv', 'model');

function findUp(from: string, marker: string): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, marker))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no ${marker} above ${from}`);
    dir = parent;
  }
}
