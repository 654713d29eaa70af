import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { packageDir, repoRoot } from './shared-data.js';

/** Bundles a one-line entry with esbuild (tree-shaking, minified) and returns its size in bytes. */
async function bundleSize(code: string): Promise<{ bytes: number; gzip: number; text: string }> {
  const result = await build({
    stdin: { contents: code, resolveDir: packageDir, loader: 'ts' },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const text = result.outputFiles[0].text;
  return { bytes: Buffer.byteLength(text), gzip: gzipSync(text).length, text };
}

const src = (entry: string) => JSON.stringify(join(packageDir, 'src', entry));
const sizes: Record<string, number> = {};

describe('bundle size (esbuild, minified, tree-shaken)', () => {
  afterAll(() => console.info(`[semconv bundle sizes, bytes] ${JSON.stringify(sizes)}`));

  it('one stable constant costs under 1 KB', async () => {
    const { bytes, text } = await bundleSize(
      `import { ATTR_HTTP_REQUEST_METHOD } from ${src('index.ts')}; console.log(ATTR_HTTP_REQUEST_METHOD);`,
    );
    sizes.stableConstant = bytes;
    expect(text).toContain('http.request.method');
    expect(text).not.toContain('http.response.status_code');
    expect(bytes).toBeLessThan(1024);
  });

  it('one incubating constant and one enum object stay small too', async () => {
    const one = await bundleSize(
      `import { ATTR_DB_SYSTEM_NAME } from ${src('incubating.ts')}; console.log(ATTR_DB_SYSTEM_NAME);`,
    );
    sizes.incubatingConstant = one.bytes;
    expect(one.bytes).toBeLessThan(1024);
    const values = await bundleSize(
      `import { HttpRequestMethodValues } from ${src('index.ts')}; console.log(HttpRequestMethodValues);`,
    );
    sizes.enumValues = values.bytes;
    expect(values.bytes).toBeLessThan(1024);
  });

  it('compares with @opentelemetry/semantic-conventions (same esbuild settings)', async () => {
    const official = await bundleSize(
      `import { ATTR_HTTP_REQUEST_METHOD } from '@opentelemetry/semantic-conventions'; console.log(ATTR_HTTP_REQUEST_METHOD);`,
    );
    sizes.officialStableConstant = official.bytes;
    const officialIncubating = await bundleSize(
      `import { ATTR_DB_SYSTEM_NAME } from '@opentelemetry/semantic-conventions/incubating'; console.log(ATTR_DB_SYSTEM_NAME);`,
    );
    sizes.officialIncubatingConstant = officialIncubating.bytes;
    expect(official.text).toContain('http.request.method');
  });

  it('the HTTP client builder and the registry loader are measured', async () => {
    const builder = await bundleSize(
      `import { httpClientSpan } from ${src('index.ts')}; console.log(httpClientSpan().method('GET').partial());`,
    );
    sizes.httpClientSpan = builder.bytes;
    expect(builder.text).not.toContain('k8s.pod.name');
    expect(builder.bytes).toBeLessThan(8 * 1024);
    const loader = await bundleSize(
      `import { loadRegistry } from ${src('registry.ts')}; console.log(loadRegistry);`,
    );
    // The data is a lazily imported module; esbuild inlines it into one file when not splitting.
    sizes.registryWithData = loader.bytes;
    sizes.registryWithDataGzip = loader.gzip;
    expect(loader.text).toContain('db.system.name');
  });
});

function dirSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const sub = dirSize(p);
      bytes += sub.bytes;
      files += sub.files;
    } else {
      bytes += statSync(p).size;
      files++;
    }
  }
  return { bytes, files };
}

describe('package size', () => {
  const out = mkdtempSync(join(tmpdir(), 'semconv-dist-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('unpacked, it is well under the official 9.9 MB', () => {
    const tsup = join(repoRoot, 'node_modules/.bin/tsup');
    expect(existsSync(tsup), 'tsup is a root devDependency').toBe(true);
    const res = spawnSync(tsup, ['--out-dir', out, '--silent'], { cwd: packageDir, encoding: 'utf8' });
    expect(res.status, res.stderr).toBe(0);
    const dist = dirSize(out);
    const extra = ['package.json', 'README.md'].reduce(
      (n, f) => n + (existsSync(join(packageDir, f)) ? statSync(join(packageDir, f)).size : 0),
      0,
    );
    const unpacked = dist.bytes + extra;
    const official = dirSize(
      realpathSync(join(packageDir, 'node_modules/@opentelemetry/semantic-conventions')),
    );
    console.info(
      `[semconv package size] ${unpacked} bytes unpacked in ${dist.files + 2} files; @opentelemetry/semantic-conventions: ${official.bytes} bytes in ${official.files} files`,
    );
    expect(unpacked).toBeLessThan(5 * 1024 * 1024);
  });
});
