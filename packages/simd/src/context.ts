import type { Kernels } from './kernels.js';
import type { Thresholds } from './thresholds.js';

/** What a public wrapper needs: the backend's kernels and its crossover sizes. */
export interface Context {
  readonly kernels: Kernels;
  readonly thresholds: Thresholds;
}
