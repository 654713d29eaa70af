import { performance } from 'node:perf_hooks';

/**
 * Clock alignment between `performance.now()` (what the span hook reads: a double, no
 * allocation) and V8's CPU-profile timestamps. Both come from the same monotonic clock
 * (CLOCK_MONOTONIC through uv_hrtime on Linux): V8 reports microseconds since that clock's
 * epoch, exactly `process.hrtime.bigint() / 1000n`, and performance.now() counts milliseconds from
 * the process's time origin on it. The offset between them is measured once, as the tightest of
 * a few paired reads (measured on the test VM: V8 `startTime` fell between the hrtime reads taken
 * just before and after `Profiler.start`, 61 µs after the first).
 */
function measureOffsetMicros(): number {
  let best = Number.POSITIVE_INFINITY;
  let offset = 0;
  for (let i = 0; i < 16; i++) {
    const a = performance.now();
    const h = Number(process.hrtime.bigint()) / 1000;
    const b = performance.now();
    const width = b - a;
    if (width < best) {
      best = width;
      offset = h - ((a + b) / 2) * 1000;
    }
  }
  return offset;
}

/** V8 profile microseconds minus performance.now() microseconds. */
export const V8_OFFSET_MICROS = measureOffsetMicros();

/** performance.now() (ms) of a V8 profile timestamp (µs). */
export function v8MicrosToPerfMillis(micros: number): number {
  return (micros - V8_OFFSET_MICROS) / 1000;
}

/** Unix-epoch nanoseconds of a V8 profile timestamp (µs). */
export function v8MicrosToUnixNanos(micros: number): bigint {
  const epochMillis = performance.timeOrigin + v8MicrosToPerfMillis(micros);
  return BigInt(Math.round(epochMillis * 1000)) * 1000n;
}

/** V8 profile microseconds of a Unix-epoch microsecond timestamp. */
export function unixMicrosToV8Micros(micros: number): number {
  return (micros / 1000 - performance.timeOrigin) * 1000 + V8_OFFSET_MICROS;
}
