import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { availableBackends, getKernels } from '../src/backend.js';
import { jsKernels } from '../src/js-backend.js';
import type { Kernels } from '../src/kernels.js';
import { compileKeyTable } from '../src/key-table.js';
import { loadNativeAddon } from '../src/native-addon.js';

// Every non-reference backend, and for native every instruction-set level this CPU has, runs the
// raw kernels on the same random inputs as the TS reference; outputs must be identical.
// Inputs up to each maxLength (the default size keeps arrays around 10 elements).
fc.configureGlobal({ baseSize: 'large' });

const addon = loadNativeAddon();
const cases: [string, Kernels, string | undefined][] = [];
for (const name of availableBackends()) {
  if (name === 'js') continue;
  const k = getKernels(name) as Kernels;
  if (name === 'native' && addon)
    for (const level of addon.levels()) cases.push([`native/${level}`, k, level]);
  else cases.push([name, k, undefined]);
}
afterAll(() => {
  addon?.selectLevel('auto');
});

function offsetsOf(lengths: number[]): Uint32Array {
  const o = new Uint32Array(lengths.length + 1);
  for (let i = 0; i < lengths.length; i++) o[i + 1] = o[i] + lengths[i];
  return o;
}

function concat(parts: Uint8Array[], pad: number): { bytes: Uint8Array; offsets: Uint32Array } {
  const offsets = offsetsOf(parts.map((p) => p.length));
  const buf = new Uint8Array(offsets[parts.length] + pad + 1);
  const bytes = buf.subarray(pad, pad + offsets[parts.length]);
  parts.forEach((p, i) => {
    bytes.set(p, offsets[i]);
  });
  return { bytes, offsets };
}

/** Float64 values with the edge cases: NaN, +-0, +-Infinity, subnormals, huge and tiny. */
const edgy = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, -0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 5e-324, 2 ** -1022),
  fc.double({ min: -1e4, max: 1e4, noNaN: true }),
  fc.integer({ min: -3, max: 40 }).map((n) => n),
);
/** Unaligned Float64Array: a view 8*k bytes into a larger buffer (byte alignment itself is 8). */
function f64(values: number[], skip: number): Float64Array {
  const buf = new Float64Array(values.length + skip);
  buf.set(values, skip);
  return buf.subarray(skip);
}

describe.each(cases)('raw kernels: %s vs js', (_label, k, level) => {
  const select = () => {
    if (level) expect(addon?.selectLevel(level)).toBe(true);
  };

  it('histogram: counts, sum, min, max and NaN count are bit-identical', () => {
    select();
    const boundsArb = fc
      .uniqueArray(fc.double({ noNaN: true, min: -1e5, max: 1e5 }), { maxLength: 140 })
      .map((b) => Float64Array.from(b.sort((x, y) => x - y)).filter((v, i, a) => i === 0 || v !== a[i - 1]));
    fc.assert(
      fc.property(
        fc.array(edgy, { maxLength: 300 }),
        boundsArb,
        fc.integer({ min: 0, max: 3 }),
        (vals, bounds, skip) => {
          const values = f64(vals, skip);
          const c1 = new Float64Array(bounds.length + 1).fill(3);
          const c2 = new Float64Array(bounds.length + 1).fill(3);
          const s1 = new Float64Array(4);
          const s2 = new Float64Array(4);
          jsKernels.histogram(values, bounds, c1, s1);
          k.histogram(values, bounds, c2, s2);
          expect(c2).toEqual(c1);
          expect(Object.is(s2[0], s1[0]) || (Number.isNaN(s2[0]) && Number.isNaN(s1[0]))).toBe(true);
          expect([s2[1], s2[2], s2[3]]).toEqual([s1[1], s1[2], s1[3]]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('histogram: bounds edge values land in the bucket they close', () => {
    select();
    const bounds = Float64Array.from([-1, 0, 1, 10]);
    const values = Float64Array.from([-1, -0, 0, 1, 10, 10.000000000000002, -Infinity, Infinity, Number.NaN]);
    const c = new Float64Array(5);
    const s = new Float64Array(4);
    k.histogram(values, bounds, c, s);
    expect(Array.from(c)).toEqual([2, 2, 1, 1, 2]);
    expect(Array.from(s.subarray(1))).toEqual([-Infinity, Infinity, 1]);
  });

  it('exponentialIndex matches at every scale', () => {
    select();
    fc.assert(
      fc.property(fc.array(edgy, { maxLength: 100 }), fc.integer({ min: -10, max: 20 }), (vals, scale) => {
        const values = Float64Array.from(vals);
        const a = new Int32Array(values.length);
        const b = new Int32Array(values.length);
        jsKernels.exponentialIndex(values, scale, a);
        k.exponentialIndex(values, scale, b);
        expect(b).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });

  it('hash64 (wyhash final4) matches on random ranges, seeds and offsets', () => {
    select();
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 150 }), { maxLength: 20 }),
        fc.integer(),
        fc.integer({ min: 0, max: 7 }),
        (parts, seed, pad) => {
          const { bytes, offsets } = concat(parts, pad);
          const a = new BigUint64Array(parts.length);
          const b = new BigUint64Array(parts.length);
          jsKernels.hash64(bytes, offsets, seed >>> 0, (seed * 7) >>> 0, new Uint32Array(a.buffer));
          k.hash64(bytes, offsets, seed >>> 0, (seed * 7) >>> 0, new Uint32Array(b.buffer));
          expect(b).toEqual(a);
        },
      ),
    );
  });

  it('hex encode/decode match, including bad digits and unaligned views', () => {
    select();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 0, max: 3 }), (src, pad) => {
        const a = new Uint8Array(2 * src.length + pad).subarray(pad);
        const b = new Uint8Array(2 * src.length + pad).subarray(pad);
        jsKernels.hexEncode(src, a);
        k.hexEncode(src, b);
        expect(b).toEqual(a);
        const d1 = new Uint8Array(src.length);
        const d2 = new Uint8Array(src.length);
        expect(k.hexDecode(b, d2)).toBe(-1);
        expect(d2).toEqual(src);
        if (src.length > 0) {
          const bad = Uint8Array.from(a);
          bad[src[0] % bad.length] = [0x67, 0x2f, 0x3a, 0x40, 0x47, 0x60, 0xff][src[0] % 7];
          expect(k.hexDecode(bad, d2)).toBe(jsKernels.hexDecode(bad, d1));
          const upper = Uint8Array.from(a, (c) => (c >= 0x61 ? c - 0x20 : c));
          expect(k.hexDecode(upper, d2)).toBe(-1);
          expect(d2).toEqual(src);
        }
      }),
    );
  });

  /** Decodes `src` with the reference and with `k` into `cap` slots (u64 and u32): same result and values. */
  function sameDecode(src: Uint8Array, cap: number): number {
    const a = new BigUint64Array(cap);
    const b = new BigUint64Array(cap);
    const r = jsKernels.varintDecode64(src, new Uint32Array(a.buffer));
    expect(k.varintDecode64(src, new Uint32Array(b.buffer))).toBe(r);
    expect(b).toEqual(a);
    const u1 = new Uint32Array(cap);
    const u2 = new Uint32Array(cap);
    expect(k.varintDecode32(src, u2)).toBe(jsKernels.varintDecode32(src, u1));
    expect(u2).toEqual(u1);
    return r;
  }

  function encode64(values: bigint[]): Uint8Array {
    const pairs = new Uint32Array(BigUint64Array.from(values).buffer);
    const bytes = new Uint8Array(10 * values.length);
    return bytes.subarray(0, jsKernels.varintEncode64(pairs, bytes));
  }

  it('varint encode/decode match for u32 and u64, and reject the same malformed input', () => {
    select();
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: 0n, max: 300n })), {
          maxLength: 100,
        }),
        (vals) => {
          const values = BigUint64Array.from(vals);
          const pairs = new Uint32Array(values.buffer);
          const e1 = new Uint8Array(10 * values.length);
          const e2 = new Uint8Array(10 * values.length);
          const n1 = jsKernels.varintEncode64(pairs, e1);
          expect(k.varintEncode64(pairs, e2)).toBe(n1);
          expect(e2).toEqual(e1);
          const src = e1.subarray(0, n1);
          const d1 = new BigUint64Array(values.length);
          const d2 = new BigUint64Array(values.length);
          expect(k.varintDecode64(src, new Uint32Array(d2.buffer))).toBe(values.length);
          expect(jsKernels.varintDecode64(src, new Uint32Array(d1.buffer))).toBe(values.length);
          expect(d2).toEqual(values);
          const u1 = new Uint32Array(values.length);
          const u2 = new Uint32Array(values.length);
          expect(k.varintDecode32(src, u2)).toBe(jsKernels.varintDecode32(src, u1));
          expect(u2).toEqual(u1);
          const lows = Uint32Array.from(vals, (v) => Number(v & 0xffffffffn));
          const f1 = new Uint8Array(5 * lows.length);
          const f2 = new Uint8Array(5 * lows.length);
          expect(k.varintEncode32(lows, f2)).toBe(jsKernels.varintEncode32(lows, f1));
          expect(f2).toEqual(f1);
        },
      ),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.integer({ min: 0, max: 12 }), (src, cap) => {
        sameDecode(src, cap);
      }),
      { numRuns: 300 },
    );
  });

  // Long enough for the 64-byte blocks of the wasm kernel: runs of short varints, varints of 9 and
  // 10 bytes between them, then damage (cut, a byte replaced, 11 continuation bytes) and a small dst.
  it('varint decode matches on long mixed inputs with damage and small dst', () => {
    select();
    const value = fc.oneof(
      { weight: 4, arbitrary: fc.bigInt({ min: 0n, max: 127n }) },
      { weight: 3, arbitrary: fc.bigInt({ min: 128n, max: 16383n }) },
      { weight: 2, arbitrary: fc.bigInt({ min: 0n, max: 2n ** 56n - 1n }) },
      { weight: 1, arbitrary: fc.bigInt({ min: 2n ** 56n, max: 2n ** 64n - 1n }) },
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 400 }),
        fc.nat(),
        fc.integer({ min: 0, max: 3 }),
        fc.nat({ max: 255 }),
        fc.integer({ min: 0, max: 420 }),
        (vals, at, damage, byte, cap) => {
          const clean = encode64(vals);
          const i = at % clean.length;
          let src = clean;
          if (damage === 1) src = clean.subarray(0, i);
          else if (damage === 2) {
            src = clean.slice();
            src[i] = byte;
          } else if (damage === 3) {
            src = new Uint8Array(clean.length + 11);
            src.set(clean.subarray(0, i));
            src.fill(0x80, i, i + 11);
            src.set(clean.subarray(i), i + 11);
          }
          if (damage === 0) expect(sameDecode(src, vals.length)).toBe(vals.length);
          sameDecode(src, Math.min(cap, vals.length + 2));
        },
      ),
      { numRuns: 400 },
    );
  });

  // Past the wasm glue's chunk size (64 KiB): errors and a full dst after the first chunks.
  it('varint decode matches on inputs of several chunks', () => {
    select();
    const vals: bigint[] = [];
    let x = 0x2545f491;
    for (let i = 0; i < 120_000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const kind = x % 10;
      vals.push(kind < 5 ? BigInt(x >>> 25) : kind < 8 ? BigInt(x >>> 18) : BigInt(x) * BigInt(x >>> 9));
    }
    const src = encode64(vals);
    expect(src.length).toBeGreaterThan(3 * 65536);
    expect(sameDecode(src, vals.length)).toBe(vals.length);
    expect(sameDecode(src, 100_000)).toBeLessThan(-(2 ** 32));
    for (const at of [65536 - 17, 65536 - 3, 65536 + 5, 2 * 65536 + 1000]) {
      expect(sameDecode(src.subarray(0, at), vals.length)).toBeGreaterThanOrEqual(-1 - at);
      const bad = src.slice();
      bad.fill(0xff, at, at + 11);
      expect(sameDecode(bad, vals.length)).toBeLessThan(0);
    }
  });

  it('utf8Validate matches on random bytes and random strings', () => {
    select();
    const part = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }).map((s) => new TextEncoder().encode(s)),
      fc
        .tuple(fc.string({ maxLength: 20 }), fc.constantFrom(0xed, 0xf4, 0xe0, 0xc0, 0xf0, 0x80))
        .map(([s, b]) => Uint8Array.from([...new TextEncoder().encode(s), b, 0xa0, 0x80])),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 20 }), fc.integer({ min: 0, max: 3 }), (parts, pad) => {
        const { bytes, offsets } = concat(parts, pad);
        const a = new Uint8Array(parts.length);
        const b = new Uint8Array(parts.length);
        expect(k.utf8Validate(bytes, offsets, b)).toBe(jsKernels.utf8Validate(bytes, offsets, a));
        expect(b).toEqual(a);
      }),
    );
  });

  it('matchKeys matches on random key sets', () => {
    select();
    const key = fc.oneof(
      fc.constantFrom('http.method', 'http.route', 'a', '', 'http.request.header.x', 'db.statement'),
      fc.string({ maxLength: 24 }),
    );
    fc.assert(
      fc.property(fc.array(key, { maxLength: 40 }), fc.array(key, { maxLength: 40 }), (set, keys) => {
        const table = compileKeyTable(set);
        const enc = new TextEncoder();
        const { bytes, offsets } = concat(
          keys.map((s) => enc.encode(s)),
          1,
        );
        const a = new Int32Array(keys.length);
        const b = new Int32Array(keys.length);
        jsKernels.matchKeys(table.table, bytes, offsets, a);
        k.matchKeys(table.table, bytes, offsets, b);
        expect(b).toEqual(a);
      }),
    );
  });
});

describe.each(cases)('raw kernels on large inputs: %s', (_label, k, level) => {
  it('histogram over 100,003 values with 16 and 200 bounds, from an unaligned offset', () => {
    if (level) addon?.selectLevel(level);
    let seed = 12345;
    const rnd = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const all = Float64Array.from({ length: 100_004 }, () => 0.1 * 300_000 ** rnd());
    all[777] = Number.NaN;
    all[778] = -0;
    all[779] = Number.NEGATIVE_INFINITY;
    const values = all.subarray(1);
    for (const nb of [16, 200]) {
      const bounds = Float64Array.from({ length: nb }, (_, i) => 0.1 * 300_000 ** ((i + 1) / (nb + 1)));
      const c1 = new Float64Array(nb + 1);
      const c2 = new Float64Array(nb + 1);
      const s1 = new Float64Array(4);
      const s2 = new Float64Array(4);
      jsKernels.histogram(values, bounds, c1, s1);
      k.histogram(values, bounds, c2, s2);
      expect(c2).toEqual(c1);
      expect(s2).toEqual(s1);
    }
  });
});
