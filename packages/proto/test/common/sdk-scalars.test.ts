import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonBytes } from '../../src/common/json-writer.js';
import {
  hrTimeToNanosString,
  isZeroHrTime,
  writeHexBytes,
  writeHrTimeFixed64,
  writeHrTimeJson,
} from '../../src/common/sdk-scalars.js';
import { ProtoReader } from '../../src/wire/reader.js';
import { ProtoWriter } from '../../src/wire/writer.js';

const hrTime = fc.tuple(
  fc.integer({ min: 0, max: 18_446_744_072 }),
  fc.integer({ min: 0, max: 999_999_999 }),
);

describe('HrTime to nanoseconds', () => {
  it('writes fixed64 and decimal strings exactly, beyond 2^53', () => {
    fc.assert(
      fc.property(hrTime, ([s, n]) => {
        const expected = BigInt(s) * 1_000_000_000n + BigInt(n);
        const w = new ProtoWriter();
        writeHrTimeFixed64(w, [s, n]);
        expect(new ProtoReader(w.finish()).fixed64()).toBe(expected);
        expect(hrTimeToNanosString([s, n])).toBe(expected.toString());
        expect(Buffer.from(jsonBytes((j) => writeHrTimeJson(j, [s, n]))).toString()).toBe(`"${expected}"`);
      }),
      { numRuns: 2000 },
    );
    expect(hrTimeToNanosString([1_764_300_000, 5])).toBe('1764300000000000005');
    expect(hrTimeToNanosString([0, 42])).toBe('42');
    expect(Buffer.from(jsonBytes((j) => writeHrTimeJson(j, [1, 2_000_000_000]))).toString()).toBe(
      '"3000000000"',
    );
    // Not what the SDK makes, but still exact: nanoseconds past one second.
    expect(hrTimeToNanosString([1, 2_000_000_000])).toBe('3000000000');
    const fixed = (t: [number, number]) => {
      const w = new ProtoWriter();
      writeHrTimeFixed64(w, t);
      return new ProtoReader(w.finish()).fixed64();
    };
    expect(fixed([1, 2_000_000_000])).toBe(3_000_000_000n);
    expect(fixed([4_294_967_295, 999_999_999])).toBe(4_294_967_295_999_999_999n);
    expect(fixed([1.5, 0.7])).toBe(1_000_000_000n); // truncated, as the official serializer does
    expect(fixed([18_446_744_073, 709_551_615])).toBe(2n ** 64n - 1n);
    expect(isZeroHrTime([0, 0])).toBe(true);
    expect(isZeroHrTime([0, 1])).toBe(false);
  });
});

describe('writeHexBytes', () => {
  it('writes lower- and upper-case hex as length-prefixed bytes', () => {
    const w = new ProtoWriter();
    writeHexBytes(w, '00ff7fA0Bc');
    expect(Buffer.from(w.finish()).toString('hex')).toBe('0500ff7fa0bc');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 32 }), fc.boolean(), (bytes, upper) => {
        const hex = Buffer.from(bytes).toString('hex');
        const v = new ProtoWriter();
        writeHexBytes(v, upper ? hex.toUpperCase() : hex);
        expect(new ProtoReader(v.finish()).bytes()).toEqual(new Uint8Array(bytes));
      }),
    );
  });
});
