import { jsKernels } from './js-backend.js';
import type { BackendName, Kernels } from './kernels.js';
import { createNativeKernels, loadNativeAddon, nativeLoadError } from './native-addon.js';
import { loadWasmKernels, wasmLoadError } from './wasm-backend.js';

const ORDER: readonly BackendName[] = ['native', 'wasm', 'js'];
const cache = new Map<BackendName, Kernels | null>();

/** The kernels of one backend, or undefined when it cannot load here (no addon, no wasm SIMD). */
export function getKernels(name: BackendName): Kernels | undefined {
  let k = cache.get(name);
  if (k === undefined) {
    if (name === 'js') k = jsKernels;
    else if (name === 'native') {
      const addon = loadNativeAddon();
      k = addon ? createNativeKernels(addon) : null;
    } else k = loadWasmKernels() ?? null;
    cache.set(name, k);
  }
  return k ?? undefined;
}

/** Every backend that loads on this machine, in load order (always ends with 'js'). */
export function availableBackends(): BackendName[] {
  return ORDER.filter((name) => getKernels(name) !== undefined);
}

/** Why a backend did not load: the addon's or the wasm module's error, if any. */
export function backendLoadError(name: BackendName): unknown {
  if (name === 'native') return nativeLoadError();
  if (name === 'wasm') return wasmLoadError();
  return undefined;
}

/**
 * Resolves OTLPX_SIMD (read once, at load): 'native' | 'wasm' | 'js' forces that backend (falling
 * through to the next one with a warning if it cannot load); unset keeps the load order
 * native -> wasm -> js. Any other value is ignored with a warning.
 */
export function resolveBackend(env: string | undefined): BackendName {
  let start = 0;
  if (env === 'native' || env === 'wasm' || env === 'js') start = ORDER.indexOf(env);
  else if (env !== undefined && env !== '') {
    process.emitWarning(`OTLPX_SIMD=${env} is not one of native, wasm, js; ignored`, {
      code: 'OTLPX_SIMD_ENV',
    });
  }
  for (let i = start; i < ORDER.length; i++) {
    if (getKernels(ORDER[i]) !== undefined) {
      // Only a backend asked for by name is worth a warning; without OTLPX_SIMD falling back is the
      // design (the package works without the addon, like ws without bufferutil).
      if (i !== start && env === ORDER[start]) {
        process.emitWarning(
          `OTLPX_SIMD=${env}: the ${ORDER[start]} backend is unavailable (${String(backendLoadError(ORDER[start]))}); using ${ORDER[i]}`,
          { code: 'OTLPX_SIMD_ENV' },
        );
      }
      return ORDER[i];
    }
  }
  return 'js';
}
