import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', 'profile-preload': 'src/profile-preload.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  shims: true,
  // Node strips a leading hashbang from any module, so the library entry is unaffected.
  banner: { js: '#!/usr/bin/env node' },
});
