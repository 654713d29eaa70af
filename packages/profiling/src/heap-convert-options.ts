import { performance } from 'node:perf_hooks';

/** Epoch start time and duration of a heap window from two performance.now() readings. */
export function heapConvertOptions(
  startMillis: number,
  endMillis: number,
): { startTimeUnixNano: bigint; durationNanos: number } {
  return {
    startTimeUnixNano: BigInt(Math.round((performance.timeOrigin + startMillis) * 1000)) * 1000n,
    durationNanos: Math.max(0, Math.round((endMillis - startMillis) * 1e6)),
  };
}
