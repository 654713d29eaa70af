import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/native-addon.js';

const require = createRequire(import.meta.url);
const prebuild = join(packageRoot, 'prebuilds', 'linux-x64', '@otlpx+simd.node');

describe('prebuilds and install script', () => {
  it.each(['linux-x64', 'linux-arm64'])(
    'the committed %s prebuild was made from the current native sources',
    (dir) => {
      const { sourceHash } = require('../scripts/source-hash.cjs') as { sourceHash(root: string): string };
      expect(existsSync(join(packageRoot, 'prebuilds', dir, '@otlpx+simd.node'))).toBe(true);
      const recorded = readFileSync(join(packageRoot, 'prebuilds', dir, 'SOURCE_HASH'), 'utf8').trim();
      // If this fails: pnpm --filter @otlpx/simd prebuildify (both architectures), then commit prebuilds/.
      expect(recorded).toBe(sourceHash(packageRoot));
    },
  );

  it.skipIf(process.platform !== 'linux' || process.arch !== 'x64')(
    'the linux-x64 prebuild loads and dispatches',
    () => {
      expect(existsSync(prebuild)).toBe(true);
      const addon = require(prebuild) as {
        levels(): string[];
        hexEncode(a: Uint8Array, b: Uint8Array): void;
      };
      expect(addon.levels().at(-1)).toBe('scalar');
      const out = new Uint8Array(4);
      addon.hexEncode(Uint8Array.of(0xab, 0x01), out);
      expect(new TextDecoder().decode(out)).toBe('ab01');
    },
  );

  it('install.cjs prints one line and exits 0 when the addon is not wanted', () => {
    const res = spawnSync(process.execPath, [join(packageRoot, 'scripts', 'install.cjs')], {
      env: { ...process.env, OTLPX_SIMD: 'js' },
      encoding: 'utf8',
    });
    expect(res.status).toBe(0);
    expect(res.stdout.trim().split('\n')).toHaveLength(1);
  });
});
