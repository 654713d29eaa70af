import { OtlpxSimdArgumentError } from './errors.js';

/** Argument checks shared by the public wrappers: run once per call, never per element. */
export function expectType<T>(value: unknown, ctor: abstract new (...args: never[]) => T, name: string): T {
  if (!(value instanceof ctor)) {
    throw new OtlpxSimdArgumentError(name, `expected a ${ctor.name}, got ${describe(value)}`);
  }
  return value as T;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

export function expectLength(actual: number, min: number, name: string): void {
  if (actual < min) throw new OtlpxSimdArgumentError(name, `needs at least ${min} elements, has ${actual}`);
}

/** Offsets of n ranges: n + 1 non-decreasing entries, the last within `byteLength`. */
export function checkOffsets(offsets: Uint32Array, byteLength: number, name: string): void {
  const n = offsets.length;
  if (n === 0) throw new OtlpxSimdArgumentError(name, 'needs n + 1 entries (at least one)');
  for (let i = 1; i < n; i++) {
    if (offsets[i] < offsets[i - 1]) {
      throw new OtlpxSimdArgumentError(name, `must not decrease (offsets[${i}] < offsets[${i - 1}])`);
    }
  }
  if (offsets[n - 1] > byteLength) {
    throw new OtlpxSimdArgumentError(
      name,
      `last offset ${offsets[n - 1]} is past the end (${byteLength} bytes)`,
    );
  }
}

/** A Uint32Array over the same memory as a 64-bit array: (lo, hi) pairs on little-endian hosts. */
export function pairsOf(a: BigUint64Array | BigInt64Array): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, 2 * a.length);
}
